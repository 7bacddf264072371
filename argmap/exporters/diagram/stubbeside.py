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
"""The last maps' answers: (id of the map, narrow) -> (the map, weakly), the answer."""


def stubs_beside(m: ArgumentMap, narrow: bool) -> bool:
    """Whether every stub of the map names its kind beside where it goes on (else atop).

    One look for every stub of the map's pages: beside on some (``OBJECTION · +8 more,
    p. 7``) and atop on others (where beside would widen them), one page's stubs told
    their kinds two ways (the flagship's first slide: four beside, its objection atop).
    Beside where each branch's stub (each node's, each linked group's) would have it so,
    as the planner words a stub (page numbers as wide as the map's node count); else atop
    on every stub, as a box's header. Asked by the planner and the drawing alike, for
    the map and the page's width (``narrow``: see :func:`~.stublabels.stub_wrap`).
    """
    key = (id(m), narrow)
    made = _MADE.get(key)
    if made is not None and made[0]() is m:
        return made[1]
    found = _every_stub_beside(m, narrow)
    if len(_MADE) >= 8:  # a few maps rendered in one process (a test run, watch)
        _MADE.clear()
    _MADE[key] = (weakref.ref(m), found)
    return found


def _every_stub_beside(m: ArgumentMap, narrow: bool) -> bool:
    """Whether each node's stub, and each linked group's, fits its kind beside its count."""
    page = "0" * len(str(len(m.nodes)))
    weight = {node.id: 1 for node in m.nodes}
    for node in reversed(m.nodes):  # document order lists parents before children
        if node.parent is not None and node.parent in weight:
            weight[node.parent] += weight[node.id]
    for node in m.nodes:
        if node.kind is NodeKind.THESIS:  # drawn on page 1, never a stub
            continue
        lines = stub_label_lines(node.text, weight[node.id] - 1, page, narrow=narrow)
        if beside_lines(lines, [stub_word(node, draw_kind(m, node))]) is None:
            return False
    for members in m.groups().values():
        more = sum(weight[member.id] for member in members) - 1
        lines = stub_label_lines(members[0].text, more, page, narrow=narrow, linked=True)
        lines[-1] = lines[-1].replace(LINKED_MORE, " more, p. ")
        if beside_lines(lines, list(GROUP_TAG)) is None:
            return False
    return True
