"""The PDF writer: a valid file, text that extracts in every script, links, bounded memory."""

from __future__ import annotations

import gc
import io
import re
import subprocess
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.fitting import page_svg
from argmap.exporters.diagram.formats import _pages, render_pdf
from argmap.exporters.diagram.pdf import DEFLATING, svgs_to_pdf, write_pdf
from argmap.exporters.diagram.pdfdraw import _path, _polygon
from argmap.exporters.diagram.pdfwrite import pdf_string
from argmap.exporters.diagram.svglinks import page_links
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.poppler import pdf_tool, poppler

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
SCRIPTS = {
    "Latin": "Plain Latin café naïve",
    "Greek": "Ελληνικά κείμενα",
    "Cyrillic": "Россия «игра»",
    "Hebrew": "שלום עולם",
    "Arabic": "مرحبا بالعالم",
    "Hangul": "북한 한국어",
    "CJK": "中文 日本語",
    "simplified Chinese": "我们认为这个问题",
    "emoji": "Emoji 🙂",
}
BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def _objects(data: bytes) -> dict[int, bytes]:
    """Each object's body (streams included, as they are), by number."""
    found = re.finditer(rb"(?m)^(\d+) 0 obj\n(.*?)\nendobj$", data, re.S)
    return {int(m.group(1)): m.group(2) for m in found}


@pytest.fixture(scope="module")
def flagship_svgs() -> list[str]:
    m = load_map(FLAGSHIP)
    layout = _pages(m, analyze(m), RenderOptions(), "a4")
    assert layout is not None
    return [page_svg(layout, page) for page in layout.pages]


@pytest.fixture(scope="module")
def flagship_pdf(
    tmp_path_factory: pytest.TempPathFactory, flagship_svgs: list[str]
) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("pdf") / "flagship.pdf"
    path.write_bytes(svgs_to_pdf(flagship_svgs, title=load_map(FLAGSHIP).title))
    return path, flagship_svgs


