"""Worksheets: a map anonymised for students (positions, blanks, a bank) and its answer key."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from argmap.analysis.view import focus_root, narrows, submap
from argmap.exercise.numbering import positions
from argmap.model import ArgumentMap, Link, Node, NodeKind
from argmap.options import RenderOptions, Sheet

__all__ = [
    "HAND_CHARS",
    "KEY_TITLE",
    "SHEET_TITLE",
    "TITLES",
    "Worksheet",
    "blank_lines",
    "check_sheet_focus",
    "make_worksheet",
    "mixed_siblings",
    "sheet_title",
    "shuffled",
]

HAND_CHARS: Final = 20
"""Characters of handwriting that fit on one ruled line of a blank (print fits 34).

A line is 230 points long (:data:`~argmap.exporters.diagram.worksheet.RULE_WIDTH`), about
63 mm on a page printed at the legibility floor: over 3 mm a letter, as pupils write (3 to
4 mm). At 26 a line, 2.4 mm a letter, a blank was too short for its statement in a hand.
"""

MIN_LINES: Final = 2
"""A blank has at least this many ruled lines."""

TITLES: Final = {
    "fill": "write in the statements",
    "place": "place the statements",
    "label": "label the kinds and the arrows",
}
"""What a worksheet asks, for its title: the map's own title is left out unless kept
(it may name what is blanked)."""

SHEET_TITLE: Final = "Worksheet: "
KEY_TITLE: Final = "Answer key: "
"""What a worksheet's and its key's titles start with (then the task, or the kept title)."""

_ASIDE: Final = re.compile(r"\([^()]*\)")
"""A bracketed aside (the source a twin names: see :func:`twins`)."""

SHUFFLE_TRIES: Final = 50
"""Shuffles drawn at most while looking for a bank order other than the map's own."""


@dataclass(frozen=True)
class Worksheet:
    """A worksheet and its answer key, each a valid map with the options that draw it.

    Both maps name nodes by position (``1``, ``1.1`` ...), never by id, and leave out what
    the options do not keep; the worksheet's ``sheet`` says which statements are blank.
    """

    exercise: ArgumentMap
    exercise_options: RenderOptions
    answers: ArgumentMap
    answer_options: RenderOptions


def blank_lines(text: str) -> int:
    """The ruled lines a blank gives a statement: room for it in handwriting, two at least."""
    return max(MIN_LINES, math.ceil(len(" ".join(text.split())) / HAND_CHARS))


def _blank_sizes(texts: dict[str, str], options: RenderOptions) -> dict[str, int]:
    """Each blank's ruled lines by its position (a place sheet's box: 1).

    With ``even_blanks``, every blank has the longest statement's: one size, so that none
    hints at the length of its answer.
    """
    if options.exercise_kind == "place":
        return dict.fromkeys(texts, 1)
    blanks = {label: blank_lines(text) for label, text in texts.items()}
    if options.even_blanks and blanks:
        blanks = dict.fromkeys(blanks, max(blanks.values()))
    return blanks


def twins(nodes: Sequence[Node]) -> dict[str, list[str]]:
    """Each node's twins among ``nodes``: the same kind and words but what is in brackets.

    A map may state one claim once per source ("... (as reported by Reuters)", "...
    (as reported by nknews.org)"); a worksheet leaves out sources and citations, so
    nothing on it tells a student which twin goes in which box, and the key accepts any.
    """
    by_gist: dict[tuple[str, str], list[str]] = {}
    for node in nodes:
        gist = " ".join(_ASIDE.sub(" ", node.text).split()).casefold().rstrip(".!?;: ")
        if gist:
            by_gist.setdefault((node.kind.value, gist), []).append(node.id)
    return {
        node_id: [other for other in ids if other != node_id]
        for ids in by_gist.values()
        if len(ids) > 1
        for node_id in ids
    }


def shuffled(count: int, seed: int) -> list[int]:
    """A repeatable order of ``range(count)``: a uniform shuffle, never the map's own order.

    Every order is as likely as any other (but the identity, from three items on), so
    the bank rules nothing out: a shuffle that left no item in place would tell a
    student that bank number 1 is not the first box (with two items, the whole answer).
    The same seed gives the same order on every machine.
    """
    rng = random.Random(seed)
    order = list(range(count))
    for _ in range(SHUFFLE_TRIES):
        rng.shuffle(order)
        if count < 3 or order != sorted(order):
            break
    return order


