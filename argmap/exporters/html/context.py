"""The HTML page's template context: typed views of nodes, outline events and summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, Literal, TypedDict

from argmap.analysis.view import draw_kind
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.options import RenderOptions
from argmap.safetext import safe_url

if TYPE_CHECKING:
    from markupsafe import Markup

    from argmap.analysis.standing import Analysis

__all__ = [
    "MAX_NESTING",
    "AnswerContext",
    "Assets",
    "NodeView",
    "NodeViews",
    "OutlineEvent",
    "PageContext",
    "answer_context",
    "document_view",
    "page_context",
    "safe_url",
]

MAX_NESTING: Final = 120
"""Outline levels nested in the page; deeper nodes are listed flat under the last level.

Browsers stop nesting elements at a few hundred levels, so a very deep map would
otherwise lose its shape; a flat continuation keeps every node and names its parent.
"""

OPEN_LEVELS: Final = 3
"""Outline levels whose ``<details>`` start open (all open when printed)."""

KIND_LABELS: Final[Mapping[NodeKind, str]] = {
    NodeKind.THESIS: "Thesis",
    NodeKind.PREMISE: "Premise",
    NodeKind.EVIDENCE: "Evidence",
    NodeKind.OBJECTION: "Objection",
    NodeKind.REBUTTAL: "Rebuttal",
}
"""The word shown for each kind: colour is never the only signal."""

KIND_ICONS: Final[Mapping[NodeKind, str]] = {
    NodeKind.THESIS: "★",
    NodeKind.PREMISE: "+",
    NodeKind.EVIDENCE: "§",
    NodeKind.OBJECTION: "−",
    NodeKind.REBUTTAL: "↩",
}
"""A glyph per kind, shown beside the word."""

UNDERCUT_ICON: Final = "⊘"

STANDING_LABELS: Final[Mapping[str, str]] = {
    "in": "stands",
    "out": "defeated",
    "undecided": "undecided",
}
"""Badge words for the analysis' grounded standing (``in``, ``out``, ``undecided``)."""


@dataclass(frozen=True)
class CrossLink:
    """A cross-link shown on an outline entry: the relation word and the other node."""

    relation: str
    other: str
    outgoing: bool


@dataclass(frozen=True)
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
    open: bool
    has_children: bool
    flat: bool
    answered: bool
    attacked: bool
    standing: str | None
    standing_label: str | None


@dataclass(frozen=True)
class OutlineEvent:
    """One step of the outline: open or close an entry or a joint-reason group.

    The templates render these in a loop, so the page's nesting costs no template
    recursion however deep the map is.
    """

    type: Literal["open", "close", "group-open", "group-close"]
    node: NodeView | None = None
    group: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class Counterpoint:
    """An objection against a claim, with the rebuttals answering it."""

    node: NodeView
    answers: tuple[NodeView, ...]
    undercuts: str | None


@dataclass(frozen=True)
class ClaimCase:
    """The for/against view of one claim."""

    claim: NodeView
    pros: tuple[NodeView, ...]
    cons: tuple[Counterpoint, ...]


@dataclass(frozen=True)
class SourceEntry:
    """An outlet the document cites, with the nodes citing it."""

    key: str
    name: str
    url: str | None
    note: str | None
    nodes: tuple[NodeView, ...]


@dataclass(frozen=True)
class DocumentView:
    """The source document's header fields (its URL only when http(s))."""

    title: str
    publication: str | None
    volume: str | None
    issue: str | None
    date: str | None
    author: str | None
    url: str | None
    url_text: str | None


@dataclass(frozen=True)
class KindCount:
    """How many nodes of one kind the map has, with the phrase shown (``3 premises``)."""

    kind: str
    label: str
    count: int
    phrase: str


class Assets(TypedDict):
    """The inlined stylesheet and script, and the Content-Security-Policy allowing them."""

    css: Markup
    js: Markup
    csp: str


