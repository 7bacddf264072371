"""A Graphviz SVG drawn straight onto a PDF page: the few shapes and the text the engine writes.

The engine's SVG holds only polygons, polylines, ellipses, cubic Bezier paths and lines of
text, placed by one transform on the graph; drawing those with fpdf2's page primitives
takes a few milliseconds a page, where its general SVG converter takes tens.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any, Final, NamedTuple

__all__ = ["Text", "draw_svg", "svg_texts"]

SVG_NS: Final = "{http://www.w3.org/2000/svg}"
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")
_TRANSFORM: Final = re.compile(
    r"scale\(([-\d.]+)(?: ([-\d.]+))?\).*?translate\(([-\d.]+) ([-\d.]+)\)"
)
_NAMED: Final = {"black": (0, 0, 0), "white": (255, 255, 255)}
CURVE_STEP: Final = 3.0
"""A Bezier segment is drawn as straight pieces about this long, in page points."""


class Text(NamedTuple):
    """A line of text as the SVG places it."""

    x: float
    y: float
    anchor: str
    size: float
    style: str
    """fpdf2's style: "", "B", "I" or "BI"."""
    color: tuple[int, int, int]
    text: str


Transform = Callable[[float, float], tuple[float, float]]
"""Drawing coordinates -> page points from the top left."""


def svg_texts(svg: str) -> Iterator[tuple[str, str]]:
    """Each ``<text>``'s style and content, in document order (to choose the fonts)."""
    for element in ET.fromstring(svg).iter(f"{SVG_NS}text"):
        yield _style(element), element.text or ""


def draw_svg(pdf: Any, svg: str, write: Callable[[Any, Text, Transform], None]) -> None:
    """Draw one engine SVG on the PDF's current page, sized to the page.

    Args:
        pdf: the ``FPDF`` document, its current page the size of the SVG.
        svg: the SVG document (as the engine wrote it, or fitted to a page).
        write: draws a line of text (choosing its fonts) at the page coordinates given.
    """
    root = ET.fromstring(svg)
    to_page = _transform(root)
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        if tag == "g" and element.get("class") == "graph":
            to_page = _transform(root, element.get("transform", ""))
        elif tag in ("polygon", "polyline", "path", "ellipse"):
            _shape(pdf, element, tag, to_page)
        elif tag == "text" and element.text:
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            color = _color(element.get("fill", "black")) or (0, 0, 0)
            size = float(element.get("font-size", 14))
            anchor = element.get("text-anchor", "start")
            write(pdf, Text(x, y, anchor, size, _style(element), color, element.text), to_page)


def _style(element: ET.Element) -> str:
    bold = element.get("font-weight") == "bold"
    italic = element.get("font-style") == "italic"
    return ("B" if bold else "") + ("I" if italic else "")


def _transform(root: ET.Element, graph: str = "") -> Transform:
    """Page points from drawing coordinates: the graph's transform, then the viewBox."""
    width = float(root.get("width", "0").removesuffix("pt") or 0)
    view = [float(v) for v in root.get("viewBox", "0 0 1 1").split()]
    zoom = width / view[2] if view[2] else 1.0
    sx = sy = 1.0
    tx = ty = 0.0
    match = _TRANSFORM.search(graph)
    if match is not None:
        sx = float(match.group(1))
        sy = float(match.group(2) or sx)
        tx, ty = float(match.group(3)), float(match.group(4))

    def to_page(x: float, y: float) -> tuple[float, float]:
        return ((x + tx) * sx - view[0]) * zoom, ((y + ty) * sy - view[1]) * zoom

    to_page.zoom = zoom * sx  # type: ignore[attr-defined]
    return to_page


def _color(value: str | None) -> tuple[int, int, int] | None:
    """An SVG paint as RGB, or None for no paint."""
    if not value or value in ("none", "transparent"):
        return None
    if value.startswith("#") and len(value) >= 7:
        if len(value) == 9 and value[7:9] == "00":
            return None
        return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)
    return _NAMED.get(value, (0, 0, 0))


def _shape(pdf: Any, element: ET.Element, tag: str, to_page: Transform) -> None:
    """Fill and stroke one shape as the SVG paints it."""
    fill = _color(element.get("fill", "black"))
    if element.get("fill-opacity") in ("0", "0.000000"):
        fill = None
    stroke = _color(element.get("stroke", "none"))
    if fill is None and stroke is None:
        return
    zoom: float = to_page.zoom  # type: ignore[attr-defined]
    if fill is not None:
        pdf.set_fill_color(*fill)
    if stroke is not None:
        pdf.set_draw_color(*stroke)
        pdf.set_line_width(float(element.get("stroke-width", 1)) * zoom)
        dashes = [float(n) for n in _NUMBER.findall(element.get("stroke-dasharray", ""))]
        if dashes:
            pdf.set_dash_pattern(dashes[0] * zoom, dashes[-1] * zoom)
        else:
            pdf.set_dash_pattern()
    style = ("F" if fill is not None else "") + ("D" if stroke is not None else "")
    if tag == "ellipse":
        cx, cy = to_page(float(element.get("cx", 0)), float(element.get("cy", 0)))
        rx, ry = float(element.get("rx", 0)) * zoom, float(element.get("ry", 0)) * zoom
        pdf.ellipse(cx - rx, cy - ry, 2 * rx, 2 * ry, style=style)
        return
    if tag == "path":
        points = _path_points(element.get("d", ""), to_page)
        closed = fill is not None
    else:
        numbers = [float(n) for n in _NUMBER.findall(element.get("points", ""))]
        points = [to_page(x, y) for x, y in zip(numbers[0::2], numbers[1::2], strict=False)]
        closed = tag == "polygon"
    if len(points) >= 2:
        pdf.polyline(points, polygon=closed, style=style)


def _path_points(d: str, to_page: Transform) -> list[tuple[float, float]]:
    """The engine's ``M x,y C x,y x,y x,y ...`` path as points along its curves."""
    numbers = [float(n) for n in _NUMBER.findall(d)]
    pts = [to_page(x, y) for x, y in zip(numbers[0::2], numbers[1::2], strict=False)]
    if not pts:
        return []
    out = [pts[0]]
    for i in range(0, len(pts) - 3, 3):
        p0, p1, p2, p3 = pts[i : i + 4]
        length = sum(math.dist(a, b) for a, b in ((p0, p1), (p1, p2), (p2, p3)))
        steps = max(1, min(64, math.ceil(length / CURVE_STEP)))
        if p0 == p1 and p2 == p3:  # a straight piece, as the engine writes box sides
            steps = 1
        for step in range(1, steps + 1):
            t = step / steps
            u = 1 - t
            a, b, c, e = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            out.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1],
                )
            )
    return out
