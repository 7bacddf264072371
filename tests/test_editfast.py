"""A fast edit or remove (at the C parser's marks) writes what a round-trip one writes."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap.editing.edit
import argmap.editing.fastplace
import argmap.editing.remove
from argmap.editing.edit import edit_node
from argmap.editing.inputs import parse_citation
from argmap.editing.remove import remove_node
from argmap.errors import ArgmapError
from argmap.load.maps import load_map
from argmap.model import ArgumentMap, NodeKind
from tests.conftest import CASES, MAPS
from tests.strategies import TEXT, styled_maps

SOURCES = [
    *sorted(MAPS.glob("*.yaml")),
    CASES / "commented.yaml",
    CASES / "commented-reviewed.yaml",
]

Change = Callable[[Path], object]


def _changes(m: ArgumentMap, text: str) -> list[tuple[str, Change]]:
    """Edits and removals of every kind, spread over the map's nodes."""
    out: list[tuple[str, Change]] = []
    cite = parse_citation("Council, May")
    for i, node in enumerate(m.nodes):
        n = node.id
        out += [
            (f"text {n}", partial(edit_node, node_id=n, changes={"text": f"{text} {n}"})),
            (f"note {n}", partial(edit_node, node_id=n, changes={"note": "a: b", "tags": ["t"]})),
            (f"rename {n}", partial(edit_node, node_id=n, changes={}, new_id=f"renamed-{i}")),
            (f"clear {n}", partial(edit_node, node_id=n, changes={}, clear=["citation", "quote"])),
            (f"cite {n}", partial(edit_node, node_id=n, changes={"citation": cite})),
        ]
        if node.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL):
            out.append(
                (f"undercut {n}", partial(edit_node, node_id=n, changes={"undercut": True}))
            )
            out.append((f"plain {n}", partial(edit_node, node_id=n, changes={"undercut": False})))
        for link in node.links:
            out.append(
                (f"unlink {n}", partial(edit_node, node_id=n, changes={}, unlink=[link.to]))
            )
        if node.parent is not None:
            out.append((f"remove {n}", partial(remove_node, node_id=n)))
            out.append((f"prune {n}", partial(remove_node, node_id=n, recursive=True)))
    return out


def _run(path: Path, text: str, change: Change) -> str:
    """Make the change to a file of ``text``; the file afterwards, or the error."""
    path.write_bytes(text.encode("utf-8"))
    try:
        change(path)
    except ArgmapError as exc:
        return f"error: {exc}".replace(str(path), "MAP")
    return path.read_bytes().decode("utf-8")


def _both(folder: Path, text: str, change: Change, patch: pytest.MonkeyPatch) -> tuple[str, ...]:
    """The file after the change, the fast way and the round-trip way; and if it went slow."""
    slow: list[int] = []
    for module in (argmap.editing.edit, argmap.editing.remove):
        original = module.open_session

        def counting(*args: Any, original: Any = original) -> Any:
            slow.append(1)
            return original(*args)

        patch.setattr(module, "open_session", counting)
    fast = _run(folder / "fast.yaml", text, change)
    patch.undo()
    # Every command opens the map through fastplace.open_edit: no fast session, the long way.
    patch.setattr(argmap.editing.fastplace, "open_fast", lambda path, text, checked=None: None)
    round_trip = _run(folder / "slow.yaml", text, change)
    patch.undo()
    return fast, round_trip, "slow" if slow else "fast"


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_repo_maps_fast_and_round_trip_edits_are_byte_identical(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = source.read_text(encoding="utf-8")
    changes = _changes(load_map(source), "Changed,")
    step = max(1, len(changes) // 60)  # a spread of changes: each is two files written
    ways = []
    for name, change in changes[::step]:
        fast, slow, way = _both(tmp_path, text, change, monkeypatch)
        assert fast == slow, (source.name, name)
        ways.append(way)
    assert ways.count("fast") > len(ways) / 2, "the usual edit took the round-trip way"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(styled_maps(), st.data())
def test_generated_maps_fast_and_round_trip_edits_are_byte_identical(
    styled: tuple[ArgumentMap, str], data: st.DataObject
) -> None:
    m, text = styled
    name, change = data.draw(st.sampled_from(_changes(m, data.draw(TEXT))))
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        fast, slow, _ = _both(Path(folder), text, change, patch)
    assert fast == slow, name


def test_a_line_only_the_loader_reads_is_one_located_line_for_the_round_trip_way(
    tmp_path: Path,
) -> None:
    """A tab after a value: YAML allows it, the C parser reads it, the editor's does not.

    An edit at the marks writes the file; one that needs the round-trip tree (a line
    with a comment rewritten) said "internal error" and now says which line to change.
    """
    text = (CASES / "commented.yaml").read_text(encoding="utf-8")
    text = text.replace("  council:\n", "  council:\t\n", 1)
    assert "\t" in text
    path = tmp_path / "tabbed.yaml"
    path.write_text(text, encoding="utf-8")
    load_map(path)
    edit_node(path, "traffic", {"text": "Traffic clogs the high street."})
    assert load_map(path).get("traffic").text == "Traffic clogs the high street."
    before = path.read_bytes()
    with pytest.raises(ArgmapError) as caught:
        edit_node(path, "wetland", {"strength": "weak"})  # its line has a comment
    message = str(caught.value)
    assert message.startswith(f"{path}:12:") and "use spaces" in message
    assert "\n" not in message and path.read_bytes() == before


def test_an_edit_the_map_refuses_is_said_without_the_round_trip_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It read the whole file the slow way only to say so (a 10,000-node map: 8 s, now 1.2 s)."""
    path = tmp_path / "uniforms.yaml"
    path.write_bytes((MAPS / "school-uniforms.yaml").read_bytes())
    before = path.read_bytes()

    def slow(*args: Any) -> Any:
        raise AssertionError("the round-trip way")

    monkeypatch.setattr(argmap.editing.edit, "open_session", slow)
    # (An unknown source, the example before, is now refused before the map is checked.)
    with pytest.raises(ArgmapError, match="refused, the map would be invalid: .*listed twice"):
        edit_node(path, "cost", {"tags": ["a", "a"]})
    assert path.read_bytes() == before
