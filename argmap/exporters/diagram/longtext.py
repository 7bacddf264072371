"""Statements and quotes drawn in full: long ones wrap wider; one no page holds is split."""

from __future__ import annotations

import functools
import math
from typing import Final, NamedTuple

from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.linebreak import cluster_cut, one_spaced, text_columns, wrap_text
from argmap.exporters.diagram.lineink import line_share, rows_height
from argmap.exporters.diagram.pagetrailsize import TRAIL_ROW
from argmap.exporters.diagram.stacking import RANKSEP
from argmap.exporters.diagram.textwidth import char_points, text_points
from argmap.model import ArgumentMap, Node
from argmap.shaping import needs_shaping

__all__ = [
    "LONG_CHARS",
    "UNPAGED_CHARS",
    "Room",
    "TextRows",
    "credits_width",
    "cut_note",
    "is_long",
    "line_points",
    "mark",
    "page_rows",
    "rows_room",
    "text_rows",
    "trail_rows",
]

LONG_CHARS: Final = 600
"""Up to this many characters a statement wraps at the usual width; a longer one
wraps wider, in proportion to the square root of its length, so its box keeps a sensible
shape instead of growing into a tall strip."""

QUOTE_CHARS: Final = 160
"""Up to this many characters a quote wraps at the usual quote width."""

WIDEST_WRAP: Final = 96
"""The widest a long statement wraps for its shape (a page too short for it may go wider)."""

UNPAGED_CHARS: Final = 20_000
"""A drawing not fitted to pages (``--fit none``) draws statements and quotes in full up to
this many characters, and cuts a longer one visibly: one label of more would stall the
engine (its tooltip is capped sooner)."""

LINE_HEIGHT: Final = 1.2
BOX_SIDES: Final = 2 * (2.0 + 0.15 * 72) + 8
"""A box's width beyond its widest line: cell padding, margins and a little slack."""

WIDTH_SLACK: Final = 1.08
"""A long line's box may come out this much wider than :func:`line_points` counts it."""


class Room(NamedTuple):
    """The most a page holds of one box at its floor, in points (see :func:`rows_room`)."""

    width: float
    height: float
    rows: bool = False
    """The page's ranks are rows (top to bottom): the height is less the node's own
    breadcrumb and stubs above and below it (see :func:`rows_room`)."""


class TextRows(NamedTuple):
    """A node's statement and quote as drawn, line by line (``quote`` empty when not drawn)."""

    text: tuple[str, ...]
    quote: tuple[str, ...]
    size: float
    """The statement's font size."""
    kept: int = 0
    """A statement its page cannot hold: the lines of it drawn there (0: drawn whole)."""
    wrap: int = 0
    """A statement its page cannot hold: the columns its lines wrap at."""
    before: int = 0
    """The page the statement is continued from, on a page continuing it (0: none)."""
    after: int = 0
    """The page the statement continues on, where a page cannot hold it (0: none)."""
    quote_kept: int = 0
    """A quote its page cannot hold (:attr:`kept` then counts every statement line): the
    lines of it drawn there, 0 where it goes on whole after the statement."""
    quote_wrap: int = 0
    """A statement or quote its page cannot hold: the columns the quote's lines wrap at."""


TRAIL_MOST: Final = 6
"""The most rows a breadcrumb has (see :data:`~.pageestimate.TRAIL_ROWS`)."""

STUB_ROW: Final = 64.0
"""The height of a row of stubs (three lines at the most), in points."""


def page_rows(m: ArgumentMap, node: Node) -> float:
    """The height a page drawn top to bottom keeps above and below a node as large as it holds.

    Above it, its breadcrumb (a row for each ancestor, at most :data:`TRAIL_MOST`), and
    below it the stubs of its children, each with the gap between ranks; a little slack.
    """
    stubs = STUB_ROW + RANKSEP if m.children(node.id) else 0.0
    return trail_rows(m, node) + stubs + 12


def trail_rows(m: ArgumentMap, node: Node) -> float:
    """The height a page drawn top to bottom keeps above a node for its breadcrumb."""
    rows, parent = 0, node.parent
    while parent is not None and rows < TRAIL_MOST:  # bounded: a breadcrumb's rows
        rows, parent = rows + 1, m.get(parent).parent
    return rows * TRAIL_ROW + 14 + RANKSEP if rows else 0.0


