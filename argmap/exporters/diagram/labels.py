"""The words in the diagram: text cleaned and wrapped into labels, shortened in tooltips."""

from __future__ import annotations

import functools
import html
import unicodedata
from typing import Final, NamedTuple

from argmap.analysis.view import visible_nodes
from argmap.exporters.diagram.dot import Html, escape
from argmap.exporters.diagram.linebreak import cluster_cut, shorten, wrap_text
from argmap.exporters.diagram.lineink import cell_row, statement_row
from argmap.exporters.diagram.longtext import (
    MARK_POINTS,
    TextRows,
    credits_width,
    is_long,
    mark,
    page_rows,
    rows_room,
    text_rows,
)
from argmap.exporters.diagram.styles import STANDING_LABEL, NodeStyle
from argmap.exporters.diagram.svgtext import CENTRED_FACE, RIGHT_FACE
from argmap.exporters.diagram.textwidth import REPLACED, text_points, width_attr
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.options import RenderOptions
from argmap.safetext import without_bidi_controls

__all__ = [
    "MAX_TOOLTIP_CHARS",
    "NARROW_WRAPS",
    "RowsMemo",
    "WRAPS",
    "WRAP_WIDTH",
    "Wraps",
    "clean",
    "credit_lines",
    "drawn_text",
    "graphviz_escape",
    "html_text",
    "lines_html",
    "node_label",
    "shorten_keep_lines",
    "statement_rows",
    "statement_rows_once",
    "text_points",
    "tooltip",
    "width_attr",
    "wrap",
]

WRAP_WIDTH: Final = 34
"""Characters per label line (Argdown uses 40; a little narrower keeps big maps slide-shaped)."""

STUB_WRAP: Final = 26
"""Characters per line of a stub's shortened statement."""


class Wraps(NamedTuple):
    """Characters per line of a statement, of the thesis's (larger) and of a stub's."""

    text: int
    thesis: int
    stub: int

    @property
    def quote(self) -> int:
        """Characters per line of a quote (smaller, italic)."""
        return self.text + 6

    @property
    def credit(self) -> int:
        """Characters per line of a citation or reviewer's credit (smaller still)."""
        return self.text + 10


WRAPS: Final = Wraps(WRAP_WIDTH, 30, STUB_WRAP)
"""The usual widths."""

NARROW_WRAPS: Final = Wraps(24, 21, 20)
"""Pages too narrow for two ranks of the usual boxes (upright slides drawn left to right):
a statement box about 180 points wide, a stub about 140, so a box and a stub fit side by
side at the legibility floor."""

MAX_TOOLTIP_CHARS: Final = 4000
"""Tooltips are capped too, so no single label can stall the engine."""


def clean(text: str) -> str:
    """U+FFFD for what SVG and HTML cannot hold (:data:`.REPLACED`); bidi controls left out."""
    if text.isascii() and text.isprintable():  # as most text is: nothing to replace
        return text
    return without_bidi_controls(REPLACED.sub("\ufffd", text))


