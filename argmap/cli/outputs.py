"""Where a render writes: ``--output`` as a folder, or as the one file of one map and format."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

import click

from argmap.cli import Misuse, NoDashPath

__all__ = ["OutputPath", "formats_for", "output_dir_option", "output_target"]

_F = TypeVar("_F", bound=Callable[..., Any])

FOLDERS: Final = "argmap_output_folders"
"""Where :class:`OutputPath` notes each ``--output`` given with a trailing separator."""


class OutputPath(NoDashPath):
    """``--output``: a folder, or a file; ``-o v2.pdf/`` (a trailing slash) is a folder."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """Convert as a path, noting a trailing separator (a Path does not keep it)."""
        path = super().convert(value, param, ctx)
        if ctx is not None and isinstance(value, str) and value.endswith(("/", os.sep)):
            ctx.meta.setdefault(FOLDERS, set()).add(path)
        return path


def output_dir_option(fn: _F) -> _F:
    """The ``-o/--output DIR|FILE`` option of commands that write rendered files."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        type=OutputPath(
            "rendered files go into a folder or a named file; give one, or print a single "
            "format with 'argmap export MAP -f FORMAT'",
        ),
        default=Path("output"),
        show_default=True,
        metavar="DIR|FILE",
        help="Folder to write into, files named after each map's file stem; or, for one "
        "map in one format, the file itself (case.pdf; pages case-01.png...).",
    )(fn)


def formats_for(out: Path, formats: list[str], param: str = "formats") -> list[str]:
    """The formats to write: those asked for, or the one ``--output``'s suffix names.

    ``argmap render MAP -o case.pdf`` without ``--format`` writes a PDF, as the name says
    (the default format is only for output folders).
    """
    from click.core import ParameterSource

    from argmap.outputs import suffix_format

    ctx = click.get_current_context()
    if ctx.get_parameter_source(param) is not ParameterSource.DEFAULT or _is_folder(out):
        return formats
    named = suffix_format(out.name)
    return formats if named is None else [named]


def output_target(
    out: Path, maps: Sequence[Path], formats: Sequence[str]
) -> tuple[Path, str | None]:
    """``--output`` as a folder, or as the one file of one map in one format (``case.pdf``).

    A path that is not an existing folder and ends in a requested format's suffix (in any
    case; ``.aif.json`` for aif) names a file: the folder it is in, and the name the map's
    files take instead of its stem (``case-01.png`` for pages, ``case.exercise.pdf`` for a
    worksheet). Anything else is a folder, created when missing.

    Returns:
        The folder to write into, and the stem to write (None: each map's own).

    Raises:
        Misuse: a file name with several maps or formats, one ending in another format's
            suffix, or an existing file (a map rendered, say) where a folder is meant.
    """
    import stat

    from argmap.exporters import get_exporter
    from argmap.outputs import distinct_paths, suffix_format

    mode = _mode(out)
    if _is_folder(out, mode):
        return out, None
    lower = out.name.lower()
    own = [
        suffix
        for suffix in sorted({get_exporter(fmt).suffix for fmt in formats}, key=len, reverse=True)
        if lower.endswith(suffix) and len(lower) > len(suffix)
    ]
    if own:
        count = len(distinct_paths(maps))
        if count == 1 and len(formats) == 1:
            return out.parent, out.name[: -len(own[0])]
        why = f"{count} maps" if count > 1 else f"{len(formats)} formats ({','.join(formats)})"
        raise Misuse(
            f"--output {out}: a file name takes one map in one format, not {why}; "
            "give a folder, where each file is named after its map"
        )
    other = suffix_format(out.name)
    if other is not None:
        raise Misuse(
            f"--output {out} names a {other} file, but --format is {','.join(formats)}; "
            f"use -f {other}, or give a folder"
        )
    if stat.S_ISREG(mode):
        from argmap.editing.safewrite import same_file

        what = "the map itself" if any(same_file(out, m) for m in maps) else "a file"
        raise Misuse(f"--output: {str(out)!r} is {what}; give a folder (new or existing)")
    return out, None


def _mode(path: Path) -> int:
    """The path's file mode, or 0 where it is missing or cannot be looked at.

    The write, which makes the folder, then says what is wrong (a name too long, say).
    """
    try:
        return path.stat().st_mode
    except OSError:
        return 0


def _is_folder(path: Path, mode: int | None = None) -> bool:
    """Whether the path is a folder: an existing one, or one given as ``-o v2.pdf/``.

    ``mode``: the path's file mode, when the caller has already looked (see :func:`_mode`).
    """
    import stat

    if path in click.get_current_context().meta.get(FOLDERS, ()):
        return True
    return stat.S_ISDIR(_mode(path) if mode is None else mode)
