"""Node fields written as YAML lines at a column: lists in flow style, long texts folded."""

from __future__ import annotations

from collections.abc import Mapping
from io import StringIO
from typing import Any

from argmap.editing.wrapping import WRAPPED_FIELDS, Wrap, fits, fold_lines, foldable, reads_back
from argmap.load.dump import escape_invisible, quote_risky

__all__ = ["render_fields", "render_item"]


def _flow(value: Any) -> Any:
    """Copy nested lists and mappings as flow-style ruamel containers (one line each)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out: Any
    if isinstance(value, Mapping):
        out = CommentedMap((k, _flow(v)) for k, v in value.items())
    elif isinstance(value, list | tuple):
        out = CommentedSeq(_flow(v) for v in value)
    else:
        return quote_risky(value)
    out.fa.set_flow_style()
    return out


def _dump(data: Mapping[str, Any]) -> list[str]:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=2, offset=0)
    top = CommentedMap((k, _flow(v)) for k, v in data.items())
    top.fa.set_block_style()
    buffer = StringIO()
    yaml.dump(top, buffer)
    return escape_invisible(buffer.getvalue()).splitlines(keepends=True)


def render_fields(fields: Mapping[str, Any], col: int, wrap: Wrap | None = None) -> list[str]:
    """Render mapping fields as YAML lines whose keys sit at column ``col``.

    Scalars keep any ruamel style they carry (quotes, block scalars); lists and
    mappings are written in flow style, one field a line where possible. With the file's
    ``wrap`` (see :func:`~.wrapping.file_wrap`), a text or note too long for its key's
    line, or written folded already, is written folded at the file's width.
    """
    out: list[str] = []
    run: dict[str, Any] = {}
    for key, value in fields.items():
        folded = None if wrap is None else _folded(key, value, col, wrap)
        if folded is None:
            run[key] = _exact(key, value, col)
            continue
        out += _indented(run, col) if run else []
        out += folded
        run = {}
    return out + (_indented(run, col) if run else [])


def _indented(fields: Mapping[str, Any], col: int) -> list[str]:
    return [" " * col + line if line.strip() else line for line in _dump(fields)]


def _folded(key: str, value: Any, col: int, wrap: Wrap) -> list[str] | None:
    """``key: >-`` and its lines, for a long text or note (None: written as it is)."""
    if key not in WRAPPED_FIELDS or not foldable(value):
        return None
    if type(value) is str and fits(key, value, col, wrap):  # plain, and short
        return None
    return fold_lines(key, value, col, wrap)


def _exact(key: str, value: Any, col: int) -> Any:
    """``value`` in the style it is written in, one that reads back as the same text.

    Text with a line break goes in a literal block (``|-``), if it reads back so. ruamel
    folds a text with a space at either end, or lines of spaces, into lines that read back
    as other text (or not at all, moved to the key's column): a folded text that argmap
    cannot fold goes plain then, in the quotes ruamel picks.
    """
    from ruamel.yaml.scalarstring import FoldedScalarString

    if isinstance(value, str) and "\n" in value:
        block = _literal(key, value, col)
        if block is not None:
            return block
    if not isinstance(value, FoldedScalarString):
        return value
    alone = _indented({key: value}, col)
    exact = reads_back(alone, key, value) and not any(x.strip() == "..." for x in alone)
    return value if exact else str(value)


def _literal(key: str, value: str, col: int) -> Any:
    """A text of several lines as a literal block (None: kept in its style, or quoted).

    One written plain or in quotes (as the old value was: an edit keeps its quoting) had
    its line breaks escaped, all on one line. Not a text YAML writes only escaped (an
    invisible character), nor one with a line ending in a space or tab: an editor that
    trims lines would change it unseen.
    """
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    text = str(value)
    if type(value) not in (str, SingleQuotedScalarString, DoubleQuotedScalarString):
        return None  # a block already, or another type
    if quote_risky(text) is not text or any(
        line.endswith((" ", "\t")) for line in text.split("\n")
    ):
        return None
    block = LiteralScalarString(text)
    return block if reads_back(_indented({key: block}, col), key, text) else None


def render_item(
    fields: Mapping[str, Any], dash: int, col: int, wrap: Wrap | None = None
) -> list[str]:
    """Render a mapping as one block-sequence item: ``-`` at ``dash``, keys at ``col``."""
    lines = render_fields(fields, col, wrap)
    first = lines[0]
    lines[0] = " " * dash + "-" + first[dash + 1 :]
    return lines
