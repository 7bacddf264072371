"""Ids made from text: typeable (no Zalgo or vowel-point marks), short in unspaced scripts."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from argmap.cli import main
from argmap.load.ids import MAX_UNSPACED, slugify
from argmap.load.maps import load_map
from tests.conftest import write

CJK = (
    "中文论点：学生使用手机会分散注意力，这是一个很长的句子没有空格所以需要换行测试一下效果怎么样"
)
ZALGO = "Zalgo z\u0337\u0322\u031ba\u0334\u0321\u035dl\u0338\u0328\u031bg\u0336o te\u1dcaxt"


def test_unspaced_scripts_are_cut_after_twelve_letters() -> None:
    assert slugify(CJK) == "中文论点-学生使用手机会分"
    assert slugify("日本語の文章はスペースなしで書かれます") == "日本語の文章はスペースな"
    for text in (CJK, "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรค", "日本語の文章はスペースなしで"):
        letters = [ch for ch in slugify(text) if ch.isalpha()]
        assert len(letters) == MAX_UNSPACED, slugify(text)
    # Latin, Cyrillic, Hangul and Devanagari are written with spaces: cut by words as before
    assert (
        slugify("한국어 전제: 휴대폰은 학습에 방해가 된다")
        == "한국어-전제-휴대폰은-학습에-방해가-된다"
    )
    assert slugify("Школы должны запретить телефоны.") == "школы-должны-запретить-телефоны"


def test_marks_a_word_reads_without_are_left_out_and_letters_marks_kept() -> None:
    assert slugify(ZALGO) == "zalgo-zalgo-text"
    assert slugify("הַטֶּלֶפוֹנִים מסיחים") == "הטלפונים-מסיחים"  # vowel points
    assert slugify("مُرَحَّبًا") == "مرحبا"  # harakat
    assert slugify("निर्णय लिया") == "निर्णय-लिया"  # vowel signs and virama are letters' parts
    assert slugify("Cafe\u0301 e\u0301te\u0301") == "café-été"  # NFC makes one letter of each


def test_texts_alike_but_for_marks_get_distinct_ids(tmp_path: Path) -> None:
    premises = [{"text": ZALGO}, {"text": "Zalgo zalgo text"}, {"text": CJK}, {"text": CJK}]
    path = write(
        tmp_path,
        "m.yaml",
        "title: T\nthesis:\n  text: T.\n  premises:\n"
        + "".join(f"    - text: {p['text']}\n" for p in premises),
    )
    ids = [node.id for node in load_map(path).nodes][1:]
    cjk = "中文论点-学生使用手机会分"
    assert ids == ["zalgo-zalgo-text", "zalgo-zalgo-text-2", cjk, f"{cjk}-2"]


def test_add_writes_the_short_typeable_id(tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", "title: T\nthesis:\n  id: t\n  text: T.\n")
    for text in (ZALGO, CJK):
        result = CliRunner().invoke(
            main, ["add", "premise", str(path), "--to", "t", "--text", text]
        )
        assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "中文论点-学生使用手机会分"
    assert "id: zalgo-zalgo-text\n" in path.read_text(encoding="utf-8")


def test_an_id_cut_short_ends_on_a_word_that_says_something() -> None:
    """A student's generated ids ended on small words (`most-animals-kept-in-zoos-are`)."""
    assert slugify("Most animals kept in zoos are unhappy there.") == "most-animals-kept-in-zoos"
    assert slugify("The Arabian oryx was saved by captive breeding.") == (
        "the-arabian-oryx-was-saved"
    )
    assert slugify("Few visitors read the signs it puts up.") == "few-visitors-read-the-signs"
    # Not cut short: the words as they are, small last word and all.
    assert slugify("Most animals kept in zoos are.") == "most-animals-kept-in-zoos-are"
    assert slugify("Homework should be banned in primary schools.") == (
        "homework-should-be-banned-in-primary"
    )
    assert slugify("Of the of the of the of.") == "of-the"  # small words only: two kept
    assert slugify("It is. " * 5) == "it-is"  # two words at the least
