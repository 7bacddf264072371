"""Every page at the legibility floor: the overview's conclusions, upright pages, stub rows."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.analysis.view import draw_kind, visible_nodes
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.legend import PAIRED, PAIRED_WRAPPED
from argmap.exporters.diagram.measure import box_size, narrow_page
from argmap.exporters.diagram.pagesize import PAD_POINTS, PAGE_SIZES, page_budget
from argmap.exporters.diagram.pagetrailsize import TRAIL_COLUMN
from argmap.exporters.diagram.stacking import TRAIL
from argmap.exporters.diagram.trailcolumn import group_below_trail
from argmap.interop import ImportOptions, import_file
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, NodeKind
from argmap.options import RenderOptions
from tests.conftest import MAPS, without_steps
from tests.test_import_real import REAL

FITS = [
    (fit, portrait, direction)
    for fit in ("slide", "a4", "a3", "letter")
    for portrait in (False, True)
    for direction in ("TB", "LR")
]


def _laid(m: ArgumentMap, fit: str, portrait: bool, direction: str = "TB") -> Layout:
    options = RenderOptions(portrait=portrait, direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _concluding(conclusions: int) -> ArgumentMap:
    """A thesis with reasons, and conclusions drawn from it, each step undercut."""
    thesis: dict[str, object] = {
        "id": "t",
        "text": "The thesis is a claim long enough to wrap over several lines of its box.",
        "premises": [{"id": f"r{i}", "text": f"Reason {i} for the thesis " * 3} for i in range(4)],
        "conclusions": [
            {
                "id": f"c{i}",
                "text": f"Conclusion {i}, drawn from the thesis, takes a box as wide as any.",
                "objections": [
                    {
                        "id": f"u{i}",
                        "text": "Nothing leads from the thesis here " * 2,
                        "undercut": True,
                    }
                ],
            }
            for i in range(conclusions)
        ],
    }
    return validate_data({"title": "conclusions", "thesis": thesis})


def _below_floor(layout: Layout, numbers: set[int] | None = None) -> list[tuple[int, float]]:
    return [
        (page.plan.page.number, round(layout.scale(page) / layout.budget.scale, 2))
        for page in layout.pages
        if (numbers is None or page.plan.page.number in numbers)
        and layout.scale(page) < layout.budget.scale - 1e-9
    ]


@pytest.mark.parametrize(("fit", "portrait", "direction"), FITS)
def test_the_flagship_overview_and_its_conclusions_are_at_the_floor(
    fit: str, portrait: bool, direction: str
) -> None:
    """Upright pages are narrower than the conclusions' row with their undercutters:
    each conclusion then goes on a page of its own, a stub on page 1 points to it."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = _laid(m, fit, portrait, direction)
    shown = visible_nodes(m, RenderOptions())
    conclusions = {n.id for n in shown if n.kind is NodeKind.CONCLUSION}
    assert len(conclusions) == 2
    homes = {
        page.plan.page.number for page in layout.pages if conclusions & set(page.plan.page.nodes)
    }
    assert _below_floor(layout, {1} | homes) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes if n in conclusions]
    assert sorted(drawn) == sorted(conclusions), "each conclusion in full, once"


@pytest.mark.parametrize(
    ("fit", "portrait"), [(f, p) for f in ("slide", "a4", "a3", "letter") for p in (False, True)]
)
def test_a_wide_row_of_conclusions_moves_to_pages_of_their_own(fit: str, portrait: bool) -> None:
    """Every page at the floor, conclusions' pages too (upright slides: undercutters
    hang below the breadcrumb, their arrows going round it); conclusions share a page
    where they fit side by side (see ``test_conclusionshare``)."""
    m = _concluding(4)
    layout = _laid(m, fit, portrait)
    assert _below_floor(layout) == []
    first = layout.pages[0].plan.page
    stubs = [s for s in first.stubs if s.tops[0].startswith("c")]
    tops = [top for s in stubs for top in s.tops]
    assert tops == [f"c{i}" for i in range(4)]
    # A stub each, side by side or in rows over the thesis (upright pages: in two rows of
    # two; an upright slide would need four rows: one stub for all).
    grouped = portrait and fit == "slide"
    assert [s.grouped for s in stubs] == ([True] if grouped else [False] * 4)
    rows = [w.rows for w in layout.pages[0].plan.page.wraps if w.parent == "over t"]
    assert len(rows) == (1 if portrait and not grouped else 0)
    home = {node: page.plan.page.number for page in layout.pages for node in page.plan.page.nodes}
    for stub in stubs:
        assert home[stub.tops[0]] == stub.page
    for top in tops:  # the conclusion above the thesis's row, alone or side by side
        page = layout.pages[home[top] - 1]
        assert top in page.plan.page.tops and page.plan.page.trail == ("t",)
        assert len(page.plan.page.nodes) == 2 * len(page.plan.page.tops)
        svg = page.svg
        # The "so" arrow runs from the breadcrumb through the step's junction, and the
        # undercutter aims at that junction, beside it.
        assert f"<title>{TRAIL}:r0&#45;&gt;junction {top}</title>" in svg
        assert f"<title>u{top[1:]}&#45;&gt;junction {top}</title>" in svg
    svg = layout.pages[0].svg
    assert svg.count('class="edge drawn&#45;from"') == len(stubs), "a so arrow to each stub"


