"""The Markdown export's brief: whether the thesis stands, the counts, the open objections."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

from argmap.analysis.stakes import undercut_chain
from argmap.analysis.view import draw_kind
from argmap.exporters.html.cutlinks import undercut_ends
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.model.vocabulary import KIND_LABELS, kind_count

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = [
    "KIND_NAMES",
    "LINKED_NAME",
    "bearing_words",
    "brief_lines",
    "claim_words",
    "kind_name",
    "link_words",
]

KIND_NAMES: Final[Mapping[NodeKind, str]] = KIND_LABELS
"""Each kind as the diagram's boxes and key name it (``REASON``, ``reason``), as drawn: an
objection to an objection is a rebuttal there, so here too (see ``draw_kind``)."""
LINKED_NAME: Final = "Linked reason (all together)"
"""A linked group, as the diagram captions its box."""
WORDS: Final = 60
"""A claim named in another's line is cut to this many characters, at a word's end."""


def kind_name(m: ArgumentMap, node: Node) -> str:
    """A node's kind as the diagram heads its box (an undercutter says so)."""
    name = KIND_NAMES[draw_kind(m, node)]
    if node.relation is Relation.UNDERCUTS:
        name += ", undercutting a link"
    return name


def claim_words(m: ArgumentMap, node_id: str, *, named: bool = False) -> str:
    """A claim as another's line names it: ``the thesis``, or its words quoted (cut if long).

    With ``named``, its id follows its words (in brackets), telling apart two claims of the
    same words. Plain text: escape it for the format it goes into.
    """
    if node_id == m.thesis.id:
        return "the thesis"
    text = " ".join(m.get(node_id).text.split())
    if len(text) > WORDS:
        cut = text[: WORDS - 1]
        space = cut.rfind(" ")
        text = (cut[:space] if space > WORDS // 2 else cut).rstrip(" ,;:") + "\u2026"
    return f"\u201c{text}\u201d" + (f" ({node_id})" if named else "")


def link_words(m: ArgumentMap, target: str, *, named: bool = False) -> str:
    """The link an undercut of ``target`` attacks, in words: ``the link from "A" to "B"``.

    An undercutter's own link is its undercut: ``the undercut by "U" of the link from "O"
    to the thesis`` (see :func:`~argmap.analysis.stakes.undercut_chain`).
    """
    cutters, target = undercut_chain(m, target)
    said = "".join(f"the undercut by {claim_words(m, c, named=named)} of " for c in cutters)
    start, end = undercut_ends({target: m.get(target)}, target)
    to = "" if end is None else f" to {claim_words(m, end, named=named)}"
    return f"{said}the link from {claim_words(m, start, named=named)}{to}"


def bearing_words(
    m: ArgumentMap, node: Node, *, tree: bool = True, links: bool = True
) -> list[str]:
    """What a node bears on, in words: ``attacks the thesis``, ``undercuts the link ...``.

    By its tree edge (with ``tree``), then by its cross-links (with ``links``), each a
    phrase of plain text; where two of its targets read the same (twin claims, or words
    cut short), each names its claims' ids too.
    """
    bears = [(node.relation, node.parent, True)] if node.parent is not None else []
    bears += [(link.relation, link.to, False) for link in node.links]

    def said(named: bool) -> list[tuple[str, bool]]:
        out: list[tuple[str, bool]] = []
        for relation, target, by_tree in bears:
            if relation is Relation.UNDERCUTS:
                out.append((f"undercuts {link_words(m, target, named=named)}", by_tree))
            elif relation is not None:
                out.append((f"{relation.value} {claim_words(m, target, named=named)}", by_tree))
        return out

    phrases = said(False)
    if len({phrase for phrase, _by_tree in phrases}) < len(phrases):
        phrases = said(True)
    return [phrase for phrase, by_tree in phrases if (tree if by_tree else links)]


def _counts(m: ArgumentMap) -> str:
    """``10 nodes: 1 thesis, 4 reasons, ...``: the nodes by kind as drawn."""
    counts = Counter(draw_kind(m, node) for node in m.nodes)
    parts = []
    for kind in NodeKind:
        n = counts[kind]
        if not n and kind is NodeKind.CONCLUSION:
            continue  # a kind most maps never use: named only where drawn
        parts.append(kind_count(kind, n))
    total = len(m.nodes)
    return f"{total:,} node{'' if total == 1 else 's'}: " + ", ".join(parts) + "."


def _thesis(m: ArgumentMap, analysis: Analysis, escape: Callable[[str], str]) -> list[str]:
    """Whether the thesis stands and is supported, with why, in the HTML page's words.

    Then its routes of support, each with how it fares, as the HTML page's Thesis section
    lists them: which of a debater's reasons still carry the thesis, and which are cut or
    defeated.
    """
    from argmap.exporters.html.verdict import (
        bearing_on_thesis,
        defeated_grounds,
        thesis_verdict,
    )

    verdict = thesis_verdict(
        m.thesis.id,
        analysis,
        bearing_on_thesis(m),
        lambda _node_id: True,
        named=True,
        defeated_grounds=defeated_grounds(m, analysis),
    )
    label = verdict.standing_label  # "stands", "defeated", "undecided"
    stands = label if label == "stands" else f"is {label}"
    why = verdict.standing_why.partition(": ")[2]
    support, _colon, support_why = verdict.support_why.partition(": ")
    lines = [
        f"**The thesis {stands}** (standing: {verdict.standing}): {why}. "
        f"**It is {support.lower()}:** {support_why}.",
        "",
    ]
    if not verdict.routes:
        return lines
    lines += ["Its routes of support, and how each fares:", ""]
    for route in verdict.routes:
        fares = "; ".join(
            f"`{r.id}` {escape(claim_words(m, r.id))}: {r.label}"
            + (f" ({r.grounds})" if r.grounds else "")
            for r in route.reasons
        )
        together = f"linked reason `{route.group}`, all together: " if route.group else ""
        lines.append(f"- {together}{fares}")
    return [*lines, ""]


def brief_lines(m: ArgumentMap, analysis: Analysis, escape: Callable[[str], str]) -> list[str]:
    """The brief's lines, under a heading of its own (Markdown; user text through ``escape``).

    Whether the thesis stands (and how each of its routes of support fares), the counts,
    then the objections and the rebuttals with no
    standing answer, the most at stake first (as ``argmap stats`` lists them, and the HTML
    page the objections), each with its words and what it attacks.
    """
    from argmap.analysis.stats import unanswered_by_kind

    objections, rebuttals = unanswered_by_kind(m, analysis)
    lines = ["## Summary", "", *_thesis(m, analysis, escape), _counts(m), ""]
    if not objections:
        lines += ["Every objection has an answer that stands.", ""]
    lines += _open_points(m, objections, "objection", escape)
    return lines + _open_points(m, rebuttals, "rebuttal", escape)


def _open_points(
    m: ArgumentMap, ids: tuple[str, ...], word: str, escape: Callable[[str], str]
) -> list[str]:
    """A numbered list of the given nodes with no standing answer, under a bold line."""
    n = len(ids)
    if not n:
        return []
    lines = [
        f"**{n:,} {word}{'' if n == 1 else 's'} with no standing answer**, "
        "the most at stake first:",
        "",
    ]
    for number, node_id in enumerate(ids, 1):
        node = m.get(node_id)
        aims = "; also ".join(escape(phrase) for phrase in bearing_words(m, node))
        lines.append(f"{number}. `{node.id}` {aims}: {escape(node.text)}")
    return [*lines, ""]
