"""The diagram of a worksheet: position headers, ruled blanks, number boxes and its key."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from argmap.exporters.diagram.dot import Html
from argmap.exporters.diagram.enginewidths import engine_points
from argmap.exporters.diagram.labels import html_text, width_attr
from argmap.exporters.diagram.styles import EdgeStyle, NodeStyle
from argmap.exporters.diagram.textwidth import text_points
from argmap.model import Node, NodeKind, Relation
from argmap.options import Sheet

__all__ = [
    "GIVEN_KINDS",
    "RULE_FOOT",
    "RULE_HEIGHT",
    "label_parts",
    "sheet_body",
    "sheet_classes",
    "sheet_header",
    "sheet_key",
    "sheet_styles",
]

RULE_HEIGHT: Final = 26
"""Points between two ruled lines of a blank: room for handwriting at any fitted scale."""

RULE_FOOT: Final = 6
"""Points kept below a blank's last ruled line, for the descenders written on it: the line
sat about a millimetre above the box's border, and a g or a y crossed it."""

RULE_WIDTH: Final = 230
"""A ruled line's length in points: the width of a statement's box."""

PLACE_BOX_WIDTH: Final = 70
"""The width of the box a place worksheet's bank number is written in, in points."""

PLACE_WORDS: Final = "Statement no."
"""What a place worksheet's box says before the box for the bank number."""

PLACE_POINTS: Final = 13
"""The size of :data:`PLACE_WORDS`."""

PLACE_SPACING: Final = 4
"""Points around and between the words and the number's box (their table's spacing)."""

KIND_BLANK: Final = "kind: ________________________"
"""What a label worksheet's header shows for the kind students write in."""

LINKED_LABEL_SHEET: Final = "LINKED REASON: co-premises that support only together"
"""A label worksheet's caption of a linked group's box."""

LINKED_MEMBER: Final = "REASON"
"""A label worksheet's header of a linked premise: its kind, given (the group box says it)."""

GIVEN_KINDS: Final = frozenset({NodeKind.THESIS, NodeKind.CONCLUSION})
"""Kinds a label worksheet shows: the thesis, and conclusions (``C1`` says what they are)."""

_PLAIN: Final = NodeStyle("", "box", "#ffffff", "#424242", "#212121")
_PLAIN_EDGE: Final = EdgeStyle("#424242")


def sheet_styles(
    sheet: Sheet | None,
    nodes: Mapping[NodeKind, NodeStyle],
    edges: Mapping[Relation, EdgeStyle],
) -> tuple[Mapping[NodeKind, NodeStyle], Mapping[Relation, EdgeStyle]]:
    """The theme's styles, or one plain look for every kind and arrow when kinds are hidden.

    The thesis and the conclusions keep their own looks: a label worksheet asks for
    every kind but those (a conclusion's position, ``C1``, and its "so" arrow say it).
    """
    if sheet is None or not sheet.hides_kinds:
        return nodes, edges
    plain = dict.fromkeys(NodeKind, _PLAIN)
    for kind in GIVEN_KINDS:
        plain[kind] = nodes[kind]
    return plain, dict.fromkeys(Relation, _PLAIN_EDGE)


def sheet_classes(sheet: Sheet | None, classes: list[str]) -> list[str]:
    """A node's SVG classes: none that names a kind or a relation when kinds are hidden."""
    return ["statement"] if sheet is not None and sheet.hides_kinds else classes


def group_label(sheet: Sheet | None) -> str:
    """The caption of a linked group's box.

    A label worksheet hides every other kind, so its caption says what the box is in the
    terms students are taught (Rationale's): co-premises that support only together.
    """
    hidden = sheet is not None and sheet.hides_kinds
    return LINKED_LABEL_SHEET if hidden else "LINKED REASON (all together)"


ARROW_BOX: Final = Html(
    '<TABLE BORDER="0" CELLPADDING="0"><TR>'
    '<TD BORDER="1" COLOR="#424242" BGCOLOR="#ffffff" WIDTH="20" HEIGHT="20"> </TD>'
    "</TR></TABLE>"
)
"""A label worksheet's box on each arrow, for + (supports) or − (attacks)."""

ARROW_ROOM: Final = Html(
    '<TABLE BORDER="0" CELLPADDING="0"><TR><TD WIDTH="20" HEIGHT="20"> </TD></TR></TABLE>'
)
"""An empty label the size of the box: the engine leaves the arrow room for the box."""

