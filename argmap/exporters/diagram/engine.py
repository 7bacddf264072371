"""The Graphviz engine: find it (bundled or system), run it safely, report failures clearly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Final, Literal, NamedTuple

from argmap.errors import EngineFailedError, RenderError
from argmap.exporters.diagram.pngglyphs import BUNDLED_PNG_GLYPHS, missing_png_glyphs
from argmap.exporters.diagram.trailname import TRAIL

__all__ = [
    "BUNDLED_PNG_GLYPHS", "BUNDLED_PROGRAM", "MAX_DOT_BYTES", "EngineInfo", "check_drawn",
    "drawing_workers", "engine_svg", "engine_version", "find_engine", "missing_png_glyphs",
    "png_graph_attrs", "redraw_svg", "run_engine", "run_engine_pngs", "run_engine_svg",
]  # fmt: skip

BUNDLED_PROGRAM: Final = "graphviz-pure"
"""The program the ``graphviz-pure`` wheel installs next to the Python interpreter."""

SYSTEM_PROGRAM: Final = "dot"

MAX_DOT_BYTES: Final = 16 * 1024 * 1024
"""Refuse DOT sources above this size (labels are capped well below it)."""

DEFAULT_TIMEOUT: Final = 120.0
"""Seconds before a layout is abandoned."""

PNG_DPI: Final = 144
"""PNG resolution: twice screen resolution, sharp on a projector."""

MAX_DPI: Final = 300

MAX_PNG_SIDE_PX: Final = 8000
"""Largest PNG side in pixels; larger drawings are scaled down to fit."""

EngineChoice = Literal["auto", "bundled", "system"]


class EngineInfo(NamedTuple):
    """A runnable Graphviz engine: which kind it is and where its program lives."""

    kind: Literal["bundled", "system"]
    program: Path


def _bundled() -> Path | None:
    # Next to the interpreter: bin/ on POSIX, Scripts\ (with .exe) on Windows, found
    # even when that folder is not on PATH (a venv's argmap run without activating it).
    folder = Path(sys.executable).parent
    for name in (BUNDLED_PROGRAM, BUNDLED_PROGRAM + ".exe"):
        exe = folder / name
        if exe.is_file() and os.access(exe, os.X_OK):
            return exe
    return _on_path(BUNDLED_PROGRAM)


def _system() -> Path | None:
    return _on_path(SYSTEM_PROGRAM)


def _on_path(program: str) -> Path | None:
    import shutil  # only for a PATH search: it loads the compression modules

    found = shutil.which(program)
    return Path(found) if found else None


def find_engine(choice: EngineChoice = "auto") -> EngineInfo:
    """Locate the engine to run.

    ``bundled`` is the ``graphviz-pure`` program from the wheel (same bytes on every
    platform); ``system`` is Graphviz's ``dot`` on PATH; ``auto`` prefers the bundled
    engine and falls back to the system one.

    Raises:
        RenderError: the chosen engine is not installed.
    """
    if choice in ("auto", "bundled"):
        path = _bundled()
        if path is not None:
            return EngineInfo("bundled", path)
        if choice == "bundled":
            raise RenderError(
                f"engine bundled: program {BUNDLED_PROGRAM!r} not found; reinstall argmap "
                "(pip install --force-reinstall graphviz-pure) or try --engine system"
            )
    path = _system()
    if path is not None:
        return EngineInfo("system", path)
    if choice == "system":
        raise RenderError(
            "engine system: Graphviz 'dot' not found on PATH; install Graphviz or use "
            "--engine bundled"
        )
    raise RenderError(
        f"no Graphviz engine found (neither {BUNDLED_PROGRAM!r} nor 'dot'); reinstall argmap, "
        "or use --format html or json, which need no engine"
    )


def engine_version(info: EngineInfo, timeout: float = 10.0) -> str:
    """Return the engine's version line (``dot -V`` prints it on standard error).

    Raises:
        RenderError: the program cannot be run.
    """
    try:
        done = subprocess.run(
            [str(info.program), "-V"],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"engine {info.kind} ({info.program.name}): cannot run: {exc}") from None
    text = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "unknown"


def run_engine(
    dot_source: str,
    fmt: Literal["svg", "png"],
    engine: EngineChoice | EngineInfo = "auto",
    *,
    map_name: str = "map",
    timeout: float = DEFAULT_TIMEOUT,
    dpi: int = PNG_DPI,
    batch: bool = False,
) -> bytes:
    """Lay out DOT source with a Graphviz engine and return the drawing.

    Args:
        dot_source: the graph, as DOT text.
        fmt: ``svg`` or ``png``.
        engine: an engine choice, or an already located engine.
        map_name: the map's name, for error messages.
        timeout: seconds before the engine is stopped.
        dpi: PNG resolution (capped at :data:`MAX_DPI`).
        batch: the source holds several graphs, each with its own PNG resolution.

    Returns:
        The engine's output bytes.

    Raises:
        RenderError: the engine is missing, fails, times out, or the graph is too large.
    """
    if fmt == "svg":
        return run_engine_svg(dot_source, engine, map_name=map_name, timeout=timeout).encode()
    from argmap.exporters.diagram.keycells import drawn_key  # the engine draws the key itself

    return _drawn(drawn_key(dot_source), fmt, engine, map_name, timeout, dpi, batch)


def run_engine_svg(
    dot_source: str,
    engine: EngineChoice | EngineInfo = "auto",
    *,
    map_name: str = "map",
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """Lay out one graph's DOT source as SVG text: :func:`run_engine`'s SVG, never as bytes.

    The engine's drawing as :func:`redraw_svg` finishes it.

    Raises:
        RenderError: the engine is missing, fails, times out, or the graph is too large.
    """
    drawn = engine_svg(dot_source, engine, map_name=map_name, timeout=timeout)
    return redraw_svg(drawn.decode(), alone=True)


def engine_svg(
    dot_source: str,
    engine: EngineChoice | EngineInfo = "auto",
    *,
    map_name: str = "map",
    timeout: float = DEFAULT_TIMEOUT,
) -> bytes:
    """The engine's SVG of DOT source (of one graph, or a batch's one after another), as written.

    Raises:
        RenderError: the engine is missing, fails, times out, or the graph is too large.
    """
    return _drawn(dot_source, "svg", engine, map_name, timeout, PNG_DPI, False)


def redraw_svg(svg: str, *, alone: bool = False) -> str:
    """The engine's SVG (one drawing, or a batch's) with argmap's passes over it made.

    Each label line is anchored as its label aligns it (:func:`.svgtext.place_text`),
    edges drawn along a box's border move clear of it (:func:`.offborders.clear_borders`),
    arrowheads piled at one side of a box are spread along it (:func:`.edgeheads.spread_heads`),
    edges into a breadcrumb's rows end at their own rows, none piled, and off borders
    (:func:`.trailrows.end_at_rows`, :func:`.traillanes.route_lanes`), and a linked
    group's caption moves off the edges crossing it (:func:`.groupcaptions.clear_captions`),
    a label worksheet's sign boxes stay on their arrows, clear of text
    (:func:`.signboxes.clear_signs`), and the key's arrows are drawn as arrows
    (:func:`.keydraw.draw_samples`). Each pass works on each drawing alone: a batch's
    drawings come out as they would one by one.
    ``alone``: the SVG is one drawing, not looked through for others (about 7 ms at 3,000 nodes).
    """
    from argmap.exporters.diagram.svgedits import each_drawing

    return _redraw_drawing(svg) if alone else each_drawing(svg, _redraw_drawing)


def _redraw_drawing(svg: str) -> str:
    """:func:`redraw_svg` on one drawing: each pass on it alone, none looking for others."""
    from argmap.exporters.diagram.edgeheads import spread_drawing_heads
    from argmap.exporters.diagram.groupcaptions import clear_drawing_captions
    from argmap.exporters.diagram.keydraw import draw_drawing_samples
    from argmap.exporters.diagram.offborders import clear_borders
    from argmap.exporters.diagram.signboxes import clear_signs
    from argmap.exporters.diagram.svgtext import place_text

    laid = spread_drawing_heads(clear_borders(place_text(svg)))
    if TRAIL in laid:  # a continued page's breadcrumb (a one-drawing render has none)
        from argmap.exporters.diagram.trailhalves import draw_halves
        from argmap.exporters.diagram.traillanes import route_lanes
        from argmap.exporters.diagram.trailrows import end_at_rows

        laid = clear_borders(draw_halves(route_lanes(end_at_rows(laid))), TRAIL)
    return draw_drawing_samples(clear_signs(clear_drawing_captions(laid)))


def _drawn(
    dot_source: str,
    fmt: Literal["svg", "png"],
    engine: EngineChoice | EngineInfo,
    map_name: str,
    timeout: float,
    dpi: int,
    batch: bool,
) -> bytes:
    """The engine's output as it wrote it (see :func:`run_engine`)."""
    info = engine if isinstance(engine, EngineInfo) else find_engine(engine)
    who = f"engine {info.kind} ({info.program.name}) on {map_name}"
    payload = dot_source.encode("utf-8")
    if len(payload) > MAX_DOT_BYTES:
        raise RenderError(
            f"{who}: the diagram is {len(payload)} bytes of DOT, above the {MAX_DOT_BYTES}-byte "
            "limit; draw part of it with --focus ID --depth N"
        )
    done = _run(_engine_args(info, fmt, dpi, batch), payload, timeout, info, who)
    if done.returncode != 0 or not done.stdout:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
        raise EngineFailedError(
            f"{who}: failed (exit {done.returncode}){': ' + detail if detail else ''}; "
            f"try --engine {_other(info)}, or --format dot to inspect the graph"
        )
    return done.stdout


