"""The ``import`` command: read Argdown, AIF JSON or a Kialo export into a map file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import click

from argmap.cli import MapFailure, Misuse, NoDashPath, echo, echo_data, reports_errors

if TYPE_CHECKING:
    from argmap.model import ArgumentMap

_IMPORT_FORMATS = ("aif", "argdown", "kialo")
OWN_JSON = "json"
"""argmap's own JSON (the flat export, or a JSON map file), read back as a YAML map file."""
MAX_JSON_NESTING: Final = 50_000
"""Data nested deeper is written one record a node: the json module recurses once a level,
within the deep run's recursion limit (a chain 100,000 deep nests 200,000 levels)."""


@click.command(name="import")
@click.argument(
    "source",
    metavar="FILE",
    type=NoDashPath("files are not imported from standard input; give the file's name"),
)
@click.option(
    "--from",
    "fmt",
    type=click.Choice((*_IMPORT_FORMATS, OWN_JSON)),
    help="The format of FILE (checked against its content); left out, told from the content. "
    "json: argmap's own JSON (a map file, or its export).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="The map file to write (YAML); '-' prints it.",
)
@click.option(
    "--thesis",
    metavar="ID-OR-TITLE",
    help="The root claim to build the map from (an id, title, number or text), when the "
    "file has several.",
)
@click.option(
    "--all-roots",
    is_flag=True,
    help="Keep every root claim, under a thesis made from the file's title.",
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@reports_errors
def import_(
    source: Path, fmt: str | None, output: Path, thesis: str | None, all_roots: bool, force: bool
) -> None:
    """Import FILE from another tool as a map file (YAML), after validating it.

    What the format cannot say is reported on standard error, one located line per
    kind. A file with several root claims needs --thesis or --all-roots.
    """
    import json

    from argmap.deep import run_deep
    from argmap.interop import ImportOptions, import_file
    from argmap.load.dump import dump_yaml
    from argmap.load.files import check_map_size
    from argmap.load.mapfile import to_file_data
    from argmap.load.syntax import MAX_FLOW_NESTING, data_depth
    from argmap.load.validate import validate_data

    if thesis is not None and all_roots:
        raise click.UsageError("give --thesis or --all-roots, not both")
    to_stdout = str(output) == "-"
    if not to_stdout:
        _check_output(source, output, force=force)
    if fmt == OWN_JSON or (fmt is None and _is_own_json(source)):
        from argmap.interop import ImportResult
        from argmap.load.maps import load_map

        if source.suffix.lower() != ".json":
            raise MapFailure(f"{source}: --from json reads a .json file; a YAML map needs none")
        if thesis is not None or all_roots:
            raise Misuse("--thesis and --all-roots: argmap's JSON has one thesis; leave them out")
        result = ImportResult(load_map(source), (), "argmap JSON")
    else:
        result = import_file(source, fmt, ImportOptions(thesis, all_roots))
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)
    data = to_file_data(result.map)
    validate_data(data, str(output))  # what we write must load back
    if output.suffix.lower() == ".json":  # a JSON map: any depth (indented while shallow)
        depth = data_depth(data)
        if depth > MAX_JSON_NESTING:  # one record a node: past what json.dumps nests
            data, depth = _one_record_a_node(result.map), 0
        indent = 2 if depth <= MAX_FLOW_NESTING else None
        text = run_deep(lambda: json.dumps(data, ensure_ascii=False, indent=indent, default=_iso))
        text += "\n"
    else:
        header = f"# Imported from {source.name} ({result.format}) by argmap."
        if data_depth(data) > MAX_FLOW_NESTING:  # nested, each line's indent grows with it
            data = _one_record_a_node(result.map)
            header += "\n# One record a node, each naming its parent: it nests too deep to indent."
        text = dump_yaml(data, header=header, name=str(output))
    check_map_size(output, text)  # a map no command could read back is no map
    if to_stdout:
        echo_data(text)
        return
    _write_map(output, text, force=force)
    count = len(result.map)
    echo(f"{output}: {count} node{'' if count == 1 else 's'} imported from {source}", err=True)


def _check_output(source: Path, output: Path, *, force: bool) -> None:
    """Refuse to replace the source file (even with --force), or any file without it.

    Both are command-line misuse (exit code 2), as an output that would replace a map
    is in every command.
    """
    import os

    from argmap.editing.safewrite import same_file

    if same_file(output, source):
        raise Misuse(
            f"{output} is the source file itself ({source}); importing there would "
            "replace it. Choose another output file"
        )
    if not force and os.path.lexists(output):  # an output that would replace a map: misuse
        raise Misuse(f"{output}: already exists; use --force to overwrite it")


def _write_map(output: Path, text: str, *, force: bool) -> None:
    """Write the imported map: only as a new file, or with ``force`` under the map's lock.

    Under the lock, an ``add`` running meanwhile finishes first, or starts on the new map.
    """
    from argmap.editing.maplock import held_lock
    from argmap.editing.safewrite import check_folder, write_atomic

    if not force:
        try:
            write_atomic(output, text, exclusive=True)
        except FileExistsError:  # made since it was checked: refused as if it had been there
            raise Misuse(f"{output}: already exists; use --force to overwrite it") from None
        return
    check_folder(output.parent, name=output)  # said as a write's, not as the lock's read
    with held_lock(output, missing_ok=True):
        write_atomic(output, text)


def _is_own_json(source: Path) -> bool:
    """Whether ``source`` is argmap's own JSON: a map file, or the export (``-f json``)."""
    from argmap.errors import MapFileError
    from argmap.interop.sniff import is_own_json
    from argmap.load.files import read_map_text
    from argmap.load.parse import parse_text

    if source.suffix.lower() != ".json":
        return False
    try:
        return is_own_json(parse_text(read_map_text(source), source).data)
    except MapFileError:
        return False  # the importers say what is wrong with it


def _iso(value: object) -> str:
    """A date (``added``) as JSON has it, ``YYYY-MM-DD``; anything else is a bug to tell."""
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def _one_record_a_node(m: ArgumentMap) -> dict[str, Any]:
    """The map in the file format's flat form (as the JSON export), its set fields only.

    Nested YAML indents each level: 5,000 levels took 294 MB, past what a map may be.
    """
    from argmap.exporters.json import to_records

    records = to_records(m)
    empty: tuple[object, ...] = (None, [], {})
    data = {key: value for key, value in records.items() if value not in empty}
    nodes = records["nodes"]
    data["nodes"] = [{k: v for k, v in node.items() if v not in empty} for node in nodes]
    return data
