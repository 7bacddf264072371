"""Deep and slow hostile inputs (issue 15): each command's time and memory against its goal.

The located error of every slow case against a valid load of the same (or a small) file,
and the 100,000-deep chain through every command that reads it. CPU seconds and peak
memory of fresh processes (see ``bench_anchors``); ``ARGMAP_BENCH_QUICK=1`` runs smaller
sizes.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_anchors import (  # noqa: E402
    ARGMAP,
    QUICK,
    Run,
    Verdicts,
    alternate,
    median,
    print_goals,
    ratio,
    section,
    verdict,
)
from bench_render import generate  # noqa: E402

from argmap.load.dump import dump_yaml  # noqa: E402

DEEP = 10_000 if QUICK else 100_000


def _chain_json(depth: int) -> str:
    opening = "".join(
        f'{{"id": "n{i}", "text": "claim {i}", "premises": [' for i in range(depth - 1)
    )
    last = f'{{"id": "n{depth - 1}", "text": "last"}}'
    return '{"title": "deep", "thesis": ' + opening + last + "]}" * (depth - 1) + "}"


def _error_against(
    folder: Path, table: Verdicts, name: str, valid: str, bad: str, *, small: bool
) -> None:
    """A located error's CPU time against a valid load, one located line, exit 1."""
    ok_path, bad_path = folder / f"{name}-ok.yaml", folder / f"{name}-bad.yaml"
    ok_path.write_text(valid, encoding="utf-8")
    bad_path.write_text(bad, encoding="utf-8")
    runs = alternate(
        {
            "valid": [*ARGMAP, "validate", str(ok_path)],
            "error": [*ARGMAP, "validate", str(bad_path)],
        },
        runs=3,
    )
    err = runs["error"][0]
    located = err.code == 1 and err.error_lines == 1 and err.error.startswith(f"{bad_path}:")
    got, secs = ratio(runs["error"], runs["valid"]), median(runs["error"])
    print(f"   {name}: valid {median(runs['valid']):.2f}s, error {secs:.2f}s: {err.error[-110:]}")
    verdict(table, f"located error, {name}", f"{got:.2f}x a valid load", "<= 2x", got <= 2.0)
    if small:
        verdict(table, f"located error, {name}, time", f"{secs:.2f} s", "< 1 s", secs < 1)
    verdict(table, f"located error, {name}, one line", str(located), "True", located)


def bench_errors(folder: Path, table: Verdicts) -> None:
    section("located errors the C parser's marks place (no second parse)")
    big = dump_yaml(generate(1000 if QUICK else 10000))
    at = big.rfind("  basis: statistic")
    syntax = big[:at] + "  basis: [statistic" + big[at + len("  basis: statistic") :]
    _error_against(folder, table, "syntax error at the end of a big map", big, syntax, small=False)
    end = big.index("\n", at)
    dup = big[:end] + "\n" + big[big.rfind("\n", 0, at) + 1 : end] + big[end:]  # line twice
    _error_against(folder, table, "duplicate key at the end of a big map", big, dup, small=False)
    small = "title: t\nthesis:\n  text: x\n  note: !!str n\n"
    deep_tag = "title: t\nthesis:\n  text: x\n  note: !!str n\n  tags:\n  " + "- " * 20_000 + "x\n"
    _error_against(folder, table, "20,000 nested lists with a tag", small, deep_tag, small=True)
    markers = "".join(f"<<<<<<< a\n  note: {i}\n=======\n>>>>>>> b\n" for i in range(DEEP))
    quiet = "".join(f"# <<<<<<< a\n# note: {i}\n# =======\n# >>>>>>> b\n" for i in range(DEEP))
    _error_against(
        folder, table, f"{DEEP:,} merge conflicts", small + quiet, small + markers, small=False
    )
    flow = "".join("{text: t, premises: [" for _ in range(DEEP)) + "{text: t}" + "]}" * DEEP
    _error_against(
        folder, table, f"{DEEP:,}-deep flow map", small, f"title: t\nthesis: {flow}\n", small=True
    )


def bench_deep_chain(folder: Path, table: Verdicts) -> None:
    section(f"a {DEEP:,}-deep chain (JSON) through every command that reads it")
    chain = folder / "chain.json"
    chain.write_text(_chain_json(DEEP), encoding="utf-8")
    back = folder / "chain-back.json"  # the Argdown export read back
    commands = {
        "validate": ["validate"],
        "show": ["show"],
        "stats": ["stats"],
        "lint": ["lint"],
        "check": ["check", "--against", str(chain)],
        "export json": ["export"],
        "export argdown": ["export", "--format", "argdown", "-o", str(folder / "chain.argdown")],
        "import argdown": ["import", str(folder / "chain.argdown"), "-o", str(back), "--force"],
        "diff of the import": ["diff", str(back)],
        "export markdown": ["export", "--format", "markdown"],
        "diff": ["diff", str(chain)],
    }
    for label, args in commands.items():
        run = Run([*ARGMAP, *args] if "import" in args else [*ARGMAP, *args, str(chain)])
        refused = "refused" in label
        ok = run.code == (1 if refused else 0) and (not refused or run.error_lines == 1)
        print(f"   {label}: exit {run.code}, {run.cpu:.1f} s, {run.mb:.0f} MB {run.error[:90]}")
        verdict(table, f"{DEEP:,}-deep chain, {label}", f"exit {run.code}", "no crash", ok)
        verdict(
            table,
            f"{DEEP:,}-deep chain, {label}, time",
            f"{run.cpu:.1f} s",
            "<= 30 s",
            run.cpu <= 30,
        )
        goal = 200 if label == "validate" else 600
        verdict(
            table,
            f"{DEEP:,}-deep chain, {label}, memory",
            f"{run.mb:.0f} MB",
            f"<= {goal} MB",
            run.mb <= goal,
        )


