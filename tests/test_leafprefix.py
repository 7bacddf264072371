"""A node's leaves drawn from the first, the rest in one stub a side, where that reads better."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from argmap.exporters.diagram.leafprefix import leaves_in_order


def _leafy(parent: str) -> bool:
    """Every node's branches are single statements."""
    return True


def _holding(room: int, wide: frozenset[str] = frozenset()) -> Callable[..., bool]:
    """A page that holds ``room`` nodes in full, those in ``wide`` counting three times."""

    def fits(full: set[str], limits: dict[str, int] | None = None) -> bool:
        return len(full) + 2 * len(full & wide) <= room

    return fits


def _leaves(count: int, against: int = 0) -> list[tuple[str, ...]]:
    """The order a page takes them: objections (``o``) first, then reasons (``r``)."""
    return [(f"o{i}",) for i in range(against)] + [(f"r{i}",) for i in range(count)]


def _against(node_id: str) -> bool:
    return node_id.startswith("o")


def test_leaves_passed_over_are_drawn_from_the_first() -> None:
    """Reason 1 was too wide for the room left, so reasons 0, 2 and 3 were drawn among
    stubs: now reasons 0 to 2 are, and the others go on in one stub."""
    units = _leaves(6)
    page = ({"t", "r0", "r2", "r3"}, {})
    fits = _holding(5, frozenset({"r4", "r5"}))
    full, limits = leaves_in_order([("t", units)], page, fits, _against, _leafy)
    assert full == {"t", "r0", "r1", "r2", "r3"}
    assert limits == {"t": 0}


def test_no_more_drawn_so_leaves_the_page_as_it_was() -> None:
    """The first reason is too wide even alone: drawn from the first, none would fit. And
    where the same ones would be drawn, the page's stubs, which name the others, stay."""
    units = _leaves(4)
    page = ({"t", "r1", "r2"}, {})
    fits = _holding(3, frozenset({"r0"}))
    found = leaves_in_order([("t", units)], page, fits, _against, _leafy)
    assert found == page
    against = _leaves(2, against=1)  # the objection drawn, the reasons too wide for it
    same = ({"t", "o0"}, {})
    wide = _holding(2, frozenset({"r0", "r1"}))
    assert leaves_in_order([("t", against)], same, wide, _against, _leafy) == same


def test_as_many_drawn_go_in_file_order() -> None:
    """Two reasons of three fitted, the second and third: the first was a stub that sent
    the reader to the end of the map. The first two are drawn now, the third goes on."""
    units = _leaves(3)
    page = ({"t", "r1", "r2"}, {})
    full, limits = leaves_in_order([("t", units)], page, _holding(3), _against, _leafy)
    assert (full, limits) == ({"t", "r0", "r1"}, {"t": 0})


def test_each_side_stops_at_its_own_first_miss() -> None:
    """The objections' second is too wide; the reasons still go on from their first."""
    units = _leaves(3, against=3)
    page = ({"t", "o0", "o2"}, {})
    fits = _holding(4, frozenset({"o1"}))
    full, limits = leaves_in_order([("t", units)], page, fits, _against, _leafy)
    assert full == {"t", "o0", "r0", "r1"}
    assert limits == {"t": 0}


def test_a_list_already_grouped_or_with_branches_is_left_alone() -> None:
    units = _leaves(4)
    fits = _holding(3)
    grouped = ({"t", "r1"}, {"t": 2})
    assert leaves_in_order([("t", units)], grouped, fits, _against, _leafy) == grouped

    def deeper(parent: str) -> bool:  # the first reason has evidence under it
        return False

    page = ({"t", "r1"}, {})
    assert leaves_in_order([("t", units)], page, fits, _against, deeper) == page


def test_stubs_that_name_every_leaf_stay_where_none_fits() -> None:
    page = ({"t"}, {})
    assert leaves_in_order([("t", _leaves(5))], page, _holding(1), _against, _leafy) == page


@given(
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=1, max_value=20),
    st.sets(st.integers(min_value=0, max_value=17)),
    st.sets(st.integers(min_value=0, max_value=17)),
)
def test_what_it_draws_fits_and_is_never_less_or_the_same(
    reasons: int, objections: int, room: int, wide_at: set[int], drawn_at: set[int]
) -> None:
    """Whatever the page held, the answer fits it, draws each side from its first leaf,
    and draws more leaves than the page did, or as many other ones, or it is the page as
    it was."""
    units = _leaves(reasons, objections)
    names = [u[0] for u in units]
    wide = frozenset(names[i] for i in wide_at if i < len(names))
    fits = _holding(room, wide)
    held: set[str] = {"t"}
    for i in sorted(drawn_at):
        if i < len(names) and fits(held | {names[i]}):
            held.add(names[i])
    full, limits = leaves_in_order([("t", units)], (set(held), {}), fits, _against, _leafy)
    if (full, limits) == (held, {}):
        return
    assert limits == {"t": 0}
    assert fits(full)
    assert len(full) > len(held) or (len(full) == len(held) and full != held)
    for side in (True, False):
        own = [n for n in names if _against(n) == side]
        taken = [n for n in own if n in full]
        assert taken == own[: len(taken)], "each side from its first"
