"""Argdown front matter: the YAML between ``===`` lines that opens a file, read as map metadata."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from argmap.errors import MapFileError
from argmap.interop.fitting import note_value
from argmap.interop.flowyaml import FlowError, load_flow
from argmap.interop.graph import GraphBuilder
from argmap.interop.textlines import text_lines

__all__ = ["DESCRIBING", "described", "front_matter"]

DESCRIBING: Final = {
    "subTitle": "",
    "subtitle": "",
    "abstract": "",
    "author": "Author: ",
    "authors": "Authors: ",
    "date": "Date: ",
}
"""Front matter that tells about the document (Argdown's HTML header), by the words that
introduce each in the map's description."""


def front_matter(
    text: str, path: str, graph: GraphBuilder, keys: Sequence[str]
) -> tuple[int, dict[str, Any]]:
    """Return the index of the first line after the front matter, and its ``keys``.

    Other keys are reported in one warning.

    Raises:
        MapFileError: front matter that is never closed or is not valid YAML.
    """
    lines = text_lines(text)
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].strip().startswith("==="):
        return 0, {}
    for end in range(first + 1, len(lines)):
        if lines[end].strip().startswith("==="):
            return end + 1, _header(lines, first, end, path, graph, keys)
    raise MapFileError(
        path, "front matter opened with '===' is never closed", line=first + 1, column=1
    )


def _header(
    lines: list[str], first: int, end: int, path: str, graph: GraphBuilder, keys: Sequence[str]
) -> dict[str, Any]:
    try:
        data = load_flow("\n".join(lines[first + 1 : end]))
    except FlowError as exc:
        line, column = (first + 2 + exc.line, exc.column + 1) if exc.line >= 0 else (first + 1, 1)
        raise MapFileError(
            path,
            f"invalid front matter: {exc}; fix the YAML between the '===' lines",
            line=line,
            column=column,
        ) from None
    header: dict[str, Any] = {}
    if not isinstance(data, dict):
        return header
    for key, value in data.items():
        if key in keys:
            header[str(key)] = value
            continue
        line = next(
            (i + 1 for i in range(first + 1, end) if lines[i].startswith(f"{key}:")), first + 1
        )
        graph.warn_kind("front matter keys not kept", line, item=repr(key))
    return header


def described(header: dict[str, Any]) -> dict[str, Any]:
    """Return the map header the front matter gives, the description made whole.

    Its subtitle, abstract, author and date follow the description's own text in the
    map's description, one paragraph each.
    """
    out = {k: v for k, v in header.items() if k not in DESCRIBING}
    parts = [note_value(out["description"])] if out.get("description") is not None else []
    for key, words in DESCRIBING.items():
        value = header.get(key)
        if value is not None and note_value(value).strip():
            parts.append(words + " ".join(note_value(value).split()))
    if parts:
        out["description"] = "\n\n".join(parts)
    return out
