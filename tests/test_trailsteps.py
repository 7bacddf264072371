"""A "so" arrow redrawn in a lane: its path, its arrowhead at its conclusion, its word."""

from __future__ import annotations

import itertools
import math
import re

from hypothesis import given
from hypothesis import strategies as st

from argmap.exporters.diagram.geometry import Box
from argmap.exporters.diagram.svgedits import edit
from argmap.exporters.diagram.trailround import Round
from argmap.exporters.diagram.trailsteps import LABEL_GAP, WORD, read_step, step_redrawn

Point = tuple[float, float]

_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")

# An engine's "so" arrow from a breadcrumb row (its side at x 100) down to a conclusion's
# top: a path, its hollow arrowhead (10 long, 6.3 wide) and its word.
_ARROW = (
    '<g id="edge1" class="edge drawn&#45;from trail_row_1">\n'
    "<title>page trail:w&#45;&gt;c:w</title>\n"
    '<g id="a_edge1"><a xlink:title="s, so c">\n'
    '<path fill="none" stroke="#4527a0" d="M100,-300C80,-300 60,-250 60,-210"/>\n'
    '<polygon fill="none" stroke="#4527a0" points="63.15,-210 60,-200 56.85,-210 63.15,-210"/>\n'
    "</a>\n</g>\n"
    '<text text-anchor="middle" x="70" y="-250" font-size="11.00">so</text>\n'
    "</g>"
)
_TRAIL = Box(100.0, -320.0, 300.0, -280.0)
_CONCLUSION = Box(40.0, -198.0, 240.0, -150.0)


def _read() -> Round:
    found = read_step(_ARROW, (0, len(_ARROW)), 1, (_TRAIL, [_CONCLUSION]))
    assert found is not None
    return found


def test_a_step_is_read_from_its_arrowheads_tip_back_to_the_breadcrumb() -> None:
    """Read as a lane's edge, a "so" arrow runs from its arrowhead's tip, moved onto its
    conclusion's outline (the engine stopped it 2 points short), back to the breadcrumb,
    and keeps its arrowhead and word to redraw."""
    r = _read()
    assert r.item == (60.0, -198.0)
    assert r.base == (100.0, -300.0)
    assert r.row == 1 and r.heads == [] and r.step is not None
    assert r.step.reach == 10.0
    assert r.step.label is not None


@given(
    lane=st.floats(min_value=1.0, max_value=36.0),
    tip_y=st.floats(min_value=-318.0, max_value=-282.0),
    into_y=st.floats(min_value=-196.0, max_value=-152.0),
)
def test_a_redrawn_step_ends_at_its_conclusion_with_the_same_arrowhead(
    lane: float, tip_y: float, into_y: float
) -> None:
    """Wherever its lane runs, the arrow starts at its row's tip on the breadcrumb, its
    arrowhead (the same shape, turned) touches the conclusion where the way in ends,
    pointing along it, and its word sits over the arrowhead, clear of the conclusion."""
    r = _read()
    side = (_CONCLUSION.left, into_y)
    x = _CONCLUSION.left - lane
    way = [side, (x, into_y), (x, tip_y)]
    tip = (_TRAIL.left, tip_y)
    svg = edit(_ARROW, step_redrawn(r, way, tip, -1.0))
    d = re.search(r'\bd="([^"]*)"', svg)
    assert d is not None
    start = tuple(float(v) for v in _PAIR.findall(d.group(1))[0])
    assert math.dist(start, tip) < 0.01
    outline = [
        (float(a), float(b)) for a, b in _PAIR.findall(re.findall(r'points="([^"]*)"', svg)[0])
    ]
    head = max(outline, key=lambda p: p[0])  # pointing right, into the conclusion
    assert math.dist(head, side) < 0.02
    sides = sorted(round(math.dist(p, q), 1) for p, q in itertools.pairwise(outline))
    assert sides == [6.3, 10.5, 10.5]
    text = re.search(r'x="([-\d.]+)" y="([-\d.]+)"', svg)
    assert text is not None
    wx, wy = float(text.group(1)), float(text.group(2))
    assert wx + WORD / 2 <= _CONCLUSION.left  # clear of the box, over the arrowhead
    assert math.isclose(wy, into_y - LABEL_GAP, abs_tol=0.01)
