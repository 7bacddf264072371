"""Worksheets for students: fill, place and label exercises of a map, and their answer keys.

A worksheet is the map turned into another map before any exporter sees it: nodes named
by position (``1``, ``1.1`` ...), blanked statements replaced, and tags, citations,
quotes, sources, authors, notes and standing left out unless kept. So every format
draws it, and nothing an exporter prints can give an answer away.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from argmap.exercise.numbering import positions
    from argmap.exercise.worksheet import Worksheet, blank_lines, make_worksheet, shuffled

__all__ = ["Worksheet", "blank_lines", "make_worksheet", "positions", "shuffled"]

_WHERE: Final = {
    "positions": "numbering",
    "Worksheet": "worksheet",
    "blank_lines": "worksheet",
    "make_worksheet": "worksheet",
    "shuffled": "worksheet",
}
"""Public name -> the module of this package defining it, imported on first use."""


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap.exercise' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"argmap.exercise.{module}"), name)
    globals()[name] = value
    return value
