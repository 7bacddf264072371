"""Small maps fit one page where a wrapped arrangement of their branches fits it."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.stacking import Item, group_item, rows_ranks
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions


def _laid(m: ArgumentMap, fit: str, portrait: bool = False) -> Layout:
    return lay_out(m, analyze(m), RenderOptions(portrait=portrait), fit, find_engine("auto"))  # type: ignore[arg-type]


def _phones() -> ArgumentMap:
    """A teacher's map: a reason with evidence, objection and rebuttal; a linked pair; an
    objection to the thesis (eight statements)."""
    reason = {
        "id": "distraction",
        "text": "Phones distract pupils in lessons.",
        "evidence": [
            {
                "text": "A 2015 LSE study found test scores rose after phone bans.",
                "basis": "statistic",
                "citation": {"outlet": "LSE", "date": "2015"},
            }
        ],
        "objections": [
            {
                "id": "teach-use",
                "text": "Pupils must learn to manage distraction themselves.",
                "rebuttals": [
                    {"text": "Learning self-control is easier without a phone in the pocket."}
                ],
            }
        ],
    }
    linked = {
        "linked": [
            {"text": "Cyberbullying often happens during the school day."},
            {"text": "Phones are the main tool of cyberbullying."},
        ]
    }
    objection = {
        "id": "emergencies",
        "text": "Parents need to reach their children in emergencies.",
    }
    thesis = {
        "id": "ban",
        "text": "Schools should ban phones.",
        "premises": [reason, linked],
        "objections": [objection],
    }
    return validate_data({"title": "Phones in class?", "thesis": thesis})


def _four_days() -> ArgumentMap:
    """A reason held up by a linked group of three, a reason with evidence, an objection
    with a rebuttal and an objection of its own (ten statements)."""
    group = {
        "linked": [
            {"text": "Trials found output unchanged."},
            {"text": "Our work is like the trial firms' work."},
            {"text": "Fewer hours mean fewer wasted meetings."},
        ]
    }
    hire = {
        "text": "It would help us hire.",
        "evidence": [
            {"text": "Job ads offering four days get twice the applicants.", "basis": "statistic"}
        ],
    }
    cover = {
        "text": "Customers expect cover five days a week.",
        "rebuttals": [{"text": "Staggered rotas keep every day covered."}],
        "objections": [{"text": "Rotas make handovers harder."}],
    }
    thesis = {
        "id": "fdw",
        "text": "Our firm should move to a four-day week.",
        "premises": [{"text": "Productivity would hold steady.", "premises": [group]}, hire],
        "objections": [cover],
    }
    return validate_data({"title": "Four-day week", "thesis": thesis})


def _cycle_lane() -> ArgumentMap:
    """A linked group of four beside a reason with evidence, two objections (ten)."""
    group = {
        "linked": [
            {"text": "Cycling on the high street is dangerous now."},
            {"text": "A separate lane would make it safe."},
            {"text": "Safe routes get more people cycling."},
            {"text": "More cycling cuts traffic in town."},
        ]
    }
    shops = {
        "text": "Shops gain from slower passing trade.",
        "evidence": [
            {"text": "Studies of Dutch high streets show spending rose.", "basis": "statistic"}
        ],
    }
    objections = [
        {
            "text": "Parking spaces would be lost.",
            "rebuttals": [{"text": "Most shoppers arrive on foot or by bus."}],
        },
        {"text": "Deliveries would block the lane."},
    ]
    thesis = {
        "id": "cl",
        "text": "The council should build a cycle lane on the high street.",
        "premises": [group, shops],
        "objections": objections,
    }
    return validate_data({"title": "Cycle lanes", "thesis": thesis})


@pytest.mark.parametrize(
    ("make", "fit"),
    [
        (_phones, "a4"),
        (_phones, "letter"),
        (_four_days, "a4"),
        (_four_days, "slide"),
        (_cycle_lane, "a4"),
    ],
)
def test_a_small_map_fits_one_page_at_the_floor(make: object, fit: str) -> None:
    """Each took two pages (the phones map three on Letter): a linked group went to a page
    of its own, under a breadcrumb, while the first page stood mostly empty. The thesis's
    branches now wrap into rows, each drawn whole (a reason with all it holds, a linked
    group), the key in the corner beside the thesis where it fits nowhere else."""
    m = make()  # type: ignore[operator]
    layout = _laid(m, fit)
    assert len(layout.pages) == 1
    page = layout.pages[0]
    assert sorted(page.plan.page.nodes) == sorted(node.id for node in m.walk())
    assert not page.plan.page.stubs
    assert layout.scale(page) >= layout.budget.scale - 1e-9  # every statement at the floor
    order = {node.id: i for i, node in enumerate(m.walk())}
    assert geometry.overlaps(page.svg) == 0
    assert geometry.crossings(page.svg) == 0
    assert geometry.misplaced(page.svg, order) == (0, 0)  # beneath the parent, in file order
    assert "legend key" in page.svg


def test_rows_may_follow_a_row_of_blocks_drawn_whole_however_deep() -> None:
    """A block of three ranks drawn with all it holds, or a linked group of such members,
    may have rows below it; one with a stub in it may not."""
    leaf = Item("c", 100.0, (40.0,), "c", whole=True)
    deep = Item("a", 200.0, (40.0, 30.0, 30.0), "a-leaf", whole=True)
    stubbed = deep._replace(whole=False)
    assert rows_ranks([[deep], [leaf]]) == (40.0, 30.0, 30.0, 40.0)
    assert rows_ranks([[stubbed], [leaf]]) == (float("inf"),)
    group = group_item([deep, leaf], 1000.0)
    assert group.whole
    assert not group_item([stubbed, leaf], 1000.0).whole
    assert rows_ranks([[group], [leaf]])[-1] == 40.0
