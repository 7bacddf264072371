"""The one list of a node's fields, and the views of it that commands and formats read."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from types import UnionType
from typing import Any, Final, Union, get_args, get_origin

from pydantic import BaseModel

from argmap.model.records import Node

__all__ = [
    "CLEARABLE_FIELDS",
    "COMPARED_FIELDS",
    "CONTENT_FIELDS",
    "EDITABLE_FIELDS",
    "FILE_FIELDS",
    "NODE_FIELDS",
    "PLACEMENT_FIELDS",
    "UNDERCUT",
    "entry_fields",
    "plain_value",
]

NODE_FIELDS: Final = tuple(Node.model_fields)
"""Every field of a node, in the model's order: the keys of a record in the JSON export."""

PLACEMENT_FIELDS: Final = ("parent", "relation", "group")
"""Where a node sits in the tree; a map file says them by nesting entries (and ``undercut``)."""

UNDERCUT: Final = "undercut"
"""The map file's flag for ``relation: undercuts``: a key of file entries, not a node field."""


def _without(names: Iterable[str], *left_out: str) -> tuple[str, ...]:
    return tuple(name for name in names if name not in left_out)


def _required(name: str) -> bool:
    info = Node.model_fields.get(name)
    return info is not None and info.is_required()


def _nested(name: str) -> bool:
    """Whether a field holds a record or a list: a file writes it below its key."""
    annotation = Node.model_fields[name].annotation
    union = get_origin(annotation) in (Union, UnionType)
    options = get_args(annotation) if union else (annotation,)
    return any(
        get_origin(option) is tuple or (isinstance(option, type) and issubclass(option, BaseModel))
        for option in options
    )


COMPARED_FIELDS: Final = _without(NODE_FIELDS, "id", "parent", "group")
"""Fields whose change ``argmap diff`` reports; the id pairs the two versions of a node,
and a new ``parent`` or ``group`` reports it as moved instead."""

CONTENT_FIELDS: Final = _without(NODE_FIELDS, "id", "kind", *PLACEMENT_FIELDS, "links")
"""What a node says and who signed it: every field but its id, kind, place and cross-links."""

EDITABLE_FIELDS: Final = (*CONTENT_FIELDS, UNDERCUT)
"""Fields ``argmap edit`` sets or clears, in the order new ones are written (the id, the
place and the cross-links have options of their own)."""

CLEARABLE_FIELDS: Final = tuple(name for name in EDITABLE_FIELDS if not _required(name))
"""Editable fields a node can do without: all but ``text``."""

FILE_FIELDS: Final = ("id", *sorted(CONTENT_FIELDS, key=_nested), UNDERCUT, "links")
"""A node entry's own keys, in the order a whole map is written out: the id, the one-line
fields, the nested ones, then what else the node bears on. Kind, parent and group are said
by where the entry sits."""


def plain_value(value: Any) -> Any:
    """Return a field's value as plain data, for a file entry or a record.

    Enums become their words, records dicts of their set fields, tuples lists; dates
    stay dates (YAML writes them as such).
    """
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, tuple | list):
        return [plain_value(item) for item in value]
    return value


def entry_fields(values: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Return the fields that are set, as plain data, in the order given.

    Unset means None, False or an empty list: a file leaves such a field out.
    """
    return {
        name: plain_value(value)
        for name, value in values
        if value is not None and value is not False and value != () and value != []
    }
