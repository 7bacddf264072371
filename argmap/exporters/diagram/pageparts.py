"""What a diagram page adds: a heading, the trail of ancestors, stubs, references to pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import itemgetter

from argmap.exporters.diagram.conclusionpages import flat_steps, trail_steps
from argmap.exporters.diagram.dot import (
    Compass,
    Digraph,
    LineCache,
    near_side,
)
from argmap.exporters.diagram.keymarks import STUBS
from argmap.exporters.diagram.labels import RowsMemo
from argmap.exporters.diagram.measure import box_widths
from argmap.exporters.diagram.pageheading import (
    HEADING_WIDTH,
    LABEL_MARGIN,
    heading_attrs,
    page_heading,
    with_view,
)
from argmap.exporters.diagram.pageinrefs import Arrivals
from argmap.exporters.diagram.pagekey import key_anchors
from argmap.exporters.diagram.pagerefs import add_references
from argmap.exporters.diagram.pagetrail import EdgeStyler, add_trail
from argmap.exporters.diagram.paging import Page, Stub
from argmap.exporters.diagram.rowholds import lane_order
from argmap.exporters.diagram.rowjunctions import (
    hold_flat_junctions,
    placed,
    with_row_junctions,
)
from argmap.exporters.diagram.rowlanes import hold_lanes
from argmap.exporters.diagram.stacking import TRAIL, row_ports
from argmap.exporters.diagram.stubedge import add_stub
from argmap.exporters.diagram.stubstatus import (
    NO_STANDING,
)
from argmap.exporters.diagram.styles import NodeStyle
from argmap.exporters.diagram.trailcolumn import (
    column_items,
    column_steps,
    in_column,
    round_column,
)
from argmap.exporters.diagram.trailcuts import (
    CUT_ROWS,
    WORDED,
    hold_with_cutters,
    hung_tops,
    trail_cutters,
    undercutters,
)
from argmap.exporters.diagram.viewmarks import view_texts
from argmap.model import ArgumentMap, Node, NodeKind
from argmap.options import RenderOptions

__all__ = ["PagePlan", "PageStubs", "add_page_parts", "page_anchor"]


@dataclass(frozen=True)
class PagePlan:
    """One page to draw, with what it needs to point elsewhere.

    Attributes:
        page: the page.
        total: how many pages the diagram has.
        home: node id -> the page that draws it in full.
        digits: when above 0, a draft: every page number is drawn as that many zeros, so
            the page lays out the same whatever the numbers turn out to be (digits are
            one width in the drawing fonts); :mod:`pagenumbers` writes the real ones in.
    """

    page: Page
    total: int
    home: Mapping[str, int]
    digits: int = 0
    across: bool = False
    """The drawing runs left to right: the breadcrumb sits above the page's tops, in
    their column, so that it takes none of the page's width for ranks."""
    narrow: bool = False
    """The page is too narrow for two ranks of the usual boxes: its stubs, references
    and breadcrumb rows are narrower too (see :func:`~.measure.narrow_page`)."""
    heading: float = HEADING_WIDTH
    """The widest its heading is drawn, in points (see :func:`~.pageheading.heading_room`):
    a longer title is shortened to fit."""
    direction: str = "TB"
    """Where the root sits: RL, the breadcrumb's column's outer side is its right; BT, its
    rows go up the tree, its nearest ancestors above, facing the tops hung from them."""
    upright: bool = False
    """The page is taller than wide (see :func:`~.pagerefs.ref_lines`)."""
    ranksep: str = ""
    """The gap between ranks in inches, where not the diagram's (a small map's one page,
    its ranks closer: see :data:`~.wholepage.CLOSER`)."""
    view_heading: float = 0.0
    """The widest its heading is drawn on a narrowed view, where wider than :attr:`heading`
    (0: as :attr:`heading`; see :func:`~.pageheading.heading_room`)."""
    cut_way: int = 0
    """How a top's arrow into the breadcrumb carries the junction its undercutters aim at,
    where the planner left them among its children (see :mod:`.cutways`)."""
    link_side: Compass = ""
    """The side of the breadcrumb an undercut link between two of its rows leaves, top-down
    ("": the side of the tops that undercut it; see :func:`~.trailonto.link_side`)."""
    kinds: bool = True
    """Its stubs name their kinds: not on a label worksheet, whose drawing hides them. The
    planner sized them so (:attr:`~.pagetree.PageTree.sides`, from the same options)."""
    stub_row: str = STUBS
    """How the key, on the page that draws it, explains the stubs the pages draw: as
    branches that go on, until the pages are known (see :func:`~.keymarks.stub_row`)."""
    ends: Mapping[str, int] = field(default_factory=dict)
    """Statements drawn over several pages: node id -> the last page drawing a part of it."""

    def number(self, page: int) -> str:
        """A page number as this plan draws it."""
        return "0" * self.digits if self.digits else str(page)