def shorten_keep_lines(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters (between clusters) with "…", keeping its lines."""
    return text if len(text) <= limit else text[: cluster_cut(text, limit - 1)] + "…"


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """Wrap each paragraph of ``text`` to ``width`` columns (CJK too: :func:`.wrap_text`)."""
    return wrap_text(text, width)


MOST_MARKS: Final = 3
"""The most combining marks drawn on one letter (real writing stacks fewer: Vietnamese two,
pointed Hebrew three); past that, a run of marks ("zalgo" text) would climb out of
its box and through the boxes above, so the diagram draws the first ones (the tooltip and
the HTML outline keep them all)."""


def html_text(text: str) -> str:
    """Escape text for a Graphviz HTML-like label, its letters and accents composed.

    A letter followed by combining accents becomes its composed form where Unicode has
    one (``e`` and a combining acute: ``é``), which every face draws as one glyph; other
    characters stay as written. A letter keeps at most :data:`MOST_MARKS` marks.
    """
    text = _composed(text)
    # Graphviz expands \N, \G, ... even inside HTML-like labels, and reads a doubled
    # backslash as one literal backslash.
    return html.escape(clean(text), quote=True).replace("\\", "\\\\")


_UNMARKED: set[str] = set()
"""Characters met that are no combining mark (looked up once each)."""


def _composed(text: str) -> str:
    """Each letter with combining marks after it in its composed form (NFC), the rest as is."""
    if text.isascii() or _UNMARKED.issuperset(text):
        return text
    if not any(unicodedata.combining(ch) for ch in text):
        _UNMARKED.update(text)
        return text
    out: list[str] = []
    for ch in text:
        if not (out and unicodedata.combining(ch)):
            out.append(ch)
        elif len(out[-1]) <= MOST_MARKS:  # more: a stack that would climb out of its box
            out[-1] += ch
    return "".join(unicodedata.normalize("NFC", part) if len(part) > 1 else part for part in out)


def lines_html(lines: list[str], align: str = "CENTER") -> str:
    """Escaped lines for an HTML-like label, each aligned as ``align`` says.

    Args:
        lines: the lines.
        align: ``"CENTER"`` or ``"RIGHT"`` (in a cell of that ``BALIGN``). The lines
            name the face that tells :func:`~argmap.exporters.diagram.svgtext.place_text`
            how to anchor them once drawn.
    """
    face = RIGHT_FACE if align == "RIGHT" else CENTRED_FACE
    breaks = f'<BR ALIGN="{align}"/>'
    joined = "\n".join(lines)
    if joined.isascii() and joined.count("\n") == len(lines) - 1:  # no line holds a break
        joined = html_text(joined).replace("\n", breaks)  # escaped at once, as line by line
    else:
        joined = breaks.join(html_text(line) for line in lines)
    if not joined:  # no lines: the engine refuses an empty FONT
        return ""
    return f'<FONT FACE="{face}">{joined}</FONT>'


def graphviz_escape(text: str) -> str:
    r"""Escape text for a Graphviz escString attribute (tooltips, ids, URLs).

    ``&`` becomes ``&amp;``, since Graphviz passes character references through to
    SVG as is; backslashes are escaped so ``\N`` and friends stay literal.
    """
    # Quoted strings lose one level of backslashes when read and another when \N and
    # friends are expanded; escape() doubles once, so double once more here.
    return escape(clean(text).replace("&", "&amp;").replace("\\", "\\\\"))


def credit_line(m: ArgumentMap, node: Node) -> str | None:
    """Where a node's words come from: its citation, else its source's name."""
    if node.citation is not None:
        return node.citation.label()
    if node.source is not None and node.source in m.sources:
        return m.sources[node.source].name
    return None


def tooltip(node: Node, *, show_quote: bool) -> str:
    """A node's tooltip: its full text, quote, citation and reviewer, one per line."""
    parts = [node.text]
    if node.quote and show_quote:
        parts.append(f"“{node.quote}”")
    if node.citation is not None:
        parts.append(f"— {node.citation.label()}")
    if node.author:
        parts.append(f"Added by {node.author}")
    return shorten_keep_lines("\n".join(clean(p) for p in parts), MAX_TOOLTIP_CHARS)


def _header(node: Node, kind: NodeKind, style: NodeStyle, standing: str | None) -> str:
    """The small capitals atop a label: kind, undercut, basis and standing."""
    header = style.label
    if node.relation is Relation.UNDERCUTS:
        header = "UNDERCUTS THE LINK" if kind is NodeKind.OBJECTION else f"{header} · UNDERCUTS"
    if node.basis is not None:
        header += " · " + node.basis.value.replace("-", " ").upper()
    if standing is not None:
        header += f"  [{STANDING_LABEL[standing]}]"
    return header


def node_label(
    m: ArgumentMap,
    node: Node,
    kind: NodeKind,
    style: NodeStyle,
    *,
    standing: str | None,
    show_quote: bool,
    header: str | None = None,
    header_width: str | None = None,
    blank: str | None = None,
    page: RenderOptions | None = None,
    memo: RowsMemo | None = None,
) -> Html:
    """A node's HTML-like label: header, wrapped text, quote, citation and reviewer rows.

    Args:
        m: the map (for the names of its sources).
        node: the node.
        kind: how the node is drawn.
        style: the theme's style for that kind.
        standing: the node's standing when ``--status`` draws it, else None.
        show_quote: whether the node's quote is drawn.
        header: the header in place of the kind's (a worksheet names the position).
        header_width: the header cell's ``WIDTH`` attribute, if not its own text's.
        blank: rows in place of the statement's (a worksheet's blank).
        page: the options as the page layout set them: a ``narrow`` page's lines wrap at
            :data:`NARROW_WRAPS`, and its ``text_room`` is the room a box has at the page's
            floor (see :func:`~.longtext.text_rows`). None: a drawing not fitted to pages.
        memo: the statement rows the planner measured the box with, taken from it if there.

    Returns:
        The label, every user string in it escaped.
    """
    rows = [_header_row(header or _header(node, kind, style, standing), header_width, style.ink)]
    thesis = kind is NodeKind.THESIS
    narrow, room = (False, None) if page is None else (page.narrow, page.text_room)
    drawn, credits = statement_rows_once(
        m, node, thesis, show_quote=show_quote, narrow=narrow, room=room, memo=memo
    )
    text_lines, size = list(drawn.text), drawn.size
    if text_lines or not drawn.before:  # (a part may hold only its quote's lines)
        rows.append(blank or statement_row(text_lines, size, thesis, lines_html))
    if drawn.before:  # a statement drawn over several pages: its parts linked
        rows.insert(1, _mark_row(node.id, drawn.before, before=True))
    rows += _quote_rows(list(drawn.quote))
    if drawn.after:  # (after its quote's lines: the quote may be what goes on)
        rows.append(_mark_row(node.id, drawn.after, before=False))
    rows += _credit_rows(credits, style)
    return Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        + "".join(rows)
        + "</TABLE>"
    )


