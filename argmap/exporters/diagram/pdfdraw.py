"""A Graphviz SVG as a PDF page's content stream: the few shapes and the text the engine writes.

The engine's SVG holds only polygons, polylines, ellipses, cubic Bezier paths and lines of
text, placed by one transform on the graph. That transform becomes the page's matrix
(``cm``), so the SVG's numbers are copied into the stream as they are, curves stay curves,
and a page costs about a millisecond.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, NamedTuple

if TYPE_CHECKING:
    from argmap.exporters.diagram.svglinks import PageLink

__all__ = ["PageDrawing", "PageParts", "Text", "draw_parts", "draw_svg", "page_size"]

SVG_NS: Final = "{http://www.w3.org/2000/svg}"
_NUMBER: Final = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH: Final = re.compile(r"[MLCZmlcz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_CURVES: Final = re.compile(r"M[-\d.]+,[-\d.]+(?:C[-\d.,\s]*)+")
_TRANSFORM: Final = re.compile(
    r"scale\(([-\d.]+)(?: ([-\d.]+))?\).*?translate\(([-\d.]+) ([-\d.]+)\)"
)
_SVG_SIZE: Final = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"', re.S)
_NAMED: Final = {"black": "0 0 0", "white": "1 1 1"}
_KAPPA: Final = 0.5523
"""How far a quarter ellipse's Bezier control points sit along its tangents."""
MIN_SIDE: Final = 72.0
"""A page is at least an inch each way."""


class Text(NamedTuple):
    """A line of text as the SVG places it, in drawing coordinates."""

    x: float
    y: float
    anchor: str
    size: float
    style: str
    """The face's style: "", "B", "I" or "BI"."""
    text: str


class PageDrawing(NamedTuple):
    """A page's size in points and its content stream."""

    width: float
    height: float
    content: bytes


class PageParts(NamedTuple):
    """A page drawn but for its text: what :func:`draw_parts` gives, ready to pickle.

    The content stream is ``chunks`` with the operators of ``texts[i]`` between chunk
    ``i`` and chunk ``i + 1`` (see :meth:`content`).
    """

    width: float
    height: float
    chunks: list[str]
    texts: list[Text]
    links: list[PageLink]

    def content(self, write: TextWriter) -> bytes:
        """The page's content stream, each text drawn by ``write`` in order."""
        parts = [self.chunks[0]]
        for text, chunk in zip(self.texts, self.chunks[1:], strict=True):
            parts += (write(text), chunk)
        return "".join(parts).encode("latin-1")


TextWriter = Callable[[Text], str]
"""Content operators that draw a line of text (``BT ... ET``), its fill colour already set."""


def page_size(svg: str) -> tuple[float, float]:
    """The page size of an SVG, in points (at least an inch each way)."""
    match = _SVG_SIZE.search(svg)
    width, height = (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)
    return max(width, MIN_SIDE), max(height, MIN_SIDE)


def draw_svg(svg: str, write: TextWriter) -> PageDrawing:
    """Draw one engine SVG as a page of its own size.

    Args:
        svg: the SVG document (as the engine wrote it, or fitted to a page).
        write: draws a line of text (choosing its fonts) in drawing coordinates.

    Returns:
        The page's size and its (uncompressed) content stream.
    """
    width, height = page_size(svg)
    root = ET.fromstring(svg)
    out: list[str] = ["q", _matrix(root, "", height)]
    state = _State(out)
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        if tag == "g" and element.get("class") == "graph":
            out += ["Q q", _matrix(root, element.get("transform", ""), height)]
            state = _State(out)
        elif tag in ("polygon", "polyline", "path", "ellipse"):
            state.shape(element, tag)
        elif tag == "text" and element.text:
            state.fill(_color(element.get("fill", "black")) or "0 0 0")
            size = float(element.get("font-size", 14))
            anchor = element.get("text-anchor", "start")
            x, y = float(element.get("x", 0)), float(element.get("y", 0))
            out.append(write(Text(x, y, anchor, size, _style(element), element.text)))
    out.append("Q\n")
    return PageDrawing(width, height, "\n".join(out).encode("latin-1"))


def draw_parts(svg: str) -> PageParts:
    """Draw one engine SVG as :func:`draw_svg` does, leaving its text to be drawn later.

    Choosing the text's fonts numbers the characters in the order they are first
    drawn, so it happens page by page where the PDF is written; the rest of a page's
    drawing (and its links) is the SVG's alone, and may be done in any process.
    """
    from argmap.exporters.diagram.svglinks import page_links

    texts: list[Text] = []

    def hold(text: Text) -> str:
        texts.append(text)
        return "\0"  # XML text never holds a NUL, nor do the operators

    page = draw_svg(svg, hold)
    chunks = page.content.decode("latin-1").split("\0")
    return PageParts(page.width, page.height, chunks, texts, page_links(svg))


def _style(element: ET.Element) -> str:
    bold = element.get("font-weight") == "bold"
    italic = element.get("font-style") == "italic"
    return ("B" if bold else "") + ("I" if italic else "")


