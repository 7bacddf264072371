"""Stubs' words: statements shortened alike on one page are told apart."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.linebreak import text_columns
from argmap.exporters.diagram.stublabels import (
    LEAF_WHERE,
    STUB_POINTS,
    stub_label_lines,
    stub_lines,
    stub_wrap,
    told_apart_stubs,
)
from argmap.exporters.diagram.stubstatus import GROUP_TAG, tagged
from argmap.exporters.diagram.textwidth import text_points
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

NKNEWS = (
    "Moscow has written off 90 percent of North Korea's debt and will convert the rest "
    "into equity in DPRK investments (as reported by nknews.org)."
)
REUTERS = NKNEWS.replace("nknews.org", "Reuters")


def test_two_statements_shortened_alike_show_where_they_differ() -> None:
    assert stub_label_lines(NKNEWS, 2, "8") == [
        "Moscow has written off 90",
        "percent of North Korea's…",
        "+2 more, p. 8",
    ]
    assert stub_label_lines(NKNEWS, 2, "8", others=[NKNEWS, REUTERS]) == [
        "Moscow has written off 90",
        "…by nknews.org).",
        "+2 more, p. 8",
    ]
    assert stub_label_lines(REUTERS, 0, "8", others=[NKNEWS]) == [
        "Moscow has written off 90",
        "…reported by Reuters).",
        "drawn in full, p. 8",
    ]


def test_a_statement_that_begins_another_shows_its_own_end() -> None:
    short = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda"
    lines = stub_label_lines(short, 0, "3", others=[short + " mu nu"])
    assert lines[1] == "…iota kappa lambda"
    longer = stub_label_lines(short + " mu nu", 0, "3", others=[short])
    assert longer[1].startswith("…") and longer[1].endswith("mu nu")


def test_stubs_left_alone() -> None:
    """Statements shortened differently, the same statement twice, or words not split by
    spaces (nothing to show apart) keep their usual lines."""
    assert stub_label_lines(NKNEWS, 2, "8", others=["Something else entirely."]) == (
        stub_label_lines(NKNEWS, 2, "8")
    )
    assert stub_label_lines(NKNEWS, 2, "8", others=[NKNEWS]) == stub_label_lines(NKNEWS, 2, "8")
    cjk = "俄罗斯" * 30
    assert stub_label_lines(cjk + "甲", 0, "2", others=[cjk + "乙"]) == stub_label_lines(
        cjk + "甲", 0, "2"
    )


_WORDS = st.lists(
    st.sampled_from(["a", "bb", "word", "longer", "Pyongyang", "M", "ii"]), min_size=1
)


@given(_WORDS, _WORDS, _WORDS, st.booleans())
def test_told_apart_lines_fit_the_planned_box(
    common: list[str], mine: list[str], theirs: list[str], narrow: bool
) -> None:
    """Two lines of the statement, never wider (in points) than the stub as planned."""
    text = " ".join(["The shared opening of both statements runs on", *common, *mine])
    other = " ".join(["The shared opening of both statements runs on", *common, *theirs])
    planned = stub_label_lines(text, 3, "12", narrow=narrow)
    lines = stub_label_lines(text, 3, "12", narrow=narrow, others=[other])
    assert len(lines) == len(planned)
    widest = max(text_points(line, STUB_POINTS) for line in planned)
    assert all(text_points(line, STUB_POINTS) <= widest for line in lines)
    if lines != planned:
        assert lines[0] == planned[0] and lines[1].startswith("…")
    stubs = ((text, 3, "12", False), (other, 4, "13", False))
    mine, theirs_drawn = told_apart_stubs(stubs, narrow)
    assert list(mine) in (lines, planned)
    if list(mine) != planned:
        assert mine[:-1] != theirs_drawn[:-1]


@pytest.mark.parametrize(
    ("ending", "other_ending", "narrow"),
    [
        ("on Pyongyang Pyongyang", "on Pyongyang Pyongyang Pyongyang", False),
        ("on bb bb Pyongyang word", "on bb Pyongyang longer a", True),
    ],
)
def test_stubs_never_told_apart_into_the_same_words(
    ending: str, other_ending: str, narrow: bool
) -> None:
    """Windows of repeated words could come out alike ("…bb Pyongyang…" for both): the
    second stub keeps its usual lines, which differ from the first's."""
    opening = "The shared opening of both statements runs "
    drawn = told_apart_stubs(
        ((opening + ending, 3, "12", False), (opening + other_ending, 3, "9", False)), narrow
    )
    assert drawn[0][:-1] != drawn[1][:-1]


