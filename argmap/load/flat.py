"""The flat JSON export read back as a map: one record per node, every problem located."""

from __future__ import annotations

from typing import Any, Final

from pydantic import ValidationError

from argmap.errors import Issue, MapValidationError
from argmap.load.messages import display_path, lone_surrogates, pydantic_findings, show_value
from argmap.load.parse import ParsedFile
from argmap.load.tree import EntryPaths, YamlPath
from argmap.model import ArgumentMap, Node, Problem, structure_problems

__all__ = ["is_flat", "validate_flat"]

NODES: Final = "nodes"
"""The key of the export's node records."""
_NOT_FLAT: Final = frozenset({"thesis", "edges", "AIF"})
"""Keys of a map file, or of AIF JSON, that the export never has."""


def is_flat(data: Any) -> bool:
    """Whether parsed data is the flat export (``nodes``, no ``thesis``), not a map file.

    AIF JSON has ``nodes`` too, with ``edges`` (or under ``AIF``): it is no export.
    """
    return isinstance(data, dict) and NODES in data and data.keys().isdisjoint(_NOT_FLAT)


def validate_flat(parsed: ParsedFile) -> tuple[ArgumentMap, EntryPaths]:
    """Validate the flat JSON export (``argmap export MAP --format json``) into a map.

    The records are the nodes, in the order given (a parent before its children); each
    problem is reported at its record's line and column, as a map file's would be.

    Returns:
        The map, and node id -> path of its record, e.g. ``("nodes", 3)``.

    Raises:
        MapValidationError: with every problem, each located.
    """
    checker = _Checker(parsed)
    m = checker.run()
    paths = EntryPaths(
        {node.id: i for i, node in enumerate(m.nodes)},
        [None] * len(m.nodes),
        [(NODES, i) for i in range(len(m.nodes))],
    )
    return m, paths


class _Checker:
    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.issues: list[Issue] = []
        self.failed: set[int] = set()
        """Records with a problem of their own, checked no further."""

    def report(self, path: YamlPath, message: str, *, key: bool = False, code: str = "") -> None:
        line, col = self.parsed.positions.locate(path, key=key)
        where = display_path(path)
        text = f"{where}: {message}" if where else message
        self.issues.append(Issue(self.parsed.path, line, col, text, code or "invalid"))

    def pydantic(self, path: YamlPath, exc: ValidationError, model: Any) -> None:
        for finding in pydantic_findings(exc, model):
            self.report(path + finding.path, finding.message, key=finding.key, code=finding.code)

    def run(self) -> ArgumentMap:
        data: dict[str, Any] = self.parsed.data
        if not self.parsed.text or "\\u" in self.parsed.text or "\\U" in self.parsed.text:
            # A lone surrogate comes only from an escape (UTF-8 text cannot hold one).
            for path, message, key in lone_surrogates(data):
                self.report(path, message, key=key, code="type")
        fields = {k: v for k, v in data.items() if k != NODES}
        from argmap.load.entrymodels import MapHeader, header_fallback

        try:
            header = MapHeader.model_validate(fields)
        except ValidationError as exc:
            self.pydantic((), exc, MapHeader)
            header = header_fallback(fields)  # its sources, so nodes citing them pass
        records = data[NODES]
        nodes: list[Node] = []
        if not isinstance(records, list):
            self.report(
                (NODES,), f"'nodes' must be a list of node records, got {show_value(records)}"
            )
            records = []
        for i, record in enumerate(records):
            node = self.node(i, record)
            if node is not None:
                nodes.append(node)
        if not self.issues and not nodes:
            self.report((NODES,), "no nodes; the first record is the thesis", code="missing")
        m = ArgumentMap.model_construct(
            title=header.title,
            description=header.description,
            source=header.source,
            sources=dict(header.sources),
            nodes=tuple(nodes),
        )
        if len(nodes) == len(records):  # else record numbers are no node positions
            for problem in structure_problems(m):
                if problem.position not in self.failed:
                    self.problem(problem)
        if self.issues:
            unique = sorted(set(self.issues), key=lambda i: (i.line, i.column, i.message))
            raise MapValidationError(self.parsed.path, unique)
        return m

    def node(self, i: int, record: Any) -> Node | None:
        if not isinstance(record, dict):
            message = "expected a node record (an object with 'id', 'kind' and 'text'), got "
            self.report((NODES, i), message + show_value(record), code="type")
            return None
        try:
            return Node.model_validate(record)
        except ValidationError as exc:
            self.pydantic((NODES, i), exc, Node)
            bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
        # Kept with what is usable, so the rules across records are still checked.
        self.failed.add(i)
        kept = {k: v for k, v in record.items() if k not in bad and k in Node.model_fields}
        stand_in = {"id": f"record-{i}", "kind": "premise", "text": "?"}
        try:
            return Node.model_validate(stand_in | kept)
        except ValidationError:
            return None

    def problem(self, problem: Problem) -> None:
        if problem.position is None:
            self.report((NODES, 0), problem.message, code="structure")
            return
        path: YamlPath = (NODES, problem.position)
        name = problem.field or ""
        if name.startswith("links."):
            path = (*path, "links", int(name.split(".")[1]))
        elif name == "undercut":
            path = (*path, "relation")
        elif name:
            path = (*path, name)
        code = "cycle" if "cycle" in problem.message else "structure"
        self.report(path, problem.message, code=code)
