"""Kialo discussion exports (numbered ``1.1. Pro:`` text) read as maps; import only."""

from __future__ import annotations

import re
from typing import Final

from argmap.errors import MapFileError
from argmap.interop import ImportResult
from argmap.interop.graph import Edge, Element, GraphBuilder
from argmap.model import Relation

__all__ = ["import_text"]

_TITLE_RE: Final = re.compile(r"^\s*Discussion Title:\s*(.*?)\s*$")
_CLAIM_RE: Final = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con):\s*)?(.*?)\s*$")
_SEE_RE: Final = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$", re.IGNORECASE)
_RELATION: Final = {"Pro": Relation.SUPPORTS, "Con": Relation.ATTACKS}


def import_text(text: str, path: str) -> ImportResult:
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
    title: str | None = None
    claims: dict[str, tuple[str | None, list[str], int]] = {}
    last: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if title is None and not claims and (match := _TITLE_RE.match(line)):
            title = match.group(1)
            continue
        match = _CLAIM_RE.match(line)
        if match is None:
            if last is not None:
                claims[last][1].append(line.rstrip())
            elif line.strip():
                graph.warn(lineno, "text before the first numbered claim; skipped")
            continue
        number, label, body = match.groups()
        if number in claims:
            raise MapFileError(path, f"claim {number} appears twice", line=lineno, column=1)
        if "." not in number and number != "1":
            raise MapFileError(
                path,
                f"a second top-level claim ({number}.); a map has one thesis: import each "
                "thesis of a multi-thesis discussion separately",
                line=lineno,
                column=1,
            )
        if "." in number and label is None:
            raise MapFileError(
                path, f"claim {number} needs 'Pro:' or 'Con:'", line=lineno, column=1
            )
        if "." not in number and label is not None:
            raise MapFileError(path, "the thesis (1.) takes no Pro/Con", line=lineno, column=1)
        claims[number] = (label, [body], lineno)
        last = number
    if "1" not in claims:
        raise MapFileError(path, "no thesis: a Kialo export starts its claims with '1.'")
    for number, (label, lines, lineno) in claims.items():
        body = "\n".join(lines).strip()
        parent = number.rpartition(".")[0]
        if parent and parent not in claims:
            raise MapFileError(
                path, f"claim {number} has no parent claim {parent}", line=lineno, column=1
            )
        see = _SEE_RE.match(body)
        if label is None or see is None:
            graph.add(Element(number, body, line=lineno))
        if label is None:
            continue
        if see is not None:
            target = see.group(1)
            if target not in claims:
                graph.warn(lineno, f"'-> See {target}.' points at no claim; skipped")
                continue
            graph.relate(Edge(target, parent, _RELATION[label], (lineno,), lineno))
        else:
            graph.relate(Edge(number, parent, _RELATION[label], (lineno,), lineno))
    header = {"title": title or claims["1"][1][0] or "Kialo discussion"}
    m, warnings = graph.build(header, thesis="1")
    return ImportResult(m, warnings)
