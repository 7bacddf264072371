"""Diagrams fitted to pages: pages, time, memory, legibility and layout quality per map and fit.

For each map and page size: the pages made (and nodes a page), the seconds and peak memory
of planning and laying them out (in a fresh process), the smallest scale a page is shown at
against the legibility floor, how much of the page the drawings fill, how long and tall they
are (aspect), the crossings of tree edges on the overview page (the page a room sees
first), and the pages that draw one leaf alone (no stub: a page turned for one box). Then
whole renders of 10,000- and 100,000-node maps to PDF and PNG pages.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from argmap.exporters.diagram.geometry import crossings

HERE = Path(__file__).resolve().parent
MAPS = HERE.parent / "maps"

CASES = [
    ("flagship", "slide"),
    ("flagship", "a4"),
    ("flagship", "a4-portrait"),
    ("flagship", "letter-portrait"),
    ("flagship", "a4-lr"),
    ("flagship", "a4-portrait-lr"),
    ("flagship", "slide-portrait"),
    ("flagship", "slide-portrait-lr"),
    ("uniforms", "letter"),
    ("uniforms", "a4-portrait"),
    ("120", "slide"),
    ("400", "slide"),
    ("400", "a4-portrait-lr"),
    ("1500", "slide"),
    ("1500", "a4"),
]

RENDERS = [
    ("flagship", "png", "slide"),
    ("1500", "png", "slide"),
    ("10000", "png", "slide"),
]
"""Whole renders of big maps: the issue asks for 10,000 nodes in under 10 s each, and
100,000 nodes to PDF within 1 GB (PDF: see PDF_RENDERS). PNG slides also for the flagship
and 1,500 nodes, where the cost of drawing a page shows; ``ARGMAP_BENCH_QUICK=1`` leaves out
the 10,000-node PNG row."""

QUICK = os.environ.get("ARGMAP_BENCH_QUICK") == "1" or "--quick" in sys.argv
PDF_RENDERS = [1000, 10000] if QUICK else [1000, 10000, 100000]
"""Node counts of the whole A4 PDF renders timed stage by stage (quick: no 100,000)."""
HTML_STAGED_MAX = 10000
"""The largest map whose HTML page is also timed stage by stage."""
THREADS_ROW = 10000
"""The map whose PDF is also timed with every page laid out in this process's threads (no
layout worker: the passes over the engine's SVG share the interpreter with the planner)."""
GOAL_NODES = 10000
GOAL_SECONDS = 10.0
"""Issue 13's goal: a map of :data:`GOAL_NODES` nodes to A4 PDF, to HTML and to slide PNG
pages, each in under :data:`GOAL_SECONDS` of wall time (the whole-render table and the
commands timed as a user runs them mark it met or missed)."""
GOAL_COMMANDS = [("pdf", ["-f", "pdf", "--fit", "a4"]), ("html", ["-f", "html"])]
"""The whole commands timed against :data:`GOAL_SECONDS`, as a user runs them."""

if QUICK:
    RENDERS.remove(("10000", "png", "slide"))

