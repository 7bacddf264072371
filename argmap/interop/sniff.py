"""Tell an import format from a file's content, to refuse a wrong ``--from`` with what it is."""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Final

from argmap.errors import MapFileError

__all__ = ["FROM_CHOICES", "check_format", "is_own_json", "sniff"]

_NAMES: Final = {
    "aif": "AIF JSON",
    "argdown": "Argdown",
    "kialo": "a Kialo export",
    "json": "JSON but not AIF (no 'nodes' and 'edges')",
    "own": "argmap's own JSON (a map file, or its JSON export)",
    "sadface": (
        "SADFace JSON (nodes with an 'id' and a 'type' of atom or scheme, not AIF's 'nodeID')"
    ),
    "map": "an argmap map file (YAML); it needs no import",
}
FROM_CHOICES: Final = "aif, argdown, kialo or json (argmap's own JSON)"
"""Every ``--from`` choice, as a message lists them."""
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
_CONVERT: Final = (
    "argmap does not read SADFace: convert it to AIF with arguebuf, then import that file"
)
"""What to do with a SADFace file (the README's "More formats" says how)."""


def sniff(text: str) -> str | None:
    """Return what ``text`` plainly is, or None when it shows no sign of any format.

    One of ``aif``, ``argdown``, ``kialo`` (the import formats), ``sadface`` (SADFace
    JSON, which has ``nodes`` and ``edges`` too), ``own`` (argmap's own JSON: a map file
    or the JSON export, which ``argmap import --from json`` reads), ``json`` (other JSON)
    or ``map`` (an argmap map file). Argdown takes almost any text, so it is named only on
    a sign of its syntax (front matter, a definition, a relation, a premise-conclusion
    structure).
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
            if _is_sadface(data):
                return "sadface"
            if isinstance(data, dict) and (
                {"nodes", "edges"} <= set(data) or isinstance(data.get("AIF"), dict)
            ):
                return "aif"
            return "own" if is_own_json(data) else "json"
    if _KIALO_TITLE.search(body) or (re.match(r"\s*1\.\s", body) and _KIALO_CLAIM.search(body)):
        return "kialo"
    if len(set(_MAP_KEYS.findall(body))) >= 2 and not _ARGDOWN[0].search(body):
        return "map"
    if any(pattern.search(body) for pattern in _ARGDOWN) or all(p.search(body) for p in _PCS):
        return "argdown"
    return None


def is_own_json(data: object) -> bool:
    """Whether parsed JSON is argmap's own: a map file (``thesis``) or the flat export.

    The export has ``nodes`` and none of ``thesis``, ``edges`` (AIF, SADFace) or ``AIF``.
    """
    if not isinstance(data, dict):
        return False
    keys = set(data)
    return "thesis" in keys or ("nodes" in keys and not keys & {"edges", "AIF"})


def _is_sadface(data: object) -> bool:
    """Whether parsed JSON is SADFace: nodes and edges, none in AIF's form, some in SADFace's.

    SADFace nodes have ``id`` and ``type`` ``atom`` or ``scheme``, its edges ``source_id``
    and ``target_id``; AIF's have ``nodeID``, ``fromID`` and ``toID``.
    """
    if not isinstance(data, dict):
        return False
    nodes, edges = data.get("nodes"), data.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        return False
    nodes = [n for n in nodes if isinstance(n, dict)]
    edges = [e for e in edges if isinstance(e, dict)]
    if any("nodeID" in n for n in nodes) or any("fromID" in e or "toID" in e for e in edges):
        return False
    meta = data.get("metadata")
    return (
        any(n.get("type") in ("atom", "scheme") and "id" in n for n in nodes)
        or any("source_id" in e or "target_id" in e for e in edges)
        or (isinstance(meta, dict) and isinstance(meta.get("core"), dict))
    )


def check_format(text: str, path: str, fmt: str | None) -> str:
    """Return the format to read ``text`` with: ``fmt`` unless the content plainly says otherwise.

    Raises:
        MapFileError: the content is another format than ``fmt`` (the message names it
            and the option to give), SADFace (which argmap does not read: the message
            says to convert it), or no format was given and none can be told.
    """
    seen = sniff(text)
    if seen == "sadface":  # JSON with nodes and edges, read as AIF it failed at its ids
        said = f"this is not {_NAMES[fmt]}: it looks like" if fmt else "this looks like"
        raise MapFileError(path, f"{said} {_NAMES[seen]}; {_CONVERT}", line=1, column=1)
    if fmt is None and seen is None and PurePath(path).suffix.lower() in _ARGDOWN_SUFFIXES:
        return "argdown"  # plain paragraphs are Argdown statements
    if fmt is None:
        if seen in ("aif", "argdown", "kialo"):
            return seen
        what = f"it looks like {_NAMES[seen]}" if seen else "its content shows no known format"
        raise MapFileError(
            path,
            f"cannot tell what to import: {what}; give --from {FROM_CHOICES}",
            line=1,
            column=1,
        )
    if seen is None or seen == fmt:
        return fmt
    hint = f"; use --from {seen}" if seen in ("aif", "argdown", "kialo") else ""
    hint = "; use --from json" if seen == "own" else hint
    raise MapFileError(
        path,
        f"this is not {_NAMES[fmt]}: it looks like {_NAMES[seen]}{hint}",
        line=1,
        column=1,
    )
