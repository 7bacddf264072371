"""The ``argmap`` command line: a Click group that loads each command's module on first use."""

from __future__ import annotations

import importlib
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final, TypeVar

import click

__all__ = [
    "COMMANDS",
    "MAP_PATH",
    "MapFailure",
    "Misuse",
    "NoDashPath",
    "echo",
    "echo_data",
    "fit_options",
    "format_error",
    "main",
    "refuse_overwrite",
    "reports_errors",
    "theme_option",
    "unknown_choice",
]

CONTEXT_SETTINGS: Final = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

COMMANDS: Final[dict[str, str]] = {
    "validate": "argmap.cli.core:validate",
    "show": "argmap.cli.core:show",
    "export": "argmap.cli.core:export",
    "schema": "argmap.cli.core:schema",
    "formats": "argmap.cli.core:formats",
    "check": "argmap.cli.check:check",
    "add": "argmap.cli.edit:add",
    "edit": "argmap.cli.edit:edit",
    "remove": "argmap.cli.edit:remove",
    "new": "argmap.cli.edit:new",
    "diff": "argmap.cli.diff:diff",
    "stats": "argmap.cli.analysis:stats",
    "lint": "argmap.cli.analysis:lint",
    "watch": "argmap.cli.watch:watch",
    "render": "argmap.cli.render:render",
    "import": "argmap.cli.interop:import_",
}
"""Command name -> ``module:attribute``; modules are imported only when needed."""

_F = TypeVar("_F", bound=Callable[..., Any])


class NoDashPath(click.Path):
    """A path option or argument for which ``-`` (standard input or output) means nothing.

    ``-`` is refused as a command-line mistake (exit code 2, one line) rather than
    looked up as a file or made a folder; a file named ``-`` is still reached as ``./-``.
    """

    def __init__(self, refusal: str, *, file_okay: bool = True, dir_okay: bool = True) -> None:
        super().__init__(path_type=Path, file_okay=file_okay, dir_okay=dir_okay)
        self.refusal = refusal

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """Refuse ``-`` with :attr:`refusal`; check anything else as click.Path does."""
        if str(value) == "-":
            self.fail(f"'-': {self.refusal} (./- for a file named -)", param, ctx)
        return super().convert(value, param, ctx)


MAP_PATH: Final = NoDashPath("maps are not read from standard input; give the map's file name")
"""A map file argument: existence and file type are checked by argmap.load.files, so a missing file
or a folder gets the same one-line message in every command (exit 1, not a usage error)."""


def theme_option(fn: _F) -> _F:
    """The ``--theme`` option of commands that draw or write pages."""
    from typing import get_args

    from argmap.options import Theme

    return click.option(
        "--theme",
        type=click.Choice(get_args(Theme), case_sensitive=False),
        default="default",
        show_default=True,
        help="Colours: default, print (grayscale with line patterns), contrast.",
    )(fn)


def fit_options(fn: _F) -> _F:
    """The ``--fit PAGE`` and ``--portrait`` options of commands that draw diagrams."""
    from typing import get_args

    from argmap.options import Fit

    fn = click.option(
        "--portrait", is_flag=True, help="Turn paper pages upright (landscape by default)."
    )(fn)
    return click.option(
        "--fit",
        type=click.Choice(get_args(Fit), case_sensitive=False),
        default=None,
        help=(
            "Fit diagrams to pages of this size, split so every statement stays legible "
            "(1/60 of the page height: a3 gives a4's pages enlarged; paper: pages A4 and "
            "Letter both hold, legible printed on either). Defaults: pdf a4, html paper, png "
            "slide (16:9), svg and dot none."
        ),
    )(fn)


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print ``text`` with every control character escaped (see ``terminal_text``).

    Every command prints through this (or escapes each field itself, as ``show`` does
    to keep its colours), so a map's text can never send a terminal an escape sequence.
    """
    from argmap.safetext import terminal_text

    click.echo(terminal_text(text), err=err, nl=nl)


def echo_data(text: str) -> None:
    """Print a file's content (JSON, YAML, DOT...) to standard output, unchanged in a pipe.

    On a terminal it is printed as :func:`echo` prints, escapes shown, not obeyed.
    """
    if sys.stdout.isatty():
        echo(text, nl=False)
    else:
        click.echo(text, nl=False)


def refuse_overwrite(target: Path, inputs: list[Path] | None = None, what: str = "map") -> None:
    """Refuse (exit 2, one line) an output file that is one of ``inputs`` or any map file."""
    from argmap.editing.safewrite import check_output
    from argmap.errors import OutputClashError

    try:
        check_output(target, inputs or [], what=what)
    except OutputClashError as exc:
        raise Misuse(str(exc)) from None


class MapFailure(click.ClickException):
    """A library error shown as-is (``FILE:LINE:COL: message`` lines), exit code 1."""

    def show(self, file: Any = None) -> None:
        """Print the message to stderr without Click's ``Error:`` prefix when located."""
        text = self.format_message()
        echo(text if ":" in text.split(" ", 1)[0] else f"Error: {text}", err=True)


