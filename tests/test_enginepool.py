"""Graphs laid out as they are made: order, the same drawing in any run, bounded read-ahead."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.errors import RenderError
from argmap.exporters.diagram import engine, enginepool
from argmap.exporters.diagram.engine import EngineInfo, find_engine
from argmap.exporters.diagram.enginepool import alone, stream_svgs

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
