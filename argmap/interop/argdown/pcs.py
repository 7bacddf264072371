"""Argdown premise-conclusion structures, ``(1) ... ---- (2)``, read as supports of an argument."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from argmap.interop.graph import Edge, GraphBuilder
from argmap.model import Relation

__all__ = ["Inference", "Structure", "fold_restated", "inference_line", "settle", "uses_of"]

_USES_WARNING: Final = "an inference's 'uses' names no statement of its argument; ignored"


@dataclass
class Inference:
    """A line ``----`` (or ``-- rule {uses: [1, 2]} --``) between premises and a conclusion."""

    line: int
    after: int
    """How many statements of the structure come before it."""
    uses: list[int] | None = None
    rule: str = ""
    closed: bool = True
    """False while a multi-line inference (``--`` ... ``--``) is still open."""
    data: dict[str, Any] = field(default_factory=dict)
    """Its data block but ``uses`` (``{logic: deductive}``), kept with its rule."""


@dataclass
class Structure:
    """One argument's premise-conclusion structure, as read so far."""

    argument: str
    line: int
    statements: list[tuple[int, str, int]] = field(default_factory=list)
    """Each statement's number, element key and line."""
    inferences: list[Inference] = field(default_factory=list)
    main: str | None = None
    """Its main conclusion's key, once settled (see :func:`settle`)."""


def inference_line(text: str, line: int, after: int) -> Inference:
    """Read a line starting with ``--``: a whole inference, or the opening of one."""
    inner = text.strip()
    if not inner.strip("-"):
        return Inference(line, after, closed=len(inner) >= 3)
    body = inner.lstrip("-")
    return Inference(line, after, rule=body.strip("-").strip(), closed=body.endswith("--"))


def settle(structure: Structure, graph: GraphBuilder) -> str | None:
    """Turn a finished structure into supports; return its main conclusion's key.

    Each inference's premises (``uses``, or every statement since the previous
    inference's conclusion) support its conclusion; those of the last inference support
    the argument itself, which supports the main conclusion. Two or more premises of
    one inference form a linked group.
    """
    statements, inferences = structure.statements, structure.inferences
    steps = [inf for inf in inferences if inf.after < len(statements)]
    if not steps:
        graph.warn_kind(
            "a premise-conclusion structure without an inference (----) and a conclusion "
            "after it; its statements are read without relations",
            structure.line,
        )
        return None
    start = 0
    for n, inference in enumerate(steps):
        conclusion = statements[inference.after]
        premises = _premises(statements, inference, start, graph)
        last = n == len(steps) - 1
        target = structure.argument if last else conclusion[1]
        group = None
        if len(premises) >= 2:
            step = "" if last else f" ({conclusion[0]})"
            group = f"{structure.argument}{step} premises"
        for _, key, line in premises:
            graph.relate(Edge(key, target, Relation.SUPPORTS, (line,), line, group=group))
        _keep_rule(graph, inference, target)
        start = inference.after
    main = statements[steps[-1].after]
    structure.main = main[1]
    graph.relate(Edge(structure.argument, main[1], Relation.SUPPORTS, (main[2],), main[2]))
    for extra in statements[steps[-1].after + 1 :]:
        graph.warn_kind(
            "statements after an argument's main conclusion are read without relations",
            extra[2],
        )
    return main[1]


def fold_restated(structures: list[Structure], graph: GraphBuilder) -> None:
    """Read an argument's untitled main conclusion worded as what it supports as that statement.

    ``[Doom]: Society is doomed.`` supported by ``<Crime>``, whose structure ends ``(3)
    Society is doomed.``: the argument's relation to ``[Doom]`` moved to its conclusion
    (see ``settle_structure``), which would stand between them, a second box of the same
    words (Argdown's Populism example: "Society is doomed and must be saved." seven times
    under itself). The argument supports ``[Doom]`` itself instead. A titled conclusion,
    or one that something else bears on, is its own statement, as in Argdown.
    """
    for structure in structures:
        main = structure.main
        if main is None or graph.elements[main].title is not None:
            continue
        out = [edge for edge in graph.edges if edge.source == main]
        into = [edge for edge in graph.edges if edge.target == main]
        if len(out) != 1 or out[0].relation is not Relation.SUPPORTS or len(into) != 1:
            continue
        target, step = out[0], into[0]
        if _words(graph.elements[main].text) != _words(graph.elements[target.target].text):
            continue
        step.target, step.order, step.line = target.target, target.order, target.line
        graph.edges.remove(target)
        del graph.elements[main]
        graph.warn_kind(
            "an argument's untitled conclusion worded as the statement it supports is read "
            "as that statement (the argument supports it)",
            _line_of(structure, main),
        )


def _line_of(structure: Structure, key: str) -> int:
    """The line of a statement of a structure."""
    return next((line for _, k, line in structure.statements if k == key), structure.line)


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _keep_rule(graph: GraphBuilder, inference: Inference, target: str) -> None:
    """An inference's rule and data, in the note of what it concludes (the argument, last)."""
    from argmap.interop.fitting import note_value

    said = [f"Inference rule: {inference.rule}"] if inference.rule else []
    said += [f"Inference {key}: {note_value(value)}" for key, value in inference.data.items()]
    if not said:
        return
    graph.elements[target].notes.extend(said)
    graph.warn_kind(
        "inference rules (-- rule --) and their data are kept in the note of the argument "
        "(or intermediate conclusion) they lead to",
        inference.line,
    )


def _premises(
    statements: list[tuple[int, str, int]],
    inference: Inference,
    start: int,
    graph: GraphBuilder,
) -> list[tuple[int, str, int]]:
    if inference.uses:
        by_number = {s[0]: s for s in statements[: inference.after]}
        chosen = [by_number[u] for u in inference.uses if u in by_number]
        if chosen:
            return chosen
        graph.warn_kind(_USES_WARNING, inference.line)
    return statements[start : inference.after]


def uses_of(value: Any) -> list[int] | None:
    """The statement numbers of an inference's ``uses`` data, when it has any."""
    items = value if isinstance(value, list) else [value]
    numbers = [int(v) for v in items if isinstance(v, int) or (isinstance(v, str) and v.isdigit())]
    return numbers or None
