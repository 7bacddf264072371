"""Structure checks: what no single field can check (ids, tree shape, kinds, links, cycles)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple
from unicodedata import normalize

from argmap.model.conclusions import conclusion_message
from argmap.model.vocabulary import (
    ALLOWED_RELATIONS,
    CHILD_KINDS,
    SUPPORTABLE,
    NodeKind,
    Relation,
)

if TYPE_CHECKING:
    from argmap.model.argument_map import ArgumentMap
    from argmap.model.records import Node, Outlet

__all__ = ["Problem", "id_shapes", "structure_problems"]


class Problem(NamedTuple):
    """A structural rule a map breaks, tied to the node (by index) and field at fault."""

    position: int | None
    field: str | None
    message: str


def structure_problems(m: ArgumentMap) -> list[Problem]:
    """Check the rules that no single field can: ids, tree shape, kinds, links, cycles.

    Every walk here is iterative, so a map of any depth is checked.

    Args:
        m: the map to check (its fields already have the right types).

    Returns:
        Every problem found, in document order; empty when the map is sound.
    """
    problems: list[Problem] = []
    nodes = m.nodes
    first: dict[str, int] = {}
    for i, node in enumerate(nodes):
        first.setdefault(node.id, i)
    duplicated = len(first) != len(nodes)
    twice: set[str] = set()  # under one of these, a node's parent is either of two nodes
    if duplicated:
        twice = {node.id for i, node in enumerate(nodes) if first[node.id] != i}
        problems.extend(
            Problem(i, "id", f"duplicate id {node.id!r}; ids must be unique")
            for i, node in enumerate(nodes)
            if first[node.id] != i
        )
    problems.extend(_look_alike_ids(nodes, first))
    if not nodes or nodes[0].kind is not NodeKind.THESIS:
        problems.append(Problem(None, None, "a map needs exactly one thesis, as its root"))
        return problems
    for i, node in enumerate(nodes):
        # Each check runs where something could be wrong: most nodes pass all of them here.
        if not _placed_well(nodes, i, node, first) and node.parent not in twice:
            problems.extend(_placement_problems(m, i, node, first))
        if node.group is not None or node.basis is not None or node.source is not None:
            problems.extend(_field_problems(m, i, node))
        if node.links:
            problems.extend(_link_problems(m, i, node, first))
    problems.extend(_group_problems(m, first))
    if not duplicated:  # with two nodes of one id, a cycle could be a phantom
        problems.extend(_cycle_problems(m, first))
    return sorted(problems, key=lambda p: -1 if p.position is None else p.position)


def _look_alike_ids(nodes: Sequence[Node], first: Mapping[str, int]) -> list[Problem]:
    """Ids that differ only in how they are written: shown alike, told apart by no one.

    ``café`` with its accent composed, and with ``e`` then a combining accent: an edit's
    ``--to`` finds one and not the other, and ``show`` lists both the same.
    """
    if all(node_id.isascii() for node_id in first):
        return []  # (the usual map: nothing to compare)
    seen: dict[str, str] = {}
    problems: list[Problem] = []
    for node_id, i in first.items():
        for how, shown in _shapes(node_id):
            if shown in seen and seen[shown] != node_id:
                message = (
                    f"id {node_id!r} looks the same as {seen[shown]!r}, written with other "
                    f"code points ({how}); give it an id that differs where it shows"
                )
                problems.append(Problem(i, "id", message))
                break
        else:
            for _how, shown in _shapes(node_id):
                seen.setdefault(shown, node_id)
    return problems


_LOOKALIKES: Final = str.maketrans(
    "аеорсухіјѕԁӏАВЕКМНОРСТХІЈЅοαρτνκιΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdlABEKMHOPCTXIJSoaptvkiABEZHIKMNOPTYX",
)
"""Cyrillic and Greek letters drawn as Latin ones (``р`` and ``p``): ids are read by eye."""


def id_shapes(node_id: str) -> tuple[str, ...]:
    """The forms an id is seen as: two ids sharing one look the same (see below)."""
    return tuple(shown for _how, shown in _shapes(node_id))


def _shapes(node_id: str) -> list[tuple[str, str]]:
    """How an id may be seen, with what could make another id look the same as it."""
    composed = normalize("NFC", node_id)
    compatible = normalize("NFKC", node_id)
    return [
        ("an accent composed or not", composed),
        ("a full-width or compatibility form", compatible),
        ("a Cyrillic or Greek letter drawn as a Latin one", compatible.translate(_LOOKALIKES)),
    ]


def _placed_well(nodes: tuple[Node, ...], i: int, node: Node, first: Mapping[str, int]) -> bool:
    """Whether a node plainly sits well: :func:`_placement_problems` would find nothing.

    Conservative: False sends the node to the full check.
    """
    kind = node.kind
    if kind is NodeKind.THESIS:
        return i == 0 and node.parent is None and node.relation is None
    if kind is NodeKind.CONCLUSION or node.parent is None:
        return False
    parent_i = first.get(node.parent)
    if parent_i is None or parent_i >= i:
        return False
    parent = nodes[parent_i]
    relation = node.relation
    return (
        kind in CHILD_KINDS[parent.kind]
        and relation is not None
        and relation in ALLOWED_RELATIONS[kind]
        and (relation is not Relation.UNDERCUTS or parent.parent is not None)
    )


def _placement_problems(
    m: ArgumentMap, i: int, node: Node, first: Mapping[str, int]
) -> list[Problem]:
    """Check where a node sits: the thesis at the root, every other node under a fit parent."""
    out: list[Problem] = []
    if node.kind is NodeKind.THESIS:
        if i != 0:
            out.append(Problem(i, "kind", "a map has exactly one thesis, at its root"))
        if node.parent is not None or node.relation is not None:
            out.append(Problem(i, "parent", "the thesis has no parent"))
        return out
    parent_i = first.get(node.parent) if node.parent is not None else None
    if parent_i is None:
        out.append(Problem(i, "parent", f"unknown parent {node.parent!r}"))
    elif parent_i >= i:
        out.append(Problem(i, "parent", "a node must come after its parent"))
    elif node.kind is NodeKind.CONCLUSION:
        message = conclusion_message(node, m.nodes[parent_i])
        if message is not None:
            out.append(Problem(i, "links.0" if node.links else "kind", message))
    else:
        parent = m.nodes[parent_i]
        if node.kind not in CHILD_KINDS[parent.kind]:
            out.append(Problem(i, "kind", _misplaced(node.kind, parent.kind)))
        if node.relation is None or node.relation not in ALLOWED_RELATIONS[node.kind]:
            out.append(Problem(i, "relation", _bad_relation(node.kind, node.relation)))
        elif node.relation is Relation.UNDERCUTS and parent.parent is None:
            out.append(
                Problem(
                    i,
                    "undercut",
                    "an undercutter attacks the link from its target to the target's "
                    "parent, and the thesis has no such link; make it a plain objection",
                )
            )
    return out


def _field_problems(m: ArgumentMap, i: int, node: Node) -> list[Problem]:
    """Check the fields only some kinds may have, and the source key."""
    out: list[Problem] = []
    if node.group is not None and node.kind is not NodeKind.PREMISE:
        out.append(Problem(i, "group", "only premises can be linked"))
    if node.basis is not None and node.kind is not NodeKind.EVIDENCE:
        out.append(Problem(i, "basis", "only evidence has a basis"))
    if node.source is not None and node.source not in m.sources:
        out.append(Problem(i, "source", _unknown_source(node.source, m.sources)))
    return out


def _link_problems(m: ArgumentMap, i: int, node: Node, first: Mapping[str, int]) -> list[Problem]:
    """Check a node's cross-links: each names another node it may bear on, once."""
    out: list[Problem] = []
    if node.kind is NodeKind.CONCLUSION:  # reported by _placement_problems
        return out
    seen_links: set[str] = set()
    for j, link in enumerate(node.links):
        field = f"links.{j}"
        target_i = first.get(link.to)
        if target_i is None:
            grouped = _grouped(m, link.to)
            out.append(Problem(i, field, grouped or _dangling(link.to, first)))
            continue
        target = m.nodes[target_i]
        if link.to == node.id:
            out.append(Problem(i, field, "a node cannot link to itself"))
        elif link.to == node.parent or link.to in seen_links:
            out.append(Problem(i, field, f"{link.to!r} is already this node's target"))
        elif link.relation not in ALLOWED_RELATIONS[node.kind]:
            out.append(Problem(i, field, _bad_relation(node.kind, link.relation)))
        elif link.relation is Relation.SUPPORTS and target.kind not in SUPPORTABLE:
            out.append(Problem(i, field, _unsupportable(node.kind, target.kind)))
        elif node.kind is NodeKind.REBUTTAL and target.kind not in (
            NodeKind.OBJECTION,
            NodeKind.REBUTTAL,
        ):
            out.append(Problem(i, field, "a rebuttal can only attack an objection"))
        elif link.relation is Relation.UNDERCUTS and target.parent is None:
            out.append(Problem(i, field, "the thesis has no link to undercut"))
        seen_links.add(link.to)
    return out


