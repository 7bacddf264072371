"""The model: construction rules and the lookup/walk API."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.load.ids import slugify
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from tests.conftest import MAPS
from tests.deepmaps import deep_chain
from tests.strategies import argument_maps


def node(id: str, kind: str, parent: str | None = None, **extra: Any) -> dict[str, Any]:
    relation = {
        "thesis": None,
        "premise": "supports",
        "evidence": "supports",
        "objection": "attacks",
        "rebuttal": "attacks",
        "conclusion": None,
    }[kind]
    return {
        "id": id,
        "kind": kind,
        "text": f"text of {id}",
        "parent": parent,
        "relation": extra.pop("relation", relation),
        **extra,
    }


def build(*nodes: dict[str, Any], **fields: Any) -> ArgumentMap:
    return ArgumentMap.model_validate({"title": "t", "nodes": list(nodes), **fields})


def test_minimal_map() -> None:
    m = build(node("t", "thesis"))
    assert m.thesis.id == "t" and len(m) == 1


@pytest.mark.parametrize(
    ("nodes", "message"),
    [
        ([node("p", "premise", "t")], "exactly one thesis"),
        ([node("t", "thesis"), node("t", "premise", "t")], "duplicate id"),
        ([node("t", "thesis"), node("p", "premise", "x")], "unknown parent"),
        ([node("t", "thesis"), node("r", "rebuttal", "t")], "a rebuttal answers an objection"),
        (
            [node("t", "thesis"), node("e", "evidence", "t"), node("p", "premise", "e")],
            "cannot sit under evidence",
        ),
        (
            [node("t", "thesis"), node("p", "premise", "t", relation="attacks")],
            "cannot use 'attacks'",
        ),
        ([node("t", "thesis"), node("o", "objection", "t", relation="undercuts")], "no such link"),
        ([node("t", "thesis"), node("p", "premise", "t", group="g")], "has one premise"),
        (
            [
                node("t", "thesis"),
                node("o", "objection", "t", group="g"),
                node("q", "objection", "t", group="g"),
            ],
            "only premises can be linked",
        ),
        (
            [node("t", "thesis"), node("p", "premise", "t", basis="quote")],
            "only evidence has a basis",
        ),
        ([node("t", "thesis"), node("p", "premise", "t", source="nope")], "unknown source"),
        (
            [
                node("t", "thesis"),
                node("p", "premise", "t", links=[{"to": "zz", "relation": "supports"}]),
            ],
            "unknown id 'zz'",
        ),
        (
            [
                node("t", "thesis"),
                node("p", "premise", "t", links=[{"to": "p", "relation": "supports"}]),
            ],
            "cannot link to itself",
        ),
        (
            [
                node("t", "thesis"),
                node("p", "premise", "t"),
                node("q", "premise", "p", links=[{"to": "r", "relation": "supports"}]),
                node("r", "premise", "t", links=[{"to": "q", "relation": "supports"}]),
            ],
            "support cycle",
        ),
        (
            [
                node("t", "thesis"),
                node("p", "premise", "t"),
                node("e", "evidence", "t"),
                node("q", "premise", "p", links=[{"to": "e", "relation": "supports"}]),
            ],
            "cannot support evidence",
        ),
        (  # it said "premise cannot support evidence" of a conclusion
            [
                node("t", "thesis"),
                node("c", "conclusion", "t"),
                node("p", "premise", "t", links=[{"to": "c", "relation": "supports"}]),
            ],
            "node 'p': premise cannot support a conclusion: a conclusion rests only on "
            "the claim it is drawn from; support that claim instead",
        ),
        (  # it said "link to unknown id 'g'", where `argmap add --to g` explained it
            [
                node("t", "thesis"),
                node("p", "premise", "t", group="g"),
                node("q", "premise", "t", group="g"),
                node("o", "objection", "t", links=[{"to": "g", "relation": "undercuts"}]),
            ],
            "'g' names a linked group, not a node: link to one of its premises \\('p', 'q'\\); "
            "an undercut of one premise's link cuts the whole group",
        ),
        (
            [
                node("t", "thesis"),
                node("p", "premise", "t", group="g"),
                node("q", "premise", "t"),
                node("r", "premise", "q", group="g"),
            ],
            "spans two parents; its premises support one claim together: give them the "
            "same parent, or another group id",
        ),
    ],
)
def test_model_rules(nodes: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        build(*nodes)


def test_attack_cycles_are_allowed() -> None:
    m = build(
        node("t", "thesis"),
        node("a", "objection", "t", links=[{"to": "b", "relation": "attacks"}]),
        node("b", "objection", "t", links=[{"to": "a", "relation": "attacks"}]),
    )
    assert len(m) == 3


def test_extra_fields_are_forbidden() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Node.model_validate({**node("t", "thesis"), "colour": "red"})


def test_api_on_example_map() -> None:
    from argmap.load.maps import load_map

    m = load_map(MAPS / "school-uniforms.yaml")
    assert m.get("cost").kind is NodeKind.PREMISE
    assert [n.id for n in m.children("cost")] == ["survey-costs", "upfront-cost"]
    assert m.parent("second-hand") == m.get("upfront-cost")
    assert [n.id for n in m.ancestors("second-hand")] == ["upfront-cost", "cost", "uniforms"]
    assert m.depth("second-hand") == 3
    assert [n.id for n in m.walk("cost")] == [
        "cost",
        "survey-costs",
        "upfront-cost",
        "second-hand",
    ]
    assert [n.id for n in m.walk(max_depth=1)][:3] == ["uniforms", "cost", "bullying-clothes"]
    assert m.groups() == {"less-bullying": [m.get("bullying-clothes"), m.get("uniforms-equalise")]}
    assert m.get("belonging-anecdote").relation is Relation.UNDERCUTS
    assert ("expression", "uniforms", Relation.ATTACKS, False) in [
        (s.id, t.id, r, c) for s, t, r, c in m.edges()
    ]
    assert "cost" in m and "nope" not in m
    with pytest.raises(KeyError):
        m.get("nope")


def test_generated_ids_are_slugs_and_unique() -> None:
    m = validate_data(
        {
            "title": "t",
            "thesis": {
                "text": "Cats are great.",
                "premises": [
                    {"text": "Cats are great!"},
                    {"id": "cats-are-great-3", "text": "x"},
                    {"text": "Кошки милые"},
                ],
            },
        }
    )
    assert [n.id for n in m.nodes] == [
        "cats-are-great",
        "cats-are-great-2",
        "cats-are-great-3",
        "кошки-милые",
    ]
    assert slugify("!!!") == "node"
    assert slugify("Russia’s game in North Korea") == "russias-game-in-north-korea"


def test_cross_link_relation_defaults_from_kind() -> None:
    m = validate_data(
        {
            "title": "t",
            "thesis": {
                "id": "t",
                "text": "a",
                "premises": [
                    {"id": "p", "text": "b"},
                    {
                        "id": "q",
                        "text": "c",
                        "evidence": [{"id": "e", "text": "d", "links": ["p"]}],
                    },
                ],
                "objections": [{"id": "o", "text": "x", "links": ["q"]}],
            },
        }
    )
    assert m.get("e").links[0].relation is Relation.SUPPORTS
    assert m.get("o").links[0].relation is Relation.ATTACKS


@given(st.text(max_size=60))
@settings(max_examples=200)
def test_generated_ids_are_always_valid(text: str) -> None:
    from pydantic import TypeAdapter

    from argmap.model import NodeId

    slug = slugify(text)
    assert TypeAdapter(NodeId).validate_python(slug) == slug


def test_every_public_name_resolves_from_the_package() -> None:
    import argmap.model

    for name in argmap.model.__all__:
        assert getattr(argmap.model, name) is not None, name
    assert set(argmap.model.__all__) <= set(dir(argmap.model))
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = argmap.model.Nope  # type: ignore[attr-defined]


def test_the_vocabulary_loads_without_pydantic() -> None:
    # The command line reads its choices from the vocabulary; `argmap --help` stays quick.
    import subprocess
    import sys

    code = (
        "import sys; from argmap.model import NodeKind, Strength, Assessment; "
        "print('pydantic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_map_shows_itself_as_its_diagram_in_a_notebook() -> None:
    # Jupyter calls _repr_svg_ on the last value of a cell: `m` alone shows the diagram.
    from argmap.load.maps import load_map
    from argmap.pipeline import render_map

    m = load_map(MAPS / "school-uniforms.yaml")
    svg = m._repr_svg_()
    assert isinstance(svg, str)
    assert svg.lstrip().startswith("<?xml") or svg.lstrip().startswith("<svg")
    assert "</svg>" in svg and "uniforms" in svg
    # The file's drawing, its text set-up kept to it: a notebook shows it inline, among
    # other SVG text of the page that must keep its kerning and ligatures.
    # Its faces are its own family: the page's own Noto Sans text is left as it was.
    drawing = render_map(m, "svg")
    assert svg.count('class="argmap-diagram"') == 1
    setup = (
        'svg.argmap-diagram text { font-family: "argmap Noto Sans",Helvetica,Arial,sans-serif; '
    )
    assert setup + "font-kerning: none;" in svg
    assert 'font-family: "Noto Sans"' not in svg and 'font-family: "argmap Noto Sans";' in svg
    unscoped = svg.replace(' class="argmap-diagram"', "", 1).replace(setup, "text { ")
    assert unscoped.replace('"argmap Noto Sans"', '"Noto Sans"') == drawing


# -- the structure checks' shortcuts find what every check on every node finds -----------

_KINDS = list(NodeKind)
_RELATIONS = [None, *Relation]


def _every_check(m: ArgumentMap) -> list[Any]:
    """structure_problems without its shortcuts: every check on every node, every search."""
    from argmap.model import structure as s

    nodes = m.nodes
    first: dict[str, int] = {}
    problems: list[Any] = []
    for i, n in enumerate(nodes):
        if n.id in first:
            problems.append(s.Problem(i, "id", f"duplicate id {n.id!r}; ids must be unique"))
        else:
            first[n.id] = i
    if not nodes or nodes[0].kind is not NodeKind.THESIS:
        problems.append(s.Problem(None, None, "a map needs exactly one thesis, as its root"))
        return problems
    twice = {n.id for i, n in enumerate(nodes) if first[n.id] != i}
    for i, n in enumerate(nodes):
        if n.parent not in twice:  # which of two nodes is its parent? the id is reported
            problems += s._placement_problems(m, i, n, first)
        problems += s._field_problems(m, i, n)
        problems += s._link_problems(m, i, n, first)
    problems += s._group_problems(m, first)
    if len(first) == len(nodes):
        problems += s._support_cycles(m, first)
    return sorted(problems, key=lambda p: -1 if p.position is None else p.position)


@st.composite
def _loose_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps of any shape, sound or not: random kinds, parents, relations, links, groups."""
    from argmap.model import Link, Outlet

    count = draw(st.integers(1, 9))
    ids = [draw(st.sampled_from(["a", "b", "c", f"n{i}", f"n{i}", f"n{i}"])) for i in range(count)]
    names = [*ids, "ghost"]
    nodes = []
    for i in range(count):
        links = tuple(
            Link.model_construct(to=draw(st.sampled_from(names)), relation=rel)
            for rel in draw(st.lists(st.sampled_from(list(Relation)), max_size=2))
        )
        thesis = i == 0 and draw(st.booleans())
        nodes.append(
            Node.model_construct(
                id=ids[i],
                kind=NodeKind.THESIS if thesis else draw(st.sampled_from(_KINDS)),
                text="t",
                parent=None if i == 0 and draw(st.booleans()) else draw(st.sampled_from(names)),
                relation=draw(st.sampled_from(_RELATIONS)),
                group=draw(st.sampled_from([None, None, "g", "a"])),
                basis=draw(st.sampled_from([None, None, "statistic"])),
                source=draw(st.sampled_from([None, None, "known", "other"])),
                links=links,
            )
        )
    return ArgumentMap.model_construct(
        title="t", sources={"known": Outlet(name="Known")}, nodes=tuple(nodes)
    )


