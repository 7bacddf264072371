"""The terminal view of a map: one node a line, with kind markers, ids and optional colour."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import click

from argmap.analysis.view import draw_kind
from argmap.model import ArgumentMap, Node, NodeKind, Relation, nested_under
from argmap.safetext import terminal_text

__all__ = ["MARKERS", "format_tree"]

MARKERS: Final[Mapping[NodeKind, str]] = {
    NodeKind.THESIS: "THESIS",
    NodeKind.PREMISE: "+ premise",
    NodeKind.EVIDENCE: "* evidence",
    NodeKind.OBJECTION: "- objection",
    NodeKind.REBUTTAL: "~ rebuttal",
    NodeKind.CONCLUSION: "=> conclusion",
}
"""Text marker per kind: colour is never the only signal."""

COLOURS: Final[Mapping[NodeKind, str]] = {
    NodeKind.THESIS: "bright_white",
    NodeKind.PREMISE: "green",
    NodeKind.EVIDENCE: "cyan",
    NodeKind.OBJECTION: "red",
    NodeKind.REBUTTAL: "yellow",
    NodeKind.CONCLUSION: "magenta",
}


def _marker(m: ArgumentMap, node: Node) -> str:
    marker = MARKERS[draw_kind(m, node)]
    if node.relation is Relation.UNDERCUTS:
        marker += " (undercuts link)"
    return marker


def _safe(text: str) -> str:
    return terminal_text(text, one_line=True)


def format_tree(
    m: ArgumentMap,
    *,
    focus: str | None = None,
    depth: int | None = None,
    color: bool = False,
    marks: Mapping[str, str] | None = None,
) -> str:
    """Return the map (or the subtree at ``focus``) as indented text, one node a line.

    Every field from the map has its controls and line breaks escaped (see
    :func:`~argmap.safetext.terminal_text`), so the text is safe to print on a terminal
    as it is, colours included.

    Args:
        m: the map.
        focus: id of the node to start from (default: the thesis), or of a linked group
            (its premises in turn).
        depth: how many levels below the start to show (None: all).
        color: add ANSI colours (for a terminal).
        marks: extra text per node id, shown after the marker (e.g. a standing badge).

    Raises:
        KeyError: ``focus`` is not an id in the map.
    """
    group = focus is not None and focus not in m and focus in m.groups()
    starts = m.groups()[focus] if group and focus is not None else [m.get(focus or m.thesis.id)]
    note, cuts = _view(m, starts[0].id if focus is not None else None, group, depth)
    lines = [note] if note else []
    for start in starts:
        lines += _subtree(m, start, depth, color, (marks, cuts))
        # Conclusions drawn from the start (in turn), each with its objections, after it.
        for node in nested_under(m, start.id):
            if node.kind is NodeKind.CONCLUSION and node is not start:
                lines.extend(_subtree(m, node, depth, color, (marks, cuts)))
    return "\n".join(lines) + "\n"


def _view(
    m: ArgumentMap, focus: str | None, group: bool, depth: int | None
) -> tuple[str, Mapping[str, str]]:
    """A line saying what part of the map is shown, and what it leaves out at each node.

    As a diagram's heading and boxes say it (see :mod:`argmap.analysis.viewcuts`):
    ``# focus: A car-free centre would…, 2 levels deep``, and ``+3 more below`` under a
    node whose children ``depth`` cut off. Nothing for the whole map.
    """
    if focus is None and depth is None:
        return "", {}
    from argmap.analysis.viewcuts import view_cuts, view_words
    from argmap.options import RenderOptions

    options = RenderOptions(focus=focus, focus_group=group, depth=depth)
    cuts = {node_id: cut.words() for node_id, cut in view_cuts(m, options).items()}
    return f"# {_safe(', '.join(view_words(m, options)))}", cuts


_MAX_INDENT: Final = 50
"""Levels shown by indenting; a deeper line says its level instead (a 100,000-deep chain
indented all the way would print some 20 GB)."""


def _indent(level: int) -> str:
    if level <= _MAX_INDENT:
        return "  " * level
    return "  " * _MAX_INDENT + f"(level {level}) "


def _subtree(
    m: ArgumentMap,
    start: Node,
    depth: int | None,
    color: bool,
    said: tuple[Mapping[str, str] | None, Mapping[str, str]],
) -> list[str]:
    """Return the lines of the tree under ``start``, ``start`` unindented.

    ``said``: the extra text per node id shown after its marker (see :func:`format_tree`),
    and what a part of the map leaves out at a node, on a line of its own under it.
    """
    marks, cuts = said
    lines: list[str] = []
    seen_groups: set[str] = set()
    # Group members sit one step in from their group's "& linked" line, and so does
    # everything below them.
    extra: dict[str, int] = {}
    for node, level in m.walk_levels(start.id, depth):
        grouped = int(node.group is not None and node.id != start.id)
        inherited = extra.get(node.parent, 0) if node.parent is not None and level else 0
        inset = inherited + grouped
        extra[node.id] = inset
        indent = _indent(level + inherited)
        if node.group is not None and grouped and node.group not in seen_groups:
            seen_groups.add(node.group)
            group = _safe(node.group)
            lines.append(f"{indent}& linked [{group}] (these premises support together)")
        if grouped:
            indent += "  "
        marker = _marker(m, node)
        if node.kind is NodeKind.CONCLUSION and node.parent is not None:
            marker += f" (drawn from [{node.parent}])"
        if marks and node.id in marks:
            marker += f" {_safe(marks[node.id])}"
        head = click.style(marker, fg=COLOURS[draw_kind(m, node)], bold=True) if color else marker
        parts = [f"{indent}{head} [{_safe(node.id)}] {_safe(node.text)}"]
        if node.author:
            parts.append(f"-- {_safe(node.author)}")
        if node.citation is not None:
            parts.append(f"({_safe(node.citation.label())})")
        lines.append(" ".join(parts))
        for link in node.links:
            lines.append(f"{indent}    also {link.relation.value} [{_safe(link.to)}]")
        if node.id in cuts:
            lines.append(f"{indent}    ({cuts[node.id]})")
    return lines
