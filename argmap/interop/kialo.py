"""Kialo discussion exports (numbered ``1.1. Pro:`` text) read as maps; import only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from argmap.errors import MapFileError
from argmap.interop import ImportOptions, ImportResult
from argmap.interop.graph import Edge, Element, GraphBuilder
from argmap.model import Relation

__all__ = ["import_text"]

_TITLE_RE: Final = re.compile(r"^\s*Discussion Title:\s*(.*?)\s*$")
_CLAIM_RE: Final = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con):\s*)?(.*?)\s*$")
_SEE_RE: Final = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$", re.IGNORECASE)
_RELATION: Final = {"Pro": Relation.SUPPORTS, "Con": Relation.ATTACKS}


@dataclass
class _Claim:
    """A numbered claim as the export gives it: its label, its lines, where it starts."""

    label: str | None
    """``Pro``, ``Con``, or None for the thesis."""
    lines: list[str]
    line: int


def import_text(text: str, path: str, options: ImportOptions | None = None) -> ImportResult:
    """Read a Kialo discussion export as a map.

    ``1.`` is the thesis; ``1.1. Pro:`` supports its parent (a premise), ``1.1. Con:``
    attacks it (an objection, or a rebuttal under an objection or rebuttal). Lines that
    do not start a claim continue the one above. A claim reading ``-> See 1.2.`` is
    Kialo's reuse of claim 1.2 and becomes a cross-link from 1.2 to the parent.

    Raises:
        MapFileError: no thesis, several, a claim whose parent is missing, or a Pro/Con
            label on the thesis.
    """
    graph = GraphBuilder(path, "Kialo", ids_from_text=True)
    title, claims = _read_claims(text, path, graph)
    if "1" not in claims:
        raise MapFileError(path, "no thesis: a Kialo export starts its claims with '1.'")
    for number, claim in claims.items():
        _add_claim(graph, claims, number, claim, path)
    header = {"title": title or claims["1"].lines[0] or "Kialo discussion"}
    m, warnings = graph.build(header, thesis="1", options=options)
    return ImportResult(m, warnings)


def _read_claims(
    text: str, path: str, graph: GraphBuilder
) -> tuple[str | None, dict[str, _Claim]]:
    """Split the export into its title and its claims by number, in file order."""
    title: str | None = None
    claims: dict[str, _Claim] = {}
    last: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if title is None and not claims and (match := _TITLE_RE.match(line)):
            title = match.group(1)
            continue
        match = _CLAIM_RE.match(line)
        if match is None:
            if last is not None:
                claims[last].lines.append(line.rstrip())
            elif line.strip():
                graph.warn(lineno, "text before the first numbered claim; skipped")
            continue
        number, label, body = match.groups()
        _check_claim(number, label, claims, path, lineno)
        claims[number] = _Claim(label, [body], lineno)
        last = number
    return title, claims


def _check_claim(
    number: str, label: str | None, claims: dict[str, _Claim], path: str, lineno: int
) -> None:
    """Refuse a number seen before, a second thesis, or a Pro/Con label missing or misplaced."""
    problem = None
    if number in claims:
        problem = f"claim {number} appears twice"
    elif "." not in number and number != "1":
        problem = (
            f"a second top-level claim ({number}.); a map has one thesis: import each "
            "thesis of a multi-thesis discussion separately"
        )
    elif "." in number and label is None:
        problem = f"claim {number} needs 'Pro:' or 'Con:'"
    elif "." not in number and label is not None:
        problem = "the thesis (1.) takes no Pro/Con"
    if problem is not None:
        raise MapFileError(path, problem, line=lineno, column=1)


def _add_claim(
    graph: GraphBuilder, claims: dict[str, _Claim], number: str, claim: _Claim, path: str
) -> None:
    """Add a claim and its relation to its parent (a reuse: a link from the claim reused)."""
    body = "\n".join(claim.lines).strip()
    parent = number.rpartition(".")[0]
    if parent and parent not in claims:
        raise MapFileError(
            path, f"claim {number} has no parent claim {parent}", line=claim.line, column=1
        )
    see = _SEE_RE.match(body)
    if claim.label is None or see is None:
        graph.add(Element(number, body, line=claim.line))
    if claim.label is None:
        return
    source = number
    if see is not None:
        source = see.group(1)
        if source not in claims:
            graph.warn(claim.line, f"'-> See {source}.' points at no claim; skipped")
            return
    graph.relate(Edge(source, parent, _RELATION[claim.label], (claim.line,), claim.line))
