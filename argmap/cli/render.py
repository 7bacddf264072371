"""The ``render`` command: draw maps as SVG, PNG, PDF or DOT files (and any other format)."""

from __future__ import annotations

from pathlib import Path
from typing import cast, get_args

import click

from argmap.cli import (
    MAP_PATH,
    echo,
    fit_options,
    output_dir_option,
    reports_errors,
    theme_option,
)
from argmap.options import Direction, Engine

HIDEABLE = ("evidence", "quotes", "reviewers")


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> list[str]:
    from argmap.errors import UnknownFormatError
    from argmap.exporters import parse_formats

    try:
        return parse_formats(value)
    except (UnknownFormatError, ValueError) as exc:
        raise click.BadParameter(str(exc)) from None


def _hide(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> frozenset[str]:
    parts = {part.strip() for item in value for part in item.split(",") if part.strip()}
    unknown = sorted(parts - set(HIDEABLE))
    if unknown:
        raise click.BadParameter(f"cannot hide {unknown[0]!r} (choose from {', '.join(HIDEABLE)})")
    return frozenset(parts)


@click.command()
@click.argument("maps", nargs=-1, required=True, type=MAP_PATH)
@click.option(
    "-f",
    "--format",
    "formats",
    default="svg",
    show_default=True,
    callback=_formats,
    help="Comma-separated formats: svg, png, pdf, dot (see 'argmap formats').",
)
@output_dir_option
@click.option(
    "--direction",
    type=click.Choice(get_args(Direction), case_sensitive=False),
    default="TB",
    show_default=True,
    help="Where the thesis sits: TB top, BT bottom, LR left, RL right.",
)
@click.option("--focus", metavar="ID", help="Draw only the part of the map under this node.")
@click.option(
    "--depth", type=click.IntRange(min=0), help="Levels to draw below the thesis or --focus."
)
@click.option(
    "--hide",
    multiple=True,
    callback=_hide,
    metavar="evidence|quotes|reviewers",
    help="Leave out evidence, quotes or reviewers' nodes (repeatable, or comma-separated).",
)
@theme_option
@click.option(
    "--engine",
    type=click.Choice(get_args(Engine)),
    default="auto",
    show_default=True,
    envvar="ARGMAP_ENGINE",
    show_envvar=True,
    help="Graphviz engine: bundled (pip-installed), system (Graphviz's dot), auto.",
)
@click.option("--status", is_flag=True, help="Mark each claim in, out or undecided.")
@click.option("--exercise", is_flag=True, help="Blank texts for students (html format).")
@fit_options
@reports_errors
def render(
    maps: tuple[Path, ...],
    formats: list[str],
    out_dir: Path,
    direction: str,
    focus: str | None,
    depth: int | None,
    hide: frozenset[str],
    theme: str,
    engine: str,
    status: bool,
    exercise: bool,
    fit: str | None,
    portrait: bool,
) -> None:
    """Draw maps as diagram files: one file per map and format, in --output.

    PDF comes on A4 pages and PNG as 16:9 slides, split into pages where a map would
    otherwise be too small to read; a map of several pages gives MAP-01.png, MAP-02.png...

    Example: argmap render maps/*.yaml --format svg,png,pdf
    """
    from argmap.options import Fit, RenderOptions, Theme
    from argmap.pipeline import render_files

    # click.Choice has already limited each value to the Literal's words.
    options = RenderOptions(
        direction=cast(Direction, direction.upper()),
        focus=focus,
        depth=depth,
        hide=hide,
        theme=cast(Theme, theme),
        engine=cast(Engine, engine),
        status=status,
        exercise=exercise,
        fit=cast("Fit | None", fit),
        portrait=portrait,
    )
    from argmap.errors import OutputClashError
    from argmap.safetext import terminal_text

    try:
        written = render_files(maps, formats, out_dir, options)
    except OutputClashError as exc:
        raise click.UsageError(terminal_text(str(exc))) from None
    if len(written) > 1:
        for path, target in written:
            echo(f"{path} -> {target}", err=True)
