"""Node views: everything the HTML templates show about one node, built once per node."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind, elided_chain, focus_chain
from argmap.exporters.html.cutlinks import LINK_LABELS, Cut, cut_links, cutters
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.model.vocabulary import KIND_LABELS
from argmap.options import RenderOptions
from argmap.safetext import safe_url

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = ["CrossLink", "NodeView", "NodeViews"]

OPEN_LEVELS: Final = 3
"""Outline levels whose ``<details>`` start open (all open when printed)."""
INDENT_LEVELS: Final = 6
"""Outline levels indented a step each; deeper entries line up under the last of them and
name their level, so a deep map's statements keep the page's width (at 120 levels each
indented, a statement had 10 pixels of a 1,280-pixel window)."""

KIND_ICONS: Final[Mapping[NodeKind, str]] = {
    NodeKind.THESIS: "★",
    NodeKind.PREMISE: "+",
    NodeKind.EVIDENCE: "§",
    NodeKind.OBJECTION: "−",
    NodeKind.REBUTTAL: "↩",
    NodeKind.CONCLUSION: "∴",
}
"""A glyph per kind, shown beside the word."""

UNDERCUT_ICON: Final = "⊘"

STANDING_LABELS: Final[Mapping[str, str]] = {
    "in": "stands",
    "out": "defeated",
    "undecided": "undecided",
}
"""Badge words for the analysis' grounded standing (``in``, ``out``, ``undecided``)."""

_FATES: Final = {"in": "undercut", "out": "defeated"}
"""How an answer fares that answers nothing, by its own standing."""


@dataclass(frozen=True, slots=True)
class CrossLink:
    """A cross-link shown on an outline entry: the relation word and the other node."""

    relation: str
    other: str
    outgoing: bool


@dataclass(frozen=True, slots=True)
class NodeView:
    """Everything the templates show about one node (exercise blanking already applied)."""

    id: str
    kind: str
    kind_label: str
    icon: str
    text: str | None
    quote: str | None
    citation: str | None
    citation_url: str | None
    source_name: str | None
    source_url: str | None
    basis: str | None
    author: str | None
    added: str | None
    tags: tuple[str, ...]
    strength: str | None
    note: str | None
    relation: str | None
    target: str | None
    link_target: str | None
    group: str | None
    cross_links: tuple[CrossLink, ...]
    level: int
    nest: int
    """Its nesting in the outline: its level, less the claims a deep focus leaves out above
    it (see :func:`~argmap.analysis.view.elided_chain`)."""
    open: bool
    has_children: bool
    flat: bool
    answered: bool
    answers: str
    """Why no answer stands, for the summary's list: ``no answer yet``, or how its answers
    fare (``its answer is undercut``: it stands, but its attack does not); empty otherwise."""
    standing: str | None
    standing_label: str | None
    blank_lines: int = 0
    """A worksheet's blank: the ruled lines left for the statement (0: the text is shown)."""
    target_listed: bool = True
    """What it bears on is listed on the page (not among the claims a deep focus leaves out)."""
    cut: Cut | None = None
    """Its link to its parent when that does not stand while it does (as ``--status`` draws
    it, ``in-link-out``): the link's standing and what cuts it; None otherwise."""

    @property
    def deep(self) -> bool:
        """Below the indented levels: drawn under its parent, naming its level."""
        return self.nest > INDENT_LEVELS

    @property
    def deep_children(self) -> bool:
        """Its children are below the indented levels (their list is not indented)."""
        return self.nest >= INDENT_LEVELS


def _incoming(
    nodes: tuple[Node, ...], by_id: Mapping[str, Node], left_out: frozenset[str]
) -> dict[str, list[tuple[Node, Relation, bool]]]:
    """Per node id, what bears on it, in the order of :meth:`ArgumentMap.edges`.

    Nodes ``left_out`` of the page (see :attr:`NodeViews.elided`) bear on nothing listed.
    """
    out: dict[str, list[tuple[Node, Relation, bool]]] = {n.id: [] for n in nodes}
    for node in nodes:
        if node.id in left_out:
            continue
        if node.parent is not None and node.relation is not None:
            out[by_id[node.parent].id].append((node, node.relation, False))
        for link in node.links:
            out[by_id[link.to].id].append((node, link.relation, True))
    return out


def _levels(root: str, kids: Mapping[str, list[str]]) -> dict[str, int]:
    """Each node's level below ``root``, walked iteratively."""
    levels = {root: 0}
    stack = [root]
    while stack:
        node_id = stack.pop()
        below = levels[node_id] + 1
        for kid in kids[node_id]:
            levels[kid] = below
            stack.append(kid)
    return levels


