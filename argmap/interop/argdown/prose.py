"""An Argdown file's prose: untitled statements with no relation, kept in the map's description."""

from __future__ import annotations

import json
from typing import Final

from argmap.interop.elements import Element
from argmap.interop.graph import GraphBuilder

__all__ = ["take_prose"]

_WARNING: Final = (
    "untitled statements that bear on nothing and that nothing bears on (the file's prose) "
    "are kept in the map's description, not drawn, as Argdown's map leaves them out"
)
_WITH_DATA: Final = (
    "#tags and {data} of the file's prose follow its text in the map's description, in "
    "brackets (it has no note)"
)


def take_prose(graph: GraphBuilder, thesis: str | None = None) -> list[str]:
    """Take the file's prose out of the graph; return its paragraphs in file order.

    Argdown reads every paragraph as a statement, and a document interleaves its
    arguments with commentary ("The first argument is based on ..."): untitled, related
    to nothing, Argdown's map leaves such statements out (it draws statements with a
    title, connected ones). Read as claims, they were roots: reasons of a thesis made
    from the title (``--all-roots``), or more root claims to choose from. A file of
    prose alone keeps its paragraphs as statements (there is nothing else to draw), and
    so does one named as the thesis (``thesis``: an id, title or text).
    """
    related = {edge.source for edge in graph.edges} | {edge.target for edge in graph.edges}
    loose = [
        key
        for key, element in graph.elements.items()
        if key not in related
        and element.title is None
        and element.text.strip()
        and thesis not in (key, element.text)
    ]
    if not loose or len(loose) == len(graph.elements):
        return []
    texts = []
    for key in sorted(loose, key=lambda k: graph.elements[k].position):
        element = graph.elements.pop(key)
        extra = _extras(element)
        graph.warn_kind(_WARNING, element.line)
        if extra:
            graph.warn_kind(_WITH_DATA, element.line)
        text = element.addressed or element.text
        texts.append(f"{text} [{'; '.join(extra)}]" if extra else text)
    return texts


def _extras(element: Element) -> list[str]:
    """What a prose paragraph says besides its text: ``#tags``, ``{data}`` and wordings."""
    tags = element.fields.get("tags") or []
    said = [f"#{tag}" for tag in tags]
    for name, value in element.fields.items():
        if name != "tags":
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            said.append(f"{name}: {shown}")
    notes = [note for note in element.notes if not note.startswith("Link: ")]
    return [*said, *notes, *element.wordings]  # (links: in the text, with their addresses)
