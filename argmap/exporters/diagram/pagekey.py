"""Where the whole map's key goes when page 1 has no room: below or beside a later drawing."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Final

from argmap.exporters.diagram.pageestimate import WIDE_SHARE, Estimate, Unit
from argmap.exporters.diagram.pagefill import Pager
from argmap.exporters.diagram.stacking import NODESEP, RANKSEP

__all__ = ["FITS_BARELY", "key_over"]

FITS_BARELY: Final = 1 / WIDE_SHARE
"""A key's overflow (see :func:`key_over`) at which it just fits with no margin."""
STUB_COLUMN: Final = 120.0
"""Left to right, the key goes in the last column, which is about a stub wide."""


def key_over(
    pager: Pager,
    taken: Sequence[Unit],
    full: set[str],
    rest: Unit | None,
    limits: Mapping[str, int] | None,
) -> tuple[float, tuple[str, str]]:
    """How far a page's drawing with the whole map's key overflows the page, and where.

    At most 1.0: it fits, with a margin (:data:`~.pageestimate.WIDE_SHARE`); a page that
    overflows once laid out is planned again, and the key should not be the cause. Below
    the drawing (``("below", a node on its lowest rank)``) or, top-down, beside its lowest
    rank (``("bottom", "")``, where the engine puts a node of no edges): whichever
    overflows less. Infinite for a page of references to other pages: the engine puts
    them, unranked, on the key's rank, far from their sources.
    """
    below = ("below", "")
    if any(t not in full for n in full for t in pager.links[n]):
        return math.inf, below
    share = pager.tighter.get(taken[0][0], (1.0, 1.0))
    width, height = reversed(share) if pager.horizontal else share
    room = (pager.full_size[0] * width, pager.full_size[1] * height)
    if min(room) <= 0:
        return math.inf, below
    estimate = pager.kept(taken, full, rest, limits)
    key_w, key_h = pager.whole_key()
    if pager.horizontal:  # below the drawing's last rank, in its column (a stub's wide)
        size = (estimate.width + NODESEP + key_w, estimate.height + max(0.0, key_h - STUB_COLUMN))
        return _over(size, room), ("below", estimate.deepest)
    under = (max(estimate.width, key_w + pager.frame[0]), estimate.height + RANKSEP + key_h)
    places = [(_over(under, room), ("below", estimate.deepest))]
    if estimate.bottom:
        places.append((_over(_beside(estimate, (key_w, key_h)), room), ("bottom", "")))
    return min(places, key=lambda place: place[0])


def _beside(estimate: Estimate, key: tuple[float, float]) -> tuple[float, float]:
    """The drawing's size with the key at the end of its lowest rank."""
    key_w, key_h = key
    return estimate.width + NODESEP + key_w, estimate.height + max(0.0, key_h - estimate.bottom)


def _over(size: tuple[float, float], room: tuple[float, float]) -> float:
    return max(size[0] / room[0], size[1] / room[1]) / WIDE_SHARE