def rows_room(
    room: tuple[float, float, bool] | None, credits: list[list[str]], around: float
) -> tuple[float, float] | None:
    """The room a box's statement and quote rows have: its ``room`` less its other rows.

    Those are its header, its ``credits`` rows (each a list of lines), the cells' padding
    and the box's margins; and on a page whose ranks are rows (see :attr:`Room.rows`),
    the height ``around`` it: its breadcrumb's and its stubs' rows. None: a drawing not
    fitted to pages.
    """
    if room is None:
        return None
    others = 9.0 * LINE_HEIGHT + 4 + 8 + 2 * 0.08 * 72
    others += sum(len(lines) * 10.0 * LINE_HEIGHT + 4 for lines in credits)
    return room[0], room[1] - others - (around if room[2] else 0.0)


def cut_note(chars: int) -> str:
    """The words that end a statement or quote cut short, saying where the whole of it is."""
    return f"(cut: {chars:,} characters in all; full text in the HTML page's outline)"


class _Points(dict[str, float]):
    """Character -> its width at one size, as met (beyond ASCII, at least as drawn)."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, ch: str) -> float:
        width = char_points(ch, self.size)
        if ord(ch) >= 0x80:  # emoji and symbols draw wider than the estimate
            width = max(width, text_points(ch, self.size))
        self[ch] = width
        return width


_POINTS: dict[float, _Points] = {}
"""Font size -> its characters' widths."""


def line_points(line: str, size: float) -> float:
    """A line's width at ``size``, generously (as the planner measures boxes).

    Each character counts :func:`~.textwidth.char_points` (looked up once each); a line of
    shaped text (:func:`~argmap.shaping.needs_shaping`) counts as wide as the shaper sets
    it, in bold at the most (conjuncts are narrower than their letters).
    """
    if needs_shaping(line):
        return text_points(line, size, "B")
    points = _POINTS.get(size)
    if points is None:
        points = _POINTS[size] = _Points(size)
    return sum(map(points.__getitem__, line))


def _drawn_points(line: str, size: float, style: str) -> float:
    """A line's width: the widest of :func:`line_points`, Noto's and the engine's count.

    Capitals draw wider than the count's 0.6 of an em (a line of ``Q`` in italics by a
    fifth): a box fitted to a page by the count alone came out wider than the page. The
    engine's own Helvetica widths are wider still for some (``A``, ``W``): the engine
    makes a cell that wide whatever width it is given, unless the cell is fixed at the
    drawn width, as one of shaped text or emoji is (see :func:`~.textwidth.width_attr`).
    """
    drawn = max(line_points(line, size), text_points(line, size, style))
    if not line.isascii() and (needs_shaping(line) or max(map(ord, line)) > 0xFFFF):
        return drawn
    return max(drawn, engine_points(line, size))


def _shape_wrap(text: str, base: int, long: int) -> int:
    """The wrap that keeps a box of ``text`` in a sensible shape (``long``: see the callers)."""
    if len(text) <= long:  # as ever
        return base
    columns = text_columns(text)
    return min(max(base, WIDEST_WRAP), max(base, round(base * math.sqrt(columns / long))))


class _Wrapped(NamedTuple):
    text: list[str]
    quote: list[str]
    width: float
    height: float
    kept: int = 0  # a statement cut: its lines drawn (see TextRows)
    wrap: int = 0
    quote_kept: int = 0
    quote_wrap: int = 0


def _wrapped(text: str, quote: str | None, widths: tuple[int, int], size: float) -> _Wrapped:
    """Both rows wrapped at ``widths`` (statement, quote), with the box's width and height."""
    lines = wrap_text(text, widths[0])
    quoted = wrap_text(f"“{quote}”", widths[1]) if quote is not None else []
    width = max(
        max((_drawn_points(line, size, "") for line in lines), default=0.0),
        max((_drawn_points(line, 11.0, "I") for line in quoted), default=0.0),
    )
    height = rows_height(lines, size) + rows_height(quoted, 11.0, "I")
    return _Wrapped(lines, quoted, width * WIDTH_SLACK + BOX_SIDES, height)


