"""The ``render`` command: draw maps as SVG, PNG, PDF or DOT files (and any other format)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar, cast, get_args

import click

from argmap.cli import (
    MAP_PATH,
    Misuse,
    echo,
    fit_options,
    format_error,
    reports_errors,
    theme_option,
    unknown_choice,
)
from argmap.cli.outputs import formats_for, output_dir_option, output_target
from argmap.deep import settled_imports
from argmap.options import Direction, Engine

_F = TypeVar("_F", bound=Any)

HIDEABLE = ("evidence", "quotes", "reviewers")
EXTRA_MAP = "argmap_exercise_map"
"""Where ``--exercise MAP`` leaves the map it took for its value (see :func:`_exercise`)."""


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> list[str]:
    from argmap.errors import UnknownFormatError
    from argmap.exporters import parse_formats

    try:
        return parse_formats(value)
    except (UnknownFormatError, ValueError) as exc:
        raise click.BadParameter(format_error(exc)) from None


def _hide(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> frozenset[str]:
    parts = {part.strip() for item in value for part in item.split(",") if part.strip()}
    unknown = sorted(parts - set(HIDEABLE))
    if unknown:
        raise click.BadParameter(
            unknown_choice(f"cannot hide {unknown[0]!r}", unknown[0], HIDEABLE)
        )
    return frozenset(parts)


def _exercise(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The worksheet kind; ``--exercise MAP`` (no kind given) is a fill worksheet of MAP."""
    from argmap.options import EXERCISE_KINDS

    if value is None or value in EXERCISE_KINDS:
        return value
    # A map file given after the flag (`--exercise MAP`) exists or is named as one; a word
    # that is neither is a misspelt kind (`--exercise fil`), not a missing file.
    named = Path(value).suffix.lower() in (".yaml", ".yml", ".json")
    if (
        value.startswith("-")
        or value.lower() in EXERCISE_KINDS
        or not (named or Path(value).exists())
    ):
        head = f"no worksheet kind {value!r}"
        raise click.BadParameter(unknown_choice(head, value, EXERCISE_KINDS))
    ctx.meta[EXTRA_MAP] = Path(value)
    return "fill"


def _keep(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> frozenset[str]:
    from argmap.options import KEEPABLE

    parts = {part.strip() for item in value for part in item.split(",") if part.strip()}
    unknown = sorted(parts - set(KEEPABLE))
    if unknown:
        raise click.BadParameter(
            unknown_choice(f"cannot keep {unknown[0]!r}", unknown[0], KEEPABLE)
        )
    return frozenset(parts)


def exercise_options(fn: _F) -> _F:
    """The worksheet options: ``--exercise [KIND]`` and what shapes the sheet it asks for."""
    fn = click.option(
        "--keep",
        multiple=True,
        callback=_keep,
        metavar="WHAT",
        help="Worksheets: keep some of what they leave out (comma-separated): title, "
        "description, sources, citations, quotes, authors, notes, tags, basis, strength, "
        "standing.",
    )(fn)
    fn = click.option(
        "--seed",
        type=int,
        default=None,
        help="Place worksheets: another shuffle of the bank (same seed, same order; default 0).",
    )(fn)
    fn = click.option(
        "--even-blanks",
        is_flag=True,
        help="Fill worksheets: give every blank the ruled lines of the longest statement, "
        "so that no blank's size hints at its answer.",
    )(fn)
    fn = click.option(
        "--blank-thesis",
        is_flag=True,
        help="Fill and place worksheets: blank the thesis too.",
    )(fn)
    return click.option(
        "--exercise",
        is_flag=False,
        flag_value="fill",
        default=None,
        callback=_exercise,
        metavar="[fill|place|label]",
        help="Write a worksheet and its answer key (MAP.exercise.EXT, MAP.answers.EXT): "
        "fill in the statements (default), place them from a numbered bank, or label "
        "the kinds and arrows.",
    )(fn)


@click.command()
@click.argument("maps", nargs=-1, type=MAP_PATH)
@click.option(
    "-f",
    "--format",
    "formats",
    default="svg",
    show_default=True,
    callback=_formats,
    help="Comma-separated formats: svg, png, pdf, html, dot, markdown, argdown, aif, json "
    "(see 'argmap formats').",
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
    type=click.Choice(get_args(Engine), case_sensitive=False),
    default="auto",
    show_default=True,
    envvar="ARGMAP_ENGINE",
    show_envvar=True,
    help="Graphviz engine: bundled (pip-installed), system (Graphviz's dot), auto.",
)
@click.option("--status", is_flag=True, help="Mark each claim in, out or undecided.")
@exercise_options
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
    exercise: str | None,
    blank_thesis: bool,
    even_blanks: bool,
    seed: int | None,
    keep: frozenset[str],
    fit: str | None,
    portrait: bool,
) -> None:
    """Draw maps as diagram files: one file per map and format, in --output.

    PDF comes on A4 pages and PNG as 16:9 slides, split into pages where a map would
    otherwise be too small to read; a map of several pages gives MAP-01.png, MAP-02.png...

    Example: argmap render maps/*.yaml --format svg,png,pdf

    One map in one format may go to a file named with -o, its suffix saying the format
    when -f is not given: argmap render MAP -o case.pdf

    Worksheet: argmap render MAP -f pdf,html --exercise place (writes MAP.exercise.pdf,
    MAP.answers.pdf, ...).
    """
    from argmap.errors import OutputClashError
    from argmap.options import Fit, RenderOptions, Theme

    with settled_imports():  # pydantic, the models, the loader
        from argmap.pipeline import render_files
    maps = _all_maps(maps)
    formats = formats_for(out_dir, formats)
    out_dir, name = output_target(out_dir, maps, formats)
    check_worksheet_formats(exercise, formats)
    check_portrait(portrait, fit, formats)
    options = RenderOptions(  # (click.Choice limited each value to the Literal's words)
        direction=cast(Direction, direction.upper()),
        focus=focus,
        depth=depth,
        hide=hide,
        theme=cast(Theme, theme),
        engine=cast(Engine, engine),
        status=status,
        **worksheet_options(exercise, (blank_thesis, even_blanks), seed, keep),
        fit=cast("Fit | None", fit),
        portrait=portrait,
    )
    try:
        written = render_files(maps, formats, out_dir, options, name=name)
    except OutputClashError as exc:
        raise Misuse(str(exc)) from None
    for path, target in written:  # on stderr, one file or many: stdout stays empty
        echo(f"{path} -> {target}", err=True)


