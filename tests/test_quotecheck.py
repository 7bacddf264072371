"""The quote checker: typography tolerance, strictness on words, the mismatch report, the CLI."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.quotecheck import check_file, format_report
from argmap.analysis.sourcetext import Difference, SourceText, normalize_typography
from argmap.cli import main
from tests.conftest import ROOT, write

ARTICLE = (
    "Russia\u2019s Game in North Korea\n"
    "\n"
    "On January 21, Russian Foreign Minister Sergei Lavrov once more blasted the United\n"
    "States for over-reacting militarily in the region. Moscow\u2019s protest to US\u2013South\n"
    "Korean defense exercises proved to be yet another example of Russian double\n"
    "standards. Undoubtedly, Moscow\u2019s Korean policy is part of its own \u201cpivot\u201d\n"
    "to East Asia\u2026 (DPRK\u2014North Korea)\u00a0and more.\n"
)

# Each pair: a quote that differs from ARTICLE only in typography.
TOLERATED = {
    "straight apostrophe": "Russia's Game in North Korea",
    "straight double quotes": 'part of its own "pivot" to East Asia',
    "hyphen for en dash": "protest to US-South Korean defense exercises",
    "em dash for en dash": "protest to US\u2014South Korean defense exercises",
    "minus for en dash": "protest to US\u2212South Korean defense exercises",
    "double hyphen for em dash": "(DPRK--North Korea)",
    "line break joined": "once more blasted the United States",
    "line break in quote": "once more blasted\nthe United States",
    "runs of spaces": "once  more \t blasted   the United States",
    "nbsp in quote": "once\u00a0more blasted",
    "narrow nbsp in quote": "once\u202fmore blasted",
    "nbsp in source as space": "North Korea) and more.",
    "three dots for ellipsis": "to East Asia... (DPRK",
    "prime for apostrophe": "Moscow\u2032s Korean policy",
    "left single quote for apostrophe": "Moscow\u2018s Korean policy",
    "soft hyphen and zero-width space": "over-reac\u00adting mili\u200btarily",
    "decomposed accents": "Russia\u2019s Game",
    "outer whitespace": "  Lavrov once more  \n",
}

# Each case: a quote with a real change, and the difference the report must name.
CHANGED = {
    "changed word": (
        "Lavrov once more criticised the United States",
        Difference("changed", "criticised", "blasted"),
    ),
    "changed case": (
        "Lavrov once more blasted the united States",
        Difference("changed", "united", "United"),
    ),
    "dropped word": (
        "Lavrov blasted the United States",
        Difference("missing", "", "once more"),
    ),
    "added word": (
        "Lavrov once more strongly blasted the United States",
        Difference("added", "strongly", ""),
    ),
    "changed punctuation": (
        "On January 21; Russian Foreign Minister",
        Difference("changed", ";", ","),
    ),
}


@pytest.fixture(scope="module")
def source() -> SourceText:
    return SourceText(ARTICLE)


@pytest.mark.parametrize("quote", TOLERATED.values(), ids=list(TOLERATED))
def test_typography_is_tolerated(source: SourceText, quote: str) -> None:
    assert source.find(quote) is not None


def test_decomposed_source_matches_composed_quote() -> None:
    text = SourceText("Le cafe\u0301 est ferme\u0301.")
    assert text.find("caf\u00e9 est") == (1, 4)


@pytest.mark.parametrize("case", CHANGED.values(), ids=list(CHANGED))
def test_changes_are_not_tolerated_and_diffed(
    source: SourceText, case: tuple[str, Difference]
) -> None:
    quote, expected = case
    assert source.find(quote) is None
    passage = source.closest(quote)
    assert passage is not None
    assert passage.differences == (expected,)
    assert passage.line == 3


@pytest.mark.parametrize(
    "quote", ["avrov once more", "Lavrov once mor", "ussia", "Russia\u2019s Gam"]
)
def test_partial_words_at_the_ends_do_not_match(source: SourceText, quote: str) -> None:
    assert source.find(quote) is None


def test_guillemets_and_other_punctuation_stay_distinct(source: SourceText) -> None:
    assert source.find("part of its own \u00abpivot\u00bb") is None
    assert source.find("(DPRK North Korea)") is None
    assert source.find("to East Asia.. (DPRK") is None
    assert source.find("to East Asia.") is None  # the source has an ellipsis there
    assert source.find("East Asia...") is not None


def test_found_position_is_line_and_column_of_the_original(source: SourceText) -> None:
    assert source.find("Russia's Game") == (1, 1)
    assert source.find("blasted the United States") == (3, 65)
    assert source.find("Moscow's Korean policy") == (6, 25)
    assert source.find("and more") == (7, 34)


def test_crlf_lines_and_columns() -> None:
    text = SourceText("first line\r\nsecond \u201cline\u201d\r\n")
    assert text.find('second "line"') == (2, 1)
    assert text.find("line") == (1, 7)


def test_empty_or_wordless_quote(source: SourceText) -> None:
    assert source.find("   ") is None
    assert source.closest("   ") is None
    assert source.closest("zebra quagga") is None


def test_normalize_typography_keeps_words_and_case() -> None:
    assert normalize_typography("A \u2018b\u2019 \u2014 C\u2026\n\nd") == "A 'b' - C... d"
    assert normalize_typography("Word, word; WORD.") == "Word, word; WORD."


WORDS = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=6), min_size=3, max_size=40)
SPACES = st.sampled_from([" ", "  ", "\n", "\u00a0", "\u2009", " \n "])


@settings(max_examples=50, deadline=None)
@given(words=WORDS, data=st.data())
def test_property_respaced_slice_is_found(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    quote = "".join(w + data.draw(SPACES) for w in words[i:j]).strip()
    assert SourceText(text).find(quote) is not None


@settings(max_examples=50, deadline=None)
@given(words=WORDS, data=st.data())
def test_property_changed_word_is_not_found(words: list[str], data: st.DataObject) -> None:
    text = " ".join(words)
    i = data.draw(st.integers(0, len(words) - 2))
    j = data.draw(st.integers(i + 2, len(words)))  # two words or more: one stays unchanged
    k = data.draw(st.integers(i, j - 1))
    changed = [*words[i:k], "xyz", *words[k + 1 : j]]  # 'x' is not in the source alphabet
    passage = SourceText(text).closest(" ".join(changed))
    assert SourceText(text).find(" ".join(changed)) is None
    assert passage is not None
    assert any("xyz" in d.quote.split() for d in passage.differences)


def test_one_megabyte_source_is_searched_correctly() -> None:
    rng = random.Random(7)
    vocabulary = ARTICLE.split()
    lines = [" ".join(rng.choice(vocabulary) for _ in range(12)) for _ in range(14_000)]
    planted = "The quick brown fox jumps over the lazy dog near Pyongyang today."
    lines.insert(9_000, planted)
    text = SourceText("\n".join(lines))
    assert len(text.original) > 1_000_000
    assert text.find("brown fox jumps over") == (9_001, 11)
    passage = text.closest("The quick brown cat jumps over the lazy dog near Pyongyang")
    assert passage is not None
    assert (passage.line, passage.column) == (9_001, 1)
    assert passage.differences == (Difference("changed", "cat", "fox"),)


MAP = """\
title: A small map
sources:
  ifx: {name: Interfax}
