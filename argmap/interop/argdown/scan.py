"""The Argdown text scanner: an element's text unescaped, its tags, links and data block."""

from __future__ import annotations

import re
from typing import Final

from argmap.errors import MapFileError
from argmap.interop.argdown.lines import Line, data_blocks

__all__ = ["DEFINITION_RE", "LINK_RE", "Scan", "bare_mark", "refuse_line"]

_STAR, _UNDER = "\udb80", "\udb81"
"""Unescaped ``*`` and ``_`` while emphasis is looked for (lone surrogates, which no decoded
file holds; a text that holds them anyway keeps its emphasis marks)."""
_EMPHASIS: Final = re.compile(
    rf"(?<![\w{_UNDER}])({_UNDER}{_UNDER}|{_UNDER})(?=\S)(.{{1,300}}?)(?<=\S)\1(?![\w{_UNDER}])"
    rf"|({_STAR}{_STAR}|{_STAR})(?=\S)(.{{1,300}}?)(?<=\S)\3(?!{_STAR})",
    re.DOTALL,
)
_LINK: Final = re.compile(r"\[([^\]\n]{1,500})\]\(([^)\n]{1,2000})\)")
LINK_RE: Final = _LINK
"""A Markdown link ``[text](url)``: text, not a title."""
DEFINITION_RE: Final = re.compile(r"(\[|<)([^\]>\n]{1,500}?)(\]|>)(:?)")
"""A title opening an element: ``[Statement]``, ``<Argument>``, each with an optional colon."""
_SHORTCODE: Final = re.compile(r"([.:])(\S{1,20}?)\1")
SHORTCODES: Final = {
    "A": "\u2200", "E": "\u2203", "O": "\U0001d5e2", "P": "\U0001d5e3", "->": "\u2192",
    "<->": "\u2194", "~": "\u00ac", "^": "\u2227", "v": "\u2228", "v_": "\u22bb",
    "<>": "\u25c7", "[]": "\u25fb", "happy": "\U0001f600", "smile": "\u263a",
    "smiley": "\u263a", "laugh": "\U0001f606", "lol": "\U0001f606", "rofl": "\U0001f923",
    "joy": "\U0001f602", "heart": "\u2764", "?": "\u2753", "question": "\u2753",
    "love": "\U0001f60d", "wink": "\U0001f609", "shush": "\U0001f92b", "meh": "\U0001f610",
    "eye-roll": "\U0001f644", "sad": "\U0001f622", "disappointed": "\U0001f61e",
    "scream": "\U0001f631", "+1": "\U0001f44d", "up": "\U0001f44d", "-1": "\U0001f44e",
    "down": "\U0001f44e", "think": "\U0001f914", "star": "\u2b50", "y": "\u2714",
    "agree": "\u2714", "n": "\u274c", "disagree": "\u274c",
}  # fmt: skip
"""Argdown's shortcodes, ``.A.`` or ``:A:`` for the symbol it stands for (Argdown's defaults)."""
_TAG: Final = re.compile(r"#([\w-]+)")
_ORDINARY: Final = re.compile(r"[^\\#\[.:{*_]+")
"""Characters the scanner copies as they are: none starts an escape, tag, link, shortcode,
data block or emphasis."""


def _shortcode(text: str, i: int) -> re.Match[str] | None:
    code = _SHORTCODE.match(text, i)
    return code if code is not None and code.group(2) in SHORTCODES else None


