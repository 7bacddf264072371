"""Warnings about characters a drawing shows as boxes: a few of them named, once a render."""

from __future__ import annotations

import logging
from typing import Final

__all__ = ["MAX_NAMED_GLYPHS", "some_glyphs", "warn_unfontable"]

logger = logging.getLogger(__name__)

MAX_NAMED_GLYPHS: Final = 8
"""How many characters a message about missing glyphs names."""


def some_glyphs(chars: list[str]) -> str:
    """The first few of ``chars`` (:data:`MAX_NAMED_GLYPHS`), then "..." if there are more."""
    named = " ".join(chars[:MAX_NAMED_GLYPHS])
    return named + (" ..." if len(chars) > MAX_NAMED_GLYPHS else "")


def warn_unfontable(text: str, map_name: str, fmt: str) -> None:
    """Warn about characters that no font argmap ships can draw (they show as boxes).

    Needs fontTools to read the fonts; without it (no extra installed) nothing is said.
    """
    from importlib.util import find_spec

    if find_spec("fontTools") is None:
        return
    from argmap.exporters.diagram.fonts import missing_glyphs

    missing = missing_glyphs(text)
    if missing:
        logger.warning(
            "%s: the %s shows %d distinct character%s as empty boxes (%s): no font argmap "
            "ships has them; use --format svg, where the browser's fonts draw them",
            map_name,
            fmt,
            len(missing),
            "" if len(missing) == 1 else "s",
            some_glyphs(missing),
        )
