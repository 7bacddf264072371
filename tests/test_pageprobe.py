"""Pages of random maps found under the legibility floor by a probe, now at it."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.view import visible_nodes
from argmap.exporters.diagram import geometry
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, NodeKind
from argmap.options import RenderOptions
from tests.test_pagefloor import _below_floor, _laid

CASES = Path(__file__).parent / "cases" / "pagefloor"


@pytest.mark.parametrize(
    ("name", "fit", "portrait", "direction"),
    [
        # What bears on a conclusion below the root's rank sits beside the root's
        # branches, sharing their ranks: planned under them, page 1 was at 0.80 of the floor.
        ("conclusion-objection-undercut", "slide", False, "TB"),
        ("conclusion-objection-undercut", "a4", False, "TB"),
        ("conclusion-objection-undercut", "slide", False, "LR"),
        # An undercut link runs through a junction, a rank of its own (0.80).
        ("conclusion-step-undercut", "a4", False, "TB"),
        ("conclusion-step-undercut", "letter", False, "LR"),
        # A conclusion's page drawn whole: its objection below the breadcrumb (0.72).
        ("conclusion-objected", "slide", True, "TB"),
        ("conclusion-objected", "a4", True, "TB"),
        # Beside the root, the conclusion's objection spreads its rank (0.95).
        ("conclusion-objected", "letter", True, "TB"),
        # Top-down, a linked pair right below the breadcrumb, centred over its first box
        # (the group's arrow leaves from it): side by side, the breadcrumb jutted out
        # past the group's box (0.97-0.99); upright, the pair goes in rows.
        ("linked-pairs-below-breadcrumbs", "letter", True, "TB"),
        ("linked-pairs-deep", "letter", True, "TB"),
        ("linked-pairs-deep", "a4", True, "TB"),
        # Left to right on an upright page, a conclusion alone on its page holds its
        # breadcrumb in its column, as planned (beside it: 0.95).
        ("conclusions-left-to-right", "slide", True, "LR"),
        ("conclusions-left-to-right", "a4", True, "LR"),
        # A one-node page too big with the stub of the siblings that go on drops it; the
        # key, planned below that stub, hung below a box of that name, drawn empty (0.66).
        ("key-below-a-dropped-stub", "slide", True, "TB"),
        ("key-below-a-dropped-stub", "slide", True, "BT"),
        # Left to right on an upright page, a conclusion paged apart with its step's
        # undercutter's stub beside the junction and its own conclusion's stub before it:
        # one stub wider than planned (0.86); the conclusion's stub now goes below it.
        ("conclusion-paged-with-its-conclusions", "a4", True, "LR"),
        ("conclusion-paged-with-its-conclusions", "letter", True, "LR"),
        ("conclusions-of-conclusions-objected", "a4", True, "LR"),
        # (and among other tops in the column: its step's word placed after layout, the
        # engine ranks the column; labelled, it failed with "trouble in init_rank")
        ("conclusions-of-conclusions-objected", "slide", True, "LR"),
        ("conclusion-stubs-among-tops", "slide", True, "LR"),
        ("conclusion-stubs-among-tops", "a4", True, "LR"),
        # Upright slides: the conclusions over an undercutter beside the thesis centre on
        # the step's junction, past the drawing's side (0.91); the key below the first of
        # two stubs, centred there, stuck out by half its width (0.89).
        ("conclusion-paged-with-its-conclusions", "slide", True, "TB"),
        ("conclusions-of-conclusions-objected", "slide", True, "TB"),
        ("key-below-two-stubs", "slide", True, "TB"),
        # Left to right, a "so" arrow from the breadcrumb to its junction runs along a rank:
        # labelled there, the engine failed to draw the page ("lost ... edge").
        ("conclusions-undercut-beside-breadcrumb", "letter", False, "LR"),
        ("conclusions-of-conclusions-objected", "a4", False, "LR"),
        # A linked pair leading its page, drawn wider than planned at every plan: cut down
        # to its first box, the page kept the pair whole (0.90); the pair now splits.
        ("linked-pair-wider-than-planned", "letter", True, "TB"),
        # Page 1 with a conclusion, its objections and an undercut step beside the thesis,
        # drawn wider than estimated at every plan (0.95 on A4, 0.86 on Letter): where it
        # would be cut down to the thesis, its conclusion goes on a page of its own.
        ("conclusion-beside-the-thesis-too-wide", "a4", False, "TB"),
        ("conclusion-beside-the-thesis-too-wide", "letter", False, "TB"),
    ],
)
def test_every_page_of_a_probed_map_is_at_the_floor(
    name: str, fit: str, portrait: bool, direction: str
) -> None:
    m = load_map(CASES / f"{name}.yaml")
    layout = _laid(m, fit, portrait, direction)
    assert _below_floor(layout) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))


def _cross_linked(count: int) -> ArgumentMap:
    """A generated map whose every other objection also attacks three nodes near it."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    data = generate(count)
    stack: list[tuple[dict[str, Any], str]] = [(data["thesis"], "")]
    while stack:
        node, key = stack.pop()
        number = int(node["id"][1:])
        if key == "objections" and number >= 10 and number % 2 == 0:
            node["links"] = [{"to": f"n{number - k}", "relation": "attacks"} for k in (3, 5, 8)]
        stack += [
            (child, k) for k in ("premises", "evidence", "objections") for child in node.get(k, [])
        ]
    return validate_data(data)


