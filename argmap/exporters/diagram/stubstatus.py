"""A stub's standing with ``--status``: its first node's (a linked group's), and its border."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from argmap.exporters.diagram.styles import (
    STANDING_BORDER,
    STANDING_LABEL,
    drawn_standings,
    group_key,
)
from argmap.model import ArgumentMap, Node

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = [
    "NO_STANDING",
    "StatusMeasure",
    "map_standings",
    "stub_standing",
    "stub_style",
    "tagged",
]

_MADE: dict[int, tuple[Any, Any, dict[str, str]]] = {}
"""The last maps' drawn standings: id of the analysis -> (it, its map, weakly), the result."""

NO_STANDING: Mapping[str, str] = MappingProxyType({})
"""No ``--status``: stubs keep their dashed look."""
STUB_STYLE = "rounded,dashed,filled"
"""A stub's look without ``--status``: dashed, as a branch left out."""


def map_standings(m: ArgumentMap, analysis: Analysis) -> dict[str, str]:
    """The standings ``--status`` draws for the whole map (see :func:`~.styles.drawn_standings`).

    Made once for a map and its analysis: each of a big map's pages asked again, a pass
    over every node and group a page (1,600 pages of 10,000 nodes: 16 million steps).
    """
    made = _MADE.get(id(analysis))
    if made is not None and made[0]() is analysis and made[1]() is m:
        return made[2]
    drawn = drawn_standings(analysis.standing, analysis.link_standing, m.groups())
    if len(_MADE) >= 4:  # a few maps rendered in one process (a test run, watch)
        _MADE.clear()
    _MADE[id(analysis)] = (weakref.ref(analysis), weakref.ref(m), drawn)
    return drawn


def stub_standing(
    standing: Mapping[str, str], tops: Sequence[str], group: str | None = None
) -> str | None:
    """The standing a stub of branches starting at ``tops`` shows (None: none, or several).

    A grouped stub shows one when all its branches share it. A stub of a linked ``group``
    shows the group's (its weakest premise's: see :func:`~.styles.drawn_standings`), not
    its first premise's: a group with a premise out does not support its claim.
    """
    if group is not None and group_key(group) in standing:
        return standing[group_key(group)]
    found = {standing.get(top) for top in tops}
    return found.pop() if len(found) == 1 else None


def tagged(lines: list[str], standing: str | None) -> list[str]:
    """A stub's lines, with its standing's tag (as a full box's header shows it) atop them."""
    return lines if standing is None else [f"[{STANDING_LABEL[standing]}]", *lines]


def stub_style(status: bool, standing: str | None) -> str:
    """A stub's style: dashed; with ``--status``, its standing's border, as a full box's.

    With ``--status`` a dashed border says "out": a stub of a branch that stands drawn
    dashed read as out (every reason on the flagship's overview).
    """
    if not status:
        return STUB_STYLE
    border = STANDING_BORDER[standing] if standing is not None else ""
    return ",".join(["rounded", *([border] if border else []), "filled"])


class StatusMeasure:
    """A planner's measure of boxes that also knows each node's drawn standing.

    The planner sizes a stub with its tag (see :func:`tagged`) when the measure it is
    given has standings (``--status``).
    """

    def __init__(
        self, measure: Callable[[Node], tuple[float, float]], standing: Mapping[str, str]
    ) -> None:
        """Wrap ``measure``; ``standing``: node id -> standing, as ``--status`` draws it."""
        self.measure, self.standing = measure, standing

    def __call__(self, node: Node) -> tuple[float, float]:
        """A node's box size, as the wrapped measure gives it."""
        return self.measure(node)
