"""Writing an edit back: its own lines spliced into the text when they hold, else a re-dump."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from argmap.editing.safewrite import write_atomic
from argmap.editing.session import EditError, Session
from argmap.editing.textlines import Edit
from argmap.editing.textsplice import apply_edits, merge_changes
from argmap.errors import ArgmapError, MapFileError, MapValidationError

if TYPE_CHECKING:
    from argmap.load.parse import ParsedFile
    from argmap.model import ArgumentMap

__all__ = ["commit", "commit_expected", "splice_edits", "try_splice"]

logger = logging.getLogger(__name__)


def try_splice(make: Callable[[], str | None]) -> str | None:
    """Run a splicer; a layout it does not understand means "no splice", not a crash."""
    try:
        return make()
    except (LookupError, ValueError, TypeError, AttributeError):
        return None


def splice_edits(lines: Sequence[str], edits: Sequence[Edit | None]) -> str | None:
    """Apply line edits to the text; None when one of them has no clean edit (None) or fails."""
    if any(edit is None for edit in edits):
        return None
    return try_splice(lambda: apply_edits(lines, [edit for edit in edits if edit is not None]))


def commit(session: Session, spliced: str | None, *, flat: bool = False) -> None:
    """Validate the edit and write it, keeping the rest of the file as it was.

    ``session.doc`` already holds the edit. Candidates, best first: ``spliced`` (the
    edit's own lines spliced into the text, worked out before the tree changed), the
    ruamel diff carried over onto the text, then ruamel's whole dump. The first whose
    map equals the edited tree's map is written. ``flat``: the map is written one record
    a node (see :mod:`argmap.load.flat`).

    Raises:
        EditError: the edited map would be invalid, or no candidate gives its map.
    """
    from argmap.load.parse import editable_tree, parse_text

    if spliced is not None and _commit_splice(session, spliced, flat):
        return
    dumped = _dump(session.doc)
    try:
        expected = _validated(parse_text(dumped, session.path), flat)
    except MapValidationError as exc:
        raise EditError(session.path, _refused(exc)) from None
    except MapFileError as exc:  # e.g. a tagged key (`!!str id:`) written again untagged
        raise EditError(
            session.path,
            "could not write the edit; the file is unchanged (the text it would write does "
            f"not read back: {exc.issue.message}); write the entry's keys plainly, then edit",
        ) from None

    def merged() -> str | None:
        base = _dump(editable_tree(session.text, str(session.path)))
        return merge_changes(session.text, base, dumped)

    candidates: list[tuple[str, Callable[[], str | None]]] = [
        ("splice", lambda: spliced),
        ("merge", merged),
        ("dump", lambda: dumped),
    ]
    for name, make in candidates:
        text = try_splice(make)
        if text is None:
            continue
        try:
            got = _validated(parse_text(text, session.path), flat)
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


def _commit_splice(session: Session, spliced: str, flat: bool) -> bool:
    """Write ``spliced`` if its map is the edited tree's map; say whether it was written.

    The quick way for the usual case: the edited tree's map comes straight from the
    tree, with no dump and re-parse (the dump alone cost more than the rest of an add).
    Anything else (an invalid edit, a splice that differs) returns False, and
    :func:`commit` works it out the long way, with its error messages.
    """
    from argmap.load.tree import plain_data

    try:
        expected = plain_data(session.doc, str(session.path))
    except ArgmapError:
        return False
    return commit_expected(session, spliced, expected, flat=flat)


def commit_expected(
    session: Session,
    spliced: str,
    expected: Any,
    *,
    flat: bool = False,
    refused: list[str] | None = None,
) -> bool:
    """Write ``spliced`` if it reads as the plain data ``expected`` and validates.

    Says whether it was written; nothing is written otherwise. ``flat``: the map is
    written one record a node (see :mod:`argmap.load.flat`). ``refused``: told why, when
    the text reads as expected but the map would be invalid (as :func:`commit` says it).
    """
    from argmap.deep import run_deep
    from argmap.load.parse import parse_text

    try:
        # The same plain data gives the same map: one validation, of the spliced text.
        parsed = parse_text(spliced, session.path)
        if run_deep(lambda: parsed.data != expected):  # == recurses once per level
            return False
        _validated(parsed, flat)
    except MapValidationError as exc:
        if refused is not None:
            refused.append(_refused(exc))
        return False
    except ArgmapError:
        return False
    _write(session, spliced)
    return True


def _validated(parsed: ParsedFile, flat: bool) -> ArgumentMap:
    """The map of a parsed text, a map file's or (``flat``) one written one record a node.

    Raises:
        MapValidationError: with every problem, each located.
    """
    from argmap.load.flat import validate_flat
    from argmap.load.validate import validate_parsed

    return validate_flat(parsed)[0] if flat else validate_parsed(parsed)


def _refused(exc: MapValidationError) -> str:
    """Why an edit is refused: the problems of the map it would make, in one line."""
    return "refused, the map would be invalid: " + "; ".join(i.message for i in exc.issues)


def _write(session: Session, text: str) -> None:
    """Write the edited text, if the file still holds what the edit read.

    Another program may save the map meanwhile without taking its lock (an editor, git,
    writing a new file over it): renaming ours over theirs would lose their work.
    """
    from argmap.load.files import check_map_size, holds_text

    newlines = session.text.count("\n")
    if newlines and session.text.count("\r\n") == newlines:  # Windows line ends throughout
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    elif not newlines and "\r" in session.text:  # old Mac line ends: a lone CR throughout
        text = text.replace("\r\n", "\n").replace("\n", "\r")
    check_map_size(session.path, text)  # the next command could not read it back
    if not holds_text(session.path, session.text):
        raise EditError(
            session.path,
            "the map was changed by another program while this edit ran; nothing written: "
            "run the command again",
        )
    write_atomic(session.path, text)


def _dump(doc: Any) -> str:
    """Return ruamel's dump of the whole tree (slow on big maps: the last resort)."""
    from io import StringIO

    from argmap.deep import run_deep
    from argmap.load.parse import make_yaml

    buffer = StringIO()
    run_deep(lambda: make_yaml().dump(doc, buffer))
    return buffer.getvalue()
