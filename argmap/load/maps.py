"""Map files loaded in one call: read, parse and validate, optionally keeping node positions."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from argmap.deep import paused_gc
from argmap.load.files import read_map_text
from argmap.load.flat import is_flat, validate_flat
from argmap.load.parse import ParsedFile, parse_text
from argmap.load.tree import EntryPaths
from argmap.load.validate import validate_parsed, validate_with_paths
from argmap.model import ArgumentMap

__all__ = ["LocatedMap", "load_located", "load_map", "validate_located"]


def load_map(path: str | Path) -> ArgumentMap:
    """Read, parse and validate a map file (or the flat JSON export, read back).

    Returns:
        The validated map.

    Raises:
        MapFileError: the file cannot be read or parsed.
        MapValidationError: the map breaks the model's rules (every issue, located).
    """
    with paused_gc():
        parsed = parse_text(read_map_text(path), path)
        if is_flat(parsed.data):  # the JSON export, read back
            return validate_flat(parsed)[0]
        # The parsed file is this call's own: its data is emptied as it is read.
        return validate_parsed(parsed, consume=True)


class LocatedMap(NamedTuple):
    """A validated map plus where each node sits in its file (for located warnings)."""

    map: ArgumentMap
    parsed: ParsedFile
    paths: EntryPaths
    """Node id -> YAML path of the node's entry, e.g. ``("thesis", "premises", 0)``."""

    def locate(self, node_id: str, field: str | None = None) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of a node's entry, or of one of its fields.

        A field the entry does not have gives the entry's own position; ``(0, 0)``
        means no position is known (a map validated from data in memory).

        Raises:
            KeyError: no node has that id.
        """
        path = self.paths[node_id]
        return self.parsed.positions.locate(path if field is None else (*path, field))


def validate_located(parsed: ParsedFile) -> LocatedMap:
    """Validate a parsed map file and keep each node's YAML path.

    Raises:
        MapValidationError: with every problem, each at its line and column.
    """
    m, paths = validate_flat(parsed) if is_flat(parsed.data) else validate_with_paths(parsed)
    return LocatedMap(m, parsed, paths)


def load_located(path: str | Path) -> LocatedMap:
    """Read, parse and validate a map file, keeping node positions (see :class:`LocatedMap`).

    Raises:
        MapFileError: the file cannot be read or parsed.
        MapValidationError: the map breaks the model's rules.
    """
    with paused_gc():
        return validate_located(parse_text(read_map_text(path), path))