@functools.lru_cache(maxsize=4096)
def text_rows(
    text: str,
    quote: str | None,
    bases: tuple[int, int],
    size: float,
    room: tuple[float, float] | None,
    firm: bool = False,
) -> TextRows:
    """A node's statement (and quote) wrapped as drawn: in full wherever a page holds it.

    A statement of up to :data:`LONG_CHARS` characters (a quote of up
    to :data:`QUOTE_CHARS`) wraps at its ``bases`` width, as it always has; a longer one
    wraps wider (see :func:`_shape_wrap`), no wider than the ``room`` the page holds. A box
    still taller than the room wraps wider, up to the room's width; what then still does
    not fit is cut, the quote before the statement, each cut ending in :func:`cut_note`;
    a statement or quote so cut says where (:attr:`TextRows.kept`,
    :attr:`TextRows.quote_kept`), and the pages after its own draw the rest (see
    :mod:`.continuation`).

    Args:
        text: the statement (whitespace runs are drawn as one space).
        quote: the quote, or None when it is not drawn.
        bases: the usual wraps, in columns, of the statement and of the quote.
        size: the statement's font size (the quote's is 11).
        room: the box's room on the page at its floor; None: a drawing not fitted to pages.
        firm: the room's width holds a box of usual length too, as on a narrow page (see
            :func:`~.measure.narrow_page`) or one whose ranks are rows (the room is as wide
            as the page): such a box as wide as drawn past the room (wide letters, emoji)
            wraps narrower.
    """
    text = one_spaced(text)
    quote = None if quote is None else one_spaced(quote)
    if room is None:
        text, quote = _unpaged(text), None if quote is None else _unpaged(quote)
    wrap = _shape_wrap(text, bases[0], LONG_CHARS)
    quote_wrap = bases[1]
    if quote is not None:
        quote_wrap = max(_shape_wrap(quote, bases[1], QUOTE_CHARS), wrap + 6)
    widths = (wrap, quote_wrap)
    drawn = _wrapped(text, quote, widths, size)
    if room is not None and is_long(text, quote):
        drawn = _fitted(text, quote, widths, size, room, drawn)
    elif room is not None and firm:  # else a box of usual length is drawn as it always was
        drawn = _narrowed(text, quote, widths, size, room[0], drawn)[2]
    rows = TextRows(tuple(drawn.text), tuple(drawn.quote), size, drawn.kept, drawn.wrap)
    return rows._replace(quote_kept=drawn.quote_kept, quote_wrap=drawn.quote_wrap)


def is_long(text: str, quote: str | None) -> bool:
    """Whether a statement or its quote is longer than usual: wrapped wider, fitted to pages."""
    return len(text) > LONG_CHARS or (quote is not None and len(quote) > QUOTE_CHARS)


def _unpaged(text: str) -> str:
    """Text for a drawing not fitted to pages: in full up to :data:`UNPAGED_CHARS`."""
    if len(text) <= UNPAGED_CHARS:
        return text
    return text[: cluster_cut(text, UNPAGED_CHARS)].rstrip() + "… " + cut_note(len(text))


def _fitted(
    text: str,
    quote: str | None,
    widths: tuple[int, int],
    size: float,
    room: tuple[float, float],
    drawn: _Wrapped,
) -> _Wrapped:
    """The rows narrowed to the room's width, widened while too tall, and cut at the last."""
    room_width, room_height = room
    wrap, quote_wrap, drawn = _narrowed(text, quote, widths, size, room_width, drawn)
    while drawn.height > room_height:  # wider, while the page holds it
        wider = _wrapped(text, quote, (wrap + 4, quote_wrap + 4), size)
        if wider.width > room_width or wrap > 400:
            break
        wrap, quote_wrap, drawn = wrap + 4, quote_wrap + 4, wider
    if drawn.height <= room_height:
        return drawn
    if quote is None:  # (a quote's capitals may draw wider than counted: kept as counted)
        wrap, quote_wrap, drawn = _filled(text, quote, (wrap, quote_wrap), size, room_width, drawn)
    line = line_share(list(drawn.text), size)  # taller for tall ink (see :mod:`.lineink`)
    quote_line = line_share(list(drawn.quote), 11.0, "I")
    text_height = len(drawn.text) * line
    quoted = drawn.quote
    if quote is not None:  # the quote gives way first, to two lines and its note at the least
        quote_note = wrap_text(cut_note(len(quote)), quote_wrap)
        fits = int((room_height - text_height) / quote_line) - len(quote_note)
        quoted = _cut(drawn.quote, max(2, fits), quote_note, quote_wrap)
    fits = int((room_height - len(quoted) * quote_line) / line)
    lines, kept, quote_kept = drawn.text, 0, 0
    if len(lines) > fits:
        note = wrap_text(cut_note(len(text)), wrap)
        keep = max(1, fits - len(note))
        if len(lines) > keep + len(note):
            kept, lines = keep, _cut(lines, keep, note, wrap)
    if not kept and quoted != drawn.quote:  # the statement whole, the quote goes on after
        kept, quote_kept = len(lines), len(quoted) - len(quote_note)
    height = len(lines) * line + len(quoted) * quote_line
    wraps = (wrap, quote_wrap) if kept else (0, 0)
    return _Wrapped(lines, quoted, drawn.width, height, kept, wraps[0], quote_kept, wraps[1])