thesis:
  id: main
  text: Lavrov blames the US.
  quote: "Lavrov once more blasted the United States"
  evidence:
    - id: good
      text: The protest.
      quote: Moscow's protest to US-South Korean defense exercises
      citation: {outlet: Interfax, date: January 21}
      source: ifx
    - id: bad
      text: A misquote.
      quote: Lavrov once more criticised the United States
    - id: bare
      text: Nothing to trace.
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path, "m.yaml", MAP), write(tmp_path, "article.txt", ARTICLE)


def test_report_content(files: tuple[Path, Path]) -> None:
    map_path, article = files
    report = check_file(map_path, article)
    assert not report.ok
    assert [r.node_id for r in report.mismatches] == ["bad"]
    assert [u.node_id for u in report.untraced] == ["bare"]
    assert format_report(report) == (
        f"{map_path}:7:10: main: found at {article}:3:48\n"
        f"{map_path}:11:14: good: found at {article}:4:52\n"
        f"{map_path}:16:14: bad: quote not found in {article}\n"
        '  quote:   "Lavrov once more criticised the United States"\n'
        f"  closest: {article}:3:48 (87% similar): "
        '"Lavrov once more blasted the United States"\n'
        '  changed: quote has "criticised", source has "blasted"\n'
        f"{map_path}:17:7: warning: evidence 'bare' has no quote, citation or source; "
        "add one so readers can trace it\n"
        "3 quotes checked: 2 found, 1 not found; "
        "1 evidence node without quote, citation or source\n"
    )


