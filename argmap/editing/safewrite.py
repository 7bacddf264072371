"""Safe writes: the one atomic file writer, and the checks on what a command may write."""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Final

from argmap.editing.oserrors import FILE_KINDS, cannot_write
from argmap.editing.tempnames import forget, note, temp_name
from argmap.errors import MapFileError

__all__ = [
    "check_folder",
    "check_output",
    "same_file",
    "write_atomic",
]


def check_output(
    target: str | Path, inputs: Sequence[str | Path] = (), *, what: str = "input"
) -> None:
    """Refuse an output that would replace one of the command's inputs, or any map file.

    An input is matched as a file, not as a name: through symbolic links and hard
    links too. Commands that edit a map in place do not call this.

    Args:
        target: the output file.
        inputs: the files the command reads.
        what: what to call an input in the message (``map``, ``source``...).

    Raises:
        OutputClashError: ``target`` is an input or a map file; the message says what
            to do instead.
    """
    from argmap.editing.earlier import kept_map
    from argmap.errors import OutputClashError

    t = Path(target)
    for given in inputs:
        if same_file(t, given):
            raise OutputClashError(
                f"{t} is the {what} itself ({given}); writing there would replace it. "
                "Choose another output file"
            )
    if kept_map(t):
        raise OutputClashError(
            f"{t}: is a map file; writing there would replace it. Choose another output file"
        )


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two names lead to one existing file (through symbolic or hard links)."""
    try:
        return os.path.samestat(os.stat(a), os.stat(b))
    except OSError:
        return False


def check_folder(folder: str | Path, *, name: str | Path | None = None) -> None:
    """Refuse a folder to write into that is, or lies under, something other than a folder.

    Checked before anything is written (``watch`` checks its output folder at the start:
    no save of the map could mend it). Missing folders are fine: they are created.

    Args:
        folder: the folder.
        name: the file the message names (default: ``folder``).

    Raises:
        MapFileError: ``folder`` or one of its parents is a file, a device or a pipe, or a
            link to nothing (a folder cannot be made in its place).
    """
    f = Path(folder)
    for q in (f, *f.parents):
        try:
            mode = os.stat(q).st_mode
        except OSError:
            if _dead_link(q):  # a link whose target is missing: mkdir says "File exists"
                target = os.readlink(q)
                raise MapFileError(
                    name or f,
                    f"cannot write: {q} is a link to {target}, which does not exist; make "
                    "that folder, or remove the link",
                ) from None
            continue  # missing (created later), or unreadable (the write will say)
        if not stat.S_ISDIR(mode):
            what = next((n for test, n in FILE_KINDS if test(mode)), "a file")
            raise MapFileError(name or f, f"cannot write: {q} is {what}, not a folder")


def _dead_link(path: Path) -> bool:
    """Whether ``path`` is a symbolic link (``os.stat`` of it failed: to nothing, then)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:  # missing, or a name too long to look up: the write will say
        return False


