"""The page's summaries: document header, sources cited, counts by kind, authors, open points."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, NamedTuple

from markupsafe import Markup, escape

from argmap.analysis.view import draw_kind
from argmap.exporters.html.cutlinks import undercut_ends
from argmap.exporters.html.nodeview import NodeView, NodeViews
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.model.vocabulary import KIND_LABELS, kind_count
from argmap.options import RenderOptions
from argmap.safetext import safe_url

__all__ = [
    "DocumentView",
    "KindCount",
    "SourceEntry",
    "Unanswered",
    "authors",
    "document_view",
    "kind_counts",
    "source_entries",
    "unanswered_objections",
    "view_note",
]


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
class SourceEntry:
    """An outlet the document cites, with the nodes citing it."""

    key: str
    name: str
    url: str | None
    note: str | None
    nodes: tuple[NodeView, ...]


@dataclass(frozen=True)
class KindCount:
    """How many nodes of one kind the map has, with the phrase shown (``3 premises``)."""

    kind: str
    label: str
    count: int
    phrase: str


class Unanswered(NamedTuple):
    """An objection with no standing answer, with what it attacks (by the tree, then links)."""

    node: NodeView
    attacks: Markup
    """What it attacks, as the list prints it: ``attacks the thesis ID``, ``attacks the link
    from ID to ID``, then ``; also attacks ...`` for its links; each id escaped, and linked
    to its entry where the page lists it."""


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


def source_entries(m: ArgumentMap, views: NodeViews) -> list[SourceEntry]:
    """Return the outlets cited, each with the nodes citing it.

    The map's named sources come first, in the file's order (even those no node cites);
    then the outlets only citations name, sorted.
    """
    cited: dict[str, list[NodeView]] = {}
    names: dict[str, str] = {}
    for node in views.listed(m.nodes):
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


def kind_counts(m: ArgumentMap, views: NodeViews) -> list[KindCount]:
    """Return how many nodes of each kind the page lists, as drawn, in the order of the kinds."""
    counts = Counter(draw_kind(m, node) for node in views.listed(m.nodes))
    out: list[KindCount] = []
    for kind in NodeKind:
        n = counts[kind]
        if not n and kind is NodeKind.CONCLUSION:
            continue  # a kind most maps never use: listed only where drawn
        out.append(KindCount(kind.value, KIND_LABELS[kind], n, kind_count(kind, n)))
    return out


def authors(m: ArgumentMap, views: NodeViews) -> list[tuple[str, list[NodeView]]]:
    """Return each author who signed nodes, sorted by name, with the nodes they signed."""
    by_author: dict[str, list[NodeView]] = {}
    for node in views.listed(m.nodes):
        if node.author is not None:
            by_author.setdefault(node.author, []).append(views.view(node))
    return sorted(by_author.items())


def unanswered_objections(m: ArgumentMap, views: NodeViews) -> list[Unanswered]:
    """Return the objections against which no answer stands, each with what it attacks.

    The same objections as the "only unanswered objections" filter and the badges: none
    was answered, or every answer was itself defeated. The most at stake first, as
    ``argmap stats`` lists them (see :func:`~argmap.analysis.stakes.stake`): those
    attacking the thesis itself (by the tree or by a link), then those undercutting a link
    into it, then the rest, the nearer the thesis the sooner, equals in the file's order.
    """
    from argmap.analysis.stakes import stake

    thesis = m.thesis.id
    key = stake(m)
    listed = [
        node
        for node in views.listed(m.nodes)
        if draw_kind(m, node) is NodeKind.OBJECTION and not views.answered(node)
    ]
    return [
        Unanswered(views.view(node), _attacks(node, views, thesis))
        for node in sorted(listed, key=key)
    ]


_LEADS: Final[Mapping[tuple[bool, bool, bool], str]] = {
    (also, link, on_thesis): ("; also " if also else "")
    + ("attacks the link from " if link else "attacks ")
    + ("the thesis " if on_thesis else "")
    for also in (False, True)
    for link in (False, True)
    for on_thesis in (False, True)
}
"""A target's words before its claim: by whether another target comes before it, whether
it is a link (an undercut's), and whether the claim is the thesis."""


def _attacks(node: Node, views: NodeViews, thesis: str) -> Markup:
    """What an objection attacks, as HTML.

    Its parent (or the link into it), then its links' targets. Made here in one piece, not
    by the template in a dozen (a big map lists thousands), every id escaped as the
    template would escape it.
    """
    bears = [(node.relation, node.parent)] if node.parent is not None else []
    bears += [(link.relation, link.to) for link in node.links]
    left_out = views.elided
    parts: list[str] = []
    for relation, target in bears:
        if relation is Relation.UNDERCUTS:
            claim, to = undercut_ends(views.by_id, target)
        elif relation is Relation.ATTACKS:
            claim, to = target, None
        else:
            continue  # an objection's support of a claim is no attack
        here = to is None and claim == thesis
        listed = claim not in left_out and to not in left_out
        end = "" if to is None else f" to {_ref(to, listed)}"
        lead = _LEADS[bool(parts), to is not None, here]
        parts.append(f'<span class="target">{lead}{_ref(claim, listed)}{end}</span>')
    return Markup("".join(parts))


def _ref(node_id: str, listed: bool) -> str:
    """An id as the page shows it: code, linked to its entry when the page lists it."""
    code = f"<code>{escape(node_id)}</code>"
    return f'<a href="#n-{escape(node_id)}">{code}</a>' if listed else code


def view_note(
    options: RenderOptions, whole: ArgumentMap | None, shown: ArgumentMap, left_out: int = 0
) -> str | None:
    """Say what part of the map the page shows, when it leaves nodes out.

    Args:
        options: the render options that chose the part (``focus``, ``depth``, ``hide``).
        whole: the whole map, or None when the page shows all of it.
        shown: the part the page shows.
        left_out: claims above a deep focus that ``shown`` holds but the page leaves out.

    Returns:
        A sentence such as "This page shows 4 of the map's 9 nodes: ...", or None when
        no node is left out.
    """
    if whole is None or len(whole) == len(shown):
        return None
    parts = []
    if options.focus is not None:
        parts.append(f"the branch under {options.focus!r}")
        if left_out:
            parts.append("with the thesis and the nearest claims above it")
    if options.depth is not None:
        parts.append(f"{options.depth} level{'s' if options.depth != 1 else ''} deep")
    hidden = sorted(options.hide & {"evidence", "reviewers"})
    if hidden:
        parts.append(
            "without "
            + " or ".join("evidence" if h == "evidence" else "reviewers' nodes" for h in hidden)
        )
    what = ", ".join(parts) or "a part of the map"
    return f"This page shows {len(shown) - left_out:,} of the map's {len(whole):,} nodes: {what}."
