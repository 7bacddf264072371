"""New map files: a minimal valid map with the schema comment that editors read."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from argmap.editing.safewrite import write_atomic
from argmap.editing.session import EditError
from argmap.errors import MapValidationError

__all__ = ["new_map", "schema_reference"]


def schema_reference(map_path: Path) -> tuple[str, bool]:
    """Return the ``$schema`` path for a new map, relative to its folder, and whether it exists.

    The nearest ``argmap.schema.json`` in the map's folder or a parent is used;
    when there is none, the map's own folder is assumed (``argmap schema -o`` makes it).
    """
    from argmap.load.files import real_path

    folder = real_path(map_path).parent
    for candidate in (folder, *folder.parents):
        schema = candidate / "argmap.schema.json"
        if schema.is_file():
            return Path(os.path.relpath(schema, folder)).as_posix(), True
    return "argmap.schema.json", False


def new_map(
    path: str | Path,
    title: str,
    thesis: str,
    *,
    thesis_id: str | None = None,
    author: str | None = None,
    added: dt.date | None = None,
) -> Path:
    """Create a minimal valid map file; refuse to overwrite an existing file.

    Returns:
        The path written.

    Raises:
        EditError: the file exists, or the title or thesis is invalid.
    """
    from argmap.load.dump import dump_yaml
    from argmap.load.ids import slugify
    from argmap.load.parse import parse_text
    from argmap.load.validate import validate_parsed

    p = Path(path)
    if os.path.lexists(p):  # a file, or a link (even a broken one)
        raise EditError(p, "already exists; choose another name (argmap new never overwrites)")
    if p.suffix not in (".yaml", ".yml"):
        raise EditError(p, "a new map is a YAML file; name it *.yaml")
    node: dict[str, Any] = {"id": thesis_id or slugify(thesis), "text": thesis}
    if author:
        node["author"] = author
        node["added"] = added or dt.date.today()
    reference, _found = schema_reference(p)
    text = dump_yaml(
        {"title": title, "thesis": node}, header=f"# yaml-language-server: $schema={reference}"
    )
    try:
        validate_parsed(parse_text(text, p))
    except MapValidationError as exc:
        reasons = "; ".join(issue.message for issue in exc.issues)
        raise EditError(p, f"refused, the map would be invalid: {reasons}") from None
    try:
        write_atomic(p, text, exclusive=True)
    except FileExistsError:
        raise EditError(p, "already exists; choose another name") from None
    return p
