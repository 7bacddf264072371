"""A paged diagram's outline: each page named by its first branch, nested as the map is.

The PDF's bookmarks, and the HTML page's list of pages to go to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind
from argmap.analysis.wording import listed
from argmap.exporters.diagram.linebreak import shorten
from argmap.exporters.diagram.pdfwrite import Bookmark
from argmap.exporters.diagram.stubstatus import stub_word
from argmap.safetext import without_bidi_controls

if TYPE_CHECKING:
    from argmap.exporters.diagram.fitting import Layout
    from argmap.model import ArgumentMap
    from argmap.options import RenderOptions

__all__ = ["TITLE_CHARS", "indented", "page_outline"]

TITLE_CHARS: Final = 80
"""A bookmark's statement is shortened to this many characters (a viewer's sidebar is narrow)."""


def page_outline(m: ArgumentMap, layout: Layout, options: RenderOptions) -> list[Bookmark]:
    """The names of a diagram's pages, in page order: the PDF's bookmarks, the page's list.

    Each page is named by its number, then the kind (as its box names it: ``UNDERCUTS THE
    LINK``) and statement of the first top it draws (the node it continues from; the thesis
    on page 1), with how many more tops it holds. It is nested under the page that draws
    that top's parent, as its stub there leads to it, and listed again under each other
    page whose stub leads to one of its tops (a page may go on with branches of several):
    the outline reads as the map's tree, a reader opening the branches they follow. A
    page's own entries nest under its first. The page of the map's key alone (after the
    last) is named so, at the top level. None for a worksheet, whose bookmarks would give
    away what it hides (the kinds, or the statements left blank), nor for a single page.
    """
    if options.sheet is not None or len(layout.pages) < 2:
        return []
    home = {node: laid.plan.page.number for laid in layout.pages for node in laid.plan.page.nodes}
    marks = []
    for laid in layout.pages:
        page = laid.plan.page
        if not page.tops:
            marks.append(Bookmark(f"{page.number} · Key", page.number))
            continue
        tops = _drawn_order(page.tops, page.nodes)
        node = m.get(tops[0])
        label = stub_word(node, draw_kind(m, node))
        more = f" (and {len(tops) - 1} more)" if len(tops) > 1 else ""
        text = shorten(without_bidi_controls(node.text), TITLE_CHARS)
        title = f"{page.number} · {label}: {text}{more}"
        parents = [home.get(m.get(top).parent or "", 0) for top in tops]
        led = list(dict.fromkeys(n for n in parents if 0 < n < page.number)) or [0]
        marks += [Bookmark(title, page.number, parent) for parent in led]
    return marks


def _drawn_order(tops: Sequence[str], nodes: Sequence[str]) -> list[str]:
    """A page's tops in the order it draws them: its nodes' (document) order."""
    at = {node: i for i, node in enumerate(nodes)}
    return sorted(tops, key=lambda top: at.get(top, len(at)))


def indented(outline: Sequence[Bookmark], deepest: int = 6) -> list[str]:
    """Each page's title once, indented two no-break spaces a level (``deepest`` at most).

    For a flat list of pages (a ``<select>``), whose entries keep the map's nesting: a
    page listed under several pages sits under the first, and its title says which it
    continues (``· continues p. 8 and p. 12``).
    """
    led: dict[int, list[int]] = {}
    for mark in outline:
        led.setdefault(mark.page, []).append(mark.parent)
    depth: dict[int, int] = {}
    out = []
    for mark in outline:
        if mark.page in depth:
            continue
        level = depth[mark.page] = depth.get(mark.parent, -1) + 1 if mark.parent else 0
        pages = led[mark.page]
        also = f" · continues {listed(f'p. {n}' for n in sorted(pages))}" if len(pages) > 1 else ""
        out.append("\u00a0\u00a0" * min(level, deepest) + mark.title + also)
    return out
