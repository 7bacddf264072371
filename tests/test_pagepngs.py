"""PNG pages: each drawn once at the exact pixel size, placed as the page's SVG places it."""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

import pytest
from PIL import Image, ImageChops

from argmap.analysis.standing import analyze
from argmap.errors import RenderError
from argmap.exporters.diagram import engine, fitting, pagepngs
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out, svg_size
from argmap.exporters.diagram.formats import render_png
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS, without_stub_words

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


@pytest.fixture(params=["resvg", "engine"])
def route(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Pages drawn from their SVGs by resvg (the extras installed), or by the engine."""
    from argmap.exporters.diagram import raster

    if request.param == "engine":
        monkeypatch.setattr(raster, "available", lambda: False)
    else:
        assert raster.available()
    return str(request.param)


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_every_page_is_drawn_once_at_its_exact_size(
    fit: str, route: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.exporters.diagram import raster

    layout = _layout(fit)
    drawn: list[tuple[str, int]] = []
    real_engine, real_raster = engine.run_engine_pngs, raster.draw_pngs

    def by_engine(sources: list[str], *args: object, **kwargs: object) -> list[bytes]:
        drawn.append(("engine", len(sources)))
        return real_engine(sources, *args, **kwargs)  # type: ignore[arg-type]

    def by_resvg(svgs: Iterator[str], count: int, **kwargs: int) -> Iterator[bytes | RenderError]:
        drawn.append(("resvg", count))
        return real_raster(svgs, count, **kwargs)

    monkeypatch.setattr(engine, "run_engine_pngs", by_engine)
    monkeypatch.setattr(raster, "draw_pngs", by_resvg)
    pngs = pagepngs.page_pngs(layout, layout.pages, find_engine("bundled"), "m")
    assert drawn == [(route, len(layout.pages))]  # one pass: no page is drawn again
    pixels = (round(layout.size.width * 2), round(layout.size.height * 2))
    assert {_size(png) for png in pngs} == {pixels}


def test_each_drawing_sits_where_the_page_svg_puts_it(route: str) -> None:
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
        for got, edge, inward in zip(ink[2:], box[2:], (-1, -1), strict=True):
            # Ink ends within the padding (and a node's margin), never outside it.
            assert 0 <= (got - edge) * inward <= pad + 24, (page.plan.page.number, ink, box)
        for got, edge in zip(ink[:2], box[:2], strict=True):
            # It starts there too, or before: the heading at the page's top left.
            assert got - edge <= pad + 24, (page.plan.page.number, ink, box)
        if route == "resvg":  # the engine draws its graph's label above the drawing
            assert ink[0] <= pad + 40 and ink[1] <= pad + 40, (page.plan.page.number, ink)


def test_the_same_page_drawn_by_resvg_and_by_the_engine_differs_only_in_its_font(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Boxes and arrows land on the same pixels, give or take one, whoever draws them.

    With stubs that name no kind: on the flagship's first slide a stub's widest line is
    now the one saying its page, drafted two digits wide (``p. 00``) and drawn one wide
    by the engine from the page's graph, a few pixels narrower.
    """
    from argmap.exporters.diagram import raster

    without_stub_words(monkeypatch)
    layout = _layout()
    page = layout.pages[0]
    ours = Image.open(
        io.BytesIO(pagepngs.page_pngs(layout, [page], find_engine("bundled"), "m")[0])
    )
    assert raster.available()
    pixels = (1920, 1080)
    theirs = Image.open(
        io.BytesIO(pagepngs._engine_pngs(layout, [page], find_engine("bundled"), "m", pixels)[0])
    )
    assert ours.mode == theirs.mode == "RGBA" and ours.size == theirs.size == pixels
    # Both opaque, white around the drawing; the boxes and arrows land on the same pixels
    # give or take one, the text (Noto Sans against the engine's Arimo) not.
    assert ours.getextrema()[3] == theirs.getextrema()[3] == (255, 255)
    # The engine draws the heading just above the drawing it centres (its graph's label),
    # where page_svg moves it to the page's top: the ink's top is not compared.
    ink = [ImageChops.invert(im.convert("RGB")).getbbox() for im in (ours, theirs)]
    assert ink[0] is not None and ink[1] is not None
    sides = [(box[0], *box[2:]) for box in ink]
    assert all(abs(a - b) <= 2 for a, b in zip(*sides, strict=True)), ink


def test_the_white_page_under_a_drawing_is_left_to_resvg_s_white_canvas() -> None:
    # The engine's white background, the first thing drawn, is not filled again over
    # resvg's opaque white page: the same pixels, outlined text or not.
    from argmap import rasterworker
    from argmap.exporters.diagram import raster
    from argmap.exporters.diagram.fonts import font_files

    layout = _layout()
    svg = fitting.page_svg(layout, layout.pages[0])
    unpainted = raster._unpainted(svg)
    assert unpainted.count("<polygon") == svg.count("<polygon") - 1
    fonts = [str(path) for path in font_files()]
    for outlined in (False, True):
        kept, dropped = (
            rasterworker.draw(
                (raster._with_fonts(s, fonts)[0], 144.0, 1.0, fonts, False, outlined)
            )
            for s in (svg, unpainted)
        )
        assert isinstance(kept, bytes) and kept == dropped


@pytest.mark.parametrize(
    "body",
    [
        '<path d="M0 0h9"/><polygon fill="#ffffff" stroke="none" points="0,0 9,0 9,9"/>',
        '<defs><polygon fill="#ffffff" stroke="none" points="0,0 9,0 9,9"/></defs>',
        '<polygon fill="#fffffe" stroke="none" points="0,0 9,0 9,9"/>',
        '<polygon fill="#ffffff" stroke="none" fill-opacity="0.5" points="0,0 9,0 9,9"/>',
    ],
)
def test_a_white_shape_drawn_over_others_or_not_plain_white_is_kept(body: str) -> None:
    from argmap.exporters.diagram import raster

    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><g>{body}</g></svg>'
    assert raster._unpainted(svg) == svg


def test_pages_drawn_by_several_workers_at_once_are_the_same_bytes(
    route: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.exporters.diagram import raster

    m = load_map(UNIFORMS)
    options = RenderOptions(fit="a4", portrait=True)  # two pages (one slide)
    monkeypatch.setattr(raster, "MIN_PAGES_PER_WORKER", 1)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 1)
    alone = render_png(m, analyze(m), options)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 3)
    spread = render_png(m, analyze(m), options)
    assert isinstance(alone, list) and len(alone) >= 2  # two engine runs or workers at once
    assert spread == alone


