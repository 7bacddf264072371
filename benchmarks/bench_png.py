"""PNG slides: CPU a slide by stage, the encoder's choices, and whole renders' time and memory.

1. Stages of drawing one slide (1,500-node generated map, the pages resvg draws), in CPU
   ms a slide, in this process: making the page's SVG, preparing it for resvg (fonts named
   for each run, the engine's white page background left to resvg's white canvas), resvg
   parsing it and setting its text (user and system time: resvg 0.47 maps the font file
   anew for each glyph it outlines), filling it, and packing the PNG; then the route a
   render of many slides takes (``raster.OUTLINE_MIN_PAGES``): argmap setting the plain
   text as glyph outlines (one path a line), and resvg parsing and filling that. Then what
   the filling costs by part: an empty page, the shapes, the text, and two ways of drawing
   the text that are not taken, for what they show: without anti-aliasing (what the
   anti-aliased edges cost, about half of it) and one path a glyph (what a path costs).
2. A slide in a raster worker process, as a render runs it (its own malloc settings,
   outlines, resvg, encoding, the framing of jobs and images): a worker's CPU for all the
   slides less its CPU for the first alone (start-up, fonts, fontTools), a slide.
3. The PNG writer's choices on the same pixels: deflate level and library (zlib, and
   zlib-ng or ISA-L where installed), and what dropping the alpha channel would cost;
   time and size.
4. Whole renders through the command (``argmap render MAP -f png``), each in a fresh
   process: wall and CPU seconds (argmap, engine and workers), the load average while it
   ran (other work on the machine stretches the wall time, not the CPU time), and the
   peak memory of the process and all its children summed, sampled every 50 ms.

``ARGMAP_BENCH_QUICK=1`` leaves out the 10,000-node render.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUICK = os.environ.get("ARGMAP_BENCH_QUICK") == "1" or "--quick" in sys.argv
RENDERS = [1500] if QUICK else [1500, 10000]
STAGE_PAGES = 60
"""Slides timed stage by stage."""
MALLOC_TUNABLES = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456"


def cpu_ms(fn: Callable[[], object], count: int, repeats: int = 3) -> tuple[float, float, float]:
    """The best of ``repeats`` runs of ``fn``: user, system and total CPU ms per item."""
    best = (float("inf"), 0.0, 0.0)
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_SELF)
        fn()
        after = resource.getrusage(resource.RUSAGE_SELF)
        user = 1000 * (after.ru_utime - before.ru_utime) / count
        system = 1000 * (after.ru_stime - before.ru_stime) / count
        if user + system < best[0]:
            best = (user + system, user, system)
    return best[1], best[2], best[0]


def stages() -> None:
    sys.path.insert(0, str(HERE))
    from bench_render import generate

    from argmap import rasterworker
    from argmap.analysis.standing import analyze
    from argmap.exporters.diagram import formats, raster
    from argmap.exporters.diagram.engine import find_engine
    from argmap.exporters.diagram.fitting import page_svg
    from argmap.load.validate import validate_data
    from argmap.options import RenderOptions
    from argmap.pngwrite import compressor, encode_rgba

    if rasterworker.fast_backend() != "svg2png_py":
        print("(stages: the fastpng extra is not installed; skipped)")
        return
    import svg2png_py

    m = validate_data(generate(1500))
    layout = formats._pages(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    assert layout is not None
    pages = layout.pages[:STAGE_PAGES]
    n = len(pages)
    svgs = [page_svg(layout, page) for page in pages]
    jobs = [raster._job(svg, 144, 1920) for svg in svgs]
    database = svg2png_py.FontDatabase()
    for path in jobs[0][3]:
        database.load_font_file(path)

    def options(job: Any) -> Any:
        return svg2png_py.RenderOptions(dpi=job[1] * job[2], font_family=rasterworker.FONT_FAMILY)

    def draw() -> list[Any]:
        white = rasterworker.WHITE
        return [svg2png_py.svg_to_rgba(j[0], database, None, white, options(j)) for j in jobs]

    from argmap import rasterglyphs
    from argmap.rasterglyphs import outline_text

    fonts = jobs[0][3]
    outlined = [outline_text(j[0], fonts) for j in jobs]  # faces loaded

    def forget() -> bool:
        """Forget the lines set before: a render meets these pages' lines once."""
        for setter in rasterglyphs._setters.values():
            setter.lines.clear()
        return False

    def parse(svgs: list[str]) -> None:
        for svg, job in zip(svgs, jobs, strict=True):
            svg2png_py.svg_intrinsic_size(svg, database, options(job))

    def fill(svgs: list[str]) -> None:
        white = rasterworker.WHITE
        for svg, job in zip(svgs, jobs, strict=True):
            svg2png_py.svg_to_rgba(svg, database, None, white, options(job))

    pixels = draw()
    compress = compressor()
    rows = [
        ("page SVG", cpu_ms(lambda: [page_svg(layout, page) for page in pages], n)),
        ("prepare (fonts named)", cpu_ms(lambda: [raster._job(s, 144, 1920) for s in svgs], n)),
        ("resvg: parse and set text", cpu_ms(lambda: parse([j[0] for j in jobs]), n)),
        ("resvg: parse, set text, fill", cpu_ms(lambda: fill([j[0] for j in jobs]), n)),
        (
            "argmap: text as outlines",
            cpu_ms(lambda: forget() or [outline_text(j[0], fonts) for j in jobs], n),
        ),
        ("resvg: parse outlined", cpu_ms(lambda: parse(outlined), n)),
        ("resvg: parse outlined, fill", cpu_ms(lambda: fill(outlined), n)),
        (
            "encode (argmap's writer)",
            cpu_ms(lambda: [encode_rgba(*p, compress) for p in pixels], n),
        ),
    ]
    print(f"Stages of a slide ({n} slides of a 1,500-node map; CPU ms a slide, best of 3)\n")
    print("| stage | user ms | system ms | CPU ms |")
    print("|---|---|---|---|")
    for name, (user, system, total) in rows:
        print(f"| {name} | {user:.1f} | {system:.1f} | {total:.1f} |")
    ms = {name: total for name, (_, _, total) in rows}
    shared = ms["page SVG"] + ms["prepare (fonts named)"] + ms["encode (argmap's writer)"]
    by_resvg = ms["resvg: parse, set text, fill"]
    by_argmap = ms["argmap: text as outlines"] + ms["resvg: parse outlined, fill"]
    print(f"| (fill alone) | | | {by_resvg - ms['resvg: parse and set text']:.1f} |")
    print(f"| all stages, text set by resvg | | | {shared + by_resvg:.1f} |")
    print(f"| all stages, text as outlines (many slides) | | | {shared + by_argmap:.1f} |")
    fills(outlined, parse, fill, n)
    in_workers(jobs)
    encoders(pixels)


