"""Deep-stack runs (recursive third-party code on a big stack); GC pauses for big maps, imports."""

from __future__ import annotations

import atexit
import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final, TypeVar

__all__ = ["heap_frozen", "paused_gc", "run_deep", "settled_imports", "skip_exit_collection"]

STACK_BYTES: Final = 512 * 1024 * 1024
"""Stack of each deep-stack thread (reserved address space; pages are used as touched)."""

RECURSION_LIMIT: Final = 200_000
"""Python's recursion limit while a deep-stack thread runs (still finite)."""

_T = TypeVar("_T")

_lock = threading.Lock()
_running = 0
_saved_limit = 0


def run_deep(fn: Callable[[], _T]) -> _T:
    """Run ``fn`` where deep recursion in third-party parsers cannot crash the process.

    ruamel.yaml and the json module recurse once per nesting level; a 5,000-deep
    map would exceed Python's default limit. We run them in a thread with a large
    stack and a raised (still finite) recursion limit. The limit is process-wide, so
    it is raised by the first of several concurrent runs and restored by the last.

    Returns:
        What ``fn`` returned.

    Raises:
        BaseException: whatever ``fn`` raised, re-raised in the caller's thread.
    """
    result: list[_T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # re-raised in the caller's thread
            error.append(exc)

    thread = threading.Thread(target=target, name="argmap-deep")
    _enter()
    try:
        _start_with_large_stack(thread)
        thread.join()
    finally:
        _leave()
    if error:
        raise error[0]
    return result[0]


def _start_with_large_stack(thread: threading.Thread) -> None:
    """Start ``thread`` with a :data:`STACK_BYTES` stack (the size applies at start only)."""
    with _lock:
        old_stack = threading.stack_size()
        try:
            threading.stack_size(STACK_BYTES)
            thread.start()
        finally:
            threading.stack_size(old_stack)


def _enter() -> None:
    global _running, _saved_limit
    with _lock:
        if _running == 0:
            _saved_limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_saved_limit, RECURSION_LIMIT))
        _running += 1


def _leave() -> None:
    global _running
    with _lock:
        _running -= 1
        if _running == 0:
            sys.setrecursionlimit(_saved_limit)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cycle collector while a map is parsed and validated.

    Loading makes hundreds of thousands of objects and no reference cycles worth
    collecting; the collector would walk the growing heap again and again (half the
    time of a 10,000-node load, and more than linear in the map's size). Reference
    counting still frees everything as usual. Nested pauses resume only at the outermost.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_imports_settled = False


@contextmanager
def settled_imports() -> Iterator[None]:
    """Import a command's modules with the cycle collector paused, then leave them out of it.

    A render's imports (pydantic, the models, the loader) make about a hundred thousand
    objects that live until the process ends; the collector walked them again and again
    while they were made (about 5 ms of a 30-node render's 170). The first time in a
    process, what exists once they are in is frozen out of the collector's passes
    (``gc.freeze``) before it resumes (resumed first, its first pass walked them all); later,
    the modules are there already and the block costs nothing.
    """
    global _imports_settled
    with paused_gc():
        yield
        with _lock:
            if _imports_settled:
                return
            _imports_settled = True
        gc.freeze()  # before the collector resumes: it would first walk all they made


YOUNG_PASS: Final = 10_000
"""Objects made between two passes of the collector over the youngest ones while the heap
is frozen (Python's default is 700): a big map's pages make millions, nearly all of
them freed by reference counting or kept to the end, so frequent passes find little."""

_frozen = 0
_saved_threshold: tuple[int, ...] = ()


@contextmanager
def heap_frozen() -> Iterator[None]:
    """Leave what was made before this block out of the cycle collector's full passes.

    A laid-out map's hundreds of thousands of objects live until its pages are written;
    each full pass would scan them all again (about 0.7 s of CPU at 10,000 nodes while
    writing). ``gc.freeze`` may be called again inside, to settle more; afterwards
    everything is collected as before, garbage or not. Meanwhile the youngest objects are
    collected every :data:`YOUNG_PASS` made, not every 700 (about 0.1 s of CPU less at
    10,000 nodes); the outermost of nested or concurrent blocks restores the collector's
    thresholds.
    """
    global _frozen, _saved_threshold
    gc.freeze()
    with _lock:
        if _frozen == 0:
            _saved_threshold = gc.get_threshold()
            young = _saved_threshold[0]
            if young:  # 0: automatic collection is off, and stays off
                gc.set_threshold(max(young, YOUNG_PASS), *_saved_threshold[1:])
        _frozen += 1
    try:
        yield
    finally:
        with _lock:
            _frozen -= 1
            if _frozen == 0:
                gc.set_threshold(*_saved_threshold)
        gc.unfreeze()


_exit_skipped = False


def skip_exit_collection() -> None:
    """Have the process end without the cycle collector's last pass over its heap.

    A big map's render leaves hundreds of thousands of objects in reference cycles (the
    plans' estimates and blocks, frozen while pages are laid out and written: see
    :func:`heap_frozen`); the interpreter's last pass, as the process ends, looked through
    them all to free memory the system takes back anyway (10,000 nodes: about 0.4 s, after
    every file was written). At exit, everything is frozen out of that pass; what modules
    hold is still let go as usual, files closed. For the command line's process: call it
    once the command starts (a second call changes nothing).
    """
    global _exit_skipped
    with _lock:
        if _exit_skipped:
            return
        _exit_skipped = True
    atexit.register(gc.freeze)