class Scan:
    """The content of one element, scanned: its text (unescaped), tags and data block.

    Line breaks are spaces; ``*emphasis*`` and ``__strong__`` marks are dropped as Argdown
    drops them; a link ``[text](url)`` reads ``text``, as Argdown shows it, its words and
    address in ``links``; ``addressed`` is the text with each address after its words,
    ``text (url)`` (a link to an anchor in the document, ``(#heading)``, has no address:
    it means nothing outside the document).
    ``unsupported`` names what could not be read (a data block never closed); the rest
    of the content is then skipped.
    """

    def __init__(self, text: str) -> None:
        self.text = ""
        self.addressed = ""
        self.links: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.data: str | None = None
        self.unsupported: list[str] = []
        out: list[str | tuple[str, str]] = []
        marks = _STAR not in text and _UNDER not in text
        blocks = data_blocks(text) if "{" in text else {}
        i, n = 0, len(text)
        while i < n:
            if run := _ORDINARY.match(text, i):  # a run of letters no rule below reads
                out.append(run.group())
                i = run.end()
                continue
            ch = text[i]
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
            elif ch == "#" and i + 1 < n and text[i + 1] == "(":
                end = text.find(")", i)
                end = n if end < 0 else end
                self.tags.append(" ".join(text[i + 2 : end].split()))
                i = end + 1
            elif ch == "#" and (match := _TAG.match(text, i)):
                self.tags.append(match.group(1))
                i = match.end()
            elif ch == "[" and (link := _LINK.match(text, i)):
                words = Scan(link.group(1))  # escapes, emphasis, shortcodes and tags in it
                self.tags += words.tags
                url = link.group(2).strip()
                out.append(words.text if not url or url.startswith("#") else (words.text, url))
                i = link.end()
            elif ch in ".:" and (code := _shortcode(text, i)):
                out.append(SHORTCODES[code.group(2)])
                i = code.end()
            elif ch == "{":
                end = blocks.get(i, -1)
                if end < 0:
                    self.unsupported.append("a data block never closed")
                    break
                self.data = text[i : end + 1] if self.data is None else self.data
                i = end + 1
            else:
                out.append(_STAR if marks and ch == "*" else _UNDER if marks and ch == "_" else ch)
                i += 1
        self.text = _shown("".join(p if isinstance(p, str) else p[0] for p in out), marks)
        self.addressed = self.text
        links: list[tuple[str, str]] = [p for p in out if not isinstance(p, str)]
        if links:
            addressed = "".join(p if isinstance(p, str) else f"{p[0]} ({p[1]})" for p in out)
            self.addressed = _shown(addressed, marks)
            self.links = links


def _shown(plain: str, marks: bool) -> str:
    """Scanned text as Argdown shows it: emphasis marks dropped, spaces single."""
    marked = marks and (_STAR in plain or _UNDER in plain)
    for _ in range(3 if marked else 0):  # emphasis inside emphasis
        plain = _EMPHASIS.sub(lambda m: m.group(2) or m.group(4), plain)
    if marks:
        plain = plain.replace(_STAR, "*").replace(_UNDER, "_")
    return " ".join(plain.split())


def refuse_line(path: str, line: Line, title: str | None, statement: bool, *, bare: bool) -> None:
    """Refuse a line that cannot carry on the element above (titled ``title``, or untitled).

    Argdown refuses both, and reading them as text would change or lose it: a line that
    starts an element of its own (``[B]: ...`` or ``<B>``), and text after a bare
    reference ``[A]`` (a data block ``{...}`` may follow one).

    Raises:
        MapFileError: located at the line.
    """
    text = line.text
    shown = None if title is None else f"[{title}]" if statement else f"<{title}>"
    start = None if LINK_RE.match(text) else DEFINITION_RE.match(text)
    if start is not None and (start.group(1) == "[") == (start.group(3) == "]"):
        message = (
            f"{start.group(0)!r} starts a new element inside the text of "
            f"{shown or 'the element above'}; put an empty line before it (Argdown refuses "
            "it too)"
        )
    elif bare and shown is not None and ((scan := Scan(text)).text or scan.tags):
        message = (
            f"text after the reference {shown}, which would not be its text; write "
            f"'{shown}: text' to give it one, or put an empty line between them (Argdown "
            "refuses it too)"
        )
    else:
        return
    raise MapFileError(path, message, line=line.number, column=line.indent + 1)


def bare_mark(path: str, line: Line, mark: str) -> MapFileError:
    """The refusal of a relation mark with no element after it (Argdown refuses it too)."""
    return MapFileError(
        path,
        f"a relation {mark!r} with no element after it; write the element after the mark, or "
        "remove the mark (Argdown refuses it too)",
        line=line.number,
        column=line.indent + 1,
    )