@settings(max_examples=400, deadline=None)
@given(_loose_maps())
def test_structure_shortcuts_find_what_every_check_finds(m: ArgumentMap) -> None:
    from argmap.model import structure_problems

    assert structure_problems(m) == _every_check(m)


def test_the_lookups_are_built_on_first_use_and_never_change_equality() -> None:
    import copy
    import pickle

    a = validate_data(
        {
            "title": "t",
            "thesis": {"id": "t", "text": "T.", "premises": [{"id": "p", "text": "P."}]},
        }
    )
    b = a.model_copy()
    assert a == b and a.get("p").parent == "t"  # a's lookups are built, b's are not yet
    assert a == b == copy.deepcopy(a) == pickle.loads(pickle.dumps(a))
    fewer = a.model_copy(update={"nodes": a.nodes[:1]})  # copied with other nodes: rebuilt
    assert "p" in a and "p" not in fewer and [n.id for n in a.children("t")] == ["p"]
    assert fewer.children("t") == []


def test_nodes_sharing_a_fields_set_stay_apart_when_copied() -> None:
    import copy
    import pickle

    m = validate_data(
        {
            "title": "t",
            "thesis": {
                "id": "t",
                "text": "T.",
                "premises": [{"id": "a", "text": "A."}, {"id": "b", "text": "B."}],
            },
        }
    )
    a, b = m.get("a"), m.get("b")
    shared = a.model_fields_set
    assert shared is b.model_fields_set and "tags" not in shared  # one set for one shape
    changed = a.model_copy(update={"tags": ("x",)})
    assert "tags" in changed.model_fields_set and "tags" not in b.model_fields_set
    for again in (copy.copy(a), copy.deepcopy(a), pickle.loads(pickle.dumps(a))):
        assert again == a and again.model_fields_set == shared
    assert a.model_dump(exclude_unset=True) == {
        "id": "a", "kind": "premise", "text": "A.", "quote": None, "citation": None,
        "source": None, "author": None, "added": None, "strength": None, "assessment": None,
        "note": None, "parent": "t", "relation": "supports", "group": None,
    }  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(argument_maps(max_nodes=20))