def test_a_page_draws_no_box_for_a_stub_it_left_out() -> None:
    """A one-node page laid out again without its siblings' stub keeps no row naming it."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    for fit, portrait in (("a4", True), ("slide", True), ("letter", False)):
        for page in _laid(m, fit, portrait).pages:
            titles = set(re.findall(r"<title>(stub [^<]*)</title>", html.unescape(page.svg)))
            titles = {title for title in titles if "->" not in title}  # not edges
            assert titles <= {stub.name for stub in page.plan.page.stubs}


def test_upright_a3_pages_are_shown_at_their_floor() -> None:
    """Upright A3's floor (1/60 of its height) is a larger scale than small drawings get."""
    layout = _laid(load_map(MAPS / "school-uniforms.yaml"), "a3", True)
    assert _below_floor(layout, {1, 2}) == []


def _linked(members: int, objections: bool = True) -> ArgumentMap:
    """A thesis with a linked group of long premises (each objected to) and a lone reason."""
    linked = [
        {
            "id": f"m{i}",
            "text": f"Linked premise {i} holds only together with the others of its group. " * 2,
            "quote": f"Quoted words that back linked premise {i} at some length.",
            **(
                {"objections": [{"id": f"o{i}", "text": f"Premise {i} is doubtful. " * 3}]}
                if objections
                else {}
            ),
        }
        for i in range(members)
    ]
    premises = [
        {"id": "g", "linked": linked},
        {"id": "lone", "text": "A reason that stands on its own, beside the linked group."},
    ]
    thesis = {"id": "t", "text": "The thesis the linked group supports.", "premises": premises}
    return validate_data({"title": "linked", "thesis": thesis})


def _member_tops(svg: str, members: list[str]) -> list[float]:
    """The top edge of each member's box in a page's SVG (its path's least y)."""
    tops = []
    for member in members:
        match = re.search(
            rf'<g id="node&#45;{member}" class="node[^"]*">.*?<path[^>]*>', svg, re.S
        )
        assert match is not None, member
        ys = [float(y) for y in re.findall(r"-?[\d.]+,(-?[\d.]+)", match.group(0))]
        tops.append(min(ys))
    return tops


@pytest.mark.parametrize("fit", ["a4", "a3", "letter"])
def test_a_linked_group_on_an_upright_page_goes_in_rows_inside_its_box(fit: str) -> None:
    """Side by side, two statements are wider than an upright page: the group's boxes go
    in rows inside its one box, joined by one arrow to the thesis, every page at the floor."""
    m = _linked(2)
    layout = _laid(m, fit, True)
    assert _below_floor(layout) == []
    ids = ["m0", "m1"]
    homes = [page for page in layout.pages if set(ids) & set(page.plan.page.nodes)]
    assert len(homes) == 1 and set(ids) <= set(homes[0].plan.page.nodes), "kept together"
    svg = homes[0].svg
    tops = _member_tops(svg, ids)
    assert len({round(top) for top in tops}) > 1, "in rows, not side by side"
    assert tops == sorted(tops), "in file order, the first on top"
    assert svg.count('class="edge supports linked"') == 1, "one arrow from the group's box"
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))


