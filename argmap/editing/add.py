"""Adding a node: check it against the model, splice its entry in, write the file in place."""

from __future__ import annotations

import datetime as dt
from dataclasses import KW_ONLY, dataclass, fields
from pathlib import Path
from typing import Any, Final

from argmap.deep import paused_gc
from argmap.editing.commit import commit, commit_expected, try_splice
from argmap.editing.fastplace import FastSession, open_edit, plain_at
from argmap.editing.flatadd import add_record
from argmap.editing.inputs import (
    bad_id_message,
    refuse_lone_surrogates,
    unknown_source_message,
    valid_id,
)
from argmap.editing.maplock import locked_text
from argmap.editing.session import EditError, Session, open_session
from argmap.editing.signed import refuse_linking_others
from argmap.editing.textsplice import (
    append_item,
    fill_empty_key,
    insert_list_key,
    wrap_in_group,
)
from argmap.editing.yamllines import list_style
from argmap.errors import OptionMisuseError
from argmap.load.mapfile import KEY_KIND
from argmap.model import CHILD_KINDS, Citation, NodeKind, entry_fields, plain_value

__all__ = ["NewNode", "add_node", "group_made"]

_KIND_KEY: Final = {kind: key for key, kind in KEY_KIND.items()}

_PLACING: Final = ("kind", "to", "linked_with")
"""Fields of :class:`NewNode` that say where the node goes, not what its entry holds."""


@dataclass(frozen=True)
class NewNode:
    """What to add: the node's kind and fields, and where it goes.

    The new entry holds ``id`` and ``text`` and then the fields from ``quote`` on, in the
    order they are declared here (unset ones left out).
    """

    kind: NodeKind
    text: str
    to: str
    _: KW_ONLY
    linked_with: str | None = None
    id: str | None = None
    quote: str | None = None
    citation: Citation | None = None
    source: str | None = None
    basis: str | None = None
    strength: str | None = None
    note: str | None = None
    tags: tuple[str, ...] = ()
    undercut: bool = False
    links: tuple[str, ...] = ()
    author: str | None = None
    added: dt.date | None = None


def add_node(path: str | Path, new: NewNode, *, keep_signed: bool = False) -> str:
    """Add a node under ``new.to`` and write the file in place.

    Args:
        path: the map file (YAML).
        new: the node to add.
        keep_signed: refuse to link it (``linked_with``) with a premise signed by someone
            other than ``new.author`` (see :func:`~.signed.refuse_linking_others`).

    Returns:
        The new node's id (generated from its text when ``new.id`` is None).

    Raises:
        EditError: the model forbids the addition; nothing is written.
        MapFileError: the file cannot be read, parsed or written.
        MapValidationError: the map is invalid before the edit.
    """
    p = Path(path)
    refuse_lone_surrogates(p, {f.name: plain_value(getattr(new, f.name)) for f in fields(new)})
    with locked_text(p) as text, paused_gc():  # many objects, no cycles worth collecting
        checked, flat, fast, session = open_edit(p, text)
        if not flat and fast is None:  # the round-trip way
            session = open_session(p, text, checked)
        _check_place(session, new)
        _check_fields(session, new)
        if keep_signed and new.linked_with is not None:
            refuse_linking_others(p, session.node(new.linked_with), new.author)
        node_id = _new_id(session, new)
        entry = _entry(new, node_id)
        if flat:
            add_record(session, checked[0], entry, (new.kind, new.to, new.linked_with))
        elif fast is None or not _fast_commit(fast, new, entry):
            if fast is not None:  # the fast path could not place it: the round-trip way
                session = open_session(p, text, checked)
            spliced = try_splice(lambda: _splice(session, new, entry))
            _add_to_tree(session, new, entry)
            commit(session, spliced)
    return node_id


def group_made(path: str | Path, node_id: str) -> str | None:
    """The id of the linked group an add of ``node_id`` made, or None if it made none.

    A group holds two premises or more: one of two was made by the add, the premise the
    new one was linked with having supported its parent alone until then.
    """
    from argmap.load.maps import load_map

    m = load_map(path)
    group = m.get(node_id).group
    return group if group is not None and len(m.groups()[group]) == 2 else None


def _fast_commit(fast: FastSession, new: NewNode, entry: dict[str, Any]) -> bool:
    """Splice the entry in with marks from the C parser, check it and write it.

    False (nothing written) when the layout needs the round-trip tree, or the splice does
    not read as the map with the entry added: the caller then does it the long way.
    """
    from argmap.load.tree import plain_data

    ids = [new.to] if new.linked_with is None else [new.to, new.linked_with]
    session = fast.located(ids, with_thesis=new.linked_with is not None)
    if session is None:
        return False
    spliced = try_splice(lambda: _splice(session, new, entry))
    if spliced is None:
        return False
    item = plain_data(entry, str(session.path))
    data = fast.data
    if new.linked_with is not None:
        path = fast.paths[new.linked_with]
        seq = plain_at(data, path[:-1])
        if path[-2] == "linked":
            seq.append(item)
        else:
            seq[path[-1]] = {"linked": [seq[path[-1]], item]}
    else:
        target = plain_at(data, fast.paths[new.to])
        key = _KIND_KEY[new.kind]
        if isinstance(target.get(key), list):
            target[key].append(item)
        else:
            target[key] = [item]
    return commit_expected(session, spliced, data)


