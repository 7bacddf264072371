"""Line-level splicing of YAML map text, guided by ruamel positions: edits touch their lines."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from argmap.editing.fieldlines import render_fields, render_item
from argmap.editing.textlines import Edit, spliced
from argmap.editing.wrapping import WRAPPED_FIELDS, file_wrap
from argmap.editing.yamllines import (
    KEY_ORDER,
    dash_column,
    field_span,
    indent_of,
    is_comment,
    item_span,
    item_span_at,
    list_style,
    node_end,
    trim_end,
)
from argmap.load.mapfile import KEY_KIND

__all__ = [
    "Edit",
    "FieldLayout",
    "append_item",
    "apply_edits",
    "field_edits",
    "field_layout",
    "insert_lines",
    "insert_list_key",
    "item_removal",
    "merge_changes",
    "render_fields",
    "render_item",
    "seq_item_removal",
    "seq_scalar_replacement",
    "ungroup",
    "wrap_in_group",
]


def merge_changes(original: str, base: str, changed: str) -> str | None:
    """Carry the line changes from ``base`` to ``changed`` over onto ``original``.

    ``base`` is ruamel's dump of the unmodified file and ``changed`` its dump after
    the edit. Where ruamel reformatted a part of the file that the edit also touches,
    the change cannot be placed and None is returned.
    """
    orig = original.splitlines(keepends=True)
    old = base.splitlines(keepends=True)
    new = changed.splitlines(keepends=True)
    mapped: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, old, orig, autojunk=False)
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                mapped[i1 + k] = j1 + k
    edits: list[tuple[int, int, list[str]]] = []
    changes = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in changes.get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:
            if i1 == 0:
                at = 0
            elif i1 - 1 in mapped:
                at = mapped[i1 - 1] + 1
            elif i1 in mapped:
                at = mapped[i1]
            else:
                return None
            edits.append((at, at, new[j1:j2]))
            continue
        span = [mapped.get(i) for i in range(i1, i2)]
        first = span[0]
        if first is None or any(s != first + k for k, s in enumerate(span)):
            return None
        edits.append((first, first + len(span), new[j1:j2]))
    out = list(orig)
    for start, stop, lines in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out[start:stop] = lines
    return "".join(out)


def wrap_in_group(
    lines: Sequence[str], partner: Any, seq: Any, entry: Mapping[str, Any], dash_offset: int
) -> str | None:
    """Wrap a plain premise's lines in a ``- linked:`` item and add the new premise after it.

    ``partner`` is the premise's ruamel mapping and ``seq`` the list holding it.
    """
    if seq.fa.flow_style() or partner.fa.flow_style():
        return None
    line, col = partner.lc.line, partner.lc.col
    dash = dash_column(lines, line, col)
    if dash is None:
        return None
    end = trim_end(lines, node_end(lines, line, col), dash)
    shift = col + dash_offset - dash
    moved = [" " * shift + text if text.strip() else text for text in lines[line : end + 1]]
    block = [" " * dash + "-" + " " * (col - dash - 1) + "linked:\n", *moved]
    block += render_item(entry, dash + shift, col + shift, file_wrap(lines))
    return spliced(lines, [(line, end + 1, block)])


def insert_list_key(lines: Sequence[str], target: Any, key: str, entry: Mapping[str, Any]) -> str:
    """Add ``key:`` with one item to a block mapping, before the child keys that follow it."""
    col = target.lc.col
    dash_offset, content_offset = list_style(target, lines)
    order = list(KEY_KIND)  # with 'conclusions', last: an add of the first one failed here
    at: int | None = None
    for existing in target:
        if existing in KEY_KIND and existing != key and order.index(existing) > order.index(key):
            at = target.lc.key(existing)[0]
            while at > 0 and is_comment(lines[at - 1]) and indent_of(lines[at - 1]) == col:
                at -= 1
            break
    if at is None:
        at = trim_end(lines, node_end(lines, target.lc.line, col), col) + 1
    block = [" " * col + f"{key}:\n"]
    block += render_item(entry, col + dash_offset, col + content_offset, file_wrap(lines))
    return insert_lines(lines, at, block)


def fill_empty_key(
    lines: Sequence[str], target: Any, key: str, entry: Mapping[str, Any]
) -> str | None:
    """Give ``key:`` of a block mapping, written empty (``[]``, ``null``, nothing), its item.

    Its line keeps its comment; the item goes below it in the file's list style. None:
    the line is not as expected (the caller writes the file another way).
    """
    line, col = target.lc.key(key)[0], target.lc.col
    text = lines[line]
    head = " " * col + f"{key}:"
    body = text.rstrip("\r\n")
    value, sep, comment = body[len(head) :].partition("#")
    empty = value.strip() in ("", "[]", "~", "null")
    if not body.startswith(head) or not empty or (sep and value[-1:] not in ("", " ", "\t")):
        return None
    dash_offset, content_offset = list_style(target, lines)
    kept = f"{value[len(value.rstrip()) :] or ' '}{sep}{comment}" if sep else ""
    block = [f"{head}{kept}{text[len(body) :] or chr(10)}"]
    block += render_item(entry, col + dash_offset, col + content_offset, file_wrap(lines))
    return spliced(lines, [(line, line + 1, block)])


def insert_lines(lines: Sequence[str], at: int, new_lines: list[str]) -> str:
    """Return the text with ``new_lines`` inserted before line ``at``."""
    if at > 0 and at == len(lines) and not lines[-1].endswith("\n"):
        return spliced(lines, [(at - 1, at, [lines[-1] + "\n", *new_lines])])
    return spliced(lines, [(at, at, new_lines)])


@dataclass
class FieldLayout:
    """Line spans of a block mapping's fields, read before the tree is edited."""

    col: int
    spans: dict[str, tuple[int, int]]
    comments: dict[str, str]
    insert_at: int
    prefixes: dict[str, str] = field(default_factory=dict)
    """Per key whose line also holds the item's dash: the text before the key (``"  - "``)."""
    lines: Sequence[str] = ()
    """The file's lines, measured for its wrap if a text or note is written."""