def run_engine_pngs(
    sources: list[str],
    engine: EngineChoice | EngineInfo = "auto",
    *,
    map_name: str = "map",
    timeout: float = DEFAULT_TIMEOUT,
) -> list[bytes]:
    """Draw several graphs as PNG images in few engine runs; return the images in order.

    Each graph carries its own resolution (and a viewport or size cap). Drawing and
    compressing an image costs far more than starting the engine, so the graphs are
    shared out among as many engine runs at once as the machine has cores
    (:func:`drawing_workers`); each image is the same whichever run draws it.

    Raises:
        RenderError: the engine is missing, fails, times out, or a graph is too large.
    """
    return _run_pngs(sources, engine, map_name, timeout)


def drawing_workers() -> int:
    """How many engine runs draw images at once: the cores this process may use, up to 8."""
    affinity = getattr(os, "sched_getaffinity", None)  # Linux only
    cores = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_DRAWING_WORKERS))


PNG_GRAPHS_PER_RUN: Final = 40
"""Graphs one engine run takes at most: a run stays well within its timeout however slow
the machine, and images are handed back as they are drawn rather than all at the end."""

MAX_DRAWING_WORKERS: Final = 8
"""Engine runs drawing PNG images at once, at most."""

_PNG_END: Final = b"IEND\xaeB`\x82"


