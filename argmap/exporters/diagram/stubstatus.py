"""A stub's standing with ``--status``: its first node's (a linked group's), and its border."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from argmap.exporters.diagram.stublabels import STUB_POINTS
from argmap.exporters.diagram.styles import (
    STANDING_BORDER,
    STANDING_LABEL,
    drawn_standings,
    group_key,
)
from argmap.exporters.diagram.textwidth import text_points
from argmap.model import ArgumentMap, Node

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = [
    "GROUP_TAG",
    "NO_STANDING",
    "StatusMeasure",
    "map_standings",
    "stub_standing",
    "stub_style",
    "stub_tagged",
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


GROUP_TAG: Final = ("LINKED REASON", "LINKED")
"""What a linked group's stub says its standing is of: the group's, not its first premise's
(whose words the stub shows); the shorter where the longer is wider than the stub's lines."""


def tagged(lines: list[str], standing: str | None, of_group: bool = False) -> list[str]:
    """A stub's lines, with its standing's tag (as a full box's header shows it) atop them.

    ``of_group``: the standing is a linked group's (see :func:`stub_standing`), the tag
    says so (``LINKED REASON [OUT]``, or ``LINKED [OUT]`` where that is wider than the
    stub's lines: wider stubs cost a small map a page): over its first premise's words
    alone, ``[OUT]`` read as that premise's standing (the flagship's "pivot" premise,
    itself in).
    """
    if standing is None:
        return lines
    tag = f"[{STANDING_LABEL[standing]}]"
    if of_group:
        widest = max((text_points(line, STUB_POINTS) for line in lines), default=0.0)
        named = f"{GROUP_TAG[0]} {tag}"
        tag = named if text_points(named, STUB_POINTS) <= widest else f"{GROUP_TAG[1]} {tag}"
    return [tag, *lines]


def stub_tagged(
    lines: list[str], standing: Mapping[str, str], tops: Sequence[str], group: str | None
) -> list[str]:
    """A stub's lines tagged with its standing (see :func:`stub_standing`), named a group's."""
    of_group = group is not None and group_key(group) in standing
    return tagged(lines, stub_standing(standing, tops, group), of_group)


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
