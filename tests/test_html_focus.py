"""The HTML page of a focus: its context listed open above it, a long chain cut short."""

from __future__ import annotations

import html
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.analysis.view import CHAIN_NEAREST, CHAIN_WHOLE, submap
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.deepmaps import deep_chain
from tests.test_html import parse

_OPEN = re.compile(r'<li class="entry[^"]*" id="([^"]+)"[^>]*>\n<details( open)?>')


def _page(depth: int, focus: str) -> tuple[str, int, int]:
    """The page of ``focus`` in a chain ``depth`` deep, its submap's size and the map's."""
    m = deep_chain(depth)
    options = RenderOptions(focus=focus)
    page = render_html(m, analyze(m), options, diagram=False)
    return page, len(submap(m, options)), len(m)


def _opened(page: str) -> dict[str, bool]:
    return {anchor: bool(is_open) for anchor, is_open in _OPEN.findall(page)}


def test_a_deep_focus_lists_the_thesis_and_the_nearest_claims_not_the_whole_chain() -> None:
    """The page of a node 40 levels down listed all 40 claims above it, in 40 nested lists."""
    page, shown, whole = _page(60, "n40")
    entries = parse(page).entries
    listed = [ident for ident, _up, _flat in entries]
    chain = [ident for ident in listed if re.fullmatch(r"n\d+", ident) and int(ident[1:]) < 40]
    nearest = [f"n{i}" for i in range(40 - CHAIN_NEAREST, 40)]
    assert chain == ["n0", *nearest]
    left_out = 40 - CHAIN_NEAREST - 1
    assert {ident: up for ident, up, _flat in entries}[nearest[0]] == "n0"
    said = re.search(r'<li class="elided">(.*?)</li>', page, re.S)
    assert said is not None
    assert f'{left_out} claims between the thesis and <a href="#n-{nearest[0]}">' in said.group(1)
    assert f"supports <code>n{40 - CHAIN_NEAREST - 1}</code> (left out of this page)" in page
    # Every link on the page leads somewhere on it; the counts are of what it lists.
    anchors = set(re.findall(r' id="([^"]+)"', page))
    assert {href[1:] for href in re.findall(r'href="(#[^"]*)"', page)} <= anchors | {""}
    assert len(listed) == shown - left_out
    note = f"This page shows {shown - left_out:,} of the map's {whole:,} nodes"
    assert note in html.unescape(page)
    assert re.search(rf"\b{shown - left_out} nodes\.", page.split("<footer")[1])


@pytest.mark.parametrize("above", [3, CHAIN_WHOLE])
def test_a_focus_s_chain_is_listed_whole_and_open_down_to_it(above: int) -> None:
    """Entries three levels down started closed: the focus was hidden in its own page."""
    page, _shown, _whole = _page(above + 8, f"n{above}")
    opened = _opened(page)
    assert "elided" not in page.split('<ol class="tree"')[1]
    for level in range(above + 1):  # the thesis, the chain, the focus
        assert opened[f"n-n{level}"], level
    assert opened[f"n-n{above + 2}"] and not opened[f"n-n{above + 3}"]  # then three levels


def test_a_page_without_a_focus_opens_three_levels() -> None:
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    page = render_html(m, analyze(m), diagram=False)
    levels = {node.id: len(m.ancestors(node.id)) for node in m.nodes}
    for anchor, is_open in _opened(page).items():
        assert is_open == (levels[anchor.removeprefix("n-")] < 3), anchor


@pytest.mark.parametrize("kind", ["fill", "place", "label"])
def test_a_worksheet_of_a_deep_focus_gives_the_nearest_claims_as_context_not_all(
    kind: str,
) -> None:
    """Its outline listed all 40 claims above the focus as given statements."""
    from argmap.exercise import make_worksheet

    m = deep_chain(60)
    options = RenderOptions(focus="n40", exercise=True, exercise_kind=kind)  # type: ignore[arg-type]
    sheet = make_worksheet(m, options)
    page = render_html(
        sheet.exercise, analyze(sheet.exercise), sheet.exercise_options, diagram=False
    )
    assert page.count('<li class="elided">') == 1
    assert len(parse(page).entries) == len(submap(m, options)) - (40 - CHAIN_NEAREST - 1)
