"""AIF JSON both ways (AIFdb/OVA style): I-nodes for claims, RA/CA scheme nodes for relations."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from argmap.errors import Issue, MapFileError
from argmap.exporters import Exporter, RenderOptions
from argmap.interop import ImportOptions, ImportResult
from argmap.interop.aifgraph import (
    ARGMAP_KEY,
    AifGraph,
    index_nodes,
    key_places,
    load_aif,
    records,
)
from argmap.interop.aifkeys import (
    apply_node_keys,
    map_keys,
    node_keys,
    read_header,
    scheme_key,
    scheme_keys,
    undercut_keys,
    undercut_target,
)
from argmap.interop.aifrephrase import follow_rephrases
from argmap.interop.aifspeech import read_speech
from argmap.interop.graph import Edge, Element, GraphBuilder
from argmap.model import ArgumentMap, NodeKind, Relation

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis

__all__ = ["EXPORTER", "import_text", "to_aif", "to_aif_data"]

RA_TEXT: Final = "Default Inference"
DRAWN_PREFIX: Final = "drawn:"
"""The ``nodeID`` prefix of an RA that draws a conclusion from the thesis (argmap's own)."""
CA_TEXT: Final = "Default Conflict"
YA_TEXT: Final = "Asserting"
_DEFAULT_SCHEMES: Final = frozenset({"", "RA", "CA", "Default", RA_TEXT, CA_TEXT})
"""Scheme node texts that name no scheme: nothing to keep (OVA and AIFdb write "Default
Inference" and "Default Conflict"; arguebuf's AIF, "Default")."""
_SKIPPED_TYPES: Final = {
    "TA": "transitions (TA)",
    "PA": "preferences (PA)",
}


# -- export ------------------------------------------------------------------------------------
class _Writer:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.counter = 0
        self.scheme_of: dict[str, str] = {}
        """Each node's inference (or conflict) to its parent: what an undercut points at."""
        self.group_scheme: dict[str, str] = {}

    def node(
        self,
        node_id: str,
        text: str,
        kind: str,
        timestamp: str | None = None,
        keys: dict[str, Any] | None = None,
    ) -> str:
        record: dict[str, Any] = {"nodeID": node_id, "text": text, "type": kind}
        if timestamp is not None:
            record["timestamp"] = timestamp
        if keys:
            record[ARGMAP_KEY] = keys
        self.nodes.append(record)
        return node_id

    def scheme(self, kind: str, text: str, node_id: str | None = None) -> str:
        self.counter += 1
        return self.node(node_id or f"{kind}:{self.counter}", text, kind)

    def edge(self, source: str, target: str) -> None:
        self.edges.append({"edgeID": len(self.edges) + 1, "fromID": source, "toID": target})

    def relate(self, source: str, target: str, relation: Relation, group: str | None) -> str:
        """The scheme node of one relation (a linked group's co-premises share one RA)."""
        if relation is Relation.SUPPORTS:
            if group is not None and group in self.group_scheme:
                scheme = self.group_scheme[group]
            else:
                scheme = self.scheme("RA", RA_TEXT, group)
                if group is not None:
                    self.nodes[-1][ARGMAP_KEY] = scheme_keys(group=group)
                self.edge(scheme, target)
                if group is not None:
                    self.group_scheme[group] = scheme
        elif relation is Relation.UNDERCUTS:
            scheme = self.scheme("CA", CA_TEXT)
            self.nodes[-1][ARGMAP_KEY] = undercut_keys(target)
            self.edge(scheme, self.scheme_of[target])
        else:
            scheme = self.scheme("CA", CA_TEXT)
            self.edge(scheme, target)
        self.edge(source, scheme)
        return scheme


def to_aif_data(m: ArgumentMap) -> dict[str, Any]:
    """Return the map as AIF JSON data: ``nodes``, ``edges``, ``locutions``, ``participants``.

    What AIF has no place for travels under argmap's own key (``argmap``), which AIF
    readers skip: atop the file the map's title, description, source and sources; on
    each I-node the node's id, kind and other fields; on an undercut's CA the node whose
    link it attacks.

    Every node is an I-node whose ``nodeID`` is the node's id. Each support is an RA
    node (one RA for all co-premises of a linked group, with the group's id as its
    ``nodeID``), each attack a CA node into the I-node, each undercut a CA node into the
    RA (or CA) of the inference it attacks. A signed node gets an L-node (``author:
    text``) asserting it through a YA node, and its author becomes a participant.
    A conclusion drawn from the thesis gets an RA from the thesis (or the conclusion it
    is drawn from) into it, its ``nodeID`` :data:`DRAWN_PREFIX` and the conclusion's id:
    AIF has no mark for a conclusion, so that id is how argmap reads it back.
    """
    w = _Writer()
    for node in m.nodes:
        w.node(node.id, node.text, "I", keys=node_keys(node))
    scheme_of = w.scheme_of
    for node in m.nodes:
        if node.kind is NodeKind.CONCLUSION and node.parent is not None:
            # Drawn from its parent: an inference from the parent to the conclusion.
            scheme_of[node.id] = w.scheme("RA", RA_TEXT, DRAWN_PREFIX + node.id)
            w.nodes[-1][ARGMAP_KEY] = scheme_keys(draws=node.id)
            w.edge(scheme_of[node.id], node.id)
            w.edge(node.parent, scheme_of[node.id])
        elif node.parent is not None and node.relation is not None:
            scheme_of[node.id] = w.relate(node.id, node.parent, node.relation, node.group)
    for node in m.nodes:
        for link in node.links:
            w.relate(node.id, link.to, link.relation, None)
    locutions, participants = _signatures(w, m)
    return {
        "nodes": w.nodes,
        "edges": w.edges,
        "locutions": locutions,
        "participants": participants,
        ARGMAP_KEY: map_keys(m),
    }


def _signatures(w: _Writer, m: ArgumentMap) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Add an L-node (via a YA node) per signed node; return locutions and participants."""
    locutions: list[dict[str, Any]] = []
    participants: dict[str, dict[str, Any]] = {}
    for node in m.nodes:
        if node.author is None:
            continue
        person = participants.get(node.author)
        if person is None:
            first, _, last = node.author.rpartition(" ")
            person = {"participantID": len(participants) + 1, "firstname": first, "surname": last}
            participants[node.author] = person
        stamp = None if node.added is None else f"{node.added.isoformat()} 00:00:00"
        lnode = w.node(f"L:{node.id}", f"{node.author}: {node.text}", "L", stamp)
        ya = w.node(f"YA:{node.id}", YA_TEXT, "YA")
        w.edge(lnode, ya)
        w.edge(ya, node.id)
        locutions.append({"nodeID": lnode, "personID": person["participantID"]})
    return locutions, list(participants.values())


def to_aif(
    m: ArgumentMap, analysis: Analysis | None = None, options: RenderOptions | None = None
) -> str:
    """Return the map as AIF JSON text (see :func:`to_aif_data`)."""
    return json.dumps(to_aif_data(m), ensure_ascii=False, indent=2) + "\n"


EXPORTER = Exporter("aif", ".aif.json", "AIF JSON (AIFdb/OVA: I, RA, CA, L nodes)", to_aif)


# -- import ------------------------------------------------------------------------------------
def import_text(text: str, path: str, options: ImportOptions | None = None) -> ImportResult:
    """Read AIF JSON (top-level ``nodes``/``edges``, or under ``AIF`` as OVA and xAIF nest it).

    The major claim (the I-node that bears on nothing) becomes the thesis; the graph
    becomes a tree grown from it, with the other relations as cross-links. Ids are made
    from the claims' texts, each nodeID kept in its note (``AIF nodeID: 15``). The map's
    title is the file's metadata title (``"AIF": {"title": ...}``), else its name
    (without ``.aif``). What argmap's own key
    says (see :func:`to_aif_data`) is read back: an export of argmap's comes back whole.

    Raises:
        MapFileError: not JSON or not AIF, several root claims or none, a scheme node
            without a conclusion, or a graph the model cannot hold (a support cycle).
    """
    data = load_aif(text, path)
    aif = index_nodes(
        records(data, "nodes", path, text), records(data, "edges", path, text), path, text
    )
    speech = {key: records(data, key, path, text) for key in ("locutions", "participants")}
    graph = GraphBuilder(path, "AIF", ids_from_text=True, origin_label="AIF nodeID")
    rephrased = follow_rephrases(aif, graph)
    for node_id, kind in aif.kinds.items():
        if kind == "I" and aif.canon.get(node_id, node_id) == node_id:
            line, column = aif.place(node_id)
            position = aif.position[node_id]
            graph.add(
                Element(node_id, aif.texts[node_id], line=line, position=position, origin=node_id)
            )
            if not aif.texts[node_id].strip():
                graph.warn_kind(
                    "I-nodes without text: the nodeID stands as the text",
                    line,
                    column,
                    item=repr(node_id),
                )
    for node_id, canon in aif.canon.items():
        if node_id != canon and aif.texts[node_id] != aif.texts[canon]:
            graph.elements[canon].wordings.append(aif.texts[node_id])
    for key, note in rephrased:
        graph.elements[key].notes.append(note)
    own = apply_node_keys(aif, graph)
    for node_id, kind in aif.kinds.items():
        if kind in ("I", "L", "MA", "YA"):
            continue  # claims, locutions, rephrases (read above), illocutions (below)
        if kind == "RA":
            _add_inference(graph, aif, node_id)
        elif kind == "CA":
            _add_conflict(graph, aif, node_id)
        else:
            what = _SKIPPED_TYPES.get(kind, f"{kind!r} nodes" if kind else "nodes without a type")
            line, column = aif.place(node_id)
            graph.warn_kind(f"{what} not supported; skipped", line, column, item=repr(node_id))
    read_speech(speech, aif, graph, own)
    return _build(graph, aif, read_header(data, path, graph), text, options)


def _build(
    graph: GraphBuilder,
    aif: AifGraph,
    header: dict[str, Any],
    text: str,
    options: ImportOptions | None,
) -> ImportResult:
    """Build the map; edges between I-nodes are said in a warning, or beside a refusal."""
    direct = _direct_edges(aif, text)
    if direct is not None:
        graph.warnings.append(direct)
    try:
        m, warnings = graph.build(header, options=options)
    except MapFileError as exc:
        if direct is None:
            raise
        raise MapFileError.of([*exc.issues, direct]) from None  # what explains the refusal
    return ImportResult(m, warnings)


def _direct_edges(aif: AifGraph, text: str) -> Issue | None:
    """The edges that join two I-nodes directly, said in one located line (None: none).

    AIF relates claims only through a scheme node between them: what such an edge means
    (a support? an attack? the order of a text?) the file does not say, so none is read.
    """
    if not aif.direct:
        return None
    places = key_places(text, "fromID")
    first = aif.direct[0][0]
    line, column = places[first] if first < len(places) else (0, 0)
    shown = [f"{a!r} -> {b!r}" for _, a, b in aif.direct[:8]]
    more = f" and {len(aif.direct) - 8} more" if len(aif.direct) > 8 else ""
    count = len(aif.direct)
    return Issue(
        aif.path,
        line,
        column if line else 0,
        f"{count} edge{'s' if count > 1 else ''} join{'' if count > 1 else 's'} two I-nodes "
        f"with no RA or CA node between them, so no relation is read from "
        f"{'them' if count > 1 else 'it'} ({', '.join(shown)}{more}): AIF relates claims "
        "through an RA node (a support) or a CA node (a conflict); put one between them",
        "unsupported",
    )


def _add_inference(graph: GraphBuilder, aif: AifGraph, ra: str) -> None:
    """An RA node: its premises support its conclusion (two or more: a linked group)."""
    conclusions = aif.claims(aif.out_of[ra])
    if len(conclusions) != 1:
        named = ", ".join(aif.named(k) for k in aif.claims(aif.into[ra])) or "none"
        raise aif.error(
            ra,
            f"RA node {ra!r} (premises {named}) has {len(conclusions)} conclusions"
            f"{': ' + ', '.join(map(aif.named, conclusions)) if conclusions else ''}; an "
            "inference needs exactly one I-node as its conclusion",
        )
    conclusion = conclusions[0]
    premises = aif.claims(aif.into[ra])
    if _draws(aif, ra) and len(premises) == 1:
        graph.elements[conclusion].kind = NodeKind.CONCLUSION  # drawn from its premise
    given = scheme_key(aif, ra, "group")  # argmap's own name for it, else its nodeID
    group = (given or ra) if len(premises) >= 2 else None
    _scheme(graph, aif, ra, premises, conclusion)
    order, kept = (aif.position[ra],), given is not None
    for premise in premises:
        graph.relate(
            Edge(premise, conclusion, Relation.SUPPORTS, order, group=group, group_named=kept)
        )


def _add_conflict(graph: GraphBuilder, aif: AifGraph, ca: str) -> None:
    """A CA node: its attackers attack an I-node, or undercut the inference it points at."""
    targets = aif.out_of[ca]
    if len(targets) != 1:
        raise aif.error(
            ca,
            f"CA node {ca!r} has {len(targets)} targets ({', '.join(map(aif.named, targets))}); "
            "it needs exactly one",
        )
    target = targets[0]
    relation = Relation.ATTACKS
    if aif.kinds[target] in ("RA", "CA"):
        relation = Relation.UNDERCUTS
        premises = aif.claims(aif.into[target])
        if aif.kinds[target] == "RA" and _draws(aif, target):
            premises = aif.claims(aif.out_of[target])  # the step into a conclusion: under it
        if not premises:
            line, column = aif.place(ca)
            graph.warn(
                line, f"CA node {ca!r} undercuts an inference without premises; skipped", column
            )
            return
        target = undercut_target(aif, ca, premises)
    elif aif.kinds[target] != "I":
        line, column = aif.place(ca)
        graph.warn(line, f"CA node {ca!r} attacks a {aif.kinds[target]} node; skipped", column)
        return
    attackers = aif.claims(aif.into[ca])
    _scheme(graph, aif, ca, attackers, target)
    for attacker in attackers:
        graph.relate(Edge(attacker, target, relation, (aif.position[ca],)))


def _draws(aif: AifGraph, ra: str) -> bool:
    """Whether an RA draws a conclusion (argmap's mark: its nodeID, or argmap's key)."""
    return ra.startswith(DRAWN_PREFIX) or scheme_key(aif, ra, "draws") is not None


def _scheme(
    graph: GraphBuilder, aif: AifGraph, node_id: str, members: list[str], target: str
) -> None:
    """A scheme node's own name (``Expert Opinion``, ``Analogy``) kept in its members' notes.

    The name is its ``scheme`` key (AIFdb's) or its text, or both when they differ,
    leaving out the placeholders that name no scheme.
    """
    said = (" ".join(aif.schemes.get(node_id, "").split()), " ".join(aif.texts[node_id].split()))
    name = " / ".join(dict.fromkeys(n for n in said if n not in _DEFAULT_SCHEMES))
    if not name or not members:
        return
    what = "inference" if aif.kinds[node_id] == "RA" else "conflict"
    for member in members:  # the target named by its id in the map (see Element.notes_naming)
        graph.elements[member].notes_naming.append((f"AIF {what} scheme: {name}", target))
    line, column = aif.place(node_id)
    graph.warn_kind(
        "scheme names (AIF) are kept in the notes of the nodes they join",
        line,
        column,
        item=repr(name),
    )