def _all_maps(maps: tuple[Path, ...]) -> tuple[Path, ...]:
    """The maps named, with the one ``--exercise MAP`` took for its value first."""
    extra = click.get_current_context().meta.get(EXTRA_MAP)
    maps = maps if extra is None else (extra, *maps)
    if not maps:
        raise click.UsageError("Missing argument 'MAPS...'.")
    return maps


def worksheet_options(
    exercise: str | None, blanks: tuple[bool, bool], seed: int | None, keep: frozenset[str]
) -> dict[str, Any]:
    """The render options of a worksheet.

    An option the worksheet would not use is a usage error, not ignored: ``--seed``
    shuffles only a place worksheet's bank, a label worksheet blanks no statement, and
    only a fill worksheet's blanks are ruled lines. ``blanks``: ``--blank-thesis`` and
    ``--even-blanks``.

    Raises:
        Misuse: a worksheet option without ``--exercise``, or with a kind it does not fit.
    """
    blank_thesis, even_blanks = blanks
    named = (("--blank-thesis", blank_thesis), ("--even-blanks", even_blanks))
    given = [name for name, on in (*named, ("--seed", seed is not None)) if on]
    if exercise is None:
        if given or keep:
            used = [*given, *(["--keep"] if keep else [])]
            what = "worksheet options; they go" if len(used) > 1 else "a worksheet option; it goes"
            raise Misuse(f"{', '.join(used)}: {what} with --exercise [fill|place|label]")
        return {}
    if seed is not None and exercise != "place":
        raise Misuse(
            f"--seed shuffles a place worksheet's bank, and a {exercise} worksheet has none; "
            "use it with --exercise place"
        )
    if blank_thesis and exercise == "label":
        raise Misuse(
            "--blank-thesis: a label worksheet shows every statement and blanks none; "
            "use it with --exercise fill or place"
        )
    if even_blanks and exercise != "fill":
        raise Misuse(
            f"--even-blanks sizes a fill worksheet's ruled blanks, and a {exercise} worksheet "
            "has none; use it with --exercise fill"
        )
    return {
        "exercise": True,
        "exercise_kind": exercise,
        "blank_thesis": blank_thesis,
        "even_blanks": even_blanks,
        "seed": seed or 0,
        "keep": keep,
    }


def check_worksheet_formats(exercise: str | None, formats: list[str]) -> None:
    """Refuse a worksheet in a format that would print what it hides."""
    from argmap.options import WORKSHEET_FORMATS

    other = [fmt for fmt in formats if fmt not in WORKSHEET_FORMATS]
    if exercise is not None and other:
        raise Misuse(
            f"--exercise: worksheets come as {', '.join(WORKSHEET_FORMATS)}, not {other[0]}"
        )


def check_portrait(portrait: bool, fit: str | None, formats: list[str]) -> None:
    """Refuse ``--portrait`` when no format asked for would draw paper pages to turn.

    Raises:
        Misuse: ``--portrait`` with ``--fit none``, or with only formats that draw one
            drawing (svg, dot) or no diagram at all (json, markdown...).
    """
    from argmap.options import DEFAULT_FITS

    if not portrait:
        return
    fits = {fmt: fit or DEFAULT_FITS[fmt] for fmt in formats if fmt in DEFAULT_FITS}
    if any(page != "none" for page in fits.values()):
        return
    paper = "add --fit a4|a3|letter|slide"
    if fit == "none":
        raise Misuse(
            "--portrait turns paper pages, and --fit none draws one drawing without pages; "
            + paper
        )
    if fits:
        raise Misuse(
            f"--portrait turns paper pages, and {_named(list(fits))} one drawing "
            f"without pages; {paper}"
        )
    raise Misuse(
        f"--portrait turns paper pages, and {_named(formats)} no diagram; "
        "use it with -f pdf, png or html"
    )


def _named(formats: list[str]) -> str:
    """The formats as the subject of "draw": ``svg draws``, ``svg and dot draw``."""
    return f"{formats[0]} draws" if len(formats) == 1 else f"{', '.join(formats)} draw"
