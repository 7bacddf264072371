"""The key of a paged diagram: every kind and arrow of every page, each sample drawn as it."""

from __future__ import annotations

import html
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters import RenderOptions, get_exporter
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine, run_engine_svg
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.formats import to_dot
from argmap.exporters.diagram.keydraw import draw_samples
from argmap.exporters.diagram.keymarks import STUBS, TRAIL
from argmap.exporters.diagram.keysamples import kind_swatch, sample_code
from argmap.exporters.diagram.keysize import legend_size
from argmap.exporters.diagram.legend import (
    PAIRED,
    PAIRED_WRAP,
    PAIRED_WRAPPED,
    legend_content,
    legend_label,
)
from argmap.exporters.diagram.styles import DRAWN_EDGE, THEMES
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import NodeKind, Relation
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
UNIFORMS = MAPS / "school-uniforms.yaml"
MARGINS = (16.0, 8.0)
"""The engine's margins about a key (a plaintext node's), past its table's border."""
_POINTS = re.compile(r'<polygon[^>]*points="([^"]*)"')


def _key_table(svg: str) -> geometry.Box:
    """The box of a page's key: its table's border, the first shape the key draws."""
    table = _POINTS.search(svg.split('id="legend"')[1])
    assert table is not None
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", table.group(1))]
    xs, ys = numbers[0::2], numbers[1::2]
    return geometry.Box(min(xs), min(ys), max(xs), max(ys))


def _pages(path_or_map: object, **options: object) -> list[str]:
    m = load_map(path_or_map) if not hasattr(path_or_map, "nodes") else path_or_map  # type: ignore[arg-type]
    pages = get_exporter("svg").render(m, analyze(m), RenderOptions(**options))  # type: ignore[arg-type]
    return [pages] if isinstance(pages, str) else list(pages)  # type: ignore[list-item]


def _key(pages: list[str]) -> str:
    (keyed,) = [page for page in pages if 'id="legend"' in page]
    return keyed.split('id="legend"')[1].split("</g>")[0]


def test_the_key_explains_the_kinds_of_later_pages() -> None:
    """On A4, page 1 of the uniforms drew thesis, reason and objection; page 2's evidence
    and rebuttal were never explained. (On landscape A4 it is now one page: on upright
    Letter, three, the key on page 1, which draws the thesis and an objection.)"""
    pages = _pages(UNIFORMS, fit="letter", portrait=True)
    assert len(pages) > 1 and 'id="legend"' in pages[0]
    key = _key(pages)
    for word in ("thesis", "reason", "evidence", "objection", "rebuttal", "box: a linked"):
        assert f">{word}" in key, word


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_the_key_explains_a_linked_group_drawn_only_on_a_later_page(fit: str) -> None:
    def reason(i: int) -> dict[str, object]:
        text = f"Sub-reason {i} is a longer statement that takes room on the page."
        return {"id": f"r{i}", "text": f"Reason {i} holds.", "premises": [{"text": text}] * 3}

    reasons = [reason(i) for i in range(4)]
    linked = [{"id": "a", "text": "One half."}, {"id": "b", "text": "The other half."}]
    reasons[3]["premises"] = [*reasons[3]["premises"], {"id": "g", "linked": linked}]  # type: ignore[misc]
    m = validate_data({"title": "T", "thesis": {"id": "t", "text": "Claim.", "premises": reasons}})
    pages = _pages(m, fit=fit)
    drawn = [i for i, page in enumerate(pages) if "cluster_group" in page]
    assert drawn and 0 not in drawn, "the group should be drawn on a later page only"
    assert "box: a linked reason" in _key(pages)


def test_the_flagships_first_slide_explains_every_slide() -> None:
    key = _key(_pages(FLAGSHIP, fit="slide"))
    for word in ("evidence", "rebuttal", "box: a linked", "dashed: cross", "arrow: attacks"):
        assert f">{word}" in key, word


@pytest.mark.parametrize("theme", ["default", "print", "contrast"])
def test_the_key_draws_its_arrows_as_the_arrows_they_name(theme: str) -> None:
    """The key said "bar-ended arrow to a dot" and "hollow arrow" beside plain arrows."""
    key = _key(_pages(UNIFORMS, fit="a4", theme=theme))
    assert "&#45;&#45;" not in key and "→" not in key  # every sample redrawn
    undercut = THEMES[theme][1][Relation.UNDERCUTS]
    assert "<ellipse" in key  # the dot at the bar's end
    assert f'stroke="{undercut.color}"' in key


def test_the_samples_drawing_follows_the_code() -> None:
    drawn = DRAWN_EDGE["default"]
    assert sample_code(drawn) == "==|&gt;"
    cell = f'<TR><TD><FONT COLOR="{drawn.color}">{sample_code(drawn)}</FONT></TD></TR>'
    source = f"digraph {{ legend [shape=plaintext id=legend label=<<TABLE>{cell}</TABLE>>] }}"
    svg = draw_samples(run_engine_svg(source))
    hollow = re.search(r'<polygon fill="white" stroke="(#\w+)"', svg)
    assert hollow is not None and hollow.group(1) == drawn.color
    assert "==" not in svg.split('id="legend"')[1]


