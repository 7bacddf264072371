"""A page of siblings: each taken with its whole branch where it fits, rows of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from argmap.exporters.diagram.topsabreast import hung_under

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageestimate import Unit
    from argmap.exporters.diagram.pagefill import Fill, Pager

__all__ = ["in_gaps", "may_differ", "whole_siblings"]


def may_differ(pager: Pager, units: Sequence[Unit], taken: int) -> bool:
    """Whether taking siblings whole can give another page than taking them bare.

    Only if a sibling the bare page took, or the one it stopped at, has a branch under
    it: leaves are the same taken either way, and so is where a list of them stops.
    """
    children = pager.children
    return len(units) > 1 and any(children[c] for unit in units[: taken + 1] for c in unit)


def whole_siblings(
    pager: Pager, units: Sequence[Unit], grouped: bool
) -> tuple[list[Unit], set[str]] | None:
    """The page's tops and full nodes, each sibling taken with its whole branch if it fits.

    A list of reasons, each with its evidence, drawn bare took a page a row: a row of
    branches left as stubs ends a page's rows (see :func:`~.stacking.rows_ranks`), and
    their evidence filled the page below them. Taken whole, each reason with what it
    holds, they go in rows, as many as fit. A sibling whose branch does not fit whole
    is taken bare (its children then fill in as on any page), and the siblings stop at
    one that does not fit either way, or at a linked group where the page does not mix
    them with others (see ``Pager.stops_at``). None if the first sibling's branch does not
    fit whole: then the page is the bare one.
    """
    first = units[0]
    branch = pager.whole(first)
    if pager.too_big(first) or not pager.fits([first], branch, pager.rest(units, 1, grouped)):
        return None
    taken, full = [first], set(branch)
    for unit in units[1:]:
        if pager.stops_at(taken, unit):
            break
        after = pager.rest(units, len(taken) + 1, grouped)
        tops = [*taken, unit]
        branch = pager.whole(unit)
        if len(branch) > 1 and not pager.too_big(unit) and pager.fits(tops, full | branch, after):
            full |= branch
        elif pager.fits(tops, full | set(unit), after):
            full.update(unit)
        else:
            break
        taken.append(unit)
    return taken, full


def in_gaps(
    pager: Pager,
    page: tuple[tuple[Unit, ...], bool],
    fill: Fill,
    refill: Callable[[tuple[Unit, ...], bool], Fill],
) -> Fill:
    """The page's fill, with fewer sibling branches where a row of them hangs under a branch.

    A later row of a page's tops as long as a row of several branches above it hangs each
    item under a branch, not in a gap (see :func:`~.topsabreast.under_branch`): the arrows
    of those at its ends went round the page's sides (a class debate's slide of six tops in
    two rows of three). The page takes one branch fewer (``refill``: the fill of ``page``,
    its units and whether they are a grouped stub's, with :attr:`~.pagefill.Pager.most`
    set), till its rows hang in the gaps; the others go on to the next page. Not a grouped
    stub's siblings: a list of thirty reasons, each with its evidence, in rows of three
    took 9 A4 pages, not 7 (their arrows pass between the columns above).
    """
    units, grouped = page
    try:
        while not grouped and hung_under(
            pager,
            fill.taken,
            (fill.full, pager.rest(units, len(fill.taken), grouped), fill.limits),
        ):
            pager.most = len(fill.taken) - 1
            fill = refill(units, grouped)
    finally:
        pager.most = 0
    return fill
