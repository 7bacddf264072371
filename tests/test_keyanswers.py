"""A key's answers are written within their boxes: wrapped to the lines, cut short if need be."""

from __future__ import annotations

from argmap.exporters.diagram.keyanswers import ANSWER_POINTS, ELLIPSIS, ROOM, written_lines
from argmap.exporters.diagram.textwidth import text_points


def test_a_statement_is_written_within_its_lines() -> None:
    text = "A statement long enough to wrap over several ruled lines of a blank, and then some."
    lines, whole = written_lines(text, 4, 230)
    assert whole and " ".join(lines) == text
    assert all(text_points(line, ANSWER_POINTS, "I") <= 230 - ROOM for line in lines)
    cut, whole = written_lines(text * 3, 2, 230)
    assert not whole and len(cut) == 2 and cut[-1].endswith(ELLIPSIS)
    assert all(text_points(line, ANSWER_POINTS, "I") <= 230 - ROOM for line in cut)
    long, whole = written_lines("x" * 120, 9, 230)  # a word wider than a line is cut
    assert whole and "".join(long) == "x" * 120
    assert all(text_points(line, ANSWER_POINTS, "I") <= 230 - ROOM for line in long)
