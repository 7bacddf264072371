"""An Argdown file's prose: untitled statements with no relation, kept in the map's description."""

from __future__ import annotations

from typing import Final

from argmap.interop.graph import GraphBuilder

__all__ = ["take_prose"]

_WARNING: Final = (
    "untitled statements that bear on nothing and that nothing bears on (the file's prose) "
    "are kept in the map's description, not drawn, as Argdown's map leaves them out"
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
        graph.warn_kind(_WARNING, element.line)
        texts.append(element.addressed or element.text)
    return texts
