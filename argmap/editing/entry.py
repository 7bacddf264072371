"""A node's entry in the ruamel tree: an edit made in it (fields, cross-links), its removal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from argmap.editing.session import Place, Session
from argmap.editing.textsplice import (
    Edit,
    FieldLayout,
    field_edits,
    field_layout,
    item_removal,
    seq_item_removal,
    seq_scalar_replacement,
    ungroup,
)
from argmap.load.mapfile import KEY_KIND
from argmap.model import UNDERCUT

__all__ = [
    "NodeEdit",
    "Snapshot",
    "drop_links",
    "edit_entries",
    "removal_edit",
    "retarget_links",
    "set_field",
    "set_fields",
]


@dataclass(frozen=True)
class NodeEdit:
    """What ``argmap edit`` changes in one node (see :func:`~.edit.edit_node`)."""

    node_id: str
    values: Mapping[str, Any]
    clear: Sequence[str]
    new_id: str | None
    unlink: Sequence[str]


@dataclass(frozen=True)
class Snapshot:
    """Entries an edit will change, with their line layout and fields read beforehand.

    Taken before the tree changes; :meth:`edits` then rewrites just the fields that did.
    """

    entries: dict[str, Any]
    layouts: dict[str, FieldLayout | None]
    befores: dict[str, dict[str, Any]]

    @classmethod
    def take(cls, session: Session, node_ids: Sequence[str]) -> Snapshot:
        """Read the entries of ``node_ids`` as they are now."""
        lines = session.lines
        entries = {node_id: session.places[node_id].entry for node_id in node_ids}
        return cls(
            entries,
            {node_id: field_layout(lines, entry) for node_id, entry in entries.items()},
            {node_id: dict(entry) for node_id, entry in entries.items()},
        )

    def edits(self) -> list[Edit | None]:
        """Line edits rewriting each entry's changed fields (None: a flow entry, no clean edit)."""
        out: list[Edit | None] = []
        for node_id, entry in self.entries.items():
            layout = self.layouts[node_id]
            out += field_edits(layout, entry, self.befores[node_id]) if layout else [None]
        return out


def set_field(entry: Any, name: str, value: Any) -> None:
    """Set a field of an entry, keeping the old value's quoting or block style.

    A field the entry lacks goes before its child lists and cross-links. ``entry`` may
    also be plain data (a dict), as an edit's expected result is worked out.
    """
    from ruamel.yaml.scalarstring import ScalarString

    if not hasattr(entry, "insert"):  # plain data: the order of its keys is not compared
        entry[name] = value
        return

    old = entry.get(name)
    if isinstance(value, str) and isinstance(old, ScalarString):
        value = type(old)(value)  # keep the author's quoting or block style
    if name in entry:
        entry[name] = value
        return
    keys = list(entry)
    at = next((i for i, key in enumerate(keys) if key in KEY_KIND or key == "links"), len(keys))
    entry.insert(at, name, value)