@pytest.mark.parametrize("fit", ["slide", "a4", "letter"])
def test_a_linked_group_that_fits_side_by_side_stays_on_one_rank(fit: str) -> None:
    """Landscape pages hold the group's boxes side by side, as the whole drawing has them."""
    layout = _laid(_linked(2), fit, False)
    assert _below_floor(layout) == []
    home = next(page for page in layout.pages if "m0" in page.plan.page.nodes)
    tops = _member_tops(home.svg, ["m0", "m1"])
    assert abs(tops[0] - tops[1]) < 1


def _box(svg: str, node_id: str) -> tuple[float, float, float, float]:
    """A node's box in a page's SVG: least x, least y, greatest x, greatest y."""
    escaped = node_id.replace("-", "&#45;")
    shape = r'<(?:path[^>]* d|polygon[^>]* points)="([^"]*)"'
    match = re.search(rf'<g id="{escaped}" class="node[^"]*">.*?{shape}', svg, re.S)
    assert match is not None, node_id
    points = re.findall(r"(-?[\d.]+),(-?[\d.]+)", match.group(1))
    xs, ys = [float(x) for x, _ in points], [float(y) for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize(
    ("name", "fit", "portrait"),
    [
        ("russias-game-in-north-korea", "letter", False),
        ("russias-game-in-north-korea", "a4", False),
        ("school-uniforms", "a4", True),
        ("school-uniforms", "a3", True),
        ("school-uniforms", "letter", True),
    ],
)
def test_left_to_right_pages_hold_the_breadcrumb_above_their_tops(
    name: str, fit: str, portrait: bool
) -> None:
    """Drawn left to right, a rank is a column: the breadcrumb takes a column of its own
    where the page has room for it, else it sits above the page's first column; every
    page is at the floor."""
    m = load_map(MAPS / f"{name}.yaml")
    layout = _laid(m, fit, portrait, "LR")
    assert _below_floor(layout) == []
    continued = [page for page in layout.pages if page.plan.page.trail]
    assert continued
    columns = 0
    for page in continued:
        svg = page.svg
        trail = _box(svg, "trail")
        top = page.plan.page.tops[0]
        if m.get(top).kind is NodeKind.CONCLUSION:
            continue  # drawn from the breadcrumb with a "so" arrow
        box = _box(svg, f"node-{top}")
        if any(wrap.parent == TRAIL_COLUMN for wrap in page.plan.page.wraps):
            columns += 1
            assert trail[3] <= box[1], "above the top"
            assert trail[0] < box[2] and box[0] < trail[2], "in the top's column"
        else:
            assert trail[2] <= box[0], "a column before the top's"
    assert columns > 0 if portrait else True


@pytest.mark.parametrize("fit", ["a4", "a3", "letter"])
def test_upright_left_to_right_pages_are_at_the_floor(fit: str) -> None:
    """The overview's conclusions sit in the thesis's column, a conclusion's page holds its
    breadcrumb in the step's column, the key goes below the last column of a page with
    room (or on a page of its own): every page at the floor."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = _laid(m, fit, True, "LR")
    assert _below_floor(layout) == []
    keys = [page for page in layout.pages if page.plan.page.number > 1 and page.plan.page.key[0]]
    assert len(keys) == 1, "the whole map's key, once"
    key = keys[0].plan.page
    assert layout.pages[0].plan.page.key == ("page", str(key.number))
    assert key.key[0] == "below" or (key.key[0] == "alone" and not key.nodes)
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))


@pytest.mark.parametrize(
    ("name", "fit", "portrait", "direction"),
    [
        (name, fit, portrait, direction)
        for name in ("russias-game-in-north-korea", "school-uniforms")
        for fit in ("slide", "a4", "a3", "letter")
        for portrait, direction in ((False, "TB"), (True, "TB"), (False, "LR"), (True, "LR"))
    ],
)
def test_every_page_of_the_example_maps_is_at_the_floor(
    name: str, fit: str, portrait: bool, direction: str
) -> None:
    """Every page, landscape or upright, top-down or left to right."""
    m = load_map(MAPS / f"{name}.yaml")
    assert _below_floor(_laid(m, fit, portrait, direction)) == []


@pytest.mark.parametrize("nodes", [120, 400])
def test_upright_left_to_right_slides_of_generated_maps_are_at_the_floor(nodes: int) -> None:
    """An upright slide is narrower, at the floor, than a usual box and a stub side by
    side: its boxes wrap narrower (planned as drawn), and every page is at the floor."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    m = validate_data(generate(nodes))
    layout = _laid(m, "slide", True, "LR")
    assert _below_floor(layout) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))


