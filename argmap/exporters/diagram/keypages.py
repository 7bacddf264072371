"""An answer key on its worksheet's pages: the same pages, boxes and stubs, the answers written in.

A teacher marks a worksheet with its key beside it, page by page, so the key is not laid
out on its own (its boxes, holding the statements, would be other sizes, and its pages
other pages): the worksheet's pages are planned and laid out, then each is drawn again
with every box's answer written where students write theirs, in a box of the same size.
A place key's boxes hold bank numbers, so its statements follow the diagram's pages in a
list by position, as do those of a fill key written only in part on their lines.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Final

from argmap.analysis.view import draw_kind, paged_focus, visible_nodes
from argmap.exercise.worksheet import sheet_title
from argmap.exporters.diagram.build import to_digraph
from argmap.exporters.diagram.continuation import (
    NODE_ID,
    PART_ID,
    Cut,
    cut_statements,
    drawn_again,
)
from argmap.exporters.diagram.fitting import LaidPage, Layout, lay_out
from argmap.exporters.diagram.keyanswers import written_lines
from argmap.exporters.diagram.labels import RowsMemo, StatementKey
from argmap.exporters.diagram.longtext import TextRows
from argmap.exporters.diagram.measure import page_options
from argmap.exporters.diagram.packed import pack, svg_size
from argmap.exporters.diagram.pagenumbers import write_numbers
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.pagetree import TRAIL_ROWS
from argmap.exporters.diagram.styles import THEMES
from argmap.exporters.diagram.worksheet import RULE_WIDTH
from argmap.model import ArgumentMap, Node
from argmap.options import Fit, RenderOptions, Sheet

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis
    from argmap.exporters.diagram.dot import Digraph
    from argmap.exporters.diagram.engine import EngineInfo

Rows = tuple[TextRows, list[list[str]]]
"""A statement's rows and its credits' (see :class:`~.labels.RowsMemo`)."""

__all__ = ["ANSWERS_HEADING", "answer_entries", "key_layout", "sheet_map", "written_answers"]

ANSWERS_HEADING: Final = "ANSWERS BY POSITION"
"""The heading of a key's list of answers (see :func:`answer_entries`)."""


def key_layout(m: ArgumentMap, options: RenderOptions, fit: Fit, engine: EngineInfo) -> Layout:
    """Lay an answer key (``options.sheet.answers``) out on its worksheet's pages.

    Args:
        m: the key's map (the statements, named by position).
        options: the key's options; its sheet keeps the worksheet's blanks.
        fit: the page size.
        engine: the engine.

    Returns:
        The worksheet's diagram pages, drawn with the answers (the same page for page,
        shown at the worksheet's scale; the last with the start of the sheet's bank where
        the sheet has it there), then the answers by position where the boxes do not
        hold them (see :func:`answer_entries`), on pages of their own.

    Raises:
        RenderError: the engine fails.
    """
    from argmap.analysis.standing import analyze
    from argmap.exporters.diagram.banklabel import BANK_HEADING
    from argmap.exporters.diagram.banklast import begun_heading
    from argmap.exporters.diagram.bankpages import bank_layout, with_bank_pages

    key = options.sheet
    assert key is not None and key.answers  # (the caller's test)
    drawn = sheet_map(m, key)
    analysis = analyze(drawn)
    sheet = replace(key, answers=False, numbers={})
    sheet_options = replace(options, sheet=sheet)
    worksheet = sheet_map(m, key, sheet_title(m.title))  # as the worksheet is planned
    laid = lay_out(worksheet, analysis, sheet_options, fit, engine)
    with_bank, start = bank_layout(laid, sheet_options, engine, worksheet.title)
    deck = with_bank.deck  # its text size
    written = replace(sheet, written=written_answers(m, key, options))
    page = page_options(replace(options, sheet=written), laid.budget)
    shown = [node.id for node in visible_nodes(drawn, page)]
    shown = paged_focus(drawn, page, shown, TRAIL_ROWS - 1)[0]
    cut = cut_statements(drawn, page, shown)  # as the worksheet's pages continue them
    digits = len(str(len(shown) + sum(len(found.parts) - 1 for found in cut.values())))
    layout = replace(laid, pages=_drawn(drawn, analysis, page, laid, engine, (digits, cut)))
    if start is not None:  # the bank begun on the sheet's last page: on the key's too
        heading = begun_heading(BANK_HEADING, start.rows, len(sheet.bank))
        start = start.titled(heading, (sheet_options, engine, heading))
        layout = replace(layout, pages=[*layout.pages[:-1], start.onto(layout.pages[-1])])
    entries = answer_entries(m, key) if key.listed else []
    if entries:
        layout = with_bank_pages(layout, options, engine, m.title, entries, ANSWERS_HEADING)
    return replace(layout, deck=deck)


