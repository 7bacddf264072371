"""Reviewer commands: ``add``, ``edit``, ``remove`` and ``new`` (``diff``: its own module)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, Final

import click

from argmap.cli import MAP_PATH, echo, reports_errors

# Plain enums, no pydantic: `argmap --help` imports this module.
from argmap.model.vocabulary import (
    ALLOWED_RELATIONS,
    Assessment,
    Basis,
    NodeKind,
    Relation,
    Strength,
)

KINDS: Final = sorted(
    (kind.value for kind in NodeKind if kind is not NodeKind.THESIS),
    key=lambda kind: Relation.SUPPORTS in ALLOWED_RELATIONS[NodeKind(kind)],
)
"""Kinds ``argmap add`` adds: every kind but the thesis, those that attack first (a reviewer
mostly answers)."""


def _choice_of(enum: type[StrEnum]) -> click.Choice[str]:
    return click.Choice([member.value for member in enum])


class _LazyChoice(click.Choice[str]):
    """A choice whose words are looked up on first use.

    Node field names come from the pydantic model; looking them up only when ``edit``
    checks its options or shows its own help keeps pydantic out of ``argmap --help``.
    """

    def __init__(self, words: Callable[[], tuple[str, ...]]) -> None:
        self._words = words
        super().__init__((), case_sensitive=True)

    @property
    def choices(self) -> tuple[str, ...]:
        """The words, looked up now."""
        return self._words()

    @choices.setter
    def choices(self, value: tuple[str, ...]) -> None:
        """Ignore Click's own assignment: the words are looked up."""


def _clearable_fields() -> tuple[str, ...]:
    from argmap.model import CLEARABLE_FIELDS

    return CLEARABLE_FIELDS


def _citation(value: str | None, locator: str | None = None) -> Any:
    if value is None:
        if locator is not None:
            raise click.UsageError(
                "--locator goes with --citation: the page or section of what it credits"
            )
        return None
    from argmap.editing.inputs import parse_citation

    try:
        return parse_citation(value, locator)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--citation") from None


