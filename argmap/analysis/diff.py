"""Differences between two versions of a map: nodes added, removed, renamed, moved, changed."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from subprocess import PIPE
from typing import Any, Final

from argmap.analysis.view import draw_kind
from argmap.errors import ArgmapError
from argmap.model import COMPARED_FIELDS, ArgumentMap, Node, NodeKind, Relation
from argmap.safetext import terminal_text

__all__ = [
    "COMPARED_FIELDS",
    "Change",
    "MapDiff",
    "RevisionError",
    "added_fields",
    "diff_maps",
    "escape_md",
    "format_markdown",
    "format_text",
    "read_revision",
]

_MAP_FIELDS: Final = ("title", "description", "source")
"""The map's own fields compared whole; its ``sources`` are compared one key at a time."""


class RevisionError(ArgmapError):
    """A map could not be read from a git revision."""


@dataclass(frozen=True)
class Change:
    """One field of a node (or of the map) that differs: old and new value as text.

    A value is None where the field is not set (or holds an empty list).
    """

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class MapDiff:
    """Everything that differs between two maps, in the new map's document order."""

    added: tuple[Node, ...] = ()
    removed: tuple[Node, ...] = ()
    moved: tuple[tuple[Node, Node], ...] = ()
    changed: tuple[tuple[Node, tuple[Change, ...]], ...] = ()
    map_changes: tuple[Change, ...] = field(default_factory=tuple)
    renamed: tuple[tuple[Node, Node], ...] = ()
    """Each node given a new id and nothing else: (as it was, as it is)."""
    drawn: Mapping[str, NodeKind] = field(default_factory=dict)
    """Each listed node's kind as the pages draw it (an objection to an objection is a
    rebuttal), by id: a removed node's in the old map, every other's in the new."""

    def kind(self, node: Node) -> str:
        """The word for a listed node's kind, as the diagram and the HTML page name it."""
        return self.drawn.get(node.id, node.kind).value

    def __bool__(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.renamed
            or self.moved
            or self.changed
            or self.map_changes
        )


def _show(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "label"):
        return str(value.label())
    if hasattr(value, "value"):
        return str(value.value)
    if isinstance(value, tuple):
        parts = [f"{x.to} ({x.relation.value})" if hasattr(x, "to") else str(x) for x in value]
        return ", ".join(parts) or None
    if hasattr(value, "model_dump"):
        fields = value.model_dump(mode="json", exclude_none=True).items()
        return ", ".join(f"{name}: {item}" for name, item in fields) or None
    if isinstance(value, dict):
        return ", ".join(sorted(str(k) for k in value)) or None
    return str(value)


