"""The Thesis section's verdict: whether the thesis stands and is supported, and why."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from argmap.exporters.html.cutlinks import LINK_LABELS
from argmap.exporters.html.nodeview import STANDING_LABELS
from argmap.model import ArgumentMap, Node, Relation

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis, Standing

__all__ = [
    "GROUNDS_DEFEATED",
    "Bearing",
    "Reason",
    "Route",
    "ThesisVerdict",
    "bearing_on_thesis",
    "defeated_grounds",
    "thesis_verdict",
]

GROUNDS_DEFEATED: Final = "its own support is all defeated"
"""Said of a route's premise that stands while every reason or evidence given for it falls."""

Bearing = tuple[Node, Relation, bool]
"""A node bearing on the thesis, by which relation, and whether by a cross-link."""


@dataclass(frozen=True)
class Reason:
    """A node bearing on the thesis, with how it fares: badge words and the badge's classes."""

    id: str
    label: str
    badge: str
    """The badge's classes: the node's standing, and ``cut`` when its link is cut."""
    listed: bool
    """It is listed on the page (a focus may leave it out)."""
    grounds_defeated: bool = False
    """A premise whose own support, given, is all defeated: it stands, on nothing that stands."""

    @property
    def grounds(self) -> str:
        """Words on its own support where all of it is defeated (else empty)."""
        return GROUNDS_DEFEATED if self.grounds_defeated else ""


@dataclass(frozen=True)
class Route:
    """A route of support into the thesis: a reason, or a joint reason's co-premises."""

    group: str | None
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class ThesisVerdict:
    """The thesis's standing and support, each with why, as the analysis has them."""

    standing: str
    standing_label: str
    standing_why: str
    """A sentence without its end: the attackers named (if any) follow it."""
    attackers: tuple[Reason, ...]
    """The attacks that decide it: those that stand (``out``) or are undecided."""
    support: str
    support_why: str
    """A sentence without its end: the routes named (if any) follow it."""
    routes: tuple[Route, ...]


def _fate(own: Standing, link: Standing) -> tuple[str, str]:
    """Badge words and classes of a reason: its standing, and its link's where that is cut."""
    if own.value == "in" and link.value != "in":
        return LINK_LABELS[link.value], "in cut"
    return STANDING_LABELS[own.value], own.value


def bearing_on_thesis(m: ArgumentMap) -> list[Bearing]:
    """What bears on the thesis, found in the whole map (a focus's page lists only a part).

    As :attr:`~argmap.exporters.html.nodeview.NodeViews.incoming` has it for the map a page
    lists: in the map's order, a node's tree link before its cross-links.
    """
    thesis = m.thesis.id
    out: list[Bearing] = []
    for node in m.nodes:
        if node.parent == thesis and node.relation is not None:
            out.append((node, node.relation, False))
        out.extend((node, link.relation, True) for link in node.links if link.to == thesis)
    return out


def _bearing(
    bearing: Iterable[Bearing],
    thesis: str,
    a: Analysis,
    listed: Callable[[str], bool],
    defeated_grounds: frozenset[str],
) -> tuple[list[Route], list[tuple[Reason, Standing]]]:
    """The thesis's routes of support, and its attackers with the standing of each attack.

    In the order given: a joint reason where its first co-premise is.
    """
    routes: list[Route] = []
    groups: dict[str, int] = {}
    attacks: list[tuple[Reason, Standing]] = []
    for node, relation, cross in bearing:
        link = a.cross_link_standing[(node.id, thesis)] if cross else a.link_standing[node.id]
        fate = _fate(a.standing[node.id], link)
        reason = Reason(node.id, *fate, listed(node.id), node.id in defeated_grounds)
        if relation is Relation.ATTACKS:
            attacks.append((reason, link))
        elif relation is Relation.SUPPORTS and node.group is not None and not cross:
            if node.group in groups:
                i = groups[node.group]
                routes[i] = Route(node.group, (*routes[i].reasons, reason))
            else:
                groups[node.group] = len(routes)
                routes.append(Route(node.group, (reason,)))
        elif relation is Relation.SUPPORTS:
            routes.append(Route(None, (reason,)))
    return routes, attacks


def _standing_why(standing: str, attacks: int, deciding: int) -> str:
    """Why the thesis has its standing, given its attacks and those that decide it."""
    if standing == "out" and deciding == 1:
        return "Defeated: an objection against it stands, with no standing answer"
    if standing == "out":
        return f"Defeated: {deciding} objections against it stand, with no standing answer"
    if standing == "undecided":
        return "Undecided: an attack on it is neither upheld nor defeated"
    if attacks:
        return "Stands: every objection to it is answered"
    return "Stands: no objection is raised against it"


def _support_why(support: str, routes: list[Route]) -> str:
    """Why the thesis is supported or not, given its routes of support."""
    if support == "supported":
        return "Supported: a route of support stands"
    if not routes:
        return "Unsupported: no reason or evidence is given for it"
    fates = {r.label for route in routes for r in route.reasons} - {STANDING_LABELS["in"]}
    if fates <= {LINK_LABELS["out"], STANDING_LABELS["out"]}:
        return "Unsupported: every route of support is cut or defeated"
    return "Unsupported: no route of support stands"


def defeated_grounds(m: ArgumentMap, analysis: Analysis) -> frozenset[str]:
    """The premises whose support, given, is all defeated (``stats``' list of them)."""
    from argmap.analysis.stats import premises_without_support

    return frozenset(analysis.unsupported_premises) - frozenset(premises_without_support(m))


def thesis_verdict(
    thesis: str,
    analysis: Analysis,
    bearing: Iterable[Bearing],
    listed: Callable[[str], bool],
    *,
    named: bool,
    defeated_grounds: frozenset[str] = frozenset(),
) -> ThesisVerdict:
    """Return the thesis's standing and support, with why, for the Thesis section.

    Args:
        thesis: the thesis's id.
        analysis: the whole map's analysis (a focus's page still judges the thesis on all).
        bearing: what bears on the thesis in the whole map, in its order: each node, its
            relation, and whether by a cross-link (see :func:`bearing_on_thesis`).
        listed: whether the page lists a node (its id links to its entry).
        named: name the attacks and the routes that decide it (not on a worksheet: a
            label sheet asks which statements attack and which support).
        defeated_grounds: premises whose support, given, is all defeated (their routes
            say so: they stand on nothing that stands; see :func:`defeated_grounds`).

    Returns:
        The verdict, with the same words as the outline's badges.
    """
    routes, attacks = _bearing(bearing, thesis, analysis, listed, defeated_grounds)
    standing = analysis.thesis_standing.value
    decide = {"out": "in", "undecided": "undecided"}.get(standing)
    deciding = tuple(reason for reason, link in attacks if link.value == decide)
    support = analysis.support[thesis].value
    return ThesisVerdict(
        standing=standing,
        standing_label=STANDING_LABELS[standing],
        # Unnamed, it says no count either: a label sheet asks how many attack.
        standing_why=_standing_why(standing, len(attacks), len(deciding) if named else 1),
        attackers=deciding if named else (),
        support=support,
        support_why=_support_why(support, routes),
        routes=tuple(routes) if named else (),
    )
