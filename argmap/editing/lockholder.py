"""Who holds a map's lock, where the system tells: another argmap edit, or some program."""

from __future__ import annotations

import os
import sys
from itertools import pairwise
from pathlib import Path
from typing import Final

__all__ = ["waiting_message"]

_LOCKS: Final = Path("/proc/locks")
"""Linux lists every lock there: ``1: FLOCK  ADVISORY  WRITE PID MAJ:MIN:INODE 0 EOF``."""


def waiting_message(fd: int) -> str:
    """What the map's lock is held by, as a warning says it while waiting for it.

    ``waiting for another argmap edit (process 1234) to finish`` when the holder is an
    argmap process the system names (Linux: ``/proc/locks``); otherwise ``waiting for
    another program that holds its lock``.
    """
    holder = _holder(fd)
    if holder is not None and holder != os.getpid() and _is_argmap(holder):
        return f"waiting for another argmap edit (process {holder}) to finish"
    return "waiting for another program that holds its lock"


def _holder(fd: int) -> int | None:
    """The process holding a ``flock`` on the open file ``fd``, if the system says."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        st = os.fstat(fd)
        lines = _LOCKS.read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return None
    where = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in lines:
        fields = line.split()
        # "N: FLOCK ADVISORY WRITE PID DEV:INODE START END"; a waiter's has "->" after N:
        if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == where:
            return int(fields[4]) if fields[4].isdigit() and fields[4] != "0" else None
    return None


def _is_argmap(pid: int) -> bool:
    """Whether process ``pid`` runs argmap: a program or script named so, or ``-m argmap``."""
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return False
    if any(Path(arg).name in ("argmap", "argmap.exe") for arg in args[:2]):
        return True
    return any(arg == "-m" and after == "argmap" for arg, after in pairwise(args))
