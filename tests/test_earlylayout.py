"""Pages laid out while the plan is made: each early page is the page the plan returns."""

from __future__ import annotations

import sys
from collections.abc import Hashable
from dataclasses import replace
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.errors import RenderError
from argmap.exporters.diagram import enginepool, fitting
from argmap.exporters.diagram.engine import EngineInfo, find_engine, run_engine
from argmap.exporters.diagram.enginepool import LayoutQueue, alone
from argmap.exporters.diagram.paging import Page, paginate
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Node
from argmap.options import RenderOptions
from tests.conftest import MAPS

GRAPH = 'digraph argmap {{ n{i} [label="page {i}"]; n{i} -> m{i} }}'


def _generated(count: int) -> ArgumentMap:
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    return validate_data(generate(count))


def _measure(node: Node) -> tuple[float, float]:
    lines = len(node.text) // 30 + 1
    return min(len(node.text), 30) * 7.0 + 40, 30 + 16 * lines


def _unnumbered(page: Page) -> Page:
    return replace(page, number=0, stubs=tuple(replace(s, page=0) for s in page.stubs))


@pytest.mark.parametrize("horizontal", [False, True])
@pytest.mark.parametrize("count", [60, 400])
def test_each_page_told_early_is_the_page_planned(count: int, horizontal: bool) -> None:
    """Early pages come in reading order, each as the plan returns it but for its numbers."""
    from argmap.exporters.diagram.pagesize import Budget

    m = _generated(count)
    shown = [node.id for node in m.walk()]
    early: list[Page] = []
    budget = Budget(900, 500, 1.0)
    pages = paginate(m, shown, _measure, budget, horizontal=horizontal, on_page=early.append)
    assert len(pages) > 3
    assert [_unnumbered(p) for p in early] == [_unnumbered(p) for p in pages[1:]]
    assert pages == paginate(m, shown, _measure, budget, horizontal=horizontal)


@pytest.mark.parametrize(
    ("make", "fit", "options"),
    [
        (lambda: load_map(MAPS / "russias-game-in-north-korea.yaml"), "a4", RenderOptions()),
        (lambda: load_map(MAPS / "school-uniforms.yaml"), "a4", RenderOptions(portrait=True)),
        (lambda: _generated(300), "a4", RenderOptions(direction="LR")),
    ],
)
def test_early_layouts_are_the_pages_drawn_and_no_more(
    monkeypatch: pytest.MonkeyPatch,
    make: object,
    fit: str,
    options: RenderOptions,
    engine_runs: list[int],
) -> None:
    """With the engine started on pages as they are planned, the pages come out the same,
    and the engine lays out no page more than it did once the plan was done."""
    assert callable(make)
    m = make()
    analysis = analyze(m)
    engine = find_engine("auto")
    laid = engine_runs
    early = fitting.lay_out(m, analysis, options, fit, engine)
    early_count = sum(laid)
    laid.clear()
    enginepool.forget_drawings()  # else the pages drawn already are reused, not laid out
    monkeypatch.setattr(fitting._Drafter, "early", lambda self, page: None)
    late = fitting.lay_out(m, analysis, options, fit, engine)
    assert sum(laid) == early_count
    assert len(early.pages) > 1
    assert [p.plan for p in early.pages] == [p.plan for p in late.pages]
    assert [p.svg for p in early.pages] == [p.svg for p in late.pages]


def test_a_queue_keeps_each_drawing_by_its_key_as_if_laid_out_alone() -> None:
    info = find_engine("auto")
    graphs = {f"g{i}": GRAPH.format(i=i) for i in range(11)}
    with LayoutQueue(info, lambda svg: svg) as queue:
        for key, source in graphs.items():
            queue.add(key, source)
            assert key in queue
        for key in reversed(graphs):  # any order
            assert queue.take(key) == alone(run_engine(graphs[key], "svg", info))
            assert key not in queue
        with pytest.raises(KeyError):
            queue.take("g0")  # taken already: let go


def test_a_queue_holds_only_a_few_batches_for_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Handing in graphs faster than the engine lays them out waits for the oldest run."""
    monkeypatch.setattr(enginepool, "FIRST_BATCH", 2)
    monkeypatch.setattr(enginepool, "MAX_BATCH", 2)
    monkeypatch.setattr(enginepool, "drawing_workers", lambda: 2)
    kept: list[Hashable] = []
    with LayoutQueue(find_engine("auto"), len) as queue:
        for i in range(30):
            queue.add(i, GRAPH.format(i=i))
            assert len(queue.pending) <= LayoutQueue.AHEAD * 2
            kept.append(i)
        assert all(queue.take(key) > 0 for key in kept)


def test_a_failing_run_is_a_render_error_when_its_drawing_is_taken(tmp_path: Path) -> None:
    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stdin.read()\nsys.stderr.write('bad graph')\n"
        "sys.exit(3)\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    with LayoutQueue(EngineInfo("system", fake), len, map_name="m") as queue:
        queue.add("a", GRAPH.format(i=1))
        with pytest.raises(RenderError, match="m: failed .exit 3.: bad graph"):
            queue.take("a")
