"""Big maps' pages laid out by worker processes: the same drawings, errors as before, ended."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.errors import RenderError
from argmap.exporters.diagram import drawingmemo, enginepool, fitting, pageworkers
from argmap.exporters.diagram.engine import EngineInfo, find_engine
from argmap.exporters.diagram.enginepool import LayoutQueue
from argmap.exporters.diagram.formats import render_pdf
from argmap.exporters.diagram.packed import kept
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.test_enginepool import _graphs


def _queued(
    graphs: list[str], info: EngineInfo, keep: Any = kept, workers_from: int | None = 2
) -> list[Any]:
    with LayoutQueue(info, keep, workers_from=workers_from) as queue:
        for i, graph in enumerate(graphs):
            queue.add(i, graph)
        return [queue.take(i) for i in range(len(graphs))]


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[pageworkers.Worker]:
    """The workers the layout queues start during the test (2 at once)."""
    workers: list[pageworkers.Worker] = []

    def start(name: str) -> pageworkers.Worker:
        assert name == "layout"
        workers.append(pageworkers.Worker(name))
        return workers[-1]

    monkeypatch.setattr(enginepool, "Worker", start)
    monkeypatch.setattr(enginepool, "FIRST_BATCH", 2)
    monkeypatch.setattr(enginepool, "MAX_BATCH", 2)
    monkeypatch.setattr(enginepool, "drawing_workers", lambda: 2)
    return workers


def test_workers_lay_out_the_same_drawings(started: list[pageworkers.Worker]) -> None:
    info = find_engine("auto")
    graphs = _graphs(16)
    far = _queued(graphs, info)
    assert 1 <= len(started) <= 2
    assert all(worker.process.poll() is not None for worker in started)  # ended on leaving
    enginepool.forget_drawings()
    assert _queued(graphs, info, workers_from=None) == far
    assert len(started) <= 2  # none more


def test_drawings_from_workers_are_reused(started: list[pageworkers.Worker]) -> None:
    info = find_engine("auto")
    first = _queued(_graphs(12), info)
    assert started
    assert drawingmemo.MEMO.size > 0
    count = len(started)
    assert _queued(_graphs(12), info) == first
    assert len(started) == count  # every drawing found: no run, no worker


def test_a_keep_made_anew_is_never_sent_to_a_worker(started: list[pageworkers.Worker]) -> None:
    drawings = _queued(_graphs(12), find_engine("auto"), lambda svg: svg[:5])
    assert drawings == [b"<?xml"] * 12
    assert not started


def test_a_queue_starts_workers_only_if_asked_and_past_the_graphs_it_says(
    started: list[pageworkers.Worker],
) -> None:
    _queued(_graphs(20), find_engine("auto"), workers_from=None)
    _queued(_graphs(20), find_engine("auto"), workers_from=30)
    assert not started


def test_a_queue_whose_runs_are_all_the_workers_starts_them_on_entering(
    started: list[pageworkers.Worker],
) -> None:
    info = find_engine("auto")
    with LayoutQueue(info, kept, workers_from=0) as queue:
        assert len(started) == 2  # before any graph: they load while the caller plans
        for i, graph in enumerate(_graphs(8)):
            queue.add(i, graph)
        drawings = [queue.take(i) for i in range(8)]
    assert len(started) == 2
    assert all(worker.process.poll() is not None for worker in started)
    enginepool.forget_drawings()
    assert _queued(_graphs(8), info, workers_from=None) == drawings


def test_a_big_maps_pages_are_laid_out_by_workers_the_same(
    started: list[pageworkers.Worker], monkeypatch: pytest.MonkeyPatch
) -> None:
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    here = render_pdf(m, analyze(m), RenderOptions())
    assert not started  # a small map: no worker
    enginepool.forget_drawings()
    monkeypatch.setattr(fitting, "LAYOUT_WORKERS_FROM", 1)
    assert render_pdf(m, analyze(m), RenderOptions()) == here
    assert started


def test_where_no_worker_can_start_the_runs_are_made_here(
    started: list[pageworkers.Worker], monkeypatch: pytest.MonkeyPatch
) -> None:
    info = find_engine("auto")
    here = _queued(_graphs(12), info)
    enginepool.forget_drawings()

    def refuse(name: str) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(enginepool, "Worker", refuse)
    assert _queued(_graphs(12), info) == here
    enginepool.forget_drawings()
    assert _queued(_graphs(12), info, workers_from=0) == here  # none started on entering


def test_an_engine_failing_in_a_worker_is_one_render_error(
    started: list[pageworkers.Worker], tmp_path: Path
) -> None:
    real = find_engine("auto").program
    fake = tmp_path / "dot"  # fails on the last graph only, in a worker's run
    fake.write_text(
        f"#!{sys.executable}\nimport subprocess, sys\ndata = sys.stdin.buffer.read()\n"
        "if b'\"page 15\"' in data:\n    sys.stderr.write('bad graph')\n    sys.exit(3)\n"
        f"sys.exit(subprocess.run([{str(real)!r}, *sys.argv[1:]], input=data).returncode)\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    with pytest.raises(RenderError, match=r"^engine system \(dot\) on map: failed \(exit 3\)"):
        _queued(_graphs(16), EngineInfo("system", fake))
    assert started
    assert all(worker.process.poll() is not None for worker in started)


def test_a_worker_that_stops_leaves_its_runs_to_this_process(
    started: list[pageworkers.Worker], monkeypatch: pytest.MonkeyPatch
) -> None:
    info = find_engine("auto")
    here = _queued(_graphs(16), info, workers_from=None)
    enginepool.forget_drawings()

    def killed(name: str) -> pageworkers.Worker:
        worker = pageworkers.Worker(name)
        worker.process.kill()
        worker.process.wait()
        started.append(worker)
        return worker

    monkeypatch.setattr(enginepool, "Worker", killed)
    assert _queued(_graphs(16), info) == here
    assert started
