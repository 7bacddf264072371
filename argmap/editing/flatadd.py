"""Adding a node to a map written one record a node: its record after its parent's branch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.editing.commit import commit_expected, try_splice
from argmap.editing.session import EditError, Session
from argmap.editing.textsplice import append_item, insert_lines, render_item
from argmap.editing.yamllines import dash_column
from argmap.model import NodeKind, Relation, nested_under

if TYPE_CHECKING:
    from argmap.load.parse import ParsedFile

__all__ = ["add_record"]


def add_record(
    session: Session,
    parsed: ParsedFile,
    entry: dict[str, Any],
    where: tuple[NodeKind, str, bool],
) -> None:
    """Write a new node as a record after the last record of its parent's branch.

    So the records stay in document order, the new node its parent's last child, as an
    ``add`` to a nested map makes it. ``entry``: the new node's entry as a nested map
    would hold it (``undercut: true`` becomes its record's relation); ``where``: its
    kind, its parent, and whether it is linked with a co-premise.

    Raises:
        EditError: a linked co-premise (its group is written by hand), or a record that
            could not be spliced in as the map with the node added.
    """
    from argmap.load.roundtrip import load_round_trip

    p, m = session.path, session.map
    kind, parent, linked = where
    if linked:
        raise EditError(
            p,
            "a linked premise cannot be added to a map written one record a node; add its "
            "record by hand, with the group's name under 'group'",
        )
    last = max(m.position(node.id) for node in nested_under(m, parent))
    fields = {key: value for key, value in entry.items() if key not in ("id", "undercut")}
    if "links" in fields:  # a record's links name their relation: the node's kind's
        also = _relation(kind, undercut=False).value
        fields["links"] = [{"to": target, "relation": also} for target in fields["links"]]
    record = {"id": entry["id"], "kind": kind.value, **fields, "parent": parent}
    if kind is not NodeKind.CONCLUSION:
        record["relation"] = _relation(kind, undercut=bool(entry.get("undercut"))).value
    data = parsed.data
    expected = {**data, "nodes": [*data["nodes"][: last + 1], record, *data["nodes"][last + 1 :]]}
    records = load_round_trip(session.text, str(p))["nodes"]
    lines = session.lines

    def splice() -> str | None:
        if last == len(records) - 1:
            return append_item(lines, records, record)
        line, col = records.lc.item(last + 1)
        dash = dash_column(lines, line, col)
        return None if dash is None else insert_lines(lines, line, render_item(record, dash, col))

    spliced = try_splice(splice)
    if spliced is None or not commit_expected(session, spliced, expected, flat=True):
        raise EditError(p, "the new record could not be written into this map; add it by hand")


def _relation(kind: NodeKind, *, undercut: bool) -> Relation:
    """How a new node of ``kind`` bears on its parent."""
    if undercut:
        return Relation.UNDERCUTS
    if kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL):
        return Relation.ATTACKS
    return Relation.SUPPORTS