def _tags(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    """Each --tag one line with no space at either end, and each given once."""
    from argmap.model.tags import duplicate_tag, tag_problem

    for tag in value:
        problem = tag_problem(tag)
        if problem is not None:
            raise click.BadParameter(f"{tag!r} {problem}", param_hint="--tag")
    twice = duplicate_tag(value)
    if twice is not None:
        raise click.BadParameter(f"{twice[0]!r} is given twice; give each tag once")
    return value


def _field_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--quote", callback=_statement, help="Words quoted verbatim from the source document."
        ),
        click.option(
            "--citation",
            metavar="'OUTLET, DATE'",
            help="What the document credits, split at the first comma: 'Interfax, January 21'; "
            "a last 'p. 4' or 'pp. 4-5' is its locator.",
        ),
        click.option(
            "--locator",
            callback=_statement,
            metavar="TEXT",
            help="With --citation: the page, section or URL within the outlet.",
        ),
        click.option("--source", metavar="KEY", help="Key into the map's 'sources' table."),
        click.option(
            "--basis",
            type=_choice_of(Basis),
            metavar="BASIS",
            help="Evidence only: statistic, quote, event, ...",
        ),
        click.option(
            "--tag",
            "tags",
            multiple=True,
            callback=_tags,
            help="A label: one line, no space at either end (repeatable).",
        ),
        click.option("--note", callback=_statement, help="A comment for readers."),
        click.option(
            "--strength",
            type=_choice_of(Strength),
            help="How strongly the node bears on its parent.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _one_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an ``--author`` that shows nothing, or is more than one line of text.

    A blank one too (``--author "$REVIEWER"``, the variable unset): it is not "no author",
    and falling back to git's user.name signed the node with a name nobody gave.
    """
    from argmap.editing.inputs import blank_name_problem
    from argmap.model.records import name_problem

    if value is None:
        return value  # no author given: the default one (or "no author") follows
    blank = blank_name_problem(value)
    if blank is not None:
        raise click.BadParameter(blank, ctx, param)
    problem = name_problem(value.strip())  # the rule of a map's author fields
    if problem is not None:
        raise click.BadParameter(problem.split(";")[0] + "; write a name", ctx, param)
    return value


def _statement(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Strip a statement option's ends; refuse one that shows nothing: misuse, exit 2.

    ``--text``, ``--thesis``, ``--title``, ``--quote`` and ``--note``. A blank one is
    refused as a blank ``--author`` is: the map-level message it got instead (exit 1)
    named a node path the new node would have had (``thesis.premises[0].text``). Space
    pasted at an end (``'... yes/no? '``) was kept, quoted, and kept a long text from
    being folded; no output draws it, so it goes without a word (a ``--tag`` with it is
    refused: tags are matched exactly).
    """
    from argmap.model.idchars import shows_nothing

    if value is None or not shows_nothing(value):
        return None if value is None else value.strip()
    name = param.name or ""
    what = f"the {name}" if name in ("title", "quote", "note", "locator") else "the statement"
    blank = "is empty" if not value else "shows nothing (only spaces or invisible characters)"
    raise click.BadParameter(f"{blank}; write {what}", ctx, param)


def _author(explicit: str | None, map_path: Path) -> tuple[str, str]:
    """The name to sign with and where it came from (``--author``, ``ARGMAP_AUTHOR``...)."""
    from argmap.editing.inputs import resolve_signer
    from argmap.load.files import real_path
    from argmap.model.records import name_problem

    folder = real_path(map_path).parent if map_path.parent.exists() else Path.cwd()
    try:
        found = resolve_signer(explicit, folder)
    except ValueError as exc:  # ARGMAP_AUTHOR set blank (a blank --author was refused)
        raise click.UsageError(str(exc)) from None
    if found is None:
        raise click.UsageError(
            "no author: pass --author NAME, set ARGMAP_AUTHOR, or set git's user.name"
        )
    name, origin = found
    problem = None if explicit is not None else name_problem(name)
    if problem is not None:  # --author was checked; this came from the environment or git
        raise click.UsageError(
            f"the author from {origin}, {name!r}, {problem.split(';')[0]}; pass --author NAME"
        )
    return name, origin


def _signed(map_path: Path, node_id: str, name: str, origin: str) -> str:
    """The line saying who an add signed, when no ``--author`` said it (git's user.name...)."""
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'{map_path}: added {node_id} (signed "{quoted}", from {origin})'


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.option(
    "--to",
    "to",
    required=True,
    metavar="ID",
    help="The node the new one goes under: it supports, grounds, attacks or is drawn from it.",
)
@click.option(
    "--text", required=True, callback=_statement, help="The one statement the new node makes."
)
@_field_options
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
    callback=_one_name,
    help="Who adds it (default: $ARGMAP_AUTHOR, then git user.name).",
)
@reports_errors
def add(
    kind: str,
    map_path: Path,
    citation: str | None,
    locator: str | None,
    node_id: str | None,
    also: tuple[str, ...],
    author: str | None,
    **given: Any,
) -> None:
    """Add a node of KIND under --to in MAP, in place; print its id.

    The rest of the file (comments, order, quoting, indentation) is kept as it was.
    """
    from argmap.editing.add import NewNode, add_node, group_made
    from argmap.terminate import uninterrupted

    signer, origin = _author(author, map_path)
    new = NewNode(
        kind=NodeKind(kind),
        id=node_id,
        citation=_citation(citation, locator),
        links=also,
        author=signer,
        added=dt.date.today(),
        **given,
    )
    # Ctrl-C or SIGTERM waits for the edit (a moment; again: at once). Stopped after the
    # map was written, before its id was printed, an add said "Aborted!" of a node that
    # was there, and run again added it twice.
    with uninterrupted():
        added = add_node(map_path, new)
        echo(added)  # standard output: the id alone, for scripts
        group = None if given.get("linked_with") is None else group_made(map_path, added)
        if group is not None:  # someone's independent reason now supports only jointly
            partner, to = given["linked_with"], given["to"]
            said = f"linked {partner} (was an independent reason) with {added} as group {group}"
            echo(f"{map_path}: {said}: they support {to} only together", err=True)
        if origin != "--author":  # a name nobody typed here: say whose it is
            echo(_signed(map_path, added, signer, origin), err=True)


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.argument("node_id", metavar="ID")
@click.option("--text", callback=_statement, help="New statement.")
@_field_options
@click.option("--author", callback=_one_name, help="Who the node is by.")
@click.option(
    "--assessment",
    type=_choice_of(Assessment),
    help="A person's own mark on the node ('argmap stats' lists where it disagrees).",
)
@click.option("--undercut/--no-undercut", default=None, help="Objections: attack the link.")
@click.option(
    "--clear",
    "clear",
    multiple=True,
    type=_LazyChoice(_clearable_fields),
    help="Remove this field (repeatable).",
)
@click.option("--id", "new_id", metavar="NEW", help="Rename the node; cross-links to it follow.")
@click.option(
    "--unlink",
    metavar="TARGET",
    multiple=True,
    help="Drop this node's cross-link to TARGET (repeatable).",
)
@reports_errors
def edit(
    map_path: Path,
    node_id: str,
    clear: tuple[str, ...],
    new_id: str | None,
    unlink: tuple[str, ...],
    **given: Any,
) -> None:
    """Change fields of node ID in MAP, rename it or drop its cross-links, in place.

    --tag replaces all tags. Example: argmap edit maps/m.yaml cost --id cost-claim
    """
    from argmap.editing.edit import edit_node
    from argmap.model import EDITABLE_FIELDS
    from argmap.terminate import uninterrupted

    # Each field option is named for the field it sets; unset ones are None (or no --tag).
    changes: dict[str, Any] = {
        name: given[name] for name in EDITABLE_FIELDS if given.get(name) not in (None, ())
    }
    if "citation" in changes or given.get("locator") is not None:
        changes["citation"] = _citation(changes.get("citation"), given.get("locator"))
    if "tags" in changes:
        changes["tags"] = list(changes["tags"])
    both = sorted(set(changes) & set(clear))
    if both:
        raise click.UsageError(f"--{both[0]} is both set and cleared")
    if not changes and not clear and new_id is None and not unlink:
        raise click.UsageError(
            "nothing to change; give a field option, --clear FIELD, --id NEW or --unlink TARGET"
        )
    with uninterrupted():
        edit_node(map_path, node_id, changes, clear, new_id=new_id, unlink=unlink)
        renamed = f" (now {new_id})" if new_id is not None and new_id != node_id else ""
        echo(f"{map_path}: edited {node_id}{renamed}", err=True)


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.argument("node_id", metavar="ID")
@click.option("--recursive", is_flag=True, help="Also remove children and links into them.")
@reports_errors
def remove(map_path: Path, node_id: str, recursive: bool) -> None:
    """Remove node ID from MAP, in place; print the removed ids."""
    from argmap.editing.remove import remove_node
    from argmap.terminate import uninterrupted

    with uninterrupted():
        for removed in remove_node(map_path, node_id, recursive=recursive):
            echo(removed)


@click.command()
@click.argument("map_path", metavar="MAP", type=MAP_PATH)
@click.option("--title", required=True, callback=_statement, help="The map's title.")
@click.option("--thesis", required=True, callback=_statement, help="The claim the map argues for.")
@click.option("--id", "thesis_id", metavar="ID", help="The thesis id (default: from its text).")
@click.option("--author", callback=_one_name, help="Sign the thesis (optional).")
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
    new_map(map_path, title, thesis, thesis_id=thesis_id, author=author)
    reference, found = schema_reference(map_path)
    if not found:
        schema = map_path.parent / reference
        echo(f"note: run 'argmap schema -o {schema}' for editor support", err=True)
    echo(str(map_path))
