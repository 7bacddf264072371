"""Standing semantics on textbook cases, checked against a brute-force grounded extension."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.analysis.standing import (
    Standing,
    Support,
    analyze,
    build_framework,
    grounded,
    status_marks,
)
from argmap.model import (
    ALLOWED_RELATIONS,
    CHILD_KINDS,
    ArgumentMap,
    Assessment,
    Link,
    Node,
    NodeKind,
    Relation,
)
from tests.strategies import argument_maps

K = NodeKind
R = Relation
IN, OUT, UNDEC = Standing.IN, Standing.OUT, Standing.UNDECIDED


def node(
    node_id: str,
    kind: NodeKind,
    parent: str | None = None,
    relation: Relation | None = None,
    *,
    group: str | None = None,
    links: Iterable[tuple[str, Relation]] = (),
    assessment: Assessment | None = None,
) -> Node:
    if relation is None and parent is not None and kind is not K.CONCLUSION:
        relation = R.SUPPORTS if kind in (K.PREMISE, K.EVIDENCE) else R.ATTACKS
    return Node(
        id=node_id,
        kind=kind,
        text=f"text of {node_id}",
        parent=parent,
        relation=relation,
        group=group,
        links=tuple(Link(to=to, relation=rel) for to, rel in links),
        assessment=assessment,
    )


def make(*nodes: Node) -> ArgumentMap:
    return ArgumentMap(title="t", nodes=(node("t", K.THESIS), *nodes))


# -- an independent brute-force reference ------------------------------------------------


def reference_framework(m: ArgumentMap) -> tuple[list[Hashable], set[tuple[Hashable, Hashable]]]:
    """The README's rules, written out again: arguments are nodes and links.

    A conclusion's drawing step is the link from its source to it: it falls with its
    source or to an undercutter, and the conclusion falls with it.
    """
    args: list[Hashable] = [n.id for n in m.nodes]
    edges: list[tuple[Hashable, str, str, Relation]] = []
    for n in m.nodes:
        if n.kind is K.CONCLUSION and n.parent is not None:
            edges.append((("tree", n.id), n.parent, n.id, R.SUPPORTS))
        elif n.parent is not None and n.relation is not None:
            edges.append((("tree", n.id), n.id, n.parent, n.relation))
        for link in n.links:
            edges.append((("cross", n.id, link.to), n.id, link.to, link.relation))
    args += [e[0] for e in edges]
    attacks: set[tuple[Hashable, Hashable]] = set()
    for arg, _source, target, relation in edges:
        if relation is R.ATTACKS:
            attacks.add((arg, target))
            for other, source2, _t, _r in edges:
                if source2 == target:
                    attacks.add((arg, other))
        elif relation is R.UNDERCUTS:
            attacks.add((arg, ("tree", target)))
    for n in m.nodes:  # sources come first, so attacks flow down a chain of conclusions
        if n.kind is K.CONCLUSION:
            step_attackers = {x for x, y in attacks if y == ("tree", n.id)}
            outgoing = [e[0] for e in edges if e[1] == n.id]
            attacks |= {(x, hit) for x in step_attackers for hit in (n.id, *outgoing)}
    return args, attacks


def brute_grounded(
    args: list[Hashable], attacks: set[tuple[Hashable, Hashable]]
) -> dict[Hashable, Standing]:
    """Grounded extension as the least complete extension, by trying every subset."""
    attackers = {a: {x for x, y in attacks if y == a} for a in args}

    def defends(s: frozenset[Hashable], a: Hashable) -> bool:
        return all(any((d, b) in attacks for d in s) for b in attackers[a])

    complete = []
    for size in range(len(args) + 1):
        for combo in combinations(args, size):
            s = frozenset(combo)
            if any((x, y) in attacks for x in s for y in s):
                continue
            if all(defends(s, a) for a in s) and all(a in s for a in args if defends(s, a)):
                complete.append(s)
    ground = min(complete, key=len)
    assert all(ground <= c for c in complete)
    out: dict[Hashable, Standing] = {}
    for a in args:
        if a in ground:
            out[a] = IN
        elif any(b in ground for b in attackers[a]):
            out[a] = OUT
        else:
            out[a] = UNDEC
    return out


def check_against_reference(m: ArgumentMap) -> None:
    a = analyze(m)
    ref = brute_grounded(*reference_framework(m))
    assert dict(a.standing) == {n.id: ref[n.id] for n in m.nodes}
    assert dict(a.link_standing) == {
        n.id: ref[("tree", n.id)] for n in m.nodes if n.parent is not None
    }
    assert dict(a.cross_link_standing) == {
        (n.id, link.to): ref[("cross", n.id, link.to)] for n in m.nodes for link in n.links
    }


# -- textbook cases -----------------------------------------------------------------------


def attack_chain(length: int) -> ArgumentMap:
    nodes = [node("a1", K.OBJECTION, "t")]
    for i in range(2, length + 1):
        nodes.append(node(f"a{i}", K.REBUTTAL, f"a{i - 1}"))
    return make(*nodes)


@pytest.mark.parametrize("length", range(1, 7))
def test_reinstatement_chain_alternates(length: int) -> None:
    m = attack_chain(length)
    a = analyze(m)
    # The last attacker is unattacked; each one before it is out, then reinstated.
    for i in range(1, length + 1):
        assert a.standing[f"a{i}"] is (IN if (length - i) % 2 == 0 else OUT)
    assert a.thesis_standing is (IN if length % 2 == 0 else OUT)
    # Reinstated attackers are unanswered again: their answer was itself defeated.
    assert a.unanswered == tuple(f"a{i}" for i in range(1, length + 1) if (length - i) % 2 == 0)
    check_against_reference(m)


def test_odd_attack_cycle_is_undecided() -> None:
    m = make(
        node("o1", K.OBJECTION, "t", links=[("o3", R.ATTACKS)]),
        node("o2", K.REBUTTAL, "o1"),
        node("o3", K.REBUTTAL, "o2"),
    )  # o1 -> o3 -> o2 -> o1
    a = analyze(m)
    assert {a.standing[i] for i in ("t", "o1", "o2", "o3")} == {UNDEC}
    check_against_reference(m)


def test_even_attack_cycle_is_undecided_until_broken() -> None:
    cycle = [node("o1", K.OBJECTION, "t", links=[("r1", R.ATTACKS)]), node("r1", K.REBUTTAL, "o1")]
    a = analyze(make(*cycle))
    assert (a.standing["t"], a.standing["o1"], a.standing["r1"]) == (UNDEC, UNDEC, UNDEC)
    check_against_reference(make(*cycle))
    # An unattacked attacker of r1 settles the cycle: r1 out, o1 in, thesis out.
    broken = make(*cycle, node("r2", K.REBUTTAL, "r1"))
    b = analyze(broken)
    assert (b.standing["t"], b.standing["o1"], b.standing["r1"]) == (OUT, IN, OUT)
    check_against_reference(broken)


def test_self_contained_cross_link_cycle_between_branches() -> None:
    m = make(
        node("p", K.PREMISE, "t"),
        node("x", K.OBJECTION, "p"),
        node("y", K.OBJECTION, "t", links=[("x", R.ATTACKS)]),
        node("z", K.REBUTTAL, "x", links=[("y", R.ATTACKS)]),
    )
    check_against_reference(m)


def test_undercut_defeats_the_link_not_the_node() -> None:
    m = make(node("p", K.PREMISE, "t"), node("u", K.OBJECTION, "p", R.UNDERCUTS))
    a = analyze(m)
    assert a.standing["p"] is IN
    assert a.link_standing["p"] is OUT
    assert a.thesis_standing is IN
    assert a.support["t"] is Support.UNSUPPORTED
    assert status_marks(a)["p"] == "(in, link out)"
    assert a.unanswered == ("u",)
    check_against_reference(m)


def test_rebut_defeats_the_node_and_its_links() -> None:
    m = make(node("p", K.PREMISE, "t"), node("o", K.OBJECTION, "p"))
    a = analyze(m)
    assert (a.standing["p"], a.link_standing["p"]) == (OUT, OUT)
    assert a.support["t"] is Support.UNSUPPORTED
    assert status_marks(a)["p"] == "(out)"
    check_against_reference(m)


def test_undercut_attack_link_has_no_force() -> None:
    m = make(node("o", K.OBJECTION, "t"), node("u", K.REBUTTAL, "o", R.UNDERCUTS))
    a = analyze(m)
    assert a.standing["o"] is IN  # the objection's claim stands ...
    assert a.link_standing["o"] is OUT  # ... but it no longer bears on the thesis
    assert a.thesis_standing is IN
    assert "o" not in a.unanswered  # the undercut answers it
    check_against_reference(m)


def test_undercutter_defeated_restores_the_link() -> None:
    m = make(
        node("p", K.PREMISE, "t"),
        node("u", K.OBJECTION, "p", R.UNDERCUTS),
        node("r", K.REBUTTAL, "u"),
    )
    a = analyze(m)
    assert (a.standing["u"], a.link_standing["p"]) == (OUT, IN)
    assert a.support["t"] is Support.SUPPORTED
    check_against_reference(m)


def test_cross_link_undercut() -> None:
    m = make(
        node("p", K.PREMISE, "t"),
        node("o", K.OBJECTION, "t", links=[("p", R.UNDERCUTS)]),
    )
    a = analyze(m)
    assert a.cross_link_standing[("o", "p")] is IN
    assert a.link_standing["p"] is OUT
    assert a.thesis_standing is OUT
    check_against_reference(m)


def test_linked_group_needs_every_premise() -> None:
    linked = make(
        node("p1", K.PREMISE, "t", group="g"),
        node("p2", K.PREMISE, "t", group="g"),
        node("o", K.OBJECTION, "p2"),
    )
    independent = make(
        node("p1", K.PREMISE, "t"),
        node("p2", K.PREMISE, "t"),
        node("o", K.OBJECTION, "p2"),
    )
    assert analyze(linked).support["t"] is Support.UNSUPPORTED
    assert analyze(independent).support["t"] is Support.SUPPORTED
    assert analyze(linked).unsupported_premises == ("p1", "p2")
    check_against_reference(linked)
    check_against_reference(independent)


def test_linked_group_stands_when_attack_is_answered() -> None:
    m = make(
        node("p1", K.PREMISE, "t", group="g"),
        node("p2", K.PREMISE, "t", group="g"),
        node("o", K.OBJECTION, "p2"),
        node("r", K.REBUTTAL, "o"),
    )
    assert analyze(m).support["t"] is Support.SUPPORTED


def test_linked_group_member_undercut_breaks_the_group() -> None:
    m = make(
        node("p1", K.PREMISE, "t", group="g"),
        node("p2", K.PREMISE, "t", group="g"),
        node("u", K.OBJECTION, "p1", R.UNDERCUTS),
    )
    a = analyze(m)
    assert (a.standing["p1"], a.standing["p2"]) == (IN, IN)
    assert a.support["t"] is Support.UNSUPPORTED


def test_evidence_and_cross_link_support() -> None:
    m = make(
        node("p", K.PREMISE, "t"),
        node("e", K.EVIDENCE, "p"),
        node("q", K.PREMISE, "t"),
        node("e2", K.EVIDENCE, "t", links=[("q", R.SUPPORTS)]),
        node("o", K.OBJECTION, "e"),
    )
    a = analyze(m)
    assert a.support["p"] is Support.UNSUPPORTED  # its only evidence is out
    assert a.support["q"] is Support.SUPPORTED  # by a cross-link from e2
    assert "e" not in a.support  # evidence is not a claim
    check_against_reference(m)


def test_disagreements_and_counts() -> None:
    m = make(
        node("p", K.PREMISE, "t", assessment=Assessment.REJECT),
        node("o", K.OBJECTION, "t", assessment=Assessment.ACCEPT),
        node("r", K.REBUTTAL, "o", assessment=Assessment.UNSURE),
        node("q", K.PREMISE, "t", assessment=Assessment.ACCEPT),
        node("o2", K.OBJECTION, "q", assessment=Assessment.REJECT),
    )
    a = analyze(m)
    assert [(d.node_id, d.assessment, d.standing) for d in a.disagreements] == [
        ("p", Assessment.REJECT, IN),
        ("o", Assessment.ACCEPT, OUT),
        ("q", Assessment.ACCEPT, OUT),
        ("o2", Assessment.REJECT, IN),
    ]  # r is marked unsure: never a disagreement
    assert a.counts_by_kind == {
        "thesis": 1,
        "premise": 2,
        "evidence": 0,
        "objection": 2,
        "rebuttal": 1,
        "conclusion": 0,
    }
    assert (a.depth, a.breadth) == (2, 3)  # level 1: p, o, q


def test_grounded_labelling_of_bare_frameworks() -> None:
    assert grounded(1, ((0, 0),)) == [UNDEC]  # a self-attacker
    assert grounded(3, ((0, 1), (1, 2))) == [IN, OUT, IN]
    assert grounded(0, ()) == []


def test_five_thousand_deep_chain() -> None:
    depth = 5000
    nodes = [node("n1", K.OBJECTION, "t")]
    nodes += [node(f"n{i}", K.REBUTTAL, f"n{i - 1}") for i in range(2, depth + 1)]
    m = make(*nodes)
    a = analyze(m)
    assert a.standing[f"n{depth}"] is IN
    assert a.standing["n1"] is OUT
    assert a.thesis_standing is IN
    assert a.depth == depth
    assert len(build_framework(m).attacks) == 2 * depth - 1


# -- property: random valid maps ---------------------------------------------------------


@st.composite
def small_maps(draw: st.DrawFn, max_nodes: int = 6, max_links: int = 3) -> ArgumentMap:
    nodes = [node("t", K.THESIS)]
    count = draw(st.integers(0, max_nodes - 1))
    for i in range(1, count + 1):
        parent = nodes[draw(st.integers(0, i - 1))]
        kinds = sorted(CHILD_KINDS[parent.kind])
        kind = draw(st.sampled_from(kinds))
        relations = sorted(ALLOWED_RELATIONS[kind])
        if parent.parent is None:
            relations = [r for r in relations if r is not R.UNDERCUTS]
        relation = draw(st.sampled_from(relations)) if relations else None  # a conclusion
        nodes.append(node(f"n{i}", kind, parent.id, relation))
    groups: dict[str, list[int]] = {}
    for i, n in enumerate(nodes):
        if n.kind is K.PREMISE and n.parent is not None:
            groups.setdefault(n.parent, []).append(i)
    for owner, members in groups.items():
        if len(members) >= 2 and draw(st.booleans()):
            for i in members[:2]:
                nodes[i] = nodes[i].model_copy(update={"group": f"g-{owner}"})
    m = ArgumentMap(title="t", nodes=tuple(nodes))
    for _ in range(draw(st.integers(0, max_links))):
        source = draw(st.integers(0, len(nodes) - 1))
        target = draw(st.integers(0, len(nodes) - 1))
        relation = draw(st.sampled_from(list(R)))
        src = nodes[source]
        candidate = src.model_copy(
            update={"links": (*src.links, Link(to=nodes[target].id, relation=relation))}
        )
        trial = [*nodes[:source], candidate, *nodes[source + 1 :]]
        try:
            m = ArgumentMap(title="t", nodes=tuple(trial))
        except ValidationError:
            continue
        nodes = trial
    return m


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_maps())
def test_analyze_matches_brute_force_on_random_maps(m: ArgumentMap) -> None:
    check_against_reference(m)


@settings(max_examples=50, deadline=None)
@given(small_maps(max_nodes=25, max_links=8))
def test_analyze_never_raises_and_labels_are_legal(m: ArgumentMap) -> None:
    a = analyze(m)
    fw = build_framework(m)
    labels = grounded(fw.size, fw.attacks)
    attackers: dict[int, list[int]] = {i: [] for i in range(fw.size)}
    for x, y in fw.attacks:
        attackers[y].append(x)
    for arg, label in enumerate(labels):
        if label is IN:
            assert all(labels[x] is OUT for x in attackers[arg])
        elif label is OUT:
            assert any(labels[x] is IN for x in attackers[arg])
        else:
            assert not any(labels[x] is IN for x in attackers[arg])
            assert not all(labels[x] is OUT for x in attackers[arg])
    assert set(a.standing) == {n.id for n in m.nodes}
    assert analyze(m) == a


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_analysis_stats_and_lint_never_raise_on_shared_random_maps(m: ArgumentMap) -> None:
    from argmap.analysis.lint import lint
    from argmap.analysis.stats import format_stats, stats_data

    a = analyze(m)
    text = format_stats(m, a)
    assert text == format_stats(m, analyze(m))
    assert not any(ch in text for ch in "\x1b\x00\r")  # user text cannot drive the terminal
    assert stats_data(m, a)["nodes"] == len(m)
    lint(m)
