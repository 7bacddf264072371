"""Reading a laid-out drawing back from its SVG: boxes, tree edges, crossings, placement."""

from __future__ import annotations

import pytest

from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.stacking import TRAIL

HEAD = '<svg width="200pt" height="200pt" viewBox="0 0 200 200">\n'


def _node(name: str, left: float, top: float, right: float, bottom: float) -> str:
    points = f"{left},{top} {right},{top} {right},{bottom} {left},{bottom} {left},{top}"
    return (
        f'<g id="node&#45;{name}" class="node premise">\n<title>{name}</title>\n'
        f'<polygon fill="#fff" stroke="#000" points="{points}"/>\n</g>\n'
    )


def _edge(tail: str, head: str, d: str, kind: str = "supports") -> str:
    return (
        f'<g id="edge{tail}{head}" class="edge {kind}">\n'
        f"<title>{tail}&#45;&gt;{head}</title>\n"
        f'<path fill="none" stroke="#000" d="{d}"/>\n</g>\n'
    )


def _drawing(*parts: str) -> str:
    return HEAD + "".join(parts) + "</svg>\n"


def test_boxes_and_edges_are_read_with_their_ends() -> None:
    svg = _drawing(
        _node("p", 0, 0, 50, 20),
        _node("c", 0, 60, 50, 80),
        _edge("c", "p:r1", "M25,60C25,50 25,40 25,20"),
        _edge("c", "p", "M25,60C25,50 25,40 25,20", "supports cross&#45;link"),
    )
    assert geometry.boxes(svg) == {
        "p": geometry.Box(0, 0, 50, 20),
        "c": geometry.Box(0, 60, 50, 80),
    }
    edges = geometry.tree_edges(svg)
    assert [(e.tail, e.head) for e in edges] == [("c", "p")]  # ports dropped, cross-links not
    assert edges[0].points[0] == (25, 60) and edges[0].points[-1] == (25, 20)


def test_so_arrows_up_to_conclusions_are_tree_edges() -> None:
    """A "so" arrow (class ``drawn-from``) is an edge of the tree the reader follows: it
    was left out, and its crossings on conclusions' pages went unmeasured."""
    svg = _drawing(
        _edge("t", "c", "M0,0C30,30 70,70 100,100", "drawn&#45;from"),
        _edge("a", "b", "M0,100C30,70 70,30 100,0"),
    )
    assert [(e.tail, e.head) for e in geometry.tree_edges(svg)] == [("t", "c"), ("a", "b")]
    assert geometry.crossings(svg) == 1


def test_crossing_edges_are_counted_and_shared_ends_are_not() -> None:
    crossing = _drawing(
        _edge("a", "b", "M0,0C30,30 70,70 100,100"),
        _edge("c", "d", "M0,100C30,70 70,30 100,0"),
        _edge("e", "b", "M120,0C110,30 115,70 100,100"),
    )
    assert geometry.crossings(crossing) == 1
    apart = _drawing(
        _edge("a", "b", "M0,0C0,30 0,70 0,100"),
        _edge("c", "d", "M50,0C50,30 50,70 50,100"),
    )
    assert geometry.crossings(apart) == 0


def test_overlapping_boxes_are_counted() -> None:
    svg = _drawing(_node("a", 0, 0, 50, 20), _node("b", 40, 10, 90, 30), _node("c", 0, 40, 9, 50))
    assert geometry.overlaps(svg) == 1


def test_misplaced_children_and_siblings() -> None:
    ordered = _drawing(
        _node("p", 40, 0, 90, 20),
        _node("a", 0, 60, 50, 80),
        _node("b", 60, 60, 110, 80),
        _node("c", 0, 100, 50, 120),
        _edge("a", "p", "M25,60C25,50 60,30 60,20"),
        _edge("b", "p", "M85,60C85,50 70,30 70,20"),
        _edge("c", "p", "M25,100C25,90 60,30 60,20"),
    )
    order = {"p": 0, "a": 1, "b": 2, "c": 3}
    assert geometry.misplaced(ordered, order) == (0, 0)
    swapped = {"p": 0, "b": 1, "a": 2, "c": 3}
    assert geometry.misplaced(ordered, swapped) == (0, 1)
    above = _drawing(
        _node("p", 40, 60, 90, 80),
        _node("a", 0, 0, 50, 20),
        _edge("a", "p", "M25,20C25,30 60,50 60,60"),
    )
    assert geometry.misplaced(above, {"p": 0, "a": 1}) == (1, 0)