class NodeViews:
    """Builds :class:`NodeView` records for one map and one set of options."""

    def __init__(self, m: ArgumentMap, analysis: Analysis, options: RenderOptions) -> None:
        self.m = m
        self.exercise = options.exercise
        self.sheet = options.sheet
        self.hide = options.hide
        # The map's index in plain dicts: the page looks nodes up a few times each.
        self.by_id: dict[str, Node] = {node.id: node for node in m.nodes}
        # A focus's page lists the claims above it open, as its context; of a long chain, the
        # thesis and the nearest only (a worksheet's as given statements).
        chain = focus_chain(m, options) if options.focus in m else []
        self.context = frozenset(chain)
        self.left_out = elided_chain(m, options, chain)
        """The claims above a deep focus the page leaves out, the nearest the focus first."""
        self.elided = frozenset(self.left_out)
        self._root_level = len(chain)
        self.kids: dict[str, list[str]] = {node.id: [] for node in m.nodes}
        for node in m.nodes:
            # A conclusion is drawn from its parent, not a reason for it: not a child.
            if node.parent in self.kids and node.kind is not NodeKind.CONCLUSION:
                self.kids[node.parent].append(node.id)
        # Per node id: every node bearing on it, by which relation, and whether by a link.
        self.incoming = _incoming(m.nodes, self.by_id, self.elided)
        # Standing is a fact about the whole argument, even when the page shows a part.
        self.standing = {node_id: value.value for node_id, value in analysis.standing.items()}
        self.unanswered = frozenset(analysis.unanswered)
        self.analysis = analysis
        self.links = cut_links(analysis)  # the nodes that stand while their link does not
        if self.sheet is not None and "standing" not in options.keep:
            self.standing, self.unanswered = {}, frozenset()  # a worksheet evaluates nothing
            self.links = {}
        self.levels = _levels(m.thesis.id, self.kids)
        self._cache: dict[tuple[str, bool], NodeView] = {}

    def listed(self, nodes: Iterable[Node]) -> Iterator[Node]:
        """The nodes the page lists: all but the claims a deep focus leaves out."""
        return (node for node in nodes if node.id not in self.elided)

    def children(self, node_id: str) -> list[Node]:
        """The node's tree children in document order."""
        return [self.by_id[kid] for kid in self.kids[node_id]]

    def walk(self, root: str) -> list[Node]:
        """The subtree under ``root`` in document order (as :meth:`ArgumentMap.walk`)."""
        out: list[Node] = []
        stack = [root]
        while stack:
            node_id = stack.pop()
            out.append(self.by_id[node_id])
            stack.extend(reversed(self.kids[node_id]))
        return out

    def answered(self, node: Node) -> bool:
        """Whether an objection or rebuttal has an answer that stands (per the analysis)."""
        return node.id not in self.unanswered

    def answers(self, node: Node) -> str:
        """Why no answer of an unanswered node stands (see :attr:`NodeView.answers`)."""
        if node.id not in self.unanswered:
            return ""
        fates = [
            # An answer that stands, of a node still unanswered: its attack is undercut.
            _FATES.get(self.standing.get(src.id, ""), "undecided")
            for src, rel, _cross in self.incoming[node.id]
            if rel is not Relation.SUPPORTS and src.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL)
        ]
        if not fates:
            return "no answer yet"
        said = " or ".join(fate for fate in ("defeated", "undercut", "undecided") if fate in fates)
        return f"its answer is {said}" if len(fates) == 1 else f"its answers are {said}"

    def view(self, node: Node, *, flat: bool = False) -> NodeView:
        """Return the node's view (``flat``: listed below the nesting cap), built once."""
        key = (node.id, flat)
        if key not in self._cache:
            self._cache[key] = self._build(node, flat)
        return self._cache[key]

    def _bearing(self, node: Node) -> tuple[str | None, str | None, str | None]:
        """How the node bears on its parent: relation, target, and an undercut's link end."""
        if node.parent is not None and node.relation is not None:
            if node.relation is not Relation.UNDERCUTS:
                return node.relation.value, node.parent, None
            parent = self.by_id[node.parent]
            if parent.kind is NodeKind.CONCLUSION:  # the step into a conclusion runs upwards
                return node.relation.value, parent.parent, node.parent
            return node.relation.value, node.parent, parent.parent
        if node.kind is NodeKind.CONCLUSION:
            return "drawn from", node.parent, None
        return None, None, None

    def _cross_links(self, node: Node) -> tuple[CrossLink, ...]:
        """The node's links and the links to it, but those of claims the page leaves out."""
        out = [
            CrossLink(link.relation.value, link.to, True)
            for link in node.links
            if link.to not in self.elided
        ]
        out += [
            CrossLink(rel.value, src.id, False)
            for src, rel, is_cross in self.incoming[node.id]
            if is_cross
        ]
        return tuple(out)

    def _place(self, node: Node) -> tuple[int, int, bool]:
        """The node's level, its nesting in the outline, and whether its entry starts open.

        Open: the first :data:`OPEN_LEVELS` levels from the thesis, or from a focus (the
        claims above a focus too, down to it); every entry of a worksheet.
        """
        level = self.levels.get(node.id, 0)
        nest = level - len(self.elided) if level > len(self.elided) else level
        below = level - self._root_level < OPEN_LEVELS
        return level, nest, below or node.id in self.context or self.sheet is not None

    def _cut(self, view: NodeView, node: Node) -> NodeView:
        """The view of a node that stands while its link does not: its badge says so.

        A label sheet asks what each statement does: a worksheet names no undercutter.
        """
        link = self.links[node.id]
        by = () if self.sheet is not None else cutters(node, link, self.incoming, self.analysis)
        return replace(view, standing_label=LINK_LABELS[link], cut=Cut(link, by))

    def _build(self, node: Node, flat: bool) -> NodeView:
        m = self.m
        outlet = m.sources.get(node.source) if node.source is not None else None
        undercut = node.relation is Relation.UNDERCUTS
        kind = draw_kind(m, node)  # as the diagram shows it: an objection's objection rebuts
        relation, target, link_target = self._bearing(node)
        level, nest, is_open = self._place(node)
        citation = node.citation
        blank = self.exercise and self.sheet is None  # an exercise made without a worksheet
        lines = 0
        if self.sheet is not None and not self.sheet.answers:
            lines = self.sheet.blanks.get(node.id, 0)
            blank = lines > 0
        view = NodeView(
            id=node.id,
            kind=kind.value,
            kind_label=("Undercutter" if undercut else KIND_LABELS[kind]),
            icon=UNDERCUT_ICON if undercut else KIND_ICONS[kind],
            text=None if blank else node.text,
            quote=None if blank or "quotes" in self.hide else node.quote,
            citation=None if citation is None else citation.label(),
            citation_url=None if citation is None else safe_url(citation.locator),
            source_name=None if outlet is None else outlet.name,
            source_url=None if outlet is None else safe_url(outlet.url),
            basis=None if node.basis is None else node.basis.value.replace("-", " "),
            author=node.author,
            added=None if node.added is None else node.added.isoformat(),
            tags=node.tags,
            strength=None if node.strength is None else node.strength.value,
            note=None if blank else node.note,
            relation=relation,
            target=target,
            link_target=link_target,
            group=node.group,
            cross_links=self._cross_links(node),
            level=level,
            nest=nest,
            open=is_open,
            has_children=bool(self.kids[node.id]),
            flat=flat,
            answered=self.answered(node),
            answers=self.answers(node),
            standing=self.standing.get(node.id),
            standing_label=STANDING_LABELS.get(self.standing.get(node.id, ""), None),
            blank_lines=lines,
            target_listed=target not in self.elided and link_target not in self.elided,
        )
        if node.id in self.links:
            view = self._cut(view, node)
        if self.sheet is not None and self.sheet.hides_kinds:
            given = kind in (NodeKind.THESIS, NodeKind.CONCLUSION) or node.group is not None
            return _kinds_hidden(view, given=given)
        return view


def _kinds_hidden(view: NodeView, *, given: bool) -> NodeView:
    """A label worksheet's view of a node: nothing names its kind or its arrow's relation.

    ``given``: the sheet says the kind anyway, so it is shown, not asked: the thesis and
    conclusions (a conclusion's position, ``C1``, says it) and a linked group's premises
    (only reasons are linked, and their group's caption says so). Only the relations of
    what bears on them are hidden.
    """
    if given:
        return replace(view, cross_links=_relations_hidden(view.cross_links))
    return replace(
        view,
        kind="statement",
        kind_label="kind: ________",
        icon="?",
        relation=None if view.relation is None else "to",
        # An arrow that ends on an arrow is drawn so: the outline says which, not what it does.
        link_target=view.link_target if view.relation == "undercuts" else None,
        cross_links=_relations_hidden(view.cross_links),
    )


def _relations_hidden(links: tuple[CrossLink, ...]) -> tuple[CrossLink, ...]:
    """Cross-links that say "to", not supports or attacks (a label worksheet's)."""
    return tuple(replace(c, relation="to") for c in links)
