"""Long statements and quotes drawn in full on their pages, at the floor; cut only visibly."""

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
from argmap.exporters.diagram.fitting import Layout
from argmap.exporters.diagram.labels import WRAPS, wrap
from argmap.exporters.diagram.longtext import LONG_CHARS, QUOTE_CHARS, text_rows
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from tests.poppler import poppler
from tests.test_pagefloor import _below_floor, _laid

SENTENCES = {
    "latin": "Students who wear uniforms spend less time each morning choosing clothes, "
    "and the money families save goes to books, trips and food. ",
    "arabic": "يرى المؤيدون أن الزي المدرسي الموحد يقلل الفوارق بين الطلاب ويوفر المال على "
    "الأسر، بينما يرى المعارضون أنه يحد من حرية التعبير. ",
    "cjk": "支持者认为统一的校服可以减少学生之间的差异并为家庭节省开支，"
    "而反对者则认为它限制了个人表达的自由。",
}


def _statement(script: str, chars: int) -> str:
    """A statement of ``chars`` characters, numbered sentence by sentence (none repeats)."""
    text, number = "", 0
    while len(text) < chars:
        number += 1
        text += f"{number}) {SENTENCES[script]}"
    return text[: chars - 1].rstrip() + "."


def _map(statement: str, quote: str = "A short quote.") -> ArgumentMap:
    return validate_data(
        {
            "title": "Long",
            "thesis": {
                "id": "t",
                "text": "School uniforms should be required.",
                "premises": [
                    {
                        "id": "p",
                        "text": statement,
                        "objections": [{"id": "o", "text": "Not what the surveys show."}],
                        "evidence": [{"id": "e", "text": "A survey.", "quote": quote}],
                    },
                    {"id": "q", "text": "Uniforms are cheaper."},
                ],
            },
        }
    )


def _squash(text: str) -> str:
    return "".join(text.split())


def _parts(layout: Layout, node_id: str, number: int) -> str:
    """A statement as its page and the pages continuing it draw it, their links checked."""
    words = _drawn(layout, node_id)[1]
    parts = [_squash(words.split("(continues on p.")[0]).removeprefix("REASON")]
    while f"(continues on p. {number + 1})" in words:
        number += 1
        page = layout.pages[number - 1]
        assert page.plan.page.number == number and not page.plan.page.nodes
        label = re.search(r"\[label=<(.*?)>\s", page.graph.source, re.S)
        assert label is not None, "a box of the same kind, continuing the statement"
        words = html.unescape(re.sub(r"<[^>]*>", " ", label.group(1)))
        head, _, words = words.partition(f"(continued from p. {number - 1})")
        assert _squash(head) == "REASON"
        parts.append(words.split("(continues on p.")[0])
    return " ".join(parts)


def _drawn(layout: Layout, node_id: str) -> tuple[int, str]:
    """The page drawing a node in full and the words of its label there (tags gone)."""
    homes = [page for page in layout.pages if node_id in page.plan.page.nodes]
    assert len(homes) == 1, "drawn in full on exactly one page"
    source = homes[0].graph.source
    label = re.search(rf'^\s*"?{node_id}"? \[label=<(.*?)>\s', source, re.M | re.S)
    assert label is not None
    text = html.unescape(re.sub(r"<[^>]*>", " ", label.group(1)))
    return homes[0].plan.page.number, text


@cache
def _layout(script: str, chars: int, fit: str, portrait: bool) -> tuple[ArgumentMap, Layout]:
    m = _map(_statement(script, chars))
    return m, _laid(m, fit, portrait)


CONTINUED = {
    ("latin", 4000, "a4"),
    ("arabic", 4000, "a4"),
    ("cjk", 1500, "a4"),
    ("cjk", 4000, "a4"),
    ("cjk", 4000, "slide"),
}
"""What a page cannot hold at its floor even alone: an upright A4 page 4,000 letters or
1,500 CJK characters (each twice as wide as a letter), a slide 4,000 CJK characters."""


@pytest.mark.parametrize("chars", [700, 1500, 4000])
@pytest.mark.parametrize("script", ["latin", "arabic", "cjk"])
@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", True)])
def test_a_long_statement_is_drawn_in_full_on_its_page_at_the_floor(
    script: str, chars: int, fit: str, portrait: bool
) -> None:
    m, layout = _layout(script, chars, fit, portrait)
    assert _below_floor(layout) == []
    statement = m.get("p").text
    number, words = _drawn(layout, "p")
    if (script, chars, fit) not in CONTINUED:
        assert _squash(statement) in _squash(words)
        assert "…" not in words and "(cut:" not in words and "(continues" not in words
        return
    # Continued, once the page is full, on the pages right after it: nothing lost.
    page = layout.pages[number - 1]
    assert page.height > 0.85 * layout.budget.height, "continued only once the page is full"
    assert _squash(_parts(layout, "p", number)) == _squash(statement)


