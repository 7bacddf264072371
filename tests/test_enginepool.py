"""Graphs laid out as they are made: order, the same drawing in any run, bounded read-ahead,
reuse of drawings made before."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from argmap.errors import RenderError
from argmap.exporters.diagram import drawingmemo, engine, enginepool
from argmap.exporters.diagram.engine import EngineInfo, find_engine
from argmap.exporters.diagram.enginepool import LayoutQueue, alone, stream_svgs

TRAIL = (
    'digraph argmap {{ n{i} [label="page {i}"]; trail [id=trail label=<<TABLE>'
    '<TR><TD HREF="#page-1" TOOLTIP="a">row one</TD></TR>'
    '<TR><TD HREF="#page-2" TOOLTIP="b">row two</TD></TR></TABLE>>]; n{i} -> trail }}'
)


def _graphs(count: int) -> list[str]:
    return [TRAIL.format(i=i) for i in range(count)]


def test_each_graph_is_drawn_as_if_alone_in_its_run() -> None:
    """The engine numbers table-cell links across a run; each drawing counts from 0."""
    info = find_engine("auto")
    graphs = _graphs(12)
    streamed = list(stream_svgs(graphs, info))
    assert len(streamed) == 12
    for i, (graph, svg) in enumerate(zip(graphs, streamed, strict=True)):
        own = alone(engine.run_engine(graph, "svg", info))
        assert svg == own
        assert b'<g id="a_trail_0">' in svg and b'<g id="a_trail_1">' in svg
        assert f">page {i}</text>".encode() in svg


def test_the_split_into_runs_does_not_change_a_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    info = find_engine("auto")
    graphs = _graphs(9)
    first = list(stream_svgs(graphs, info))
    monkeypatch.setattr(enginepool, "FIRST_BATCH", 1)
    monkeypatch.setattr(enginepool, "MAX_BATCH", 2)
    monkeypatch.setattr(enginepool, "drawing_workers", lambda: 3)
    assert list(stream_svgs(graphs, info)) == first


def test_sources_are_read_only_a_few_batches_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """A graph is built only when the runs are nearly ready for it: memory stays bounded."""
    monkeypatch.setattr(enginepool, "FIRST_BATCH", 2)
    monkeypatch.setattr(enginepool, "MAX_BATCH", 2)
    monkeypatch.setattr(enginepool, "drawing_workers", lambda: 2)
    built: list[int] = []

    def sources() -> Iterator[str]:
        for i in range(40):
            built.append(i)
            yield TRAIL.format(i=i)

    taken = 0
    for _ in stream_svgs(sources(), find_engine("auto")):
        taken += 1
        # Three batches in flight at most, and the one being gathered.
        assert len(built) - taken <= 4 * 2
    assert taken == 40


def test_no_graphs_no_runs() -> None:
    assert list(stream_svgs([], find_engine("auto"))) == []


def test_a_failing_run_is_one_render_error(tmp_path: Path) -> None:
    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stdin.read()\nsys.stderr.write('bad graph')\n"
        "sys.exit(3)\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    with pytest.raises(RenderError, match="bad graph"):
        list(stream_svgs(_graphs(20), EngineInfo("system", fake), map_name="m.yaml"))


def test_a_run_that_drops_a_drawing_is_caught(tmp_path: Path) -> None:
    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stdin.read()\n"
        "sys.stdout.write('<?xml version=\"1.0\"?><svg></svg>')\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    with pytest.raises(RenderError, match="drew 1 of"):
        list(stream_svgs(_graphs(3), EngineInfo("system", fake), map_name="m.yaml"))


def _kept(svg: bytes) -> tuple[bytes, float]:
    """A module-level keep, as the page drafter's: its drawings may be reused."""
    return svg, float(len(svg))


def _queued(graphs: list[str], info: EngineInfo, keep: Callable[[bytes], object]) -> list[object]:
    with LayoutQueue(info, keep) as queue:
        for i, graph in enumerate(graphs):
            queue.add(i, graph)
        return [queue.take(i) for i in range(len(graphs))]


def test_a_graph_laid_out_before_is_not_laid_out_again(engine_runs: list[int]) -> None:
    """The same pages drawn twice in a process (PDF then HTML, or watch) reuse the drawings;
    each is the one the engine makes afresh."""
    info = find_engine("auto")
    laid = engine_runs
    first = _queued(_graphs(7), info, _kept)
    assert sum(laid) == 7
    laid.clear()
    again = _queued([*_graphs(7), TRAIL.format(i=99)], info, _kept)
    assert sum(laid) == 1  # only the new graph
    assert again[:7] == first
    enginepool.forget_drawings()
    assert _queued(_graphs(7), info, _kept) == first
    assert sum(laid) == 1 + 7
    fresh = [alone(engine.run_engine(g, "svg", info)) for g in _graphs(7)]
    assert first == [_kept(svg) for svg in fresh]


