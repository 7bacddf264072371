"""Entries checked without pydantic when every field is plainly valid, as the models check them.

Building a model's validator costs more than checking a small map's every entry (and
the first one makes pydantic look up its plugins in the installed packages' metadata).
A map file's usual entry holds strings of the right kinds and values; such an entry
gives here exactly what its model's ``model_validate`` gives. Anything else (another
type, a bad value, an unknown key, a string a rule refuses) gives None, and the model
checks the entry: its messages are the models' own, word for word.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import Enum
from typing import Any, Final

from argmap.load.mapfile import ENTRY_MODELS
from argmap.model import UNDERCUT, Citation, NodeKind
from argmap.model.records import trusted
from argmap.model.tags import duplicate_tag, tag_problem
from argmap.model.vocabulary import Assessment, Basis, Strength

__all__ = ["no_escapes", "plain_entry", "plain_header"]

_ESCAPE: Final = re.compile(r"\\[uU]")
"""How a lone surrogate gets into a map: a ``\\u`` escape (in JSON or double-quoted YAML)."""

_PLAIN_ID: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}")
"""An ASCII node id the id pattern, its length limit and its visibility rule all take."""

_MISSING: Final = object()


def _text(value: Any) -> Any:
    """A required text: a string with something visible in it."""
    return value if type(value) is str and value.strip() else _MISSING


def _optional_str(value: Any) -> Any:
    return value if value is None or type(value) is str else _MISSING


def _node_id(value: Any) -> Any:
    if value is None or (type(value) is str and _PLAIN_ID.fullmatch(value)):
        return value
    return _MISSING


def _date(value: Any) -> Any:
    # Only a date itself (as YAML reads 2014-04-10): a string is parsed by the model.
    return value if value is None or type(value) is dt.date else _MISSING


def _member(enum: type[Enum]) -> Callable[[Any], Any]:
    values = {member.value: member for member in enum}

    def check(value: Any) -> Any:
        if value is None:
            return None
        return values.get(value, _MISSING) if type(value) is str else _MISSING

    return check


def _tags(value: Any) -> Any:
    if type(value) is not list:
        return _MISSING
    for tag in value:
        if type(tag) is not str or tag_problem(tag) is not None:
            return _MISSING
    return _MISSING if duplicate_tag(value) is not None else list(value)


def _undercut(value: Any) -> Any:
    return value if type(value) is bool else _MISSING


def _citation(value: Any) -> Any:
    if value is None:
        return None
    if type(value) is not dict or not value.keys() <= _CITATION_KEYS:
        return _MISSING
    fields = {
        "outlet": _text(value.get("outlet")),
        "date": _optional_str(value.get("date")),
        "locator": _optional_str(value.get("locator")),
    }
    if _MISSING in fields.values():
        return _MISSING
    return trusted(Citation, fields, set(value))


_CITATION_KEYS: Final = frozenset({"outlet", "date", "locator"})

_CHECKS: Final[dict[str, Callable[[Any], Any]]] = {
    "id": _node_id,
    "text": _text,
    "quote": _optional_str,
    "citation": _citation,
    "source": _optional_str,
    "author": _optional_str,
    "added": _date,
    "tags": _tags,
    "strength": _member(Strength),
    "assessment": _member(Assessment),
    "note": _optional_str,
    "basis": _member(Basis),
    UNDERCUT: _undercut,
}
"""Each entry field's plain check: its value as the model gives it, or ``_MISSING``."""

_FIELDS: Final = {kind: tuple(model.model_fields) for kind, model in ENTRY_MODELS.items()}
"""Each kind's entry fields, in the model's order."""
_OWN: Final = {kind: frozenset(names) - {"links"} for kind, names in _FIELDS.items()}
"""The fields checked here (links are read on their own, never among these)."""

_DEFAULTS: Final[dict[str, Any]] = {UNDERCUT: False}
"""Fields whose default is not None (``tags`` and ``links`` get a new list each)."""


def no_escapes(text: str) -> bool:
    r"""Whether map text holds no ``\u`` escape, so no string in it is a lone surrogate.

    Only then are entries checked here: UTF-8 text cannot hold a lone surrogate, and the
    models refuse one with their own message. Empty text (data given in memory) is not.
    """
    return bool(text) and _ESCAPE.search(text) is None


def plain_entry(fields: dict[str, Any], kind: NodeKind) -> dict[str, Any] | None:
    """Check a node entry's own fields (no child lists, no links) without building a model.

    Returns:
        The fields as ``ENTRY_MODELS[kind].model_validate(fields).__dict__`` holds them,
        or None when the entry is not plainly valid (the model is to check it).
    """
    if "text" not in fields or not fields.keys() <= _OWN[kind]:
        return None
    out: dict[str, Any] = {}
    for name in _FIELDS[kind]:
        raw = fields.get(name, _MISSING)
        if raw is _MISSING:
            out[name] = [] if name in ("tags", "links") else _DEFAULTS.get(name)
            continue
        value = _CHECKS[name](raw)
        if value is _MISSING:
            return None
        out[name] = value
    return out


def plain_header(fields: dict[str, Any]) -> dict[str, Any] | None:
    """Check a map file's header fields (all but ``thesis``) when they are a title and text.

    Returns:
        ``title``, ``description``, ``source`` and ``sources`` as ``MapHeader`` gives
        them, or None when the model is to check the header (sources, a source, ``$schema``,
        or anything not plainly valid).
    """
    if not fields.keys() <= {"title", "description"}:
        return None
    title = _text(fields.get("title"))
    description = _optional_str(fields.get("description"))
    if title is _MISSING or description is _MISSING:
        return None
    return {"title": title, "description": description, "source": None, "sources": {}}
