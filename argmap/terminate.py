"""Stopping a command: SIGTERM ends it at once, its temporary files removed; files land whole."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any, Final

from argmap.editing.tempnames import remove_all

if TYPE_CHECKING:
    import click

__all__ = ["install", "stop_on_terminate", "uninterrupted"]

HELD: Final = ("SIGINT", "SIGTERM")
"""The signals :func:`uninterrupted` holds (those this platform has)."""


def stop_on_terminate(ctx: click.Context) -> None:
    """Make SIGTERM end the command ``ctx`` runs at once, its temporary files removed.

    Python's default for SIGTERM (``kill``, ``timeout``, a cancelled CI job) ends the
    process as it is, leaving the hidden temporary files of a render half-written in its
    output folder. The handler is set only where no one set another, and restored when
    the command ends.
    """
    restore = install()
    if restore is not None:
        ctx.call_on_close(restore)


def install() -> Callable[[], None] | None:
    """Set the SIGTERM handler of :func:`stop_on_terminate` (main thread, none set before).

    The handler removes this process's temporary files
    (:func:`~argmap.editing.tempnames.remove_all`) and ends it with exit code 143, without
    unwinding: every file argmap writes is staged in a temporary file and renamed into
    place whole (and :func:`uninterrupted` holds the signal while a render's files are),
    so there is nothing else to undo; an exception raised into the threads' waits instead
    (as Python's Ctrl-C does) could leave a lock unsound and the process waiting for ever.
    Worker processes end as their input closes.

    Returns:
        What puts the earlier handler back, or None when nothing was set.
    """
    if threading.current_thread() is not threading.main_thread():
        return None
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        return None
    signal.signal(signal.SIGTERM, _stop)

    def restore() -> None:
        signal.signal(signal.SIGTERM, previous)

    return restore


def _stop(signum: int, frame: FrameType | None) -> None:
    """Remove this process's temporary files and end it, with the signal's exit code."""
    remove_all()
    os._exit(128 + signum)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the block ends, then let them act as they would have.

    For putting a render's files in place: renames take milliseconds, and an exit between
    two would leave some files new and some old. The same signal again acts at once (a
    rename stuck on a dead network folder can still be stopped). Holds only in the main
    thread (where Python runs signal handlers) and only signals not ignored.
    """
    held: list[int] = []
    saved: dict[int, Any] = {}

    def hold(signum: int, frame: FrameType | None) -> None:
        if signum in held:  # asked again: no more waiting
            signal.signal(signum, saved[signum])
            signal.raise_signal(signum)
        held.append(signum)

    if threading.current_thread() is threading.main_thread():
        for name in HELD:
            number = getattr(signal, name, None)
            if number is None:
                continue
            previous = signal.getsignal(number)
            if previous not in (signal.SIG_IGN, None):
                saved[number] = previous
                signal.signal(number, hold)
    try:
        yield
    finally:
        for number, previous in saved.items():
            signal.signal(number, previous)
        for number in dict.fromkeys(held):
            signal.raise_signal(number)
