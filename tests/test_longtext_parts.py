"""Statements and quotes no page holds: every word drawn, each part's page placed in the map."""

from __future__ import annotations

import html
import json
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.exporters.diagram.fitting import LaidPage, Layout
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from tests.poppler import poppler
from tests.test_longtext import SENTENCES
from tests.test_pagefloor import _below_floor, _laid

MARKS = re.compile(r"\((?:continues on|continued from) p\. \d+\)")


def _tagged(tag: str, chars: int) -> str:
    """A statement of ``chars`` characters whose sentences are numbered ``tag1)``, ``tag2)``..."""
    text, number = "", 0
    while len(text) < chars:
        number += 1
        text += f"{tag}{number}) {SENTENCES['latin']}"
    return text[: chars - 1].rstrip() + "."


def _tags(text: str, tag: str) -> set[str]:
    return set(re.findall(rf"\b{tag}\d+\)", text))


@cache
def _long_map() -> ArgumentMap:
    """Long words in several places: a reason, a leaf objection, a leaf evidence's quote."""
    return validate_data(
        {
            "title": "Long",
            "thesis": {
                "id": "t",
                "text": "School uniforms should be required.",
                "premises": [
                    {
                        "id": "p",
                        "text": _tagged("P", 13_889),
                        "objections": [{"id": "o", "text": _tagged("O", 8_000)}],
                        "evidence": [
                            {"id": "e", "text": "A survey.", "quote": _tagged("Q", 12_000)}
                        ],
                    },
                    {"id": "q", "text": "Uniforms are cheaper."},
                ],
            },
        }
    )


@cache
def _layout(fit: str, portrait: bool) -> Layout:
    return _laid(_long_map(), fit, portrait)


def _squash(text: str) -> str:
    return "".join(text.split())


def _label(page: LaidPage, node_id: str) -> str:
    """The words of a node's box on a page (tags gone), or '' if the page has none."""
    source = page.graph.source
    label = re.search(rf'^\s*"?{node_id}"? \[label=<(.*?)>\s', source, re.M | re.S)
    return "" if label is None else html.unescape(re.sub(r"<[^>]*>", " ", label.group(1)))


def _parts(layout: Layout, node_id: str) -> list[LaidPage]:
    """The page drawing a node, then the pages continuing its statement or quote."""
    return [
        page
        for page in layout.pages
        if node_id in page.plan.page.nodes
        or (not page.plan.page.nodes and page.plan.page.tops == (node_id,))
    ]


FITS = [("slide", False), ("a4", True)]


@pytest.mark.parametrize(("fit", "portrait"), FITS)
def test_a_quote_no_page_holds_goes_on_whole_after_its_statement(fit: str, portrait: bool) -> None:
    """12,000 characters of a quote were cut after what the evidence's page held, ending
    "(cut: ...; full text in the HTML page's outline)": the handout lost the rest."""
    layout = _layout(fit, portrait)
    assert _below_floor(layout) == []
    pages = _parts(layout, "e")
    assert len(pages) > 1
    numbers = [page.plan.page.number for page in pages]
    assert numbers == list(range(numbers[0], numbers[0] + len(pages))), "right after its page"
    heads = [
        re.split(r"\(continued from p\. \d+\)", _label(page, "e"), maxsplit=1)
        for page in pages[1:]
    ]
    assert all(_squash(head) == "EVIDENCE" for head, _ in heads), "a box of its kind"
    words = " ".join([_label(pages[0], "e"), *(rest for _, rest in heads)])
    assert "(cut:" not in words and "…" not in words
    quote = _long_map().get("e").quote
    assert quote is not None
    assert _squash(f"“{quote}”") in _squash(MARKS.sub(" ", words))
    assert _squash(words).startswith("EVIDENCEAsurvey.“Q1)")


