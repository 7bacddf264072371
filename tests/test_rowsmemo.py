"""Statement rows measured once: a page's labels take the rows its boxes were measured with."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.analysis.view import draw_kind
from argmap.exporters.diagram import build, labels
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.labels import RowsMemo, node_label
from argmap.exporters.diagram.measure import box_size
from argmap.exporters.diagram.styles import THEMES
from argmap.load.maps import load_map
from argmap.model import ArgumentMap, Node
from argmap.options import Fit, RenderOptions
from tests.conftest import MAPS
from tests.strategies import argument_maps

ROOMS = [None, (500.0, 300.0, True), (215.0, 200.0, False), (120.0, 90.0, True)]


@settings(max_examples=60, deadline=None)
@given(argument_maps(max_nodes=12), st.sampled_from(ROOMS), st.booleans(), st.booleans())
def test_a_label_from_the_memo_is_the_label_made_afresh(
    m: ArgumentMap, room: tuple[float, float, bool] | None, narrow: bool, quotes: bool
) -> None:
    memo = RowsMemo()
    page = RenderOptions(narrow=narrow, text_room=room)
    styles = THEMES["default"][0]
    for node in m.walk():
        kind = draw_kind(m, node)
        box_size(m, node, kind, show_quote=quotes, narrow=narrow, room=room, memo=memo)
        args = (m, node, kind, styles[kind])
        afresh = node_label(*args, standing=None, show_quote=quotes, page=page)
        kept = node_label(*args, standing=None, show_quote=quotes, page=page, memo=memo)
        assert kept == afresh
    assert not memo  # each label took its rows


def test_a_label_with_other_options_does_not_take_the_measured_rows() -> None:
    m = load_map(MAPS / "school-uniforms.yaml")
    node = next(iter(m.walk()))
    kind = draw_kind(m, node)
    memo = RowsMemo()
    box_size(m, node, kind, show_quote=True, narrow=False, room=(500.0, 300.0, True), memo=memo)
    page = RenderOptions(text_room=(120.0, 90.0, True))
    style = THEMES["default"][0][kind]
    kept = node_label(m, node, kind, style, standing=None, show_quote=True, page=page, memo=memo)
    assert kept == node_label(m, node, kind, style, standing=None, show_quote=True, page=page)
    assert len(memo) == 1  # another room: the measured rows are not this label's


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_pages_wrap_each_statement_once(monkeypatch: pytest.MonkeyPatch, fit: Fit) -> None:
    """A box's statement is wrapped to measure it, and its label takes those rows.

    Only a label drawn again (a page laid out anew, tighter) wraps it again.
    """
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    wrapped: list[str] = []
    drawn: list[str] = []
    rows, label = labels.statement_rows, labels.node_label

    def counted_rows(m: ArgumentMap, node: Node, *args: Any, **kwargs: Any) -> Any:
        wrapped.append(node.id)
        return rows(m, node, *args, **kwargs)

    def counted_label(m: ArgumentMap, node: Node, *args: Any, **kwargs: Any) -> Any:
        drawn.append(node.id)
        return label(m, node, *args, **kwargs)

    monkeypatch.setattr(labels, "statement_rows", counted_rows)
    monkeypatch.setattr(build, "node_label", counted_label)
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))
    assert len(layout.pages) > 1
    assert sorted(wrapped) == sorted(drawn)
