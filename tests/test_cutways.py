"""Every undercutter on a fitted page ends on the link it undercuts, at a junction."""

from __future__ import annotations

import html
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Relation
from argmap.options import RenderOptions
from tests.conftest import MAPS

AT_BOX_WORDS = "undercuts its link"
"""The words on an undercutter's arrow drawn at a box (see :data:`~.trailcuts.AT_BOX_WORDS`)."""
_EDGE = re.compile(r'<g id="[^"]*" class="edge[^"]*">\s*<title>([^<]*)</title>')


def _homework() -> ArgumentMap:
    """A student's map: the study behind a reason undercut, the reason objected to too."""
    stress = {
        "id": "stress",
        "text": "Homework causes stress and it takes time away from play.",
        "evidence": [
            {
                "id": "study",
                "text": "A 2013 study found 56% of students named homework as a main source"
                " of stress.",
            }
        ],
        "objections": [
            {"id": "nostress", "text": "Homework does not cause stress."},
            {
                "id": "wrong-sample",
                "text": "The study surveyed high-school students in affluent communities,"
                " not primary pupils.",
                "undercut": True,
            },
        ],
    }
    gain = {
        "id": "no-gain",
        "text": "Homework does not improve learning for young children.",
        "evidence": [{"id": "meta", "text": "A meta-analysis found almost no link."}],
        "objections": [
            {
                "id": "habits",
                "text": "However homework builds study habits.",
                "rebuttals": [{"id": "q", "text": "Is that really so?"}],
            }
        ],
    }
    family = [
        {"id": "family", "text": "Children need time for family."},
        {"id": "parents", "text": "Parents are often unable to help."},
    ]
    thesis = {
        "id": "t",
        "text": "Homework should be banned in primary schools.",
        "premises": [
            stress,
            gain,
            {"id": "circ", "text": "Homework should be banned because it is bad."},
            {"linked": family},
        ],
        "objections": [{"id": "denial", "text": "That is not true."}],
        "conclusions": [{"id": "reading", "text": "Schools should replace homework."}],
    }
    return validate_data({"title": "Should homework be banned?", "thesis": thesis})


def _at_boxes(m: ArgumentMap, layout: Layout) -> list[str]:
    """The arrows of undercutters (drawn or stubs) that end at a box, unworded.

    That is, at their target's box (their parent's, or a cross-link's), or at the
    breadcrumb (whose row is their target), not at a junction on the target's link, with
    no words saying they undercut it (the last way, where no junction fits the page: see
    :mod:`~argmap.exporters.diagram.cutways`).
    """
    parents = {n.id: n.parent for n in m.nodes if n.relation is Relation.UNDERCUTS}
    linked = {(n.id, k.to) for n in m.nodes for k in n.links if k.relation is Relation.UNDERCUTS}
    found = []
    for page in layout.pages:
        for part in page.svg.split("\n<!-- ")[1:]:  # the engine's comment before each
            edge = _EDGE.search(part)
            if edge is None or AT_BOX_WORDS in part:
                continue
            text = html.unescape(edge.group(1))
            ends = [end.split(":")[0].removeprefix("stub ") for end in text.split("->")]
            for a, b in (ends, ends[::-1]):
                if (a in parents and b in (parents[a], "page trail")) or (a, b) in linked:
                    found.append(f"p.{page.plan.page.number}: {text}")
    return found


@pytest.mark.parametrize(
    ("fit", "portrait", "direction"),
    [
        ("a4", False, "TB"),
        ("a4", True, "TB"),
        ("letter", False, "TB"),
        ("letter", True, "TB"),
        ("slide", False, "TB"),
        ("slide", True, "TB"),
        ("a4", False, "LR"),
        ("a4", True, "BT"),
    ],
)
def test_an_undercut_studys_undercutter_ends_on_the_reasons_arrow(
    fit: str, portrait: bool, direction: str
) -> None:
    """The study behind 'Homework causes stress' is undercut; on A4 and Letter the reason
    continued on a page of two tops, and the undercutter's arrow ended on its box (an
    attack on its claim, against the key). It ends on a junction on the reason's arrow
    into the breadcrumb, as on slides (upright Letter, where no junction fits the page,
    at the box with words on it), and the pages stay at the floor."""
    m = _homework()
    options = RenderOptions(portrait=portrait, direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    assert _at_boxes(m, layout) == []
    assert any("wrong-sample" in p.plan.page.nodes for p in layout.pages)
    assert all(layout.scale(p) >= layout.budget.scale - 1e-9 for p in layout.pages)


@pytest.mark.parametrize(("fit", "portrait"), [("a4", False), ("letter", False), ("slide", False)])
def test_the_flagships_undercutters_end_on_the_links_they_undercut(
    fit: str, portrait: bool
) -> None:
    """The pivot's undercutters (A4 page 4: among a linked reason's children), the
    alternative explanations of Moscow's turn (each a page's top under the breadcrumb's
    row they undercut): all end on a junction on the link, none at a box. So does the 2012
    debt deal's cross-link, which undercuts the Reuters report's step as well as its
    twin's (A4 page 8: both reports tops, the deal under the other; it ended its bar on
    the Reuters box, no junction on that report's arrow)."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(portrait=portrait)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    assert _at_boxes(m, layout) == []


def test_the_label_worksheets_circle_argument_ends_on_the_link_with_its_sign_given() -> None:
    """Upright A4's label worksheet continues the pivot reason on a page whose tops include
    the circle argument, which undercuts that reason's link to the thesis (a breadcrumb
    row's). Drawn as a plain arrow into the row, the undercut vanished and its sign box
    was blank; it ends on a junction on that link, its box showing the grey minus that
    an arrow onto an arrow gets."""
    from argmap.exercise import make_worksheet
    from argmap.exporters.diagram.worksheet import ATTACKS_SIGN

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(exercise=True, exercise_kind="label", portrait=True)
    sheet = make_worksheet(m, options)
    ex = sheet.exercise
    circle = next(n.id for n in ex.nodes if n.text.startswith("The pivot argument runs"))
    layout = lay_out(ex, analyze(ex), sheet.exercise_options, "a4", find_engine("auto"))
    lines = [
        line.strip()
        for page in layout.pages
        if circle in page.plan.page.nodes
        for line in page.graph.source.splitlines()
        if line.strip().startswith(f'"{circle}" -> ') and "constraint=false" not in line
    ]
    lines = [line for line in lines if "invis" not in line]
    assert lines and all(line.split(" -> ")[1].startswith('"junction ') for line in lines)
    assert all(ATTACKS_SIGN in line for line in lines)
