"""AIF JSON read into an indexed node graph: records checked, each node found in the file."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Final

from argmap.errors import MapFileError
from argmap.load.messages import surrogate_message
from argmap.safetext import LONE_SURROGATE

__all__ = [
    "ARGMAP_KEY",
    "AifGraph",
    "index_nodes",
    "key_places",
    "load_aif",
    "record_place",
    "records",
]

ARGMAP_KEY: Final = "argmap"
"""The key of what argmap writes beside AIF's own keys (on a node, and atop the file):
what AIF has no place for. AIF readers skip keys they do not know."""

_AIF_NESTING: Final = 1000
"""Nesting an AIF file's error points at when JSON is too deep to read (AIF nests 3 deep)."""

_NODE_ID: Final = re.compile(r'"nodeID"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+)')
"""A ``"nodeID": value`` pair in the file's text, to tell where a node stands."""
_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"')
"""A JSON string, escapes and all."""


def load_aif(text: str, path: str) -> Any:
    """Parse the JSON, stepping into the ``AIF`` object that OVA and xAIF nest it in.

    An ``AIF`` object without nodes or edges is not stepped into: some tools write it
    as metadata (a version, the analyst) beside nodes and edges at the top level.

    Control characters inside strings (a tab, a line break pasted into a node's text, as
    some tools write them) are read as they are.

    Raises:
        MapFileError: not JSON (located), a key given twice in an object (JSON keeps the
            last: a second ``nodes`` list, a node's second ``text``, lost without a word),
            or nested too deeply.
    """
    from argmap.deep import run_deep
    from argmap.load.parse import DuplicateKey, duplicate_key_error, no_duplicates

    try:
        # Ids are compared as text; a number too long for int() stays its digits.
        data = run_deep(
            lambda: json.loads(
                text,
                strict=False,
                parse_int=lambda s: int(s) if len(s) < 64 else s,
                object_pairs_hook=no_duplicates,
            )
        )
    except RecursionError:
        from argmap.interop.flowyaml import nested_beyond

        line, column = nested_beyond(text, _AIF_NESTING) or (0, 0)
        raise MapFileError(
            path,
            f"JSON nested more than {_AIF_NESTING} deep: AIF is lists of flat nodes and edges",
            line=line + 1,
            column=column + 1,
        ) from None
    except json.JSONDecodeError as exc:
        from argmap.load.jsontext import json_error

        message, line, column = json_error(exc.msg, text, exc.pos)
        raise MapFileError(
            path, f"invalid JSON: {message}; fix the file where it says", line=line, column=column
        ) from None
    except DuplicateKey as exc:
        raise duplicate_key_error(path, text, exc, " (JSON keeps only the last)") from None
    if isinstance(data, dict):
        for nested in ("AIF", "aif"):
            inner = data.get(nested)
            if isinstance(inner, dict) and {"nodes", "edges"} & set(inner):
                return inner
    return data


def records(data: Any, key: str, path: str, text: str = "") -> list[dict[str, Any]]:
    """The list of objects under ``key`` (``nodes``, ``edges``, ``locutions``...).

    A missing key, or ``null`` (as xAIF writes an empty part), is none.

    Raises:
        MapFileError: not a list of objects, located at the key (or the file's start).
    """
    found = (data.get(key) or []) if isinstance(data, dict) else None
    if isinstance(found, list) and all(isinstance(r, dict) for r in found):
        return found
    line, column = _nth_key(text, key, 0) if isinstance(data, dict) else (1, 1)
    raise MapFileError(
        path,
        f"'{key}' must be a list of objects {{...}}; is this AIF JSON?",
        line=line or 1,
        column=column or 1,
    )


def record_place(text: str, key: str, index: int) -> tuple[int, int]:
    """Where the ``index``-th item of the list under ``"key":`` starts; (0, 0) if unknown.

    A scan that skips strings and counts brackets: linear, whatever the nesting.
    """
    opening = re.search(rf'"{key}"\s*:\s*\[', text)
    if opening is None:
        return (0, 0)
    depth, count, i, n = 0, 0, opening.end(), len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            match = _STRING.match(text, i)
            i = match.end() if match else n
            continue
        if ch in "[{" and depth == 0:
            if count == index:
                start = text.rfind("\n", 0, i) + 1
                return text.count("\n", 0, i) + 1, i - start + 1
            count += 1
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            if depth == 0:
                break  # the list ends
            depth -= 1
        i += 1
    return (0, 0)


