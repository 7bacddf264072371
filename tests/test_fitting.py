"""Diagrams fitted to pages: exact page shapes, text at the legibility floor, every node once."""

from __future__ import annotations

import html
import re
import struct
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.standing import analyze
from argmap.analysis.view import visible_nodes
from argmap.cli import main
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import LaidPage, lay_out, page_svg
from argmap.exporters.diagram.formats import render_pdf
from argmap.exporters.diagram.legend import PAIRED_WRAPPED
from argmap.exporters.diagram.pagekey import key_anchors
from argmap.exporters.diagram.pagesize import PAGE_SIZES, STATEMENT_POINTS
from argmap.exporters.diagram.paging import Page, Stub
from argmap.exporters.diagram.stacking import Wrap
from argmap.exporters.diagram.svglinks import page_links
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
UNIFORMS = MAPS / "school-uniforms.yaml"


def _generated(count: int) -> ArgumentMap:
    """Reasons with evidence, objections and rebuttals, breadth first, as a bench map."""
    thesis: dict[str, object] = {"id": "n0", "text": "The generated thesis holds for every case."}
    queue = [thesis]
    for made in range(1, count):
        entry = queue[(made - 1) // 3 % len(queue)]
        key = ("premises", "evidence", "objections")[made % 3]
        child: dict[str, object] = {
            "id": f"n{made}",
            "text": f"Generated statement number {made}, long enough to wrap onto two lines.",
        }
        entry.setdefault(key, []).append(child)  # type: ignore[attr-defined]
        if key != "evidence":
            queue.append(child)
    return validate_data({"title": "generated", "thesis": thesis})


CASES = [
    pytest.param(lambda: load_map(FLAGSHIP), "slide", id="flagship-slide"),
    pytest.param(lambda: load_map(FLAGSHIP), "a4", id="flagship-a4"),
    pytest.param(lambda: load_map(UNIFORMS), "letter", id="uniforms-letter"),
    pytest.param(lambda: _generated(120), "slide", id="generated120-slide"),
    pytest.param(lambda: load_map(FLAGSHIP), "paper", id="flagship-paper"),
]


@pytest.mark.parametrize(("make", "fit"), CASES)
def test_pages_hold_every_node_once_at_the_legibility_floor(make: object, fit: str) -> None:
    m = make()  # type: ignore[operator]
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]
    page = PAGE_SIZES[fit]
    drawn: list[str] = []
    for laid in layout.pages:
        svg = page_svg(layout, laid)
        size = re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', svg)
        assert size is not None
        assert (float(size.group(1)), float(size.group(2))) == pytest.approx(
            (page.width, page.height), abs=0.01
        )
        # A statement is drawn at 13 points times the page's scale: 1/60 of the page height
        # (of the taller sheet, A4's or Letter's, for a page that both hold).
        assert STATEMENT_POINTS * layout.scale(laid) >= page.floor_height / 60 - 1e-6
        drawn += [html.unescape(node) for node in re.findall(r'<g id="node&#45;([^"]+)"', svg)]
        for link in page_links(svg):
            assert 1 <= link.page <= len(layout.pages)
            assert link.x >= 0 and link.x + link.width <= page.width + 1
    assert sorted(drawn) == sorted(node.id for node in m.nodes)


def test_pdf_has_a_page_of_the_asked_size_each(tmp_path: Path) -> None:
    m = load_map(FLAGSHIP)
    data = render_pdf(m, analyze(m), RenderOptions(fit="a4", portrait=True))
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}
    assert len(re.findall(rb"/Type /Page\b(?!s)", data)) > 2
    assert data.count(b"/Subtype /Link") > 10  # stubs and breadcrumbs lead to their pages


def test_png_slides_are_named_in_order_and_1920_by_1080(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(FLAGSHIP), "-f", "png", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) > 1
    assert names == [f"russias-game-in-north-korea-{i:02d}.png" for i in range(1, len(names) + 1)]
    for name in names:
        header = (tmp_path / name).read_bytes()[:24]
        assert struct.unpack(">II", header[16:24]) == (1920, 1080)
    # Every path written is listed.
    assert result.stderr.count(" -> ") == len(names)