def test_a_page_drawn_at_another_size_is_a_clear_error(
    route: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.exporters.diagram import raster

    layout = _layout()
    small = engine.run_engine("digraph { a }", "png", "bundled")
    width, height = _size(small)
    assert width < 1920
    monkeypatch.setattr(engine, "run_engine_pngs", lambda sources, *a, **k: [small] * len(sources))
    monkeypatch.setattr(raster, "draw_pngs", lambda svgs, count, **k: (small for _ in svgs))
    with pytest.raises(
        RenderError,
        match=rf"^m: PNG page 1 came out at {width} x {height} pixels, not 1920 x 1080",
    ):
        pagepngs.page_pngs(layout, layout.pages[:1], find_engine("bundled"), "m")


def test_a_page_resvg_fails_on_is_drawn_by_the_engine_and_warned(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from argmap.exporters.diagram import raster

    layout = _layout()
    pages = layout.pages[:3]
    real = raster.draw_pngs

    failing = [1]

    def second_fails(svgs: Iterator[str], count: int, **kwargs: int) -> list[bytes | RenderError]:
        drawn = list(real(svgs, count, **kwargs))
        for i in failing:
            drawn[i] = RenderError(f"PNG rasterizing (resvg) failed: boom {i}; try --format svg")
        return drawn

    monkeypatch.setattr(raster, "draw_pngs", second_fails)
    with caplog.at_level("WARNING", logger="argmap"):
        pngs = pagepngs.page_pngs(layout, pages, find_engine("bundled"), "m")
    pixels = (1920, 1080)
    assert (
        pngs[1]
        == pagepngs._engine_pngs(layout, pages[1:2], find_engine("bundled"), "m", pixels)[0]
    )
    first = real([fitting.page_svg(layout, pages[0])], 1, dpi=144, max_side_px=1920)
    assert pngs[0] == next(first)
    assert [r.getMessage() for r in caplog.records] == [
        "m: page 2: PNG rasterizing (resvg) failed: boom 1; drew it with the engine instead"
    ]
    # A worker that stops fails every page left: one warning says so.
    caplog.clear()
    failing[:] = range(len(layout.pages))
    with caplog.at_level("WARNING", logger="argmap"):
        pagepngs.page_pngs(layout, layout.pages, find_engine("bundled"), "m")
    assert [r.getMessage() for r in caplog.records] == [
        f"m: {len(layout.pages)} pages, 1, 2, 3, 4, 5, 6, 7, 8 ...: PNG rasterizing (resvg) "
        "failed: boom 0; drew them with the engine instead"
    ]


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
        "import sys, argmap.rasterworker as w\n"
        "print(sorted(m for m in sys.modules if 'argmap.' in m))\n"
        'svg = \'<svg width="9pt" height="9pt" xmlns="http://www.w3.org/2000/svg"/>\'\n'
        "assert w.draw((svg, 72.0, 1.0, [], False)).startswith(b'\\x89PNG')\n"
        "print(sorted(m for m in sys.modules if 'argmap.' in m))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "['argmap.rasterworker']\n['argmap.pngwrite', 'argmap.rasterworker']\n"


def _pixels(png: bytes) -> bytes:
    return Image.open(io.BytesIO(png)).convert("RGBA").tobytes()


@pytest.mark.parametrize(
    ("text", "shaped"),
    [
        ("Kremlin Кремль Ελλάδα שלום", False),
        ("서울 東京 بيت ქართ 😀", False),
        ("हिन्दी भाषा", True),
    ],
)
def test_every_resvg_binding_draws_the_same_pixels(text: str, shaped: bool) -> None:
    from argmap import rasterworker
    from argmap.exporters.diagram import raster

    svg = (
        '<svg width="200pt" height="30pt" viewBox="0 0 200 30" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="4" y="20" font-family="Helvetica" font-size="14">{text}</text></svg>'
    )
    job = raster._job(svg, 144, 1000)
    assert job[4] is shaped
    assert rasterworker.backend(shaped) == ("resvg_py" if shaped else "svg2png_py")
    drawn = {
        name: rasterworker._drawer(name, tuple(job[3]))(job[0], 144.0)
        for name in rasterworker.BACKENDS
    }
    assert {_size(png) for png in drawn.values()} == {(400, 60)}
    pixels = {name: _pixels(png) for name, png in drawn.items()}
    assert pixels["svg2png_py"] == pixels["resvg"]
    # resvg 0.47 (the fast bindings) piles Indic letters on one another; 0.48 sets them.
    assert (pixels["resvg"] == pixels["resvg_py"]) is not shaped
    assert drawn["svg2png_py"] != drawn["resvg"]  # packed by argmap's own PNG writer


def test_a_worker_keeps_its_freed_image_buffers(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.exporters.diagram import raster, rasterpool

    seen: list[dict[str, str]] = []
    real = rasterpool.subprocess.Popen

    def spy(args: list[str], **kwargs: object) -> object:
        seen.append(kwargs["env"])  # type: ignore[arg-type]
        return real(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setenv("GLIBC_TUNABLES", "glibc.pthread.rseq=0")
    monkeypatch.setattr(rasterpool.subprocess, "Popen", spy)
    svg = '<svg width="9pt" height="9pt" xmlns="http://www.w3.org/2000/svg"/>'
    drawn = raster.svgs_to_pngs([svg] * 2 * raster.MIN_PAGES_PER_WORKER, dpi=72, max_side_px=99)
    assert all(isinstance(d, bytes) for d in drawn)
    assert seen and all(
        env["GLIBC_TUNABLES"] == "glibc.pthread.rseq=0:" + rasterpool.MALLOC_TUNABLES
        for env in seen
    )


def test_the_system_engine_draws_its_own_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.exporters.diagram import raster

    layout = _layout()
    system = engine.EngineInfo("system", find_engine("bundled").program)
    monkeypatch.setattr(raster, "draw_pngs", lambda *a, **k: pytest.fail("resvg drew"))
    pngs = pagepngs.page_pngs(layout, layout.pages[:2], system, "m")
    assert pngs == pagepngs._engine_pngs(layout, layout.pages[:2], system, "m", (1920, 1080))
