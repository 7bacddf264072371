"""Which map-like files an output may replace: argmap's own earlier JSON exports."""

from __future__ import annotations

from pathlib import Path

__all__ = ["earlier_export", "kept_map"]


def kept_map(path: Path) -> bool:
    """Whether ``path`` holds a map no output may replace: any map file but an earlier export."""
    from argmap.load.files import looks_like_map

    return looks_like_map(path) and not earlier_export(path)


def earlier_export(path: Path) -> bool:
    """Whether ``path`` is a JSON export exactly as argmap writes one: an earlier output.

    Rendering or exporting again may replace it. An export changed by hand into
    anything argmap would not write (another layout, a field added or dropped, a
    syntax slip) is kept, as a map file is: argmap reads it as a map.
    """
    from argmap.errors import ArgmapError
    from argmap.exporters.json import to_json
    from argmap.load.maps import load_map

    try:
        return to_json(load_map(path)) == path.read_text(encoding="utf-8")
    except (ArgmapError, OSError, UnicodeError, RecursionError):
        return False
