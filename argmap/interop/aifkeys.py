"""argmap's own keys in AIF JSON: what AIF has no place for, beside its nodes, read back."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Final

from argmap.interop.aifgraph import ARGMAP_KEY
from argmap.model import NodeKind
from argmap.model.fields import CONTENT_FIELDS, entry_fields

if TYPE_CHECKING:
    from argmap.interop.aifgraph import AifGraph
    from argmap.interop.graph import GraphBuilder
    from argmap.model import ArgumentMap, Node

__all__ = [
    "MAP_KEYS",
    "apply_node_keys",
    "map_keys",
    "node_keys",
    "read_header",
    "scheme_key",
    "scheme_keys",
    "undercut_keys",
    "undercut_target",
]

MAP_KEYS: Final = ("title", "description", "source", "sources")
"""The map's own fields, atop the file under :data:`ARGMAP_KEY` (AIF has none of them)."""
_PLACED: Final = frozenset({"parent", "relation", "group", "links", "text", "undercut"})
"""Node keys the AIF graph itself says (its edges, an I-node's text): not read from argmap's."""
_HINTED: Final = frozenset(
    {NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION, NodeKind.REBUTTAL}
)
"""Kinds argmap's key gives a claim; the thesis and a conclusion follow from the graph."""


# -- export ------------------------------------------------------------------------------------
def node_keys(node: Node) -> dict[str, Any]:
    """The key on a node's I-node: its id, its kind and every field AIF has no place for.

    The author and date are also said the AIF way (an L-node), for AIF's readers.
    """
    names = [name for name in CONTENT_FIELDS if name != "text"]
    fields = entry_fields((name, getattr(node, name)) for name in names)
    if "added" in fields:
        fields["added"] = fields["added"].isoformat()
    return {"id": node.id, "kind": node.kind.value, **fields}


def map_keys(m: ArgumentMap) -> dict[str, Any]:
    """The key atop the file: the map's title, description, source and sources."""
    out: dict[str, Any] = {"title": m.title}
    if m.description is not None:
        out["description"] = m.description
    if m.source is not None:
        out["source"] = m.source.model_dump(mode="json", exclude_none=True)
    if m.sources:
        out["sources"] = {
            k: v.model_dump(mode="json", exclude_none=True) for k, v in m.sources.items()
        }
    return out


def undercut_keys(target: str) -> dict[str, Any]:
    """The key on an undercut's CA: the node whose link it attacks.

    AIF's CA points at the inference, which a linked group's co-premises share.
    """
    return {"undercuts": target}


def scheme_keys(*, group: str | None = None, draws: str | None = None) -> dict[str, Any]:
    """The key on an RA: the linked group it joins, or the conclusion it draws.

    Both are said by the RA's ``nodeID`` too; the key keeps them if a tool renumbers nodes.
    """
    return {"group": group} if group is not None else {"draws": draws}


# -- import ------------------------------------------------------------------------------------
def read_header(data: Any, path: str, graph: GraphBuilder) -> dict[str, Any]:
    """The map's title, description, source and sources from argmap's key atop the file.

    Without it, the title is the one the file's metadata gives (``"AIF": {"title": ...}``,
    or ``"title"`` beside the nodes), else the file's name (``debate.aif.json``:
    ``debate``). Keys argmap does not know there are named in a warning.
    """
    name = PurePath(path).stem
    if name.lower().endswith(".aif") and len(name) > 4:
        name = name[:-4]
    header: dict[str, Any] = {"title": _metadata_title(data) or name or "Imported AIF"}
    keys = data.get(ARGMAP_KEY) if isinstance(data, dict) else None
    if keys is None:
        return header
    if not isinstance(keys, dict):
        graph.warn(0, f"the file's {ARGMAP_KEY!r} key is not an object {{...}}; ignored")
        return header
    header.update({k: v for k, v in keys.items() if k in MAP_KEYS and v is not None})
    unknown = [repr(k) for k in keys if k not in MAP_KEYS]
    if unknown:
        graph.warn(0, f"keys of the file's {ARGMAP_KEY!r} object not read: {', '.join(unknown)}")
    return header


def _metadata_title(data: Any) -> str:
    """The title the file's own metadata gives, stripped ("": none)."""
    if not isinstance(data, dict):
        return ""
    places = [data, *(data.get(k) for k in ("AIF", "aif"))]
    for place in places:
        title = place.get("title") if isinstance(place, dict) else None
        if isinstance(title, str) and title.strip():
            return " ".join(title.split())
    return ""


def apply_node_keys(aif: AifGraph, graph: GraphBuilder) -> set[str]:
    """Give each claim what argmap's key on its I-node says: its id, its kind, its fields.

    A field the map cannot hold goes to the node's note as any imported field does; a key
    the AIF graph says itself (``parent``, ``text``...) is not read (said in a warning).

    Returns:
        The claims that have the key (their fields are argmap's, not the dialogue's).
    """
    own: set[str] = set()
    for node_id, keys in aif.extras.items():
        element = graph.elements.get(node_id)
        if aif.kinds.get(node_id) != "I" or element is None:
            continue
        line, column = aif.place(node_id)
        if not isinstance(keys, dict):
            graph.warn_kind(
                f"{ARGMAP_KEY!r} keys that are not an object {{...}} are ignored",
                line,
                column,
                item=repr(node_id),
            )
            continue
        fields = {str(k): v for k, v in keys.items()}
        fixed = fields.pop("id", None)
        if isinstance(fixed, str | int) and not isinstance(fixed, bool):
            element.fixed_id = str(fixed)
        said = fields.pop("kind", None)
        kind = _kind(said)
        if kind in _HINTED and element.kind is None:
            element.kind = kind
        elif said is not None and kind is None:
            graph.warn_kind(
                f"{ARGMAP_KEY!r} kinds argmap does not know are not read",
                line,
                column,
                item=f"{node_id!r}: {said!r}",
            )
        placed = sorted(set(fields) & _PLACED)
        if placed:
            graph.warn_kind(
                f"{ARGMAP_KEY!r} keys that the AIF graph says itself are not read",
                line,
                column,
                item=f"{node_id!r}: {', '.join(placed)}",
            )
        element.fields.update({k: v for k, v in fields.items() if k not in _PLACED})
        own.add(node_id)
    return own


def undercut_target(aif: AifGraph, ca: str, premises: list[str]) -> str:
    """The claim whose link a CA undercuts: the first premise, or the one argmap's key names.

    The key names a claim by its id (argmap's key on its I-node), or by its nodeID.
    """
    named = scheme_key(aif, ca, "undercuts")
    if named is None:
        return premises[0]
    for claim in premises:
        own = aif.extras.get(claim)
        if named in (claim, own.get("id") if isinstance(own, dict) else None):
            return claim
    return premises[0]


def scheme_key(aif: AifGraph, node_id: str, name: str) -> str | None:
    """What argmap's key on a scheme node says under ``name``, as text (None: nothing)."""
    keys = aif.extras.get(node_id)
    value = keys.get(name) if isinstance(keys, dict) else None
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    return None


def _kind(value: Any) -> NodeKind | None:
    try:
        return NodeKind(value)
    except ValueError:
        return None
