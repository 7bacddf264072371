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


def _codes(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> frozenset[str]:
    """The lint codes a ``--select`` or ``--ignore`` list names (comma-separated, repeatable)."""
    from argmap.analysis.lint import CODES
    from argmap.cli import unknown_choice

    parts = {part.strip() for item in value for part in item.split(",") if part.strip()}
    unknown = sorted(parts - set(CODES))
    if unknown:
        raise click.BadParameter(unknown_choice(f"no lint code {unknown[0]!r}", unknown[0], CODES))
    return frozenset(parts)


def _tally(counts: dict[str, int]) -> str:
    """``254 warnings: 134 circular-premise, 120 near-duplicate-text`` (most first)."""
    total = sum(counts.values())
    head = f"{total} {'warning' if total == 1 else 'warnings'}"
    if len(counts) < 2:
        return head
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return head + ": " + ", ".join(f"{count} {code}" for code, count in ranked)


@click.command()
@click.argument("maps", nargs=-1, required=True, type=MAP_PATH)
@click.option("--strict", is_flag=True, help="Exit 1 when there is any warning.")
@click.option(
    "--select",
    "select",
    multiple=True,
    metavar="CODES",
    callback=_codes,
    help="Only these codes (comma-separated; codes in the README).",
)
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    metavar="CODES",
    callback=_codes,
    help="Leave out these codes (comma-separated), e.g. near-duplicate-text.",
)
def lint(
    maps: tuple[Path, ...], strict: bool, select: frozenset[str], ignore: frozenset[str]
) -> None:
    """Warn about map quality (codes in the README), one warning a line.

    Each line reads FILE:LINE:COL: [code] message; hint. The count at the end gives how
    many of each code. --select and --ignore choose the codes (as in a pre-commit hook).

    Warnings never stop a map from rendering. Exits 1 when a map is invalid, or with
    --strict when there is any warning; 0 otherwise.
    """
    from argmap.analysis.lint import lint_located
    from argmap.errors import ArgmapError
    from argmap.load.maps import load_located

    failed = 0
    counts: dict[str, int] = {}
    for path in maps:
        try:
            located = load_located(path)
        except ArgmapError as exc:
            failed += 1
            echo(str(exc), err=True)
            continue
        for issue in lint_located(located):
            if (select and issue.code not in select) or issue.code in ignore:
                continue
            counts[issue.code] = counts.get(issue.code, 0) + 1
            echo(str(issue))
    warned = sum(counts.values())
    if failed < len(maps):  # a file error is its own one line: no count of nothing linted
        echo(_tally(counts) + (" (strict mode)" if strict and warned else ""), err=True)
    if failed or (strict and warned):
        raise SystemExit(1)
