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
from argmap.options import RenderOptions
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
    assert sorted(page for _, page, _ in entries) == list(range(1, len(pages) + 1))
    for title, number, parent in entries:
        page = pages[number - 1]
        assert title.startswith(f"{number} · ")
        if not page.tops:  # the key alone
            assert title == f"{number} · Key" and parent == 0
            continue
        top = m.get(page.tops[0])
        assert top.text.split()[0] in title
        assert parent == (home[top.parent] if top.parent else 0)
    assert entries[0][0].startswith("1 · THESIS: Russia's calculus")


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
    layout = _pages(m, analyze(m), RenderOptions(), "a4")
    assert layout is not None
    options = re.findall(r'<option value="(\d+)">([^<]*)</option>', page)
    assert [int(value) for value, _ in options] == list(range(1, len(layout.pages) + 1))
    assert options[0][1] == "1 · THESIS: Russia&#39;s calculus in North Korea is driven by " + (
        "anti-Americanism, pure and simple."
    )
    sheet = (tmp_path / "map.exercise.html").read_text(encoding="utf-8")
    assert 'id="page-status"' in sheet and 'id="page-jump"' not in sheet
