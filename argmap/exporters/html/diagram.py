"""The page's diagram: laid out on pages once, each page's SVG cleaned, its links kept in-page."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, TypeVar, overload

from argmap.exporters.diagram.svglinks import KEY_NOTE
from argmap.options import DEFAULT_FITS

if TYPE_CHECKING:
    from markupsafe import Markup

    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.fitting import Layout
    from argmap.exporters.diagram.pagesize import PageSize
    from argmap.model import ArgumentMap
    from argmap.options import RenderOptions

__all__ = [
    "DEFAULT_FIT",
    "INLINE_PAGES",
    "Diagram",
    "DiagramPage",
    "clean_page",
    "html_diagram",
    "print_css",
]

DEFAULT_FIT: Final = DEFAULT_FITS["html"]
"""The page the HTML diagram is split into by default: the PDF's, so it prints the same."""

INLINE_PAGES: Final = 40
"""Pages a diagram may have and still be drawn in the page as it opens, every one in the DOM.

A bigger diagram keeps every page but the overview in a ``<template>``: the browser parses
it but neither styles, lays out nor hit-tests it until the script puts the page in (when it
is shown or printed); a 5,000-deep chain's 1,250 pages in the DOM made every action slow.
"""

_PAGE_LINK: Final = re.compile(r"page-([1-9][0-9]{0,6})\Z")

_TITLE: Final = re.compile(r"<title(?:\s[^>]*)?>[^<]*</title>")
"""The engine's name for an element (``argmap``, a node's id, ``a->b:s`` for an arrow):
a browser shows it as the tooltip of whatever the pointer is over, and it means nothing to
a reader. A box's and an arrow's names for assistive technology are the page script's."""

_STUB_TOP: Final = re.compile(
    r'(<g id="stub&#45;[0-9]+" class="node stub[^"]*")>(\s*<title>stub ([^<]*)</title>)'
)
"""A stub's box and its engine name, ``stub`` and its branch's first node: the box gets that
node's id (``data-top``), so the page script names the box by the node's whole statement,
not the shortened lines it shows."""


@dataclass(frozen=True)
class DiagramPage:
    """One page of the diagram as the HTML page shows it.

    Attributes:
        number: 1 for the overview, then in the PDF's order.
        svg: the page's SVG, sanitised; links lead to pages and outline entries.
    """

    number: int
    svg: Markup


@dataclass(frozen=True)
class Diagram:
    """The diagram: its pages, and the paper they are fitted to (None: one whole drawing).

    The pages are made as they are read (see :class:`_LazySequence`): a page written out
    is let go, so a 37,000-page diagram is never held as text. With more pages than
    ``inline_pages``, all but the overview are held in templates (see :data:`INLINE_PAGES`).
    """

    pages: Sequence[DiagramPage]
    paper: PageSize | None
    inline_pages: int = INLINE_PAGES
    titles: Sequence[str] = ()
    """Each page's name, indented as the map nests (see :mod:`~.diagram.pageoutline`): the
    list of pages to go to. Empty for one page, or a worksheet (it would give away what
    the sheet hides)."""


_T = TypeVar("_T")


