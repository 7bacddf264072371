"""PNG pages: each drawn once at the exact pixel size, placed as the page's SVG places it."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image, ImageChops

from argmap.analysis.standing import analyze
from argmap.errors import RenderError
from argmap.exporters.diagram import engine, pagepngs
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out, svg_size
from argmap.exporters.diagram.formats import render_png
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
UNIFORMS = MAPS / "school-uniforms.yaml"


def _layout(fit: str = "slide") -> Layout:
    m = load_map(FLAGSHIP)
    return lay_out(m, analyze(m), RenderOptions(), fit, find_engine("bundled"))  # type: ignore[arg-type]


def _size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])  # type: ignore[return-value]


def test_viewport_is_the_page_size_at_the_page_scale() -> None:
    assert pagepngs.viewport(0.75, (1920, 1080)) == "960.0000,540.0000,0.750000"
    assert pagepngs.viewport(1.0, (1684, 1191)) == "842.0000,595.5000,1.000000"


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_every_page_is_drawn_once_at_its_exact_size(
    fit: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout = _layout(fit)
    drawn: list[int] = []
    real = engine.run_engine_pngs

    def counting(sources: list[str], *args: object, **kwargs: object) -> list[bytes]:
        drawn.append(len(sources))
        return real(sources, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "run_engine_pngs", counting)
    pngs = pagepngs.page_pngs(layout, layout.pages, find_engine("bundled"), "m")
    assert drawn == [len(layout.pages)]  # one pass: no page is drawn again
    pixels = (round(layout.size.width * 2), round(layout.size.height * 2))
    assert {_size(png) for png in pngs} == {pixels}


def test_each_drawing_sits_where_the_page_svg_puts_it() -> None:
    layout = _layout()
    pages = layout.pages[:4]
    pngs = pagepngs.page_pngs(layout, pages, find_engine("bundled"), "m")
    for page, png in zip(pages, pngs, strict=True):
        image = Image.open(io.BytesIO(png)).convert("RGB")
        ink = ImageChops.invert(image).getbbox()
        assert ink is not None
        # The padded drawing at the page's scale, centred on the 1920 x 1080 slide.
        width, height = (side * layout.scale(page) * 2 for side in svg_size(page.svg))
        box = ((1920 - width) / 2, (1080 - height) / 2, (1920 + width) / 2, (1080 + height) / 2)
        pad = 0.3 * 72 * layout.scale(page) * 2
        for got, edge, inward in zip(ink, box, (1, 1, -1, -1), strict=True):
            # Ink starts within the padding (and a node's margin), never outside it.
            assert 0 <= (got - edge) * inward <= pad + 24, (page.plan.page.number, ink, box)


def test_pages_drawn_by_several_engine_runs_at_once_are_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    m = load_map(UNIFORMS)
    options = RenderOptions(fit="slide")
    monkeypatch.setattr(engine, "drawing_workers", lambda: 1)
    alone = render_png(m, analyze(m), options)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 3)
    spread = render_png(m, analyze(m), options)
    assert isinstance(alone, list) and len(alone) >= 2  # two engine runs at once
    assert spread == alone


def test_a_page_drawn_at_another_size_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    layout = _layout()
    small = engine.run_engine("digraph { a }", "png", "bundled")
    width, height = _size(small)
    assert width < 1920
    monkeypatch.setattr(engine, "run_engine_pngs", lambda sources, *a, **k: [small] * len(sources))
    with pytest.raises(
        RenderError,
        match=rf"^m: the engine drew PNG page 1 at {width} x {height} pixels, not 1920 x 1080",
    ):
        pagepngs.page_pngs(layout, layout.pages[:1], find_engine("bundled"), "m")


def test_drawing_workers_are_the_usable_cores_within_bounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine.os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert engine.drawing_workers() == engine.MAX_DRAWING_WORKERS
    monkeypatch.setattr(engine.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert engine.drawing_workers() == 1


def test_pages_in_other_scripts_are_drawn_by_worker_processes_the_same() -> None:
    from argmap.exporters.diagram import raster

    svgs = [
        f'<svg width="90pt" height="30pt" viewBox="0 0 90 30" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="4" y="20" font-family="Helvetica" font-size="14">서울 {i} بيت</text></svg>'
        for i in range(2 * raster.MIN_PAGES_PER_WORKER)
    ]
    svgs[3] = "<svg"
    alone = [raster.svg_to_png(svg, dpi=144, max_side_px=1000) for svg in svgs if svg != "<svg"]
    drawn = raster.svgs_to_pngs(svgs, dpi=144, max_side_px=1000)
    assert isinstance(drawn[3], RenderError)
    assert str(drawn[3]).startswith("PNG rasterizing (resvg) failed: ")
    assert [d for i, d in enumerate(drawn) if i != 3] == alone
    assert len(set(alone)) == len(alone)  # each page its own drawing


def test_a_worker_that_fails_leaves_a_message_for_each_of_its_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    from argmap.exporters.diagram import raster

    monkeypatch.setattr(sys, "executable", "/bin/false")
    svg = '<svg width="9pt" height="9pt" xmlns="http://www.w3.org/2000/svg"/>'
    drawn = raster.svgs_to_pngs([svg] * 2 * raster.MIN_PAGES_PER_WORKER, dpi=72, max_side_px=99)
    assert all(isinstance(d, RenderError) for d in drawn)
    assert str(drawn[0]).startswith("PNG rasterizing (resvg) failed: the worker stopped (exit 1)")


def test_the_worker_process_imports_nothing_of_argmap_but_itself() -> None:
    import subprocess
    import sys

    code = (
        "import sys, argmap.rasterworker; print(sorted(m for m in sys.modules if 'argmap.' in m))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "['argmap.rasterworker']\n"
