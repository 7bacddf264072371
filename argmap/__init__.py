"""argmap: argument maps as hand-editable files, rendered as diagrams and HTML outlines."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis, Standing, Support, analyze
    from argmap.errors import (
        ArgmapError,
        Issue,
        MapFileError,
        MapValidationError,
        RenderError,
        UnknownFormatError,
    )
    from argmap.load.maps import load_map
    from argmap.load.validate import validate_data
    from argmap.model import ArgumentMap, Node, NodeKind, Relation
    from argmap.options import RenderOptions
    from argmap.pipeline import render_file, render_map


__all__ = [
    "Analysis",
    "ArgmapError",
    "ArgumentMap",
    "Issue",
    "MapFileError",
    "MapValidationError",
    "Node",
    "NodeKind",
    "Relation",
    "RenderError",
    "Standing",
    "Support",
    "RenderOptions",
    "UnknownFormatError",
    "analyze",
    "load_map",
    "render_file",
    "render_map",
    "validate_data",
]

# Lazy re-exports keep `argmap --help` from importing pydantic.
_WHERE = {
    "Analysis": "argmap.analysis.standing",
    "Standing": "argmap.analysis.standing",
    "Support": "argmap.analysis.standing",
    "ArgmapError": "argmap.errors",
    "Issue": "argmap.errors",
    "MapFileError": "argmap.errors",
    "MapValidationError": "argmap.errors",
    "RenderError": "argmap.errors",
    "UnknownFormatError": "argmap.errors",
    "load_map": "argmap.load.maps",
    "ArgumentMap": "argmap.model",
    "Node": "argmap.model",
    "NodeKind": "argmap.model",
    "Relation": "argmap.model",
    "render_file": "argmap.pipeline",
    "render_map": "argmap.pipeline",
    "analyze": "argmap.analysis.standing",
    "RenderOptions": "argmap.options",
    "validate_data": "argmap.load.validate",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    module, _, attr = _WHERE[name].partition(":")
    value = getattr(importlib.import_module(module), attr or name)
    globals()[name] = value
    return value
