"""Whether a page that shares its room with linked groups draws its tops in file order."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final, Protocol

from argmap.exporters.diagram.geometry import Box, boxes
from argmap.exporters.diagram.packed import unpack

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Unit
    from argmap.exporters.diagram.pagefill import Pager
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.model import ArgumentMap

__all__ = ["GROUPS_APART", "Drafted", "apart", "keep_apart", "out_of_order", "top_units"]

GROUPS_APART: Final = "\0linked groups apart on the page of "
"""Prefixes a page's first top in a plan's cuts (never a node's id: it starts with a NUL):
the page takes no linked group beside other branches (see :func:`keep_apart`)."""


class Drafted(Protocol):
    """A page's draft: its plan and its SVG, packed (see :func:`~.packed.pack`)."""

    @property
    def plan(self) -> PagePlan: ...  # noqa: D102

    @property
    def packed(self) -> bytes: ...  # noqa: D102


def apart(pager: Pager, top: str) -> bool:
    """Whether the page that starts at ``top`` keeps linked groups off (its drawing mixed them)."""
    return GROUPS_APART + top in pager.tighter


def keep_apart(
    tighter: dict[str, tuple[float, float]],
    m: ArgumentMap,
    drafts: Iterable[Drafted],
    across: bool,
) -> bool:
    """Mark each page whose drawing put a linked group out of file order among its tops.

    A page may share its room with a linked group beside other branches (see
    ``Pager.mixes``), but the engine places a group's box as other constraints
    (an undercutter held below its top, the rows' ports) pull it: about half the pages
    that mixed them came out with a group before a branch it follows in the map. Such a
    page is planned again without them, as before. Returns whether a page was marked that
    was not before (a plan is due).
    """
    marked = False
    for draft in drafts:
        page = draft.plan.page
        key = GROUPS_APART + page.tops[0] if page.tops else ""
        if not key or key in tighter:
            continue
        units = top_units(m, page.tops)
        if len(units) < 2 or all(len(unit) == 1 for unit in units):
            continue
        if out_of_order(unpack(draft.packed), units, across):
            tighter[key] = (1.0, 1.0)
            marked = True
    return marked


def top_units(m: ArgumentMap, tops: Sequence[str]) -> list[Unit]:
    """A page's tops cut into units (a linked group's members together), in order."""
    out: list[Unit] = []
    for group, run in itertools.groupby(tops, key=lambda top: m.get(top).group):
        members = tuple(run)
        out.extend([members] if group is not None else [(top,) for top in members])
    return out


def out_of_order(svg: str, units: Sequence[Unit], across: bool) -> bool:
    """Whether a unit is drawn before the one before it in file order, in one row.

    Top-down (or up), a row goes left to right; ``across`` (left to right), down.
    Units in different rows (a row wrapped under another) are not compared.
    """
    found = boxes(svg)
    spans: list[tuple[float, float, float]] = []  # along the row: its middle; across: a band
    for unit in units:
        drawn = [found[top] for top in unit if top in found]
        if not drawn:
            return False
        box = Box(
            min(b.left for b in drawn),
            min(b.top for b in drawn),
            max(b.right for b in drawn),
            max(b.bottom for b in drawn),
        )
        if across:
            spans.append(((box.top + box.bottom) / 2, box.left, box.right))
        else:
            spans.append(((box.left + box.right) / 2, box.top, box.bottom))
    for (was, low, high), (now, start, stop) in itertools.pairwise(spans):
        if start <= high and low <= stop and now < was:  # one row, drawn the wrong way
            return True
    return False
