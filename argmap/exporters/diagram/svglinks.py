"""Where a page's links to other pages sit, read from its SVG, in the page's points."""

from __future__ import annotations

import html
import re
from typing import Final, NamedTuple

__all__ = ["PageLink", "page_links"]

_ROOT: Final = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bviewBox="([-\d. ]+)"', re.S)
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


class PageLink(NamedTuple):
    """A rectangle on a page (points from the top left) that leads to another page."""

    x: float
    y: float
    width: float
    height: float
    page: int


def page_links(svg: str) -> list[PageLink]:
    """Return the rectangles of a page's stubs, trail rows and references, with their targets.

    Args:
        svg: a page's SVG (see :func:`argmap.exporters.diagram.fitting.page_svg`).
    """
    root, graph = _ROOT.search(svg), _GRAPH.search(svg)
    if root is None or graph is None:
        return []
    view = [float(v) for v in root.group(2).split()]
    zoom = float(root.group(1)) / view[2]
    sx, sy, tx, ty = (float(v) for v in graph.groups())
    links: list[PageLink] = []
    page_width = float(root.group(1))
    for match in _ANCHOR.finditer(svg):
        xs: list[float] = []
        ys: list[float] = []
        for points in _POINTS.findall(match.group(2)):
            numbers = [float(n) for n in _NUMBER.findall(points)]
            xs += numbers[0::2]
            ys += numbers[1::2]
        if not xs:
            _text_box(match.group(2), xs, ys)
        if not xs:
            continue
        left, top = (min(xs) + tx) * sx, (min(ys) + ty) * sy
        right, bottom = (max(xs) + tx) * sx, (max(ys) + ty) * sy
        x0 = max(0.0, (left - view[0]) * zoom)
        x1 = min(page_width, (right - view[0]) * zoom)
        if x1 <= x0:
            continue
        links.append(
            PageLink(
                x0, (top - view[1]) * zoom, x1 - x0, (bottom - top) * zoom, int(match.group(1))
            )
        )
    return links


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