def test_only_narrow_pages_wrap_narrower() -> None:
    """Upright slides drawn left to right wrap narrower; every other fit keeps its boxes."""
    narrow = [
        (fit, portrait, direction)
        for fit, portrait, direction in FITS
        if narrow_page(page_budget(PAGE_SIZES[fit].turned(portrait)).width, direction == "LR")
    ]
    assert narrow == [("slide", True, "LR")]
    # Planned as drawn: the same narrower wraps in the planner's box and the label.
    m = load_map(MAPS / "school-uniforms.yaml")
    node = max((n for n in m.nodes if n.kind is NodeKind.PREMISE), key=lambda n: len(n.text))
    usual = box_size(m, node, draw_kind(m, node), show_quote=True)
    narrower = box_size(m, node, draw_kind(m, node), show_quote=True, narrow=True)
    assert narrower[0] < usual[0] - 40
    layout = _laid(m, "slide", True, "LR")
    home = next(page for page in layout.pages if node.id in page.plan.page.nodes)
    box = _box(home.svg, f"node-{node.id}")
    assert abs((box[2] - box[0]) - narrower[0]) < 0.15 * narrower[0]


@pytest.mark.parametrize("fit", ["a4", "letter", "slide"])
def test_a_linked_group_right_below_an_upright_breadcrumb_crosses_no_edge(fit: str) -> None:
    """Upright, left to right, a linked group's box may sit in the breadcrumb's column,
    right below it: its boxes go in file order, and its arrow runs straight up from the
    first to the breadcrumb, crossing no edge (it went round the box, across a child's)."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = _laid(m, fit, True, "LR")
    below = [(page, group_below_trail(m, page.plan)) for page in layout.pages]
    pages = [(page, group) for page, group in below if group is not None]
    assert pages
    for page, group in pages:
        svg = page.svg
        assert geometry.crossings(svg) == 0, page.plan.page.number
        members = [n for n in page.plan.page.tops if m.get(n).group == group]
        tops = [_box(svg, f"node-{member}")[1] for member in members]
        assert tops == sorted(tops), "the group's boxes in file order, the first on top"
        trail = _box(svg, "trail")
        arrows = [e for e in geometry.tree_edges(svg) if e.tail == TRAIL and e.head in members]
        ys = [y for edge in arrows for _, y in edge.points]
        # The path ends where the arrowhead (at the breadcrumb) begins.
        assert ys and min(ys) <= trail[3] + 12 and max(ys) >= tops[0] - 1, "from the box up"


def _objected_group(members: int, under: str, siblings: int = 0) -> ArgumentMap:
    """A linked group of long, quoted premises, each objected to and the objection answered.

    ``under``: the group supports the thesis (beside a lone reason), an objection to a
    reason, or an objection to a conclusion drawn from the thesis. ``siblings``: under
    the thesis, this many reasons (each with one of its own) before the group and after.
    """
    linked = [
        {
            "id": f"m{i}",
            "text": f"Linked premise {i} holds only together with the others of its group. " * 2,
            "quote": f"Quoted words that back linked premise {i} at some length.",
            "objections": [
                {
                    "id": f"o{i}",
                    "text": f"Premise {i} is doubtful for a reason given at some length. " * 2,
                    "objections": [{"id": f"b{i}", "text": f"The doubt about {i} misses. " * 2}],
                }
            ],
        }
        for i in range(members)
    ]
    group = {"id": "g", "linked": linked}
    objection = {"id": "x", "text": "An objection the linked group backs.", "premises": [group]}
    thesis: dict[str, object] = {"id": "t", "text": "The thesis, with a linked group below."}
    if under == "thesis":
        lone = {"id": "lone", "text": "A reason that stands on its own, beside the group."}
        reasons = [
            {"id": f"{side}{i}", "text": f"Reason {side}{i}.", "premises": [{"text": "Why."}]}
            for side in "az"
            for i in range(siblings)
        ]
        thesis["premises"] = [*reasons[:siblings], group, lone, *reasons[siblings:]]
    elif under == "objection":
        thesis["premises"] = [{"id": "r", "text": "A reason.", "objections": [objection]}]
    else:
        thesis["premises"] = [{"id": "r", "text": "A reason."}]
        thesis["conclusions"] = [{"id": "c", "text": "A conclusion.", "objections": [objection]}]
    return validate_data({"title": "objected group", "thesis": thesis})


GROUP_CASES = [
    *[
        (members, under, fit, "TB")
        for members in (3, 4, 5)
        for under in ("thesis", "objection")
        for fit in ("a4", "slide", "letter")
    ],
    # Left to right, a group's boxes go in one column: three fit an upright page.
    *[(members, under, "slide", "LR") for members in (4, 5) for under in ("thesis", "objection")],
]


@pytest.mark.parametrize(("members", "under", "fit", "direction"), GROUP_CASES)
def test_an_objected_linked_group_on_upright_pages_is_at_the_floor(
    members: int, under: str, fit: str, direction: str
) -> None:
    """A group of long premises, each with an objection and its answer, is taller on an
    upright page than the page at the floor: it is drawn in as few parts as fit, each on
    a page at the floor, every node in full once."""
    m = _objected_group(members, under)
    layout = _laid(m, fit, True, direction)
    assert _below_floor(layout) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))


@pytest.mark.parametrize("members", [3, 5])
def test_an_objected_linked_group_under_a_conclusion_is_at_the_floor(members: int) -> None:
    """What bears on a conclusion drawn apart from page 1 is paged like any branch."""
    m = _objected_group(members, "conclusion")
    layout = _laid(m, "a4", True)
    assert _below_floor(layout) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))


@pytest.mark.parametrize("fit", ["a4", "letter"])
def test_each_part_of_a_linked_group_says_where_the_rest_is(fit: str) -> None:
    """A group drawn in parts: each part in a box of its own with one arrow, its caption
    naming its members' places and linking to the pages of the others."""
    m = _objected_group(5, "thesis")
    layout = _laid(m, fit, True)
    members = [f"m{i}" for i in range(5)]
    home = {n: page.plan.page.number for page in layout.pages for n in page.plan.page.nodes}
    parts = [page for page in layout.pages if set(members) & set(page.plan.page.nodes)]
    assert len(parts) > 1
    for page in parts:
        svg = html.unescape(page.svg)
        here = [i for i, n in enumerate(members) if home[n] == page.plan.page.number]
        assert svg.count('class="cluster linked-group"') == 1
        assert svg.count('class="edge supports linked"') == 1, "one arrow from the part's box"
        first, last = here[0] + 1, here[-1] + 1
        places = f"{first}–{last}" if len(here) > 1 else str(first)
        assert f">{places} of 5 · more on<" in svg
        linked = re.findall(r'<g id="a_grouprest-g-\d+"><a xlink:href="#page-(\d+)"', svg)
        others = [i for i in range(5) if i not in here]
        runs = [home[members[i]] for i in others if i == 0 or i - 1 in here]
        assert [int(n) for n in linked] == runs
        for number in linked:
            assert f">p. {number}<" in svg