def page_anchor(number: int) -> str:
    """The link target of a page (``#page-3``), used by stubs, trails and references."""
    return f"#page-{number}"


def add_page_parts(
    g: Digraph,
    m: ArgumentMap,
    plan: PagePlan,
    styles: Mapping[NodeKind, NodeStyle],
    edge_attrs: EdgeStyler,
    cache: LineCache | None = None,
    near: Compass = "",
    ports: Mapping[str, str] | None = None,
    junctions: Mapping[str, str] | None = None,
    view: tuple[str, ...] = (),
) -> None:
    """Add the page's heading, its trail and references to other pages (stubs: :func:`add_stub`).

    Args:
        g: the page's graph, its own nodes already added.
        m: the map.
        plan: the page and where every node is drawn.
        styles: the theme's node styles.
        edge_attrs: the diagram's edge attributes, so added edges look like the tree's.
        cache: trail rows of other pages of the same map and options.
        near: the side of the breadcrumb where its tops' edges end, a compass point
            (empty: where the engine aims them).
        ports: the side of each parent of rows where its children's edges end (see
            :func:`~.stacking.row_ports`): its references' edges end there too.
        junctions: tops whose arrow into the breadcrumb is undercut -> its junction's name.
        view: what the heading may say of a narrowed view (see :func:`~.viewmarks.view_texts`).
    """
    page = plan.page
    total = plan.number(plan.total)
    where = f"{_key_note(page)}page {plan.number(page.number)} of {total}"
    width = max(plan.heading, plan.view_heading) if view else plan.heading
    where = with_view(view, where, width)
    g.attr("graph", heading_attrs(page_heading(m.title, where, width)))
    add_trail(g, m, plan, styles, edge_attrs, {} if cache is None else cache, near, junctions)
    add_references(g, m, plan, edge_attrs, {} if ports is None else ports)


def _key_note(page: Page) -> str:
    """The heading's pointer to the key's page, if not its own (linked: ``svglinks.KEY_NOTE``).

    Never on a worksheet: its key, the instructions, stays on page 1 (see ``Pager.task``).
    """
    place, number = page.key
    return f"key: p. {number}  ·  " if place == "page" else ""


