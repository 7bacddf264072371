"""Diagrams fitted to pages: plan the pages, lay each out, and place it on its page, legibly."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind, visible_nodes
from argmap.exporters.diagram.build import LineCache, to_digraph
from argmap.exporters.diagram.measure import box_size
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.pagesize import PAGE_SIZES, Budget, PageSize, page_budget
from argmap.exporters.diagram.paging import paginate
from argmap.exporters.diagram.styles import GRAPH_ATTR
from argmap.model import ArgumentMap, Node
from argmap.options import Fit, RenderOptions

if TYPE_CHECKING:
    import graphviz

    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.engine import EngineInfo

__all__ = ["LaidPage", "Layout", "lay_out", "page_png", "page_svg", "resolve_fit"]

MAX_SCALE: Final = 1.5
"""A small drawing is enlarged to fill its page, but no more than this."""

PIXELS_PER_POINT: Final = 2.0
"""PNG pages: a 960 x 540 point slide is 1920 x 1080 pixels."""

GRAPH_PAD_INCHES: Final = float(GRAPH_ATTR["pad"])
"""The padding the engine adds around every drawing."""

TRIES: Final = 4
MAX_PLANS: Final = 8
"""Plans made at most: after TRIES, each new overflowing page gets its first node alone."""
"""Plans tried, each tightening the pages whose layout overflowed the one before; a page
still too big after them is planned with its first node alone."""

_SVG_SIZE: Final = re.compile(
    r'<svg\b([^>]*?)\bwidth="([\d.]+)pt"\s+height="([\d.]+)pt"\s+viewBox="([-\d. ]+)"', re.S
)


@dataclass(frozen=True)
class LaidPage:
    """One page laid out by the engine.

    Attributes:
        plan: the page and where each node lives.
        graph: the page's graph (DOT source through ``graph.source``).
        svg: the engine's SVG of the page, at the drawing's own size.
        width: the drawing's width in points.
        height: the drawing's height in points.
    """

    plan: PagePlan
    graph: graphviz.Digraph
    svg: str
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    """A diagram laid out on pages of one size."""

    size: PageSize
    budget: Budget
    pages: list[LaidPage]

    def scale(self, page: LaidPage) -> float:
        """The scale the page's drawing is shown at: as large as fits, within bounds."""
        fit = min(
            self.budget.width * self.budget.scale / page.width,
            self.budget.height * self.budget.scale / page.height,
        )
        return min(fit, MAX_SCALE)


def resolve_fit(options: RenderOptions, default: Fit) -> Fit:
    """The page a render fits: the one asked for, else the format's default."""
    return options.fit if options.fit is not None else default


