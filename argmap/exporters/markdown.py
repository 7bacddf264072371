"""The Markdown export: a case brief (a summary, then the map as a nested list) for notes."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final
from urllib.parse import quote

from argmap.exporters import Exporter, RenderOptions
from argmap.exporters.markdown_brief import (
    LINKED_NAME,
    bearing_words,
    brief_lines,
    claim_words,
    kind_name,
)
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.safetext import displayable, paragraphs, safe_url

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = ["EXPORTER", "escape_markdown", "to_markdown"]

NEST_LEVELS: Final = 16
"""How deep the outline's lists nest. A node this deep with children of its own continues
in a section of its own, headed ``Continued below `ID```, its children's lists starting
again at the left: nested in full, the indentation grew with the square of the depth (a
10,000-deep chain took 100 MB), and renderers stop nesting lists long before (markdown-it,
at 100 blocks: it showed 50 of a 60-deep chain's items)."""
_URL_SAFE: Final = ":/?#[]@!$&'()*+,;=%~"
_ASCII_PUNCT: Final = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);")
_BLOCK_START: Final = re.compile(
    r"^(?:[#>]|[-+*](?=\s|$)|(\d{1,9})([.)])(?=\s|$)|([-*_])(?:[ \t]*\3){2,}[ \t]*$)"
)


def _inline(text: str, i: int) -> bool:
    """Whether the character at ``i`` could start or end inline markup in CommonMark."""
    ch = text[i]
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if ch in "*_" and (before == "" or before.isspace()) and (after == "" or after.isspace()):
        return False  # neither left- nor right-flanking: no emphasis
    if ch in "`*[]":
        return True
    if ch == "\\":
        return after == "" or after in _ASCII_PUNCT
    if ch == "_":
        return not (before.isalnum() and after.isalnum())
    if ch == "<":
        return after.isascii() and (after.isalpha() or after in "/!?")
    if ch == "&":
        return _ENTITY.match(text, i) is not None
    if ch == "~":
        return "~" in (before, after)
    return False


def escape_markdown(text: str, *, line_start: bool = False) -> str:
    r"""Escape what CommonMark would read as markup so ``text`` shows as written, on one line.

    Only what can start markup is escaped: code spans, emphasis (``*`` always, ``_`` unless
    inside a word), link brackets, HTML tags and autolinks (``<`` before a letter),
    entities, strikethrough (``~~``), a backslash before punctuation and, with
    ``line_start``, what opens a block at the start of a line (heading, quote, list item,
    thematic break). Line breaks become a space.

    >>> escape_markdown("*not* [a](link) <b> x_y a-b #1 1. x")
    '\*not\* \[a\](link) \<b\> x_y a-b #1 1. x'
    >>> escape_markdown("# not a heading", line_start=True)
    '\# not a heading'
    """
    flat = " ".join(displayable(text).split())
    out = "".join("\\" + ch if _inline(flat, i) else ch for i, ch in enumerate(flat))
    if line_start and (block := _BLOCK_START.match(out)):
        if block.group(1) is not None:
            return f"{block.group(1)}\\{out[block.end(1) :]}"
        return "\\" + out
    return out


def _heading(text: str) -> str:
    """Escape a heading's text: a closing run of ``#`` would be dropped."""
    out = escape_markdown(text)
    run = len(out) - len(out.rstrip("#"))
    return out if not run else f"{out[:-run]}\\{out[-run:]}"


def _lines(text: str) -> list[str]:
    """Split text into escaped lines for a block quote (line breaks kept)."""
    return [escape_markdown(line, line_start=True) for line in text.splitlines() or [""]]


