"""A place worksheet's bank begun on the diagram's last page, in the room the page has left."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final

from argmap.exporters.diagram.bankcolumns import COLUMN_ROOM, balanced, column_count, column_room
from argmap.exporters.diagram.banklabel import (
    add_bank_columns,
    bank_heights,
    bank_rows,
)
from argmap.exporters.diagram.dot import Digraph
from argmap.exporters.diagram.fitting import LaidPage, Layout
from argmap.exporters.diagram.packed import SVG_SIZE, svg_size
from argmap.exporters.diagram.pagesize import OVERHANG, PAD_POINTS
from argmap.exporters.diagram.styles import GRAPH_ATTR
from argmap.exporters.diagram.svgedits import number, shifted

if TYPE_CHECKING:
    from argmap.exporters.diagram.engine import EngineInfo
    from argmap.options import RenderOptions

__all__ = ["Drawing", "Start", "bank_start", "begun_heading", "part_heading"]

GAP: Final = 24.0
"""Points between the diagram and the bank beside or below it."""

TRIES: Final = 4
"""Times the bank's start is drawn with fewer rows when the engine drew it too big."""

FEWER: Final = 0.8
"""The share of its rows a start drawn too big keeps at the next try."""

START_LEAST: Final = 8
"""The fewest rows the bank begins with on the diagram's page, unless it holds them all: a
bank of nine cut two and seven (school-uniforms) read worse than one on a page of its own."""

HEAD: Final = 40.0
"""Points the bank's heading row and its frame take above and below its rows."""

_TRANSLATE: Final = re.compile(r'class="graph" transform="[^"]*translate\(([-\d.]+) ([-\d.]+)\)"')
_BACKGROUND: Final = re.compile(r'(<polygon fill="[^"]*" stroke="none" points=")([^"]*)(")')
_BANK: Final = re.compile(r"<!-- statement bank -->\n<g id=\"bank\".*?</g>\n</g>\n", re.S)
_FRAME: Final = re.compile(r'<polygon fill="none" stroke="[^"]*" points="([^"]*)"')
_NUMBER: Final = re.compile(r"-?\d+(?:\.\d+)?")


Room = tuple[float, float, float, float]
"""Room on a page: its left and top (from the drawing's top left) and its width and height."""

Drawing = tuple["RenderOptions", "EngineInfo", str]
"""What draws the bank: the options, the engine and the bank's heading."""


@dataclass(frozen=True)
class Start:
    """The bank's first rows, to draw on a diagram's last page (the sheet's, and its key's).

    Attributes:
        rows: how many of the bank's rows it holds (the rest go on pages of their own).
        columns: its rows' labels (see :func:`~.banklabel.bank_rows`), in columns.
        heading: the bank's heading over them.
        drawn: the engine's SVG of them alone.
        room: where on the page they go.
    """

    rows: int
    columns: list[list[str]]
    heading: str
    drawn: str
    room: Room

    def titled(self, heading: str, drawing: Drawing) -> Start:
        """The start drawn again under another heading (``STATEMENT BANK (1 of 3)``)."""
        if heading == self.heading:
            return self
        options, engine, _ = drawing
        drawn = _drawn(self.columns, (options, engine, heading))
        return replace(self, heading=heading, drawn=drawn)

    def onto(self, page: LaidPage) -> LaidPage:
        """``page`` (the last of the diagram's, as finished) with the bank's start drawn on it.

        The page's drawing grows to hold it (within the budget the room was measured in),
        and its DOT has the bank too.
        """
        svg = page.svg
        tx, ty = _translate(svg)
        group = _BANK.search(self.drawn)
        frame = _FRAME.search(self.drawn, group.start()) if group is not None else None
        assert group is not None and frame is not None  # the engine's drawing of the bank
        numbers = [float(v) for v in _NUMBER.findall(frame.group(1))]
        xs, ys = numbers[0::2], numbers[1::2]
        left, top = self.room[0], self.room[1] - (ty - PAD_POINTS)  # the drawing's top
        moved = shifted(group.group(0), left - min(xs), top - min(ys))
        width = max(page.width, left + max(xs) - min(xs) + tx + PAD_POINTS)
        height = max(page.height, top + max(ys) - min(ys) + ty + PAD_POINTS)
        root = SVG_SIZE.search(svg)
        assert root is not None  # the engine's SVG
        size = f'{root.group(1)}width="{number(width)}pt" height="{number(height)}pt"'
        size += f' viewBox="0.00 0.00 {width:.2f} {height:.2f}"'
        svg = svg[: root.start()] + "<svg" + size + svg[root.end() :]
        left_, bottom, right, top_ = (number(v) for v in (-tx, height - ty, width - tx, -ty))
        outline = (
            f"{left_},{bottom} {left_},{top_} {right},{top_} {right},{bottom} {left_},{bottom}"
        )
        svg = _BACKGROUND.sub(lambda m: m.group(1) + outline + m.group(3), svg, count=1)
        end = svg.rindex("</g>\n</svg>")
        svg = svg[:end] + moved + svg[end:]
        build = functools.partial(_with_bank, page.build, self.columns, self.heading)
        return LaidPage.of(page.plan, svg, width, height, build)