class Misuse(click.UsageError):
    """A command-line mistake told in one line, ``Error: message`` (exit code 2).

    Click's usage errors print the usage first; this one says only what is wrong and
    what to do, for mistakes the usage would not help with (an id the map lacks, an
    option the chosen worksheet does not take).
    """

    def show(self, file: Any = None) -> None:
        """Print ``Error: message`` to stderr, control characters escaped."""
        echo(f"Error: {self.format_message()}", err=True)


def reports_errors(fn: _F) -> _F:
    """Turn :class:`~argmap.errors.ArgmapError` into a clean message and exit code 1.

    A ``--focus`` naming no node is a command-line mistake: exit code 2, one line. Any
    other failure is a bug, told in one line too (see :func:`~argmap.errors.internal_error`).
    """
    import functools

    from argmap.errors import ArgmapError, OptionMisuseError, internal_error

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except OptionMisuseError as exc:  # --focus naming no node, say
            raise Misuse(str(exc)) from exc
        except ArgmapError as exc:
            raise MapFailure(str(exc)) from exc
        except BrokenPipeError:
            # The reader went away (argmap show | head): stop quietly, as cat does.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(1) from None
        except OSError as exc:  # standard output or error could not be written
            raise MapFailure(f"cannot write the output: {exc.strerror or exc}") from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # Click's own: a usage error, an exit code, Ctrl-C told as "Aborted!"
        except Exception as exc:  # a bug, or no memory: one line (a traceback if asked for)
            if os.environ.get("ARGMAP_DEBUG"):
                raise
            raise MapFailure(internal_error(exc)) from None

    return wrapper  # type: ignore[return-value]


class _SafeFormatter(logging.Formatter):
    """Log lines with control characters escaped: they may quote a map's text."""

    def format(self, record: logging.LogRecord) -> str:
        from argmap.safetext import terminal_text

        return terminal_text(super().format(record))


_CHOICE_VALUE: Final = re.compile(r"""^(?P<value>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*") is not""")
"""The value that starts click.Choice's message (``'x' is not one of ...``), as repr gives it."""
_FILE_IS_FOLDER: Final = re.compile(r"^File (?P<name>.+) is a directory$")
_FOLDER_IS_FILE: Final = re.compile(r"^Directory (?P<name>.+) is a file$")
"""click.Path's messages for a file where a folder is wanted, and the other way round."""


