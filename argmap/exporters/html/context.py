"""The HTML templates' contexts: what the outline page and the answer key are given."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypedDict

from argmap.exporters.html.cases import CASE_RUN, ClaimCase, claim_cases
from argmap.exporters.html.cutlinks import LINK_LABELS, LINK_MEANINGS
from argmap.exporters.html.nodeview import NodeView, NodeViews
from argmap.exporters.html.outline import Outline
from argmap.exporters.html.summary import (
    DocumentView,
    KindCount,
    SourceEntry,
    Unanswered,
    authors,
    document_view,
    kind_counts,
    source_entries,
    unanswered_objections,
    view_note,
)
from argmap.exporters.html.verdict import (
    ThesisVerdict,
    bearing_on_thesis,
    defeated_grounds,
    thesis_verdict,
)
from argmap.model import ArgumentMap, reading_order
from argmap.options import RenderOptions
from argmap.safetext import paragraphs

if TYPE_CHECKING:
    from markupsafe import Markup

    from argmap.analysis.standing import Analysis
    from argmap.exporters.html.diagram import Diagram

__all__ = ["Assets", "PageContext", "page_context"]


class Assets(TypedDict):
    """The inlined stylesheet and script, and the Content-Security-Policy allowing them."""

    css: Markup
    js: Markup
    csp: str


class PageContext(Assets):
    """The context of ``outline.html``."""

    title: str
    description: list[str]
    """The map's description, a paragraph each (blank lines part them)."""
    document: DocumentView | None
    theme: str
    exercise: bool
    exercise_kind: str | None
    """A worksheet's kind (fill, place, label), or None for a map's page."""
    answers: bool
    """The page is a worksheet's answer key."""
    bank: list[str]
    """A place worksheet's statements, in the bank's order."""
    numbers: Mapping[str, str]
    """A place worksheet's key: position -> the bank number of its statement."""
    key_nodes: list[NodeView]
    """Every node in outline order (the answer key's rows)."""
    thesis: NodeView
    verdict: ThesisVerdict | None
    """The thesis's standing and support, with why (None when the page shows no standing)."""
    events: Outline
    cases: list[ClaimCase]
    case_run: int
    """Cases a run holds when there are more than this many (see :data:`CASE_RUN`)."""
    sources: list[SourceEntry]
    kind_counts: list[KindCount]
    authors: list[tuple[str, list[NodeView]]]
    unanswered: list[Unanswered]
    diagram: Diagram | None
    diagram_note: str | None
    has_standing: bool
    cut_links: list[tuple[str, str, str]]
    """The key's cut links, as the page's entries have them: standing, badge words, meaning."""
    node_count: int
    view_note: str | None


def page_context(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions,
    assets: Assets,
    diagram: Diagram | None = None,
    diagram_note: str | None = None,
    whole: ArgumentMap | None = None,
) -> PageContext:
    """Return the template context of the outline page.

    Args:
        m: the map, or the part of it the page shows (see :func:`argmap.analysis.view.submap`).
        analysis: the whole map's analysis: standing is a fact about the whole argument.
        options: render options (``exercise`` blanks node texts, ``theme`` picks colours).
        assets: the inlined stylesheet and script with their security policy.
        diagram: the inline diagram's pages, already sanitised.
        diagram_note: why the diagram is missing, shown in its place.
        whole: the whole map when ``m`` is a part of it.

    Returns:
        Everything ``outline.html`` shows, in document order.
    """
    views = NodeViews(m, analysis, options)
    sheet = options.sheet
    return PageContext(
        **assets,
        title=m.title,
        description=paragraphs(m.description),
        document=document_view(m),
        theme=options.theme,
        exercise=options.exercise,
        exercise_kind=None if sheet is None else sheet.kind,
        answers=sheet is not None and sheet.answers,
        bank=[] if sheet is None or sheet.answers else list(sheet.bank),
        numbers={p: sheet.accepted(p) for p in sheet.numbers} if sheet and sheet.answers else {},
        key_nodes=[] if sheet is None else [views.view(node) for node in reading_order(m)],
        thesis=views.view(m.thesis),
        verdict=_verdict(views, analysis, whole),
        events=Outline(m, views),
        cases=claim_cases(m, views),
        case_run=CASE_RUN,
        sources=source_entries(m, views),
        kind_counts=kind_counts(m, views),
        authors=authors(m, views),
        unanswered=unanswered_objections(m, views),
        diagram=diagram,
        diagram_note=diagram_note,
        has_standing=bool(views.standing),
        cut_links=_cut_key(views),
        node_count=len(m) - len(views.elided),
        view_note=view_note(options, whole, m, len(views.elided)),
    )


def _verdict(
    views: NodeViews, analysis: Analysis, whole: ArgumentMap | None
) -> ThesisVerdict | None:
    """The Thesis section's verdict, judged on the whole map; None where standing is not shown."""
    if not views.standing:
        return None
    thesis = views.m.thesis.id
    # The page's own index has what bears on the thesis, unless the page shows a part.
    bearing = views.incoming[thesis] if whole is None else bearing_on_thesis(whole)
    by_id, left_out = views.by_id, views.elided
    return thesis_verdict(
        thesis,
        analysis,
        bearing,
        lambda i: i in by_id and i not in left_out,
        named=views.sheet is None,
        defeated_grounds=defeated_grounds(views.m if whole is None else whole, analysis),
    )


def _cut_key(views: NodeViews) -> list[tuple[str, str, str]]:
    """The key's entries for the cut links the page lists: standing, badge words, meaning."""
    shown = {cut for i, cut in views.links.items() if i in views.by_id and i not in views.elided}
    return [(c, LINK_LABELS[c], LINK_MEANINGS[c]) for c in LINK_LABELS if c in shown]
