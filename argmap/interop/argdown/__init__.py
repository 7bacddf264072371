"""Argdown both ways: ``writer`` writes maps as Argdown, ``scan`` and ``reader`` read it back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from argmap.model import Relation

__all__ = ["DATA_FIELDS", "RELATION_MARKS"]

RELATION_MARKS: Final[Mapping[Relation, str]] = {
    Relation.SUPPORTS: "+",
    Relation.ATTACKS: "-",
    Relation.UNDERCUTS: "_",
}
"""Each relation's mark: ``+ <a>`` under ``<b>`` (a supports b), ``+> <b>`` under ``<a>``."""

DATA_FIELDS: Final = (
    "quote",
    "citation",
    "source",
    "author",
    "added",
    "strength",
    "basis",
    "assessment",
    "note",
)
"""Node fields carried in a data block ``{...}``, in output order."""