def png_graph_attrs(dpi: int) -> dict[str, str]:
    """Graph attributes that draw a PNG at ``dpi`` (capped), no side over the pixel limit."""
    dpi = max(36, min(int(dpi), MAX_DPI))
    side = MAX_PNG_SIDE_PX / dpi
    return {"dpi": str(dpi), "size": f"{side:.2f},{side:.2f}"}


def _run_pngs(
    sources: list[str], engine: EngineChoice | EngineInfo, map_name: str, timeout: float
) -> list[bytes]:
    """Draw batches of graphs as PNG images, one run per core at once; one image each.

    An image is the same whichever run draws it, so the graphs are shared out among as
    many runs as there are cores (:data:`PNG_GRAPHS_PER_RUN` each at most). The runs are
    processes of their own, so threads that wait on them keep every core busy. (SVG
    layouts go through :mod:`argmap.exporters.diagram.enginepool`.)
    """
    info = engine if isinstance(engine, EngineInfo) else find_engine(engine)
    workers = drawing_workers()
    per_run = max(1, min(PNG_GRAPHS_PER_RUN, -(-len(sources) // workers)))
    batches: list[list[str]] = []
    size = MAX_DOT_BYTES
    for source in sources:
        if size + len(source) > MAX_DOT_BYTES // 2 or len(batches[-1]) >= per_run:
            batches.append([])
            size = 0
        batches[-1].append(source)
        size += len(source)

    def run(batch: list[str]) -> list[bytes]:
        data = run_engine(
            "\n".join(batch), "png", info, map_name=map_name, timeout=timeout, batch=True
        )
        documents = [d + _PNG_END for d in data.split(_PNG_END)[:-1]]
        check_drawn(documents, batch, info, map_name)
        return documents

    from argmap.exporters.diagram.dotfallback import despite_failures

    def draw(batch: list[str]) -> list[bytes]:  # as its SVG page was (see enginepool)
        return despite_failures(batch, run)

    if workers <= 1 or len(batches) <= 1:
        return [document for batch in batches for document in draw(batch)]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(workers, len(batches))) as pool:
        return [document for documents in pool.map(draw, batches) for document in documents]


def _engine_args(
    info: EngineInfo, fmt: Literal["svg", "png"], dpi: int, batch: bool = False
) -> list[str]:
    """The engine's command line: output format, and for PNG the resolution and size cap.

    A batch's graphs each carry their own resolution and cap.
    """
    args = [str(info.program), f"-T{fmt}", "-q"]
    if fmt == "png" and not batch:
        args += [f"-G{name}={value}" for name, value in png_graph_attrs(dpi).items()]
    return args


def check_drawn(documents: list[bytes], batch: list[str], info: EngineInfo, map_name: str) -> None:
    """Raise a RenderError unless a run over ``batch`` drew one document for each graph."""
    if len(documents) != len(batch):
        raise RenderError(
            f"engine {info.kind} on {map_name}: drew {len(documents)} of {len(batch)} "
            f"pages; try --engine {_other(info)}"
        )


def _other(info: EngineInfo) -> str:
    """The engine kind to suggest when this one fails."""
    return "system" if info.kind == "bundled" else "bundled"


def _run(
    args: list[str], payload: bytes, timeout: float, info: EngineInfo, who: str
) -> subprocess.CompletedProcess[bytes]:
    """Run the engine on ``payload``; a timeout or a program that cannot start is a RenderError."""
    try:
        return subprocess.run(
            args,
            input=payload,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"{who}: gave up after {timeout:g} s; draw the map on pages with --fit a4, or "
            "part of it with --focus ID --depth N, or try --engine system"
        ) from None
    except OSError as exc:
        raise RenderError(
            f"{who}: cannot run {info.program}: {exc.strerror or exc}; try --engine {_other(info)}"
        ) from None
