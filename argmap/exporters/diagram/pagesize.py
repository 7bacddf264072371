"""Page sizes (slide, A4, A3, Letter) and the drawing size each holds at the legibility floor."""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

__all__ = [
    "MAX_SCALE",
    "OVERHANG",
    "PAGE_SIZES",
    "SMALLEST_POINTS",
    "STATEMENT_POINTS",
    "Budget",
    "Drawn",
    "PageSize",
    "deck_scale",
    "fit_scale",
    "page_budget",
]


@dataclass(frozen=True)
class PageSize:
    """A page in points (1/72 inch), landscape unless turned."""

    name: str
    width: float
    height: float
    sheets: tuple[tuple[float, float], ...] = ()
    """The sheets a page made to fit several papers is printed on unscaled, each (long
    side, short side); none for a page of its own paper, or a slide."""

    def turned(self, portrait: bool) -> PageSize:
        """Return the page upright (``portrait``) or lying (landscape)."""
        long, short = max(self.width, self.height), min(self.width, self.height)
        width, height = (short, long) if portrait else (long, short)
        return PageSize(self.name, width, height, self.sheets)

    @property
    def floor_height(self) -> float:
        """The height the legibility floor is a share of: the tallest sheet it prints on.

        A page that A4 and Letter both hold (Letter's width, A4's height) is printed on
        either at its own size, so its text must be 1/60 of the taller sheet's height.
        """
        upright = self.height > self.width
        return max([self.height, *(sheet[0 if upright else 1] for sheet in self.sheets)])


PAGE_SIZES: Final[Mapping[str, PageSize]] = {
    # A 16:9 slide as presentation programs make it: 13.333 x 7.5 inches.
    "slide": PageSize("slide", 960.0, 540.0),
    "a4": PageSize("a4", 841.89, 595.28),
    "a3": PageSize("a3", 1190.55, 841.89),
    "letter": PageSize("letter", 792.0, 612.0),
    # The largest page A4 and Letter both hold (Letter's width, A4's height), its text at
    # the floor of either: a page printed on paper its reader picks (the HTML page's).
    "paper": PageSize("paper", 792.0, 595.28, ((841.89, 595.28), (792.0, 612.0))),
}
"""Page sizes in points, landscape."""

STATEMENT_POINTS: Final = 13.0
"""The diagram's statement text size (the thesis is larger, headers smaller)."""

SMALLEST_POINTS: Final = 9.0
"""The diagram's smallest text: node headers such as ``REASON``."""

MARGIN_SHARE: Final = 0.04
"""Each page edge keeps this share of the page's shorter side blank."""

PAD_POINTS: Final = 0.3 * 72
"""The blank the engine leaves round a drawing (the graph's ``pad``), in its own points:
it may lie in the page's margin, which is blank too."""
OVERHANG: Final = PAD_POINTS / 2
"""How far a drawing may run over its budget (see :meth:`Budget.holds`), in its own points:
centred, it takes a quarter of the pad on each side, and its boxes keep at least three
quarters of the page's margin (upright A4: 18 pt of 24)."""


@dataclass(frozen=True)
class Budget:
    """The largest drawing, in the diagram's own points, that a page shows legibly."""

    width: float
    height: float
    scale: float
    """The smallest scale a drawing may be shown at on the page."""

    def holds(self, width: float, height: float) -> bool:
        """Whether a drawing of this size is shown at the floor or larger: within the budget.

        Or over it by no more than :data:`OVERHANG`: its edge is the engine's blank pad,
        which then runs a little into the page's margin, every box still inside it. Held
        to the budget exactly, a page of the overview drawn 0.4 pt too wide was planned
        again four times, each plan narrower, till it showed one grouped stub.
        """
        return width <= self.width + OVERHANG and height <= self.height + OVERHANG


def page_budget(page: PageSize) -> Budget:
    """Return the drawing size a page holds at the legibility floor.

    At the floor, a statement is 1/60 of the page height (the tallest sheet's, for a page
    made to fit several papers) and no text is under 1/90:
    the drawing is shown at least at ``scale``, so it may be at most the page (less its
    margins) divided by that scale, and the blank the engine pads it with.
    """
    floor = page.floor_height
    scale = max(floor / 60 / STATEMENT_POINTS, floor / 90 / SMALLEST_POINTS)
    margin = MARGIN_SHARE * min(page.width, page.height)
    pad = 2 * PAD_POINTS
    width, height = page.width - 2 * margin, page.height - 2 * margin
    return Budget(width / scale + pad, height / scale + pad, scale)


MAX_SCALE: Final = 1.5
"""A small drawing is enlarged to fill its page, but no more than this."""


def fit_scale(budget: Budget, width: float, height: float) -> float:
    """The scale a drawing of this size is shown at alone: as large as fits, within bounds."""
    fit = min(budget.width * budget.scale / width, budget.height * budget.scale / height)
    if budget.holds(width, height):  # a drawing over its budget by its pad's edge only
        fit = max(fit, budget.scale)
    return min(fit, max(MAX_SCALE, budget.scale))  # upright A3's floor is above MAX_SCALE


class Drawn(Protocol):
    """A page's drawing, of some size in its own points."""

    @property
    def width(self) -> float: ...  # noqa: D102
    @property
    def height(self) -> float: ...  # noqa: D102


def deck_scale(budget: Budget, pages: Sequence[Drawn]) -> float:
    """The largest scale any page of a diagram of several pages is shown at.

    The middle of the scales each page's drawing would be shown at alone (see
    :func:`fit_scale`).

    Each enlarged to fill its page, a sparse page's text was up to twice as big as a full
    one's (the flagship's slides: 1.03 to 2.12 times the floor), a jump from slide to
    slide; so at most half the pages, the fullest, are shown smaller than the rest, each
    as large as it fits. Never under the floor: where half the pages are drawn too big to
    be shown at it (which the planner avoids), the rest are shown at the floor, not at
    their scale. A single page fills its page as it fits.
    """
    if len(pages) < 2:
        return math.inf
    middle = statistics.median_low([fit_scale(budget, p.width, p.height) for p in pages])
    return max(middle, budget.scale)  # pages drawn too big must not pull the rest under it
