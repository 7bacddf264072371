"""A stand-in for a laid-out page, for tests of the choice between drawings of one page."""

from __future__ import annotations

from typing import NamedTuple

from argmap.exporters.diagram.pageparts import PagePlan


class Laid(NamedTuple):
    """A page's plan, its SVG packed (any bytes the test reads back) and its drawing's size."""

    plan: PagePlan
    packed: bytes
    width: float
    height: float
