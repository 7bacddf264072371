"""Does each page read as a tree? Crossings, overlaps, placement, aspect and fill per map.

Every map is fitted to slides and laid out by the engine; each page's SVG is read back
(:mod:`argmap.exporters.diagram.geometry`) and counted: tree edges that cross (on every
page, and on the overview a room sees first), tree edges that go round other boxes, boxes
that overlap, children drawn above their parent or siblings out of file order, the
drawings' median aspect (width / height) and the share of the page they fill at the
scale they are shown at; the overview's stubs (one a branch, and grouped ones), and the
pages shown below the legibility floor.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_render import generate  # noqa: E402

from argmap.analysis.standing import analyze  # noqa: E402
from argmap.exporters.diagram import geometry  # noqa: E402
from argmap.exporters.diagram.engine import find_engine  # noqa: E402
from argmap.exporters.diagram.fitting import lay_out  # noqa: E402
from argmap.load.maps import load_map  # noqa: E402
from argmap.load.validate import validate_data  # noqa: E402
from argmap.model import ArgumentMap  # noqa: E402
from argmap.options import RenderOptions  # noqa: E402

MAPS = HERE.parent / "maps"
CASES = [
    ("flagship", "slide"),
    ("flagship", "a4"),
    ("flagship", "a4-portrait"),
    ("flagship", "letter"),
    ("flagship", "a3"),
    ("flagship", "a4-lr"),
    ("flagship", "slide-lr"),
    ("uniforms", "a4"),
    ("uniforms", "slide"),
    ("120", "slide"),
    ("400", "slide"),
    ("1500", "slide"),
]
FILES = {"flagship": "russias-game-in-north-korea.yaml", "uniforms": "school-uniforms.yaml"}


def load(name: str) -> ArgumentMap:
    """A named map of the repository, or a generated map of that many nodes."""
    return load_map(MAPS / FILES[name]) if name in FILES else validate_data(generate(int(name)))


def measure(name: str, fit: str) -> str:
    """One table row: the map's pages and their layout figures."""
    m = load(name)
    paper, _, turn = fit.partition("-")
    options = RenderOptions(portrait=turn == "portrait", direction="LR" if turn == "lr" else "TB")
    layout = lay_out(m, analyze(m), options, paper, find_engine("auto"))  # type: ignore[arg-type]
    order = {node.id: i for i, node in enumerate(m.walk())}
    edges = crossed = overlapping = above = unordered = detoured = 0
    fills: list[float] = []
    aspects: list[float] = []
    for page in layout.pages:
        edges += len(geometry.tree_edges(page.svg))
        crossed += geometry.crossings(page.svg)
        detoured += geometry.detours(page.svg, turn == "lr")
        overlapping += geometry.overlaps(page.svg)
        wrong_rank, wrong_order = geometry.misplaced(page.svg, order, turn == "lr")
        above += wrong_rank
        unordered += wrong_order
        scale = layout.scale(page)
        fills.append(page.width * page.height * scale**2 / layout.size.width / layout.size.height)
        aspects.append(page.width / page.height)
    overview = geometry.crossings(layout.pages[0].svg)
    stubs = layout.pages[0].plan.page.stubs
    grouped = sum(1 for stub in stubs if stub.grouped)
    small = sum(1 for page in layout.pages if layout.scale(page) < layout.budget.scale * 0.999)
    return (
        f"| {name} | {len(m)} | {fit} | {len(layout.pages)} | {len(m) / len(layout.pages):.1f} "
        f"| {edges} | {crossed} | {overview} | {detoured} "
        f"| {overlapping} | {above} | {unordered} | {sorted(aspects)[len(aspects) // 2]:.2f} "
        f"| {sum(fills) / len(fills):.0%} | {len(stubs) - grouped} + {grouped} | {small} |"
    )


def main() -> int:
    print(
        "| map | nodes | fit | pages | nodes a page | tree edges | crossings | on overview "
        "| edges going round "
        "| overlaps | child above parent | siblings out of order | aspect | fill "
        "| page 1 stubs (own + grouped) | pages under the floor |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, fit in CASES:
        print(measure(name, fit), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