ARROW_BOX_DISTANCE: Final = "2.6"
"""Where the box sits on its arrow: 26 points from the box the arrow leaves."""


def given_sign(sign: str) -> Html:
    """A label worksheet's arrow box with its sign printed: the drawing settles it."""
    return Html(
        '<TABLE BORDER="0" CELLPADDING="0"><TR>'
        '<TD BORDER="1" COLOR="#9e9e9e" BGCOLOR="#eeeeee" WIDTH="20" HEIGHT="20">'
        f'<FONT POINT-SIZE="13" COLOR="#424242">{sign}</FONT></TD>'
        "</TR></TABLE>"
    )


SUPPORTS_SIGN: Final = "+"
ATTACKS_SIGN: Final = "\u2212"


def linked_member(sheet: Sheet | None, node: Node) -> bool:
    """Whether a label worksheet gives this box's kind: a premise of a linked group.

    Only premises can be linked, so the group's box says what its members are and how
    they bear on their parent (they support it); the sheet prints that as it prints
    the thesis's kind, rather than ask what its drawing answers.
    """
    return sheet is not None and sheet.hides_kinds and node.group is not None


def sheet_edge(
    sheet: Sheet | None, source: Node | None = None, relation: Relation | None = None
) -> dict[str, str]:
    """A label worksheet's arrow: a box to mark, and no class or tooltip naming its relation.

    The box sits on the arrow itself, a little above the box the arrow leaves (a tail
    label, in line with the arrow), so each box plainly belongs to one arrow however
    many arrows meet at a parent; an empty label of the box's size keeps the room the
    engine would give a label beside the arrow, so pages are planned as before. An
    arrow from a linked premise (``source``) always supports: its box shows ``+``. On
    the key drawn as the sheet (``sheet.written``), every other box has its sign written
    in, from the arrow's ``relation``.
    """
    if sheet is None or not sheet.hides_kinds:
        return {}
    settled = source is not None and linked_member(sheet, source)
    box = ARROW_BOX
    if sheet.written is not None and relation is not None:
        from argmap.exporters.diagram.keyanswers import written_sign

        box = written_sign(SUPPORTS_SIGN if relation is Relation.SUPPORTS else ATTACKS_SIGN)
    return {
        "class": "arrow",
        "tooltip": "arrow",
        "label": ARROW_ROOM,
        "taillabel": given_sign(SUPPORTS_SIGN) if settled else box,
        "labelangle": "0",
        "labeldistance": ARROW_BOX_DISTANCE,
    }


def onto_arrow(attrs: dict[str, str], onto: bool) -> dict[str, str]:
    """An arrow's attributes; ``onto`` another arrow (an undercut), its box shows ``−``.

    Only an attack can end on an arrow, so a label worksheet's drawing settles the sign.
    """
    if not onto or "taillabel" not in attrs:
        return attrs
    return {**attrs, "taillabel": given_sign(ATTACKS_SIGN)}


