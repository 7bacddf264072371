"""A map's stubs name their kinds one way: beside where they go on, or atop their words."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.stubbeside import stubs_beside
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS

_STUB = re.compile(r'<g id="stub&#45;\d+" class="node stub ?[a-z]*">(.*?)</g>\n</g>', re.S)
_WORDS = ("REASON", "LINKED", "OBJECTION", "UNDERCUTS", "REBUTTAL", "EVIDENCE", "CONCLUSION")


def _generated(nodes: int) -> ArgumentMap:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    return validate_data(generate(nodes))


def _ways(m: ArgumentMap, fit: str, portrait: bool) -> dict[int, set[str]]:
    """Page number -> how its worded stubs name their kinds: ``beside``, ``atop``."""
    layout = lay_out(m, analyze(m), RenderOptions(portrait=portrait), fit, find_engine("auto"))
    ways: dict[int, set[str]] = {}
    for page in layout.pages:
        for body in _STUB.findall(page.svg):
            lines = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", body)]
            if lines[0].startswith(_WORDS):
                way = "atop"
            elif lines[-1].startswith(_WORDS) and " · " in lines[-1]:
                way = "beside"
            else:
                continue  # a grouped stub: it counts its branches by kind
            ways.setdefault(page.plan.page.number, set()).add(way)
    return ways


@pytest.mark.parametrize(
    ("name", "fit", "portrait", "way"),
    [
        ("flagship", "a4", False, "atop"),
        ("120", "slide", False, "beside"),
    ],
)
def test_every_stub_of_a_map_names_its_kind_one_way(
    name: str, fit: str, portrait: bool, way: str
) -> None:
    """Beside where it goes on where that was no wider than the stub's lines, else atop:
    pages mixed the two (the flagship's upright A4 pages: 6 of them). A map most of whose
    stubs fit it beside (a generated map's, of two-line statements) has it so on each;
    else (the flagship's short objections, its undercutters) each has it atop (upright
    pages aside: see ``test_stacked_pages_leave_each_stub_its_own_way``)."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml") if name == "flagship" else None
    m = m or _generated(int(name))
    ways = _ways(m, fit, portrait)
    assert len(ways) >= 3
    assert {number: found for number, found in ways.items() if found != {way}} == {}


def _shortened(m: ArgumentMap, count: int) -> ArgumentMap:
    """The map with its first ``count`` statements under the thesis a word long."""
    nodes = list(m.nodes)
    for index in range(1, count + 1):
        nodes[index] = nodes[index].model_copy(update={"text": "Costs."})
    return m.model_copy(update={"nodes": tuple(nodes)})


def test_the_look_most_stubs_take_on_their_own_is_every_stub_s() -> None:
    """One branch whose stub was too narrow for its kind beside its count put every stub's
    kind atop: 1,500 generated nodes took 214 slides, not 200 (170 objections too wide).
    Most of a map's stubs fitting it beside, all have it so; most not, none."""
    m = _generated(120)
    assert stubs_beside(m, narrow=False)
    assert stubs_beside(_shortened(m, 5), narrow=False)
    assert not stubs_beside(_shortened(m, 80), narrow=False)


def test_stacked_pages_leave_the_look_to_each_page() -> None:
    """Upright, top down, every stub beside cost the flagship's upright Letter pages two
    (28, not 26) and crowded four conclusions' stubs over an upright A4 thesis into one
    grouped stub; one look atop cost a page too. There the map has no one look: the
    planner sizes each stub its own way (see ``test_pagefloor``)."""
    m = _shortened(_generated(120), 80)
    assert stubs_beside(m, narrow=False, stacked=True) is None
    assert stubs_beside(m, narrow=True, stacked=True) is None


@pytest.mark.parametrize("fit", ["a4", "letter", "slide"])
def test_each_upright_page_names_its_stubs_kinds_one_way(fit: str) -> None:
    """Each stub its own way, the flagship's upright pages showed both looks on one page
    (Letter: pages 1, 3, 5, 7, 15, 18), two kinds of box to a reader. Each page's stubs
    now take one look: beside where all fit it so, else atop; their count is as before
    (28 A4, 26 Letter, 29 slides)."""
    flagship = load_map(MAPS / "russias-game-in-north-korea.yaml")
    ways = _ways(flagship, fit, portrait=True)
    assert len(ways) >= 9
    assert {number: found for number, found in ways.items() if len(found) > 1} == {}


def test_the_flagship_s_upright_slides_lay_out() -> None:
    """Its stubs' kinds beside, the overview's grouped stub came first in its row of the
    root's children, and splitting it into single stubs failed (``max`` of one count).
    (Upright slides now leave each stub its own way: they lay out, 29 slides.)"""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(portrait=True), "slide", find_engine("auto"))
    assert len(layout.pages) == 29