def test_a_linked_group_in_parts_among_many_siblings_keeps_its_parts() -> None:
    """Siblings too many for a stub each share a grouped stub and go on, as units, on
    later pages: a group in parts among them goes on in its parts, every page at the floor."""
    m = _objected_group(5, "thesis", siblings=20)
    layout = _laid(m, "a4", True)
    assert any(stub.grouped for stub in layout.pages[0].plan.page.stubs)
    assert _below_floor(layout) == []
    homes = {n for page in layout.pages for n in page.plan.page.nodes if n.startswith("m")}
    assert homes == {f"m{i}" for i in range(5)}


def _big_conclusions() -> ArgumentMap:
    """Two conclusions whose branches cannot fit one page: one objected to at length
    (rebuttals, evidence, a linked group of long objected premises, a conclusion drawn
    from it in turn), one with 15 undercutters of its step."""
    linked = [
        {
            "id": f"lm{i}",
            "text": f"Linked premise {i} of the rebuttal holds only with the others. " * 2,
            "objections": [{"id": f"lo{i}", "text": f"Premise {i} is doubtful. " * 3}],
        }
        for i in range(4)
    ]
    rebuttals = [
        {
            "id": f"rb{i}",
            "text": f"Rebuttal {i} answers the objection to the conclusion at length. " * 2,
            "evidence": [
                {"id": f"ev{i}-{j}", "text": f"Evidence {j} for rebuttal {i}, a survey. " * 2}
                for j in range(3)
            ],
        }
        for i in range(6)
    ]
    rebuttals[0]["premises"] = [{"id": "lg", "linked": linked}]
    thesis: dict[str, object] = {
        "id": "t",
        "text": "The thesis is a claim long enough to wrap over several lines of its box.",
        "premises": [{"id": f"r{i}", "text": f"Reason {i} for the thesis " * 3} for i in range(3)],
        "conclusions": [
            {
                "id": "c0",
                "text": "Conclusion 0, drawn from the thesis, takes a box as wide as any.",
                "objections": [
                    {
                        "id": "ob",
                        "text": "The conclusion does not follow. " * 3,
                        "rebuttals": rebuttals,
                    }
                ],
                "conclusions": [  # drawn from it in turn
                    {
                        "id": "cc",
                        "text": "A conclusion drawn in turn from conclusion 0. " * 2,
                        "objections": [
                            *({"id": f"cco{i}", "text": "Nor does this. " * 5} for i in range(5)),
                            {
                                "id": "ccu",
                                "text": "The step does not hold. " * 2,
                                "undercut": True,
                            },
                        ],
                    }
                ],
            },
            {
                "id": "c1",
                "text": "Conclusion 1, drawn from the thesis, is undercut many times.",
                "objections": [
                    {"id": f"u{i}", "text": f"Undercutter {i} of the step " * 3, "undercut": True}
                    for i in range(15)
                ],
            },
        ],
    }
    return validate_data({"title": "big conclusions", "thesis": thesis})