def _item(m: ArgumentMap, node: Node, indent: str, mark: str = "") -> list[str]:
    """A node's list item: kind, id and words, then what it bears on, its facts and source."""
    label = kind_name(m, node)
    if node.kind is NodeKind.CONCLUSION and node.parent is not None:
        label += f" (drawn from {escape_markdown(claim_words(m, node.parent))})"
    lines = [f"{indent}- **{label}** {mark}`{node.id}`: {escape_markdown(node.text)}"]
    body = indent + "  "
    # An undercutter's first line names no claim it attacks: this says which link, in words.
    bears = bearing_words(m, node, links=False) if node.relation is Relation.UNDERCUTS else []
    facts: list[str] = [escape_markdown(phrase) for phrase in bears]
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
    for phrase in bearing_words(m, node, tree=False):
        facts.append(f"also {escape_markdown(phrase)}")
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
    """Return the map as a Markdown case brief: a summary, then the argument as an outline.

    A heading with the title, the description (a paragraph each), then a summary (whether
    the thesis stands, the nodes by kind, the objections with no standing answer, the most
    at stake first, each with what it attacks in words), then one list item per node (kind
    as the diagram names it, in bold; id in code; text), with its quote as a block quote and
    its citation after a dash; a linked group's reasons under a line of their own saying
    they support only together; then the conclusions drawn from the thesis, each with its
    objections, under a heading of their own. Lists nest :data:`NEST_LEVELS` deep at most
    (deeper branches continue in sections of their own). Every user string is escaped.

    With ``options.status`` (``render --status``), each node says its standing as ``show
    --status`` does, ``(in)`` or ``(in, link out)``, and an objection or rebuttal that
    nothing standing answers adds ``no standing answer``.
    """
    if analysis is None:
        from argmap.analysis.standing import analyze

        analysis = analyze(m)
    marks = _marks(analysis) if options is not None and options.status else {}
    lines = [f"# {_heading(m.title)}", ""]
    for paragraph in paragraphs(m.description):
        lines += [escape_markdown(paragraph, line_start=True), ""]
    if m.source is not None:
        doc = m.source
        volume = None if doc.volume is None else f"vol. {doc.volume}"
        issue = None if doc.issue is None else f"no. {doc.issue}"
        parts = [doc.title, doc.publication, volume, issue, doc.author, doc.date]
        lines += ["Source: " + ", ".join(escape_markdown(p) for p in parts if p), ""]
    lines += brief_lines(m, analysis, escape_markdown)
    _section(lines, "The argument")
    _outline(m, [m.thesis], lines, marks)
    drawn = [node for node in m.nodes if node.kind is NodeKind.CONCLUSION]
    if drawn:
        _section(lines, "Conclusions drawn from the thesis")
        _outline(m, drawn, lines, marks)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _outline(m: ArgumentMap, tops: list[Node], lines: list[str], marks: Mapping[str, str]) -> None:
    """The nested lists of ``tops``' branches, sections of their own where they nest deep."""
    for node, depth, head, opens in _walk(m, tops):
        if head is not None:
            _section(lines, f"Continued below `{head.id}`")
        if opens and node.group is not None and node.parent is not None:
            # The diagram's caption, and what it means: these support only together.
            claim = escape_markdown(claim_words(m, node.parent))
            lines.append(
                f"{'  ' * (depth - 1)}- **{LINKED_NAME}** `{node.group}`: these reasons "
                f"support {claim} only together, not one alone."
            )
        mark = marks.get(node.id)
        lines.extend(_item(m, node, "  " * depth, f"{mark} " if mark else ""))


def _walk(m: ArgumentMap, tops: list[Node]) -> Iterator[tuple[Node, int, Node | None, bool]]:
    """Walk the branches of ``tops``, no line deeper than :data:`NEST_LEVELS`.

    A linked group's reasons come together (where its first is), a level under their
    group's line. A node whose children would nest deeper ends its line there: once the walk
    is done, its children's branches follow in a block of their own, from the left.

    Yields:
        ``(node, depth, head, opens)``: ``head`` is None but for the first node of a
        continued block (the node whose children it continues); ``opens``: the node is
        its group's first, its group's line above it.
    """
    waiting: deque[Node] = deque()
    block, head = tops, None
    opened: set[str] = set()
    while True:
        stack = [(node, int(node.group is not None)) for node in reversed(_gathered(block))]
        while stack:
            node, depth = stack.pop()
            opens = node.group is not None and node.group not in opened
            if opens and node.group is not None:
                opened.add(node.group)
            yield node, depth, head, opens
            head = None
            kids = _gathered(m.children(node.id))
            if not kids:
                continue
            if depth + 1 + any(kid.group is not None for kid in kids) > NEST_LEVELS:
                waiting.append(node)
                continue
            stack.extend((kid, depth + 1 + (kid.group is not None)) for kid in reversed(kids))
        if not waiting:
            return
        head = waiting.popleft()
        block = m.children(head.id)


def _gathered(kids: list[Node]) -> list[Node]:
    """Siblings in the file's order, a linked group's reasons together where its first is."""
    if all(kid.group is None for kid in kids):
        return kids
    parts: list[list[Node]] = []
    groups: dict[str, list[Node]] = {}
    for kid in kids:
        if kid.group is None:
            parts.append([kid])
        elif kid.group in groups:
            groups[kid.group].append(kid)
        else:
            groups[kid.group] = [kid]
            parts.append(groups[kid.group])
    return [kid for part in parts for kid in part]


def _marks(analysis: Analysis) -> dict[str, str]:
    """Each node's standing, as ``show --status`` gives it, and whether it is unanswered."""
    from argmap.analysis.standing import status_marks

    marks = status_marks(analysis)
    for node_id in analysis.unanswered:
        if node_id in marks:
            marks[node_id] = marks[node_id][:-1] + ", no standing answer)"
    return marks


def _section(lines: list[str], heading: str) -> None:
    """End the list above and open a section under ``heading`` (Markdown, as written)."""
    while lines and lines[-1] == "":
        lines.pop()
    lines += ["", f"## {heading}", ""]


EXPORTER = Exporter(
    "markdown", ".md", "Markdown case brief (summary, nested list, quotes, citations)", to_markdown
)