def _group_problems(m: ArgumentMap, first: Mapping[str, int]) -> list[Problem]:
    """Check linked-premise groups: an id of their own, two premises or more, one parent."""
    problems: list[Problem] = []
    group_ids: dict[str, list[int]] = {}
    for i, node in enumerate(m.nodes):
        if node.group is not None:
            group_ids.setdefault(node.group, []).append(i)
    for group, members in group_ids.items():
        if group in first:
            problems.append(Problem(members[0], "group", f"group id {group!r} is also a node id"))
        if len(members) < 2:
            problems.append(
                Problem(
                    members[0],
                    "group",
                    f"linked group {group!r} has one premise; a linked group needs at least "
                    "two (make it a plain premise)",
                )
            )
        if len({m.nodes[i].parent for i in members}) > 1:
            problems.append(
                Problem(
                    members[0],
                    "group",
                    f"linked group {group!r} spans two parents; its premises support one claim "
                    "together: give them the same parent, or another group id",
                )
            )
    return problems


def _misplaced(kind: NodeKind, parent: NodeKind) -> str:
    if kind is NodeKind.REBUTTAL:
        return "a rebuttal answers an objection; list it under 'objections' here"
    allowed = ", ".join(sorted(k.value for k in CHILD_KINDS[parent]))
    return f"{kind.article} cannot sit under {parent.article} (allowed: {allowed})"