def test_print_themes_thesis_and_reason_samples_differ() -> None:
    nodes = THEMES["print"][0]
    assert kind_swatch(nodes[NodeKind.THESIS]) != kind_swatch(nodes[NodeKind.PREMISE])
    assert kind_swatch(nodes[NodeKind.OBJECTION]) != kind_swatch(nodes[NodeKind.REBUTTAL])
    m = load_map(UNIFORMS)
    dot = to_dot(m, analyze(m), RenderOptions(theme="print"))
    assert 'BORDER="4"' in dot and 'STYLE="rounded"' in dot


@pytest.mark.parametrize("fit", ["a4", "a3", "slide"])
def test_no_upright_page_of_the_uniforms_holds_the_key_alone(fit: str) -> None:
    """Upright, the uniforms took three pages, the third the key alone, while page 2's
    four boxes left room below them for the key set in two columns (wide and low); on an
    upright slide the two columns were too wide (479 points against 447) until the longest
    entries' words wrapped onto two lines. The key now explains the pages' stubs and
    breadcrumbs too, two rows more: it goes below page 1's drawing (A4, A3) or page 3's
    (a slide, in two columns), never on a page of its own, every page at the floor, and
    it is drawn no bigger than the planner counts it (its table's box, with the engine's
    margins: the key's first shape found was its undercut sample's dot)."""
    m = load_map(UNIFORMS)
    layout = lay_out(m, analyze(m), RenderOptions(portrait=True), fit, find_engine("auto"))
    pages = [laid.plan.page for laid in layout.pages]
    assert len(pages) > 1 and all(page.nodes for page in pages)
    (keyed,) = [laid for laid in layout.pages if 'id="legend"' in laid.svg]
    number = keyed.plan.page.number
    if number > 1:
        assert pages[0].key == ("page", str(number)) and f"key: p. {number}" in layout.pages[0].svg
    assert min(map(layout.scale, layout.pages)) >= layout.budget.scale * 0.999
    assert geometry.overlaps(keyed.svg) == 0
    key = _key_table(keyed.svg)
    lowest = max(b.bottom for name, b in geometry.boxes(keyed.svg).items() if name != "legend key")
    assert key.top > lowest, "below the drawing"
    ids, marks = [node.id for node in m.nodes], (STUBS, TRAIL)
    planned = legend_size(m, ids, [], "TB", keyed.plan.page.key_columns, marks=marks)
    assert key.right - key.left + MARGINS[0] <= planned[0]
    assert key.bottom - key.top + MARGINS[1] <= planned[1]


@pytest.mark.parametrize("path", [UNIFORMS, FLAGSHIP])
def test_a_key_in_two_columns_is_wider_and_about_half_as_tall(path: object) -> None:
    """Two columns side by side, read down the first, then down the second; wrapped,
    about as wide as one column and a little taller than two."""
    m = load_map(path)  # type: ignore[arg-type]
    ids = [node.id for node in m.nodes]
    tall, wide = legend_size(m, ids, [], "TB"), legend_size(m, ids, [], "TB", PAIRED)
    assert wide[1] < tall[1] * 0.7 and tall[0] < wide[0] < tall[0] * 1.5
    narrow = legend_size(m, ids, [], "TB", PAIRED_WRAPPED)
    assert wide[1] < narrow[1] < tall[1] * 0.75 and tall[0] * 0.75 < narrow[0] < wide[0] * 0.8
    nodes, edges = THEMES["default"]
    content = legend_content(m, list(m.nodes), frozenset(ids), {}, paged=True)
    one, two, wrapped = (legend_label(content, nodes, edges, columns=n) for n in (1, 2, 3))
    words = re.compile(r'ALIGN="LEFT"[^>]*>((?:[^<]|<BR/>)+)</TD>')

    def entries(label: str) -> list[str]:
        return [text.replace("<BR/>", " ") for text in words.findall(label)]

    for paired in (two, wrapped):
        rows = [entries(row) for row in re.split(r"</TR>(?=<TR>|</TABLE>$)", paired)[1:-1]]
        assert len(rows) == -(-len(entries(one)) // 2)
        down = [row[0] for row in rows] + [row[1] for row in rows if len(row) > 1]
        assert down == entries(one)
    assert "<BR/>" not in one + two and "<BR/>" in wrapped
    entries_only = wrapped.split("</TR>", 1)[1]  # (the title row, above both columns, aside)
    assert all(len(html.unescape(s)) <= PAIRED_WRAP for s in re.split(r"<[^>]*>", entries_only))


@pytest.mark.parametrize("theme", ["default", "print", "contrast"])
def test_the_key_says_a_rebuttals_arrows_take_its_colour(theme: str) -> None:
    """The uniforms' rebuttal's arrow is orange; the key named only green and red arrows.
    Its title says so (in a row the key has anyway: a row more took the upright pages a
    page more), where the theme draws them in a colour of their own."""
    key = _key(_pages(UNIFORMS, fit="a4", theme=theme))
    nodes, edges = THEMES[theme]
    own = nodes[NodeKind.REBUTTAL].border != edges[Relation.ATTACKS].color
    assert (">KEY: a rebuttal&#39;s arrows are drawn in its colour<" in key) is own
    m = load_map(UNIFORMS)
    only = [n for n in m.nodes if n.id != "second-hand"]  # its rebuttal's arrow not drawn
    content = legend_content(m, only, frozenset(n.id for n in only), {})
    assert "rebuttal" not in legend_label(content, nodes, edges, theme).split("</TR>")[0]
