"""Safe in-place edits of map files: add, edit and remove nodes, keeping the author's text."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Final

from argmap.editing.safewrite import locked_text, write_atomic
from argmap.editing.textsplice import (
    Edit,
    append_item,
    apply_edits,
    field_edits,
    field_layout,
    insert_list_key,
    item_removal,
    merge_changes,
    seq_item_removal,
    seq_scalar_replacement,
    ungroup,
    wrap_in_group,
)
from argmap.errors import ArgmapError, MapValidationError
from argmap.load.mapfile import CHILD_KEYS, KEY_KIND
from argmap.model import CHILD_KINDS, ArgumentMap, Citation, NodeKind
from argmap.safetext import LONE_SURROGATE

__all__ = [
    "EDITABLE_FIELDS",
    "EditError",
    "NewNode",
    "add_node",
    "edit_node",
    "parse_citation",
    "remove_node",
    "resolve_author",
]

logger = logging.getLogger(__name__)

EDITABLE_FIELDS: Final = (
    "text",
    "quote",
    "citation",
    "source",
    "author",
    "added",
    "tags",
    "strength",
    "basis",
    "assessment",
    "note",
    "undercut",
)
"""Node fields ``edit_node`` may set or clear (``text`` may be set, never cleared)."""

_KIND_KEY: Final = {kind: key for key, kind in KEY_KIND.items()}


class EditError(ArgmapError):
    """An edit was refused (unknown id, a placement the model forbids, ...); nothing written."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        self.reason = message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class NewNode:
    """What to add: the node's kind and fields, and where it goes."""

    kind: NodeKind
    text: str
    to: str
    id: str | None = None
    quote: str | None = None
    citation: Citation | None = None
    source: str | None = None
    basis: str | None = None
    tags: tuple[str, ...] = ()
    undercut: bool = False
    linked_with: str | None = None
    links: tuple[str, ...] = ()
    author: str | None = None
    added: dt.date | None = None
    note: str | None = None
    strength: str | None = None


def parse_citation(text: str) -> Citation:
    """Parse ``"Outlet, date"`` into a citation, splitting at the first comma.

    >>> parse_citation("Interfax, January 21, 2014").date
    'January 21, 2014'

    Raises:
        ValueError: the outlet part is empty.
    """
    outlet, _, date = text.partition(",")
    if not outlet.strip():
        raise ValueError("a citation needs an outlet: 'Outlet' or 'Outlet, date'")
    return Citation(outlet=outlet.strip(), date=date.strip() or None)


