"""What an open objection puts at stake: the thesis itself, a link into it, or a claim deeper."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Final

from argmap.model import ArgumentMap, Node, NodeKind, Relation

__all__ = [
    "AT_THESIS",
    "ON_THESIS_LINK",
    "UNDERCUTS_SAID",
    "against",
    "by_stake",
    "stake",
    "undercut_chain",
]

AT_THESIS: Final = 0
"""The first rank: it attacks the thesis itself."""
ON_THESIS_LINK: Final = 1
"""The second: it undercuts a reason's link into the thesis (the thesis's own routes)."""
_DEEPER: Final = 2
UNDERCUTS_SAID: Final = 3
"""How many undercuts of undercuts :func:`against` names before the link they end on."""


def _targets(m: ArgumentMap, node: Node) -> Iterator[tuple[str, str | None]]:
    """What a node attacks, by the tree then by its links.

    ``(claim, None)`` for a claim, ``(from, to)`` for the link an undercut attacks (a
    conclusion's: the step drawing it).
    """
    bears = [(node.relation, node.parent)] if node.parent is not None else []
    bears += [(link.relation, link.to) for link in node.links]
    for relation, target in bears:
        if target is None:
            continue
        if relation is Relation.ATTACKS:
            yield target, None
        elif relation is Relation.UNDERCUTS:
            cut = m.get(target)
            if cut.kind is NodeKind.CONCLUSION and cut.parent is not None:
                yield cut.parent, target
            else:
                yield target, cut.parent


def stake(m: ArgumentMap) -> Callable[[Node], tuple[int, int]]:
    """A sort key for the map's objections: what each puts at stake, the most first.

    Attacking the thesis itself first (:data:`AT_THESIS`), then undercutting a link into
    it (:data:`ON_THESIS_LINK`: with every such link cut, the thesis stands unsupported),
    then the rest, the nearer the thesis the sooner. A stable sort keeps the file's
    order among equals.
    """
    rank = _ranker(m)
    return lambda node: min(map(rank, _targets(m, node)), default=(_DEEPER, len(m)))


def _ranker(m: ArgumentMap) -> Callable[[tuple[str, str | None]], tuple[int, int]]:
    """What attacking a target (see :func:`_targets`) puts at stake: its rank and depth."""
    thesis = m.thesis.id

    def rank(target: tuple[str, str | None]) -> tuple[int, int]:
        claim, to = target
        if to is None and claim == thesis:
            return AT_THESIS, 0
        return (ON_THESIS_LINK if to == thesis else _DEEPER), m.depth(claim)

    return rank


def by_stake(m: ArgumentMap, ids: Iterable[str]) -> tuple[str, ...]:
    """The ids of objections, what they put at stake the most first (see :func:`stake`)."""
    key = stake(m)
    return tuple(sorted(ids, key=lambda node_id: key(m.get(node_id))))


def against(m: ArgumentMap, node: Node) -> str:
    """What an objection attacks, in a few words: ``the thesis``, ``ID``, ``link ID -> ID``.

    An undercut of an undercutter's link says which link that one cuts: ``undercut U of
    link O -> the thesis`` (up to :data:`UNDERCUTS_SAID` deep: past them, the last named).

    The target that puts the most at stake (see :func:`stake`); ``(+N more)`` when it
    attacks others too (by the tree or its links).
    """
    targets = sorted(_targets(m, node), key=_ranker(m))
    if not targets:
        return ""
    thesis = m.thesis.id
    claim, to = targets[0]
    cutters = undercut_chain(m, claim)[0] if to is not None else []
    if cutters:  # its link is an undercut: say which link the last of them cuts
        claim, to = next(_targets(m, m.get(cutters[-1])))
    undercuts = "".join(f"undercut {cutter} of " for cutter in cutters)
    name = "the thesis" if claim == thesis else claim
    said = name if to is None else f"link {name} -> {'the thesis' if to == thesis else to}"
    return undercuts + said + (f" (+{len(targets) - 1} more)" if len(targets) > 1 else "")


def undercut_chain(m: ArgumentMap, target: str) -> tuple[list[str], str]:
    """The undercutters up from ``target`` (the node whose link an undercut cuts), and past them.

    An undercutter's own link is its undercut: an undercut of it cuts the link its parent's
    undercut cuts, and so on up, :data:`UNDERCUTS_SAID` undercutters at most. Returns them
    in order from ``target`` (none where it is no undercutter), and the node whose link the
    last of them cuts (``target`` where none).
    """
    chain: list[str] = []
    node = m.get(target)
    while node.relation is Relation.UNDERCUTS and node.kind is not NodeKind.CONCLUSION:
        if len(chain) == UNDERCUTS_SAID or node.parent is None:
            break
        chain.append(node.id)
        node = m.get(node.parent)
    return chain, node.id
