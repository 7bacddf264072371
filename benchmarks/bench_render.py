"""Time `argmap render --format svg` against the bare engine on the DOT argmap wrote."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from argmap.engine import find_engine
from argmap.io import dump_yaml

SIZES = (30, 300, 1000, 3000)
RUNS = 3
TARGET = 1.3


def generate(count: int) -> dict[str, Any]:
    """A map file of ``count`` nodes: reasons with evidence, objections and rebuttals."""
    made = 1
    thesis: dict[str, Any] = {"id": "n0", "text": "The generated thesis holds for every case."}
    queue: list[tuple[dict[str, Any], int]] = [(thesis, 0)]
    head = 0
    while made < count:
        entry, level = queue[head % len(queue)]
        head += 1
        key = ("premises", "evidence", "objections")[made % 3]
        if level > 0 and made % 7 == 0:
            key = "objections"
        child: dict[str, Any] = {
            "id": f"n{made}",
            "text": f"Generated statement number {made}, long enough to wrap onto two lines.",
        }
        if key == "evidence":
            child["basis"] = "statistic"
            child["quote"] = f"Quoted words for item {made}"
            child["citation"] = {"outlet": "Bench Gazette", "date": "January 1"}
        entry.setdefault(key, []).append(child)
        made += 1
        if key != "evidence":
            queue.append((child, level + 1))
    return {"title": f"Generated map of {count} nodes", "thesis": thesis}


def best(cmd: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    engine = find_engine("bundled").program
    argmap = [sys.executable, "-m", "argmap"]
    print(f"{'nodes':>6} {'argmap render svg':>18} {'bare engine':>12} {'ratio':>6}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in SIZES:
            path = folder / f"bench-{size}.yaml"
            path.write_text(dump_yaml(generate(size)), encoding="utf-8")
            out = folder / "out"
            subprocess.run([*argmap, "render", str(path), "-f", "dot", "-o", str(out)], check=True)
            dot = out / f"bench-{size}.dot"
            ours = best([*argmap, "render", str(path), "-f", "svg", "-o", str(out)])
            bare = best([str(engine), "-Tsvg", str(dot), "-o", str(folder / "bare.svg")])
            ratio = ours / bare
            worst = max(worst, ratio)
            print(f"{size:>6} {ours:>17.3f}s {bare:>11.3f}s {ratio:>5.2f}x", flush=True)
    print(f"worst ratio {worst:.2f}x (target {TARGET}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
