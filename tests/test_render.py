"""Rendered diagrams (SVG, PNG, PDF), the render command, determinism and escaping."""

from __future__ import annotations

import io
import logging
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.analysis.view import draw_kind
from argmap.cli import main
from argmap.exporters import RenderOptions, get_exporter
from argmap.exporters.diagram.formats import render_pdf, render_png, render_svg
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.model.idchars import shows_nothing
from argmap.pipeline import page_files, render_file, render_map
from tests.conftest import CASES, MAPS, ROOT
from tests.strategies import argument_maps

UNIFORMS = MAPS / "school-uniforms.yaml"
METACHARS = CASES / "diagram-metachars.yaml"
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
COMMITTED = FLAGSHIP if FLAGSHIP.exists() else UNIFORMS


def _node_groups(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    out: dict[str, ET.Element] = {}
    for g in root.iter(f"{SVG_NS}g"):
        if "node" in g.get("class", "").split() and g.get("id", "").startswith("node-"):
            assert g.get("id") not in out
            out[g.get("id", "")[len("node-") :]] = g
    return out


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _pdf_streams(data: bytes) -> list[bytes]:
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    return out


@pytest.fixture(scope="module")
def uniforms() -> ArgumentMap:
    return load_map(UNIFORMS)


def test_svg_has_one_group_per_node_with_id_class_tooltip_link(uniforms: ArgumentMap) -> None:
    groups = _node_groups(render_svg(uniforms, analyze(uniforms)))
    assert set(groups) == {node.id for node in uniforms.nodes}
    for node in uniforms.nodes:
        g = groups[node.id]
        assert draw_kind(uniforms, node).value in g.get("class", "").split()
        link = next(g.iter(f"{SVG_NS}a"))
        assert link.get(f"{XLINK}href") == f"#node-{node.id}"
        assert node.text in (link.get(f"{XLINK}title") or "")


def test_svg_tooltip_carries_quote_and_citation() -> None:
    m = load_map(METACHARS)
    link = next(_node_groups(render_svg(m, analyze(m)))["braces"].iter(f"{SVG_NS}a"))
    title = link.get(f"{XLINK}title") or ""
    assert "Line one\nline two" in title
    assert "— Интерфакс <i>, 21 января" in title


def test_svg_keeps_metacharacters_literal() -> None:
    m = load_map(METACHARS)
    svg = render_svg(m, analyze(m))
    root = ET.fromstring(svg)
    tags = {e.tag.removeprefix(SVG_NS) for e in root.iter()}
    assert tags <= {"svg", "g", "title", "a", "path", "polygon", "polyline", "ellipse", "text"}
    # Wrapping may split a text anywhere, so compare with all whitespace removed.
    texts = "".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))
    texts = "".join(texts.split())
    for literal in (
        '</text><script>alert("x")</script><text>',
        "& &amp; &#45;",
        "<b>not bold</b>",
        "\\backslash\\",
        "and \\N \\G \\l escapes",
        "Россия «игра» — 북한 한국어 “typographic”",
    ):
        assert "".join(literal.split()) in texts


@pytest.mark.parametrize("theme", ["default", "print", "contrast"])
@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_svg_renders_every_theme_and_direction(
    uniforms: ArgumentMap, theme: Any, direction: Any
) -> None:
    svg = render_svg(uniforms, analyze(uniforms), RenderOptions(theme=theme, direction=direction))
    assert len(_node_groups(svg)) == len(uniforms)


def test_png_is_valid_and_sensibly_sized(uniforms: ArgumentMap) -> None:
    drawing = render_png(uniforms, analyze(uniforms), RenderOptions(fit="none"))
    assert isinstance(drawing, bytes)
    width, height = _png_size(drawing)
    assert 800 <= width <= 8000 and 300 <= height <= 8000
    assert 20_000 < len(drawing) < 5_000_000
    # By default a PNG is a 16:9 slide (or several), each 1920 x 1080.
    slides = render_png(uniforms, analyze(uniforms))
    for slide in slides if isinstance(slides, list) else [slides]:
        assert _png_size(slide) == (1920, 1080)


