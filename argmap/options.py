"""Render options shared by the exporters, the pipeline and the CLI, with their vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Direction", "Engine", "Fit", "RenderOptions", "Theme"]

Direction = Literal["TB", "BT", "LR", "RL"]
Theme = Literal["default", "print", "contrast"]
Engine = Literal["auto", "bundled", "system"]
Fit = Literal["slide", "a4", "a3", "letter", "none"]
"""The page a diagram is fitted to: a 16:9 slide, a paper size, or none (one drawing)."""


@dataclass(frozen=True)
class RenderOptions:
    """Options every exporter receives; each reads the ones that concern it."""

    direction: Direction = "TB"
    focus: str | None = None
    depth: int | None = None
    hide: frozenset[str] = field(default_factory=frozenset)
    theme: Theme = "default"
    engine: Engine = "auto"
    status: bool = False
    exercise: bool = False
    map_name: str = "map"
    fit: Fit | None = None
    """The page to fit the diagram to; None takes the format's own default."""
    portrait: bool = False
    """Turn paper pages upright (they lie in landscape by default)."""