def test_a_linked_groups_stub_says_it_is_linked() -> None:
    """A stub of a linked group shows its first co-premise's words; its count says the
    branch is linked, and its tooltip gives every co-premise, so it does not read as a
    single reason (slide 1 of the flagship: "Moscow's Korean policy ..." with its partner)."""
    assert stub_label_lines(NKNEWS, 5, "4", linked=True)[-1] == "+5 more (linked), p. 4"
    assert stub_label_lines(NKNEWS, 5, "4")[-1] == "+5 more, p. 4"
    # Never wider than the statement: a worksheet's "1.2" keeps the stub planned for it.
    assert stub_label_lines("1.2", 1, "2", linked=True) == ["1.2", "+1 more, p. 2"]
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    first = layout.pages[0].svg
    # "Moscow's Korean policy", "Russia rewards": named linked (see the next test)
    assert first.count(">LINKED REASON</text>") == 2
    pivot = "Linked, together: Moscow&#39;s Korean policy is part of its own &quot;pivot&quot;"
    assert f"{pivot} to East Asia. + It increasingly looks as if" in first
    assert "(continues on page 4)" in first


def test_a_leaf_s_stub_says_it_is_drawn_in_full_there() -> None:
    """A stub of a statement with nothing under it said "continues on p. 9", as if more
    were below it: it says the statement is drawn in full there (its tooltip too), as
    wide as the words it replaced (a shorter "in full on p. 9" cost the flagship a slide,
    an A4 and a Letter page, and a 1,500-node map five slides); a branch's stub still
    counts what goes on with it."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "letter", find_engine("auto"))
    said = {"leaf": 0, "branch": 0}
    for page in layout.pages:
        for index, stub in enumerate(page.plan.page.stubs, start=1):
            found = re.search(rf'<g id="stub&#45;{index}".*?</g>\n</g>', page.svg, re.S)
            assert found is not None
            lines = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", found[0])]
            title = html.unescape(re.findall(r'xlink:title="([^"]*)"', found[0])[0])
            if stub.single and stub.hidden == 1:
                assert re.fullmatch(r"(\w+ · )?drawn in full, p\. \d+", lines[-1]), lines
                assert re.search(r"\(drawn in full on page \d+\)$", title), title
                said["leaf"] += 1
            elif stub.single:
                assert re.search(r" more( \(linked\))?, p\. \d+$", lines[-1]), lines
                said["branch"] += 1
    assert min(said.values()) >= 2, said
    points = [text_points(f"{w}12", STUB_POINTS) for w in (LEAF_WHERE, "continues on p. ")]
    assert abs(points[0] - points[1]) < 2.0


def test_the_flagships_stubs_on_each_page_read_differently() -> None:
    """Slide 2 holds a pair of reports of one event by different outlets as stubs (slide
    10's pair, stubs before too, is drawn in full now, beside its parent)."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    told = 0
    for page in layout.pages:
        labels = [
            re.sub(r"<[^>]+>", " ", label)
            for label in re.findall(r'<g id="[^"]*stub[^"]*".*?</g>', page.svg, re.S)
        ]
        assert len(labels) == len(set(labels)), page.plan.page.number
        told += sum("…by " in label or "…reported by " in label for label in labels)
    assert told >= 2


@pytest.mark.parametrize(
    "text",
    [
        "北京 的 决定 很 重要 学生 学校 每天 政策 报告 北京 的 决定 很 重要",  # short words
        "井县提高学生的讯院施学校应该要求接校服",  # one word: fewer letters than columns
        "Оплата 👍🏽 за обучение 🎉 растёт каждый год 🎉🎉 в школах 👍🏽👍🏽",
    ],
)
def test_a_stub_of_wide_letters_is_wrapped_by_columns(text: str) -> None:
    """A CJK letter or an emoji takes two columns: wrapped by letters, a stub's line of
    Chinese was twice as wide as a Latin one (an upright slide drawn left to right, a
    box beside its stub, at 0.87 of the floor)."""
    for narrow in (False, True):
        width = stub_wrap(narrow)
        lines = stub_lines(text, width)
        assert len(lines) == 2
        assert all(text_columns(line.rstrip("…")) <= width for line in lines)


@given(
    st.lists(st.sampled_from(["premise", "evidence", "objection", "rebuttal"]), min_size=2),
    st.data(),
)
def test_the_last_children_counted_from_the_end_say_what_counting_them_says(
    kinds: list[str], data: st.DataObject
) -> None:
    """A grouped stub of a parent's last children is counted from tables made once from
    the end (pages going down a long list each left one): the same words and the same
    number of nodes as counting its branches one by one; other groups are not answered."""
    from argmap.exporters.diagram.stublabels import Lasts, branch_counts, grouped_stub_lines

    kids = [f"k{i}" for i in range(len(kinds))]
    weight = {kid: data.draw(st.integers(1, 5)) for kid in kids}
    lasts = Lasts(kids, dict(zip(kids, kinds, strict=True)).__getitem__, weight)
    start = data.draw(st.integers(0, len(kids) - 1))
    found = lasts.of(tuple(kids[start:]))
    assert found is not None
    hidden, counted = found
    assert hidden == sum(weight[kid] for kid in kids[start:])
    assert branch_counts(counted) == branch_counts(kinds[start:])
    plain = grouped_stub_lines(kinds[start:], hidden, "00")
    assert grouped_stub_lines(counted, hidden, "00") == plain
    if start < len(kids) - 1:  # not the last ones: counted one by one
        assert lasts.of(tuple(kids[start:-1])) is None


@given(
    st.lists(st.sampled_from(["premises", "objections"]), min_size=17, max_size=60),
    st.lists(st.integers(0, 59), min_size=1, max_size=6),
    st.booleans(),
)
def test_a_long_lists_stub_kinds_say_what_counting_them_one_by_one_says(
    sides: list[str], starts: list[int], labelled: bool
) -> None:
    """The DOT's grouped stubs of a long list's last branches (a page each, going down
    the list, or longer again in a plan made later) count their kinds from tables made
    once from the end of a list: the same words as counting each branch, kinds the styles
    do not name (a label worksheet's) as statements."""
    from argmap.analysis.view import draw_kind
    from argmap.exporters.diagram.stublabels import LASTS_FROM, branch_counts, branch_kinds
    from argmap.exporters.diagram.styles import NODE_STYLE
    from argmap.load.validate import validate_data

    thesis: dict[str, Any] = {"id": "t", "text": "A thesis."}
    for i, side in enumerate(sides):
        thesis.setdefault(side, []).append({"id": f"n{i}", "text": f"Statement {i}."})
    m = validate_data({"title": "List", "thesis": thesis})
    kids = tuple(c.id for c in m.children("t"))
    styles = dict(NODE_STYLE)
    if not labelled:
        styles = {kind: style._replace(label="") for kind, style in styles.items()}

    def plain(tops: tuple[str, ...]) -> str:  # one by one
        kinds = [draw_kind(m, m.get(top)).value for top in tops]
        return branch_counts(kinds if labelled else ["statement"] * len(kinds))

    for start in starts:
        tops = kids[min(start, len(kids) - LASTS_FROM) :]
        assert branch_counts(branch_kinds(m, tops, styles)) == plain(tops)


_STUB = re.compile(r'<g id="stub&#45;\d+" class="node stub ?([a-z]*)">(.*?)</g>\n</g>', re.S)


def _stub_labels(svg: str) -> list[tuple[str, list[str]]]:
    """Each stub's kind (its class) and its lines of text, as drawn."""
    return [
        (kind, [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", body)])
        for kind, body in _STUB.findall(svg)
    ]


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_a_stub_names_its_kind_as_its_box_does(fit: Any) -> None:
    """A stub was drawn dashed in its kind's colours and named no kind: on a greyscale copy
    a stubbed branch's side was lost (UX round 8). Each single stub now says its kind; a
    linked group's says it is linked. The flagship's, every one atop its words, as a box's
    header: beside where it goes on where that was no wider (``OBJECTION · +8 more, p.
    7``), atop where it was, one page's stubs told their kinds two ways (the first
    slide: four beside, its objection's atop). See test_stubbeside."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))
    words = {
        "premise": ("REASON", "LINKED REASON", "LINKED"),
        "objection": ("OBJECTION", "UNDERCUTS THE LINK"),
        "rebuttal": ("REBUTTAL",),
        "evidence": ("EVIDENCE",),
        "conclusion": ("CONCLUSION",),
    }
    named = 0
    for page in layout.pages:
        for kind, lines in _stub_labels(page.svg):
            said = " ".join(lines)
            if "from p." in said:  # a grouped stub counts its branches by kind
                continue
            assert lines[0] in words[kind], (page.plan.page.number, lines)
            named += 1
    assert named >= 10


def test_a_label_worksheets_stubs_name_no_kind() -> None:
    """A label worksheet asks students for each box's kind: its stubs must not give it."""
    from argmap.exercise import make_worksheet

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    made = make_worksheet(m, RenderOptions(exercise=True, exercise_kind="label"))
    sheet, options = made.exercise, made.exercise_options
    layout = lay_out(sheet, analyze(sheet), options, "a4", find_engine("auto"))
    drawn = [lines for page in layout.pages for _kind, lines in _stub_labels(page.svg)]
    assert drawn
    for lines in drawn:
        said = " ".join(lines)
        for word in ("REASON", "OBJECTION", "REBUTTAL", "EVIDENCE", "UNDERCUTS", "LINKED"):
            assert word not in said, lines


def test_a_stubs_kind_goes_atop_its_words_or_beside() -> None:
    """Atop the statement's lines, however wide, or (``beside``: the map's stubs all fit it
    so) before ``+N more, p. K``, however wide; with ``--status``, atop, with its
    standing, as a box's header. A linked group's head says it is linked: its count no
    longer does."""
    lines = ["Generated statement number", "11, long enough to wrap…", "+24 more, p. 3"]
    assert tagged(lines, None, word="OBJECTION") == ["OBJECTION", *lines]
    short = ["Costs rise.", "+24 more, p. 3"]
    assert tagged(short, None, word="UNDERCUTS THE LINK") == ["UNDERCUTS THE LINK", *short]
    assert tagged(lines, None, word="OBJECTION", beside=True)[-1] == "OBJECTION · +24 more, p. 3"
    besides = tagged(short, None, word="REASON", beside=True)  # however wide
    assert besides == ["Costs rise.", "REASON · +24 more, p. 3"]
    assert tagged(lines, "out", word="REASON", beside=True)[0] == "REASON [OUT]"
    assert tagged(lines, "out", word="REASON")[0] == "REASON [OUT]"
    linked = ["Moscow's Korean policy is", "part of its own pivot…", "+5 more (linked), p. 3"]
    assert tagged(linked, None, word=GROUP_TAG[0]) == [GROUP_TAG[0], *linked[:2], "+5 more, p. 3"]
    beside = tagged(linked, None, word=GROUP_TAG[0], beside=True)
    assert beside[-1] == "LINKED · +5 more, p. 3"  # LINKED REASON: over 10% wider
    assert tagged(lines, None) == lines  # no word: a label worksheet's


def test_a_pages_stubs_wrap_each_statement_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Telling a page's stubs apart compares each with all; each is wrapped once, not each time."""
    import argmap.exporters.diagram.stublabels as stublabels

    wrapped: list[str] = []
    real = stublabels._wrapped

    def counted(text: str, width: int) -> list[str]:
        wrapped.append(text)
        return real(text, width)

    monkeypatch.setattr(stublabels, "_wrapped", counted)
    for memo in (getattr(stublabels, "_stub_lines", None), told_apart_stubs):
        if memo is not None:
            memo.cache_clear()
    stubs = tuple(
        (f"Statement {word} of a page whose stubs are each long enough to wrap", 3, "7", False)
        for word in ("one", "two", "three", "four", "five", "six")
    )
    told = told_apart_stubs(stubs, False)
    assert len(told) == len(stubs)
    assert sorted(wrapped) == sorted({text for text, _, _, _ in stubs})
    assert [list(lines[:-1]) for lines in told] == [stub_lines(text) for text, *_ in stubs]
