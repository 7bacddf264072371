"""The words in the diagram: text cleaned, shortened and wrapped into node labels and tooltips."""

from __future__ import annotations

import html
import math
import re
import unicodedata
from typing import Final, NamedTuple

from argmap.analysis.view import visible_nodes
from argmap.exporters.diagram.dot import Html, escape
from argmap.exporters.diagram.linebreak import cluster_cut, wrap_text, wrap_words
from argmap.exporters.diagram.styles import STANDING_LABEL, NodeStyle
from argmap.exporters.diagram.svgtext import CENTRED_FACE, RIGHT_FACE
from argmap.exporters.diagram.textwidth import text_points, width_attr
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.options import RenderOptions

__all__ = [
    "MAX_QUOTE_CHARS",
    "MAX_TEXT_CHARS",
    "MAX_TOOLTIP_CHARS",
    "NARROW_WRAPS",
    "WRAPS",
    "WRAP_WIDTH",
    "Wraps",
    "clean",
    "drawn_text",
    "graphviz_escape",
    "html_text",
    "lines_html",
    "node_label",
    "shorten_keep_lines",
    "branch_counts",
    "grouped_stub_lines",
    "stub_box",
    "stub_label_lines",
    "stub_lines",
    "stub_wrap",
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

MAX_TEXT_CHARS: Final = 600
"""Node text longer than this is shortened in the diagram (full text in the tooltip)."""

MAX_QUOTE_CHARS: Final = 160
"""Quotes longer than this are shortened in the diagram (full text in the tooltip)."""

MAX_TOOLTIP_CHARS: Final = 4000
"""Tooltips are capped too, so no single label can stall the engine."""

_BAD_CHARS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Replace the characters that XML (and so SVG) cannot hold; keep everything else as is."""
    return _BAD_CHARS.sub("\ufffd", text)


def shorten(text: str, limit: int) -> str:
    """Collapse whitespace, then cut to ``limit`` characters with an ellipsis.

    The cut falls between clusters (:func:`~.linebreak.cluster_cut`): never inside a
    conjunct, between a letter and its marks, or inside an emoji sequence or a flag.
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: cluster_cut(text, limit - 1)].rstrip() + "…"


