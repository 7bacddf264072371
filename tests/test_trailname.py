"""A node whose id is ``trail`` keeps its own box on pages that have a breadcrumb."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import LaidPage, lay_out
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import Fit, RenderOptions

_EDGE_TITLE = re.compile(r'<g id="[^"]*" class="edge\b[^"]*">\s*<title>(.*?)</title>', re.S)
_NODE_ID = re.compile(r'<g id="([^"]*)" class="node\b')

FITS = [("slide", False, "TB"), ("a4", True, "LR")]
"""``--fit slide``, and ``--fit a4 --portrait --direction LR`` (the breadcrumb in a column)."""


def _evidence(parent: str, count: int) -> list[dict[str, str]]:
    return [{"id": f"{parent}-e{i}", "text": f"Evidence {i} for {parent}."} for i in range(count)]


def _continued() -> ArgumentMap:
    """``trail`` has too much evidence for the overview: it goes on on a page of its own."""
    premises = [
        {"id": "trail", "text": "A premise named trail.", "evidence": _evidence("trail", 14)},
        {"id": "other", "text": "Another premise."},
    ]
    return validate_data(
        {"title": "Trail", "thesis": {"id": "t", "text": "T.", "premises": premises}}
    )


def _on_overview() -> ArgumentMap:
    """``trail`` and its children share a page (a slide's overview); a sibling's branch goes on."""
    premises = [
        {"id": "trail", "text": "A premise named trail.", "evidence": _evidence("trail", 2)},
        {"id": "big", "text": "A premise with much evidence.", "evidence": _evidence("big", 14)},
    ]
    return validate_data(
        {"title": "Trail", "thesis": {"id": "t", "text": "T.", "premises": premises}}
    )


def _above() -> ArgumentMap:
    """``trail`` is a row of the breadcrumb atop its child's page, and drawn on a page before."""
    deeper = {"id": "deeper", "text": "A deeper claim.", "evidence": _evidence("deeper", 14)}
    premises = [
        {"id": "trail", "text": "A premise named trail.", "premises": [deeper]},
        {"id": "other", "text": "Another premise."},
    ]
    return validate_data(
        {"title": "Trail", "thesis": {"id": "t", "text": "T.", "premises": premises}}
    )


def _laid(m: ArgumentMap, fit: Fit, portrait: bool, direction: str) -> list[LaidPage]:
    options = RenderOptions(portrait=portrait, direction=direction)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto")).pages


def _edges(svg: str) -> list[tuple[str, str]]:
    """Every drawn edge's tail and head, as the engine named them (ports dropped)."""
    out = []
    for title in _EDGE_TITLE.findall(svg):
        tail, head = html.unescape(title).split("->")
        out.append((tail.split(":")[0], head.split(":")[0]))
    return out


@pytest.mark.parametrize(
    "make", [_continued, _on_overview, _above], ids=["continued", "overview", "above"]
)
@pytest.mark.parametrize(("fit", "portrait", "direction"), FITS, ids=["slide", "a4-LR"])
def test_a_node_named_trail_is_drawn_in_full_on_one_page(
    make: Callable[[], ArgumentMap],
    fit: Fit,
    portrait: bool,
    direction: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The breadcrumb's graph node was named ``trail`` too: the two merged, the node's
    box was gone, its evidence pointed at the breadcrumb, which pointed at itself. (The
    pages as planned: some maps fit one slide whole, their ranks closer.)"""
    from argmap.exporters.diagram import wholepage

    monkeypatch.setattr(wholepage, "WHOLE_MOST", 0)
    m = make()
    pages = _laid(m, fit, portrait, direction)
    assert len(pages) > 1, "the map is paged: some page has a breadcrumb"
    assert any(page.plan.page.trail for page in pages)
    for node in m.nodes:
        drawn = [page for page in pages if node.id in page.plan.page.nodes]
        assert len(drawn) == 1, (node.id, [page.plan.page.number for page in drawn])
    (home,) = [page for page in pages if "trail" in page.plan.page.nodes]
    ids = [html.unescape(i) for i in _NODE_ID.findall(home.svg)]
    assert ids.count("node-trail") == 1, ids
    for page in pages:
        loops = [(tail, head) for tail, head in _edges(page.svg) if tail == head]
        assert not loops, (page.plan.page.number, loops)
