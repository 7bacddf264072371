"""Argdown export of linked groups: one argument with a premise-conclusion structure, both ways."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from argmap.interop import get_importer
from argmap.interop.argdown.writer import to_argdown
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from tests.conftest import write
from tests.test_interop import ARGDOWN_CLI, _require_argdown_cli, argdown_json

BRIDGE = """\
title: Bridge
thesis:
  id: T
  text: We should build the bridge.
  premises:
    - id: P1
      text: The bridge cuts commute times.
      premises:
        - id: H
          linked:
            - id: H1
              text: Traffic queues at the old crossing.
            - id: H2
              text: A second crossing halves the queue.
              objections:
                - id: U-H
                  text: Drivers will switch routes and fill it.
                  undercut: true
    - id: G
      linked:
        - id: L1
          text: The river crossing is the main bottleneck.
          objections:
            - id: O-L1
              text: The ring road is worse.
            - id: O-X
              text: Bridges add traffic.
              links: [{to: L2, relation: undercuts}]
        - id: L2
          text: A bridge removes bottlenecks.
          objections:
            - id: U-G
              text: Removing a bottleneck just moves it elsewhere.
              undercut: true
            - id: O-L2
              text: Not every bridge does.
"""


def _bridge(tmp_path: Path) -> ArgumentMap:
    return load_map(write(tmp_path, "bridge.yaml", BRIDGE))


def test_a_linked_group_is_written_as_one_argument_with_its_structure(tmp_path: Path) -> None:
    text = to_argdown(_bridge(tmp_path))
    assert (
        '<G> {group: "G"}\n\n'
        "(1) [L1]: The river crossing is the main bottleneck.\n"
        "  - <O-L1>: The ring road is worse.\n"
        '  - <O-X>: Bridges add traffic. {undercuts: "L2"}\n'
        "(2) [L2]: A bridge removes bottlenecks.\n"
        "----\n"
        "(3) [T]\n\n"
        "<G>\n"
        '  _ <U-G>: Removing a bottleneck just moves it elsewhere. {undercuts: "L2"}\n\n'
        "[L2]\n"
        "  - <O-L2>: Not every bridge does.\n"
    ) in text  # each node's children in order: U-G before O-L2
    assert "  + <G>\n" in text  # in the thesis's place of its co-premises, once
    assert "(3) The bridge cuts commute times.\n" in text  # an argument's claim: its words
    assert "<O-X>\n  _> <G>\n" in text  # an undercut cross-link undercuts the argument too


def test_linked_groups_come_back_whole(tmp_path: Path) -> None:
    m = _bridge(tmp_path)
    result = get_importer("argdown")(to_argdown(m), "bridge.argdown")
    assert result.warnings == ()
    assert result.map == m


def test_the_heading_form_of_earlier_exports_still_reads() -> None:
    text = (
        "[T]: t\n  + <A>\n  + <B>\n    _ <U>: u\n\n"
        '# Linked premises G {group: "G"}\n\n<A>: a\n\n<B>: b\n'
    )
    m = get_importer("argdown")(text, "old.argdown").map
    assert [(n.id, n.parent, n.group) for n in m.nodes] == [
        ("T", None, None),
        ("A", "T", "G"),
        ("B", "T", "G"),
        ("U", "B", None),
    ]


def test_an_argument_of_another_tool_with_group_data_keeps_it_in_the_note() -> None:
    text = '[T]: t\n  + <X>: x {group: "G", undercuts: "A"}\n'
    result = get_importer("argdown")(text, "other.argdown")
    assert result.map.get("X").note == "group: G\n\nundercuts: A"
    assert [w.message for w in result.warnings] == [
        "data keys argmap has no field for are kept in the node's note as 'key: value': "
        "'group', 'undercuts' (2 times)"
    ]


def _argdown_map(source: Path, out: Path) -> set[tuple[str, str, str]]:
    """The edges of the Argdown CLI's map of ``source``: ``(from, type, to)`` by title."""
    proc = subprocess.run(
        [str(ARGDOWN_CLI), "map", "--format", "dot", str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    dot = (out / f"{source.stem}.dot").read_text(encoding="utf-8")
    titles = dict(re.findall(r"(n\d+) \[label=<<TABLE.*?<B>(.*?)</B>", dot))
    return {
        (titles[a], kind, titles[b])
        for a, b, kind in re.findall(r'(n\d+) -> (n\d+) \[type="(\w+)"', dot)
    }


@pytest.mark.slow
def test_argdown_reads_a_linked_group_as_one_argument_its_undercut_cuts(tmp_path: Path) -> None:
    """In Argdown, L1 alone must not support T, and U-G must cut the joint reason, not L2."""
    _require_argdown_cli()
    source = write(tmp_path, "bridge.argdown", to_argdown(_bridge(tmp_path)))
    argdown_json(source, tmp_path / "json")
    data: dict[str, Any] = json.loads((tmp_path / "json" / "bridge.json").read_text("utf-8"))
    relations = {(r["from"], r["relationType"], r["to"], r["toType"]) for r in data["relations"]}
    assert ("U-G", "undercut", "G", "inference") in relations
    assert ("O-X", "undercut", "G", "inference") in relations
    assert ("U-H", "undercut", "H", "inference") in relations
    assert ("O-L1", "attack", "L1", "equivalence-class") in relations  # the claim itself
    assert not [r for r in relations if r[0] in ("L1", "L2", "H1", "H2")]
    pcs = [(s["role"], s.get("title")) for s in data["arguments"]["G"]["pcs"]]
    assert pcs == [("premise", "L1"), ("premise", "L2"), ("main-conclusion", "T")]
    edges = _argdown_map(source, tmp_path / "map")
    assert {("L1", "support", "G"), ("L2", "support", "G"), ("G", "support", "T")} <= edges
    assert {("H1", "support", "H"), ("H2", "support", "H"), ("H", "support", "P1")} <= edges
    assert ("U-G", "undercut", "G") in edges
    assert not [e for e in edges if e[0] in ("L1", "L2", "H1", "H2") and e[2] not in "GH"]
