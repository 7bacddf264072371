"""The HTML templates' contexts: what the outline page and the answer key are given."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TypedDict

from argmap.exporters.html.cases import ClaimCase, claim_cases
from argmap.exporters.html.nodeview import NodeView, NodeViews
from argmap.exporters.html.outline import OutlineEvent, outline_events
from argmap.exporters.html.summary import (
    DocumentView,
    KindCount,
    SourceEntry,
    authors,
    document_view,
    kind_counts,
    source_entries,
    unanswered_objections,
    view_note,
)
from argmap.model import ArgumentMap, reading_order
from argmap.options import RenderOptions

if TYPE_CHECKING:
    from markupsafe import Markup

    from argmap.analysis.standing import Analysis

__all__ = ["AnswerContext", "Assets", "PageContext", "answer_context", "page_context"]


class Assets(TypedDict):
    """The inlined stylesheet and script, and the Content-Security-Policy allowing them."""

    css: Markup
    js: Markup
    csp: str


class PageContext(Assets):
    """The context of ``outline.html``."""

    title: str
    description: str | None
    document: DocumentView | None
    theme: str
    exercise: bool
    thesis: NodeView
    events: list[OutlineEvent]
    cases: list[ClaimCase]
    sources: list[SourceEntry]
    kind_counts: list[KindCount]
    authors: list[tuple[str, list[NodeView]]]
    unanswered: list[NodeView]
    svg: Markup | None
    diagram_note: str | None
    has_standing: bool
    node_count: int
    view_note: str | None


class AnswerContext(Assets):
    """The context of ``answers.html``: the exercise's answer key."""

    title: str
    description: str | None
    document: DocumentView | None
    theme: str
    exercise: bool
    nodes: list[NodeView]


def page_context(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions,
    assets: Assets,
    svg: Markup | None = None,
    diagram_note: str | None = None,
    whole: ArgumentMap | None = None,
) -> PageContext:
    """Return the template context of the outline page.

    Args:
        m: the map, or the part of it the page shows (see :func:`argmap.analysis.view.submap`).
        analysis: the whole map's analysis: standing is a fact about the whole argument.
        options: render options (``exercise`` blanks node texts, ``theme`` picks colours).
        assets: the inlined stylesheet and script with their security policy.
        svg: the inline diagram, already sanitised.
        diagram_note: why the diagram is missing, shown in its place.
        whole: the whole map when ``m`` is a part of it.

    Returns:
        Everything ``outline.html`` shows, in document order.
    """
    views = NodeViews(m, analysis, options)
    return PageContext(
        **assets,
        title=m.title,
        description=m.description,
        document=document_view(m),
        theme=options.theme,
        exercise=options.exercise,
        thesis=views.view(m.thesis),
        events=outline_events(m, views),
        cases=claim_cases(m, views),
        sources=source_entries(m, views),
        kind_counts=kind_counts(m),
        authors=authors(m, views),
        unanswered=unanswered_objections(m, views),
        svg=svg,
        diagram_note=diagram_note,
        has_standing=bool(views.standing),
        node_count=len(m),
        view_note=view_note(options, whole, m),
    )


def answer_context(
    m: ArgumentMap, analysis: Analysis, options: RenderOptions, assets: Assets
) -> AnswerContext:
    """Return the template context of the answer key: every node with its text.

    Args:
        m: the map.
        analysis: the map's analysis.
        options: render options (only ``theme`` matters here).
        assets: the inlined stylesheet with its security policy.
    """
    views = NodeViews(m, analysis, replace(options, exercise=False))
    return AnswerContext(
        **assets,
        title=m.title,
        description=m.description,
        document=document_view(m),
        theme=options.theme,
        exercise=False,
        nodes=[views.view(node) for node in reading_order(m)],
    )
