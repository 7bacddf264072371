"""The argument-map model: a flat, validated premise–evidence–objection graph (no I/O).

``from argmap.model import X`` works for every name below. Each is imported from its
module on first use, so this package imports none of its modules up front: the command
line can read the vocabulary (plain enums) without loading pydantic, and no module of
the package depends back on this one.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap
    from argmap.model.conclusions import (
        conclusion_message,
        conclusion_nodes,
        drawing_steps,
        drawn_from,
        is_conclusion,
        nested_under,
        reading_order,
    )
    from argmap.model.fields import (
        CLEARABLE_FIELDS,
        COMPARED_FIELDS,
        CONTENT_FIELDS,
        EDITABLE_FIELDS,
        FILE_FIELDS,
        NODE_FIELDS,
        PLACEMENT_FIELDS,
        UNDERCUT,
        entry_fields,
        plain_value,
    )
    from argmap.model.records import (
        Citation,
        Link,
        Name,
        Node,
        NodeId,
        Outlet,
        SourceDocument,
        Text,
        TextDate,
    )
    from argmap.model.structure import Problem, structure_problems
    from argmap.model.tags import Tag, Tags, tag_problem
    from argmap.model.vocabulary import (
        ALLOWED_RELATIONS,
        CHILD_KINDS,
        ID_PATTERN,
        SUPPORTABLE,
        Assessment,
        Basis,
        NodeKind,
        Relation,
        Strength,
    )

__all__ = [
    "ALLOWED_RELATIONS",
    "CHILD_KINDS",
    "CLEARABLE_FIELDS",
    "COMPARED_FIELDS",
    "CONTENT_FIELDS",
    "EDITABLE_FIELDS",
    "FILE_FIELDS",
    "ID_PATTERN",
    "NODE_FIELDS",
    "PLACEMENT_FIELDS",
    "SUPPORTABLE",
    "UNDERCUT",
    "ArgumentMap",
    "Assessment",
    "Basis",
    "Citation",
    "Link",
    "Name",
    "Node",
    "NodeId",
    "NodeKind",
    "Outlet",
    "Problem",
    "Relation",
    "SourceDocument",
    "Strength",
    "Tag",
    "Tags",
    "Text",
    "TextDate",
    "conclusion_message",
    "conclusion_nodes",
    "drawing_steps",
    "drawn_from",
    "entry_fields",
    "is_conclusion",
    "nested_under",
    "plain_value",
    "reading_order",
    "structure_problems",
    "tag_problem",
]

_MODULES: Final = {
    "vocabulary": (
        "ALLOWED_RELATIONS",
        "CHILD_KINDS",
        "ID_PATTERN",
        "SUPPORTABLE",
        "Assessment",
        "Basis",
        "NodeKind",
        "Relation",
        "Strength",
    ),
    "records": (
        "Citation",
        "Link",
        "Name",
        "Node",
        "NodeId",
        "Outlet",
        "SourceDocument",
        "Text",
        "TextDate",
    ),
    "structure": ("Problem", "structure_problems"),
    "tags": ("Tag", "Tags", "tag_problem"),
    "conclusions": (
        "conclusion_message",
        "conclusion_nodes",
        "drawing_steps",
        "drawn_from",
        "is_conclusion",
        "nested_under",
        "reading_order",
    ),
    "argument_map": ("ArgumentMap",),
    "fields": (
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
    ),
}
"""Module of this package -> the public names it defines, in reading order: the words,
the records, the structure rules, the map, and the field lists commands and formats read."""

_WHERE: Final = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"argmap.model.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
