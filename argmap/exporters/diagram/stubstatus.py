"""A stub's header and border: its kind, and with ``--status`` its standing (a group's)."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from argmap.exporters.diagram.stublabels import LINKED_MORE, STUB_POINTS
from argmap.exporters.diagram.styles import (
    NODE_STYLE,
    STANDING_BORDER,
    STANDING_LABEL,
    drawn_standings,
    group_key,
)
from argmap.exporters.diagram.textwidth import text_points
from argmap.model import ArgumentMap, Node, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = [
    "BESIDE_WIDER",
    "GROUP_TAG",
    "NO_STANDING",
    "StatusMeasure",
    "beside_lines",
    "map_standings",
    "stub_standing",
    "stub_style",
    "stub_tagged",
    "stub_word",
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
"""What a linked group's stub says it is, and whose standing its tag gives: the group's, not
its first premise's (whose words the stub shows); the shorter where the longer is wider
than the stub's lines."""


BESIDE_WIDER: Final = 1.1
"""How much wider than its other lines a stub's kind and where it goes on may make it: a
line more costs every stub in its row its height, a little width only the row's width
(the generated maps' objections, ``OBJECTION · +332 more, p. 2``, were 8% wider)."""


def beside_lines(lines: list[str], heads: list[str], always: bool = False) -> list[str] | None:
    """A stub's ``lines``, the first of ``heads`` that fits beside where it goes on.

    Fits: no more than :data:`BESIDE_WIDER` times as wide as the widest of ``lines``.
    None where none fits, unless ``always`` (then the last, the shortest).
    """
    widest = max(text_points(line, STUB_POINTS) for line in lines)
    for head in heads:
        joined = f"{head} · {lines[-1]}"
        if text_points(joined, STUB_POINTS) <= widest * BESIDE_WIDER:
            return [*lines[:-1], joined]
    return [*lines[:-1], f"{heads[-1]} · {lines[-1]}"] if always else None


def stub_word(node: Node, kind: NodeKind) -> str:
    """The kind a stub of the branch from ``node`` names atop its words, as its box would.

    ``kind``: the kind it is drawn as (see :func:`~argmap.analysis.view.draw_kind`). An
    undercutter's is its box's ``UNDERCUTS THE LINK``. Every theme names kinds alike (a
    test checks), so the planner sizes the stub with the words the drawing gives it.
    """
    word = NODE_STYLE[kind].label
    if node.relation is Relation.UNDERCUTS:
        word = "UNDERCUTS THE LINK" if kind is NodeKind.OBJECTION else f"{word} · UNDERCUTS"
    return word


def tagged(
    lines: list[str],
    standing: str | None,
    of_group: bool = False,
    word: str = "",
    beside: bool | None = False,
) -> list[str]:
    """A stub's lines, headed by its kind's ``word`` and its standing's tag.

    A full box's header names its kind; a stub, drawn dashed in its kind's colours, named
    none, and on a greyscale copy a stubbed branch's side was lost. ``word``: the kind the
    stub names (see :func:`stub_word`; none where the drawing hides kinds, a label
    worksheet's, or where the lines count the branches by kind). It goes on a line of its
    own atop the stub's words, as a full box's header; ``beside``: before where the branch
    goes on (``OBJECTION · +8 more, p. 7``), as every stub of the map has it (see
    :func:`~.stubbeside.stubs_beside`: one look for them all, not beside on some stubs
    and atop on others of the same page); None: beside where that is hardly wider than
    the stub's lines, else atop (as the planner sizes stubs on stacked pages, where the
    drawing gives each page one look: see :func:`~.stubbox.page_beside`). With a
    standing, atop, saying it
    (``REASON [OUT]``), as a box's header.

    ``of_group``: the stub is a linked group's and ``standing`` its own (see
    :func:`stub_standing`). Then, and wherever ``word`` is the group's, the stub says so
    (``LINKED REASON [OUT]``, or ``LINKED [OUT]`` where that is wider than the stub's lines:
    wider stubs cost a small map a page), and its count no longer says ``(linked)``:
    over its first premise's words alone, ``[OUT]`` read as that premise's standing (the
    flagship's "pivot" premise, itself in).
    """
    tag = f"[{STANDING_LABEL[standing]}]" if standing is not None else ""
    group = of_group or word == GROUP_TAG[0]
    heads = [f"{name} {tag}".strip() for name in (GROUP_TAG if group else (word,))]
    if not heads[0] or not lines:
        return lines
    if group:  # the head says it is linked
        lines = [*lines[:-1], lines[-1].replace(LINKED_MORE, " more, ")]
    if beside is not False and not tag:
        fitted = beside_lines(lines, heads, always=bool(beside))
        if fitted is not None:
            return fitted
    widest = max(text_points(line, STUB_POINTS) for line in lines)
    head = next((h for h in heads if text_points(h, STUB_POINTS) <= widest), heads[-1])
    return [head, *lines]


def stub_tagged(
    lines: list[str],
    standing: Mapping[str, str],
    tops: Sequence[str],
    group: str | None,
    word: str = "",
    beside: bool | None = False,
) -> list[str]:
    """A stub's lines headed by its ``word`` and standing (see :func:`tagged`).

    ``group``: the linked group the stub stands for, if any; its standing is the group's.
    """
    of_group = group is not None and group_key(group) in standing
    return tagged(lines, stub_standing(standing, tops, group), of_group, word, beside)


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