FILL_SIDES: Final = 2 * (2.0 + 0.15 * 72) + 4
"""A box's width beyond its widest line as drawn: cell padding, margins, the cell's 4."""


def _filled(
    text: str,
    quote: str | None,
    widths: tuple[int, int],
    size: float,
    room: float,
    drawn: _Wrapped,
) -> tuple[int, int, _Wrapped]:
    """The rows of a statement the page cannot hold, wrapped as wide as its page draws them.

    :func:`_fitted` widens a box while its generous count (:data:`WIDTH_SLACK`) fits the
    room, which left a twelfth of the page's width blank beside a statement to be cut
    anyway: that one widens while its lines as drawn (:func:`_drawn_points`) fit.
    """
    wrap, quote_wrap = widths
    while wrap <= 400:  # bounded: a page's width in columns
        wider = _wrapped(text, quote, (wrap + 2, quote_wrap + 2), size)
        if (wider.width - BOX_SIDES) / WIDTH_SLACK + FILL_SIDES > room:
            break
        wrap, quote_wrap, drawn = wrap + 2, quote_wrap + 2, wider
    return wrap, quote_wrap, drawn


def _narrowed(
    text: str,
    quote: str | None,
    widths: tuple[int, int],
    size: float,
    room: float,
    drawn: _Wrapped,
) -> tuple[int, int, _Wrapped]:
    """The rows wrapped narrower (to 12 columns at the least) while wider than ``room``."""
    wrap, quote_wrap = widths
    while drawn.width > room and max(wrap, quote_wrap) > 12:  # a page narrower than usual
        wrap, quote_wrap = max(12, wrap - 2), max(12, quote_wrap - 2)
        drawn = _wrapped(text, quote, (wrap, quote_wrap), size)
    return wrap, quote_wrap, drawn


MARK_POINTS: Final = 11.0
"""The text size of the row marking a statement continued (see :func:`mark`)."""
MARK_ROW: Final = MARK_POINTS * LINE_HEIGHT + 4
"""The height of that row."""


def mark(page: int, before: bool) -> str:
    """The words that link a statement drawn over several pages to its part on ``page``."""
    return f"(continued from p. {page})" if before else f"(continues on p. {page})"


def credits_width(credits: list[list[str]]) -> float:
    """The width a box takes for its credit rows (each a list of lines), as drawn."""
    widest = max((_drawn_points(line, 10.0, "") for lines in credits for line in lines), default=0)
    return widest * WIDTH_SLACK + BOX_SIDES


def _cut(lines: list[str], keep: int, note: list[str], wrap: int) -> list[str]:
    """The first ``keep`` lines, the last ending in an ellipsis, then the ``note``'s lines."""
    if len(lines) <= keep + len(note):
        return lines
    kept = lines[:keep]
    last = kept[-1]
    while text_columns(last) + 1 > wrap and " " in last:
        last = last.rsplit(" ", 1)[0]
    if text_columns(last) + 1 > wrap:
        last = last[: cluster_cut(last, len(last) - 1)]
    kept[-1] = last.rstrip(" ,;:.") + "…"
    return kept + note
