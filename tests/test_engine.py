"""Engine selection, safe subprocess runs and one-line errors (fake engines in tmp_path)."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.errors import RenderError
from argmap.exporters.diagram import engine
from argmap.exporters.diagram.engine import (
    EngineInfo,
    engine_version,
    find_engine,
    run_engine,
    run_engine_svg,
)
from argmap.exporters.diagram.formats import to_dot
from tests.conftest import CASES, MAPS

DOT = "digraph { a -> b }"


def _fake(tmp_path: Path, name: str, body: str) -> Path:
    """Write an executable Python script posing as an engine."""
    path = tmp_path / name
    path.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def test_bundled_engine_is_found_next_to_python() -> None:
    info = find_engine("bundled")
    assert info.kind == "bundled"
    assert info.program.name == "graphviz-pure"
    assert info.program.parent == Path(sys.executable).parent


def test_auto_prefers_bundled() -> None:
    assert find_engine("auto").kind == "bundled"


def test_bundled_version_is_read_by_subprocess() -> None:
    assert "graphviz-pure" in engine_version(find_engine("bundled"))


def test_missing_bundled_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_bundled", lambda: None)
    with pytest.raises(RenderError) as excinfo:
        find_engine("bundled")
    message = str(excinfo.value)
    assert message.startswith("engine bundled: program 'graphviz-pure' not found")
    assert "--engine system" in message and "\n" not in message


def test_missing_system_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_system", lambda: None)
    with pytest.raises(
        RenderError, match=r"engine system: Graphviz 'dot' not found on PATH.*--engine bundled"
    ):
        find_engine("system")


def test_auto_falls_back_to_system_then_fails_clearly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(engine, "_bundled", lambda: None)
    fake = _fake(tmp_path, "dot", "pass")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_engine("auto") == EngineInfo("system", fake)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(RenderError, match="no Graphviz engine found.*--format html or json"):
        find_engine("auto")


# CI installs Debian's graphviz, so there a missing `dot` fails instead of skipping.
needs_system_dot = pytest.mark.skipif(
    shutil.which("dot") is None and not os.environ.get("CI"),
    reason="no system Graphviz 'dot' on PATH",
)


@needs_system_dot
def test_system_engine_renders_svg() -> None:
    assert b"<svg" in run_engine(DOT, "svg", "system")


@needs_system_dot
@pytest.mark.parametrize(
    "source",
    [MAPS / "russias-game-in-north-korea.yaml", CASES / "html-hostile.yaml"],
    ids=lambda p: p.stem,
)
def test_system_engine_renders_every_format(tmp_path: Path, source: Path) -> None:
    import xml.etree.ElementTree as ET

    from argmap.options import RenderOptions
    from argmap.pipeline import render_files

    written = render_files(
        [source], ["svg", "png", "pdf", "html"], tmp_path, RenderOptions(engine="system")
    )
    suffixes = sorted({target.suffix for _, target in written})
    assert suffixes == [".html", ".pdf", ".png", ".svg"]
    assert len(written) == 3 + sum(target.suffix == ".png" for _, target in written)
    svg = tmp_path / f"{source.stem}.svg"
    ET.parse(svg)  # Debian's dot 2.43 must still give well-formed XML
    assert (tmp_path / f"{source.stem}.pdf").read_bytes().startswith(b"%PDF")


def test_timeout_becomes_render_error(tmp_path: Path) -> None:
    fake = _fake(tmp_path, "slow-dot", "time.sleep(30)")
    with pytest.raises(RenderError) as excinfo:
        run_engine(DOT, "svg", EngineInfo("system", fake), map_name="maps/big.yaml", timeout=0.5)
    message = str(excinfo.value)
    assert message.startswith("engine system (slow-dot) on maps/big.yaml: gave up after 0.5 s")
    assert "--focus ID --depth N" in message
    assert "on pages with --fit a4" in message  # one drawing of a big map: pages draw it


def test_engine_failure_quotes_its_stderr_on_one_line(tmp_path: Path) -> None:
    fake = _fake(
        tmp_path, "bad-dot", "sys.stderr.write('Error: syntax\\nerror in line 1\\n'); sys.exit(1)"
    )
    with pytest.raises(RenderError) as excinfo:
        run_engine(DOT, "svg", EngineInfo("bundled", fake), map_name="m.yaml")
    message = str(excinfo.value)
    assert "\n" not in message
    assert (
        "engine bundled (bad-dot) on m.yaml: failed (exit 1): Error: syntax error in line 1"
        in message
    )
    assert "try --engine system" in message


def test_unrunnable_program(tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    with pytest.raises(RenderError, match="cannot run"):
        run_engine(DOT, "svg", EngineInfo("system", missing))


def test_size_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MAX_DOT_BYTES", 10)
    with pytest.raises(RenderError, match="above the 10-byte limit.*--focus"):
        run_engine(DOT, "svg", "bundled", map_name="m")


def test_png_dpi_is_capped_and_size_bounded(tmp_path: Path) -> None:
    fake = _fake(tmp_path, "echo-dot", "sys.stdout.write(' '.join(sys.argv[1:]))")
    args = run_engine(DOT, "png", EngineInfo("bundled", fake), dpi=1_000_000).decode()
    assert "-Tpng" in args and f"-Gdpi={engine.MAX_DPI}" in args
    side = engine.MAX_PNG_SIDE_PX / engine.MAX_DPI
    assert f"-Gsize={side:.2f},{side:.2f}" in args


def test_real_engine_svg_and_png() -> None:
    svg = run_engine(DOT, "svg", "bundled")
    assert svg.startswith(b"<?xml") and b"</svg>" in svg
    png = run_engine(DOT, "png", "bundled")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_svg_as_text_is_the_svg_bytes_decoded() -> None:
    label = '<FONT FACE="Arial">centred<BR ALIGN="CENTER"/>line</FONT>'
    dot = f"digraph {{ a [shape=box label=<{label}>] }}"
    text = run_engine_svg(dot, "bundled")
    assert text.encode() == run_engine(dot, "svg", "bundled")
    assert 'text-anchor="middle"' in text and 'font-family="Arial"' not in text


def test_one_drawing_is_redrawn_alone_as_a_batch_redraws_it() -> None:
    """A drawing known to be one is not looked through for others (about 7 ms of a
    3,000-node drawing); it comes out as when it is found alone, in a batch or not."""
    from argmap.load.maps import load_map

    m = load_map(MAPS / "school-uniforms.yaml")
    drawn = engine.engine_svg(to_dot(m, analyze(m)), "bundled").decode()
    redrawn = engine.redraw_svg(drawn, alone=True)
    assert redrawn == engine.redraw_svg(drawn) and redrawn != drawn
    assert engine.redraw_svg(drawn + drawn) == redrawn + redrawn
    assert run_engine_svg(to_dot(m, analyze(m)), "bundled") == redrawn


# -- what the bundled engine's PNG fonts can draw -------------------------------------------

_DRAWN = "Aé Ж ש Ω “”—…•→€№½ ﬁ"
_NOT_DRAWN = "가中ب✓ก😀अ"


def _png_of(ch: str) -> bytes:
    dot = 'digraph { node [shape=plaintext fontname="Helvetica"]; a [label="' + ch + '"] }'
    return run_engine(dot, "png", "bundled", dpi=72)


def test_glyph_table_matches_the_bundled_engine() -> None:
    # A missing glyph is drawn as the same empty box as any other missing glyph whose
    # UTF-8 form has as many bytes (the engine sizes text by bytes).
    box = {2: _png_of("\u0870"), 3: _png_of("\ue000"), 4: _png_of("\U000f0000")}
    for ch in _DRAWN.replace(" ", "") + _NOT_DRAWN:
        missing = len(ch.encode()) > 1 and _png_of(ch) == box[len(ch.encode())]
        assert missing == bool(engine.missing_png_glyphs(ch)), ch


def test_missing_png_glyphs_lists_each_character_once_in_order() -> None:
    assert engine.missing_png_glyphs(_DRAWN) == []
    assert engine.missing_png_glyphs("x 가 y 가 😀 ب") == ["가", "😀", "ب"]
    # Invisible format and layout characters draw nothing in any font: never reported.
    assert engine.missing_png_glyphs("a\u200b\u202e\u2028b\x07") == []


def test_png_of_other_scripts_is_drawn_with_the_noto_fonts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from argmap.exporters.diagram.formats import render_png
    from argmap.load.validate import validate_data
    from argmap.options import RenderOptions

    m = validate_data(
        {
            "title": "t",
            "thesis": {"text": "Seoul: 서울", "evidence": [{"text": "Plain", "quote": "😀 ✓"}]},
        }
    )
    with caplog.at_level("INFO", logger="argmap"):
        png = render_png(m, analyze(m), RenderOptions(map_name="k.yaml"))
    assert png.startswith(b"\x89PNG") and png == render_png(
        m, analyze(m), RenderOptions(map_name="k.yaml")
    )
    assert [r.levelname for r in caplog.records] == ["INFO"]
    assert caplog.records[0].getMessage() == (
        "k.yaml: PNG drawn from the SVG with the Noto fonts (the bundled engine's fonts lack "
        "서 울 😀 ✓)"
    )


def test_whole_drawing_png_is_drawn_in_the_fonts_it_was_measured_in(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--fit none` PNG: resvg in Noto (the engine's own PNG draws narrower faces, and a
    serif one for a line with an em dash); the engine's PNG only where resvg is missing."""
    from argmap.exporters.diagram import raster
    from argmap.exporters.diagram.formats import render_png
    from argmap.load.validate import validate_data
    from argmap.options import RenderOptions

    plain = validate_data(
        {"title": "t", "thesis": {"text": "Кремль “ok”", "evidence": [{"text": "a — b"}]}}
    )
    dot = to_dot(plain, analyze(plain))
    engine_png = run_engine(dot, "png", "bundled")
    with caplog.at_level("INFO", logger="argmap"):
        png = render_png(plain, analyze(plain), RenderOptions(fit="none"))
    assert caplog.records == []
    if not raster.available():
        assert png == engine_png
        return
    assert png == raster.svg_to_png(
        run_engine_svg(dot, "bundled"), dpi=engine.PNG_DPI, max_side_px=engine.MAX_PNG_SIDE_PX
    )
    assert png != engine_png
    monkeypatch.setattr(raster, "available", lambda: False)
    assert render_png(plain, analyze(plain), RenderOptions(fit="none")) == engine_png