def _bad_relation(kind: NodeKind, relation: Relation | None) -> str:
    allowed = " or ".join(sorted(r.value for r in ALLOWED_RELATIONS[kind]))
    got = relation.value if relation is not None else "nothing"
    if not allowed:
        return (
            f"the {kind.value} bears on no other node, so it cannot use {got!r}; remove its links"
        )
    article = "an" if kind.value[:1] in ("a", "e", "i", "o", "u") else "a"
    return f"{article} {kind.value} {allowed}, it cannot use {got!r}"


def _unsupportable(kind: NodeKind, target: NodeKind) -> str:
    """Why a node cannot support a target of this kind by a cross-link, and what to do."""
    if target is NodeKind.CONCLUSION:
        return (
            f"{kind.value} cannot support a conclusion: a conclusion rests only on the claim "
            "it is drawn from; support that claim instead"
        )
    return f"{kind.value} cannot support {target.value}"


def _grouped(m: ArgumentMap, target: str) -> str | None:
    """What to link to instead of a linked group's id (None: it names no group)."""
    members = [node.id for node in m.nodes if node.group == target]
    if not members:
        return None
    named = ", ".join(repr(member) for member in members)
    return (
        f"{target!r} names a linked group, not a node: link to one of its premises ({named}); "
        "an undercut of one premise's link cuts the whole group"
    )


def _dangling(target: str, ids: Mapping[str, int]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(target, list(ids), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"link to unknown id {target!r}{hint}; link to an id that exists in this map"


def _unknown_source(key: str, sources: Mapping[str, Outlet]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(key, list(sources), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown source {key!r}{hint}; add it to 'sources' or fix the key"


def _may_cycle(m: ArgumentMap, first: Mapping[str, int]) -> bool:
    """Whether any support runs to a later node: with none, indices fall along every path."""
    supports = Relation.SUPPORTS
    for i, node in enumerate(m.nodes):
        parent = node.parent
        if node.relation is supports and parent is not None and first.get(parent, -1) >= i:
            return True
        for link in node.links:
            if link.relation is supports and first.get(link.to, -1) >= i:
                return True
    return False


def _cycle_problems(m: ArgumentMap, first: Mapping[str, int]) -> list[Problem]:
    """Find support cycles (circular reasoning). Attack cycles are legitimate and allowed."""
    return _support_cycles(m, first) if _may_cycle(m, first) else []


def _support_cycles(m: ArgumentMap, first: Mapping[str, int]) -> list[Problem]:
    """Search every support path for a cycle (depth first)."""
    succ: dict[int, list[tuple[int, str | None]]] = {i: [] for i in range(len(m.nodes))}
    for i, node in enumerate(m.nodes):
        # Parents and links that name no node are reported on their own; skip them here.
        if node.parent is not None and node.parent in first and node.relation is Relation.SUPPORTS:
            succ[i].append((first[node.parent], None))
        for j, link in enumerate(node.links):
            if link.relation is Relation.SUPPORTS and link.to in first:
                succ[i].append((first[link.to], f"links.{j}"))
    # Iterative three-colour depth-first search.
    state = [0] * len(m.nodes)
    problems: list[Problem] = []
    for start in range(len(m.nodes)):
        if state[start]:
            continue
        path: list[int] = [start]
        iters = [iter(succ[start])]
        state[start] = 1
        while iters:
            step = next(iters[-1], None)
            if step is None:
                state[path.pop()] = 2
                iters.pop()
                continue
            target, field = step
            if state[target] == 1:
                loop = path[path.index(target) :] + [target]
                names = " -> ".join(m.nodes[k].id for k in loop)
                problems.append(
                    Problem(
                        path[-1],
                        field or "parent",
                        f"support cycle {names}; a claim cannot support itself, "
                        "remove one of these links",
                    )
                )
            elif state[target] == 0:
                state[target] = 1
                path.append(target)
                iters.append(iter(succ[target]))
    return problems
