"""The analysis golden cases (stats, show --status, lint): file name -> rendering function."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from argmap.analysis.lint import lint_located
from argmap.analysis.standing import analyze, status_marks
from argmap.analysis.stats import format_stats, stats_data
from argmap.exporters.terminal import format_tree
from argmap.load.maps import load_located, load_map
from tests.conftest import CASES, MAPS, ROOT

EXAMPLE = MAPS / "standing-example.yaml"
LINT_ALL = CASES / "lint-all.yaml"


def _stats_text() -> str:
    m = load_map(EXAMPLE)
    return format_stats(m, analyze(m))


def _stats_json() -> str:
    m = load_map(EXAMPLE)
    return json.dumps(stats_data(m, analyze(m)), indent=2, ensure_ascii=False) + "\n"


def _status() -> str:
    m = load_map(EXAMPLE)
    return format_tree(m, marks=status_marks(analyze(m)))


def _lint() -> str:
    # Paths relative to the repository, as the CLI prints them when run from there.
    name = LINT_ALL.relative_to(ROOT).as_posix()
    issues = lint_located(load_located(LINT_ALL))
    return "".join(f"{replace(issue, path=name)}\n" for issue in issues)


ANALYSIS_GOLDEN: dict[str, Callable[[], str]] = {
    "standing-example.stats.txt": _stats_text,
    "standing-example.stats.json": _stats_json,
    "standing-example.status.txt": _status,
    "lint-all.lint.txt": _lint,
}
"""Golden file name (under tests/golden/) -> the function that renders it."""
