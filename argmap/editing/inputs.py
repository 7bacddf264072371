"""What a user gives an edit, read and checked before any file is touched: citations, ids."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, Final

from argmap.editing.session import EditError
from argmap.model import Citation
from argmap.model.idchars import shows_nothing
from argmap.safetext import LONE_SURROGATE

__all__ = [
    "bad_id_message",
    "blank_name_problem",
    "parse_citation",
    "refuse_lone_surrogates",
    "resolve_author",
    "resolve_signer",
    "unknown_source_message",
    "valid_id",
]


_PAGES: Final = re.compile(
    r"(?:^|[\s,;])(pp?\.\s*(?:\d\w*|[ivxlc]+)(?:\s*[-\u2013]\s*(?:\d\w*|[ivxlc]+))?)\s*$",
    re.IGNORECASE,
)
"""A page or pages ending a citation: ``p. 4``, ``pp. 12-14``, ``p. xii``."""


def parse_citation(text: str, locator: str | None = None) -> Citation:
    """Parse ``"Outlet, date"`` into a citation, splitting at the first comma.

    A page or pages ending it (``p. 4``, ``pp. 4-5``) is its locator, unless ``locator``
    is given: then the text after the comma is all the date.

    >>> parse_citation("Interfax, January 21, 2014").date
    'January 21, 2014'
    >>> parse_citation("Gallup, 2023, p. 4").locator
    'p. 4'

    Raises:
        ValueError: the outlet part shows nothing (empty, spaces, zero-width characters),
            the date part is given and shows nothing, or the model refuses a part (its
            first reason, in one line).
    """
    from pydantic import ValidationError

    outlet, comma, date = text.partition(",")
    if shows_nothing(outlet):
        raise ValueError("a citation needs an outlet: 'Outlet' or 'Outlet, date'")
    if comma and date.strip() and shows_nothing(date):
        raise ValueError("the date after the comma shows nothing: write it, or leave it out")
    pages = None if locator is not None else _PAGES.search(date)
    if pages is not None:
        locator = pages.group(1)
        date = date[: pages.start(1)].rstrip(" \t,;")
    try:
        return Citation(outlet=outlet.strip(), date=date.strip() or None, locator=locator)
    except ValidationError as exc:  # its report is several lines: a message is one
        first = exc.errors()[0]
        raise ValueError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def resolve_author(explicit: str | None, cwd: Path) -> str | None:
    """Return the author to sign with: ``explicit``, ``$ARGMAP_AUTHOR``, or git's user.name.

    See :func:`resolve_signer`, which also says where the name came from.

    Raises:
        ValueError: ``explicit`` or ``$ARGMAP_AUTHOR`` is given but shows nothing.
    """
    found = resolve_signer(explicit, cwd)
    return None if found is None else found[0]


def resolve_signer(explicit: str | None, cwd: Path) -> tuple[str, str] | None:
    """Return the author to sign with and where it came from.

    ``explicit`` (``--author``), else ``$ARGMAP_AUTHOR``, else git's user.name. A value
    given but blank (``--author "$REVIEWER"`` with the variable unset, or
    ``ARGMAP_AUTHOR`` set to spaces) is refused, not passed over: falling back to git's
    user.name signed the node with a name nobody asked for.

    Args:
        explicit: the ``--author`` value, if any.
        cwd: where to ask git (the map's folder).

    Returns:
        ``(name, origin)``, origin ``"--author"``, ``"ARGMAP_AUTHOR"`` or
        ``"git user.name"``; None when none of the three gives a name.

    Raises:
        ValueError: ``explicit`` or ``$ARGMAP_AUTHOR`` is given but shows nothing; the
            message names which.
    """
    from_env = os.environ.get("ARGMAP_AUTHOR")
    for candidate, where in ((explicit, "--author"), (from_env, "ARGMAP_AUTHOR")):
        if candidate is None:
            continue
        problem = blank_name_problem(candidate)
        if problem is not None:
            unset = ", or unset it" if where == "ARGMAP_AUTHOR" else ""
            raise ValueError(f"{where} {problem}{unset}")
        return candidate.strip(), where
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
    return (name, "git user.name") if done.returncode == 0 and name else None


def blank_name_problem(value: str) -> str | None:
    """Say how a name given blank is blank, and what to do; None when it shows something.

    >>> blank_name_problem("")
    'is empty (as an unset shell variable is); write a name'
    >>> blank_name_problem("Ann") is None
    True
    """
    if not value:
        return "is empty (as an unset shell variable is); write a name"
    if shows_nothing(value):
        return "shows nothing; write a name"
    return None


def refuse_lone_surrogates(path: Path, values: Mapping[str, Any]) -> None:
    """Refuse text holding a lone surrogate: undecodable bytes in an argument become one.

    Raises:
        EditError: a value (or a string inside one) holds a lone surrogate.
    """
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


def bad_id_message(node_id: str) -> str | None:
    """Say why ``node_id`` is not a valid id, and what to write instead (None: it is valid)."""
    if valid_id(node_id):
        return None
    from argmap.model.idchars import invisible_in_id

    pattern_ok = node_id[:1].isalnum() or node_id[:1] == "_"
    hidden = invisible_in_id(node_id) if pattern_ok else None
    if hidden is not None:
        return (
            f"{node_id!r} is not a valid id: it holds a character that does not show, "
            f"{hidden}; ids hold only visible letters, digits, '_', '.' and '-'"
        )
    return (
        f"{node_id!r} is not a valid id; use letters, digits, '_', '-' or '.', starting "
        "with a letter, digit or '_'"
    )


_LISTED: Final = 12
"""Sources named at most in a message about an unknown ``--source`` (then "N more")."""


def unknown_source_message(key: str, sources: Collection[str]) -> str | None:
    """Say that ``--source KEY`` names none of the map's ``sources`` (None: it names one).

    A command-line mistake, said before the map is checked: the map's own message names
    the place the new node would have had (``thesis.premises[0].evidence[2].source``).

    >>> unknown_source_message("survy", ["survey", "minutes"])
    "--source: unknown source 'survy'; did you mean 'survey'? (the map's sources: survey, minutes)"
    >>> unknown_source_message("x", [])
    "--source: unknown source 'x'; the map has no sources: add a 'sources' table to it first"
    """
    if key in sources:
        return None
    head = f"--source: unknown source {key!r}"
    if not sources:
        return f"{head}; the map has no sources: add a 'sources' table to it first"
    from difflib import get_close_matches

    keys = list(sources)
    close = get_close_matches(key, keys, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    more = f" and {len(keys) - _LISTED} more" if len(keys) > _LISTED else ""
    return f"{head}{hint} (the map's sources: {', '.join(keys[:_LISTED])}{more})"


def valid_id(node_id: str) -> bool:
    """Return whether ``node_id`` is a well-formed node id (the model's pattern and length)."""
    from pydantic import TypeAdapter, ValidationError

    from argmap.model import NodeId

    try:
        TypeAdapter(NodeId).validate_python(node_id)
    except ValidationError:
        return False
    return True