def fills(outlined: list[str], parse: Any, fill: Any, n: int) -> None:
    """What filling costs, by what is drawn: the page alone, the shapes, the text."""
    text = re.compile(r'<path fill="[^"]*" transform="matrix[^>]*/>')
    shapes = re.compile(
        r'<(?:polygon|ellipse|polyline)[^>]*/>|<path (?!fill="[^"]*" transform="matrix)[^>]*/>'
    )
    graph = re.compile(r'<g id="graph0".*</g>', re.S)
    texts = [shapes.sub("", s) for s in outlined]
    parts = [
        ("an empty page (allocate, clear, hand back)", [graph.sub("", s) for s in outlined]),
        ("boxes and edges (no text)", [text.sub("", s) for s in outlined]),
        ("text alone (outlined, a path a line)", texts),
        (
            "text alone, not anti-aliased (not drawn so)",
            [
                s.replace('transform="matrix', 'shape-rendering="crispEdges" transform="matrix')
                for s in texts
            ],
        ),
        ("text alone, a path a glyph (not drawn so)", [_a_path_a_glyph(s) for s in texts]),
        ("all of it", outlined),
    ]
    print(f"\nFilling by part ({n} slides, text as outlines; CPU ms a slide, parse excluded)\n")
    print("| drawn | parse ms | parse and fill ms | fill ms |")
    print("|---|---|---|---|")
    for name, svgs in parts:
        parsed = cpu_ms(lambda svgs=svgs: parse(svgs), n)[2]
        filled = cpu_ms(lambda svgs=svgs: fill(svgs), n)[2]
        print(f"| {name} | {parsed:.1f} | {filled:.1f} | {filled - parsed:.1f} |")


