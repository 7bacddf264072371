"""Tell an import format from a file's content, to refuse a wrong ``--from`` with what it is."""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Final

from argmap.errors import MapFileError

__all__ = ["check_format", "sniff"]

_NAMES: Final = {
    "aif": "AIF JSON",
    "argdown": "Argdown",
    "kialo": "a Kialo export",
    "json": "JSON but not AIF (no 'nodes' and 'edges')",
    "map": "an argmap map file (YAML); it needs no import",
}
_KIALO_CLAIM: Final = re.compile(r"^\s*\d+(?:\.\d+)+\.\s+(?:Pro|Con):", re.MULTILINE)
_KIALO_TITLE: Final = re.compile(r"^\s*Discussion (?:Title|Name):", re.MULTILINE)
"""The older layout's title line, or the current layout's (the title on the next line)."""
_ARGDOWN: Final = (
    re.compile(r"^\s*===\s*$", re.MULTILINE),  # front matter
    re.compile(r"^\s*(?:\[[^\]\n]+\]|<[^>\n]+>):", re.MULTILINE),  # a definition
    re.compile(r"^[ \t]+(?:<?[+\-_]|[+\-_]>|><)[ \t]+\S", re.MULTILINE),  # a relation
)
_PCS: Final = (
    re.compile(r"^[ \t]*\(\d+\)[ \t]+\S", re.MULTILINE),
    re.compile(r"^[ \t]*(?:-{4,}|--[ \t]*$|--[ \t]+\S.*--[ \t]*$)", re.MULTILINE),
)
"""A premise-conclusion structure: numbered statements and an inference line (``----``,
``-- rule --``, or a lone ``--`` opening a rule on the lines below)."""
_ARGDOWN_SUFFIXES: Final = (".argdown", ".ad")
"""The names Argdown's own tools give its files: such a file is Argdown, whatever it holds."""
_AIF_KEYS: Final = re.compile(r'"(?:nodes|edges|AIF)"\s*:')
"""What JSON that does not parse shows when it was meant as AIF."""
_MAP_KEYS: Final = re.compile(r"^(?:title|thesis|nodes):", re.MULTILINE)


def sniff(text: str) -> str | None:
    """Return what ``text`` plainly is, or None when it shows no sign of any format.

    One of ``aif``, ``argdown``, ``kialo`` (the import formats), ``json`` (JSON that is
    not AIF) or ``map`` (an argmap map file). Argdown takes almost any text, so it is
    named only on a sign of its syntax (front matter, a definition, a relation, a
    premise-conclusion structure).
    """
    body = text.lstrip("\ufeff \t\r\n")
    if body[:1] in ("{", "["):
        try:
            data = json.loads(body, strict=False)
        except (ValueError, RecursionError):
            data = None
            if body[:1] == "{" and _AIF_KEYS.search(body):
                return "aif"  # broken AIF JSON: its importer says where
        if data is not None:
            if isinstance(data, dict) and (
                {"nodes", "edges"} <= set(data) or isinstance(data.get("AIF"), dict)
            ):
                return "aif"
            return "json"
    if _KIALO_TITLE.search(body) or (re.match(r"\s*1\.\s", body) and _KIALO_CLAIM.search(body)):
        return "kialo"
    if len(set(_MAP_KEYS.findall(body))) >= 2 and not _ARGDOWN[0].search(body):
        return "map"
    if any(pattern.search(body) for pattern in _ARGDOWN) or all(p.search(body) for p in _PCS):
        return "argdown"
    return None


def check_format(text: str, path: str, fmt: str | None) -> str:
    """Return the format to read ``text`` with: ``fmt`` unless the content plainly says otherwise.

    Raises:
        MapFileError: the content is another format than ``fmt`` (the message names it
            and the option to give), or no format was given and none can be told.
    """
    seen = sniff(text)
    if fmt is None and seen is None and PurePath(path).suffix.lower() in _ARGDOWN_SUFFIXES:
        return "argdown"  # plain paragraphs are Argdown statements
    if fmt is None:
        if seen in ("aif", "argdown", "kialo"):
            return seen
        what = f"it looks like {_NAMES[seen]}" if seen else "its content shows no known format"
        raise MapFileError(
            path,
            f"cannot tell what to import: {what}; give --from aif, argdown or kialo",
            line=1,
            column=1,
        )
    if seen is None or seen == fmt:
        return fmt
    hint = f"; use --from {seen}" if seen in ("aif", "argdown", "kialo") else ""
    raise MapFileError(
        path,
        f"this is not {_NAMES[fmt]}: it looks like {_NAMES[seen]}{hint}",
        line=1,
        column=1,
    )
