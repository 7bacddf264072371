"""Editing a node: set or clear its fields, rename it, drop its cross-links, in place."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from argmap.editing.commit import commit, splice_edits
from argmap.editing.entry import NodeEdit, edit_entries
from argmap.editing.fastedit import fast_edit
from argmap.editing.fastplace import open_edit
from argmap.editing.flatedit import edit_records
from argmap.editing.inputs import (
    bad_id_message,
    refuse_lone_surrogates,
    unknown_source_message,
)
from argmap.editing.maplock import locked_text
from argmap.editing.session import EditError, Session, open_session
from argmap.editing.signed import (
    REWORDING_FIELDS,
    answers_by_others,
    refuse_changing_others,
    same_person,
)
from argmap.errors import OptionMisuseError
from argmap.model import EDITABLE_FIELDS, UNDERCUT, Node, NodeKind, Relation, plain_value

__all__ = ["edit_node"]


def edit_node(
    path: str | Path,
    node_id: str,
    changes: Mapping[str, Any],
    clear: Sequence[str] = (),
    *,
    new_id: str | None = None,
    unlink: Sequence[str] = (),
    keep_signed: bool = False,
    signer: str | None = None,
) -> list[Node]:
    """Set or clear fields of one node, rename it or drop its cross-links; write in place.

    Fields new to the node are written in the order of
    :data:`~argmap.model.EDITABLE_FIELDS`, whatever the order of ``changes``.

    Args:
        path: the map file (YAML).
        node_id: the node to edit.
        changes: field -> new value (fields from :data:`~argmap.model.EDITABLE_FIELDS`;
            ``citation`` as a :class:`~argmap.model.Citation`, ``tags`` as a list).
        clear: fields to remove.
        new_id: a new id for the node; cross-links that point at it follow.
        unlink: ids of nodes this node's cross-links (``links``) point at: those links go.
        keep_signed: refuse to reword or re-sign another person's node (see
            :func:`~.signed.refuse_changing_others`).
        signer: who is editing (None: not known).

    Returns:
        If its text or undercut changes, its children signed by others than its signer.

    Raises:
        EditError: unknown id or field, a taken or malformed new id, no such link, another
            person's signed words (``keep_signed``), or the edit would make the map invalid.
    """
    p = Path(path)
    _check_request(p, changes, clear, new_id, unlink)
    values = {name: plain_value(changes[name]) for name in EDITABLE_FIELDS if name in changes}
    refuse_lone_surrogates(p, {**values, "id": new_id or ""})
    with locked_text(p) as text:
        checked, flat, fast, session = open_edit(p, text)
        rename = new_id if new_id != node_id else None
        linkers = _check_node(session, node_id, rename, unlink, values)
        node = session.node(node_id)
        _keep_signature(p, node, values, clear, signer if keep_signed else False)
        stale = _stale_answers(session, node, values, clear)
        asked = NodeEdit(node_id, values, clear, new_id, unlink)
        same = None if rename or unlink else _already(node, asked)
        if same is not None:  # said, not "edited" of a file left as it was
            raise EditError(p, f"nothing to change: {node_id!r} {same}")
        change = NodeEdit(node_id, values, clear, rename, unlink)
        if flat:
            edit_records(session, checked[0], change)
            return stale
        if fast is not None and fast_edit(fast, change, linkers):
            return stale
        session = open_session(p, text, checked)  # the round-trip way
        commit(session, splice_edits(session.lines, edit_entries(session, change, linkers)))
        return stale


def _keep_signature(
    path: Path,
    node: Node,
    values: dict[str, Any],
    clear: Sequence[str],
    signer: str | None | Literal[False],
) -> None:
    """Refuse to reword or re-sign another person's node; keep the signer's spelling.

    ``signer``: who is editing (None: not known; False: refuse nothing, ``--force``). A
    name the edit signs with that is the signer's own, however typed (``a.  reviewer``),
    is taken as theirs and leaves the signature as it was written.
    """
    signing = values.get("author")
    if signer is not False:
        refuse_changing_others(path, node, [*values, *clear], signer, signing)
    if node.author and signing is not None and same_person(signing, node.author):
        del values["author"]


def _stale_answers(
    session: Session, node: Node, values: Mapping[str, Any], clear: Sequence[str]
) -> list[Node]:
    """The node's children signed by others than its signer, if the edit rewords it."""
    words = {name: values[name] for name in REWORDING_FIELDS if name in values}
    unsaid = [name for name in clear if name in REWORDING_FIELDS]
    if not words and not unsaid or _already(node, NodeEdit(node.id, words, unsaid, None, ())):
        return []
    return answers_by_others(session.map, node.id, values.get("author", node.author))


