"""Diagrams fitted to pages: pages, time, memory, legibility and layout quality per map and fit.

For each map and page size: the pages made, the seconds and peak memory of planning and laying
them out (in a fresh process), the smallest scale a page is shown at against the legibility
floor, how much of the page the drawings fill, how long and tall they are (aspect), and the
crossings of tree edges on the overview page (the page a room sees first).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAPS = HERE.parent / "maps"

CASES = [
    ("flagship", "slide"),
    ("flagship", "a4"),
    ("uniforms", "letter"),
    ("120", "slide"),
    ("400", "slide"),
    ("1500", "slide"),
    ("1500", "a4"),
    ("10000", "slide"),  # about a minute today; the goal is under 10 s
]

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {here!r})
from bench_render import generate
from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out, page_svg
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.options import RenderOptions
name, fit = sys.argv[1], sys.argv[2]
paths = {{"flagship": "russias-game-in-north-korea.yaml", "uniforms": "school-uniforms.yaml"}}
m = load_map({maps!r} + "/" + paths[name]) if name in paths else validate_data(generate(int(name)))
start = time.perf_counter()
layout = lay_out(m, analyze(m), RenderOptions(), fit, find_engine("auto"))
seconds = time.perf_counter() - start
fills, aspects = [], []
for page in layout.pages:
    scale = layout.scale(page)
    fills.append(page.width * page.height * scale * scale / layout.size.width / layout.size.height)
    aspects.append(page.width / page.height)
print(json.dumps({{
    "nodes": len(m), "pages": len(layout.pages), "seconds": seconds,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "min_scale": min(layout.scale(p) for p in layout.pages), "floor": layout.budget.scale,
    "fill": sum(fills) / len(fills), "aspect": sorted(aspects)[len(aspects) // 2],
    "overview": page_svg(layout, layout.pages[0]),
}}))
"""


def crossings(svg: str) -> int:
    """Count crossings between tree edges, each taken as the line from its start to its end."""
    segments = []
    for path in re.findall(
        r'<g id="edge\d+" class="edge (?:supports|attacks)[^"]*">.*?d="([^"]+)"', svg, re.S
    ):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
        if len(numbers) >= 4:
            segments.append(((numbers[0], numbers[1]), (numbers[-2], numbers[-1])))
    count = 0
    for i, (a, b) in enumerate(segments):
        for c, d in segments[i + 1 :]:
            if {a, b} & {c, d}:
                continue
            if _cross(a, b, c, d):
                count += 1
    return count


def _cross(
    a: tuple[float, float], b: tuple[float, float], c: tuple[float, float], d: tuple[float, float]
) -> bool:
    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def main() -> int:
    child = CHILD.format(here=str(HERE), maps=str(MAPS))
    print(
        "| map | nodes | fit | pages | seconds | peak MB | min scale / floor | fill | aspect "
        "| overview crossings |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, fit in CASES:
        done = subprocess.run(
            [sys.executable, "-c", child, name, fit], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            print(f"| {name} | | {fit} | failed: {done.stderr.strip().splitlines()[-1]} |")
            continue
        r = json.loads(done.stdout)
        ok = "met" if r["min_scale"] >= r["floor"] - 1e-9 else "MISSED"
        print(
            f"| {name} | {r['nodes']} | {fit} | {r['pages']} | {r['seconds']:.2f} | "
            f"{r['peak_mb']:.0f} | {r['min_scale']:.2f} / {r['floor']:.2f} ({ok}) | "
            f"{r['fill']:.0%} | {r['aspect']:.2f} | {crossings(r['overview'])} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
