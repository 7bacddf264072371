"""Whether a map's stubs name their kinds beside where they go on, or atop: one look for all."""

from __future__ import annotations

import weakref
from typing import Any

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.stublabels import LINKED_MORE, stub_label_lines
from argmap.exporters.diagram.stubstatus import GROUP_TAG, beside_lines, stub_word
from argmap.model import ArgumentMap, NodeKind

__all__ = ["stubs_beside"]

_MADE: dict[tuple[int, bool], tuple[Any, bool]] = {}
"""The last maps' answers off stacked pages: (id of the map, narrow) -> (the map, weakly),
the answer."""


def stubs_beside(m: ArgumentMap, narrow: bool, stacked: bool = False) -> bool | None:
    """Whether every stub of the map names its kind beside where it goes on (else atop).

    None: no one look for the map, on ``stacked`` pages: the planner sizes each stub its
    own way (see :func:`~.stubstatus.tagged`), the drawing gives each page one look.

    One look for every stub of the map's pages: beside on some (``OBJECTION · +8 more,
    p. 7``) and atop on others (where beside would widen them), one page's stubs told
    their kinds two ways (the flagship's first slide: four beside, its objection atop).
    The look most of the map's stubs would take on their own (see :func:`_beside_share`):
    beside where at least half of them (each node's, each linked group's, worded as the
    planner words a stub) are hardly wider so, else atop on every stub, as a box's
    header. Beside on all where any one stub is too wide cost a 1,500-node map 14 slides
    of 214 (200); atop on all where fewer than half need it cost Argdown's populism
    example one of 13; beside on all where most need it atop cost a 300-claim debate 2
    of 47 (45) and the flagship one of 14 (13). On ``stacked`` pages (upright, top
    down: see :func:`~.stacking.rows_ranks`) no look for the map: beside on all cost the
    flagship's upright Letter pages two (28, not 26), atop on all one, and four
    conclusions' stubs over an upright A4 thesis, in two rows of two beside or atop each
    as it fits, were crowded into one grouped stub. There each page takes one (see
    :func:`~.stubbox.page_beside`): beside where all its stubs fit it, else atop. Asked
    by the planner and the drawing alike, for the map and the page's width (``narrow``:
    see :func:`~.stublabels.stub_wrap`) and shape.
    """
    if stacked:
        return None
    key = (id(m), narrow)
    made = _MADE.get(key)
    if made is not None and made[0]() is m:
        return made[1]
    beside, stubs = _beside_share(m, narrow)
    found = 2 * beside >= stubs
    if len(_MADE) >= 8:  # a few maps rendered in one process (a test run, watch)
        _MADE.clear()
    _MADE[key] = (weakref.ref(m), found)
    return found


def _beside_share(m: ArgumentMap, narrow: bool) -> tuple[int, int]:
    """How many of the map's stubs fit their kinds beside their counts, of how many.

    A stub of each node but the thesis (drawn on page 1, never a stub), and of each
    linked group; fits: no more than :data:`~.stubstatus.BESIDE_WIDER` times as wide as
    the stub's other lines (see :func:`~.stubstatus.beside_lines`), page numbers as wide
    as the map's node count.
    """
    page = "0" * len(str(len(m.nodes)))
    weight = {node.id: 1 for node in m.nodes}
    for node in reversed(m.nodes):  # document order lists parents before children
        if node.parent is not None and node.parent in weight:
            weight[node.parent] += weight[node.id]
    beside = stubs = 0
    for node in m.nodes:
        if node.kind is NodeKind.THESIS:
            continue
        lines = stub_label_lines(node.text, weight[node.id] - 1, page, narrow=narrow)
        stubs += 1
        beside += beside_lines(lines, [stub_word(node, draw_kind(m, node))]) is not None
    for members in m.groups().values():
        more = sum(weight[member.id] for member in members) - 1
        lines = stub_label_lines(members[0].text, more, page, narrow=narrow, linked=True)
        lines[-1] = lines[-1].replace(LINKED_MORE, " more, ")
        stubs += 1
        beside += beside_lines(lines, list(GROUP_TAG)) is not None
    return beside, stubs
