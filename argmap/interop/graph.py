"""Turn an imported argument graph (elements plus typed relations) into a map's tree and links."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from argmap.errors import Issue, MapFileError
from argmap.interop import ImportOptions
from argmap.interop.elements import ATTACKERS, Edge, Element, default_kind
from argmap.interop.fitting import fit_fields, note_value
from argmap.interop.links import cross_links
from argmap.interop.tree import ALL_ROOTS, choose_root, covering_roots, document_order, grow
from argmap.load.ids import LookAlikes, is_clean_id
from argmap.model import (
    ALLOWED_RELATIONS,
    CHILD_KINDS,
    ArgumentMap,
    NodeKind,
    Relation,
)

__all__ = ["Edge", "Element", "GraphBuilder", "default_kind"]

_FOOTNOTE_MARK = re.compile(r"\[\^?\d{1,4}\]")
"""A citation mark in a statement's text (Kialo's ``[3]``, Markdown's ``[^3]``): not an id's."""


class GraphBuilder:
    """Collects elements and relations from one file, then builds a valid map from them."""

    def __init__(
        self,
        path: str,
        format_name: str,
        *,
        ids_from_text: bool = False,
        origin_label: str = "",
    ) -> None:
        """Start an empty graph for the file at ``path`` (used in messages).

        Ids come from the elements' keys when those are valid ids, or with
        ``ids_from_text`` from their texts (a short slug); an element's ``fixed_id`` comes
        first. An element's ``origin`` that differs from its id goes into its note as
        ``ORIGIN_LABEL: origin``.
        """
        self.ids_from_text = ids_from_text
        self.origin_label = origin_label
        self.path = path
        self.format_name = format_name
        self.elements: dict[str, Element] = {}
        self.edges: list[Edge] = []
        self.warnings: list[Issue] = []
        self.sources: set[str] = set()
        self._by_kind: dict[str, list[tuple[int, int, str]]] = {}
        self._drawn_keys: set[str] = set()
        self._id_counters: dict[str, int] = {}  # one text many times: ids in linear time

    def warn(self, line: int, message: str, column: int = 1) -> None:
        """Record something skipped or changed, at a line of the file (0: the whole file)."""
        self.warnings.append(Issue(self.path, line, column if line else 0, message, "unsupported"))

    def warn_kind(self, message: str, line: int, column: int = 1, item: str = "") -> None:
        """Record one more place of a kind of thing not kept: one warning per kind.

        The warning sits at the first place; it names the ``item`` of each place (when
        given) and counts the places.
        """
        self._by_kind.setdefault(message, []).append((line, column, item))

    def _flush_kinds(self) -> None:
        for message, places in self._by_kind.items():
            line, column, _ = places[0]
            items = list(dict.fromkeys(p[2] for p in places if p[2]))
            if items:
                shown = ", ".join(items[:8])
                message += f": {shown}" + (f" and {len(items) - 8} more" if len(items) > 8 else "")
            if len(places) > 1:
                lines = sorted({p[0] for p in places[1:] if p[0] and p[0] != line})
                word = "line" if len(lines) == 1 else "lines"
                also = f"; also {word} {', '.join(map(str, lines[:6]))}" if lines else ""
                more = f" and {len(lines) - 6} more" if len(lines) > 6 else ""
                message += f" ({len(places)} times{also}{more})"
            self.warn(line, message, column)
        self._by_kind.clear()

    def add(self, element: Element) -> Element:
        """Add an element (a second one with the same key merges into the first)."""
        existing = self.elements.get(element.key)
        if existing is not None:
            if element.text and not existing.text:
                existing.text = element.text
            existing.fields.update(element.fields)
            existing.kind = existing.kind or element.kind
            return existing
        element.position = len(self.elements)
        self.elements[element.key] = element
        return element

    def relate(self, edge: Edge) -> None:
        """Add a relation between two elements already added."""
        self.edges.append(edge)

    def build(
        self,
        header: dict[str, Any],
        *,
        thesis: str | None = None,
        options: ImportOptions | None = None,
    ) -> tuple[ArgumentMap, tuple[Issue, ...]]:
        """Pick the thesis, grow the tree from it, and turn the other relations into links.

        Args:
            header: map metadata (``title``; ``description``, ``source``, ``sources``).
            thesis: the key of the root claim when the format names it; otherwise the
                one element that bears on nothing else.
            options: the user's choice of thesis (``--thesis``, ``--all-roots``), which
                wins over ``thesis``.

        Returns:
            The validated map and the warnings gathered while reading and building it.

        Raises:
            OptionMisuseError: a ``--thesis`` that names no claim, or several.
            MapFileError: no root claim, several, or a graph the model cannot hold.
        """
        if not self.elements:
            said = f"no statements found; is this {self.format_name}?"
            raise MapFileError(self.path, said, line=1, column=1)
        header = self._header(header)
        self.sources = set(header.get("sources", {}))
        self.edges = [self._drawn(edge) for edge in self.edges]
        options = options or ImportOptions()
        root = choose_root(self.elements, self.edges, self.path, options, thesis)
        if root == ALL_ROOTS:
            self._gather_roots(header["title"])
        parent_edge = grow(root, self.elements, self.edges, self.warn, all_roots=options.all_roots)
        order = document_order(root, parent_edge, self.elements)
        kinds = self._kinds(order, parent_edge)
        ids = self._ids(list(kinds))
        groups = self._groups(parent_edge, kinds, ids)
        links = cross_links(self, parent_edge, kinds, ids)
        nodes = [
            self._node(key, kinds[key], parent_edge.get(key), ids, groups, links.get(key, []))
            for key in order
        ]
        data: dict[str, Any] = dict(header)
        data["nodes"] = nodes
        try:
            m = ArgumentMap.model_validate(data)
        except ValidationError as exc:
            problems = "; ".join(err["msg"].removeprefix("Value error, ") for err in exc.errors())
            named = re.search(r"node '([^']+)'", problems)  # where the first problem is
            key = {v: k for k, v in ids.items()}.get(named.group(1), "") if named else ""
            line = self.elements[key].line if key in self.elements else 0
            raise MapFileError(
                self.path,
                f"cannot represent this {self.format_name} graph as a map: {problems}",
                line=line,
                column=1 if line else 0,
            ) from None
        self._flush_kinds()
        return m, tuple(sorted(self.warnings, key=lambda w: (w.line, w.column)))

    def _gather_roots(self, title: str) -> None:
        """Make a thesis of the map's title and put every root claim under it (``--all-roots``)."""
        tops = covering_roots(self.elements, self.edges)
        self.elements[ALL_ROOTS] = Element(ALL_ROOTS, title, position=-1)
        for n, key in enumerate(tops):
            element = self.elements[key]
            self.edges.append(Edge(key, ALL_ROOTS, Relation.SUPPORTS, (-1, n), element.line))
        self.warn(
            0,
            f"--all-roots: {len(tops)} root claim{'s' if len(tops) != 1 else ''} placed under "
            f"a thesis made from the title {title!r}, each read as supporting it",
        )

    # -- steps ------------------------------------------------------------------------------
    def _drawn(self, edge: Edge) -> Edge:
        """Turn "X supports a conclusion" round: the conclusion hangs from X in the tree.

        A conclusion (an element whose format states ``kind: conclusion``) is drawn from
        the claim that supports it, so the tree grows to it from that claim.
        """
        target = self.elements.get(edge.target)
        if (
            edge.relation is not Relation.SUPPORTS
            or target is None
            or target.kind is not NodeKind.CONCLUSION
            or edge.source not in self.elements
        ):
            return edge
        self._drawn_keys.add(edge.target)
        return Edge(edge.target, edge.source, edge.relation, edge.order, edge.line)

    def _header(self, header: dict[str, Any]) -> dict[str, Any]:
        """Keep the metadata fields that are valid; warn about the others."""
        from argmap.load.entrymodels import MapHeader

        raw = header.get("title")
        title = raw if isinstance(raw, str) else ("" if raw is None else note_value(raw))
        if not title.strip():
            title = "Imported map"
        out: dict[str, Any] = {"title": title}
        unfit: list[str] = []
        for name in ("description", "source", "sources"):
            if header.get(name) is None:
                continue
            try:
                MapHeader.model_validate({"title": title, name: header[name]})
            except ValidationError:
                self.warn(0, f"map {name!r} is not in argmap's form; kept in the description")
                unfit.append(f"{name}: {note_value(header[name])}")
                continue
            out[name] = header[name]
        if unfit:
            out["description"] = "\n\n".join([*filter(None, [out.get("description")]), *unfit])
        return out

    def _kinds(self, order: list[str], parent_edge: dict[str, Edge]) -> dict[str, NodeKind]:
        """Give each node in the tree (``order``: the thesis first) its kind."""
        kinds: dict[str, NodeKind] = {order[0]: NodeKind.THESIS}
        supported = {e.target for e in parent_edge.values() if e.relation is Relation.SUPPORTS}
        for key in order[1:]:
            edge = parent_edge[key]
            parent = kinds[edge.target]
            if key in self._drawn_keys and parent in (NodeKind.THESIS, NodeKind.CONCLUSION):
                kinds[key] = NodeKind.CONCLUSION
                continue
            kind = default_kind(edge.relation, parent)
            hint = self.elements[key].kind
            if hint is not None and hint is not kind:
                if (
                    hint in CHILD_KINDS[parent]
                    and edge.relation in ALLOWED_RELATIONS[hint]
                    and not (hint is NodeKind.EVIDENCE and key in supported)
                ):
                    kind = hint
                else:
                    self.warn(
                        edge.line,
                        f"{key!r} cannot be {hint.article} here; read as {kind.article}",
                    )
            kinds[key] = kind
        # A rebuttal may only attack objections; one that also attacks a claim is an objection.
        for edge in self.edges:
            source = edge.source
            if (
                kinds.get(source) is NodeKind.REBUTTAL
                and parent_edge.get(source) is not edge
                and edge.target in kinds
                and kinds[edge.target] not in ATTACKERS
            ):
                kinds[source] = NodeKind.OBJECTION
                if self.elements[source].kind is NodeKind.REBUTTAL:
                    self.warn(edge.line, f"{source!r} attacks a claim; read as an objection")
        return kinds

    def _groups(
        self, parent_edge: dict[str, Edge], kinds: dict[str, NodeKind], ids: dict[str, str]
    ) -> dict[str, str]:
        taken = set(ids.values())
        members: dict[str, list[str]] = {}
        for key, edge in parent_edge.items():
            if edge.group is not None:
                members.setdefault(edge.group, []).append(key)
        out: dict[str, str] = {}
        order = {key: i for i, key in enumerate(kinds)}  # (kinds: in document order)
        for group, keys in members.items():
            parents = {parent_edge[k].target for k in keys}
            if len(keys) < 2 or len(parents) > 1:
                self.warn(
                    parent_edge[keys[0]].line,
                    f"{group!r} is not a linked group (it needs two or more premises of one "
                    "claim); its premises are read as independent",
                )
                continue
            if any(kinds[k] is not NodeKind.PREMISE for k in keys):
                self.warn(parent_edge[keys[0]].line, f"linked group {group!r} needs premises")
                continue
            named = parent_edge[keys[0]].group_named
            first = min(keys, key=order.__getitem__)
            name = group if named else f"{ids[first]}-group"
            gid = _safe_id(name, taken, fallback="group", counters=self._id_counters)
            for k in keys:
                out[k] = gid
        return out

    def _name(self, key: str) -> str | None:
        """The name an element's id comes from: its title, else its key (unless from texts)."""
        title = self.elements[key].title
        if title is not None:
            return title
        return None if self.ids_from_text or key == ALL_ROOTS else key

    def _ids(self, keys: list[str]) -> dict[str, str]:
        taken: set[str] = set()
        look_alikes = LookAlikes()  # no id may look like another (o, º): the map refuses them
        ids: dict[str, str] = {}
        for key in keys:
            fixed = self.elements[key].fixed_id
            name = fixed if fixed is not None or self.ids_from_text else self._name(key)
            if (
                name is not None
                and is_clean_id(name)
                and len(name) <= 200
                and name not in taken
                and not look_alikes.clash(name, taken)
            ):
                ids[key] = name
                taken.add(name)
                look_alikes.add(name)
            elif fixed is not None:
                self.warn_kind(
                    "ids the file gives that are not valid ids, or given twice; ids made from "
                    "the text instead",
                    self.elements[key].line,
                    item=repr(fixed),
                )
        for key in keys:
            if key not in ids:
                name = self._name(key)
                ids[key] = _safe_id(
                    name or self.elements[key].text or key,
                    taken,
                    slug=True,
                    counters=self._id_counters,
                    look_alikes=look_alikes,
                )
        return ids

    def _node(
        self,
        key: str,
        kind: NodeKind,
        edge: Edge | None,
        ids: dict[str, str],
        groups: dict[str, str],
        links: list[dict[str, str]],
    ) -> dict[str, Any]:
        element = self.elements[key]
        relation = None if edge is None or kind is NodeKind.CONCLUSION else edge.relation
        base: dict[str, Any] = {
            "id": ids[key],
            "kind": kind,
            "text": element.text if element.text.strip() else key,
            "parent": None if edge is None else ids[edge.target],
            "relation": relation,
            "group": groups.get(key),
            "links": links,
        }
        notes = (
            [f"{self.format_name} title: {element.title}"]
            if (element.title is not None and element.title != ids[key])
            else []
        )
        if element.origin is not None and element.origin != ids[key]:
            notes.append(f"{self.origin_label}: {element.origin}")
        notes += [f"Also worded: {wording}" for wording in element.wordings]
        notes += element.notes
        fields = dict(element.fields)
        if element.notes_naming:
            named = element.notes_naming
            said = "; ".join(f"{words} (to {ids.get(k, k)!r})" for words, k in named)
            fields["note"] = f"{fields['note']}; {said}" if fields.get("note") else said
        extra = fit_fields(self, key, kind, base, fields, notes)
        return {**base, **extra}


def _safe_id(
    text: str,
    taken: set[str],
    *,
    fallback: str = "node",
    slug: bool = True,
    counters: dict[str, int] | None = None,
    look_alikes: LookAlikes | None = None,
) -> str:
    from argmap.load.ids import slugify, unique_id

    if is_clean_id(text) and text[-1].isalnum():
        base = text
    else:  # words, not the citation marks ([3], [^3]) a source's text carries
        base = slugify(_FOOTNOTE_MARK.sub(" ", text)) or slugify(text)
    if not is_clean_id(base):
        base = fallback
    return unique_id(base, taken, counters, look_alikes)
