"""Tags: one line of visible text, no space at either end, each once (files, CLI, model)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.cli import main
from argmap.load.schema import json_schema
from argmap.model import Node, NodeKind
from argmap.model.records import NAME_PATTERN
from argmap.model.tags import TAG_PATTERN, tag_problem
from tests.conftest import MAPS, ROOT, write

BAD_FILE = """\
title: T
thesis:
  text: A thesis.
  tags: ["", "  ", "a\\nb", " pad", "tab\\there"]
  premises:
    - text: A reason.
      tags:
        - cost
        - fairness
        - cost
"""


def test_bad_tags_in_a_file_are_each_located(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", BAD_FILE)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:4:10: thesis.tags[0]: tag '' is empty; write a word or phrase, "
        "or leave the tag out",
        f"{path}:4:14: thesis.tags[1]: tag '  ' is empty; write a word or phrase, "
        "or leave the tag out",
        f"{path}:4:20: thesis.tags[2]: tag 'a\\nb' holds a line break; a tag is one line: "
        "join the lines, or make them two tags",
        f"{path}:4:28: thesis.tags[3]: tag ' pad' has a space at its start or end; remove it",
        f"{path}:4:36: thesis.tags[4]: tag 'tab\\there' holds a control character (U+0009); "
        "remove it",
        f"{path}:10:11: thesis.premises[0].tags[2]: tag 'cost' is listed twice "
        "(tags[0] and tags[2]); list each tag once",
    ]


def test_bad_tags_in_a_json_map_are_located(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "m.json", '{"title": "T", "thesis": {"text": "A", "tags": ["x", ""]}}')
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:1:54: thesis.tags[1]: tag '' is empty; write a word or phrase, "
        "or leave the tag out\n"
    )


def test_good_tags_validate(runner: CliRunner, tmp_path: Path) -> None:
    path = write(
        tmp_path, "m.yaml", 'title: T\nthesis:\n  text: A.\n  tags: [cost, "two words", Cost, é]\n'
    )
    assert runner.invoke(main, ["validate", str(path)]).exit_code == 0


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (["''"], "--tag: '' is empty; write a word or phrase, or leave the tag out"),
        (["'  '"], "--tag: '  ' is empty; write a word or phrase, or leave the tag out"),
        (
            ["$'a\\nb'"],
            "--tag: 'a\\nb' holds a line break; a tag is one line: join the lines, "
            "or make them two tags",
        ),
        (["' x'"], "--tag: ' x' has a space at its start or end; remove it"),
        (["x", "y", "x"], "--tag: 'x' is given twice; give each tag once"),
    ],
    ids=["empty", "blank", "two-lines", "padded", "twice"],
)
@pytest.mark.parametrize("command", ["add", "edit"])
def test_bad_tag_options_are_misuse_and_write_nothing(
    runner: CliRunner, tmp_path: Path, tags: list[str], message: str, command: str
) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes((MAPS / "school-uniforms.yaml").read_bytes())
    before = path.read_bytes()
    values = [_shell_value(tag) for tag in tags]
    options = [arg for tag in values for arg in ("--tag", tag)]
    if command == "add":
        args = ["add", "premise", str(path), "--to", "uniforms", "--text", "New.", "--author", "a"]
    else:
        args = ["edit", str(path), "cost"]
    result = runner.invoke(main, [*args, *options])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert path.read_bytes() == before


def _shell_value(tag: str) -> str:
    """The tag a shell would pass for ``tag`` (quoted as a shell would quote it)."""
    if tag.startswith("$'"):
        return tag[2:-1].replace("\\n", "\n")
    return tag.strip("'") if tag.startswith("'") else tag


def test_bad_tag_option_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes((MAPS / "school-uniforms.yaml").read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "add", "premise", str(path), "--to", "uniforms"]
        + ["--text", "New.", "--author", "a", "--tag", ""],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == (MAPS / "school-uniforms.yaml").read_bytes()


def test_good_tags_are_written(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes((MAPS / "school-uniforms.yaml").read_bytes())
    args = ["edit", str(path), "cost", "--tag", "money matters", "--tag", "Cost"]
    assert runner.invoke(main, args).exit_code == 0
    assert runner.invoke(main, ["validate", str(path)]).exit_code == 0
    assert "money matters" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("tags", [("",), (" a",), ("a\nb",), ("a", "a")])
def test_the_model_refuses_bad_tags(tags: tuple[str, ...]) -> None:
    with pytest.raises(ValidationError, match="tag"):
        Node(id="a", kind=NodeKind.THESIS, text="T.", tags=tags)


SCHEMA_TEXT = st.text(
    alphabet=st.characters(max_codepoint=0xFFFF)
    | st.sampled_from("\u200b\u2066\ufe0f\u3164\u115f\u034f\u17b4\u180b\uffa0 \t"),
    max_size=8,
)
"""Texts a JSON Schema pattern can judge: ECMA-262 patterns cannot name the astral ignorable
characters (tag characters), which the loader refuses alone and the pattern lets through."""


@settings(max_examples=300, deadline=None)
@given(SCHEMA_TEXT)
def test_the_schema_pattern_agrees_with_the_loader(tag: str) -> None:
    """A tag of zero-width characters only passed the schema's pattern (found by this test)."""
    assert (re.fullmatch(TAG_PATTERN, tag) is not None) == (tag_problem(tag) is None)


