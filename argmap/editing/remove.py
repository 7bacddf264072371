"""Removing a node (or, recursively, its subtree and the cross-links into it), in place."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from argmap.editing.commit import commit, splice_edits
from argmap.editing.entry import Snapshot, drop_links, removal_edit
from argmap.editing.fastedit import fast_remove
from argmap.editing.fastplace import open_edit
from argmap.editing.flatedit import remove_records
from argmap.editing.maplock import locked_text
from argmap.editing.session import (
    EditError,
    Place,
    Session,
    open_session,
    walk_places,
)
from argmap.editing.signed import refuse_removing_others
from argmap.editing.textlines import Edit
from argmap.model import Node, drawn_from, nested_under

__all__ = ["remove_node"]


def remove_node(
    path: str | Path,
    node_id: str,
    *,
    recursive: bool = False,
    keep_signed: bool = False,
    signer: str | None = None,
) -> list[str]:
    """Remove a node (with ``recursive``, its subtree and the links into it) in place.

    Args:
        path: the map file (YAML).
        node_id: the node to remove.
        recursive: also remove its children, and cross-links that point at the removed nodes.
        keep_signed: refuse to remove nodes signed by someone other than ``signer`` (see
            :func:`~.signed.refuse_removing_others`).
        signer: who is removing them (None: not known).

    Returns:
        The ids removed, in document order.

    Raises:
        EditError: unknown id, the thesis, (without ``recursive``) a node with
            children or cross-links pointing at it, or (``keep_signed``) another person's.
    """
    p = Path(path)
    with locked_text(p) as text:
        checked, flat, fast, session = open_edit(p, text)
        if session.node(node_id).parent is None:
            raise EditError(p, "the thesis cannot be removed")
        removed = [node.id for node in nested_under(session.map, node_id)]
        gone = set(removed)
        linkers = [
            n for n in session.map.nodes if n.id not in gone and any(x.to in gone for x in n.links)
        ]
        if not recursive:
            _check_alone(session, node_id, linkers)
        if keep_signed:
            refuse_removing_others(p, nested_under(session.map, node_id), signer)
        if flat:
            remove_records(session, checked[0], removed)
            return removed
        if fast is not None and fast_remove(fast, node_id, [n.id for n in linkers], gone):
            return removed
        session = open_session(p, text, checked)  # the round-trip way
        place = session.places[node_id]
        lines = session.lines
        edits: list[Edit | None] = [removal_edit(session, place)]
        before = Snapshot.take(session, [node.id for node in linkers])
        _remove_from_tree(session, place)
        for node in linkers:
            edits += drop_links(lines, before.entries[node.id], gone)
        commit(session, splice_edits(lines, edits + before.edits()))
    return removed


def _check_alone(session: Session, node_id: str, linkers: list[Node]) -> None:
    """Refuse to remove a node that has children or that cross-links point at."""
    p = session.path
    kids = session.map.children(node_id) + drawn_from(session.map, node_id)
    if kids:
        names = ", ".join(repr(k.id) for k in kids)
        raise EditError(
            p, f"{node_id!r} has children ({names}); remove them first or use --recursive"
        )
    if linkers:
        names = ", ".join(repr(n.id) for n in linkers)
        raise EditError(
            p,
            f"{node_id!r} is the target of cross-links from {names}; remove them first "
            f"(argmap edit {p} {linkers[0].id if len(linkers) == 1 else 'ID'} "
            f"--unlink {node_id}) or use --recursive",
        )


def _remove_from_tree(session: Session, place: Place) -> None:
    del place.seq[place.index]
    if place.group is not None and len(place.seq) == 1:
        group_place = next(pl for pl in _linked_groups(session.doc) if pl[0] is place.group)
        _, seq, index = group_place
        seq[index] = place.seq[0]
    elif not place.seq:
        del place.owner[place.key]


def _linked_groups(doc: Any) -> Iterator[tuple[Any, Any, int]]:
    """Yield each linked group's item with the list holding it and its index there."""
    for place in walk_places(doc):
        items = place.entry.get("premises")
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict) and "linked" in item:
                    yield item, items, i