def sheet_map(m: ArgumentMap, sheet: Sheet, title: str | None = None) -> ArgumentMap:
    """The key's map as its worksheet draws it: each blanked statement its position.

    The worksheet's stubs, breadcrumbs and references name a blanked box by the text its
    map holds there, its position; so the key's name it too, and are the same size.
    ``title``: the map's title in place of the key's.
    """
    if not sheet.blanks and title is None:
        return m
    nodes = tuple(
        node.model_copy(update={"text": node.id}) if node.id in sheet.blanks else node
        for node in m.nodes
    )
    return ArgumentMap(
        title=m.title if title is None else title,
        description=m.description,
        source=m.source,
        sources=m.sources,
        nodes=nodes,
    )


def written_answers(m: ArgumentMap, sheet: Sheet, options: RenderOptions) -> dict[str, str]:
    """What the key writes in each box: the statement (fill), bank number (place) or kind."""
    if sheet.kind == "place":
        return {position: sheet.accepted(position) for position in sheet.numbers}
    if sheet.kind == "fill":
        return {node.id: node.text for node in m.nodes if node.id in sheet.blanks}
    styles = THEMES[options.theme][0]
    return {node.id: styles[draw_kind(m, node)].label for node in m.nodes}


def answer_entries(m: ArgumentMap, sheet: Sheet) -> list[tuple[str, str]]:
    """The key's list of answers by position, for the statements its boxes do not hold.

    A place key lists every blanked statement (its boxes hold bank numbers), with its
    number; a fill key lists them all if any is cut short on its lines; a label key
    writes every answer in its boxes, and lists none.
    """
    blanked: list[Node] = [node for node in m.nodes if node.id in sheet.blanks]
    if sheet.kind == "place":
        return [(f"{node.id} · no. {sheet.accepted(node.id)}", node.text) for node in blanked]
    whole = all(written_lines(node.text, sheet.blanks[node.id], RULE_WIDTH)[1] for node in blanked)
    return [] if whole else [(node.id, node.text) for node in blanked]


def _drawn(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions,
    laid: Layout,
    engine: EngineInfo,
    cuts: tuple[int, Mapping[str, Cut]],
) -> list[LaidPage]:
    """The worksheet's pages drawn with ``options`` (the answers written in), plan for plan.

    Each is drawn as the worksheet's drafts were, its page numbers as zeros (``cuts``:
    how many, and the statements its pages continue: see :func:`.cut_statements`), and
    its numbers written in when finished (see :mod:`~.pagenumbers`), so each number takes
    the room it took on the worksheet; a page continuing a statement draws that part.
    """
    from argmap.exporters.diagram.enginepool import stream_svgs

    digits, cut = cuts
    plans = [page.plan for page in laid.pages]
    again = [drawn_again(cut, plan) for plan in plans]

    def graph(plan: PagePlan, rows: Mapping[StatementKey, Rows]) -> Callable[[], Digraph]:
        return lambda: to_digraph(m, analysis, options, plan, rows=RowsMemo(rows))

    sources = (graph(replace(shown, digits=digits), rows)().source for shown, rows, _ in again)
    svgs = stream_svgs(sources, engine, map_name=options.map_name)
    pages = []
    for plan, (shown, rows, part), svg in zip(plans, again, svgs, strict=True):
        width, height = svg_size(svg)
        numbered = partial(_numbered, m=m, plan=plan, digits=digits, part=part)
        pages.append(LaidPage(plan, pack(svg), width, height, graph(shown, rows), numbered))
    return pages


def _numbered(svg: str, *, m: ArgumentMap, plan: PagePlan, digits: int, part: bool) -> str:
    """A page's SVG with its real page numbers written in (a statement's part: its box's id)."""
    svg = write_numbers(svg, m, plan, digits)
    return svg.replace(NODE_ID, PART_ID, 1) if part else svg
