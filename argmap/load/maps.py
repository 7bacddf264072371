"""Map files loaded in one call: read, parse and validate, optionally keeping node positions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from argmap.deep import paused_gc
from argmap.load.files import read_map_text
from argmap.load.flat import is_flat, validate_flat
from argmap.load.parse import ParsedFile, parse_text
from argmap.load.tree import EntryPaths, Reached
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


class LocatedMap:
    """A validated map plus where each node sits in its file (for located warnings)."""

    __slots__ = ("_place", "map", "parsed", "paths")

    def __init__(self, m: ArgumentMap, parsed: ParsedFile, paths: EntryPaths) -> None:
        """Keep the map, its parsed file and each node's path (see :attr:`paths`)."""
        self.map = m
        self.parsed = parsed
        self.paths = paths
        """Node id -> YAML path of the node's entry, e.g. ``("thesis", "premises", 0)``."""
        self._place: Callable[[str], Reached] | None = None

    def locate(self, node_id: str, field: str | None = None) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of a node's entry, or of one of its fields.

        A field the entry does not have gives the entry's own position; ``(0, 0)``
        means no position is known (a map validated from data in memory). Each entry is
        found once, from its parent's (see :meth:`EntryPaths.places`): a warning at every
        node of a chain thousands deep walked from the root each time (50 s at 12,500).

        Raises:
            KeyError: no node has that id.
        """
        positions = self.parsed.positions
        if self._place is None:
            self._place = self.paths.places(positions)
        where = self._place(node_id)
        return (where if field is None else positions.descend(where, (field,)))[0]


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
