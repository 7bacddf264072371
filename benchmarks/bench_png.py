"""PNG slides: CPU a slide by stage, the encoder's choices, and whole renders' time and memory.

1. Stages of drawing one slide (1,500-node generated map, the pages resvg draws), in CPU
   ms a slide, in this process: making the page's SVG, preparing it for resvg (fonts named
   for each run), resvg parsing it and setting its text (user and system time: resvg 0.47
   maps the font file anew for each glyph it outlines), filling it, and packing the PNG;
   then the route a render of many slides takes (``raster.OUTLINE_MIN_PAGES``): argmap
   setting the plain text as glyph outlines, and resvg parsing and filling that. Then
   what the filling costs by part: an empty page, the shapes, the text.
2. The PNG writer's choices on the same pixels: deflate level and library, and what
   dropping the alpha channel would cost; time and size.
3. Whole renders through the command (``argmap render MAP -f png``), each in a fresh
   process: wall and CPU seconds (argmap, engine and workers), the load average while it
   ran (other work on the machine stretches the wall time, not the CPU time), and the
   peak memory of the process and all its children summed, sampled every 50 ms.

``ARGMAP_BENCH_QUICK=1`` leaves out the 10,000-node render.
"""

from __future__ import annotations

import json
import os
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
    encoders(pixels)


def fills(outlined: list[str], parse: Any, fill: Any, n: int) -> None:
    """What filling costs, by what is drawn: the page alone, the shapes, the text."""
    import re

    text = re.compile(r'<path fill="[^"]*" transform="matrix[^>]*/>')
    shapes = re.compile(
        r'<(?:polygon|ellipse|polyline)[^>]*/>|<path (?!fill="[^"]*" transform="matrix)[^>]*/>'
    )
    graph = re.compile(r'<g id="graph0".*</g>', re.S)
    parts = [
        ("an empty page (allocate, clear, hand back)", [graph.sub("", s) for s in outlined]),
        ("background, boxes and edges (no text)", [text.sub("", s) for s in outlined]),
        ("text alone (outlined)", [shapes.sub("", s) for s in outlined]),
        ("all of it", outlined),
    ]
    print(f"\nFilling by part ({n} slides, text as outlines; CPU ms a slide, parse excluded)\n")
    print("| drawn | parse ms | parse and fill ms | fill ms |")
    print("|---|---|---|---|")
    for name, svgs in parts:
        parsed = cpu_ms(lambda svgs=svgs: parse(svgs), n)[2]
        filled = cpu_ms(lambda svgs=svgs: fill(svgs), n)[2]
        print(f"| {name} | {parsed:.1f} | {filled:.1f} | {filled - parsed:.1f} |")


def encoders(pixels: list[Any]) -> None:
    import zlib

    from argmap.pngwrite import encode_rgba

    n = len(pixels)
    choices: list[tuple[str, Callable[[bytes], bytes]]] = [
        (f"zlib level {level}", lambda data, level=level: zlib.compress(data, level))
        for level in (1, 6)
    ]
    try:
        from isal import isal_zlib

        choices = [
            (f"ISA-L level {level}", lambda data, level=level: isal_zlib.compress(data, level))
            for level in (0, 1, 2, 3)
        ] + choices
    except ImportError:
        pass
    print(f"\nThe PNG writer's choices on the same pixels ({n} slides; unfiltered rows)\n")
    print("| deflate | CPU ms a slide | kB a slide |")
    print("|---|---|---|")
    for name, compress in choices:
        sizes = [len(encode_rgba(*p, compress)) for p in pixels]
        _, _, ms = cpu_ms(lambda compress=compress: [encode_rgba(*p, compress) for p in pixels], n)
        used = " (used)" if name == "ISA-L level 1" else ""
        print(f"| {name}{used} | {ms:.1f} | {sum(sizes) / len(sizes) / 1000:.0f} |")

    def rgb() -> None:
        for data, width, height in pixels:
            out, view = bytearray(width * height * 3), memoryview(data)
            for channel in range(3):
                out[channel::3] = view[channel::4]

    _, _, ms = cpu_ms(rgb, n, repeats=1)
    print(f"| (dropping alpha for RGB, before any deflate) | {ms:.1f} | |")


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