def test_png_and_pdf_warn_about_characters_no_font_has(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from argmap.exporters.diagram.formats import render_pdf, render_png
    from argmap.load.validate import validate_data
    from argmap.options import RenderOptions

    m = validate_data({"title": "t", "thesis": {"text": "Linear B 𐀀 and 한"}})
    for fmt, render in (("PNG", render_png), ("PDF", render_pdf)):
        caplog.clear()
        with caplog.at_level("WARNING", logger="argmap"):
            render(m, analyze(m), RenderOptions(map_name="rare.yaml"))
        assert [r.getMessage() for r in caplog.records] == [
            f"rare.yaml: the {fmt} shows 1 distinct character as empty boxes (𐀀): no font "
            "argmap ships has them; use --format svg, where the browser's fonts draw them"
        ]


def test_png_and_pdf_draw_simplified_chinese_without_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Noto Sans KR lacks these simplified forms: they were empty boxes, with a warning.
    from argmap.exporters.diagram.formats import render_pdf, render_png
    from argmap.load.validate import validate_data
    from argmap.options import RenderOptions

    text = "我们认为统一校服能减少学生之间的差异，这说明了问题。圧倒的"
    m = validate_data({"title": "说明", "thesis": {"text": text}})
    for render in (render_png, render_pdf):
        caplog.clear()
        with caplog.at_level("WARNING", logger="argmap"):
            assert render(m, analyze(m), RenderOptions(map_name="zh.yaml"))
        assert caplog.records == []


def _raster_one(ch: str) -> bytes:
    from argmap.exporters.diagram.raster import svg_to_png

    svg = (
        '<svg width="60pt" height="40pt" viewBox="0 0 60 40" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="5" y="30" font-family="Helvetica" font-size="24">{ch}</text></svg>'
    )
    return svg_to_png(svg, dpi=72, max_side_px=1000)


def test_raster_draws_every_script_it_has_a_face_for() -> None:
    box = _raster_one("\ue000")  # private use: no face has it, so the missing-glyph box
    for ch in ["A", "Ж", "가", "中", "们", "圧", "ب", "ש", "अ", "ก", "😀", "✓"]:
        assert _raster_one(ch) != box, ch


def test_raster_caps_the_longest_side() -> None:
    import struct

    from argmap.exporters.diagram.raster import svg_to_png

    svg = '<svg width="3000pt" height="100pt" viewBox="0 0 3000 100" xmlns="http://www.w3.org/2000/svg"/>'
    png = svg_to_png(svg, dpi=144, max_side_px=1000)
    assert struct.unpack(">II", png[16:24]) == (1000, 33)
    with pytest.raises(RenderError, match=r"PNG rasterizing \(resvg\) failed: .*try --format svg"):
        svg_to_png("<svg", dpi=72, max_side_px=1000)


def test_bundled_engine_with_a_windows_name_is_found_next_to_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A venv's Scripts folder holds graphviz-pure.exe, and may not be on PATH.
    program = _fake(tmp_path, "graphviz-pure.exe", "sys.exit(0)")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python.exe"))
    monkeypatch.setenv("PATH", "")
    assert find_engine("bundled") == EngineInfo("bundled", program)


@pytest.mark.parametrize(
    "text",
    [
        "F 👍🏽",
        "x 🇫🇷",
        "a 👋🏿 b",
        "D 👨\u200d👩\u200d👧 E",
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f ❤️",
    ],
)
def test_png_of_emoji_sequences_after_text_is_drawn(text: str) -> None:
    # resvg 0.48 panicked on an emoji sequence in a tspan after other text.
    from argmap.exporters.diagram.formats import render_png
    from argmap.load.validate import validate_data

    png = render_png(
        validate_data({"title": "t", "thesis": {"text": text}}),
        analyze(validate_data({"title": "t", "thesis": {"text": text}})),
    )
    assert png.startswith(b"\x89PNG")


def test_a_failing_rasterizer_falls_back_to_the_engine_png(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from argmap import rasterworker
    from argmap.exporters.diagram.formats import render_png
    from argmap.load.validate import validate_data
    from argmap.options import RenderOptions

    class Panic(BaseException):  # what a Rust panic looks like from Python
        pass

    def panic(svg: str, dpi: float) -> bytes:
        raise Panic("removal index (is 3) should be < len (is 3)")

    monkeypatch.setattr(rasterworker, "_drawer", lambda name, fonts: panic)
    m = validate_data({"title": "t", "thesis": {"text": "Seoul 서울"}})
    with caplog.at_level("WARNING", logger="argmap"):
        png = render_png(m, analyze(m), RenderOptions(map_name="k.yaml", fit="none"))
    assert png == run_engine(to_dot(m, analyze(m)), "png", "bundled")
    assert [r.getMessage() for r in caplog.records] == [
        "k.yaml: PNG rasterizing (resvg) failed: removal index (is 3) should be < len (is 3); "
        "drew the PNG with the engine instead, where 서 울 show as boxes"
    ]
