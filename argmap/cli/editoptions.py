"""The reviewer commands' options: what each takes, checked as typed (``add``, ``edit``...)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import click

# Plain enums, no pydantic: `argmap --help` imports this module.
from argmap.model.vocabulary import (
    ALLOWED_RELATIONS,
    Basis,
    NodeKind,
    Relation,
    Strength,
)

if TYPE_CHECKING:
    from argmap.model import Node

__all__ = [
    "FORCE_HELP",
    "KINDS",
    "LazyChoice",
    "author",
    "choice_of",
    "citation",
    "clearable_fields",
    "editor",
    "field_options",
    "one_name",
    "signed",
    "stale_answers",
    "statement",
    "tags",
]

KINDS: Final = sorted(
    (kind.value for kind in NodeKind if kind is not NodeKind.THESIS),
    key=lambda kind: Relation.SUPPORTS in ALLOWED_RELATIONS[NodeKind(kind)],
)
"""Kinds ``argmap add`` adds: every kind but the thesis, those that attack first (a reviewer
mostly answers)."""


def choice_of(enum: type[StrEnum]) -> click.Choice[str]:
    """An option's choice of an enum's values."""
    return click.Choice([member.value for member in enum])


class LazyChoice(click.Choice[str]):
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


def clearable_fields() -> tuple[str, ...]:
    """The fields ``edit --clear`` takes (read when asked: the models are not imported)."""
    from argmap.model import CLEARABLE_FIELDS

    return CLEARABLE_FIELDS


def citation(value: str | None, locator: str | None = None) -> Any:
    """The ``--citation`` (``OUTLET, DATE``) and ``--locator`` given, as a citation, or None."""
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


def tags(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
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


def field_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options that set a node's fields (``--quote``, ``--citation``...) to a command."""
    options = [
        click.option(
            "--quote", callback=statement, help="Words quoted verbatim from the source document."
        ),
        click.option(
            "--citation",
            metavar="'OUTLET, DATE'",
            help="What the document credits, split at the first comma: 'Interfax, January 21'; "
            "a last 'p. 4' or 'pp. 4-5' is its locator.",
        ),
        click.option(
            "--locator",
            callback=statement,
            metavar="TEXT",
            help="With --citation: the page, section or URL within the outlet.",
        ),
        click.option("--source", metavar="KEY", help="Key into the map's 'sources' table."),
        click.option(
            "--basis",
            type=choice_of(Basis),
            metavar="BASIS",
            help="Evidence only: statistic, quote, event, ...",
        ),
        click.option(
            "--tag",
            "tags",
            multiple=True,
            callback=tags,
            help="A label: one line, no space at either end (repeatable).",
        ),
        click.option("--note", callback=statement, help="A comment for readers."),
        click.option(
            "--strength",
            type=choice_of(Strength),
            help="How strongly the node bears on its parent.",
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def one_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
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


def statement(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
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


def author(explicit: str | None, map_path: Path) -> tuple[str, str]:
    """The name to sign with and where it came from (``--author``, ``ARGMAP_AUTHOR``...)."""
    from argmap.model.records import name_problem

    try:
        found = _signer(explicit, map_path)
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


def editor(map_path: Path) -> str | None:
    """Who is editing, as an add would sign (``ARGMAP_AUTHOR``, git's user.name), if known."""
    try:
        found = _signer(None, map_path)
    except ValueError:  # ARGMAP_AUTHOR set blank: nobody known
        return None
    return None if found is None else found[0]


def _signer(explicit: str | None, map_path: Path) -> tuple[str, str] | None:
    """The name and its origin, as git sees them from the map's folder (see ``resolve_signer``).

    Raises:
        ValueError: ``ARGMAP_AUTHOR`` is set blank.
    """
    from argmap.editing.inputs import resolve_signer
    from argmap.load.files import real_path

    folder = real_path(map_path).parent if map_path.parent.exists() else Path.cwd()
    return resolve_signer(explicit, folder)


FORCE_HELP = "Also change, re-sign or remove what another person signed."


def signed(map_path: Path, node_id: str, name: str, origin: str) -> str:
    """The line saying who an add signed, when no ``--author`` said it (git's user.name...)."""
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'{map_path}: added {node_id} (signed "{quoted}", from {origin})'


def stale_answers(
    map_path: Path, node_id: str, answers: Sequence[Node], editor: str | None, cut: bool | None
) -> str | None:
    """The warning after rewording a node that other people answered (see ``edit_node``).

    Args:
        map_path: the map, for the message.
        node_id: the node reworded.
        answers: its children signed by others than its signer.
        editor: who edited it (their own answers are not theirs to be told of).
        cut: None: its text changed; True: it now undercuts its link; False: it no longer does.

    Returns:
        The warning, or None when nobody else is to be told.
    """
    from argmap.editing.signed import same_person

    answers = [a for a in answers if editor is None or not same_person(a.author or "", editor)]
    if not answers:
        return None
    names = sorted({" ".join((node.author or "").split()) for node in answers}, key=str.casefold)
    ids = ", ".join(node.id for node in answers[:3]) + (" ..." if len(answers) > 3 else "")
    said = f"{len(answers)} node(s) under it" if len(answers) > 1 else "a node under it"
    now = {
        None: "now says something else",
        True: "now undercuts its link, not the claim",
        False: "now attacks the claim, not its link",
    }[cut]
    return (
        f"{map_path}: warning: {node_id!r} {now}, and {said} ({ids}) signed by "
        f"{', '.join(names)} answered what it said; ask them to check it still holds"
    )