STAGED_RENDER = r"""
import json, os, resource, sys, tempfile, time
sys.path.insert(0, {here!r})
from bench_render import generate
from argmap.analysis.standing import analyze
from argmap.exporters.diagram import enginepool, fitting, formats, pdf
from argmap.exporters.html import page
from argmap.load.validate import validate_data
from argmap.options import RenderOptions
fmt, nodes, how = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
m = validate_data(generate(nodes))
analysis = analyze(m)
if "after" in how:  # the pages drawn to another format first, in this process (pdf,html)
    formats._pages(m, analysis, RenderOptions(), "a4")
if "threads" in how:  # every page laid out in this process's threads, no worker process
    fitting.LAYOUT_WORKERS_FROM = 1 << 62
spent = {{"plan": 0.0, "dot": 0.0, "fonts": 0.0}}
inside = []  # the timed calls under way: a call's time is its own, not its caller's
def timed(key, fn):
    def run(*args, **kwargs):
        start = time.thread_time()
        inside.append(0.0)
        try:
            return fn(*args, **kwargs)
        finally:
            took = time.thread_time() - start
            spent[key] += took - inside.pop()
            if inside:
                inside[-1] += took
    return run
def children():
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime
from argmap.exporters.diagram import pageworkers
workers = []  # the worker processes started: their CPU counts when reaped, or read live
started = pageworkers.Worker.__init__
def noted(self, name):
    started(self, name)
    workers.append(self.process.pid)
pageworkers.Worker.__init__ = noted
def live():  # CPU seconds of the workers still running (Linux: /proc; else 0)
    total = 0.0
    for pid in workers:
        try:
            with open(f"/proc/{{pid}}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total
def planning(fn):  # the engine's CPU seconds while pages are planned: runs overlapped
    def run(*args, **kwargs):
        start = children() + live()
        try:
            return fn(*args, **kwargs)
        finally:
            spent["overlap"] += children() + live() - start
    return run
spent["overlap"] = 0.0
fitting.paginate = timed("plan", planning(fitting.paginate))
fitting.to_digraph = timed("dot", fitting.to_digraph)
pdf._Fonts.embed = timed("fonts", pdf._Fonts.embed)
laid = [0, 0]
drawings = enginepool.LayoutQueue._drawings  # every run, here or in a worker
def counted(queue, sources):
    laid[0] += len(sources)
    laid[1] += 1
    return drawings(queue, sources)
enginepool.LayoutQueue._drawings = counted
wall, own, child = time.perf_counter(), time.process_time(), children()
main = time.thread_time()
layout = formats._pages(m, analysis, RenderOptions(), "a4")
layout_wall = time.perf_counter() - wall
layout_main = time.thread_time() - main
layout_cpu, engine_cpu = time.process_time() - own, children() - child
planned_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
pages = len(layout.pages)
formats._pages = lambda *args, **kwargs: layout  # the page writes what was laid out
wall, own, child = time.perf_counter(), time.process_time(), children()
main = time.thread_time()
with tempfile.TemporaryFile() as out:  # streamed to its file, as the command does
    if fmt == "pdf":
        formats.stream_pdf(m, analysis, RenderOptions(), out)
    else:
        page.stream_html(m, analysis, RenderOptions(), out)
    size = out.tell()
print(json.dumps({{
    "nodes": len(m), "pages": pages, "layout_wall": layout_wall, "layout_cpu": layout_cpu,
    "engine": engine_cpu, "write_wall": time.perf_counter() - wall,
    "write_cpu": time.process_time() - own, "workers": children() - child, **spent,
    "layout_main": layout_main, "write_main": time.thread_time() - main, "laid": laid[0],
    "runs": laid[1],
    "mb": size / 1e6, "planned_mb": planned_mb,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}}))
"""

RENDER = r"""
import json, resource, sys, time
sys.path.insert(0, {here!r})
from bench_render import generate
from argmap.analysis.standing import analyze
from argmap.exporters.diagram.formats import render_pdf, render_png
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.options import RenderOptions
name, fmt, fit = sys.argv[1:4]
flagship = {maps!r} + "/russias-game-in-north-korea.yaml"
m = load_map(flagship) if name == "flagship" else validate_data(generate(int(name)))
analysis = analyze(m)
def cpu(who):
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime
start, own, engine = time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
render = render_pdf if fmt == "pdf" else render_png
out = render(m, analysis, RenderOptions(fit=fit))
print(json.dumps({{
    "nodes": len(m), "pages": len(out) if isinstance(out, list) else out.count(b"/Type /Page\n"),
    "seconds": time.perf_counter() - start, "cpu": cpu(resource.RUSAGE_SELF) - own,
    "engine_cpu": cpu(resource.RUSAGE_CHILDREN) - engine,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "engine_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    "drawer": drawer(),
}}))
"""
DRAWER = r"""
def drawer():
    from argmap import rasterworker
    from argmap.exporters.diagram import raster
    return rasterworker.fast_backend() if raster.available() else "engine"
"""

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
name, fit, *how = sys.argv[1], *sys.argv[2].split("-")
options = RenderOptions(portrait="portrait" in how, direction="LR" if "lr" in how else "TB")
paths = {{"flagship": "russias-game-in-north-korea.yaml", "uniforms": "school-uniforms.yaml"}}
m = load_map({maps!r} + "/" + paths[name]) if name in paths else validate_data(generate(int(name)))
def cpu():
    who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    return sum(resource.getrusage(w).ru_utime + resource.getrusage(w).ru_stime for w in who)
