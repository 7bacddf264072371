"""An Argdown element's definitions: the last text is kept, the others and its links noted."""

from __future__ import annotations

from typing import NamedTuple

from argmap.interop.graph import GraphBuilder
from argmap.interop.markup import link_notes

__all__ = ["Wording", "settle_wordings"]


class Wording(NamedTuple):
    """One definition's text: as Argdown shows it, with its links' addresses, its links."""

    text: str
    line: int
    addressed: str = ""
    links: tuple[tuple[str, str], ...] = ()


def settle_wordings(graph: GraphBuilder, wordings: dict[str, list[Wording]]) -> None:
    """Give each element the text it was last defined with, as Argdown does.

    The other texts go into its note (``Also worded: ...``, said once in a warning), and
    so does each link's address (``Link: words: url``): a link reads as Argdown shows it,
    its words, and its address ran inside the box, wrapping across it.
    """
    for key, texts in wordings.items():
        element = graph.elements[key]
        last = texts[-1]
        element.text = last.text
        element.addressed = last.addressed or None
        others = list(dict.fromkeys(w.text for w in texts[:-1] if w.text != element.text))
        if others:
            element.wordings = others
            graph.warn_kind(
                "an element defined again with other text: the last text is kept, as "
                "Argdown does; the others are in its note",
                last.line,
            )
        element.notes += link_notes([link for wording in texts for link in wording.links])
