"""Remembered page estimates: blocks and estimates looked up equal those made afresh."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.exporters.diagram import pageestimate
from argmap.exporters.diagram.chaincols import chain_steps
from argmap.exporters.diagram.pageblocks import Unit
from argmap.exporters.diagram.pagefill import Pager
from argmap.exporters.diagram.pagesize import Budget
from argmap.exporters.diagram.paging import PlanMemo, paginate
from argmap.model import ArgumentMap, Node
from tests.strategies import argument_maps
from tests.test_chaincols import _chain


def _measure(node: Node) -> tuple[float, float]:
    """A box about as the diagram draws it, of some variety so that rows wrap."""
    lines = len(node.text) // 30 + 1 + (2 if node.quote else 0)
    return min(len(node.text), 30) * 7.0 + 40, 30 + 16 * lines


def _pager(m: ArgumentMap, horizontal: bool, width: float, key_away: bool) -> Pager:
    pager = Pager(m, [node.id for node in m.walk()], _measure, Budget(900, 500, 1.0), horizontal)
    pager.width, pager.height = pager.full_size[0] * width, pager.full_size[1]
    pager.key_away = key_away
    return pager


def _branch(m: ArgumentMap, full: set[str], node_id: str) -> set[str]:
    """``node_id`` and what hangs from it on the page ``full``."""
    out = {node_id}
    for node in m.walk():
        if node.parent in out and node.id in full:
            out.add(node.id)
    return out


@settings(max_examples=80, deadline=None)
@given(argument_maps(max_nodes=30), st.booleans(), st.data())
def test_remembered_estimates_equal_estimates_made_afresh(
    m: ArgumentMap, horizontal: bool, data: st.DataObject
) -> None:
    """One pager estimates a run of pages, each a few nodes from the last, as the page
    filling does; a new pager, remembering nothing, must estimate each page the same."""
    ids = [node.id for node in m.walk()]
    warm = _pager(m, horizontal, 1.0, False)
    top = ids[0]
    full = {top}
    for _ in range(12):
        step = data.draw(st.sampled_from(["add", "add", "remove", "page"]))
        if step == "page":  # another page: another branch
            top = data.draw(st.sampled_from(ids))
            full = {top}
        elif step == "add":
            near = [n.id for n in m.walk() if n.parent in full and n.id not in full]
            if near:
                full = full | {data.draw(st.sampled_from(near))}
        elif len(full) > 1:
            gone = data.draw(st.sampled_from(sorted(full - {top})))
            full = full - _branch(m, full, gone)
        limits = {
            n: data.draw(st.integers(0, 2)) for n in sorted(full) if data.draw(st.booleans())
        }
        width = data.draw(st.sampled_from([1.0, 0.5, 0.2]))
        key_away = data.draw(st.booleans())
        record = data.draw(st.booleans())
        warm.width, warm.key_away = warm.full_size[0] * width, key_away
        fresh = _pager(m, horizontal, width, key_away)
        tops: list[Unit] = [(top,)]
        assert warm.estimate(tops, full, None, limits, record) == fresh.estimate(
            tops, full, None, limits, record
        )
        assert warm.fits(tops, full, None, limits) == fresh.fits(tops, full, None, limits)
        assert fresh.fits(tops, full, None, limits) == _fits(fresh, tops, full, limits)


def _fits(pager: Pager, tops: Sequence[Unit], full: set[str], limits: dict[str, int]) -> bool:
    """Whether a page fits as its estimate says (what :meth:`Pager.fits` answers sooner)."""
    estimate = pager.estimate(tops, full, None, limits)
    return estimate.width <= pager.width and estimate.height <= pager.height


@settings(max_examples=30, deadline=None)
@given(argument_maps(max_nodes=40), st.sampled_from([0.4, 0.7]))
def test_a_plan_made_again_with_what_earlier_plans_kept_is_a_plan_made_afresh(
    m: ArgumentMap, share: float
) -> None:
    """Plans share a memo (a page tightened between them); each equals a plan made alone."""
    shown = [node.id for node in m.walk()]
    budget = Budget(700.0, 400.0, 1.0)
    memo = PlanMemo()
    first = paginate(m, shown, _measure, budget, memo=memo)
    assert first == paginate(m, shown, _measure, budget)
    tighter = {page.tops[0]: (share, share) for page in first[-2:] if page.tops}
    again = paginate(m, shown, _measure, budget, tighter=tighter, memo=memo)
    assert again == paginate(m, shown, _measure, budget, tighter=tighter)


@settings(max_examples=40, deadline=None)
@given(
    argument_maps(),
    st.lists(st.lists(st.integers(0, 3), min_size=1, max_size=3), max_size=8),
    st.lists(st.integers(0, 10), min_size=1, max_size=6),
)
def test_the_members_after_a_pages_first_units_are_the_units_flattened(
    m: ArgumentMap, shapes: list[list[int]], asked: list[int]
) -> None:
    """What a page's fill leaves to a grouped stub: the members of the units after the
    first ``taken``, sliced from one flattening of a tuple of units kept by identity,
    are those of the units themselves, asked of one tuple, of an equal copy or of another."""
    pager = _pager(m, False, 1.0, False)
    names = iter(f"n{i}" for i in range(100))
    units: tuple[Unit, ...] = tuple(tuple(next(names) for _ in shape) for shape in shapes)
    others = (units, tuple(unit for unit in units), units[1:], units)
    for which, taken in enumerate(asked):
        some = others[which % len(others)]
        assert pager.after(some, taken) == tuple(c for unit in some[taken:] for c in unit)
        assert pager.rest(some, taken, True) == (pager.after(some, taken) or None)
        assert pager.rest(some, taken, False) is None


def test_a_page_that_fits_no_way_is_read_as_a_chain_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether a page is one chain (to fold into columns) is the same at every way of
    wrapping its rows: asked of a page that fits none of them, it is walked once, not once
    a way (a third of those walks went at 10,000 nodes, each ``fits`` asked up to three)."""
    walks: list[str] = []

    def counted(tree: Pager, top: str, full: set[str], limits: dict[str, int]) -> object:
        walks.append(top)
        return chain_steps(tree, top, full, limits)

    monkeypatch.setattr(pageestimate, "chain_steps", counted)
    m = _chain(20)
    ids = [node.id for node in m.walk()]
    pager = Pager(m, ids, _measure, Budget(300.0, 200.0, 1.0))
    tops: list[Unit] = [("n0",)]
    assert not pager.fits(tops, set(ids), None, {})
    assert walks == ["n0"]
    walks.clear()
    estimate = pager.estimate(tops, set(ids), None, {})
    assert estimate.height > pager.height
    assert walks == ["n0"]
