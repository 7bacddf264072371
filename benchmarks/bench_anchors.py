"""argmap side by side with its anchors: the Argdown CLI and the bare Graphviz engine.

Every figure of the speed issue, each with its goal and a verdict (met / MISSED; not
measured where the Argdown CLI is missing):
svg and html against Argdown, svg against the bare engine on argmap's own DOT, start-up
against a bare ``python -c pass`` (beside its floor: the libraries and the engine, no
argmap code), validate up to 100,000 nodes (time and peak memory),
growth from 1,000 to 10,000 nodes, ``argmap add``, ``--help``, located errors on the slow
cases, and the deep and hostile inputs (a 100,000-deep chain, JSON nested 200,000 deep, a
5,000-digit integer).

Commands run in fresh processes, alternating (one run of each, then the next round), and
each figure is the median; a ratio is the median of the per-round ratios. Times are CPU
seconds (user + system) of the command and its children: on a shared machine they hold
still where wall-clock times swing with the load (on an idle machine they are close to
wall-clock, Argdown's included: Node runs one thread of JavaScript). Peak memory is
the child's maximum resident set (``resource.getrusage(RUSAGE_CHILDREN)``), taken in a
wrapper process of its own per run. Argdown input is argmap's own Argdown export of the
same map. ``ARGMAP_BENCH_QUICK=1`` (or ``--quick``) runs the small sizes only.

argmap is measured as installed: its modules are byte-compiled (``compileall``, as pip does
on install) before anything is timed. Where ``PYTHONDONTWRITEBYTECODE`` is set and nothing
was compiled, every run would otherwise compile argmap's sources again, about 0.1 s a run
that no installed copy pays. The bare ``python -c pass`` runs the same interpreter.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_render import generate  # noqa: E402

from argmap.exporters.diagram.engine import find_engine  # noqa: E402
from argmap.load.dump import dump_yaml  # noqa: E402

QUICK = os.environ.get("ARGMAP_BENCH_QUICK") == "1" or "--quick" in sys.argv
SIZES = (30, 300) if QUICK else (30, 300, 1000, 3000, 10000, 100000)
RENDER_MAX = 10000
"""Largest map drawn (svg, html): the engine's layout of 100,000 nodes takes hours."""
ARGDOWN_MAX = 300 if QUICK else 3000
"""Largest map given to Argdown: at 10,000 nodes a run takes minutes, so it is skipped."""
RUNS = 3 if QUICK else 5
ARGDOWN = ROOT / ".argdown" / "node_modules" / ".bin" / "argdown"
ARGMAP = [sys.executable, "-m", "argmap"]

WRAP = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
err = done.stderr.decode("utf-8", "replace").strip().splitlines()
print(json.dumps([done.returncode, wall, use.ru_utime + use.ru_stime, use.ru_maxrss / 1024,
                  err[-1] if err else "", len(err)]))
