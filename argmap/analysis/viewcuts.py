"""What a focused or filtered view leaves out: the words that say so, and each node's share."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import hidden, narrows, view_roots, visible_nodes
from argmap.analysis.wording import listed
from argmap.exporters.diagram.linebreak import shorten  # stdlib only: cut between clusters
from argmap.model import ArgumentMap, NodeKind

if TYPE_CHECKING:  # not at run time: `argmap show` needs no exporter registry
    from argmap.options import RenderOptions

__all__ = ["FOCUS_CHARS", "Cut", "cut_options", "view_cuts", "view_words"]

FOCUS_CHARS: Final = 40
"""The most characters of the focus's statement a view's words quote."""

_HIDDEN: Final = (
    ("evidence", "evidence"),
    ("quotes", "quotes"),
    ("reviewers", "reviewers' nodes"),
)
"""What ``--hide`` takes, in the order the words name it, and how they name it."""


@dataclass(frozen=True)
class Cut:
    """What a view leaves out at one of the nodes it shows.

    Attributes:
        more: nodes below it that ``--depth`` cut off (its children's whole branches).
        hidden: its children that ``--hide`` took away.
        evidence: every one of those is evidence.
        links: cross-links between it and nodes the view leaves out.
    """

    more: int = 0
    hidden: int = 0
    evidence: bool = True
    links: int = 0

    def words(self) -> str:
        """Say it: ``+3 more below · +2 evidence hidden · 1 link out of view``."""
        parts = []
        if self.more:
            parts.append(f"+{self.more:,} more below")
        if self.hidden:
            parts.append(f"+{self.hidden:,} {'evidence ' if self.evidence else ''}hidden")
        if self.links:
            parts.append(f"{self.links:,} link{'s' if self.links != 1 else ''} out of view")
        return " · ".join(parts)


def view_words(m: ArgumentMap, options: RenderOptions, limit: int = FOCUS_CHARS) -> list[str]:
    """The parts of a note saying what a view shows: none when it shows the whole map.

    As ``["focus: A car-free centre would…", "2 levels deep", "evidence hidden"]``: the
    focus by its statement (at most ``limit`` characters of it), or by its linked group's
    name; the depth; what ``--hide`` took away (quotes too, which are no nodes).
    """
    parts = []
    if options.focus is not None:
        node = m.get(options.focus)
        if options.focus_group and node.group is not None:
            parts.append(f"focus: the linked group {node.group}")
        else:
            parts.append(f"focus: {shorten(node.text, limit)}")
    if options.depth is not None:
        parts.append(f"{options.depth} level{'s' if options.depth != 1 else ''} deep")
    gone = [name for option, name in _HIDDEN if option in options.hide]
    if gone:
        parts.append(f"{listed(gone)} hidden")
    return parts


def view_cuts(m: ArgumentMap, options: RenderOptions) -> dict[str, Cut]:
    """What the view leaves out at each node of its branches that loses anything.

    Only the branches the view is of (see :func:`~.view.view_roots`): the claims above a
    focus, kept as context, lose their other branches to the focus itself. A child not
    shown is hidden (``--hide``: counted alone), else below the depth (counted with its
    branch). Empty when the view is the whole map. Linear in the map's size.
    """
    if not narrows(options):
        return {}
    drawn = visible_nodes(m, options)
    shown = {node.id for node in drawn}
    roots = [root for root in view_roots(m, options) if root is not None]
    if options.focus is not None:  # not the context above it
        drawn = [n for n in drawn if any(n.id == r or m.is_ancestor(r, n.id) for r in roots)]
    cuts: dict[str, Cut] = {}
    for node in drawn:
        kids = [kid for kid in m.children(node.id) if kid.id not in shown]
        gone = [kid for kid in kids if hidden(kid, options.hide)]
        more = sum(sum(1 for _ in m.walk(kid.id)) for kid in kids if kid not in gone)
        into = [source for source, _ in m.cross_links_to(node.id) if source not in shown]
        links = len(into) + sum(link.to not in shown for link in node.links)
        if kids or links:
            evidence = all(kid.kind is NodeKind.EVIDENCE for kid in gone)
            cuts[node.id] = Cut(more, len(gone), evidence, links)
    return cuts


def cut_options(m: ArgumentMap, options: RenderOptions) -> RenderOptions:
    """The options with what a narrowed view leaves out at each node said, once a render.

    ``options.cuts`` (see :func:`view_cuts`): a box says it (``+3 more below``), and the
    planner measures the box with it. Not on a worksheet: it is a map of its own.
    """
    if options.cuts is not None or options.sheet is not None or not narrows(options):
        return options
    return replace(options, cuts={key: cut.words() for key, cut in view_cuts(m, options).items()})
