"""The part of a map a render shows (``--focus``, ``--depth``, ``--hide``), as a valid map."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Final

from argmap.model import ArgumentMap, Node, NodeKind

if TYPE_CHECKING:  # not at run time: `argmap show` needs no exporter registry
    from argmap.options import RenderOptions

__all__ = [
    "CHAIN_NEAREST",
    "CHAIN_WHOLE",
    "draw_kind",
    "drawn_up",
    "elided_chain",
    "focus_chain",
    "focus_context",
    "focus_node",
    "focus_root",
    "hidden",
    "narrows",
    "paged_focus",
    "submap",
    "view_roots",
    "visible_nodes",
]

CHAIN_WHOLE: Final = 10
"""A chain of claims above a focus shown whole (as boxes, as outline entries), at most this
long."""

CHAIN_NEAREST: Final = 4
"""Of a longer chain, the claims nearest the focus shown (with the thesis): as many as a
page's breadcrumb lists (``pagetree.TRAIL_ROWS - 2``, not imported: one drawing and the
outline load no page layout)."""


def draw_kind(m: ArgumentMap, node: Node) -> NodeKind:
    """Return the kind a node is shown as: an attack on an attack is a rebuttal.

    An objection to an objection is a rebuttal, and an objection (or a rebuttal written
    under one) to that rebuttal an objection again: down a chain of attacks the kinds
    alternate, so each box's colour shows which side it argues for (the Rationale
    convention). The diagram, the HTML page and ``argmap show`` all label and colour
    nodes by this kind, while the map file keeps the kind it was written as.
    """
    if node.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL):
        return NodeKind.REBUTTAL if m.rebuts(node.id) else NodeKind.OBJECTION
    return node.kind


def drawn_up(node: Node) -> bool:
    """Whether a node is a conclusion, drawn above the claim it is drawn from."""
    return node.kind is NodeKind.CONCLUSION and node.relation is None


def conclusion_ids(m: ArgumentMap) -> list[str]:
    """Return the ids of the map's conclusions (each walked on its own, above the thesis)."""
    return [node.id for node in m.nodes if node.kind is NodeKind.CONCLUSION]


def narrows(options: RenderOptions) -> bool:
    """Whether the options leave any node out (a focus, a depth, or hidden nodes)."""
    return (
        options.focus is not None
        or options.depth is not None
        or bool(options.hide & {"evidence", "reviewers"})
    )


def view_roots(m: ArgumentMap, options: RenderOptions) -> list[str | None]:
    """Where a view's branches start, each walked ``options.depth`` levels down.

    The focus (or its linked group's members, see ``options.focus_group``), else the
    thesis (None) and the map's conclusions.
    """
    if options.focus is None:
        return [None, *conclusion_ids(m)]
    group = m.get(options.focus).group
    if group is not None and options.focus_group:
        return [node.id for node in m.groups()[group]]
    return [options.focus]


def hidden(node: Node, hide: frozenset[str]) -> bool:
    """Whether ``--hide`` (its values ``hide``) takes a node away, with its branch.

    Evidence, or a reviewer's node; never the thesis nor a conclusion (nor, see
    :func:`visible_nodes`, where a view starts).
    """
    return node.kind not in (NodeKind.THESIS, NodeKind.CONCLUSION) and (
        ("evidence" in hide and node.kind is NodeKind.EVIDENCE)
        or ("reviewers" in hide and node.author is not None)
    )


def visible_nodes(m: ArgumentMap, options: RenderOptions) -> list[Node]:
    """Return the nodes a render shows, in document order.

    The subtree under ``options.focus`` (default: the thesis) down to ``options.depth``
    levels, less hidden evidence or reviewers' nodes and everything below them. A focus
    keeps its context: the chain of claims up to the thesis, and the focused node's
    co-premises (with their branches too when the focus named the group, see
    ``options.focus_group``).

    Raises:
        KeyError: ``options.focus`` is not an id of the map.
    """
    hide = options.hide
    kept: list[Node] = []
    dropped: set[str] = set()
    roots = view_roots(m, options)
    walked = (node for root in roots for node in m.walk(root, options.depth))
    for node in walked:
        if node.parent in dropped and node.id not in roots:
            dropped.add(node.id)
            continue
        if node.id not in roots and hidden(node, hide):
            dropped.add(node.id)
            continue
        kept.append(node)
    if options.focus is not None:
        focus = m.get(options.focus)
        kept.extend(m.ancestors(focus.id))
        if focus.group is not None:
            kept.extend(m.groups()[focus.group])
    unique = {node.id: node for node in kept}
    return sorted(unique.values(), key=lambda node: m.position(node.id))