def part_heading(heading: str, index: int, parts: int) -> str:
    """The bank's heading on one of its ``parts``: ``STATEMENT BANK (2 of 3)``."""
    return heading + (f" ({index} of {parts})" if parts > 1 else "")


def begun_heading(heading: str, rows: int, total: int) -> str:
    """The heading of the bank's start on an answer key, which has none of its other parts.

    The key's pages after its diagram's list the answers, not the rest of the bank: its
    start is named for the statements it holds, ``STATEMENT BANK (nos. 1–10 of 62)``
    (``rows`` of the bank's ``total``), not ``(1 of 3)``; ``heading`` alone if it holds all.
    """
    return heading + (f" (nos. 1–{rows} of {total})" if rows < total else "")


def bank_start(
    layout: Layout, entries: list[tuple[str, str]], names: float, drawing: Drawing
) -> Start | None:
    """The bank's first rows that the diagram's last page has room for, and where.

    The room is beside the drawing (the budget's width past it, the page's height) or
    below it (the budget's height past it, the page's width), the one holding more
    rows; each holds the columns its width does (:func:`~.bankcolumns.column_count`),
    none narrower than :data:`~.bankcolumns.COLUMN_ROOM`. Rows are tried as the estimate
    allows, then a fifth fewer while the engine draws them bigger than the room
    (``drawing``: the options, the engine and the bank's heading). None: no room for the
    whole bank nor for :data:`START_LEAST` rows.
    """
    last = layout.pages[-1]
    budget = layout.budget
    pad = 2 * PAD_POINTS
    beside = (last.width - pad + GAP, 0.0, budget.width - last.width - GAP, budget.height - pad)
    below = (0.0, last.height - pad + GAP, budget.width - pad, budget.height - last.height - GAP)
    best: Start | None = None
    for room in (beside, below):
        found = _fitted(room, entries, names, drawing)
        if found is not None and (best is None or found.rows > best.rows):
            best = found
    return best


def _fitted(
    room: Room, entries: list[tuple[str, str]], names: float, drawing: Drawing
) -> Start | None:
    """The most rows the room holds as the engine draws them (None: not one)."""
    _, _, width, height = room
    frame = 2 * PAD_POINTS + OVERHANG  # the bank's frame and padding, its own margins aside
    if column_room(width, frame, names, 1) < COLUMN_ROOM:
        return None
    columns = column_count(width, frame, names)
    line = column_room(width, frame, names, columns)
    heights = bank_heights(entries, line)
    labels = bank_rows(entries, line)
    rows = _rows_held(heights, columns, height - HEAD)
    for _ in range(TRIES):
        if rows < min(START_LEAST, len(entries)):
            return None
        laid = [
            [labels[i] for i in column] for column in balanced(list(range(rows)), heights, columns)
        ]
        drawn = _drawn(laid, drawing)
        drawn_width, drawn_height = svg_size(drawn)
        if drawn_width - 2 * PAD_POINTS <= width and drawn_height - 2 * PAD_POINTS <= height:
            return Start(rows, laid, drawing[2], drawn, room)
        rows = int(rows * FEWER)
    return None


def _rows_held(heights: list[float], columns: int, tall: float) -> int:
    """How many of the first rows go down ``columns`` columns ``tall`` points each."""
    column, used = 1, 0.0
    for index, height in enumerate(heights):
        if used + height > tall:
            column, used = column + 1, 0.0
            if column > columns or height > tall:
                return index
        used += height
    return len(heights)


def _drawn(columns: list[list[str]], drawing: Drawing) -> str:
    """The engine's SVG of the bank's rows (their labels) in ``columns``, alone."""
    from argmap.exporters.diagram.enginepool import stream_svgs

    options, engine, heading = drawing
    g = Digraph("bank")
    g.attr("graph", GRAPH_ATTR)
    add_bank_columns(g, columns, heading)
    [svg] = stream_svgs([g.source], engine, map_name=options.map_name)
    return svg.decode("utf-8")


def _translate(svg: str) -> tuple[float, float]:
    """The page's graph's translation: where its drawing's origin lies on the page."""
    match = _TRANSLATE.search(svg)
    assert match is not None  # the engine's SVG
    return float(match.group(1)), float(match.group(2))


def _with_bank(build: Callable[[], Digraph], columns: list[list[str]], heading: str) -> Digraph:
    """A page's graph with the bank's start added (the page as DOT)."""
    g = build().copy()
    add_bank_columns(g, columns, heading)
    return g