def retarget_links(lines: Sequence[str], entry: Any, old: str, new: str) -> list[Edit | None]:
    """Point an entry's cross-links at ``new`` instead of ``old``.

    A block-style list is changed in place and the returned edits rewrite just the
    ids; a flow-style one is replaced, and its whole field is rewritten (no edits here).
    ``[None]``: an id that cannot be rewritten on its own line.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    links = entry["links"]
    if isinstance(links, CommentedSeq) and not links.fa.flow_style():
        edits: list[Edit | None] = []
        for i, item in enumerate(links):
            if isinstance(item, str) and item == old:
                line, col = links.lc.item(i)
                links[i] = type(item)(new)
            elif isinstance(item, CommentedMap) and item.get("to") == old:
                line, col = item.lc.value("to")
                item["to"] = type(item["to"])(new)
            else:
                continue
            edit = seq_scalar_replacement(lines, line, col, old, new)
            if edit is None:
                return [None]
            edits.append(edit)
        return edits
    fresh = CommentedSeq()
    for item in links:
        if isinstance(item, str):
            fresh.append(type(item)(new) if item == old else item)
        elif item.get("to") == old:
            moved = CommentedMap(item)
            moved["to"] = new
            fresh.append(moved)
        else:
            fresh.append(item)
    if isinstance(links, CommentedSeq) and links.fa.flow_style():
        fresh.fa.set_flow_style()
    entry["links"] = fresh
    return []


def drop_links(lines: Sequence[str], entry: Any, gone: set[str]) -> list[Edit | None]:
    """Drop an entry's cross-links into ``gone``.

    From a block-style list the items are deleted in place and the returned edits delete
    just their lines; otherwise (a flow list, or every link gone) the field changes and
    is rewritten or removed as a whole (an empty list of edits). ``[None]``: no clean edit.
    """
    from ruamel.yaml.comments import CommentedSeq

    links = entry.get("links")
    if not isinstance(links, list):
        return []
    doomed = [i for i, x in enumerate(links) if (x if isinstance(x, str) else x.get("to")) in gone]
    if not doomed:
        return []
    if len(doomed) == len(links):
        del entry["links"]
        return []
    if isinstance(links, CommentedSeq) and not links.fa.flow_style():
        edits = [seq_item_removal(lines, links, i) for i in doomed]
        for i in reversed(doomed):
            del links[i]
        return [None] if None in edits else edits
    fresh = CommentedSeq(x for i, x in enumerate(links) if i not in doomed)
    if isinstance(links, CommentedSeq) and links.fa.flow_style():
        fresh.fa.set_flow_style()
    entry["links"] = fresh
    return []


def set_fields(
    entry: Any, node_id: str, values: Mapping[str, Any], clear: Sequence[str], new_id: str | None
) -> None:
    """Change a node's entry: its id, the fields set, the fields cleared.

    ``entry``: in the tree, or its plain data (see :func:`set_field`); ``new_id``: the
    node's new id, if renamed. ``undercut`` false is written by leaving it out.
    """
    if "id" not in entry and ("text" in values or new_id is not None):
        # The id was generated from the text; write it out so it survives the edit.
        if hasattr(entry, "insert"):
            entry.insert(0, "id", node_id)
        else:  # plain data
            entry["id"] = node_id
    if new_id is not None:
        entry["id"] = new_id
    for name, value in values.items():
        if name == UNDERCUT and not value:
            entry.pop(name, None)
        else:
            set_field(entry, name, value)
    for name in clear:
        entry.pop(name, None)


def edit_entries(session: Session, change: NodeEdit, linkers: Sequence[str]) -> list[Edit | None]:
    """Make an edit in the session's tree; return the line edits that write it.

    The node's entry gets its fields set and cleared and its links dropped; renamed, the
    links of ``linkers`` into it follow. ``[None]`` among them: no clean line edit.
    """
    node_id, new_id = change.node_id, change.new_id
    lines = session.lines
    before = Snapshot.take(session, list(dict.fromkeys([node_id, *linkers])))
    entry = before.entries[node_id]
    set_fields(entry, node_id, change.values, change.clear, new_id)
    edits = drop_links(lines, entry, set(change.unlink)) if change.unlink else []
    if new_id is not None:
        for linker in linkers:
            edits += retarget_links(lines, before.entries[linker], node_id, new_id)
    return edits + before.edits()


def removal_edit(session: Session, place: Place) -> Edit | None:
    """The line edit removing a node's entry (dissolving a linked pair into one premise).

    ``place.seq`` must hold its whole list (the pair is told by its length).
    """
    lines = session.lines
    if place.group is None or len(place.seq) > 2:
        return item_removal(lines, place.entry, place.seq, place.owner, place.key)
    keep = place.seq[1 - place.index]
    if place.seq.fa.flow_style() or keep.fa.flow_style():
        return None
    return ungroup(lines, place.group, keep)
