"""Re-render a map on every save: one render per batch of file changes, never giving up."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import ArgmapError, internal_error
from argmap.options import RenderOptions

__all__ = ["RenderOutcome", "file_changes", "render_once", "watch_map"]


@dataclass(frozen=True)
class RenderOutcome:
    """The result of one render: the files written, or the error that stopped it."""

    ok: bool
    outputs: tuple[Path, ...]
    error: str | None

    def line(self, map_path: Path) -> str:
        """Return the one-line report of this render (the error follows on later lines)."""
        if self.ok:
            written = ", ".join(str(p) for p in self.outputs)
            return f"rendered {map_path} -> {written}"
        return f"not rendered {map_path}: fix the problems below and save again"


def render_once(
    map_path: Path,
    formats: Sequence[str],
    out_dir: Path,
    options: RenderOptions,
    name: str | None = None,
) -> RenderOutcome:
    """Load, validate and render a map into ``out_dir``; report errors instead of raising.

    The map is validated before anything is written, so an invalid save leaves the
    previous outputs as they were.

    Args:
        map_path: the map file.
        formats: format names (see ``argmap formats``).
        out_dir: where to write ``<stem><suffix>`` files.
        options: render options shared by every format.
        name: the stem to write instead of the map's (``-o case.pdf``).

    Returns:
        What was written, or the error text (``FILE:LINE:COL: message`` lines).
    """
    from argmap.pipeline import render_files

    try:
        done = render_files([map_path], formats, out_dir, options, name=name)
        written = [target for _, target in done]
    except ArgmapError as exc:
        return RenderOutcome(False, (), str(exc))
    except Exception as exc:  # a bug: told, and the watch goes on (ARGMAP_DEBUG=1 raises it)
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        return RenderOutcome(False, (), f"{map_path}: {internal_error(exc)}")
    return RenderOutcome(True, tuple(written), None)


def file_changes(
    map_path: Path, stop: threading.Event | None = None, *, debounce_ms: int = 200
) -> Iterator[object]:
    """Yield once per batch of changes to ``map_path`` (watching its folder).

    Editors often save by writing a new file and renaming it, so the folder is
    watched and changes are filtered by the file's name.

    Args:
        map_path: the file to watch.
        stop: set it to end the iteration (checked between batches).
        debounce_ms: changes closer together than this form one batch.
    """
    import watchfiles

    from argmap.load.files import real_path

    target = real_path(map_path)

    def same_file(_change: watchfiles.Change, path: str) -> bool:
        return real_path(path) == target

    yield from watchfiles.watch(
        target.parent,
        watch_filter=same_file,
        debounce=debounce_ms,
        stop_event=stop,
        recursive=False,
        raise_interrupt=False,
    )


def watch_map(
    map_path: Path,
    formats: Sequence[str],
    out_dir: Path,
    options: RenderOptions,
    *,
    echo: Callable[[str, bool], None],
    changes: Iterable[object] | None = None,
    clock: Callable[[], str] = lambda: time.strftime("%H:%M:%S"),
    name: str | None = None,
) -> int:
    """Render now and after every change, printing one line per render.

    Watching real file events first says so (``watching MAP (Ctrl-C to stop)``).

    Args:
        map_path: the map file.
        formats: format names.
        out_dir: where outputs go.
        options: render options.
        echo: ``echo(text, is_error)`` prints a line (errors go to stderr).
        changes: an iterable yielding once per change; default: real file events
            from :func:`file_changes` (tests pass a list).
        clock: returns the time shown at the start of each line.
        name: the stem to write instead of the map's (``-o case.pdf``).

    Returns:
        The number of renders that failed.

    Raises:
        MissingExtraError: real file events are wanted and ``watchfiles`` is absent.
    """
    if changes is None:
        from argmap.errors import require_extra

        require_extra("argmap watch", "watch", ("watchfiles",))
        echo(f"watching {map_path} (Ctrl-C to stop)", True)
    failures = 0

    def run() -> None:
        nonlocal failures
        outcome = render_once(map_path, formats, out_dir, options, name)
        echo(f"{clock()} {outcome.line(map_path)}", not outcome.ok)
        if outcome.error is not None:
            failures += 1
            echo(outcome.error, True)

    run()
    for _batch in file_changes(map_path) if changes is None else changes:
        run()
    return failures
