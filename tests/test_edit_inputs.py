"""What a reviewer types into ``add`` and ``edit``: checked as options, written as given."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap.editing.fastplace
from argmap.cli import main
from argmap.editing.add import NewNode, add_node
from argmap.editing.edit import edit_node
from argmap.errors import ArgmapError
from argmap.load.maps import load_map
from argmap.model import NodeKind
from tests.conftest import MAPS, ROOT


def _map(tmp_path: Path, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes((MAPS / "school-uniforms.yaml").read_bytes())
    return path


def _with_git_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A git user.name to fall back to, as on a reviewer's machine; the variables it takes."""
    config = tmp_path / "gitconfig"
    config.write_text('[user]\n\tname = Git \\"Gee\\" Person\n', encoding="utf-8")
    env = {"GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ARGMAP_AUTHOR", raising=False)
    return env


ADD = ["add", "evidence", "MAP", "--to", "cost", "--text", "Receipts.", "--author", "R"]
EDIT = ["edit", "MAP", "survey-costs"]


@pytest.mark.parametrize(
    ("command", "option", "value", "said"),
    [
        (ADD, "--basis", "stats", "Error: --basis: 'stats' is not one of 'quote', 'statistic'"),
        (EDIT, "--basis", "stats", "Error: --basis: 'stats' is not one of 'quote', 'statistic'"),
        (ADD, "--source", "nope", "Error: --source: unknown source 'nope' (the map's sources: "),
        (EDIT, "--source", "survy", "Error: --source: unknown source 'survy'; did you mean"),
    ],
)
def test_a_basis_or_source_the_map_lacks_is_misuse_named_by_its_option(
    tmp_path: Path, runner: CliRunner, command: list[str], option: str, value: str, said: str
) -> None:
    """They exited 1, "the map would be invalid", naming the place the new node would have
    had (``thesis.premises[0].evidence[2].basis``); a bad ``--strength`` exited 2."""
    path = _map(tmp_path)
    before = path.read_bytes()
    args = [str(path) if arg == "MAP" else arg for arg in command]
    result = runner.invoke(main, [*args, option, value])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(said), result.stderr
    if option == "--basis":
        assert result.stderr.rstrip().endswith("did you mean 'statistic'?")
    else:
        assert "(the map's sources: survey)" in result.stderr
    assert "premises[" not in result.stderr and "\n" not in result.stderr.rstrip()
    assert path.read_bytes() == before


def test_an_unknown_basis_is_misuse_in_a_real_process(tmp_path: Path) -> None:
    path = _map(tmp_path)
    before = path.read_bytes()
    args = ["add", "evidence", str(path), "--to", "cost", "--text", "x y z", "--basis", "stats"]
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *args, "--author", "R"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("Error: --basis: 'stats' is not one of")
    assert path.read_bytes() == before


def test_statement_options_lose_the_space_at_their_ends(tmp_path: Path, runner: CliRunner) -> None:
    """A pasted ``'... yes/no? '`` was written quoted with its space, and a long text with
    one stayed on one 260-column line: folding would have changed it."""
    path = _map(tmp_path)
    long = "Uniforms cost more than the survey says, " * 6 + "yes/no? "
    args = ["add", "objection", str(path), "--to", "cost", "--author", "R"]
    result = runner.invoke(main, [*args, "--text", f"  {long}", "--note", "\tchecked \n"])
    assert result.exit_code == 0, result.output
    node_id = result.stdout.strip()
    edited = ["edit", str(path), node_id, "--quote", " the survey says ", "--force"]  # R's
    result = runner.invoke(main, edited)
    assert result.exit_code == 0, result.output
    node = load_map(path).get(node_id)
    assert (node.text, node.note, node.quote) == (long.strip(), "checked", "the survey says")
    text = path.read_text(encoding="utf-8")
    assert "text: >-\n" in text and "yes/no? '" not in text  # folded at the file's width
    assert max(len(line) for line in text.splitlines()) <= 100


@pytest.mark.parametrize("option", ["--quote", "--note"])
def test_a_quote_or_note_that_shows_nothing_is_misuse(
    tmp_path: Path, runner: CliRunner, option: str
) -> None:
    path = _map(tmp_path)
    before = path.read_bytes()
    result = runner.invoke(main, ["edit", str(path), "cost", option, "  "])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {option}: shows nothing")
    assert path.read_bytes() == before


BOOLEAN_WORDS = ["yes", "No", "ON", "off", "y", "N"]