def _tagged_chain(depth: int) -> str:
    """A block premise chain whose title has a tag, so edits take the round-trip parser."""
    lines = ["title: !!str Deep", "thesis:", "  id: t", "  text: The thesis."]
    indent = "  "
    for i in range(depth):
        lines += [f"{indent}premises:", f"{indent}- id: p{i}"]
        indent += "  "
        lines.append(f"{indent}text: Premise {i}.")
    return "\n".join(lines) + "\n"


def bench_tagged_add(folder: Path, table: Verdicts) -> None:
    """``add`` on deep tagged block maps: the file grows as depth squared (its indentation)."""
    section("add on a deep block chain with a YAML tag (the round-trip parser)")
    per_mb: dict[int, float] = {}
    for depth in (300, 600) if QUICK else (300, 1500):
        path = folder / f"tagged-{depth}.yaml"
        text = _tagged_chain(depth)
        path.write_text(text, encoding="utf-8")
        mb = len(text) / 1e6
        run = Run([*ARGMAP, "add", "objection", str(path), "--to", "p10", "--text", "Late."])
        per_mb[depth] = run.cpu / mb
        print(f"   {depth} deep, {mb:.1f} MB: exit {run.code}, {run.cpu:.1f} s, {run.mb:.0f} MB")
        verdict(table, f"tagged {depth}-deep add", f"exit {run.code}", "0", run.code == 0)
    small, big = sorted(per_mb)
    verdict(
        table,
        f"tagged add, s/MB at {big} deep over {small} deep",
        f"{per_mb[big] / per_mb[small]:.2f}x",
        "<= 1.5x (linear)",
        per_mb[big] <= 1.5 * per_mb[small],
    )


def _branching_chain(depth: int) -> str:
    """A chain ``depth`` deep with objections, undercuts, linked groups and cross-links (JSON).

    Every 13th level's last node links to the chain 20 levels up: the breadcrumbs of the
    pages it continues on list rows from far apart (its pages took time with its depth).
    """
    nodes: list[dict[str, Any]] = [{"id": "n0", "kind": "thesis", "text": "Claim 0."}]
    for i in range(1, depth):
        up, here = f"n{i - 1}", f"n{i}"
        nodes.append(
            _record(here, f"Claim {i} with some words to wrap around here.", up, "supports")
        )
        if i % 5 == 0:
            nodes.append(_record(f"o{i}", f"Objection {i}.", up, "attacks", "objection"))
        if i % 7 == 0:
            nodes.append(_record(f"u{i}", f"Undercut {i}.", here, "undercuts", "objection"))
        for member in ("a", "b") if i % 11 == 0 else ():
            linked = _record(f"g{i}{member}", f"Linked {member.upper()} {i}.", here, "supports")
            nodes.append({**linked, "group": f"G{i}"})
        if i % 13 == 0 and i > 20:
            last = nodes[-1]
            relation = "supports" if last["kind"] == "premise" else "attacks"
            last["links"] = [{"to": f"n{i - 20}", "relation": relation}]
    return json.dumps({"title": "Deep", "nodes": nodes})


def _record(
    node_id: str, text: str, parent: str, relation: str, kind: str = "premise"
) -> dict[str, Any]:
    return {"id": node_id, "kind": kind, "text": text, "parent": parent, "relation": relation}


def bench_deep_renders(folder: Path, table: Verdicts) -> None:
    """Diagrams of a deep map with side branches: their time grows with the map's size.

    The svg is one drawing, whose layout takes the engine longer than in proportion (7.6x
    the CPU at 4x the nodes): there argmap's own CPU is measured, the bare engine's on
    the same DOT taken off.
    """
    section("a deep map with side branches, drawn: time at 4x the depth")
    from argmap.exporters.diagram.engine import find_engine

    engine = str(find_engine("bundled").program)
    depths = (1_250, 5_000) if QUICK else (2_500, 10_000)  # under 1,000: start-up weighs most
    for fmt in ("svg", "pdf", "html"):
        seconds: list[float] = []
        for depth in depths:
            path = folder / f"branching-{depth}.json"
            if not path.exists():
                path.write_text(_branching_chain(depth), encoding="utf-8")
            out = folder / f"branching-{depth}.{fmt}"
            run = Run([*ARGMAP, "render", str(path), "-f", fmt, "-o", str(out)])
            own = run.cpu
            if fmt == "svg":
                dot = folder / f"branching-{depth}.dot"
                Run([*ARGMAP, "render", str(path), "-f", "dot", "-o", str(dot)])
                own -= Run([engine, "-Tsvg", "-q", str(dot), "-o", str(out)]).cpu
            seconds.append(own)
            print(f"   {depth} deep, {fmt}: exit {run.code}, {run.cpu:.1f} s, {run.mb:.0f} MB")
        growth = seconds[1] / seconds[0]
        verdict(
            table,
            f"{fmt} of a branching chain, {'own ' if fmt == 'svg' else ''}CPU at "
            f"{depths[1]:,} deep over {depths[0]:,}",
            f"{growth:.1f}x",
            "<= 6x (4x the nodes)",
            growth <= 6,
        )


