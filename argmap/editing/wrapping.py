"""Long statements written as the file wraps its own: folded (``>-``) at the file's width."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from argmap.editing.yamllines import indent_of
from argmap.load.dump import FOLD_WIDTH, FOLDED_FIELDS, folded_rows

__all__ = [
    "DEFAULT_WIDTH",
    "WRAPPED_FIELDS",
    "Wrap",
    "file_wrap",
    "fits",
    "fold_lines",
    "foldable",
    "reads_back",
]

WRAPPED_FIELDS: Final = FOLDED_FIELDS
"""Prose fields a long value of which is written folded, as :func:`~argmap.load.dump.dump_yaml`
folds them in a file it writes."""

DEFAULT_WIDTH: Final = FOLD_WIDTH
"""The width for a file with no folded text to measure: the one argmap writes files at."""

_WIDTHS: Final = (60, 120)
"""The narrowest and widest width measured from a file that argmap wraps at."""

_ENOUGH: Final = 200
"""Folded texts measured at most: the file's margin shows in far fewer (a big map's in 1%)."""

_FOLDED_HEAD: Final = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*)[^\s#'\"][^:#]*:[ ]+>-?[ ]*\r?$")
"""A mapping key whose value is a folded block scalar (``text: >-``, ``- note: >``)."""


@dataclass(frozen=True)
class Wrap:
    """How a file wraps its folded texts: at ``width`` columns, continuing ``step`` deeper."""

    width: int = DEFAULT_WIDTH
    step: int = 2


def file_wrap(lines: Sequence[str]) -> Wrap:
    """Measure how the file wraps its folded (``>``) texts.

    The width is that of the longest line of a folded text that is not the text's last
    line (an author breaks those lines where the next word would run past the margin; a
    last line, or a text on one line, says nothing of the margin), at most 120 columns;
    below 60 (texts broken where their sense breaks, not at a margin) or with no folded
    text of two lines, :data:`DEFAULT_WIDTH`. The step is how much deeper than its key a
    folded text's lines sit, as most of the file's do (2 if none).
    """
    widest = 0
    steps: dict[int, int] = {}
    i = 0
    while i < len(lines) and sum(steps.values()) < _ENOUGH:
        head = _FOLDED_HEAD.match(lines[i]) if ">" in lines[i] else None  # (a fast "no")
        i += 1
        if head is None:
            continue
        key_col = len(head.group("lead"))
        body: list[str] = []
        while i < len(lines) and (not lines[i].strip() or indent_of(lines[i]) > key_col):
            body.append(lines[i].rstrip("\r\n"))
            i += 1
        texts = [line for line in body if line.strip()]
        if texts:
            step = indent_of(texts[0]) - key_col
            steps[step] = steps.get(step, 0) + 1
        widest = max([widest, *(len(line) for line in texts[:-1])])
    step = max(steps, key=lambda step: (steps[step], -step)) if steps else 2
    if widest < _WIDTHS[0]:  # broken short (by sense, not at a margin), or no such line
        return Wrap(DEFAULT_WIDTH, step)
    return Wrap(min(widest, _WIDTHS[1]), step)


def foldable(value: Any) -> bool:
    """Whether ``value`` may be written folded: text in no quotes or block style of its own.

    Plain text, or text the file already writes folded; quoted or literal (``|``) text
    keeps the style its author chose.
    """
    from ruamel.yaml.scalarstring import FoldedScalarString

    return type(value) is str or isinstance(value, FoldedScalarString)


def fold_lines(key: str, value: str, col: int, wrap: Wrap) -> list[str] | None:
    """The lines of ``key: >-`` and ``value`` folded at the file's width, the key at ``col``.

    Lines are broken at single spaces between words (a folded line break reads back as
    one space there), as many words a line as the width holds. None when folding would
    not read back as the same text (a line break, a space at either end, a character
    YAML writes only escaped), which is checked by reading the lines back.
    """
    from argmap.load.dump import quote_risky

    if (
        not value
        or value != value.strip()
        or "\n" in value
        or "\r" in value
        or quote_risky(value) is not value
    ):
        return None
    indent = " " * (col + wrap.step)
    rows = folded_rows(value, wrap.width - len(indent))
    lines = [" " * col + f"{key}: >-\n", *(f"{indent}{row}\n" for row in rows)]
    return lines if reads_back(lines, key, value) else None


def fits(key: str, value: str, col: int, wrap: Wrap) -> bool:
    """Whether ``key: value`` fits on one line at ``col`` within the file's width."""
    return col + len(key) + 2 + len(value) <= wrap.width


def reads_back(lines: Sequence[str], key: str, value: str) -> bool:
    """Whether the lines of field ``key`` read back as ``value``, as written in the file.

    Read by both parsers a map may be read with: the C parser (where installed) and the
    round-trip one.
    """
    from ruamel.yaml import YAML

    text = "".join(lines)
    for kind in ("safe", "rt"):
        try:
            data = YAML(typ=kind).load(text)
        except Exception:  # whatever the parser raised: the lines are no such field
            return False
        if not isinstance(data, Mapping) or data.get(key) != value:
            return False
    return True
