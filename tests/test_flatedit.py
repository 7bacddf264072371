"""Edits of a map written one record a node, as ``import`` writes a map over 100 levels deep."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.interop.argdown.writer import to_argdown
from argmap.load.maps import load_map
from argmap.model import Relation
from tests.conftest import write
from tests.deepmaps import deep_chain


@pytest.mark.parametrize(
    "command",
    [
        ["edit", "{map}", "n120", "--text", "Changed."],
        ["remove", "{map}", "n120", "--recursive"],
        ["add", "premise", "{map}", "--to", "n120", "--text", "Co.", "--linked-with", "n121"],
    ],
)
def test_edits_refuse_a_map_written_one_record_a_node(tmp_path: Path, command: list[str]) -> None:
    """An import deeper than 100 levels is written flat: edits said to remove 'nodes'."""
    source = write(tmp_path, "deep.argdown", to_argdown(deep_chain(150)))
    target = tmp_path / "deep.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    before = target.read_text(encoding="utf-8")
    assert "\nnodes:\n" in before
    args = [str(target) if part == "{map}" else part for part in command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "one record a node" in lines[0], result.stderr
    assert "unknown field" not in lines[0]
    assert target.read_text(encoding="utf-8") == before


_FLAT = """\
title: Flat
nodes:
  - id: t
    kind: thesis
    text: The thesis.
  - id: a
    kind: premise
    text: Reason A.
    parent: t
    relation: supports
  # the evidence for A
  - id: a1
    kind: evidence
    text: Evidence for A.
    parent: a
    relation: supports
  - id: b
    kind: premise
    text: Reason B.
    parent: t
    relation: supports
"""


def test_add_writes_a_record_after_its_parents_branch(tmp_path: Path) -> None:
    """A reviewer's objection lands after the target's last record, the rest as it was."""
    path = write(tmp_path, "flat.yaml", _FLAT)
    runner = CliRunner()
    args = ["add", "objection", str(path), "--to", "a", "--text", "Objection to A."]
    result = runner.invoke(main, [*args, "--author", "R. Viewer", "--also", "b"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "objection-to-a"
    args = ["add", "objection", str(path), "--to", "a", "--text", "Cut.", "--undercut"]
    assert runner.invoke(main, [*args, "--id", "cut"]).exit_code == 0
    m = load_map(path)
    assert [node.id for node in m.nodes] == ["t", "a", "a1", "objection-to-a", "cut", "b"]
    new, cut = m.get("objection-to-a"), m.get("cut")
    assert (new.parent, new.relation, new.author) == ("a", Relation.ATTACKS, "R. Viewer")
    assert [(link.to, link.relation) for link in new.links] == [("b", Relation.ATTACKS)]
    assert (cut.parent, cut.relation) == ("a", Relation.UNDERCUTS)
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  - id: objection-to-a"), text.index("  - id: b")
    assert text[:start] + text[end:] == _FLAT  # the rest, comment and all, as it was


def test_add_to_a_deep_import_reads_back(tmp_path: Path) -> None:
    source = write(tmp_path, "deep.argdown", to_argdown(deep_chain(150)))
    target = tmp_path / "deep.yaml"
    assert CliRunner().invoke(main, ["import", str(source), "-o", str(target)]).exit_code == 0
    args = ["add", "objection", str(target), "--to", "n120", "--text", "A reviewer's objection."]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    m = load_map(target)
    assert len(m) == len(deep_chain(150)) + 1
    assert m.get("a-reviewers-objection").parent == "n120"


def test_add_refuses_what_the_map_forbids_saying_why(tmp_path: Path) -> None:
    """As an add to a nested map does: a conclusion bears on nothing, so it has no links."""
    path = write(tmp_path, "flat.yaml", _FLAT)
    args = ["add", "conclusion", str(path), "--to", "t", "--text", "So.", "--also", "a"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "a conclusion bears on nothing, so it has no 'links'" in result.stderr
    assert path.read_text(encoding="utf-8") == _FLAT