def credit_lines(m: ArgumentMap, node: Node, width: int) -> list[list[str]]:
    """The lines of the rows that credit a node: its citation or source, and its reviewer."""
    credit = credit_line(m, node)
    extra = [] if credit is None else ["— " + credit]
    if node.author:
        extra.append(f"added by {node.author}")
    return [wrap(shorten(line, 200), width) for line in extra]


def statement_rows(
    m: ArgumentMap,
    node: Node,
    thesis: bool,
    *,
    show_quote: bool,
    narrow: bool,
    room: tuple[float, float, bool] | None,
) -> tuple[TextRows, list[list[str]]]:
    """A node's statement, quote and credit lines: what its label draws, its box measures.

    The statement and quote are wrapped (and fitted to the page's ``room``) by
    :func:`~.longtext.text_rows`; the credit rows are each a list of lines.
    """
    wraps = NARROW_WRAPS if narrow else WRAPS
    credits = credit_lines(m, node, wraps.credit)
    columns = wraps.credit  # a narrow page's box: no credit row wider than its room as drawn
    while room is not None and columns > 12 and credits_width(credits) > room[0]:
        columns -= 2
        credits = credit_lines(m, node, columns)
    quote = node.quote if node.quote and show_quote else None
    bases = (wraps.thesis if thesis else wraps.text, wraps.quote)
    # A long thesis is set at the statements' size (bold still): 16 points take half again
    # the room, and 13 keep the page's floor.
    size = 16.0 if thesis and not is_long(node.text, None) else 13.0
    around = 0.0 if room is None else page_rows(m, node)
    firm = narrow or (room is not None and room[2])  # a page drawn top down: its width
    rows = text_rows(node.text, quote, bases, size, rows_room(room, credits, around), firm)
    return rows, credits