@pytest.mark.parametrize(
    ("word", "fit"),
    [("A" * 3000, "a4"), ("W" * 300, "slide"), ("m" * 500, "slide"), ("MW" * 40, "slide")],
    ids=["A-a4", "W-slide", "m-slide", "MW-slide"],
)
def test_a_word_of_wide_letters_is_cut_to_the_page_at_its_floor(word: str, fit: str) -> None:
    """Upright, a word of letters the engine counts wider than Noto draws them (``A``,
    ``W``) is cut into lines as wide as the engine makes its box: every page at its floor.

    Its box came out wider than the page (3% on A4, 6.5% on a slide below the floor): the
    lines were fitted to their Noto width, and one of usual length was not fitted at all.
    """
    layout = _laid(_map(word), fit, True)
    assert _below_floor(layout) == []
    drawn = _squash(_parts(layout, "p", _drawn(layout, "p")[0])).replace("-", "")
    assert drawn == word, "drawn whole, cut only with hyphens"


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", True)])
def test_a_long_quote_is_drawn_in_full_beside_its_statement(fit: str, portrait: bool) -> None:
    """A teacher hands out the quote: one of 600 characters is drawn whole, at the floor."""
    quote = _statement("latin", 600)
    m = _map(_statement("latin", 700), quote)
    layout = _laid(m, fit, portrait)
    assert _below_floor(layout) == []
    _, words = _drawn(layout, "e")
    assert _squash(quote) in _squash(words) and "…" not in words


@pytest.mark.parametrize(("fit", "portrait"), [("a4", True), ("a3", True), ("letter", True)])
def test_two_long_siblings_go_on_pages_of_their_own(fit: str, portrait: bool) -> None:
    """Left to right, siblings stack in one column: two boxes each near a page's height
    were once laid out on one page (and shown at 0.6 of the floor), as a page of two nodes
    was taken to be as small as it gets. (On upright Letter the two share page 2 at the
    floor, where they fit, since page 1 keeps the key: they must not share one below it.)"""
    m = validate_data(
        {
            "title": "Two",
            "thesis": {
                "id": "t",
                "text": "Thesis.",
                "premises": [
                    {
                        "id": "p",
                        "text": "A reason.",
                        "objections": [{"id": "o", "text": _statement("latin", 1500)}],
                        "evidence": [{"id": "e", "text": _statement("cjk", 1500)}],
                    }
                ],
            },
        }
    )
    layout = _laid(m, fit, portrait, "LR")
    assert _below_floor(layout) == []
    shared = [p for p in layout.pages if {"o", "e"} <= set(p.plan.page.nodes)]
    assert not shared or (fit == "letter" and len(layout.pages) == 2), shared


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", True)])
def test_a_long_thesis_is_drawn_whole_at_the_statements_size(fit: str, portrait: bool) -> None:
    """At 16 points, 1,500 letters of a thesis would not fit an upright A4 page."""
    thesis = _statement("latin", 1500)
    m = validate_data(
        {
            "title": "Long thesis",
            "thesis": {"id": "t", "text": thesis, "premises": [{"id": "p", "text": "A reason."}]},
        }
    )
    layout = _laid(m, fit, portrait)
    assert _below_floor(layout) == []
    _, words = _drawn(layout, "t")
    assert _squash(thesis) in _squash(words)
    page = next(page for page in layout.pages if "t" in page.plan.page.nodes)
    assert 'POINT-SIZE="13"><B>' in page.graph.source


def test_statements_and_quotes_of_usual_length_wrap_as_they_always_did() -> None:
    text, quote = _statement("latin", LONG_CHARS), _statement("latin", QUOTE_CHARS - 1)
    for room in (None, (100.0, 100.0)):  # however small the page
        rows = text_rows(text, quote, (WRAPS.text, WRAPS.quote), 13.0, room)
        assert list(rows.text) == wrap(text, WRAPS.text)
        assert list(rows.quote) == wrap(f"“{quote}”", WRAPS.quote)


def test_a_long_statement_wraps_wider_so_its_box_keeps_its_shape() -> None:
    widths = []
    for chars in (700, 1500, 4000):
        rows = text_rows(_statement("latin", chars), None, (WRAPS.text, WRAPS.quote), 13.0, None)
        widths.append(max(map(len, rows.text)))
        assert len(rows.text) < 2.5 * widths[-1], "taller than wide, not a strip"
    assert WRAPS.text < widths[0] < widths[1] < widths[2] <= 96


