"""The tree an imported graph grows from its thesis: the earliest relation reaching each claim."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from argmap.errors import MapFileError, OptionMisuseError
from argmap.interop import ImportOptions
from argmap.model import Relation

if TYPE_CHECKING:
    from argmap.interop.graph import Edge, Element

__all__ = ["ALL_ROOTS", "choose_root", "covering_roots", "document_order", "grow", "roots"]

ALL_ROOTS: Final = "\x00all-roots"
"""The key of the thesis ``--all-roots`` makes from the title (no file can name it)."""
_AS_OBJECTION: Final = (
    "an undercut of the thesis, which has no inference to undercut, kept as an objection to it: {}"
)
_LISTED: Final = 8


def roots(elements: Mapping[str, Element], edges: Sequence[Edge]) -> list[str]:
    """Return the keys of the elements that bear on nothing, in file order."""
    outgoing = {edge.source for edge in edges}
    return [key for key in elements if key not in outgoing and key != ALL_ROOTS]


def covering_roots(elements: Mapping[str, Element], edges: Sequence[Edge]) -> list[str]:
    """Return the roots, plus the first element of each cycle no root reaches (``--all-roots``)."""
    incoming: dict[str, list[str]] = {}
    for edge in edges:
        incoming.setdefault(edge.target, []).append(edge.source)
    tops = roots(elements, edges)
    reached: set[str] = set()
    pending = list(tops)
    for key in [*tops, *elements]:
        if key == ALL_ROOTS or (key in reached and not pending):
            continue
        if key not in reached and key not in pending:
            tops.append(key)  # bears on something, yet nothing above reaches it: a cycle
            pending.append(key)
        while pending:
            current = pending.pop()
            if current in reached:
                continue
            reached.add(current)
            pending.extend(incoming.get(current, []))
    return tops


def choose_root(
    elements: Mapping[str, Element],
    edges: Sequence[Edge],
    path: str,
    options: ImportOptions,
    named: str | None = None,
) -> str:
    """Return the key of the thesis, or :data:`ALL_ROOTS` to make one over every root.

    ``options.thesis`` (an id, title, key or text) wins; then ``options.all_roots``
    when there are several roots; then the thesis the format names (``named``); then
    the one element that bears on nothing. An element related to nothing at all is a
    root like any other: beside the one others bear on, it makes several.

    Raises:
        OptionMisuseError: ``--thesis`` names no element (or several).
        MapFileError: no root claim (unrelated statements, or a cycle), or several (listed
            by title and text, with the options that choose).
    """
    if options.thesis is not None:
        return _named_thesis(elements, options.thesis, path)
    tops = roots(elements, edges)
    incoming = {edge.target for edge in edges}
    connected = [key for key in tops if key in incoming]
    several = len(connected) > 1 or (named is None and (len(tops) > 1 or not connected))
    if options.all_roots and named is None and not several:
        several = len(covering_roots(elements, edges)) > len(tops)  # a cycle nothing reaches
    if options.all_roots and several and len(elements) > 1:
        return ALL_ROOTS
    if named is not None:
        return named
    if len(elements) == 1:
        return next(iter(elements))
    if len(connected) == 1 and len(tops) == 1:
        return connected[0]
    raise _refusal(tops, incoming, elements, path, related=bool(edges))


def _refusal(
    tops: list[str],
    incoming: Set[str],
    elements: Mapping[str, Element],
    path: str,
    *,
    related: bool,
) -> MapFileError:
    """Why the file has no one root claim: several (listed), none (a cycle), no relations."""
    if not tops or not any(key in incoming for key in tops):
        if not related and tops:
            return MapFileError(
                path,
                f"{len(tops)} claims and no relations between them ({_listing(tops, elements)}); "
                "a map has one thesis: choose one with --thesis ID-OR-TITLE, or put them all "
                "under the file's title with --all-roots",
                **_second(tops, elements),
            )
        bearing = next((elements[key] for key in elements if key not in tops), None)
        lone = f" ({_listing(tops, elements)}: related to nothing)" if tops else ""
        return MapFileError(
            path,
            f"no root claim: the statements bear on each other in a cycle{lone}; a map "
            "needs one thesis that bears on nothing: choose one with --thesis ID-OR-TITLE, "
            "or put them all under the file's title with --all-roots",
            line=bearing.line if bearing is not None else 0,
            column=1 if bearing is not None and bearing.line else 0,
        )
    alone = set(tops) - incoming  # bears on nothing and nothing bears on it: a root too
    return MapFileError(
        path,
        f"{len(tops)} root claims ({_listing(tops, elements, alone)}); a map has one "
        "thesis: choose one with --thesis ID-OR-TITLE, or put them all under the file's "
        "title with --all-roots",
        **_second(tops, elements),
    )


def _second(keys: Sequence[str], elements: Mapping[str, Element]) -> dict[str, int]:
    """Where the second of several roots starts (the first that makes them several)."""
    line = next((elements[key].line for key in keys[1:] if elements[key].line), 0)
    return {"line": line, "column": 1 if line else 0}


def _listing(
    keys: Sequence[str], elements: Mapping[str, Element], alone: Set[str] = frozenset()
) -> str:
    """The first few ``keys`` described, those in ``alone`` said to be related to nothing."""
    shown = "; ".join(
        describe(elements[key]) + (" (related to nothing)" if key in alone else "")
        for key in keys[:_LISTED]
    )
    return shown + (f"; and {len(keys) - _LISTED} more" if len(keys) > _LISTED else "")


def describe(element: Element) -> str:
    """An element as a user knows it: its title or key, its line and its text's opening."""
    text = " ".join(element.text.split())
    text = text if len(text) <= 60 else text[:57].rstrip() + "..."
    name = element.title if element.title is not None else element.key
    where = f" at line {element.line}" if element.line else ""
    return f"{name!r}{where}: {text}" if text and text != name else f"{name!r}{where}"