def field_layout(lines: Sequence[str], entry: Any) -> FieldLayout | None:
    """Read the line spans of a block mapping's fields (None for a flow mapping)."""
    if entry.fa.flow_style():
        return None
    col = entry.lc.col
    keys = list(entry)
    spans: dict[str, tuple[int, int]] = {}
    comments: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for i, key in enumerate(keys):
        start = entry.lc.key(key)[0]
        nxt = entry.lc.key(keys[i + 1])[0] if i + 1 < len(keys) else None
        spans[key] = (start, field_span(lines, start, nxt, col))
        token = entry.ca.items.get(key, [None, None, None])[2]
        comment_col = getattr(token, "column", None)
        # On the key's line, or on the last line of a plain scalar run over several.
        if token is not None and isinstance(comment_col, int):
            at = token.start_mark.line
            if start <= at <= spans[key][1] and lines[at][:comment_col].strip():
                line = lines[at]
                gap = comment_col - len(line[:comment_col].rstrip(" "))
                comments[key] = " " * max(gap, 1) + line[comment_col:].rstrip("\n")
        if lines[start][:col].strip():
            prefixes[key] = lines[start][:col]
    first_child = next((k for k in keys if k in KEY_ORDER or k == "links"), None)
    insert_at = spans[first_child][0] if first_child else spans[keys[-1]][1] + 1
    return FieldLayout(col, spans, comments, insert_at, prefixes, lines)


def apply_edits(lines: Sequence[str], edits: Sequence[Edit]) -> str | None:
    """Apply line edits (in any order); None when two of them overlap."""
    ordered = sorted(edits, key=lambda e: (e[0], e[1]))
    for (_s1, stop1, _l1), (start2, _s2, _l2) in zip(ordered, ordered[1:], strict=False):
        if start2 < stop1:
            return None
    return spliced(lines, ordered)


