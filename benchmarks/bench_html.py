"""Time the HTML page: its own work per node, and end to end (with its diagram) against Argdown.

Usage: ``python benchmarks/bench_html.py [--sizes 30,300,1000,3000] [--runs 3]``.

The first table times what the HTML exporter does itself on wide and deep maps, without
the diagram: the node views, the outline and the template. The second runs
``argmap render -f html`` (the page with its diagram on A4 pages) and the pinned Argdown
CLI's ``argdown html`` (``make argdown``) on the same generated maps, alternating runs,
and prints the medians, the median of the per-pair ratios, and whether the goal (5x
faster than Argdown) is met; then where argmap's time goes, in one process: the pages'
layout (the engine), cleaning their SVG, and the page itself. The third renders big maps
once each (10,000 and 100,000 nodes; ``--big``) in a fresh process and prints CPU and wall
seconds and peak memory against the diagram issue's goals (10,000 nodes under 10 s,
100,000 within 1 GB), and the growth from 1,000 to 10,000 nodes (goal: 12x at most).
``ARGMAP_BENCH_QUICK=1`` skips the big maps.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_html
from argmap.model import ArgumentMap, Node, NodeKind, Relation

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_render import generate as generate_file  # noqa: E402

SIZES = (100, 1000, 5000)
TARGET_PER_NODE = 0.0005
"""Seconds per node the page may take without its diagram (5,000 nodes: 2.5 s)."""

VERSUS_SIZES = (30, 300, 1000, 3000)
GOAL = 5.0
"""How many times faster than Argdown's HTML export the page should be made."""

ARGDOWN = HERE.parent / ".argdown" / "node_modules" / ".bin" / "argdown"

BIG_SIZES = (1000, 10000, 100000)
BIG_SECONDS = 10.0
"""10,000 nodes render to HTML within this (CPU seconds: the machine is shared)."""
BIG_MB = 1024.0
"""Every size renders within this peak resident memory."""
GROWTH = 12.0
"""CPU time may grow this much at most from 1,000 to 10,000 nodes."""

WRAP = """
import json, os, resource, subprocess, sys, threading, time

def tree_rss(root):
    # Resident bytes of ``root`` and every process under it, read from /proc (Linux). A
    # child with its parent's command line has not run its own program yet (between fork
    # and exec it shares its parent's pages): it is not counted a second time.
    children, rss, cmd = {}, {}, {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                with open(f"/proc/{name}/cmdline", "rb") as f:
                    cmd[int(name)] = f.read()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(name))
            rss[int(name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [(root, None)]
    while todo:
        pid, parent = todo.pop()
        if parent is None or cmd.get(pid) != cmd.get(parent):
            total += rss.get(pid, 0)
        todo += [(child, pid) for child in children.get(pid, [])]
    return total

start = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak, running = [0], [os.path.isdir("/proc")]

def sample():
    while running[0]:
        peak[0] = max(peak[0], tree_rss(proc.pid))
        time.sleep(0.2)

watcher = threading.Thread(target=sample, daemon=True)
watcher.start()
try:
    code = proc.wait(timeout=float(sys.argv[1]))
except subprocess.TimeoutExpired:
    proc.kill()
    proc.wait()
    code = None
running[0] = False
watcher.join()
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([code, time.perf_counter() - start, use.ru_utime + use.ru_stime,
                  use.ru_maxrss / 1024, peak[0] / 2**20]))
"""
"""Runs a command in a process of its own: its exit code (None: timed out), wall and CPU
seconds (of it and its children, the engine runs and page workers among them), the peak
resident MB of its largest process, and (on Linux, sampled five times a second) the peak
of all its processes' resident memory summed."""


def generate(count: int, *, deep: bool) -> ArgumentMap:
    """A chain (``deep``) or a fan of ``count`` premises under one thesis."""
    nodes = [Node(id="n0", kind=NodeKind.THESIS, text="The generated thesis.")]
    for i in range(1, count):
        parent = f"n{i - 1}" if deep else "n0"
        text = f"Generated premise {i}, long enough to wrap onto a second line."
        nodes.append(
            Node(
                id=f"n{i}",
                kind=NodeKind.PREMISE,
                text=text,
                parent=parent,
                relation=Relation.SUPPORTS,
            )
        )
    return ArgumentMap(title="bench", nodes=tuple(nodes))