class PageContext(Assets):
    """The context of ``outline.html``."""

    title: str
    description: str | None
    document: DocumentView | None
    theme: str
    exercise: bool
    thesis: NodeView
    events: list[OutlineEvent]
    cases: list[ClaimCase]
    sources: list[SourceEntry]
    kind_counts: list[KindCount]
    authors: list[tuple[str, list[NodeView]]]
    unanswered: list[NodeView]
    svg: Markup | None
    diagram_note: str | None
    has_standing: bool
    node_count: int
    view_note: str | None


class AnswerContext(Assets):
    """The context of ``answers.html``: the exercise's answer key."""

    title: str
    description: str | None
    document: DocumentView | None
    theme: str
    exercise: bool
    nodes: list[NodeView]


def _kind_counts(m: ArgumentMap) -> list[KindCount]:
    counts = Counter(draw_kind(m, node) for node in m.nodes)
    out: list[KindCount] = []
    for kind in NodeKind:
        n = counts[kind]
        word = KIND_LABELS[kind].lower()
        if n != 1 and kind is not NodeKind.EVIDENCE:
            word = "theses" if kind is NodeKind.THESIS else word + "s"
        out.append(KindCount(kind.value, KIND_LABELS[kind], n, f"{n} {word}"))
    return out


def _incoming(m: ArgumentMap) -> dict[str, list[tuple[Node, Relation, bool]]]:
    out: dict[str, list[tuple[Node, Relation, bool]]] = {n.id: [] for n in m.nodes}
    for source, target, relation, cross in m.edges():
        out[target.id].append((source, relation, cross))
    return out


class NodeViews:
    """Builds :class:`NodeView` records for one map and one set of options."""

    def __init__(self, m: ArgumentMap, analysis: Analysis, options: RenderOptions) -> None:
        self.m = m
        self.exercise = options.exercise
        self.hide = options.hide
        self.incoming = _incoming(m)
        # Standing is a fact about the whole argument, even when the page shows a part.
        self.standing = {node_id: value.value for node_id, value in analysis.standing.items()}
        self.unanswered = frozenset(analysis.unanswered)
        self.levels = {node.id: level for node, level in m.walk_levels()}
        self._cache: dict[tuple[str, bool], NodeView] = {}

    def answered(self, node: Node) -> bool:
        """Whether an objection or rebuttal has an answer that stands (per the analysis)."""
        return node.id not in self.unanswered

    def rebutted(self, node: Node) -> bool:
        """Whether anything attacks this node at all (standing or not)."""
        return any(
            rel is not Relation.SUPPORTS and src.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL)
            for src, rel, _cross in self.incoming[node.id]
        )

    def view(self, node: Node, *, flat: bool = False) -> NodeView:
        """Return the node's view (``flat``: listed below the nesting cap), built once."""
        key = (node.id, flat)
        if key not in self._cache:
            self._cache[key] = self._build(node, flat)
        return self._cache[key]

    def _build(self, node: Node, flat: bool) -> NodeView:
        m = self.m
        outlet = m.sources.get(node.source) if node.source is not None else None
        undercut = node.relation is Relation.UNDERCUTS
        kind = draw_kind(m, node)  # as the diagram shows it: an objection's objection rebuts
        relation = target = link_target = None
        if node.parent is not None and node.relation is not None:
            target = node.parent
            relation = node.relation.value
            if undercut:
                link_target = m.get(node.parent).parent
        cross = [CrossLink(link.relation.value, link.to, True) for link in node.links]
        cross += [
            CrossLink(rel.value, src.id, False)
            for src, rel, is_cross in self.incoming[node.id]
            if is_cross
        ]
        level = self.levels.get(node.id, 0)
        citation = node.citation
        blank = self.exercise
        return NodeView(
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
            cross_links=tuple(cross),
            level=level,
            open=level < OPEN_LEVELS,
            has_children=bool(m.children(node.id)),
            flat=flat,
            answered=self.answered(node),
            attacked=self.rebutted(node),
            standing=self.standing.get(node.id),
            standing_label=STANDING_LABELS.get(self.standing.get(node.id, ""), None),
        )