def make_worksheet(m: ArgumentMap, options: RenderOptions) -> Worksheet:
    """Turn a map into a worksheet of ``options.exercise_kind`` and its answer key.

    The part of the map the options show (``focus``, ``depth``, ``hide``) is taken first;
    both results are whole maps of their own, so every exporter draws them as usual.

    Args:
        m: a valid map.
        options: render options: the kind of worksheet, ``blank_thesis``, ``seed`` and
            ``keep`` (what of the left-out fields to keep).

    Returns:
        The worksheet and its key, with the options each is rendered with.

    Raises:
        UnknownFocusError: ``options.focus`` names no node.
        OptionMisuseError: ``blank_thesis`` with a focus below the thesis.
    """
    if options.focus is not None and options.focus not in m:
        from argmap.errors import UnknownFocusError

        raise UnknownFocusError(options.map_name, options.focus, (n.id for n in m.nodes))
    check_sheet_focus(m, options)
    if narrows(options):
        m = submap(m, options)
    kind = options.exercise_kind
    if kind == "label":
        m = mixed_siblings(m, options.seed)
    labels = positions(m)
    blanked = [] if kind == "label" else _blanked(m, options)
    order = shuffled(len(blanked), options.seed) if kind == "place" else []
    bank = tuple(blanked[i].text for i in order)
    numbers = {labels[blanked[i].id]: n for n, i in enumerate(order, start=1)}
    pairs = twins(blanked).items() if kind == "place" else ()
    twinned = {labels[a]: tuple(numbers[labels[b]] for b in bs) for a, bs in pairs}
    blanks = _blank_sizes({labels[node.id]: node.text for node in blanked}, options)
    # A blank's statement is its position: no exporter draws it as a statement (they draw
    # the blank from the sheet), but a page's breadcrumb, stub or reference names the box by it.
    filler = {node.id: labels[node.id] for node in blanked}
    groups = _group_names(m)
    base = replace(
        options,
        focus=None if options.focus is None else labels[options.focus],
        depth=None,
        hide=options.hide - {"evidence", "reviewers"},
        status=options.status and "standing" in options.keep,
    )
    task = m.title if "title" in options.keep else TITLES[kind]
    sheet = Sheet(kind=kind, blanks=blanks, bank=bank, numbers=numbers, twins=twinned)
    exercise = _anonymised(m, labels, groups, filler, options.keep, SHEET_TITLE + task)
    key = _anonymised(m, labels, groups, {}, options.keep, KEY_TITLE + task)
    return Worksheet(
        exercise,
        replace(base, sheet=replace(sheet, numbers={}, twins={})),  # the answers: the key's
        key,
        replace(base, sheet=replace(sheet, answers=True)),  # blanks: its pages are the sheet's
    )


def sheet_title(key_title: str) -> str:
    """The worksheet's title, from its key's: the key's pages are the worksheet's."""
    return SHEET_TITLE + key_title.removeprefix(KEY_TITLE)


def check_sheet_focus(m: ArgumentMap, options: RenderOptions) -> None:
    """Refuse ``--blank-thesis`` on a worksheet of a focus below the thesis.

    The claims above a focus are its context, given (see :func:`_context`): the thesis
    heads them, so there is no box to blank it in.

    Raises:
        OptionMisuseError: the options blank the thesis and focus below it.
    """
    if options.blank_thesis and options.focus not in (None, m.thesis.id):
        from argmap.errors import OptionMisuseError

        raise OptionMisuseError(
            f"{options.map_name}: --blank-thesis with --focus {options.focus!r}: a worksheet "
            "gives the claims above its focus, the thesis first, as context; drop "
            f"--blank-thesis, or focus on the thesis ({m.thesis.id!r})"
        )


