"""The argument-map model: a flat, validated premise–evidence–objection graph (no I/O)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from enum import StrEnum
from typing import Annotated, Any, Final, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    model_validator,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "ID_PATTERN",
    "ArgumentMap",
    "Assessment",
    "Basis",
    "Citation",
    "Link",
    "Node",
    "NodeKind",
    "Outlet",
    "Problem",
    "Relation",
    "SourceDocument",
    "Strength",
    "structure_problems",
]

ID_PATTERN: Final = r"^[^\W][\w.-]*$"
"""Node ids: a letter, digit or underscore, then word characters, dots and dashes."""


class NodeKind(StrEnum):
    """What a node is in the argument."""

    THESIS = "thesis"
    PREMISE = "premise"
    EVIDENCE = "evidence"
    OBJECTION = "objection"
    REBUTTAL = "rebuttal"


class Relation(StrEnum):
    """How a node bears on its target."""

    SUPPORTS = "supports"
    ATTACKS = "attacks"
    UNDERCUTS = "undercuts"


class Basis(StrEnum):
    """What a piece of evidence rests on (after Rationale's basis boxes)."""

    QUOTE = "quote"
    STATISTIC = "statistic"
    EXPERT_OPINION = "expert-opinion"
    OFFICIAL_STATEMENT = "official-statement"
    EVENT = "event"
    MEDIA = "media"
    PUBLICATION = "publication"
    DATA = "data"
    EXAMPLE = "example"
    CASE_STUDY = "case-study"
    LAW = "law"
    WEBSITE = "website"
    PERSONAL_EXPERIENCE = "personal-experience"
    COMMON_BELIEF = "common-belief"


class Strength(StrEnum):
    """How strongly a node bears on its target, as judged by the map's author."""

    WEAK = "weak"
    MODERATE = "moderate"
    STRONG = "strong"


class Assessment(StrEnum):
    """A person's own accept/reject mark on a node (a teacher's or a student's)."""

    ACCEPT = "accept"
    REJECT = "reject"
    UNSURE = "unsure"


def _date_to_text(value: Any) -> Any:
    """Let YAML dates (``2014-04-10``) stand where free-text dates are expected."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("string_too_short", "String should not be blank")
    return value


TextDate = Annotated[str, BeforeValidator(_date_to_text)]
Text = Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]
NodeId = Annotated[str, Field(pattern=ID_PATTERN, max_length=200)]

# Which relations each kind may use, and which kinds it may target.
ALLOWED_RELATIONS: Final[Mapping[NodeKind, frozenset[Relation]]] = {
    NodeKind.THESIS: frozenset(),
    NodeKind.PREMISE: frozenset({Relation.SUPPORTS}),
    NodeKind.EVIDENCE: frozenset({Relation.SUPPORTS}),
    NodeKind.OBJECTION: frozenset({Relation.ATTACKS, Relation.UNDERCUTS}),
    NodeKind.REBUTTAL: frozenset({Relation.ATTACKS, Relation.UNDERCUTS}),
}
"""Relations a node of each kind may have to its parent or a cross-link target."""

SUPPORTABLE: Final = frozenset(
    {NodeKind.THESIS, NodeKind.PREMISE, NodeKind.OBJECTION, NodeKind.REBUTTAL}
)
"""Kinds that premises and evidence may support (claims, not evidence)."""

CHILD_KINDS: Final[Mapping[NodeKind, frozenset[NodeKind]]] = {
    NodeKind.THESIS: frozenset({NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION}),
    NodeKind.PREMISE: frozenset({NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION}),
    NodeKind.EVIDENCE: frozenset({NodeKind.OBJECTION}),
    NodeKind.OBJECTION: frozenset(
        {NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION, NodeKind.REBUTTAL}
    ),
    NodeKind.REBUTTAL: frozenset(
        {NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION, NodeKind.REBUTTAL}
    ),
}
"""Kinds of node that may sit directly under a node of each kind."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Frozen):
    """What the source document credits for a piece of evidence."""

    outlet: Text = Field(description="The outlet or document credited, e.g. 'Interfax'.")
    date: TextDate | None = Field(None, description="The date credited, e.g. 'January 21'.")
    locator: str | None = Field(None, description="Page, section or URL within the outlet.")

    def label(self) -> str:
        """Return the citation as one line, e.g. ``Interfax, January 21``."""
        return ", ".join(part for part in (self.outlet, self.date, self.locator) if part)


class Outlet(_Frozen):
    """An entry of the map's source table: an outlet the document cites."""

    name: Text = Field(description="The outlet's name, e.g. 'Interfax'.")
    url: str | None = Field(None, description="Where the outlet can be found.")
    note: str | None = Field(None, description="Anything a reader should know about it.")


class SourceDocument(_Frozen):
    """The document the map reconstructs."""

    title: Text = Field(description="The document's title.")
    publication: str | None = Field(None, description="Journal, newspaper or site.")
    volume: int | str | None = Field(None, description="Volume number.")
    issue: int | str | None = Field(None, description="Issue number.")
    date: TextDate | None = Field(None, description="Publication date.")
    url: str | None = Field(None, description="Where the document can be read.")
    author: str | None = Field(None, description="The document's author.")


class Link(_Frozen):
    """A cross-link: this node also bears on another node, named by id."""

    to: NodeId = Field(description="The id of the node this one also bears on.")
    relation: Relation = Field(description="supports, attacks or undercuts.")


class Node(_Frozen):
    """One node of the map, with its place in the tree (``parent``, ``relation``)."""

    id: NodeId
    kind: NodeKind
    text: Text
    quote: str | None = None
    citation: Citation | None = None
    source: str | None = None
    author: str | None = None
    added: dt.date | None = None
    tags: tuple[str, ...] = ()
    strength: Strength | None = None
    basis: Basis | None = None
    assessment: Assessment | None = None
    note: str | None = None
    parent: str | None = None
    relation: Relation | None = None
    group: str | None = None
    links: tuple[Link, ...] = ()

    @property
    def traced(self) -> bool:
        """Whether the node says where it comes from: a quote, a citation or a source key.

        A quote is words of the map's source document; a citation or a ``sources`` key
        names the outlet that document credits. ``lint``, ``check`` and ``stats`` all
        flag evidence that is not traced.
        """
        return bool(self.quote) or self.citation is not None or self.source is not None


class Problem(NamedTuple):
    """A structural rule a map breaks, tied to the node (by index) and field at fault."""

    position: int | None
    field: str | None
    message: str


class ArgumentMap(_Frozen):
    """A whole argument map: metadata plus nodes in document order, thesis first.

    The file is a tree for writing; this model is a DAG for reasoning. Each node
    names its tree parent and relation, and may carry cross-links to other nodes.
    Construction checks every structural rule (see :func:`structure_problems`).
    """

    title: Text
    description: str | None = None
    source: SourceDocument | None = None
    sources: dict[str, Outlet] = Field(default_factory=dict)
    nodes: tuple[Node, ...]

    _index: dict[str, int] = PrivateAttr(default_factory=dict)
    _children: dict[str, list[str]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _check_structure(self) -> ArgumentMap:
        problems = structure_problems(self)
        if problems:
            lines = []
            for p in problems:
                where = f"node {self.nodes[p.position].id!r}: " if p.position is not None else ""
                lines.append(where + p.message)
            raise ValueError("; ".join(lines))
        return self

    def model_post_init(self, context: Any, /) -> None:
        """Build the id index and child lists once."""
        index = {node.id: i for i, node in enumerate(self.nodes)}
        children: dict[str, list[str]] = {node.id: [] for node in self.nodes}
        for node in self.nodes:
            if node.parent is not None and node.parent in children:
                children[node.parent].append(node.id)
        self._index = index
        self._children = children

    @property
    def thesis(self) -> Node:
        """The root claim."""
        return self.nodes[0]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def __len__(self) -> int:
        return len(self.nodes)

    def get(self, node_id: str) -> Node:
        """Return the node with this id.

        Raises:
            KeyError: no node has that id.
        """
        return self.nodes[self._index[node_id]]

    def position(self, node_id: str) -> int:
        """Return the node's index in document order."""
        return self._index[node_id]

    def children(self, node_id: str) -> list[Node]:
        """Return the node's tree children in document order."""
        return [self.get(child) for child in self._children[node_id]]

    def parent(self, node_id: str) -> Node | None:
        """Return the node's tree parent (None for the thesis)."""
        parent = self.get(node_id).parent
        return None if parent is None else self.get(parent)

    def ancestors(self, node_id: str) -> list[Node]:
        """Return the node's tree ancestors, nearest first."""
        out: list[Node] = []
        current = self.parent(node_id)
        while current is not None:
            out.append(current)
            current = self.parent(current.id)
        return out

    def depth(self, node_id: str) -> int:
        """Return how many tree edges separate the node from the thesis."""
        return len(self.ancestors(node_id))

    def walk(self, root: str | None = None, max_depth: int | None = None) -> Iterator[Node]:
        """Yield the subtree under ``root`` (default: the thesis) in document order.

        Args:
            root: id of the node to start from.
            max_depth: stop this many levels below ``root`` (None: no limit).
        """
        for node, _level in self.walk_levels(root, max_depth):
            yield node

    def walk_levels(
        self, root: str | None = None, max_depth: int | None = None
    ) -> Iterator[tuple[Node, int]]:
        """Like :meth:`walk`, yielding ``(node, levels below root)`` pairs."""
        start = self.thesis.id if root is None else self.get(root).id
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node_id, level = stack.pop()
            yield self.get(node_id), level
            if max_depth is not None and level >= max_depth:
                continue
            kids = self._children[node_id]
            stack.extend((kid, level + 1) for kid in reversed(kids))

    def edges(self) -> Iterator[tuple[Node, Node, Relation, bool]]:
        """Yield every relation as ``(source, target, relation, is_cross_link)``."""
        for node in self.nodes:
            if node.parent is not None and node.relation is not None:
                yield node, self.get(node.parent), node.relation, False
            for link in node.links:
                yield node, self.get(link.to), link.relation, True

    def groups(self) -> dict[str, list[Node]]:
        """Return the linked-premise groups: group id -> premises in document order."""
        out: dict[str, list[Node]] = {}
        for node in self.nodes:
            if node.group is not None:
                out.setdefault(node.group, []).append(node)
        return out

    def incoming(self, node_id: str) -> list[tuple[Node, Relation, bool]]:
        """Return every node that bears on ``node_id``: ``(node, relation, is_cross_link)``."""
        return [
            (source, relation, cross)
            for source, target, relation, cross in self.edges()
            if target.id == node_id
        ]


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
    duplicated = False
    for i, node in enumerate(nodes):
        if node.id in first:
            duplicated = True
            problems.append(Problem(i, "id", f"duplicate id {node.id!r}; ids must be unique"))
        else:
            first.setdefault(node.id, i)
    if not nodes or nodes[0].kind is not NodeKind.THESIS:
        problems.append(Problem(None, None, "a map needs exactly one thesis, as its root"))
        return problems
    for i, node in enumerate(nodes):
        problems.extend(_node_problems(m, i, node, first))
    group_ids: dict[str, list[int]] = {}
    for i, node in enumerate(nodes):
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
        if len({nodes[i].parent for i in members}) > 1:
            problems.append(
                Problem(members[0], "group", f"linked group {group!r} spans two parents")
            )
    if not duplicated:  # with two nodes of one id, a cycle could be a phantom
        problems.extend(_cycle_problems(m, first))
    return sorted(problems, key=lambda p: -1 if p.position is None else p.position)


def _node_problems(m: ArgumentMap, i: int, node: Node, first: dict[str, int]) -> list[Problem]:
    out: list[Problem] = []
    nodes = m.nodes
    if node.kind is NodeKind.THESIS:
        if i != 0:
            out.append(Problem(i, "kind", "a map has exactly one thesis, at its root"))
        if node.parent is not None or node.relation is not None:
            out.append(Problem(i, "parent", "the thesis has no parent"))
    else:
        parent_i = first.get(node.parent) if node.parent is not None else None
        if parent_i is None:
            out.append(Problem(i, "parent", f"unknown parent {node.parent!r}"))
        elif parent_i >= i:
            out.append(Problem(i, "parent", "a node must come after its parent"))
        else:
            parent = nodes[parent_i]
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
    if node.group is not None and node.kind is not NodeKind.PREMISE:
        out.append(Problem(i, "group", "only premises can be linked"))
    if node.basis is not None and node.kind is not NodeKind.EVIDENCE:
        out.append(Problem(i, "basis", "only evidence has a basis"))
    if node.source is not None and node.source not in m.sources:
        out.append(Problem(i, "source", _unknown_source(node.source, m.sources)))
    seen_links: set[str] = set()
    for j, link in enumerate(node.links):
        field = f"links.{j}"
        target_i = first.get(link.to)
        if target_i is None:
            out.append(Problem(i, field, _dangling(link.to, first)))
            continue
        target = nodes[target_i]
        if link.to == node.id:
            out.append(Problem(i, field, "a node cannot link to itself"))
        elif link.to == node.parent or link.to in seen_links:
            out.append(Problem(i, field, f"{link.to!r} is already this node's target"))
        elif link.relation not in ALLOWED_RELATIONS[node.kind]:
            out.append(Problem(i, field, _bad_relation(node.kind, link.relation)))
        elif link.relation is Relation.SUPPORTS and target.kind not in SUPPORTABLE:
            out.append(Problem(i, field, f"{node.kind.value} cannot support evidence"))
        elif node.kind is NodeKind.REBUTTAL and target.kind not in (
            NodeKind.OBJECTION,
            NodeKind.REBUTTAL,
        ):
            out.append(Problem(i, field, "a rebuttal can only attack an objection"))
        elif link.relation is Relation.UNDERCUTS and target.parent is None:
            out.append(Problem(i, field, "the thesis has no link to undercut"))
        seen_links.add(link.to)
    return out


def _misplaced(kind: NodeKind, parent: NodeKind) -> str:
    if kind is NodeKind.REBUTTAL:
        return "a rebuttal answers an objection; list it under 'objections' here"
    allowed = ", ".join(sorted(k.value for k in CHILD_KINDS[parent]))
    return f"a {kind.value} cannot sit under a {parent.value} (allowed: {allowed})"


def _bad_relation(kind: NodeKind, relation: Relation | None) -> str:
    allowed = " or ".join(sorted(r.value for r in ALLOWED_RELATIONS[kind]))
    got = relation.value if relation is not None else "nothing"
    return f"a {kind.value} {allowed}, it cannot use {got!r}"


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


def _cycle_problems(m: ArgumentMap, first: Mapping[str, int]) -> list[Problem]:
    """Find support cycles (circular reasoning). Attack cycles are legitimate and allowed."""
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
