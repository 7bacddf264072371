"""Drawings kept for reuse in one process: a graph laid out before is not laid out again."""

from __future__ import annotations

import threading
import types
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["MEMO", "MEMO_BYTES", "forget_drawings", "memo_scope", "named"]

MEMO_BYTES: Final = 32 * 1024 * 1024
"""Drawings kept for reuse in one process, at most (as their callers keep them: a page's
packed SVG is about 4 kB: every page of 10,000 nodes, the first 8,000 or so of more)."""


class _Memo:
    """Drawings made in this process, by engine, DOT text and how they are kept.

    The engine draws a graph the same every time, alone or in any run (see
    :func:`~.enginepool.alone`), so a graph laid out again (the same pages drawn to PDF
    and then to HTML in one command, or a map drawn again by ``watch`` after an edit to a
    few of its pages) takes the drawing already made. Once :data:`MEMO_BYTES` are kept,
    it keeps what it has.
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


MEMO: Final = _Memo()


def forget_drawings() -> None:
    """Let go of the drawings kept for reuse: every graph is laid out afresh from now on."""
    MEMO.clear()


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


def memo_scope(engine: EngineInfo, keep: Callable[[bytes], object]) -> Hashable | None:
    """What a drawing's reuse depends on besides its DOT: the engine's program, and ``keep``.

    None (no reuse) when ``keep`` is made anew for each caller (a lambda, a closure, a
    bound method): a drawing kept by it could never be found again.
    """
    if not named(keep):
        return None
    try:
        stat = engine.program.stat()  # an engine installed anew draws afresh
    except OSError:
        return None
    return (engine.kind, str(engine.program), stat.st_size, stat.st_mtime_ns, keep)


def named(keep: Callable[[bytes], object]) -> bool:
    """Whether ``keep`` is a module-level function: found again by name (and by a worker)."""
    return isinstance(keep, types.FunctionType) and "<" not in keep.__qualname__
