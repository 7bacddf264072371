"""An answer key is drawn on its worksheet's pages: page for page, box for box, stub for stub."""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exercise import make_worksheet
from argmap.exporters.diagram.fitting import Layout
from argmap.exporters.diagram.formats import _pages
from argmap.load.dump import dump_yaml
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS

ROOT = Path(__file__).resolve().parent.parent
FITS = [("a4", False), ("slide", False), ("a4", True)]
KINDS = ["fill", "place", "label"]
STUB = re.compile(r'^\t"(stub [^"]*)" \[label=<(.*?)> URL', re.MULTILINE)


@cache
def the_map(name: str) -> ArgumentMap:
    """A map by name: one of the repository's, or a generated one (``generated-120``)."""
    if name.startswith("generated-"):
        sys.path.insert(0, str(ROOT))
        from benchmarks.bench_render import generate

        path = Path(__file__).parent / "_outputs" / f"{name}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(dump_yaml(generate(int(name.split("-")[1]))), encoding="utf-8")
        return load_map(path)
    return load_map(MAPS / name)


def layouts(name: str, kind: str, fit: str, portrait: bool) -> tuple[Layout, Layout]:
    """The worksheet's and the key's pages."""
    opts = RenderOptions(exercise=True, exercise_kind=kind, fit=fit, portrait=portrait)  # type: ignore[arg-type]
    sheet = make_worksheet(the_map(name), opts)
    made = []
    for m, options in (
        (sheet.exercise, sheet.exercise_options),
        (sheet.answers, sheet.answer_options),
    ):
        layout = _pages(m, analyze(m), options, "a4")
        assert layout is not None
        made.append(layout)
    return made[0], made[1]


def diagram(layout: Layout) -> list:
    """The diagram's pages (not the bank's, nor the key's list of answers)."""
    return [page for page in layout.pages if page.plan.home]


@pytest.mark.parametrize(
    "name", ["school-uniforms.yaml", "russias-game-in-north-korea.yaml", "generated-120"]
)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("fit", "portrait"), FITS)
def test_the_key_is_drawn_on_the_worksheets_pages(
    name: str, kind: str, fit: str, portrait: bool
) -> None:
    sheet, key = layouts(name, kind, fit, portrait)
    pages, keys = diagram(sheet), diagram(key)
    assert len(keys) == len(pages) >= 1
    for page, keyed in zip(pages, keys, strict=True):
        assert keyed.plan.page == page.plan.page  # the same nodes, tops, stubs and breadcrumb
        assert keyed.plan.home == page.plan.home
        # Each stub names its boxes as the worksheet's does (by position, where blanked).
        stubs = STUB.findall(page.graph.source)
        assert STUB.findall(keyed.graph.source) == stubs
        if kind != "label":
            for stub in page.plan.page.stubs:  # (a grouped one counts its boxes by kind)
                assert stub.grouped or all(
                    top in dict(stubs)[f"stub {stub.tops[0]}"] for top in stub.tops[:1]
                )
        # The same boxes: the key's drawing is the worksheet's size (its heading, "Answer
        # key", a few points wider), shown at the worksheet's scale. A reference box the
        # engine draws wider on the key (the flagship's label slide 7 after the key's page
        # marks moved its plan: 17 pt, "linked from p. 11, 15") may make it up to 2% wider.
        assert keyed.height == page.height
        assert page.width <= keyed.width <= max(page.width + 6, page.width * 1.02)
        assert key.scale(keyed) == pytest.approx(sheet.scale(page), rel=0.02)
    # Every printed page is counted, the key's list of answers with the diagram's.
    assert {page.plan.total for page in key.pages} == {len(key.pages)}


@pytest.mark.parametrize("kind", KINDS)
def test_a_large_generated_maps_key_matches_its_worksheet(kind: str) -> None:
    sheet, key = layouts("generated-400", kind, "a4", False)
    assert [p.plan.page for p in diagram(key)] == [p.plan.page for p in diagram(sheet)]


def test_a_place_key_writes_bank_numbers_in_the_boxes_and_lists_the_statements() -> None:
    m = the_map("school-uniforms.yaml")
    opts = RenderOptions(exercise=True, exercise_kind="place", fit="a4")
    sheet = make_worksheet(m, opts)
    key = _pages(sheet.answers, analyze(sheet.answers), sheet.answer_options, "a4")
    assert key is not None and sheet.answer_options.sheet is not None
    numbers = sheet.answer_options.sheet.numbers
    svgs = "".join(page.svg for page in diagram(key))
    for number in numbers.values():
        assert f">{number}</text>" in svgs
    listed = "".join(page.svg for page in key.pages if not page.plan.home)
    assert "ANSWERS BY POSITION" in listed
    for position, number in numbers.items():
        assert f"{position} · no. {number}" in listed
    # The boxes hold numbers, not statements: no statement is in the diagram's pages.
    for node in sheet.answers.nodes:
        if node.id in numbers:
            assert node.text[:30] not in svgs


def test_a_fill_key_writes_each_statement_on_its_lines() -> None:
    m = the_map("school-uniforms.yaml")
    opts = RenderOptions(exercise=True, exercise_kind="fill", fit="a4")
    sheet = make_worksheet(m, opts)
    key = _pages(sheet.answers, analyze(sheet.answers), sheet.answer_options, "a4")
    assert key is not None
    source = "".join(page.graph.source for page in key.pages)
    for node in sheet.answers.nodes[1:]:
        first = node.text.split()[0]
        assert "<I><FONT FACE" in source and first in source


def test_the_html_keys_diagram_is_the_worksheets_pages(tmp_path: Path) -> None:
    """The HTML page's table gives every statement, so its diagram lists none after it."""
    from argmap.pipeline import render_files

    opts = RenderOptions(exercise=True, exercise_kind="place")
    written = [
        t
        for _, t in render_files(
            [MAPS / "russias-game-in-north-korea.yaml"], ["html"], tmp_path, opts
        )
    ]
    pages = {}
    for path in written:
        text = path.read_text(encoding="utf-8")
        pages[".answers" in path.name] = re.findall(r"page \d+ of \d+", text)
        assert "ANSWERS BY POSITION" not in text
    assert pages[True] == pages[False] and len(pages[True]) > 1
