"""Long texts that add and edit write: folded (``>-``) at the file's width, read back exact."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.editing.add import NewNode, add_node
from argmap.editing.edit import edit_node
from argmap.editing.fieldlines import render_fields
from argmap.editing.wrapping import DEFAULT_WIDTH, Wrap, file_wrap, fold_lines
from argmap.load.dump import folded_rows
from argmap.load.maps import load_map
from argmap.load.parse import load_round_trip, parse_text
from argmap.model import NodeKind
from argmap.model.idchars import shows_nothing
from tests.conftest import MAPS, write

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
LONG = (
    "Economic interest alone explains the rapprochement without any anti-American motive "
    "at all: the pipeline, railway and power projects, the Rajin-Khasan railway and port, "
    "a trade target of one billion dollars by 2020, and value recovered from an old Soviet "
    "debt as equity."
)


def _copy(tmp_path: Path, source: Path) -> Path:
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    return path


def _field_lines(text: str, node_id: str, key: str) -> list[str]:
    """The lines of field ``key`` of the entry ``- id: node_id`` (its key line first)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {node_id}")
    at = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith(f"{key}:"))
    col = len(lines[at]) - len(lines[at].lstrip())
    end = at + 1
    while end < len(lines) and len(lines[end]) - len(lines[end].lstrip()) > col:
        end += 1
    return lines[at:end]


def test_an_edit_of_a_folded_text_wraps_it_at_the_files_width(tmp_path: Path) -> None:
    """It kept the ``>-`` style and wrote the text on one 220-column line."""
    path = _copy(tmp_path, FLAGSHIP)
    assert file_wrap(path.read_text(encoding="utf-8").splitlines(True)) == Wrap(93, 2)
    edit_node(path, "economic-motives", {"text": LONG})
    field = _field_lines(path.read_text(encoding="utf-8"), "economic-motives", "text")
    assert field[0] == "          text: >-" and len(field) == 5
    assert all(line.startswith(" " * 12) and len(line) <= 93 for line in field[1:]), field
    assert load_map(path).get("economic-motives").text == LONG


def test_an_added_long_text_is_folded_as_the_file_folds_its_own(tmp_path: Path) -> None:
    """It was one 174-column plain line in a file wrapped at about 90."""
    path = _copy(tmp_path, FLAGSHIP)
    new = NewNode(NodeKind.OBJECTION, LONG, to="russias-korean-game", note=LONG, author="R")
    node_id = add_node(path, new)
    text = path.read_text(encoding="utf-8")
    for key in ("text", "note"):
        field = _field_lines(text, node_id, key)
        assert field[0].endswith(f"{key}: >-") and len(field) == 5, field
        assert all(len(line) <= 93 for line in field)
    assert load_map(path).get(node_id).text == LONG == load_map(path).get(node_id).note


def test_a_file_with_no_folded_text_is_wrapped_at_the_default_width(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = _copy(tmp_path, MAPS / "school-uniforms.yaml")
    args = ["add", "objection", str(path), "--to", "cost", "--text", LONG, "--author", "R"]
    result = runner.invoke(main, [*args, "--id", "long"])
    assert result.exit_code == 0, result.output
    field = _field_lines(path.read_text(encoding="utf-8"), "long", "text")
    assert field[0] == "          text: >-"
    assert max(len(line) for line in field) <= DEFAULT_WIDTH < len(LONG)
    # Edited short, it keeps the style it has, as every edit does; a plain one stays plain.
    for node_id, text in (("long", "Short now."), ("upfront-cost", "Short too.")):
        result = runner.invoke(main, ["edit", str(path), node_id, "--text", text, "--force"])
        assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert _field_lines(text, "long", "text") == ["          text: >-", " " * 12 + "Short now."]
    assert _field_lines(text, "upfront-cost", "text") == ["          text: Short too."]


@pytest.mark.parametrize(
    "text",
    [
        LONG.replace("alone ", "alone  "),  # a double space is kept
        "  " + LONG,  # a leading space: a block scalar would need an indentation indicator
        LONG + " ",
    ],
)
def test_a_long_text_that_cannot_be_folded_exactly_keeps_todays_form(
    tmp_path: Path, text: str
) -> None:
    path = _copy(tmp_path, MAPS / "school-uniforms.yaml")
    edit_node(path, "cost", {"text": text})
    assert load_map(path).get("cost").text == text
    if text.startswith(" ") or text.endswith(" "):  # quoted on one line, as before
        assert len(_field_lines(path.read_text(encoding="utf-8"), "cost", "text")) == 1


def test_a_comment_on_the_texts_line_stays_after_the_fold(tmp_path: Path) -> None:
    source = "title: T\nthesis:\n  id: t\n  text: Short.  # the motion\n"
    path = write(tmp_path, "m.yaml", source)
    edit_node(path, "t", {"text": LONG})
    text = path.read_text(encoding="utf-8")
    assert "  text: >-  # the motion\n" in text
    assert load_map(path).thesis.text == LONG


_PIECES = st.sampled_from(
    [" ", "  ", "\t", "#", " # ", ": ", ":", "'", '"', "-", "- ", ">", "|", "\\", "é", "Ж",
     "😀", "\u00a0", "\u3000", "\n", "word", "anotherword", "x" * 30, "[", "{", "*", "&"]
)  # fmt: skip
TEXTS = st.lists(_PIECES | st.text(max_size=8), max_size=60).map("".join)
"""Texts with YAML's special characters, spaces of every kind and long runs of words."""


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 40), st.integers(60, 120), st.sampled_from([2, 4]))
@example("\xa0# " + "x" * 30, 26, 60, 2)  # folded, it would not read back: one line, past 60
def test_a_rendered_text_reads_back_the_same(text: str, col: int, width: int, step: int) -> None:
    """Folded or not, the lines a text or note is written in read back as the text, by
    both parsers maps are read with; folded lines fit the width where words allow."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    text = "".join(ch for ch in text if not "\ud800" <= ch <= "\udfff")
    if shows_nothing(text):
        return  # refused as a statement (ruamel writes some of them wrong: see _exact)
    for value in (text, FoldedScalarString(text)):
        lines = render_fields({"text": value, "id": "x"}, col, Wrap(width, step))
        source = "".join(lines)
        assert parse_text(source, "t.yaml").data["text"] == text, source
        assert load_round_trip(source, "t.yaml")["text"] == text, source
        if lines[0].endswith(">-\n") and fold_lines("text", text, col, Wrap(width, step)):
            body = [line.rstrip("\n") for line in lines[1:-1]]
            # Only a word longer than the width (no single space to fold at) runs past it.
            # (A text whose folds would not read back the same, `\xa0# x`, is kept whole.)
            one_word = [len(folded_rows(line.strip(), 0)) == 1 for line in body]
            assert all(
                len(line) <= width or alone for line, alone in zip(body, one_word, strict=True)
            )


@settings(max_examples=25, deadline=None)
@given(TEXTS.filter(lambda s: not shows_nothing(s) and "\x00" not in s))
def test_add_and_edit_read_back_any_text(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    text = "".join(ch for ch in text if not "\ud800" <= ch <= "\udfff")
    if shows_nothing(text):
        return
    path = _copy(tmp_path_factory.mktemp("wrap"), FLAGSHIP)
    new = NewNode(NodeKind.OBJECTION, text, to="economic-motives", id="new", author="R")
    add_node(path, new)
    assert load_map(path).get("new").text == text
    edit_node(path, "economic-motives", {"text": text, "note": text})
    edited = load_map(path).get("economic-motives")
    assert (edited.text, edited.note) == (text, text)