StatementKey = tuple[str, bool, bool, bool, "tuple[float, float, bool] | None"]
"""What a node's statement rows depend on: its id, thesis or not, quotes, narrow, room."""


class RowsMemo(dict[StatementKey, tuple[TextRows, list[list[str]]]]):
    """One render's statement rows: made once when a box is measured, taken once drawn.

    The planner measures every box before any page is built; each node's label is then
    built once (on its one page), so an entry goes once used, and none outlives the render.
    """


def statement_rows_once(
    m: ArgumentMap,
    node: Node,
    thesis: bool,
    *,
    show_quote: bool,
    narrow: bool,
    room: tuple[float, float, bool] | None,
    memo: RowsMemo | None,
    keep: bool = False,
) -> tuple[TextRows, list[list[str]]]:
    """:func:`statement_rows`, from ``memo`` if there (taken out of it, unless ``keep``).

    ``keep``: made anew, put in ``memo`` for the label (the box's measure does so).
    """
    if memo is None:
        return statement_rows(m, node, thesis, show_quote=show_quote, narrow=narrow, room=room)
    key: StatementKey = (node.id, thesis, show_quote, narrow, room)
    rows = memo.get(key) if keep else memo.pop(key, None)
    if rows is None:
        rows = statement_rows(m, node, thesis, show_quote=show_quote, narrow=narrow, room=room)
        if keep:
            memo[key] = rows
    return rows


@functools.lru_cache(maxsize=1024)
def _header_row(text: str, width: str | None, ink: str) -> str:
    """The label row of a header: a few headers make every label of a map (kind, basis)."""
    cell = f'<TD ALIGN="LEFT"{width or width_attr([text], 9, "B")}><FONT POINT-SIZE="9"'
    return f'<TR>{cell} COLOR="{ink}"><B>{html_text(text)}</B></FONT></TD></TR>'


def _mark_row(node_id: str, page: int, *, before: bool) -> str:
    """The label row linking a part of a statement drawn over several pages to the next or last."""
    words = mark(page, before)
    link = f' ID="{html_text(("from-" if before else "on-") + node_id)}" HREF="#page-{page}"'
    return (
        f'<TR><TD{link} TITLE="{html_text(words)}" TARGET="_self"'
        f"{width_attr([words], MARK_POINTS, 'I')}>"
        f'<FONT POINT-SIZE="{MARK_POINTS:g}"><I>{html_text(words)}</I></FONT></TD></TR>'
    )


def _quote_rows(lines: list[str]) -> list[str]:
    """The label row of a node's quote, as wrapped (none when it draws no quote)."""
    # (lines of tall ink, an Arabic quote's, in rows of their own: see :mod:`.lineink`)
    return [cell_row(lines, 11, "I", lines_html)] if lines else []


def _credit_rows(credits: list[list[str]], style: NodeStyle) -> list[str]:
    """The label rows that credit a node: its citation or source, and its reviewer."""
    return [
        f'<TR><TD ALIGN="RIGHT" BALIGN="RIGHT"{width_attr(wrapped, 10, fixed=True)}>'
        f'<FONT POINT-SIZE="10" COLOR="{style.ink}">'
        f"{lines_html(wrapped, 'RIGHT')}</FONT></TD></TR>"
        for wrapped in credits
    ]


def drawn_text(m: ArgumentMap, options: RenderOptions) -> str:
    """Every user string the diagram draws (not tooltips), one per line."""
    drawn: list[str] = []
    for node in visible_nodes(m, options):
        drawn += [node.text, node.author or ""]
        if node.quote and "quotes" not in options.hide:
            drawn.append(node.quote)
        credit = credit_line(m, node)
        if credit is not None:
            drawn.append(credit)
    return "\n".join(drawn)