@pytest.mark.parametrize(("fit", "portrait"), FITS)
def test_a_page_continuing_a_statement_has_the_breadcrumb_of_its_branch(
    fit: str, portrait: bool
) -> None:
    """A reader landing on such a page saw one box and nowhere it belonged."""
    layout = _layout(fit, portrait)
    home = {n: page.plan.page.number for page in layout.pages for n in page.plan.page.nodes}
    trails = {"p": ("t",), "o": ("t", "p"), "e": ("t", "p")}
    for node_id, trail in trails.items():
        for page in _parts(layout, node_id)[1:]:
            assert page.plan.page.trail == trail
            svg = page.svg
            for ancestor in trail:  # each row links to the page drawing it
                assert f'href="#page-{home[ancestor]}"' in svg
            assert 'id="trail"' in svg
            assert page.height <= layout.budget.height + 0.5
            assert page.width <= layout.budget.width + 0.5


@pytest.mark.parametrize(("fit", "portrait"), FITS)
def test_a_stub_of_a_statement_drawn_over_pages_names_them_all(fit: str, portrait: bool) -> None:
    """It said "p. 2", as if the statement were drawn there alone."""
    layout = _layout(fit, portrait)
    spans = {}
    for node_id in ("p", "o", "e"):
        numbers = [page.plan.page.number for page in _parts(layout, node_id)]
        spans[node_id] = f"pp. {numbers[0]}–{numbers[-1]}"
    stubs = [
        (stub, page)
        for page in layout.pages
        for stub in page.plan.page.stubs
        if stub.single and stub.tops[0] in spans
    ]
    assert stubs
    for stub, page in stubs:
        said = _squash(html.unescape(page.svg))
        assert _squash(spans[stub.tops[0]]) in said
        assert f'href="#page-{spans[stub.tops[0]][4:].split("–")[0]}"' in page.svg


def _render(tmp_path: Path, m: ArgumentMap, *args: str) -> Path:
    source = tmp_path / "long.json"
    source.write_text(json.dumps(m.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


def _pdf_words(path: Path) -> str:
    done = subprocess.run([poppler("pdftotext"), str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("kind", ["label", "fill"])
def test_worksheets_lose_no_words_of_a_statement_no_page_holds(tmp_path: Path, kind: str) -> None:
    """A label worksheet (and its key) cut its long statements, and every worksheet the
    quotes it keeps (``--keep quotes``): they now go on over pages as on the map's."""
    m = _long_map()
    out = _render(
        tmp_path, m, "-f", "pdf", "--fit", "slide", "--exercise", kind, "--keep", "quotes"
    )
    for name in ("long.exercise.pdf", "long.answers.pdf"):
        words = _pdf_words(out / name)
        assert "(cut:" not in words, name
        assert _tags(words, "Q") == _tags(m.get("e").quote or "", "Q"), name
        if kind == "label":  # (a fill worksheet blanks them; its key lists them)
            for node_id, tag in (("p", "P"), ("o", "O")):
                assert _tags(words, tag) == _tags(m.get(node_id).text, tag), name


def test_statements_long_but_held_reserve_no_wider_page_numbers() -> None:
    """Every statement over 600 characters counted as pages to come (one of 700: two),
    so nine nodes' stubs were drawn for two-digit page numbers where one fits."""
    pages = []
    for chars in (500, 700):
        m = validate_data(
            {
                "title": "Digits",
                "thesis": {
                    "id": "t",
                    "text": "School uniforms should be required.",
                    "premises": [
                        {
                            "id": f"p{i}",
                            "text": f"Reason {i}: uniforms help.",
                            "evidence": [{"id": f"e{i}", "text": _tagged(f"E{i}x", chars)}],
                        }
                        for i in range(4)
                    ],
                },
            }
        )
        layout = _laid(m, "a4", True)
        assert len(layout.pages) < 10 and layout.pages[0].plan.page.stubs
        pages.append(re.findall(r' (?:points|d|x|y)="([^"]+)"', layout.pages[0].svg))
    assert pages[0] == pages[1], "page 1's boxes, as if the evidence were shorter"
