"""Kialo discussion exports (numbered ``1.1. Pro:`` claims, both layouts) as maps; import only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from argmap.errors import Issue, MapFileError
from argmap.interop import ImportOptions, ImportResult
from argmap.interop.graph import Edge, Element, GraphBuilder
from argmap.interop.kialocurrent import (
    LABELS,
    is_current,
    read_current,
    source_notes,
    uncited,
    undotted,
)
from argmap.interop.markup import join_lines, link_notes, plain_markdown
from argmap.interop.textlines import text_lines
from argmap.model import Relation

__all__ = ["import_text"]

_TITLE_RE: Final = re.compile(r"^\s*Discussion Title:\s*(.*?)\s*$")
_CLAIM_RE: Final = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con):\s*)?(.*?)\s*$")
_LABEL_LIKE_RE: Final = re.compile(r"([^\W\d_][\w'-]{0,24}):(?:\s|$)")
"""A word and a colon opening a claim that needs Pro/Con: a label Kialo does not write."""
_BARE_RE: Final = re.compile(r"^\s*\d+(?:\.\d+)*\.\s*$")
"""A line of a claim's number alone (``1.1.``): an export cut off, say."""
_UNSPACED_RE: Final = re.compile(r"^\s*(\d+(?:\.\d+)*\.(?:Pro|Con):)")
"""A claim's number run into its label (``1.2.Con:``): read as text, with a warning."""
_SEE_RE: Final = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$", re.IGNORECASE)
_RELATION: Final = {"Pro": Relation.SUPPORTS, "Con": Relation.ATTACKS}


@dataclass
class _Claim:
    """A numbered claim as the export gives it: its label, its lines, where it starts."""

    label: str | None
    """``Pro``, ``Con``, or None for a thesis (or the question of a multi-thesis discussion)."""
    lines: list[str]
    line: int
    column: int
    """Where the claim's text (after its number and label) starts on its line (in the current
    layout, where its label does: the text is on the lines below)."""
    stated: bool = False
    """Whether the export says what it is (the current layout's ``Thesis:``, ``Question:``)."""
    notes: list[str] = field(default_factory=list)
    """The sources it cites (the current layout's ``[n]``), for its note."""


def import_text(text: str, path: str, options: ImportOptions | None = None) -> ImportResult:
    """Read a Kialo discussion export as a map.

    ``1.`` is the thesis; ``1.1. Pro:`` supports its parent (a premise), ``1.1. Con:``
    attacks it (an objection, or a rebuttal under an objection or rebuttal). Lines that
    do not start a claim continue the one above (wrapped lines are joined; a numbered
    list inside a claim stays in its text). A claim reading ``-> See 1.2.`` is Kialo's
    reuse of claim 1.2 and becomes a cross-link from 1.2 to the parent (1.2 stays at
    its own number, wherever the reuse is in the file). Markdown
    escapes are undone and links kept as ``text (url)``.

    Kialo's current layout gives a claim's number and label alone on a line
    (``1. Thesis:``, ``1.1. Pro:``) and its text on the lines below, the title after
    ``Discussion Name:``, and the sources its claims cite as ``[n]`` in a closing
    ``Sources:`` block: each citing claim's note keeps ``Source [n]: url``.

    A multi-thesis discussion (theses ``1.``, ``2.``... or ``1.1.``, ``1.2.``... with no
    Pro/Con under the question ``1.``) needs ``options``: one thesis, or all of them under
    the discussion's title or question.

    Raises:
        MapFileError: no thesis, several without a choice, a claim whose parent is
            missing, a claim number given twice, a Pro/Con label on a thesis, or one
            missing or unknown (``1.2. Maybe:``) on a claim below a thesis, a claim's
            number without its dot (``1.1 Pro:``, see ``undotted``); each one in
            the file, a line each.
    """
    graph = GraphBuilder(path, "Kialo", ids_from_text=True)
    lines = text_lines(text)
    errors: list[Issue] = []
    if is_current(lines):
        title, claims = _current_claims(lines, path, graph, errors)
    else:
        title, claims = _read_claims(lines, path, graph, errors)
    if "1" not in claims:
        errors.append(
            Issue(path, 1, 1, "no thesis: a Kialo export starts its claims with '1.'", "file")
        )
    errors.extend(_orphans(claims, path))
    question = _is_question(claims, path, graph, errors)
    if errors:  # every one at once, in file order: not one a run
        raise MapFileError.of(sorted(errors, key=lambda issue: (issue.line, issue.column)))
    for number, claim in claims.items():
        if not (question and number == "1"):
            _add_claim(graph, claims, number, claim, path)
    first = _text(claims["1"])
    header = {"title": title or first or "Kialo discussion"}
    if question:
        header = {"title": first or title or "Kialo discussion"}
        if claims["1"].notes:  # the question is the title: its sources, the description
            header["description"] = "\n\n".join(claims["1"].notes)
    several = question or any("." not in n and n != "1" for n in claims)
    m, warnings = graph.build(header, thesis=None if several else "1", options=options)
    return ImportResult(m, warnings)


