"""Analysis commands: ``stats`` (counts and standing) and ``lint`` (map-quality warnings)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from argmap.cli import MAP_PATH, echo, echo_data, reports_errors


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A text table, or JSON for scripts.",
)
@reports_errors
def stats(map_path: Path, fmt: str) -> None:
    """Print counts, depth, breadth, the thesis standing and unanswered objections."""
    from argmap.analysis.standing import analyze
    from argmap.analysis.stats import format_stats, stats_data
    from argmap.load.maps import load_map

    m = load_map(map_path)
    a = analyze(m)
    if fmt == "json":
        echo_data(json.dumps(stats_data(m, a), indent=2, ensure_ascii=False) + "\n")
    else:
        echo(format_stats(m, a), nl=False)


@click.command()
@click.argument("maps", nargs=-1, required=True, type=MAP_PATH)
@click.option("--strict", is_flag=True, help="Exit 1 when there is any warning.")
def lint(maps: tuple[Path, ...], strict: bool) -> None:
    """Warn about map quality (codes in the README), one warning a line.

    Each line reads FILE:LINE:COL: [code] message; hint.

    Warnings never stop a map from rendering. Exits 1 when a map is invalid, or with
    --strict when there is any warning; 0 otherwise.
    """
    from argmap.analysis.lint import lint_located
    from argmap.errors import ArgmapError
    from argmap.load.maps import load_located

    failed = warned = 0
    for path in maps:
        try:
            located = load_located(path)
        except ArgmapError as exc:
            failed += 1
            echo(str(exc), err=True)
            continue
        for issue in lint_located(located):
            warned += 1
            echo(str(issue))
    if failed < len(maps):  # a file error is its own one line: no count of nothing linted
        noun = "warning" if warned == 1 else "warnings"
        echo(f"{warned} {noun}" + (" (strict mode)" if strict and warned else ""), err=True)
    if failed or (strict and warned):
        raise SystemExit(1)
