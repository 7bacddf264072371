"""Editing and removing nodes of a map written one record a node: their records changed in place.

``import`` writes a map too deep to indent as a list of records under ``nodes``, each naming
its parent and relation (see :mod:`argmap.load.flat`). An edit here changes just the lines
of the records it touches, read with the C parser's marks (see
:func:`~.fastplace.marked_tree`); the rest of the file, comments too, stays as it was. The
spliced text must read back as the records with the change made, and validate, before it
is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from argmap.editing.commit import (
    commit,
    commit_expected,
    splice_edits,
    try_splice,
)
from argmap.editing.entry import NodeEdit, Snapshot, drop_links, retarget_links, set_field
from argmap.editing.session import EditError, Place, Session
from argmap.editing.textlines import Edit
from argmap.editing.textsplice import item_removal
from argmap.model import UNDERCUT, Relation

if TYPE_CHECKING:
    from argmap.load.parse import ParsedFile

__all__ = ["edit_records", "remove_records"]

NODES = "nodes"


def edit_records(session: Session, parsed: ParsedFile, change: NodeEdit) -> None:
    """Change one node's record; a rename also changes its children's and linkers' records.

    ``session``: the map, validated (its ``doc`` and places are read here);
    ``parsed``: the file's plain data.

    Raises:
        EditError: the map would be invalid with the change, or it cannot be written.
    """
    m, node_id = session.map, change.node_id
    linkers = {n.id for n in m.nodes if any(link.to == node_id for link in n.links)}
    children = {n.id for n in m.nodes if n.parent == node_id}
    others = sorted(linkers | children, key=m.position) if change.new_id is not None else []
    ids = [node_id, *others]

    def changed(record: Any, other: str, lines: Sequence[str]) -> list[Edit | None]:
        if other == node_id:
            return _change_record(record, change, lines)
        return _follow_rename(record, change, (other in children, other in linkers), lines)

    def attempt(located: Session) -> str | None:
        before = _snapshot(located, ids)
        lines = located.lines
        edits = [e for other in ids for e in changed(before.entries[other], other, lines)]
        return splice_edits(lines, edits + before.edits())

    records = list(parsed.data[NODES])  # the same change of the plain data: what it must read as
    for other in ids:
        at = m.position(other)
        records[at] = dict(records[at])
        changed(records[at], other, [])
    _commit(session, ids, attempt, {**parsed.data, NODES: records})


def _change_record(record: Any, change: NodeEdit, lines: Sequence[str]) -> list[Edit | None]:
    """Change the node's own record (or its plain data, with no ``lines``); its line edits."""
    for name, value in change.values.items():
        if name != UNDERCUT:
            set_field(record, name, value)
        elif value or record.get("relation") == Relation.UNDERCUTS.value:
            set_field(record, "relation", _relation(bool(value)))
    for name in change.clear:
        if name != UNDERCUT:
            record.pop(name, None)
        elif record.get("relation") == Relation.UNDERCUTS.value:  # attacks the claim again
            set_field(record, "relation", _relation(False))
    if change.new_id is not None:
        set_field(record, "id", change.new_id)
    return drop_links(lines, record, set(change.unlink))


def _follow_rename(
    record: Any, change: NodeEdit, child_linker: tuple[bool, bool], lines: Sequence[str]
) -> list[Edit | None]:
    """Point a child's ``parent`` and a linker's links at the node's new id."""
    old, new = change.node_id, change.new_id
    assert new is not None
    child, linker = child_linker
    if child:
        set_field(record, "parent", new)
    return retarget_links(lines, record, old, new) if linker else []


