"""A map file's text seen as lines without copying it: each line cut when it is read."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Final, overload

__all__ = ["Edit", "TextLines", "spliced"]

_RARE_BREAKS: Final = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""What ends a line for ``str.splitlines`` besides a line feed and a carriage return."""

Edit = tuple[int, int, list[str]]
"""Replace lines ``[start, stop)`` (0-based) with the given lines."""


class TextLines(Sequence[str]):
    """``text.splitlines(keepends=True)``, each line cut from the text when it is read.

    The list held every line at once: for a big map a second copy of its text (54 MB for
    a chain 3,000 deep in block style) beside the text and the edited text at an edit's
    peak. :meth:`spliced` builds the edited text from the text itself.
    """

    __slots__ = ("_starts", "text")

    def __init__(self, text: str) -> None:
        """Find where each line of ``text`` starts (one number a line, and its end)."""
        self.text = text
        self._starts = _starts(text)

    def __len__(self) -> int:
        """How many lines."""
        return len(self._starts) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        """A line, line end kept (IndexError past the last), or a list of lines."""
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        return self.text[self._starts[index] : self._starts[index + 1]]

    def __iter__(self) -> Iterator[str]:
        """The lines in order."""
        return (self[i] for i in range(len(self)))

    def offset(self, line: int) -> int:
        """Where line ``line`` starts in the text (the text's length past the last)."""
        return self._starts[min(max(line, 0), len(self))]

    def spliced(self, edits: Sequence[Edit]) -> str:
        """The text with each edit's lines in place of the lines it replaces.

        ``edits`` are in order and do not overlap. The text is joined from slices of
        itself: one copy of it at most, none for a slice that is the whole text (an
        entry added at the file's end).
        """
        pieces: list[str] = []
        at = 0
        for start, stop, new_lines in edits:
            pieces.append(self.text[at : self.offset(start)])
            pieces.extend(new_lines)
            at = self.offset(stop)
        pieces.append(self.text[at:])
        return "".join(pieces)


def _starts(text: str) -> array[int]:
    """Where each line of ``text`` starts, as ``str.splitlines`` cuts it, then the text's end.

    Found from the line feeds where no other break is in the text (CRLF is one); else
    measured on the split lines (made all at once, their memory stays the process's).
    """
    if any(ch in text for ch in _RARE_BREAKS) or text.count("\r") != text.count("\r\n"):
        return array("q", accumulate(map(len, text.splitlines(keepends=True)), initial=0))
    starts = array("q", [0])
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    if starts[-1] != len(text):  # the last line has no line end
        starts.append(len(text))
    return starts


def spliced(lines: Sequence[str], edits: Sequence[Edit]) -> str:
    """The text of ``lines`` with each edit applied (in order, none overlapping)."""
    if isinstance(lines, TextLines):
        return lines.spliced(edits)
    out = list(lines)
    for start, stop, new_lines in reversed(edits):
        out[start:stop] = new_lines
    return "".join(out)