def _check_request(
    path: Path,
    changes: Mapping[str, Any],
    clear: Sequence[str],
    new_id: str | None,
    unlink: Sequence[str],
) -> None:
    """Refuse, before the file is read, fields that cannot be edited and an empty edit."""
    unknown = [name for name in [*changes, *clear] if name not in EDITABLE_FIELDS]
    if unknown:
        editable = ", ".join(EDITABLE_FIELDS)
        raise EditError(path, f"cannot edit {unknown[0]!r}; editable: {editable}")
    if "text" in clear:
        raise EditError(path, "every node needs a text; give a new --text instead of clearing it")
    if not changes and not clear and new_id is None and not unlink:
        raise EditError(path, "nothing to change; give a field to set or clear")


def _check_node(
    session: Session,
    node_id: str,
    new_id: str | None,
    unlink: Sequence[str],
    values: Mapping[str, Any],
) -> list[str]:
    """Check the node, its new fields and id, and the links to drop; return its linkers.

    Those are the ids of nodes linking to it, whose links follow a rename; with no rename
    (``new_id`` None) there are none.
    """
    m, p = session.map, session.path
    node = session.node(node_id)
    if values.get(UNDERCUT) and node.kind not in (NodeKind.OBJECTION, NodeKind.REBUTTAL):
        what = (
            "the thesis has no inference to undercut"
            if node.parent is None
            else (f"{node_id!r} is {node.kind.article}")
        )
        raise EditError(p, f"{what}; only objections and rebuttals can undercut")
    if values.get("basis") is not None and node.kind is not NodeKind.EVIDENCE:
        # As add says it: the map's check would call it an unknown field of the entry.
        what = "the thesis" if node.parent is None else node.kind.article
        raise EditError(p, f"{node_id!r} is {what}; only evidence has a basis")
    source = values.get("source")
    unknown = None if source is None else unknown_source_message(source, m.sources)
    if unknown is not None:  # a command-line mistake, as a malformed --id is
        raise OptionMisuseError(unknown)
    if new_id is not None:
        problem = bad_id_message(new_id)
        if problem is not None:  # a malformed --id: a command-line mistake, as a bad --tag is
            raise OptionMisuseError(f"--id: {problem}")
        if new_id in m or new_id in {n.group for n in m.nodes if n.group}:
            raise EditError(p, f"id {new_id!r} is taken; choose another")
    links_to = {link.to for link in node.links}
    for target in unlink:
        if target not in links_to:
            have = ", ".join(repr(t) for t in sorted(links_to)) or "none"
            raise EditError(p, f"{node_id!r} has no cross-link to {target!r} (its links: {have})")
    if new_id is None:
        return []
    return [n.id for n in m.nodes if any(link.to == node_id for link in n.links)]


def _already(node: Node, change: NodeEdit) -> str | None:
    """Say how the node is already as the edit asks (None: the edit changes something).

    Each field set is set to the value it has, each field cleared is one it lacks, and a
    new id (if any) is its id; it drops no cross-link.
    """
    undercuts = node.relation is Relation.UNDERCUTS
    absent: list[str] = []
    same = ["id"] if change.new_id is not None else []
    for name in change.clear:
        now = undercuts if name == UNDERCUT else plain_value(getattr(node, name))
        if now not in (None, [], False):
            return None
        absent.append(name)
    for name, value in change.values.items():
        now = undercuts if name == UNDERCUT else plain_value(getattr(node, name))
        if now != value:
            return None
        same.append(name)
    said: list[str] = []
    if UNDERCUT in absent + same:
        said.append("undercuts already" if undercuts else "does not undercut")
    if absent := [name for name in absent if name != UNDERCUT]:
        said.append(f"has no {' or '.join(absent)}")
    if same := [name for name in same if name != UNDERCUT]:
        said.append(f"already has the {' and '.join(same)} given")
    return " and ".join(said) or None
