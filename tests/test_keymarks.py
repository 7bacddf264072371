"""The key of a paged diagram explains the marks its pages draw: stubs, breadcrumbs, references."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters import get_exporter
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.exporters.diagram.formats import to_dot
from argmap.exporters.diagram.keymarks import (
    EVERY_STUB,
    LEAF_STUBS,
    MARKS,
    REFS,
    STUB_MARKS,
    STUBS,
    TRAIL,
    deck_marks,
    mark_swatch,
    mark_words,
    stub_row,
)
from argmap.exporters.diagram.keysize import legend_size
from argmap.exporters.diagram.legend import PAIRED_WRAP
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.paging import Page, Stub
from argmap.exporters.diagram.stubstatus import map_standings
from argmap.exporters.diagram.styles import STANDING_TEXT, THEMES
from argmap.exporters.diagram.textwidth import text_points
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import NodeKind
from argmap.options import RenderOptions
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
UNIFORMS = MAPS / "school-uniforms.yaml"
EVERY_WORD = {
    mark_words(mark, status) for mark in (*STUB_MARKS, *MARKS) for status in (False, True)
}


def _laid(path: object, fit: str, **options: object) -> Layout:
    m = load_map(path)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), RenderOptions(**options), fit, find_engine("auto"))  # type: ignore[arg-type]


def _key_texts(svg: str) -> list[str]:
    """The words of the key's texts in a drawing's SVG (none without a key)."""
    if 'id="legend"' not in svg:
        return []
    group = svg.split('id="legend"')[1].split("</g>\n</g>")[0]
    return [html.unescape(words) for words in re.findall(r"<text[^>]*>([^<]*)</text>", group)]


def _keyed(layout: Layout) -> tuple[int, str]:
    (keyed,) = [laid for laid in layout.pages if 'id="legend"' in laid.svg]
    return keyed.plan.page.number, keyed.svg


def test_the_flagships_a4_key_explains_its_stubs_breadcrumbs_and_references() -> None:
    """Page 1 drew dashed boxes ("+44 more, p. 2", "attacked from p. 13"), page 5 grey
    dashed rows ("THESIS: ..."): the key, on page 5, said only what a dashed arrow is."""
    layout = _laid(FLAGSHIP, "a4")
    svgs = [laid.svg for laid in layout.pages]
    assert any('class="node stub' in svg for svg in svgs) and any(
        'id="trail"' in svg for svg in svgs
    )
    assert any('class="node page&#45;ref' in svg for svg in svgs)
    number, svg = _keyed(layout)
    texts = _key_texts(svg)
    for mark in (EVERY_STUB, TRAIL, REFS):  # its stubs: branches' and leaves'
        assert mark_words(mark, False) in texts, mark
    assert f"key: p. {number}" in svgs[0]
    # each drawn with its sample: the key's dashed outlines, a stub's in a reason's border
    key = svg.split('id="legend"')[1].split("</g>\n</g>")[0]
    reason = THEMES["default"][0][NodeKind.PREMISE].border
    assert re.search(rf'stroke="{reason}" stroke-dasharray', key)
    assert key.count('stroke="#757575" stroke-dasharray') == 1  # the breadcrumb's


def test_a_slide_deck_without_cross_links_has_no_reference_entry() -> None:
    """Only the marks some page draws: a map without cross-links draws no reference."""
    from benchmarks.bench_render import generate

    m = validate_data(generate(120))
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    assert not any('class="node page&#45;ref' in laid.svg for laid in layout.pages)
    texts = _key_texts(_keyed(layout)[1])
    stubs = "".join(laid.svg for laid in layout.pages).count("drawn in full, p. ")
    row = EVERY_STUB if stubs else STUBS  # its leaves' stubs, if any: drawn in full
    assert mark_words(row, False) in texts and mark_words(TRAIL, False) in texts
    assert mark_words(REFS, False) not in texts


def test_a_one_page_maps_key_explains_no_page_marks() -> None:
    """A map on one page (fitted or not) draws no stub, breadcrumb or reference: its key,
    and its DOT, are as before."""
    layout = _laid(UNIFORMS, "a4")
    assert len(layout.pages) == 1 and 'id="trail"' not in layout.pages[0].svg
    assert not EVERY_WORD & set(_key_texts(layout.pages[0].svg))
    m = load_map(UNIFORMS)
    svg = get_exporter("svg").render(m, analyze(m), RenderOptions())
    assert isinstance(svg, str) and _key_texts(svg) and not EVERY_WORD & set(_key_texts(svg))
    dot = to_dot(m, analyze(m), RenderOptions())
    assert not any(html.escape(words) in dot or words in dot for words in EVERY_WORD)


def test_with_status_the_key_tells_a_stub_from_a_claim_that_falls() -> None:
    """With ``--status`` a dashed border says "falls", and a stub's border is its branch's
    standing: "dashed box: continues on p. N" would have read as a claim out. The key
    names the stub by the page it names, its sample's border solid."""
    layout = _laid(FLAGSHIP, "a4", status=True)
    texts = _key_texts(_keyed(layout)[1])
    assert mark_words(EVERY_STUB, True) in texts and mark_words(EVERY_STUB, False) not in texts
    assert any(text.startswith(STANDING_TEXT["out"]) and "dashed" in text for text in texts)
    premise = THEMES["default"][0][NodeKind.PREMISE]
    for mark in STUB_MARKS:
        assert "dashed" not in mark_swatch(mark, premise, True)
        assert "dashed" in mark_swatch(mark, premise, False)