def diff_maps(old: ArgumentMap, new: ArgumentMap) -> MapDiff:
    """Compare two maps by node id.

    A node that only has a new id (see :func:`~argmap.analysis.renames.find_renames`) is
    renamed, not removed and added; its children do not move, and cross-links that
    followed it have not changed.

    Args:
        old: the earlier version.
        new: the later version.

    Returns:
        Added, renamed and moved/changed nodes in the new map's order, removed ones in the
        old map's.
    """
    from argmap.analysis.renames import find_renames, renamed_links

    renames = find_renames(old, new)
    new_ids = set(renames.values())
    added = tuple(n for n in new.nodes if n.id not in old and n.id not in new_ids)
    removed = tuple(n for n in old.nodes if n.id not in new and n.id not in renames)
    was = {new_id: old_id for old_id, new_id in renames.items()}
    renamed = tuple((old.get(was[n.id]), n) for n in new.nodes if n.id in was)
    moved: list[tuple[Node, Node]] = []
    changed: list[tuple[Node, tuple[Change, ...]]] = []
    for node in new.nodes:
        if node.id not in old:
            continue
        before = old.get(node.id)
        if (renames.get(before.parent or "", before.parent), before.group) != (
            node.parent,
            node.group,
        ):
            moved.append((before, node))
        if renames and before.links:
            before = before.model_copy(update={"links": renamed_links(before.links, renames)})
        changes = tuple(
            Change(name, _show(getattr(before, name)), _show(getattr(node, name)))
            for name in COMPARED_FIELDS
            if getattr(before, name) != getattr(node, name)
        )
        if changes:
            changed.append((node, changes))
    map_changes = [
        Change(name, _show(getattr(old, name)), _show(getattr(new, name)))
        for name in _MAP_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    map_changes.extend(
        Change(f"sources.{key}", _show(old.sources.get(key)), _show(new.sources.get(key)))
        for key in dict.fromkeys([*old.sources, *new.sources])
        if old.sources.get(key) != new.sources.get(key)
    )
    now = (*added, *(n for _, n in renamed), *(n for _, n in moved), *(n for n, _ in changed))
    drawn = {n.id: draw_kind(new, n) for n in now}
    drawn.update((n.id, draw_kind(old, n)) for n in removed)
    return MapDiff(
        added, removed, tuple(moved), tuple(changed), tuple(map_changes), renamed, drawn
    )


_SAID_ELSEWHERE: Final = frozenset({"kind", "text", "author", "added", "relation"})
"""An added node's fields its line says already (its place says the relation), or that
every signed node has (the day it was added: the diff is of that change)."""


def added_fields(node: Node) -> list[Change]:
    """What an added node says besides its kind, place, author and statement.

    Its cross-links, quote, citation, basis, note and the rest, as a change from nothing:
    a reviewer's ``--also`` link or a piece of evidence's quote went unreported.
    """
    shown = ((name, _show(getattr(node, name))) for name in COMPARED_FIELDS)
    return [
        Change(name, None, value) for name, value in shown if value and name not in _SAID_ELSEWHERE
    ]


def _by(node: Node) -> str:
    """Who an added node is by."""
    return f" by {_line(node.author)}" if node.author else ""


def _signed(node: Node) -> str:
    """Whose a node is, said of a change: who signed it, not (as "by" read) who made it."""
    return f" (signed {_line(node.author)})" if node.author else ""


def _shown(c: Change) -> str:
    return f"{_quoted(c.old)} -> {_quoted(c.new)}"


def _quoted(value: str | None) -> str:
    """A value in double quotes (its own escaped as in YAML or JSON), or ``(none)``."""
    if value is None:
        return "(none)"
    return _line('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')


def _line(text: str) -> str:
    """User text for one line of a terminal report: controls and line breaks escaped."""
    return terminal_text(text, one_line=True)


def _place(node: Node) -> str:
    where = f"under [{node.parent}]" if node.parent else "at the root"
    if node.relation is Relation.UNDERCUTS:
        where += ", undercutting its link"
    return where + (f" in group [{node.group}]" if node.group else "")


def _place_md(node: Node) -> str:
    # Ids match ID_PATTERN (no backticks), so code spans need no escaping.
    where = f"under `{node.parent}`" if node.parent else "at the root"
    if node.relation is Relation.UNDERCUTS:
        where += ", undercutting its link"
    return where + (f" in group `{node.group}`" if node.group else "")


def _md(value: str | None) -> str:
    return "(none)" if value is None else escape_md(value)


def format_text(d: MapDiff) -> str:
    """Render a diff as plain text, one line per node (changes indented below it)."""
    lines: list[str] = []
    for c in d.map_changes:
        lines.append(f"changed map {c.field}: {_shown(c)}")
    for node in d.added:
        lines.append(
            f"+ added {d.kind(node)} [{node.id}]{_by(node)} {_place(node)}: {_line(node.text)}"
        )
        lines.extend(f"    {c.field}: {_quoted(c.new)}" for c in added_fields(node))
    for node in d.removed:
        lines.append(f"- removed {d.kind(node)} [{node.id}]{_signed(node)}: {_line(node.text)}")
    for before, after in d.renamed:
        lines.append(
            f"~ renamed {d.kind(after)} [{before.id}] -> [{after.id}]{_signed(after)}: "
            f"{_line(after.text)}"
        )
    for before, after in d.moved:
        lines.append(
            f"> moved {d.kind(after)} [{after.id}]{_signed(after)}: "
            f"{_place(before)} -> {_place(after)}"
        )
    for node, changes in d.changed:
        lines.append(f"~ changed {d.kind(node)} [{node.id}]{_signed(node)}:")
        lines.extend(f"    {c.field}: {_shown(c)}" for c in changes)
    return "\n".join(lines) + ("\n" if lines else "")


# User text never starts a line here, so line-start markers (-, +, 1.) need no escape.
_MD_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]()#|<>~&])")


