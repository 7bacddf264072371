"""A write the system refused, as one line: what happened and what to do about it."""

from __future__ import annotations

import errno
import stat
from pathlib import Path
from typing import Final

from argmap.errors import MapFileError

__all__ = ["FILE_KINDS", "cannot_write"]

FILE_KINDS: Final = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)
"""What a path that is no regular file is, by the test of its mode: for messages."""

_ADVICE: Final = {
    errno.ENOENT: "the folder does not exist and cannot be made there; give another path",
    errno.ENOTDIR: "a part of the path is a file, not a folder; give another path",
    errno.EACCES: "no permission; write somewhere you may, or change the permissions",
    errno.EPERM: "not permitted; write somewhere else",
    errno.EROFS: "the file system is read-only; write somewhere else",
    errno.ENOSPC: "the disk is full; free some space or write somewhere else",
    errno.EDQUOT: "the disk quota is used up; free some space or write somewhere else",
    errno.EFBIG: "the file is too large for this file system; write somewhere else",
    errno.ENAMETOOLONG: "the name is too long; give a shorter one",
    errno.EISDIR: "it is a folder; give a file name",
}


def cannot_write(path: str | Path, exc: OSError) -> MapFileError:
    """The error for a write ``exc`` refused: the system's words, then what to do."""
    reason = exc.strerror or str(exc)
    advice = _ADVICE.get(exc.errno or 0)
    return MapFileError(path, f"cannot write: {reason}" + (f"; {advice}" if advice else ""))
