"""Kialo exports edited by hand: a claim number missing its dot, paragraphs inside a claim."""

from __future__ import annotations

import pytest

from argmap.analysis.lint import lint
from argmap.errors import MapFileError
from argmap.interop import get_importer

_OLDER = (
    "Discussion Title: Uniforms\n\n"
    "1. Uniforms should be required.\n"
    "1.1 Pro: They are cheap.\n"
    "1.2. Pro: They reduce bullying.\n"
    "1.2.1. Con: Bullies find other targets.\n"
    "1.2.1.1 Con: Fewer targets still means less bullying.\n"
)
_CURRENT = (
    "Discussion Name:\nUniforms\n\n1. Thesis:\nUniforms should be required.\n\n"
    "  1.1 Pro:\n  They are cheap.\n\n  1.2. Pro:\n  They reduce bullying.\n"
)


def _refusal(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(MapFileError) as info:
        get_importer("kialo")(text, "k.txt")
    return [(issue.line, issue.column, issue.message) for issue in info.value.issues]


def test_a_claim_number_without_its_dot_is_refused_located_not_glued_above() -> None:
    """``1.1 Pro: They are cheap.`` became more words of the thesis, without a word."""
    issues = _refusal(_OLDER)
    assert [(line, column) for line, column, _ in issues] == [(4, 4), (7, 8)]
    assert "Kialo writes '1.1. Pro:': add the dot" in issues[0][2]
    assert issues[0][2].startswith("'1.1 Pro:' reads like claim 1.1 with no dot")
    assert "Kialo writes '1.2.1.1. Con:'" in issues[1][2]


def test_in_the_current_layout_too_and_whatever_the_labels_case() -> None:
    assert [(line, column) for line, column, _ in _refusal(_CURRENT)] == [(7, 6)]
    issues = _refusal(_OLDER.replace("1.1 Pro:", "1.1 pro:"))
    assert issues[0][:2] == (4, 4)
    assert "'1.1 pro:'" in issues[0][2] and "Kialo writes '1.1. Pro:'" in issues[0][2]


def test_a_line_that_merely_starts_with_a_number_still_continues_its_claim() -> None:
    text = "Discussion Title: T\n\n1. A thesis about\n2.5 percent of pupils: few.\n"
    m = get_importer("kialo")(text, "k.txt").map
    assert m.thesis.text == "A thesis about 2.5 percent of pupils: few."


@pytest.mark.parametrize("layout", ["older", "current"])
def test_a_claims_paragraphs_join_on_one_line_that_lint_does_not_flag(layout: str) -> None:
    """An empty line inside a claim was a paragraph break, which ``lint`` flags on the
    map the import had just written (``line-break``)."""
    if layout == "older":
        text = (
            "Discussion Title: Zoos\n\n1. Zoos should exist.\n1.1. Con: Few visitors read\n"
            "the signs.\n\nKeepers say so.\n- a list item\n"
        )
    else:
        text = (
            "Discussion Name:\nZoos\n\n1. Thesis:\nZoos should exist.\n\n  1.1. Con:\n"
            "  Few visitors read\n  the signs.\n\n  Keepers say so.\n  - a list item\n"
        )
    m = get_importer("kialo")(text, "k.txt").map
    assert m.get("few-visitors-read-the-signs-keepers").text == (
        "Few visitors read the signs. Keepers say so. - a list item"
    )
    assert not [w for w in lint(m) if w.code == "line-break"]
