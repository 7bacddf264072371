"""The Graphviz engine: find it (bundled or system), run it safely, report failures clearly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from argmap.errors import RenderError

__all__ = [
    "BUNDLED_PNG_GLYPHS",
    "BUNDLED_PROGRAM",
    "MAX_DOT_BYTES",
    "EngineInfo",
    "engine_version",
    "find_engine",
    "missing_png_glyphs",
    "run_engine",
    "run_engine_svgs",
]

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


BUNDLED_PNG_GLYPHS: Final[tuple[tuple[int, int], ...]] = (
    (0x0020, 0x007E),
    (0x00A0, 0x052F),
    (0x0591, 0x05EA),
    (0x05F0, 0x05F4),
    (0x061C, 0x061C),
    (0x0E33, 0x0E33),
    (0x0EB3, 0x0EB3),
    (0x17B4, 0x17D3),
    (0x17DD, 0x17DD),
    (0x180B, 0x180E),
    (0x1AB0, 0x1ABE),
    (0x1C80, 0x1C88),
    (0x1D00, 0x1DF5),
    (0x1DFB, 0x20BE),
    (0x20F0, 0x214F),
    (0x2153, 0x2154),
    (0x215B, 0x215E),
    (0x2184, 0x2184),
    (0x2190, 0x2195),
    (0x219A, 0x219B),
    (0x21A8, 0x21A8),
    (0x21AE, 0x21AE),
    (0x2202, 0x2202),
    (0x2206, 0x2206),
    (0x220F, 0x220F),
    (0x2211, 0x2212),
    (0x2215, 0x2215),
    (0x2219, 0x221A),
    (0x221E, 0x221F),
    (0x2229, 0x2229),
    (0x222B, 0x222B),
    (0x2248, 0x2249),
    (0x2260, 0x2262),
    (0x2264, 0x2265),
    (0x226E, 0x2271),
    (0x2302, 0x2302),
    (0x2310, 0x2310),
    (0x2320, 0x2321),
    (0x2500, 0x2500),
    (0x2502, 0x2502),
    (0x250C, 0x250C),
    (0x2510, 0x2510),
    (0x2514, 0x2514),
    (0x2518, 0x2518),
    (0x251C, 0x251C),
    (0x2524, 0x2524),
    (0x252C, 0x252C),
    (0x2534, 0x2534),
    (0x253C, 0x253C),
    (0x2550, 0x256C),
    (0x2580, 0x2580),
    (0x2584, 0x2584),
    (0x2588, 0x2588),
    (0x258C, 0x258C),
    (0x2590, 0x2593),
    (0x25A0, 0x25A1),
    (0x25AA, 0x25AC),
    (0x25B2, 0x25B2),
    (0x25BA, 0x25BA),
    (0x25BC, 0x25BC),
    (0x25C4, 0x25C4),
    (0x25CA, 0x25CC),
    (0x25CF, 0x25CF),
    (0x25D8, 0x25D9),
    (0x25E6, 0x25E6),
    (0x263A, 0x263C),
    (0x2640, 0x2640),
    (0x2642, 0x2642),
    (0x2660, 0x2660),
    (0x2663, 0x2663),
    (0x2665, 0x2666),
    (0x266A, 0x266B),
    (0x266F, 0x266F),
    (0xFB01, 0xFB04),
    (0xFB1D, 0xFB4F),
    (0xFE00, 0xFE0F),
    (0xFE20, 0xFE2F),
    (0xFEFF, 0xFEFF),
    (0xFFFC, 0xFFFD),
)
"""Code point ranges the bundled engine's PNG fonts draw (Arimo, Tinos, Cousine).

