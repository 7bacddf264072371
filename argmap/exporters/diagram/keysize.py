"""The planner's size of a key: a row per kind, arrow, box, page mark and standing it explains."""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from itertools import zip_longest
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.keymarks import mark_words, planned_marks
from argmap.exporters.diagram.keysamples import SAMPLE_WIDTH
from argmap.exporters.diagram.labels import text_points
from argmap.exporters.diagram.legend import key_lines, key_wrap, legend_content, title_points
from argmap.exporters.diagram.styles import (
    CROSS_LEGEND,
    DRAWN_LEGEND,
    LEGEND_TEXT,
    LINKED_LEGEND,
    STANDING_BORDER,
    STANDING_LABEL,
    STANDING_TEXT,
)
from argmap.model import ArgumentMap, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Estimator

__all__ = ["KEY_LINE", "LEGEND_ROW", "legend_size", "planned_key"]

LEGEND_ROW: Final = 25.0
"""A row of the key: its swatch or arrow, and its words at 10 points."""
KEY_LINE: Final = 12.0
"""A line of a key's words at 10 points, past an entry's first."""

Size = tuple[float, float]
_Entry = tuple[float, str]
"""A key's entry as counted: its sample's width, and its words."""


def legend_size(
    m: ArgumentMap,
    drawn: Collection[str],
    stubs: Sequence[str],
    direction: str = "TB",
    columns: int = 1,
    *,
    standing: Mapping[str, str] | None = None,
    marks: Collection[str] = (),
) -> Size:
    """The key of a page that draws these nodes and stubs: a row per entry (see ``legend``).

    Args:
        m: the map.
        drawn: the nodes drawn in full.
        stubs: the nodes drawn as stubs.
        direction: the drawing's (see :data:`~.styles.DRAWN_LEGEND`).
        columns: the key's (see :func:`~.legend.legend_label`).
        standing: with ``--status``, each node's standing: a row per standing drawn,
            its sample the standing's tag.
        marks: the page marks the pages draw (see :mod:`~.keymarks`): a row each.
    """
    nodes = [m.get(node_id) for node_id in [*drawn, *stubs]]
    standing = standing or {}
    content = legend_content(m, nodes, frozenset(drawn), standing, paged=True, marks=marks)
    words = [kind.value for kind in sorted(content.kinds, key=list(NodeKind).index)]
    relations = sorted(content.relations, key=list(Relation).index)
    words += [f"bar-ended {LEGEND_TEXT[relation]}" for relation in relations]
    words += [DRAWN_LEGEND[direction]] if content.drawn else []
    words += [LINKED_LEGEND] if content.linked else []
    words += [CROSS_LEGEND] if content.cross else []
    words += [mark_words(mark, content.status) for mark in content.marks]
    entries: list[_Entry] = [(SAMPLE_WIDTH, text) for text in words]
    for drawn_as in sorted(content.standings, key=list(STANDING_LABEL).index):
        tag = math.ceil(text_points(f"[{STANDING_LABEL[drawn_as]}]", 10)) + 4
        border = STANDING_BORDER[drawn_as] or "solid"
        entries.append((max(SAMPLE_WIDTH, tag), f"{STANDING_TEXT[drawn_as]} ({border} border)"))
    if columns == 1:
        width = max(sample + text_points(text, 10) for sample, text in entries) + 32
        return max(width, title_points(content)), (len(entries) + 1) * LEGEND_ROW + 12
    half = -(-len(entries) // 2)
    wrap = key_wrap(columns)
    sides = [
        [(sample, key_lines(text, wrap)) for sample, text in side]
        for side in (entries[:half], entries[half:])
    ]
    width = sum(
        max(sample + text_points(line, 10) for sample, lines in side for line in lines) + 16
        for side in sides
        if side
    )
    # A row as tall as its entry of more lines: each line past the first adds one.
    counts = [[len(lines) for _, lines in side] for side in sides]
    more = sum(max(row) - 1 for row in zip_longest(*counts, fillvalue=1))
    height = (half + 1) * LEGEND_ROW + 12 + more * KEY_LINE
    return max(width + 16, title_points(content)), height


def planned_key(pager: Estimator, columns: int, several: bool) -> Size:
    """The whole map's key as the planner counts it, in ``columns``, before layout.

    ``several``: the map takes more than one page, so the key explains the marks pages
    draw (see :func:`~.keymarks.planned_marks`); its standings' rows with ``--status``
    (the planner's measure knows them: see :class:`~.stubstatus.StatusMeasure`).
    """
    context = pager.context and bool(pager.lead)
    linked = any(pager.m.get(node_id).links for node_id in pager.everything)
    marks = planned_marks(several, context, linked)
    return legend_size(
        pager.m, pager.everything, [], pager.way, columns, standing=pager.standing, marks=marks
    )
