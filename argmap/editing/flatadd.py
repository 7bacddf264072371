"""Adding a node to a map written one record a node: its record after its parent's branch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from argmap.editing.commit import commit_expected, try_splice
from argmap.editing.session import EditError, Session
from argmap.editing.textsplice import (
    append_item,
    apply_edits,
    field_edits,
    field_layout,
    insert_lines,
    render_item,
)
from argmap.editing.wrapping import file_wrap
from argmap.editing.yamllines import dash_column
from argmap.model import ArgumentMap, NodeKind, Relation, nested_under
from argmap.model.vocabulary import DEFAULT_RELATION

if TYPE_CHECKING:
    from argmap.load.parse import ParsedFile

__all__ = ["add_record"]


def add_record(
    session: Session,
    parsed: ParsedFile,
    entry: dict[str, Any],
    where: tuple[NodeKind, str, str | None],
) -> None:
    """Write a new node as a record after the last record of its parent's branch.

    So the records stay in document order, the new node its parent's last child, as an
    ``add`` to a nested map makes it. ``entry``: the new node's entry as a nested map
    would hold it (``undercut: true`` becomes its record's relation); ``where``: its
    kind, its parent, and the premise it is linked with, if any: then the record goes
    after that premise's branch, in its group (a group the two of them make, named
    ``PREMISE-group``, when it had none).

    Raises:
        EditError: a record that could not be spliced in as the map with the node added.
    """
    p, m = session.path, session.map
    kind, parent, partner = where
    after = parent if partner is None else partner
    last = max(m.position(node.id) for node in nested_under(m, after))
    fields = {key: value for key, value in entry.items() if key not in ("id", "undercut")}
    relation = DEFAULT_RELATION[kind]
    if "links" in fields:  # a record's links name their relation: the node's kind's
        also = (relation or Relation.SUPPORTS).value  # (a conclusion's are refused)
        fields["links"] = [{"to": target, "relation": also} for target in fields["links"]]
    record = {"id": entry["id"], "kind": kind.value, **fields, "parent": parent}
    if relation is not None:
        record["relation"] = (Relation.UNDERCUTS if entry.get("undercut") else relation).value
    data = parsed.data
    records = list(data["nodes"])
    joining: int | None = None  # a premise's record that joins the new record's group
    if partner is not None:
        record["group"] = _group_of(m, partner)
        if m.get(partner).group is None:
            joining = m.position(partner)
            records[joining] = {**records[joining], "group": record["group"]}
    expected = {**data, "nodes": [*records[: last + 1], record, *records[last + 1 :]]}
    final = last == len(records) - 1  # else the record goes before the next one
    marked = [last if final else last + 1]
    doc = _records(session, marked if joining is None else [joining, *marked])
    place = (last, final, joining)
    spliced = try_splice(lambda: _splice(session.lines, doc["nodes"], record, place))
    refused: list[str] = []
    if spliced is None or not commit_expected(
        session, spliced, expected, flat=True, refused=refused
    ):
        # What the map would break, as an add to a nested map says; else no splice held.
        refused.append("the new record could not be written into this map; add it by hand")
        raise EditError(p, refused[0])


def _splice(
    lines: Sequence[str], nodes: Any, record: dict[str, Any], place: tuple[int, bool, int | None]
) -> str | None:
    """The text with the record after record ``last`` (``final``: the last record).

    ``joining``: the index of a premise's record that joins the new record's group.
    """
    last, final, joining = place
    if final:
        text = append_item(lines, nodes, record)
    else:
        line, col = nodes.lc.item(last + 1)
        dash = dash_column(lines, line, col)
        item = render_item(record, dash, col, file_wrap(lines)) if dash is not None else None
        text = None if item is None else insert_lines(lines, line, item)
    if text is None or joining is None:
        return text
    # The partner's record lies before the new one: its lines are where they were.
    partner = nodes[joining]
    layout = field_layout(lines, partner)
    if layout is None:
        return None
    before = dict(partner)
    partner["group"] = record["group"]
    return apply_edits(text.splitlines(keepends=True), field_edits(layout, partner, before))


def _group_of(m: ArgumentMap, partner: str) -> str:
    """The linked group a premise is in, or the name of a new one for it."""
    from argmap.load.ids import unique_id

    group = m.get(partner).group
    if group is not None:
        return group
    taken = {node.id for node in m.nodes} | {node.group for node in m.nodes if node.group}
    return unique_id(f"{partner}-group", taken)


def _records(session: Session, indexes: list[int]) -> Any:
    """The map with the marks of its records up to the last of ``indexes`` (those whole).

    Read with the C parser's marks (see :func:`~.fastplace.marked_tree`), or where it
    leaves the text to it, with the round-trip parser (18 times a validate's time on a
    7,621-record map).
    """
    from argmap.editing.fastplace import marked_tree
    from argmap.load.parse import editable_tree

    doc = marked_tree(session.text, [("nodes", index) for index in indexes])
    if doc is None:
        doc = editable_tree(session.text, str(session.path))
    return doc
