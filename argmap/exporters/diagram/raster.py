"""SVG diagram -> PNG by a pip-only route that draws every script: resvg with the Noto fonts."""

from __future__ import annotations

import html
import re
from typing import Final

from argmap import rasterworker
from argmap.errors import RenderError
from argmap.rasterworker import FONT_FAMILY, Job

__all__ = ["svg_to_png", "svgs_to_pngs"]

_SIZE: Final = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"', re.S)
EMOJI_FAMILY: Final = "Noto Emoji"
"""The one-colour emoji face; its runs are drawn by :func:`_emoji_run`."""


def _with_fonts(svg: str) -> str:
    """Name the Noto face for every run of text that Noto Sans lacks.

    resvg falls back to another font by itself, but in a line that mixes scripts and
    directions (Latin, then two Arabic words) its fallback loses track and draws boxes;
    a ``<tspan>`` per run, in the face that has it, leaves nothing to fall back for.
    """
    from argmap.exporters.diagram.fonts import fallback_fonts, family_name
    from argmap.exporters.diagram.svgtext import set_text_fonts

    fallbacks = fallback_fonts()

    def draw(opening: str, runs: list[tuple[int, str]]) -> str | None:
        if all(index < 0 for index, _ in runs):
            return None
        parts: list[str] = []
        for index, run in runs:
            if index < 0:
                parts.append(html.escape(run, False))
                continue
            family = family_name(fallbacks[index])
            if family == EMOJI_FAMILY:
                parts.append(_emoji_run(run))
                continue
            parts.append(
                f'<tspan font-family="{html.escape(family)}">{html.escape(run, False)}</tspan>'
            )
        return "".join(parts)

    return set_text_fonts(svg, FONT_FAMILY, fallbacks, draw)


def _emoji_run(run: str) -> str:
    """An emoji run as resvg 0.48 can draw it after other text without panicking.

    In a ``<tspan>`` of its own an emoji sequence trips resvg's layout, so the
    characters that build sequences go: joiners (ZWJ), skin tones and tag characters,
    which the one-colour Noto Emoji draws no differently. Flag letters (regional
    indicators) are left outside, to resvg's own fallback.
    """
    out: list[str] = []
    inside = ""
    for ch in run:
        code = ord(ch)
        if code == 0x200D or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
            continue
        if 0x1F1E6 <= code <= 0x1F1FF:
            if inside:
                out.append(_emoji_tspan(inside))
                inside = ""
            out.append(html.escape(ch, False))
        else:
            inside += ch
    if inside:
        out.append(_emoji_tspan(inside))
    return "".join(out)


def _emoji_tspan(text: str) -> str:
    return f'<tspan font-family="{EMOJI_FAMILY}">{html.escape(text, False)}</tspan>'


def svg_to_png(svg: str, *, dpi: int, max_side_px: int) -> bytes:
    """Rasterize a Graphviz SVG drawing, text set in the Noto fonts argmap ships.

    The bundled engine draws PNG text only with its own Latin, Greek, Cyrillic and
    Hebrew fonts; resvg, given the Noto faces (and no system fonts, so the result is
    the same on every machine), falls back from Noto Sans to whichever face has a
    character: Hangul, CJK, Arabic (shaped), Indic scripts, emoji.

    Args:
        svg: the SVG document, its size in points (as Graphviz writes it).
        dpi: resolution; 72 draws one pixel per point.
        max_side_px: the drawing is scaled down so neither side exceeds this.

    Returns:
        The PNG file's bytes.

    Raises:
        RenderError: the SVG cannot be drawn.
    """
    drawn = rasterworker.draw(_job(svg, dpi, max_side_px))
    if isinstance(drawn, str):
        raise RenderError(f"PNG rasterizing (resvg) failed: {drawn}; try --format svg or pdf")
    return drawn


def svgs_to_pngs(svgs: list[str], *, dpi: int, max_side_px: int) -> list[bytes | RenderError]:
    """Rasterize several SVG drawings as :func:`svg_to_png` does, spread over the cores.

    resvg holds the interpreter while it draws, so once there are enough pages to repay
    starting them, the pages are shared out among worker processes
    (:mod:`argmap.rasterworker`, as many as
    :func:`~argmap.exporters.diagram.engine.drawing_workers` allows); each image is the
    same whichever process draws it.

    Returns:
        Each drawing's PNG bytes, in order, or the RenderError that drawing it raised.
    """
    from argmap.exporters.diagram.engine import drawing_workers

    jobs = [_job(svg, dpi, max_side_px) for svg in svgs]
    workers = min(drawing_workers(), len(jobs) // MIN_PAGES_PER_WORKER)
    if workers <= 1:
        drawn = [rasterworker.draw(job) for job in jobs]
    else:
        from concurrent.futures import ThreadPoolExecutor

        share = -(-len(jobs) // workers)
        shares = [jobs[i : i + share] for i in range(0, len(jobs), share)]
        # Threads only wait here: each share is drawn by a process of its own.
        with ThreadPoolExecutor(len(shares)) as pool:
            drawn = [png for pngs in pool.map(_draw_elsewhere, shares) for png in pngs]
    return [
        RenderError(f"PNG rasterizing (resvg) failed: {d}; try --format svg or pdf")
        if isinstance(d, str)
        else d
        for d in drawn
    ]


MIN_PAGES_PER_WORKER: Final = 6
"""Pages a worker process must have to draw before one is started."""


def _job(svg: str, dpi: int, max_side_px: int) -> Job:
    """Prepare one SVG for resvg: its text in the Noto faces, its zoom under the size cap."""
    from argmap.exporters.diagram.fonts import font_files

    size = _SIZE.search(svg)
    zoom = 1.0
    if size is not None:
        longest_px = max(float(size.group(1)), float(size.group(2))) * dpi / 72
        if longest_px > max_side_px:
            zoom = max_side_px / longest_px
    return _with_fonts(svg), float(dpi), zoom, [str(path) for path in font_files()]


def _draw_elsewhere(jobs: list[Job]) -> list[bytes | str]:
    """Draw jobs in a worker process; a worker that fails leaves a message for each job."""
    import pickle
    import subprocess
    import sys

    try:
        done = subprocess.run(
            [sys.executable, "-m", "argmap.rasterworker"],
            input=pickle.dumps(jobs, protocol=pickle.HIGHEST_PROTOCOL),
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        return [f"cannot start a worker: {exc}"] * len(jobs)
    if done.returncode != 0:
        detail = " ".join(done.stderr.decode("utf-8", "replace").split()[-12:])
        return [f"the worker stopped (exit {done.returncode}): {detail}"] * len(jobs)
    drawn: list[bytes | str] = pickle.loads(done.stdout)
    return drawn