"""

Verdicts = list[tuple[str, str, str, bool | None]]
"""Rows of the goals table: figure, measured, goal, met (None: not measured)."""


class Run:
    """One run of a command: exit code, wall and CPU seconds, peak MB, its last error line."""

    def __init__(self, cmd: list[str]) -> None:
        out = subprocess.run(
            [sys.executable, "-c", WRAP, *cmd], check=True, capture_output=True, text=True
        ).stdout
        self.code, self.wall, self.cpu, self.mb, self.error, self.error_lines = json.loads(out)


def alternate(
    cmds: dict[str, list[str]], runs: int = RUNS, codes: tuple[int, ...] | None = (0,)
) -> dict[str, list[Run]]:
    """Run each command ``runs`` times, one of each per round, starting each round further on.

    Raises:
        SystemExit: a run exited with a code not in ``codes`` (None: any code). A command
            that failed is no time to set against a goal.
    """
    names = list(cmds)
    out: dict[str, list[Run]] = {name: [] for name in names}
    for round_ in range(runs):
        for k in range(len(names)):
            name = names[(round_ + k) % len(names)]
            run = Run(cmds[name])
            if codes is not None and run.code not in codes:
                raise SystemExit(f"bench: {name} exited {run.code}: {run.error}")
            out[name].append(run)
    return out


def quiet(cmd: list[str]) -> None:
    """Run a set-up command without its ``MAP -> FILE`` line in the tables.

    Raises:
        SystemExit: it failed (its last error line says why).
    """
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["no message"]
        raise SystemExit(f"bench: {' '.join(cmd[2:4])} failed: {lines[-1]}")


def median(runs: list[Run], attr: str = "cpu") -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def ratio(slow: list[Run], fast: list[Run], attr: str = "cpu") -> float:
    """Median of the per-round ratios ``slow / fast`` (CPU seconds unless ``attr`` says)."""
    return statistics.median(
        getattr(s, attr) / getattr(f, attr) for s, f in zip(slow, fast, strict=True)
    )


def write_map(folder: Path, size: int, suffix: str = ".yaml") -> Path:
    path = folder / f"map-{size}{suffix}"
    if not path.exists():
        data = generate(size)
        text = json.dumps(data, indent=2) if suffix == ".json" else dump_yaml(data)
        path.write_text(text, encoding="utf-8")
    return path


JSON_SIZES = (100000,)
"""Sizes also validated as a JSON map file (the same map)."""


def byte_compile() -> None:
    """Byte-compile argmap as an install does, so that no run compiles its sources.

    With ``PYTHONDONTWRITEBYTECODE`` set and no compiled files, every run would compile
    argmap's modules again (about 0.1 s a run here; an install compiles them once).
    ``compileall`` writes the files whatever that variable says.

    Raises:
        SystemExit: a module did not compile (its timings would not be an install's).
    """
    import compileall

    if not compileall.compile_dir(ROOT / "argmap", quiet=1):
        raise SystemExit("bench: argmap's modules did not all byte-compile")


def section(title: str) -> None:
    print(f"\n-- {title}", flush=True)


def verdict(table: Verdicts, figure: str, measured: str, goal: str, met: bool | None) -> None:
    table.append((figure, measured, goal, met))
    print(f"   {figure}: {measured} (goal {goal}) {mark(met)}", flush=True)


def mark(met: bool | None) -> str:
    return "not measured" if met is None else "met" if met else "MISSED"


def print_goals(table: Verdicts) -> None:
    """Print every goal's row, met or missed, and the count of each."""
    section("goals")
    width = max(len(row[0]) for row in table)
    measured_width = max(len(row[1]) for row in table)
    goal_width = max(len(row[2]) for row in table)
    for figure, measured, goal, met in table:
        print(
            f"   {figure:<{width}}  {measured:>{measured_width}}  goal {goal:<{goal_width}} "
            f"{mark(met)}"
        )
    missed = sum(row[3] is False for row in table)
    unmeasured = sum(row[3] is None for row in table)
    print(
        f"   {len(table) - missed - unmeasured} met, {missed} missed"
        + (f", {unmeasured} not measured" if unmeasured else "")
    )


def bench_sizes(folder: Path, table: Verdicts) -> dict[tuple[str, int], float]:
    """Per size: validate, svg, html, Argdown svg and html, bare engine; medians and ratios."""
    # Long because: one table row per size, each cell a median of alternating runs.
    engine = str(find_engine("bundled").program)
    have_argdown = ARGDOWN.exists()
    if not have_argdown:
        print(f"   Argdown CLI not installed ({ARGDOWN}); run `make argdown` for its columns")
    medians: dict[tuple[str, int], float] = {}
    section("per size: medians of alternating runs (CPU s, peak MB); ratios per round")
    print(
        f"{'nodes':>7} {'validate':>14} {'svg':>14} {'engine':>7} {'svg/eng':>7} "
        f"{'html':>14} {'Argdown svg':>11} {'x faster':>8} {'Argdown html':>12} {'x faster':>8}"
    )
    for size in SIZES:
        path = write_map(folder, size)
        out = folder / f"out-{size}"
        quiet([*ARGMAP, "render", str(path), "-f", "dot", "-o", str(out)])
        cmds = {"validate": [*ARGMAP, "validate", str(path)]}
        if size in JSON_SIZES:
            cmds["validate json"] = [*ARGMAP, "validate", str(write_map(folder, size, ".json"))]
        drawn = size <= RENDER_MAX
        if drawn:
            cmds["svg"] = [*ARGMAP, "render", str(path), "-f", "svg", "-o", str(out)]
            cmds["html"] = [*ARGMAP, "render", str(path), "-f", "html", "-o", str(out)]
            dot = out / f"map-{size}.dot"
            cmds["engine"] = [engine, "-Tsvg", "-q", str(dot), "-o", str(out / "bare.svg")]
        argdown = have_argdown and size <= ARGDOWN_MAX
        if argdown:
            source = out / f"map-{size}.argdown"
            quiet([*ARGMAP, "export", str(path), "-f", "argdown", "-o", str(source)])
            ad_out = str(out / "argdown")
            cmds["argdown svg"] = [str(ARGDOWN), "map", str(source), ad_out, "-f", "svg"]
            cmds["argdown html"] = [str(ARGDOWN), "html", str(source), ad_out]
        runs = alternate(cmds, RUNS if size < 100000 else 1)
        for name, got in runs.items():
            medians[(name, size)] = median(got)
            medians[(name + " MB", size)] = max(r.mb for r in got)

        def cell(name: str, runs: dict[str, list[Run]] = runs, size: int = size) -> str:
            if name not in runs:
                return "-"
            return f"{medians[(name, size)]:.2f}s {medians[(name + ' MB', size)]:.0f}MB"

        svg_engine = f"{ratio(runs['svg'], runs['engine']):.2f}x" if drawn else "-"
        ad_svg = f"{ratio(runs['argdown svg'], runs['svg']):.1f}x" if argdown else "skipped"
        ad_html = f"{ratio(runs['argdown html'], runs['html']):.1f}x" if argdown else "skipped"
        engine_cell = f"{medians[('engine', size)]:.2f}s" if drawn else "-"
        walls = ", ".join(f"{name} {median(got, 'wall'):.2f}" for name, got in runs.items())
        print(
            f"{size:>7} {cell('validate'):>14} {cell('svg'):>14} {engine_cell:>7} "
            f"{svg_engine:>7} {cell('html'):>14} {cell('argdown svg'):>11} {ad_svg:>8} "
            f"{cell('argdown html'):>12} {ad_html:>8}",
            flush=True,
        )
        print(f"{'':>7} wall s: {walls}")
        if "validate json" in runs:
            print(f"{'':>7} validate, the same map as JSON: {cell('validate json')}")
        if argdown:
            medians[("svg vs argdown", size)] = ratio(runs["argdown svg"], runs["svg"])
            medians[("html vs argdown", size)] = ratio(runs["argdown html"], runs["html"])
        if drawn:
            medians[("svg/engine", size)] = ratio(runs["svg"], runs["engine"])
    if not QUICK:
        print(f"   Argdown skipped above {ARGDOWN_MAX:,} nodes (minutes a run); svg and html")
        print(f"   drawn up to {RENDER_MAX:,} nodes (the engine's layout of 100,000 takes hours)")
    _size_verdicts(medians, table)
    return medians


def _size_verdicts(medians: dict[tuple[str, int], float], table: Verdicts) -> None:
    for size in SIZES:
        for fmt, goal in (("svg", 5.0 if size <= 1000 else 3.0), ("html", 5.0)):
            if size > ARGDOWN_MAX:
                continue  # skipped on purpose (minutes a run); the goals stop at 3,000
            figure, got = f"{fmt} vs Argdown, {size:,}", medians.get((f"{fmt} vs argdown", size))
            if got is None:  # the Argdown CLI is not installed: say so, not just leave it out
                verdict(table, figure, "no Argdown CLI", f">= {goal:g}x", None)
            else:
                verdict(table, figure, f"{got:.1f}x faster", f">= {goal:g}x", got >= goal)
        if size >= 1000 and ("svg/engine", size) in medians:
            got = medians[("svg/engine", size)]
            verdict(table, f"svg / bare engine, {size:,}", f"{got:.2f}x", "<= 1.3x", got <= 1.3)
    for name, what in (("validate", ""), ("validate json", ", JSON")):
        if (name, 100000) in medians:
            secs, mb = medians[(name, 100000)], medians[(name + " MB", 100000)]
            verdict(table, f"validate 100,000 nodes{what}", f"{secs:.1f} s", "<= 5 s", secs <= 5)
            verdict(
                table,
                f"validate 100,000 nodes{what}, memory",
                f"{mb:.0f} MB",
                "<= 300 MB",
                mb <= 300,
            )
    for name in ("validate", "svg", "html"):
        if (name, 1000) in medians and (name, 10000) in medians:
            got = medians[(name, 10000)] / medians[(name, 1000)]
            verdict(table, f"growth 10k/1k, {name}", f"{got:.1f}x", "<= 12x", got <= 12)


FLOOR = """
import subprocess, sys
import click, pydantic.fields, pydantic.main, _ruamel_yaml
with open(sys.argv[2], "rb") as dot:
    subprocess.run([sys.argv[1], "-Tsvg"], input=dot.read(), capture_output=True, check=True)
"""
"""What an svg of the map costs with no line of argmap run: the libraries its path
imports (Click, pydantic, ruamel's C parser) and the engine on argmap's own DOT."""


def bench_startup(folder: Path, table: Verdicts) -> None:
    section("start-up: a 30-node map (YAML) against a bare `python -c pass` (CPU s, median)")
    path, as_json = write_map(folder, 30), write_map(folder, 30, ".json")
    out = folder / "out-startup"
    quiet([*ARGMAP, "render", str(path), "-f", "dot", "-o", str(out)])
    engine, dot = str(find_engine("bundled").program), str(out / f"{path.stem}.dot")
    cmds = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "floor (libs + engine)": [sys.executable, "-c", FLOOR, engine, dot],
        "argmap --help": [*ARGMAP, "--help"],
        "validate 30": [*ARGMAP, "validate", str(path)],
    }
    for fmt in ("dot", "svg", "html"):
        cmds[f"{fmt} 30"] = [*ARGMAP, "render", str(path), "-f", fmt, "-o", str(out)]
    # The same map as a JSON file: no YAML parser to import.
    cmds["svg 30, JSON"] = [*ARGMAP, "render", str(as_json), "-f", "svg", "-o", str(out)]
    runs = alternate(cmds)
    base = runs["python -c pass"]
    for name, got in runs.items():
        print(f"   {name:<21} {median(got):.3f}s  {ratio(got, base):5.1f}x python -c pass")
    print("   (floor: Click, pydantic and ruamel imported and the engine run, no argmap code)")
    got = ratio(runs["svg 30"], base)
    verdict(table, "svg of 30 nodes / python -c pass", f"{got:.1f}x", "<= 4x", got <= 4)
    helps = median(runs["argmap --help"])
    verdict(table, "argmap --help", f"{helps:.2f} s", "<= 0.15 s (keep 0.10)", helps <= 0.15)