def _check_place(session: Session, new: NewNode) -> None:
    """Refuse a node the model does not allow under ``new.to`` (or beside ``linked_with``)."""
    p = session.path
    target = session.node(new.to)
    if new.kind is NodeKind.THESIS:
        raise EditError(p, "a map has one thesis; add a premise, evidence or objection")
    if new.kind is NodeKind.REBUTTAL and target.kind not in (
        NodeKind.OBJECTION,
        NodeKind.REBUTTAL,
    ):
        raise EditError(
            p,
            f"a rebuttal answers an objection, and {new.to!r} is {target.kind.article}; "
            "add an objection to attack it",
        )
    if new.kind not in CHILD_KINDS[target.kind]:
        allowed = ", ".join(sorted(k.value for k in CHILD_KINDS[target.kind]))
        raise EditError(
            p, f"{new.kind.article} cannot go under {target.kind.article} (allowed: {allowed})"
        )
    if new.undercut and new.kind not in (NodeKind.OBJECTION, NodeKind.REBUTTAL):
        raise EditError(p, "only objections and rebuttals can undercut")
    if new.undercut and target.parent is None:
        raise EditError(p, "the thesis has no inference to undercut; add a plain objection")


def _check_fields(session: Session, new: NewNode) -> None:
    """Refuse fields the new node's kind cannot have, and a linked partner that cannot be."""
    p = session.path
    if new.basis is not None and new.kind is not NodeKind.EVIDENCE:
        raise EditError(p, "only evidence has a basis")
    sources = session.map.sources
    unknown = None if new.source is None else unknown_source_message(new.source, sources)
    if unknown is not None:  # a command-line mistake, as a malformed --id is
        raise OptionMisuseError(unknown)
    if new.linked_with is None:
        return
    if new.kind is not NodeKind.PREMISE:
        raise EditError(p, "only premises can be linked (--linked-with)")
    partner = session.node(new.linked_with)
    if partner.kind is not NodeKind.PREMISE or partner.parent != new.to:
        raise EditError(p, f"{new.linked_with!r} is not a premise directly under {new.to!r}")


def _new_id(session: Session, new: NewNode) -> str:
    """Return the new node's id: ``new.id`` if it is valid and free, else one from its text."""
    from argmap.load.ids import LookAlikes, slugify, unique_id

    m, p = session.map, session.path
    taken = {node.id for node in m.nodes} | set(m.groups())
    if new.id is not None:
        problem = bad_id_message(new.id)
        if problem is not None:  # a malformed --id: a command-line mistake, as a bad --tag is
            raise OptionMisuseError(f"--id: {problem}")
        if new.id in taken:
            raise EditError(p, f"duplicate id {new.id!r}; choose another --id")
        return new.id
    base = slugify(new.text)
    if not valid_id(base):  # slugs of unusual characters can fall outside the id pattern
        base = new.kind.value
    return unique_id(base, taken, look_alikes=LookAlikes(taken))  # (o, º: one look, refused)


def _entry(new: NewNode, node_id: str) -> dict[str, Any]:
    """The new node's file entry: its id and text, then its set fields in declared order."""
    written = [f.name for f in fields(new) if f.name not in (*_PLACING, "id", "text")]
    values = {name: getattr(new, name) for name in written}
    values["links"] = tuple(dict.fromkeys(new.links))  # each target once
    return {"id": node_id, "text": new.text, **entry_fields(values.items())}


def _add_to_tree(session: Session, new: NewNode, entry: dict[str, Any]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    item = CommentedMap(entry)
    if new.linked_with is not None:
        partner = session.places[new.linked_with]
        if partner.group is not None:
            partner.seq.append(item)
        else:
            group = CommentedMap({"linked": CommentedSeq([partner.entry, item])})
            partner.seq[partner.index] = group
        return
    target = session.places[new.to].entry
    key = _KIND_KEY[new.kind]
    if isinstance(target.get(key), list):
        target[key].append(item)
    elif key in target:  # written as an empty value ('objections:')
        target[key] = CommentedSeq([item])
    else:
        target.insert(_key_position(target, key), key, CommentedSeq([item]))


def _key_position(target: Any, key: str) -> int:
    """Index at which a new child-list key goes: before the child keys that follow it."""
    order = list(KEY_KIND)
    keys = list(target)
    for i, existing in enumerate(keys):
        if existing in KEY_KIND and order.index(existing) > order.index(key):
            return i
    return len(keys)


def _splice(session: Session, new: NewNode, entry: dict[str, Any]) -> str | None:
    """The file's text with the new entry's lines inserted (None: a layout it cannot place)."""
    lines = session.lines
    if new.linked_with is not None:
        partner = session.places[new.linked_with]
        if partner.group is None:
            dash_offset = list_style(session.doc["thesis"])[0]
            return wrap_in_group(lines, partner.entry, partner.seq, entry, dash_offset)
        return append_item(lines, partner.seq, entry)
    target = session.places[new.to].entry
    if target.fa.flow_style():
        return None
    key = _KIND_KEY[new.kind]
    if key not in target:
        return insert_list_key(lines, target, key, entry)
    if target[key]:
        return append_item(lines, target[key], entry)
    return fill_empty_key(lines, target, key, entry)  # 'objections: []', or nothing
