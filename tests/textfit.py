"""Measure drawn text against its box: each line's ink on an SVG, PNG or PDF page, per node."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PIL import Image, ImageDraw

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

SVG = "{http://www.w3.org/2000/svg}"
DPI = 144
INK = 235
"""A pixel darker than this is ink (anti-aliased edges count)."""
WINDOW = 10.0
"""Points either side of a box searched for its lines' ink (boxes stand further apart)."""

ET.register_namespace("", SVG[1:-1])
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

Route = Literal["svg", "png", "pdf"]
ROUTES: tuple[Route, ...] = ("svg", "png", "pdf")


@dataclass(frozen=True)
class Line:
    """A line of text drawn in a node's box, in page pixels."""

    node: str
    text: str
    anchor: str
    box: tuple[float, float, float, float]
    """The box: left, top, right, bottom."""
    band: tuple[float, float]
    """The rows of the line's letters, from above its capitals to below its baseline."""
    em: float
    """The line's font size on the page, in points."""


@dataclass(frozen=True)
class Fit:
    """Where a line's ink sits in its box: margins left and right, in points (None: no ink)."""

    line: Line
    left: float | None
    right: float | None


def _numbers(text: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?", text)]


class _Page:
    """A page SVG's mapping from drawing coordinates to pixels at :data:`DPI`."""

    def __init__(self, root: ET.Element) -> None:
        width = float(root.get("width", "0").removesuffix("pt"))
        self.view = _numbers(root.get("viewBox", "0 0 1 1"))
        graph = next(g for g in root.iter(SVG + "g") if g.get("class") == "graph")
        found = re.search(
            r"scale\(([-\d.]+)(?: ([-\d.]+))?\).*?translate\(([-\d.]+) ([-\d.]+)\)",
            graph.get("transform", ""),
        )
        assert found is not None
        self.scale = float(found.group(1))
        self.tx, self.ty = float(found.group(3)), float(found.group(4))
        self.zoom = width / self.view[2] * DPI / 72

    def point(self, x: float, y: float) -> tuple[float, float]:
        ux, uy = self.scale * (x + self.tx), self.scale * (y + self.ty)
        return (ux - self.view[0]) * self.zoom, (uy - self.view[1]) * self.zoom

    def length(self, size: float) -> float:
        return size * self.scale * self.zoom


def _nodes(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(SVG + "g") if g.get("class", "").split()[:1] == ["node"]]


def lines_in_boxes(svg: str) -> list[Line]:
    """Every line of text drawn inside a node's box, with its box, in page pixels."""
    root = ET.fromstring(svg)
    page = _Page(root)
    lines: list[Line] = []
    for group in _nodes(root):
        shape = next((e for e in group.iter() if e.tag in (SVG + "polygon", SVG + "path")), None)
        if shape is None:
            continue
        numbers = _numbers(shape.get("points") or shape.get("d") or "")
        left, top = page.point(min(numbers[0::2]), min(numbers[1::2]))
        right, bottom = page.point(max(numbers[0::2]), max(numbers[1::2]))
        title = group.find(SVG + "title")
        node = (title.text or "") if title is not None else ""
        for text in group.iter(SVG + "text"):
            content = "".join(text.itertext())
            if not content.strip():
                continue
            _, base = page.point(float(text.get("x", "0")), float(text.get("y", "0")))
            em = page.length(float(text.get("font-size", "14")))
            band = (base - 0.68 * em, base + 0.1 * em)
            lines.append(
                Line(
                    node,
                    content,
                    text.get("text-anchor", "start"),
                    (left, top, right, bottom),
                    band,
                    em * 72 / DPI,
                )
            )
    return lines


RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
"""Hebrew and Arabic letters (resvg draws neither as a viewer that shapes them does)."""


def boxed_text(svg: str, *, shaped_by_viewer: bool = False) -> str:
    """The page with only the text inside node boxes left: no shapes, titles or labels.

    ``shaped_by_viewer``: lines of Hebrew or Arabic are left out too (see :func:`draw`).
    """
    root = ET.fromstring(svg)
    kept = {
        id(t)
        for group in _nodes(root)
        for t in group.iter(SVG + "text")
        if not (shaped_by_viewer and RIGHT_TO_LEFT.search("".join(t.itertext())))
    }
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag.removeprefix(SVG)
            if tag in ("polygon", "polyline", "path", "ellipse") or (
                tag == "text" and id(child) not in kept
            ):
                parent.remove(child)
    return ET.tostring(root, encoding="unicode")


def pages(m: ArgumentMap, fit: str, route: Route) -> list[str]:
    """The page SVGs of a map that ``route`` draws, at ``fit``, as its exporter makes them.

    ``svg``: the files written (their right-to-left lines marked so, for a viewer);
    ``png`` and ``pdf``: each page as the PNG and PDF exporters hand it on (no line marked:
    they set the text in drawing order themselves).
    """
    from argmap.analysis.standing import analyze
    from argmap.exporters.diagram import formats
    from argmap.options import RenderOptions

    analysis, options = analyze(m), RenderOptions(fit=fit)  # type: ignore[arg-type]
    if route == "svg":
        svgs = formats.export_svg(m, analysis, options)
        return [svgs] if isinstance(svgs, str) else svgs
    from argmap.exporters.diagram.fitting import page_svg

    layout = formats._pages(m, analysis, options, "none")
    if layout is None:
        return [formats._drawing_svg(m, analysis, options)]
    return [page_svg(layout, page) for page in layout.pages]


def draw(svg: str, route: Route) -> Image.Image:
    """The page's boxed text drawn as ``route`` draws it, in grey levels at :data:`DPI`.

    ``svg``: a page of :func:`pages` for ``route``. ``svg``: drawn by resvg with the Noto
    fonts it asks for first (what a viewer with Noto Sans shows), less its lines of Arabic
    or Hebrew: resvg does not shape them (it draws Arabic letters unjoined, marks as
    boxes), as every viewer does, so they are checked as the ``png`` and ``pdf`` routes set
    them, shaped by HarfBuzz; ``png``: argmap's PNG route; ``pdf``: argmap's PDF, drawn by
    poppler.
    """
    page = boxed_text(svg, shaped_by_viewer=route == "svg")
    if route == "pdf":
        from argmap.exporters.diagram.pdf import svgs_to_pdf

        pdftoppm = shutil.which("pdftoppm")
        assert pdftoppm is not None, "poppler's pdftoppm is not installed"
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "page.pdf"
            pdf.write_bytes(svgs_to_pdf([page]))
            stem = str(pdf.with_suffix(""))
            subprocess.run(
                [pdftoppm, "-r", str(DPI), "-png", "-singlefile", str(pdf), stem], check=True
            )
            return Image.open(stem + ".png").convert("L")
    if route == "png":
        from argmap.exporters.diagram import raster

        png = raster.svg_to_png(page, dpi=DPI, max_side_px=100_000)
        return Image.open(io.BytesIO(png)).convert("L")
    from argmap import rasterworker
    from argmap.exporters.diagram.fonts import font_files

    drawn = rasterworker.draw((page, float(DPI), 1.0, [str(p) for p in font_files()], True))
    assert isinstance(drawn, bytes), drawn
    return Image.open(io.BytesIO(drawn)).convert("L")


def _ink(image: Image.Image) -> Image.Image:
    """Ink as white on black (``getbbox`` finds it)."""
    return image.point(lambda v: 255 if v < INK else 0)


def fits(svg: str, route: Route) -> list[Fit]:
    """Each boxed line's ink margins inside its box, as ``route`` draws the page."""
    ink = _ink(draw(svg, route))
    window = WINDOW * DPI / 72
    pt = 72 / DPI
    out: list[Fit] = []
    for line in lines_in_boxes(svg):
        left, _, right, _ = line.box
        x0 = max(0, round(left - window))
        crop = ink.crop((x0, round(line.band[0]), round(right + window), round(line.band[1])))
        found = crop.getbbox()
        if found is None:
            out.append(Fit(line, None, None))
        else:
            out.append(Fit(line, (x0 + found[0] - left) * pt, (right - x0 - found[2]) * pt))
    return out


def ink_outside_boxes(svg: str, route: Route, inset: float = 1.0) -> int:
    """How many pixels of the boxed lines' ink fall outside their boxes (``inset`` pt in)."""
    ink = _ink(draw(svg, route))
    painter = ImageDraw.Draw(ink)
    edge = inset * DPI / 72
    for left, top, right, bottom in {line.box for line in lines_in_boxes(svg)}:
        painter.rectangle((left + edge, top + edge, right - edge, bottom - edge), fill=0)
    return int(ink.histogram()[255])
