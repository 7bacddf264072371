"""Pages of very unequal branches: edges that do not cross, no leaf alone on a page."""

from __future__ import annotations

from itertools import groupby

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.trailname import TRAIL
from argmap.load.maps import load_map
from argmap.options import Fit, RenderOptions
from tests.conftest import MAPS, ROOT
from tests.test_stublabels import _stub_labels

CASES = ROOT / "tests" / "cases" / "unequal"


def _laid(name: str, fit: Fit, portrait: bool = False) -> Layout:
    path = MAPS / name if name.startswith("russias") else CASES / name
    m = load_map(path)
    return lay_out(m, analyze(m), RenderOptions(portrait=portrait), fit, find_engine("auto"))


def test_a_long_list_of_leaves_on_slides_crosses_no_edges() -> None:
    """One reason with 60 pieces of evidence, others with one: on its continued pages, a
    grouped stub in the last of several rows aimed at the breadcrumb's corner, its arrow
    crossing the arrow of the box above it just short of the breadcrumb (slides 4, 6)."""
    m = load_map(CASES / "sixty-pieces-of-evidence.yaml")
    order = {node.id: i for i, node in enumerate(m.walk())}
    layout = _laid("sixty-pieces-of-evidence.yaml", "slide")
    for page in layout.pages:
        number = page.plan.page.number
        assert geometry.all_crossings(page.svg) == 0, number
        assert geometry.misplaced(page.svg, order) == (0, 0), number


@pytest.mark.parametrize(("fit", "grids"), [("slide", 6), ("a4", 6), ("letter", 7)])
def test_pages_going_on_down_a_long_list_of_evidence_are_grids(fit: Fit, grids: int) -> None:
    """The pages going on with a reason's 60 pieces of evidence, under its breadcrumb, came
    out as staircases: columns stepping in row by row, long edges fanning out to each box.
    The stub of the pieces that go on, narrower than the statements (slides), and the
    room planned for the edges from below, wider than the first row of two (A4), left
    them laid out freely; so did rows that change length (slides: two, two, two, three,
    three). Each page's rows of one length now keep their boxes in columns, each under
    the one above, and each row's boxes on one line."""
    layout = _laid("sixty-pieces-of-evidence.yaml", fit)
    checked = 0
    for page in layout.pages:
        boxes = geometry.boxes(page.svg)
        for wrap in page.plan.page.wraps:
            if wrap.parent != TRAIL:
                continue
            for row in wrap.rows:
                levels = [(boxes[n].top + boxes[n].bottom) / 2 for n in row]
                assert max(levels) - min(levels) < 1.0, (page.plan.page.number, row)
            runs = [list(run) for _, run in groupby(wrap.rows, len)]
            for run in (run for run in runs if len(run) > 1):  # rows of one length
                checked += 1
                for column in zip(*run, strict=True):
                    middles = [(boxes[n].left + boxes[n].right) / 2 for n in column]
                    assert max(middles) - min(middles) < 1.0, (page.plan.page.number, column)
    assert checked >= grids


def test_a_stub_of_undercutters_of_a_breadcrumb_link_aims_at_its_junction() -> None:
    """The flagship on upright A4: two undercutters of a breadcrumb row's link, drawn in
    full, aim at its junction; their sibling's stub ("The 2014 turn...") aimed at the
    row's corner, crossing the link, its words "undercuts its link" far from both."""
    layout = _laid("russias-game-in-north-korea.yaml", "a4", portrait=True)
    page = next(
        p
        for p in layout.pages
        if any(s.tops[0] == "hedging-against-china" for s in p.plan.page.stubs)
    )
    heads = {e.tail: e.head for e in geometry.tree_edges(page.svg)}
    assert heads["stub hedging-against-china"] == "junction trail russias-korean-game"
    assert heads["stake-in-stability"] == heads["stub hedging-against-china"]
    assert "undercuts its link" not in page.svg
    assert geometry.all_crossings(page.svg) == 0


def test_a_rebuttal_with_a_cross_link_is_drawn_at_its_stub() -> None:
    """A rebuttal with a cross-link, a leaf, was drawn on a page of its own (with the key),
    its stub on page 1: drawn in full, its reference went beside its parent's column of
    references, too wide. Held below it, ranks closer, it fits: two pages, not three."""
    layout = _laid("library-cross-links.yaml", "a4")
    assert len(layout.pages) == 2
    first = layout.pages[0].plan.page
    assert "savings" in first.nodes
    assert all(geometry.all_crossings(p.svg) == 0 for p in layout.pages)


def test_a_grouped_stub_of_leaves_counts_them_once() -> None:
    """A grouped stub of 43 pieces of evidence said "43 more pieces of evidence / 43 nodes
    in all, from p. 5": one count twice. Of leaves it now says where they go on only; a
    stub whose branches hold more still counts their nodes. Its box stays as wide as
    the planner sized it, so no page moves."""
    from argmap.exporters.diagram.stublabels import counted_once, grouped_stub_lines

    layout = _laid("sixty-pieces-of-evidence.yaml", "a4")
    said = [
        " / ".join(text)
        for page in layout.pages
        for _, text in _stub_labels(page.svg)
        if text and "pieces of evidence" in text[0] and "from p." in text[-1]
    ]
    assert said and all(line.split(" / ")[-1].startswith("from p.") for line in said), said
    assert not any("in all" in line for line in said), said
    leaves = grouped_stub_lines(["evidence"] * 3, 3, "5")
    assert counted_once(leaves, ["evidence"] * 3, 3, "5") == [
        "3 more pieces of evidence",
        "from p. 5",
    ]
    branches = grouped_stub_lines(["premise"] * 2, 5, "3")
    assert counted_once(branches, ["premise"] * 2, 5, "3") == branches