@pytest.mark.parametrize(
    ("fit", "portrait"), [("slide", False), ("slide", True), ("a4", False), ("a4", True)]
)
def test_a_large_branch_under_a_conclusion_is_paged(fit: str, portrait: bool) -> None:
    """What bears on a conclusion drawn apart is paged like any branch: stubs, pages of
    their own, every page at the floor, every node in full on exactly one page."""
    m = _big_conclusions()
    layout = _laid(m, fit, portrait)
    assert _below_floor(layout) == []
    drawn = [n for page in layout.pages for n in page.plan.page.nodes]
    assert sorted(drawn) == sorted(n.id for n in visible_nodes(m, RenderOptions()))
    pages = [page.plan.page for page in layout.pages]
    home = {n: page.number for page in pages for n in page.nodes}
    for page in pages:  # each stub points at the page its branch starts on
        for stub in page.stubs:
            assert home[stub.tops[0]] == stub.page
    for conclusion in ("c0", "c1"):
        assert home[conclusion] > 1 and home["cc"] > 1
        under = [page for page in pages if conclusion in page.trail]
        assert under, f"{conclusion}'s branch continues on pages of its own"
        for page in under:  # headed by a breadcrumb up through the conclusion to the thesis
            assert page.trail[:2] == ("t", conclusion)


_LETTERS = "wmWMOQ@iIl.,ekäßЖщ"


@given(st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=9), min_size=1, max_size=40))
def test_a_box_measured_exactly_is_no_narrower_than_its_label_draws_it(words: list[str]) -> None:
    """Each line of a box's label sits in a cell as wide as the line in Noto Sans (see
    ``width_attr``); the planner's count falls short on lines of wide letters ("word"
    seven times to a line: 230 points counted, 240 drawn), so two such boxes side by side
    came out wider than the page and were shown under the floor (upright Letter, left to
    right: 11 pages of a 300-node map at 97%). Measured exactly, no box is narrower."""
    from argmap.exporters.diagram.labels import statement_rows_once
    from argmap.exporters.diagram.measure import CELL_PADDING, MARGIN_X
    from argmap.exporters.diagram.textwidth import width_attr

    m = validate_data({"title": "T", "thesis": {"id": "t", "text": " ".join(words)}})
    node = m.get("t")
    for narrow in (False, True):
        planned = box_size(m, node, NodeKind.THESIS, show_quote=True, narrow=narrow, exact=True)
        drawn, _ = statement_rows_once(
            m, node, True, show_quote=True, narrow=narrow, room=None, memo=None
        )
        cell = re.findall(r'WIDTH="(\d+)"', width_attr(list(drawn.text), drawn.size, "B"))
        # The cell is rounded up to a whole point, and holds 4 more.
        assert planned[0] >= int(cell[0]) - 5 + 2 * (CELL_PADDING + MARGIN_X)