@settings(max_examples=300, deadline=None)
@given(SCHEMA_TEXT)
def test_the_schema_pattern_for_a_name_agrees_with_the_model(name: str) -> None:
    try:
        Node(id="a", kind=NodeKind.THESIS, text="T.", author=name)
        valid = True
    except ValidationError:
        valid = False
    assert (re.fullmatch(NAME_PATTERN, name) is not None) == valid


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("", "shows nothing"),
        ("\u200b\u2066", "shows nothing"),
        ("\u00a0", "shows nothing"),
        # printable to Python, yet invisible: a variation selector, a Hangul filler
        ("\ufe0f", "shows nothing"),
        ("\u3164\u115f", "shows nothing"),
        ("Ann\nBob", "holds a line break"),
        ("Ann\u2028Bob", "holds a line break"),
        ("Ann\x1b[2J", "holds a control character (U+001B)"),
    ],
)
def test_an_author_in_a_map_file_is_one_line_that_shows(
    tmp_path: Path, name: str, says: str
) -> None:
    """`--author` was refused blank or on two lines, but a map file's `author:` was not:
    a signature of zero-width characters signed nothing, one of two lines broke the
    outline. Refused now, located, in a node and in the source document alike."""
    import json

    thesis = {"id": "t", "text": "T.", "author": name}
    path = write(tmp_path, "m.yaml", json.dumps({"title": "T", "thesis": thesis}))
    done = CliRunner().invoke(main, ["validate", str(path)])
    assert done.exit_code == 1
    assert f"thesis.author: 'author': name {says}" in done.stderr
    assert done.stderr.startswith(f"{path}:1:")
    document = {"title": "D", "author": name}
    path = write(
        tmp_path,
        "d.yaml",
        json.dumps({"title": "T", "source": document, "thesis": {"id": "t", "text": "T."}}),
    )
    done = CliRunner().invoke(main, ["validate", str(path)])
    assert done.exit_code == 1 and "author" in done.stderr and says in done.stderr


@pytest.mark.parametrize(
    ("tags", "valid"),
    [
        (["a", "two words"], True),
        ([""], False),
        (["a\nb"], False),
        ([" a"], False),
        (["a", "a"], False),
    ],
)
def test_editors_see_the_same_rules_in_the_schema(tags: list[str], valid: bool) -> None:
    import jsonschema

    data = {"title": "T", "thesis": {"text": "A.", "tags": tags}}
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(data))
    assert not errors if valid else errors
