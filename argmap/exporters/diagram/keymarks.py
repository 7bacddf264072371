"""The marks of a paged diagram the key explains: stubs, the breadcrumb, references to pages."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.styles import NodeStyle
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan

__all__ = [
    "MARKS",
    "REFS",
    "STUBS",
    "TRAIL",
    "TRAIL_BORDER",
    "deck_marks",
    "mark_swatch",
    "mark_words",
    "ordered",
    "planned_marks",
]

STUBS: Final = "stubs"
"""Some page draws a stub: a dashed box for a branch continued on another page."""
TRAIL: Final = "trail"
"""Some page draws a breadcrumb: grey dashed rows of the claims it hangs from."""
REFS: Final = "refs"
"""Some page draws a reference: a small dashed box for a cross-link's other end elsewhere."""
MARKS: Final = (STUBS, TRAIL, REFS)
"""The marks in the key's order (after the arrows, the boxes and the cross-link)."""

MARK_WORDS: Final[Mapping[str, str]] = {
    STUBS: "dashed box: continues on p. N",
    TRAIL: "grey dashed rows: up to the thesis",
    REFS: "small dashed box: link with p. N",
}
"""What each mark means, for the key: at most :data:`~.legend.PAIRED_WRAP` characters, so
that a key in two columns with wrapped words (an upright slide's) keeps each to one line."""
STATUS_STUB_WORDS: Final = "box naming p. N: continues there"
"""A stub's words with ``--status``: its border is its branch's standing (dashed: out), so
"dashed box" would have read as a claim that falls."""
TRAIL_BORDER: Final = "#757575"
"""The breadcrumb's border (see :mod:`~.pagetrail`)."""
REF_BORDER: Final = "#424242"
"""A reference's border, as its arrow's where it has none of its own (see :mod:`~.pagerefs`)."""
NO_MARKS: Final[frozenset[str]] = frozenset()
PLACED: Final = frozenset({"same", "bottom", "below", "next", "alone"})
"""A page's ``key`` place (see :attr:`~.paging.Page.key`) where it draws the whole map's key."""


def mark_words(mark: str, status: bool) -> str:
    """The key's words for ``mark``; ``status``: ``--status`` draws standings' borders."""
    return STATUS_STUB_WORDS if status and mark == STUBS else MARK_WORDS[mark]


def mark_swatch(mark: str, premise: NodeStyle, status: bool) -> str:
    """The mark's sample, drawn like it: its corners, border, dashes and fill.

    A stub in a reason's colours (its border solid with ``--status``: a reason's that
    stands), the breadcrumb's grey rounded box, a reference's small square one. Each keeps
    its size (the engine stretches a table to its cell: the reference's was as wide as a
    kind's box).
    """
    if mark == STUBS:
        look = (premise.border, premise.fill, "rounded" if status else "rounded,dashed", 20)
    elif mark == TRAIL:
        look = (TRAIL_BORDER, "#ffffff", "rounded,dashed", 24)
    else:
        look = (REF_BORDER, "#ffffff", "dashed", 16)
    border, fill, style, width = look
    height = 14 if mark != REFS else 10
    return (
        f'<TABLE BORDER="1" COLOR="{border}" BGCOLOR="{fill}" STYLE="{style}"'
        f' WIDTH="{width}" HEIGHT="{height}" FIXEDSIZE="TRUE"'
        ' CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD WIDTH="{width - 2}" HEIGHT="{height - 2}" FIXEDSIZE="TRUE"></TD></TR></TABLE>'
    )


def planned_marks(several: bool, context: bool, linked: bool) -> frozenset[str]:
    """The marks the planner counts in the key before the pages are known.

    Args:
        several: the map takes more than one page (each page after the first has a
            breadcrumb, and some page a stub).
        context: every page's breadcrumb starts with a focus's context (page 1's too).
        linked: the drawn nodes have cross-links, whose ends may fall on two pages.

    At least the marks :func:`deck_marks` finds once the pages are numbered.
    """
    marks = {STUBS, TRAIL} if several else {TRAIL} if context else set()
    return frozenset(marks | ({REFS} if several and linked else set()))


def deck_marks(m: ArgumentMap, plan: PagePlan | None) -> frozenset[str]:
    """The marks a paged diagram draws on any page, for the key ``plan``'s page draws.

    None, and none for a page without the whole map's key. The numbers of a draft told
    before the plan is done (see :func:`~.paging.paginate`) are 0: such a page follows the
    overview, and a cross-link is counted as if its ends were on two pages.
    """
    if plan is None or plan.page.key[0] not in PLACED:
        return NO_MARKS
    pages = set(plan.home.values())
    told = 0 in pages  # a draft: every page after the overview
    several = plan.page.number > 1 if told else len(pages) > 1
    marks = planned_marks(several, bool(plan.page.trail), False)
    if several and _across(m, plan.home, told):
        marks |= {REFS}
    return marks


def _across(m: ArgumentMap, home: Mapping[str, int], told: bool) -> bool:
    """Whether a cross-link joins two nodes drawn on two pages (``told``: on any)."""
    for node_id, page in home.items():
        for link in m.get(node_id).links:
            there = home.get(link.to)
            if there is not None and (told or there != page):
                return True
    return False


def ordered(marks: Collection[str]) -> list[str]:
    """The marks in the key's order."""
    return [mark for mark in MARKS if mark in marks]
