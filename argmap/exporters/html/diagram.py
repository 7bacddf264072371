"""The page's diagram: laid out on pages once, each page's SVG cleaned, its links kept in-page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from argmap.model import ArgumentMap
from argmap.options import RenderOptions

if TYPE_CHECKING:
    from markupsafe import Markup

    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.pagesize import PageSize

__all__ = ["DEFAULT_FIT", "Diagram", "DiagramPage", "html_diagram", "print_css"]

DEFAULT_FIT: Final = "a4"
"""The page the HTML diagram is split into by default: the PDF's, so it prints the same."""

_PAGE_LINK: Final = re.compile(r"page-([1-9][0-9]{0,6})\Z")


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
    """The diagram: its pages, and the paper they are fitted to (None: one whole drawing)."""

    pages: tuple[DiagramPage, ...]
    paper: PageSize | None


def _drawings(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions
) -> tuple[list[str], PageSize | None]:
    """The engine's SVG of every page, and their paper; one drawing and None for ``none``.

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    from argmap.exporters.diagram.fitting import page_svg
    from argmap.exporters.diagram.formats import _pages, render_svg

    layout = _pages(m, analysis, options, DEFAULT_FIT)
    if layout is None:
        return [render_svg(m, analysis, options)], None
    # Each laid-out page goes once its SVG is placed on its page: the layout is this
    # render's own, and a big map's pages are held once, not twice.
    laid = layout.pages
    laid.reverse()
    svgs = []
    while laid:
        svgs.append(page_svg(layout, laid.pop()))
    return svgs, layout.size


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

    from argmap.exporters.html.svgclean import clean_svg

    svgs, paper = _drawings(m, analysis, options)
    total = len(svgs)

    def link(target: str) -> str | None:
        if target.startswith("node-"):
            return "n-" + target.removeprefix("node-")
        page = _PAGE_LINK.match(target)
        return target if page is not None and int(page.group(1)) <= total else None

    pages = []
    for number in range(1, total + 1):
        svg, svgs[number - 1] = svgs[number - 1], ""  # the engine's text goes once cleaned
        prefix = f"p{number}-"

        def rename(element_id: str, prefix: str = prefix) -> str:
            return element_id if element_id.startswith("node-") else prefix + element_id

        # Safe to mark: clean_svg rebuilt it from drawing elements with escaped text.
        clean = clean_svg(svg, link=link, rename=rename if paper is not None else None)
        if not clean:
            return None
        pages.append(DiagramPage(number, Markup(clean)))
    return Diagram(tuple(pages), paper)


def print_css(paper: PageSize) -> str:
    """The print rules that put each diagram page on a sheet of its own paper size.

    At that size the page's drawing keeps the legibility floor it was fitted to.
    """
    size = f"{paper.width:.2f}pt {paper.height:.2f}pt"
    return (
        f"\n@page argmap-diagram {{ size: {size}; margin: 0; }}\n"
        "@media print {\n"
        "  .diagram-pages.paper .diagram-page { page: argmap-diagram; break-before: page;"
        f" width: {paper.width:.2f}pt; height: {paper.height:.2f}pt; }}\n"
        "  .diagram-pages.paper .diagram-page svg { width: 100%; height: 100%;"
        " max-width: none; max-height: none; }\n"
        "}\n"
    )
