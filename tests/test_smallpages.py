"""A small map on few pages: no page of one plain statement, the overview's stubs a branch each."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exercise import make_worksheet
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.lonepages import lone
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS

HOMEWORK = Path(__file__).parent / "cases" / "smallmaps" / "homework-debate.yaml"
"""Sixteen statements: four reasons with evidence, objections and rebuttals, a linked
pair, two objections to the thesis (a homework debate as a class writes it)."""


def _laid(m: ArgumentMap, options: RenderOptions, fit: str) -> Layout:
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _alone(m: ArgumentMap, layout: Layout) -> list[int]:
    """The pages that draw one plain statement and nothing else."""
    pages = [laid.plan.page for laid in layout.pages]
    drawn = sorted(node for page in pages for node in page.nodes)
    assert drawn == sorted(node.id for node in m.nodes)  # each node in full on one page
    return [page.number for page in pages if lone(m, page) and len(page.nodes) == 1]


def test_a_landscape_letter_page_takes_its_leaf_with_ranks_closer() -> None:
    """Letter, landscape: the homework debate took four pages, the fourth one evidence
    box alone; its parent's page, with the box in its stub's place, was 35 points too
    tall. Drawn with its ranks closer, it holds the box: three pages."""
    m = load_map(HOMEWORK)
    layout = _laid(m, RenderOptions(fit="letter"), "letter")  # type: ignore[arg-type]
    assert _alone(m, layout) == []
    assert len(layout.pages) <= 3


def test_a_fill_worksheet_takes_its_leaf_in_rows() -> None:
    """The fill worksheet on landscape A4: page 4 was one ruled evidence box, page 2
    ("1.2.1 continues on p. 4") half empty; the box beside its sibling's objection made
    page 2 too wide. With the parent's children in two rows it fits: three pages."""
    m = load_map(HOMEWORK)
    options = RenderOptions(exercise=True, exercise_kind="fill")  # type: ignore[arg-type]
    sheet = make_worksheet(m, options)
    drawn = (sheet.exercise, sheet.exercise_options), (sheet.answers, sheet.answer_options)
    for ex, opts in drawn:
        layout = _laid(ex, opts, "a4")
        assert _alone(ex, layout) == []
        assert len(layout.pages) <= 3


def test_the_upright_overview_gives_each_reason_a_stub() -> None:
    """The flagship on upright A4: page 1 named two of the thesis's reasons, then
    "4 more reasons · 9 nodes in all, from p. 5" (two linked pairs), its lower third
    blank. Each branch of the thesis has a stub of its own there now."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(fit="a4", portrait=True)  # type: ignore[arg-type]
    first = _laid(m, options, "a4").pages[0].plan.page
    assert not any(stub.grouped for stub in first.stubs)
    root = m.thesis.id
    named = {top for stub in first.stubs for top in stub.tops} | set(first.nodes)
    assert {kid.id for kid in m.children(root)} <= named
