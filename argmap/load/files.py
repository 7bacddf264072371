"""The one bounded reader of text files: regular files only, a size cap, located decode errors."""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final, NoReturn

from argmap.errors import MapFileError

__all__ = [
    "MAP_FILE",
    "MAX_MAP_BYTES",
    "SOURCE_FILE",
    "TextKind",
    "check_map_size",
    "holds_text",
    "looks_like_map",
    "read_map_text",
    "read_source_text",
    "read_text_file",
    "real_path",
]

MAX_MAP_BYTES: Final = 64 * 1024 * 1024
"""Refuse map files above this size rather than exhaust memory."""


@dataclass(frozen=True)
class TextKind:
    """What a reader expects a file to be: its size cap, and what each refusal advises."""

    advice: str
    """What to give instead of a folder or a device, e.g. ``give a map file (.yaml or .json)``."""
    missing: str
    """The whole message for a missing file."""
    binary: str
    """The whole message for a file holding a NUL byte."""
    empty: str
    """The whole message for a file of only white space."""
    what: str
    """The file in ``save ... as UTF-8``, e.g. ``the file``."""
    limit: int = MAX_MAP_BYTES
    """Refuse files above this many bytes."""
    too_large: str = "; split it into smaller files"
    """Appended to the message for a file above :attr:`limit`."""


MAP_FILE: Final = TextKind(
    advice="give a map file (.yaml or .json)",
    missing="no such file; check the path",
    binary="binary file (NUL byte); a map is a UTF-8 text file",
    empty="empty file; a map needs at least 'title' and 'thesis'",
    what="the file",
)

SOURCE_FILE: Final = TextKind(
    advice="give the source document as a text file",
    missing="no such file; check the path of the source document",
    binary="binary file (NUL byte); give the source document as UTF-8 text",
    empty="empty file; the source document has no text",
    what="the source document",
    too_large="; check the map against the part of the document it quotes",
)


def read_map_text(path: str | Path) -> str:
    """Read a map file as text, refusing what cannot be a map with one located line.

    Raises:
        MapFileError: missing, a directory or device, unreadable, too large, binary,
            not UTF-8, or empty.
    """
    return read_text_file(path, MAP_FILE)


def check_map_size(path: str | Path, text: str) -> None:
    """Refuse to write a map that :func:`read_map_text` would refuse to read back.

    Every command that writes a map (``import``, ``add``, ``edit``...) calls this before
    writing anything, so no command leaves a map behind that the next one cannot open.

    Raises:
        MapFileError: ``text`` is above :data:`MAX_MAP_BYTES` once encoded as UTF-8.
    """
    if len(text) * 4 <= MAX_MAP_BYTES:  # no UTF-8 character takes more than 4 bytes
        return
    size = len(text) if text.isascii() else _utf8_size(text)
    if size > MAX_MAP_BYTES:
        raise MapFileError(
            Path(path),
            f"the map would be {size} bytes, above the {MAX_MAP_BYTES}-byte limit a map file "
            "may have; nothing written. Split it into smaller maps",
        )


def read_source_text(path: str | Path) -> str:
    """Read a source document (the text a map quotes, e.g. an article) as UTF-8 text.

    Raises:
        MapFileError: missing, a directory or device, unreadable, too large, binary,
            not UTF-8, or empty; one located line saying what to do.
    """
    return read_text_file(path, SOURCE_FILE)


