"""The Markdown outline export: a nested list of the map for notes, wikis and pull requests."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final
from urllib.parse import quote

from argmap.exporters import Exporter, RenderOptions
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.safetext import displayable, safe_url

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = ["EXPORTER", "escape_markdown", "to_markdown"]

_SPECIAL: Final = frozenset('\\`*_{}[]()<>#+-!|~&="$^')
_LABEL: Final = {
    NodeKind.THESIS: "Thesis",
    NodeKind.PREMISE: "Premise",
    NodeKind.EVIDENCE: "Evidence",
    NodeKind.OBJECTION: "Objection",
    NodeKind.REBUTTAL: "Rebuttal",
    NodeKind.CONCLUSION: "Conclusion",
}
_VERB: Final = {
    Relation.SUPPORTS: "supports",
    Relation.ATTACKS: "attacks",
    Relation.UNDERCUTS: "undercuts the inference of",
}
_URL_SAFE: Final = ":/?#[]@!$&'()*+,;=%~"
_ORDERED_START: Final = re.compile(r"^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    r"""Escape Markdown metacharacters so ``text`` shows as written, on one logical line.

    Backslash-escapes CommonMark's punctuation that can start markup (emphasis, code,
    links, HTML, headings, lists, tables, entities, maths); a number followed by ``.`` or
    ``)`` at the start is escaped too. Line breaks become a space.

    >>> escape_markdown("*not* [a](link) <b> 1. x")
    '\\*not\\* \\[a\\]\\(link\\) \\<b\\> 1. x'
    """
    flat = " ".join(displayable(text).split())
    out = "".join("\\" + ch if ch in _SPECIAL else ch for ch in flat)
    return _ORDERED_START.sub(r"\1\\\2", out)


def _lines(text: str) -> list[str]:
    """Split text into escaped lines for a block quote (line breaks kept)."""
    return [escape_markdown(line) for line in text.splitlines() or [""]]


def _item(m: ArgumentMap, node: Node, indent: str) -> list[str]:
    label = _LABEL[node.kind]
    if node.relation is Relation.UNDERCUTS:
        label += " (undercut)"
    if node.group is not None:
        label += f" (linked: `{node.group}`)"
    if node.kind is NodeKind.CONCLUSION and node.parent is not None:
        label += f" (drawn from `{node.parent}`)"
    lines = [f"{indent}- **{label}** `{node.id}`: {escape_markdown(node.text)}"]
    body = indent + "  "
    facts: list[str] = []
    if node.author is not None:
        signed = escape_markdown(node.author)
        if node.added is not None:
            signed += f", {node.added.isoformat()}"
        facts.append(f"by {signed}")
    if node.strength is not None:
        facts.append(f"strength: {node.strength.value}")
    if node.basis is not None:
        facts.append(f"basis: {node.basis.value}")
    if node.assessment is not None:
        facts.append(f"assessment: {node.assessment.value}")
    if node.tags:
        facts.append("tags: " + ", ".join(escape_markdown(tag) for tag in node.tags))
    for link in node.links:
        facts.append(f"also {_VERB[link.relation]} `{link.to}`")
    if facts:
        lines += ["", f"{body}*" + "; ".join(facts) + "*"]
    if node.quote is not None:
        lines += [""] + [f"{body}> {line}".rstrip() for line in _lines(node.quote)]
    source = m.sources.get(node.source) if node.source is not None else None
    if node.citation is not None or source is not None:
        parts = [node.citation.label()] if node.citation is not None else []
        if source is not None and (
            node.citation is None
            or source.name not in (node.citation.outlet, node.citation.label())
        ):
            parts.append(source.name)
        cite = "; ".join(escape_markdown(part) for part in parts)
        if source is not None and source.url:
            # Only http(s) addresses become links, as on the HTML page; anything else
            # (javascript:, data:, a typo) is shown as text.
            if safe_url(source.url) is not None:
                cite += f" (<{quote(source.url, safe=_URL_SAFE)}>)"
            else:
                cite += f" ({escape_markdown(source.url)})"
        lines += ["", f"{body}\u2014 {cite}"]
    if node.note is not None:
        lines += ["", f"{body}Note: {escape_markdown(node.note)}"]
    if len(lines) > 1:
        lines.append("")
    return lines


def to_markdown(
    m: ArgumentMap, analysis: Analysis | None = None, options: RenderOptions | None = None
) -> str:
    """Return the map as a Markdown outline.

    A heading with the title, the description, then one nested list item per node
    (kind in bold, id in code, text), with its quote as a block quote and its citation
    after a dash; then the conclusions drawn from the thesis, each with its objections,
    under a heading of their own. Every user string is escaped.
    """
    lines = [f"# {escape_markdown(m.title)}", ""]
    if m.description is not None:
        lines += [escape_markdown(m.description), ""]
    if m.source is not None:
        doc = m.source
        parts = [doc.title, doc.publication, doc.author, doc.date]
        lines += ["Source: " + ", ".join(escape_markdown(p) for p in parts if p), ""]
    for node, level in m.walk_levels():
        lines.extend(_item(m, node, "  " * level))
    drawn = [node for node in m.nodes if node.kind is NodeKind.CONCLUSION]
    if drawn:
        while lines and lines[-1] == "":
            lines.pop()
        lines += ["", "## Conclusions drawn from the thesis", ""]
    for conclusion in drawn:
        for node, level in m.walk_levels(conclusion.id):
            lines.extend(_item(m, node, "  " * level))
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


EXPORTER = Exporter(
    "markdown", ".md", "Markdown outline (nested list, quotes, citations)", to_markdown
)
