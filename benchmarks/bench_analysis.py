"""Time standing analysis, stats and lint on large generated maps (run: python benchmarks/...)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from argmap.analysis.lint import lint
from argmap.analysis.standing import analyze
from argmap.analysis.stats import format_stats
from argmap.load.maps import load_map
from argmap.model import ArgumentMap, Link, Node, NodeKind, Relation

ROOT = Path(__file__).resolve().parent.parent


def deep_chain(depth: int) -> ArgumentMap:
    """Thesis, then an objection, then rebuttals each answering the one before."""
    nodes = [Node(id="t", kind=NodeKind.THESIS, text="Root claim")]
    for i in range(1, depth + 1):
        nodes.append(
            Node(
                id=f"n{i}",
                kind=NodeKind.OBJECTION if i == 1 else NodeKind.REBUTTAL,
                text=f"Step {i} answers the step before it",
                parent="t" if i == 1 else f"n{i - 1}",
                relation=Relation.ATTACKS,
            )
        )
    return ArgumentMap(title="deep", nodes=tuple(nodes))


def wide(count: int) -> ArgumentMap:
    """Premises with one objection each; every tenth objection cross-attacks another."""
    nodes = [Node(id="t", kind=NodeKind.THESIS, text="Root claim")]
    for i in range(count):
        nodes.append(
            Node(
                id=f"p{i}",
                kind=NodeKind.PREMISE,
                text=f"Premise {i} about topic {i % 97} and aspect {i % 89}",
                parent="t",
                relation=Relation.SUPPORTS,
            )
        )
        links = (Link(to=f"o{i - 1}", relation=Relation.ATTACKS),) if i % 10 == 9 else ()
        nodes.append(
            Node(
                id=f"o{i}",
                kind=NodeKind.OBJECTION,
                text=f"Objection {i} doubts premise {i} on ground {i % 13}",
                parent=f"p{i}",
                relation=Relation.ATTACKS,
                links=links,
            )
        )
    return ArgumentMap(title="wide", nodes=tuple(nodes))


def _time(label: str, fn: Callable[[], object], repeat: int = 3) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    sys.stdout.write(f"{label:<40} {best * 1000:9.1f} ms\n")


def main() -> int:
    """Run every timing and print one line each (best of three)."""
    maps = {"deep chain, 5,000": deep_chain(5000), "wide, 10,001 nodes": wide(5000)}
    flagship = ROOT / "maps" / "russias-game-in-north-korea.yaml"
    if flagship.exists():
        maps["flagship"] = load_map(flagship)
    for name, m in maps.items():
        _time(f"analyze  {name}", lambda m=m: analyze(m))
        _time(f"stats    {name}", lambda m=m: format_stats(m, analyze(m)))
        _time(f"lint     {name}", lambda m=m: lint(m))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
