"""CPU time of the SVG post-passes a page, over the engine's own drawings of big A4 maps.

Each map is laid out on A4 pages once, keeping every batch of drawings the engine returns
as it came (before any pass); then the five passes run over those batches in the order
the engine's caller chains them (text placed, edges moved off the borders of boxes they
run along, arrowheads spread, edges ended at a breadcrumb's rows, edges round a
breadcrumb's column, linked groups' captions clear of edges), each timed on its own, best of
``RUNS``. CPU seconds, one thread: no other work and no other thread takes its share.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import generate

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import formats, svgtext
from argmap.exporters.diagram.edgeheads import spread_heads
from argmap.exporters.diagram.groupcaptions import clear_captions
from argmap.exporters.diagram.offborders import clear_borders
from argmap.exporters.diagram.svgedits import each_drawing
from argmap.exporters.diagram.traillanes import route_lanes
from argmap.exporters.diagram.trailrows import end_at_rows
from argmap.load.validate import validate_data
from argmap.options import RenderOptions

SIZES = (1500, 10000)
RUNS = 3
PASSES: list[tuple[str, Callable[[str], str]]] = [
    ("place_text", svgtext.place_text),
    ("clear_borders", lambda svg: each_drawing(svg, clear_borders)),
    ("spread_heads", spread_heads),
    ("end_at_rows", end_at_rows),
    ("route_lanes", route_lanes),
    ("clear_captions", clear_captions),
]


def engine_batches(nodes: int) -> list[str]:
    """The engine's drawings of a generated map laid out on A4, batch by batch, unedited."""
    kept: list[str] = []
    first = svgtext.place_text

    def keep(svg: str) -> str:
        kept.append(svg)
        return first(svg)

    svgtext.place_text = keep  # the first pass: it sees each batch as the engine drew it
    # One core: a big map's pages are otherwise laid out (and passed over) by worker
    # processes, whose batches this process never sees (10,000 nodes: 12 of 1,788 pages).
    pin = getattr(os, "sched_setaffinity", None)
    cores = os.sched_getaffinity(0) if pin is not None else set()
    if pin is not None:
        pin(0, {min(cores)})
    try:
        m = validate_data(generate(nodes))
        formats._pages(m, analyze(m), RenderOptions(), "a4")
    finally:
        svgtext.place_text = first
        if pin is not None:
            pin(0, cores)
    return kept


def pass_times(batches: list[str]) -> dict[str, float]:
    """Each pass's CPU seconds over every batch (fed the passes before it), best of RUNS."""
    best: dict[str, float] = {}
    for _ in range(RUNS):
        stage = batches
        for name, run in PASSES:
            start = time.process_time()
            stage = [run(svg) for svg in stage]
            spent = time.process_time() - start
            best[name] = min(best.get(name, spent), spent)
    return best


def main() -> int:
    names = [name for name, _ in PASSES]
    print("SVG post-passes over the engine's drawings of A4 pages: CPU ms a page, best of 3")
    print("| nodes | pages | " + " | ".join(names) + " | all passes | all, s |")
    print("|---|---|" + "---|" * (len(names) + 2))
    for nodes in SIZES:
        batches = engine_batches(nodes)
        pages = sum(svg.count("</svg>") for svg in batches)
        times = pass_times(batches)
        total = sum(times.values())
        cells = " | ".join(f"{1000 * times[name] / pages:.2f}" for name in names)
        print(
            f"| {nodes} | {pages} | {cells} | {1000 * total / pages:.2f} | {total:.2f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