def escape_md(text: str) -> str:
    r"""Escape Markdown (and inline HTML) metacharacters in user text, on one line.

    >>> escape_md("a *b* <i>")
    'a \\*b\\* \\<i\\>'
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(terminal_text(text).split()))


def format_markdown(d: MapDiff, *, title: str = "argmap diff") -> str:
    """Render a diff as Markdown for a pull-request comment."""
    counts = (
        f"{len(d.added)} added, {len(d.removed)} removed, {len(d.renamed)} renamed, "
        f"{len(d.moved)} moved, {len(d.changed)} changed"
    )
    out = [f"### {escape_md(title)}", "", counts, ""]
    if d.map_changes:
        out += ["#### Map", ""]
        out += [f"- **{c.field}**: {_md(c.old)} → {_md(c.new)}" for c in d.map_changes]
        out.append("")
    if d.added:
        out += ["#### Added", ""]
        for node in d.added:
            by = f" by {escape_md(node.author)}" if node.author else ""
            where = _place_md(node)
            out.append(f"- {d.kind(node)} `{node.id}`{by} {where}: {escape_md(node.text)}")
            out += [f"  - **{c.field}**: {_md(c.new)}" for c in added_fields(node)]
        out.append("")
    if d.removed:
        out += ["#### Removed", ""]
        for node in d.removed:
            by = f" (signed {escape_md(node.author)})" if node.author else ""
            out.append(f"- {d.kind(node)} `{node.id}`{by}: {escape_md(node.text)}")
        out.append("")
    if d.renamed:
        out += ["#### Renamed", ""]
        for before, after in d.renamed:
            by = f" (signed {escape_md(after.author)})" if after.author else ""
            text = escape_md(after.text)
            out.append(f"- {d.kind(after)} `{before.id}` → `{after.id}`{by}: {text}")
        out.append("")
    if d.moved:
        out += ["#### Moved", ""]
        for before, after in d.moved:
            by = f" (signed {escape_md(after.author)})" if after.author else ""
            where = f"{_place_md(before)} → {_place_md(after)}"
            out.append(f"- {d.kind(after)} `{after.id}`{by}: {where}")
        out.append("")
    if d.changed:
        out += ["#### Changed", ""]
        for node, changes in d.changed:
            by = f" (signed {escape_md(node.author)})" if node.author else ""
            out.append(f"- {d.kind(node)} `{node.id}`{by}")
            out += [f"  - **{c.field}**: {_md(c.old)} → {_md(c.new)}" for c in changes]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


_NOT_ONE_COMMIT: Final = re.compile(r"\.\.|^\^|\^[!@-]|:")
"""What makes git read more than one commit (``A..B``, ``^A``, ``A^!``, ``A^@``, ``A^-``), or
a path or a message search (``A:path``, ``:/text``): ``REV:./NAME`` would then mean another
file, or git would print a log where a map is expected."""

_REFLOG: Final = re.compile(r"@\{[^{}]*\}")
"""A reflog selector, whose date may hold a colon: ``HEAD@{2026-12-01 10:00}``."""


def read_revision(path: Path, rev: str) -> str:
    """Return the text of ``path`` as it was at git revision ``rev`` (``git show REV:./NAME``).

    ``rev`` can never reach git as an option: one that starts with ``-`` or holds a
    control character is refused, and ``--end-of-options`` comes before it where git
    knows it (2.24 and later). At most the map size limit is read.

    Raises:
        RevisionError: the revision is malformed, git is missing, the folder is not in a
            repository, or the revision or file does not exist there.
    """
    from argmap.load.files import MAX_MAP_BYTES, real_path

    if not rev or rev.startswith("-") or not rev.isprintable() or rev != rev.strip():
        raise RevisionError(
            f"--rev {terminal_text(repr(rev))}: not a revision; give a commit, branch or tag, "
            "e.g. --rev HEAD~1"
        )
    if _NOT_ONE_COMMIT.search(_REFLOG.sub("@{}", rev)):
        raise RevisionError(
            f"--rev {terminal_text(repr(rev))}: names a range, a path or a search, not one "
            "revision; give a commit, branch or tag, e.g. --rev HEAD~1"
        )
    real = real_path(path)
    spec = f"{rev}:./{real.name}"
    try:
        command = ["git", "show", "--no-textconv", *_end_of_options(), spec]
        with (
            tempfile.TemporaryFile() as errors,
            subprocess.Popen(command, cwd=real.parent, stdout=PIPE, stderr=errors) as git,
        ):
            assert git.stdout is not None
            out = git.stdout.read(MAX_MAP_BYTES + 1)
            if len(out) > MAX_MAP_BYTES:
                git.kill()
                raise RevisionError(
                    f"{path}: the version at {rev} is above the {MAX_MAP_BYTES}-byte limit"
                )
            code = git.wait(timeout=60)
            errors.seek(0)
            err = errors.read(64 * 1024)
    except FileNotFoundError:
        raise RevisionError(f"{path}: git is not installed; compare two files instead") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise RevisionError(f"{path}: cannot run git: {exc}") from None
    if code != 0:
        message = err.decode("utf-8", "replace").strip().splitlines()
        first = message[0] if message else f"exit status {code}"
        first = first.removeprefix("fatal: ")
        raise RevisionError(f"{path}: git show {spec} failed: {first}")
    try:
        return str(out.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RevisionError(f"{path}: the version at {rev} is not UTF-8") from None


@lru_cache(maxsize=1)
def _end_of_options() -> tuple[str, ...]:
    """``("--end-of-options",)`` when the installed git knows it (2.24 and later), else ()."""
    try:
        done = subprocess.run(
            ["git", "--version"], capture_output=True, timeout=30, check=False, text=True
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    found = re.search(r"(\d+)\.(\d+)", done.stdout)
    if found is None:
        return ()
    return ("--end-of-options",) if (int(found[1]), int(found[2])) >= (2, 24) else ()
