"""What importers collect before a map has a tree: elements (statements) and edges (relations)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from argmap.model import NodeKind, Relation

__all__ = ["ATTACKERS", "Edge", "Element", "default_kind"]

ATTACKERS: Final = (NodeKind.OBJECTION, NodeKind.REBUTTAL)


@dataclass
class Element:
    """A statement or argument as another format gives it, before it has a place in a tree."""

    key: str
    """The format's own name for it (a title, a nodeID, a Kialo number); ids come from it."""
    text: str
    fields: dict[str, Any] = field(default_factory=dict)
    """Other node fields (quote, citation, author, ...), validated when the map is built."""
    kind: NodeKind | None = None
    """The kind the format states, if it states one; otherwise it follows the relation."""
    line: int = 0
    position: int = 0
    title: str | None = None
    """The title the author gave it (Argdown ``[Title]``): its id when that is a valid id,
    kept in its note otherwise."""
    addressed: str | None = None
    """Its text with each link's address after the link's words, ``text (url)``, where the
    text shows only the words (the map's description takes it so, if it is prose)."""
    wordings: list[str] = field(default_factory=list)
    """Other texts the file gives it (a redefinition, a rephrase), kept in its note."""
    notes: list[str] = field(default_factory=list)
    """What else the file says of it that a map has no field for (``name: value`` data, an
    inference rule), kept in its note after its wordings."""
    fixed_id: str | None = None
    """The id the file asks for (argmap's own keys in an AIF file it wrote): its id when
    that is a valid id no other element took first."""
    origin: str | None = None
    """The format's own id for it (an AIF nodeID), kept in its note when its id differs."""
    notes_naming: list[tuple[str, str]] = field(default_factory=list)
    """Notes that name another element (an AIF scheme, and the claim it leads to): each
    ``(words, key)`` is kept after its own note as ``words (to 'id')``, with the id that
    element gets in the map."""


@dataclass
class Edge:
    """A relation: ``source`` supports, attacks or undercuts ``target``.

    For an undercut, ``target`` is the element whose inference (to its own target) is
    attacked, which is where the undercutter sits in a map.
    """

    source: str
    target: str
    relation: Relation
    order: tuple[int, ...]
    """File position; the earliest relation that reaches the thesis becomes the tree edge."""
    line: int = 0
    group: str | None = None
    """Co-premises that support their target only together share a group key."""
    told: str | None = None
    """How the file states the relation, said where the map cannot hold it (Kialo: ``Kialo
    claim 1.2.2 reuses it as a Con there``)."""
    group_named: bool = True
    """Whether ``group`` is a name the file gives the group (else a key of the format's own,
    an AIF RA's nodeID: the group's id is then made as a map's own are, ``FIRST-group``)."""


def default_kind(relation: Relation, parent: NodeKind) -> NodeKind:
    """Return the kind a node takes from its relation to its parent when no kind is given.

    Support makes a premise; an attack on an objection or rebuttal makes a rebuttal
    (Kialo's Con under a Con); any other attack makes an objection.
    """
    if relation is Relation.SUPPORTS:
        return NodeKind.PREMISE
    return NodeKind.REBUTTAL if parent in ATTACKERS else NodeKind.OBJECTION
