"""Crossings on every page of random maps rich in conclusions, and of the flagship, per fit.

The page tests and ``bench_pages.py`` count crossings on chosen pages; this counts them on
every page of maps that exercise the conclusions' "so" arrows: chains of conclusions
drawn from conclusions, undercut steps, objections with evidence, beside a tree of
reasons, objections and undercutters. For each fit: the pages, the pairs of tree edges
that cross apart (and how many of those hold a "so" arrow), the pairs that cross before
they meet at a box, the edges through another box, and overlapping boxes. Seeded, so the
same code gives the same table; ``ARGMAP_BENCH_QUICK=1`` draws fewer maps.
"""

from __future__ import annotations

import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions

FLAGSHIP = Path(__file__).resolve().parent.parent / "maps" / "russias-game-in-north-korea.yaml"
QUICK = os.environ.get("ARGMAP_BENCH_QUICK") == "1" or "--quick" in sys.argv
MAPS = 8 if QUICK else 24
_STEP_CLASS = re.compile(r'class="edge drawn&#45;from( [^"]*)?"')
"""A "so" arrow's class (a lane's too: see traillanes), as the engine writes it."""
FITS = (
    ("a4", "TB", False),
    ("slide", "TB", False),
    ("a4", "BT", True),
    ("a4", "LR", False),
    ("letter", "LR", True),
)
VOCABULARY = (
    "the pupils school uniform cost evidence shows that council Russia Korea policy sanctions "
    "trade gas pipeline Moscow Pyongyang debt railway port Rason Ελλάδα Крым extraordinarily "
    "incomprehensibilities"
)
WORDS = VOCABULARY.split()


def _text(r: random.Random, low: int, high: int) -> str:
    return " ".join(r.choice(WORDS) for _ in range(r.randint(low, high)))


def _claims(r: random.Random, prefix: str, depth: int, left: list[int]) -> dict[str, Any]:
    """A claim with reasons, evidence and objections below it, while ``left`` lasts."""
    node: dict[str, Any] = {"id": prefix, "text": _text(r, 4, 24)}
    left[0] -= 1
    if depth >= 4 or left[0] <= 0:
        return node
    reasons = [_claims(r, f"{prefix}r{i}", depth + 1, left) for i in range(r.choice([0, 1, 2, 4]))]
    if reasons:
        node["premises"] = reasons
    if r.random() < 0.4:
        node["evidence"] = [{"id": f"{prefix}e", "text": _text(r, 3, 12)}]
    if r.random() < 0.35:
        objection: dict[str, Any] = {"id": f"{prefix}o", "text": _text(r, 3, 16)}
        objection["undercut"] = depth > 0 and r.random() < 0.4
        if r.random() < 0.4:
            objection["rebuttals"] = [{"id": f"{prefix}ob", "text": _text(r, 3, 12)}]
        node["objections"] = [objection]
    return node


def _conclusions(r: random.Random, prefix: str, depth: int) -> list[dict[str, Any]]:
    """Conclusions drawn from a claim, some undercut or objected to, some drawn on."""
    out = []
    for i in range(r.randint(1, 3 if depth == 0 else 2)):
        cid = f"{prefix}c{depth}{i}"
        conclusion: dict[str, Any] = {"id": cid, "text": "So " + _text(r, 3, 14)}
        bearing: list[dict[str, Any]] = []
        if r.random() < 0.5:
            bearing.append({"id": f"{cid}u", "text": _text(r, 3, 10), "undercut": True})
        if r.random() < 0.5:
            objection: dict[str, Any] = {"id": f"{cid}o", "text": _text(r, 3, 10)}
            if r.random() < 0.5:
                objection["evidence"] = [{"id": f"{cid}oe", "text": _text(r, 2, 8)}]
            bearing.append(objection)
        if bearing:
            conclusion["objections"] = bearing
        if depth < 2 and r.random() < 0.5:
            conclusion["conclusions"] = _conclusions(r, cid, depth + 1)
        out.append(conclusion)
    return out


def generate(seed: int) -> ArgumentMap:
    """A random map of 8 to 80 claims below its thesis, with conclusions drawn on from it."""
    r = random.Random(seed)
    thesis = _claims(r, "t", 0, [r.choice([8, 20, 40, 80])])
    thesis["conclusions"] = _conclusions(r, "", 0)
    return validate_data({"title": f"Conclusions {seed}", "thesis": thesis})


def _counts(m: ArgumentMap, fit: str, direction: str, portrait: bool) -> list[int]:
    """Pages, apart crossings, those with a "so" arrow, meeting, through boxes, overlaps."""
    options = RenderOptions(direction=direction, portrait=portrait)  # type: ignore[arg-type]
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    out = [len(layout.pages), 0, 0, 0, 0, 0]
    for page in layout.pages:
        svg = page.svg
        apart = geometry.crossings(svg)
        bare = geometry.crossings(_STEP_CLASS.sub(r'class="edge\1"', svg))
        found = (apart, apart - bare, geometry.meeting_crossings(svg))
        found += (geometry.through_boxes(svg), geometry.overlaps(svg))
        for k, value in enumerate(found, start=1):
            out[k] += value
    return out


def main() -> int:
    maps = [generate(seed) for seed in range(MAPS)]
    flagship = load_map(FLAGSHIP)
    print(f"{MAPS} random maps rich in conclusions ({sum(len(m.nodes) for m in maps)} nodes)")
    print('and the flagship, every page: pairs of tree edges crossing (with a "so" arrow),')
    print("crossing before they meet, edges through boxes, overlapping boxes")
    print()
    print('| maps | fit | pages | crossings | with "so" | meeting | through | overlaps | s |')
    print("|---|---|---|---|---|---|---|---|---|")
    for fit, direction, portrait in FITS:
        name = f"{fit}{' upright' if portrait else ''} {direction}"
        start = time.perf_counter()
        totals = [0] * 6
        for m in maps:
            counts = _counts(m, fit, direction, portrait)
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
        took = time.perf_counter() - start
        print(f"| random | {name} | " + " | ".join(map(str, totals)) + f" | {took:.1f} |")
        own = _counts(flagship, fit, direction, portrait)
        print(f"| flagship | {name} | " + " | ".join(map(str, own)) + " | |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