@pytest.mark.parametrize("word", BOOLEAN_WORDS)
def test_yaml_1_1_boolean_words_are_written_quoted(
    tmp_path: Path, runner: CliRunner, word: str
) -> None:
    """``add --text yes`` wrote ``id: yes`` and ``text: yes``: text to argmap (YAML 1.2),
    true to a YAML 1.1 reader (PyYAML, many linters)."""
    from ruamel.yaml import YAML

    path = _map(tmp_path)
    args = ["add", "objection", str(path), "--to", "cost", "--text", word, "--author", "Y"]
    result = runner.invoke(main, [*args, "--note", word, "--tag", word])
    assert result.exit_code == 0, result.output
    node_id = result.stdout.strip()
    assert node_id == word.lower()
    older = YAML(typ="safe")
    older.version = (1, 1)
    data = older.load(path.read_text(encoding="utf-8"))
    added = data["thesis"]["premises"][0]["objections"][-1]
    assert (added["id"], added["text"], added["note"]) == (node_id, word, word)
    assert added["tags"] == [word] and added["author"] == "Y"


def test_a_rename_to_a_boolean_word_quotes_every_link_to_it(tmp_path: Path) -> None:
    path = tmp_path / "links.yaml"
    path.write_text(
        "title: T\nthesis:\n  id: t\n  text: The thesis holds.\n  premises:\n"
        "    - id: a\n      text: A holds.\n"
        "    - id: b\n      text: B holds.\n      evidence:\n"
        "        - id: e\n          text: E is so.\n          links:\n            - a\n"
        "        - id: f\n          text: F is so.\n          links:\n"
        "            - to: a\n              relation: supports\n",
        encoding="utf-8",
    )
    edit_node(path, "a", {}, new_id="yes")
    text = path.read_text(encoding="utf-8")
    assert "- id: 'yes'\n" in text and "- 'yes'\n" in text and "- to: 'yes'\n" in text


def test_new_quotes_a_boolean_thesis(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "n.yaml"
    result = runner.invoke(main, ["new", str(target), "--title", "On", "--thesis", "yes"])
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "title: 'On'\n" in text and "id: 'yes'\n" in text and "text: 'yes'\n" in text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["cost", "--clear", "basis"], "'cost' has no basis"),
        (["cost", "--clear", "source", "--clear", "quote"], "'cost' has no source or quote"),
        (["second-hand", "--no-undercut"], "'second-hand' does not undercut"),
        (["survey-costs", "--basis", "statistic"], "'survey-costs' already has the basis given"),
        (
            ["cost", "--id", "cost", "--clear", "tags"],
            "'cost' has no tags and already has the id given",
        ),
    ],
)
def test_an_edit_that_changes_nothing_says_so(
    tmp_path: Path, runner: CliRunner, args: list[str], said: str
) -> None:
    """``edit r.yaml cost --clear basis`` said "edited cost", exit 0, the file unchanged."""
    path = _map(tmp_path)
    before = path.read_bytes()
    result = runner.invoke(main, ["edit", str(path), *args])
    assert result.exit_code == 1, result.output
    assert result.stderr == f"{path}: nothing to change: {said}\n"
    assert path.read_bytes() == before
    # One thing to change among them, and it is an edit.
    result = runner.invoke(main, ["edit", str(path), *args, "--note", "Checked."])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"{path}: edited ")


def test_a_map_of_records_says_nothing_to_change_as_a_nested_map_does(tmp_path: Path) -> None:
    nested = _map(tmp_path, "nested.yaml")
    flat = tmp_path / "flat.yaml"
    flat.write_text(
        "title: T\nnodes:\n"
        "  - {id: t, kind: thesis, text: The thesis holds.}\n"
        "  - {id: cost, kind: premise, text: It costs less., parent: t, relation: supports}\n",
        encoding="utf-8",
    )
    for path in (nested, flat):
        before = path.read_bytes()
        with pytest.raises(ArgmapError, match=r"nothing to change: 'cost' has no basis$"):
            edit_node(path, "cost", {}, ["basis"])
        assert path.read_bytes() == before


LINES = [
    "First line of a long rebuttal.\nSecond line: with a colon.\n\n- a dash line\n# not a comment",
    "One.\n  Indented: two.\n\tTabbed three.",
    "Ends in spaces.   \nThen more.",  # a line ending in spaces: quoted, not a block
    "A 'quote' and a \"quote\" #1\n- yes",
]


def _slowly(patch: pytest.MonkeyPatch, change: Callable[[], object]) -> None:
    """Make the change the round-trip way (no marks from the C parser)."""
    with patch.context() as slow:
        slow.setattr(argmap.editing.fastplace, "open_fast", lambda path, text, checked=None: None)
        change()


