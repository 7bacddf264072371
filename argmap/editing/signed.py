"""Signed work kept: refusing to reword or remove a node that another person signed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from argmap.editing.session import EditError
from argmap.model import ArgumentMap, Node

__all__ = [
    "REWORDING_FIELDS",
    "WORDING_FIELDS",
    "answers_by_others",
    "refuse_changing_others",
    "refuse_linking_others",
    "refuse_removing_others",
    "same_person",
]

WORDING_FIELDS: Final = ("text", "quote", "note", "citation", "basis", "source", "undercut")
"""The fields that say what a node claims and on what grounds: changed under another
person's name, that person would be credited with words they did not write. (Tags, an
assessment, an id and cross-links are the map keeper's.)"""

REWORDING_FIELDS: Final = ("text", "undercut")
"""The fields whose change makes a node claim something else: its answers may no longer hold."""


def same_person(one: str, other: str) -> bool:
    """Whether two signatures name one person: the same words, case and spacing aside."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def refuse_changing_others(
    path: Path,
    node: Node,
    fields: Iterable[str],
    signer: str | None,
    signing: str | None = None,
) -> None:
    """Refuse to change the wording or the signature of a node that another person signed.

    Re-signed, their work would go out under another person's name (and the answers to
    it would answer words the new signer put there), so that is refused too. The name an
    edit signs with is taken as who is editing: the signer keeps their own node.

    Args:
        path: the map, for the message.
        node: the node as it is.
        fields: the fields set or cleared (``author`` among them: re-signed or cleared).
        signer: who is editing (None: not known).
        signing: the name the edit signs the node with (None: it keeps its signature).

    Raises:
        EditError: the node is signed by someone else and its wording or signature would
            change.
    """
    if node.author is None or not set(fields) & {*WORDING_FIELDS, "author"}:
        return
    if any(who is not None and same_person(node.author, who) for who in (signer, signing)):
        return
    if signing is not None:
        raise EditError(
            path,
            f"{node.id!r} is signed by {node.author}: re-signed as {signing}, their work "
            f"would go out under another name; answer it with an objection or a rebuttal, "
            f"or pass --force{_who(signer)}",
        )
    raise EditError(
        path,
        f"{node.id!r} is signed by {node.author}: changed, their name would stand under "
        f"words they did not write; answer it with an objection or a rebuttal, or pass "
        f"--force{_who(signer)}",
    )


def answers_by_others(m: ArgumentMap, node_id: str, author: str | None) -> list[Node]:
    """The children of ``node_id`` signed by someone other than ``author`` (its signer).

    Reworded, the node no longer says what they answered: they should be told.
    """
    return [
        child
        for child in m.children(node_id)
        if child.author is not None and (author is None or not same_person(child.author, author))
    ]


def refuse_removing_others(path: Path, removed: Sequence[Node], signer: str | None) -> None:
    """Refuse to remove nodes that other people signed (``signer``: who removes them).

    Raises:
        EditError: some of ``removed`` are signed by someone other than ``signer``.
    """
    others = [
        node
        for node in removed
        if node.author is not None and (signer is None or not same_person(node.author, signer))
    ]
    if not others:
        return
    first = others[0]
    more = f" and {len(others) - 1} more node(s) signed by others" if len(others) > 1 else ""
    raise EditError(
        path,
        f"{first.id!r} is signed by {first.author}{more}: removing it deletes their work; "
        f"answer it with an objection or a rebuttal instead, or pass --force{_who(signer)}",
    )


def refuse_linking_others(path: Path, partner: Node, signer: str | None) -> None:
    """Refuse to link a new premise with one another person signed (``signer``: who adds it).

    Linked, their premise supports its claim only together with the new one (or their
    group needs one more premise): their argument changes, under their name.

    Raises:
        EditError: ``partner`` is signed by someone other than ``signer``.
    """
    if partner.author is None or (signer is not None and same_person(partner.author, signer)):
        return
    how = "supports alone" if partner.group is None else f"is linked in {partner.group!r}"
    raise EditError(
        path,
        f"{partner.id!r} is signed by {partner.author} and {how}: linked, it would support "
        f"only together with the new premise, their argument changed under their name; add "
        f"the premise alone, or pass --force{_who(signer)}",
    )


def _who(signer: str | None) -> str:
    """The end of a refusal when argmap does not know who is editing."""
    if signer is not None:
        return ""
    return " (argmap does not know your name: set ARGMAP_AUTHOR or git's user.name)"
