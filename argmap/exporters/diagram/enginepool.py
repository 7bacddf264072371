"""Graphs laid out as they are made: an engine run on every core, each SVG handed on in order.

The caller's work (building the next graphs, using the finished drawings) and the engine's
overlap: while the engine lays out one batch of graphs on each core, the caller builds
the batch after them and takes the drawings of the batches done. Only a few batches are
ever held, however many graphs there are. A graph laid out before in this process is not
laid out again (see :class:`LayoutQueue`). A big map's queue has worker processes make
its runs (see ``workers_from``).
"""

from __future__ import annotations

import hashlib
import re
import threading
import types
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Final, Generic, TypeVar, cast

from argmap.exporters.diagram.dotfallback import despite_failures
from argmap.exporters.diagram.engine import (
    DEFAULT_TIMEOUT,
    MAX_DOT_BYTES,
    EngineInfo,
    check_drawn,
    drawing_workers,
    engine_svg,
    redraw_svg,
)
from argmap.exporters.diagram.pageworkers import Worker

__all__ = [
    "FIRST_BATCH",
    "MAX_BATCH",
    "MEMO_BYTES",
    "LayoutQueue",
    "alone",
    "forget_drawings",
    "lay_out_kept",
    "stream_svgs",
]

FIRST_BATCH: Final = 4
MAX_BATCH: Final = 32
"""Graphs an engine run takes: a few at first, so every core starts early, then twice as
many each run up to the most. A run's start costs about two thirds of a page's layout (3 ms
of CPU against 4.3 ms, A4 pages of a 10,000-node map); runs of 64 or 128 save nothing
measurable over 32 (1,692 pages: 6.4-6.9 s of the engine's CPU either way)."""

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
    """Batches of :data:`FIRST_BATCH` graphs, then twice as many up to :data:`MAX_BATCH`.

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
    """Engine runs over a batch of graphs: their SVG documents, in order.

    One run, unless the engine fails on the batch (see :func:`~.dotfallback.despite_failures`).
    The run's output is cut into its documents first, and each is redrawn alone
    (:func:`~.engine.redraw_svg`): each pass looks through one drawing, not the batch.
    """

    def run(graphs: list[str]) -> list[bytes]:
        data = engine_svg("\n".join(graphs), info, map_name=map_name, timeout=timeout)
        documents = [b"<?xml" + d for d in data.split(b"<?xml")[1:]]
        check_drawn(documents, graphs, info, map_name)
        return [alone(redraw_svg(d.decode(), alone=True).encode()) for d in documents]

    return despite_failures(batch, run)


_T = TypeVar("_T")


def lay_out_kept(
    sources: list[str],
    engine: EngineInfo,
    map_name: str,
    timeout: float,
    keep: Callable[[bytes], _T],
) -> list[_T]:
    """One engine run over a batch of graphs, each drawing as ``keep`` makes it: a worker's job.

    Raises:
        RenderError: the engine fails or times out, or a graph is too large.
    """
    return [keep(document) for document in _lay_out(sources, engine, map_name, timeout)]


MEMO_BYTES: Final = 32 * 1024 * 1024
"""Drawings kept for reuse in one process, at most (as their callers keep them: a page's
packed SVG is about 4 kB: every page of 10,000 nodes, the first 8,000 or so of more)."""


class _Memo:
    """Drawings made in this process, by engine, DOT text and how they are kept.

    The engine draws a graph the same every time, alone or in any run (see :func:`alone`),
    so a graph laid out again (the same pages drawn to PDF and then to HTML in one command,
    or a map drawn again by ``watch`` after an edit to a few of its pages) takes the
    drawing already made. Once :data:`MEMO_BYTES` are kept, it keeps what it has.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.kept: dict[Hashable, object] = {}
        self.size = 0

    def find(self, key: Hashable) -> tuple[object] | None:
        """The drawing kept for ``key``, in a 1-tuple; None if there is none."""
        with self.lock:
            return (self.kept[key],) if key in self.kept else None

    def keep(self, key: Hashable, drawing: object) -> None:
        """Keep a drawing, if it is of a kind whose size is known and there is room."""
        weight = _weight(drawing)
        with self.lock:
            if weight is None or key in self.kept or self.size + weight > MEMO_BYTES:
                return
            self.kept[key] = drawing
            self.size += weight

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()
            self.size = 0


_MEMO: Final = _Memo()


