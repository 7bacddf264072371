"""The part of a map a render shows: a valid map, the same in the diagram and the page."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.analysis.view import narrows, submap, visible_nodes
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.strategies import argument_maps

UNIFORMS = load_map(MAPS / "school-uniforms.yaml")


def test_no_options_keep_the_whole_map() -> None:
    assert not narrows(RenderOptions())
    assert not narrows(RenderOptions(hide=frozenset({"quotes"})))
    assert submap(UNIFORMS, RenderOptions()) is UNIFORMS


def test_hiding_reviewers_drops_their_nodes_and_links() -> None:
    part = submap(UNIFORMS, RenderOptions(hide=frozenset({"reviewers"})))
    assert "expression" not in part
    assert len(part) == len(UNIFORMS) - 1


def test_a_group_left_with_one_premise_becomes_a_plain_premise() -> None:
    part = submap(UNIFORMS, RenderOptions(focus="cost", depth=0))
    assert [n.id for n in part.nodes] == ["uniforms", "cost"]
    linked = submap(UNIFORMS, RenderOptions(focus="bullying-clothes"))
    assert {n.group for n in linked.nodes} == {None, "less-bullying"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    argument_maps(),
    st.data(),
    st.none() | st.integers(min_value=0, max_value=3),
    st.frozensets(st.sampled_from(["evidence", "reviewers", "quotes"])),
)
def test_any_view_is_a_valid_map(
    m: ArgumentMap, data: st.DataObject, depth: int | None, hide: frozenset[str]
) -> None:
    focus = data.draw(st.none() | st.sampled_from([n.id for n in m.nodes]))
    options = RenderOptions(focus=focus, depth=depth, hide=hide)
    part = submap(m, options)  # validated on construction
    assert [n.id for n in part.nodes] == [n.id for n in visible_nodes(m, options)]
    assert part.thesis.id == m.thesis.id
    if focus is not None:
        assert focus in part
        assert all(a.id in part for a in m.ancestors(focus))


def _entries(page: str) -> list[str]:
    return re.findall(r'<li class="entry[^"]*"[^>]*data-id="([^"]+)"', page)


def test_the_page_shows_the_same_part_as_the_diagram() -> None:
    options = RenderOptions(hide=frozenset({"reviewers"}))
    page = render_html(UNIFORMS, analyze(UNIFORMS), options, diagram=False)
    assert "expression" not in _entries(page)
    assert "This page shows 9 of the map&#39;s 10 nodes: without reviewers&#39; nodes." in page
    full = render_html(UNIFORMS, analyze(UNIFORMS), RenderOptions(), diagram=False)
    assert "expression" in _entries(full)
    assert '<p class="view-note"' not in full


def test_standing_on_a_partial_page_is_the_whole_map_s() -> None:
    # The reviewer's unanswered objection defeats the thesis even when it is hidden.
    page = render_html(
        UNIFORMS, analyze(UNIFORMS), RenderOptions(hide=frozenset({"reviewers"})), diagram=False
    )
    thesis_entry = page.split('data-id="uniforms"', 1)[1].split("</summary>", 1)[0]
    assert "badge standing out" in thesis_entry
