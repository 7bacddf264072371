"""A SIGTERM stops a command as Ctrl-C does: what it was writing is removed, not left half-done."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import click

__all__ = ["stop_on_terminate"]


def stop_on_terminate(ctx: click.Context) -> None:
    """Turn SIGTERM into an exit that unwinds, for the rest of the command ``ctx`` runs.

    Python's default for SIGTERM (``kill``, ``timeout``, a cancelled CI job) ends the
    process at once, leaving the hidden temporary files of a render half-written in its
    output folder; raising ``SystemExit`` instead runs the clean-up that Ctrl-C runs. The
    handler is set only where no one set another, and restored when the command ends.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    ctx.call_on_close(lambda: signal.signal(signal.SIGTERM, previous))