def _matrix(root: ET.Element, graph: str, height: float) -> str:
    """The ``cm`` from drawing coordinates to PDF points: graph transform, viewBox, flip."""
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
    a, d = sx * zoom, -sy * zoom
    e, f = (tx * sx - view[0]) * zoom, height - (ty * sy - view[1]) * zoom
    return f"{a:.6g} 0 0 {d:.6g} {e:.4f} {f:.4f} cm"


@functools.lru_cache(maxsize=256)
def _color(value: str | None) -> str | None:
    """An SVG paint as PDF RGB components, or None for no paint."""
    if not value or value in ("none", "transparent"):
        return None
    if value.startswith("#") and len(value) >= 7:
        if len(value) == 9 and value[7:9] == "00":
            return None
        return " ".join(f"{int(value[i : i + 2], 16) / 255:.3g}" for i in (1, 3, 5))
    return _NAMED.get(value, "0 0 0")


class _State:
    """The graphics state a page's stream has set, so each operator is written once."""

    def __init__(self, out: list[str]) -> None:
        self.out = out
        self.fill_color = self.stroke_color = self.width = self.dash = ""

    def fill(self, color: str) -> None:
        if color != self.fill_color:
            self.fill_color = color
            self.out.append(f"{color} rg")

    def stroke(self, color: str, width: str, dash: str) -> None:
        if color != self.stroke_color:
            self.stroke_color = color
            self.out.append(f"{color} RG")
        if width != self.width:
            self.width = width
            self.out.append(f"{width} w")
        if dash != self.dash:
            self.dash = dash
            self.out.append(f"{dash} 0 d")

    def shape(self, element: ET.Element, tag: str) -> None:
        """Fill and stroke one shape as the SVG paints it."""
        fill = _color(element.get("fill", "black"))
        if element.get("fill-opacity") in ("0", "0.000000"):
            fill = None
        stroke = _color(element.get("stroke", "none"))
        if fill is None and stroke is None:
            return
        if tag == "ellipse":
            outline = _ellipse(element)
        elif tag == "path":
            outline = _path(element.get("d", ""))
            if fill is not None and outline and not outline.endswith(" h"):
                outline += " h"  # a filled outline is a closed one
        else:
            outline = _polygon(element.get("points", ""), closed=tag == "polygon")
        if not outline:
            return
        if fill is not None:
            self.fill(fill)
        if stroke is not None:
            dashes = _NUMBER.findall(element.get("stroke-dasharray", ""))
            dash = f"[{dashes[0]} {dashes[-1]}]" if dashes else "[]"
            self.stroke(stroke, element.get("stroke-width", "1"), dash)
        paint = "B" if fill is not None and stroke is not None else "f" if fill else "S"
        self.out.append(f"{outline} {paint}")


def _polygon(points: str, *, closed: bool) -> str:
    """A polygon's or polyline's outline as path operators."""
    numbers = _NUMBER.findall(points)
    if "e" in points or "E" in points:
        numbers = _plain(numbers)
    if len(numbers) < 4:
        return ""
    parts = [f"{numbers[0]} {numbers[1]} m"]
    parts += [f"{x} {y} l" for x, y in zip(numbers[2::2], numbers[3::2], strict=False)]
    if closed:
        parts.append("h")
    return " ".join(parts)


def _path(d: str) -> str:
    """An SVG path of absolute ``M``, ``L``, ``C`` and ``Z`` commands as path operators."""
    if _CURVES.fullmatch(d):  # the engine's own: a move, then cubic curves
        numbers = d[1:].replace("C", " ").replace(",", " ").split()
        if len(numbers) < 8 or len(numbers) % 6 != 2:
            return ""
        curves = zip(*[iter(numbers[2:])] * 6, strict=True)
        return f"{numbers[0]} {numbers[1]} m " + " c ".join(map(" ".join, curves)) + " c"
    ops = {"M": ("m", 2), "L": ("l", 2), "C": ("c", 6)}
    parts: list[str] = []
    command, numbers = "", []
    tokens = _PATH.findall(d)
    for token in _plain(tokens) if "e" in d or "E" in d else tokens:
        if token.isalpha():
            command = token.upper()
            numbers = []
            if command == "Z" and parts:
                parts.append("h")
            continue
        if command not in ops:
            continue
        numbers.append(token)
        operator, count = ops[command]
        if len(numbers) == count:
            parts.append(" ".join(numbers) + " " + operator)
            numbers = []
            if command == "M":
                command = "L"  # pairs after a move are lines
    return " ".join(parts) if len(parts) > 1 else ""


def _plain(tokens: list[str]) -> list[str]:
    """Numbers in the form PDF reads: no exponents (``1e-05`` -> ``0.00001``)."""
    return [f"{float(t):.5f}" if "e" in t or "E" in t else t for t in tokens]


def _ellipse(element: ET.Element) -> str:
    """An ellipse as four Bezier quarters."""
    cx, cy = float(element.get("cx", 0)), float(element.get("cy", 0))
    rx, ry = float(element.get("rx", 0)), float(element.get("ry", 0))
    kx, ky = rx * _KAPPA, ry * _KAPPA
    points = [
        (cx + rx, cy),
        (cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry),
        (cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy),
        (cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry),
        (cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy),
    ]
    first, *curves = (" ".join(f"{v:.2f}" for v in p) for p in points)
    return f"{first} m " + " ".join(f"{c} c" for c in curves) + " h"
