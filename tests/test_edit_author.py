"""Who signs a node: a blank --author or ARGMAP_AUTHOR is refused, not passed over."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.editing.inputs import resolve_author
from tests.conftest import MAPS


def _map(tmp_path: Path) -> Path:
    path = tmp_path / "m.yaml"
    path.write_bytes((MAPS / "school-uniforms.yaml").read_bytes())
    return path


def _with_git_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A git user.name to fall back to, as on a reviewer's machine."""
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Git Person\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("ARGMAP_AUTHOR", raising=False)


@pytest.mark.parametrize("blank", ["", "  ", "\t"])
@pytest.mark.parametrize("command", ["add", "edit", "new"])
def test_a_blank_author_option_is_refused_not_replaced_by_git_user_name(
    tmp_path: Path,
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    blank: str,
    command: str,
) -> None:
    """``--author "$REVIEWER"`` with the variable unset signed the node with git's
    user.name (add), was a long "the map would be invalid" (edit), or left the thesis
    unsigned (new), exit 0 or 1. Refused now as misuse, naming the option."""
    _with_git_name(tmp_path, monkeypatch)
    path = _map(tmp_path)
    before = path.read_bytes()
    args = {
        "add": ["add", "objection", str(path), "--to", "cost", "--text", "Blank author."],
        "edit": ["edit", str(path), "cost"],
        "new": ["new", str(tmp_path / "n.yaml"), "--title", "T", "--thesis", "A thesis."],
    }[command]
    result = runner.invoke(main, [*args, "--author", blank])
    assert result.exit_code == 2, result.output
    assert "--author" in result.stderr and "write a name" in result.stderr
    assert "Git Person" not in path.read_text(encoding="utf-8")
    assert path.read_bytes() == before and not (tmp_path / "n.yaml").exists()


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_argmap_author_is_refused_naming_the_variable(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, blank: str
) -> None:
    _with_git_name(tmp_path, monkeypatch)
    monkeypatch.setenv("ARGMAP_AUTHOR", blank)
    path = _map(tmp_path)
    before = path.read_bytes()
    args = ["add", "objection", str(path), "--to", "cost", "--text", "Blank author."]
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "ARGMAP_AUTHOR" in result.stderr and "unset it" in result.stderr
    assert path.read_bytes() == before
    # --author wins over the variable, blank or not
    result = runner.invoke(main, [*args, "--author", "Ann"])
    assert result.exit_code == 0, result.output
    assert "author: Ann" in path.read_text(encoding="utf-8")


def test_git_user_name_signs_only_when_neither_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_git_name(tmp_path, monkeypatch)
    assert resolve_author(None, tmp_path) == "Git Person"
    assert resolve_author(" Ann ", tmp_path) == "Ann"
    with pytest.raises(ValueError, match="^--author is empty"):
        resolve_author("", tmp_path)
    monkeypatch.setenv("ARGMAP_AUTHOR", "\u200b ")
    with pytest.raises(ValueError, match="^ARGMAP_AUTHOR shows nothing"):
        resolve_author(None, tmp_path)


@pytest.mark.parametrize("blank", ["", "  ", "\u200b"])
@pytest.mark.parametrize(
    "command",
    ["add --text", "edit --text", "new --thesis", "new --title"],
)
def test_a_blank_statement_or_title_is_misuse_named_by_its_option(
    tmp_path: Path, runner: CliRunner, blank: str, command: str
) -> None:
    """``add --text "  "`` exited 1, "the map would be invalid", naming the path the new
    node would have had (``thesis.premises[0].text``); a blank --author exits 2."""
    path = _map(tmp_path)
    before = path.read_bytes()
    verb, option = command.split()
    args = {
        "add": ["add", "objection", str(path), "--to", "cost", "--author", "R"],
        "edit": ["edit", str(path), "cost"],
        "new": ["new", str(tmp_path / "n.yaml"), "--title", "T", "--thesis", "A thesis."],
    }[verb]
    result = runner.invoke(main, [*args, option, blank])
    assert result.exit_code == 2, result.output
    assert option in result.stderr and "write the" in result.stderr
    assert "premises[" not in result.stderr
    assert path.read_bytes() == before and not (tmp_path / "n.yaml").exists()
