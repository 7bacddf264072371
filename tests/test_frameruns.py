"""Arrows into a breadcrumb kept off the linked group's frame they pass, worksheets too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exercise import make_worksheet
from argmap.exporters.diagram.borderruns import end_boxes, outlines, runs_along
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.geometry import Box, curve, groups
from argmap.exporters.diagram.trailnest import FRAME, RISE, foot_level
from argmap.load.maps import load_map
from argmap.options import RenderOptions

CASES = Path(__file__).parent / "cases" / "borders"
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_PATH = re.compile(r'<path\b[^>]*?\bd="([^"]*)"')
_HEAD = re.compile(r'<polygon\b[^>]*?\bpoints="([^"]*)"')
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def frame_runs(svg: str) -> list[str]:
    """The edges that run along a linked group's frame they do not start or end at.

    Along: within :data:`~.borderruns.ALONG` points of it for more than
    :data:`~.borderruns.RUN` (see :func:`~.borderruns.border_runs`, which counts nodes'
    borders too); each edge by its title, once a run.
    """
    boxes = outlines(svg)
    found = []
    for kind, _, start, stop in groups(svg):
        path = _PATH.search(svg, start, stop) if kind == "edge" else None
        if path is None:
            continue
        numbers = [
            float(v) for h in _HEAD.finditer(svg, start, stop) for v in _NUMBER.findall(h[1])
        ]
        heads = list(zip(numbers[0::2], numbers[1::2], strict=False))
        points = curve(path.group(1))
        ends = end_boxes(points, heads, boxes)
        title = _TITLE.search(svg, start, stop)
        for index, (box, cluster) in enumerate(boxes):
            if cluster and index not in ends:
                found += [title.group(1) if title else "?"] * runs_along(points, box)
    return found


def _runs(layout: Layout) -> dict[int, list[str]]:
    """Each page's edges along a group's frame, by page number (pages with none left out)."""
    runs = {page.plan.page.number: frame_runs(page.svg) for page in layout.pages}
    return {number: found for number, found in runs.items() if found}


@pytest.mark.parametrize(
    ("name", "fit"),
    [("homework-reviewed", "a4"), ("homework-reviewed", "slide"), ("tempolimit", "letter")],
)
def test_arrows_into_the_breadcrumb_run_clear_of_the_group_frame_below_it(
    name: str, fit: str
) -> None:
    """A homework map's reasons continued on A4's page 3 under a breadcrumb, a linked
    reason's frame right below it: the arrows of the reasons and objections beside the
    group ran up its sides and along its top a few points off it for up to 200 points
    (the group framed twice; 7 runs), as did a stub's arrow round the group on the slide's
    page 1, and a German map's on Letter's page 3. They run :data:`~.trailnest.FRAME`
    off the frame: up past its sides, then over its top to the breadcrumb's foot."""
    m = load_map(CASES / f"{name}.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]
    assert _runs(layout) == {}


def test_a_fill_worksheets_arrows_run_clear_of_the_group_frame() -> None:
    """The same map's fill worksheet and its answer key, on A4: page 3's arrows of 1.4,
    1.5 and 1.6 into the breadcrumb hugged the linked group for 190, 130 and 70 points,
    one merged with its top (5 runs on each). (Page 4's undercut objection still rounds
    another group's corner 6 points off it: no way past it clears the boxes there.)"""
    options = RenderOptions(exercise=True, exercise_kind="fill")
    sheet = make_worksheet(load_map(CASES / "homework-debate.yaml"), options)
    for m, sheet_options in (
        (sheet.exercise, sheet.exercise_options),
        (sheet.answers, sheet.answer_options),
    ):
        layout = lay_out(m, analyze(m), sheet_options, "a4", find_engine("auto"))
        assert 3 not in _runs(layout)


def test_edges_into_the_foot_turn_over_a_frame_right_below_it() -> None:
    """Under a breadcrumb whose foot is at -700, edges turn 24 points down (-676), unless
    a group's frame has its top right there: then :data:`~.trailnest.FRAME` over it, up
    from its top, but never nearer the foot than :data:`~.trailnest.RISE`."""
    trail = Box(100, -760, 300, -700)
    level = trail.bottom + 24
    assert foot_level(trail, [], level) == (level, level)
    far = Box(0, -600, 400, -400)  # its top far below: the edges' last runs clear of it
    assert foot_level(trail, [far], level) == (level, level)
    near = Box(0, -679, 400, -400)  # 3 under where they turned: they ran along its top
    assert foot_level(trail, [near], level) == (-679 - FRAME, -679)
    close = Box(0, -690, 400, -400)  # 10 under the foot: no room for FRAME
    assert foot_level(trail, [close], level) == (trail.bottom + RISE, -690)
    lower = Box(0, -660, 400, -400)  # FRAME over its top is under the usual level
    assert foot_level(trail, [lower], level) == (level, -660)
    above = Box(0, -900, 400, -720)  # beside the breadcrumb, not under its foot
    assert foot_level(trail, [above], level) == (level, level)
