"""The interoperability golden cases: golden file name -> function returning the expected text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exporters import RenderOptions, get_exporter
from argmap.load.maps import load_map
from tests.conftest import CASES, MAPS

UNIFORMS = MAPS / "school-uniforms.yaml"
HOSTILE = CASES / "interop" / "hostile.yaml"


def _export(source: Path, fmt: str) -> Callable[[], str]:
    def render() -> str:
        data = get_exporter(fmt).render(
            load_map(source), analyze(load_map(source)), RenderOptions(map_name=source.stem)
        )
        assert isinstance(data, str)
        return data

    return render


INTEROP_GOLDEN: dict[str, Callable[[], str]] = {
    f"{source.stem}{suffix}": _export(source, fmt)
    for source in (UNIFORMS, HOSTILE)
    for fmt, suffix in (("argdown", ".argdown"), ("aif", ".aif.json"), ("markdown", ".md"))
}
