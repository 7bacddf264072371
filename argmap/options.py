"""Render options shared by the exporters, the pipeline and the CLI, with their vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Direction", "Engine", "RenderOptions", "Theme"]

Direction = Literal["TB", "BT", "LR", "RL"]
Theme = Literal["default", "print", "contrast"]
Engine = Literal["auto", "bundled", "system"]


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
