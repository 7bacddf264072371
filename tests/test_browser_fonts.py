"""SVG files and the HTML page's diagram in Chromium without Noto Sans: drawn in the embedded one.

The browser is started with a font configuration that lists one font only, Noto Sans KR
(shipped with argmap; its Latin letters are narrower than Noto Sans's, and Chromium needs
some font to start): every line of the diagram must still be as wide as argmap measured it
for its box (``textwidth.text_points``), drawn in the faces the page embeds, and inside
that box.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.fonts import noto_folder
from argmap.exporters.diagram.formats import export_svg
from argmap.exporters.diagram.textwidth import text_points
from argmap.exporters.diagram.webfonts import cut_rules, faces_for, map_words
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.test_browser import ARGS, CHROMIUM, FLAGSHIP, assert_clean, open_page

pytestmark = pytest.mark.browser

MIXED = {
    "title": "Scripts",
    "thesis": {
        "id": "t",
        "text": "Ein Straßenname, ein Café: ąčęėįšųūž in the thesis.",
        "premises": [
            {"id": "p1", "text": "Русский текст: это пример довода."},
            {"id": "p2", "text": "Ελληνικά: ένα παράδειγμα λόγου."},
            {"id": "p3", "text": "الحجة الرئيسية هي أن المدارس يجب أن تغير سياستها"},
            {"id": "p4", "text": "הטיעון הזה תומך בטענה המרכזית"},
            {"id": "p5", "text": "यह तर्क मुख्य दावे का समर्थन करता है"},
            {"id": "p6", "text": "การศึกษาของรัฐควรจะฟรีสำหรับเด็กทุกคนในประเทศไทย น้ำใจ"},
            {"id": "p7", "text": "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ ນ້ຳໃຈ"},
        ],
        "evidence": [
            {
                "id": "e1",
                "text": "Tiếng Việt có dấu: người, được.",
                "quote": "Words quoted — “as said”… «قال الوزير»",
                "citation": {"outlet": "Gazeta Łódzka", "date": "January 1"},
            },
        ],
        "objections": [{"id": "o1", "text": "WAVY AVATAR fiftyfold office."}],
    },
}
"""A map in Latin, Latin extended, Cyrillic, Greek, Vietnamese, Arabic (in a quote too:
italic), Hebrew, Devanagari (shaped), Thai and Lao (in boxes as wide as their lines), with
bold, italic, and pairs a kerning font would tighten (AV, WA) and ligatures (fi, ffi)."""

_LINES = """(selector) => {
  const out = [];
  const svg = document.querySelector(selector);
  for (const g of svg.querySelectorAll('g.node')) {
    const shape = g.querySelector('path, polygon, rect, ellipse');
    const box = shape.getBBox();
    for (const t of g.querySelectorAll('text')) {
      const b = t.getBBox();
      out.push({
        text: t.textContent, width: t.getComputedTextLength(),
        size: parseFloat(t.getAttribute('font-size')),
        bold: t.getAttribute('font-weight') === 'bold',
        italic: t.getAttribute('font-style') === 'italic',
        over: Math.max(box.x - b.x, b.x + b.width - box.x - box.width),
      });
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def fonts_playwright() -> Iterator[Any]:
    """One Playwright for the module's browsers (two at once may not run side by side)."""
    if not CHROMIUM.exists():
        if os.environ.get("ARGMAP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (ARGMAP_REQUIRE_BROWSER=1)")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def bare_browser(tmp_path_factory: pytest.TempPathFactory, fonts_playwright: Any) -> Iterator[Any]:
    """Chromium whose font configuration finds one font only, not Noto Sans."""
    yield from _one_font_browser(fonts_playwright, tmp_path_factory, "NotoSansKR-Regular.otf")


@pytest.fixture(scope="module")
def no_cjk_browser(
    tmp_path_factory: pytest.TempPathFactory, fonts_playwright: Any
) -> Iterator[Any]:
    """Chromium whose one font has no Hangul, no ideograph and no emoji."""
    yield from _one_font_browser(fonts_playwright, tmp_path_factory, "NotoSansHebrew[wght].ttf")


def _one_font_browser(p: Any, factory: pytest.TempPathFactory, font: str) -> Iterator[Any]:
    folder = factory.mktemp("nofonts")
    (folder / "empty").mkdir()
    (folder / "empty" / Path(font).name).symlink_to(noto_folder() / font)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<fontconfig>\n'
        f"  <dir>{folder / 'empty'}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n"
        # As desktops set it: slight hinting keeps advances unrounded (full hinting rounds
        # each to whole pixels, a few per cent either way at small sizes).
        '  <match target="font"><edit name="hintstyle" mode="assign">'
        "<const>hintslight</const></edit></match>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, env=env)
    yield chromium
    chromium.close()


_FILE_ORIGIN = "'file:' URLs are treated as unique security origins."
"""What Chromium (150 and later) logs when DevTools' ``CSS.enable`` reads the style sheets
of a page opened from a file: the test's own probe, not the page's doing."""


def _devtools_only(seen: Any) -> None:
    """No error since the page was checked clean but the one DevTools' probe makes."""
    assert [error for error in seen.errors if _FILE_ORIGIN not in error] == []


def _file(folder: Path, m: ArgumentMap, kind: str) -> Path:
    if kind == "svg":
        path = folder / "drawing.svg"
        drawing = export_svg(m, analyze(m), RenderOptions())
        assert isinstance(drawing, str)
        path.write_text(drawing, encoding="utf-8")
        return path
    path = folder / "page.html"
    path.write_text(render_html(m, analyze(m), RenderOptions()), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["html", "svg"])
@pytest.mark.parametrize("which", ["flagship", "mixed"])
def test_diagram_text_is_drawn_as_measured(
    bare_browser: Any, tmp_path: Path, which: str, kind: str
) -> None:
    m = load_map(FLAGSHIP) if which == "flagship" else validate_data(MIXED, "mixed.yaml")
    path = _file(tmp_path, m, kind)
    seen = open_page(bare_browser, path, viewport={"width": 1280, "height": 900})
    page = seen.page
    page.evaluate("document.fonts.ready.then(() => true)")
    lines = page.evaluate(_LINES, ".diagram-page svg" if kind == "html" else "svg")
    assert len(lines) > 10
    for line in lines:
        style = ("B" if line["bold"] else "") + ("I" if line["italic"] else "")
        drawn = " ".join(line["text"].split())  # SVG text drops its ends' spaces
        if not drawn:
            continue  # a cell's spacer
        expected = text_points(drawn, line["size"], style)
        assert line["width"] == pytest.approx(expected, rel=0.01), line
        assert line["over"] <= 0.5, line
    faces = page.evaluate("[...document.fonts].map(f => [f.family, f.status])")
    assert {family for family, _ in faces} == {"Noto Sans"}
    assert "error" not in {status for _, status in faces}  # loaded, or not needed yet
    assert len(faces) == len(faces_for(map_words(m)))  # the faces its words need
    assert len(faces) == (2 if which == "flagship" else 11)
    assert_clean(seen)
    page.context.close()


_CJK_REASONS = [
    "这是一个很长的中文文本，用于测试换行是否正确工作。",
    "日本語の文章：これは議論の例です。",
    "Cheaper 👍 for families 😀 🎉",
]
CJK = {
    "title": "Scripts",
    "thesis": {
        "id": "t",
        "text": "학교는 교복을 의무화해야 한다.",
        "premises": [{"id": f"p{i}", "text": text} for i, text in enumerate(_CJK_REASONS)],
        "evidence": [{"id": "e1", "text": "설문 조사", "quote": "부모 대부분은 동의했다"}],
    },
}
"""A map in Hangul (a quote in italics too), Chinese, Japanese (kana) and emoji."""


@pytest.mark.parametrize("kind", ["html", "svg"])
def test_hangul_ideographs_and_emoji_are_drawn_as_measured(
    no_cjk_browser: Any, tmp_path: Path, kind: str
) -> None:
    """A browser without CJK fonts drew these lines as blanks or boxes (and one with other
    faces, at their widths): the faces argmap draws them in are embedded too, each cut to
    the characters the map uses."""
    m = validate_data(CJK, "cjk.yaml")
    path = _file(tmp_path, m, kind)
    seen = open_page(no_cjk_browser, path, viewport={"width": 1280, "height": 900})
    page = seen.page
    page.evaluate("document.fonts.ready.then(() => true)")
    lines = page.evaluate(_LINES, ".diagram-page svg" if kind == "html" else "svg")
    checked = 0
    for line in lines:
        drawn = " ".join(line["text"].split())
        if not any(ord(c) > 0x2FFF for c in drawn):
            continue
        style = ("B" if line["bold"] else "") + ("I" if line["italic"] else "")
        assert line["width"] == pytest.approx(text_points(drawn, line["size"], style), rel=0.02), (
            line
        )
        assert line["over"] <= 0.5, line
        checked += 1
    assert checked >= 6
    faces = page.evaluate("[...document.fonts].map(f => f.status)")
    assert len(faces) == len(faces_for(map_words(m))) + len(cut_rules(map_words(m))) == 6
    assert "error" not in faces
    assert_clean(seen)
    page.context.close()


_PROBE = """(texts) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let marked = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest('svg, script, style')) continue;
    const i = texts.findIndex(t => node.data.includes(t));
    if (i >= 0) { parent.setAttribute('data-probe', String(i)); marked++; }
  }
  return marked;
}"""


def test_the_page_text_falls_back_to_the_embedded_faces(
    no_cjk_browser: Any, tmp_path: Path
) -> None:
    """The diagram drew Hangul, Han, kana and emoji in the faces the page embeds, while the
    page's own text (the thesis block, the outline) asked only for the viewer's fonts: on a
    machine without CJK fonts it showed boxes. Each of its CJK and emoji characters is now
    drawn by an embedded face (Chromium's own account of the fonts a node was set in). With
    ``system-ui`` first in the stack, Chromium skipped the later families: boxes still."""
    m = validate_data(CJK, "cjk.yaml")
    seen = open_page(
        no_cjk_browser, _file(tmp_path, m, "html"), viewport={"width": 1280, "height": 900}
    )
    page = seen.page
    texts = [CJK["thesis"]["text"], *_CJK_REASONS]
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate(_PROBE, texts) >= len(texts)
    assert_clean(seen)  # before DevTools reads the style sheets (see _devtools_only)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-probe]"})
    probed = set()
    for node in found["nodeIds"]:
        pairs = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
        index = int(dict(zip(pairs[::2], pairs[1::2], strict=True))["data-probe"])
        wide = sum(1 for c in texts[index] if ord(c) > 0x2FFF)  # Hangul, kana, Han, emoji
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        embedded = sum(f["glyphCount"] for f in fonts if f["isCustomFont"])
        assert embedded >= wide, (texts[index], fonts)
        probed.add(index)
    assert probed == set(range(len(texts)))
    _devtools_only(seen)
    page.context.close()


def test_a_notebook_keeps_its_own_svg_text_as_it_was(bare_browser: Any, tmp_path: Path) -> None:
    # Jupyter puts a map's drawing inline in the page: its style sheet must not turn off
    # kerning and ligatures for the page's other SVG text.
    m = load_map(FLAGSHIP)
    other = '<svg id="other" width="200" height="40"><text x="4" y="30">AV fi</text></svg>'
    page_text = f"<!DOCTYPE html><html><body>{other}<div>{m._repr_svg_()}</div></body></html>"
    path = tmp_path / "notebook.html"
    path.write_text(page_text, encoding="utf-8")
    seen = open_page(bare_browser, path)
    styles = seen.page.evaluate(
        """() => [...document.querySelectorAll('svg text')].map(t => {
             const s = getComputedStyle(t);
             return [t.closest('svg').id, s.fontKerning, s.fontVariantLigatures];
           })"""
    )
    assert ["other", "auto", "normal"] in styles
    drawn = [style for style in styles if style[0] != "other"]
    assert len(drawn) > 10
    assert all(style[1:] == ["none", "none"] for style in drawn)
    # Its faces are declared under a family of their own (a notebook's own Noto Sans text
    # keeps the reader's Noto Sans), and its text is set in them.
    families = seen.page.evaluate("() => [...document.fonts].map(f => f.family)")
    assert families and {family.strip('"') for family in families} == {"argmap Noto Sans"}
    used = seen.page.evaluate(
        """() => [...document.querySelectorAll('svg:not(#other) text')]
             .map(t => getComputedStyle(t).fontFamily.split(',')[0].replaceAll('"', ''))"""
    )
    assert set(used) == {"argmap Noto Sans"}
    assert_clean(seen)
    seen.page.context.close()


_SEQUENCES = {
    "family": "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "flag": "\U0001f1fa\U0001f1e6",
    "keycap": "1\ufe0f\u20e3",
    "tone": "\U0001f44d\U0001f3fd",
    "heart": "\u2764\ufe0f",
}
"""Emoji sequences, each drawn as one glyph of the emoji face."""


@pytest.mark.parametrize("kind", ["html", "svg"])
def test_an_emoji_sequence_is_drawn_as_one_glyph(
    no_cjk_browser: Any, tmp_path: Path, kind: str
) -> None:
    """The emoji face's cut lacked the joiner and a keycap's digit (the Latin slice has
    them): a family came out as three faces, a keycap as a box and an empty keycap. Each
    line ``Case N X end`` is now as wide as the one with a single emoji in its place, and
    plain digits elsewhere stay in Noto Sans (as wide as measured)."""
    premises = [{"id": "one", "text": "Case 1 \U0001f600 end"}]
    premises += [{"id": n, "text": f"Case 1 {s} end"} for n, s in _SEQUENCES.items()]
    m = validate_data({"title": "Emoji 2024", "thesis": {"text": "T 42", "premises": premises}})
    path = _file(tmp_path, m, kind)
    seen = open_page(no_cjk_browser, path, viewport={"width": 1280, "height": 900})
    page = seen.page
    page.evaluate("document.fonts.ready.then(() => true)")
    lines = page.evaluate(_LINES, ".diagram-page svg" if kind == "html" else "svg")
    widths = {line["text"].split()[2]: line["width"] for line in lines if "Case" in line["text"]}
    single = widths.pop("\U0001f600")
    assert set(widths) == set(_SEQUENCES.values())
    for sequence, width in widths.items():
        assert width == pytest.approx(single, rel=0.01), sequence
    (plain,) = [line for line in lines if line["text"] == "T 42"]
    assert plain["width"] == pytest.approx(text_points("T 42", plain["size"], "B"), rel=0.02)
    assert_clean(seen)
    page.context.close()


HEBREW_MAP = {
    "title": "מפה",
    "thesis": {
        "id": "t",
        "text": "בתי ספר צריכים לאסור טלפונים?",
        "premises": [{"id": "r", "text": "הטלפונים מסיחים את דעת התלמידים (לפי מחקר 2023)."}],
        "evidence": [
            {
                "id": "e",
                "text": "מחקר מצא ירידה בציונים.",
                "citation": {"outlet": "הארץ", "date": "2023"},
            }
        ],
    },
}
"""A map in Hebrew: a question, a bracketed source with a year, a cited outlet (its line
set at the box's right)."""

_ENDS = """(selector) => {
  const out = [];
  for (const g of document.querySelector(selector).querySelectorAll('g.node')) {
    const box = g.querySelector('path, polygon, rect, ellipse').getBBox();
    for (const t of g.querySelectorAll('text')) {
      const text = t.textContent, b = t.getBBox();
      const xs = [...text].map((_, i) => t.getStartPositionOfChar(i).x);
      out.push({text, xs, inside: b.x >= box.x - 0.5 && b.x + b.width <= box.x + box.width + 0.5});
    }
  }
  return out;
}"""


@pytest.mark.parametrize("kind", ["html", "svg"])
def test_a_hebrew_line_reads_from_the_right_in_the_browser(
    bare_browser: Any, tmp_path: Path, kind: str
) -> None:
    """A line whose first letter is Hebrew is laid out right to left, as the PDF and
    PNG draw it: the question mark and the full stop at its left end, where a Hebrew
    reader finishes it (they were at its right end, where the reader starts), and
    every line still inside its box."""
    m = validate_data(HEBREW_MAP, "hebrew.yaml")
    seen = open_page(
        bare_browser, _file(tmp_path, m, kind), viewport={"width": 1280, "height": 900}
    )
    page = seen.page
    page.evaluate("document.fonts.ready.then(() => true)")
    lines = page.evaluate(_ENDS, ".diagram-page svg" if kind == "html" else "svg")
    ends = {line["text"].strip()[-1]: line for line in lines if line["text"].strip()}
    for mark in "?.":
        line = ends[mark]
        assert line["xs"][len(line["text"].rstrip()) - 1] < min(line["xs"][:-1]), line
    assert all(line["inside"] for line in lines), lines


_CODE_IDS = {
    "title": "Ids",
    "thesis": {
        "id": "학교-교복",
        "text": "학교는 교복을 의무화해야 한다.",
        "premises": [
            {"id": "中文论点-学生", "text": "这是一个中文文本。"},
            {"id": "日本語の文章", "text": "日本語の文章です。"},
        ],
    },
}


def test_ids_in_code_fall_back_to_the_embedded_faces(no_cjk_browser: Any, tmp_path: Path) -> None:
    """The page set its ids (``code``) in monospace faces only: on a machine without CJK
    fonts a Hangul id showed as boxes where the statement beside it read. Each CJK
    character of an id is now drawn by an embedded face (monospace still sets Latin)."""
    m = validate_data(_CODE_IDS, "ids.yaml")
    seen = open_page(
        no_cjk_browser, _file(tmp_path, m, "html"), viewport={"width": 1280, "height": 900}
    )
    page = seen.page
    page.evaluate("document.fonts.ready.then(() => true)")
    ids = [node.id for node in m.nodes]
    marked = page.evaluate(
        """(ids) => {
          let marked = 0;
          for (const code of document.querySelectorAll('code')) {
            if (code.closest('svg') || !ids.includes(code.textContent)) continue;
            code.setAttribute('data-probe', code.textContent); marked++;
          }
          return marked;
        }""",
        ids,
    )
    assert marked >= len(ids)
    assert_clean(seen)  # before DevTools reads the style sheets (see _devtools_only)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "code[data-probe]"})
    for node in found["nodeIds"]:
        pairs = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
        shown = dict(zip(pairs[::2], pairs[1::2], strict=True))["data-probe"]
        wide = sum(1 for c in shown if ord(c) > 0x2FFF)
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        assert sum(f["glyphCount"] for f in fonts if f["isCustomFont"]) >= wide, (shown, fonts)
    _devtools_only(seen)
    page.context.close()
