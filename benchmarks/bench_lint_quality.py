"""Lint's recall on flawed student maps and its false alarms on the shipped maps (a table)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from argmap.analysis.lint import lint
from argmap.load.maps import load_map

ROOT = Path(__file__).resolve().parent.parent
FLAWED = ROOT / "tests" / "cases" / "lint-flaws"
SHIPPED = ROOT / "maps"

STRUCTURAL = frozenset({"unsupported-premise", "uncited-evidence"})
"""Codes that read the map's shape, not its words: left out of the measure."""

_FLAW = re.compile(r"flaw:\s*([a-z, -]+)")


@dataclass
class Quality:
    """Expected flaws found and missed, and warnings no flaw explains, per code."""

    found: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    false_alarms: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return sum(self.found.values()) + len(self.missed)

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        hits = sum(self.found.values())
        return hits / (hits + len(self.false_alarms)) if hits + len(self.false_alarms) else 1.0


def expected_flaws(path: Path) -> set[tuple[str, str]]:
    """The ``(node id, code)`` pairs a flawed map's notes name (``note: "flaw: code"``)."""
    m = load_map(path)
    pairs = set()
    for node in m.nodes:
        match = _FLAW.search(node.note or "")
        if match:
            pairs |= {(node.id, code.strip()) for code in match.group(1).split(",")}
    return pairs


def measure(paths: list[Path]) -> Quality:
    """Lint each map and compare its text warnings with the flaws its notes name."""
    quality = Quality()
    for path in paths:
        expected = expected_flaws(path)
        warned = {(w.node_id, w.code) for w in lint(load_map(path)) if w.code not in STRUCTURAL}
        for node_id, code in sorted(expected):
            if (node_id, code) in warned:
                quality.found[code] += 1
            else:
                quality.missed.append((path.name, node_id, code))
        flawed = {node_id for node_id, _code in expected}
        for node_id, code in sorted(warned - expected):
            if node_id not in flawed:  # a second warning on a flawed node is no false alarm
                quality.false_alarms.append((path.name, node_id, code))
    return quality


def main() -> int:
    flawed = measure(sorted(FLAWED.glob("*.yaml")))
    shipped = measure(sorted(SHIPPED.glob("*.yaml")))
    print(f"{'set':<28}{'flaws':>7}{'found':>7}{'recall':>8}{'false alarms':>14}")
    print(
        f"{'flawed student maps':<28}{flawed.expected:>7}{sum(flawed.found.values()):>7}"
        f"{flawed.recall:>8.0%}{len(flawed.false_alarms):>14}"
    )
    print(f"{'shipped maps (maps/)':<28}{'-':>7}{'-':>7}{'-':>8}{len(shipped.false_alarms):>14}")
    print()
    codes = sorted(set(flawed.found) | {code for *_, code in flawed.missed})
    for code in codes:
        missed = sum(1 for *_, c in flawed.missed if c == code)
        print(f"  {code:<26}{flawed.found[code] + missed:>7}{flawed.found[code]:>7}")
    for name, node_id, code in flawed.missed:
        print(f"missed: {name} {node_id} [{code}]")
    for name, node_id, code in flawed.false_alarms + shipped.false_alarms:
        print(f"warned: {name} {node_id} [{code}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
