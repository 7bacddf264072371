"""resvg drawing of prepared SVGs, in this process or as a worker process that needs only resvg.

Run as ``python -m argmap.rasterworker``: it reads a pickled list of jobs from standard
input and writes the pickled list of results to standard output. It imports nothing of
argmap beyond this module, so a worker starts in a few hundredths of a second.
"""

from __future__ import annotations

import pickle
import sys

__all__ = ["FONT_FAMILY", "Job", "draw", "main"]

FONT_FAMILY = "Noto Sans"
"""The face every text is set in, and the default for any text that names none."""

Job = tuple[str, float, float, list[str]]
"""One SVG to draw: the SVG (its text already in the Noto faces), dpi, zoom, font files."""


def draw(job: Job) -> bytes | str:
    """Draw one prepared SVG with resvg; its PNG bytes, or what went wrong in one line."""
    import resvg_py

    svg, dpi, zoom, fonts = job
    try:
        data = resvg_py.svg_to_bytes(
            svg_string=svg,
            dpi=dpi,
            zoom=zoom,
            skip_system_fonts=True,
            font_files=fonts,
            font_family=FONT_FAMILY,
            sans_serif_family=FONT_FAMILY,
        )
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        # resvg raises ValueError for a bad SVG, and a pyo3 PanicException (not an
        # Exception) when its text layout trips; the user needs one line either way.
        return " ".join(str(exc).split())[:200] or type(exc).__name__
    return bytes(data)


def main() -> int:
    """Draw the jobs pickled on standard input; pickle the results to standard output."""
    jobs: list[Job] = pickle.load(sys.stdin.buffer)
    pickle.dump([draw(job) for job in jobs], sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