def bench_add(folder: Path, table: Verdicts) -> None:
    size = 1000 if QUICK else 10000
    section(f"argmap add on a {size:,}-node map against a validate of it")
    path = write_map(folder, size)
    adds, validates = [], []
    for i in range(RUNS):
        work = folder / f"add-{size}.yaml"
        shutil.copyfile(path, work)
        got = alternate(
            {
                "validate": [*ARGMAP, "validate", str(work)],
                "add": [
                    *ARGMAP,
                    "add",
                    "objection",
                    str(work),
                    "--to",
                    "n1",
                    "--text",
                    f"Bench objection {i}.",
                    "--author",
                    "Bench",
                ],
            },
            runs=1,
        )
        adds += got["add"]
        validates += got["validate"]
    got_ratio = ratio(adds, validates)
    print(f"   validate {median(validates):.2f}s, add {median(adds):.2f}s")
    verdict(table, f"add / validate at {size:,}", f"{got_ratio:.1f}x", "<= 2x", got_ratio <= 2)


def _error_case(
    folder: Path, name: str, make: Callable[[], tuple[str, str]], table: Verdicts, small: bool
) -> None:
    """Time a located error against the valid file it was made from."""
    valid_text, bad_text = make()
    valid, bad = folder / f"{name}-ok{_ext(name)}", folder / f"{name}-bad{_ext(name)}"
    valid.write_text(valid_text, encoding="utf-8")
    bad.write_text(bad_text, encoding="utf-8")
    runs = alternate(
        {"valid": [*ARGMAP, "validate", str(valid)], "error": [*ARGMAP, "validate", str(bad)]},
        runs=3,
        codes=None,  # the error's exit code is a goal of its own (one line, exit 1)
    )
    err = runs["error"][0]
    located = err.code == 1 and err.error_lines == 1 and ":" in err.error
    got = ratio(runs["error"], runs["valid"])
    secs = median(runs["error"])
    print(f"   {name}: valid {median(runs['valid']):.2f}s, error {secs:.2f}s: {err.error[:110]}")
    verdict(table, f"located error, {name}", f"{got:.2f}x a valid load", "<= 2x", got <= 2.0)
    if small:
        verdict(table, f"located error, {name}, time", f"{secs:.2f} s", "< 1 s", secs < 1)
    verdict(table, f"located error, {name}, one line", "yes" if located else "no", "yes", located)


