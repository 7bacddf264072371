"""Node fields an imported element brings that a map cannot hold, moved into the node's note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from argmap.model import Node, NodeKind

if TYPE_CHECKING:
    from argmap.interop.graph import GraphBuilder

__all__ = ["fit_fields", "note_value"]


def fit_fields(
    graph: GraphBuilder,
    key: str,
    kind: NodeKind,
    base: dict[str, Any],
    extra: dict[str, Any],
    notes: list[str],
) -> dict[str, Any]:
    """Return the fields the node can hold; the others go into its note, with a warning a kind.

    ``notes`` (what the importer already keeps there, such as a title) come first, then
    each unfit field as ``name: value``, then the element's own note.
    """
    line = graph.elements[key].line
    unfit: list[str] = []
    _fit_tags(graph, key, extra, notes)
    if kind is not NodeKind.EVIDENCE and "basis" in extra:
        unfit.append("basis")
    if "source" in extra and extra["source"] not in graph.sources:
        unfit.append("source")
        graph.warn_kind(
            "sources that the map's 'sources' does not list are kept in the node's note",
            line,
            item=f"{key!r}: {extra['source']!r}",
        )
    trial = {**base, **{k: v for k, v in extra.items() if k not in unfit}}
    try:
        Node.model_validate({**trial, "note": None})
    except ValidationError as exc:
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            if name in extra and name not in unfit and name != "note":
                unfit.append(name)
                graph.warn_kind(
                    f"field values argmap cannot hold are kept in the node's note ({err['msg']})",
                    line,
                    item=f"{key!r}: {name}",
                )
    if "basis" in unfit and "basis" not in notes:
        graph.warn_kind("'basis' is for evidence; kept in the node's note", line, item=repr(key))
    notes += [f"{name}: {note_value(extra.pop(name))}" for name in unfit]
    if extra.get("note") is not None:
        notes.append(note_value(extra["note"]))
    if notes:
        extra["note"] = "\n\n".join(notes)
    return extra


def _fit_tags(graph: GraphBuilder, key: str, extra: dict[str, Any], notes: list[str]) -> None:
    """Keep each valid tag once; a tag argmap cannot hold goes to the note, not the others.

    A tag given twice (``#a #a``) is one tag, as in the formats that write it; an empty
    one says nothing and is dropped.
    """
    tags = extra.get("tags")
    if not isinstance(tags, list | tuple):
        return
    from argmap.model import tag_problem

    kept: list[str] = []
    unfit: list[Any] = []
    for tag in tags:
        if isinstance(tag, str) and tag_problem(tag) is None:
            if tag not in kept:
                kept.append(tag)
        elif tag not in unfit and not (isinstance(tag, str) and not tag.strip()):
            unfit.append(tag)
    if unfit:
        graph.warn_kind(
            "tags argmap cannot hold (a line break, spaces at an end, not text) are "
            "kept in the node's note",
            graph.elements[key].line,
            item=f"{key!r}: {', '.join(repr(t) for t in unfit)}",
        )
        notes.append(f"tags: {note_value(unfit)}")
    if kept:
        extra["tags"] = kept
    else:
        extra.pop("tags")


def note_value(value: Any) -> str:
    """A field's value as words for a note: mappings as ``key: value``, lists with commas.

    Iterative, so data nested thousands deep is written out, not a crash.
    """
    out: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        parts: list[Any]
        if isinstance(item, dict):
            parts = [piece for k, v in item.items() for piece in (", ", f"{k}: ", v)][1:]
        elif isinstance(item, list | tuple):
            parts = [piece for v in item for piece in (", ", v)][1:]
        else:
            out.append(str(item))  # text already is words (the ", " between items too)
            continue
        stack.extend(reversed(parts))
    return "".join(out)
