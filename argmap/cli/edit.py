"""Reviewer commands: ``add``, ``edit``, ``remove`` and ``new`` (``diff``: its own module)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from argmap.cli import MAP_PATH, echo, reports_errors
from argmap.cli import editoptions as opts

# Plain enums, no pydantic: `argmap --help` imports this module.
from argmap.model.vocabulary import (
    Assessment,
    NodeKind,
)


@click.command()
@click.argument("kind", type=click.Choice(opts.KINDS))
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.option(
    "--to",
    "to",
    required=True,
    metavar="ID",
    help="The node the new one goes under: it supports, grounds, attacks or is drawn from it.",
)
@click.option(
    "--text", required=True, callback=opts.statement, help="The one statement the new node makes."
)
@opts.field_options
@click.option("--id", "node_id", metavar="ID", help="Id of the new node (default: from the text).")
@click.option("--undercut", is_flag=True, help="Objections: attack the link to the parent.")
@click.option(
    "--linked-with",
    metavar="ID",
    help="Premises: join this premise's linked group, or make one with it.",
)
@click.option(
    "--also",
    "also",
    multiple=True,
    metavar="ID",
    help="Cross-link: the new node also bears on this node, as it does on --to (repeatable).",
)
@click.option(
    "--author",
    callback=opts.one_name,
    help="Who adds it (default: $ARGMAP_AUTHOR, then git user.name).",
)
@click.option("--force", is_flag=True, help="Also link with a premise another person signed.")
@reports_errors
def add(
    kind: str,
    map_path: Path,
    citation: str | None,
    locator: str | None,
    node_id: str | None,
    also: tuple[str, ...],
    author: str | None,
    force: bool,
    **given: Any,
) -> None:
    """Add a node of KIND under --to in MAP, in place; print its id.

    The rest of the file (comments, order, quoting, indentation) is kept as it was.
    """
    from argmap.editing.add import NewNode, add_node, group_made
    from argmap.terminate import uninterrupted

    signer, origin = opts.author(author, map_path)
    new = NewNode(
        kind=NodeKind(kind),
        id=node_id,
        citation=opts.citation(citation, locator),
        links=also,
        author=signer,
        added=dt.date.today(),
        **given,
    )
    # Ctrl-C or SIGTERM waits for the edit (a moment; again: at once). Stopped after the
    # map was written, before its id was printed, an add said "Aborted!" of a node that
    # was there, and run again added it twice.
    with uninterrupted():
        added = add_node(map_path, new, keep_signed=not force)
        echo(added)  # standard output: the id alone, for scripts
        group = None if given.get("linked_with") is None else group_made(map_path, added)
        if group is not None:  # someone's independent reason now supports only jointly
            partner, to = given["linked_with"], given["to"]
            said = f"linked {partner} (was an independent reason) with {added} as group {group}"
            echo(f"{map_path}: {said}: they support {to} only together", err=True)
        if origin != "--author":  # a name nobody typed here: say whose it is
            echo(opts.signed(map_path, added, signer, origin), err=True)


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.argument("node_id", metavar="ID")
@click.option("--text", callback=opts.statement, help="New statement.")
@opts.field_options
@click.option("--author", callback=opts.one_name, help="Who the node is by.")
@click.option(
    "--assessment",
    type=opts.choice_of(Assessment),
    help="A person's own mark on the node ('argmap stats' lists where it disagrees).",
)
@click.option("--undercut/--no-undercut", default=None, help="Objections: attack the link.")
@click.option(
    "--clear",
    "clear",
    multiple=True,
    type=opts.LazyChoice(opts.clearable_fields),
    help="Remove this field (repeatable).",
)
@click.option("--id", "new_id", metavar="NEW", help="Rename the node; cross-links to it follow.")
@click.option(
    "--unlink",
    metavar="TARGET",
    multiple=True,
    help="Drop this node's cross-link to TARGET (repeatable).",
)
@click.option("--force", is_flag=True, help=opts.FORCE_HELP)
@reports_errors
def edit(
    map_path: Path,
    node_id: str,
    clear: tuple[str, ...],
    new_id: str | None,
    unlink: tuple[str, ...],
    force: bool,
    **given: Any,
) -> None:
    """Change fields of node ID in MAP, rename it or drop its cross-links, in place.

    --tag replaces all tags. The words and the signature of a node another person signed
    are theirs: change them only with --force. Example: argmap edit maps/m.yaml cost --id
    cost-claim
    """
    from argmap.editing.edit import edit_node
    from argmap.model import EDITABLE_FIELDS
    from argmap.terminate import uninterrupted

    # Each field option is named for the field it sets; unset ones are None (or no --tag).
    changes: dict[str, Any] = {
        name: given[name] for name in EDITABLE_FIELDS if given.get(name) not in (None, ())
    }
    if "citation" in changes or given.get("locator") is not None:
        changes["citation"] = opts.citation(changes.get("citation"), given.get("locator"))
    if "tags" in changes:
        changes["tags"] = list(changes["tags"])
    both = sorted(set(changes) & set(clear))
    if both:
        raise click.UsageError(f"--{both[0]} is both set and cleared")
    if not changes and not clear and new_id is None and not unlink:
        raise click.UsageError(
            "nothing to change; give a field option, --clear FIELD, --id NEW or --unlink TARGET"
        )
    who = opts.editor(map_path)
    with uninterrupted():
        stale = edit_node(
            map_path,
            node_id,
            changes,
            clear,
            new_id=new_id,
            unlink=unlink,
            keep_signed=not force,
            signer=None if force else who,
        )
        renamed = f" (now {new_id})" if new_id is not None and new_id != node_id else ""
        echo(f"{map_path}: edited {node_id}{renamed}", err=True)
        cut = None if "text" in changes else changes.get("undercut", "undercut" not in clear)
        said = opts.stale_answers(map_path, new_id or node_id, stale, who, cut)
        if said is not None:
            echo(said, err=True)


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.argument("node_id", metavar="ID")
@click.option("--recursive", is_flag=True, help="Also remove children and links into them.")
@click.option("--force", is_flag=True, help=opts.FORCE_HELP)
@reports_errors
def remove(map_path: Path, node_id: str, recursive: bool, force: bool) -> None:
    """Remove node ID from MAP, in place; print the removed ids.

    A node another person signed is removed only with --force.
    """
    from argmap.editing.remove import remove_node
    from argmap.terminate import uninterrupted

    signer = None if force else opts.editor(map_path)
    with uninterrupted():
        for removed in remove_node(
            map_path, node_id, recursive=recursive, keep_signed=not force, signer=signer
        ):
            echo(removed)


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.option("--title", required=True, callback=opts.statement, help="The map's title.")
@click.option(
    "--thesis", required=True, callback=opts.statement, help="The claim the map argues for."
)
@click.option("--id", "thesis_id", metavar="ID", help="The thesis id (default: from its text).")
@click.option("--author", callback=opts.one_name, help="Sign the thesis (optional).")
@reports_errors
def new(
    map_path: Path, title: str, thesis: str, thesis_id: str | None, author: str | None
) -> None:
    """Create MAP with a title and a thesis (never overwrites)."""
    import os

    from argmap.cli import Misuse
    from argmap.editing.scaffold import new_map, schema_reference

    if os.path.lexists(map_path):  # an output that would replace a map: misuse, as in import
        said = "already exists; choose another name (argmap new never overwrites)"
        raise Misuse(f"{map_path}: {said}")
    from argmap.load.ids import slugify

    top = thesis_id or slugify(thesis)  # what the next step adds to, said (add prints its ids)
    new_map(map_path, title, thesis, thesis_id=top, author=author)
    echo(f"{map_path}: thesis id {top}; next: argmap add premise {map_path} --to {top}", err=True)
    reference, found = schema_reference(map_path)
    if not found:
        schema = map_path.parent / reference
        echo(f"note: run 'argmap schema -o {schema}' for editor support", err=True)
    echo(str(map_path))