def field_edits(layout: FieldLayout, entry: Any, before: Mapping[str, Any]) -> list[Edit]:
    """Edits that rewrite only the fields that changed (``entry`` holds the new values)."""
    col = layout.col
    edits: list[Edit] = []
    added: list[str] = []
    changed = [key for key in entry if key in before and entry[key] is not before[key]]
    texts = {*changed, *(key for key in entry if key not in before)} & set(WRAPPED_FIELDS)
    wrap = file_wrap(layout.lines) if texts else None  # read the file only for a text
    for key in entry:
        if key not in before:
            added.append(key)
        elif key in changed:
            start, end = layout.spans[key]
            new = render_fields({key: entry[key]}, col, wrap)
            if prefix := layout.prefixes.get(key):
                # The item's dash shares the key's line ("- id: x"): keep it.
                new[0] = prefix + new[0][col:]
            if key in layout.comments and (len(new) == 1 or new[0].endswith(": >-\n")):
                # Its comment stays on the key's line: after the value, or after ">-".
                new[0] = new[0].rstrip("\n") + layout.comments[key] + "\n"
            edits.append((start, end + 1, new))
    for key in before:
        if key not in entry:
            start, end = layout.spans[key]
            edits.append((start, end + 1, []))
    if added:
        block: list[str] = []
        for key in added:
            block += render_fields({key: entry[key]}, col, wrap)
        edits.append((layout.insert_at, layout.insert_at, block))
    return edits


def append_item(lines: Sequence[str], seq: Any, entry: Mapping[str, Any]) -> str | None:
    """Add an item after the last item of a non-empty block sequence, in its indentation."""
    if not seq or seq.fa.flow_style():
        return None
    last_line, last_col = seq.lc.item(len(seq) - 1)
    dash = dash_column(lines, last_line, last_col)
    if dash is None:
        return None
    end = node_end(lines, last_line, last_col)
    return insert_lines(lines, end + 1, render_item(entry, dash, last_col, file_wrap(lines)))


def seq_item_removal(lines: Sequence[str], seq: Any, index: int) -> Edit | None:
    """The edit deleting item ``index`` of a block sequence (a scalar or a mapping).

    None when the item does not sit alone on its lines (a flow sequence, say).
    """
    if seq.fa.flow_style():
        return None
    span = item_span_at(lines, *seq.lc.item(index))
    return None if span is None else (span[0], span[1] + 1, [])


def seq_scalar_replacement(
    lines: Sequence[str], line: int, col: int, old: str, new: str
) -> Edit | None:
    """The edit replacing the scalar ``old`` at ``line``/``col`` by ``new``, quotes kept.

    A plain one is quoted if ``new`` needs it (a YAML 1.1 boolean word, ``yes``). None
    unless the text there is ``old``, plain or quoted, ending at a word boundary.
    """
    from argmap.load.dump import quote_risky

    text = lines[line]
    for quote in ("", "'", '"'):
        token = f"{quote}{old}{quote}"
        end = col + len(token)
        if text.startswith(token, col) and (end == len(text) or not _id_char(text[end])):
            written = quote or ("'" if quote_risky(new) is not new else "")
            return (line, line + 1, [text[:col] + f"{written}{new}{written}" + text[end:]])
    return None


def _id_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_.-"


def item_removal(lines: Sequence[str], item: Any, seq: Any, owner: Any, key: str) -> Edit | None:
    """The edit deleting a block-sequence item (and its key, when it is the only item)."""
    span = None if seq.fa.flow_style() else item_span(lines, item)
    if span is None:
        return None
    start, end, _dash = span
    if len(seq) == 1:
        start = owner.lc.key(key)[0]
    return (start, end + 1, [])


def ungroup(lines: Sequence[str], group: Any, keep: Any) -> Edit | None:
    """The edit replacing a linked-group item by one of its premises, dedented into its place."""
    outer = item_span(lines, group)
    inner = item_span(lines, keep)
    if outer is None or inner is None:
        return None
    shift = inner[2] - outer[2]
    moved = list(lines[inner[0] : inner[1] + 1])
    if any(line.strip() and indent_of(line) < shift for line in moved):
        return None
    return (outer[0], outer[1] + 1, [line[shift:] if line.strip() else line for line in moved])