class _LazySequence(Sequence[_T]):
    """A sequence whose items are made when asked for, from their index.

    Iterating over it makes them all in order, by ``stream`` if given (it may make
    several at once, on every core).
    """

    def __init__(
        self,
        count: int,
        make: Callable[[int], _T],
        stream: Callable[[], Iterator[_T]] | None = None,
    ) -> None:
        self._count, self._make, self._stream = count, make, stream

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[_T]:
        if self._stream is None:
            return super().__iter__()
        return self._stream()

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | Sequence[_T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._make(index)


def _page_svgs(layout: Layout) -> Sequence[str]:
    """Each page's SVG placed on its page, made when asked for (the layout keeps it packed)."""
    from argmap.exporters.diagram.fitting import page_svg
    from argmap.exporters.diagram.svgdirection import line_directions

    pages = layout.pages
    return _LazySequence(len(pages), lambda i: line_directions(page_svg(layout, pages[i])))


def _drawings(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions
) -> tuple[Sequence[str], PageSize | None, list[str]]:
    """The engine's SVG of every page, their paper and their names (see :class:`Diagram`).

    One drawing, no paper and no names for ``none``.

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    from argmap.exporters.diagram.formats import _pages, render_svg
    from argmap.exporters.diagram.pageoutline import indented, page_outline

    layout = _pages(m, analysis, options, DEFAULT_FIT)
    if layout is None:
        return [render_svg(m, analysis, options)], None, []  # lines' directions set
    return _page_svgs(layout), layout.size, indented(page_outline(m, layout, options))


def html_diagram(m: ArgumentMap, analysis: Analysis, options: RenderOptions) -> Diagram | None:
    """Lay the map's diagram out as the PDF does, and make each page safe to inline.

    A node links to its outline entry (``#n-ID``), a stub, breadcrumb row or reference
    to its page (``#page-N``); ids other than a node's (``node-ID``) get their page's
    prefix, so the pages' ids stay apart.

    Returns:
        The diagram, or None if the engine drew nothing.

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    from markupsafe import Markup

    from argmap.deep import heap_frozen
    from argmap.exporters.diagram.pageworkers import finish_pages

    svgs, paper, titles = _drawings(m, analysis, options)
    total = len(svgs)
    paged = paper is not None

    def page(index: int) -> DiagramPage:
        # Safe to mark: clean_page rebuilt it from drawing elements with escaped text.
        return DiagramPage(index + 1, Markup(clean_page(svgs[index], index, total, paged)))

    def stream() -> Iterator[DiagramPage]:
        jobs = ((svgs[index], index, total, paged) for index in range(total))
        with heap_frozen():
            for index, clean in enumerate(finish_pages("html", total, jobs)):
                yield DiagramPage(index + 1, Markup(clean))

    if total == 0 or not page(0).svg:
        return None
    return Diagram(_LazySequence(total, page, stream), paper, titles=titles)


def clean_page(svg: str, index: int, total: int, paged: bool) -> str:
    """Page ``index`` (from 0) of ``total`` made safe to inline (see :func:`html_diagram`).

    Args:
        svg: the page's SVG.
        index: the page's place, from 0.
        total: how many pages the diagram has (links to pages beyond it are dropped).
        paged: the diagram is fitted to pages: ids other than a node's get the page's
            prefix, to keep the pages' ids apart.
    """
    from argmap.exporters.html.svgclean import clean_svg

    def link(target: str) -> str | None:
        if target.startswith("node-"):
            return "n-" + target.removeprefix("node-")
        page = _PAGE_LINK.match(target)
        return target if page is not None and int(page.group(1)) <= total else None

    prefix = f"p{index + 1}-"

    def rename(element_id: str) -> str:
        return element_id if element_id.startswith("node-") else prefix + element_id

    svg = _STUB_TOP.sub(r'\1 data-top="\3">\2', svg)
    clean = _TITLE.sub("", clean_svg(svg, link=link, rename=rename if paged else None))
    return _link_key(clean, total) if paged else clean


def _link_key(svg: str, total: int) -> str:
    """Make the heading's ``key: p. N`` (in the page's first text) a link to page N.

    The words become a link of their own inside the heading's line, so the browser
    draws the line as before and the link covers just them, in whatever font it uses.
    """
    start = svg.find("<text")
    end = svg.find("</text>", start)
    if start < 0 or end < 0:
        return svg
    found = KEY_NOTE.search(svg, start, end)  # the heading's line ends where its text does
    if found is None or int(found.group(1)) > total:
        return svg
    linked = f'<a href="#page-{found.group(1)}"><tspan>{found.group(0)}</tspan></a>'
    return svg[: found.start()] + linked + svg[found.end() :]


_TEXT_PAPER: Final = {
    "a4": "A4 portrait",
    "a3": "A3 portrait",
    "letter": "letter portrait",
    "paper": "595.28pt 792.00pt",  # upright, as A4 and Letter both hold it
}
"""CSS page sizes for the text around a diagram fitted to paper, upright (a slide's text is
printed on the slide's own sheet: see :func:`print_css`)."""


def print_css(paper: PageSize) -> str:
    """The print rules that put each diagram page on a sheet of its own paper size.

    On screen, the paper's shape bounds how wide a wide window shows the diagram.

    At that size the page's drawing keeps the legibility floor it was fitted to. The rest
    of the page prints upright on the same paper, not on the browser's default (Letter, in
    much of the world, between A4 diagram pages). Fitted to slides, it prints on the
    slides' 16:9 sheet, as a deck of slides is handed out: every sheet of the printout
    alike, for a reader's screen or a printer's fit to its paper. Fitted to ``paper`` (the
    page's default), every sheet is the size A4 and Letter both hold: a browser prints it
    unscaled on whichever its reader picks, the drawing at the floor of either (an A4
    sheet was shrunk to 94% on Letter, under it).
    """
    size = f"{paper.width:.2f}pt {paper.height:.2f}pt"
    text = _TEXT_PAPER.get(paper.name)
    return (
        f"\n@page {{ size: {text or size}; }}"
        + f"\n.diagram {{ --paper-ratio: {paper.width / paper.height:.4f}; }}"
        + f"\n@page argmap-diagram {{ size: {size}; margin: 0; }}\n"
        "@media print {\n"
        "  .diagram-pages.paper .diagram-page { page: argmap-diagram; break-before: page;"
        f" width: {paper.width:.2f}pt; height: {paper.height:.2f}pt; }}\n"
        "  .diagram-pages.paper .diagram-page svg { width: 100%; height: 100%;"
        " max-width: none; max-height: none; }\n"
        "}\n"
    )