def resolve_author(explicit: str | None, cwd: Path) -> str | None:
    """Return the author to sign with: ``explicit``, ``$ARGMAP_AUTHOR``, or git's user.name.

    Args:
        explicit: the ``--author`` value, if any.
        cwd: where to ask git (the map's folder).

    Returns:
        The name, or None when none of the three gives one.
    """
    for candidate in (explicit, os.environ.get("ARGMAP_AUTHOR")):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        done = subprocess.run(
            ["git", "config", "user.name"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    name = done.stdout.strip()
    return name if done.returncode == 0 and name else None


# -- the loaded file ---------------------------------------------------------------------------


@dataclass
class _Place:
    """Where a node's entry sits in the ruamel tree."""

    entry: Any
    seq: Any
    index: int
    owner: Any
    key: str
    group: Any = None


@dataclass
class _Session:
    """One file being edited: its text, ruamel tree, validated map and node places."""

    path: Path
    text: str
    doc: Any
    map: ArgumentMap
    places: dict[str, _Place] = field(default_factory=dict)

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines(keepends=True)


def _load(path: Path, text: str) -> _Session:
    from argmap.deep import run_deep
    from argmap.load.parse import parse_text
    from argmap.load.validate import validate_parsed

    if path.suffix == ".json":
        raise EditError(path, "editing JSON maps is not supported; edit a YAML map")
    m = validate_parsed(parse_text(text, path))
    doc = run_deep(lambda: _yaml().load(text))
    session = _Session(path, text, doc, m)
    places = _walk(doc)
    if len(places) != len(m.nodes):  # the validator and this walk disagree: refuse
        raise EditError(path, "cannot match the file's entries to the map's nodes")
    session.places = {node.id: place for node, place in zip(m.nodes, places, strict=True)}
    return session


def _yaml() -> Any:
    from argmap.load.parse import make_yaml

    return make_yaml()


def _walk(doc: Any) -> list[_Place]:
    """List node entries in the validator's document order (iteratively)."""
    thesis = doc["thesis"]
    out: list[_Place] = []
    stack: list[tuple[_Place, NodeKind]] = [
        (_Place(thesis, None, 0, doc, "thesis"), NodeKind.THESIS)
    ]
    while stack:
        place, kind = stack.pop()
        out.append(place)
        pending: list[tuple[_Place, NodeKind]] = []
        for key, items in place.entry.items():
            if key not in KEY_KIND or key not in CHILD_KEYS[kind] or not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                if key == "premises" and "linked" in item:
                    for j, member in enumerate(item["linked"]):
                        member_place = _Place(member, item["linked"], j, item, "linked", item)
                        pending.append((member_place, NodeKind.PREMISE))
                else:
                    pending.append((_Place(item, items, i, place.entry, key), KEY_KIND[key]))
        stack.extend(reversed(pending))
    return out


def _dump(doc: Any) -> str:
    from io import StringIO

    from argmap.deep import run_deep

    buffer = StringIO()
    run_deep(lambda: _yaml().dump(doc, buffer))
    return buffer.getvalue()


def _commit(session: _Session, spliced: str | None) -> None:
    """Validate the edit and write it, keeping the rest of the file as it was.

    ``session.doc`` already holds the edit. Candidates, best first: ``spliced`` (the
    edit's own lines spliced into the text, worked out before the tree changed), the
    ruamel diff carried over onto the text, then ruamel's whole dump. The first whose
    map equals the edited tree's map is written.
    """
    from argmap.deep import run_deep
    from argmap.load.parse import parse_text
    from argmap.load.validate import validate_parsed

    if spliced is not None and _commit_splice(session, spliced):
        return
    dumped = _dump(session.doc)
    try:
        expected = validate_parsed(parse_text(dumped, session.path))
    except MapValidationError as exc:
        reasons = "; ".join(issue.message for issue in exc.issues)
        raise EditError(session.path, f"refused, the map would be invalid: {reasons}") from None

    def merged() -> str | None:
        base = _dump(run_deep(lambda: _yaml().load(session.text)))
        return merge_changes(session.text, base, dumped)

    candidates: list[tuple[str, Callable[[], str | None]]] = [
        ("splice", lambda: spliced),
        ("merge", merged),
        ("dump", lambda: dumped),
    ]
    for name, make in candidates:
        text = _try(make)
        if text is None:
            continue
        try:
            got = validate_parsed(parse_text(text, session.path))
        except ArgmapError:
            continue
        if got == expected:
            if name == "dump":
                logger.warning(
                    "%s: could not keep the layout; the file was re-indented", session.path
                )
            _write(session, text)
            return
    raise EditError(session.path, "could not write the edit; the file is unchanged")


def _commit_splice(session: _Session, spliced: str) -> bool:
    """Write ``spliced`` if its map is the edited tree's map; say whether it was written.

    The quick way for the usual case: the edited tree's map comes straight from the
    tree, with no dump and re-parse (the dump alone cost more than the rest of an add).
    Anything else (an invalid edit, a splice that differs) returns False, and
    :func:`_commit` works it out the long way, with its error messages.
    """
    from argmap.load.parse import parse_text
    from argmap.load.tree import plain_data
    from argmap.load.validate import validate_data, validate_parsed

    name = str(session.path)
    try:
        expected = validate_data(plain_data(session.doc, name), name)
        got = validate_parsed(parse_text(spliced, session.path))
    except ArgmapError:
        return False
    if got != expected:
        return False
    _write(session, spliced)
    return True


def _write(session: _Session, text: str) -> None:
    if "\r\n" in session.text:  # keep Windows line ends throughout
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    write_atomic(session.path, text)


def _try(make: Callable[[], str | None]) -> str | None:
    """Run a splicer; a layout it does not understand means "no splice", not a crash."""
    try:
        return make()
    except (LookupError, ValueError, TypeError, AttributeError):
        return None


# -- add ---------------------------------------------------------------------------------------


def add_node(path: str | Path, new: NewNode) -> str:
    """Add a node under ``new.to`` and write the file in place.

    Args:
        path: the map file (YAML).
        new: the node to add.

    Returns:
        The new node's id (generated from its text when ``new.id`` is None).

    Raises:
        EditError: the model forbids the addition; nothing is written.
        MapFileError: the file cannot be read, parsed or written.
        MapValidationError: the map is invalid before the edit.
    """
    p = Path(path)
    _refuse_lone_surrogates(p, {f.name: _plain_value(getattr(new, f.name)) for f in fields(new)})
    with locked_text(p) as text:
        session = _load(p, text)
        node_id = _check_add(session, new)
        entry = _entry_fields(new, node_id)
        spliced = _try(lambda: _splice_add(session, new, entry))
        _add_to_tree(session, new, entry)
        _commit(session, spliced)
    return node_id


def _refuse_lone_surrogates(path: Path, values: Mapping[str, Any]) -> None:
    """Refuse text holding a lone surrogate: undecodable bytes in an argument become one."""
    stack: list[tuple[str, Any]] = list(values.items())
    while stack:
        name, value = stack.pop()
        if isinstance(value, str):
            if LONE_SURROGATE.search(value):
                raise EditError(
                    path,
                    f"the new {name} value holds bytes that are not UTF-8 (a lone surrogate); "
                    "type it again in a UTF-8 terminal",
                )
        elif isinstance(value, Mapping):
            stack.extend((name, item) for item in value.values())
        elif isinstance(value, list | tuple):
            stack.extend((name, item) for item in value)


def _check_add(session: _Session, new: NewNode) -> str:
    from argmap.load.ids import slugify, unique_id

    m, p = session.map, session.path
    if new.to not in m:
        raise EditError(p, f"no node has id {new.to!r}{_did_you_mean(new.to, m)}")
    target = m.get(new.to)
    if new.kind is NodeKind.THESIS:
        raise EditError(p, "a map has one thesis; add a premise, evidence or objection")
    if new.kind is NodeKind.REBUTTAL and target.kind not in (
        NodeKind.OBJECTION,
        NodeKind.REBUTTAL,
    ):
        raise EditError(
            p,
            f"a rebuttal answers an objection, and {new.to!r} is a {target.kind.value}; "
            "add an objection to attack it",
        )
    if new.kind not in CHILD_KINDS[target.kind]:
        allowed = ", ".join(sorted(k.value for k in CHILD_KINDS[target.kind]))
        raise EditError(
            p, f"a {new.kind.value} cannot go under a {target.kind.value} (allowed: {allowed})"
        )
    if new.undercut and new.kind not in (NodeKind.OBJECTION, NodeKind.REBUTTAL):
        raise EditError(p, "only objections and rebuttals can undercut")
    if new.undercut and target.parent is None:
        raise EditError(p, "the thesis has no inference to undercut; add a plain objection")
    if new.basis is not None and new.kind is not NodeKind.EVIDENCE:
        raise EditError(p, "only evidence has a basis")
    if new.linked_with is not None:
        if new.kind is not NodeKind.PREMISE:
            raise EditError(p, "only premises can be linked (--linked-with)")
        if new.linked_with not in m:
            raise EditError(
                p, f"no node has id {new.linked_with!r}{_did_you_mean(new.linked_with, m)}"
            )
        partner = m.get(new.linked_with)
        if partner.kind is not NodeKind.PREMISE or partner.parent != new.to:
            raise EditError(p, f"{new.linked_with!r} is not a premise directly under {new.to!r}")
    taken = {node.id for node in m.nodes} | set(m.groups())
    if new.id is not None:
        if not _valid_id(new.id):
            raise EditError(p, f"{new.id!r} is not a valid id (letters, digits, '_', '.', '-')")
        if new.id in taken:
            raise EditError(p, f"duplicate id {new.id!r}; choose another --id")
        return new.id
    base = slugify(new.text)
    if not _valid_id(base):  # slugs of unusual characters can fall outside the id pattern
        base = new.kind.value
    return unique_id(base, taken)


def _valid_id(node_id: str) -> bool:
    from pydantic import TypeAdapter, ValidationError

    from argmap.model import NodeId

    try:
        TypeAdapter(NodeId).validate_python(node_id)
    except ValidationError:
        return False
    return True


def _did_you_mean(node_id: str, m: ArgumentMap) -> str:
    from difflib import get_close_matches

    close = get_close_matches(node_id, [n.id for n in m.nodes], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _entry_fields(new: NewNode, node_id: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": node_id, "text": new.text}
    if new.quote is not None:
        entry["quote"] = new.quote
    if new.citation is not None:
        entry["citation"] = new.citation.model_dump(exclude_none=True)
    for name in ("source", "basis", "strength", "note"):
        value = getattr(new, name)
        if value is not None:
            entry[name] = value
    if new.tags:
        entry["tags"] = list(new.tags)
    if new.undercut:
        entry["undercut"] = True
    if new.links:
        entry["links"] = list(dict.fromkeys(new.links))
    if new.author is not None:
        entry["author"] = new.author
    if new.added is not None:
        entry["added"] = new.added
    return entry


def _child_key(new: NewNode) -> str:
    return _KIND_KEY[new.kind]


def _add_to_tree(session: _Session, new: NewNode, entry: dict[str, Any]) -> None:
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
    key = _child_key(new)
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


def _splice_add(session: _Session, new: NewNode, entry: dict[str, Any]) -> str | None:
    lines = session.lines
    if new.linked_with is not None:
        partner = session.places[new.linked_with]
        if partner.group is None:
            return wrap_in_group(lines, partner.entry, partner.seq, entry, _dash_offset(session))
        return append_item(lines, partner.seq, entry)
    target = session.places[new.to].entry
    if target.fa.flow_style():
        return None
    key = _child_key(new)
    if key not in target:
        return insert_list_key(lines, target, key, entry)
    return append_item(lines, target[key], entry) if target[key] else None


def _dash_offset(session: _Session) -> int:
    from argmap.editing.textsplice import list_style

    return list_style(session.doc["thesis"])[0]


# -- edit --------------------------------------------------------------------------------------


def edit_node(
    path: str | Path,
    node_id: str,
    changes: Mapping[str, Any],
    clear: Sequence[str] = (),
    *,
    new_id: str | None = None,
    unlink: Sequence[str] = (),
) -> None:
    """Set or clear fields of one node, rename it or drop its cross-links; write in place.

    Args:
        path: the map file (YAML).
        node_id: the node to edit.
        changes: field -> new value (fields from :data:`EDITABLE_FIELDS`; ``citation``
            as a :class:`~argmap.model.Citation`, ``tags`` as a list).
        clear: fields to remove.
        new_id: a new id for the node; cross-links that point at it follow.
        unlink: ids of nodes this node's cross-links (``links``) point at: those links go.

    Raises:
        EditError: unknown id or field, a taken or malformed new id, no such link, or the
            edit would make the map invalid.
    """
    p = Path(path)
    unknown = [name for name in [*changes, *clear] if name not in EDITABLE_FIELDS]
    if unknown:
        raise EditError(p, f"cannot edit {unknown[0]!r}; editable: {', '.join(EDITABLE_FIELDS)}")
    if "text" in clear:
        raise EditError(p, "every node needs a text; give a new --text instead of clearing it")
    if not changes and not clear and new_id is None and not unlink:
        raise EditError(p, "nothing to change; give a field to set or clear")
    _refuse_lone_surrogates(
        p, {**{n: _plain_value(v) for n, v in changes.items()}, "id": new_id or ""}
    )
    with locked_text(p) as text:
        session = _load(p, text)
        m = session.map
        if node_id not in session.places:
            raise EditError(p, f"no node has id {node_id!r}{_did_you_mean(node_id, m)}")
        if new_id is not None and new_id != node_id:
            _check_new_id(p, m, new_id)
        links_to = {link.to for link in m.get(node_id).links}
        for target in unlink:
            if target not in links_to:
                have = ", ".join(repr(t) for t in sorted(links_to)) or "none"
                raise EditError(
                    p, f"{node_id!r} has no cross-link to {target!r} (its links: {have})"
                )
        renamed = new_id is not None and new_id != node_id
        linkers = [n.id for n in m.nodes if renamed and any(x.to == node_id for x in n.links)]
        touched = list(dict.fromkeys([node_id, *linkers]))
        lines = session.lines
        entries = {i: session.places[i].entry for i in touched}
        layouts = {i: field_layout(lines, entries[i]) for i in touched}
        befores = {i: {key: entries[i].get(key) for key in entries[i]} for i in touched}

        entry = entries[node_id]
        values = {name: _plain_value(value) for name, value in changes.items()}
        if "id" not in entry and ("text" in values or renamed):
            # The id was generated from the text; write it out so it survives the edit.
            entry.insert(0, "id", node_id)
        if renamed:
            entry["id"] = new_id
        for name, value in values.items():
            if name == "undercut" and not value:
                entry.pop(name, None)
            else:
                _set_field(entry, name, value)
        for name in clear:
            entry.pop(name, None)
        edits: list[Edit | None] = []
        if unlink:
            link_edits = _drop_links(lines, entry, set(unlink))
            edits += [None] if link_edits is None else link_edits
        if renamed:
            assert new_id is not None
            for linker in linkers:
                link_edits = _retarget_links(lines, entries[linker], node_id, new_id)
                edits += [None] if link_edits is None else link_edits

        for i in touched:
            layout = layouts[i]
            edits += field_edits(layout, entries[i], befores[i]) if layout else [None]
        spliced = None
        if all(edit is not None for edit in edits):
            spliced = _try(lambda: apply_edits(lines, [e for e in edits if e is not None]))
        _commit(session, spliced)


def _check_new_id(path: Path, m: ArgumentMap, new_id: str) -> None:
    if not _valid_id(new_id):
        raise EditError(
            path,
            f"{new_id!r} is not a valid id; use letters, digits, '_', '-' or '.', starting "
            "with a letter, digit or '_'",
        )
    if new_id in m or new_id in {node.group for node in m.nodes if node.group}:
        raise EditError(path, f"id {new_id!r} is taken; choose another")


def _retarget_links(lines: Sequence[str], entry: Any, old: str, new: str) -> list[Edit] | None:
    """Point an entry's cross-links at ``new`` instead of ``old``.

    A block-style list is changed in place and the returned edits rewrite just the
    ids; a flow-style one is replaced (None: its whole field is rewritten).
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    links = entry["links"]
    if isinstance(links, CommentedSeq) and not links.fa.flow_style():
        edits: list[Edit] = []
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
                return None
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


def _plain_value(value: Any) -> Any:
    if isinstance(value, Citation):
        return value.model_dump(exclude_none=True)
    if isinstance(value, tuple):
        return list(value)
    return value


def _set_field(entry: Any, name: str, value: Any) -> None:
    from ruamel.yaml.scalarstring import ScalarString

    old = entry.get(name)
    if isinstance(value, str) and isinstance(old, ScalarString):
        value = type(old)(value)  # keep the author's quoting or block style
    if name in entry:
        entry[name] = value
        return
    keys = list(entry)
    at = next((i for i, key in enumerate(keys) if key in KEY_KIND or key == "links"), len(keys))
    entry.insert(at, name, value)


# -- remove ------------------------------------------------------------------------------------


def remove_node(path: str | Path, node_id: str, *, recursive: bool = False) -> list[str]:
    """Remove a node (with ``recursive``, its subtree and the links into it) in place.

    Args:
        path: the map file (YAML).
        node_id: the node to remove.
        recursive: also remove its children, and cross-links that point at the removed nodes.

    Returns:
        The ids removed, in document order.

    Raises:
        EditError: unknown id, the thesis, or (without ``recursive``) a node with
            children or cross-links pointing at it.
    """
    p = Path(path)
    with locked_text(p) as text:
        session = _load(p, text)
        m = session.map
        if node_id not in m:
            raise EditError(p, f"no node has id {node_id!r}{_did_you_mean(node_id, m)}")
        if m.get(node_id).parent is None:
            raise EditError(p, "the thesis cannot be removed")
        removed = [node.id for node in m.walk(node_id)]
        gone = set(removed)
        linkers = [n for n in m.nodes if n.id not in gone and any(x.to in gone for x in n.links)]
        if not recursive:
            kids = m.children(node_id)
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
        place = session.places[node_id]
        lines = session.lines
        edits: list[Edit | None] = [_removal_edit(session, place)]
        layouts = {node.id: field_layout(lines, session.places[node.id].entry) for node in linkers}
        befores = {node.id: dict(session.places[node.id].entry) for node in linkers}
        _remove_from_tree(session, place)
        for node in linkers:
            entry = session.places[node.id].entry
            link_edits = _drop_links(lines, entry, gone)
            edits += [None] if link_edits is None else link_edits
            layout = layouts[node.id]
            edits += field_edits(layout, entry, befores[node.id]) if layout else [None]
        spliced = None
        if all(edit is not None for edit in edits):
            spliced = _try(lambda: apply_edits(lines, [e for e in edits if e is not None]))
        _commit(session, spliced)
    return removed


def _removal_edit(session: _Session, place: _Place) -> Edit | None:
    """The line edit removing a node's entry (dissolving a linked pair into one premise)."""
    lines = session.lines
    if place.group is None or len(place.seq) > 2:
        return item_removal(lines, place.entry, place.seq, place.owner, place.key)
    keep = place.seq[1 - place.index]
    if place.seq.fa.flow_style() or keep.fa.flow_style():
        return None
    return ungroup(lines, place.group, keep)


def _remove_from_tree(session: _Session, place: _Place) -> None:
    del place.seq[place.index]
    if place.group is not None and len(place.seq) == 1:
        group_place = next(pl for pl in _walk_groups(session.doc) if pl[0] is place.group)
        _, seq, index = group_place
        seq[index] = place.seq[0]
    elif not place.seq:
        del place.owner[place.key]


def _walk_groups(doc: Any) -> Iterator[tuple[Any, Any, int]]:
    for place in _walk(doc):
        for key in ("premises",):
            items = place.entry.get(key)
            if isinstance(items, list):
                for i, item in enumerate(items):
                    if isinstance(item, dict) and "linked" in item:
                        yield item, items, i


def _drop_links(lines: Sequence[str], entry: Any, gone: set[str]) -> list[Edit] | None:
    """Drop an entry's cross-links into ``gone``.

    From a block-style list the items are deleted in place and the returned edits delete
    just their lines; otherwise (a flow list, or every link gone) the field changes and
    is rewritten or removed as a whole (an empty list of edits). None: no clean edit.
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
        if any(edit is None for edit in edits):
            return None
        return [edit for edit in edits if edit is not None]
    fresh = CommentedSeq(x for i, x in enumerate(links) if i not in doomed)
    if isinstance(links, CommentedSeq) and links.fa.flow_style():
        fresh.fa.set_flow_style()
    entry["links"] = fresh
    return []