def _blanked(m: ArgumentMap, options: RenderOptions) -> list[Node]:
    """The nodes a fill or place worksheet blanks: all but the claims above its focus.

    The thesis is among those only when asked (``blank_thesis``).
    """
    given = set() if options.focus is None else _context(m, options.focus)
    return [
        node
        for node in m.nodes
        if node.id not in given and (node.id != m.thesis.id or options.blank_thesis)
    ]


def _context(m: ArgumentMap, focus: str) -> set[str]:
    """The claims above a focus, the thesis first: a worksheet gives them, as context.

    Pages of a focus start at it under a breadcrumb of these claims, and one drawing
    draws them above it; left blank, they would ask for what the sheet is not about.
    """
    root = focus_root(m, focus)
    return {node.id for node in m.ancestors(root)}


def mixed_siblings(m: ArgumentMap, seed: int) -> ArgumentMap:
    """The map with each node's children in a shuffled order, a linked group's together.

    A map file lists a node's premises, then its evidence, then its objections, so on a
    label worksheet the order of the boxes (their positions, ``1.3`` after ``1.2``, and
    their places left to right) would say which are which. The shuffle is repeatable
    (``seed``) and knows nothing of kinds; conclusions keep their order (``C1`` ...).
    """
    rng = random.Random(seed)
    drawn: dict[str, list[Node]] = {}
    for node in m.nodes:
        if node.kind is NodeKind.CONCLUSION and node.parent is not None:
            drawn.setdefault(node.parent, []).append(node)
    order: list[Node] = []
    stack = [m.thesis]
    while stack:
        node = stack.pop()
        order.append(node)
        units: list[list[Node]] = []
        where: dict[str, list[Node]] = {}
        for child in m.children(node.id):
            if child.group is None:
                units.append([child])
            elif child.group in where:
                where[child.group].append(child)
            else:
                units.append(where.setdefault(child.group, [child]))
        rng.shuffle(units)
        nexts = [child for unit in units for child in unit] + drawn.get(node.id, [])
        stack.extend(reversed(nexts))
    if len(order) != len(m.nodes):  # not a tree from the thesis: keep the file's order
        return m
    return ArgumentMap(
        title=m.title,
        description=m.description,
        source=m.source,
        sources=m.sources,
        nodes=tuple(order),
    )


def _group_names(m: ArgumentMap) -> dict[str, str]:
    """Linked groups renamed ``g1``, ``g2`` ... in document order (a group id can say a lot)."""
    names: dict[str, str] = {}
    for node in m.nodes:
        if node.group is not None and node.group not in names:
            names[node.group] = f"g{len(names) + 1}"
    return names


def _anonymised(
    m: ArgumentMap,
    labels: dict[str, str],
    groups: dict[str, str],
    filler: dict[str, str],
    keep: frozenset[str],
    title: str,
) -> ArgumentMap:
    """The map with ids as positions, blanked texts filled in, and only the kept fields."""
    nodes = tuple(_node(node, labels, groups, filler.get(node.id), keep) for node in m.nodes)
    return ArgumentMap(
        title=title,
        description=m.description if "description" in keep else None,
        source=m.source if "sources" in keep else None,
        sources=m.sources if "sources" in keep else {},
        nodes=nodes,
    )


def _node(
    node: Node,
    labels: dict[str, str],
    groups: dict[str, str],
    filler: str | None,
    keep: frozenset[str],
) -> Node:
    """One node as a worksheet shows it: nothing but its place, kind and (kept) fields."""
    return Node(
        id=labels[node.id],
        kind=node.kind,
        text=node.text if filler is None else filler,
        quote=node.quote if "quotes" in keep else None,
        citation=node.citation if "citations" in keep else None,
        source=node.source if "sources" in keep else None,
        author=node.author if "authors" in keep else None,
        added=node.added if "authors" in keep else None,
        tags=node.tags if "tags" in keep else (),
        strength=node.strength if "strength" in keep else None,
        basis=node.basis if "basis" in keep else None,
        assessment=node.assessment if "standing" in keep else None,
        note=node.note if "notes" in keep else None,
        parent=None if node.parent is None else labels[node.parent],
        relation=node.relation,
        group=None if node.group is None else groups[node.group],
        links=tuple(Link(to=labels[link.to], relation=link.relation) for link in node.links),
    )