def test_misplaced_left_to_right() -> None:
    """Left to right: children right of their parent, siblings down a column."""
    drawing = _drawing(
        _node("p", 0, 40, 20, 90),
        _node("a", 60, 0, 80, 50),
        _node("b", 60, 60, 80, 110),
        _edge("a", "p", "M60,25C50,25 30,60 20,60"),
        _edge("b", "p", "M60,85C50,85 30,70 20,70"),
    )
    assert geometry.misplaced(drawing, {"p": 0, "a": 1, "b": 2}, horizontal=True) == (0, 0)
    assert geometry.misplaced(drawing, {"p": 0, "b": 1, "a": 2}, horizontal=True) == (0, 1)
    # Read top to bottom, the same drawing has its children beside, not below, the parent.
    assert geometry.misplaced(drawing, {"p": 0, "a": 1, "b": 2})[0] == 2


def test_an_edge_into_a_breadcrumb_side_keeps_its_row() -> None:
    """Left to right, an edge into a breadcrumb row's near side is titled with the side's
    compass point only: its class word gives its row, so the tops of different rows are
    not taken for siblings."""
    drawing = _drawing(
        _node(TRAIL, 0, 40, 20, 90),
        _node("b", 60, 0, 80, 50),
        _node("a", 60, 60, 80, 110),
        _edge("b", f"{TRAIL}:e", "M60,25C50,25 30,60 20,60", "supports trail_side_1"),
        _edge("a", f"{TRAIL}:e", "M60,85C50,85 30,70 20,70", "supports trail_side_2"),
    )
    ports = [edge.port for edge in geometry.tree_edges(drawing)]
    assert ports == ["r1", "r2"]
    assert geometry.misplaced(drawing, {"a": 1, "b": 2}, horizontal=True) == (0, 0)


def test_edges_meeting_at_a_node_are_counted_only_where_they_cross_before_it() -> None:
    # Two children's edges into one parent: one swaps sides with the other half-way up.
    swapped = _drawing(
        _edge("a", "p", "M0,100C0,60 60,40 60,0"),
        _edge("b", "p", "M60,100C60,60 0,40 0,0"),
    )
    assert geometry.crossings(swapped) == 0  # they share the parent
    assert geometry.meeting_crossings(swapped) == 1
    # Edges that only come together at the parent's box (within an arrowhead) do not cross.
    meeting = _drawing(
        _edge("a", "p", "M0,100C0,60 28,20 30,0"),
        _edge("b", "p", "M60,100C60,60 32,20 30,0"),
        _edge("p", "q", "M30,0C30,-20 30,-40 30,-60"),
    )
    assert geometry.meeting_crossings(meeting) == 0


def _counted_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the boxes read from now on (none kept from before), in order."""
    reads: list[str] = []
    read = geometry._read_box

    def counted(text: str) -> geometry.Box | None:
        reads.append(text)
        return read(text)

    monkeypatch.setattr(geometry, "_BOXES", {})
    monkeypatch.setattr(geometry, "_read_box", counted)
    return reads


def test_a_node_box_is_read_once_however_many_passes_read_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The passes over a drawing each read its boxes: a group's box is read from its text once."""
    reads = _counted_reads(monkeypatch)
    first = _drawing(_node("p", 0, 0, 50, 20), _node("c", 0, 60, 50, 80))
    # A pass's output: the same groups further on (an edge redrawn before them), one moved.
    later = _drawing(
        _edge("c", "p", "M25,60C25,50 25,40 25,20"),
        _node("p", 0, 0, 50, 20),
        _node("c", 0, 70, 50, 90),
    )
    assert geometry.boxes(first) == {
        "p": geometry.Box(0, 0, 50, 20),
        "c": geometry.Box(0, 60, 50, 80),
    }
    assert len(reads) == 2
    assert geometry.boxes(later) == {
        "p": geometry.Box(0, 0, 50, 20),
        "c": geometry.Box(0, 70, 50, 90),
    }
    assert len(reads) == 3  # only the moved box read again
    ellipse = '<ellipse fill="#fff" stroke="#000" cx="10" cy="20" rx="4" ry="2"/>\n'
    svg = _drawing(f'<g id="node1" class="node premise">\n<title>e</title>\n{ellipse}</g>\n')
    assert geometry.boxes(svg) == {"e": geometry.Box(6, 18, 14, 22)}


def test_every_box_of_a_drawing_of_thousands_is_read_once_however_many_passes_read_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Kept for 512 groups alone, a drawing of 3,000 nodes had each pass read every box afresh."""
    reads = _counted_reads(monkeypatch)
    svg = _drawing(*(_node(f"n{i}", i, 0, i + 50, 20) for i in range(1500)))
    for _ in range(3):  # as the borders', arrowheads' and key's passes read them
        assert len(geometry.boxes(svg)) == 1500
    assert len(reads) == 1500
    assert len(geometry._BOXES) == 1500  # (no more than the drawing holds)
