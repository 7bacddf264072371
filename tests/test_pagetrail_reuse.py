"""Pages under the same branch share their breadcrumb's label, made once per render."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Hashable
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import pagetrail
from argmap.exporters.diagram.build import to_digraph
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.load.validate import validate_data
from argmap.options import RenderOptions


def test_a_breadcrumb_is_made_once_for_the_pages_that_share_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    m = validate_data(generate(400))
    analysis, options = analyze(m), RenderOptions()
    pages = lay_out(m, analysis, options, "a4", find_engine("auto")).pages
    plans = [page.plan for page in pages if page.plan.page.trail]
    alone = [to_digraph(m, analysis, options, plan).source for plan in plans]
    made = Counter[tuple[str, ...]]()
    real = pagetrail._lines

    def counted(*args: object) -> object:
        made[args[1].page.trail] += 1  # type: ignore[attr-defined]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pagetrail, "_lines", counted)
    cache: dict[Hashable, str] = {}
    shared = [to_digraph(m, analysis, options, plan, cache=cache).source for plan in plans]
    assert shared == alone  # the same DOT, byte for byte
    homes = {(plan.page.trail, tuple(plan.home[n] for n in plan.page.trail)) for plan in plans}
    assert len(plans) > len(homes)  # some pages share a breadcrumb
    assert sum(made.values()) == len(homes)


def test_a_breadcrumb_of_several_branches_indents_each_row_by_its_depth() -> None:
    # A page collecting branches of several ancestors lists them all, in tree order: a row
    # answering an earlier row than the one above it is indented as that row's child.
    m = validate_data(
        {
            "title": "t",
            "thesis": {
                "id": "t",
                "text": "Thesis.",
                "premises": [
                    {"id": "a", "text": "A.", "objections": [{"id": "b", "text": "B."}]},
                    {"id": "c", "text": "C.", "premises": [{"id": "d", "text": "D."}]},
                ],
            },
        }
    )
    assert pagetrail._levels(m, ["t", "a", "b", "c"]) == {"t": 0, "a": 1, "b": 2, "c": 1}
    # Below the nearest row listed (the skipped levels are marked with an ellipsis).
    assert pagetrail._levels(m, ["t", "b", "d"]) == {"t": 0, "b": 1, "d": 1}
    assert pagetrail._levels(m, ["b", "d"]) == {"b": 0, "d": 1}  # no common row listed
