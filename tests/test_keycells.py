"""The key's arrow samples in the DOT source and the engine's own PNG: drawn, not ASCII."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import engine
from argmap.exporters.diagram.engine import find_engine, run_engine_svg
from argmap.exporters.diagram.formats import export_dot, to_dot
from argmap.exporters.diagram.keycells import drawn_key
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
CODES = re.compile(r">(--|==|- -)(&gt;|\|&gt;|\|)o?<")
"""A sample written as text (``--|o``), as the key's label holds it."""


@pytest.mark.parametrize("fit", ["none", "slide"])
def test_the_dot_sources_key_draws_its_arrows(fit: str) -> None:
    """`-f dot` wrote `-->`, `--|o`, `==|>` in the key: `dot -Tpng` on it showed the text."""
    m = load_map(FLAGSHIP)
    out = export_dot(m, analyze(m), RenderOptions(fit=fit))  # type: ignore[arg-type]
    sources = [out] if isinstance(out, str) else out
    keyed = [source for source in sources if "legend key" in source]
    assert keyed
    for source in keyed:
        assert not CODES.search(source)
        assert source.count('CELLPADDING="0"><TABLE') >= 5  # an arrow drawn in cells each
        assert "\u25ba" in source and "\u25cf" in source  # a filled head, a junction's dot


def test_the_drawn_key_is_laid_out_as_the_written_one() -> None:
    """The cells fill the sample's own cell: the key, and so every page, keeps its size."""
    m = load_map(FLAGSHIP)
    written = to_dot(m, analyze(m), RenderOptions())
    assert CODES.search(written), "argmap's own SVG redraws the text (see keydraw)"
    drawn = drawn_key(written)
    assert drawn != written
    info = find_engine("auto")
    before, after = run_engine_svg(written, info), run_engine_svg(drawn, info)
    assert re.search(r'viewBox="[^"]+"', before).group(0) == (  # type: ignore[union-attr]
        re.search(r'viewBox="[^"]+"', after).group(0)  # type: ignore[union-attr]
    )


def test_the_engines_png_draws_the_keys_arrows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PNG the engine draws (system engine, or no fast resvg) showed the text samples."""
    seen: list[str] = []
    real = engine._drawn

    def spy(source: str, fmt: str, *args: object) -> bytes:
        seen.append(source)
        return real(source, fmt, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_drawn", spy)
    m = load_map(FLAGSHIP)
    png = engine.run_engine(to_dot(m, analyze(m), RenderOptions()), "png", "auto")
    assert png.startswith(b"\x89PNG")
    assert seen and not CODES.search(seen[-1]) and "\u25ba" in seen[-1]


def test_the_keys_evidence_swatch_is_a_note_as_evidence_is_drawn() -> None:
    """Evidence is drawn as a note, its top right corner folded; the key's swatch for it was
    a plain rectangle. It is a note too: its fill and border cut at the corner, the fold
    drawn in the border's colour (the SVG, and so the PNG and PDF drawn from it)."""
    m = load_map(FLAGSHIP)
    svg = run_engine_svg(to_dot(m, analyze(m), RenderOptions()), find_engine("auto"))
    key = svg[svg.index('id="legend"') :]
    assert "a_key_note" not in key  # the engine's group round it is gone
    shapes = re.findall(
        r'<polygon fill="(#f5f5f5|none)" stroke="([^"]*)"[^>]*points="([^"]*)"', key
    )
    notes = [(fill, stroke) for fill, stroke, points in shapes if len(points.split()) == 6]
    assert ("#f5f5f5", "none") in notes and ("none", "#616161") in notes
    fold = re.search(r'<path fill="none" stroke="#616161"[^>]*d="M[\d.-]+,[\d.-]+ L', key)
    assert fold is not None
