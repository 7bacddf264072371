"""The fast YAML path: plain data from ruamel's C parser, without positions, where installed."""

from __future__ import annotations

from typing import Any

from argmap.load.events import NOT_FAST, one_table_resolver, yaml_data

__all__ = ["NOT_FAST", "one_table_resolver", "parse_yaml_fast"]


def parse_yaml_fast(text: str, name: str) -> Any:
    """Parse with ruamel's C parser when it is installed (several times faster).

    The plain data is built straight from the parser's events (no node tree, no copy);
    anything unusual (a syntax error, an alias, a tag) sends the caller down the
    round-trip path, which reports it at its line and column; and positions for
    validation messages are read lazily by ``ParsedFile``.

    Returns:
        The plain data, or :data:`NOT_FAST`: parse ``text`` the round-trip way.

    Raises:
        MapFileError: nesting too deep, or an integer too long to convert; located.
    """
    if text.startswith("%") or "\n%" in text:
        # A %YAML directive: the C parser ignores its version, the round-trip one honours it.
        return NOT_FAST
    return yaml_data(text, name)