def shorten_keep_lines(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters (between clusters) with "…", keeping its lines."""
    return text if len(text) <= limit else text[: cluster_cut(text, limit - 1)] + "…"


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """Wrap each paragraph of ``text`` to ``width`` columns; an empty one stays a line.

    Other scripts than ASCII are wrapped by :func:`~.linebreak.wrap_columns`: a CJK
    letter takes two columns, no cluster is split, and CJK lines break between letters.
    """
    return wrap_text(text, width)


STUB_POINTS: Final = 11.0
"""A stub's text size."""


def stub_wrap(narrow: bool) -> int:
    """Characters per line of a stub's statement, on a narrow page or not."""
    return (NARROW_WRAPS if narrow else WRAPS).stub


def stub_lines(text: str, width: int = STUB_WRAP, most: int = 2) -> list[str]:
    """A statement shortened for a stub: at most ``most`` lines of whole words.

    A statement that does not fit ends with an ellipsis after its last whole word. A word
    longer than a line (beyond ASCII) is cut between clusters, as ``wrap_columns`` cuts it.
    """
    text = " ".join(text.split())
    long = not text.isascii() and max(map(len, text.split(" "))) > width
    lines = (wrap_text(text, width) if long else wrap_words(text, width)) or [""]
    if len(lines) <= most:
        return lines
    kept = lines[:most]
    last = kept[-1]
    while len(last) + 1 > width and " " in last:
        last = last.rsplit(" ", 1)[0]
    kept[-1] = last.rstrip(" ,;:.") + "…"
    return kept


def stub_label_lines(text: str, more: int, page: str, *, narrow: bool = False) -> list[str]:
    """A stub's lines: its branch's first statement shortened, then where the branch goes on.

    Args:
        text: the statement of the branch's first node.
        more: how many nodes the branch holds besides that one.
        page: the page it continues on, as drawn.
        narrow: the page is narrow (see :data:`NARROW_WRAPS`): shorter lines.
    """
    where = f"+{more} more, p. {page}" if more else f"continues on p. {page}"
    return [*stub_lines(text, stub_wrap(narrow)), where]


def branch_counts(kinds: list[str]) -> str:
    """Say what several branches are, from their first nodes' kinds: ``3 more reasons``."""
    counts: dict[str, int] = {}
    for word in kinds:
        counts[word] = counts.get(word, 0) + 1
    names = {"premise": "reason", "evidence": "piece of evidence"}
    parts = []
    for word, count in counts.items():
        name = names.get(word, word)
        if count != 1:
            name = "pieces of evidence" if word == "evidence" else name + "s"
        parts.append(f"{count} more {name}")
    return ", ".join(parts)


def grouped_stub_lines(
    kinds: list[str], hidden: int, page: str, *, narrow: bool = False
) -> list[str]:
    """A grouped stub's lines: its branches counted by kind, then where they go on.

    The counts go on two lines when one would be wider than the last line (``hidden``
    nodes in all, from ``page`` as drawn): on one, the counts of four kinds make a stub
    wider than a small page. On a ``narrow`` page, the counts go on as many lines as
    keep each within a stub's line (one count at least), and the last line is shorter.
    """
    counts = branch_counts(kinds)
    parts = counts.split(", ")
    if narrow:
        lines = [parts[0]]
        for part in parts[1:]:
            if len(lines[-1]) + len(part) + 2 <= NARROW_WRAPS.stub:
                lines[-1] += ", " + part
            else:
                lines[-1] += ","
                lines.append(part)
        return [*lines, f"{hidden} nodes, from p. {page}"]
    where = f"{hidden} nodes in all, from p. {page}"
    if len(parts) == 1 or len(counts) <= len(where):
        return [counts, where]
    # Split where the two lines come out most even.
    sizes = [len(", ".join(parts[:i])) for i in range(1, len(parts))]
    cut = 1 + min(range(len(sizes)), key=lambda i: max(sizes[i], len(", ".join(parts[i + 1 :]))))
    return [", ".join(parts[:cut]) + ",", ", ".join(parts[cut:]), where]


def stub_box(lines: list[str]) -> tuple[float, float]:
    """A stub's box in points, as its label draws ``lines`` (see :func:`width_attr`)."""
    width = math.ceil(max(text_points(line, STUB_POINTS) for line in lines)) + 4
    height = len(lines) * STUB_POINTS * 1.2 + 2
    # The box's margins (0.15 x 0.08 inches each side), its border and a little slack.
    return width + 2 * 0.15 * 72 + 4, height + 2 * 0.08 * 72 + 4


def html_text(text: str) -> str:
    """Escape text for a Graphviz HTML-like label, its letters and accents composed.

    A letter followed by combining accents becomes its composed form where Unicode has
    one (``e`` and a combining acute: ``é``), which every face draws as one glyph; other
    characters stay as written.
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
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
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
    text = "\n".join(clean(p) for p in parts)
    return shorten_keep_lines(text, MAX_TOOLTIP_CHARS)


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
    blank: str | None = None,
    narrow: bool = False,
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
        blank: rows in place of the statement's (a worksheet's blank).
        narrow: the page is narrow: lines wrap at :data:`NARROW_WRAPS`.

    Returns:
        The label, every user string in it escaped.
    """
    header_text = header or _header(node, kind, style, standing)
    head = html_text(header_text)
    rows = [
        f'<TR><TD ALIGN="LEFT"{width_attr([header_text], 9, "B")}>'
        f'<FONT POINT-SIZE="9" COLOR="{style.ink}"><B>{head}</B></FONT></TD></TR>'
    ]
    thesis = kind is NodeKind.THESIS
    size = 16.0 if thesis else 13.0
    wraps = NARROW_WRAPS if narrow else WRAPS
    text_lines = wrap(shorten(node.text, MAX_TEXT_CHARS), wraps.thesis if thesis else wraps.text)
    body = f"<B>{lines_html(text_lines)}</B>" if thesis else lines_html(text_lines)
    rows.append(
        blank
        or f"<TR><TD{width_attr(text_lines, size, 'B' if thesis else '', fixed=True)}>"
        f'<FONT POINT-SIZE="{size:g}">{body}</FONT>'
        "</TD></TR>"
    )
    if node.quote and show_quote:
        quote_lines = wrap(f"“{shorten(node.quote, MAX_QUOTE_CHARS)}”", wraps.quote)
        rows.append(
            f'<TR><TD{width_attr(quote_lines, 11, "I", fixed=True)}><FONT POINT-SIZE="11"><I>'
            f"{lines_html(quote_lines)}</I></FONT></TD></TR>"
        )
    rows += _credit_rows(m, node, style, wraps.credit)
    return Html(
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">'
        + "".join(rows)
        + "</TABLE>"
    )


def _credit_rows(m: ArgumentMap, node: Node, style: NodeStyle, width: int) -> list[str]:
    """The label rows that credit a node: its citation or source, and its reviewer."""
    rows: list[str] = []
    credit = credit_line(m, node)
    extra = [] if credit is None else ["— " + credit]
    if node.author:
        extra.append(f"added by {node.author}")
    for line in extra:
        wrapped = wrap(shorten(line, 200), width)
        rows.append(
            f'<TR><TD ALIGN="RIGHT" BALIGN="RIGHT"{width_attr(wrapped, 10, fixed=True)}>'
            f'<FONT POINT-SIZE="10" COLOR="{style.ink}">'
            f"{lines_html(wrapped, 'RIGHT')}</FONT></TD></TR>"
        )
    return rows


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
