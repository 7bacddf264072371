"""Pages drawn on one: the pages laid out, the first try that fits, merged runs renumbered."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from argmap.exporters.diagram.pageparts import PagePlan
    from argmap.exporters.diagram.paging import Page

__all__ = ["Drafts", "Laid", "Packed", "first_fitting", "merged_runs", "numbered_anew"]


class Laid(Protocol):
    """A page laid out: its plan and its drawing's size."""

    @property
    def plan(self) -> PagePlan: ...  # noqa: D102
    @property
    def width(self) -> float: ...  # noqa: D102
    @property
    def height(self) -> float: ...  # noqa: D102


class Packed(Laid, Protocol):
    """A page laid out (see :class:`Laid`), with its SVG packed (see :mod:`~.packed`)."""

    @property
    def packed(self) -> bytes: ...  # noqa: D102


_D = TypeVar("_D", bound=Laid)


class Drafts(Protocol[_D]):
    """What lays pages out as drafts (see :class:`~.fitting._Drafter`)."""

    def plan(self, page: Page, total: int, home: Mapping[str, int]) -> PagePlan: ...  # noqa: D102
    def lay_out(self, plans: list[PagePlan], rough: bool = False) -> list[_D]:
        """The pages laid out; ``rough``: one that overflows the budget gives its size alone.

        Its ``packed`` drawing is then empty (see :meth:`~.fitting._Drafter.lay_out`): a
        pass that tries pages drops such a page before it looks at its drawing.
        """


def merged_runs(
    drafts: list[_D],
    runs: Sequence[Sequence[_D]],
    fitting: Callable[[Sequence[_D]], PagePlan | None],
    drafter: Drafts[_D],
) -> list[_D]:
    """The pages, neighbours in each run drawn on one page where ``fitting`` finds one.

    Each run's pages are taken in order: a page joins the pages before it while
    ``fitting`` makes one page of them all that fits (its plan; else None: it starts
    the next group), its ranks as close as in that plan. The pages after a shared page
    are numbered on from there, every stub and key pointing to its page's new number,
    and all laid out again (those that draw what they did before as they were: see
    :class:`~.fitting._Drafter`). ``drafts``: every page, laid out, page 1 first;
    ``runs``: pages of it, one after the other.
    """
    merged: dict[int, tuple[Page, int]] = {}  # first page number -> shared page, pages drawn
    closer = {d.plan.page.tops: d.plan.ranksep for d in drafts}  # a page's tops -> its gap
    for run in runs:
        group = [run[0]]
        for draft in run[1:]:
            trial = fitting([*group, draft])
            if trial is not None:
                group.append(draft)
                merged[group[0].plan.page.number] = (trial.page, len(group))
                closer[trial.page.tops] = trial.ranksep
            else:
                group = [draft]
    if not merged:
        return drafts
    new = _renumbered([draft.plan.page for draft in drafts], merged)
    home = {node: page.number for page in new for node in page.nodes}
    plans = [drafter.plan(page, len(new), home) for page in new]
    gaps = [closer.get(plan.page.tops, plan.ranksep) for plan in plans]
    return drafter.lay_out([replace(p, ranksep=gap) for p, gap in zip(plans, gaps, strict=True)])


def first_fitting(
    trials: Sequence[Page],
    drafter: Drafts[_D],
    numbers: tuple[int, Mapping[str, int]],
    fits: Callable[[_D], bool],
    closer: tuple[Callable[[_D], bool], str],
    ranksep: str = "",
) -> PagePlan | None:
    """The plan of the first of ``trials`` whose drawing ``fits``, else None.

    Each is laid out in turn, with ``ranksep`` (the gap between ranks of the page it
    redraws, if not the diagram's); those ``closer``'s test keeps (as wide as the page,
    but too tall) are laid out again after them all, with its gap between ranks (in
    inches), and the first that fits then is kept. ``numbers``: the pages in all, and
    each node's page. The drafter remembers each layout: the plan's is laid out again free.
    """
    (total, home), (may, gap) = numbers, closer
    narrow = []
    for trial in trials:
        plan = drafter.plan(trial, total, home)
        laid = drafter.lay_out([replace(plan, ranksep=ranksep) if ranksep else plan])[0]
        if fits(laid):
            return laid.plan
        narrow += [laid.plan] if may(laid) else []
    for plan in narrow:
        laid = drafter.lay_out([replace(plan, ranksep=gap)])[0]
        if fits(laid):
            return laid.plan
    return None


def _renumbered(pages: Sequence[Page], merged: Mapping[int, tuple[Page, int]]) -> list[Page]:
    """The pages with each shared page in place of those it draws, all numbered anew.

    ``merged``: the first page number of each shared page -> it, and how many it draws.
    """
    number: dict[int, int] = {}
    kept: list[Page] = []
    covered = 0
    for page in pages:
        if covered:  # drawn on the shared page just kept
            covered -= 1
            number[page.number] = len(kept)
            continue
        shared = merged.get(page.number)
        if shared is not None:
            covered = shared[1] - 1
        kept.append(page if shared is None else shared[0])
        number[page.number] = len(kept)
    return numbered_anew(kept, number)


def numbered_anew(pages: Sequence[Page], number: Mapping[int, int]) -> list[Page]:
    """The pages, each with its new number, and its stubs and key pointing at theirs.

    ``number``: every old page number (the pages', and those their stubs and key name)
    -> its new one.
    """
    out = []
    for page in pages:
        stubs = tuple(replace(stub, page=number[stub.page]) for stub in page.stubs)
        place, at = page.key
        key = (place, str(number[int(at)])) if place == "page" and at else page.key
        out.append(replace(page, number=number[page.number], stubs=stubs, key=key))
    return out
