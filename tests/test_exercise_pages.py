"""Worksheets on pages: page numbers count what is printed, the bank keeps the legibility floor."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exercise import make_worksheet
from argmap.exporters.diagram.formats import _pages, export_dot
from argmap.exporters.diagram.stacking import TRAIL
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from argmap.pipeline import render_files
from tests.conftest import MAPS
from tests.poppler import poppler

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF."""
    pdftotext = poppler("pdftotext")
    done = subprocess.run([pdftotext, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\f")[:-1]


def headings(texts: list[str]) -> list[tuple[int, int]]:
    """Each page's ``page N of TOTAL``, from the page's first line that has one."""
    found = []
    for text in texts:
        match = re.search(r"page (\d+) of (\d+)", text)
        assert match is not None, text[:200]
        found.append((int(match.group(1)), int(match.group(2))))
    return found


@pytest.mark.parametrize("kind", ["fill", "place", "label"])
def test_every_printed_page_is_numbered_of_all_pages(tmp_path: Path, kind: str) -> None:
    opts = RenderOptions(exercise=True, exercise_kind=kind)  # type: ignore[arg-type]
    written = [t for _, t in render_files([FLAGSHIP], ["pdf", "png"], tmp_path, opts)]
    for name in ("exercise", "answers"):
        [pdf] = [p for p in written if p.suffix == ".pdf" and f".{name}" in p.name]
        pages = pdf_pages(pdf)
        total = len(pages)
        assert headings(pages) == [(n, total) for n in range(1, total + 1)], pdf.name
        banks = [i for i, text in enumerate(pages) if "STATEMENT BANK" in text]
        if name == "exercise":
            assert bool(banks) is (kind == "place")
            if banks:  # the bank ends the sheet (begun on the diagram's last page if room)
                assert banks == list(range(banks[0], total)) and banks[0] > 0
            sheet_banks, sheet_pages = banks, pages
        else:  # a key draws the bank only where the sheet begins it, on a diagram page
            assert banks in ([], sheet_banks[:1])
            assert all("Statement no." in sheet_pages[i] for i in banks)
        pngs = sorted(p for p in written if p.suffix == ".png" and f".{name}" in p.name)
        assert len(pngs) > 1


def test_png_pages_of_a_place_sheet_count_the_bank() -> None:
    m = load_map(FLAGSHIP)
    opts = RenderOptions(exercise=True, exercise_kind="place", fit="slide")
    sheet = make_worksheet(m, opts)
    layout = _pages(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options, "slide")
    assert layout is not None
    total = len(layout.pages)
    for number, page in enumerate(layout.pages, start=1):
        assert page.plan.total == total and page.plan.page.number == number
        heading = re.search(r"<text\b[^>]*>([^<]*)</text>", page.svg)
        assert heading is not None and heading.group(1).endswith(f"page {number} of {total}")
        assert f"page {number} of {total}<" in str(page.graph.source)  # the DOT page too


@pytest.mark.parametrize("fit", ["a4", "slide", "letter"])
def test_bank_pages_keep_the_legibility_floor(fit: str) -> None:
    m = load_map(FLAGSHIP)
    opts = RenderOptions(exercise=True, exercise_kind="place", fit=fit)  # type: ignore[arg-type]
    sheet = make_worksheet(m, opts)
    layout = _pages(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options, fit)  # type: ignore[arg-type]
    assert layout is not None
    banks = [page for page in layout.pages if 'id="bank"' in page.svg]
    assert len(banks) >= 2
    for page in banks:
        assert layout.scale(page) >= layout.budget.scale * 0.999
    rows = sum(
        len(re.findall(r"<text[^>]*font-weight=\"bold\"[^>]*>\d+</text>", p.svg)) for p in banks
    )
    assert rows == len(m.nodes) - 1  # every statement but the thesis, once
    # Pages are filled: no bank page but the last holds under half the budget's height.
    assert all(page.height > layout.budget.height / 2 for page in banks[:-1])


ARROW_BOX = '<TD BORDER="1" COLOR="#424242" BGCOLOR="#ffffff" WIDTH="20" HEIGHT="20">'
GIVEN_BOX = '<TD BORDER="1" COLOR="#9e9e9e" BGCOLOR="#eeeeee" WIDTH="20" HEIGHT="20">'
"""A box with its sign printed: the drawing settles it (onto an arrow, from a linked box)."""


def label_pages(fit: str) -> list[tuple[str, str]]:
    """The flagship's label worksheet laid out on pages: each page's DOT and SVG."""
    m = load_map(FLAGSHIP)
    opts = RenderOptions(exercise=True, exercise_kind="label", fit=fit)  # type: ignore[arg-type]
    sheet = make_worksheet(m, opts)
    layout = _pages(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options, fit)  # type: ignore[arg-type]
    assert layout is not None and len(layout.pages) > 5
    return [(str(page.graph.source), page.svg) for page in layout.pages]


def _bezier(d: str) -> list[tuple[float, float]]:
    """Points along an SVG path of the engine's (``M x,y C x,y x,y x,y ...``)."""
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", d)]
    points = list(zip(numbers[::2], numbers[1::2], strict=True))
    out = [points[0]]
    for i in range(1, len(points) - 2, 3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points[i - 1 : i + 3]
        for step in range(1, 41):
            t = step / 40
            a, b, c, e = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            out.append((a * x0 + b * x1 + c * x2 + e * x3, a * y0 + b * y1 + c * y2 + e * y3))
    return out


def _boxed_arrows(
    dot: str, parents: dict[str, str], groups: dict[str, str | None]
) -> list[tuple[str, str]]:
    """The arrows with a worksheet box, as (the node it leaves, what it bears on).

    What it bears on is a node, or a linked group (by name) for an arrow to any of its
    members or to its junction; on a page, an arrow to a node drawn elsewhere meets a
    reference (``ref FROM TO``, written from it) or the breadcrumb (``"page trail":rN``: the
    node's parent).
    """
    out = []
    for line in dot.splitlines():
        if ARROW_BOX not in line and GIVEN_BOX not in line:
            continue
        tail, head = (part.strip().strip('"') for part in line.split(" [")[0].split(" -> "))
        if tail.startswith("ref "):  # ranked as a child's, written from the reference
            _, tail, head = tail.split(" ")
        elif head.split(":")[0].strip('"') == TRAIL:
            head = parents[tail]
        elif head.startswith("junction "):
            key = head.removeprefix("junction ").removeprefix("group ").removeprefix("trail ")
            # the link itself runs through its junction; an undercutter meets it there (a
            # breadcrumb row's link: "junction trail ROW")
            head = parents[tail] if key in (tail, groups[tail]) else key
        out.append((tail, groups.get(head) or head))
    return out


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_each_arrow_has_one_box_on_it_across_the_pages(fit: str) -> None:
    m = load_map(FLAGSHIP)
    sheet = make_worksheet(m, RenderOptions(exercise=True, exercise_kind="label"))
    parents = {n.id: n.parent or "" for n in sheet.exercise.nodes}
    drawn = export_dot(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options)
    groups = {n.id: n.group for n in sheet.exercise.nodes}
    whole = _boxed_arrows(str(drawn), parents, groups)
    pages = label_pages(fit)
    for dot, svg in pages:
        for line in dot.splitlines():
            for box in (ARROW_BOX, GIVEN_BOX):
                if box not in line:
                    continue  # a box on the arrow, not a label beside it
                # by the node the arrow leaves: a reference's arrow is written back to it
                label = "headlabel=" if line.strip().startswith('"ref ') else "taillabel="
                assert f"{label}<" in line and box in line.split(label)[1]
                assert not line.strip().startswith('"stub-'), line  # on the branch's page
        for edge in re.findall(
            r'<g id="edge\d+" class="edge arrow[^"]*">(.*?)</g>\n(?=<!--|</g>)', svg, re.S
        ):
            box = re.search(r'<polygon fill="#ffffff" stroke="none" points="([^"]+)"', edge)
            if box is None:
                continue
            corners = [tuple(map(float, p.split(","))) for p in box.group(1).split()]
            xs, ys = [x for x, _ in corners], [y for _, y in corners]
            [d] = re.findall(r'<path fill="none"[^>]* d="([^"]+)"', edge)[:1]
            inside = [
                (x, y)
                for x, y in _bezier(d)
                if min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys)
            ]
            assert inside, edge[:300]  # the arrow runs through its box
    # Every arrow is asked once, on the page drawing the node it leaves in full (a stub's
    # arrow, standing for a branch, has none); only members of a linked group that the
    # pages part get an arrow each, to the breadcrumb of their own pages.
    paged = Counter(arrow for dot, _ in pages for arrow in _boxed_arrows(dot, parents, groups))
    assert max(paged.values()) == 1
    assert set(whole) <= set(paged)
    for tail, head in set(paged) - set(whole):
        node = sheet.exercise.get(tail)
        assert node.group is not None and head == node.parent, (tail, head)


def test_a_label_sheet_gives_the_kinds_its_positions_say(tmp_path: Path) -> None:
    """The thesis and conclusions (``C1``, above their "so" arrow) keep their kinds."""
    opts = RenderOptions(exercise=True, exercise_kind="label")
    written = [t for _, t in render_files([FLAGSHIP], ["svg", "html"], tmp_path, opts)]
    [svg] = [p for p in written if p.name.endswith(".exercise.svg")]
    text = svg.read_text(encoding="utf-8")
    assert "C1 · CONCLUSION" in text and "C2 · CONCLUSION" in text
    assert "C1.1 · kind: ____" in text  # what bears on a conclusion is asked, as any other
    [page] = [p for p in written if p.name.endswith(".exercise.html")]
    outline = page.read_text(encoding="utf-8")
    assert 'data-kind="conclusion"' in outline and 'data-kind="objection"' not in outline


def test_the_worksheet_carries_no_answers_for_an_exporter_to_print() -> None:
    m = load_map(FLAGSHIP)
    sheet = make_worksheet(m, RenderOptions(exercise=True, exercise_kind="place"))
    given, key = sheet.exercise_options.sheet, sheet.answer_options.sheet
    assert given is not None and key is not None
    assert given.numbers == {} and len(key.numbers) == len(m) - 1
    assert given.bank == key.bank


def _drawn_boxes(svg: str) -> dict[str, tuple[float, float]]:
    """Each node's box in a page's SVG (the engine's points): id -> (width, height)."""
    boxes = {}
    parts = re.split(r"<title>([^<]*)</title>", svg)
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        shape = re.search(r'<(?:path[^>]* d|polygon[^>]* points)="([^"]*)"', body)
        if shape is None or "&#45;&gt;" in name or " " in name:
            continue
        numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", shape.group(1))]
        xs, ys = numbers[0::2], numbers[1::2]
        boxes[name] = (max(xs) - min(xs), max(ys) - min(ys))
    return boxes


@pytest.mark.parametrize("kind", ["place", "fill"])
def test_blank_boxes_are_planned_as_large_as_they_are_drawn(kind: str) -> None:
    """A blank's box was measured as the short placeholder the worksheet's map holds
    (131 points wide, drawn 193): the uniforms' place worksheet overflowed its page, was
    planned again with a third of its room, and took five A4 pages for ten statements
    (now one, as the fill worksheet: see :mod:`~argmap.exporters.diagram.wholepage`)."""
    from argmap.exporters.diagram.engine import find_engine
    from argmap.exporters.diagram.fitting import lay_out
    from argmap.exporters.diagram.measure import page_measure, page_options, sheet_box
    from argmap.exporters.diagram.pagesize import PAGE_SIZES, page_budget

    m = load_map(MAPS / "school-uniforms.yaml")
    sheet = make_worksheet(m, RenderOptions(exercise=True, exercise_kind=kind, fit="a4"))
    ex, options = sheet.exercise, sheet.exercise_options
    layout = lay_out(ex, analyze(ex), options, "a4", find_engine("auto"))
    assert len(layout.pages) == 1, "the bank aside"
    measure = page_measure(ex, page_options(options, page_budget(PAGE_SIZES["a4"])))
    checked = 0
    for page in layout.pages:
        for node_id, (width, height) in _drawn_boxes(page.svg).items():
            node = ex.get(node_id) if node_id in {n.id for n in ex.walk()} else None
            if node is None or options.sheet is None:
                continue
            if sheet_box(node, node.kind, options.sheet) is None:
                continue  # the thesis: its statement shows
            planned = measure(node)
            assert width <= planned[0] <= 1.15 * width, (node_id, planned, width)
            assert height <= planned[1] + 1 and planned[1] <= 1.25 * height, (node_id, height)
            checked += 1
    assert checked >= 8


def test_bank_pages_share_the_diagrams_text_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """A diagram on one slide, its bank on another: the bank's page was enlarged to fill its
    slide (1.49 times the floor beside the diagram's 0.93 of its own size); the two pages
    of the sheet are shown at one scale, as a deck's pages are. (The bank now goes on the
    diagram's slide, which has room for it: here it is kept off, to have a page of its own.)"""
    monkeypatch.setattr("argmap.exporters.diagram.bankpages.bank_start", lambda *_: None)
    m = load_map(
        MAPS.parent / "tests" / "cases" / "pagefloor" / "conclusions-drawn-from-a-conclusion.yaml"
    )
    opts = RenderOptions(exercise=True, exercise_kind="place", fit="slide")
    sheet = make_worksheet(m, opts)
    layout = _pages(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options, "slide")
    assert layout is not None
    banks = [page for page in layout.pages if 'id="bank"' in page.svg]
    assert banks and len(banks) < len(layout.pages)
    assert max(map(layout.scale, layout.pages)) <= layout.deck
    assert (
        layout.scale(banks[-1])
        <= max(layout.scale(p) for p in layout.pages if p not in banks) + 1e-9
    )


@pytest.mark.parametrize("kind", ["fill", "place"])
def test_stubs_breadcrumbs_and_references_name_a_blank_by_its_position(
    tmp_path: Path, kind: str
) -> None:
    """They printed the blank's filler ("1.1 No. ________"), as if each asked for an answer."""
    opts = RenderOptions(exercise=True, exercise_kind=kind, fit="a4")  # type: ignore[arg-type]
    written = [t for _, t in render_files([FLAGSHIP], ["pdf"], tmp_path, opts)]
    [pdf] = [p for p in written if ".exercise" in p.name]
    text = "\n".join(pdf_pages(pdf))
    assert "__" not in text and "No." not in text
    assert re.search(r"^ *REASON: 1\.1$", text, re.M)  # a breadcrumb row: the position only
    assert re.search(r"^1\.1$", text, re.M) and re.search(r"\+44 more, p\. \d+$", text, re.M)


def test_an_upright_pages_bank_wraps_to_the_page_and_fills_it() -> None:
    """Wrapped at 90 characters, the bank was wider than an upright A4 page holds at the
    floor: each page was cut down to one statement (the flagship: 62 bank pages)."""
    m = load_map(FLAGSHIP)
    opts = RenderOptions(exercise=True, exercise_kind="place", fit="a4", portrait=True)
    sheet = make_worksheet(m, opts)
    layout = _pages(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options, "a4")
    assert layout is not None
    bank = [page for page in layout.pages if not page.plan.home]
    assert 0 < len(bank) <= 6  # 62 statements
    for page in bank:
        assert layout.budget.holds(page.width, page.height)
        assert page.height > layout.budget.height / 2 or page is bank[-1]


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_the_keys_bank_heading_names_what_the_key_holds(tmp_path: Path, fit: str) -> None:
    """The key's last diagram page showed "STATEMENT BANK (1 of 3)" as the sheet's does,
    but the key has no parts 2 and 3 (its later pages are the answers by position): it
    names the statements it holds of the bank, ``STATEMENT BANK (nos. 1–10 of 62)``."""
    opts = RenderOptions(exercise=True, exercise_kind="place", fit=fit)  # type: ignore[arg-type]
    written = [t for _, t in render_files([FLAGSHIP], ["pdf"], tmp_path, opts)]
    [sheet] = [pdf_pages(p) for p in written if ".exercise" in p.name]
    [key] = [pdf_pages(p) for p in written if ".answers" in p.name]
    parts = [re.search(r"STATEMENT BANK \((\d+) of (\d+)\)", page) for page in sheet]
    found = [(int(m[1]), int(m[2])) for m in parts if m is not None]
    assert found == [(n, len(found)) for n in range(1, len(found) + 1)] and len(found) > 1
    begun = next(i for i, m in enumerate(parts) if m is not None)
    resumed = min(int(n) for n in re.findall(r"^(\d+) \S", sheet[begun + 1], re.M))
    assert not re.search(r"STATEMENT BANK \(\d+ of", "\f".join(key))
    assert f"STATEMENT BANK (nos. 1–{resumed - 1} of 62)" in key[begun]
    assert not any("STATEMENT BANK" in page for i, page in enumerate(key) if i != begun)
    assert "ANSWERS BY POSITION" in key[begun + 1]
