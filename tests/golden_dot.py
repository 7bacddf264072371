"""The DOT golden cases: golden file name -> function returning the expected DOT text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.formats import to_dot
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import CASES, MAPS

UNIFORMS = MAPS / "school-uniforms.yaml"
METACHARS = CASES / "diagram-metachars.yaml"
NESTED = CASES / "diagram-nested.yaml"


def _dot(source: Path, **options: Any) -> Callable[[], str]:
    def render() -> str:
        return to_dot(
            load_map(source),
            analyze(load_map(source)),
            RenderOptions(map_name=source.stem, **options),
        )

    return render


DOT_GOLDEN: dict[str, Callable[[], str]] = {
    "school-uniforms.dot": _dot(UNIFORMS),
    "school-uniforms.print.dot": _dot(UNIFORMS, theme="print"),
    "school-uniforms.status.dot": _dot(UNIFORMS, status=True),
    "school-uniforms.focus-cost.dot": _dot(UNIFORMS, focus="cost", depth=1, direction="LR"),
    "school-uniforms.hidden.dot": _dot(
        UNIFORMS, hide=frozenset({"evidence", "quotes", "reviewers"})
    ),
    "diagram-metachars.dot": _dot(METACHARS),
    "diagram-nested.dot": _dot(NESTED, theme="contrast"),
}
"""Golden file name (under tests/golden/) -> the function that renders it."""
