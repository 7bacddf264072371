"""The marks of a paged diagram the key explains: stubs, the breadcrumb, references to pages."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.styles import NodeStyle
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.paging import Page

__all__ = [
    "EVERY_STUB",
    "LEAF_STUBS",
    "MARKS",
    "REFS",
    "STUBS",
    "STUB_MARKS",
    "TRAIL",
    "TRAIL_BORDER",
    "deck_marks",
    "mark_swatch",
    "mark_words",
    "ordered",
    "planned_marks",
    "stub_row",
]

STUBS: Final = "stubs"
"""Some page draws a stub: a dashed box for a branch continued on another page."""
LEAF_STUBS: Final = "leaf stubs"
"""Every stub the pages draw is a leaf's (``drawn in full, p. 9``), none a branch's."""
EVERY_STUB: Final = "every stub"
"""The pages draw stubs of both: branches that go on, leaves drawn in full elsewhere."""
STUB_MARKS: Final = (STUBS, LEAF_STUBS, EVERY_STUB)
"""The key's stub row, one of three ways as the stubs drawn are (see :func:`deck_marks`)."""
TRAIL: Final = "trail"
"""Some page draws a breadcrumb: grey dashed rows of the claims it hangs from."""
REFS: Final = "refs"
"""Some page draws a reference: a small dashed box for a cross-link's other end elsewhere."""
MARKS: Final = (STUBS, TRAIL, REFS)
"""The marks in the key's order (after the arrows, the boxes and the cross-link); the
planner counts them with the stubs' longest words (:data:`STUBS`'s)."""

MARK_WORDS: Final[Mapping[str, str]] = {
    STUBS: "dashed box: continues on p. N",
    LEAF_STUBS: "dashed box: in full on p. N",
    EVERY_STUB: "dashed box: drawn on p. N",
    TRAIL: "grey dashed rows: up to the thesis",
    REFS: "small dashed box: link with p. N",
}
"""What each mark means, for the key: at most :data:`~.legend.PAIRED_WRAP` characters, so
that a key in two columns with wrapped words (an upright slide's) keeps each to one line."""
STATUS_STUB_WORDS: Final[Mapping[str, str]] = {
    STUBS: "box naming p. N: continues there",
    LEAF_STUBS: "box naming p. N: drawn there",
    EVERY_STUB: "box naming p. N: drawn there",
}
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
    return STATUS_STUB_WORDS[mark] if status and mark in STUB_MARKS else MARK_WORDS[mark]


def mark_swatch(mark: str, premise: NodeStyle, status: bool) -> str:
    """The mark's sample, drawn like it: its corners, border, dashes and fill.

    A stub in a reason's colours (its border solid with ``--status``: a reason's that
    stands), the breadcrumb's grey rounded box, a reference's small square one. Each keeps
    its size (the engine stretches a table to its cell: the reference's was as wide as a
    kind's box).
    """
    if mark in STUB_MARKS:
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
    if STUBS in marks:  # worded for the stubs drawn, once known (else the longest way)
        marks = (marks - {STUBS}) | {plan.stub_row}
    return marks


def stub_row(pages: Iterable[Page]) -> str:
    """The key's stub row for the stubs ``pages`` draw (see :data:`STUB_MARKS`).

    A leaf's stub, of one statement with nothing under it, says where it is ``drawn in
    full``: under "continues on p. N" it read as if more were there. A grouped stub says
    where its branches go on (``from p. 8``), as a branch's does.
    """
    leaves = {stub.leaf for page in pages for stub in page.stubs}
    if leaves == {True}:
        return LEAF_STUBS
    return EVERY_STUB if True in leaves else STUBS


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
    return [mark for mark in (*STUB_MARKS, TRAIL, REFS) if mark in marks]