def unknown_choice(head: str, value: str, choices: Iterable[str]) -> str:
    """Say that ``value`` is none of ``choices``, naming the closest if one is close.

    Args:
        head: what is wrong, e.g. ``cannot hide 'evidense'``.
        value: the value given.
        choices: the values allowed.

    Returns:
        e.g. ``cannot hide 'evidense'; did you mean 'evidence'? (choose from evidence, ...)``.
    """
    options = list(choices)
    return f"{head}{_did_you_mean(value, options)} (choose from {', '.join(options)})"


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for the choice closest to ``value`` (ignoring case), or nothing."""
    from difflib import get_close_matches

    by_case = {str(option).lower(): str(option) for option in choices}
    close = get_close_matches(value.lower(), list(by_case), n=1, cutoff=0.6)
    return f"; did you mean {by_case[close[0]]!r}?" if close else ""


def format_error(exc: Exception) -> str:
    """The message for a ``--format`` list that names no format (or is empty)."""
    from argmap.errors import UnknownFormatError

    if isinstance(exc, UnknownFormatError):
        return unknown_choice(f"unknown format {exc.name!r}", exc.name, exc.available)
    return str(exc)


def _one_line_message(exc: click.UsageError) -> str:
    """The one-line text of a usage error Click raised: no usage block, a short help hint.

    Args:
        exc: a mistake found while parsing or checking the command line.

    Returns:
        The message, without the ``Error:`` prefix.
    """
    if isinstance(exc, click.BadParameter) and not isinstance(exc, click.MissingParameter):
        return _bad_value(exc)  # the value is wrong: the message says which are right
    if isinstance(exc, click.NoSuchOption):
        close = f"; did you mean {exc.possibilities[0]!r}?" if exc.possibilities else ""
        message = f"no such option {exc.option_name!r}{close}"
    else:  # a missing argument or option, an extra argument...
        message = exc.format_message().rstrip(".")
    help_command = f"'{exc.ctx.command_path if exc.ctx else 'argmap'} --help'"
    return (
        f"{message} See {help_command}"
        if message.endswith("?")
        else f"{message}; see {help_command}"
    )


def _bad_value(exc: click.BadParameter) -> str:
    """``NAME: what is wrong with the value``; a choice's message names the closest choice."""
    name = _param_name(exc)
    message = exc.message.rstrip(".")
    param = exc.param
    if param is not None and isinstance(param.type, click.Path):
        message = _FILE_IS_FOLDER.sub(r"\g<name> is a folder; give a file name", message)
        message = _FOLDER_IS_FILE.sub(
            r"\g<name> is a file; give a folder (new or existing)", message
        )
    found = _CHOICE_VALUE.match(message)
    if param is not None and isinstance(param.type, click.Choice) and found:
        from ast import literal_eval

        value = literal_eval(found["value"])
        if isinstance(value, str):  # Click's message lists the choices; add the closest
            choices = [str(c) for c in param.type.choices]
            if not param.type.case_sensitive:  # Click lists them in lower case
                choices = [choice.lower() for choice in choices]
            message += _did_you_mean(value, choices)
    return f"{name}: {message}" if name else message


def _param_name(exc: click.BadParameter) -> str:
    """The option's longest name (``--format``), or an argument's (``MAP``)."""
    if exc.param_hint is not None:
        hint = exc.param_hint if isinstance(exc.param_hint, str) else exc.param_hint[-1]
        return hint.split("/")[-1].strip(" '\"")
    param = exc.param
    if param is None:
        return ""
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    return param.human_readable_name


def _one_line(exc: click.UsageError) -> click.UsageError:
    """The same mistake as a :class:`Misuse`: one line, no usage block (``--help`` shows it)."""
    if isinstance(exc, Misuse) or type(exc).__name__ == "NoArgsIsHelpError":
        return exc  # already one line, or a bare ``argmap``: the help is the answer
    return Misuse(_one_line_message(exc), exc.ctx)


class _LazyGroup(click.Group):
    """Loads commands on first use; every usage error, of any command, is told in one line."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if name not in COMMANDS and not name.startswith("-"):
            raise Misuse(unknown_choice(f"no command {name!r}", name, sorted(COMMANDS)), ctx)
        return super().resolve_command(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="argmap")
@click.option("-v", "--verbose", count=True, help="More log output (repeatable).")
@click.option("-q", "--quiet", count=True, help="Less log output (repeatable).")
def main(verbose: int, quiet: int) -> None:
    """Argument maps: validate, show, render and edit premise–evidence–objection trees.

    Map files are YAML (or JSON) in maps/; rendered files go to output/.
    """
    from argmap.deep import skip_exit_collection
    from argmap.terminate import stop_on_terminate

    stop_on_terminate(click.get_current_context())
    skip_exit_collection()
    handler = logging.StreamHandler()
    handler.setFormatter(_SafeFormatter("argmap: %(message)s"))
    logging.basicConfig(handlers=[handler])  # does nothing when logging is set up already
    logging.getLogger("argmap").setLevel(logging.WARNING + 10 * quiet - 10 * verbose)