Measured on graphviz-pure 0.2.2 by drawing every assigned character from U+00A0 to
U+2BFF and U+FB00 to U+FFFD and comparing it with the empty box drawn for a missing
glyph: Latin, Greek, Cyrillic, Hebrew, punctuation and common symbols. Not drawn:
Arabic, Indic scripts, Thai, CJK, Hangul, emoji and most symbols beyond U+2300.
Characters above U+FFFF (emoji) are never drawn.
"""


def missing_png_glyphs(text: str) -> list[str]:
    """Return the distinct characters of ``text`` the bundled engine's PNG cannot draw.

    Only characters that draw something count
    (:func:`argmap.exporters.diagram.fonts.drawable_chars`).
    Order is first appearance.
    """
    from bisect import bisect_right

    from argmap.exporters.diagram.fonts import drawable_chars

    out: list[str] = []
    for ch in drawable_chars(text):
        code = ord(ch)
        i = bisect_right(_GLYPH_STARTS, code) - 1
        if i < 0 or code > BUNDLED_PNG_GLYPHS[i][1]:
            out.append(ch)
    return out


_GLYPH_STARTS: Final = [start for start, _ in BUNDLED_PNG_GLYPHS]


@dataclass(frozen=True)
class EngineInfo:
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
    found = shutil.which(BUNDLED_PROGRAM)
    return Path(found) if found else None


def _system() -> Path | None:
    found = shutil.which(SYSTEM_PROGRAM)
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
) -> bytes:
    """Lay out DOT source with a Graphviz engine and return the drawing.

    Args:
        dot_source: the graph, as DOT text.
        fmt: ``svg`` or ``png``.
        engine: an engine choice, or an already located engine.
        map_name: the map's name, for error messages.
        timeout: seconds before the engine is stopped.
        dpi: PNG resolution (capped at :data:`MAX_DPI`).

    Returns:
        The engine's output bytes.

    Raises:
        RenderError: the engine is missing, fails, times out, or the graph is too large.
    """
    info = engine if isinstance(engine, EngineInfo) else find_engine(engine)
    who = f"engine {info.kind} ({info.program.name}) on {map_name}"
    payload = dot_source.encode("utf-8")
    if len(payload) > MAX_DOT_BYTES:
        raise RenderError(
            f"{who}: the diagram is {len(payload)} bytes of DOT, above the {MAX_DOT_BYTES}-byte "
            "limit; draw part of it with --focus ID --depth N"
        )
    done = _run(_engine_args(info, fmt, dpi), payload, timeout, info, who)
    if done.returncode != 0 or not done.stdout:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
        raise RenderError(
            f"{who}: failed (exit {done.returncode}){': ' + detail if detail else ''}; "
            f"try --engine {_other(info)}, or --format dot to inspect the graph"
        )
    return done.stdout


def run_engine_svgs(
    sources: list[str],
    engine: EngineChoice | EngineInfo = "auto",
    *,
    map_name: str = "map",
    timeout: float = DEFAULT_TIMEOUT,
) -> list[str]:
    """Lay out several graphs in as few engine runs as their size allows; return their SVGs.

    The engine reads one graph after another from its input and writes one SVG document
    each, so pages of a diagram cost one process start instead of one each.

    Raises:
        RenderError: the engine is missing, fails, times out, or a graph is too large.
    """
    info = engine if isinstance(engine, EngineInfo) else find_engine(engine)
    batches: list[list[str]] = []
    size = MAX_DOT_BYTES
    for source in sources:
        if size + len(source) > MAX_DOT_BYTES // 2:
            batches.append([])
            size = 0
        batches[-1].append(source)
        size += len(source)
    svgs: list[str] = []
    for batch in batches:
        text = run_engine("\n".join(batch), "svg", info, map_name=map_name, timeout=timeout)
        documents = text.decode("utf-8").split("<?xml")[1:]
        if len(documents) != len(batch):
            raise RenderError(
                f"engine {info.kind} on {map_name}: drew {len(documents)} of {len(batch)} "
                f"pages; try --engine {_other(info)}"
            )
        svgs += ["<?xml" + document for document in documents]
    return svgs


def _engine_args(info: EngineInfo, fmt: Literal["svg", "png"], dpi: int) -> list[str]:
    """The engine's command line: output format, and for PNG the resolution and size cap."""
    args = [str(info.program), f"-T{fmt}", "-q"]
    if fmt == "png":
        dpi = max(36, min(int(dpi), MAX_DPI))
        side = MAX_PNG_SIDE_PX / dpi
        args += [f"-Gdpi={dpi}", f"-Gsize={side:.2f},{side:.2f}"]
    return args


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
            f"{who}: gave up after {timeout:g} s; draw part of the map with --focus ID "
            "--depth N, or try --engine system"
        ) from None
    except OSError as exc:
        raise RenderError(
            f"{who}: cannot run {info.program}: {exc.strerror or exc}; try --engine {_other(info)}"
        ) from None