def read_text_file(path: str | Path, kind: TextKind) -> str:
    """Read a regular file of at most ``kind.limit`` bytes as UTF-8 text (a BOM is dropped).

    Args:
        path: the file.
        kind: what the file should be; its messages say what to do instead.

    Returns:
        The text.

    Raises:
        MapFileError: missing, a directory, a device, pipe or socket, unreadable, too
            large, binary (located at the NUL byte), not UTF-8 (located at the first bad
            byte) or empty; one line, ending in what to do.
    """
    p = Path(path)
    raw = _read_bytes(p, kind)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        wide = "UTF-32" if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else "UTF-16"
        raise MapFileError(
            p, f"{wide} text (byte-order mark); save {kind.what} as UTF-8", line=1, column=1
        )
    if b"\x00" in raw:
        line, col = _position(raw, raw.index(b"\x00"))
        raise MapFileError(p, kind.binary, line=line, column=col)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        raise MapFileError(
            p,
            f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save {kind.what} as UTF-8",
            line=line,
            column=col,
        ) from None
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        raise MapFileError(p, kind.empty, line=1, column=1)
    return text


def holds_text(path: str | Path, text: str) -> bool:
    """Whether the map file at ``path`` reads as ``text`` (as :func:`read_map_text` reads it).

    Read a megabyte at a time: an edit checks the file it is about to replace while it
    holds the file's text and the edited text already (a 54 MB map read whole was 108 MB
    more at the edit's peak).

    Raises:
        MapFileError: a file :func:`read_map_text` cannot read (missing, a folder...).
    """
    p = Path(path)
    try:
        fd = os.open(p, _OPEN_FLAGS)
    except OSError:
        return read_map_text(p) == text  # raises what reading it says
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    at = 0
    with open(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return read_map_text(p) == text
        try:
            while piece := fh.read(_PIECE):
                got = decoder.decode(piece)
                if text[at : at + len(got)] != got:
                    return False
                at += len(got)
            got = decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
        except OSError as exc:
            raise MapFileError(p, f"cannot read: {exc.strerror or exc}") from None
    return text[at:] == got


_PIECE: Final = 1 << 20
"""Bytes :func:`holds_text` reads at a time."""


def _utf8_size(text: str) -> int:
    """The size of ``text`` in UTF-8, a megabyte at a time (not a second copy of a big map)."""
    pieces = range(0, len(text), _PIECE)
    return sum(len(text[at : at + _PIECE].encode("utf-8", "surrogatepass")) for at in pieces)


# Opening a pipe for reading would wait for a writer; a device may never end.
_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_bytes(p: Path, kind: TextKind, *, head: bool = False) -> bytes:
    """Read at most ``kind.limit`` bytes of a regular file; refuse anything else.

    With ``head``, a longer file is no error: its first ``kind.limit`` bytes are returned.
    """
    try:
        _check_regular(p, os.stat(p), kind, head=head)  # first, for the message a folder deserves
        fd = os.open(p, _OPEN_FLAGS)
        with open(fd, "rb") as fh:
            _check_regular(p, os.fstat(fd), kind, head=head)  # what was opened, should it move
            raw = fh.read(kind.limit + 1)  # whatever size the file claims
            if head:
                return raw[: kind.limit]
            size = os.fstat(fd).st_size
            if len(raw) > kind.limit:  # it grew after we looked, or claims no size (procfs)
                _refuse_size(p, size if size > kind.limit else None, kind)
            if size == 0 and raw:  # a kernel's file (/proc, /sys): made up as it is read
                raise MapFileError(p, f"holds more than its size (0 bytes) says; {kind.advice}")
    except FileNotFoundError:
        raise MapFileError(p, kind.missing) from None
    except PermissionError:
        raise MapFileError(p, "permission denied; check the file's permissions") from None
    except OSError as exc:
        raise MapFileError(p, f"cannot read: {exc.strerror or exc}") from None
    return raw


def _check_regular(p: Path, st: os.stat_result, kind: TextKind, *, head: bool = False) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise MapFileError(p, f"is a directory; {kind.advice}")
    if not stat.S_ISREG(st.st_mode):
        raise MapFileError(p, f"not a regular file (a device, pipe or socket); {kind.advice}")
    if st.st_size > kind.limit and not head:
        _refuse_size(p, st.st_size, kind)


def _refuse_size(p: Path, size: int | None, kind: TextKind) -> NoReturn:
    """Refuse a file above the limit; ``size`` None: it holds more than its size says."""
    held = f"file is {size} bytes" if size is not None else "file holds more than its size says"
    raise MapFileError(p, f"{held}, above the {kind.limit}-byte limit{kind.too_large}")


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte ``offset``."""
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, len(raw[start:offset].decode("utf-8", "replace")) + 1


def real_path(path: str | Path) -> Path:
    """Return ``path`` absolute, with every symbolic link resolved, never raising.

    Unlike :meth:`pathlib.Path.resolve`, a link loop is no error here (Python 3.11 raises
    ``RuntimeError``): the looping part is left as it is, and reading or writing it
    then gives a located ``too many levels of symbolic links``.
    """
    return Path(os.path.realpath(path))


_MAP_KEY: Final = re.compile(r"""^["']?thesis["']?\s*:""", re.MULTILINE)
_FLOW_MAP_KEY: Final = re.compile(r"""[{,]\s*["']?thesis["']?\s*:""")
_NODES_KEY: Final = re.compile(r"""^["']?nodes["']?\s*:""", re.MULTILINE)
_FLAT_SIGNS: Final = (
    re.compile(r'"nodes"\s*:\s*\['),
    re.compile(r'"kind"\s*:\s*"thesis"'),
)
"""What a flat JSON export that no longer parses still shows: its records and its thesis."""


_HEAD: Final = replace(MAP_FILE, limit=1024 * 1024)
_MARKUP: Final = re.compile(rb"\s*<(?:\?xml|!doctype|!--|svg|html)[\s>]", re.IGNORECASE)
"""How an XML, SVG or HTML file starts: no YAML mapping or JSON object does (re-rendering
over a big map's earlier outputs need not decode and search a megabyte of each)."""


def looks_like_map(path: str | Path) -> bool:
    """Whether ``path`` is an existing regular file holding a map argmap reads.

    Used to refuse writing an output over a map. A map file is YAML or JSON with a
    ``thesis`` key at the start of a line (or among the keys of a JSON object or YAML
    flow mapping) in its first MiB; the flat JSON export (``argmap export``) has a
    ``nodes`` list of node records instead, and counts too, even hand-edited into
    invalid JSON. A binary file, a device or a folder does not count.
    """
    try:
        raw = _read_bytes(Path(path), _HEAD, head=True).removeprefix(b"\xef\xbb\xbf")
    except MapFileError:
        return False
    if _MARKUP.match(raw) or raw.startswith(b"%PDF-"):  # an earlier SVG, HTML or PDF output
        return False
    text = raw.decode("utf-8", "replace")
    if "\x00" in text:
        return False
    if text.lstrip().startswith("{"):  # JSON, or a YAML flow mapping
        import json

        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            if all(sign.search(text) for sign in _FLAT_SIGNS):
                return True
            return _FLOW_MAP_KEY.search(text) is not None
        return _is_map_data(data)
    has_thesis = _MAP_KEY.search(text) is not None
    if has_thesis and Path(path).suffix.lower() in (".yaml", ".yml", ".json"):
        return True
    if not has_thesis and _NODES_KEY.search(text) is None:  # nodes: the export, as YAML
        return False
    return _yaml_is_map(text)  # e.g. a README with a map in a code block is no map


def _is_map_data(data: object) -> bool:
    """A map file's data (a ``thesis``), or the flat export's (node records)."""
    from argmap.load.flat import NODES, is_flat

    if not isinstance(data, dict):
        return False
    if "thesis" in data:
        return True
    records = data.get(NODES)
    return (
        is_flat(data)
        and isinstance(records, list)
        and any(isinstance(r, dict) and "kind" in r and "text" in r for r in records)
    )


def _yaml_is_map(text: str) -> bool:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from argmap.deep import run_deep

    try:
        data = run_deep(lambda: YAML(typ="safe").load(text))
    except (YAMLError, ValueError, RecursionError):
        return False
    return _is_map_data(data)