start, used = time.perf_counter(), cpu()
layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))
seconds, used = time.perf_counter() - start, cpu() - used
fills, aspects = [], []
for page in layout.pages:
    scale = layout.scale(page)
    fills.append(page.width * page.height * scale * scale / layout.size.width / layout.size.height)
    aspects.append(page.width / page.height)
print(json.dumps({{
    "nodes": len(m), "pages": len(layout.pages), "seconds": seconds, "cpu": used,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "min_scale": min(layout.scale(p) for p in layout.pages), "floor": layout.budget.scale,
    "fill": sum(fills) / len(fills), "aspect": sorted(aspects)[len(aspects) // 2],
    "overview": page_svg(layout, layout.pages[0]),
    "alone": sum(
        1 for p in layout.pages
        if p.plan.page.number > 1 and len(p.plan.page.nodes) == 1 and not p.plan.page.stubs
    ),
}}))
"""


def run_child(script: str, args: list[str], row: str) -> dict[str, Any] | None:
    """Run ``script`` in a fresh interpreter and return the JSON it prints.

    On failure, print ``row`` (the table row's first cells) with the child's last error line
    and return None.
    """
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        print(f"{row} failed: {done.stderr.strip().splitlines()[-1]} |")
        return None
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main() -> int:
    child = CHILD.format(here=str(HERE), maps=str(MAPS))
    print(
        "| map | nodes | fit | pages | nodes a page | seconds | CPU s | peak MB "
        "| min scale / floor | fill | aspect | overview crossings | pages of one leaf |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, fit in CASES:
        r = run_child(child, [name, fit], f"| {name} | | {fit} |")
        if r is None:
            continue
        ok = "met" if r["min_scale"] >= r["floor"] - 1e-9 else "MISSED"
        print(
            f"| {name} | {r['nodes']} | {fit} | {r['pages']} | {r['nodes'] / r['pages']:.1f} "
            f"| {r['seconds']:.2f} "
            f"| {r['cpu']:.2f} | "
            f"{r['peak_mb']:.0f} | {r['min_scale']:.2f} / {r['floor']:.2f} ({ok}) | "
            f"{r['fill']:.0%} | {r['aspect']:.2f} | {crossings(r['overview'])} | {r['alone']} |",
            flush=True,
        )
    renders()
    pdf_renders()
    goal_renders()
    return 0


def renders() -> None:
    """Time whole renders of big maps, each in a fresh process; wall time and CPU time.

    Wall time counts whatever else the machine runs; CPU time (argmap's own and the
    engine's) does not.
    """
    child = DRAWER + RENDER.format(here=str(HERE), maps=str(MAPS))
    print()
    print(
        "| nodes | format | fit | pages | seconds | CPU s (argmap + engine and PNG workers) "
        "| CPU ms a page (all stages) | pages drawn by | peak MB (engine or worker) | goal |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, fmt, fit in RENDERS:
        r = run_child(child, [name, fmt, fit], f"| {name} | {fmt} | {fit} |")
        if r is None:
            continue
        per_page = 1000 * (r["cpu"] + r["engine_cpu"]) / r["pages"]
        goal = ""
        if r["nodes"] >= GOAL_NODES:
            goal = f"{GOAL_SECONDS} s: {'met' if r['seconds'] < GOAL_SECONDS else 'missed'}"
        print(
            f"| {r['nodes']} | {fmt} | {fit} | {r['pages']} | {r['seconds']:.1f} | "
            f"{r['cpu']:.1f} + {r['engine_cpu']:.1f} | {per_page:.0f} | {r['drawer']} | "
            f"{r['peak_mb']:.0f} ({r['engine_mb']:.0f}) | {goal} |",
            flush=True,
        )


def pdf_renders() -> None:
    """Time whole A4 PDF and HTML renders phase by phase, each in a fresh process.

    Laying out: this process's main thread (planning, DOT building and the rest, CPU
    seconds: its critical path), its other threads (the passes over the engine's drawings
    and keeping them, until layout workers take the runs over), and the engine's runs with
    the layout workers (CPU seconds; in brackets, those done while pages were planned),
    overlapped on every core; and the layouts the engine made (more than the pages when a
    page is planned again), in how many runs, at how many CPU milliseconds each. "pdf in
    threads": every run made in this process's threads, no layout worker (the workers'
    gain is the difference in wall seconds). "html after pdf": the HTML page of a map
    whose PDF was made first in the same process (as ``render -f pdf,html`` does), whose
    pages are not laid out again. Writing: drawing each page as PDF operators, or cleaning
    it for the HTML page, in worker processes (their CPU seconds), while the main thread
    sets the text, embeds the fonts, or writes the rest of the HTML page (threads beside
    it compress). Wall seconds count whatever else the machine runs (the load average is
    printed after the table); CPU seconds do not.
    """
    child = STAGED_RENDER.format(here=str(HERE))
    print()
    print(
        "| nodes | format | pages (layouts, engine runs) | layout: wall s, main CPU s (plan + DOT "
        "+ rest) + threads + engine and layout workers (while planning; ms a layout) "
        "| writing: wall s, main CPU s (fonts) + threads + workers | CPU s in all | file MB "
        "| peak MB: laid out, in all |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for nodes in PDF_RENDERS:
        for fmt in ("pdf", "pdf in threads", "html", "html after pdf"):
            if not _staged(fmt, nodes):
                continue
            what, *how = fmt.split()
            r = run_child(child, [what, str(nodes), *how], f"| {nodes} | {fmt} |")
            if r is None:
                continue
            rest = r["layout_main"] - r["plan"] - r["dot"]
            threads = r["layout_cpu"] - r["layout_main"]
            write_threads = r["write_cpu"] - r["write_main"]
            total = r["layout_cpu"] + r["engine"] + r["write_cpu"] + r["workers"]
            per_layout = f"{1000 * r['engine'] / r['laid']:.1f}" if r["laid"] else "-"
            print(
                f"| {r['nodes']} | {fmt} | {r['pages']} ({r['laid']}, {r['runs']}) | "
                f"{r['layout_wall']:.1f}, "
                f"{r['layout_main']:.1f} ({r['plan']:.1f} + {r['dot']:.1f} + {rest:.1f}) + "
                f"{threads:.1f} + {r['engine']:.1f} ({r['overlap']:.1f}; {per_layout}) | "
                f"{r['write_wall']:.1f}, {r['write_main']:.1f} ({r['fonts']:.1f}) + "
                f"{write_threads:.1f} + {r['workers']:.1f} | {total:.1f} | {r['mb']:.1f} | "
                f"{r['planned_mb']:.0f}, {r['peak_mb']:.0f} |",
                flush=True,
            )
    print(f"\nLoad average (1, 5, 15 min) after the renders: {os.getloadavg()}")


def goal_renders() -> None:
    """Time ``argmap render`` of a 10,000-node map to A4 PDF and to HTML against the goal.

    Each is the whole command in a fresh process, as a user runs it: wall seconds (what
    the goal counts), user + system CPU seconds of it and every process under it, and
    half that CPU, the least wall time two cores could take. A busy machine makes the
    wall time longer, not the CPU time: the load average is printed with each row.
    """
    from bench_render import generate

    from argmap.load.dump import dump_yaml

    print()
    print(
        f"| {GOAL_NODES:,} nodes | wall s (goal: under {GOAL_SECONDS:.0f}) | CPU s, every process "
        "| CPU s / 2 cores | load average before |"
    )
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"generated-{GOAL_NODES}.yaml"
        path.write_text(dump_yaml(generate(GOAL_NODES)), encoding="utf-8")
        for fmt, args in GOAL_COMMANDS:
            row = goal_row(fmt, [sys.executable, "-m", "argmap", "render", str(path), *args])
            print(row, flush=True)


def goal_row(fmt: str, cmd: list[str]) -> str:
    """Run ``cmd`` (its output into a folder of its own) and return its table row."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run([*cmd, "-o", out], capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["no message"]
        return f"| {fmt} | FAILED: {lines[-1]} | {cpu:.1f} | | {load:.1f} |"
    verdict = "met" if wall < GOAL_SECONDS else "missed"
    return f"| {fmt} | {wall:.1f} ({verdict}) | {cpu:.1f} | {cpu / 2:.1f} | {load:.1f} |"


def _staged(fmt: str, nodes: int) -> bool:
    """Whether a map of ``nodes`` is timed stage by stage in this row's format."""
    if fmt == "pdf in threads":
        return nodes == THREADS_ROW
    if fmt.startswith("html"):
        return nodes <= HTML_STAGED_MAX and not (fmt == "html after pdf" and QUICK)
    return True


if __name__ == "__main__":
    sys.exit(main())