def forget_drawings() -> None:
    """Let go of the drawings kept for reuse: every graph is laid out afresh from now on."""
    _MEMO.clear()


def _weight(drawing: object, depth: int = 0) -> int | None:
    """About how many bytes a kept drawing holds: bytes, text, numbers and tuples of them.

    None for anything else (or nested deeper than a few tuples): it is not kept.
    """
    if isinstance(drawing, (bytes, str)):
        return len(drawing) + 64
    if isinstance(drawing, (int, float)):
        return 32
    if isinstance(drawing, tuple) and depth < 4:
        parts = [_weight(part, depth + 1) for part in drawing]
        return None if None in parts else sum(p for p in parts if p is not None) + 64
    return None


def _memo_scope(engine: EngineInfo, keep: Callable[[bytes], object]) -> Hashable | None:
    """What a drawing's reuse depends on besides its DOT: the engine's program, and ``keep``.

    None (no reuse) when ``keep`` is made anew for each caller (a lambda, a closure, a
    bound method): a drawing kept by it could never be found again.
    """
    if not _named(keep):
        return None
    try:
        stat = engine.program.stat()  # an engine installed anew draws afresh
    except OSError:
        return None
    return (engine.kind, str(engine.program), stat.st_size, stat.st_mtime_ns, keep)


def _named(keep: Callable[[bytes], object]) -> bool:
    """Whether ``keep`` is a module-level function: found again by name (and by a worker)."""
    return isinstance(keep, types.FunctionType) and "<" not in keep.__qualname__


