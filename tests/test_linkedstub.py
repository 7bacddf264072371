"""A linked group split over pages keeps one stub, with one arrow, on its claim's page."""

from __future__ import annotations

import html
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions

_STUB = re.compile(r'<g id="stub&#45;\d+" class="node stub ?[a-z]*">(.*?)</g>\n</g>', re.S)
_TIP = re.compile(r'xlink:title="([^"]*)"')


def _linked(count: int) -> ArgumentMap:
    """A thesis with a linked group of ``count`` long co-premises and a lone reason."""
    text = "Co-premise {}: only jointly with all the others does this support the thesis."
    members = [{"id": f"l{i}", "text": text.format(i)} for i in range(count)]
    return validate_data(
        {
            "title": "Linked group",
            "thesis": {
                "id": "t",
                "text": "All of them together make the case.",
                "premises": [
                    {"id": "grp", "linked": members},
                    {"id": "solo", "text": "A lone reason beside the group."},
                ],
            },
        }
    )


@pytest.mark.parametrize(("count", "fit"), [(12, "a4"), (12, "slide"), (30, "letter")])
def test_a_linked_group_over_pages_is_one_stub_naming_its_pages(count: int, fit: str) -> None:
    """Twelve co-premises on upright A4, four a page: page 1 drew a stub of each part left
    out (``+3 more, p. 2``, ``p. 3``, ``p. 4``), three dashed boxes, three arrows into the
    thesis: three reasons, to a reader. Now one stub, one arrow, ``+11 more, pp. 2–4``,
    its tooltip every co-premise's."""
    m = _linked(count)
    options = RenderOptions(portrait=True)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))
    pages = len(layout.pages)
    assert pages >= 3  # the group in parts, a page each
    first = layout.pages[0].svg
    stubs = _STUB.findall(first)
    assert len(stubs) == 1
    lines = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", stubs[0])]
    assert lines[-1] == f"+{count - 1} more, pp. 2–{pages}"
    tip = html.unescape(_TIP.findall(stubs[0])[0])
    assert tip.startswith("Linked, together: Co-premise 0:")
    assert tip.endswith(
        f"Co-premise {count - 1}: only jointly with all the others does this"
        f" support the thesis. (continues on pages 2–{pages})"
    )
    arrows = re.findall(r"<title>stub l0&#45;&gt;t(?::[a-z]+)?</title>", first)
    assert len(arrows) == 1
    assert first.count('class="edge') == 2  # the group's stub's and the lone reason's