def test_drawings_are_reused_only_by_the_same_engine_and_keep(
    engine_runs: list[int], tmp_path: Path
) -> None:
    info = find_engine("auto")
    laid = engine_runs
    _queued(_graphs(3), info, _kept)
    copy = tmp_path / info.program.name
    copy.write_bytes(info.program.read_bytes())
    copy.chmod(0o755)
    _queued(_graphs(3), EngineInfo(info.kind, copy), _kept)  # another program
    _queued(_graphs(3), info, len)  # another keep
    _queued(_graphs(3), info, lambda svg: svg)  # a keep made anew: never reused
    _queued(_graphs(3), info, lambda svg: svg)
    assert sum(laid) == 5 * 3


def test_reuse_is_bounded(monkeypatch: pytest.MonkeyPatch, engine_runs: list[int]) -> None:
    """Once the bytes allowed are kept, later drawings are laid out each time."""
    info = find_engine("auto")
    one = len(_queued(_graphs(1), info, _kept)[0][0])  # type: ignore[index]
    enginepool.forget_drawings()
    monkeypatch.setattr(drawingmemo, "MEMO_BYTES", 3 * one + 600)
    laid = engine_runs
    _queued(_graphs(6), info, _kept)
    laid.clear()
    _queued(_graphs(6), info, _kept)
    assert sum(laid) == 3
    assert drawingmemo.MEMO.size <= drawingmemo.MEMO_BYTES


def test_a_failed_run_keeps_nothing(tmp_path: Path) -> None:
    fake = tmp_path / "dot"
    fake.write_text(
        f"#!{sys.executable}\nimport sys\nsys.stdin.read()\nsys.exit(3)\n", encoding="utf-8"
    )
    fake.chmod(0o755)
    for _ in range(2):
        with pytest.raises(RenderError):
            _queued(_graphs(2), EngineInfo("system", fake), _kept)
    assert drawingmemo.MEMO.size == 0


def test_graphs_are_hashed_for_reuse_in_the_runs_not_by_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The planner hands pages in on the main thread; the memo's hashing is not its work."""
    import hashlib
    import threading

    hashed_on: list[str] = []
    real = hashlib.blake2b

    def blake2b(data: bytes, digest_size: int) -> object:
        hashed_on.append(threading.current_thread().name)
        return real(data, digest_size=digest_size)

    monkeypatch.setattr(hashlib, "blake2b", blake2b)
    enginepool.forget_drawings()
    first = _queued(_graphs(4), find_engine("auto"), _kept)
    assert _queued(_graphs(4), find_engine("auto"), _kept) == first  # reused
    assert len(hashed_on) == 8
    assert threading.main_thread().name not in hashed_on


def test_graphs_waited_for_together_are_shared_evenly_by_the_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pages the caller waits for together go to both cores in equal batches.

    Cut as they came (batches grown to 32 by the first plan), 40 pages gave one core 32
    and the other 8, which then waited: the 10,000-node map's second plan and lone pages.
    """
    monkeypatch.setattr(enginepool, "drawing_workers", lambda: 2)
    sizes: list[int] = []
    real = LayoutQueue._lay_out

    def lay_out(self: LayoutQueue[bytes], batch: list[tuple[object, str]]) -> object:
        sizes.append(len(batch))
        return real(self, batch)

    monkeypatch.setattr(LayoutQueue, "_lay_out", lay_out)
    enginepool.forget_drawings()
    info, graphs = find_engine("auto"), _graphs(55)
    with LayoutQueue(info, _kept) as queue:
        queue.add(0, graphs[0])
        assert queue.take(0)
        queue.expect(40)
        for i in range(1, 41):
            queue.add(i, graphs[i])
        drawn = [queue.take(i) for i in range(1, 41)]
        for i in range(41, 55):  # after a take: batches grow again from the first's size
            queue.add(i, graphs[i])
        drawn += [queue.take(i) for i in range(41, 55)]
    assert sizes == [1, 20, 20, 4, 8, 2]
    assert drawn == [_kept(svg) for svg in stream_svgs(graphs[1:], info)]