@pytest.mark.parametrize(("fit", "status"), [("a4", False), ("a4", True), ("slide", True)])
def test_the_planner_counts_every_row_of_the_key(fit: str, status: bool) -> None:
    """The planner's key counted no page marks, nor ``--status``'s rows: with them, the
    flagship's key was drawn 394 points wide where 352 were planned."""
    m = load_map(FLAGSHIP)
    layout = lay_out(m, analyze(m), RenderOptions(status=status), fit, find_engine("auto"))
    (keyed,) = [laid for laid in layout.pages if 'id="legend"' in laid.svg]
    group = keyed.svg.split('id="legend"')[1]
    box = re.search(r'stroke="#9e9e9e" points="([^"]+)"', group)
    assert box is not None
    xs, ys = zip(*(map(float, point.split(",")) for point in box.group(1).split()), strict=True)
    standing = map_standings(m, analyze(m)) if status else {}
    ids = [node.id for node in m.nodes]
    planned = legend_size(
        m, ids, [], "TB", keyed.plan.page.key_columns, standing=standing, marks=MARKS
    )
    assert max(xs) - min(xs) <= planned[0] and max(ys) - min(ys) <= planned[1]


def _plan(
    home: dict[str, int], number: int = 2, key: tuple[str, str] = ("below", "b")
) -> PagePlan:
    page = Page(number, ("t",) if number > 1 else (), ("b",), ("b",), key=key)
    return PagePlan(page, max(home.values(), default=0), home)


def test_a_reference_entry_only_where_a_cross_link_spans_two_pages() -> None:
    m = validate_data(
        {
            "title": "T",
            "thesis": {
                "id": "t",
                "text": "T.",
                "premises": [
                    {"id": "a", "text": "A."},
                    {"id": "b", "text": "B.", "links": [{"to": "a", "relation": "supports"}]},
                ],
            },
        }
    )
    assert deck_marks(m, _plan({"t": 1, "a": 2, "b": 2})) == {STUBS, TRAIL}
    assert deck_marks(m, _plan({"t": 1, "a": 1, "b": 2})) == {STUBS, TRAIL, REFS}
    assert deck_marks(m, _plan({"t": 0, "a": 0, "b": 0})) == {STUBS, TRAIL, REFS}  # a draft
    one = {"t": 1, "a": 1, "b": 1}
    assert deck_marks(m, _plan(one, 1)) == frozenset()
    assert deck_marks(m, _plan({"t": 1, "a": 1, "b": 2}, key=("", ""))) == frozenset()
    assert deck_marks(m, None) == frozenset()


def test_the_key_words_stubs_as_the_pages_draw_them() -> None:
    """A leaf's stub says ``drawn in full, p. 9``, but the key said every dashed box
    "continues on p. N", as if more were there (the flagship's A4 pages: 9 leaves' stubs
    of 26). The key says what the stubs drawn say: a branch goes on, a leaf is drawn in
    full, or, both drawn, where each is drawn; its words no wider than the planner's."""
    leaf, branch, grouped = (
        Stub("t", ("a",), 1, 2),
        Stub("t", ("b",), 3, 3),
        Stub("t", ("c", "d"), 2, 4, True),
    )
    page = Page(1, (), ("t",), ("t",))
    assert stub_row([replace(page, stubs=(branch, grouped))]) == STUBS
    assert stub_row([replace(page, stubs=(leaf,)), page]) == LEAF_STUBS
    assert stub_row([replace(page, stubs=(leaf,)), replace(page, stubs=(branch,))]) == EVERY_STUB
    assert stub_row([page]) == STUBS  # none: as planned
    m = load_map(FLAGSHIP)
    plan = replace(
        _plan({node.id: 1 + (node.id != m.nodes[0].id) for node in m.nodes}), stub_row=LEAF_STUBS
    )
    assert LEAF_STUBS in deck_marks(m, plan) and STUBS not in deck_marks(m, plan)
    for status in (False, True):
        longest = text_points(mark_words(STUBS, status), 10)
        assert all(text_points(mark_words(mark, status), 10) <= longest for mark in STUB_MARKS)
    layout = _laid(FLAGSHIP, "letter", portrait=True)
    stubs = [
        body
        for laid in layout.pages
        for body in re.findall(r'class="node stub.*?</g>', laid.svg, re.S)
    ]
    assert sum("drawn in full" in body for body in stubs) >= 5
    assert sum("more, p" in body for body in stubs) >= 5
    texts = _key_texts(_keyed(layout)[1])
    assert "dashed box: drawn on p. N" in texts and mark_words(STUBS, False) not in texts
    assert len(layout.pages) == 26


def test_the_marks_words_fit_a_wrapped_keys_line() -> None:
    """In two columns with wrapped words (an upright slide's key), each mark's words keep
    to one line: two lines each made the uniforms' key too tall for its slide."""
    assert all(len(words) <= PAIRED_WRAP for words in EVERY_WORD)