def own_work() -> int:
    """The page without its diagram: per node, within the target."""
    print("the HTML page's own work (no diagram): node views, outline, template")
    render_html(generate(3, deep=False), analyze(generate(3, deep=False)), diagram=False)
    slow = 0
    for deep in (False, True):
        for count in SIZES:
            m = generate(count, deep=deep)
            analysis = analyze(m)
            start = time.perf_counter()
            cpu = time.process_time()
            page = render_html(m, analysis, diagram=False)
            took = time.perf_counter() - start
            cpu = time.process_time() - cpu
            ok = cpu <= TARGET_PER_NODE * count or cpu < 0.2  # CPU: the machine is shared
            slow += not ok
            shape = "deep" if deep else "wide"
            print(
                f"html {shape:4} {count:5} nodes: {took:6.2f} s ({cpu:5.2f} s CPU), "
                f"{len(page) / 1e6:5.1f} MB"
                f"{'' if ok else '  SLOW'}"
            )
    return slow


def _timed(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user and system, the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _cpu() -> tuple[float, float]:
    """CPU seconds so far: this process's, and its children's (the engine runs)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _split(path: Path) -> str:
    """Where one render's CPU time goes, in this process: layout, SVG cleaning, the page.

    The layout is the planner's and the engine's (its CPU in brackets); what follows is
    the HTML page's own work: each page's SVG placed on its page, cleaned (here, in this
    process, not in workers), then the template streamed with the cleaned pages.
    """
    import io

    from markupsafe import Markup

    from argmap.exporters.html import diagram, page
    from argmap.load.maps import load_map
    from argmap.options import RenderOptions

    m = load_map(path)
    analysis = analyze(m)
    options = RenderOptions()
    page._environment().get_template("outline.html")  # loaded once a process, not timed
    start = _cpu()
    svgs, paper = diagram._drawings(m, analysis, options)
    laid = _cpu()
    raw = [svgs[i] for i in range(len(svgs))]
    placed = _cpu()
    total = len(raw)
    clean = [diagram.clean_page(svg, i, total, paper is not None) for i, svg in enumerate(raw)]
    cleaned = _cpu()
    drawn = diagram.Diagram(
        [diagram.DiagramPage(i + 1, Markup(svg)) for i, svg in enumerate(clean)], paper
    )
    out = io.BytesIO()
    keep = page._diagram
    page._diagram = lambda *args: drawn  # type: ignore[assignment]
    try:
        page.stream_html(m, analysis, options, out)
    finally:
        page._diagram = keep  # type: ignore[assignment]
    done = _cpu()
    layout = f"{laid[0] - start[0]:.2f}s ({laid[1] - start[1]:.2f}s)"
    return (
        f"{total:>6} {layout:>17} {placed[0] - laid[0]:>8.2f}s {cleaned[0] - placed[0]:>8.2f}s "
        f"{done[0] - cleaned[0]:>8.2f}s {len(out.getvalue()) / 1e6:>6.1f}"
    )


def versus_argdown(sizes: tuple[int, ...], runs: int) -> int:
    """``argmap render -f html`` against ``argdown html`` on the same maps."""
    from argmap.load.dump import dump_yaml

    if not ARGDOWN.exists():
        print(f"Argdown CLI not installed ({ARGDOWN.name}: run `make argdown`); skipped")
        return 0
    print()
    print(f"html end to end, with the diagram, against Argdown's html export ({runs} runs each)")
    print("(medians; 'faster' is the median of per-pair ratios, by wall clock and by CPU time)")
    print(
        f"{'nodes':>6} {'argmap':>9} {'Argdown':>9} {'faster':>7} "
        f"{'CPU argmap':>11} {'CPU Argdown':>12} {'faster':>7}  goal {GOAL:.0f}x"
    )
    missed = 0
    splits: list[tuple[int, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in sizes:
            path = folder / f"bench-{size}.yaml"
            path.write_text(dump_yaml(generate_file(size)), encoding="utf-8")
            source = folder / f"bench-{size}.argdown"
            argmap = [sys.executable, "-m", "argmap"]
            subprocess.run(
                [*argmap, "export", str(path), "-f", "argdown", "-o", str(source)], check=True
            )
            ours_cmd = [*argmap, "render", str(path), "-f", "html", "-o", str(folder / "a")]
            theirs_cmd = [str(ARGDOWN), "html", str(source), str(folder / "b")]
            ours: list[tuple[float, float]] = []
            theirs: list[tuple[float, float]] = []
            for _ in range(runs):  # alternating, so both meet the same load
                ours.append(_timed(ours_cmd))
                theirs.append(_timed(theirs_cmd))
            cells = []
            for k in (0, 1):  # wall clock, then CPU time
                ratio = statistics.median(t[k] / o[k] for o, t in zip(ours, theirs, strict=True))
                mine = statistics.median(o[k] for o in ours)
                other = statistics.median(t[k] for t in theirs)
                cells.append(f"{mine:>{8 + 2 * k}.2f}s {other:>{8 + 3 * k}.2f}s {ratio:>6.2f}x")
            met = ratio >= GOAL  # judged by CPU time: the machine is shared
            missed += not met
            print(f"{size:>6} {' '.join(cells)}  {'met' if met else 'missed'}", flush=True)
            splits.append((size, _split(path)))
    print()
    print("argmap's html, where the CPU time goes (one process, after loading the map;")
    print("layout with the engine's CPU in brackets; the rest is the HTML page's own work)")
    print(
        f"{'nodes':>6} {'pages':>6} {'layout (engine)':>17} {'place':>9} {'clean':>9} "
        f"{'template':>9} {'MB':>6}"
    )
    for size, row in splits:
        print(f"{size:>6} {row}")
    return missed


def big_maps(sizes: tuple[int, ...], timeout: float) -> int:
    """Render big generated maps to HTML once each: CPU and wall seconds, peak memory."""
    from argmap.load.dump import dump_yaml

    print()
    print(f"html of big maps, one run each in a fresh process (timeout {timeout:.0f} s)")
    print("(peak MB: the largest process's; summed: all its processes' at once, on Linux)")
    print(
        f"{'nodes':>7} {'CPU s':>8} {'wall s':>8} {'peak MB':>8} {'summed':>7} "
        f"{'MB out':>7}  goals"
    )
    missed = 0
    cpu: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in sizes:
            path = folder / f"big-{size}.yaml"
            path.write_text(dump_yaml(generate_file(size)), encoding="utf-8")
            cmd = [sys.executable, "-m", "argmap", "render", str(path), "-f", "html"]
            out = subprocess.run(
                [sys.executable, "-c", WRAP, str(timeout), *cmd, "-o", str(folder)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            code, wall, seconds, largest, summed = json.loads(out)
            mb = max(largest, summed)
            page = folder / f"big-{size}.html"
            written = page.stat().st_size / 1e6 if code == 0 and page.exists() else 0.0
            notes = [f"peak {'<=' if mb <= BIG_MB else 'OVER'} {BIG_MB:.0f} MB"]
            ok = code == 0 and mb <= BIG_MB
            if size == 10000:
                notes.append(f"{'under' if seconds < BIG_SECONDS else 'OVER'} {BIG_SECONDS:.0f} s")
                ok = ok and seconds < BIG_SECONDS
            if code != 0:
                notes.insert(0, "timed out" if code is None else f"FAILED (exit {code})")
            missed += not ok
            cpu[size] = seconds
            print(
                f"{size:>7} {seconds:>8.2f} {wall:>8.2f} {largest:>8.0f} {summed:>7.0f} "
                f"{written:>7.1f}  "
                f"{'; '.join(notes)}: {'met' if ok else 'missed'}",
                flush=True,
            )
    if 1000 in cpu and 10000 in cpu:
        growth = cpu[10000] / cpu[1000]
        print(
            f"growth 1,000 -> 10,000 nodes: {growth:.1f}x (goal {GROWTH:.0f}x at most): "
            f"{'met' if growth <= GROWTH else 'missed'}"
        )
        missed += growth > GROWTH
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, VERSUS_SIZES)))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big", default=",".join(map(str, BIG_SIZES)))
    parser.add_argument("--big-timeout", type=float, default=3600.0)
    args = parser.parse_args()
    slow = own_work()
    sizes = tuple(int(s) for s in args.sizes.split(",") if s)
    versus_argdown(sizes, args.runs)  # goals missed are reported, not failed on
    if os.environ.get("ARGMAP_BENCH_QUICK") != "1":
        big_maps(tuple(int(s) for s in args.big.split(",") if s), args.big_timeout)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