class PageStubs:
    """A page's stubs, added among its nodes in file order (a top's place in the map).

    Graphviz orders a rank's nodes by when they are first met, so a stub added where its
    branch is in the map keeps the siblings in file order.
    """

    def __init__(
        self,
        g: Digraph,
        m: ArgumentMap,
        plan: PagePlan,
        styles: Mapping[NodeKind, NodeStyle],
        edge_attrs: EdgeStyler,
        cache: LineCache,
        theme: str = "default",
        direction: str = "TB",
        sized: tuple[RenderOptions, RowsMemo | None] | None = None,
    ) -> None:
        """The page's stubs (``sized``: its boxes as planned, for what goes beside them)."""
        self.g, self.m, self.plan, self.styles, self.edge_attrs = g, m, plan, styles, edge_attrs
        self.cache = cache
        """Trail rows of the diagram's other pages and drafts (see :func:`add_page_parts`)."""
        self.theme, self.direction = theme, direction
        self.standing: Mapping[str, str] = NO_STANDING
        """With ``--status``: node id -> standing, for its stubs (set by the builder)."""
        place, keyed = plan.page.key  # a node the key sits beside deepens its rank
        nodes = frozenset(plan.page.nodes)
        ports = row_ports(plan.page.wraps, nodes, direction, keyed if place == "same" else "")
        self.curved = round_column(m, plan)
        """Edges round the breadcrumb's column: the page's edges stay curves (see add_parts)."""
        self.ports = {} if self.curved else ports
        """Parents of rows: the side of each where its children's edges end (a compass point)."""
        self.steps, self.laned = column_steps(m, plan, trail_steps(m, plan.page, direction))
        """Its conclusions drawn from a row of its breadcrumb: id -> where the arrow starts;
        those whose arrows go round its column in lanes (see :func:`column_steps`)."""
        self.flat = flat_steps(plan.page)
        """Of those, the ones whose step runs along a rank: how (see :func:`flat_steps`)."""
        stubs = plan.page.stubs
        self.todo = sorted(
            ((m.position(s.tops[0]), i) for i, s in enumerate(stubs, 1)), reverse=True
        )
        self.tops = [m.get(stub.tops[0]) for stub in stubs]
        """Their first nodes: the key explains their kinds too."""
        cut = [stub.parent for stub in stubs if undercutters(m, stub)]
        self.cut = tuple(dict.fromkeys(cut))
        """The nodes whose links (a premise's to its parent, a conclusion's step) its stubs
        of undercutters target (see :attr:`junctions`)."""
        self.hung = hung_tops(m, plan)  # see build's undercut links
        self.onto = _cut_rows(m, plan)
        """Breadcrumb rows whose link the page's tops undercut, drawn through a junction."""
        self.junctions: Mapping[str, str] = {}
        """Of :attr:`cut` and :attr:`hung`, those whose link is drawn and undercut: id -> its
        junction, where stubs of undercutters aim, as undercutters drawn in full do (set by
        the builder); the others' aim at the box."""
        self.edges: list[tuple[float, str]] = []
        """Stub edges added by :meth:`edges_before`, the last first."""
        self.lanes = _lanes(m, plan.page)
        """Page 1's stubs of the root in rows: index -> where among the edges its edge goes."""
        page = (plan.page.nodes, [s.tops[0] for s in stubs], plan.home, plan.number)
        look = (plan.across, plan.narrow, plan.upright)
        held = {item for wrap in plan.page.wraps for item, _ in wrap.holds}
        width = None if sized is None else box_widths(m, *sized)
        beside = None if width is None else (width, plan.heading + LABEL_MARGIN)
        self.view = () if sized is None else view_texts(m, sized[0])  # its heading's words
        self.arrivals = Arrivals(m, page, look, edge_attrs, self.ports, held, beside)
        """Its references to cross-links arriving from other pages, added as stubs are."""

    def add_parts(self) -> None:
        """Add the page's heading, breadcrumb, references, what holds its rows, its key's place."""
        # Left to right, the tops' edges end at the breadcrumb's near side, at their rows
        # (aimed at a row's centre, those from the outer columns met its far corners).
        across = self.plan.across and not in_column(self.plan)
        near: Compass = near_side(self.direction) if across else ""
        parts = (self.styles, self.edge_attrs, self.cache, near, self.ports, self.junctions)
        add_page_parts(self.g, self.m, self.plan, *parts, self.view)
        # A linked group's rows are held inside its box (see build).
        wraps = self.plan.page.wraps
        held = [w for w in wraps if not w.parent.startswith(("group ", "tails ", *CUT_ROWS))]
        if column_items(self.m, self.plan) is not None:  # the breadcrumb's column holds them
            held = [w for w in held if w.parent != TRAIL]
        tree = ({node: self.m.get(node).parent for node in self.plan.page.nodes}, placed(wraps))
        held = with_row_junctions(self.g, held, tree)  # a later row's junction: above
        hold_with_cutters(self.g, self.plan, held, (self.m, self.junctions))
        hold_flat_junctions(self.g, held)  # a top's on its rank: before the next top
        if self.lanes:  # the root's edges from its rows of stubs kept in lanes (see _lanes)
            self.g.node(self.plan.page.tops[0], {"ordering": "in"})
        rowed = {
            n: up for n, up in tree[0].items() if not self.lanes or n != self.plan.page.tops[0]
        }
        hold_lanes(self.g, held, rowed)  # any other parent's rows: their arrows in lanes
        if wraps and not self.curved:
            # Rows send their edges up past each other to one parent: curved, they aim at
            # its centre, bunch at its corners and swap sides; straight runs with bends keep
            # the order they pass the rows in (left to right, the columns). Not with the
            # breadcrumb in the tops' column: its edges go round it in lanes (traillanes).
            self.g.attr("graph", {"splines": "polyline"})
        place, node = self.plan.page.key  # where the planner counts the key
        if place == "below" and self.plan.across:  # below it in its column (rank)
            with self.g.subgraph() as column:
                column.set({"rank": "same"})
                column.node(node)
                column.node("legend key")
            self.g.edge(node, "legend key", {"style": "invis"})
        elif place in ("below", "next"):  # a rank below it (after it: left to right)
            for anchor in key_anchors(self.plan.page, node):
                self.g.edge("legend key", anchor, {"style": "invis"})
        elif place == "same":
            with self.g.subgraph() as beside:
                beside.set({"rank": "same"})
                beside.node("legend key")
                beside.node(node)

    def add_before(self, node: Node | None) -> None:
        """Add the stubs that come before ``node`` in the map (all that are left: None)."""
        limit = None if node is None else self.m.position(node.id)
        while self.todo and (limit is None or self.todo[-1][0] < limit):
            position, index = self.todo.pop()
            stub = self.plan.page.stubs[index - 1]
            junction = self._junction(stub) if undercutters(self.m, stub) else None
            edge = add_stub(
                self.g,
                self.m,
                self.plan,
                index,
                self.styles,
                self.edge_attrs,
                self.theme,
                junction,
                self.ports.get(stub.parent, ""),
                self._corner(stub.name),
                self.standing,
            )
            self.edges.insert(0, (self.lanes.get(index, position), edge))
        if self.lanes:  # an edge in its lane's place (see _lanes): all after the last stub
            self.edges.sort(key=itemgetter(0), reverse=True)
        self.arrivals.add_before(self.g, limit)

    def _junction(self, stub: Stub) -> str | None:
        """Where a stub of undercutters aims: the junction its parent's undercut link has.

        A breadcrumb row's link that the page's tops undercut is drawn through a junction
        (see :mod:`.trailonto`); aimed at the row's corner beside it, the stub's arrow
        crossed that link (the flagship's upright A4, "The 2014 turn...").
        """
        if stub.parent in self.onto:
            return f"junction trail {stub.parent}"
        return self.junctions.get(stub.parent)

    def _corner(self, name: str) -> Compass:
        """The breadcrumb's corner a stub of the siblings after the page's aims at.

        One in a lower row of several, under a row as long, aims where its row's others
        do: at the corner, its arrow crossed the arrow of the box above it on the way up
        (60 pieces of evidence of one reason on slides). Under shorter rows it is the
        rightmost box, and the corner keeps its arrow outside theirs; so is the last of a
        column, left to right (its breadcrumb's near corner).
        """
        rows = next((w.rows for w in self.plan.page.wraps if any(name in r for r in w.rows)), ())
        at = next((i for i, row in enumerate(rows) if name in row), 0)
        upright = self.direction in ("TB", "BT")  # (left to right, its rows are columns)
        row = rows[at] if rows else ()
        if upright and at and len(row) > 1 and any(len(r) >= len(row) for r in rows[:at]):
            return ""
        return "sw" if self.direction == "RL" else "se"

    def edges_before(self, node: Node | None) -> None:
        """Add the edges of the stubs before ``node`` (all that are left: None).

        Among the tree's edges in file order, as the engine first meets them.
        """
        limit = None if node is None else self.m.position(node.id)
        while self.edges and (limit is None or self.edges[-1][0] < limit):
            self.g.line(self.edges.pop()[1])
        self.arrivals.edges_before(self.g, limit)