@pytest.mark.parametrize(
    ("fit", "portrait", "direction"),
    [("a4", True, "TB"), ("slide", True, "TB"), ("letter", False, "TB"), ("a4", True, "LR")],
)
def test_pages_with_references_to_other_pages_are_at_the_floor(
    fit: str, portrait: bool, direction: str
) -> None:
    """A node's references to nodes on other pages go in rows below it, as planned: each
    reference as wide and tall as drawn, a row held below the one before (an edge up to
    the node as well pushed each row aside: upright A4 pages at 0.93 of the floor)."""
    m = _cross_linked(120)
    layout = _laid(m, fit, portrait, direction)
    assert _below_floor(layout) == []
    refs = sum(page.svg.count('class="node page&#45;ref"') for page in layout.pages)
    assert refs > 20, "the map's cross-links are drawn as references"
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))


WORDS = [
    "school",
    "uniforms",
    "cost",
    "pupils",
    "parents",
    "teachers",
    "bullying",
    "identity",
    "freedom",
    "expression",
    "policy",
    "budget",
    "research",
    "study",
    "survey",
    "evidence",
    "discipline",
    "focus",
    "learning",
    "fashion",
    "pressure",
    "equality",
]


def _debate(seed: int, reasons: int, objections: int) -> ArgumentMap:
    """A pro/con debate grown at random (seeded), as Kialo shapes one: each claim has up
    to five answers of its own, three levels deep, of 6 to 24 words."""
    rnd = random.Random(seed)
    count = 0

    def claim(depth: int, against: bool) -> dict[str, Any]:
        nonlocal count
        count += 1
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 24)))
        node: dict[str, Any] = {"id": f"k{count}", "text": words.capitalize() + "."}
        for _ in range(rnd.choice([0, 0, 1, 2, 3, 5]) if depth < 3 else 0):
            agrees = rnd.random() < 0.6
            if against:
                key = "rebuttals" if agrees else "premises"
            else:
                key = "premises" if agrees else "objections"
            node.setdefault(key, []).append(claim(depth + 1, key != "premises"))
        return node

    thesis = {
        "id": "t",
        "text": "Schools should require uniforms.",
        "premises": [claim(1, False) for _ in range(reasons)],
        "objections": [claim(1, True) for _ in range(objections)],
    }
    return validate_data({"title": "Kialo-like debate", "thesis": thesis})


def test_tops_wrapped_in_columns_keep_the_breadcrumb_out_of_their_column() -> None:
    """Left to right on upright Letter, a page of six siblings from several of the
    breadcrumb's rows was planned in two columns of three with the breadcrumb in the
    first; drawn so, they go in one column (the breadcrumb's), a third taller than the
    page (0.78 of the floor after eight plans). Wrapped tops give the breadcrumb a column
    of its own, as drawn."""
    m = _debate(3, 15, 12)
    layout = _laid(m, "letter", True, "LR")
    assert _below_floor(layout) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))


def test_conclusions_drawn_from_a_conclusion_go_in_rows_over_it() -> None:
    """On an upright slide, three conclusions drawn from a conclusion paged apart are
    planned in rows; all in one rank over it they were drawn wider than the page, and
    after three more plans stood as one grouped stub ("3 more conclusions"). Each keeps
    its own stub now, in rows over the conclusion, the nearest first (one a row; since
    stubs name their kinds the planner puts the second and third in one row, above the
    first)."""
    m = load_map(CASES / "conclusions-drawn-from-a-conclusion.yaml")
    layout = _laid(m, "slide", True, "TB")
    assert _below_floor(layout) == []
    page = next(page for page in layout.pages if page.plan.page.tops == ("c",))
    boxes = geometry.boxes(page.svg)
    stubs = [boxes[f"stub {d}"] for d in ("d1", "d2", "d3")]
    assert all(stub.bottom < boxes["c"].top for stub in stubs)  # (y grows downwards)
    assert stubs[0].top > stubs[1].bottom and stubs[0].top > stubs[2].bottom