def _named_thesis(elements: Mapping[str, Element], wanted: str, path: str) -> str:
    """The element ``--thesis`` names: by key or title, then case-blind, then by its text."""
    folded = " ".join(wanted.split()).casefold()
    tests: list[Callable[[Element], bool]] = [
        lambda e: wanted in (e.key, e.title),
        lambda e: folded in (e.key.casefold(), (e.title or "").casefold()),
        lambda e: " ".join(e.text.split()).casefold() == folded,
        lambda e: folded in _slugs(e),
    ]
    for test in tests:
        found = [key for key, element in elements.items() if test(element)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise OptionMisuseError(
                f"{path}: --thesis {wanted!r} names {len(found)} claims "
                f"({_listing(found, elements)}); give its title or id"
            )
    tops = [key for key in elements if key != ALL_ROOTS]
    raise OptionMisuseError(
        f"{path}: --thesis {wanted!r} names no claim of this file; its claims include "
        f"{_listing(tops, elements)}"
    )


def _slugs(element: Element) -> set[str]:
    from argmap.load.ids import slugify

    return {slugify(element.title or ""), slugify(element.text)} - {"node"}


def grow(
    root: str,
    elements: Mapping[str, Element],
    edges: Sequence[Edge],
    warn: Callable[[int, str], None],
    *,
    all_roots: bool = False,
) -> dict[str, Edge]:
    """Grow the tree breadth-first from the thesis, taking the earliest relation first.

    Args:
        root: the thesis' key.
        elements: the graph's elements by key.
        edges: the graph's relations.
        warn: called with a line and a message for each element the tree leaves out.
        all_roots: whether ``--all-roots`` was given (so the warning does not advise it).

    Returns:
        The tree edge of every element reached (the thesis has none); the relations
        left over may still become cross-links.
    """
    incoming: dict[str, list[Edge]] = {}
    for edge in edges:
        incoming.setdefault(edge.target, []).append(edge)
    parent_edge: dict[str, Edge] = {}
    reached = {root}
    heap: list[tuple[tuple[int, ...], int, Edge]] = []
    count = 0
    for edge in incoming.get(root, []):
        heapq.heappush(heap, (edge.order, count, edge))
        count += 1
    thesis_cuts: list[Edge] = []  # the thesis has no inference to undercut
    while heap or thesis_cuts:
        if not heap:  # every other relation is placed: what undercuts only the thesis attacks it
            for attack in _as_attacks(thesis_cuts, reached, elements, warn):
                heapq.heappush(heap, (attack.order, count, attack))
                count += 1
            thesis_cuts.clear()
            continue
        _, _, edge = heapq.heappop(heap)
        if edge.source in reached:
            continue  # (the heap may end so: the cuts above still wait)
        if edge.relation is Relation.UNDERCUTS and edge.target == root:
            thesis_cuts.append(edge)  # maybe another edge fits; else an objection (above)
            continue
        reached.add(edge.source)
        parent_edge[edge.source] = edge
        for nxt in incoming.get(edge.source, []):
            heapq.heappush(heap, (nxt.order, count, nxt))
            count += 1
    left = [key for key in elements if key not in reached]
    if left:
        related = {key for edge in edges for key in (edge.source, edge.target)}
        alone = {key for key in left if key not in related}
        warn(elements[left[0]].line, _left_out(root, left, elements, alone, all_roots))
    return parent_edge


def _as_attacks(
    cuts: Sequence[Edge],
    reached: Set[str],
    elements: Mapping[str, Element],
    warn: Callable[[int, str], None],
) -> list[Edge]:
    """The undercuts of the thesis whose sources nothing else placed, read as attacks on it.

    Each undercutter once (its first cut), said in a located warning.
    """
    late: dict[str, Edge] = {}
    for cut in cuts:
        if cut.source not in reached:
            late.setdefault(cut.source, cut)
    for cut in late.values():
        warn(cut.line, _AS_OBJECTION.format(describe(elements[cut.source])))
    return [replace(cut, relation=Relation.ATTACKS) for cut in late.values()]


def _left_out(
    root: str,
    left: list[str],
    elements: Mapping[str, Element],
    alone: Set[str],
    all_roots: bool,
) -> str:
    """The warning naming the statements the tree leaves out (``--all-roots`` if not given).

    They bear on no claim of the tree, directly or through others (they may bear on
    other claims left out, or be borne on by the tree's); ``alone`` are related to nothing.
    """
    thesis = "the title" if root == ALL_ROOTS else repr(elements[root].title or root)
    return (
        f"{len(left)} statement{'s' if len(left) != 1 else ''} with no relation leading to "
        f"the thesis {thesis}, left out: {_listing(left, elements, alone)}"
        + ("" if all_roots else " (--all-roots keeps every root)")
    )


def document_order(
    root: str, parent_edge: Mapping[str, Edge], elements: Mapping[str, Element]
) -> list[str]:
    """Return the tree's keys depth-first, each node's children in file order.

    Args:
        root: the thesis' key.
        parent_edge: the tree edge of every other element in the tree.
        elements: the graph's elements by key (their positions break ties).
    """
    children: dict[str, list[str]] = {}
    for key, edge in parent_edge.items():
        children.setdefault(edge.target, []).append(key)
    out: list[str] = []
    stack = [root]
    while stack:
        key = stack.pop()
        out.append(key)
        kids = sorted(
            children.get(key, []),
            key=lambda k: (parent_edge[k].order, elements[k].position),
        )
        stack.extend(reversed(kids))
    return out
