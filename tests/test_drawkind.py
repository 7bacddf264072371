"""The kind a node is drawn as: down a chain of attacks, objection and rebuttal alternate."""

from __future__ import annotations

from hypothesis import given

from argmap.analysis.standing import analyze
from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.formats import to_dot
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from tests.strategies import attack_trees

OBJ, REB = NodeKind.OBJECTION, NodeKind.REBUTTAL


def chain(depth: int) -> ArgumentMap:
    """A thesis with a chain of objections, each attacking the one above it."""
    nodes = [Node(id="t", kind=NodeKind.THESIS, text="Claim zero")]
    nodes += [
        Node(id=f"o{i}", kind=OBJ, text=f"Claim {i}", parent="t" if i == 1 else f"o{i - 1}",
             relation=Relation.ATTACKS)
        for i in range(1, depth + 1)
    ]  # fmt: skip
    return ArgumentMap(title="chain", nodes=tuple(nodes))


def test_a_chain_of_objections_alternates_so_each_box_shows_its_side() -> None:
    """An objection to a rebuttal was drawn as a rebuttal: four boxes down, all orange.

    A debater could not tell which side each argued for.
    """
    m = chain(6)
    assert [draw_kind(m, m.get(f"o{i}")) for i in range(1, 7)] == [OBJ, REB] * 3
    dot = to_dot(m, analyze(m))
    for i, kind in enumerate([OBJ, REB] * 3, start=1):
        line = next(line for line in dot.splitlines() if line.lstrip().startswith(f"o{i} "))
        assert f'class="{kind.value}' in line or f"class={kind.value}" in line, line


def test_a_written_rebuttal_and_an_undercutter_take_their_side_too() -> None:
    m = validate_data(
        {
            "title": "t",
            "thesis": {
                "id": "t",
                "text": "Claim.",
                "objections": [
                    {
                        "id": "o",
                        "text": "Against.",
                        "rebuttals": [
                            {
                                "id": "r",
                                "text": "Answer.",
                                "objections": [
                                    {
                                        "id": "o2",
                                        "text": "Against the answer.",
                                        "rebuttals": [{"id": "r2", "text": "Answered."}],
                                    },
                                    {"id": "u", "text": "Beside the point.", "undercut": True},
                                ],
                            }
                        ],
                    }
                ],
            },
        }
    )
    drawn = {node.id: draw_kind(m, node) for node in m.nodes}
    assert drawn == {
        "t": NodeKind.THESIS, "o": OBJ, "r": REB, "o2": OBJ, "r2": REB, "u": OBJ,
    }  # fmt: skip


def test_a_chain_5000_deep_is_drawn_alternating() -> None:
    m = chain(5000)
    kinds = [draw_kind(m, node) for node in m.nodes[1:]]
    assert kinds == [OBJ, REB] * 2500


@given(attack_trees())
def test_an_attack_is_a_rebuttal_exactly_when_what_it_attacks_is_drawn_an_objection(
    m: ArgumentMap,
) -> None:
    nodes = m.nodes
    for node in nodes[1:]:
        assert node.parent is not None
        drawn = draw_kind(m, node)
        if node.kind is OBJ:
            above = draw_kind(m, m.get(node.parent))
            assert (drawn is REB) == (above is OBJ)
        else:
            assert drawn is node.kind