def test_report_escapes_control_characters(tmp_path: Path) -> None:
    map_path = write(
        tmp_path, "m.yaml", 'title: t\nthesis:\n  text: T\n  quote: "evil \\e[31m red"\n'
    )
    article = write(tmp_path, "a.txt", "evil red\n")
    text = format_report(check_file(map_path, article))
    assert "\x1b" not in text
    assert '"evil \\u001b[31m red"' in text


def test_cli_mismatch_exits_1(runner: CliRunner, files: tuple[Path, Path]) -> None:
    map_path, article = files
    result = runner.invoke(main, ["check", str(map_path), "--against", str(article)])
    assert result.exit_code == 1
    assert result.output == format_report(check_file(map_path, article))


def test_cli_all_found_exits_0_and_untraced_only_fails_with_strict(
    runner: CliRunner, tmp_path: Path
) -> None:
    map_path = write(tmp_path, "m.yaml", MAP.replace("criticised", "blasted"))
    article = write(tmp_path, "a.txt", ARTICLE)
    args = ["check", str(map_path), "--against", str(article)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "warning: evidence 'bare'" in result.output
    assert runner.invoke(main, [*args, "--strict"]).exit_code == 1


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "no such file; check the path of the source document"),
        (lambda p: p.mkdir(), "is a directory; give the source document as a text file"),
        (lambda p: p.write_bytes(b""), "1:1: empty file; the source document has no text"),
        (
            lambda p: p.write_bytes(b"ok\nab\x00"),
            "2:3: binary file (NUL byte); give the source document as UTF-8 text",
        ),
        (
            lambda p: p.write_bytes(b"caf\xe9"),
            "1:4: not UTF-8 (byte 0xe9); save the source document as UTF-8",
        ),
    ],
    ids=["missing", "directory", "empty", "binary", "latin-1"],
)
def test_cli_unreadable_source_is_one_line(
    runner: CliRunner, files: tuple[Path, Path], setup: object, message: str
) -> None:
    map_path, _ = files
    source = map_path.parent / "source.txt"
    setup(source)  # type: ignore[operator]
    result = runner.invoke(main, ["check", str(map_path), "--against", str(source)])
    assert result.exit_code == 1
    sep = ":" if message[0].isdigit() else ": "
    assert result.stderr == f"{source}{sep}{message}\n"
    assert result.stdout == ""


