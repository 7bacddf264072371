"""Compose the stages: load a map, render it through the exporter registry, write the file."""

from __future__ import annotations

from pathlib import Path

from argmap.exporters import RenderOptions, get_exporter
from argmap.io import load_map, write_output

__all__ = ["output_path", "render_file"]


def output_path(path: str | Path, fmt: str, out_dir: str | Path) -> Path:
    """Return where ``render_file`` writes ``fmt`` for the map at ``path``.

    Raises:
        UnknownFormatError: no exporter has that name.
    """
    return Path(out_dir) / (Path(path).stem + get_exporter(fmt).suffix)


def render_file(
    path: str | Path, fmt: str, out_dir: str | Path, options: RenderOptions | None = None
) -> list[Path]:
    """Load a map file, render it in one format and write the result under ``out_dir``.

    The output file is named after the map's file stem plus the format's suffix
    (``maps/transit.yaml`` -> ``OUT_DIR/transit.svg``).

    Args:
        path: the map file.
        fmt: a registered format name (see ``argmap formats``).
        out_dir: the folder to write into (created if missing).
        options: render options; ``map_name`` is set from the file name.

    Returns:
        The paths written.

    Raises:
        UnknownFormatError: no exporter has that name.
        MapFileError: the map cannot be read, or the output cannot be written.
        MapValidationError: the map breaks the model's rules.
        RenderError: the diagram engine is missing, fails or times out.
    """
    from dataclasses import replace

    exporter = get_exporter(fmt)
    m = load_map(path)
    opts = replace(options or RenderOptions(), map_name=str(path))
    target = output_path(path, fmt, out_dir)
    if fmt == "html" and opts.exercise:
        # An exercise is two files: the blanked page and its answer key.
        from argmap.exporters.html import render_answer_key

        page, key = exporter.render(m, opts), render_answer_key(m, opts)
        return [
            write_output(page, target.with_name(f"{target.stem}.exercise.html")),
            write_output(key, target.with_name(f"{target.stem}.answers.html")),
        ]
    data = exporter.render(m, opts)
    return [write_output(data, target)]