def write_atomic(path: str | Path, data: str | bytes, *, exclusive: bool = False) -> Path:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then move it into place.

    Readers see the old file or the new one, never a part; a crash leaves a hidden temporary
    file (see :func:`clear_stale_temps`), an exit (Ctrl-C, SIGTERM) none. The temporary file
    is created exclusively under a fresh name, never through a link planted there. Missing
    folders are created. Text is written as UTF-8 exactly as given (line ends are not translated).

    When ``path`` is a symbolic link, the file it points to is written and the link
    stays (a link to no file is refused). A file that is replaced keeps its
    permissions, owner and group and, for text, its UTF-8 byte-order mark. A file with
    several hard links, or whose owner this process cannot give to a new file, is
    rewritten in place instead, so it stays one file (see :func:`_write_in_place`).
    Anything but a regular file (a folder, a device, a pipe) is refused.

    Args:
        path: the file to write.
        data: its new content.
        exclusive: create ``path`` only if no file (nor link) has that name (a hard
            link, which the kernel refuses to make over an existing name), never
            replacing one.

    Returns:
        ``path``, as a :class:`~pathlib.Path`.

    Raises:
        FileExistsError: ``exclusive``, and ``path`` exists (or appeared meanwhile).
        MapFileError: the folder or the file cannot be written, or is not a regular file.
    """
    p = Path(path)
    check_folder(p.parent, name=p)
    target = p if exclusive else _final_target(p)
    old = None if exclusive else _existing(p, target)
    payload: bytes | _Text = (
        data
        if isinstance(data, bytes)
        else _Text(data, bom=old is not None and _starts_with_bom(target))
    )
    try:
        if target == p:
            p.parent.mkdir(parents=True, exist_ok=True)
        linked = old is not None and old.st_nlink > 1  # a rename would split the links
        if linked or not _replace(target, payload, old, exclusive=exclusive):
            _write_in_place(p, target, payload)
    except OSError as exc:
        if exclusive and isinstance(exc, FileExistsError):
            raise
        raise cannot_write(p, exc) from None
    return p


class _Text:
    """Text to write as UTF-8 a megabyte at a time, after a byte-order mark if the file had one.

    Encoded whole, a big map's text was its size more in memory (and once more with the
    mark), at the peak of an edit that holds the file's text and the edited text already.
    """

    __slots__ = ("bom", "text")

    def __init__(self, text: str, *, bom: bool) -> None:
        """Keep ``text``; raise UnicodeEncodeError now, before any file is touched."""
        if not text.isascii():  # a lone surrogate fails here, not halfway through a write
            for at in range(0, len(text), _PIECE):
                text[at : at + _PIECE].encode("utf-8")
        self.text = text
        self.bom = bom

    def write_to(self, fh: IO[bytes]) -> None:
        """Write the text to ``fh``, a piece at a time."""
        if self.bom:
            fh.write(codecs.BOM_UTF8)
        for at in range(0, len(self.text), _PIECE):
            fh.write(self.text[at : at + _PIECE].encode("utf-8"))


_PIECE: Final = 1 << 20
"""Characters :class:`_Text` encodes at a time."""


def _put(fh: IO[bytes], payload: bytes | _Text | IO[bytes]) -> None:
    """Write ``payload`` to ``fh``: bytes, text, or a staged file's content (see StagedFile)."""
    if isinstance(payload, bytes):
        fh.write(payload)
    elif isinstance(payload, _Text):
        payload.write_to(fh)
    else:  # copied a block at a time
        import shutil  # only here: it loads the compression modules

        payload.seek(0)
        shutil.copyfileobj(payload, fh)


def _replace(
    target: Path, payload: bytes | _Text, old: os.stat_result | None, *, exclusive: bool
) -> bool:
    """Write a temporary file and rename it over ``target`` (or link it there: exclusive).

    Returns False, having written nothing, when the file is better written in place: its
    owner cannot be kept, or its folder is read-only (or sticky, with another user's file).
    """
    made: list[Path] = []
    try:
        try:
            fd, tmp = _create_temp(target, made)
        except PermissionError:
            if old is None:
                raise
            return False
        with open(fd, "wb") as fh:
            _put(fh, payload)
            fh.flush()
            return _put_in_place(fh, tmp, target, old, exclusive=exclusive)
    finally:
        for tmp in made:  # renamed away, never made, or its folder may not even exist
            with contextlib.suppress(OSError):
                tmp.unlink()
            forget(tmp)


def _put_in_place(
    fh: IO[bytes], tmp: Path, target: Path, old: os.stat_result | None, *, exclusive: bool
) -> bool:
    """Keep ``old``'s owner and mode, fsync ``fh``, move ``tmp`` there; False: write in place."""
    if old is not None and not _keep_mode_and_owner(fh.fileno(), old):
        return False
    os.fsync(fh.fileno())
    if exclusive:
        os.link(tmp, target)  # atomic, and fails if the name is taken
    else:
        try:
            os.replace(tmp, target)
        except PermissionError:
            if old is None:
                raise
            return False  # e.g. another user's file in a sticky folder such as /tmp
    _sync_folder(target.parent)
    return True