def _ext(name: str) -> str:
    return ".json" if "json" in name else ".yaml"


def bench_errors(folder: Path, table: Verdicts) -> None:
    section("located errors: the slow cases, against a valid load of the same file")
    typo_size = 1000 if QUICK else 60000
    big = dump_yaml(generate(typo_size))

    def typo() -> tuple[str, str]:
        return big, big.replace("  basis: statistic", "  bassis: statistic", 1)

    def nested_flow() -> tuple[str, str]:
        # Against a valid small flow file: flow nesting past 200 is refused where it passes it.
        depth = 2000  # about 40 KB
        body = "".join('{text: "t", premises: [' for _ in range(depth)) + "{text: t}"
        body += "]}" * depth
        ok = 'title: t\nthesis: {text: "t", premises: [{text: t}]}\n'
        return ok, f"title: t\nthesis: {body}\n".replace("{text: t}", "{text: t, strength: huge}")

    def nested_tags() -> tuple[str, str]:
        return (
            "title: t\nthesis:\n  text: x\n  tags: [a]\n",
            "title: t\nthesis:\n  text: x\n  tags: " + "[" * 5000 + "]" * 5000 + "\n",
        )

    def long_comment() -> tuple[str, str]:
        comment = "# " + "c" * 5_000_000 + "\n"
        ok = comment + "title: t\nthesis:\n  text: x\n  strength: strong\n"
        return ok, ok.replace("strength: strong", "strength: huge")

    _error_case(folder, f"one typo in {typo_size:,} nodes", typo, table, small=False)
    _error_case(folder, "40 KB nested flow", nested_flow, table, small=True)
    _error_case(folder, "tags with 5,000 nested brackets", nested_tags, table, small=True)
    _error_case(folder, "5 MB one-line comment", long_comment, table, small=False)


