"""Where things sit in block-style YAML text: indentation, and where nodes, fields, items end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

__all__ = [
    "KEY_ORDER",
    "dash_column",
    "field_span",
    "indent_of",
    "is_comment",
    "item_span",
    "item_span_at",
    "list_style",
    "node_end",
    "trim_end",
]

# Child-list keys in the order they are written (argmap.load.mapfile.KEY_KIND, kept import-free).
KEY_ORDER: Final = ("premises", "evidence", "objections", "rebuttals")


def indent_of(line: str) -> int:
    """Return how many spaces start the line."""
    return len(line) - len(line.lstrip(" "))


def is_comment(line: str) -> bool:
    """Return True for a line holding only a comment."""
    return line.lstrip().startswith("#")


def _blank(line: str) -> bool:
    return not line.strip()


def node_end(lines: Sequence[str], start: int, col: int) -> int:
    """Return the last line (0-based, inclusive) of a block node that starts at ``start``.

    Lines belonging to a node whose content sits at column ``col`` are indented at
    least ``col``; blank lines are neutral, and comment lines belong to it when they
    are indented that far too. The first content line indented less ends the node.
    """
    last = start
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if _blank(line):
            continue
        if indent_of(line) < col:
            if is_comment(line):
                continue
            break
        last = j
    return last


def dash_column(lines: Sequence[str], line: int, col: int) -> int | None:
    """Return the column of the ``-`` opening the sequence item whose value is at (line, col)."""
    head = lines[line][:col].rstrip(" ")
    if head.endswith("-") and not head[:-1].strip():
        return len(head) - 1
    return None


def field_span(lines: Sequence[str], key_line: int, next_line: int | None, col: int) -> int:
    """Return the last line of a mapping field starting at ``key_line``.

    ``next_line`` is the line of the next key of the same mapping (None for the
    last key, whose field ends where its mapping ends). Comments and blank lines just
    above the next key, at the mapping's own indentation or less, belong to that key.
    """
    if next_line is None:
        return node_end(lines, key_line, col + 1)
    last = next_line - 1
    while last > key_line and (
        _blank(lines[last]) or (is_comment(lines[last]) and indent_of(lines[last]) <= col)
    ):
        last -= 1
    return last


def trim_end(lines: Sequence[str], end: int, col: int) -> int:
    """Step back over trailing comment lines at ``col`` or less (they introduce what follows)."""
    while end > 0 and is_comment(lines[end]) and indent_of(lines[end]) <= col:
        end -= 1
    return end


def item_span(lines: Sequence[str], item: Any) -> tuple[int, int, int] | None:
    """Return (first line, last line, dash column) of a block-sequence item (a mapping)."""
    return item_span_at(lines, item.lc.line, item.lc.col)


def item_span_at(lines: Sequence[str], line: int, col: int) -> tuple[int, int, int] | None:
    """Return the span of the block-sequence item whose content starts at ``line``/``col``.

    As :func:`item_span`; None when no dash precedes the content on its line.
    """
    dash = dash_column(lines, line, col)
    if dash is None:
        return None
    return line, trim_end(lines, node_end(lines, line, col), dash), dash


def list_style(target: Any, lines: Sequence[str] | None = None) -> tuple[int, int]:
    """Return (dash offset, content offset) of block lists under ``target``, else (2, 4).

    ``lines``: the file's, to read where the dash sits (``-   id:`` in a map indented by
    four); without them it is taken to sit two columns before the item's content.
    """
    from ruamel.yaml.comments import CommentedSeq

    stack = [target]
    while stack:
        node = stack.pop()
        for key, value in node.items():
            if (
                key in KEY_ORDER
                and isinstance(value, CommentedSeq)
                and value
                and not value.fa.flow_style()
            ):
                key_col = node.lc.key(key)[1]
                line, col = value.lc.item(0)
                found = dash_column(lines, line, col) if lines is not None else None
                dash = col - 2 if found is None else found
                return dash - key_col, col - key_col
            if isinstance(value, dict):
                stack.append(value)
            elif isinstance(value, list):
                stack.extend(v for v in value if isinstance(v, dict))
    return 2, 4
