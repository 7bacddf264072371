"""Entries checked without pydantic when every field is plainly valid, as the models check them.

Building a model's validator costs more than checking a small map's every entry (and
the first one makes pydantic look up its plugins in the installed packages' metadata).
A map file's usual entry holds strings of the right kinds and values; such an entry
gives here exactly what its model's ``model_validate`` gives. Anything else (another
type, a bad value, an unknown key, a string a rule refuses) gives None, and the model
checks the entry: its messages are the models' own, word for word.

The checks here restate the models' rules (``argmap/load/entrymodels.py``,
``argmap/model/records.py``, ``argmap/model/tags.py``): a field or a rule changed there is
changed here too. ``tests/test_plainentry.py`` compares the two on generated values and
fails for a model field with no check here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Final

from argmap.load.mapfile import ENTRY_FIELDS
from argmap.model import UNDERCUT, Citation, NodeKind, Outlet, Relation, SourceDocument
from argmap.model.idchars import shows_nothing
from argmap.model.records import Record, is_year, trusted
from argmap.model.tags import duplicate_tag, tag_problem
from argmap.model.vocabulary import Assessment, Basis, Strength

if TYPE_CHECKING:
    from pydantic import BaseModel

    from argmap.load.entrymodels import LinkedHeader, LinkEntry

__all__ = ["link_fields", "linked_group_id", "no_escapes", "plain_entry", "plain_header"]

_ESCAPE: Final = re.compile(r"\\[uU]")
"""How a lone surrogate gets into a map: a ``\\u`` escape (in JSON or double-quoted YAML)."""

_PLAIN_ID: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}")
"""An ASCII node id the id pattern, its length limit and its visibility rule all take."""

_MISSING: Final = object()


def _text(value: Any) -> Any:
    """A required text: a string with something visible in it."""
    return value if type(value) is str and not shows_nothing(value) else _MISSING


def _optional_str(value: Any) -> Any:
    return value if value is None or type(value) is str else _MISSING


def _name(value: Any) -> Any:
    """An optional name: one printable line with something in it (else the model says why)."""
    if value is None or (type(value) is str and value.isprintable() and not shows_nothing(value)):
        return value
    return _MISSING


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


def _text_date(value: Any) -> Any:
    # A date as YAML reads it (2014-04-10) stands as its ISO text, and a bare year (2020)
    # as its digits, as the model has them.
    if type(value) is dt.date:
        return value.isoformat()
    return str(value) if is_year(value) else _optional_str(value)


def _volume(value: Any) -> Any:
    return value if value is None or type(value) in (int, str) else _MISSING


def _record(cls: type[Record], checks: Mapping[str, Callable[[Any], Any]], value: Any) -> Any:
    """A record of plain fields (``checks`` in the model's order), or ``_MISSING``."""
    if type(value) is not dict or not value.keys() <= checks.keys():
        return _MISSING
    fields = {name: check(value.get(name)) for name, check in checks.items()}
    if any(field is _MISSING for field in fields.values()):
        return _MISSING
    return trusted(cls, fields, set(value))


_CITATION: Final = {"outlet": _text, "date": _text_date, "locator": _optional_str}
_OUTLET: Final = {"name": _text, "url": _optional_str, "note": _optional_str}
_SOURCE: Final = {
    "title": _text,
    "publication": _optional_str,
    "volume": _volume,
    "issue": _volume,
    "date": _text_date,
    "url": _optional_str,
    "author": _name,
}
"""The fields of a citation, an outlet and a source document, each record's own check."""


def _citation(value: Any) -> Any:
    return None if value is None else _record(Citation, _CITATION, value)


def _sources(value: Any) -> Any:
    if type(value) is not dict:
        return _MISSING
    out: dict[str, Outlet] = {}
    for key, item in value.items():
        outlet = _record(Outlet, _OUTLET, item)
        if type(key) is not str or outlet is _MISSING:
            return _MISSING
        out[key] = outlet
    return out


_CHECKS: Final[dict[str, Callable[[Any], Any]]] = {
    "id": _node_id,
    "text": _text,
    "quote": _optional_str,
    "citation": _citation,
    "source": _optional_str,
    "author": _name,
    "added": _date,
    "tags": _tags,
    "strength": _member(Strength),
    "assessment": _member(Assessment),
    "note": _optional_str,
    "basis": _member(Basis),
    UNDERCUT: _undercut,
}
"""Each entry field's plain check: its value as the model gives it, or ``_MISSING``."""

_RELATION: Final = _member(Relation)

_FIELDS: Final = ENTRY_FIELDS
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
    """Check a map file's header fields (all but ``thesis``) without building ``MapHeader``.

    Returns:
        ``title``, ``description``, ``source`` and ``sources`` as the model gives them, or
        None when the header is not plainly valid (the model is to check it).
    """
    if not fields.keys() <= _HEADER_KEYS:
        return None
    out = {
        "title": _text(fields.get("title")),
        "description": _optional_str(fields.get("description")),
        "source": None if fields.get("source") is None else _source(fields["source"]),
        "sources": _sources(fields["sources"]) if "sources" in fields else {},
    }
    if _optional_str(fields.get("$schema")) is _MISSING or _MISSING in out.values():
        return None
    return out


_HEADER_KEYS: Final = frozenset({"$schema", "title", "description", "source", "sources"})


def _source(value: Any) -> Any:
    return _record(SourceDocument, _SOURCE, value)


def link_fields(item: dict[str, Any], plain: bool) -> tuple[str, Relation | None]:
    """A cross-link's target and relation (``{to, relation}``), as ``LinkEntry`` gives them.

    Checked here when ``plain`` (see :func:`no_escapes`) and the link is plainly valid.

    Raises:
        ValidationError: the link is not valid (``LinkEntry``'s own errors).
    """
    if plain and item.keys() <= {"to", "relation"}:
        to, relation = _node_id(item.get("to")), _RELATION(item.get("relation"))
        if to is not None and to is not _MISSING and relation is not _MISSING:
            return to, relation
    link = _link_models()[0].model_validate(item)
    return link.to, link.relation


def linked_group_id(header: dict[str, Any], plain: bool) -> str | None:
    """A linked group's id (None when not given), as ``LinkedHeader`` gives it.

    Checked here when ``plain`` (see :func:`no_escapes`) and the header is plainly valid.

    Raises:
        ValidationError: the header is not valid (``LinkedHeader``'s own errors).
    """
    if plain and header.keys() <= {"id", "note"}:
        id_, note = _node_id(header.get("id")), _optional_str(header.get("note"))
        if id_ is not _MISSING and note is not _MISSING:
            return id_  # type: ignore[no-any-return]
    return _link_models()[1].model_validate(header).id


@functools.cache
def entry_models() -> Mapping[NodeKind, type[BaseModel]]:
    """The entry model of each kind, created on the first entry not settled here.

    A plain load never creates them; one that does checks each such entry with them, so
    they are looked up once, not imported again an entry.
    """
    from argmap.load.entrymodels import ENTRY_MODELS

    return ENTRY_MODELS


@functools.cache
def _link_models() -> tuple[type[LinkEntry], type[LinkedHeader]]:
    from argmap.load.entrymodels import LinkedHeader, LinkEntry

    return LinkEntry, LinkedHeader
