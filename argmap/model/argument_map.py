"""The whole map: metadata plus nodes in document order, with lookups and iterative walks."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pydantic import Field, PrivateAttr, model_validator

from argmap.model.records import Node, Outlet, Record, SourceDocument, Text
from argmap.model.structure import structure_problems
from argmap.model.vocabulary import NodeKind, Relation

__all__ = ["ArgumentMap"]


class _Lookups:
    """A map's id index and child lists, built on first use (a validate needs neither).

    A cache, not part of the map: any two compare equal, so maps compare by their fields.
    """

    __slots__ = ("children", "index", "links_to", "nodes", "tree")

    def __init__(self) -> None:
        self.nodes: tuple[Node, ...] | None = None
        """The nodes the index was built for."""
        self.index: dict[str, int] = {}
        self.children: dict[str, list[str]] = {}
        self.tree: _TreeIndex | None = None
        """Depths and spans, built on first use (see :class:`_TreeIndex`)."""
        self.links_to: dict[str, list[tuple[str, Relation]]] | None = None
        """Node id -> the cross-links into it (source id, relation), built on first use."""

    def build(self, nodes: tuple[Node, ...]) -> None:
        index = {node.id: i for i, node in enumerate(nodes)}
        children: dict[str, list[str]] = {node.id: [] for node in nodes}
        for node in nodes:
            # A conclusion is drawn from its parent, not a reason for it: not a child.
            if node.parent in children and node.kind is not NodeKind.CONCLUSION:
                children[node.parent].append(node.id)
        self.index, self.children, self.nodes = index, children, nodes
        self.tree = self.links_to = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Lookups)

    def __hash__(self) -> int:
        return 0


class _TreeIndex:
    """Each node's depth, whether it is drawn from the thesis, and its span in a tree walk.

    The walk follows every node's ``parent`` (conclusions under what they are drawn from),
    so a node's ancestors are found in constant time, however deep the map: each node is
    entered, and left after all it holds, ``spans[id] = (entered, left)``.
    """

    __slots__ = ("depths", "drawn", "rebuts", "spans")

    def __init__(self, nodes: tuple[Node, ...], index: dict[str, int]) -> None:
        below: dict[str, list[str]] = {node.id: [] for node in nodes}
        for node in nodes:
            if node.parent is not None:
                below[node.parent].append(node.id)
        self.depths: dict[str, int] = {}
        self.drawn: set[str] = set()
        """The conclusions and what sits under them."""
        self.spans: dict[str, tuple[int, int]] = {}
        attacks: set[str] = set()  # objections and rebuttals of a claim that is no attack
        self.rebuts: set[str] = set()
        """Objections and rebuttals that attack an attack: rebuttals, as drawn."""
        clock = 0
        stack: list[tuple[str, int]] = [(nodes[0].id, 0)]  # the thesis; -1: leaving
        while stack:
            node_id, depth = stack.pop()
            if depth < 0:
                self.spans[node_id] = (self.spans[node_id][0], clock)
                continue
            node = nodes[index[node_id]]
            if node.kind is NodeKind.CONCLUSION or node.parent in self.drawn:
                self.drawn.add(node_id)
            if node.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL):
                (self.rebuts if node.parent in attacks else attacks).add(node_id)
            self.depths[node_id], self.spans[node_id] = depth, (clock, clock)
            clock += 1
            stack.append((node_id, -1))
            stack.extend((kid, depth + 1) for kid in reversed(below[node_id]))


class ArgumentMap(Record):
    """A whole argument map: metadata plus nodes in document order, thesis first.

    The file is a tree for writing; this model is a DAG for reasoning. Each node
    names its tree parent and relation, and may carry cross-links to other nodes.
    Construction checks every structural rule (see :func:`structure_problems`).
    In a notebook, a map shows itself as its diagram.
    """

    title: Text
    description: str | None = None
    source: SourceDocument | None = None
    sources: dict[str, Outlet] = Field(default_factory=dict)
    nodes: tuple[Node, ...]

    _lookups: _Lookups = PrivateAttr(default_factory=_Lookups)

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

    def _lookup(self) -> _Lookups:
        """The id index and child lists of the nodes, built on first use."""
        lookups: _Lookups = self.__pydantic_private__["_lookups"]  # type: ignore[index]
        if lookups.nodes is not self.nodes:  # not built yet, or copied with other nodes
            lookups.build(self.nodes)
        return lookups

    def _repr_svg_(self) -> str:
        """Return the map's diagram as SVG text: Jupyter shows a map this way.

        The ``svg`` format's drawing, with the fonts it embeds; its text set-up is kept to
        this drawing (the notebook's other SVG text keeps its kerning and ligatures).
        """
        from argmap.analysis.standing import analyze
        from argmap.exporters.diagram.formats import render_svg
        from argmap.exporters.diagram.webfonts import embed_fonts, map_words

        drawn = render_svg(self, analyze(self))  # its right-to-left lines set so
        return embed_fonts(drawn, map_words(self), scope="argmap-diagram")

    @property
    def thesis(self) -> Node:
        """The root claim."""
        return self.nodes[0]

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._lookup().index

    def __len__(self) -> int:
        return len(self.nodes)

    def get(self, node_id: str) -> Node:
        """Return the node with this id.

        Raises:
            KeyError: no node has that id.
        """
        return self.nodes[self._lookup().index[node_id]]

    def position(self, node_id: str) -> int:
        """Return the node's index in document order."""
        return self._lookup().index[node_id]

    def children(self, node_id: str) -> list[Node]:
        """Return the node's tree children in document order."""
        return [self.get(child) for child in self._lookup().children[node_id]]

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
        """Return how many tree edges separate the node from the thesis (counted once)."""
        return self._tree().depths[node_id]

    def is_ancestor(self, ancestor_id: str, node_id: str) -> bool:
        """Return whether ``ancestor_id`` is among the node's tree ancestors (constant time)."""
        spans = self._tree().spans
        (entered, left), (start, end) = spans[ancestor_id], spans[node_id]
        return entered < start and end <= left

    def rebuts(self, node_id: str) -> bool:
        """Return whether the node attacks an attack (in constant time).

        Along a chain of attacks the sides alternate: an objection to an objection is a
        rebuttal, an objection to that rebuttal an objection again, and so on down.
        """
        return node_id in self._tree().rebuts

    def under_conclusion(self, node_id: str) -> bool:
        """Return whether the node is a conclusion or sits under one (in constant time)."""
        return node_id in self._tree().drawn

    def _tree(self) -> _TreeIndex:
        """Depths, spans and the conclusions' sides, built on first use."""
        lookups = self._lookup()
        if lookups.tree is None:
            lookups.tree = _TreeIndex(self.nodes, lookups.index)
        return lookups.tree

    def walk(self, root: str | None = None, max_depth: int | None = None) -> Iterator[Node]:
        """Yield the subtree under ``root`` (default: the thesis) in document order.

        Args:
            root: id of the node to start from.
            max_depth: stop this many levels below ``root`` (None: no limit).
        """
        for node, _level in self.walk_levels(root, max_depth):
            yield node

    def walk_levels(
        self,
        root: str | None = None,
        max_depth: int | None = None,
        prune: Callable[[Node], bool] | None = None,
    ) -> Iterator[tuple[Node, int]]:
        """Like :meth:`walk`, yielding ``(node, levels below root)`` pairs.

        A node ``prune`` says yes to is yielded without its branch.
        """
        start = self.thesis.id if root is None else self.get(root).id
        children = self._lookup().children
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node_id, level = stack.pop()
            node = self.get(node_id)
            yield node, level
            if (max_depth is not None and level >= max_depth) or (prune and prune(node)):
                continue
            kids = children[node_id]
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

    def cross_links_to(self, node_id: str) -> list[tuple[str, Relation]]:
        """Return the cross-links into ``node_id``: ``(source id, relation)``, in file order.

        Indexed once for the map, so asking for every node costs one pass over its links.
        """
        lookups = self._lookup()
        if lookups.links_to is None:
            found: dict[str, list[tuple[str, Relation]]] = {}
            for node in self.nodes:
                for link in node.links:
                    found.setdefault(link.to, []).append((node.id, link.relation))
            lookups.links_to = found
        return lookups.links_to.get(node_id, [])

    def incoming(self, node_id: str) -> list[tuple[Node, Relation, bool]]:
        """Return every node that bears on ``node_id``: ``(node, relation, is_cross_link)``."""
        return [
            (source, relation, cross)
            for source, target, relation, cross in self.edges()
            if target.id == node_id
        ]
