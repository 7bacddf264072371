"""Lint's `link-side`: a cross-link that attacks its own side or supports the other."""

from __future__ import annotations

import textwrap
from pathlib import Path

from hypothesis import given

from argmap.analysis.lint import lint, lint_located
from argmap.analysis.lintsides import sides
from argmap.load.maps import load_located
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from tests.conftest import write
from tests.strategies import attack_trees

DEBATE = """\
title: Car-free centre
thesis:
  id: t
  text: The city should close its centre to cars.
  premises:
    - id: air
      text: A car-free centre would have cleaner air.
      evidence:
        - id: no2
          text: Nitrogen dioxide exceeded the legal limit in four of five years.
          basis: data
    - id: shops
      text: Pedestrians spend more in local shops than drivers do.
  objections:
    - id: fairness
      text: A ban is unfair to people who cannot easily walk.
      rebuttals:
        - id: exemptions
          text: Blue-badge holders keep access.
        - id: shuttles
          text: Free shuttles run from the car parks.
          REBLINKS
    - id: cost
      text: The scheme costs more than the city has.
      COSTLINKS
"""


def warnings(tmp_path: Path, links: str = "", cost_links: str = "") -> list[tuple[int, str]]:
    body = DEBATE.replace("REBLINKS", links).replace("COSTLINKS", cost_links)
    path = write(tmp_path, "debate.yaml", textwrap.dedent(body))
    return [
        (issue.line, issue.message)
        for issue in lint_located(load_located(path))
        if issue.code == "link-side"
    ]


def test_a_rebuttal_linked_to_another_rebuttal_attacks_its_own_side(tmp_path: Path) -> None:
    """A rebuttal's link defaults to attacks: "see also" to a fellow rebuttal attacks it."""
    found = warnings(tmp_path, links="links: [exemptions]")
    assert len(found) == 1
    line, message = found[0]
    assert line == 22  # the rebuttal's 'links'
    assert "rebuttal 'shuttles' also attacks rebuttal 'exemptions', a claim on its own side" in (
        message
    )
    assert "drop the link if it means 'see also'" in message


def test_links_across_the_sides_are_quiet(tmp_path: Path) -> None:
    """A rebuttal attacking another objection, an objection attacking a reason: both fine."""
    assert warnings(tmp_path, links="links: [cost]", cost_links="links: [air]") == []


def test_an_objection_attacking_another_objection_is_flagged(tmp_path: Path) -> None:
    assert [m for _line, m in warnings(tmp_path, cost_links="links: [fairness]")] == [
        "[link-side] objection 'cost' also attacks objection 'fairness', a claim on its "
        "own side; drop the link if it means 'see also' (a link bears as its node does), "
        "or file the node on the side it argues for"
    ]


def test_an_undercut_of_the_other_sides_step_is_quiet(tmp_path: Path) -> None:
    found = warnings(tmp_path, cost_links="links: [{to: no2, relation: undercuts}]")
    assert found == []
    found = warnings(tmp_path, cost_links="links: [{to: fairness, relation: undercuts}]")
    assert [m.split(";")[0] for _line, m in found] == [
        "[link-side] objection 'cost' also undercuts the step from objection 'fairness', a step "
        "on its own side"
    ]


def test_evidence_under_an_objection_supporting_a_reason_is_flagged() -> None:
    nodes = (
        Node(id="t", kind=NodeKind.THESIS, text="Open the library on Sundays."),
        Node(id="p", kind=NodeKind.PREMISE, text="Many can only come at weekends.",
             parent="t", relation=Relation.SUPPORTS),
        Node(id="o", kind=NodeKind.OBJECTION, text="Sunday staff cost more.",
             parent="t", relation=Relation.ATTACKS),
        Node(id="e", kind=NodeKind.EVIDENCE, text="Overtime is paid at double rate.",
             parent="o", relation=Relation.SUPPORTS, links=({"to": "p", "relation": "supports"},)),
    )  # fmt: skip
    m = ArgumentMap.model_validate({"title": "Sundays", "nodes": nodes})
    assert [(w.node_id, w.code, w.message) for w in lint(m) if w.code == "link-side"] == [
        ("e", "link-side", "evidence 'e' also supports premise 'p', a claim on the other side")
    ]


def test_sides_of_a_chain_5000_deep_alternate_in_one_pass() -> None:
    depth = 5000
    nodes = [Node(id="t", kind=NodeKind.THESIS, text="Claim zero")]
    nodes += [
        Node(id=f"o{i}", kind=NodeKind.OBJECTION, text=f"Claim {i}",
             parent="t" if i == 1 else f"o{i - 1}", relation=Relation.ATTACKS)
        for i in range(1, depth + 1)
    ]  # fmt: skip
    side = sides(ArgumentMap(title="deep", nodes=tuple(nodes)))
    assert side["t"] is True
    assert [side[f"o{i}"] for i in range(1, 7)] == [False, True, False, True, False, True]
    assert side[f"o{depth}"] is True


@given(attack_trees())
def test_a_node_is_on_its_parents_side_exactly_when_it_supports_it(m: ArgumentMap) -> None:
    nodes = m.nodes
    side = sides(m)
    for node in nodes[1:]:
        assert node.parent is not None
        assert (side[node.id] == side[node.parent]) == (node.relation is Relation.SUPPORTS)
