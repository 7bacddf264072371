"""The ``watch`` command: re-render a map into output files on every save."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from argmap.cli import (
    MAP_PATH,
    Misuse,
    echo,
    fit_options,
    format_error,
    reports_errors,
    theme_option,
)
from argmap.cli.outputs import formats_for, output_dir_option, output_target
from argmap.cli.render import (
    EXTRA_MAP,
    check_portrait,
    check_worksheet_formats,
    exercise_options,
    worksheet_options,
)

if TYPE_CHECKING:
    from argmap.options import Fit, Theme


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH, required=False)
@click.option(
    "-f",
    "--format",
    "formats",
    default="html",
    show_default=True,
    metavar="FORMATS",
    help="Comma-separated output formats, e.g. html,svg (see 'argmap formats').",
)
@output_dir_option
@theme_option
@exercise_options
@fit_options
@reports_errors
def watch(
    map_path: Path | None,
    formats: str,
    out_dir: Path,
    theme: str,
    exercise: str | None,
    blank_thesis: bool,
    even_blanks: bool,
    seed: int | None,
    keep: frozenset[str],
    fit: str | None,
    portrait: bool,
) -> None:
    """Re-render MAP on every save, one line per render.

    Renders once now, then after each save until Ctrl-C. An invalid save prints its
    problems and keeps the last good outputs. With --exercise, each render writes the
    worksheet and its answer key (MAP.exercise.EXT, MAP.answers.EXT).
    """
    from argmap.errors import UnknownFormatError
    from argmap.exporters import RenderOptions, parse_formats
    from argmap.load.files import read_map_text
    from argmap.watch import watch_map

    extra = click.get_current_context().meta.get(EXTRA_MAP)  # --exercise MAP
    if map_path is None or extra is not None:
        if map_path is not None or extra is None:
            raise click.UsageError("give one MAP to watch")
        map_path = extra
    read_map_text(map_path)  # a missing file, a folder, a pipe or a link loop: one line, now

    try:
        names = parse_formats(formats)
    except (UnknownFormatError, ValueError) as exc:
        raise click.BadParameter(format_error(exc), param_hint="--format") from None
    names = formats_for(out_dir, names)
    check_worksheet_formats(exercise, names)
    check_portrait(portrait, fit, names)
    options = RenderOptions(
        theme=cast("Theme", theme),
        **worksheet_options(exercise, (blank_thesis, even_blanks), seed, keep),
        map_name=map_path.stem,
        fit=cast("Fit | None", fit),
        portrait=portrait,
    )
    from argmap.editing.safewrite import check_folder
    from argmap.errors import OutputClashError
    from argmap.pipeline import check_targets

    out_dir, name = output_target(out_dir, (map_path,), names)
    check_folder(out_dir)  # nor an output "folder" that is a file, a pipe or a device
    try:  # no save can mend an output that is the map itself: say so now, and stop
        check_targets([map_path], names, out_dir, options, name)
    except OutputClashError as exc:
        raise Misuse(str(exc)) from None
    watch_map(map_path, names, out_dir, options, name=name, echo=lambda t, e: echo(t, err=e))
