"""The key's arrow samples redrawn in the SVG as the arrows they stand for: line, head, dot."""

from __future__ import annotations

import html
import re
from typing import Final

from argmap.exporters.diagram.keysamples import HEADS, SAMPLE_WIDTH
from argmap.exporters.diagram.svgedits import each_drawing, edit, number

__all__ = ["draw_drawing_samples", "draw_samples"]

HEAD: Final = 9.0
"""An arrowhead's length in points, and half of it its width (the engine's, about)."""
DOT: Final = 3.6
"""A junction's dot's radius in points."""
LINES: Final = {"--": ("1.8", ""), "==": ("3", ""), "- -": ("1.8", "5,2")}
"""A sample's line code -> its stroke width and dashes."""

_KEY: Final = re.compile(r'<g id="legend" class="[^"]*">')
_TEXT: Final = re.compile(r"<text\b([^>]*)>([^<]{3,40})</text>")
_CODES = "|".join(re.escape(line) for line in LINES)
_HEADS = "|".join(re.escape(html.unescape(head)) for head in sorted(HEADS.values(), key=len)[::-1])
_SAMPLE: Final = re.compile(rf"({_CODES})({_HEADS})(o?)")
_ATTR: Final = re.compile(r'([\w-]+)="([^"]*)"')


def draw_samples(svg: str) -> str:
    """Each arrow sample of the key (see :func:`~.keysamples.sample_code`) drawn as its arrow.

    The engine writes the sample as text, at the left of its cell: its line is drawn
    from there to its head, in the text's colour, the text taken out.
    """
    if 'id="legend"' not in svg:
        return svg
    return each_drawing(svg, draw_drawing_samples)


def draw_drawing_samples(svg: str) -> str:
    """:func:`draw_samples` on one drawing (not a batch's drawings one after another)."""
    key = _KEY.search(svg)
    if key is None:
        return svg
    stop = svg.find("</g>", key.end())
    edits = []
    for text in _TEXT.finditer(svg, key.end(), stop if stop >= 0 else len(svg)):
        sample = _SAMPLE.fullmatch(html.unescape(text.group(2)))
        if sample is None:
            continue
        attrs = dict(_ATTR.findall(text.group(1)))
        try:
            x, y = float(attrs["x"]), float(attrs["y"])
            size = float(attrs.get("font-size", "10"))
        except (KeyError, ValueError):
            continue
        if attrs.get("text-anchor") == "middle":
            x -= SAMPLE_WIDTH / 2 - 2
        line, head, dot = sample.groups()
        colour = html.escape(attrs.get("fill", "black"), quote=True)
        shapes = _arrow((x, y - 0.32 * size), colour, line, head, bool(dot))
        edits.append((text.span(), shapes))
    return edit(svg, edits)


def _arrow(start: tuple[float, float], colour: str, line: str, head: str, dot: bool) -> str:
    """The arrow's shapes, from ``start`` along its cell, as the engine writes shapes."""
    x, y = start
    end = x + SAMPLE_WIDTH - 6 - (2 * DOT if dot else 0)
    width, dashes = LINES[line]
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    stroke = f'stroke="{colour}" stroke-width="{width}"'
    tip = end if head == "|" else end - HEAD
    path = f"M{number(x)},{number(y)} L{number(tip)},{number(y)}"
    shapes = [f'<path fill="none" {stroke}{dash} d="{path}"/>']
    if head == "|":
        left, right = end - 3, end - 1
        bar = _points([(left, y - 4.5), (right, y - 4.5), (right, y + 4.5), (left, y + 4.5)])
        shapes.append(f'<polygon fill="{colour}" {_edge(colour, "1")} points="{bar}"/>')
    else:
        half = HEAD * 0.38
        points = _points([(end - HEAD, y - half), (end, y), (end - HEAD, y + half)])
        fill = colour if head == ">" else "white"
        shapes.append(f'<polygon fill="{fill}" {_edge(colour, "1.5")} points="{points}"/>')
    if dot:
        centre = f'cx="{number(end + DOT)}" cy="{number(y)}" rx="{DOT}" ry="{DOT}"'
        shapes.append(f'<ellipse fill="{colour}" stroke="{colour}" {centre}/>')
    return "".join(shapes)


def _edge(colour: str, width: str) -> str:
    """A shape's outline attributes."""
    return f'stroke="{colour}" stroke-width="{width}"'


def _points(points: list[tuple[float, float]]) -> str:
    """Points as a polygon lists them, closed."""
    return " ".join(f"{number(px)},{number(py)}" for px, py in [*points, points[0]])
