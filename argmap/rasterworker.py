"""resvg drawing of prepared SVGs, in this process or as a worker process that needs only resvg.

Three bindings of resvg can draw. ``svg2png_py`` hands back the pixels, which
:mod:`argmap.pngwrite` packs at the fastest deflate level; ``resvg`` hands back a PNG of
its own, packed harder. Both read the fonts once, and draw what
``resvg_py`` draws, pixel for pixel, except text in the scripts of
:data:`~argmap.shaping.SHAPED_FAMILIES`, which their resvg 0.47 sets without its
advances (Indic scripts piled on one another; argmap sets them itself, as outlines, where
``uharfbuzz`` is installed: :mod:`argmap.rasterglyphs`). ``resvg_py`` (resvg 0.48) sets
those right but reads the fonts for every drawing, at about five times the cost. A job
says whether it needs it.

Run as ``python -m argmap.rasterworker``: it reads jobs from standard input (the next while
it draws one) and answers each on standard output as soon as it is drawn, both framed
(:func:`send`, :func:`receive`), until its input ends. It imports nothing of argmap beyond
this module, :mod:`argmap.pngwrite` and (for outlined text) :mod:`argmap.rasterglyphs`, so a
worker starts in a few hundredths of a second.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from typing import IO, Final

__all__ = [
    "BACKENDS",
    "FONT_FAMILY",
    "Job",
    "backend",
    "draw",
    "fast_backend",
    "main",
    "receive",
    "send",
]

FONT_FAMILY = "Noto Sans"
"""The face every text is set in, and the default for any text that names none."""

FAST_BACKENDS: Final = ("svg2png_py", "resvg")
"""The resvg bindings that read the fonts once, fastest first."""
SHAPING_BACKEND: Final = "resvg_py"
"""The binding that sets every script right."""
BACKENDS: Final = (*FAST_BACKENDS, SHAPING_BACKEND)

WHITE: Final = (255, 255, 255, 255)
"""The page under the drawing: opaque, as the engine's own PNG is."""

Job = tuple[str, float, float, list[str], bool] | tuple[str, float, float, list[str], bool, bool]
"""One SVG to draw: the SVG (its text already in the Noto faces), dpi, zoom, font files
(the upright and the italic Noto Sans first), whether its text is in one of
:data:`~argmap.shaping.SHAPED_FAMILIES`, and whether its plain text is to be set as glyph outlines
(:mod:`argmap.rasterglyphs`) first (default: no)."""

Drawer = Callable[[str, float], bytes]
"""Draws an SVG at a resolution (dpi); returns the PNG file's bytes."""

_local = threading.local()


def backend(shaped: bool = False) -> str | None:
    """The binding to draw with: the fastest installed, or None if there is none.

    Args:
        shaped: the text is in one of :data:`~argmap.shaping.SHAPED_FAMILIES`:
            :data:`SHAPING_BACKEND` first, if installed.
    """
    order = (SHAPING_BACKEND, *FAST_BACKENDS) if shaped else BACKENDS
    return next((name for name in order if find_spec(name) is not None), None)


def fast_backend() -> str | None:
    """The first of :data:`FAST_BACKENDS` installed, or None."""
    return next((name for name in FAST_BACKENDS if find_spec(name) is not None), None)


def draw(job: Job) -> bytes | str:
    """Draw one prepared SVG with resvg; its PNG bytes, or what went wrong in one line."""
    svg, dpi, zoom, fonts, shaped = job[:5]
    try:
        if job[5:] == (True,):
            svg = _outlined(svg, fonts)
        with _panic_quieted():
            return _drawer(backend(shaped), tuple(fonts))(svg, dpi * zoom)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        # resvg raises ValueError for a bad SVG, and a pyo3 PanicException (not an
        # Exception) when its text layout trips; the user needs one line either way.
        return " ".join(str(exc).split())[:200] or type(exc).__name__


@contextmanager
def _panic_quieted() -> Iterator[None]:
    """Keep the report of a panic in resvg (Rust) off the user's terminal.

    Rust writes a panic's report, backtrace notes and all, straight to file descriptor 2;
    :func:`draw` turns the panic into one line of its own. Whatever else reaches the
    descriptor meanwhile is passed on when the drawing succeeds. A worker process
    (:func:`main`) catches it in one file, emptied after each drawing (making one a page
    cost a hundredth of a slide's drawing); elsewhere each drawing has a file of its own.
    """
    import tempfile

    try:
        saved = os.dup(2)
    except OSError:  # no standard error to keep quiet
        yield
        return
    kept = _kept[0] if _kept else None
    caught = kept or tempfile.TemporaryFile(prefix="argmap-resvg-")  # noqa: SIM115 (closed below)
    os.dup2(caught.fileno(), 2)
    drawn = False
    try:
        yield
        drawn = True
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        if drawn and caught.tell():
            caught.seek(0)
            with contextlib.suppress(OSError):
                os.write(2, caught.read())
        if caught is not kept:
            caught.close()
        elif caught.tell():
            caught.seek(0)
            caught.truncate()