def test_a_render_with_fewer_pages_leaves_no_stale_pages(tmp_path: Path) -> None:
    for stale in ("school-uniforms.png", "school-uniforms-07.png"):
        (tmp_path / stale).write_bytes(b"old")
    (tmp_path / "school-uniforms-notes.png").write_bytes(b"keep")
    result = CliRunner().invoke(
        main,
        ["render", str(UNIFORMS), "-f", "png", "--fit", "a4", "--portrait", "-o", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "school-uniforms-07.png" not in names and "school-uniforms.png" not in names
    assert "school-uniforms-notes.png" in names


def test_svg_stays_one_drawing_unless_fitted(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(FLAGSHIP), "-f", "svg", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["russias-game-in-north-korea.svg"]
    result = CliRunner().invoke(
        main, ["render", str(FLAGSHIP), "-f", "svg", "--fit", "slide", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[0] == "russias-game-in-north-korea-01.svg" and len(names) > 2


def test_export_of_several_pages_to_standard_output_is_refused() -> None:
    result = CliRunner().invoke(main, ["export", str(FLAGSHIP), "-f", "png"])
    assert result.exit_code == 2  # command-line misuse, refused before rendering
    assert "png is a binary format; write it to a file with -o FILE" in result.output


def _text_fits(svg: str) -> list[str]:
    """Texts whose Noto Sans width runs past their node's box, in a Graphviz SVG."""
    from argmap.exporters.diagram.labels import text_points

    out = []
    for group in re.findall(r'<g id="node&#45;.*?</g>\n</g>', svg, re.S):
        shape = re.search(r' (?:points|d)="([^"]+)"', group)
        if shape is None:
            continue
        xs = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", shape.group(1))[0::2]]
        left, right = min(xs), max(xs)
        for attrs, text in re.findall(r"<text([^>]*)>([^<]*)</text>", group):
            size = float(re.search(r'font-size="([\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
            x = float(re.search(r' x="([-\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
            style = "B" if "bold" in attrs else "I" if "italic" in attrs else ""
            width = text_points(html.unescape(text), size, style)
            anchor = re.search(r'text-anchor="(\w+)"', attrs)
            start = {"start": x, "middle": x - width / 2}.get(
                anchor.group(1) if anchor else "", x - width
            )
            if start < left - 0.5 or start + width > right + 0.5:
                out.append(html.unescape(text))
    return out


@pytest.mark.parametrize(
    "path", [FLAGSHIP, UNIFORMS, MAPS.parent / "tests/cases/diagram-metachars.yaml"]
)
def test_no_text_leaves_its_box_in_the_drawing_fonts(path: Path) -> None:
    from argmap.exporters.diagram.formats import render_svg

    m = load_map(path)
    assert _text_fits(render_svg(m, analyze(m))) == []


def test_hostile_text_stays_text_on_every_page(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    hostile = MAPS.parent / "tests" / "cases" / "html-hostile.yaml"
    result = CliRunner().invoke(
        main, ["render", str(hostile), "-f", "svg", "--fit", "slide", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    pages = sorted(tmp_path.glob("*.svg"))
    assert pages
    xlink = "{http://www.w3.org/1999/xlink}href"
    for page in pages:
        tree = ET.parse(page)  # well-formed: every user string was escaped
        tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
        assert not tags & {"script", "iframe", "foreignObject", "image"}
        links = [e.get(xlink) or e.get("href") for e in tree.iter() if e.tag.endswith("}a")]
        assert all(link is None or link.startswith("#") for link in links), links


@pytest.mark.parametrize(
    ("make", "fit"),
    [
        pytest.param(lambda: load_map(FLAGSHIP), "slide", id="flagship-slide"),
        pytest.param(lambda: load_map(FLAGSHIP), "a4", id="flagship-a4"),
        pytest.param(lambda: _generated(120), "slide", id="generated120-slide"),
    ],
)
def test_each_page_reads_as_a_tree(make: object, fit: str) -> None:
    """Positions as the engine laid them out: no tree edges cross, no boxes overlap,
    children sit beneath their parent, siblings in file order (rows left to right)."""
    from argmap.exporters.diagram import geometry

    m = make()  # type: ignore[operator]
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]
    order = {node.id: i for i, node in enumerate(m.walk())}
    overview = layout.pages[0].svg
    assert len(geometry.tree_edges(overview)) >= 3
    assert geometry.crossings(overview) == 0
    for page in layout.pages:
        assert geometry.crossings(page.svg) == 0, page.plan.page.number
        assert geometry.overlaps(page.svg) == 0, page.plan.page.number
        assert geometry.misplaced(page.svg, order) == (0, 0), page.plan.page.number


def test_page_numbers_are_written_into_our_words_and_never_into_the_maps() -> None:
    """Pages are laid out with every number drawn as zeros, then the real ones written in;
    text of the map that looks like those words stays as it was."""
    trick = "continues on p. 00"
    reasons = [
        {
            "id": f"r{i}",
            "text": trick if i == 3 else f"Reason {i}, long enough to wrap onto two lines here.",
            "evidence": [
                {"id": f"e{i}-{j}", "text": f"Evidence {j} for reason {i}."} for j in (1, 2)
            ],
        }
        for i in range(12)
    ]
    m = validate_data(
        {
            "title": "Notes, page 00 of 00",
            "thesis": {"id": "t", "text": "The thesis.", "premises": reasons},
        }
    )
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    total = len(layout.pages)
    assert total > 2
    seen = 0
    for laid in layout.pages:
        svg = page_svg(layout, laid)
        heading = re.search(r"<text\b[^>]*>([^<]*)</text>", svg)
        assert heading is not None
        assert heading.group(1).endswith(f"page {laid.plan.page.number} of {total}")
        assert "Notes, page 00 of 00" in heading.group(1)
        assert "#page-0" not in svg
        for stub in laid.plan.page.stubs:
            assert f"p. {stub.page}</text>" in svg
        stubbed = any(stub.tops == ("r3",) for stub in laid.plan.page.stubs)
        if "r3" in laid.plan.page.nodes or stubbed:
            assert f">{trick}</text>" in svg
            seen += 1
    assert seen >= 1


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_a_list_of_reasons_wrapped_into_rows_is_drawn_as_a_grid(fit: str) -> None:
    """Forty reasons under a thesis, each a sentence or two (so their boxes are about as
    wide), are wrapped into rows on each page. Rows of one length were drawn as a
    staircase (each row's boxes pushed apart by the edges of the rows below passing it,
    fewer row by row): each box now sits in its column, under the one above it."""
    from argmap.exporters.diagram import geometry

    sentence = "pupils learn more through play and rest after a long school day, and practice"
    statements = [
        {"id": f"r{i}", "text": f"Reason {i}: {sentence}{' at home' * (i % 3)}."}
        for i in range(40)
    ]
    thesis = {"id": "t", "text": "Homework should be abolished.", "premises": statements}
    m = validate_data({"title": "A list", "thesis": thesis})
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]
    grids = 0
    for laid in layout.pages:
        boxes = geometry.boxes(laid.svg)
        for wrap in laid.plan.page.wraps:
            full = [row for row in wrap.rows if len(row) == len(wrap.rows[0])]
            if not wrap.columns or len(full) < 2:
                continue
            grids += 1
            for column in zip(*full, strict=True):
                middles = [(boxes[n].left + boxes[n].right) / 2 for n in column]
                assert max(middles) - min(middles) < 1.0, (laid.plan.page.number, column)
    assert grids >= 1


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_a_flat_list_of_short_reasons_fills_its_pages_evenly(fit: str) -> None:
    """A hundred one-word reasons under a thesis. Wrapped into six rows of three, held
    in columns, a page came out wider than planned, and the plans that cut it down left
    every few pages one reason alone (slides: 13 pages, four of them of one reason)."""
    thesis = {"id": "t", "text": "Thesis.", "premises": []}
    thesis["premises"] = [{"id": f"r{i}", "text": f"Reason {i}."} for i in range(100)]
    m = validate_data({"title": "A flat list", "thesis": thesis})
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))  # type: ignore[arg-type]
    counts = [len(laid.plan.page.nodes) for laid in layout.pages]
    assert sum(counts) == 101
    assert min(counts[:-1]) >= max(counts) // 2, counts
    assert len(layout.pages) <= 9, counts


def test_a_long_list_of_alike_objections_is_cut_alike_page_after_page() -> None:
    """250 objections on slides: from "Objection 100." on, each page was drawn a little
    wider than planned. Cut one page at a time, the next overflowed in its turn, plan
    after plan, and after the last tries every other page held one objection alone (26
    slides, eight of one). A page going on down a list of alike leaves now takes the cut
    of the page before it."""
    thesis = {"id": "t", "text": "Thesis under fire.", "objections": []}
    thesis["objections"] = [{"id": f"o{i}", "text": f"Objection {i}."} for i in range(250)]
    m = validate_data({"title": "Objections", "thesis": thesis})
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    counts = [len(laid.plan.page.nodes) for laid in layout.pages]
    assert sum(counts) == 251
    assert min(counts[:-1]) >= max(counts) // 2, counts
    assert len(layout.pages) <= 18, counts


def test_many_undercutters_of_a_pages_one_top_keep_their_page_whole() -> None:
    """Six reasons, each with twelve undercutters. Ranked under their reason each, to aim
    past its side at the junction, they came out in one row much wider than the page,
    and every reason's page was planned again as five pages' worth (A4: 13 pages, were
    7). They are held below it only where they fit one row."""
    premises = [{"id": f"p{i}", "text": f"P{i}.", "objections": []} for i in range(6)]
    for i, premise in enumerate(premises):
        premise["objections"] = [
            {"id": f"u{i}_{k}", "text": f"Undercut {k} of {i}.", "undercut": True}
            for k in range(12)
        ]
    m = validate_data(
        {"title": "Undercuts", "thesis": {"id": "t", "text": "T.", "premises": premises}}
    )
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    counts = [len(laid.plan.page.nodes) for laid in layout.pages]
    assert sum(counts) == 79 and len(counts) <= 8, counts


def test_a_page_first_too_big_in_a_late_plan_is_cut_not_emptied() -> None:
    """A 13-statement map on upright A4: the plans that cut its first pages started new
    pages, which overflowed in their turn; from the fourth plan each was cut to its first
    statement at once (9 pages, four of one statement each). Such a page is cut as any
    first overflow is, and only the last plan empties what still overflows."""
    m = load_map(MAPS.parent / "tests" / "cases" / "lint-flaws" / "zoos.yaml")
    options = RenderOptions(portrait=True)
    layout = lay_out(m, analyze(m), options, "a4", find_engine("auto"))
    assert len(layout.pages) <= 7
    assert all(layout.budget.holds(p.width, p.height) for p in layout.pages)


def test_engine_draws_a_batch_of_graphs_each_at_its_own_resolution() -> None:
    from argmap.exporters.diagram.engine import find_engine, png_graph_attrs, run_engine_pngs
    from argmap.exporters.diagram.enginepool import stream_svgs

    attrs = [
        " ".join(f'{k}="{v}"' for k, v in png_graph_attrs(dpi).items()) for dpi in (72, 144, 72)
    ]
    sources = ["digraph g { graph [" + line + "]; a -> b }" for line in attrs]
    pngs = run_engine_pngs(sources)
    sizes = [struct.unpack(">II", png[16:24]) for png in pngs]
    assert all(png.startswith(b"\x89PNG") and png.endswith(b"IEND\xaeB`\x82") for png in pngs)
    assert sizes[0] == sizes[2] and sizes[1][0] > 1.8 * sizes[0][0]
    svgs = list(stream_svgs(sources, find_engine("auto")))
    assert len(svgs) == 3 and all(svg.rstrip().endswith(b"</svg>") for svg in svgs)


@pytest.mark.parametrize(
    ("fit", "portrait"),
    [
        ("slide", False),
        ("a4", False),
        ("a3", False),
        ("letter", False),
        ("paper", False),
        ("a4", True),
    ],
)
def test_the_flagship_overview_names_every_branch_under_the_thesis(
    fit: str, portrait: bool
) -> None:
    """A debater sees each reason and objection of the thesis on page 1, in file order,
    on slides and on every paper size (the key goes to a later page if need be)."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(portrait=portrait)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    first = layout.pages[0]
    page = first.plan.page
    assert layout.scale(first) >= layout.budget.scale - 1e-9
    _check_key(layout.pages)
    stubs = [stub for stub in page.stubs if stub.parent == m.thesis.id]
    # Upright A4: the conclusions' stubs take a row above the thesis, and its last
    # branches share a grouped stub (its stubs go one to a row on so narrow a page).
    assert stubs and (portrait or not any(stub.grouped for stub in stubs))
    under = {n.id for n in visible_nodes(m, options) if n.parent == m.thesis.id}
    named = {top for stub in stubs for top in stub.tops} | (under & set(page.nodes))
    assert named == under
    # Each stub shows its branch's statement (shortened) and where it goes on, and links there.
    svg = html.unescape(first.svg)
    for index, stub in enumerate(page.stubs, start=1):
        words = m.get(stub.tops[0]).text.split()
        assert " ".join(words[:2]) in svg
        assert f'<g id="a_stub-{index}"><a xlink:href="#page-{stub.page}"' in svg


def _check_key(pages: list[LaidPage]) -> None:
    """The key is on page 1, or page 1's heading names the page that has it."""
    first = pages[0]
    if 'id="legend"' in first.svg:
        return
    heading = re.search(r"<text\b[^>]*>([^<]*)</text>", first.svg)
    assert heading is not None
    named = re.search(r"key: p\. (\d+)", heading.group(1))
    assert named is not None, heading.group(1)
    assert 'id="legend"' in pages[int(named.group(1)) - 1].svg
    assert sum('id="legend"' in laid.svg for laid in pages) == 1


def test_a_key_left_to_a_later_page_explains_the_whole_map() -> None:
    m = load_map(FLAGSHIP)
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    _check_key(layout.pages)
    keyed = next(laid for laid in layout.pages if 'id="legend"' in laid.svg)
    if keyed is not layout.pages[0]:
        svg = html.unescape(keyed.svg)
        for kind in ("thesis", "reason", "evidence", "objection", "conclusion"):
            assert f">{kind}</text>" in svg


def test_the_whole_maps_key_goes_beside_a_later_pages_lowest_rank_where_that_fits_better() -> None:
    """Page 1 of the flagship on A4 has no room for the key; a later page takes it. Below
    the drawing, it made the page taller than wide and drawn smaller; beside the lowest
    rank (right of every box level with it), the page is as landscape as the paper."""
    from argmap.exporters.diagram import geometry

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto"))
    (keyed,) = [laid for laid in layout.pages if laid.plan.page.key == ("bottom", "")]
    boxes = geometry.boxes(keyed.svg)
    key = boxes.pop("legend key")
    lowest = max(boxes.values(), key=lambda box: box.bottom)
    level = [box for box in boxes.values() if box.bottom > key.top and box.top < key.bottom]
    assert key.left > max(box.right for box in level)  # beside the drawing
    assert key.top < lowest.bottom and key.bottom > lowest.top  # level with its lowest rank
    assert geometry.overlaps(keyed.svg) == 0
    assert layout.scale(keyed) >= layout.budget.scale * 0.999


def _flat(reasons: int, objections: int) -> ArgumentMap:
    """A thesis with a list of one-sentence reasons and objections, as debaters list them."""
    words = ["pupils", "learn", "more", "through", "play", "and", "rest", "after", "a", "day"]

    def text(label: str, i: int) -> str:
        length = 5 + (i * 7) % 17
        return f"{label} {i}: " + " ".join(words[(i * 3 + k) % len(words)] for k in range(length))

    premises = [{"id": f"r{i}", "text": text("Reason", i)} for i in range(reasons)]
    against = [{"id": f"o{i}", "text": text("Objection", i)} for i in range(objections)]
    thesis = {"id": "t", "text": "Homework should go.", "premises": premises}
    return validate_data({"title": "Flat", "thesis": {**thesis, "objections": against}})


@pytest.mark.parametrize(("fit", "direction"), [("a4", "TB"), ("slide", "LR")])
def test_the_last_pages_leave_room_for_the_key_rather_than_give_it_a_page(
    fit: str, direction: str
) -> None:
    """A list of 60 on A4 filled every page to the edge, and the whole map's key took a
    page of its own: the last pages are planned again leaving the key's room, in as many
    pages, each at the floor, and every node still drawn once (left to right too)."""
    m = _flat(47, 7) if direction == "TB" else _flat(35, 5)
    options = RenderOptions(direction=direction)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    pages = [laid.plan.page for laid in layout.pages]
    assert all(page.key != ("alone", "") for page in pages)
    (keyed,) = [laid for laid in layout.pages if 'id="legend"' in laid.svg]
    assert keyed.plan.page.nodes and keyed is not layout.pages[0]
    assert pages[0].key == ("page", str(keyed.plan.page.number))
    floor = layout.budget.scale * 0.999
    assert [laid.plan.page.number for laid in layout.pages if layout.scale(laid) < floor] == []
    drawn = [node_id for page in pages for node_id in page.nodes]
    assert sorted(drawn) == sorted(node.id for node in visible_nodes(m, options))


def test_room_for_the_key_is_not_made_by_moving_an_undercut_from_its_target() -> None:
    """On upright slides the flagship's last page draws a statement and the undercut
    answering it: making room for the key there would draw them on two pages. The key
    had a page of its own; set in two columns with its longest words wrapped, it now
    goes below a page's drawing with room for it, and no page holds it alone."""
    m = load_map(FLAGSHIP)
    options = RenderOptions(portrait=True)
    layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))
    (page,) = [
        laid.plan.page
        for laid in layout.pages
        if "consider-each-others-concerns" in laid.plan.page.nodes
    ]
    assert "concerns-call-is-even-handed" in page.nodes
    assert all(laid.plan.page.nodes for laid in layout.pages)
    (keyed,) = [laid for laid in layout.pages if 'id="legend"' in laid.svg]
    assert keyed.plan.page.key_columns == PAIRED_WRAPPED and keyed.plan.page.key[0] == "below"
    assert layout.scale(keyed) >= layout.budget.scale * 0.999


def test_a_small_branch_shares_a_page_with_a_linked_group_in_reading_order() -> None:
    """On slides, the flagship's thesis has a reason with its undercut, then two linked
    groups, then an objection with its evidence, each continued from page 1. The
    objection took a slide of its own, then shared the reason's, the groups passed over
    (a linked group kept a page of its own); it now shares the second group's, after it
    as in the map, and the pages go in reading order. (The first group, drawn beside the
    reason, came out before it: that page is planned again without it.)"""
    m = load_map(FLAGSHIP)
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    pages = [laid.plan.page for laid in layout.pages]
    (shared,) = [page for page in pages if "pure-and-simple-overstated" in page.tops]
    assert shared.tops == ("russia-rewards-pyongyang", "illusion-of-leverage", shared.tops[-1])
    tops = ("crimea-adds-momentum", "korea-policy-part-of-pivot", "russia-rewards-pyongyang")
    firsts = [next(page.number for page in pages if top in page.tops) for top in tops]
    assert firsts == sorted(firsts)  # (the first group now shares the reason's slide)
    drawn = [node_id for page in pages for node_id in page.nodes]
    assert sorted(drawn) == sorted(node.id for node in visible_nodes(m, RenderOptions()))


def test_a_key_below_a_row_hangs_from_both_its_ends() -> None:
    """Hung from one box alone, the engine centres the key under it, past the drawing's
    side where that box is near it: below the first of two stubs, by half its width;
    below the last box of a staircase of single boxes, the first top at the far side."""
    row = Wrap("t", (("stub a", "b", "stub c"),), ())
    page = Page(1, (), ("t",), ("t", "b"), (Stub("t", ("a",), 1, 2), Stub("t", ("c",), 1, 3)))
    page = replace(page, wraps=(row,))
    assert key_anchors(page, "stub a") == ("stub a", "stub c")
    assert key_anchors(page, "b") == ("stub a", "stub c")
    assert key_anchors(page, "t") == ("t",), "the first top alone"
    stairs = Wrap("page trail", (("b",), ("c",), ("stub d", "page trail")), ())
    page = Page(3, ("t",), ("b", "c"), ("b", "c"), (Stub("t", ("d",), 4, 4),), wraps=(stairs,))
    assert key_anchors(page, "stub d") == ("b", "stub d"), "the breadcrumb is no box"
    assert key_anchors(page, "c") == ("b", "c")


def test_text_is_one_size_on_most_pages_of_a_deck() -> None:
    """Each enlarged to fill its slide, the flagship's text ranged from 1.03 to 2.12 times
    the floor, slide to slide. Now half the slides or more share the largest size, the
    fuller ones a little smaller, none under the floor."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    scales = [layout.scale(page) for page in layout.pages]
    assert len(scales) > 5
    assert min(scales) >= layout.budget.scale - 1e-9
    assert sum(scale == max(scales) for scale in scales) >= len(scales) / 2
    assert max(scales) / min(scales) < 1.2
    small = {"id": "t", "text": "A thesis.", "premises": [{"id": "r", "text": "A reason."}]}
    one = validate_data({"title": "One page", "thesis": small})
    alone = lay_out(one, analyze(one), RenderOptions(), "slide", find_engine("auto"))
    assert len(alone.pages) == 1 and alone.scale(alone.pages[0]) > alone.budget.scale * 1.2


def _short_list(reasons: int) -> ArgumentMap:
    """A thesis with a list of reasons of one to five words."""
    words = ["pupils", "learn", "more", "through", "play", "and", "rest", "after", "a", "day"]
    premises = [
        {
            "id": f"r{i}",
            "text": f"S{i}: " + " ".join(words[(i * 3 + k) % 10] for k in range(1 + i % 5)),
        }
        for i in range(reasons)
    ]
    return validate_data(
        {"title": "Short list", "thesis": {"id": "t", "text": "Yes.", "premises": premises}}
    )


@pytest.mark.parametrize(("reasons", "pages"), [(19, 2), (28, 3)])
def test_left_to_right_the_key_takes_a_column_after_a_full_one(reasons: int, pages: int) -> None:
    """On slides left to right, a page's last column of short reasons runs the slide's
    height: the key had no room below it, and 19 reasons took three slides, the last for
    the key alone (28: four). It goes in a column of its own after the last, right of
    every box."""
    from argmap.exporters.diagram import geometry

    m = _short_list(reasons)
    layout = lay_out(m, analyze(m), RenderOptions(direction="LR"), "slide", find_engine("auto"))
    assert len(layout.pages) == pages
    (keyed,) = [laid for laid in layout.pages if 'id="legend"' in laid.svg]
    assert keyed.plan.page.key[0] == "next" and keyed.plan.page.nodes
    boxes = geometry.boxes(keyed.svg)
    key = boxes.pop("legend key")
    assert key.left > max(box.right for box in boxes.values())
    assert geometry.overlaps(keyed.svg) == 0
    assert min(map(layout.scale, layout.pages)) >= layout.budget.scale * 0.999


def test_a_page_drawn_too_big_pulls_no_other_under_the_floor() -> None:
    """Two pages, the first drawn wider than the page holds at the floor (which the
    planner avoids, and a probe found on page 1 of a small map): the middle of their
    scales was the first's, and the second, which fits, was shown under the floor too."""
    from typing import NamedTuple

    from argmap.exporters.diagram.pagesize import deck_scale, fit_scale, page_budget

    class Drawn(NamedTuple):
        width: float
        height: float

    budget = page_budget(PAGE_SIZES["a4"])
    big, small = Drawn(budget.width * 1.06, budget.height * 0.7), Drawn(800.0, 500.0)
    deck = deck_scale(budget, [big, small])
    assert fit_scale(budget, *big) < budget.scale <= deck
    assert min(fit_scale(budget, *small), deck) >= budget.scale
