"""Core commands: ``validate``, ``show``, ``export``, ``schema`` and ``formats``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from argmap.cli import (
    MAP_PATH,
    Misuse,
    echo,
    echo_data,
    format_error,
    refuse_overwrite,
    reports_errors,
)

BINARY_FORMATS = frozenset({"pdf", "png"})
"""The built-in formats that are bytes: ``export`` writes them to a file, never to stdout."""


@click.command()
@click.argument("maps", nargs=-1, required=True, type=MAP_PATH)
def validate(maps: tuple[Path, ...]) -> None:
    """Check map files; print every problem as FILE:LINE:COL: message.

    Exits 0 when every map is valid, 1 otherwise.
    """
    from argmap.errors import ArgmapError
    from argmap.load.maps import load_map

    failed = 0
    for path in maps:
        try:
            m = load_map(path)
        except ArgmapError as exc:
            failed += 1
            echo(str(exc), err=True)
            continue
        echo(f"{path}: ok ({len(m)} {'node' if len(m) == 1 else 'nodes'})")
    if failed:
        raise SystemExit(1)


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.option("--focus", metavar="ID", help="Show only the subtree under this node.")
@click.option("--depth", type=click.IntRange(min=0), help="Levels to show below the start.")
@click.option("--color/--no-color", default=None, help="Colour (default: when on a terminal).")
@click.option(
    "--status", is_flag=True, help="Mark each node's computed standing (in, out, undecided)."
)
@reports_errors
def show(
    map_path: Path, focus: str | None, depth: int | None, color: bool | None, status: bool
) -> None:
    """Print the map as a tree, one node a line, with kind markers and ids."""
    from argmap.exporters.terminal import format_tree
    from argmap.load.maps import load_map

    m = load_map(map_path)
    if focus is not None and focus not in m:  # a linked group's id, or none: refused
        from argmap.analysis.view import focus_node

        focus_node(m, focus, str(map_path))
    marks = None
    if status:
        from argmap.analysis.standing import analyze, status_marks

        marks = status_marks(analyze(m))
    use_color = sys.stdout.isatty() if color is None else color
    text = format_tree(m, focus=focus, depth=depth, color=use_color, marks=marks)
    click.echo(text, nl=False, color=use_color)  # format_tree escaped every field


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="json",
    show_default=True,
    help="Output format (see 'argmap formats'); without it, -o FILE's suffix names it.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--status",
    is_flag=True,
    help="Mark each claim in, out or undecided (as 'argmap render --status' does).",
)
@reports_errors
def export(map_path: Path, fmt: str, output: Path | None, status: bool) -> None:
    """Export a map in another format, to standard output or a file."""
    from argmap.editing.safewrite import write_atomic
    from argmap.errors import UnknownFormatError
    from argmap.exporters import get_exporter, parse_formats
    from argmap.load.maps import load_map
    from argmap.options import RenderOptions
    from argmap.pipeline import page_files, render_map

    if output is not None:  # -o notes.md without -f: Markdown, as the name says
        from argmap.cli.outputs import formats_for

        fmt = formats_for(output, [fmt], "fmt")[0]
    try:
        names = parse_formats(fmt)
    except (UnknownFormatError, ValueError) as exc:
        raise click.BadParameter(format_error(exc), param_hint="'-f' / '--format'") from None
    if len(names) != 1:
        raise click.BadParameter(
            "export writes one format; use 'argmap render' for several",
            param_hint="'-f' / '--format'",
        )
    get_exporter(names[0])
    to_file = output is not None and str(output) != "-"
    if not to_file and names[0] in BINARY_FORMATS:  # say so before any work is done
        raise Misuse(f"{names[0]} is a binary format; write it to a file with -o FILE")
    if output is not None and to_file:
        refuse_overwrite(output, [map_path])
    m = load_map(map_path)
    data = render_map(m, names[0], RenderOptions(map_name=map_path.stem, status=status))
    if output is not None and to_file:
        pages = page_files(output, output.suffix, data)
        for target, _ in pages:
            refuse_overwrite(target, [map_path])
        from argmap.terminate import uninterrupted

        with uninterrupted():  # a SIGTERM or Ctrl-C waits until every page is written
            for target, content in pages:
                write_atomic(target, content)
    elif isinstance(data, list):
        raise Misuse(
            f"{fmt}: the diagram has {len(data)} pages; write them to files with -o FILE "
            f"(named FILE-01{get_exporter(names[0]).suffix}, ...)"
        )
    elif isinstance(data, bytes):
        raise Misuse(f"{fmt} is a binary format; write it to a file with -o FILE")
    else:
        echo_data(data)


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Write to this file instead of standard output.",
)
@reports_errors
def schema(output: Path | None) -> None:
    """Print the JSON Schema of map files (for editor autocompletion and checks)."""
    from argmap.load.schema import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None or str(output) == "-":
        echo(text, nl=False)
    else:
        from argmap.editing.safewrite import write_atomic

        refuse_overwrite(output)
        write_atomic(output, text)


@click.command()
def formats() -> None:
    """List the output formats, and which of them this install lacks the extra for."""
    from argmap.exporters import get_exporter, list_exporters

    exporters = [get_exporter(name) for name in list_exporters()]
    name_width = max(len(e.name) for e in exporters)
    suffix_width = max(len(e.suffix) for e in exporters)
    for e in exporters:
        note = f"  [not installed: pip install 'argmap[{e.extra}]']" if e.missing() else ""
        echo(f"{e.name:{name_width}}  {e.suffix:{suffix_width}}  {e.description}{note}")