@pytest.mark.parametrize("ends", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("text", LINES, ids=range(len(LINES)))
def test_a_text_of_several_lines_is_a_block_that_reads_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, ends: str
) -> None:
    """It was written as one escaped line, ``"First line...\\nSecond..."``; now as a
    literal block where a block holds it, the same bytes the fast way and the round-trip
    way, by add and by edit."""
    source = (MAPS / "school-uniforms.yaml").read_text(encoding="utf-8").replace("\n", ends)
    files: list[bytes] = []
    for way in ("fast", "slow"):
        path = tmp_path / f"{way}.yaml"
        path.write_bytes(b"\xef\xbb\xbf" + source.encode("utf-8"))
        new = NewNode(NodeKind.REBUTTAL, text, to="upfront-cost", author="R")

        def change(path: Path = path, new: NewNode = new) -> None:
            add_node(path, new)
            edit_node(path, "cost", {"text": text, "note": f"Note.\n{text}"})

        if way == "fast":
            change()
        else:
            _slowly(monkeypatch, change)
        m = load_map(path)
        added = [node for node in m.nodes if node.parent == "upfront-cost"][-1]
        assert added.text == text and m.get("cost").text == text
        assert m.get("cost").note == f"Note.\n{text}"
        files.append(path.read_bytes())
    assert files[0] == files[1]
    written = files[0].decode("utf-8")
    assert written.startswith("\ufeff") and "\n" not in written.replace(ends, "")
    blocks = written.count(f"text: |-{ends}")
    assert blocks == (0 if "   \n" in text else 2)
    assert ("\\n" in written) == ("   \n" in text)


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, ' (signed "Git \\"Gee\\" Person", from git user.name)\n'),
        ({"ARGMAP_AUTHOR": "Ann"}, ' (signed "Ann", from ARGMAP_AUTHOR)\n'),
    ],
)
def test_add_says_whose_name_it_signed_with_when_no_author_was_given(
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    env: dict[str, str],
    said: str,
) -> None:
    """It signed with git's user.name (a shared machine's, say) and printed only the id."""
    _with_git_name(tmp_path, monkeypatch)
    path = _map(tmp_path)
    args = ["add", "premise", str(path), "--to", "uniforms", "--text", "Phones distract."]
    result = runner.invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout == "phones-distract\n"
    assert result.stderr == f"{path}: added phones-distract{said}"
    result = runner.invoke(main, [*args[:-1], "Named.", "--author", "Ann"], env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "named\n", "")


def test_add_says_whose_name_it_signed_with_in_a_real_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _with_git_name(tmp_path, monkeypatch)
    path = _map(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "add", "premise", str(path)]
        + ["--to", "uniforms", "--text", "Phones distract."],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={**os.environ, **env},
    )
    assert (done.returncode, done.stdout) == (0, "phones-distract\n")
    assert done.stderr == (
        f'{path}: added phones-distract (signed "Git \\"Gee\\" Person", from git user.name)\n'
    )
    assert load_map(path).get("phones-distract").author == 'Git "Gee" Person'


@pytest.mark.parametrize(
    ("given", "date", "locator"),
    [
        (["--citation", "Gallup, 2023, p. 4"], "2023", "p. 4"),
        (["--citation", "Gallup, pp. 12-14"], None, "pp. 12-14"),
        (["--citation", "Interfax, January 21, 2014"], "January 21, 2014", None),
        (["--citation", "Gallup, 2023", "--locator", "sec. 2"], "2023", "sec. 2"),
    ],
)
def test_a_page_ending_a_citation_is_its_locator_not_its_date(
    tmp_path: Path, runner: CliRunner, given: list[str], date: str | None, locator: str | None
) -> None:
    path = _map(tmp_path)
    add = ["add", "evidence", str(path), "--to", "cost", "--text", "Most agree.", *given]
    result = runner.invoke(main, [*add, "--author", "T"])
    assert result.exit_code == 0, result.output
    citation = load_map(path).get("most-agree").citation
    assert citation is not None
    assert (citation.date, citation.locator) == (date, locator)
    edit = ["edit", str(path), "most-agree", *given]
    assert runner.invoke(main, edit).exit_code == 1  # the same citation again: nothing to change


def test_a_locator_needs_a_citation(tmp_path: Path, runner: CliRunner) -> None:
    path = _map(tmp_path)
    before = path.read_bytes()
    for command in (
        ["add", "evidence", str(path), "--to", "cost", "--text", "X.", "--author", "T"],
        ["edit", str(path), "cost"],
    ):
        result = runner.invoke(main, [*command, "--locator", "p. 4"])
        assert result.exit_code == 2 and "--locator goes with --citation" in result.stderr
    assert path.read_bytes() == before


def test_linking_with_an_independent_premise_says_it_made_a_group(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = _map(tmp_path)
    add = ["add", "premise", str(path), "--to", "uniforms", "--linked-with", "cost"]
    result = runner.invoke(main, [*add, "--text", "Families can budget.", "--author", "T"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "families-can-budget\n"  # the id alone, for scripts
    assert result.stderr == (
        f"{path}: linked cost (was an independent reason) with families-can-budget as group "
        "cost-group: they support uniforms only together\n"
    )
    assert load_map(path).get("cost").group == "cost-group"
    result = runner.invoke(main, [*add, "--text", "A third.", "--author", "T"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "a-third\n", "")  # joined