def bench_hostile(folder: Path, table: Verdicts) -> None:
    section("deep and hostile inputs")
    depth = 10000 if QUICK else 100000
    chain = folder / "chain.json"
    opening = "".join(
        f'{{"id": "n{i}", "text": "claim {i}", "premises": [' for i in range(depth - 1)
    )
    chain.write_text(
        '{"title": "deep", "thesis": '
        + opening
        + f'{{"id": "n{depth - 1}", "text": "last"}}'
        + "]}" * (depth - 1)
        + "}",
        encoding="utf-8",
    )
    run = Run([*ARGMAP, "validate", str(chain)])  # a failure is marked MISSED below
    print(f"   {depth:,}-deep chain: exit {run.code}, {run.cpu:.1f}s, {run.mb:.0f} MB")
    verdict(
        table,
        f"{depth:,}-deep chain validates",
        f"{run.cpu:.1f} s",
        "<= 10 s",
        run.code == 0 and run.cpu <= 10,
    )
    verdict(table, f"{depth:,}-deep chain, memory", f"{run.mb:.0f} MB", "<= 200 MB", run.mb <= 200)
    nested = folder / "nested.json"
    nested.write_text("[" * 200000 + "]" * 200000, encoding="utf-8")
    digits = folder / "digits.json"
    digits.write_text('{"title": "t", "thesis": {"text": "x", "note": ' + "7" * 5000 + "}}")
    for name, path in (("JSON nested 200,000 deep", nested), ("5,000-digit integer", digits)):
        got = Run([*ARGMAP, "validate", str(path)])
        ok = got.code == 1 and got.error_lines == 1 and got.error.startswith(f"{path}:")
        print(f"   {name}: exit {got.code}, {got.cpu:.1f}s: {got.error[:110]}")
        verdict(
            table,
            name,
            "one located line" if ok else "NOT one located line",
            "one located line, exit 1",
            ok,
        )


def main() -> int:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
        f"{' (quick mode)' if QUICK else ''}; argmap byte-compiled, as installed"
    )
    table: Verdicts = []
    byte_compile()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_startup(folder, table)
        bench_sizes(folder, table)
        bench_add(folder, table)
        bench_errors(folder, table)
        bench_hostile(folder, table)
    print_goals(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
