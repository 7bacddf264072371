"""Where renders are written: output and page file names, stale pages, clashing targets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from argmap.exporters import Rendered, get_exporter
from argmap.options import RenderOptions

__all__ = [
    "OUTPUT_SUFFIXES",
    "check_targets",
    "distinct_paths",
    "output_path",
    "page_files",
    "page_names",
    "remove_stale_pages",
    "render_targets",
    "suffix_format",
    "worksheet_targets",
]

OUTPUT_SUFFIXES: Final[Mapping[str, str]] = {
    ".aif.json": "aif",  # before ".json", which it ends in
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".html": "html",
    ".dot": "dot",
    ".md": "markdown",
    ".json": "json",
    ".argdown": "argdown",
}
"""The built-in formats by file suffix, longest first: an ``--output`` ending in one names a
file, not a folder, and says its format when ``--format`` is not given."""


def suffix_format(name: str) -> str | None:
    """The built-in format a file name's suffix (in any case) stands for: ``x.PDF`` -> pdf."""
    lower = name.lower()
    return next(
        (fmt for sfx, fmt in OUTPUT_SUFFIXES.items() if lower.endswith(sfx) and lower != sfx),
        None,
    )


def output_path(path: str | Path, fmt: str, out_dir: str | Path, name: str | None = None) -> Path:
    """Return where ``render_file`` writes ``fmt`` for the map at ``path``.

    The file is named after the map's file stem, or ``name`` when given (``-o case.pdf``
    gives ``name="case"``), plus the format's suffix.

    Raises:
        UnknownFormatError: no exporter has that name.
    """
    return Path(out_dir) / ((Path(path).stem if name is None else name) + get_exporter(fmt).suffix)


def worksheet_targets(target: Path) -> tuple[Path, Path]:
    """Where a worksheet and its answer key go: ``STEM.exercise.EXT``, ``STEM.answers.EXT``."""
    stem, suffix = target.name.removesuffix(target.suffix), target.suffix
    return (
        target.with_name(f"{stem}.exercise{suffix}"),
        target.with_name(f"{stem}.answers{suffix}"),
    )


def page_files(target: Path, suffix: str, data: Rendered) -> list[tuple[Path, str | bytes]]:
    """Name the files of a render: ``target`` itself, or one per page when there are pages.

    Pages are numbered from 1, zero-padded to two digits at least (``m-01.png``), so
    they sort in reading order.
    """
    if not isinstance(data, list):
        return [(target, data)]
    pages: list[str | bytes] = list(data)
    return list(zip(page_names(target, suffix, len(pages)), pages, strict=True))


def page_names(target: Path, suffix: str, count: int) -> list[Path]:
    """The files of ``count`` pages named after ``target`` (see :func:`page_files`)."""
    stem = target.name.removesuffix(suffix)
    width = max(2, len(str(count)))
    return [target.with_name(f"{stem}-{n:0{width}d}{suffix}") for n in range(1, count + 1)]


def remove_stale_pages(target: Path, suffix: str, written: set[Path]) -> None:
    """Delete the page files an earlier render of the same map and format left behind.

    A map drawn on 12 pages and then on 9 would otherwise leave ``m-10.png`` to
    ``m-12.png`` beside the new pages, and ``m.png`` beside ``m-01.png`` (or the other
    way round). Only names this render could have written are touched, and only when it
    wrote one of them.
    """
    import re

    stem = target.name.removesuffix(suffix)
    pattern = re.compile(re.escape(stem) + r"(-\d{2,})?" + re.escape(suffix))
    mine = {w for w in written if w.parent == target.parent and pattern.fullmatch(w.name)}
    if not mine:
        return
    for old in target.parent.iterdir():
        if old not in mine and pattern.fullmatch(old.name) and old.is_file():
            old.unlink()


def distinct_paths(paths: Sequence[str | Path]) -> list[Path]:
    """The paths in order, each file once (``a.yaml ./a.yaml`` is one map)."""
    from argmap.load.files import real_path

    seen: set[Path] = set()
    out: list[Path] = []
    for path in paths:
        key = real_path(path)
        if key not in seen:
            seen.add(key)
            out.append(Path(path))
    return out


def check_targets(
    paths: Sequence[Path],
    formats: Sequence[str],
    out_dir: str | Path,
    options: RenderOptions,
    name: str | None = None,
) -> None:
    """Refuse a render that would write two maps to one file or overwrite a map.

    Raises:
        OutputClashError: two maps share a file stem (``a/m.yaml`` and ``b/m.yaml`` both
            give ``m.svg``), or an output is one of the maps (``m.json`` to ``--format json``
            in its own folder) or another JSON map file (``m.yaml`` beside ``m.json``).
            ``name`` stands for each map's file stem where given (see :func:`output_path`).
        ValueError: ``name`` with more than one map.
    """
    from argmap.editing.safewrite import check_output
    from argmap.errors import OutputClashError
    from argmap.load.files import real_path

    if name is not None and len(paths) != 1:
        raise ValueError(f"name={name!r} names the files of one map, not {len(paths)}")
    inputs = {real_path(path): path for path in paths}
    owner: dict[Path, Path] = {}
    for path in paths:
        for fmt in formats:
            for target in render_targets(output_path(path, fmt, out_dir, name), options):
                key = real_path(target)
                if key in inputs:
                    raise OutputClashError(
                        f"{path}: --format {fmt} would overwrite the map {inputs[key]} itself; "
                        "choose another --output folder"
                    )
                other = owner.setdefault(key, path)
                if other != path:
                    raise OutputClashError(
                        f"{other} and {path} would both be written to {target}; render them "
                        "into different --output folders, or rename one"
                    )
                try:
                    check_output(target, paths)  # a hard link to a map, or another map
                except OutputClashError as exc:
                    raise OutputClashError(
                        f"{path}: --format {fmt} would overwrite {target}, which is a map file, "
                        "not an earlier output; choose another --output folder"
                    ) from exc


def render_targets(target: Path, options: RenderOptions) -> list[Path]:
    """The files a render names after ``target``: itself, or a worksheet and its key."""
    return list(worksheet_targets(target)) if options.exercise else [target]
