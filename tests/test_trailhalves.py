"""An undercut breadcrumb row's link: drawn once, its arrowhead at the row above, on the box."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

_FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
_HALF = re.compile(r'^\t"(junction trail [^"]+)" -> "page trail":(r\d+)', re.M)


def _flagship(fit: str) -> Layout:
    """The flagship laid out on pages of ``fit`` (``a4-portrait``: upright A4)."""
    m = load_map(_FLAGSHIP)
    paper, *turn = fit.split("-")
    options = RenderOptions(portrait=bool(turn))
    return lay_out(m, analyze(m), options, paper, find_engine("auto"))  # type: ignore[arg-type]


@pytest.mark.parametrize("fit", ["slide", "a4", "letter-portrait"])
def test_an_undercut_breadcrumb_link_is_drawn_once_however_many_tops_undercut_it(
    fit: str,
) -> None:
    """The flagship's three alternative explanations undercut the link from 'Russia is
    playing its own game' up to the thesis, both rows of A4 page 9's breadcrumb: each top
    drew the link's two halves again, three arrows piled on one another into the box."""
    seen = 0
    for page in _flagship(fit).pages:
        halves = _HALF.findall(page.graph.source)
        for junction in {name for name, _ in halves}:
            rows = [row for name, row in halves if name == junction]
            assert len(rows) == len(set(rows)) == 2, (page.plan.number, junction, rows)
            seen += 1
    assert seen
