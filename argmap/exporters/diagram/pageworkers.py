"""Page work on every core: worker processes lay big maps' pages out, draw PDF and HTML pages.

Drawing a page's SVG as PDF operators, or cleaning it for the HTML page, is a function
of that SVG alone, and the interpreter runs one at a time; so once a document has
enough pages to repay starting them, worker processes do it (a batch of pages at a time,
a few batches ahead) while this process makes the next pages' SVG and writes the
finished ones. The result is the same whichever process does the work. Big maps' pages
are also laid out by workers (the engine's run and the passes over its SVG: the
``layout`` job, see :class:`.enginepool.LayoutQueue`), while this process plans them.

Run as ``python -m argmap.exporters.diagram.pageworkers JOB``: it reads pickled batches of
arguments from standard input until it ends, and answers each with the pickled results.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import pickle
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Final

__all__ = ["JOBS", "MIN_PAGES", "Worker", "finish_pages", "main"]

JOBS: Final = {
    "pdf": ("argmap.exporters.diagram.pdfdraw", "draw_parts"),
    "html": ("argmap.exporters.html.diagram", "clean_page"),
    "layout": ("argmap.exporters.diagram.enginepool", "lay_out_kept"),
}
"""What a worker can do to a page, by name: the module and function it runs."""

MIN_PAGES: Final = 300
"""Pages a document must have before workers are started (each costs about 0.2 s to start)."""

BATCH: Final = 16
"""Pages sent to a worker at once."""


def job(name: str) -> Callable[..., Any]:
    """The function a job runs."""
    module, function = JOBS[name]
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def finish_pages(name: str, count: int, pages: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
    """Run job ``name`` on each page's arguments; yield the results in order.

    ``pages`` is read only a few batches ahead of the results taken. With ``count``
    pages under :data:`MIN_PAGES`, or one core, the job runs here.

    Raises:
        RuntimeError: a worker failed (its message says how).
    """
    from argmap.exporters.diagram.engine import drawing_workers

    workers = drawing_workers()
    function = job(name)
    idle: deque[Worker] = deque()
    if count >= MIN_PAGES and workers > 1:
        # Where no process can be started, the job runs in this one.
        with contextlib.suppress(OSError):
            idle.append(Worker(name))
    if not idle:
        for args in pages:
            yield function(*args)
        return
    lock = threading.Lock()

    def run(batch: list[tuple[Any, ...]]) -> list[Any]:
        with lock:
            worker = idle.popleft() if idle else None
        try:
            worker = worker or Worker(name)
            results = worker.run(batch)
        except (OSError, RuntimeError):  # none starts, or it stopped: the batch is done here
            if worker is not None:
                worker.close()
            return [function(*args) for args in batch]
        with lock:
            idle.append(worker)
        return results

    pending: deque[Future[list[Any]]] = deque()
    pool = ThreadPoolExecutor(workers, thread_name_prefix="argmap-pages")
    try:
        for batch in _batches(pages):
            pending.append(pool.submit(run, batch))
            while len(pending) > 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        for worker in idle:
            worker.close()


def _batches(pages: Iterable[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for args in pages:
        batch.append(args)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class Worker:
    """A worker process running job ``name``, answering one batch at a time.

    Raises:
        OSError: the process cannot be started.
    """

    def __init__(self, name: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # a failure is reported where the page is needed
        )

    def run(self, batch: list[tuple[Any, ...]]) -> list[Any]:
        """The results of a batch, one for each arguments' tuple, in order.

        Raises:
            RenderError: the job raised one (the engine failed, say): the same message.
            RuntimeError: the worker stopped, or the job failed otherwise (its message).
        """
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            pickle.dump(batch, stdin, protocol=pickle.HIGHEST_PROTOCOL)
            stdin.flush()
            status, results = pickle.load(stdout)
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            raise RuntimeError(f"a page worker stopped ({exc or type(exc).__name__})") from None
        if status == "render-error":
            from argmap.errors import RenderError

            raise RenderError(results)
        if status != "ok":
            raise RuntimeError(results)
        return results  # type: ignore[no-any-return]

    def close(self) -> None:
        """End the worker: it stops when its input does."""
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):  # it stopped with input unread
                self.process.stdin.close()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def main() -> int:
    """Answer batches of a job's arguments read from standard input, until it ends."""
    from argmap.deep import YOUNG_PASS
    from argmap.errors import RenderError

    # Most of what a page's work makes is freed by reference counting, or kept in its
    # result: the youngest objects are looked through for cycles every YOUNG_PASS made,
    # not every 700 (the passes over 1,752 A4 pages' SVG: about 7% less CPU).
    gc.set_threshold(YOUNG_PASS, *gc.get_threshold()[1:])
    function = job(sys.argv[1])
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            batch = pickle.load(stdin)
        except EOFError:
            gc.freeze()  # nothing left to free: the interpreter's last collection is skipped
            return 0
        try:
            answer: tuple[str, Any] = ("ok", [function(*args) for args in batch])
        except Exception as exc:  # the caller reports it, as if the job ran there
            status = "render-error" if isinstance(exc, RenderError) else "error"
            answer = (status, str(exc) or type(exc).__name__)
        pickle.dump(answer, stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
