"""The HTML golden cases: golden file name -> function returning the expected text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_answer_key, render_html
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import CASES, MAPS

UNIFORMS = MAPS / "school-uniforms.yaml"
HOSTILE = CASES / "html-hostile.yaml"


def _page(source: Path, options: RenderOptions) -> Callable[[], str]:
    # Without the diagram: its SVG belongs to the diagram exporter's own goldens.
    def render() -> str:
        return render_html(load_map(source), analyze(load_map(source)), options, diagram=False)

    return render


def _answers() -> str:
    return render_answer_key(
        load_map(UNIFORMS),
        analyze(load_map(UNIFORMS)),
        RenderOptions(exercise=True),
        diagram=False,
    )


HTML_GOLDEN: dict[str, Callable[[], str]] = {
    "school-uniforms.html": _page(UNIFORMS, RenderOptions()),
    "school-uniforms.exercise.html": _page(UNIFORMS, RenderOptions(exercise=True)),
    "school-uniforms.answers.html": _answers,
    "school-uniforms.print.html": _page(UNIFORMS, RenderOptions(theme="print")),
    "html-hostile.html": _page(HOSTILE, RenderOptions()),
}
"""Golden file name (under tests/golden/) -> the function that renders it."""