def paged_focus(
    m: ArgumentMap, options: RenderOptions, shown: list[str], most: int
) -> tuple[list[str], tuple[str, ...]]:
    """The shown ids that pages draw as boxes, and the focus's context above them.

    See :func:`focus_context`: the claims above where the pages start are left out of
    ``shown`` (the ids a render shows, in document order), the nearest ``most`` of them
    (and the thesis) kept as the breadcrumb.
    """
    root, lead = focus_context(m, options, most)
    if root is None or not lead:
        return shown, ()
    return [node_id for node_id in shown if not m.is_ancestor(node_id, root)], lead


def focus_context(
    m: ArgumentMap, options: RenderOptions, most: int
) -> tuple[str | None, tuple[str, ...]]:
    """Where pages of a focus start, and the claims above it they show as a breadcrumb.

    A focus keeps the chain of claims up to the thesis as context (see
    :func:`visible_nodes`); drawn in full, that chain filled page 1 and pushed the focus
    onto a later page (on a map thousands of levels deep, onto hundreds of pages). Paged,
    the pages start at the focus (a linked co-premise's: at its whole group, its first
    premise the root, their parent the nearest claim), each headed by these ancestors: the
    thesis and the nearest, ``most`` at the most (thesis first). ``(None, ())`` without a
    focus; no claims for the thesis.
    """
    if options.focus is None:
        return None, ()
    root = focus_root(m, options.focus)
    chain = focus_chain(m, options)  # the nearest first
    if root != options.focus:  # a linked co-premise: pages start at its group, below the parent
        chain = [root, *chain]
        root = m.groups()[m.get(options.focus).group or ""][0].id
    kept = chain[: most - 1] + [chain[-1]] if len(chain) > most else chain
    return root, tuple(reversed(kept))


def focus_chain(m: ArgumentMap, options: RenderOptions) -> list[str]:
    """The claims above where a focus is drawn from, the nearest first (none: no focus)."""
    if options.focus is None:
        return []
    return [node.id for node in m.ancestors(focus_root(m, options.focus))]


def elided_chain(
    m: ArgumentMap, options: RenderOptions, chain: list[str] | None = None
) -> list[str]:
    """The claims above a focus that one drawing and the HTML page's lists leave out.

    A focus keeps the chain of claims up to the thesis as context (see
    :func:`visible_nodes`). Up to :data:`CHAIN_WHOLE` of them are shown; of a longer chain
    (a focus hundreds of levels deep), only the thesis and the :data:`CHAIN_NEAREST`
    nearest the focus, and a line between them says how many are left out.

    Args:
        m: the map (or the part of it a render shows).
        options: the render options (``focus``).
        chain: the focus's :func:`focus_chain`, when the caller has it.

    Returns:
        The ids left out, the nearest the focus first; empty without a focus or when the
        chain is short.
    """
    chain = focus_chain(m, options) if chain is None else chain
    return chain[CHAIN_NEAREST:-1] if len(chain) > CHAIN_WHOLE else []


def focus_node(m: ArgumentMap, focus: str, map_name: str = "map") -> str:
    """The node a ``--focus`` names: a node's id, or a linked group's (its first premise).

    ``argmap show`` lists a linked group by its id (``& linked [affordable]``), so a
    focus may name the group: its first premise stands for it, and a linked premise's
    focus keeps its whole group (see :func:`focus_root`).

    Raises:
        UnknownFocusError: no node or group has that id (``map_name``: the map, as
            messages name it), with the ids most like it.
    """
    if focus in m:
        return focus
    members = m.groups().get(focus)
    if members:
        return members[0].id
    from argmap.errors import UnknownFocusError

    raise UnknownFocusError(map_name, focus, [*(node.id for node in m.nodes), *m.groups()])


def focus_root(m: ArgumentMap, focus: str) -> str:
    """Where the drawing of a focus starts: the focus, or a linked co-premise's parent.

    Pages start there (see :func:`focus_context`), and a worksheet gives the claims above
    it as context, never as blanks.
    """
    node = m.get(focus)
    return node.parent if node.group is not None and node.parent is not None else node.id


def submap(m: ArgumentMap, options: RenderOptions) -> ArgumentMap:
    """Return the part of ``m`` a render shows as a map of its own.

    Cross-links to nodes left out are dropped, and a linked group left with one
    premise becomes a plain premise, so the result is a valid map.

    Raises:
        KeyError: ``options.focus`` is not an id of the map.
    """
    if not narrows(options):
        return m
    shown = visible_nodes(m, options)
    keep = {node.id for node in shown}
    sizes = Counter(node.group for node in shown if node.group is not None)
    nodes = tuple(
        node.model_copy(
            update={
                "links": tuple(link for link in node.links if link.to in keep),
                "group": node.group if node.group is not None and sizes[node.group] > 1 else None,
            }
        )
        for node in shown
    )
    return ArgumentMap(
        title=m.title,
        description=m.description,
        source=m.source,
        sources=m.sources,
        nodes=nodes,
    )
