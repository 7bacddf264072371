"""Lint rules that teach: the mistakes a teacher marks that a statement's words can show."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from argmap.analysis.lint_warning import LintWarning, label
from argmap.analysis.wording import (
    INFERENCE_WORDS,
    bare_denial,
    content_stems,
    is_question,
    negates,
    overlap,
    similarity,
    words,
)
from argmap.model import ArgumentMap, Node, NodeKind, Relation

__all__ = [
    "RESTATES",
    "RULES",
    "bare_denials",
    "bidi_overrides",
    "circular_premises",
    "line_breaks",
    "linked_independent",
    "misfiled_kinds",
    "questions",
    "restated_objections",
    "undercut_denials",
]

RESTATES: Final = 0.6
"""Share of stems (antonyms paired, negations ignored) at which a statement restates another."""

SUPPORT_OPENERS: Final = (
    "moreover", "furthermore", "in addition", "additionally", "what's more", "also,",
    "another reason", "this is supported by", "similarly", "likewise", "indeed",
)  # fmt: skip
"""How a reason starts: an objection that starts so is probably a reason."""

ATTACK_OPENERS: Final = (
    "however", "but ", "on the other hand", "critics", "opponents", "nevertheless",
    "yet ", "in contrast", "contrary to", "that is wrong", "this is wrong",
)  # fmt: skip
"""How an objection starts: a premise or evidence that starts so is probably an objection."""


def questions(m: ArgumentMap) -> Iterator[LintWarning]:
    """Statements written as questions: a claim asserts something a reader can weigh."""
    for node in m.nodes:
        if is_question(node.text):
            yield LintWarning(
                node.id,
                "question",
                f"{label(node)} is written as a question",
                "state the answer you argue for as a claim: a sentence that is true or false",
            )


def bare_denials(m: ArgumentMap) -> Iterator[LintWarning]:
    """Objections and rebuttals that only say their target is wrong."""
    for node in m.nodes:
        if node.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL) and bare_denial(node.text):
            yield LintWarning(
                node.id,
                "bare-denial",
                f"{label(node)} only says its target is wrong",
                "say why it is wrong: give the fact or reason that shows it",
            )


def _stems(m: ArgumentMap) -> dict[str, set[str]]:
    """Each node's content stems, antonym pairs joined: worked out once per map."""
    return {node.id: content_stems(node.text, antonyms=True) for node in m.nodes}


def _target_and_thesis(m: ArgumentMap, target: Node) -> tuple[Node, ...]:
    """What a statement may restate: its target, then the thesis (once if they are one)."""
    thesis = m.nodes[0]
    return (target,) if target.id == thesis.id else (target, thesis)


def _restates(stems: dict[str, set[str]], node: Node, other: Node) -> bool:
    mine, theirs = stems[node.id], stems[other.id]
    return len(mine) >= 2 and similarity(mine, theirs) >= RESTATES


def circular_premises(m: ArgumentMap) -> Iterator[LintWarning]:
    """Premises and evidence that restate the claim they support, or the thesis."""
    stems = _stems(m)
    for node, target, relation, _cross in m.edges():
        if relation is not Relation.SUPPORTS:
            continue
        for other in _target_and_thesis(m, target):
            if (
                other.id != node.id
                and _restates(stems, node, other)
                and not negates(node.text, other.text)
            ):
                which = "the claim it supports" if other is target else "the thesis"
                yield LintWarning(
                    node.id,
                    "circular-premise",
                    f"{label(node)} restates {which} ({other.id!r}) instead of giving a reason",
                    "give a different fact or reason that makes the claim more likely",
                )
                break


def restated_objections(m: ArgumentMap) -> Iterator[LintWarning]:
    """Objections and rebuttals that restate their target negated (or by an antonym)."""
    stems = _stems(m)
    for node, target, relation, _cross in m.edges():
        if relation is not Relation.ATTACKS or bare_denial(node.text):
            continue
        for other in _target_and_thesis(m, target):
            if other.id == node.id or not _restates(stems, node, other):
                continue
            if other is target or negates(node.text, other.text):
                yield LintWarning(
                    node.id,
                    "restated-objection",
                    f"{label(node)} only restates or denies {other.id!r}",
                    "give the reason it is wrong instead (what shows the target false?)",
                )
                break


def undercut_denials(m: ArgumentMap) -> Iterator[LintWarning]:
    """Undercutters whose words deny the claim they target, not the inference from it."""
    for node, target, relation, _cross in m.edges():
        if relation is not Relation.UNDERCUTS:
            continue
        if set(words(node.text)) & INFERENCE_WORDS:
            continue
        mine = content_stems(node.text, antonyms=True)
        theirs = content_stems(target.text, antonyms=True)
        if bare_denial(node.text) or (
            negates(node.text, target.text) and overlap(mine, theirs) >= 0.5
        ):
            yield LintWarning(
                node.id,
                "undercut-denies-claim",
                f"{label(node)} is marked 'undercut: true' but denies {target.id!r} itself",
                "drop 'undercut: true' (it attacks the claim), or say why the claim "
                "does not support its conclusion",
            )


