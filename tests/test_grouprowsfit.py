"""A linked group drawn in rows inside its box: every row fits the width it was given."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.exporters.diagram.stacking import Item, group_rows, row_width


def _heads(widths: list[float]) -> list[Item]:
    return [Item(f"m{i}", width, (40.0,), f"m{i}") for i, width in enumerate(widths)]


def test_evenly_filled_rows_are_kept_only_where_they_fit() -> None:
    """Two wide members and a narrow one: the second row holds the wide and the narrow one
    (they fit); filled evenly, two wide ones side by side would be wider than the page
    (an upright A4 page drawn at 0.92 of the legibility floor)."""
    rows = group_rows(_heads([233.6, 233.6, 193.3]), 466.8)
    assert rows is not None
    assert [[item.name for item in row] for row in rows] == [["m0"], ["m1", "m2"]]


def test_four_members_in_two_even_rows() -> None:
    rows = group_rows(_heads([100.0, 100.0, 100.0, 100.0]), 340.0)
    assert rows is not None
    assert [[item.name for item in row] for row in rows] == [["m0", "m1"], ["m2", "m3"]]


@given(
    st.lists(st.floats(min_value=20.0, max_value=300.0), min_size=2, max_size=9),
    st.floats(min_value=300.0, max_value=900.0),
)
def test_every_row_fits_in_file_order(widths: list[float], fit: float) -> None:
    heads = _heads(widths)
    rows = group_rows(heads, fit)
    if rows is None:
        assert row_width(heads) <= fit
        return
    assert [item for row in rows for item in row] == heads, "file order, each once"
    assert all(row_width(row) <= fit for row in rows)
