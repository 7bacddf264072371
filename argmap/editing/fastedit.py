"""Edits and removals of a nested map without a round-trip parse: spliced at the C parser's marks.

A round-trip load of a big map (pure Python) costs many times a validate: ``edit`` and
``remove`` took 8 s on a 10,000-node map that validates in 0.4 s. As ``add`` does (see
:mod:`.fastplace`), the entries an edit changes are read with the C parser's marks, the
change is spliced into their lines, and the spliced text is written if it reads as the
plain data with the same change made, and validates. Anything else (a layout the splice
does not handle, a line with a comment rewritten: the C parser does not keep comments)
returns False, and the caller takes the round-trip way, which says what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from argmap.editing.commit import commit_expected, splice_edits, try_splice
from argmap.editing.entry import Snapshot, drop_links, retarget_links, set_fields
from argmap.editing.fastplace import FastSession, Path_, marked_tree, plain_at
from argmap.editing.flatedit import RecordEdit
from argmap.editing.session import EditError, Place, Session
from argmap.editing.textsplice import Edit, item_removal, ungroup

__all__ = ["fast_edit", "fast_remove"]


def fast_edit(fast: FastSession, change: RecordEdit, linkers: Sequence[str]) -> bool:
    """Edit one node's entry (a rename: the links of ``linkers`` too); say if it was written."""
    node_id, new_id = change.node_id, change.new_id
    ids = [node_id, *linkers]
    located = fast.located(ids, with_thesis=False)
    if located is None:
        return False
    data = fast.data

    def changed(entry: Any, lines: Sequence[str]) -> list[Edit | None]:
        set_fields(entry, node_id, change.values, change.clear, new_id)
        return drop_links(lines, entry, set(change.unlink)) if change.unlink else []

    def attempt() -> str | None:
        before = Snapshot.take(located, ids)
        lines = located.lines
        edits = changed(before.entries[node_id], lines)
        for linker in linkers:
            assert new_id is not None
            edits += retarget_links(lines, before.entries[linker], node_id, new_id)
        return splice_edits(lines, _kept_comments(lines, edits + before.edits()))

    spliced = try_splice(attempt)
    if spliced is None:
        return False
    entry = dict(plain_at(data, fast.paths[node_id]))
    changed(entry, [])
    expected = _replaced(data, fast.paths[node_id], entry)
    for linker in linkers:
        assert new_id is not None
        entry = dict(plain_at(expected, fast.paths[linker]))
        retarget_links([], entry, node_id, new_id)
        expected = _replaced(expected, fast.paths[linker], entry)
    return _committed(located, spliced, expected)


def fast_remove(fast: FastSession, node_id: str, linkers: Sequence[str], gone: set[str]) -> bool:
    """Remove a node's entry (and what it nests) and the links of ``linkers`` into ``gone``.

    A linked pair left with one premise becomes that premise, as the round-trip way does.
    Says whether it was written.
    """
    path, data = fast.paths[node_id], fast.data
    items = plain_at(data, path[:-1])
    index = path[-1]
    assert isinstance(index, int)
    pair = path[-2] == "linked" and len(items) == 2
    partner = (*path[:-1], 1 - index)
    # The entry after it is read too: a list read with the C parser's marks ends at the
    # last entry read, and the splice must see how long the list is.
    after = [] if pair or index + 1 >= len(items) else [(*path[:-1], index + 1)]
    linker_paths = {linker: fast.paths[linker] for linker in linkers}
    located = _located(fast, [path, *linker_paths.values(), *([partner] if pair else after)])
    if located is None:
        return False
    doc = located.doc
    for linker, linker_path in linker_paths.items():
        located.places[linker] = Place(plain_at(doc, linker_path), None, 0, None, "")

    def attempt() -> str | None:
        before = Snapshot.take(located, list(linkers))
        lines = located.lines
        seq, owner = plain_at(doc, path[:-1]), plain_at(doc, path[:-2])
        if pair:
            edit = ungroup(lines, owner, plain_at(doc, partner))
        else:
            edit = item_removal(lines, seq[index], seq, owner, str(path[-2]))
        edits: list[Edit | None] = [edit]
        for linker in linkers:
            edits += drop_links(lines, before.entries[linker], gone)
        return splice_edits(lines, _kept_comments(lines, edits + before.edits()))

    spliced = try_splice(attempt)
    if spliced is None:
        return False
    expected = data
    for linker_path in linker_paths.values():  # before the removal moves entries up a list
        entry = dict(plain_at(expected, linker_path))
        drop_links([], entry, gone)
        expected = _replaced(expected, linker_path, entry)
    return _committed(located, spliced, _removed(expected, path, pair))


def _committed(session: Session, spliced: str, expected: Any) -> bool:
    """Write the splice if it reads as ``expected`` and validates; say if it was written.

    Raises:
        EditError: the edited map would be invalid (said at once: the round-trip way
            would only read the whole file to say the same).
    """
    refused: list[str] = []
    if commit_expected(session, spliced, expected, refused=refused):
        return True
    if refused:
        raise EditError(session.path, refused[0])
    return False


def _located(fast: FastSession, wanted: Sequence[Path_]) -> Session | None:
    """The session with the tree of the wanted entries read with the C parser's marks."""
    doc = marked_tree(fast.session.text, set(wanted))
    if doc is None:
        return None
    s = fast.session
    return Session(s.path, s.text, doc, s.map, {})


def _kept_comments(lines: Sequence[str], edits: list[Edit | None]) -> list[Edit | None]:
    """The edits, or ``[None]`` if one rewrites a line with a comment (the marks lack it).

    The round-trip tree knows a field's trailing comment and writes it after the new
    value; the C parser's marks do not, so such an edit is left to the round-trip way.
    Lines removed go with their comments either way.
    """
    for edit in edits:
        if (
            edit is not None
            and edit[2]
            and any(_COMMENT.search(x) for x in lines[edit[0] : edit[1]])
        ):
            return [None]
    return edits


_COMMENT: Final = re.compile(r"(?:^|\s)#")
"""A ``#`` that may start a YAML comment (at a line's start or after a space)."""


def _replaced(data: Any, path: Path_, value: Any) -> Any:
    """``data`` with the value at ``path`` replaced, the containers on the way copied."""
    copies = [data]
    for step in path[:-1]:
        copies.append(copies[-1][step])
    out = value
    for container, step in zip(reversed(copies), reversed(path), strict=True):
        fresh: Any = list(container) if isinstance(container, list) else dict(container)
        fresh[step] = out
        out = fresh
    return out


def _removed(data: Any, path: Path_, pair: bool) -> Any:
    """``data`` without the entry at ``path``: a pair's group becomes the other premise."""
    if pair:
        group = plain_at(data, path[:-2])
        return _replaced(data, path[:-2], group["linked"][1 - int(path[-1])])
    items = plain_at(data, path[:-1])
    rest = [item for i, item in enumerate(items) if i != path[-1]]
    if rest:
        return _replaced(data, path[:-1], rest)
    owner = dict(plain_at(data, path[:-2]))
    del owner[str(path[-2])]
    return _replaced(data, path[:-2], owner)
