"""Sources with HTML in them: entities read as characters, an HTML page's tags as breaks."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.sourcemarkup import looks_like_html, read_markup
from argmap.analysis.sourcetext import SourceText
from argmap.cli import main
from tests.conftest import write

SAID = "the US fails to grasp that Russia\u2019s calculus here is driven by anti-Americanism"
TAIL = ", pure and simple."


def test_an_entity_in_a_text_source_is_the_character_it_names() -> None:
    """``&rsquo;`` kept the quote from being found, and the closest passage then came out
    10 characters short: "'and simple' is in the quote but not in the source", untrue."""
    text = "Intro.\nHe said the US fails to grasp that Russia&rsquo;s calculus here is driven"
    source = SourceText(text + " by anti-Americanism, pure and simple. That is all.")
    assert source.find(SAID + TAIL) == (2, 9)
    column = text.index("Russia") - text.index("\n")
    assert source.find("Russia's calculus") == (2, column)  # where the entity's word starts
    assert source.find("R&D; costs") is None and SourceText("R&D; costs").find("R&D;") == (1, 1)


def test_an_html_page_is_read_as_its_text(tmp_path: Path) -> None:
    """A page saved from a browser: tags, comments, scripts and its head are not text;
    a paragraph or line break reads as a space, an inline tag as nothing."""
    page = (
        "<!DOCTYPE html>\n<html><head><title>Russia&rsquo;s Game</title>"
        "<style>p { color: red }</style></head>\n<body><!-- nav -->\n"
        "<p>He said the US fails to grasp that <em>Russia</em>&#8217;s calculus here is\n"
        'driven by <a href="x">anti-Americanism</a>, pure<br>and simple.</p>'
        "<script>var s = 'the US fails';</script><p>Next.</p></body></html>"
    )
    assert looks_like_html(page) and not looks_like_html("a < b and c > d")
    source = SourceText(page)
    assert source.find(SAID + TAIL) == (4, len("<p>He said ") + 1)
    assert source.find("Russia's Game") is None  # the title is the head's, not the text's
    assert source.find("simple. Next.") is not None
    assert SourceText("if a <b> c then").find("a <b> c") == (1, 4)  # not a page: kept


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*"ab <>&;#x1p/!-\n", "&amp;", "<p>", "<!--"])).map("".join))
def test_every_character_read_comes_from_the_document(text: str) -> None:
    for document in (text, "<html>" + text):
        read, origin = read_markup(document)
        if origin is None:
            assert read == document
            continue
        assert len(origin) == len(read) and list(origin) == sorted(origin)
        assert all(0 <= at < len(document) for at in origin)


def test_check_finds_every_quote_in_a_page_saved_as_html(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "article.html",
        "<html><body><p>Moscow&rsquo;s proposal, it said, was &ldquo;final&rdquo;.</p></body>",
    )
    quotes = {
        "title": "t",
        "sources": {"s": {"name": "A"}},
        "thesis": {
            "id": "t",
            "text": "T.",
            "evidence": [
                {
                    "id": "e",
                    "text": "E.",
                    "source": "s",
                    "quote": 'Moscow\'s proposal, it said, was "final".',
                }
            ],
        },
    }
    import json

    path = write(tmp_path, "m.json", json.dumps(quotes))
    result = CliRunner().invoke(main, ["check", str(path), "--against", str(source)])
    assert result.exit_code == 0, result.output
    assert "found at" in result.output and "article.html:1:16" in result.output


def test_a_tag_never_closed_is_text() -> None:
    """A ``<`` that opens no tag (no ``>`` before the next ``<``) is read as written: the
    tag search is bounded (unbounded, a page of ``<a`` took minutes; see the benchmark)."""
    assert read_markup("<html>" + "<a" * 50)[0] == "<a" * 50
    assert read_markup('<html><a title="x<y">z</a>')[0] == '<a title="x<y">z'