@dataclass
class AifGraph:
    """The AIF nodes indexed by ``nodeID``: type, text, file position, edges in and out."""

    path: str
    kinds: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    stamps: dict[str, str] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    into: dict[str, list[str]] = field(default_factory=dict)
    out_of: dict[str, list[str]] = field(default_factory=dict)
    canon: dict[str, str] = field(default_factory=dict)
    """Each rephrased I-node's claim: the first I-node, in file order, of its rephrases."""
    places: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """Where each ``"nodeID"`` value stands in the file, in order: (line, column)."""
    schemes: dict[str, str] = field(default_factory=dict)
    """A scheme node's ``scheme`` key, where AIFdb names its scheme (its text may not)."""
    extras: dict[str, Any] = field(default_factory=dict)
    """What argmap's own key (:data:`ARGMAP_KEY`) holds on each node that has it."""
    direct: list[tuple[int, str, str]] = field(default_factory=list)
    """The edges that join two I-nodes with no scheme node between: (index, from, to)."""

    def claims(self, ids: list[str]) -> list[str]:
        """The claims among ``ids`` (I-nodes, a rephrase read as what it rephrases), in order."""
        out = [self.canon.get(k, k) for k in ids if self.kinds[k] == "I"]
        return list(dict.fromkeys(out))

    def named(self, node_id: str) -> str:
        """A node as a user knows it: its id, and its text for an I-node."""
        text = " ".join(self.texts.get(node_id, "").split())
        if self.kinds.get(node_id) != "I" or not text:
            return repr(node_id)
        return f"{node_id!r} ({text if len(text) <= 50 else text[:47].rstrip() + '...'})"

    def place(self, node_id: str, nth: int = 0) -> tuple[int, int]:
        """Where the node's ``nth`` record stands in the file; (0, 0) when it cannot be told."""
        found = self.places.get(node_id, [])
        return found[nth] if nth < len(found) else (found[0] if found else (0, 0))

    def line(self, node_id: str) -> int:
        """The line of the file where the node stands (0 when it cannot be told)."""
        return self.place(node_id)[0]

    def error(self, node_id: str, message: str, nth: int = 0) -> MapFileError:
        """A refusal located at the node (its ``nth`` record)."""
        line, column = self.place(node_id, nth)
        return MapFileError(self.path, message, line=line, column=column)