def _events(m: ArgumentMap, views: NodeViews) -> list[OutlineEvent]:
    """Flatten the tree into open/close events (iterative: any depth works)."""
    events: list[OutlineEvent] = []
    # Stack items: (step, node id, level); a group step names the group by a member.
    stack: list[tuple[str, str, int]] = [("node", m.thesis.id, 0)]
    while stack:
        what, ident, level = stack.pop()
        if what == "close":
            events.append(OutlineEvent("close", node=views.view(m.get(ident))))
            continue
        if what == "group-open":
            member = m.get(ident)
            events.append(OutlineEvent("group-open", group=member.group, parent=member.parent))
            continue
        if what == "group-close":
            events.append(OutlineEvent("group-close", group=m.get(ident).group))
            continue
        node = m.get(ident)
        events.append(OutlineEvent("open", node=views.view(node)))
        if level >= MAX_NESTING:
            for deeper in list(m.walk(ident))[1:]:
                flat_view = views.view(deeper, flat=True)
                events.append(OutlineEvent("open", node=flat_view))
                events.append(OutlineEvent("close", node=flat_view))
            events.append(OutlineEvent("close", node=views.view(node)))
            continue
        stack.append(("close", ident, level))
        pushed: list[tuple[str, str, int]] = []
        kids = m.children(ident)
        for i, kid in enumerate(kids):
            before = kids[i - 1].group if i else None
            after = kids[i + 1].group if i + 1 < len(kids) else None
            if kid.group is not None and kid.group != before:
                pushed.append(("group-open", kid.id, level))
            pushed.append(("node", kid.id, level + 1))
            if kid.group is not None and kid.group != after:
                pushed.append(("group-close", kid.id, level))
        stack.extend(reversed(pushed))
    return events


def _cases(m: ArgumentMap, views: NodeViews) -> list[ClaimCase]:
    claims = (NodeKind.THESIS, NodeKind.PREMISE, NodeKind.OBJECTION, NodeKind.REBUTTAL)
    undercutters: dict[str, list[tuple[Node, str]]] = {}
    for source, target, relation, _cross in m.edges():
        if relation is Relation.UNDERCUTS and target.parent is not None:
            undercutters.setdefault(target.parent, []).append((source, target.id))
    cases: list[ClaimCase] = []
    for node in m.walk():
        if node.kind not in claims:
            continue
        pros: list[NodeView] = []
        cons: list[Counterpoint] = []
        for source, relation, _cross in views.incoming[node.id]:
            if relation is Relation.SUPPORTS:
                pros.append(views.view(source))
            elif relation is Relation.ATTACKS:
                cons.append(Counterpoint(views.view(source), _answers(source, views), None))
        for source, link_from in undercutters.get(node.id, []):
            cons.append(Counterpoint(views.view(source), _answers(source, views), link_from))
        if pros or cons:
            cases.append(ClaimCase(views.view(node), tuple(pros), tuple(cons)))
    return cases


def _answers(objection: Node, views: NodeViews) -> tuple[NodeView, ...]:
    return tuple(
        views.view(src)
        for src, rel, _cross in views.incoming[objection.id]
        if rel is not Relation.SUPPORTS
    )


def _sources(m: ArgumentMap, views: NodeViews) -> list[SourceEntry]:
    cited: dict[str, list[NodeView]] = {}
    names: dict[str, str] = {}
    for node in m.nodes:
        if node.source is not None:
            key = node.source
            names[key] = m.sources[key].name
        elif node.citation is not None:
            key = "citation:" + node.citation.outlet
            names[key] = node.citation.outlet
        else:
            continue
        cited.setdefault(key, []).append(views.view(node))
    out: list[SourceEntry] = []
    for key, outlet in m.sources.items():
        out.append(
            SourceEntry(
                key, outlet.name, safe_url(outlet.url), outlet.note, tuple(cited.get(key, ()))
            )
        )
    for key in sorted(k for k in cited if k.startswith("citation:")):
        out.append(SourceEntry(key, names[key], None, None, tuple(cited[key])))
    return out


