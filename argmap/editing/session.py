"""A map file open for editing: its text, ruamel tree, validated map, and each node's place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.editing.textlines import TextLines
from argmap.errors import ArgmapError, OptionMisuseError
from argmap.load.mapfile import CHILD_KEYS, KEY_KIND
from argmap.model import ArgumentMap, Node, NodeKind

if TYPE_CHECKING:
    from argmap.load.parse import ParsedFile

__all__ = [
    "Checked",
    "EditError",
    "JsonMapError",
    "Place",
    "Session",
    "open_session",
    "parse_checked",
    "walk_places",
]


class EditError(ArgmapError):
    """An edit was refused (unknown id, a placement the model forbids, ...); nothing written."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        self.reason = message
        super().__init__(f"{path}: {message}")


class JsonMapError(EditError, OptionMisuseError):
    """A JSON map given to an edit: a MAP the command does not edit (the CLI exits 2)."""

    def __init__(self, path: str | Path) -> None:
        name = Path(path).name
        super().__init__(
            path,
            "editing JSON maps is not supported; edit a YAML map "
            f"(make one with: argmap import {name} -o MAP.yaml)",
        )


@dataclass
class Place:
    """Where a node's entry sits in the ruamel tree."""

    entry: Any
    seq: Any
    index: int
    owner: Any
    key: str
    group: Any = None


@dataclass
class Session:
    """One file being edited: its text, ruamel tree, validated map and node places."""

    path: Path
    text: str
    doc: Any
    map: ArgumentMap
    places: dict[str, Place] = field(default_factory=dict)

    @property
    def lines(self) -> TextLines:
        """The file's text as lines, line ends kept (each cut from it when read)."""
        return TextLines(self.text)

    def node(self, node_id: str) -> Node:
        """Return the node with this id.

        Raises:
            EditError: no node has it (the message names a close id, if any).
        """
        if node_id not in self.map:
            raise EditError(self.path, f"no node has id {node_id!r}{self._did_you_mean(node_id)}")
        return self.map.get(node_id)

    def _did_you_mean(self, node_id: str) -> str:
        from difflib import get_close_matches
        from unicodedata import normalize

        members = self.map.groups().get(node_id)
        if members:  # `argmap show` lists a linked group by its id, as a focus takes it
            named = ", ".join(repr(member.id) for member in members)
            return f"; it names a linked group, not a node: give one of its premises ({named})"
        ids = [n.id for n in self.map.nodes]
        shown = normalize("NFC", node_id)
        same = [i for i in ids if normalize("NFC", i) == shown]
        if same:  # shown alike, written with other code points (an accent composed or not)
            return (
                f"; {same[0]!r} looks the same but is written with other code points (an "
                "accent composed or not): copy the id from the map"
            )
        close = get_close_matches(node_id, ids, n=1)
        return f" (did you mean {close[0]!r}?)" if close else ""


Checked = tuple["ParsedFile", ArgumentMap]
"""A map file's text parsed and validated once, for :func:`open_session` and ``open_fast``."""


def parse_checked(path: Path, text: str, *, flat: bool = False) -> Checked:
    """Parse and validate a YAML map file's text (once: an add may need it twice).

    Raises:
        JsonMapError: a JSON map (``.json``, any case).
        EditError: a map written one record a node (unless ``flat``: the
            caller changes its records, see :mod:`.flatedit`), or one its owner made
            read-only.
        MapFileError: the text cannot be parsed.
        MapValidationError: the map is invalid before the edit.
    """
    from argmap.load.flat import is_flat, validate_flat
    from argmap.load.parse import parse_text
    from argmap.load.validate import validate_parsed

    if path.suffix.lower() == ".json":  # whatever the file's state: told first
        raise JsonMapError(path)
    if _read_only(path):
        raise EditError(path, "the map is read-only; make it writable (chmod u+w) to edit it")
    parsed = parse_text(text, path)
    if is_flat(parsed.data):  # read as a map file, its 'nodes' would be an unknown field
        if flat:
            return parsed, validate_flat(parsed)[0]
        raise EditError(
            path,
            "the map is written one record a node, under 'nodes' (as argmap writes a map "
            "too deep to indent), and this reads nested entries only; argmap add, edit "
            "and remove change its records",
        )
    return parsed, validate_parsed(parsed)


def _read_only(path: Path) -> bool:
    """Whether the map's owner made it read-only, or this user may not write it.

    A new file renamed over it would edit it anyway, as ``sed -i`` does, and so would root
    (whom no mode stops): the owner made it read-only to keep it as it is.
    """
    import stat

    try:
        if not os.stat(path).st_mode & stat.S_IWUSR:
            return True
    except OSError:
        return False  # gone since it was read: writing it says so
    return not os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_session(path: Path, text: str, checked: Checked | None = None) -> Session:
    """Parse and validate a map file's text, and find each node's entry in its ruamel tree.

    Args:
        path: the map file.
        text: its text.
        checked: ``text`` parsed and validated already (see :func:`parse_checked`); its
            round-trip tree, if it has one, becomes the session's (the pure-Python parser
            is the slow part of an edit: a map is read that way at most once here).

    Raises:
        EditError: a JSON map, or entries that cannot be matched to the map's nodes.
        MapFileError: the text cannot be parsed.
        MapValidationError: the map is invalid before the edit.
    """
    from argmap.load.parse import editable_tree

    parsed, m = checked if checked is not None else parse_checked(path, text)
    doc = parsed.document if parsed.round_trip else editable_tree(text, str(path))
    session = Session(path, text, doc, m)
    places = walk_places(doc)
    if len(places) != len(m.nodes):  # the validator and this walk disagree: refuse
        raise EditError(path, "cannot match the file's entries to the map's nodes")
    session.places = {node.id: place for node, place in zip(m.nodes, places, strict=True)}
    return session


def walk_places(doc: Any) -> list[Place]:
    """List node entries in the validator's document order (iteratively)."""
    thesis = doc["thesis"]
    out: list[Place] = []
    stack: list[tuple[Place, NodeKind]] = [
        (Place(thesis, None, 0, doc, "thesis"), NodeKind.THESIS)
    ]
    while stack:
        place, kind = stack.pop()
        out.append(place)
        pending: list[tuple[Place, NodeKind]] = []
        for key, items in place.entry.items():
            if key not in KEY_KIND or key not in CHILD_KEYS[kind] or not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                if key == "premises" and "linked" in item:
                    for j, member in enumerate(item["linked"]):
                        member_place = Place(member, item["linked"], j, item, "linked", item)
                        pending.append((member_place, NodeKind.PREMISE))
                else:
                    pending.append((Place(item, items, i, place.entry, key), KEY_KIND[key]))
        stack.extend(reversed(pending))
    return out