def remove_records(session: Session, parsed: ParsedFile, removed: Sequence[str]) -> None:
    """Remove the records of ``removed`` and the cross-links into them.

    A linked group left with one premise is dissolved: that premise's record loses its
    ``group``, as a nested map's linked pair becomes a plain premise.

    Raises:
        EditError: the map would be invalid without them, or it cannot be written.
    """
    m = session.map
    gone = set(removed)
    linkers = [n.id for n in m.nodes if n.id not in gone and any(x.to in gone for x in n.links)]
    lone = _lone_members(session, gone)
    kept = list(dict.fromkeys([*linkers, *lone]))

    def attempt(located: Session) -> str | None:
        before = _snapshot(located, kept)
        lines = located.lines
        edits: list[Edit | None] = []
        for node_id in removed:
            place = located.places[node_id]
            edits.append(item_removal(lines, place.entry, place.seq, place.owner, place.key))
        for node_id in linkers:
            edits += drop_links(lines, before.entries[node_id], gone)
        for node_id in lone:
            before.entries[node_id].pop("group", None)
        seq = located.doc[NODES]
        for at in sorted((m.position(node_id) for node_id in removed), reverse=True):
            if at < len(seq):  # (the C parser's tree ends at its last wanted record)
                del seq[at]
        return splice_edits(lines, edits + before.edits())

    records = list(parsed.data[NODES])
    for node_id in kept:
        at = m.position(node_id)
        record = records[at] = dict(records[at])
        drop_links([], record, gone)
        if node_id in lone:
            record.pop("group", None)
    positions = {m.position(node_id) for node_id in removed}
    records = [record for i, record in enumerate(records) if i not in positions]
    _commit(session, [*removed, *kept], attempt, {**parsed.data, NODES: records})


def _lone_members(session: Session, gone: set[str]) -> list[str]:
    """Premises whose linked group the removal leaves with no other member."""
    left: dict[str, list[str]] = {}
    for node in session.map.nodes:
        if node.group is not None and node.id not in gone:
            left.setdefault(node.group, []).append(node.id)
    touched = {session.map.get(node_id).group for node_id in gone} - {None}
    return [ids[0] for group, ids in left.items() if group in touched and len(ids) == 1]


def _located(session: Session, node_ids: Sequence[str], *, whole: bool = False) -> Session:
    """The session with the places of these nodes' records, read from the text.

    With the C parser's marks (only these records are built, their values as written);
    ``whole``, or where that parser leaves the text to it, with the round-trip parser.
    """
    from argmap.editing.fastplace import marked_tree
    from argmap.load.parse import editable_tree

    m = session.map
    wanted = [(NODES, m.position(node_id)) for node_id in node_ids]
    doc = None if whole else marked_tree(session.text, wanted)
    if doc is None:
        doc = editable_tree(session.text, str(session.path))
    seq = doc[NODES]
    places = {
        node_id: Place(seq[at], seq, at, doc, NODES)
        for node_id, (_, at) in zip(node_ids, wanted, strict=True)
    }
    return Session(session.path, session.text, doc, m, places)


def _snapshot(session: Session, node_ids: Sequence[str]) -> Snapshot:
    """The records as they are now; a field new to one goes before its ``parent``."""
    before = Snapshot.take(session, node_ids)
    for node_id, layout in before.layouts.items():
        if layout is not None and "parent" in layout.spans:
            before.layouts[node_id] = replace(layout, insert_at=layout.spans["parent"][0])
    return before


def _commit(
    session: Session,
    node_ids: Sequence[str],
    attempt: Callable[[Session], str | None],
    expected: Any,
) -> None:
    """Write the change ``attempt`` makes to the records of ``node_ids``.

    First spliced into the text at the C parser's marks, written if it reads as the
    ``expected`` data; a splice that would make the map invalid is refused, saying why.
    A layout the splice does not handle (a record in flow style) takes the long way:
    the change made in the round-trip tree, then written as :func:`~.commit.commit` does.
    """
    located = _located(session, node_ids)
    spliced = try_splice(lambda: attempt(located))
    refused: list[str] = []
    if spliced is not None:
        if commit_expected(located, spliced, expected, flat=True, refused=refused):
            return
        if refused:
            raise EditError(session.path, refused[0])
    whole = _located(session, node_ids, whole=True)
    commit(whole, try_splice(lambda: attempt(whole)), flat=True)


def _relation(undercut: bool) -> str:
    """An attacker's relation in its record, which says whether it undercuts."""
    return (Relation.UNDERCUTS if undercut else Relation.ATTACKS).value