def test_cli_invalid_map_is_located(runner: CliRunner, tmp_path: Path) -> None:
    map_path = write(tmp_path, "m.yaml", "title: t\nthesis:\n  text: T\n  qoute: x\n")
    article = write(tmp_path, "a.txt", ARTICLE)
    result = runner.invoke(main, ["check", str(map_path), "--against", str(article)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{map_path}:4:3: thesis.qoute: unknown field 'qoute'")


def test_cli_needs_against(runner: CliRunner, files: tuple[Path, Path]) -> None:
    result = runner.invoke(main, ["check", str(files[0])])
    assert result.exit_code == 2
    assert "Missing option '--against'" in result.output


def test_cli_subprocess(files: tuple[Path, Path]) -> None:
    map_path, article = files
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(map_path), "--against", str(article)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == format_report(check_file(map_path, article))
    assert done.stderr == ""


def test_doctests() -> None:
    import doctest

    import argmap.analysis.sourcetext

    assert doctest.testmod(argmap.analysis.sourcetext).failed == 0


def test_closest_passage_late_in_a_source_of_common_words() -> None:
    # Every word of the source recurs thousands of times; the passage is near the end.
    rng = random.Random(11)
    vocabulary = ARTICLE.split()
    lines = [" ".join(rng.choice(vocabulary) for _ in range(12)) for _ in range(20_000)]
    passage_words = lines[18_500].split()
    text = SourceText("\n".join(lines))
    changed = [*passage_words[:5], "zebra", *passage_words[6:]]
    passage = text.closest(" ".join(changed))
    assert passage is not None
    assert (passage.line, passage.column) == (18_501, 1)
    assert passage.differences == (Difference("changed", "zebra", passage_words[5]),)
    long_quote = " ".join(lines[18_400:18_420]).split()
    del long_quote[100]
    passage = text.closest(" ".join(long_quote))
    assert passage is not None
    assert (passage.line, passage.column) == (18_401, 1)


def test_a_doubled_full_stop_may_be_cut_an_ellipsis_may_not() -> None:
    text = SourceText("She said: It is warm.. More.\nHe left... Then")
    assert text.find("It is warm.") == (1, 11)
    assert text.find("warm.. More") == (1, 17)
    assert text.find("He left.") is None
    assert text.find("He left...") == (2, 1)
    assert text.find(". Then") is None  # the quote would start inside the ellipsis


def test_a_cut_ellipsis_is_named_not_left_unexplained() -> None:
    text = SourceText("He left... Then he came back.")
    passage = text.closest("He left.")
    assert passage is not None
    assert passage.differences == (Difference("cut", "left.", "left..."),)
    passage = text.closest(". Then he came")
    assert passage is not None
    assert passage.differences == (Difference("cut", ". Then", "... Then"),)


def test_spacing_that_differs_is_named() -> None:
    text = SourceText("It is warm. (Really) so.")
    passage = text.closest("It is warm . ( Really) so.")
    assert passage is not None
    assert passage.differences == (
        Difference("spacing", "warm .", "warm."),
        Difference("spacing", "( Really", "(Really"),
    )
    assert passage.similarity < 1


def test_a_case_only_change_scores_near_full_similarity() -> None:
    shout = "NORTH KOREA PUBLICLY WELCOMED THE SUCCESSFUL IMPLEMENTATION OF SEVERAL PROJECTS"
    passage = SourceText(f"Then: {shout}. More.").closest(shout.capitalize().title())
    assert passage is not None
    assert 0.95 <= passage.similarity < 1
    assert [d.kind for d in passage.differences] == ["changed"]


def test_report_explains_every_quote_it_cannot_find(tmp_path: Path) -> None:
    map_path = write(
        tmp_path,
        "m.yaml",
        'title: t\nthesis:\n  text: T\n  quote: "He left."\n'
        "  premises:\n    - text: P\n      quote: HE CAME BACK\n",
    )
    article = write(tmp_path, "a.txt", "\ufeffHe left...\r\nThen\the came back.\r\n")
    assert format_report(check_file(map_path, article)) == (
        f"{map_path}:4:10: t: quote not found in {article}\n"
        '  quote:   "He left."\n'
        f'  closest: {article}:1:1 (100% similar): "He left."\n'
        '  cut:     the quote\'s "left." cuts into the source\'s ellipsis "left..."; '
        "quote it whole or not at all\n"
        f"{map_path}:7:14: p: quote not found in {article}\n"
        '  quote:   "HE CAME BACK"\n'
        f'  closest: {article}:2:6 (99% similar): "he came back"\n'
        '  changed: quote has "HE CAME BACK", source has "he came back" (case differs)\n'
        "2 quotes checked: 0 found, 2 not found\n"
    )


def test_flagship_quotes_are_found_before_a_doubled_full_stop() -> None:
    from argmap.load.maps import load_map

    m = load_map(ROOT / "maps" / "russias-game-in-north-korea.yaml")
    quotes = [n.quote for n in m.nodes if n.quote is not None]
    text = SourceText("\ufeff" + "\r\n".join(f"Filler:\t{q}. More." for q in quotes))
    assert [q for q in quotes if text.find(q) is None] == []
