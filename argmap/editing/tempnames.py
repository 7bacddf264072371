"""Temporary files' names: each this process's, recorded until put in place or removed."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

__all__ = ["clear_stale_temps", "forget", "note", "remove_all", "temp_name"]

_names: set[Path] = set()
"""The names; each change is one operation on the set, whole under the interpreter's lock
(no lock of our own: :func:`remove_all` runs in a signal handler, which may interrupt
this thread anywhere)."""


def temp_name(path: Path) -> Path:
    """Return a fresh temporary file name for ``path``: hidden, same folder, this process's."""
    return path.with_name(f".{path.name}.argmap-{os.getpid()}-{_token()}.tmp")


def _token() -> str:
    """A name's unpredictable part: 4 random bytes from the system, as hex."""
    return os.urandom(4).hex()  # what secrets.token_hex(4) does, without its imports


def clear_stale_temps(path: Path) -> None:
    """Delete temporary files left by editors that died before renaming (we hold the lock)."""
    import glob

    for stale in path.parent.glob(f".{glob.escape(path.name)}.argmap-*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def note(path: Path) -> Path:
    """Record ``path``, about to be made, as this process's temporary file; return it."""
    _names.add(path)
    return path


def forget(path: Path) -> None:
    """Let ``path`` go: renamed into place, or removed."""
    _names.discard(path)


def remove_all() -> None:
    """Remove every temporary file this process made and still holds (a forced exit).

    A name already renamed away or never made is passed over; each was made by this
    process (its name holds the process id and a random part), so nothing else is touched.
    """
    names = list(_names)
    _names.clear()
    for name in names:
        with contextlib.suppress(OSError):
            os.unlink(name)
