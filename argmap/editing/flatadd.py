"""Adding a node to a map written one record a node: its record after its parent's branch."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from argmap.editing.commit import commit_expected, try_splice
from argmap.editing.session import EditError, Session
from argmap.editing.textsplice import append_item, insert_lines, render_item
from argmap.editing.yamllines import dash_column
from argmap.model import NodeKind, Relation, nested_under
from argmap.model.vocabulary import DEFAULT_RELATION

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
    relation = DEFAULT_RELATION[kind]
    if "links" in fields:  # a record's links name their relation: the node's kind's
        also = (relation or Relation.SUPPORTS).value  # (a conclusion's are refused)
        fields["links"] = [{"to": target, "relation": also} for target in fields["links"]]
    record = {"id": entry["id"], "kind": kind.value, **fields, "parent": parent}
    if relation is not None:
        record["relation"] = (Relation.UNDERCUTS if entry.get("undercut") else relation).value
    data = parsed.data
    expected = {**data, "nodes": [*data["nodes"][: last + 1], record, *data["nodes"][last + 1 :]]}
    final = last == len(data["nodes"]) - 1  # else the record goes before the next one
    records = _records(session, last if final else last + 1)
    lines = session.lines

    def splice() -> str | None:
        if final:
            return append_item(lines, records, record)
        line, col = records.lc.item(last + 1)
        dash = dash_column(lines, line, col)
        return None if dash is None else insert_lines(lines, line, render_item(record, dash, col))

    spliced = try_splice(splice)
    if spliced is None or not commit_expected(session, spliced, expected, flat=True):
        raise EditError(p, _refusal(session, spliced))


def _refusal(session: Session, spliced: str | None) -> str:
    """Why the record was not written: what the map would break, as an add to a nested map says."""
    from argmap.errors import ArgmapError, MapValidationError
    from argmap.load.flat import validate_flat
    from argmap.load.parse import parse_text

    if spliced is not None:
        try:
            validate_flat(parse_text(spliced, session.path))
        except MapValidationError as exc:
            reasons = "; ".join(issue.message for issue in exc.issues)
            return f"refused, the map would be invalid: {reasons}"
        except ArgmapError:
            pass
    return "the new record could not be written into this map; add it by hand"


def _records(session: Session, index: int) -> Any:
    """The ``nodes`` list with the marks of its records up to ``index`` (that one whole).

    Read with the C parser's marks (see :func:`~.fastplace.marked_tree`), or where it
    leaves the text to it, with the round-trip parser (18 times a validate's time on a
    7,621-record map).
    """
    from argmap.editing.fastplace import marked_tree
    from argmap.load.roundtrip import load_round_trip

    doc = marked_tree(session.text, [("nodes", index)])
    if doc is None:
        doc = load_round_trip(session.text, str(session.path))
    return doc["nodes"]
