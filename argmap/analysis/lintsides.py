"""Lint rule on sides: a cross-link that attacks its own side, or supports the other."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.lint_warning import LintWarning, label
from argmap.model import ArgumentMap, Relation

__all__ = ["cross_sides", "sides"]


def sides(m: ArgumentMap) -> dict[str, bool]:
    """Return each node's side: True for the thesis's, False for the side against it.

    A node supporting a claim (or drawn from it, as a conclusion is) is on that claim's
    side; a node attacking a claim, or undercutting the step from it, is on the other.
    Walked one node at a time up to the nearest node whose side is known, so a chain of
    any depth costs one pass.
    """
    side: dict[str, bool] = {}
    for start in m.nodes:
        path = []
        node = start
        while node.id not in side and node.parent is not None:
            path.append(node)
            node = m.get(node.parent)
        known = side.setdefault(node.id, True)
        for step in reversed(path):
            known = known if step.relation in (None, Relation.SUPPORTS) else not known
            side[step.id] = known
    return side


def cross_sides(m: ArgumentMap) -> Iterator[LintWarning]:
    """Cross-links that attack a claim on their node's own side, or support the other side.

    A link's relation defaults to its node's own (an objection's or rebuttal's attacks), so
    a rebuttal linked to another rebuttal "as see also" attacks a claim it agrees with.
    """
    side = sides(m)
    for node in m.nodes:
        for link in node.links:
            target = m.get(link.to)
            same = side[node.id] == side[target.id]
            if link.relation is Relation.SUPPORTS and not same:
                wrong = f"supports {label(target)}, a claim on the other side"
            elif link.relation is Relation.UNDERCUTS and same:
                wrong = f"undercuts the step from {label(target)}, a step on its own side"
            elif link.relation is Relation.ATTACKS and same:
                wrong = f"attacks {label(target)}, a claim on its own side"
            else:
                continue
            yield LintWarning(
                node.id,
                "link-side",
                f"{label(node)} also {wrong}",
                "drop the link if it means 'see also' (a link bears as its node does), or "
                "file the node on the side it argues for",
                "links",
            )
