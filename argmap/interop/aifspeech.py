"""AIF dialogue: L-nodes asserting I-nodes through YA nodes, read as who said what, when, how."""

from __future__ import annotations

import re
from collections.abc import Set
from typing import Any, Final

from argmap.interop.aifgraph import AifGraph
from argmap.interop.graph import GraphBuilder

__all__ = ["read_speech"]

_SPEAKER: Final = re.compile(r"\s*([^:\n]{1,60}?)\s*:\s+(.*)", re.DOTALL)
"""``CL : and therefore...``: AIFdb's L-node text, the speaker before the words said."""
_PLAIN_FORCES: Final = frozenset({"", "YA", "Asserting", "Default Illocuting"})
"""Illocutions that say no more than that the claim was put forward."""
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_speech(
    speech: dict[str, list[dict[str, Any]]],
    aif: AifGraph,
    graph: GraphBuilder,
    own: Set[str] = frozenset(),
) -> None:
    """Give each claim an L-node asserts (through a YA node) what the dialogue says of it.

    Its author is the locution's participant, or, in a file whose L-nodes all open with a
    speaker (``CL : ...``, as AIFdb writes them), that speaker; its ``added`` date is the
    L-node's timestamp. Words said that differ from the claim's text (``Was he wrong``
    for ``McMillan was / was not wrong``) and an illocution other than asserting
    (``Pure Questioning``, ``Popular Conceding``) are kept in its note. A claim in ``own``
    (argmap's key gives its fields) keeps its author and date and takes no such note.
    """
    people = {  # names given as text only (not a list's or a number's printed form)
        str(p.get("participantID")): " ".join(
            " ".join(p[k].split()) for k in ("firstname", "surname") if isinstance(p.get(k), str)
        ).strip()
        for p in speech["participants"]
    }
    said_by = {
        str(loc.get("nodeID")): people.get(str(loc.get("personID")), "")
        for loc in speech["locutions"]
    }
    lnodes = [k for k, kind in aif.kinds.items() if kind == "L"]
    prefixed = bool(lnodes) and all(_SPEAKER.fullmatch(aif.texts[k]) for k in lnodes)
    for ya, kind in aif.kinds.items():
        if kind != "YA":
            continue
        speakers = [k for k in aif.into[ya] if aif.kinds[k] == "L"]
        claims = aif.claims(aif.out_of[ya])
        if len(speakers) != 1 or len(claims) != 1:
            continue
        lnode, element = speakers[0], graph.elements[claims[0]]
        words = aif.texts[lnode]
        name = said_by.get(lnode, "")
        known = re.match(rf"\s*{re.escape(name)}\s*:\s+", words) if name else None
        if known is not None:  # "NAME: words", whatever the name holds
            words = words[known.end() :]
        elif prefixed and (match := _SPEAKER.fullmatch(words)):
            name, words = name or match.group(1), match.group(2)
        if name:
            element.fields.setdefault("author", name)
            if stamp := _DATE.match(aif.stamps.get(lnode, "")):
                element.fields.setdefault("added", stamp.group(0))
        if claims[0] in own:
            continue
        notes = []
        if " ".join(words.split()) not in (" ".join(element.text.split()), ""):
            notes.append(f"Said: {' '.join(words.split())}")
        force = " ".join(aif.texts[ya].split())
        if force not in _PLAIN_FORCES:
            notes.append(f"Illocution: {force}")
        element.notes += [n for n in notes if n not in element.notes]
