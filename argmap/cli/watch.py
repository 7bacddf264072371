"""The ``watch`` command: re-render a map into output files on every save."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from argmap.cli import MAP_PATH, echo, fit_options, output_dir_option, reports_errors, theme_option

if TYPE_CHECKING:
    from argmap.options import Fit, Theme


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
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
@click.option("--exercise", is_flag=True, help="Blank node texts (for students to fill in).")
@fit_options
@reports_errors
def watch(
    map_path: Path,
    formats: str,
    out_dir: Path,
    theme: str,
    exercise: bool,
    fit: str | None,
    portrait: bool,
) -> None:
    """Re-render MAP on every save, one line per render.

    Renders once now, then after each save until Ctrl-C. An invalid save prints its
    problems and keeps the last good outputs.
    """
    from argmap.errors import UnknownFormatError
    from argmap.exporters import RenderOptions, parse_formats
    from argmap.load.files import read_map_text
    from argmap.watch import watch_map

    read_map_text(map_path)  # a missing file, a folder, a pipe or a link loop: one line, now

    try:
        names = parse_formats(formats)
    except (UnknownFormatError, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint="--format") from None
    options = RenderOptions(
        theme=cast("Theme", theme),
        exercise=exercise,
        map_name=map_path.stem,
        fit=cast("Fit | None", fit),
        portrait=portrait,
    )
    watch_map(
        map_path,
        names,
        out_dir,
        options,
        echo=lambda text, is_error: echo(text, err=is_error),
    )