def test_a_drawing_not_fitted_to_pages_draws_long_statements_whole() -> None:
    statement = _statement("latin", 4000)
    rows = text_rows(statement, None, (WRAPS.text, WRAPS.quote), 13.0, None)
    assert _squash("".join(rows.text)) == _squash(statement)


def _render(tmp_path: Path, m: ArgumentMap, *args: str) -> Path:
    source = tmp_path / "long.json"
    source.write_text(json.dumps(m.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("script", ["latin", "cjk"])
def test_the_pdf_holds_the_whole_statement(tmp_path: Path, script: str) -> None:
    m = _map(_statement(script, 1500))
    out = _render(tmp_path, m, "-f", "pdf")
    done = subprocess.run(
        [poppler("pdftotext"), str(out / "long.pdf"), "-"], capture_output=True, check=True
    )
    assert _squash(m.get("p").text) in _squash(done.stdout.decode("utf-8"))


def test_a_statement_no_page_holds_is_continued_whole_in_the_pdf(tmp_path: Path) -> None:
    """It was cut at about a third of a slide (5,000 of 13,889 letters), the rest only in
    the HTML page's outline: the pages after its own now continue it, each one linked."""
    m = _map(_statement("latin", 20_000))
    out = _render(tmp_path, m, "-f", "pdf,html", "--fit", "slide")
    done = subprocess.run(
        [poppler("pdftotext"), "-raw", str(out / "long.pdf"), "-"], capture_output=True, check=True
    )
    pages = [_squash(page) for page in done.stdout.decode("utf-8").split("\f")]
    statement = _squash(m.get("p").text)
    parts = [pages[1][pages[1].index(statement[:40]) : pages[1].index("(continueson")]]
    number = 2
    while f"(continueson p.{number + 1})".replace(" ", "") in pages[number - 1]:
        number += 1
        parts.append(pages[number - 1].split(f"(continuedfromp.{number - 1})")[1])
        parts[-1] = parts[-1].split("(continueson")[0].split("THESIS:")[0]  # (its breadcrumb)
    assert "".join(parts) == statement and number > 3
    assert "(cut:" not in "".join(pages)
    page = (out / "long.html").read_text(encoding="utf-8")
    assert _squash(m.get("p").text) in _squash(html.unescape(page)), "the outline has it all"


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", False), ("a4", True)])
def test_a_statement_no_page_holds_fills_its_page_then_goes_on(fit: str, portrait: bool) -> None:
    """An acceptance tester's 13,889 letters: a slide cut them after 4,975 (29 lines) with
    a twelfth of its width blank, and the rest was in no drawing. The page is filled, as
    wide as it draws, and the statement goes on, whole, on the next pages, at the floor;
    the stubs of later pages point at their new numbers."""
    m = _map(_statement("latin", 13_889))
    layout = _laid(m, fit, portrait)
    assert _below_floor(layout) == []
    number, words = _drawn(layout, "p")
    first = _squash(words.split("(continues on p.")[0])
    assert len(first) > (1_650 if portrait else {"slide": 4_600, "a4": 3_550}[fit])
    assert _squash(_parts(layout, "p", number)) == _squash(m.get("p").text)
    page = layout.pages[number - 1]
    assert page.width > 0.93 * layout.budget.width or portrait, "as wide as the page draws"
    homes = {n: laid.plan.page.number for laid in layout.pages for n in laid.plan.page.nodes}
    stubs = [stub for laid in layout.pages for stub in laid.plan.page.stubs]
    assert stubs and all(stub.page == homes[stub.tops[0]] for stub in stubs)
    assert [laid.plan.page.number for laid in layout.pages] == list(
        range(1, len(layout.pages) + 1)
    )
    assert all(laid.plan.total == len(layout.pages) for laid in layout.pages)


@pytest.mark.parametrize(("fit", "portrait"), [("slide", False), ("a4", True)])
def test_a_statement_of_tall_ink_goes_on_at_the_floor(fit: str, portrait: bool) -> None:
    """Arabic lines are set in taller rows (see lineink): the pages going on with a long
    Arabic statement took as many lines as Latin ones, too tall, shown below the floor."""
    m = _map(_statement("arabic", 13_889))
    layout = _laid(m, fit, portrait)
    assert _below_floor(layout) == []
    number, _ = _drawn(layout, "p")
    assert _squash(_parts(layout, "p", number)) == _squash(m.get("p").text)
