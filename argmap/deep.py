"""Deep-stack runs: third-party recursive code on a thread with a big stack and a raised limit."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["run_deep"]

_T = TypeVar("_T")


def run_deep(fn: Callable[[], _T]) -> _T:
    """Run ``fn`` where deep recursion in third-party parsers cannot crash the process.

    ruamel.yaml and the json module recurse once per nesting level; a 5,000-deep
    map would exceed Python's default limit. We run them in a thread with a large
    stack and a raised (still finite) recursion limit.
    """
    result: list[_T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            result.append(fn())
        except BaseException as exc:  # re-raised in the caller's thread
            error.append(exc)

    old_limit = sys.getrecursionlimit()
    old_stack = threading.stack_size()
    try:
        threading.stack_size(512 * 1024 * 1024)
        sys.setrecursionlimit(max(old_limit, 200_000))
        thread = threading.Thread(target=target, name="argmap-parse")
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    if error:
        raise error[0]
    return result[0]
