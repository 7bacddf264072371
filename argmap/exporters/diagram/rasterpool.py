"""PNG worker processes: each draws the pages handed to it, the next in hand as it draws one."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import Final

from argmap import rasterworker
from argmap.rasterworker import Job

__all__ = ["AHEAD", "IN_FLIGHT", "MALLOC_TUNABLES", "InOrder", "Worker"]

MALLOC_TUNABLES: Final = (
    "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456"
)
"""A worker's glibc keeps the freed image buffers for the next page instead of handing them
back to the kernel and having fresh zeroed ones mapped (a third of its time without)."""


class Worker:
    """A worker process drawing the jobs sent to it in turn, started on entry.

    A worker that cannot start or stops leaves a message in place of each page it is
    given from then on.
    """

    def __init__(self) -> None:
        import tempfile

        self.errors = tempfile.TemporaryFile(prefix="argmap-raster-")  # noqa: SIM115 (closed on exit)
        self.failed = ""
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Worker:
        env = dict(os.environ)
        env["GLIBC_TUNABLES"] = ":".join(
            filter(None, (env.get("GLIBC_TUNABLES"), MALLOC_TUNABLES))
        )
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "argmap.rasterworker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.errors,
                env=env,
            )
        except OSError as exc:
            self.failed = f"cannot start a worker: {exc}"
        return self

    def send(self, job: Job) -> None:
        """Hand the worker one job; its drawing comes back, in turn, from :meth:`receive`."""
        process = self.process
        if self.failed or process is None or process.stdin is None:
            return
        try:
            rasterworker.send(process.stdin, job)
        except OSError:
            self._stopped()

    def receive(self) -> bytes | str:
        """The worker's drawing of the oldest job sent and not yet received, or what went wrong."""
        process = self.process
        if self.failed or process is None or process.stdout is None:
            return self.failed
        try:
            drawn = rasterworker.receive(process.stdout)
        except (OSError, EOFError):
            return self._stopped()
        return drawn if isinstance(drawn, bytes | str) else "the worker answered nonsense"

    def _stopped(self) -> str:
        """Note that the worker stopped, with the last words it wrote; the note."""
        assert self.process is not None
        code = self.process.wait()
        self.errors.seek(0)
        detail = " ".join(self.errors.read().decode("utf-8", "replace").split()[-12:])
        self.failed = f"the worker stopped (exit {code}): {detail}"
        return self.failed

    def __exit__(self, *exc: object) -> None:
        process = self.process
        if process is not None and process.stdin is not None and process.stdout is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
            process.stdout.close()
            process.wait()
        self.errors.close()


class InOrder:
    """Worker processes drawing a stream of SVGs, their images handed back in order.

    A thread a worker feeds it the next SVGs, each made a job by ``prepare`` (its text set
    for resvg), :data:`IN_FLIGHT` at a time; images drawn ahead of the next one due wait,
    and no worker runs more than :data:`AHEAD` pages a worker ahead of it, so the images
    held stay few however slowly they are taken.
    """

    def __init__(self, svgs: Iterator[str], workers: int, prepare: Callable[[str], Job]) -> None:
        self.svgs, self.workers, self.prepare = svgs, workers, prepare
        self.turn = threading.Condition()
        self.drawn: dict[int, bytes | str] = {}
        self.taken = self.given = 0
        self.ended = self.stopped = False
        self.error: BaseException | None = None

    def results(self) -> Iterator[bytes | str]:
        """Each image (or what went wrong drawing it), in the order of the SVGs."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(self.workers) as pool:
            for _ in range(self.workers):
                pool.submit(self._serve)
            try:
                while (image := self._next()) is not None:
                    yield image
            finally:  # the caller stopped, or all is drawn: let the threads finish
                with self.turn:
                    self.stopped = True
                    self.turn.notify_all()

    def _next(self) -> bytes | str | None:
        """The next image due, once drawn; None when every SVG is drawn."""
        with self.turn:
            while self.given not in self.drawn:
                if self.error is not None:
                    raise self.error
                if self.ended and self.given >= self.taken:
                    return None
                self.turn.wait()
            self.given += 1
            self.turn.notify_all()
            return self.drawn.pop(self.given - 1)

    def _take(self, wait: bool = True) -> tuple[int, str] | bool:
        """The next SVG to draw and its place, once the images waiting allow.

        False: stop (every SVG is taken, or the drawing was stopped). True: not now, the
        images waiting allow no more (only without ``wait``).
        """
        with self.turn:
            while wait and not self.stopped and self.taken - self.given >= AHEAD * self.workers:
                self.turn.wait()
            if self.stopped or self.ended:
                return False
            if self.taken - self.given >= AHEAD * self.workers:
                return True
            try:
                svg = next(self.svgs)
            except StopIteration:
                self.ended = True
                self.turn.notify_all()
                return False
            except BaseException as exc:  # an SVG that could not be made: the caller hears
                self._fail(exc)
                return False
            self.taken += 1
            return self.taken - 1, svg

    def _serve(self) -> None:
        # Threads only wait here. Each worker process has the next page in hand before it
        # finishes one (IN_FLIGHT), so it never waits for this process between pages; the
        # thread waits for room only with no page out, lest it hold the page due.
        try:
            with Worker() as worker:
                out: deque[int] = deque()
                while True:
                    todo = self._take(wait=not out) if len(out) < IN_FLIGHT else True
                    if isinstance(todo, tuple):
                        worker.send(self.prepare(todo[1]))
                        out.append(todo[0])
                        continue
                    if not out or self.stopped:
                        break
                    image = worker.receive()
                    with self.turn:
                        self.drawn[out.popleft()] = image
                        self.turn.notify_all()
        except BaseException as exc:
            with self.turn:
                self._fail(exc)

    def _fail(self, error: BaseException) -> None:
        """Stop every worker; the caller is told ``error`` (holding :attr:`turn`)."""
        self.error = self.error or error
        self.stopped = self.ended = True
        self.turn.notify_all()


AHEAD: Final = 3
"""Pages a worker may have taken ahead of the next image due (more than :data:`IN_FLIGHT`,
so that it can be handed its next page while an image it drew waits for those before it)."""
IN_FLIGHT: Final = 2
"""Pages handed to a worker process at a time: the one it draws and the next."""
