"""The key's arrow samples redrawn in the SVG as the arrows they stand for: line, head, dot."""

from __future__ import annotations

import html
import re
from typing import Final

from argmap.exporters.diagram.keysamples import HEADS, NOTE_ID, SAMPLE_WIDTH
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
_NOTE: Final = re.compile(rf'<g id="a_{NOTE_ID}[^"]*"><a\b[^>]*>\s*(.*?)</a>\s*</g>\n?', re.S)
_POLYGON: Final = re.compile(r"<polygon\b([^>]*)/>")
FOLD: Final = 5.0
"""The folded corner of the key's note swatch, in points along each side (as drawn, about)."""


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
    note = _NOTE.search(svg, key.end())
    if note is not None:  # before the key's end is looked for: its group ends first
        svg = svg[: note.start()] + _folded(note.group(1)) + svg[note.end() :]
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


def _folded(shapes: str) -> str:
    """The note swatch's rectangles (its fill, then its border) as a note: its corner folded.

    The top right corner is cut off, and the fold drawn in the border's colour.
    """
    out: list[str] = []
    for polygon in _POLYGON.finditer(shapes):
        attrs = dict(_ATTR.findall(polygon.group(1)))
        pairs = [p.split(",") for p in attrs.pop("points", "").split()]
        try:
            xs, ys = [float(x) for x, _ in pairs], [float(y) for _, y in pairs]
        except ValueError:
            return shapes
        left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
        fold, low = right - FOLD, top + FOLD
        points = _points([(left, bottom), (left, top), (fold, top), (right, low), (right, bottom)])
        kept = " ".join(f'{k}="{v}"' for k, v in attrs.items())
        out.append(f'<polygon {kept} points="{points}"/>')
        if attrs.get("fill") == "none":  # the border: the fold too
            line = f"M{number(fold)},{number(top)} L{number(fold)},{number(low)} "
            out.append(f'<path {kept} d="{line}L{number(right)},{number(low)}"/>')
    return "\n".join(out) + "\n" if out else shapes


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
