"""One drawing of a wide map (``--fit none``) in rows: siblings' order, crossings, detours, time.

Each map is drawn unfitted in each direction, as ``argmap render MAP -f svg`` draws it, and
its SVG read back (:mod:`argmap.exporters.diagram.geometry`): children not beyond their
parent, pairs of siblings out of file order (reading their rows in order, then along
each row), tree edges that cross, edges into one parent that cross before they meet,
tree edges that go round other boxes, boxes that overlap, edges through a box not
theirs, the drawing's size, and the CPU time of argmap and the engine. The maps:
generated maps of 120, 400 and 1,500 statements, a thesis with sixty reasons each with
its evidence, and the repository's two (left as they are: not wide).
"""

from __future__ import annotations

import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_render import generate  # noqa: E402

from argmap.analysis.standing import analyze  # noqa: E402
from argmap.exporters.diagram import geometry  # noqa: E402
from argmap.exporters.diagram.formats import render_svg, to_dot  # noqa: E402
from argmap.load.maps import load_map  # noqa: E402
from argmap.load.validate import validate_data  # noqa: E402
from argmap.model import ArgumentMap  # noqa: E402
from argmap.options import RenderOptions  # noqa: E402

MAPS = ("120", "400", "1500", "wide60", "flagship", "uniforms")
DIRECTIONS = ("TB", "LR", "BT", "RL")
FILES = {"flagship": "russias-game-in-north-korea.yaml", "uniforms": "school-uniforms.yaml"}


def wide(reasons: int) -> dict[str, Any]:
    """A thesis with ``reasons`` reasons, each with one piece of evidence (a ribbon unwrapped)."""
    premises = [
        {
            "id": f"r{i}",
            "text": f"Reason {i}: a claim of a line or two that the thesis rests on, {i}.",
            "evidence": [{"id": f"e{i}", "text": f"Evidence {i}: a survey found as much, {i}."}],
        }
        for i in range(1, reasons + 1)
    ]
    thesis = {"id": "t", "text": "The thesis these reasons support.", "premises": premises}
    return {"title": "A very wide map", "thesis": thesis}


def load(name: str) -> ArgumentMap:
    """A repository map, the sixty reasons (``wide60``), a map file, or a generated map of N."""
    if name.endswith((".yaml", ".yml")):
        return load_map(Path(name))
    if name in FILES:
        return load_map(HERE.parent / "maps" / FILES[name])
    if name.startswith("wide"):
        return validate_data(wide(int(name.removeprefix("wide"))))
    return validate_data(generate(int(name)))


def cpu() -> float:
    """CPU seconds spent so far by this process and the engine runs it waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def measure(m: ArgumentMap, direction: str) -> dict[str, Any]:
    """The figures of one unfitted drawing of ``m`` (see the module's docstring)."""
    order = {node.id: i for i, node in enumerate(m.walk())}
    across = direction in ("LR", "RL")
    start, wall = cpu(), time.perf_counter()
    svg = render_svg(m, analyze(m), RenderOptions(direction=direction))
    spent, wall = cpu() - start, time.perf_counter() - wall
    beyond, unordered = geometry.misplaced(svg, order, across, direction in ("BT", "RL"))
    size = re.search(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', svg)
    return {
        "rows": "ordering" in to_dot(m, analyze(m), RenderOptions(direction=direction)),
        "beyond": beyond,
        "unordered": unordered,
        "crossings": geometry.crossings(svg),
        "meeting": geometry.meeting_crossings(svg),
        "detours": geometry.detours(svg, across),
        "overlaps": geometry.overlaps(svg),
        "through": geometry.through_boxes(svg),
        "size": f"{float(size.group(1)):.0f} x {float(size.group(2)):.0f}" if size else "?",
        "cpu": spent,
        "wall": wall,
    }


def main() -> int:
    print(
        "| map | nodes | direction | in rows | child not beyond parent | siblings out of order "
        "| crossings | siblings' edges crossing | edges going round | overlaps "
        "| edges through boxes | size (pt) | CPU s | wall s |"
    )
    print("|---" * 14 + "|")
    for name in sys.argv[1:] or MAPS:
        m = load(name)
        for direction in DIRECTIONS:
            f = measure(m, direction)
            print(
                f"| {name} | {len(m)} | {direction} | {'yes' if f['rows'] else 'no'} "
                f"| {f['beyond']} | {f['unordered']} | {f['crossings']} | {f['meeting']} "
                f"| {f['detours']} | {f['overlaps']} | {f['through']} | {f['size']} "
                f"| {f['cpu']:.2f} | {f['wall']:.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