def lay_out(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions, fit: Fit, engine: EngineInfo
) -> Layout:
    """Split a map into pages of the ``fit`` size and lay each out with the engine.

    The plan estimates box sizes; when a laid-out page still overflows its budget, the
    whole map is planned again with a budget cut by the overflow (a few times at most),
    so every page keeps its text at the legibility floor.

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    size = PAGE_SIZES[fit].turned(options.portrait)
    budget = page_budget(size)
    shown = [node.id for node in visible_nodes(m, options)]
    show_quote = "quotes" not in options.hide

    sizes: dict[str, tuple[float, float]] = {}

    def measure(node: Node) -> tuple[float, float]:
        size = sizes.get(node.id)
        if size is None:
            size = sizes[node.id] = box_size(m, node, draw_kind(m, node), show_quote=show_quote)
        return size

    horizontal = options.direction in ("LR", "RL")
    tighter: dict[str, tuple[float, float]] = {}
    drawn: dict[str, str] = {}  # DOT source -> SVG, across plans
    lines: LineCache = {}  # node id -> its DOT line, across pages and plans
    laid: list[LaidPage] = []
    for attempt in range(1, MAX_PLANS + 1):
        pages = paginate(m, shown, measure, budget, horizontal=horizontal, tighter=tighter)
        home = {node_id: page.number for page in pages for node_id in page.nodes}
        plans = [PagePlan(page, len(pages), home) for page in pages]
        laid = _lay_out_pages(m, analysis, options, plans, engine, drawn, lines)
        # A page of one node cannot be split further; the others must fit the budget.
        over = [
            p
            for p in laid
            if len(p.plan.page.nodes) > 1 and (p.width > budget.width or p.height > budget.height)
        ]
        if not over:
            break
        for p in over:
            # Plan that page again with its budget cut by how far the layout exceeded it,
            # a little more each time; after TRIES, to its first node alone.
            key = p.plan.page.tops[0]
            width, height = tighter.get(key, (1.0, 1.0))
            margin = 0.97 - 0.05 * attempt
            tighter[key] = (
                width * min(1.0, budget.width / p.width * margin),
                height * min(1.0, budget.height / p.height * margin),
            )
            if attempt >= TRIES:
                tighter[key] = (0.0, 0.0)
    laid = [_without_side_stubs(m, analysis, options, p, budget, engine, lines) for p in laid]
    return Layout(size, budget, laid)


def _without_side_stubs(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions,
    page: LaidPage,
    budget: Budget,
    engine: EngineInfo,
    lines: LineCache,
) -> LaidPage:
    """Lay a one-node page out again without the stub of its siblings, if it overflows.

    That stub sits beside the node (the siblings continue on the next page); dropping it
    is the last way to keep the page's text at the legibility floor.
    """
    if page.width <= budget.width and page.height <= budget.height:
        return page
    own = set(page.plan.page.nodes)
    stubs = tuple(stub for stub in page.plan.page.stubs if stub.parent in own)
    if len(stubs) == len(page.plan.page.stubs):
        return page
    plan = replace(page.plan, page=replace(page.plan.page, stubs=stubs))
    return _lay_out_pages(m, analysis, options, [plan], engine, {}, lines)[0]


def _lay_out_pages(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions,
    plans: list[PagePlan],
    engine: EngineInfo,
    drawn: dict[str, str],
    lines: LineCache,
) -> list[LaidPage]:
    """Lay out every page, in one engine run for all pages not drawn by an earlier plan."""
    from argmap.exporters.diagram.engine import run_engine_svgs

    graphs = [to_digraph(m, analysis, options, plan, cache=lines) for plan in plans]
    sources = [str(graph.source) for graph in graphs]
    missing = [source for source in dict.fromkeys(sources) if source not in drawn]
    svgs = run_engine_svgs(missing, engine, map_name=options.map_name)
    drawn.update(zip(missing, svgs, strict=True))
    return [
        _laid(plan, graph, drawn[source])
        for plan, graph, source in zip(plans, graphs, sources, strict=True)
    ]


def _laid(plan: PagePlan, graph: graphviz.Digraph, svg: str) -> LaidPage:
    match = _SVG_SIZE.search(svg)
    width, height = (float(match.group(2)), float(match.group(3))) if match else (1.0, 1.0)
    return LaidPage(plan, graph, svg, width, height)


def page_svg(layout: Layout, page: LaidPage) -> str:
    """The page's SVG at the page's size, its drawing centred and scaled to fit.

    Every page of a diagram gets the same size (in points), so a PDF or a slide deck
    shows each at the legibility floor or larger.
    """
    scale = layout.scale(page)
    view_w, view_h = layout.size.width / scale, layout.size.height / scale
    match = _SVG_SIZE.search(page.svg)
    if match is None:
        return page.svg
    x, y, w, h = (float(v) for v in match.group(4).split())
    box = f"{x - (view_w - w) / 2:.2f} {y - (view_h - h) / 2:.2f} {view_w:.2f} {view_h:.2f}"
    head = (
        f'<svg{match.group(1)}width="{layout.size.width:.2f}pt" '
        f'height="{layout.size.height:.2f}pt" viewBox="{box}"'
    )
    return page.svg[: match.start()] + head + page.svg[match.end() :]


def page_png(layout: Layout, page: LaidPage, engine: EngineInfo, map_name: str) -> bytes:
    """Draw the page as a PNG of the page's exact pixel size (a slide: 1920 x 1080).

    The drawing is scaled by the resolution and centred by padding, where :func:`page_svg`
    puts it. The engine rounds sizes its own way, so when an image comes out a pixel off,
    the padding is corrected and the page drawn again (twice at most).

    Raises:
        RenderError: the engine is missing, fails or times out.
    """
    import struct

    from argmap.exporters.diagram.engine import run_engine

    scale = layout.scale(page)
    dpi = max(36, round(72 * PIXELS_PER_POINT * scale))
    frame = 2 * GRAPH_PAD_INCHES * 72  # the engine's SVG size includes its own padding
    target = (
        round(layout.size.width * PIXELS_PER_POINT),
        round(layout.size.height * PIXELS_PER_POINT),
    )
    pads = [
        max((pixels * 72 / dpi - (drawn - frame)) / 2 / 72, 0.0)
        for pixels, drawn in zip(target, (page.width, page.height), strict=True)
    ]
    png = b""
    for _ in range(3):
        graph = page.graph.copy()
        graph.attr("graph", pad=f"{pads[0]:.5f},{pads[1]:.5f}")
        png = run_engine(graph.source, "png", engine, map_name=map_name, dpi=dpi)
        size = struct.unpack(">II", png[16:24])
        if size == target:
            break
        for axis in (0, 1):
            pads[axis] = max(pads[axis] + (target[axis] - size[axis]) / 2 / dpi, 0.0)
    return png