def _places(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each ``"nodeID": value`` stands in the text, by the value as text."""
    out: dict[str, list[tuple[int, int]]] = {}
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    line = 0
    for match in _NODE_ID.finditer(text):
        raw = match.group(1)
        try:
            value = str(json.loads(raw, strict=False))
        except ValueError:
            continue
        while line + 1 < len(starts) and starts[line + 1] <= match.start():
            line += 1
        out.setdefault(value, []).append((line + 1, match.start() - starts[line] + 1))
    return out


def _nth_key(text: str, key: str, nth: int) -> tuple[int, int]:
    """Where the ``nth`` ``"key":`` stands in the text; (0, 0) when there are fewer."""
    for i, match in enumerate(re.finditer(rf'"{key}"\s*:', text)):
        if i == nth:
            start = text.rfind("\n", 0, match.start()) + 1
            return text.count("\n", 0, match.start()) + 1, match.start() - start + 1
    return (0, 0)


def _scalar(record: dict[str, Any], key: str, i: int, aif: AifGraph, text: str) -> str:
    """A node's ``nodeID`` or ``type`` as text (a number as written), or its ``text``.

    A list, an object, ``true``/``false`` (Python would spell it ``True``) and ``NaN`` or
    ``Infinity`` (``nan``) are refused; so is a number for anything but the ``nodeID``
    (AIFdb numbers its nodes; a claim or a scheme's name of ``42`` is a slip).
    """
    value = record.get(key)
    if value is None:
        return ""
    kind = _not_text(value)
    if not kind and key not in ("nodeID", "type") and isinstance(value, int | float):
        kind = f"the number {value}"
    if kind or (isinstance(value, str) and LONE_SURROGATE.search(value)):
        node_id = record.get("nodeID")
        known = isinstance(node_id, str | int) and str(node_id) in aif.places
        line, column = aif.place(str(node_id)) if known else _nth_key(text, "nodeID", i)
        said = f"must be text, not {kind}; write it as a string" if kind else None
        raise MapFileError(
            aif.path,
            f"nodes[{i}].{key} {said or surrogate_message(str(value))}",
            line=line,
            column=column,
        )
    return str(value)


def _not_text(value: object) -> str:
    """What a JSON value is, if it cannot stand as text ('' if it can)."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and not math.isfinite(value):
        return f"the number {value}"
    return ""


def index_nodes(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], path: str, text: str
) -> AifGraph:
    """Index the node and edge records, refusing what would lose or mangle a node.

    Raises:
        MapFileError: a node without id, an id given twice, an id, type, text or scheme
            name that is not text (a number is only an id), or an edge to nowhere; located
            where the file says it.
    """
    aif = AifGraph(path, places=_places(text))
    for i, record in enumerate(nodes):
        node_id = _scalar(record, "nodeID", i, aif, text)
        kind = _scalar(record, "type", i, aif, text)
        if not node_id:
            line, column = record_place(text, "nodes", i)
            raise MapFileError(
                path,
                f"nodes[{i}] has no 'nodeID'; give every node an id",
                line=line,
                column=column,
            )
        node_text = _scalar(record, "text", i, aif, text)
        if node_id in aif.kinds:
            if (aif.kinds[node_id], aif.texts[node_id]) == (kind, node_text):
                continue  # the same node listed twice: nothing to lose
            first = aif.position[node_id]
            raise aif.error(
                node_id,
                f"nodes[{i}] has the nodeID {node_id!r} of nodes[{first}] (line "
                f"{aif.line(node_id)}) with another type or text; give each node an id of "
                "its own",
                nth=1,
            )
        aif.kinds[node_id] = kind
        aif.texts[node_id] = node_text
        scheme = _scalar(record, "scheme", i, aif, text) if kind in ("RA", "CA") else ""
        if scheme.strip():
            aif.schemes[node_id] = scheme
        aif.stamps[node_id] = str(record.get("timestamp") or "")
        if ARGMAP_KEY in record:
            aif.extras[node_id] = record[ARGMAP_KEY]
        aif.position[node_id] = i
    _index_edges(aif, edges, text)
    return aif


def _index_edges(aif: AifGraph, edges: list[dict[str, Any]], text: str) -> None:
    """Index the edges: each node's neighbours in and out, and the edges between I-nodes."""
    path = aif.path
    aif.into = {k: [] for k in aif.kinds}
    aif.out_of = {k: [] for k in aif.kinds}
    for i, record in enumerate(edges):
        source, target = str(record.get("fromID", "")), str(record.get("toID", ""))
        if source not in aif.kinds or target not in aif.kinds:
            missing = target if source in aif.kinds else source
            line, column = _nth_key(text, "fromID", i)
            raise MapFileError(
                path,
                f"edges[{i}] joins unknown nodes {source!r} -> {target!r}; no node has the "
                f"nodeID {missing!r}",
                line=line,
                column=column,
            )
        aif.out_of[source].append(target)
        aif.into[target].append(source)
        if aif.kinds[source] == aif.kinds[target] == "I":
            aif.direct.append((i, source, target))


def key_places(text: str, key: str) -> list[tuple[int, int]]:
    """Where each ``"key":`` stands in the text, in order: (line, column), in one pass."""
    out: list[tuple[int, int]] = []
    line, start = 1, 0
    for match in re.finditer(rf'\n|"{key}"\s*:', text):
        if match.group() == "\n":
            line, start = line + 1, match.end()
        else:
            out.append((line, match.start() - start + 1))
    return out