def document_view(m: ArgumentMap) -> DocumentView | None:
    """Return the source document's header fields, or None when the map names none."""
    doc = m.source
    if doc is None:
        return None
    url = safe_url(doc.url)
    return DocumentView(
        title=doc.title,
        publication=doc.publication,
        volume=None if doc.volume is None else str(doc.volume),
        issue=None if doc.issue is None else str(doc.issue),
        date=doc.date,
        author=doc.author,
        url=url,
        url_text=doc.url if url is None else None,
    )


def page_context(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions,
    assets: Assets,
    svg: Markup | None = None,
    diagram_note: str | None = None,
    whole: ArgumentMap | None = None,
) -> PageContext:
    """Return the template context of the outline page.

    Args:
        m: the map, or the part of it the page shows (see :func:`argmap.analysis.view.submap`).
        analysis: the whole map's analysis: standing is a fact about the whole argument.
        options: render options (``exercise`` blanks node texts, ``theme`` picks colours).
        assets: the inlined stylesheet and script with their security policy.
        svg: the inline diagram, already sanitised.
        diagram_note: why the diagram is missing, shown in its place.
        whole: the whole map when ``m`` is a part of it.

    Returns:
        Everything ``outline.html`` shows, in document order.
    """
    views = NodeViews(m, analysis, options)
    by_author: dict[str, list[NodeView]] = {}
    for node in m.nodes:
        if node.author is not None:
            by_author.setdefault(node.author, []).append(views.view(node))
    # The same objections as the "only unanswered objections" filter and the badges: no
    # answer stands against them (none was given, or every answer was itself defeated).
    unanswered = [
        views.view(node)
        for node in m.nodes
        if draw_kind(m, node) is NodeKind.OBJECTION and not views.answered(node)
    ]
    return PageContext(
        **assets,
        title=m.title,
        description=m.description,
        document=document_view(m),
        theme=options.theme,
        exercise=options.exercise,
        thesis=views.view(m.thesis),
        events=_events(m, views),
        cases=_cases(m, views),
        sources=_sources(m, views),
        kind_counts=_kind_counts(m),
        authors=sorted(by_author.items()),
        unanswered=unanswered,
        svg=svg,
        diagram_note=diagram_note,
        has_standing=bool(views.standing),
        node_count=len(m),
        view_note=_view_note(options, whole, m),
    )


def _view_note(
    options: RenderOptions, whole: ArgumentMap | None, shown: ArgumentMap
) -> str | None:
    """Say what part of the map the page shows, when it leaves nodes out."""
    if whole is None or len(whole) == len(shown):
        return None
    parts = []
    if options.focus is not None:
        parts.append(f"the branch under {options.focus!r}")
    if options.depth is not None:
        parts.append(f"{options.depth} level{'s' if options.depth != 1 else ''} deep")
    hidden = sorted(options.hide & {"evidence", "reviewers"})
    if hidden:
        parts.append(
            "without "
            + " or ".join("evidence" if h == "evidence" else "reviewers' nodes" for h in hidden)
        )
    what = ", ".join(parts) or "a part of the map"
    return f"This page shows {len(shown)} of the map's {len(whole)} nodes: {what}."


def answer_context(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions, assets: Assets
) -> AnswerContext:
    """Return the template context of the answer key: every node with its text.

    Args:
        m: the map.
        analysis: the map's analysis.
        options: render options (only ``theme`` matters here).
        assets: the inlined stylesheet with its security policy.
    """
    views = NodeViews(m, analysis, replace(options, exercise=False))
    return AnswerContext(
        **assets,
        title=m.title,
        description=m.description,
        document=document_view(m),
        theme=options.theme,
        exercise=False,
        nodes=[views.view(node) for node in m.walk()],
    )