def test_pdf_keeps_text_as_text_with_every_script() -> None:
    data = render_pdf(load_map(METACHARS), analyze(load_map(METACHARS)))
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert 5_000 < len(data) < 2_000_000
    assert b"/Subtype /Image" not in data
    assert b"NotoSansKR" in data and b"/FontFile" in data
    streams = b"\n".join(_pdf_streams(data)).upper()
    # ToUnicode maps the embedded glyphs back to Cyrillic, Hangul, quotes, emoji, Hebrew.
    for char in "Россия북한“”🙂עב":
        assert f"<{char.encode('utf-16-be').hex().upper()}>".encode() in streams, char


def test_pdf_sets_bold_and_italic_in_their_own_faces() -> None:
    # Headers and the thesis are bold in the SVG, quotes italic: so in the PDF.
    data = render_pdf(
        load_map(MAPS / "russias-game-in-north-korea.yaml"),
        analyze(load_map(MAPS / "russias-game-in-north-korea.yaml")),
    )
    faces = set(re.findall(rb"/BaseFont /[A-Z]{6}\+([A-Za-z-]+)", data))
    assert {b"NotoSans", b"NotoSansBold", b"NotoSansItalic"} <= faces, faces


def test_pdf_page_matches_svg_size_without_fit(uniforms: ArgumentMap) -> None:
    svg = render_svg(uniforms, analyze(uniforms))
    width = float(re.search(r'<svg width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
    data = render_pdf(uniforms, analyze(uniforms), RenderOptions(fit="none"))
    box = re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert box is not None and abs(float(box.group(1)) - width) < 1


def test_pdf_pages_are_a4_landscape_by_default(uniforms: ArgumentMap) -> None:
    data = render_pdf(uniforms, analyze(uniforms))
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert boxes and {(round(float(w)), round(float(h))) for w, h in boxes} == {(842, 595)}


@pytest.mark.fresh
@pytest.mark.parametrize("fmt", ["dot", "svg", "png", "pdf"])
def test_rendering_is_byte_identical(uniforms: ArgumentMap, fmt: str) -> None:
    exporter = get_exporter(fmt)
    assert exporter.render(uniforms, RenderOptions()) == exporter.render(
        load_map(UNIFORMS), RenderOptions()
    )


SAFE_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")),
    min_size=1,
    max_size=30,
).filter(lambda s: not shows_nothing(s))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    # Text in angle brackets would become an HTML-like label if it slipped through unescaped.
    thesis=SAFE_TEXT | SAFE_TEXT.map(lambda s: f"<{s}>"),
    premise=SAFE_TEXT,
    quote=SAFE_TEXT,
    outlet=SAFE_TEXT,
    author=SAFE_TEXT,
)
def test_any_text_renders_literally_once(
    thesis: str, premise: str, quote: str, outlet: str, author: str
) -> None:
    m = validate_data(
        {
            "title": thesis,
            "thesis": {
                "id": "t",
                "text": thesis,
                "evidence": [
                    {
                        "id": "e",
                        "text": premise,
                        "quote": quote,
                        "citation": {"outlet": outlet},
                        "author": author,
                    }
                ],
            },
        }
    )
    svg = render_svg(m, analyze(m))
    groups = _node_groups(svg)  # the engine parsed the DOT and the SVG is well-formed XML
    assert set(groups) == {"t", "e"}
    root = ET.fromstring(svg)
    assert {e.tag.removeprefix(SVG_NS) for e in root.iter()} <= {
        "svg",
        "g",
        "title",
        "a",
        "path",
        "polygon",
        "polyline",
        "ellipse",
        "text",
    }

    # Graphviz writes the second of two adjacent spaces as a no-break space in SVG, so
    # compare with no-break spaces read as spaces on both sides.
    def plain(text: str) -> str:
        return text.replace("\xa0", " ")

    title = plain(next(groups["e"].iter(f"{SVG_NS}a")).get(f"{XLINK}title") or "")
    lines = title.split("\n")
    assert lines[0] == plain(premise)
    assert plain(f"“{quote}”") in title and plain(f"— {outlet}") in title
    assert plain(f"Added by {author}") in title
    thesis_title = next(groups["t"].iter(f"{SVG_NS}a")).get(f"{XLINK}title")
    assert thesis_title == thesis


# --- pipeline and CLI ---------------------------------------------------------------------


