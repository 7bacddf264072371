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
from argmap.editing.entry import (
    NodeEdit,
    Snapshot,
    drop_links,
    edit_entries,
    removal_edit,
    retarget_links,
    set_fields,
)
from argmap.editing.fastplace import FastSession, Path_, plain_at
from argmap.editing.session import EditError, Session
from argmap.editing.textlines import Edit

__all__ = ["fast_edit", "fast_remove"]


def fast_edit(fast: FastSession, change: NodeEdit, linkers: Sequence[str]) -> bool:
    """Edit one node's entry (a rename: the links of ``linkers`` too); say if it was written."""
    node_id, new_id = change.node_id, change.new_id
    located = fast.located([node_id, *linkers], with_thesis=False)
    if located is None:
        return False

    def attempt() -> str | None:
        lines = located.lines
        return splice_edits(lines, _kept_comments(lines, edit_entries(located, change, linkers)))

    spliced = try_splice(attempt)
    if spliced is None:
        return False
    # The same edit of the plain data: what the spliced text must read as.
    entry = dict(plain_at(fast.data, fast.paths[node_id]))
    set_fields(entry, node_id, change.values, change.clear, new_id)
    drop_links([], entry, set(change.unlink))
    expected = _replaced(fast.data, fast.paths[node_id], entry)
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
    path = fast.paths[node_id]
    length = len(plain_at(fast.data, path[:-1]))
    # Its list is read to its last entry: a list read at the marks ends at the last entry
    # read, and the removal tells a linked pair, or a list left empty, by its length.
    last = [(*path[:-1], length - 1)] if path[-1] != length - 1 else []
    located = fast.located([node_id, *linkers], with_thesis=False, also=last)
    if located is None:
        return False

    def attempt() -> str | None:
        before = Snapshot.take(located, list(linkers))
        edits = [removal_edit(located, located.places[node_id])]
        for linker in linkers:
            edits += drop_links(located.lines, before.entries[linker], gone)
        return splice_edits(located.lines, _kept_comments(located.lines, edits + before.edits()))

    spliced = try_splice(attempt)
    if spliced is None:
        return False
    expected = fast.data
    for linker in linkers:  # before the removal moves entries up a list
        entry = dict(plain_at(expected, fast.paths[linker]))
        drop_links([], entry, gone)
        expected = _replaced(expected, fast.paths[linker], entry)
    pair = path[-2] == "linked" and length == 2
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