_kept: list[IO[bytes]] = []
"""The worker process's file for what resvg writes to standard error (see :func:`main`)."""


def _outlined(svg: str, fonts: list[str]) -> str:
    """The SVG with its plain text as glyph outlines, if fontTools is installed."""
    try:
        from argmap.rasterglyphs import outline_text
    except ImportError:  # pragma: no cover - fontTools comes with every resvg route
        return svg
    return outline_text(svg, fonts)


def _drawer(name: str | None, fonts: tuple[str, ...]) -> Drawer:
    """The binding's drawer for these fonts, made once per thread.

    resvg's options may only be used on the thread that made them.
    """
    drawers: dict[tuple[str, tuple[str, ...]], Drawer] = _local.__dict__.setdefault("drawers", {})
    if name is None:
        raise ImportError(f"no rasterizer installed (one of {', '.join(BACKENDS)})")
    found = drawers.get((name, fonts))
    if found is None:
        make = {"svg2png_py": _pixels_drawer, "resvg": _png_drawer}.get(name, _shaping_drawer)
        found = drawers[name, fonts] = make(fonts)
    return found


def _pixels_drawer(fonts: tuple[str, ...]) -> Drawer:
    """svg2png_py draws the pixels; argmap packs them."""
    import svg2png_py  # type: ignore[import-untyped]  # its stubs lack a py.typed marker

    from argmap.pngwrite import compressor, encode_rgba

    database = svg2png_py.FontDatabase()
    for path in fonts:
        database.load_font_file(path)
    compress = compressor()

    def run(svg: str, dpi: float) -> bytes:
        options = svg2png_py.RenderOptions(dpi=dpi, font_family=FONT_FAMILY)
        pixels, width, height = svg2png_py.svg_to_rgba(svg, database, None, WHITE, options)
        return encode_rgba(pixels, width, height, compress)

    return run


def _png_drawer(fonts: tuple[str, ...]) -> Drawer:
    """The resvg package draws and packs the PNG; the fonts are held in memory, read once."""
    from pathlib import Path

    from resvg import render, usvg

    options = usvg.Options.default()
    for path in fonts:
        options.load_font_data(Path(path).read_bytes())
    options.font_family = FONT_FAMILY

    def run(svg: str, dpi: float) -> bytes:
        options.dpi = dpi
        tree = usvg.Tree.from_str(svg, options)
        return bytes(render(tree, (1.0, 0.0, 0.0, 0.0, 1.0, 0.0), bg_color=WHITE))

    return run


def _shaping_drawer(fonts: tuple[str, ...]) -> Drawer:
    """The resvg_py package draws and packs the PNG, reading the fonts each time."""
    import resvg_py

    files = list(fonts)

    def run(svg: str, dpi: float) -> bytes:
        data = resvg_py.svg_to_bytes(
            svg_string=svg,
            dpi=dpi,
            background="#ffffff",
            skip_system_fonts=True,
            font_files=files,
            font_family=FONT_FAMILY,
            sans_serif_family=FONT_FAMILY,
        )
        return bytes(data)

    return run


def send(stream: IO[bytes], item: object) -> None:
    """Write one pickled item, framed by its length, and flush it."""
    data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def receive(stream: IO[bytes]) -> object:
    """Read one item :func:`send` wrote.

    Raises:
        EOFError: the stream ended before a whole item.
    """
    head = stream.read(8)
    size = int.from_bytes(head, "big") if len(head) == 8 else -1
    data = stream.read(size) if size >= 0 else b""
    if size < 0 or len(data) != size:
        raise EOFError("the stream ended")
    return pickle.loads(data)


def main() -> int:
    """Draw each job framed on standard input; answer each framed on standard output.

    A thread reads the jobs as they come, so the process sending them is never held up
    by one waiting to be read while this one writes its answer to the one before.
    """
    import queue
    import tempfile

    stdout = sys.stdout.buffer
    jobs: queue.SimpleQueue[object] = queue.SimpleQueue()
    threading.Thread(target=_read_jobs, args=(sys.stdin.buffer, jobs.put), daemon=True).start()
    with tempfile.TemporaryFile(prefix="argmap-resvg-") as caught:
        _kept.append(caught)  # one file catches resvg's standard error for every page
        try:
            while (job := jobs.get()) is not None:
                send(stdout, draw(job))  # type: ignore[arg-type]
        finally:
            _kept.remove(caught)
    return 0


def _read_jobs(stream: IO[bytes], put: Callable[[object], None]) -> None:
    """Hand on each item read from ``stream`` as it comes, then None when it ends."""
    try:
        while True:
            put(receive(stream))
    except BaseException:  # the input ended, or is not jobs: the drawing stops
        put(None)


if __name__ == "__main__":
    sys.exit(main())
