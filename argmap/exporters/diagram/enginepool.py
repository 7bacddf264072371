"""Graphs laid out as they are made: an engine run on every core, each SVG handed on in order.

The caller's work (building the next graphs, using the finished drawings) and the engine's
overlap: while the engine lays out one batch of graphs on each core, the caller builds
the batch after them and takes the drawings of the batches done. Only a few batches are
ever held, however many graphs there are.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Final

from argmap.exporters.diagram.engine import (
    DEFAULT_TIMEOUT,
    MAX_DOT_BYTES,
    EngineInfo,
    check_drawn,
    drawing_workers,
    run_engine,
)

__all__ = ["FIRST_BATCH", "MAX_BATCH", "alone", "stream_svgs"]

FIRST_BATCH: Final = 4
MAX_BATCH: Final = 32
"""Graphs an engine run takes: a few at first, so every core starts early, then twice as
many each run up to the most (a run's start costs about half a small graph's layout)."""

_CELL_ANCHOR: Final = re.compile(rb'<g id="a_trail_(\d+)">')
"""The breadcrumb rows' links: table cells with a link and no id of their own, which the
engine numbers across all the graphs of a run (``a_trail_21`` for the third graph's first)."""


def alone(document: bytes) -> bytes:
    """An SVG as the engine draws its graph alone: the run's anchor numbers counted from 0.

    So a graph's drawing is the same whichever run lays it out, and with which others.
    """
    if b'id="a_trail_' not in document:
        return document
    count = iter(range(1 << 30))
    return _CELL_ANCHOR.sub(lambda _: b'<g id="a_trail_%d">' % next(count), document)


def stream_svgs(
    sources: Iterable[str],
    engine: EngineInfo,
    *,
    map_name: str = "map",
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[bytes]:
    """Lay out graphs as ``sources`` makes them; yield each one's SVG document, in order.

    A run per core lays out a batch at a time; ``sources`` is read a batch ahead of the
    runs, and each run's drawings are yielded as soon as it ends and those before it
    have been. Each drawing is the one the graph gets laid out alone (see :func:`alone`).

    Raises:
        RenderError: the engine fails or times out, or a graph is too large.
    """
    workers = drawing_workers()
    pending: deque[Future[list[bytes]]] = deque()
    pool = ThreadPoolExecutor(workers, thread_name_prefix="argmap-engine")
    try:
        for batch in _batches(sources):
            pending.append(pool.submit(_lay_out, batch, engine, map_name, timeout))
            while len(pending) > workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _batches(sources: Iterable[str]) -> Iterator[list[str]]:
    """The graphs in batches of :data:`FIRST_BATCH`, then twice as many up to :data:`MAX_BATCH`.

    A batch also stays within half the engine's input limit.
    """
    size, limit = 0, FIRST_BATCH
    batch: list[str] = []
    for source in sources:
        if batch and (len(batch) >= limit or size + len(source) > MAX_DOT_BYTES // 2):
            yield batch
            batch, size, limit = [], 0, min(2 * limit, MAX_BATCH)
        batch.append(source)
        size += len(source)
    if batch:
        yield batch


def _lay_out(batch: list[str], info: EngineInfo, map_name: str, timeout: float) -> list[bytes]:
    """One engine run over a batch of graphs: their SVG documents, in order."""
    data = run_engine("\n".join(batch), "svg", info, map_name=map_name, timeout=timeout)
    documents = [alone(b"<?xml" + d) for d in data.split(b"<?xml")[1:]]
    check_drawn(documents, batch, info, map_name)
    return documents