def bench_wide(folder: Path, table: Verdicts) -> None:
    """One thesis with a thousand plain premises, drawn as one SVG (and as pages).

    Stacked as a square block, their edges passed every row above them, and the engine
    paid for each rank passed: 1,500 premises took 30 s, 2,000 took 63 s.
    """
    section("a thesis with 1,500 plain premises: one drawing and pages")
    sizes = (750, 1_500)
    for fmt in ("svg", "html"):
        seconds: list[float] = []
        for size in sizes:
            path = _wide_map(folder, size)
            run = Run([*ARGMAP, "render", str(path), "-f", fmt, "-o", str(folder / "wide")])
            seconds.append(run.wall)
            took = f"exit {run.code}, {run.wall:.1f} s, {run.mb:.0f} MB"
            print(f"   {size:,} premises, {fmt}: {took}")
        verdict(
            table,
            f"{fmt} of a thesis with {sizes[1]:,} premises, wall time",
            f"{seconds[1]:.1f} s",
            "<= 10 s",
            seconds[1] <= 10,
        )
        growth = seconds[1] / seconds[0]
        verdict(
            table,
            f"{fmt} of a thesis with premises, time at {sizes[1]:,} over {sizes[0]:,}",
            f"{growth:.1f}x",
            "<= 3x (2x the nodes)",
            growth <= 3,
        )


def _wide_map(folder: Path, size: int) -> Path:
    """A map (JSON) of one thesis with ``size`` plain premises, written once."""
    path = folder / f"wide-{size}.json"
    if not path.exists():
        premises = [{"id": f"p{i}", "text": f"premise {i}"} for i in range(size)]
        thesis = {"id": "t", "text": "T", "premises": premises}
        path.write_text(json.dumps({"title": "wide", "thesis": thesis}), "utf-8")
    return path


def bench_wide_commands(folder: Path, table: Verdicts) -> None:
    """Every command that reads a map, on a thesis with 20,000 and 40,000 premises.

    ``stats`` looked each premise up in a list of them: 4.6 s at 20,000 (validate 0.3 s),
    over 120 s at 100,000.
    """
    section("a thesis with 40,000 plain premises: the commands that read it")
    sizes = (20_000, 40_000)
    for command in ("validate", "stats", "lint", "show"):
        seconds: list[float] = []
        for size in sizes:
            path = _wide_map(folder, size)
            run = Run([*ARGMAP, command, str(path)])
            seconds.append(run.cpu)
            print(f"   {size:,} premises, {command}: exit {run.code}, {run.cpu:.1f} s")
        figure = f"{command} of a thesis with premises, CPU at {sizes[1]:,} over {sizes[0]:,}"
        _twice_the_nodes(table, figure, seconds)


def _twice_the_nodes(table: Verdicts, figure: str, seconds: list[float]) -> None:
    """The verdict on a time at twice the nodes: at most 3x (linear, with some slack)."""
    growth = seconds[1] / seconds[0]
    verdict(table, figure, f"{growth:.1f}x", "<= 3x (2x the nodes)", growth <= 3)


def bench_lint_repeats(folder: Path, table: Verdicts) -> None:
    """lint of a deep chain whose claims all say the same: a warning at every node.

    Each warning's place was found by a walk from the root: 12,500 deep took 50 s.
    """
    section("lint of a deep chain of one repeated statement: a warning at every node")
    sizes = (6_250, 12_500)
    seconds: list[float] = []
    for size in sizes:
        path = folder / f"repeats-{size}.json"
        text = _chain_json(size).replace('"text": "claim ', '"text": "same claim", "note": "')
        path.write_text(text, encoding="utf-8")
        run = Run([*ARGMAP, "lint", str(path)])
        seconds.append(run.cpu)
        print(f"   {size:,} deep: exit {run.code}, {run.cpu:.1f} s")
    figure = f"lint of a chain of one repeated statement, CPU at {sizes[1]:,} over {sizes[0]:,}"
    _twice_the_nodes(table, figure, seconds)


def main() -> int:
    table: Verdicts = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_errors(folder, table)
        bench_deep_chain(folder, table)
        bench_tagged_add(folder, table)
        bench_deep_renders(folder, table)
        bench_wide(folder, table)
        bench_wide_commands(folder, table)
        bench_lint_repeats(folder, table)
    print_goals(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
