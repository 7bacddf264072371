"""Where a page's links to other pages sit, read from its SVG, in the page's points."""

from __future__ import annotations

import html
import re
from typing import Final, NamedTuple

__all__ = ["KEY_NOTE", "PageLink", "page_links"]

_ROOT: Final = re.compile(
    r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"[^>]*?\bviewBox="([-\d. ]+)"',
    re.S,
)
_GRAPH: Final = re.compile(
    r'class="graph" transform="scale\(([-\d.]+) ([-\d.]+)\) rotate\(0\) '
    r'translate\(([-\d.]+) ([-\d.]+)\)"'
)
_ANCHOR: Final = re.compile(r'<a xlink:href="#page-(\d+)"[^>]*>(.*?)</a>', re.S)
_POINTS: Final = re.compile(r'\b(?:points|d)="([^"]*)"')
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?")
_TEXT: Final = re.compile(
    r'<text\b[^>]*?text-anchor="(\w+)" x="([-\d.]+)" y="([-\d.]+)"([^>]*?)'
    r'font-size="([\d.]+)"[^>]*>([^<]*)</text>'
)


KEY_NOTE: Final = re.compile(r"key: p\. ([1-9][0-9]{0,6})(?=\s+·\s+page \d+ of \d+\Z)")
"""The heading's pointer to the page with the key (its group: the page's number), right
before the page's own number at the heading's end (see :mod:`.pageparts`): a title's own
words never match. Search the heading's text alone (the PDF's links, the HTML page's)."""


class PageLink(NamedTuple):
    """A rectangle on a page (points from the top left) that leads to another page."""

    x: float
    y: float
    width: float
    height: float
    page: int


def page_links(svg: str) -> list[PageLink]:
    """Return the rectangles of a page's stubs, trail rows and references, with their targets.

    The heading's pointer to the key (``key: p. N``) links to that page too, over just
    those words. Every rectangle is kept on the page.

    Args:
        svg: a page's SVG (see :func:`argmap.exporters.diagram.fitting.page_svg`).
    """
    root, graph = _ROOT.search(svg), _GRAPH.search(svg)
    if root is None or graph is None:
        return []
    view = [float(v) for v in root.group(3).split()]
    page = _Page(float(root.group(1)), float(root.group(2)), view, *map(float, graph.groups()))
    links: list[PageLink] = []
    key = _key_box(svg)
    if key is not None:
        links += page.link(*key)
    for match in _ANCHOR.finditer(svg):
        xs: list[float] = []
        ys: list[float] = []
        for points in _POINTS.findall(match.group(2)):
            numbers = [float(n) for n in _NUMBER.findall(points)]
            xs += numbers[0::2]
            ys += numbers[1::2]
        if not xs:
            _text_box(match.group(2), xs, ys)
        if xs:
            links += page.link(xs, ys, int(match.group(1)))
    return links


class _Page(NamedTuple):
    """A page's size in points, its view box and its graph's transform."""

    width: float
    height: float
    view: list[float]
    sx: float
    sy: float
    tx: float
    ty: float

    def link(self, xs: list[float], ys: list[float], target: int) -> list[PageLink]:
        """The link around the points (in the graph's units) cut to the page; none if off it."""
        zoom = self.width / self.view[2]
        x0, x1 = ((v + self.tx) * self.sx for v in (min(xs), max(xs)))
        y0, y1 = ((v + self.ty) * self.sy for v in (min(ys), max(ys)))
        left = max(0.0, (x0 - self.view[0]) * zoom)
        right = min(self.width, (x1 - self.view[0]) * zoom)
        top = max(0.0, (y0 - self.view[1]) * zoom)
        bottom = min(self.height, (y1 - self.view[1]) * zoom)
        if right <= left or bottom <= top:
            return []
        return [PageLink(left, top, right - left, bottom - top, target)]


def _key_box(svg: str) -> tuple[list[float], list[float], int] | None:
    """The corners of the heading's ``key: p. N`` (the page's first text), and N.

    The heading is one line, drawn left to right: the title (right-to-left words in it
    are drawn within its width), then these words, whose start is the width before them.
    """
    first = svg.find('class="node"')
    heading = _TEXT.search(svg, 0, len(svg) if first < 0 else first)
    if heading is None:
        return None
    anchor, x, y, attributes, size, text = heading.groups()
    line = html.unescape(text)
    found = KEY_NOTE.search(line)
    if found is None:
        return None
    from argmap.exporters.diagram.textwidth import text_points

    points = float(size)
    style = "B" if 'font-weight="bold"' in attributes else ""
    width = text_points(line, points, style)
    start = float(x) - {"start": 0.0, "middle": width / 2}.get(anchor, width)
    start += text_points(line[: found.start()], points, style)
    end = start + text_points(found.group(0), points, style)
    top, bottom = float(y) - points, float(y) + points * 0.25
    return [start, end], [top, bottom], int(found.group(1))


def _text_box(content: str, xs: list[float], ys: list[float]) -> None:
    """Add the corners of an anchor's text lines (a breadcrumb row has no outline).

    Each line is as wide as it is drawn: its advances in the faces that draw it.
    """
    from argmap.exporters.diagram.textwidth import text_points

    for anchor, x, y, attributes, size, text in _TEXT.findall(content):
        style = "B" if 'font-weight="bold"' in attributes else ""
        width = text_points(html.unescape(text), float(size), style)
        start = float(x) - {"start": 0.0, "middle": width / 2}.get(anchor, width)
        xs += [start, start + width]
        ys += [float(y) - float(size), float(y) + float(size) * 0.25]