def _is_question(
    claims: dict[str, _Claim], path: str, graph: GraphBuilder, errors: list[Issue]
) -> bool:
    """Whether ``1.`` is the question of a multi-thesis discussion: theses under it, no Pro/Con.

    A lone thesis under the question opening with a word and a colon is more likely a claim
    with a mistyped label: a warning says so. When some claims under ``1.`` say Pro/Con
    and some do not, ``1.`` is a thesis: each that does not adds to ``errors``.
    """
    under = [(n, c) for n, c in claims.items() if n.count(".") == 1 and n.startswith("1.")]
    bare = [(n, c) for n, c in under if c.label is None]
    if bare and len(bare) < len(under):
        for number, claim in bare:
            body = "" if claim.stated else claim.lines[0]
            errors.append(_unlabelled(number, body, path, claim.line, claim.column).issue)
        return False
    if (
        len(bare) == 1
        and not bare[0][1].stated
        and (label := _LABEL_LIKE_RE.match(bare[0][1].lines[0]))
    ):
        number, claim = bare[0]
        graph.warn(
            claim.line,
            f"claim {number} has no 'Pro:' or 'Con:', so 1. is read as a question and "
            f"{number} as its one thesis; if {label.group(1) + ':'!r} was meant as its "
            "label, write 'Pro:' or 'Con:'",
            claim.column,
        )
    return bool(bare)


def _unlabelled(number: str, body: str, path: str, line: int, column: int) -> MapFileError:
    """The error for a claim with no Pro/Con, naming the label it has instead, if any."""
    label = _LABEL_LIKE_RE.match(body)
    if label is None:
        return MapFileError(path, f"claim {number} needs 'Pro:' or 'Con:'", line=line, column=1)
    return MapFileError(
        path,
        f"claim {number} has an unknown label {label.group(1) + ':'!r}; a claim below a "
        "thesis is labelled 'Pro:' or 'Con:' (supports or attacks its parent): write one",
        line=line,
        column=column,
    )


def _text(claim: _Claim, links: list[tuple[str, str]] | None = None) -> str:
    """A claim's words on one line (its paragraphs and list items follow a space).

    With ``links``, its links' words, their addresses added to ``links``.
    """
    return plain_markdown(join_lines(claim.lines, breaks=False), links)


def _current_claims(
    lines: list[str], path: str, graph: GraphBuilder, errors: list[Issue]
) -> tuple[str | None, dict[str, _Claim]]:
    """Split an export in the current layout into its title and its claims by number.

    A label other than Thesis, Question, Pro or Con, or a claim that :func:`_check_claim`
    refuses, adds to ``errors`` (a number given twice keeps its first claim).
    """
    title, heads, sources = read_current(lines, graph, errors)
    claims: dict[str, _Claim] = {}
    for head in heads:
        label = head.label if head.label in _RELATION else None
        where = (head.line, head.column)
        if head.label not in LABELS:
            errors.append(
                Issue(
                    path,
                    head.line,
                    head.column,
                    f"claim {head.number} has an unknown label {head.label + ':'!r}; Kialo "
                    "labels a thesis 'Thesis:' and a claim below it 'Pro:' or 'Con:' "
                    "(supports or attacks its parent): write one",
                    "file",
                )
            )
            label = "Pro"  # read on as a claim below the thesis (nothing is built)
        elif problem := _check_claim(head.number, label, "", claims, path, where):
            errors.append(problem)
        if head.number in claims:
            continue
        claim = _Claim(label, head.lines, head.line, head.column, stated=True)
        claim.notes = source_notes(
            join_lines(head.lines), (head.line, head.number), sources, graph
        )
        claims[head.number] = claim
    uncited(sources, graph)
    return (plain_markdown(title) if title else None), claims