def linked_independent(m: ArgumentMap) -> Iterator[LintWarning]:
    """Linked groups whose premises share no term: nothing ties them into one reason.

    Linked premises work together through a shared term (the rule and the case: "all
    schools that ... ", "our school is one"). Premises that share none, and that either
    each take up the claim's words or none of them do, stand or fall on their own.
    """
    for group, members in m.groups().items():
        parent = m.parent(members[0].id)
        if parent is None or len(members) < 2:
            continue
        claim = content_stems(parent.text, antonyms=True)
        stems = [content_stems(node.text, antonyms=True) for node in members]
        shared = any(stems[i] & stems[j] for i in range(len(stems)) for j in range(i))
        own = [bool(s & claim) for s in stems]
        if not shared and (all(own) or not any(own)):
            yield LintWarning(
                members[0].id,
                "linked-independent",
                f"linked group {group!r}: its premises share no term, so they probably "
                f"support {parent.id!r} each on its own",
                "list them as separate premises, or add the premise that links them",
                field=None,
            )


def misfiled_kinds(m: ArgumentMap) -> Iterator[LintWarning]:
    """Reasons filed as objections, and objections filed as reasons, by how they open."""
    for node in m.nodes:
        opening = " ".join(words(node.text)[:4]) + " "
        lower = node.text.strip().lower()
        if node.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL) and (
            lower.startswith(SUPPORT_OPENERS) or opening.startswith(SUPPORT_OPENERS)
        ):
            yield LintWarning(
                node.id,
                "misfiled-kind",
                f"{label(node)} reads as a further reason (it opens like one)",
                "if it supports the claim, file it under 'premises' or 'evidence'",
            )
        elif node.kind in (NodeKind.PREMISE, NodeKind.EVIDENCE) and (
            lower.startswith(ATTACK_OPENERS) or opening.startswith(ATTACK_OPENERS)
        ):
            yield LintWarning(
                node.id,
                "misfiled-kind",
                f"{label(node)} reads as an objection (it opens like one)",
                "if it speaks against the claim, file it under 'objections'",
            )


_OVERRIDES: Final = {"\u202d": "left-to-right", "\u202e": "right-to-left"}
_OVERRIDE_FIELDS: Final = ("text", "quote", "note", "author")


def bidi_overrides(m: ArgumentMap) -> Iterator[LintWarning]:
    """Fields holding a bidi override (U+202D, U+202E), which turns the letters after it round.

    A viewer obeying it shows "EUR 100" as "001 RUE", so a file can read otherwise than
    its picture (the "Trojan Source" trick). The diagrams leave it out and the HTML page
    and Markdown draw it as an embedding, which orders words but keeps each one's
    letters; the warning says the file holds it.
    """
    for node in m.nodes:
        for field in _OVERRIDE_FIELDS:
            value = getattr(node, field)
            found = sorted({ch for ch in value or "" if ch in _OVERRIDES})
            if found:
                names = " and ".join(
                    f"a {_OVERRIDES[ch]} override (U+{ord(ch):04X})" for ch in found
                )
                yield LintWarning(
                    node.id,
                    "bidi-override",
                    f"{label(node)} has {names} in its {field}, which shows the letters "
                    "after it in reverse order",
                    "delete it: right-to-left words need no control character (to set a "
                    "run apart, use an isolate, U+2067 ... U+2069)",
                    field,
                )


_BREAK_FIELDS: Final = ("text", "quote")
"""Fields the diagrams draw; their line breaks are drawn as spaces."""
_BREAKS: Final = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def line_breaks(m: ArgumentMap) -> Iterator[LintWarning]:
    """Statements and quotes holding a line break, which no output draws as one.

    The diagrams, the HTML page and Markdown run the lines together, a space between
    them, so a list or a paragraph break the author wrote is lost (a break at either
    end, as a ``|`` block leaves, is no line break between lines).
    """
    for node in m.nodes:
        for field in _BREAK_FIELDS:
            value = (getattr(node, field) or "").strip()
            if _BREAKS.isdisjoint(value):
                continue
            yield LintWarning(
                node.id,
                "line-break",
                f"{label(node)} has a line break in its {field}, which the diagrams, the HTML "
                "page and Markdown draw as a space",
                "join its lines into one, or split it into nodes that make one claim each",
                field,
            )


RULES: Final = (
    bidi_overrides,
    line_breaks,
    questions,
    circular_premises,
    restated_objections,
    bare_denials,
    undercut_denials,
    linked_independent,
    misfiled_kinds,
)
"""The teaching rules, each a function from a map to its warnings."""
