"""Deep maps for the tests: a chain of premises with objections, rebuttals and undercuts."""

from __future__ import annotations

from typing import Any

from argmap.load.validate import validate_data
from argmap.model import ArgumentMap


def deep_chain(depth: int) -> ArgumentMap:
    """A chain ``depth`` deep (``n0`` to ``n{depth-1}``) with side branches along it.

    Every fifth level has an objection with a rebuttal (``o5``, ``r5``), every seventh an
    undercut of the step into it (``u7``).
    """
    thesis: dict[str, Any] = {"id": "n0", "text": "Claim 0."}
    node = thesis
    for i in range(1, depth):
        child: dict[str, Any] = {"id": f"n{i}", "text": f"Claim {i}."}
        node["premises"] = [child]
        if i % 5 == 0:
            rebuttal = {"id": f"r{i}", "text": f"Rebuttal {i}."}
            objection = {"id": f"o{i}", "text": f"Objection {i}.", "objections": [rebuttal]}
            node["objections"] = [objection]
        if i % 7 == 0:
            child["objections"] = [{"id": f"u{i}", "text": f"Undercut {i}.", "undercut": True}]
        node = child
    return validate_data({"title": "Deep", "thesis": thesis}, "deep.yaml")
