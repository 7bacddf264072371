"""Compose the stages: load a map, render it through the exporter registry, write the file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from argmap.editing.safepages import StagedCopy, stage_pages, sync_folders
from argmap.editing.safestream import StagedFile
from argmap.editing.safewrite import write_atomic
from argmap.exporters import Rendered, get_exporter
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from argmap.outputs import (
    check_targets,
    distinct_paths,
    output_path,
    page_files,
    page_names,
    remove_stale_pages,
    render_targets,
    worksheet_targets,
)
from argmap.terminate import uninterrupted

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

Staged: Final = (StagedFile, StagedCopy)
"""Files rendered to temporary files, put in place only when every render succeeded."""

__all__ = [
    "check_focus",
    "check_targets",
    "focused",
    "page_files",
    "page_names",
    "output_path",
    "render_file",
    "render_files",
    "render_map",
    "render_outputs",
    "stream_output",
    "worksheet_targets",
]


def render_map(m: ArgumentMap, fmt: str, options: RenderOptions | None = None) -> Rendered:
    """Render a loaded map in one format, in memory: analyze, then export.

    Args:
        m: the map.
        fmt: a registered format name (``svg``, ``html``, ``json``...).
        options: render options (defaults: the whole map, top to bottom).

    Returns:
        The file's content: text for text formats, bytes for ``png`` and ``pdf``; a list of
        pages when the format writes a file per page (PNG and SVG fitted to slides).

    Raises:
        UnknownFormatError: no exporter has that name.
        MissingExtraError: the format needs an optional extra this install lacks.
        UnknownFocusError: ``options.focus`` names no node of the map.
        RenderError: the diagram engine is missing, fails or times out.
    """
    from argmap.analysis.standing import analyze

    exporter = get_exporter(fmt)
    exporter.check_available()
    options = focused(m, options or RenderOptions())
    return exporter.render(m, analyze(m), options)


def focused(m: ArgumentMap, options: RenderOptions) -> RenderOptions:
    """The options for one map, their focus a node's id (a linked group's: its first premise).

    A group's id also sets ``focus_group``, so that every member's branch is drawn.

    Raises:
        UnknownFocusError: ``options.focus`` names no node or group of the map.
        OptionMisuseError: a worksheet blanks the thesis above its focus.
    """
    check_focus(m, options)
    if options.focus is None or options.focus in m:
        return options
    from argmap.analysis.view import focus_node

    return replace(options, focus=focus_node(m, options.focus, options.map_name), focus_group=True)


def check_focus(m: ArgumentMap, options: RenderOptions) -> None:
    """Refuse a ``--focus`` that names no node of the map, before anything is drawn.

    Raises:
        UnknownFocusError: with the ids most like it.
        OptionMisuseError: a worksheet blanks the thesis above its focus.
    """
    if options.focus is not None and options.focus not in m:
        from argmap.analysis.view import focus_node

        focus_node(m, options.focus, options.map_name)
    if options.exercise:
        from argmap.exercise.worksheet import check_sheet_focus

        check_sheet_focus(m, options)


def render_outputs(
    m: ArgumentMap,
    analysis: Analysis,
    path: str | Path,
    fmt: str,
    out_dir: str | Path,
    options: RenderOptions,
    name: str | None = None,
) -> list[tuple[Path, str | bytes]]:
    """Render one loaded map in one format, returning ``(target path, data)`` pairs.

    Most formats give one file; an exercise (``options.exercise``) gives two in every
    format: the worksheet and its answer key; a diagram fitted to pages gives
    ``STEM-01.png``, ``STEM-02.png``, ... when it has several. ``STEM`` is the map's file
    stem, or ``name`` when given.

    Raises:
        UnknownFormatError: no exporter has that name.
        RenderError: the diagram engine is missing, fails or times out.
    """
    exporter = get_exporter(fmt)
    opts = replace(options, map_name=str(path))
    target = output_path(path, fmt, out_dir, name)
    if opts.exercise:
        from argmap.analysis.standing import analyze
        from argmap.exercise import make_worksheet
        from argmap.options import WORKSHEET_FORMATS

        if fmt not in WORKSHEET_FORMATS:
            from argmap.errors import RenderError

            raise RenderError(
                f"--exercise: worksheets come as {', '.join(WORKSHEET_FORMATS)}, not {fmt}"
            )

        sheet = make_worksheet(m, opts)
        exercise, key = worksheet_targets(target)
        return [
            *page_files(
                exercise,
                exporter.suffix,
                exporter.render(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options),
            ),
            *page_files(
                key,
                exporter.suffix,
                exporter.render(sheet.answers, analyze(sheet.answers), sheet.answer_options),
            ),
        ]
    return page_files(target, exporter.suffix, exporter.render(m, analysis, opts))


def render_files(
    paths: Sequence[str | Path],
    formats: Sequence[str],
    out_dir: str | Path,
    options: RenderOptions | None = None,
    *,
    name: str | None = None,
) -> list[tuple[Path, Path]]:
    """Render several maps in several formats; write only when every one succeeded.

    Each map is read once (a file named twice is rendered once). Everything is rendered
    first (in memory, or for PDF and HTML into temporary files beside their targets), and
    put in place only then, so a bad map or a failing engine leaves ``out_dir`` untouched, and
    a render that would write two maps to one file, or over a map, is refused first.

    Args:
        paths: the map files.
        formats: registered format names (see ``argmap formats``).
        out_dir: the folder to write into (created if missing).
        options: render options shared by every map and format.
        name: the file stem to write instead of the map's (one map only): ``-o case.pdf``
            renders into the current folder with ``name="case"``.

    Returns:
        ``(map path, written path)`` pairs in the order written.

    Raises:
        UnknownFormatError: a format has no exporter.
        MissingExtraError: a format needs an optional extra this install lacks.
        OutputClashError: two maps would be written to one file, or a map overwritten.
        MapFileError: a map cannot be read, or an output cannot be written.
        MapValidationError: a map breaks the model's rules.
        RenderError: the diagram engine is missing, fails or times out.
        ValueError: ``name`` with more than one map.
    """
    opts = options or RenderOptions()
    for fmt in formats:
        get_exporter(fmt).check_available()
    unique = distinct_paths(paths)
    check_targets(unique, formats, out_dir, opts, name)
    from argmap.analysis.standing import analyze

    loaded = [(path, load_map(path)) for path in unique]  # every map checked before rendering
    each = [focused(m, replace(opts, map_name=str(path))) for path, m in loaded]
    pending: list[tuple[Path, Path, str | bytes | StagedFile | StagedCopy]] = []
    try:
        for (path, m), map_opts in zip(loaded, each, strict=True):
            analysis = analyze(m)  # once per map, shared by every format
            for fmt in formats:
                pending.extend(_render_one(m, analysis, path, fmt, out_dir, map_opts, name))
        with uninterrupted():  # a SIGTERM or Ctrl-C waits until every file is in place
            written = [(path, _write(target, data)) for path, target, data in pending]
            sync_folders(data for _, _, data in pending if isinstance(data, StagedCopy))
            _remove_stale(unique, formats, out_dir, opts, {t for _, t in written}, name)
    finally:  # a failed render leaves nothing behind (the committed ones are gone already)
        for _, _, data in pending:
            if isinstance(data, Staged):
                data.discard()
    return written


def _remove_stale(
    paths: Sequence[Path],
    formats: Sequence[str],
    out_dir: str | Path,
    opts: RenderOptions,
    done: set[Path],
    name: str | None = None,
) -> None:
    """Remove the pages of earlier renders that this one did not write again."""
    for path in paths:
        for fmt in formats:
            suffix = get_exporter(fmt).suffix
            for target in render_targets(output_path(path, fmt, out_dir, name), opts):
                remove_stale_pages(target, suffix, done)


def stream_output(
    m: ArgumentMap,
    analysis: Analysis,
    path: str | Path,
    fmt: str,
    out_dir: str | Path,
    options: RenderOptions,
    name: str | None = None,
) -> list[StagedFile | StagedCopy] | None:
    """Write one map's files in a streaming format to temporary files beside their targets.

    Big PDF and HTML files go to disk as they are made, never held whole, and pages (PNG
    slides) each as it is drawn; the files take their places only on ``commit()``.

    Returns:
        The staged files, or None when the format (or a worksheet) is rendered in memory.

    Raises:
        RenderError: the diagram engine is missing, fails or times out.
        MapFileError: the output cannot be written.
    """
    from argmap.editing.safestream import stage_atomic

    exporter = get_exporter(fmt)
    if options.exercise:
        return None
    opts, target = replace(options, map_name=str(path)), output_path(path, fmt, out_dir, name)
    if exporter.stream_pages is not None:
        count, pages = exporter.stream_pages(m, analysis, opts)
        names = [target] if count == 1 else page_names(target, exporter.suffix, count)
        return list(stage_pages(names, pages))
    if exporter.stream is None:
        return None
    staged = stage_atomic(target)
    try:
        exporter.stream(m, analysis, opts, staged.file)
    except BaseException:
        staged.discard()
        raise
    return [staged]


def _render_one(
    m: ArgumentMap,
    analysis: Analysis,
    path: Path,
    fmt: str,
    out_dir: str | Path,
    options: RenderOptions,
    name: str | None = None,
) -> list[tuple[Path, Path, str | bytes | StagedFile | StagedCopy]]:
    """One map in one format: its files, staged (streamed) or in memory."""
    staged = stream_output(m, analysis, path, fmt, out_dir, options, name)
    if staged is not None:
        return [(path, file.path, file) for file in staged]
    outputs = render_outputs(m, analysis, path, fmt, out_dir, options, name)
    return [(path, target, data) for target, data in outputs]


def _write(target: Path, data: str | bytes | StagedFile | StagedCopy) -> Path:
    """Put one rendered file in place: commit a staged one, else write it atomically.

    A page's folder is flushed to disk once for all pages, after (:func:`sync_folders`).
    """
    if isinstance(data, StagedCopy):
        return data.commit(sync_folder=False)
    return data.commit() if isinstance(data, Staged) else write_atomic(target, data)


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
