"""A paged diagram's outline: each page named by its first branch, nested as the map is.

The PDF's bookmarks, and the HTML page's list of pages to go to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind
from argmap.exporters.diagram.labels import shorten
from argmap.exporters.diagram.pdfwrite import Bookmark
from argmap.exporters.diagram.styles import THEMES
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

    Each page is named by its number, then the kind and statement of its first top (the
    node it continues from; the thesis on page 1), with how many more tops it holds; it
    is nested under the page that draws that top's parent, as its stub there leads to
    it: the outline reads as the map's tree, a reader opening the branches they follow.
    The page of the map's key alone (after the last) is named so, at the top level.
    None for a worksheet, whose bookmarks would give away what it hides (the kinds, or
    the statements left blank), nor for a single page.
    """
    if options.sheet is not None or len(layout.pages) < 2:
        return []
    home = {node: laid.plan.page.number for laid in layout.pages for node in laid.plan.page.nodes}
    styles = THEMES[options.theme][0]
    marks = []
    for laid in layout.pages:
        page = laid.plan.page
        if not page.tops:
            marks.append(Bookmark(f"{page.number} · Key", page.number))
            continue
        node = m.get(page.tops[0])
        label = styles[draw_kind(m, node)].label
        more = f" (and {len(page.tops) - 1} more)" if len(page.tops) > 1 else ""
        text = shorten(without_bidi_controls(node.text), TITLE_CHARS)
        title = f"{page.number} · {label}: {text}{more}"
        parent = home.get(node.parent or "", 0)
        marks.append(Bookmark(title, page.number, parent if parent < page.number else 0))
    return marks


def indented(outline: Sequence[Bookmark], deepest: int = 6) -> list[str]:
    """The outline's titles, each indented two no-break spaces a level (``deepest`` at most).

    For a flat list of pages (a ``<select>``), whose entries keep the map's nesting.
    """
    depth: dict[int, int] = {}
    out = []
    for mark in outline:
        level = depth[mark.page] = depth.get(mark.parent, -1) + 1 if mark.parent else 0
        out.append("\u00a0\u00a0" * min(level, deepest) + mark.title)
    return out
