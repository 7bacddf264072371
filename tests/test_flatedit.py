"""Edits of a map written one record a node, as ``import`` writes a map over 100 levels deep."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import render_map
from argmap.cli import main
from argmap.editing.add import NewNode, add_node
from argmap.editing.edit import edit_node
from argmap.editing.remove import remove_node
from argmap.interop.argdown.writer import to_argdown
from argmap.load.flat import is_flat
from argmap.load.maps import load_map
from argmap.load.parse import make_yaml
from argmap.model import NodeKind, Relation
from tests.conftest import CASES, write
from tests.deepmaps import deep_chain

DAY = dt.date(2026, 1, 2)


def _flat_copy(tmp_path: Path, source: Path) -> Path:
    """The map written one record a node (as import writes a deep map), unset fields left out."""
    m = load_map(source)
    data = json.loads(str(render_map(m, "json")))
    data = {k: v for k, v in data.items() if v is not None}
    data["nodes"] = [{k: v for k, v in r.items() if v not in (None, [])} for r in data["nodes"]]
    buffer = io.StringIO()
    make_yaml().dump(data, buffer)
    path = tmp_path / f"flat-{source.name}"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert is_flat(make_yaml().load(buffer.getvalue()))
    return path


def _same_map(nested: Path, flat: Path) -> None:
    """The two files hold one map: the same nodes, whatever order their records are in."""
    a, b = load_map(nested), load_map(flat)
    assert a.title == b.title
    assert sorted(a.nodes, key=lambda n: n.id) == sorted(b.nodes, key=lambda n: n.id)


_EDITS: list[tuple[str, Callable[[Path], object]]] = [
    ("text and tags", lambda p: edit_node(p, "traffic", {"text": "Less traffic.", "tags": ["a"]})),
    ("rename a parent", lambda p: edit_node(p, "traffic", {}, new_id="congestion")),
    ("rename a link target", lambda p: edit_node(p, "school-route", {}, new_id="route")),
    ("undercut", lambda p: edit_node(p, "induced", {"undercut": True})),
    (
        "clear undercut",
        lambda p: [
            edit_node(p, "induced", {"undercut": True}),
            edit_node(p, "induced", {}, ["undercut"]),
        ],
    ),
    # With another change: alone, an edit that changes nothing is refused (test_edit_inputs).
    ("clear no undercut", lambda p: edit_node(p, "traffic", {"tags": ["t"]}, ["undercut"])),
    ("no undercut", lambda p: edit_node(p, "induced", {"undercut": False, "tags": ["t"]})),
    ("clear a field", lambda p: edit_node(p, "council-counts", {}, ["source"])),
    ("author", lambda p: edit_node(p, "wetland", {"author": "R. Viewer"})),
    ("unlink", lambda p: edit_node(p, "cost", {}, unlink=["traffic"])),
    ("unlink all", lambda p: edit_node(p, "cost", {}, unlink=["traffic", "school-route"])),
    ("remove a leaf", lambda p: remove_node(p, "council-counts")),
    ("remove a branch", lambda p: remove_node(p, "traffic", recursive=True)),
    ("remove a link target", lambda p: remove_node(p, "school-route", recursive=True)),
    ("remove from a pair", lambda p: remove_node(p, "safety")),
    ("add", lambda p: add_node(p, NewNode(NodeKind.OBJECTION, "No.", "traffic", added=DAY))),
    (
        "add linked",
        lambda p: add_node(p, NewNode(NodeKind.PREMISE, "Too.", "bypass", linked_with="traffic")),
    ),
    (
        "add to a group",
        lambda p: add_node(p, NewNode(NodeKind.PREMISE, "And.", "bypass", linked_with="safety")),
    ),
]


@pytest.mark.parametrize(("name", "change"), _EDITS, ids=[name for name, _ in _EDITS])
def test_edits_of_records_give_the_map_a_nested_edit_gives(
    tmp_path: Path, name: str, change: Callable[[Path], object]
) -> None:
    """Each edit, remove and add of a flat map makes the map it makes of the nested one."""
    nested = tmp_path / "commented.yaml"
    nested.write_bytes((CASES / "commented.yaml").read_bytes())
    flat = _flat_copy(tmp_path, nested)
    before = flat.read_text(encoding="utf-8")
    assert change(nested) == change(flat)
    _same_map(nested, flat)
    after = flat.read_text(encoding="utf-8")
    kept = set(before.splitlines()) - set(after.splitlines())
    assert len(kept) < 30, "only the records the edit touches change"


def test_edits_change_only_their_records_lines(tmp_path: Path) -> None:
    """A rename rewrites the record's id, its children's parent and links into it; no more."""
    path = write(tmp_path, "flat.yaml", _FLAT)
    edit_node(path, "a", {"text": "Reason A, reworded."}, new_id="aa")
    removed, inserted = _diff(_FLAT, path.read_text(encoding="utf-8"))
    assert removed == ["  - id: a", "    text: Reason A.", "    parent: a"]
    assert inserted == ["  - id: aa", "    text: Reason A, reworded.", "    parent: aa"]
    remove_node(path, "a1")
    assert "Evidence for A" not in path.read_text(encoding="utf-8")
    assert "  # the evidence for A\n" in path.read_text(encoding="utf-8")


def test_a_new_field_goes_before_the_records_placement(tmp_path: Path) -> None:
    path = write(tmp_path, "flat.yaml", _FLAT)
    edit_node(path, "b", {"note": "Checked."})
    text = path.read_text(encoding="utf-8")
    assert "    text: Reason B.\n    note: Checked.\n    parent: t\n" in text


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["edit", "{map}", "n120", "--basis", "statistic"], "only evidence has a basis"),
        (["edit", "{map}", "n120", "--undercut"], "only objections and rebuttals can undercut"),
        (["edit", "{map}", "n120", "--id", "n121"], "id 'n121' is taken"),
        (["remove", "{map}", "n120"], "has children ('n121'"),
        (["remove", "{map}", "n0", "--recursive"], "the thesis cannot be removed"),
    ],
)
def test_edits_of_records_refuse_what_a_nested_map_refuses(
    tmp_path: Path, command: list[str], message: str
) -> None:
    """In one line, saying why; nothing written."""
    target = _deep_import(tmp_path)
    before = target.read_text(encoding="utf-8")
    args = [str(target) if part == "{map}" else part for part in command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert target.read_text(encoding="utf-8") == before


def test_edit_and_remove_in_a_deep_import(tmp_path: Path) -> None:
    """An import deeper than 100 levels is written flat; edits answered "remove 'nodes'"."""
    target = _deep_import(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["edit", str(target), "n120", "--text", "Changed.", "--id", "c"])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(main, ["remove", str(target), "n140", "--recursive"])
    assert result.exit_code == 0, result.stderr
    m = load_map(target)
    assert (m.get("c").text, m.get("n121").parent) == ("Changed.", "c")
    assert "n140" not in m and "n149" not in m and m.get("n139").parent == "n138"
    assert "\nnodes:\n" in target.read_text(encoding="utf-8")


def _deep_import(tmp_path: Path) -> Path:
    source = write(tmp_path, "deep.argdown", to_argdown(deep_chain(150)))
    target = tmp_path / "deep.yaml"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "\nnodes:\n" in target.read_text(encoding="utf-8")
    return target


def _diff(before: str, after: str) -> tuple[list[str], list[str]]:
    lines = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [x[2:] for x in lines if x[:2] == "- "], [x[2:] for x in lines if x[:2] == "+ "]


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


def test_records_in_flow_style_are_edited_the_long_way(tmp_path: Path) -> None:
    """A record on one line has no lines of its own fields: the round-trip tree is written."""
    flow = (
        "title: F\n"
        "nodes:\n"
        "  - {id: t, kind: thesis, text: T.}\n"
        "  - id: a\n    kind: premise\n    text: A.\n    parent: t\n    relation: supports\n"
        "  - {id: b, kind: premise, text: B., parent: t, relation: supports, links: "
        "[{to: a, relation: supports}]}\n"
    )
    path = write(tmp_path, "flow.yaml", flow)
    edit_node(path, "a", {}, new_id="a2")
    edit_node(path, "b", {"text": "B2."})
    m = load_map(path)
    assert (m.get("b").text, [link.to for link in m.get("b").links]) == ("B2.", ["a2"])
    assert remove_node(path, "a2", recursive=True) == ["a2"]
    assert [node.id for node in load_map(path).nodes] == ["t", "b"]
    assert load_map(path).get("b").links == ()
