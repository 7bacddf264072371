"""Node places for an edit without a round-trip parse: paths from the map, marks from the C parser.

A round-trip load of a big map (pure Python) costs several fast loads, and an add, edit or
removal only needs the layout around a few entries (:func:`open_edit` reads the file once
for each and says which way it goes). Here the target's path comes from a walk of
the plain data, and the C parser's events give just the containers on that path and the
target's own entry, as ruamel containers carrying the same line/column marks and flow
styles a round-trip load would, so the text splicers work on them unchanged. Anything
unusual returns None, and the caller takes the round-trip path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final, NamedTuple

from argmap.editing.session import Checked, Place, Session, parse_checked
from argmap.editing.yamllines import KEY_ORDER
from argmap.load.mapfile import CHILD_KEYS, KEY_KIND
from argmap.load.tree import EntryPaths
from argmap.model import NodeKind

__all__ = [
    "FastSession",
    "Opened",
    "Path_",
    "marked_tree",
    "node_paths",
    "open_edit",
    "open_fast",
    "plain_at",
]

Path_ = tuple[str | int, ...]
"""Keys and indexes from the top of the plain data to a value."""

_ODD_BREAKS: Final = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\ufeff]|\r(?!\n)")
"""Characters that end a line for ``str.splitlines`` or YAML but not both (and a BOM)."""

_SHELL, _PATH, _TARGET, _LIST, _FULL = range(5)
"""How a container is read: built empty (its marks only); on the way to a wanted
path; a wanted entry; a child list of a wanted entry; built whole."""


@dataclass
class FastSession:
    """A map file open for an add: its validated map, plain data and node paths, no layout."""

    session: Session
    data: Any
    paths: EntryPaths
    """Node id -> path of its entry, each built when asked for (see :class:`EntryPaths`)."""

    def located(
        self, node_ids: Sequence[str], *, with_thesis: bool, also: Sequence[Path_] = ()
    ) -> Session | None:
        """The session with the places of ``node_ids`` (and the thesis) read from the text.

        ``also``: more entries to read whole (a list read ends at its last entry read).
        None when the fast path cannot read them (see :func:`marked_tree`).
        """
        paths = [self.paths[node_id] for node_id in node_ids]
        wanted = {*paths, *also, ("thesis",)} if with_thesis else {*paths, *also}
        doc = marked_tree(self.session.text, wanted)
        if doc is None:
            return None
        places: dict[str, Place] = {}
        for node_id, path in zip(node_ids, paths, strict=True):
            if len(path) == 1:
                places[node_id] = Place(doc["thesis"], None, 0, doc, "thesis")
                continue
            in_group = path[-2] == "linked"
            seq = plain_at(doc, path[:-1])
            owner = plain_at(doc, path[:-2])
            index = path[-1]
            assert isinstance(index, int)
            key = str(path[-2])
            group = owner if in_group else None
            places[node_id] = Place(seq[index], seq, index, owner, key, group)
        s = self.session
        return Session(s.path, s.text, doc, s.map, places)


def open_fast(path: Path, text: str, checked: Checked | None = None) -> FastSession | None:
    """Parse and validate a map file's text for an add, without a round-trip parse.

    None for a file the fast path leaves to :func:`open_session` (a JSON map, text the C
    parser does not read, entries it cannot match to nodes).

    Raises:
        MapFileError: the text cannot be parsed.
        MapValidationError: the map is invalid before the edit.
    """
    if path.suffix.lower() == ".json":
        return None
    parsed, m = checked if checked is not None else parse_checked(path, text)
    if parsed.round_trip:  # read the round-trip way already
        return None
    found = node_paths(parsed.data)
    if found is None or len(found[0]) != len(m.nodes):
        return None
    ids = {node.id: i for i, node in enumerate(m.nodes)}
    return FastSession(Session(path, text, None, m), parsed.data, EntryPaths(ids, *found))


class Opened(NamedTuple):
    """A map file read once for an edit, and the way the edit goes.

    Attributes:
        checked: its text parsed and validated.
        flat: written one record a node (see :mod:`.flatedit`).
        fast: the fast path's session (None: flat, or left to the round-trip way).
        session: the map, validated, without a tree (the fast path's, if any).
    """

    checked: Checked
    flat: bool
    fast: FastSession | None
    session: Session


def open_edit(path: Path, text: str) -> Opened:
    """Parse and validate a map file's text once for ``add``, ``edit`` or ``remove``.

    Raises:
        EditError: a map its owner made read-only (see :func:`parse_checked`).
        MapFileError: the text cannot be parsed.
        MapValidationError: the map is invalid before the edit.
    """
    from argmap.load.flat import is_flat

    checked = parse_checked(path, text, flat=True)  # once: round-trip parses are slow
    flat = is_flat(checked[0].data)
    fast = None if flat else open_fast(path, text, checked)
    session = Session(path, text, None, checked[1]) if fast is None else fast.session
    return Opened(checked, flat, fast, session)


def node_paths(data: Any) -> tuple[list[int | None], list[Path_]] | None:
    """Each node's parent entry and its steps below it, in the validator's document order.

    As ``walk_places`` orders them, for :class:`EntryPaths`: a whole path for every node
    of a chain 3,000 deep held nine million steps (72 MB). None when the data is not
    shaped as the walk expects (the caller goes the long way).
    """
    thesis = data.get("thesis") if isinstance(data, dict) else None
    if not isinstance(thesis, dict):
        return None
    parents: list[int | None] = []
    steps: list[Path_] = []
    stack: list[tuple[int | None, Path_, Any, NodeKind]] = [
        (None, ("thesis",), thesis, NodeKind.THESIS)
    ]
    while stack:
        parent, step, entry, kind = stack.pop()
        if not isinstance(entry, dict):
            return None
        index = len(parents)
        parents.append(parent)
        steps.append(step)
        pending: list[tuple[int | None, Path_, Any, NodeKind]] = []
        for key, items in entry.items():
            if key not in KEY_KIND or key not in CHILD_KEYS[kind] or not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                if key == "premises" and isinstance(item, dict) and "linked" in item:
                    if not isinstance(item["linked"], list):
                        return None
                    for j, member in enumerate(item["linked"]):
                        pending.append((index, (key, i, "linked", j), member, NodeKind.PREMISE))
                else:
                    pending.append((index, (key, i), item, KEY_KIND[key]))
        stack.extend(reversed(pending))
    return parents, steps


def plain_at(data: Any, path: Path_) -> Any:
    """Return the plain value at ``path``."""
    for step in path:
        data = data[step]
    return data


def marked_tree(text: str, wanted: Iterable[Path_]) -> Any:
    # Long because: one loop over the events, deciding per container what to build.
    """Build the ruamel containers on the way to each wanted entry, and those entries.

    A wanted entry is built with all its fields; the items of its child lists are empty
    mappings that carry only their marks (enough for where the list ends and how it is
    indented). Every container built has the marks and flow style a round-trip load
    gives it. The walk stops once every wanted entry has ended.

    Returns:
        The top-level mapping, or None: text the fast path leaves to the round-trip
        parser (odd line breaks, anchors, aliases, tags, a parse error).
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import (
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
    )

    from argmap.load.events import c_parser, opened_parser

    if c_parser() is None or _ODD_BREAKS.search(text):  # pragma: no cover - clib present
        return None
    trie, targets = _Trie.of(wanted)
    # Each open container: [mode, its place in the trie (None: on no wanted path), object
    # (None if not built), key awaiting its value]. No container keeps its whole path:
    # those of a chain 3,000 deep, and their prefixes, held 300 MB.
    stack: list[list[Any]] = []
    root: Any = None
    done = 0
    skip = 0  # depth inside a container left unread
    parser = opened_parser(text)
    get = parser.get_event
    try:
        while True:
            event = get()
            cls = event.__class__
            if skip:
                if cls is MappingStartEvent or cls is SequenceStartEvent:
                    skip += 1
                elif cls is MappingEndEvent or cls is SequenceEndEvent:
                    skip -= 1
                continue
            if cls is MappingEndEvent or cls is SequenceEndEvent:
                if stack.pop()[0] == _TARGET:
                    done += 1
                    if done == targets:
                        return root
                continue
            if (
                cls is not ScalarEvent
                and cls is not MappingStartEvent
                and cls is not SequenceStartEvent
            ):
                if cls.__name__ == "StreamEndEvent":
                    break
                if cls.__name__ == "AliasEvent":
                    return None
                continue
            if event.anchor is not None or event.tag is not None:
                return None
            if cls is ScalarEvent:
                if stack:
                    top = stack[-1]
                    value = event.value
                    if top[3] is not None or isinstance(top[2], list):  # a value, not a key
                        value = _styled(value, event.style)
                    _place(top, value, event.start_mark)
                continue
            if not stack:
                node: _Trie | None = trie
                step: str | int | None = None
                parent_mode = _PATH
            else:
                top = stack[-1]
                parent_mode = top[0]
                step = len(top[2]) if top[3] is None and isinstance(top[2], list) else top[3]
                if step is None:
                    return None  # a complex key
                node = None if top[1] is None else top[1].next.get(step)
            mode = _mode(node, step, parent_mode, stack[-1][2] if stack else None)
            built: Any = CommentedMap() if cls is MappingStartEvent else CommentedSeq()
            mark = event.start_mark
            built._yaml_set_line_col(mark.line, mark.column)
            if event.flow_style:
                built.fa.set_flow_style()
            else:
                built.fa.set_block_style()
            if stack:
                _place(stack[-1], built, mark)
            else:
                root = built
            if mode == _SHELL:
                skip = 1  # its marks are all it needs
            else:
                stack.append([mode, node, built, None])
    except (YAMLError, ValueError, TypeError, IndexError, KeyError):
        return None
    finally:
        parser.dispose()
    return root if done == targets else None


class _Trie:
    """The wanted paths as a tree of steps: where a container stands among them."""

    __slots__ = ("end", "next")

    def __init__(self) -> None:
        self.end = False
        """A wanted path ends here."""
        self.next: dict[str | int, _Trie] = {}
        """The steps on towards a wanted path."""

    @staticmethod
    def of(paths: Iterable[Path_]) -> tuple[_Trie, int]:
        """The trie of ``paths``, and how many different paths it holds."""
        root, count = _Trie(), 0
        for path in paths:
            node = root
            for step in path:
                node = node.next.setdefault(step, _Trie())
            count += not node.end
            node.end = True
        return root, count


def _mode(node: _Trie | None, step: str | int | None, parent_mode: int, parent: Any) -> int:
    """How to read a container inside ``parent``, read in ``parent_mode``.

    ``node``: the container's place among the wanted paths (None: on none of them);
    ``step``: the key or index it is at (None for the document's own).

    The items of a wanted entry's block child lists are shells: the splicers look into
    them only when no such list holds an item (``list_style``), so lists of other keys
    (``conclusions``) and flow lists are read whole.
    """
    if node is not None and node.end:
        return _TARGET
    if node is not None and node.next:
        return _PATH
    if parent_mode == _TARGET:
        return _LIST if step in KEY_ORDER else _FULL
    if parent_mode == _LIST and not parent.fa.flow_style():
        return _SHELL
    if parent_mode in (_FULL, _LIST):
        return _FULL
    return _SHELL


def _styled(value: str, style: str | None) -> str:
    """A scalar as the round-trip parser gives it, in its quoted or block style (kept by edits)."""
    kind = _scalar_styles().get(style or "")
    return value if kind is None else kind(value)


@cache
def _scalar_styles() -> dict[str, type[str]]:
    """The round-trip parser's string types, by the style character of a scalar event."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    return {
        '"': DoubleQuotedScalarString,
        "'": SingleQuotedScalarString,
        "|": LiteralScalarString,
        ">": FoldedScalarString,
    }


def _place(top: list[Any], value: Any, mark: Any) -> None:
    """Put a value (or key) into the open container ``top``, with its mark."""
    obj: Any = top[2]
    in_list = isinstance(obj, list)  # not a narrowing: obj keeps ruamel's methods for mypy
    if in_list:
        obj._yaml_set_idx_line_col(len(obj), [mark.line, mark.column])
        obj.append(value)
    elif top[3] is None:
        if not isinstance(value, str):
            raise KeyError(value)  # a complex key
        if value in obj:
            raise KeyError(value)  # a duplicate key: the round-trip parser reports it
        top[3] = value
        top.append(mark)
    else:
        key_mark = top.pop()
        obj._yaml_set_kv_line_col(top[3], [key_mark.line, key_mark.column, mark.line, mark.column])
        obj[top[3]] = value
        top[3] = None