def test_side_by_side_boxes_of_wide_letters_keep_an_upright_page_at_the_floor() -> None:
    """An objection and its evidence, each 250 characters of "word", below the
    breadcrumb, left to right on upright Letter: drawn 616 points wide, planned 594."""
    text = " ".join(["word"] * 50)
    objection = {"id": "o", "text": text, "evidence": [{"id": "e", "text": text}]}
    below = {"id": "s", "text": "More.", "objections": [objection]}
    thesis = {
        "id": "t",
        "text": "T.",
        "premises": [{"id": "r", "text": "A reason.", "premises": [below]}],
    }
    m = validate_data({"title": "Wide letters", "thesis": thesis})
    layout = _laid(m, "letter", True, "LR")
    assert all(layout.scale(page) >= layout.budget.scale * 0.999 for page in layout.pages)


@pytest.mark.parametrize("fit", ["a4", "letter", "slide"])
def test_many_conclusions_in_the_roots_column_keep_the_overview_at_the_floor(fit: str) -> None:
    """Upright, left to right, the conclusions' stubs go in the root's rank, one below the
    other, each "so" arrow's word between them: eight were counted 133 points shorter
    than drawn, and the overview was shown at 71% of the floor (upright A4). Counted with
    their words, eight no longer fit: one stub stands for them all."""
    conclusions = [
        {
            "id": f"c{i}",
            "text": f"Conclusion {i} drawn from the thesis.",
            "conclusions": [{"id": f"d{i}", "text": f"A conclusion drawn from conclusion {i}."}],
        }
        for i in range(8)
    ]
    premises = [{"id": f"p{i}", "text": f"Reason {i} for the thesis."} for i in range(2)]
    thesis = {"id": "t", "text": "A thesis.", "premises": premises, "conclusions": conclusions}
    layout = _laid(validate_data({"title": "Conclusions", "thesis": thesis}), fit, True, "LR")
    assert [
        p.plan.page.number for p in layout.pages if layout.scale(p) < layout.budget.scale * 0.999
    ] == []


@pytest.mark.parametrize("fit", ["a4", "letter"])
def test_a_reference_from_under_a_conclusion_is_planned_for(fit: str) -> None:
    """A conclusion's page, planned apart from the thesis's branches, drew a reference
    for each cross-link out of it to the page of its target, but did not count it: left
    to right on upright A4 the reference took a rank of its own, and the page was shown
    at 77% of the floor."""
    premises = [
        {"id": f"p{i}", "text": f"Reason {i} for the thesis, one of several."} for i in range(3)
    ]
    objection = {"id": "o", "text": "An objection to the conclusion drawn.", "links": ["p0"]}
    conclusion = {
        "id": "c",
        "text": "A conclusion drawn from the thesis.",
        "objections": [objection],
    }
    thesis = {"id": "t", "text": "A thesis.", "premises": premises, "conclusions": [conclusion]}
    layout = _laid(validate_data({"title": "Links", "thesis": thesis}), fit, True, "LR")
    pages = [page for page in layout.pages if "o" in page.plan.page.nodes]
    assert pages and "ref o p0" in geometry.boxes(pages[0].svg)
    assert [
        p.plan.page.number for p in layout.pages if layout.scale(p) < layout.budget.scale * 0.999
    ] == []


def test_a_key_no_page_has_room_for_goes_in_two_columns_not_below_a_page_too_full() -> None:
    """Top down, when the key could go neither on page 1 nor below any later page's
    drawing, it went below the last page's anyway, and that page was shown at 88% of
    the floor (twelve linked groups of twelve, upright A4). Then it took a page of its
    own; now, set in two columns (their longest words wrapped, since the key explains the
    pages' stubs and breadcrumbs too), it goes below page 2's group, at the floor."""
    groups = [
        {
            "id": f"g{g}",
            "linked": [{"text": f"Linked premise {i} of group {g}."} for i in range(12)],
        }
        for g in range(12)
    ]
    m = validate_data({"title": "Groups", "thesis": {"id": "t", "text": "T.", "premises": groups}})
    layout = _laid(m, "a4", True)
    assert [
        p.plan.page.number for p in layout.pages if layout.scale(p) < layout.budget.scale * 0.999
    ] == []
    (keyed,) = [laid.plan.page for laid in layout.pages if 'id="legend"' in laid.svg]
    assert keyed.nodes and keyed.key_columns in (PAIRED, PAIRED_WRAPPED)
    assert keyed.key[0] == "below"
    assert layout.pages[0].plan.page.key == ("page", str(keyed.number))
    assert all(laid.plan.page.nodes for laid in layout.pages), "no page of the key alone"