def arrow_halves(attrs: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """An arrow cut at a junction: its box on the first half (from the box it leaves) only."""
    return (
        {k: v for k, v in attrs.items() if k != "label"},
        {k: v for k, v in attrs.items() if k != "taillabel"},
    )


def no_arrow_box(attrs: dict[str, str]) -> dict[str, str]:
    """An arrow drawn without its worksheet box (a stub's: the box is on the branch's page)."""
    return {k: v for k, v in attrs.items() if k not in ("label", "taillabel")}


def label_parts(
    sheet: Sheet | None, node: Node, kind: NodeKind, style: NodeStyle
) -> dict[str, str]:
    """What a worksheet's box shows in place of a map's: its header, and a blank's rows."""
    if sheet is None:
        return {}
    parts = {"header": sheet_header(node, kind, style, sheet)}
    if sheet.hides_kinds and sheet.written is not None:  # a key's box: as wide as the sheet's
        blank_header = sheet_header(node, kind, style, replace(sheet, written=None))
        parts["header_width"] = _header_width(blank_header)
    blank = sheet_body(node, style.ink, sheet)
    if blank is not None:
        parts["blank"] = blank
    return parts


def _header_width(blank: str) -> str:
    """The ``WIDTH`` of a label key's header cell: its worksheet's, with the kind's blank.

    The wider of the blank as drawn and as the engine counts it (its underscores wider
    than Noto's), so a box of the key is as wide as the worksheet's, whatever kind it names.
    """
    drawn = max(text_points(blank, 9, "B"), engine_points(blank, 9, bold=True))
    return f' WIDTH="{math.ceil(drawn) + 4}"'


def sheet_header(node: Node, kind: NodeKind, style: NodeStyle, sheet: Sheet) -> str:
    """A worksheet node's header: its position, then its kind or a blank for the kind."""
    header = f"{node.id} · {style.label}"
    if kind not in GIVEN_KINDS:  # a blanked thesis is in the bank: its key says where
        if linked_member(sheet, node):
            return f"{node.id} · {LINKED_MEMBER}"
        if sheet.hides_kinds:
            written = (sheet.written or {}).get(node.id)
            return f"{node.id} · {KIND_BLANK if written is None else 'kind: ' + written}"
        if node.relation is Relation.UNDERCUTS:
            header += " · UNDERCUTS THE LINK"
    if sheet.answers and node.id in sheet.numbers:
        header += f" · BANK NO. {sheet.accepted(node.id).upper()}"
    return header


def sheet_body(node: Node, ink: str, sheet: Sheet) -> str | None:
    """The rows in place of a blanked statement: ruled lines, or a box for a bank number.

    Returns None when the statement is shown (the thesis, a label worksheet, a key).
    """
    lines = sheet.blanks.get(node.id)
    if lines is None or sheet.answers:
        return None
    written = None if sheet.written is None else sheet.written.get(node.id)
    if written is not None:
        from argmap.exporters.diagram import keyanswers as key
    if sheet.kind == "place":
        box = (
            f'<TD BORDER="1" COLOR="{ink}" WIDTH="{PLACE_BOX_WIDTH}" HEIGHT="{RULE_HEIGHT}"> </TD>'
            if written is None
            else key.written_number(written, PLACE_BOX_WIDTH, RULE_HEIGHT, ink)
        )
        return (
            f'<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLSPACING="{PLACE_SPACING}"><TR>'
            f'<TD><FONT POINT-SIZE="{PLACE_POINTS}" COLOR="{ink}">{PLACE_WORDS}</FONT></TD>'
            f"{box}</TR></TABLE></TD></TR>"
        )
    foot = f'<TR><TD FIXEDSIZE="TRUE" WIDTH="{RULE_WIDTH}" HEIGHT="{RULE_FOOT}"></TD></TR>'
    if written is not None:
        shown = key.written_lines(written, lines, RULE_WIDTH)[0]
        return key.written_rules(shown, lines, RULE_WIDTH, RULE_HEIGHT, ink) + foot
    rule = (
        f'<TR><TD SIDES="B" BORDER="1" COLOR="{ink}" WIDTH="{RULE_WIDTH}" '
        f'HEIGHT="{RULE_HEIGHT}"> </TD></TR>'
    )
    return rule * lines + foot


def sheet_key(sheet: Sheet | None) -> Html | None:
    """The worksheet's instructions, drawn where a map's key goes (None: the map's key)."""
    if sheet is None or sheet.answers:
        return None
    if sheet.kind == "fill":
        lines = [
            "Write the missing statement on the lines of each box.",
            "Boxes are named by position: 1 is the thesis, 1.2 its second child.",
        ]
    elif sheet.kind == "place":
        lines = [
            "Write in each box the number of the statement",
            "from the bank that belongs there. Each is used once.",
        ]
    else:
        lines = [
            "Write each box's kind: reason, evidence, objection",
            "or rebuttal; mark each arrow's box + (supports) or − (attacks).",
            "A grey box is filled in: the drawing says what goes there.",
        ]
    title = "WORKSHEET" if sheet.written is None else "ANSWER KEY"
    rows = [f'<TR><TD ALIGN="LEFT"><B>{title}</B></TD></TR>']
    rows += [
        f'<TR><TD ALIGN="LEFT"{width_attr([line], 10)}>{html_text(line)}</TD></TR>'
        for line in lines
    ]
    return Html(
        '<TABLE BORDER="1" COLOR="#9e9e9e" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">'
        + "".join(rows)
        + "</TABLE>"
    )