def _a_path_a_glyph(svg: str) -> str:
    """The outlined lines of a page split into one path a glyph, each with the line's transform."""
    line = re.compile(r'(<path fill="[^"]*" transform="[^"]*") d="([^"]*)"/>')

    def split(match: re.Match[str]) -> str:
        glyphs = match.group(2).split("M")[1:]
        return "".join(f'{match.group(1)} d="M{glyph}"/>' for glyph in glyphs)

    return line.sub(split, svg)


def in_workers(jobs: list[Any]) -> None:
    """CPU a slide in a raster worker process, its start-up and first slide not counted."""
    if not hasattr(os, "wait4"):
        print("\n(a slide in a worker: needs os.wait4; skipped)")
        return
    graph = re.compile(r'<g id="graph0".*</g>', re.S)
    routes = [
        ("text as outlines (a render of many slides)", [(*j[:5], True) for j in jobs]),
        ("text set by resvg (a render of few)", [(*j[:5], False) for j in jobs]),
        ("an empty page", [(graph.sub("", j[0]), *j[1:5], False) for j in jobs]),
    ]
    print(
        f"\nA slide in a raster worker process ({len(jobs)} slides; CPU ms a slide, best of 2)\n"
    )
    print("| route | CPU ms a slide |")
    print("|---|---|")
    for name, todo in routes:
        first = min(_worker_cpu(todo[:1]) for _ in range(2))
        every = min(_worker_cpu(todo) for _ in range(2))
        print(f"| {name} | {1000 * (every - first) / (len(todo) - 1):.1f} |", flush=True)


def _worker_cpu(jobs: list[Any]) -> float:
    """CPU seconds (user and system) of a raster worker process that draws ``jobs``."""
    from argmap import rasterworker

    env = dict(os.environ)
    env["GLIBC_TUNABLES"] = MALLOC_TUNABLES
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap.rasterworker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    for job in jobs:
        rasterworker.send(process.stdin, job)
        assert isinstance(rasterworker.receive(process.stdout), bytes)
    process.stdin.close()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return float(usage.ru_utime + usage.ru_stime)


def encoders(pixels: list[Any]) -> None:
    import zlib

    from argmap.pngwrite import encode_rgba

    n = len(pixels)
    choices: list[tuple[str, Callable[[], Any]]] = [
        (f"zlib level {level}", lambda level=level: zlib.compressobj(level)) for level in (1, 6)
    ]
    try:
        from zlib_ng import zlib_ng

        choices = [
            (f"zlib-ng level {level}", lambda level=level: zlib_ng.compressobj(level))
            for level in (1, 2, 3)
        ] + choices
    except ImportError:
        pass
    try:
        from isal import isal_zlib

        choices = [
            (f"ISA-L level {level}", lambda level=level: isal_zlib.compressobj(level))
            for level in (0, 1, 2, 3)
        ] + choices
    except ImportError:
        isal_zlib = None
    print(f"\nThe PNG writer's choices on the same pixels ({n} slides; unfiltered rows)\n")
    print("| deflate | CPU ms a slide | kB a slide |")
    print("|---|---|---|")
    for name, start in choices:
        sizes = [len(encode_rgba(*p, start)) for p in pixels]
        _, _, ms = cpu_ms(lambda start=start: [encode_rgba(*p, start) for p in pixels], n)
        used = " (used)" if name == _used() else ""
        print(f"| {name}{used} | {ms:.1f} | {sum(sizes) / len(sizes) / 1000:.0f} |")

    def rgb() -> None:
        for data, width, height in pixels:
            out, view = bytearray(width * height * 3), memoryview(data)
            for channel in range(3):
                out[channel::3] = view[channel::4]

    _, _, ms = cpu_ms(rgb, n, repeats=1)
    print(f"| (dropping alpha for RGB, before any deflate) | {ms:.1f} | |")

    def whole(deflate: Callable[[bytes], bytes]) -> None:
        """Every row after its filter byte in one copy of the image, deflated at once."""
        for data, width, height in pixels:
            view, stride = memoryview(data), width * 4
            rows: list[bytes | memoryview] = [b"\0", view] * height
            rows[1::2] = [view[at : at + stride] for at in range(0, stride * height, stride)]
            deflate(b"".join(rows))

    _, _, ms = cpu_ms(lambda: whole(lambda data: b""), n)
    print(f"| (the whole image joined with its filter bytes, no deflate) | {ms:.1f} | |")
    if isal_zlib is not None:
        _, _, ms = cpu_ms(lambda: whole(lambda data: isal_zlib.compress(data, 1)), n)
        print(f"| ISA-L level 1, the whole image joined, then deflated | {ms:.1f} | |")