def _cut_rows(m: ArgumentMap, plan: PagePlan) -> frozenset[str]:
    """The breadcrumb rows whose link the page's tops undercut, as the breadcrumb draws them."""
    drawn = plan.cut_way != WORDED and not plan.across
    onto = trail_cutters(m, plan) if drawn else frozenset()
    return frozenset(m.get(top).parent or "" for top in onto)


def _lanes(m: ArgumentMap, page: Page) -> dict[int, float]:
    """Page 1's stubs of the root in rows (two or more atop): stub index -> its edge's place.

    The edges go after the last of those stubs, in the order of :func:`~.rowholds.lane_order`
    (which the root's ``ordering=in`` keeps), each lower row's passing the rows above in
    a lane of its own: in file order, the engine sent them round the rows' outside.
    """
    if page.number != 1 or not page.tops:
        return {}
    index = {stub.name: i for i, stub in enumerate(page.stubs, 1)}
    for wrap in page.wraps:
        names = [name for row in wrap.rows for name in row]
        if wrap.parent != page.tops[0] or len(wrap.rows[0]) < 2 or not set(names) <= set(index):
            continue  # (a row of one: its lower rows' edges pass it on either side)
        last = max(m.position(page.stubs[index[name] - 1].tops[0]) for name in names)
        order = lane_order(wrap.rows)
        return {index[name]: last + (k + 1) / (len(order) + 1) for k, name in enumerate(order)}
    return {}
