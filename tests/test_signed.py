"""A reviewer's signed node is theirs: rewording, re-signing or removing it takes --force."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.load.maps import load_map
from tests.conftest import MAPS

TEXT = "Uniforms stop pupils expressing themselves, a little."


@pytest.fixture
def signed(tmp_path: Path) -> Path:
    """The uniforms map: its objection ``expression`` is signed by A. Reviewer."""
    path = tmp_path / "m.yaml"
    shutil.copy(MAPS / "school-uniforms.yaml", path)
    assert load_map(path).get("expression").author == "A. Reviewer"
    return path


def _run(args: list[str], who: str | None = "B. Critic") -> tuple[int, str]:
    env = {"ARGMAP_AUTHOR": who} if who is not None else {"ARGMAP_AUTHOR": None}
    result = CliRunner().invoke(main, args, env=env)
    return result.exit_code, result.output


def test_another_persons_words_are_not_changed_under_their_name(signed: Path) -> None:
    """B rewrote A's objection and it still read "A. Reviewer": now refused, file unchanged."""
    before = signed.read_bytes()
    code, out = _run(["edit", str(signed), "expression", "--text", TEXT])
    assert code == 1 and out.count("\n") == 1
    assert "'expression' is signed by A. Reviewer" in out and "--force" in out
    for field in (["--note", "A note."], ["--clear", "author"], ["--quote", "q"]):
        assert _run(["edit", str(signed), "expression", *field])[0] == 1, field
    assert signed.read_bytes() == before


def test_force_changes_them(signed: Path) -> None:
    assert _run(["edit", str(signed), "expression", "--text", TEXT, "--force"])[0] == 0
    node = load_map(signed).get("expression")
    assert (node.text, node.author) == (TEXT, "A. Reviewer")
    args = ["edit", str(signed), "expression", "--text", "Mine now.", "--author", "B", "--force"]
    assert _run(args)[0] == 0 and load_map(signed).get("expression").author == "B"


def test_another_persons_node_is_not_re_signed_without_force(signed: Path) -> None:
    """`edit --author B` took A's objection over (and with --text, reversed it), exit 0:
    their work went out under another name, and the answers to it answered B's words."""
    before = signed.read_bytes()
    for extra in ([], ["--text", "Mine now."]):
        code, out = _run(["edit", str(signed), "expression", "--author", "B. Critic", *extra])
        assert code == 1 and out.count("\n") == 1, out
        assert "is signed by A. Reviewer: re-signed as B. Critic" in out and "--force" in out
    assert signed.read_bytes() == before
    # Signing with their own name is the signer's: A. Reviewer rewords their node.
    args = ["edit", str(signed), "expression", "--author", "a. reviewer", "--text", TEXT]
    code, out = _run(args)
    assert code == 0, out


def test_rewording_a_node_others_answered_warns_them(signed: Path) -> None:
    """Reworded, a node no longer says what the nodes under it signed by others answered."""
    code, out = _run(["add", "rebuttal", str(signed), "--to", "expression", "--text", "No."])
    assert code == 0, out
    code, out = _run(["edit", str(signed), "expression", "--text", TEXT], "A. Reviewer")
    assert code == 0
    warning = out.splitlines()[-1]
    assert warning.startswith(f"{signed}: warning: 'expression' now says something else")
    assert "signed by B. Critic answered what it said" in warning
    code, out = _run(["edit", str(signed), "expression", "--tag", "x"], "A. Reviewer")
    assert code == 0 and "warning" not in out  # its words are as they were
    code, out = _run(["edit", str(signed), "expression", "--text", TEXT], "A. Reviewer")
    assert code == 1 and "nothing to change" in out


def test_the_signer_and_the_map_keeper_edit_freely(signed: Path) -> None:
    """The signer, however they type their name, rewords their own node; anyone tags,
    renames or assesses another's (those are the map keeper's, not the words)."""
    assert _run(["edit", str(signed), "expression", "--text", TEXT], " a.  reviewer")[0] == 0
    assert _run(["edit", str(signed), "expression", "--tag", "style"])[0] == 0
    assert _run(["edit", str(signed), "expression", "--id", "self-expression"])[0] == 0
    assert load_map(signed).get("self-expression").text == TEXT


