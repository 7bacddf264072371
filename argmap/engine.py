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
    "BUNDLED_PROGRAM",
    "MAX_DOT_BYTES",
    "EngineInfo",
    "engine_version",
    "find_engine",
    "run_engine",
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


@dataclass(frozen=True)
class EngineInfo:
    """A runnable Graphviz engine: which kind it is and where its program lives."""

    kind: Literal["bundled", "system"]
    program: Path


def _bundled() -> Path | None:
    exe = Path(sys.executable).parent / BUNDLED_PROGRAM
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
    args = [str(info.program), f"-T{fmt}", "-q"]
    if fmt == "png":
        dpi = max(36, min(int(dpi), MAX_DPI))
        side = MAX_PNG_SIDE_PX / dpi
        args += [f"-Gdpi={dpi}", f"-Gsize={side:.2f},{side:.2f}"]
    try:
        done = subprocess.run(
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
            f"{who}: cannot run {info.program}: {exc.strerror or exc}; try --engine "
            f"{'system' if info.kind == 'bundled' else 'bundled'}"
        ) from None
    if done.returncode != 0 or not done.stdout:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split())[:300]
        raise RenderError(
            f"{who}: failed (exit {done.returncode}){': ' + detail if detail else ''}; "
            f"try --engine {'system' if info.kind == 'bundled' else 'bundled'}, or --format dot "
            "to inspect the graph"
        )
    return done.stdout