def _used() -> str:
    """The deflate :func:`argmap.pngwrite.compressor` picks, named as the table names it."""
    from argmap import pngwrite

    try:
        import zlib_ng  # noqa: F401
    except ImportError:
        return f"zlib level {pngwrite.LEVEL}"
    return f"zlib-ng level {pngwrite.NG_LEVEL}"


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (Linux /proc), summed."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parent = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def render(nodes: int, folder: Path) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    from bench_render import generate

    source = folder / f"m{nodes}.json"
    source.write_text(json.dumps(generate(nodes)), encoding="utf-8")
    out = folder / f"out{nodes}"
    argmap = Path(sys.executable).with_name("argmap")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    errors = (folder / f"errors{nodes}").open("w+", encoding="utf-8")  # it lists every file
    process = subprocess.Popen(
        [str(argmap), "render", str(source), "-f", "png", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=errors,
    )
    peak, loads = 0, []
    while process.poll() is None:
        if sys.platform == "linux":
            peak = max(peak, tree_rss(process.pid))
        loads.append(os.getloadavg()[0])
        time.sleep(0.05)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    files = list(out.iterdir()) if out.exists() else []
    errors.seek(0)
    last = (errors.read().strip().splitlines() or [""])[-1]
    errors.close()
    return {
        "error": last,
        "nodes": nodes,
        "ok": process.returncode == 0,
        "pages": len(files),
        "mb": sum(f.stat().st_size for f in files) / 1e6,
        "wall": wall,
        "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        "load": sum(loads) / max(1, len(loads)),
        "peak": peak / 2**20,
    }


def renders() -> None:
    print("\nWhole renders: `argmap render MAP -f png` (16:9 slides), a fresh process each\n")
    print(
        "| nodes | slides | MB written | wall s | CPU s (all processes) | CPU ms a slide "
        "| load average | peak MB (all processes) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="argmap-bench-png-") as tmp:
        for nodes in RENDERS:
            r = render(nodes, Path(tmp))
            if not r["ok"]:
                print(f"| {nodes} | failed: {r['error']} | | | | | | |")
                continue
            peak = f"{r['peak']:.0f}" if sys.platform == "linux" else "n/a"
            print(
                f"| {nodes} | {r['pages']} | {r['mb']:.0f} | {r['wall']:.1f} | {r['cpu']:.1f} | "
                f"{1000 * r['cpu'] / max(1, r['pages']):.0f} | {r['load']:.1f} | {peak} |",
                flush=True,
            )


def main() -> int:
    if os.environ.get("ARGMAP_BENCH_CHILD") != "1":
        # The stages run with the tunables the raster workers run with.
        env = dict(os.environ, ARGMAP_BENCH_CHILD="1")
        env["GLIBC_TUNABLES"] = ":".join(
            filter(None, (env.get("GLIBC_TUNABLES"), MALLOC_TUNABLES))
        )
        return subprocess.run(
            [sys.executable, __file__, *sys.argv[1:]], env=env, check=False
        ).returncode
    stages()
    renders()
    return 0


if __name__ == "__main__":
    sys.exit(main())
