"""Editing and removing nodes of a map written one record a node: their records changed in place.

``import`` writes a map too deep to indent as a list of records under ``nodes``, each naming
its parent and relation (see :mod:`argmap.load.flat`). An edit here changes just the lines
of the records it touches, read with the C parser's marks (see
:func:`~.fastplace.marked_tree`); the rest of the file, comments too, stays as it was. The
spliced text must read back as the records with the change made, and validate, before it
is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from argmap.editing.commit import commit_expected, splice_edits
from argmap.editing.entry import Snapshot, drop_links, retarget_links, set_field
from argmap.editing.flatadd import refusal
from argmap.editing.session import Place, Session
from argmap.editing.textsplice import Edit, item_removal
from argmap.model import UNDERCUT, Relation

if TYPE_CHECKING:
    from argmap.load.parse import ParsedFile

__all__ = ["RecordEdit", "edit_records", "remove_records"]

NODES = "nodes"


@dataclass(frozen=True)
class RecordEdit:
    """What ``argmap edit`` changes in one node (see :func:`~.edit.edit_node`)."""

    node_id: str
    values: Mapping[str, Any]
    clear: Sequence[str]
    new_id: str | None
    unlink: Sequence[str]


def edit_records(session: Session, parsed: ParsedFile, change: RecordEdit) -> None:
    """Change one node's record; a rename also changes its children's and linkers' records.

    ``session``: the map, validated (its ``doc`` and places are read here);
    ``parsed``: the file's plain data.

    Raises:
        EditError: the change cannot be spliced into the records, or the map would be
            invalid with it.
    """
    m, node_id, new_id = session.map, change.node_id, change.new_id
    linkers = [n.id for n in m.nodes if any(link.to == node_id for link in n.links)]
    children = [n.id for n in m.nodes if n.parent == node_id]
    others = [*linkers, *children] if new_id is not None else []
    ids = list(dict.fromkeys([node_id, *others]))
    located = _located(session, ids)
    before = _snapshot(located, ids)
    lines = located.lines
    edits: list[Edit | None] = []

    def change_record(record: Any, ruamel: bool) -> None:
        setter = set_field if ruamel else _set_plain
        for name, value in change.values.items():
            if name == UNDERCUT:
                setter(record, "relation", _undercut_relation(bool(value)))
            else:
                setter(record, name, value)
        for name in change.clear:
            if name == UNDERCUT:
                setter(record, "relation", _undercut_relation(False))
            else:
                record.pop(name, None)
        if new_id is not None:
            setter(record, "id", new_id)
        if change.unlink and ruamel:
            edits.extend(drop_links(lines, record, set(change.unlink)))
        elif change.unlink:
            _drop_plain_links(record, set(change.unlink))

    def follow(record: Any, other: str, ruamel: bool) -> None:
        assert new_id is not None
        if other in children:
            (set_field if ruamel else _set_plain)(record, "parent", new_id)
        if other in linkers and ruamel:
            edits.extend(retarget_links(lines, record, node_id, new_id))
        elif other in linkers:
            record["links"] = [_retargeted(link, node_id, new_id) for link in record["links"]]

    change_record(before.entries[node_id], ruamel=True)
    for other in others:
        if other != node_id:
            follow(before.entries[other], other, ruamel=True)
    spliced = splice_edits(lines, edits + before.edits())
    records = _plain_records(parsed)
    for node in ids:
        at = m.position(node)
        record = records[at] = dict(records[at])
        if node == node_id:
            change_record(record, ruamel=False)
        else:
            follow(record, node, ruamel=False)
    _commit(located, spliced, {**parsed.data, NODES: records}, "edit")


def remove_records(session: Session, parsed: ParsedFile, removed: Sequence[str]) -> None:
    """Remove the records of ``removed`` and the cross-links into them.

    A linked group left with one premise is dissolved: that premise's record loses its
    ``group``, as a nested map's linked pair becomes a plain premise.

    Raises:
        EditError: the records cannot be spliced out, or the map would be invalid.
    """
    m = session.map
    gone = set(removed)
    linkers = [n.id for n in m.nodes if n.id not in gone and any(x.to in gone for x in n.links)]
    lone = _lone_members(session, gone)
    kept = list(dict.fromkeys([*linkers, *lone]))
    located = _located(session, [*removed, *kept])
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
    spliced = splice_edits(lines, edits + before.edits())
    records = _plain_records(parsed)
    for node_id in kept:
        at = m.position(node_id)
        record = records[at] = dict(records[at])
        if node_id in linkers:
            _drop_plain_links(record, gone)
        if node_id in lone:
            record.pop("group", None)
    positions = {m.position(node_id) for node_id in removed}
    records = [record for i, record in enumerate(records) if i not in positions]
    _commit(located, spliced, {**parsed.data, NODES: records}, "remove")


def _lone_members(session: Session, gone: set[str]) -> list[str]:
    """Premises whose linked group the removal leaves with no other member."""
    left: dict[str, list[str]] = {}
    for node in session.map.nodes:
        if node.group is not None and node.id not in gone:
            left.setdefault(node.group, []).append(node.id)
    touched = {session.map.get(node_id).group for node_id in gone} - {None}
    return [ids[0] for group, ids in left.items() if group in touched and len(ids) == 1]


def _located(session: Session, node_ids: Sequence[str]) -> Session:
    """The session with the places of these nodes' records, read from the text.

    With the C parser's marks (only these records are built); where that parser leaves
    the text to it, with the round-trip parser.
    """
    from argmap.editing.fastplace import marked_tree
    from argmap.load.roundtrip import load_round_trip

    m = session.map
    wanted = [(NODES, m.position(node_id)) for node_id in node_ids]
    doc = marked_tree(session.text, wanted)
    if doc is None:
        doc = load_round_trip(session.text, str(session.path))
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


def _commit(session: Session, spliced: str | None, expected: Any, command: str) -> None:
    from argmap.editing.session import EditError

    if spliced is None or not commit_expected(session, spliced, expected, flat=True):
        raise EditError(session.path, refusal(session, spliced, command))


def _plain_records(parsed: ParsedFile) -> list[Any]:
    return list(parsed.data[NODES])


def _set_plain(record: dict[str, Any], name: str, value: Any) -> None:
    record[name] = value


def _undercut_relation(undercut: bool) -> str:
    return (Relation.UNDERCUTS if undercut else Relation.ATTACKS).value


def _target(link: Any) -> Any:
    return link if isinstance(link, str) else link.get("to")


def _drop_plain_links(record: dict[str, Any], gone: set[str]) -> None:
    links = [link for link in record.get("links") or [] if _target(link) not in gone]
    if links:
        record["links"] = links
    else:
        record.pop("links", None)


def _retargeted(link: Any, old: str, new: str) -> Any:
    if isinstance(link, str):
        return new if link == old else link
    return {**link, "to": new} if link.get("to") == old else link