def test_engine_choice_from_environment(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.exporters.diagram import engine

    monkeypatch.setattr(engine, "_system", lambda: None)
    result = runner.invoke(
        main,
        ["render", str(UNIFORMS), "-o", str(tmp_path)],
        env={"ARGMAP_ENGINE": "system"},
    )
    assert result.exit_code == 1
    assert "engine system: Graphviz 'dot' not found on PATH" in result.output


def test_render_file_writes_stem_plus_suffix(tmp_path: Path) -> None:
    written = render_file(UNIFORMS, "svg", tmp_path, RenderOptions())
    assert written == [tmp_path / "school-uniforms.svg"]
    assert written[0].read_text(encoding="utf-8").startswith("<?xml")


def test_cli_several_maps_and_formats(runner: CliRunner, tmp_path: Path) -> None:
    nested = CASES / "diagram-nested.yaml"
    result = runner.invoke(
        main,
        ["render", str(UNIFORMS), str(nested), "-f", "svg,png,pdf,dot", "-o", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    pngs = [name for name in names if name.endswith(".png")]
    # PNG slides: one file when the map fits one, else STEM-01.png, STEM-02.png, ...
    assert pngs and all(
        re.fullmatch(r"(school-uniforms|diagram-nested)(-\d\d)?\.png", n) for n in pngs
    )
    assert sorted(set(names) - set(pngs)) == sorted(
        f"{stem}.{ext}"
        for stem in ("school-uniforms", "diagram-nested")
        for ext in ("svg", "pdf", "dot")
    )
    assert result.stderr.count(" -> ") == 6 + len(pngs)


def test_cli_single_file_says_its_path_and_writes_only_asked_formats(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["render", str(UNIFORMS), "--format", "png", "--fit", "none"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # on stderr, as the lines of several files are
    assert result.stderr == f"{UNIFORMS} -> {Path('output', 'school-uniforms.png')}\n"
    assert [p.name for p in (tmp_path / "output").iterdir()] == ["school-uniforms.png"]


@pytest.mark.parametrize(
    "options",
    [
        ["--direction", "LR"],
        ["--direction", "rl"],
        ["--focus", "cost", "--depth", "1"],
        ["--hide", "evidence", "--hide", "quotes,reviewers"],
        ["--theme", "print"],
        ["--theme", "contrast"],
        ["--engine", "bundled"],
        ["--status"],
        ["--exercise"],
    ],
)
def test_cli_options(runner: CliRunner, tmp_path: Path, options: list[str]) -> None:
    result = runner.invoke(
        main, ["render", str(UNIFORMS), "-f", "dot", "-o", str(tmp_path), *options]
    )
    assert result.exit_code == 0, result.output
    if "--exercise" in options:  # a worksheet and its key (see test_exercise.py)
        assert {p.name for p in tmp_path.iterdir()} == {
            "school-uniforms.exercise.dot",
            "school-uniforms.answers.dot",
        }
        return
    dot = (tmp_path / "school-uniforms.dot").read_text(encoding="utf-8")
    assert dot == get_exporter("dot").render(
        load_map(UNIFORMS), analyze(load_map(UNIFORMS)), _options(options)
    )


def _options(args: list[str]) -> RenderOptions:
    pairs = dict(zip(args[::2], args[1::2], strict=False))
    hide = frozenset(
        part for i, a in enumerate(args) if a == "--hide" for part in args[i + 1].split(",")
    )
    return RenderOptions(
        direction=pairs.get("--direction", "TB").upper(),  # type: ignore[arg-type]
        focus=pairs.get("--focus"),
        depth=int(pairs["--depth"]) if "--depth" in pairs else None,
        hide=hide,
        theme=pairs.get("--theme", "default"),  # type: ignore[arg-type]
        status="--status" in args,
        exercise="--exercise" in args,
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["-f", "svg,pfd"], 2, "unknown format 'pfd'; did you mean 'pdf'? (choose from "),
        (
            ["--hide", "colours"],
            2,
            "cannot hide 'colours' (choose from evidence, quotes, reviewers)",
        ),
        (["--theme", "neon"], 2, "'neon' is not one of"),
        (["--focus", "nope"], 2, "--focus 'nope': no node has that id"),
    ],
)
def test_cli_errors(
    runner: CliRunner, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    result = runner.invoke(main, ["render", str(UNIFORMS), "-o", str(tmp_path), *args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_cli_bad_map_is_located_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nthesis: [\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: invalid YAML", result.output)
    assert not out.exists()


def test_cli_subprocess_matches_library(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "argmap",
            "render",
            str(UNIFORMS),
            "-f",
            "svg",
            "-o",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "school-uniforms.svg").read_text(encoding="utf-8")
    assert written == render_map(load_map(UNIFORMS), "svg")


def _same_pixels(png: bytes, path: Path) -> bool:
    from PIL import Image

    fresh, committed = Image.open(io.BytesIO(png)), Image.open(path)
    if fresh.size != committed.size:
        return False
    # Every channel's bytes: the difference's bounding box would look at its alpha alone.
    return fresh.convert("RGBA").tobytes() == committed.convert("RGBA").tobytes()


def test_committed_flagship_renders_are_fresh() -> None:
    # SVG byte for byte; PNG pixel for pixel: the same pixels are packed by whichever
    # encoder the install has (resvg's own, or argmap's with the fastpng extra).
    stale = []
    m = load_map(COMMITTED)
    for fmt in ("svg", "png"):
        exporter = get_exporter(fmt)
        data = exporter.render(m, analyze(m), RenderOptions(map_name=str(COMMITTED)))
        target = ROOT / "output" / f"{COMMITTED.stem}{exporter.suffix}"
        written: set[str] = set()
        for path, content in page_files(target, exporter.suffix, data):
            written.add(path.name)
            fresh = content.encode("utf-8") if isinstance(content, str) else content
            changed = not path.exists() or path.read_bytes() != fresh
            if changed and (fmt != "png" or not path.exists() or not _same_pixels(fresh, path)):
                stale.append(str(path.relative_to(ROOT)))
        left = {p.name for p in target.parent.glob(f"{COMMITTED.stem}*{exporter.suffix}")}
        stale += sorted(f"output/{name} (no longer made)" for name in left - written)
    assert not stale, f"stale or missing: {', '.join(stale)}; refresh them with `make output`"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    m=argument_maps(max_nodes=14),
    status=st.booleans(),
    theme=st.sampled_from(["default", "print"]),
)
def test_random_maps_render_one_group_per_node(m: ArgumentMap, status: bool, theme: Any) -> None:
    svg = render_svg(m, analyze(m), RenderOptions(status=status, theme=theme))
    groups = _node_groups(svg)
    assert set(groups) == {node.id for node in m.nodes}
    for node in m.nodes:
        assert draw_kind(m, node).value in groups[node.id].get("class", "").split()


def test_a_bad_map_among_several_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: t\nthesis:\n  text: ''\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["render", str(UNIFORMS), str(bad), "--format", "svg,dot", "--output", str(out)]
    )
    assert result.exit_code == 1
    assert f"{bad}:3:9:" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_each_map_is_read_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from argmap import pipeline

    calls: list[object] = []
    real = pipeline.load_map

    def counting(path: object) -> ArgumentMap:
        calls.append(path)
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "load_map", counting)
    written = pipeline.render_files([UNIFORMS], ["dot", "svg"], tmp_path)
    assert [target.suffix for _, target in written] == [".dot", ".svg"]
    assert calls == [UNIFORMS]


def test_two_maps_with_one_stem_are_refused_before_anything_is_written(
    runner: CliRunner, tmp_path: Path
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "m.yaml").write_bytes(UNIFORMS.read_bytes())
    out = tmp_path / "out"
    first, second = tmp_path / "a" / "m.yaml", tmp_path / "b" / "m.yaml"
    result = runner.invoke(main, ["render", str(first), str(second), "-f", "dot", "-o", str(out)])
    assert result.exit_code == 2
    assert f"{first} and {second} would both be written to {out / 'm.dot'}" in result.stderr
    assert not out.exists()

    from argmap.errors import OutputClashError
    from argmap.pipeline import render_files

    with pytest.raises(OutputClashError):
        render_files([first, second], ["svg"], out)
    assert not out.exists()


def test_a_map_named_twice_is_rendered_once(runner: CliRunner, tmp_path: Path) -> None:
    again = Path(str(UNIFORMS.parent / "." / UNIFORMS.name))
    result = runner.invoke(main, ["render", str(UNIFORMS), str(again), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["school-uniforms.svg"]


def test_render_and_export_never_overwrite_the_map(runner: CliRunner, tmp_path: Path) -> None:
    import json

    from argmap.load.mapfile import to_file_data

    json_map = tmp_path / "m.json"
    json_map.write_text(json.dumps(to_file_data(load_map(UNIFORMS)), default=str), "utf-8")
    yaml_map = tmp_path / "u.yaml"
    yaml_map.write_bytes(UNIFORMS.read_bytes())
    before = {p: p.read_bytes() for p in (json_map, yaml_map)}

    result = runner.invoke(main, ["render", str(json_map), "-f", "json", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"--format json would overwrite the map {json_map} itself" in result.stderr
    for args in (
        ["export", str(yaml_map), "-f", "argdown", "-o", str(yaml_map)],
        ["export", str(yaml_map), "-f", "markdown", "-o", str(tmp_path / "." / "u.yaml")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2
        assert "is the map itself" in result.stderr
    assert {p: p.read_bytes() for p in before} == before
    # Other suffixes next to the map are fine.
    result = runner.invoke(main, ["render", str(json_map), "-f", "svg", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_pdf_embeds_only_the_fallback_faces_and_styles_it_uses() -> None:
    m = validate_data({"title": "t", "thesis": {"text": "Plain text with one 한 syllable"}})
    data = render_pdf(m, analyze(m))
    faces = re.findall(rb"/BaseFont /[A-Z]{6}\+([A-Za-z-]+)", data)
    # Each embedded font appears twice (Type0 and its descendant). The thesis is bold, so
    # Noto Sans KR is needed in one style only; the legend arrow may add at most one more.
    assert 2 <= faces.count(b"NotoSansKR") <= 4, faces
    assert b"NotoEmoji" not in faces


def test_pdf_right_to_left_runs_keep_their_edge_spaces() -> None:
    """A space at an end of a line stays at that end of the line as read: a Hebrew
    line reads from the right, so its last space is drawn at its left."""
    from argmap.exporters.diagram.bidi import drawing_order as _visual

    assert _visual("\u05d0\u05d1 ") == " \u05d1\u05d0"
    assert _visual(" \u05d0\u05d1") == "\u05d1\u05d0 "
    assert _visual("a \u05d0\u05d1 ") == "a \u05d1\u05d0 "
    assert _visual("ab ") == "ab "


def test_render_never_replaces_a_json_map_beside_the_map(
    runner: CliRunner, tmp_path: Path
) -> None:
    import json

    from argmap.load.mapfile import to_file_data

    yaml_map = tmp_path / "a.yaml"
    yaml_map.write_bytes(UNIFORMS.read_bytes())
    json_map = tmp_path / "a.json"
    json_map.write_text(json.dumps(to_file_data(load_map(UNIFORMS)), default=str), "utf-8")
    before = json_map.read_bytes()
    result = runner.invoke(main, ["render", str(yaml_map), "-f", "json", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"would overwrite {json_map}, which is a map file" in result.stderr
    assert json_map.read_bytes() == before
    # An earlier export there is an output, and is replaced as usual.
    json_map.write_text('{"title": "old export", "nodes": []}', "utf-8")
    result = runner.invoke(main, ["render", str(yaml_map), "-f", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert json.loads(json_map.read_text("utf-8"))["title"] != "old export"


# --- optional extras: pdf needs argmap[pdf], PNG of other scripts argmap[scripts] ------------

_HANGUL_MAP = "title: t\nthesis:\n  text: Seoul 서울\n"
_DIAGRAM = ("dot", "svg", "png", "pdf")


def _without(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``modules`` unfindable and unimportable, as in an install without them."""
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


def test_diagram_formats_declare_their_extras() -> None:
    extras = {name: (get_exporter(name).extra, get_exporter(name).requires) for name in _DIAGRAM}
    assert extras == {
        "dot": ("", ()),
        "svg": ("", ()),
        "png": ("", ()),
        "pdf": ("pdf", ("fontTools",)),
    }


def test_pdf_without_its_extra_is_one_line_and_writes_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without(monkeypatch, "fontTools")
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(UNIFORMS), "-f", "svg,pdf", "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: pdf needs the optional packages of argmap[pdf] (missing: fontTools); "
        "install them with: pip install 'argmap[pdf]'\n"
    )
    assert not out.exists()


def test_render_pdf_called_directly_without_its_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from argmap.errors import MissingExtraError

    _without(monkeypatch, "fontTools")
    m = load_map(UNIFORMS)
    with pytest.raises(MissingExtraError, match=r"pip install 'argmap\[pdf\]'"):
        render_pdf(m, analyze(m))


@pytest.mark.parametrize(
    ("absent", "missing"),
    [(("resvg_py", "fontTools"), "resvg_py, fontTools"), (("resvg_py",), "resvg_py")],
)
def test_png_of_other_scripts_without_the_scripts_extra_is_one_line_and_writes_nothing(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    absent: tuple[str, ...],
    missing: str,
) -> None:
    _without(monkeypatch, *absent)
    source = tmp_path / "k.yaml"
    source.write_text(_HANGUL_MAP, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["render", str(source), "-f", "svg,png", "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        f"{source}: drawing 서 울 in a PNG (the bundled engine's fonts lack them) needs the "
        f"optional packages of argmap[scripts] (missing: {missing}); install them with: "
        "pip install 'argmap[scripts]'\n"
    )
    assert not out.exists()


def test_png_of_latin_greek_cyrillic_hebrew_needs_no_extra(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without(monkeypatch, "resvg_py", "fontTools", "PIL")
    source = tmp_path / "k.yaml"
    source.write_text("title: t\nthesis:\n  text: café Ελλάδα Кремль שלום “ok”\n", "utf-8")
    result = runner.invoke(main, ["render", str(source), "-f", "png,svg,dot", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "k.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(shutil.which("dot") is None, reason="no system Graphviz")
def test_png_by_the_system_engine_needs_no_extra(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _without(monkeypatch, "resvg_py", "fontTools", "PIL")
    source = tmp_path / "k.yaml"
    source.write_text(_HANGUL_MAP, encoding="utf-8")
    result = runner.invoke(
        main, ["render", str(source), "-f", "png", "--engine", "system", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "k.png").read_bytes().startswith(b"\x89PNG")


def test_png_of_the_engines_scripts_never_imports_the_extras() -> None:
    # Without a fast resvg binding the engine draws the pages (with one, resvg does).
    code = (
        "import sys\n"
        "sys.modules.update(svg2png_py=None, resvg=None)\n"
        "from argmap.load.validate import validate_data\n"
        "from argmap.pipeline import render_map\n"
        "m = validate_data({'title': 't', 'thesis': {'text': 'café Ελλάδα Кремль שלום'}})\n"
        "assert render_map(m, 'png').startswith(b'\\x89PNG')\n"
        "heavy = ('fontTools', 'resvg_py', 'PIL')\n"
        "print(sorted({n.split('.')[0] for n in sys.modules} & set(heavy)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n", done.stderr


def test_the_unfontable_warning_is_skipped_without_fonttools(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from argmap.exporters.diagram.glyphwarnings import warn_unfontable

    _without(monkeypatch, "fontTools")
    with caplog.at_level("WARNING", logger="argmap"):
        warn_unfontable("Linear B 𐀀", "m.yaml", "PNG")
    assert caplog.records == []


def test_one_png_of_a_big_map_warns_that_it_cannot_be_read(
    uniforms: ArgumentMap, caplog: pytest.LogCaptureFixture
) -> None:
    """A 400-node map as one PNG came out 8,000 x 269 px, its text under 3 px, and exit 0."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_render import generate

    big = validate_data(generate(400))
    with caplog.at_level(logging.WARNING):
        drawing = render_png(big, analyze(big), RenderOptions(fit="none", map_name="big.yaml"))
    assert isinstance(drawing, bytes) and max(_png_size(drawing)) == 8000
    [said] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert said.startswith("big.yaml: the PNG of the whole map is scaled down to 8000 x ")
    assert "px high, too small to read: --fit slide" in said
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        render_png(uniforms, analyze(uniforms), RenderOptions(fit="none"))
    assert not caplog.records  # a map drawn at its full size: nothing to say
