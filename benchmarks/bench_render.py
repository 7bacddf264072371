"""Time `argmap render --format svg` against the bare engine on the DOT argmap wrote."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.load.dump import dump_yaml

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


STAGES = ("start-up", "parse", "validate", "DOT", "engine")


RENDER_IMPORTS = (
    "import argmap.cli, argmap.cli.render, argmap.exporters.diagram.engine, "
    "argmap.exporters.diagram.formats, argmap.load.parse, argmap.pipeline, argmap.load.validate, "
    "argmap.exporters.diagram.dot, ruamel.yaml"
)


def stage_times(path: str) -> dict[str, float]:
    """Time the stages of one render after the imports, in this process, in seconds."""
    exec(RENDER_IMPORTS)  # import first, so that the stages below time work, not imports
    from argmap.exporters.diagram.engine import run_engine
    from argmap.exporters.diagram.formats import to_dot
    from argmap.load.files import read_map_text
    from argmap.load.parse import parse_text
    from argmap.load.validate import validate_parsed

    times: dict[str, float] = {}
    now = time.perf_counter()
    parsed = parse_text(read_map_text(path), path)
    times["parse"], now = time.perf_counter() - now, time.perf_counter()
    m = validate_parsed(parsed)
    times["validate"], now = time.perf_counter() - now, time.perf_counter()
    dot = to_dot(m, analyze(m))
    times["DOT"], now = time.perf_counter() - now, time.perf_counter()
    run_engine(dot, "svg", "bundled")
    times["engine"] = time.perf_counter() - now
    return times


def best_stages(path: Path) -> dict[str, float]:
    """Per stage, the best of ``RUNS`` fresh processes.

    ``start-up`` is a fresh interpreter that only imports what a render needs.
    """
    best_of = {"start-up": best([sys.executable, "-c", RENDER_IMPORTS])}
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, __file__, "--stages", str(path)],
            check=True,
            capture_output=True,
            text=True,
        )
        for name, value in json.loads(done.stdout).items():
            best_of[name] = min(best_of.get(name, value), value)
    return best_of


def main() -> int:
    engine = find_engine("bundled").program
    argmap = [sys.executable, "-m", "argmap"]
    print("argmap render --format svg, end to end, against the bare engine on argmap's DOT")
    print(f"{'nodes':>6} {'argmap render svg':>18} {'bare engine':>12} {'ratio':>6}")
    worst = 0.0
    stage_rows: list[tuple[int, dict[str, float]]] = []
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
            stage_rows.append((size, best_stages(path)))
        print(f"worst ratio {worst:.2f}x (target {TARGET}x)")
        print()
        print("where the time goes (seconds, best of each stage in fresh processes)")
        print(
            f"{'nodes':>6} " + " ".join(f"{name:>9}" for name in STAGES) + f" {'own/engine':>11}"
        )
        for size, times in stage_rows:
            own = sum(times[name] for name in STAGES if name != "engine")
            cells = " ".join(f"{times[name]:>9.3f}" for name in STAGES)
            print(f"{size:>6} {cells} {own / times['engine']:>10.2f}x")
        print(
            f"own = every stage but the engine; {TARGET}x end to end needs own/engine at most "
            f"{TARGET - 1:.2f}x"
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--stages":
        print(json.dumps(stage_times(sys.argv[2])))
        sys.exit(0)
    sys.exit(main())