def _read_claims(
    lines: list[str], path: str, graph: GraphBuilder, errors: list[Issue]
) -> tuple[str | None, dict[str, _Claim]]:
    """Split an older-layout export into its title and its claims by number, in file order.

    A claim that :func:`_check_claim` refuses adds to ``errors`` (a number given twice
    keeps its first claim; the lines after the second go nowhere).
    """
    title: str | None = None
    claims: dict[str, _Claim] = {}
    last: str | None = None
    in_list = False
    for lineno, line in enumerate(lines, 1):
        if title is None and not claims and (match := _TITLE_RE.match(line)):
            title = plain_markdown(match.group(1))
            continue
        match = _CLAIM_RE.match(line)
        if match is not None and last is not None and _inside(match, claims, in_list):
            claims[last].lines.append(line.rstrip())
            in_list = True
            continue
        if match is None:
            if _BARE_RE.match(line):  # a claim's number and nothing else: the file cut off?
                graph.warn(lineno, f"{line.strip()!r}: a claim number with no claim; skipped")
                continue
            if problem := undotted(line, lineno, path):
                errors.append(problem)  # not glued into the claim above as its text
            elif last is not None:
                if unspaced := _UNSPACED_RE.match(line):
                    graph.warn(
                        lineno,
                        f"{unspaced.group(1)!r} reads like a claim, but a claim's number is "
                        f"followed by a space: read as more text of claim {last}",
                    )
                claims[last].lines.append(line.rstrip())
                in_list = in_list and bool(line.strip())
            elif line.strip():
                graph.warn(lineno, "text before the first numbered claim; skipped")
            continue
        number, label, body = match.groups()
        column = match.start(3) + 1
        if problem := _check_claim(number, label, body, claims, path, (lineno, column)):
            errors.append(problem)
        if number in claims:
            last, in_list = None, False
            continue
        claims[number] = _Claim(label, [body], lineno, column)
        last, in_list = number, False
    return title, claims


def _inside(match: re.Match[str], claims: dict[str, _Claim], in_list: bool) -> bool:
    """Whether a numbered line is a list inside the claim above, not a claim of its own.

    A claim's number is new, its parent is there, and below the top it says Pro or
    Con; a top-level number right after such a list line goes on with the list.
    """
    number, label = match.group(1), match.group(2)
    parent = number.rpartition(".")[0]
    if "." not in number:
        return number in claims or in_list
    if number in claims and label is None:
        return True
    return parent not in claims and label is None


def _check_claim(
    number: str,
    label: str | None,
    body: str,
    claims: dict[str, _Claim],
    path: str,
    where: tuple[int, int],
) -> Issue | None:
    """The problem of a number seen before or a Pro/Con label missing or misplaced, if any."""
    problem = None
    depth = number.count(".")
    lineno, column = where
    if number in claims:
        first = claims[number].line
        problem = f"claim {number} appears twice (first at line {first}); renumber one of them"
    elif (
        depth > 1 and label is None or depth == 1 and label is None and not number.startswith("1.")
    ):
        return _unlabelled(number, body, path, lineno, column).issue
    elif depth == 0 and label is not None:
        problem = f"a thesis ({number}.) takes no Pro/Con"
    return None if problem is None else Issue(path, lineno, 1, problem, "file")


def _orphans(claims: dict[str, _Claim], path: str) -> list[Issue]:
    """A problem for each claim whose parent claim is missing."""
    return [
        Issue(
            path,
            claim.line,
            1,
            f"claim {number} has no parent claim {parent}; add {parent} or renumber it",
            "file",
        )
        for number, claim in claims.items()
        if (parent := number.rpartition(".")[0]) and parent not in claims
    ]


def _add_claim(
    graph: GraphBuilder, claims: dict[str, _Claim], number: str, claim: _Claim, path: str
) -> None:
    """Add a claim and its relation to its parent (a reuse: a link from the claim reused)."""
    links: list[tuple[str, str]] = []
    body = _text(claim, links)
    parent = number.rpartition(".")[0]  # there: see _orphans
    see = _SEE_RE.match(join_lines(claim.lines))
    if not body.strip():
        graph.warn(claim.line, f"claim {number} has no text; its number stands in for it")
    if claim.label is None or see is None:
        # As Kialo shows a link: its words; its address in the note (a debate's URLs ran
        # inside its statements, a fifth of their text, wrapping across the boxes).
        notes = link_notes(links) + claim.notes
        graph.add(Element(number, body, line=claim.line, notes=notes))
    if claim.label is None:
        return
    source = number if see is None else _reused(claims, number)
    if source is None:
        target = see.group(1) if see is not None else number
        graph.warn(claim.line, f"'-> See {target}.' points at no claim's text; skipped")
        return
    # Every claim's own place comes first, whatever the file's order: a reuse read before
    # the claim it reuses (``1.1.1. Con: -> See 1.2.``) took 1.2 from under the thesis.
    order = (0 if see is None else 1, claim.line)
    told = None if see is None else f"Kialo claim {number} reuses it as a {claim.label} there"
    graph.relate(Edge(source, parent, _RELATION[claim.label], order, claim.line, told=told))


def _reused(claims: dict[str, _Claim], number: str) -> str | None:
    """The claim a ``-> See N.`` claim reuses: N, or what N reuses in turn.

    None when the chain of references ends at no claim or comes back on itself (``1.2``
    reading ``-> See 1.2.``): no claim holds the text.
    """
    seen = {number}
    claim = claims[number]
    while claim.label is not None and (see := _SEE_RE.match(join_lines(claim.lines))):
        number = see.group(1)
        if number in seen or number not in claims:
            return None
        seen.add(number)
        claim = claims[number]
    return number