def test_depths_ancestors_and_conclusion_sides_agree_with_the_parents(m: ArgumentMap) -> None:
    """The constant-time answers match a walk up the parents, conclusions included."""
    for node in m.nodes:
        up = m.ancestors(node.id)
        assert m.depth(node.id) == len(up)
        assert {other.id for other in m.nodes if m.is_ancestor(other.id, node.id)} == {
            a.id for a in up
        }
        sides = (node, *up)
        assert m.under_conclusion(node.id) == any(n.kind is NodeKind.CONCLUSION for n in sides)


def test_depths_and_ancestors_of_a_deep_chain() -> None:
    m = deep_chain(5_000)
    assert m.depth("n4999") == 4_999 and m.depth("u4998") == 4_999 and m.depth("r4995") == 4_996
    assert m.is_ancestor("n0", "n4999") and m.is_ancestor("n4998", "n4999")
    assert not m.is_ancestor("n4999", "n4998") and not m.is_ancestor("n7", "n7")
    assert not m.under_conclusion("n4999")


def test_kinds_are_named_with_their_article() -> None:
    """Messages said "is a evidence" and "a objection"."""
    assert [kind.article for kind in NodeKind] == [
        "a thesis",
        "a premise",
        "evidence",
        "an objection",
        "a rebuttal",
        "a conclusion",
    ]


def test_cross_links_into_a_node_are_listed_in_file_order_with_their_relation() -> None:
    from argmap.load.maps import load_map

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    expected = {
        target.id: [
            (source.id, relation)
            for source, target2, relation, cross in m.edges()
            if cross and target2.id == target.id
        ]
        for target in m.nodes
    }
    for node in m.nodes:
        assert m.cross_links_to(node.id) == expected[node.id]
    assert m.cross_links_to("anti-americanism-drives-russia") == [
        ("russia-voted-sanctions", Relation.ATTACKS)
    ]
