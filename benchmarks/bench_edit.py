"""Time `add_node` (lock, validate, splice, re-validate, atomic write) against `load_map`,
and `argmap add`, `edit` and `remove` against `argmap validate` on a 10,000-node map (the
goal: 2x)."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_render import generate

from argmap.editing.add import NewNode, add_node
from argmap.load.dump import dump_yaml
from argmap.load.maps import load_map
from argmap.load.parse import make_yaml
from argmap.model import NodeKind

SIZES = (30, 300, 1000, 10000)
RUNS = 3
"""In process (figures only, no goal): an add is two loads (the file, then the spliced text)
and a pass of the C parser's events up to the target's end, for the layout, so about 2-2.5x
a load on big maps; on small ones the lock and the atomic write (a few ms) weigh more."""
CLI_SIZE = 10000
CLI_RUNS = 5
CLI_TARGET = 2.0
"""``argmap add`` against ``argmap validate`` as commands: both pay the start-up."""


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            path = Path(folder) / f"map-{size}.yaml"
            path.write_text(dump_yaml(generate(size)), encoding="utf-8")
            load = min(_time(lambda path=path: load_map(path)) for _ in range(RUNS))
            text = path.read_text(encoding="utf-8")
            round_trip = (
                min(_time(lambda text=text: make_yaml().load(text)) for _ in range(RUNS))
                if size <= 1000
                else float("nan")  # minutes at 10,000 nodes; the add no longer needs it
            )
            adds = []
            for run in range(RUNS):
                new = NewNode(
                    NodeKind.OBJECTION,
                    f"Benchmark objection {run}.",
                    to="n1",
                    author="Bench",
                    added=dt.date(2026, 1, 1),
                )
                adds.append(_time(lambda new=new, path=path: add_node(path, new)))
            add = min(adds)
            ratio = add / load
            print(
                f"{size:5} nodes: load {load:6.3f} s, add {add:6.3f} s ({ratio:.1f}x a load); "
                f"a round-trip parse (the fallback's layout): {round_trip:6.3f} s"
            )
        cli = _cli_ratio(Path(folder))
    return 0 if cli <= CLI_TARGET else 1


def _cli_ratio(folder: Path) -> float:
    """Time ``argmap add``, ``edit`` and ``remove`` against ``argmap validate``, alternating.

    Each run adds an objection, edits its text and removes it again, on a fresh 10,000-node
    map; returns the largest of the three median ratios.
    """
    path = folder / f"cli-{CLI_SIZE}.yaml"
    text = dump_yaml(generate(CLI_SIZE))
    argmap = [sys.executable, "-m", "argmap"]
    env = {**os.environ, "ARGMAP_AUTHOR": "Bench"}
    times: dict[str, list[float]] = {"validate": [], "add": [], "edit": [], "remove": []}
    for run in range(CLI_RUNS):
        path.write_text(text, encoding="utf-8")
        times["validate"].append(_time(lambda: _run([*argmap, "validate", str(path)], env)))
        to = ("n1", "n0", f"n{CLI_SIZE // 2}")[run % 3]
        new_id = f"bench-objection-{run}"
        commands = {
            "add": ["add", "objection", str(path), "--to", to, "--text", "Bench objection."],
            "edit": ["edit", str(path), new_id, "--text", "Bench objection, reworded."],
            "remove": ["remove", str(path), new_id],
        }
        commands["add"] += ["--id", new_id]
        for name, command in commands.items():
            times[name].append(_time(lambda command=command: _run([*argmap, *command], env)))
    validate = statistics.median(times["validate"])
    print(f"{CLI_SIZE:,} nodes, as commands (median of {CLI_RUNS} alternating runs):")
    print(f"  validate {validate:.2f} s")
    worst = 0.0
    for name in ("add", "edit", "remove"):
        pairs = zip(times[name], times["validate"], strict=True)
        ratio = statistics.median(t / v for t, v in pairs)
        worst = max(worst, ratio)
        verdict = "ok" if ratio <= CLI_TARGET else "SLOW"
        print(
            f"  {name:8} {statistics.median(times[name]):.2f} s, {ratio:.2f}x a validate "
            f"(goal <= {CLI_TARGET}x): {verdict}"
        )
    return worst


def _run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
