"""Time the HTML outline page (without the diagram) on wide and deep generated maps."""

from __future__ import annotations

import sys
import time

from argmap.analysis.standing import analyze
from argmap.exporters.html.page import render_html
from argmap.model import ArgumentMap, Node, NodeKind, Relation

SIZES = (100, 1000, 5000)
TARGET_PER_NODE = 0.0005
"""Seconds per node the page may take (5,000 nodes: 2.5 s)."""


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


def main() -> int:
    slow = 0
    for deep in (False, True):
        for count in SIZES:
            m = generate(count, deep=deep)
            start = time.perf_counter()
            page = render_html(m, analyze(m), diagram=False)
            took = time.perf_counter() - start
            ok = took <= TARGET_PER_NODE * count or took < 0.2
            slow += not ok
            shape = "deep" if deep else "wide"
            print(
                f"html {shape:4} {count:5} nodes: {took:6.2f} s, {len(page) / 1e6:5.1f} MB"
                f"{'' if ok else '  SLOW'}"
            )
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
