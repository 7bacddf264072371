"""Arabic letters in their joined forms (Unicode presentation forms), for a PDF's unshaped text."""

from __future__ import annotations

import functools
import unicodedata
from typing import Final

__all__ = ["join_arabic"]

_ALEFS: Final = frozenset("\u0622\u0623\u0625\u0627")
"""The alefs that join a lam before them into one ligature (lam-alef)."""
_JOIN_CAUSING: Final = frozenset("\u0640\u200d")
"""The tatweel and the zero-width joiner: they join to both sides and keep their form."""


@functools.cache
def _forms() -> dict[str, dict[str, str]]:
    """Letter (or lam + alef) -> its presentation form by position: isolated, final..."""
    forms: dict[str, dict[str, str]] = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]:
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) < 2 or parts[0] not in ("<isolated>", "<final>", "<initial>", "<medial>"):
            continue
        letters = "".join(chr(int(part, 16)) for part in parts[1:])
        if len(letters) == 1 or (len(letters) == 2 and letters[0] == "\u0644"):
            forms.setdefault(letters, {}).setdefault(parts[0][1:-1], chr(code))
    return forms


def join_arabic(text: str, drawable: frozenset[int] | None = None) -> str:
    """Return ``text`` (in logical order) with each Arabic letter in its joined form.

    A letter joins the one before it when that one joins forward (a letter with an
    initial or medial form, the tatweel or a zero-width joiner), and the one after it
    when it joins forward itself and the next letter joins back; combining marks between
    them are passed over. A lam followed by an alef becomes their ligature. Only forms
    the font has (``drawable``, code points; None: all) are used.

    Args:
        text: a line, in logical order.
        drawable: the code points the drawing font has.
    """
    if not any("\u0620" <= ch <= "\u06ff" for ch in text):
        return text
    forms = _forms()
    chars = list(text)
    out: list[str] = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        nxt = _next_letter(chars, i)
        pair = ch + chars[nxt] if ch == "\u0644" and nxt is not None else ""
        letter = pair if pair[1:] in _ALEFS and nxt == i + 1 else ch
        shapes = forms.get(letter)
        if not shapes:
            out.append(ch)
            i += 1
            continue
        back = _joins_forward(_prev_letter(out), forms)
        ahead_index = _next_letter(chars, i + len(letter) - 1)
        ahead = ahead_index is not None and _joins_back(chars[ahead_index], forms)
        forward = "initial" in shapes or "medial" in shapes
        if len(letter) == 2:
            forward = False  # lam-alef ends a joined run
        position = (
            ("medial" if back else "initial")
            if forward and ahead
            else ("final" if back else "isolated")
        )
        form = shapes.get(position) or shapes.get("isolated")
        if form is not None and (drawable is None or ord(form) in drawable):
            out.append(form)
        else:
            out.extend(letter)
        i += len(letter)
    return "".join(out)


def _next_letter(chars: list[str], i: int) -> int | None:
    """The index of the next character after ``i`` that is not a combining mark."""
    for j in range(i + 1, len(chars)):
        if unicodedata.category(chars[j]) != "Mn":
            return j
    return None


def _prev_letter(out: list[str]) -> str:
    for ch in reversed(out):
        if unicodedata.category(ch) != "Mn":
            return ch
    return ""


def _joins_forward(ch: str, forms: dict[str, dict[str, str]]) -> bool:
    """Whether a (drawn) character joins the letter after it."""
    if ch in _JOIN_CAUSING:
        return True
    name = unicodedata.decomposition(ch).split()[:1] if ch else []
    if name in (["<initial>"], ["<medial>"]):
        return True
    shapes = forms.get(ch, {})
    return "initial" in shapes or "medial" in shapes


def _joins_back(ch: str, forms: dict[str, dict[str, str]]) -> bool:
    """Whether a letter joins the one before it (every Arabic letter with a final form)."""
    return ch in _JOIN_CAUSING or "final" in forms.get(ch, {})
