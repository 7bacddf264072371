"""Page numbers written into a page laid out as a draft, where every number was drawn as zeros.

A page is laid out before the plan's numbers are final (a page planned again shifts every
page after it); its draft draws each number as the same count of zeros, and digits share
one width, so the draft's layout holds for any numbers. Only our own words carry numbers:
the heading's end, a stub's last line, a reference's start, a linked group's part's caption,
and the links and tooltips of stubs, breadcrumb rows and references; user text is never
touched.
"""

from __future__ import annotations

import html
import re
from typing import Final

from argmap.exporters.diagram.arriving import incoming_anchors
from argmap.exporters.diagram.grouprows import group_rest
from argmap.exporters.diagram.pageparts import PagePlan
from argmap.exporters.diagram.stubbox import stub_last
from argmap.model import ArgumentMap

__all__ = ["write_numbers"]

DIGIT_EM: Final = 0.556
"""A digit's width in ems in the engine's font (Helvetica metrics; every digit alike)."""
COMMA_EM: Final = 0.278
"""A comma's and a space's width in ems in the engine's font (Helvetica metrics)."""

_ANCHOR: Final = re.compile(r'<g id="([^"]+)"><a xlink:href="#page-(0+)"([^>]*)>(.*?)</a>', re.S)
_TEXT: Final = re.compile(
    r'(<text\b[^>]*? x=")([-\d.]+)("[^>]*?font-size="([\d.]+)"[^>]*>)([^<]*)(</text>)'
)


def write_numbers(svg: str, m: ArgumentMap, plan: PagePlan, digits: int) -> str:
    """Return the draft page's SVG with the real page numbers of ``plan`` written in.

    Args:
        svg: the engine's SVG of the page drawn from ``plan`` as a draft of ``digits``.
        m: the map (its cross-links are the page's references).
        plan: the page with its final numbers.
        digits: how many zeros the draft drew each number as.
    """
    zeros = "0" * digits
    page = plan.page
    targets: dict[str, tuple[int, str]] = {}
    spread: dict[str, int] = {}  # a linked group's parts' stub: its last page, drawn too
    for index, stub in enumerate(page.stubs, start=1):
        targets[f"a_stub-{index}"] = (stub.page, "last")
        if stub.spread:
            spread[f"a_stub-{index}"] = stub_last(plan, stub)
    # The engine numbers a label's links across the whole graph: breadcrumb rows are
    # told apart by their order, which is the rows' order.
    rows = iter([plan.home[node_id] for node_id in page.trail if node_id in plan.home])
    for group, part in group_rest(m, plan).items():  # a part's caption: where the others are
        for index, number in enumerate(part.rest):
            targets[f"a_grouprest-{group}-{index}"] = (number, "last")
    nodes = set(page.nodes)
    for node_id in page.nodes:
        for link in m.get(node_id).links:
            if link.to not in nodes and link.to in plan.home:
                targets[f"a_ref-{node_id}-{link.to}"] = (plan.home[link.to], "first")
    arrivals = incoming_anchors(m, page.nodes, plan.home)

    def anchor(match: re.Match[str]) -> str:
        name, found, attrs, body = match.groups()
        pages = arrivals.get(html.unescape(name))
        if pages is not None and found == zeros:
            return _arrival(match, zeros, pages)
        known = targets.get(html.unescape(name))
        if name.startswith("a_trail_"):
            known = (next(rows, 0), "")
        if known is None or found != zeros:
            return match.group(0)
        number, where = known
        real, drafted, word = str(number), zeros, "page"
        last = spread.get(html.unescape(name))
        if last is not None:
            real, drafted, word = f"{real}–{last}", f"{zeros}–{zeros}", "pages"
        attrs = _ends(attrs, f"{word} {drafted})", f"{word} {real})", before='"')
        if where:
            body = _in_text(body, drafted, real, where)
        return f'<g id="{name}"><a xlink:href="#page-{number}"{attrs}>{body}</a>'

    svg = _ANCHOR.sub(anchor, svg)
    return _heading(svg, zeros, plan)


def _ends(text: str, old: str, new: str, before: str) -> str:
    """Replace ``old`` where it ends an attribute value (followed by ``before``), once."""
    at = text.find(old + before)
    return text if at < 0 else text[:at] + new + text[at + len(old) :]


def _arrival(match: re.Match[str], zeros: str, pages: tuple[int, ...]) -> str:
    """An arriving reference's anchor with its sources' ``pages`` written in; kept centred.

    It links to the first of them; its tooltip starts ``... from p. N, N:`` (each
    source's, in file order), its last line ends ``p. N, N`` (each page once).
    """
    name, _, attrs, body = match.groups()
    real = [str(number) for number in sorted(set(pages))]
    told = ", ".join(str(number) for number in pages)
    old = ", ".join([zeros] * len(pages))
    drafted_tip = f" from p. {old}: "
    at = attrs.find(drafted_tip)
    if at >= 0:
        attrs = attrs[:at] + f" from p. {told}: " + attrs[at + len(drafted_tip) :]
    texts = list(_TEXT.finditer(body))
    line = texts[-1] if texts else None  # upright, the pages are a line of their own
    if line is not None and "p. " in line.group(5):
        head, x, mid, size, content, tail = line.groups()
        said, _, drafted = content.rpartition("p. ")
        new = ", ".join(real)
        if set(drafted) <= set("0, "):
            shift = (_digits_width(drafted) - _digits_width(new)) * float(size) / 2
            if 'text-anchor="middle"' in head + mid:
                shift = 0.0
            drawn = f"{head}{float(x) + shift:.2f}{mid}{said}p. {new}{tail}"
            body = body[: line.start()] + drawn + body[line.end() :]
    return f'<g id="{name}"><a xlink:href="#page-{real[0]}"{attrs}>{body}</a>'


def _digits_width(text: str) -> float:
    """The width in ems of a list of page numbers in the engine's font."""
    return sum(DIGIT_EM if c.isdigit() else COMMA_EM for c in text)


def _in_text(body: str, zeros: str, real: str, where: str) -> str:
    """Write the number into a stub's last line or a reference's first; keep it centred.

    A stub's last line ends ``p. N`` (a linked group's parts': ``pp. N–N``); a
    reference's line starts ``→ p. N:``. ``zeros``: the number as the draft drew it.
    """
    texts = list(_TEXT.finditer(body))
    if not texts:
        return body
    match = texts[-1] if where == "last" else texts[0]
    head, x, mid, size, content, tail = match.groups()
    old = f"p. {zeros}"
    if where == "last" and content.endswith(old):
        content = content[: -len(zeros)] + real
    elif where == "first" and content.startswith(f"→ {old}:"):
        content = f"→ p. {real}" + content[len(old) + 2 :]
    else:
        return body
    shift = (len(zeros) - len(real)) * DIGIT_EM * float(size) / 2  # (a dash in both)
    if 'text-anchor="middle"' in head + mid:
        shift = 0.0  # anchored at its middle already (svgtext.place_text)
    line = f"{head}{float(x) + shift:.2f}{mid}{content}{tail}"
    return body[: match.start()] + line + body[match.end() :]


def _heading(svg: str, zeros: str, plan: PagePlan) -> str:
    """Write the page's number and the total at the end of the heading, the first text."""
    match = _TEXT.search(svg)
    old = f"page {zeros} of {zeros}"
    if match is None or not match.group(5).endswith(old):
        return svg
    content = match.group(5)[: -len(old)] + f"page {plan.page.number} of {plan.total}"
    return svg[: match.start(5)] + content + svg[match.end(5) :]
