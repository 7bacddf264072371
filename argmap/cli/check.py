"""The ``check`` command: verify a map's quotes against the source document's text."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.cli import MAP_PATH, NoDashPath, echo, reports_errors


@click.command(short_help="Verify quotes against the source text.")
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.option(
    "--against",
    "source_path",
    required=True,
    metavar="FILE",
    type=NoDashPath("the source document is not read from standard input; give its file name"),
    help="The source document (UTF-8 text) the map quotes.",
)
@click.option(
    "--strict", is_flag=True, help="Also fail on evidence with no quote, citation or source."
)
@reports_errors
def check(map_path: Path, source_path: Path, strict: bool) -> None:
    """Check that every quote in MAP appears verbatim in the source document.

    Only typography is tolerated: curly or straight quotes, dashes, ellipses, and
    spacing or line breaks. Each quote is reported with where it was found; each
    mismatch with the closest passage and a word-by-word diff. Exits 1 on any
    mismatch (with --strict, also on evidence that has no quote, citation or source).
    """
    from argmap.analysis.quotecheck import check_file, format_report

    report = check_file(map_path, source_path)
    echo(format_report(report), nl=False)
    if not report.ok or (strict and report.untraced):
        raise SystemExit(1)