@pytest.mark.parametrize(("fit", "portrait"), [("slide", True), ("slide", False), ("a4", True)])
def test_a_citation_of_one_long_word_wraps_inside_its_page(fit: str, portrait: bool) -> None:
    """Top down too, a citation's lines wrap no wider than the page's room as drawn: an
    outlet of 120 capitals, wrapped by the count, drew its box wider than an upright slide
    at the floor (the page was shown at 91% of it)."""
    evidence = {
        "id": "e",
        "text": "Evidence for the reason.",
        "basis": "website",
        "citation": {"outlet": "W" * 120, "date": "2020", "locator": "p. " + "9" * 80},
    }
    reason = {"id": "r", "text": "A reason for the thesis.", "evidence": [evidence]}
    m = validate_data(
        {"title": "citation", "thesis": {"id": "t", "text": "A thesis.", "premises": [reason]}}
    )
    layout = _laid(m, fit, portrait)
    room = layout.budget.width - 2 * PAD_POINTS
    home = next(page for page in layout.pages if "e" in page.plan.page.nodes)
    box = _box(home.svg, "node-e")
    assert box[2] - box[0] <= room
    assert _below_floor(layout) == []


@pytest.mark.parametrize(("fit", "portrait"), [("a4", False), ("slide", False), ("letter", False)])
def test_conclusions_too_many_for_one_row_go_in_rows_over_the_thesis(
    fit: str, portrait: bool
) -> None:
    """Eight conclusions drawn from the thesis were one grouped stub on page 1 ("8 more
    conclusions"): a stub each now, in rows over the thesis, the nearest row first, the
    "so" arrows of the higher rows running up between the lower row's stubs."""
    layout = _laid(_concluding(8), fit, portrait)
    assert _below_floor(layout) == []
    first = layout.pages[0]
    stubs = [s for s in first.plan.page.stubs if s.tops[0].startswith("c")]
    assert [s.grouped for s in stubs] == [False] * 8
    (wrap,) = [w for w in first.plan.page.wraps if w.parent == "over t"]
    assert [name for row in wrap.rows for name in row] == [f"stub c{i}" for i in range(8)]
    found = geometry.boxes(first.svg)
    thesis = found["t"]
    for lower, upper in zip(wrap.rows, wrap.rows[1:], strict=False):
        assert max(found[name].bottom for name in upper) < min(found[n].top for n in lower)
    assert max(found[name].bottom for name in wrap.rows[0]) < thesis.top
    assert geometry.crossings(first.svg) == 0  # the "so" arrows too
    # Two "so" arrows may leave the thesis as one line and fork (counted as meeting).
    assert geometry.meeting_crossings(without_steps(first.svg)) == 0
    assert first.svg.count('class="edge drawn&#45;from"') == 8


@pytest.mark.parametrize("fit", ["slide", "a4", "letter"])
def test_upright_pages_of_an_imported_argdown_map_are_at_the_floor(fit: str) -> None:
    """Argdown's own Semmelweis example, imported: on an upright slide one page drew a
    linked group's part and three references of one long line each (~350 points), and
    was shown at 88% of the floor. On upright pages, as left to right, a reference takes
    two short lines."""
    m = import_file(
        REAL / "argdown" / "semmelweis_betz.argdown", "argdown", ImportOptions(all_roots=True)
    ).map
    layout = _laid(m, fit, True)
    assert _below_floor(layout) == []
    refs = [page for page in layout.pages if "&#8594; p. " in page.svg or "→ p. " in page.svg]
    assert refs
    for page in refs:
        for line in re.findall(r">(?:&#8594;|→) p\. [^<]*<", page.svg):
            assert line.rstrip("<").endswith(":"), line  # the page alone: the statement below
