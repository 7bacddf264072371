"""Compose the stages: load a map, render it through the exporter registry, write the file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from argmap.exporters import RenderOptions, get_exporter
from argmap.io import load_map, write_output
from argmap.model import ArgumentMap

__all__ = ["output_path", "render_file", "render_files", "render_outputs"]


def output_path(path: str | Path, fmt: str, out_dir: str | Path) -> Path:
    """Return where ``render_file`` writes ``fmt`` for the map at ``path``.

    Raises:
        UnknownFormatError: no exporter has that name.
    """
    return Path(out_dir) / (Path(path).stem + get_exporter(fmt).suffix)


def render_outputs(
    m: ArgumentMap, path: str | Path, fmt: str, out_dir: str | Path, options: RenderOptions
) -> list[tuple[Path, str | bytes]]:
    """Render one loaded map in one format, returning ``(target path, data)`` pairs.

    Most formats give one file; an ``html`` exercise gives two: the blanked page and
    its answer key.

    Raises:
        UnknownFormatError: no exporter has that name.
        RenderError: the diagram engine is missing, fails or times out.
    """
    from dataclasses import replace

    exporter = get_exporter(fmt)
    opts = replace(options, map_name=str(path))
    target = output_path(path, fmt, out_dir)
    if fmt == "html" and opts.exercise:
        from argmap.exporters.html import render_answer_key

        return [
            (target.with_name(f"{target.stem}.exercise.html"), exporter.render(m, opts)),
            (target.with_name(f"{target.stem}.answers.html"), render_answer_key(m, opts)),
        ]
    return [(target, exporter.render(m, opts))]


def render_files(
    paths: Sequence[str | Path],
    formats: Sequence[str],
    out_dir: str | Path,
    options: RenderOptions | None = None,
) -> list[tuple[Path, Path]]:
    """Render several maps in several formats; write only when every one succeeded.

    Each map is read once. Everything is rendered in memory first, so a bad map or a
    failing engine leaves ``out_dir`` untouched.

    Args:
        paths: the map files.
        formats: registered format names (see ``argmap formats``).
        out_dir: the folder to write into (created if missing).
        options: render options shared by every map and format.

    Returns:
        ``(map path, written path)`` pairs in the order written.

    Raises:
        UnknownFormatError: a format has no exporter.
        MapFileError: a map cannot be read, or an output cannot be written.
        MapValidationError: a map breaks the model's rules.
        RenderError: the diagram engine is missing, fails or times out.
    """
    opts = options or RenderOptions()
    for fmt in formats:
        get_exporter(fmt)
    loaded = [(Path(path), load_map(path)) for path in paths]
    pending: list[tuple[Path, Path, str | bytes]] = []
    for path, m in loaded:
        for fmt in formats:
            pending.extend(
                (path, target, data)
                for target, data in render_outputs(m, path, fmt, out_dir, opts)
            )
    return [(path, write_output(data, target)) for path, target, data in pending]


def render_file(
    path: str | Path, fmt: str, out_dir: str | Path, options: RenderOptions | None = None
) -> list[Path]:
    """Load a map file, render it in one format and write the result under ``out_dir``.

    The output file is named after the map's file stem plus the format's suffix
    (``maps/transit.yaml`` -> ``OUT_DIR/transit.svg``).

    Returns:
        The paths written.

    Raises:
        UnknownFormatError: no exporter has that name.
        MapFileError: the map cannot be read, or the output cannot be written.
        MapValidationError: the map breaks the model's rules.
        RenderError: the diagram engine is missing, fails or times out.
    """
    return [written for _, written in render_files([path], [fmt], out_dir, options)]
