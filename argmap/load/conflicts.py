"""Git's merge-conflict markers left in a map's text, found and said as one located error."""

from __future__ import annotations

from typing import Final

from argmap.errors import MapFileError

__all__ = ["MARKERS", "conflict_error", "first_marker", "whole_conflict"]

MARKERS: Final = ("<<<<<<<", "|||||||", "=======", ">>>>>>>")
"""The lines git writes around a conflict (``|||||||``: the base, in diff3 style), in order."""


def _marker_lines(text: str, marker: str) -> list[int]:
    """The 1-based numbers of the lines that are ``marker``, alone or followed by a space.

    Only at the start of a line: indented, such a line is text (in a block scalar, say).
    """
    found: list[int] = []
    start = 0 if text.startswith(marker) else _next_line_with(text, marker, 0)
    line, counted = 1, 0  # lines counted up to ``counted``: each stretch once, not from 0
    while start >= 0:
        line += text.count("\n", counted, start)
        counted = start
        end = start + len(marker)
        if text[end : end + 1] in ("", "\n", "\r", " "):  # not a longer run of the sign
            found.append(line)
        start = _next_line_with(text, marker, end)
    return found


def _next_line_with(text: str, marker: str, start: int) -> int:
    """Where the next line starting with ``marker`` at or after ``start`` starts (-1: none)."""
    at = text.find("\n" + marker, start)
    return at + 1 if at >= 0 else -1


def _all_markers(text: str) -> dict[str, list[int]]:
    """Each marker's lines (only markers the text holds at a line's start)."""
    return {
        marker: lines
        for marker in MARKERS
        if marker in text and (lines := _marker_lines(text, marker))
    }


def first_marker(text: str) -> tuple[int, str] | None:
    """The line and marker to point at: the first ``<<<<<<<``, else the first marker.

    None when no line starts with a marker.
    """
    found = _all_markers(text)
    if not found:
        return None
    if MARKERS[0] in found:
        return found[MARKERS[0]][0], MARKERS[0]
    return min((lines[0], marker) for marker, lines in found.items())


def whole_conflict(text: str) -> tuple[int, str] | None:
    """Where a whole conflict starts: a ``<<<<<<<`` line, then ``=======``, then ``>>>>>>>``.

    Git writes the three in that order at the start of lines. A file holding them is an
    unresolved merge whether or not it still parses: the markers can all fall inside a
    multi-line quoted value, which then reads as text with markers in it.
    """
    if "<<<<<<<" not in text or "=======" not in text or ">>>>>>>" not in text:
        return None  # the usual case, at the speed of three substring searches
    found = _all_markers(text)
    opened, middle, closed = (found.get(marker, []) for marker in (MARKERS[0], *MARKERS[2:]))
    if not (opened and middle and closed):
        return None
    # The first opening has the most room after it: if no whole conflict follows it, none
    # follows a later one (lists are in line order, so this stays linear in the markers).
    after = next((line for line in middle if line > opened[0]), None)
    return (opened[0], "<<<<<<<") if after is not None and closed[-1] > after else None


def conflict_error(name: str, line: int, marker: str) -> MapFileError:
    """The error for an unresolved merge conflict whose marker ``marker`` is at ``line``."""
    return MapFileError(
        name,
        f"unresolved merge conflict (git's {marker} marker): keep one side or both, "
        "remove the marker lines, and try again",
        line=line,
        column=1,
    )
