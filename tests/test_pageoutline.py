"""A paged diagram's outline: the PDF's bookmarks and the HTML page's list of pages."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from argmap.analysis.standing import analyze
from argmap.cli import main
from argmap.exporters.diagram.formats import _pages, render_pdf
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import Relation
from argmap.options import DEFAULT_FITS, RenderOptions
from tests.conftest import MAPS
from tests.poppler import pdf_tool

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"


def _outline(pdf: bytes, tmp_path: Path) -> list[dict[str, Any]]:
    """The file's outline as qpdf reads it (after it checks the file)."""
    path = tmp_path / "map.pdf"
    path.write_bytes(pdf)
    qpdf = pdf_tool("qpdf", "qpdf")
    check = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    done = subprocess.run(
        [qpdf, "--json", "--json-key=outlines", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    outlines: list[dict[str, Any]] = json.loads(done.stdout)["outlines"]
    return outlines


def _flat(items: list[dict[str, Any]], parent: int = 0) -> list[tuple[str, int, int]]:
    """Each entry as (title, its page, the page of the entry it is nested under)."""
    out: list[tuple[str, int, int]] = []
    todo = [(item, parent) for item in reversed(items)]
    while todo:
        item, up = todo.pop()
        page = item["destpageposfrom1"]
        out.append((item["title"], page, up))
        todo += [(kid, page) for kid in reversed(item["kids"])]
    return out


@pytest.mark.parametrize(("fit", "portrait"), [("a4", False), ("a4", True), ("slide", False)])
def test_every_page_has_a_bookmark_nested_under_the_page_of_its_tops_parent(
    fit: str, portrait: bool, tmp_path: Path
) -> None:
    """A debater with a 16-page PDF finds a branch by its statement in the viewer's
    sidebar, each page under the page its stub is on, as the map's tree goes."""
    m = load_map(FLAGSHIP)
    options = RenderOptions(fit=fit, portrait=portrait)  # type: ignore[arg-type]
    layout = _pages(m, analyze(m), options, "a4")
    assert layout is not None
    pages = [laid.plan.page for laid in layout.pages]
    home = {node: page.number for page in pages for node in page.nodes}
    entries = _flat(_outline(render_pdf(m, analyze(m), options), tmp_path))
    assert sorted({page for _, page, _ in entries}) == list(range(1, len(pages) + 1))
    for number, page in enumerate(pages, 1):
        listed = [(title, parent) for title, at, parent in entries if at == number]
        if not page.tops:  # the key alone
            assert listed == [(f"{number} · Key", 0)]
            continue
        first = min(page.tops, key=page.nodes.index)  # the first drawn, in document order
        top = m.get(first)
        assert all(title.startswith(f"{number} · ") for title, _ in listed)
        assert top.text.split()[0] in listed[0][0]
        led = [home.get(m.get(t).parent or "", 0) for t in (first, *page.tops)]
        parents = [n for n in dict.fromkeys(led) if 0 < n < number] or [0]
        assert sorted(parent for _, parent in listed) == sorted(parents)
    assert entries[0][0].startswith("1 · THESIS: Russia's calculus")


def test_a_page_going_on_from_several_is_listed_under_each_named_as_drawn(
    tmp_path: Path,
) -> None:
    """The flagship's slide 13 goes on from the Sina branch (p. 12) and the Lavrov twins
    (p. 9): it is listed under both, named by what it draws first (the Sina evidence, at
    its left); slide 10 draws the Lavrov reason (p. 8) before the write-off's undercutter
    (p. 6). The HTML page's list names each page once, with the pages it continues."""
    m = load_map(FLAGSHIP)
    entries = _flat(_outline(render_pdf(m, analyze(m), RenderOptions(fit="slide")), tmp_path))
    under = {page: sorted(up for _, at, up in entries if at == page) for _, page, _ in entries}
    assert under[13] == [9, 12] and under[10] == [6, 8]
    titles = {page: title for title, page, _ in entries}
    assert titles[13].startswith("13 · EVIDENCE: On April 27 the Chinese publication Sina")
    assert titles[10].startswith("10 · REASON: Russia's line, which Lavrov reiterated")
    assert sum(page == 13 for _, page, _ in entries) == 2  # no more entries than parents
    out = tmp_path / "map.html"
    result = CliRunner().invoke(
        main, ["render", str(FLAGSHIP), "-f", "html", "--fit", "slide", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    options = re.findall(r'<option value="(\d+)">([^<]*)</option>', out.read_text("utf-8"))
    assert [int(value) for value, _ in options] == list(range(1, len(options) + 1))
    assert options[12][1].endswith("(and 3 more) · continues p. 9 and p. 12")
    assert options[9][1].endswith(" · continues p. 6 and p. 8")


def test_a_page_drawn_from_an_undercutter_is_named_as_its_box_is(tmp_path: Path) -> None:
    """A page that starts with an objection to a link is named ``UNDERCUTS THE LINK``, as
    its box's header says (it was named ``OBJECTION``)."""
    m = load_map(FLAGSHIP)
    layout = _pages(m, analyze(m), RenderOptions(fit="a4"), "a4")
    assert layout is not None
    cut = [
        laid.plan.page.number
        for laid in layout.pages
        if laid.plan.page.tops
        and m.get(min(laid.plan.page.tops, key=laid.plan.page.nodes.index)).relation
        is Relation.UNDERCUTS
    ]
    assert cut
    entries = _flat(_outline(render_pdf(m, analyze(m), RenderOptions(fit="a4")), tmp_path))
    for title, page, _ in entries:
        if page in cut:
            assert title.startswith(f"{page} · UNDERCUTS THE LINK: ")
        assert "OBJECTION: " not in title or page not in cut


def test_bookmark_titles_keep_any_text_as_written(tmp_path: Path) -> None:
    """Brackets, backslashes and other scripts in a statement come out as written."""
    texts = ["Brackets (a) and \\ back\\slash", "مرحبا بالعالم", "북한 🙂 Россия «игра»"]
    turned = "Turned \u202eround\u202c here"  # its override would turn the title round
    reasons = [
        {"text": text, "evidence": [{"text": f"Evidence {i}.{j} for it."} for j in range(9)]}
        for i, text in enumerate([*texts, turned])
    ]
    m = validate_data({"title": "T", "thesis": {"text": "Odd text (1)", "premises": reasons}})
    options = RenderOptions(fit="slide")
    layout = _pages(m, analyze(m), options, "slide")
    assert layout is not None
    labels = {"thesis": "THESIS", "premise": "REASON", "evidence": "EVIDENCE"}
    expected = []
    for laid in layout.pages:
        page = laid.plan.page
        top = m.get(page.tops[0])
        more = f" (and {len(page.tops) - 1} more)" if len(page.tops) > 1 else ""
        text = top.text.replace("\u202e", "").replace("\u202c", "")
        expected.append(f"{page.number} · {labels[top.kind.value]}: {text}{more}")
    entries = _flat(_outline(render_pdf(m, analyze(m), options), tmp_path))
    assert sorted(title for title, _, _ in entries) == sorted(expected)
    # Two reasons, each with its evidence, share a slide (three slides; four before rows
    # could follow whole branches): its title names the first of them.
    assert sum(any(text in title for text in texts) for title in expected) >= 1
    assert any(title.endswith("REASON: Turned round here") for title in expected)


def test_a_worksheet_or_a_single_page_has_no_bookmarks(tmp_path: Path) -> None:
    """A worksheet's bookmarks would name the kinds and statements it hides."""
    out = tmp_path / "sheet.pdf"
    result = CliRunner().invoke(
        main, ["render", str(FLAGSHIP), "-f", "pdf", "--exercise", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert _outline((tmp_path / "sheet.exercise.pdf").read_bytes(), tmp_path) == []
    small = validate_data({"title": "T", "thesis": {"text": "One claim."}})
    assert _outline(render_pdf(small, analyze(small)), tmp_path) == []


def test_the_html_page_lists_its_pages_but_a_worksheets_does_not(tmp_path: Path) -> None:
    """The list of pages names each as the PDF's bookmarks do, indented as they nest; a
    worksheet's page has none (its diagram still pages)."""
    out = tmp_path / "map.html"
    for extra in ([], ["--exercise"]):
        result = CliRunner().invoke(
            main, ["render", str(FLAGSHIP), "-f", "html", *extra, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    m = load_map(FLAGSHIP)
    layout = _pages(m, analyze(m), RenderOptions(), DEFAULT_FITS["html"])  # the page's own
    assert layout is not None
    options = re.findall(r'<option value="(\d+)">([^<]*)</option>', page)
    assert [int(value) for value, _ in options] == list(range(1, len(layout.pages) + 1))
    assert options[0][1] == "1 · THESIS: Russia&#39;s calculus in North Korea is driven by " + (
        "anti-Americanism, pure and simple."
    )
    sheet = (tmp_path / "map.exercise.html").read_text(encoding="utf-8")
    assert 'id="page-status"' in sheet and 'id="page-jump"' not in sheet