def _final_target(p: Path) -> Path:
    """The file a write to ``p`` lands in: ``p``, or the file its links lead to."""
    try:
        if not p.is_symlink():
            return p
    except OSError as exc:  # a name too long, say: lstat() reports it
        raise cannot_write(p, exc) from None
    from argmap.load.files import real_path

    target = real_path(p)
    try:
        os.stat(p)
    except FileNotFoundError:  # a planted link could make a render create any file
        raise MapFileError(
            p,
            f"cannot write: a link to {target}, which does not exist; "
            "remove the link, or create the file it points to",
        ) from None
    except OSError as exc:
        raise cannot_write(p, exc) from None
    return target


def _existing(p: Path, target: Path) -> os.stat_result | None:
    """The status of the file being replaced (None for a new one); refuse all but files.

    ``p`` itself is looked up (following links), not ``target``: a "magic" link such as
    ``/dev/stdout`` leads to a pipe that has no path of its own.
    """
    try:
        st = os.stat(p)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise cannot_write(p, exc) from None
    if not stat.S_ISREG(st.st_mode):
        what = next((name for test, name in FILE_KINDS if test(st.st_mode)), "a special file")
        link = f" (a link to {target})" if target != p and target.exists() else ""
        raise MapFileError(
            p, f"cannot write: this is {what}{link}, not a regular file; give a file name"
        )
    return st


def _starts_with_bom(path: Path) -> bool:
    try:  # checked a regular file by _existing; should it be swapped for a pipe, no wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as old:
            return stat.S_ISREG(os.fstat(fd).st_mode) and old.read(3) == codecs.BOM_UTF8
    except OSError:
        return False


_CREATE: Final = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
_CREATE_ALSO: Final = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _create_temp(target: Path, made: list[Path]) -> tuple[int, Path]:
    """Create a new temporary file beside ``target``: exclusively, never through a link.

    Its name goes into ``made`` first: an exit landing before the caller has it (Ctrl-C's
    KeyboardInterrupt) leaves the name to remove.
    """
    for _ in range(100):
        made.append(tmp := note(temp_name(target)))
        try:
            return os.open(tmp, _CREATE | _CREATE_ALSO, 0o666), tmp  # the umask sets its mode
        except FileExistsError:
            forget(made.pop())  # a name someone planted (or a rare clash): take another
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target.parent))


def _keep_mode_and_owner(fd: int, old: os.stat_result) -> bool:
    """Give the new file the old one's permission bits, owner and group, if allowed.

    Returns:
        False when the owner or group cannot be kept (the file must then be written
        in place, so that it stays the owner's).
    """
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777)
    if sys.platform == "win32":  # no owner or group to keep
        return True
    now = os.fstat(fd)
    if (now.st_uid, now.st_gid) == (old.st_uid, old.st_gid):
        return True
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except PermissionError:
        return False
    os.fchmod(fd, stat.S_IMODE(old.st_mode) & 0o777)  # chown may clear set-id bits
    return True


def _write_in_place(p: Path, target: Path, payload: bytes | _Text | IO[bytes]) -> None:
    """Overwrite ``target``'s content in its own inode (links, owner, mode, ACLs all kept).

    Chosen over a rename only when a rename would split the file (several hard links)
    or hand it to another owner. Not atomic: a reader during the write (or a crash)
    may see a part, so edits still hold the map's lock while it runs.
    """
    from argmap.terminate import uninterrupted

    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        with uninterrupted():  # Ctrl-C or SIGTERM between write and truncate: half a file
            _overwrite(p, target, flags, payload)
    except OSError as exc:
        raise cannot_write(p, exc) from None


def _overwrite(p: Path, target: Path, flags: int, payload: bytes | _Text | IO[bytes]) -> None:
    """Write ``payload`` over ``target``'s content, cut to its length, and flush it to disk."""
    fd = os.open(target, flags | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "wb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise MapFileError(p, f"cannot write: {target} is not a regular file")
        _put(fh, payload)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for a renamed file to disk, where the system allows it."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