def test_a_conclusion_alone_on_its_page_is_held_over_its_step() -> None:
    """Upright Letter: a conclusion whose step is undercut, with two objections' stubs
    below the breadcrumb, was pulled aside by their arrows, a box right of its junction:
    drawn wider than planned at every plan (the last resort moved the stubs)."""
    m = load_map(CASES / "conclusion-held-over-its-step.yaml")
    layout = _laid(m, "letter", True, "TB")
    assert _below_floor(layout) == []
    page = next(page for page in layout.pages if page.plan.page.tops == ("c120",))
    boxes = geometry.boxes(page.svg)
    box, junction = boxes["c120"], boxes["junction c120"]
    assert abs((box.left + box.right) / 2 - (junction.left + junction.right) / 2) < 2
    assert layout.budget.holds(page.width, page.height)


@pytest.mark.parametrize(
    ("name", "fit", "portrait", "direction", "least"),
    [
        # (pages drawn so before the fix; now the tops go on pages of their own)
        ("conclusions-continued-upright", "letter", True, "TB", 0),
        ("conclusions-and-objections-continued", "letter", True, "TB", 0),
        ("conclusions-and-objections-continued", "letter", False, "TB", 0),
        # (pages with conclusions among their tops, checked)
        ("conclusions-continued-side-by-side", "letter", False, "TB", 2),
        ("conclusions-continued-side-by-side", "slide", False, "TB", 1),
        ("conclusions-continued-side-by-side", "letter", False, "BT", 2),
        ("conclusions-and-objections-continued", "a4", True, "TB", 1),
        ("conclusions-and-objections-continued", "a4", True, "BT", 1),
    ],
)
def test_conclusions_continued_from_the_breadcrumb_share_a_rank(
    name: str, fit: str, portrait: bool, direction: str, least: int
) -> None:
    """Top-down, a page's tops that are conclusions drawn from its breadcrumb sit above
    it, each at the end of its "so" arrow: they are planned in one row, as drawn (the
    first, before other tops). Planned in rows, they were drawn in two ranks, one pulled
    below the other's objections, at twice the width planned (upright Letter: a page of
    two such tops 300 points apart; upright A4, among objections: 118); in one row with
    an objection (landscape Letter), the conclusion shared its rank, below the
    breadcrumb, its "so" arrow pointing down. Bottom to top, the same upside down."""
    m = load_map(CASES / f"{name}.yaml")
    layout = _laid(m, fit, portrait, direction)
    assert _below_floor(layout) == []
    checked = 0
    for page in layout.pages:
        tops = [m.get(top) for top in page.plan.page.tops]
        tops = [top for top in tops if top.kind is NodeKind.CONCLUSION]
        if not tops or len(page.plan.page.tops) < 2:
            continue
        checked += 1
        boxes, trail = geometry.boxes(page.svg), geometry.boxes(page.svg)["page trail"]
        if direction == "TB":
            assert all(boxes[top.id].bottom < trail.top for top in tops)  # above it
        else:
            assert all(boxes[top.id].top > trail.bottom for top in tops)  # below it
        middles = [(boxes[top.id].top + boxes[top.id].bottom) / 2 for top in tops]
        assert max(middles) - min(middles) < 1, page.plan.page.tops
    assert checked >= least


def test_a_conclusion_sent_apart_leaves_page_1_filled_again() -> None:
    """Page 1 drawn too big with its conclusion beside the thesis at every plan: the
    conclusion goes on a page of its own, and page 1 holds the thesis's reason and
    objections again (cut down to the thesis, it held stubs only, on a third page)."""
    m = load_map(CASES / "conclusion-beside-the-thesis-too-wide.yaml")
    layout = _laid(m, "a4", False, "TB")
    first = layout.pages[0].plan.page
    assert {"t", "p1", "o8", "o9"} <= set(first.nodes)
    assert [stub.tops for stub in first.stubs] == [("c2",)]
    assert len(layout.pages) == 2 and _below_floor(layout) == []
