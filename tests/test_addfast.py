"""The fast add (marks from the C parser) writes byte for byte what the round-trip add writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap.editing.add
import argmap.editing.fastplace
from argmap.editing.add import NewNode, add_node
from argmap.errors import ArgmapError
from argmap.model import CHILD_KINDS, ArgumentMap, NodeKind
from tests.strategies import TEXT, styled_maps

MAPS = sorted(Path(__file__).resolve().parent.parent.joinpath("maps").glob("*.yaml"))

ADDED = (NodeKind.OBJECTION, NodeKind.EVIDENCE, NodeKind.PREMISE, NodeKind.REBUTTAL)


def _run(folder: Path, text: str, new: NewNode) -> str:
    """Add ``new`` to a copy of ``text``; return the file afterwards, or the error."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "map.yaml"
    path.write_bytes(text.encode("utf-8"))
    try:
        add_node(path, new)
    except ArgmapError as exc:
        return f"error: {exc}".replace(str(path), "MAP")
    return path.read_bytes().decode("utf-8")


def _both(tmp_path: Path, text: str, new: NewNode, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file after the add, the fast way and the round-trip way; and how many went slow."""
    slow_opens: list[int] = []
    original = argmap.editing.add.open_session

    def counting(*args: Any) -> Any:
        slow_opens.append(1)
        return original(*args)

    with monkeypatch.context() as patch:
        patch.setattr(argmap.editing.add, "open_session", counting)
        fast = _run(tmp_path / "fast", text, new)
    with monkeypatch.context() as patch:
        patch.setattr(argmap.editing.fastplace, "open_fast", lambda path, text, checked=None: None)
        slow = _run(tmp_path / "slow", text, new)
    return [fast, slow, str(len(slow_opens))]


def _candidates(m: ArgumentMap) -> list[NewNode]:
    """One add of each allowed kind under every node (and a linked premise beside each)."""
    out: list[NewNode] = []
    for node in m.nodes:
        for kind in ADDED:
            allowed = kind in CHILD_KINDS[node.kind]
            if kind is NodeKind.REBUTTAL:
                allowed = node.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL)
            if allowed:
                out.append(_new(kind, node.id, len(out)))
        if node.kind is NodeKind.PREMISE and node.parent is not None:
            out.append(_new(NodeKind.PREMISE, node.parent, len(out), linked_with=node.id))
    return out


def _new(kind: NodeKind, to: str, n: int, linked_with: str | None = None) -> NewNode:
    return NewNode(
        kind,
        f"Added statement {n}: it holds, #not a comment.",
        to=to,
        linked_with=linked_with,
        author="Tester",
        added=dt.date(2026, 1, 2),
        tags=("fast",) if n % 2 else (),
    )


@pytest.mark.parametrize("source", MAPS, ids=lambda p: p.stem)
def test_repo_maps_fast_and_round_trip_adds_are_byte_identical(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.load.maps import load_map

    text = source.read_text(encoding="utf-8")
    m = load_map(source)
    news = _candidates(m)
    step = max(1, len(news) // 40)  # a spread of targets, not every one: each add is a file
    for i, new in enumerate(news[::step]):
        fast, slow, slow_opens = _both(tmp_path / str(i), text, new, monkeypatch)
        assert fast == slow, (source.name, new)
        if not fast.startswith("error:") and new.linked_with is None:
            assert slow_opens == "0", "the usual add took the round-trip path"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(styled_maps(), st.data())
def test_generated_maps_fast_and_round_trip_adds_are_byte_identical(
    styled: tuple[ArgumentMap, str], data: st.DataObject
) -> None:
    import tempfile

    m, text = styled
    news = _candidates(m)
    new = data.draw(st.sampled_from(news))
    if data.draw(st.booleans()):
        new = NewNode(new.kind, data.draw(TEXT), to=new.to, linked_with=new.linked_with)
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        fast, slow, _ = _both(Path(folder), text, new, patch)
    assert fast == slow


@pytest.mark.parametrize(
    "text",
    [
        # A flow target, an alias, a tag, empty child lists, a line separator (the long
        # way); and CRLF with no newline at the end.
        "title: T\nthesis: {id: t, text: Thesis.}\n",
        "title: T\nthesis:\n  id: t\n  text: &x Thesis.\n  note: *x\n",
        "title: !!str T\nthesis:\n  id: t\n  text: Thesis.\n",
        "title: T\nthesis:\n  id: t\n  text: Thesis.\n  objections:\n",
        "title: T\nthesis:\n  id: t\n  text: Thesis.\n  objections: []\n",
        'title: T\nthesis:\n  id: t\n  text: "Thesis."\n  note: "a\u2028b"\n',
        "title: T\r\nthesis:\r\n  id: t\r\n  text: Thesis.\r\n  objections:\r\n  - id: o\r\n"
        "    text: An objection.",
        "title: T  # a comment\nthesis:  # the thesis\n  id: t\n  text: Thesis.\n"
        "  premises:\n  - id: p\n    text: A premise.\n    # trailing comment\n# the end\n",
    ],
)
def test_unusual_layouts_give_the_round_trip_result(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = _new(NodeKind.OBJECTION, "t", 1)
    fast, slow, _ = _both(tmp_path, text, new, monkeypatch)
    assert fast == slow
    assert not fast.startswith("error:")


def test_refusals_are_the_same_both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "title: T\nthesis:\n  id: t\n  text: Thesis.\n"
    for new in (
        _new(NodeKind.REBUTTAL, "t", 1),
        _new(NodeKind.OBJECTION, "nope", 2),
        NewNode(NodeKind.OBJECTION, "Text.", to="t", id="t"),
    ):
        fast, slow, _ = _both(tmp_path / new.to, text, new, monkeypatch)
        assert fast == slow
        assert fast.startswith("error:")


AWKWARD = """\
%YAML 1.2
---
# A hand-written map: comments, blank lines and quoting in awkward places.
title: "Awkward"   # trailing comment
thesis:
    id: t
    text: >-
        A folded thesis
        over two lines.
    premises:

    -   id: p1   # dash and key on one line
        text: 'First premise.'
        evidence:
          - id: e1
            text: Evidence.
            citation: {outlet: Paper, date: May 1}
          # a comment closing the evidence list
    -   linked:
          - id: p2
            text: Linked one.
          - id: p3
            text: Linked two.
            objections:
            - id: o3
              text: Objection.
    # a comment before the objections
    objections:
      - {id: o1, text: A flow objection.}
      - id: o2
        text: |
          A literal
          objection.

        rebuttals:
          - id: r2
            text: Rebuttal.
# the end, no newline"""


@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("directive", [False, True])
def test_hand_written_layout_every_add_is_identical_both_ways(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crlf: bool, directive: bool
) -> None:
    from argmap.load.parse import parse_text
    from argmap.load.validate import validate_parsed

    text = AWKWARD if directive else AWKWARD.split("---\n", 1)[1]
    if crlf:
        text = text.replace("\n", "\r\n")
    m = validate_parsed(parse_text(text, "awkward.yaml"))
    for i, new in enumerate(_candidates(m)):
        fast, slow, slow_opens = _both(tmp_path / str(i), text, new, monkeypatch)
        assert fast == slow, new
        assert not fast.startswith("error:"), fast
        # A %YAML directive goes the round-trip way, as does a flow-style target (o1).
        assert slow_opens == ("1" if directive or new.to == "o1" else "0"), new


def test_add_deep_in_a_deep_chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Comparing the spliced file's data recurses per level: past Python's default limit."""
    lines = ["title: Deep", "thesis:", "  id: n0", "  text: Thesis."]
    indent = "  "
    for i in range(1, 600):
        lines += [f"{indent}objections:", f"{indent}- id: n{i}", f"{indent}  text: Step {i}."]
        indent += "  "
    text = "\n".join(lines) + "\n"
    new = _new(NodeKind.OBJECTION, "n599", 1)
    fast, slow, slow_opens = _both(tmp_path, text, new, monkeypatch)
    assert fast == slow
    assert slow_opens == "0"
    assert fast.startswith(text)
    assert fast.endswith("added: 2026-01-02\n")