class LayoutQueue(Generic[_T]):
    """Graphs laid out as they are handed in, each kept by its key until taken.

    For a caller that learns of its graphs bit by bit (pages, as they are planned): a run
    per core lays out a batch at a time while the caller goes on. Batches grow as in
    :func:`stream_svgs` (but see :meth:`expect`); when :data:`AHEAD` batches a core
    wait, :meth:`add` waits for the oldest, so the DOT waiting for the engine stays
    bounded. Each drawing is kept as ``keep`` makes it of the SVG, in the run's thread.
    A graph laid out before in this process by the same engine and module-level ``keep``
    (which must then depend on the SVG alone, and make bytes, text, numbers or tuples of
    them) is not laid out again (up to :data:`MEMO_BYTES` of them). With such a ``keep``,
    once ``workers_from`` graphs are laid out (None, the default: never), worker processes
    make the runs, one for each run's thread, with the same drawings: the engine, the
    passes over its SVG (:func:`.engine.run_engine_svg`) and the ``keep``. Made in this
    process, those take turns at the interpreter with the caller (the planner), which
    waits meanwhile (10,000 nodes on A4: about 3 s of CPU). Use it as a context manager:
    entering it starts the workers if ``workers_from`` is 0 (they load while the caller
    plans); leaving it waits for the runs under way, and ends them.
    """

    AHEAD: Final = 2

    def __init__(
        self,
        engine: EngineInfo,
        keep: Callable[[bytes], _T],
        *,
        map_name: str = "map",
        timeout: float = DEFAULT_TIMEOUT,
        workers_from: int | None = None,
    ) -> None:
        self.engine, self.keep, self.map_name, self.timeout = engine, keep, map_name, timeout
        self.workers = drawing_workers()
        self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="argmap-engine")
        self.batch: list[tuple[Hashable, str]] = []
        self.size, self.limit = 0, FIRST_BATCH
        self.share: int | None = None  # graphs a batch, of those waited for together
        self.pending: deque[Future[list[tuple[Hashable, _T]]]] = deque()
        self.done: dict[Hashable, _T] = {}
        self.queued: set[Hashable] = set()
        self.scope = _memo_scope(engine, keep)
        self.lock = threading.Lock()  # for the runs' threads: what follows
        self.laid = 0  # graphs laid out (not found in the memo) so far
        self.started = 0  # workers started
        self.far = _named(keep) and self.workers > 1 and workers_from is not None
        self.workers_from = workers_from or 0  # graphs laid out here before the workers
        self.idle: deque[Worker] = deque()

    def __enter__(self) -> LayoutQueue[_T]:
        """Start the workers now if every run is theirs: they load while the caller plans."""
        while self.far and self.workers_from == 0 and self.started < self.workers:
            try:
                self.idle.append(Worker("layout"))
            except OSError:  # no process can be started: the runs are made here
                self.far = False
            self.started += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        while self.idle:
            self.idle.popleft().close()

    def __contains__(self, key: Hashable) -> bool:  # handed in and not yet taken
        return key in self.queued

    def expect(self, count: int) -> None:
        """The next ``count`` graphs handed in are waited for together: a batch for each core."""
        self.share = min(MAX_BATCH, max(1, -(-(count + len(self.batch)) // self.workers)))

    def add(self, key: Hashable, source: str) -> None:
        """Hand in a graph; its drawing is laid out in a run to come (see :meth:`take`)."""
        self.queued.add(key)
        limit = self.limit if self.share is None else self.share
        if self.batch and (
            len(self.batch) >= limit or self.size + len(source) > MAX_DOT_BYTES // 2
        ):
            self._send()
        self.batch.append((key, source))
        self.size += len(source)

    def take(self, key: Hashable) -> _T:
        """The drawing of a graph handed in, once laid out; it is then let go.

        The caller waits now: the batch being made goes to the engine as it is, and the
        graphs handed in after it go in small batches again (a plan made again, say).

        Raises:
            KeyError: no graph of ``key`` was handed in.
            RenderError: the engine fails or times out, or a graph is too large.
        """
        if key not in self.queued:
            raise KeyError(key)
        self.share, self.limit = None, FIRST_BATCH  # what comes next is soon waited for too
        if self.batch and key not in self.done:
            self._send()
        while key not in self.done:
            self._collect()
        self.queued.discard(key)
        return self.done.pop(key)

    def _send(self) -> None:
        batch, self.batch, self.size = self.batch, [], 0
        self.limit = self.limit if self.share is not None else min(2 * self.limit, MAX_BATCH)
        self.pending.append(self.pool.submit(self._lay_out, batch))
        while len(self.pending) > self.AHEAD * self.workers:
            self._collect()

    def _collect(self) -> None:  # wait for the oldest run, keep its drawings
        self.done.update(self.pending.popleft().result())

    def _lay_out(self, batch: list[tuple[Hashable, str]]) -> list[tuple[Hashable, _T]]:
        """In a run's thread: the batch's drawings, those made before taken from the memo.

        The DOT is hashed for the memo here, not as it is handed in, so that the caller
        (the planner, on the main thread) goes on meanwhile.
        """
        memos: list[Hashable | None] = [None] * len(batch)
        found: list[tuple[object] | None] = [None] * len(batch)
        if self.scope is not None:
            for index, (_, source) in enumerate(batch):
                digest = hashlib.blake2b(source.encode("utf-8"), digest_size=20).digest()
                memos[index] = (self.scope, digest)
                found[index] = _MEMO.find(memos[index])
        missing = [index for index, got in enumerate(found) if got is None]
        if missing:
            drawings = self._drawings([batch[index][1] for index in missing])
            for index, drawing in zip(missing, drawings, strict=True):
                found[index] = (drawing,)
                if memos[index] is not None:
                    _MEMO.keep(memos[index], drawing)
        out = [(key, got) for (key, _), got in zip(batch, found, strict=True) if got is not None]
        assert len(out) == len(batch), "each graph is in the memo or was just laid out"
        return [(key, cast(_T, got[0])) for key, got in out]  # kept by this keep (the memo's)

    def _drawings(self, sources: list[str]) -> list[_T]:
        """In a run's thread: the graphs laid out and kept; by a worker past ``workers_from``.

        A worker is started (it loads meanwhile) as the first run past them is made here.
        """
        with self.lock:
            far = self.far and self.laid >= self.workers_from
            self.laid += len(sources)
            worker = self.idle.popleft() if far and self.idle else None
            start = far and worker is None and self.started < self.workers
            self.started += start
        if start:
            try:
                started = Worker("layout")
            except OSError:  # no process can be started: the runs are made here
                self.far = False
            else:
                with self.lock:
                    self.idle.append(started)
        if worker is not None:
            try:
                drawings: list[_T] = worker.run(
                    [(sources, self.engine, self.map_name, self.timeout, self.keep)]
                )[0]
            except RuntimeError:  # it stopped (or failed otherwise): the run is made here
                worker.close()
            except BaseException:
                worker.close()
                raise
            else:
                with self.lock:
                    self.idle.append(worker)
                return drawings
        return lay_out_kept(sources, self.engine, self.map_name, self.timeout, self.keep)
