"""The round-trip (comment-keeping, pure Python) YAML parser, given only text it can read."""

from __future__ import annotations

from typing import Any

from argmap.deep import run_deep
from argmap.load.events import c_parser, event_stream
from argmap.load.syntax import (
    LINE_BREAKS,
    MAX_FLOW_NESTING,
    ROUND_TRIP_NESTING,
    flow_too_deep,
    round_trip_too_deep,
)

__all__ = ["check_round_trip", "load_round_trip", "make_yaml"]


def make_yaml() -> Any:
    """Return a round-trip ruamel YAML instance configured for map files."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_round_trip(text: str, name: str) -> Any:
    """Load YAML text the round-trip way (comments kept), once its nesting is known safe.

    The round-trip parser is pure Python and recurses once per level: the text's
    nesting is measured first by the C parser, and a text too deep for it is refused.

    Raises:
        MapFileError: nesting beyond what that parser is given; located.
        YAMLError: what the round-trip parser raises for the text.
    """
    check_round_trip(text, name)
    return run_deep(lambda: make_yaml().load(text))


def check_round_trip(text: str, name: str) -> None:
    """Refuse, located, a text the round-trip parser would take too long or too deep to read.

    One pass of the C parser (fast, no recursion) measures the nesting first: flow
    collections beyond :data:`MAX_FLOW_NESTING`, or any nesting beyond
    :data:`ROUND_TRIP_NESTING`. A syntax error ends the pass: the round-trip parser stops
    there too. Line separators are read as text here, as that parser reads them.

    Raises:
        MapFileError: the text nests too deep; located at the first level too many.
    """
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, StreamEndEvent

    if c_parser() is None:  # pragma: no cover - the clib is a dependency on CPython
        return
    depth = flow = 0
    scanned = text.translate({ord(ch): " " for ch in LINE_BREAKS})
    try:
        for event in event_stream(scanned):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                flow += bool(flow or event.flow_style)
                if flow > MAX_FLOW_NESTING or depth > ROUND_TRIP_NESTING:
                    mark = event.start_mark
                    if flow > MAX_FLOW_NESTING:
                        raise flow_too_deep(name, mark.line + 1, mark.column + 1)
                    raise round_trip_too_deep(name, mark.line + 1, mark.column + 1)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
                flow -= bool(flow)
            elif isinstance(event, StreamEndEvent):
                return
    except YAMLError:
        return
