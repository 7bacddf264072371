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
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Final, Generic, TypeVar, cast

from argmap.exporters.diagram.dotfallback import despite_failures
from argmap.exporters.diagram.drawingmemo import (
    MEMO,
    forget_drawings,
    memo_scope,
    named,
)
from argmap.exporters.diagram.engine import (
    DEFAULT_TIMEOUT,
    MAX_DOT_BYTES,
    EngineInfo,
    check_drawn,
    drawing_workers,
    engine_svg,
    redraw_svg,
)
from argmap.exporters.diagram.packed import Overflow, svg_size
from argmap.exporters.diagram.pageworkers import Worker

__all__ = [
    "FIRST_BATCH",
    "MAX_BATCH",
    "Holds",
    "LayoutQueue",
    "Overflow",
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
            # (bytes: each drawing kept as it is)
            pending.append(pool.submit(lay_out_kept, batch, engine, map_name, timeout, bytes))
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


Holds = Callable[[float, float], bool]
"""Whether a drawing of this width and height (points) is of use to its caller."""


def _lay_out(
    batch: list[str],
    info: EngineInfo,
    map_name: str,
    timeout: float,
    holds: Sequence[Holds | None] = (),
) -> list[bytes | Overflow]:
    """Engine runs over a batch of graphs: their SVG documents, in order.

    One run, unless the engine fails on the batch (see :func:`~.dotfallback.despite_failures`).
    The run's output is cut into its documents first, and each is redrawn alone
    (:func:`~.engine.redraw_svg`): each pass looks through one drawing, not the batch.
    ``holds``: for each graph, if given, whether its drawing is of use; one that is not
    is not redrawn (the passes change no drawing's size), its :class:`Overflow` given
    instead: a page tried that overflows is dropped, whatever its passes would draw.
    """

    def run(graphs: list[str]) -> list[bytes]:
        data = engine_svg("\n".join(graphs), info, map_name=map_name, timeout=timeout)
        documents = [b"<?xml" + d for d in data.split(b"<?xml")[1:]]
        check_drawn(documents, graphs, info, map_name)
        return documents

    tests = list(holds) or [None] * len(batch)
    out: list[bytes | Overflow] = []
    for document, test in zip(despite_failures(batch, run), tests, strict=True):
        if test is not None and not test(*(size := svg_size(document))):
            out.append(Overflow(*size))
        else:
            out.append(alone(redraw_svg(document.decode(), alone=True).encode()))
    return out


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
    drawn = _lay_out(sources, engine, map_name, timeout)
    return [keep(d) for d in drawn if not isinstance(d, Overflow)]  # (none: nothing tested)


class LayoutQueue(Generic[_T]):
    """Graphs laid out as they are handed in, each kept by its key until taken.

    For a caller that learns of its graphs bit by bit (pages, as they are planned): a run
    per core lays out a batch at a time while the caller goes on. Batches grow as in
    :func:`stream_svgs` (but see :meth:`expect`); when :data:`AHEAD` batches a core
    wait, :meth:`add` waits for the oldest, so the DOT waiting for the engine stays
    bounded. Each drawing is kept as ``keep`` makes it of the SVG, in the run's thread.
    A graph laid out before in this process by the same engine and module-level ``keep``
    (which must then depend on the SVG alone, and make bytes, text, numbers or tuples of
    them) is not laid out again (up to :data:`~.drawingmemo.MEMO_BYTES` of them). With such
    a ``keep``, once ``workers_from`` graphs are laid out (None, the default: never), worker
    processes make the runs, one for each run's thread, with the same drawings: the engine,
    the passes over its SVG (:func:`.engine.run_engine_svg`) and the ``keep``. Made in this
    process, those take turns at the interpreter with the caller (the planner), which
    waits meanwhile (10,000 nodes on A4: about 3 s of CPU). A graph handed in ``rough``
    whose drawing ``holds`` finds of no use is not finished here: :meth:`take` gives its
    :class:`Overflow` (see :func:`_lay_out`). Use it as a context manager:
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
        holds: Holds | None = None,
    ) -> None:
        self.engine, self.keep, self.map_name, self.timeout = engine, keep, map_name, timeout
        self.holds = holds
        self.workers = drawing_workers()
        self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix="argmap-engine")
        self.batch: list[tuple[Hashable, str, bool]] = []
        self.size, self.limit = 0, FIRST_BATCH
        self.share: int | None = None  # graphs a batch, of those waited for together
        self.pending: deque[Future[list[tuple[Hashable, _T | Overflow]]]] = deque()
        self.done: dict[Hashable, _T | Overflow] = {}
        self.queued: set[Hashable] = set()
        self.scope = memo_scope(engine, keep)
        self.lock = threading.Lock()  # for the runs' threads: what follows
        self.laid = 0  # graphs laid out (not found in the memo) so far
        self.started = 0  # workers started
        self.far = named(keep) and self.workers > 1 and workers_from is not None
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

    def add(self, key: Hashable, source: str, rough: bool = False) -> None:
        """Hand in a graph; its drawing is laid out in a run to come (see :meth:`take`).

        ``rough``: unless ``holds`` finds its drawing of use, its size will do.
        """
        self.queued.add(key)
        limit = self.limit if self.share is None else self.share
        if self.batch and (
            len(self.batch) >= limit or self.size + len(source) > MAX_DOT_BYTES // 2
        ):
            self._send()
        self.batch.append((key, source, rough and self.holds is not None))
        self.size += len(source)

    def take(self, key: Hashable) -> _T | Overflow:
        """The drawing of a graph handed in, once laid out; it is then let go.

        An :class:`Overflow` only for a graph handed in ``rough`` (see :meth:`add`).

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

    def _lay_out(
        self, batch: list[tuple[Hashable, str, bool]]
    ) -> list[tuple[Hashable, _T | Overflow]]:
        """In a run's thread: the batch's drawings, those made before taken from the memo.

        The DOT is hashed for the memo here, not as it is handed in, so that the caller
        (the planner, on the main thread) goes on meanwhile. A size is not kept in it.
        """
        memos: list[Hashable | None] = [None] * len(batch)
        found: list[tuple[object] | None] = [None] * len(batch)
        if self.scope is not None:
            for index, (_, source, _) in enumerate(batch):
                digest = hashlib.blake2b(source.encode("utf-8"), digest_size=20).digest()
                memos[index] = (self.scope, digest)
                found[index] = MEMO.find(memos[index])
        missing = [index for index, got in enumerate(found) if got is None]
        if missing:
            rough = [self.holds if batch[index][2] else None for index in missing]
            drawings = self._drawings([batch[index][1] for index in missing], rough)
            for index, drawing in zip(missing, drawings, strict=True):
                found[index] = (drawing,)
                if memos[index] is not None and not isinstance(drawing, Overflow):
                    MEMO.keep(memos[index], drawing)
        out = [(key, got) for (key, *_), got in zip(batch, found, strict=True) if got]
        assert len(out) == len(batch), "each graph is in the memo or was just laid out"
        return [(key, cast("_T | Overflow", got[0])) for key, got in out]  # (the memo's: a _T)

    def _drawings(self, sources: list[str], holds: Sequence[Holds | None]) -> list[_T | Overflow]:
        """In a run's thread: the graphs laid out and kept; by a worker past ``workers_from``.

        A worker is started (it loads meanwhile) as the first run past them is made here.
        ``holds``: each graph's (see :func:`_lay_out`; a worker finishes every drawing).
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
                drawings: list[_T | Overflow] = worker.run(
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
        drawn = _lay_out(sources, self.engine, self.map_name, self.timeout, holds)
        return [d if isinstance(d, Overflow) else self.keep(d) for d in drawn]