def test_poppler_and_qpdf_read_the_file_without_a_complaint(
    flagship_pdf: tuple[Path, list[str]],
) -> None:
    path, svgs = flagship_pdf
    done = subprocess.run([poppler("pdfinfo"), str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert re.search(rf"^Pages:\s+{len(svgs)}$", done.stdout, re.M)
    assert re.search(r"^Title:\s+Russia", done.stdout, re.M)
    fonts = subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, text=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and fonts.stderr == ""
    for row in rows:  # embedded, subset, with a ToUnicode map
        assert re.search(r"Identity-H\s+yes yes yes", row), row
    names = [row.split()[0].split("+")[1] for row in rows]
    assert len(names) == len(set(names))  # each face once
    text = subprocess.run(
        [poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    )
    assert text.stderr == "" and "Russia" in text.stdout
    check = subprocess.run(
        [pdf_tool("qpdf", "qpdf"), "--check", str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_text_in_every_script_extracts_as_written(tmp_path: Path) -> None:
    premises = [{"text": text} for text in SCRIPTS.values()]
    m = validate_data({"title": "Scripts", "thesis": {"text": "Every", "premises": premises}})
    path = tmp_path / "scripts.pdf"
    path.write_bytes(render_pdf(m, analyze(m), RenderOptions(fit="none")))
    done = subprocess.run([poppler("pdftotext"), str(path), "-"], capture_output=True, check=True)
    text = done.stdout.decode("utf-8").translate(BIDI_MARKS)
    for script, line in SCRIPTS.items():
        assert line in text, script


def test_the_space_after_an_emoji_is_as_wide_as_the_one_before(tmp_path: Path) -> None:
    # Set in the emoji face it was five times wider than measured: text left its box.
    m = validate_data({"title": "Emoji", "thesis": {"text": "Emoji 🙂 ok"}})
    path = tmp_path / "emoji.pdf"
    path.write_bytes(render_pdf(m, analyze(m), RenderOptions(fit="none")))
    done = subprocess.run(
        [poppler("pdftotext"), "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    )
    box = {
        word: (float(x0), float(x1))
        for x0, x1, word in re.findall(
            r'xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]+)<', done.stdout
        )
    }
    before = box["🙂"][0] - box["Emoji"][1]
    after = box["ok"][0] - box["🙂"][1]
    assert before > 0 and abs(after - before) < 0.5, (before, after)


def test_links_lead_to_the_pages_the_svg_names(flagship_pdf: tuple[Path, list[str]]) -> None:
    path, svgs = flagship_pdf
    objects = _objects(path.read_bytes())
    tree = next(body for body in objects.values() if b"/Type /Pages" in body)
    kids = [int(n) for n in re.findall(rb"(\d+) 0 R", tree)]
    assert len(kids) == len(svgs)
    linked = 0
    for number, (kid, svg) in enumerate(zip(kids, svgs, strict=True), start=1):
        page = objects[kid]
        height = float(re.search(rb"/MediaBox \[0 0 [\d.]+ ([\d.]+)\]", page).group(1))  # type: ignore[union-attr]
        annots = re.search(rb"/Annots \[([^\]]*)\]", page)
        refs = [int(n) for n in re.findall(rb"(\d+) 0 R", annots.group(1))] if annots else []
        found = []
        for ref in refs:
            annot = objects[ref]
            target = int(re.search(rb"/Dest \[(\d+) 0 R", annot).group(1))  # type: ignore[union-attr]
            rect = [float(v) for v in re.search(rb"/Rect \[([^\]]*)\]", annot).group(1).split()]  # type: ignore[union-attr]
            found.append((kids.index(target) + 1, rect))
        wanted = page_links(svg)
        assert [p for p, _ in found] == [link.page for link in wanted], number
        for (_, rect), link in zip(found, wanted, strict=True):
            assert rect == pytest.approx(
                [link.x, height - link.y - link.height, link.x + link.width, height - link.y],
                abs=0.01,
            )
        linked += len(found)
    assert linked > 10  # stubs and breadcrumbs lead somewhere


def _pages_of(svg: str, count: int, out: io.BytesIO, sizes: list[int]) -> Iterator[str]:
    """The same page ``count`` times, noting the file's size each time the next is asked for."""
    for _ in range(count):
        sizes.append(out.tell())
        yield svg


SETTLE = 0.05
"""Seconds the compressing thread is given to finish its page before a sample."""
SAMPLED: tuple[int, ...] = (110, 160, 210, 260, 310)
"""The pages before which :func:`_traced` notes the memory held: past the pipeline's filling
(pages drawn, compressed in a thread and written, a varying few at a time in flight)."""


def _traced(svg: str, count: int, held: list[int]) -> Iterator[str]:
    """The same page ``count`` times, noting the memory held before each page of SAMPLED."""
    for number in range(1, count + 1):
        if number == 2:
            tracemalloc.start()  # after the fonts were opened for the first page
        elif number in SAMPLED:
            # Garbage not yet collected is not kept: while pages are written the collector
            # runs seldom (argmap.deep.heap_frozen), so where it last ran is chance. Nor is
            # a page being compressed: its thread is given time to finish (a page's content
            # in flight or not swung the memory held by 300 KB between samples).
            time.sleep(SETTLE)
            gc.collect()
            held.append(tracemalloc.get_traced_memory()[0])
        yield svg
    tracemalloc.stop()


class _Sink:
    """A file that keeps nothing of what is written to it, only its size."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)


def test_each_page_is_written_before_the_next_is_drawn_and_not_kept(
    flagship_svgs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pages are drawn here, not by worker processes a few batches ahead: a batch of
    # results arrived between two samples or not, so the memory held swung by up to 900 KB
    # from one sample to the next, whatever each page keeps (what this test measures).
    monkeypatch.setattr("argmap.exporters.diagram.engine.drawing_workers", lambda: 1)
    svg = flagship_svgs[1]
    out = io.BytesIO()
    sizes: list[int] = []
    count = DEFLATING + 6
    write_pdf(count, _pages_of(svg, count, out, sizes), out)
    step = sizes[-1] - sizes[-2]
    # Page 1 was in the file before page DEFLATING + 2 began: the pages drawn meanwhile
    # were being compressed in a thread, which keeps up without this one waiting for it.
    assert sizes[DEFLATING] == sizes[0] < sizes[DEFLATING + 1] and step > 1000
    # Memory grows by the page's cross-reference entry, not by its content (written out).
    held: list[int] = []
    sink = _Sink()
    count = SAMPLED[-1] + 1
    write_pdf(count, _traced(svg, count, held), sink)  # type: ignore[arg-type]
    assert sink.size > count * step / 2 and len(held) == len(SAMPLED)
    # A page keeps its offset and its links' object numbers (a few hundred bytes at most
    # for a page of stubs); its content, thousands of bytes, is not kept. What grows in
    # every span of 50 pages is kept by each page; a one-off step (a table of the
    # interpreter's growing once, the pipeline still filling, a page more in flight at one
    # sample: a CI run measured 800 and 340 KB over two spans of 100) is not.
    spans = [(later - earlier) / 50 for earlier, later in zip(held, held[1:], strict=False)]
    assert sorted(spans)[len(spans) // 2] < min(500, step / 4), (held, step)


@pytest.mark.fresh
def test_output_is_the_same_bytes_every_time(flagship_svgs: list[str]) -> None:
    svgs = flagship_svgs[:3]
    first = svgs_to_pdf(svgs, title="Ünïcode title")
    assert first == svgs_to_pdf(svgs, title="Ünïcode title")
    assert b"/CreationDate (D:20000101000000Z)" in first
    assert b"/Title <FEFF00DC006E00EF" in first


@pytest.mark.parametrize("style", ["", "B", "I"])
def test_text_is_drawn_with_the_widths_the_diagram_measured(style: str) -> None:
    """Every character of the engine's width table advances the PDF's pen as much."""
    from fontTools.ttLib import TTFont

    from argmap.exporters.diagram.fonts import MAIN_FACES, noto_folder
    from argmap.exporters.diagram.notowidths import RANGES, WIDTHS
    from argmap.exporters.diagram.pdffonts import Face

    codes = [code for first, last in RANGES for code in range(first, last + 1)]
    table = dict(zip(codes, (int(w) for w in WIDTHS[style].split()), strict=True))
    chars = "".join(chr(code) for code, width in table.items() if width)
    name, weight = MAIN_FACES[style]
    with TTFont(str(noto_folder() / name), lazy=True) as font:
        face = Face(font, noto_folder() / name, "NotoSans", weight)
        face.encode(chars)
        assert {ord(ch): round(face.width(ch)) for ch in chars} == {
            ord(ch): table[ord(ch)] for ch in chars
        }


@pytest.mark.fresh
@pytest.mark.parametrize("name", ["NotoSans[wght].ttf", "NotoSansCJKsc-Regular-subset.otf"])
def test_a_faces_subset_is_cut_the_same_whatever_order_its_glyphs_came_in(name: str) -> None:
    """So the suite keeps a subset by its glyphs' set, not their order (tests/conftest.py)."""
    from fontTools.ttLib import TTFont

    from argmap.exporters.diagram.fonts import noto_folder
    from argmap.exporters.diagram.pdffonts import Face

    def cut(text: str) -> tuple[bytes, dict[str, int]]:
        path = noto_folder() / name
        with TTFont(str(path), lazy=True) as font:
            face = Face(font, path, "NotoSans", 700 if "fvar" in font else None)
            face.encode(text)
            return face._subset()

    text = "Subsets 我们认为 café"
    assert cut(text) == cut(text[::-1])


def test_shapes_copy_the_svg_numbers_and_never_write_exponents() -> None:
    assert _path("M1,2C3,4 5,6 7,8") == "1 2 m 3 4 5 6 7 8 c"
    assert _path("M1,2L3,4 5,6Z") == "1 2 m 3 4 l 5 6 l h"
    assert _path("M1e-05,2L3,4") == "0.00001 2 m 3 4 l"
    assert _path("M1,2") == ""
    assert _polygon("1,2 3,4 5,6", closed=True) == "1 2 m 3 4 l 5 6 l h"
    assert pdf_string("a (b) \\ c") == "(a \\(b\\) \\\\ c)"
    assert pdf_string("서") == "<FEFFC11C>"


def test_the_quick_right_to_left_test_misses_no_right_to_left_character() -> None:
    import sys
    import unicodedata

    from argmap.exporters.diagram.bidi import RIGHT_TO_LEFT_BLOCKS as _RIGHT_TO_LEFT_BLOCKS
    from argmap.exporters.diagram.bidi import drawing_order as _visual

    missed = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.bidirectional(chr(code)) in ("R", "AL")
        and not _RIGHT_TO_LEFT_BLOCKS.match(chr(code))
    ]
    assert missed == []
    assert _visual("ab \u2026 cd") == "ab \u2026 cd"
    assert _visual(" \u05d0\u05d1 ") == " \u05d1\u05d0 "
