"""The exception tree, the located ``Issue`` record of every error message, the line for a bug."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ArgmapError",
    "Issue",
    "MapFileError",
    "MapValidationError",
    "MissingExtraError",
    "OptionMisuseError",
    "OutputClashError",
    "RenderError",
    "UnknownFocusError",
    "UnknownFormatError",
    "internal_error",
    "missing_modules",
    "require_extra",
]


@dataclass(frozen=True, order=True)
class Issue:
    """One located problem in a map file: ``FILE:LINE:COL: message``.

    ``line`` and ``column`` are 1-based; 0 means the problem concerns the whole file.
    """

    path: str
    line: int
    column: int
    message: str
    code: str = "invalid"

    def __str__(self) -> str:
        from argmap.safetext import terminal_text

        # One line, whatever the file name or a quoted key holds (no forged lines).
        path, message = (terminal_text(part, one_line=True) for part in (self.path, self.message))
        if self.line <= 0:
            return f"{path}: {message}"
        return f"{path}:{self.line}:{self.column}: {message}"


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose."""


class MapFileError(ArgmapError):
    """The map file cannot be read or parsed (missing, binary, malformed YAML, ...).

    ``issue`` is the (first) problem; ``issues`` holds every one a reader found by going
    on past it (see :meth:`of`), one line each in the message.
    """

    def __init__(self, path: str | Path, message: str, *, line: int = 0, column: int = 0) -> None:
        self.issue = Issue(str(path), line, column, message, "file")
        self.issues: tuple[Issue, ...] = (self.issue,)
        self.path = str(path)
        self.line = line
        self.column = column
        super().__init__(str(self.issue))

    @classmethod
    def of(cls, issues: Sequence[Issue]) -> MapFileError:
        """One error for several problems of one file (at least one), in the order given."""
        first = issues[0]
        error = cls(first.path, first.message, line=first.line, column=first.column)
        error.issues = (error.issue, *issues[1:])
        error.args = ("\n".join(str(issue) for issue in error.issues),)
        return error


class MapValidationError(ArgmapError):
    """The map file parses but breaks the model's rules; carries every issue at once."""

    def __init__(self, path: str | Path, issues: Sequence[Issue]) -> None:
        self.path = str(path)
        self.issues = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


class UnknownFormatError(ArgmapError, KeyError):
    """No exporter or importer has that name."""

    def __init__(self, name: str, *, available: Sequence[str]) -> None:
        self.name = name
        self.available = tuple(available)
        super().__init__(f"unknown format {name!r} (must be one of {', '.join(available)})")

    def __str__(self) -> str:
        return str(self.args[0])


class RenderError(ArgmapError):
    """Rendering failed: which engine, which map, and what to try."""


class EngineFailedError(RenderError):
    """The layout engine stopped with an error on a graph (not a timeout or a size limit)."""


class OptionMisuseError(ArgmapError):
    """Options the file makes meaningless: a command-line mistake (the CLI exits 2).

    ``--focus`` or ``--thesis`` naming nothing in it, a worksheet blanking a thesis it
    does not draw.
    """


class UnknownFocusError(OptionMisuseError):
    """``--focus`` names no node of the map: a command-line mistake (the CLI exits 2).

    Attributes:
        map_name: the map's name, as messages give it.
        focus: the id asked for.
        close: the map's ids most like it, closest first (at most three).
    """

    def __init__(self, map_name: str, focus: str, ids: Iterable[str]) -> None:
        from difflib import get_close_matches

        self.map_name = map_name
        self.focus = focus
        self.close = tuple(get_close_matches(focus, list(ids), n=3))
        hint = f" (did you mean {' or '.join(repr(i) for i in self.close)}?)" if self.close else ""
        super().__init__(
            f"{map_name}: --focus {focus!r}: no node has that id{hint}; "
            "run 'argmap show MAP' to list the ids"
        )


class OutputClashError(ArgmapError, ValueError):
    """Two inputs would be written to one output file, or an output would replace an input."""


class MissingExtraError(ArgmapError):
    """A feature needs an optional extra that this install lacks; says what to install.

    Attributes:
        feature: what the user asked for (``"pdf"``, ``"watch"``, ``"png of Hangul text"``).
        extra: the extra that brings it (``"pdf"``, ``"scripts"``, ``"watch"``).
        missing: the importable modules that are absent.
    """

    def __init__(self, feature: str, extra: str, missing: Sequence[str]) -> None:
        self.feature = feature
        self.extra = extra
        self.missing = tuple(missing)
        super().__init__(
            f"{feature} needs the optional packages of argmap[{extra}] "
            f"(missing: {', '.join(self.missing)}); install them with: "
            f"pip install 'argmap[{extra}]'"
        )


def missing_modules(modules: Sequence[str]) -> list[str]:
    """Return the modules of ``modules`` this install lacks (looked up, not imported)."""
    from importlib.util import find_spec

    return [name for name in modules if find_spec(name) is None]


def require_extra(feature: str, extra: str, modules: Sequence[str]) -> None:
    """Raise :class:`MissingExtraError` unless every module in ``modules`` can be imported.

    Only looks the modules up (see :func:`missing_modules`); nothing is imported.
    """
    missing = missing_modules(modules)
    if missing:
        raise MissingExtraError(feature, extra, missing)


def internal_error(exc: BaseException) -> str:
    """The one line telling the user of an unexpected failure: a bug, or no memory left.

    Args:
        exc: the exception no part of argmap expected.

    Returns:
        ``internal error (TYPE: message); ...`` with what to report and how to see more.
    """
    if isinstance(exc, MemoryError):
        return (
            "out of memory; render fewer formats at once, or a part of the map "
            "(--focus ID --depth N)"
        )
    detail = " ".join(str(exc).split())
    if len(detail) > 200:
        detail = detail[:199] + "…"
    kind = type(exc).__name__
    head = f"internal error ({kind}: {detail})" if detail else f"internal error ({kind})"
    return head + (
        "; this is a bug in argmap: please report it with the command and the map. "
        "Run again with ARGMAP_DEBUG=1 to see the traceback"
    )
