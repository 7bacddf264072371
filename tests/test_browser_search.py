"""The HTML page's search in Chromium: own words only, quotes folded, word starts, phrases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.standing import analyze
from argmap.analysis.view import draw_kind
from argmap.exporters.html.page import render_html
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, NodeKind
from argmap.options import RenderOptions
from tests.test_browser import FLAGSHIP, assert_clean, browser, open_page, visible_entries

__all__ = ["browser"]  # the shared Chromium fixture

pytestmark = pytest.mark.browser


def _small() -> ArgumentMap:
    """A map whose nodes each hold one word in one place: quote, citation, note, tags..."""
    thesis: dict[str, Any] = {
        "id": "t",
        "text": "Cities should ban cars.",
        "premises": [
            {
                "id": "air",
                "text": "Cars pollute the air.",
                "tags": ["health"],
                "author": "Ann Lee",
                "evidence": [
                    {
                        "id": "study",
                        "text": "A study found it.",
                        "quote": "the city’s “worst” air",
                        "citation": {"outlet": "Gazette"},
                        "note": "Also in the almanac.",
                    }
                ],
            }
        ],
        "objections": [{"id": "need", "text": "Some people need cars."}],
    }
    thesis["premises"][0]["objections"] = [  # an undercutter: it attacks air's link
        {"id": "cut", "text": "Pollution falls anyway.", "undercut": True}
    ]
    return validate_data({"title": "Cars", "thesis": thesis}, "cars.yaml")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("search")
    out = {}
    for name, m in (("flagship", load_map(FLAGSHIP)), ("small", _small())):
        out[name] = folder / f"{name}.html"
        out[name].write_text(render_html(m, analyze(m), RenderOptions()), encoding="utf-8")
    return out


def _found(page: Any, query: str) -> list[str]:
    page.fill("#search", query)
    return [e["id"] for e in visible_entries(page) if not e["context"]]


def test_the_pages_own_labels_and_a_parents_id_do_not_match(
    browser: Any, pages: dict[str, Path]
) -> None:
    """The labels matched: `tags` and `show in diagram` all 63 entries, `stands` 57; `pure`
    found author-hedges-pivot through its Relation row naming its parent."""
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    for label in ("tags", "show in diagram", "stands", "Relation supports", "answered"):
        assert _found(page, label) == [], label
    pure = _found(page, "pure")
    assert "pure-and-simple-overstated" in pure and "author-hedges-pivot" not in pure
    m = load_map(FLAGSHIP)
    objections = [n.id for n in m.nodes if draw_kind(m, n) is NodeKind.OBJECTION]
    assert len(objections) == 17
    assert sorted(_found(page, "objection")) == sorted(objections)  # undercutters too
    assert_clean(seen)
    page.context.close()


def test_quotes_are_folded_and_words_match_at_their_start(
    browser: Any, pages: dict[str, Path]
) -> None:
    seen = open_page(browser, pages["flagship"])
    page = seen.page
    straight = _found(page, "Russia's calculus")
    assert len(straight) == 3 and _found(page, "Russia\u2019s calculus") == straight
    phrase = _found(page, '"pure and simple"')  # a phrase, its quotes typed or pasted
    assert len(phrase) == 4 and _found(page, "\u201cpure and simple\u201d") == phrase
    assert "pure-and-simple-overstated" in phrase
    assert _found(page, "ussia") == []  # inside a word: no match
    mig = _found(page, "MiG")
    assert mig and "lavrov-blasts-us" not in mig  # its text says "might"
    assert set(mig) <= set(_found(page, "mig"))
    assert_clean(seen)
    page.context.close()


def test_a_nodes_quote_citation_note_tags_author_and_kind_match(
    browser: Any, pages: dict[str, Path]
) -> None:
    seen = open_page(browser, pages["small"])
    page = seen.page
    assert _found(page, "city's 'worst'") == []  # double quotes are not single ones
    assert _found(page, 'city\'s "worst"') == ["study"]
    assert _found(page, "gazette") == ["study"]
    assert _found(page, "almanac") == ["study"]
    assert _found(page, "HEALTH") == ["air"]
    assert _found(page, "lee") == ["air"]
    assert _found(page, "stud") == ["study"]  # its id, or the start of a word
    assert sorted(_found(page, "objection")) == ["cut", "need"]
    assert _found(page, "undercutter") == ["cut"]
    assert sorted(_found(page, "reason")) == ["air"]
    assert_clean(seen)
    page.context.close()


def test_a_quoted_phrase_matches_its_words_in_order(browser: Any, pages: dict[str, Path]) -> None:
    """Quoted words were matched one by one, each with its quote mark: `"cars pollute"`
    wanted a word starting with a quote mark and found nothing."""
    seen = open_page(browser, pages["small"])
    page = seen.page
    assert _found(page, '"cars pollute"') == ["air"]
    assert _found(page, "pollute cars") == ["air"]  # words alone: in any order
    assert _found(page, '"pollute cars"') == []
    assert _found(page, '"cars, pollute"') == ["air"]  # punctuation between is no word
    assert _found(page, '"cars the air"') == []  # a word left out breaks the phrase
    assert _found(page, '"the ai') == ["air"]  # unclosed: to the end; its last word a start
    assert _found(page, '"he air"') == []  # its first word at a word's start
    assert _found(page, '"ban cars" "need"') == []  # every term, in one entry
    assert _found(page, '"ban cars" cities') == ["t"]
    assert _found(page, '""') == _found(page, "")  # an empty phrase asks nothing
    assert _found(page, '"city\'s worst"') == ["study"]  # its quote marks between
    assert _found(page, '"--"') == []  # punctuation alone is taken as typed, not as nothing
    assert_clean(seen)
    page.context.close()
