"""A breadcrumb row is shortened to the first length that fits, found by halving the tries."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.exporters.diagram import pagetrail
from argmap.exporters.diagram.linebreak import shorten
from argmap.exporters.diagram.styles import NODE_STYLE
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap

_WORDS = st.sampled_from(
    [
        "a",
        "claim",
        "Pyongyang's",
        "anti-Americanism",
        "北朝鮮の核",
        "ДНР",
        "שלום",
        "👍🏽",
        "x" * 30,
    ]
)


def _map(text: str) -> ArgumentMap:
    thesis = {"id": "t", "text": "T.", "premises": [{"id": "p", "text": text}]}
    return validate_data({"title": "Trail", "thesis": thesis})


def _one_at_a_time(m: ArgumentMap, where: tuple[int, bool, int], widest: float) -> str:
    """The row as each length was tried in turn, shortest last (the way it was first written)."""
    node = m.get("p")
    level, skipped, step = where
    style = NODE_STYLE[node.kind]
    indent = " " * step * min(level, 6) + ("… " if skipped else "")
    name = style.label or node.id
    line = f"{indent}{name}: {shorten(node.text, pagetrail.TRAIL_CHARS)}"
    chars = pagetrail.TRAIL_CHARS
    least = pagetrail.TRAIL_LEAST if step > pagetrail.INDENTS[-1] else pagetrail.TRAIL_FEWEST
    while pagetrail._row_points(line) > widest and chars > least:
        chars -= 4 if chars > pagetrail.TRAIL_LEAST else 2
        line = f"{indent}{name}: {shorten(node.text, chars)}"
    return line


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(_WORDS, min_size=1, max_size=14),
    level=st.integers(0, 9),
    skipped=st.booleans(),
    step=st.sampled_from(pagetrail.INDENTS),
    widest=st.floats(20, 400),
)
def test_the_row_is_the_one_trying_each_length_in_turn_gives(
    words: list[str], level: int, skipped: bool, step: int, widest: float
) -> None:
    m = _map(" ".join(words))
    where = (level, skipped, step)
    styles = NODE_STYLE
    got = pagetrail._trail_line(m, m.get("p"), styles, where, widest)
    assert got == _one_at_a_time(m, where, widest)