def test_another_persons_node_is_not_removed_without_force(signed: Path) -> None:
    before = signed.read_bytes()
    code, out = _run(["remove", str(signed), "expression"])
    assert code == 1 and "removing it deletes their work" in out
    assert signed.read_bytes() == before
    code, out = _run(["remove", str(signed), "expression", "--force"])
    assert code == 0 and out == "expression\n" and "expression" not in load_map(signed)


def test_a_branch_holding_anothers_node_is_not_removed_without_force(signed: Path) -> None:
    """--recursive takes the whole branch: one signed node in it is enough to ask."""
    code, _ = _run(["add", "rebuttal", str(signed), "--to", "expression", "--text", "No."], "C")
    assert code == 0
    code, out = _run(["remove", str(signed), "expression", "--recursive"], "C")
    assert code == 1 and "'expression' is signed by A. Reviewer" in out
    code, out = _run(["remove", str(signed), "expression", "--recursive"], "A. Reviewer")
    assert code == 1 and "signed by C" in out
    assert _run(["remove", str(signed), "expression", "--recursive", "--force"])[0] == 0


def test_with_no_name_known_a_signed_node_asks_for_one(
    signed: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path))
    code, out = _run(["remove", str(signed), "expression"], None)
    assert code == 1 and "set ARGMAP_AUTHOR or git's user.name" in out


def test_a_premise_another_signed_is_not_linked_without_force(signed: Path) -> None:
    """Linked, A's premise would support only together with B's new one: A's argument
    changed under A's name. B is refused (nothing written), A or --force may link it;
    an unsigned premise is linked as before (the command says so)."""
    text = signed.read_text(encoding="utf-8")
    signed.write_text(
        text.replace("    - id: cost\n", "    - id: cost\n      author: A. Reviewer\n", 1),
        encoding="utf-8",
    )
    before = signed.read_bytes()
    link = ["add", "premise", str(signed), "--to", "uniforms", "--linked-with", "cost"]
    code, out = _run([*link, "--text", "Families can budget for one outfit."])
    assert code == 1 and "'cost' is signed by A. Reviewer and supports alone" in out
    assert signed.read_bytes() == before
    code, out = _run([*link, "--text", "Families can budget for one outfit.", "--force"])
    assert code == 0 and "linked cost (was an independent reason)" in out
    assert load_map(signed).get("cost").group is not None
    code, _ = _run([*link, "--text", "And it lasts the year.", "--author", "a. reviewer"])
    assert code == 0
    free = ["add", "premise", str(signed), "--to", "uniforms", "--linked-with", "identity"]
    assert _run([*free, "--text", "Pupils see themselves as one school."])[0] == 0


def test_the_signers_name_however_typed_keeps_its_spelling(signed: Path) -> None:
    """`--author "a.  reviewer"` on A. Reviewer's node was taken as theirs (it is) and wrote
    the typed spelling over the signature: a second spelling of one author in stats."""
    args = ["edit", str(signed), "expression", "--author", "a.  reviewer", "--text", TEXT]
    code, out = _run(args)
    assert code == 0, out
    node = load_map(signed).get("expression")
    assert (node.text, node.author) == (TEXT, "A. Reviewer")


def test_the_warning_tells_of_other_peoples_answers_in_what_changed(signed: Path) -> None:
    """A forced edit told its editor to ask themself; an undercut turned on read as new words."""
    for who, text in (("B. Critic", "No."), ("C. Other", "Not so.")):
        code, out = _run(
            ["add", "rebuttal", str(signed), "--to", "expression", "--text", text], who
        )
        assert code == 0, out
    code, out = _run(["edit", str(signed), "expression", "--text", TEXT, "--force"])
    assert code == 0 and "signed by C. Other answered" in out and "B. Critic" not in out
    args = ["add", "rebuttal", str(signed), "--to", "upfront-cost", "--text", "Dear still."]
    assert _run(args, "C. Other")[0] == 0
    code, out = _run(["edit", str(signed), "upfront-cost", "--undercut"])
    assert code == 0 and "'upfront-cost' now undercuts its link, not the claim" in out
    code, out = _run(["edit", str(signed), "upfront-cost", "--clear", "undercut"])
    assert code == 0 and "now attacks the claim, not its link" in out and "C. Other" in out
