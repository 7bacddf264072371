"""The key's words inside its box, as drawn in the SVG and the PDF."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.keymarks import MARKS, STUBS, TRAIL, mark_words
from argmap.exporters.diagram.textwidth import text_points
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import CASES, MAPS
from tests.poppler import poppler

SLACK = 0.5
"""Points a text may reach past the box's edge: rounding in the engine's coordinates."""
MARK_TEXTS = {mark_words(mark, status) for mark in MARKS for status in (False, True)}
"""The words of the key's rows for the marks of pages (see ``keymarks``)."""


def _map(name: str) -> ArgumentMap:
    if name == "generated-120":
        from benchmarks.bench_render import generate

        return validate_data(generate(120))
    if name == "undercut-of-an-undercut":
        return load_map(CASES / "smallmaps" / "undercut-of-an-undercut-and-a-conclusion.yaml")
    return load_map(MAPS / f"{name}.yaml")


def _key(svg: str) -> tuple[tuple[float, float], list[tuple[str, float, float]]]:
    """The key's box (left, right) and each text's words and drawn extent, from a page's SVG."""
    found = re.search(r'<g id="legend" class="node legend">(.*?)</g>\n</g>', svg, re.S)
    assert found is not None
    group = found.group(1)
    box = re.search(r'<polygon fill="none" stroke="#9e9e9e" points="([^"]+)"', group)
    assert box is not None
    xs = [float(point.split(",")[0]) for point in box.group(1).split()]
    texts = []
    for attrs, words in re.findall(r"<text([^>]*)>([^<]*)</text>", group):
        x = float(re.search(r' x="([-\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
        size = float(re.search(r'font-size="([\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
        style = "B" if 'font-weight="bold"' in attrs else ""
        words = html.unescape(words)
        wide = text_points(words, size, style)
        anchor = re.search(r'text-anchor="(\w+)"', attrs)
        shift = {"middle": wide / 2, "end": wide}.get(anchor.group(1) if anchor else "", 0.0)
        texts.append((words, x - shift, x - shift + wide))
    return (min(xs), max(xs)), texts


CASES_DRAWN = [
    ("generated-120", "slide", False, False),
    ("generated-120", "a4", True, False),
    ("russias-game-in-north-korea", "slide", False, True),
    ("russias-game-in-north-korea", "a4", False, False),
    ("school-uniforms", "a4", False, True),
    ("school-uniforms", "letter", True, False),
    ("undercut-of-an-undercut", "slide", False, True),
]


@pytest.mark.parametrize(("name", "fit", "portrait", "status"), CASES_DRAWN)
def test_no_key_text_leaves_its_box(name: str, fit: str, portrait: bool, status: bool) -> None:
    """The key's heading ("KEY: a rebuttal's arrows are drawn in its colour") ran into the
    box's right side on the generated 120-node map's first slide: its cell was as wide as
    the engine measures it, narrower than the bold Noto Sans it is drawn in. Every text of
    the key now ends inside the box, measured as drawn."""
    m = _map(name)
    options = RenderOptions(portrait=portrait, status=status)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    keyed = [page for page in layout.pages if 'id="legend"' in page.svg]
    assert len(keyed) == 1
    (left, right), texts = _key(keyed[0].svg)
    assert texts and texts[0][0].startswith("KEY")
    for words, start, end in texts:
        assert start >= left - SLACK and end <= right + SLACK, (words, start, end, left, right)
    # the rows of the marks pages draw (stubs, breadcrumbs) among them, on several pages
    marks = [words for words, _, _ in texts if words in MARK_TEXTS]
    assert bool(marks) == (len(layout.pages) > 1), marks


def test_the_keys_heading_stays_in_its_box_in_the_pdf(tmp_path: Path) -> None:
    """The same in the PDF, as poppler reads its words back: the heading's last word ends
    inside the key's box, as far in from its side as in the SVG."""
    from argmap.exporters.diagram.formats import render_pdf

    m = _map("generated-120")
    path = tmp_path / "key.pdf"
    path.write_bytes(render_pdf(m, analyze(m), RenderOptions(fit="slide")))
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    number = next(i for i, p in enumerate(layout.pages, 1) if 'id="legend"' in p.svg)
    (left, right), texts = _key(layout.pages[number - 1].svg)
    heading = texts[0]
    words = _pdf_words(path, number)
    first = next(w for w in words if w[0] == "KEY:")
    last = next(w for w in words if w[0] == "colour" and abs(w[3] - first[3]) < 1)
    thesis = next(w for w in words if w[0] == "thesis" and w[1] > first[1])
    row = next(t for t in texts if t[0] == "thesis")
    scale = (thesis[1] - first[1]) / (row[1] - heading[1])  # the page's points per SVG point
    box_right = first[1] + (right - heading[1]) * scale
    assert last[2] <= box_right + SLACK * scale, (last, box_right)
    # the page marks' rows too (a stub's, the breadcrumb's): each row's last word
    for mark in (STUBS, TRAIL):
        start, *_ = mark_words(mark, False).split()
        top = next(w[3] for w in words if w[0] == start and w[3] > first[3])
        end = max((w for w in words if abs(w[3] - top) < 1), key=lambda w: w[2])
        assert first[1] < end[2] <= box_right + SLACK * scale, (mark, end, box_right)


def _pdf_words(path: Path, page: int) -> list[tuple[str, float, float, float]]:
    """Each word of a PDF page as poppler reads it: its text, left, right and top."""
    done = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<', done.stdout
    )
    return [(html.unescape(w), float(x0), float(x1), float(y0)) for x0, y0, x1, w in found]
