"""Map-quality warnings (lint): well-formed but doubtful reasoning, each with a stable code."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Final

from argmap.analysis.lint_warning import LintWarning, label
from argmap.analysis.stats import COMMON_GROUND_TAG, premises_without_support
from argmap.analysis.wording import split_reason, words
from argmap.errors import Issue
from argmap.load.maps import LocatedMap
from argmap.model import ArgumentMap, Node, NodeKind, Strength

__all__ = [
    "CODES",
    "COMMON_GROUND_TAG",
    "SUFFICIENT_TAG",
    "LintWarning",
    "lint",
    "lint_located",
    "two_claims_reason",
]


SUFFICIENT_TAG: Final = "sufficient"
"""A linked premise with this tag would support its target on its own."""

CODES: Final[Mapping[str, str]] = {
    "unsupported-premise": "a premise with no support given (no premise or evidence under it)",
    "two-claims": "a claim whose text holds two claims: two clauses joined by 'and', 'but', "
    "'while', 'whereas', 'because', a semicolon or a colon, or two sentences",
    "question": "a statement written as a question",
    "uncited-evidence": "evidence with no quote, citation or source",
    "circular-premise": "a premise or evidence that restates the claim it supports or the thesis",
    "restated-objection": "an objection or rebuttal that only restates its target or the "
    "thesis, negated or by an antonym",
    "bare-denial": "an objection or rebuttal that only says its target is wrong",
    "undercut-denies-claim": "an undercutter whose text denies the claim, not the inference",
    "misfiled-kind": "a reason filed as an objection, or an objection as a reason",
    "duplicate-text": "two nodes with the same text",
    "near-duplicate-text": "two nodes whose words differ by one (added, dropped or replaced)",
    "linked-each-sufficient": "a linked group whose premises are each marked sufficient",
    "linked-independent": "a linked group whose premises share no term: probably independent",
    "bidi-override": "a text, quote, note or author holding a bidi override (U+202D, U+202E), "
    "which shows the letters after it reversed",
    "line-break": "a text or quote holding a line break, which the diagrams, the HTML page "
    "and Markdown draw as a space",
    "link-side": "a cross-link that attacks (or undercuts) a claim on its node's own side, "
    "or supports a claim on the other side",
}
"""Every lint code, with what it flags (the README lists the same)."""

_FINITE: Final = frozenset(
    {"is", "are", "was", "were", "will", "would", "can", "could", "should", "must", "may",
     "might", "has", "have", "had", "does", "do", "did", "cannot", "isn't", "aren't", "wasn't",
     "weren't", "won't", "can't", "doesn't", "don't", "didn't", "hasn't", "haven't", "shall"}
)  # fmt: skip
_CLAUSE_BREAK: Final = re.compile(r"[.;:!?]\s")


def lint(m: ArgumentMap) -> list[LintWarning]:
    """Check a valid map for quality problems (not errors: the map is still valid).

    Args:
        m: a valid map.

    Returns:
        Warnings in document order of their node, then by code.
    """
    from argmap.analysis import lintrules, lintsides

    found: list[LintWarning] = []
    found.extend(_unsupported_premises(m))
    found.extend(_two_claims(m))
    found.extend(_uncited_evidence(m))
    found.extend(_duplicates(m))
    found.extend(_each_sufficient(m))
    for rule in lintrules.RULES:
        found.extend(rule(m))
    found.extend(lintsides.cross_sides(m))
    order = {node.id: i for i, node in enumerate(m.nodes)}
    return sorted(found, key=lambda w: (order[w.node_id], w.code, w.message))


def lint_located(lm: LocatedMap) -> list[Issue]:
    """Lint a map read from a file and place each warning at its node's line and column.

    Args:
        lm: the map with its file positions (:func:`argmap.load.maps.load_located`).

    Returns:
        One :class:`~argmap.errors.Issue` per warning (code = the lint code), in file order.
    """
    issues = []
    for warning in lint(lm.map):
        line, column = lm.locate(warning.node_id, warning.field)
        issues.append(Issue(lm.parsed.path, line, column, str(warning), warning.code))
    return sorted(issues, key=lambda i: (i.line, i.column, i.code, i.message))


def _unsupported_premises(m: ArgumentMap) -> Iterator[LintWarning]:
    for node_id in premises_without_support(m):
        node = m.get(node_id)
        yield LintWarning(
            node.id,
            "unsupported-premise",
            f"{label(node)} has no support given (no premise or evidence under it)",
            f"add evidence or a premise under it, or tag it {COMMON_GROUND_TAG!r}",
        )


def two_claims_reason(text: str) -> str | None:
    """Say why ``text`` seems to hold two claims, or return None.

    Heuristic, tuned against false positives (see the README's lint section):
    ``because`` joins two claims unless it starts ``because of`` (a phrase) or either
    side has fewer than two words; ``and`` joins two claims only when both sides of it,
    within one clause, have at least three words and either it follows the only comma
    or a semicolon of the clause ("A, B, and C" is a list, unless its last item has
    five words or more) or each side holds a finite verb (is, are, will, can, has, ...).
    So "Russia and China share a border" and "the costs and benefits of sanctions"
    pass, while "Uniforms are cheap and they are smart" is flagged.

    >>> two_claims_reason("Prices rose because the harvest failed")
    "joined by 'because'"
    >>> two_claims_reason("Prices rose because of the harvest") is None
    True
    """
    for clause in _CLAUSE_BREAK.split(text):
        lower = clause.lower()
        for match in re.finditer(r"\bbecause\b", lower):
            before, after = words(lower[: match.start()]), words(lower[match.end() :])
            if after[:1] != ["of"] and len(before) >= 2 and len(after) >= 2:
                return "joined by 'because'"
        for match in re.finditer(r"\band\b", lower):
            head, tail = lower[: match.start()], lower[match.end() :]
            before, after = words(head), words(re.split(r"\band\b|,", tail)[0])
            if len(before) < 3 or len(after) < 3:
                continue
            stripped = head.rstrip()
            if stripped.endswith((",", ";")):
                earlier, _, item = stripped[:-1].rpartition(",")
                # "A, B, and C" is a list; one comma before "and" marks two clauses.
                if len(words(item)) >= 5 or (not earlier and len(words(item)) >= 3):
                    return "joined by ', and'"
            if _FINITE & set(before) and _FINITE & set(after):
                return "two clauses joined by 'and'"
    return None


def _two_claims(m: ArgumentMap) -> Iterator[LintWarning]:
    for node in m.nodes:
        if node.kind is NodeKind.EVIDENCE:
            continue  # evidence reports what a source says, often in one compound sentence
        reason = two_claims_reason(node.text) or split_reason(node.text)
        if reason is not None:
            yield LintWarning(
                node.id,
                "two-claims",
                f"{label(node)} may hold two claims ({reason})",
                "split it into two nodes: one claim each, or a claim and a premise under it",
            )


def _uncited_evidence(m: ArgumentMap) -> Iterator[LintWarning]:
    for node in m.nodes:
        if node.kind is NodeKind.EVIDENCE and not node.traced:
            yield LintWarning(
                node.id,
                "uncited-evidence",
                f"{label(node)} has no quote, citation or source",
                "add the words it rests on as 'quote', or 'citation: {outlet: ..., date: ...}', "
                "or a 'source' key",
                field=None,
            )


def _duplicates(m: ArgumentMap) -> Iterator[LintWarning]:
    first: dict[tuple[str, ...], Node] = {}
    sets: list[tuple[Node, frozenset[str]]] = []
    for node in m.nodes:
        said = tuple(words(node.text))
        if not said:
            continue
        if said in first:
            other = first[said]
            yield LintWarning(
                node.id,
                "duplicate-text",
                f"{label(node)} has the same text as {other.id!r}",
                "merge them, or point at the first with a cross-link ('links')",
            )
            continue
        first[said] = node
        distinct = frozenset(said)
        if len(distinct) >= 4:
            sets.append((node, distinct))
    for later, earlier in _near_pairs(sets):
        yield LintWarning(
            later.id,
            "near-duplicate-text",
            f"{label(later)} says nearly what {earlier.id!r} says",
            "merge them, or reword one so the difference is clear",
        )


def _near_pairs(
    sets: list[tuple[Node, frozenset[str]]],
) -> Iterator[tuple[Node, Node]]:
    """Yield (later, earlier) pairs whose word sets differ by at most one word each way.

    Each set is indexed under itself and under itself minus each one of its words
    (a deletion neighbourhood, hashed as a sum of word hashes so each key costs O(1)):
    two sets one word apart (added, dropped or replaced) always share a key. Shared
    keys are then checked exactly, so a hash collision cannot cause a false report.
    """
    mask = (1 << 64) - 1
    first: dict[tuple[int, int], int] = {}
    for i, (node, said) in enumerate(sets):
        hashes = {word: hash(word) & mask for word in said}
        total = sum(hashes.values()) & mask
        keys = [(len(said), total)]
        keys += [(len(said) - 1, (total - h) & mask) for h in hashes.values()]
        earlier = sorted({first[k] for k in keys if k in first})
        for j in earlier:
            other = sets[j][1]
            if len(said - other) <= 1 and len(other - said) <= 1:
                yield node, sets[j][0]
                break
        for key in keys:
            first.setdefault(key, i)


def _each_sufficient(m: ArgumentMap) -> Iterator[LintWarning]:
    for group, members in m.groups().items():
        if all(
            node.strength is Strength.STRONG or SUFFICIENT_TAG in node.tags for node in members
        ):
            yield LintWarning(
                members[0].id,
                "linked-each-sufficient",
                f"linked group {group!r}: each premise is marked as enough on its own "
                f"(strength: strong or tag {SUFFICIENT_TAG!r})",
                "if each premise supports the claim alone, list them as separate premises",
                field=None,
            )
