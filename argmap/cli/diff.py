"""The ``diff`` command: nodes added, removed, renamed, moved and changed between two maps."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from argmap.cli import MAP_PATH, echo


@click.command()
@click.argument("old", type=MAP_PATH)
@click.argument("new_path", metavar="[NEW]", type=MAP_PATH, required=False)
@click.option("--rev", metavar="REV", help="Compare MAP at git revision REV with MAP now.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "md"]),
    default="text",
    show_default=True,
    help="Plain text, or Markdown (for a pull-request comment).",
)
def diff(old: Path, new_path: Path | None, rev: str | None, fmt: str) -> None:
    """Show nodes added, removed, renamed, moved, changed between OLD and NEW (or MAP --rev REV).

    Exits 0 when the maps are the same, 1 when they differ and 2 on error (like diff).
    """
    from argmap.analysis.diff import diff_maps, format_markdown, format_text, read_revision
    from argmap.errors import ArgmapError
    from argmap.load.maps import load_map
    from argmap.load.parse import parse_text
    from argmap.load.validate import validate_parsed

    if (new_path is None) == (rev is None):
        raise click.UsageError("give two maps (OLD NEW) or one map and --rev REV")
    try:
        if rev is not None:
            before = validate_parsed(parse_text(read_revision(old, rev), f"{rev}:{old}"))
            after, title = load_map(old), f"{old} since {rev}"
        else:
            assert new_path is not None
            before, after, title = load_map(old), load_map(new_path), f"{old} → {new_path}"
    except ArgmapError as exc:
        echo(str(exc) if ":" in str(exc).split(" ", 1)[0] else f"Error: {exc}", err=True)
        sys.exit(2)
    result = diff_maps(before, after)
    text = format_markdown(result, title=title) if fmt == "md" else format_text(result)
    echo(text, nl=False)
    if not result and fmt == "text":
        echo("no differences", err=True)  # stdout stays empty, as diff's does
    sys.exit(1 if result else 0)
