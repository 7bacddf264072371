"""One lint warning: the node, the code, a message that says what is wrong, a hint to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import Node

__all__ = ["LintWarning", "label"]


@dataclass(frozen=True, order=True)
class LintWarning:
    """One map-quality warning about one node (``field`` names the part at fault)."""

    node_id: str
    code: str
    message: str
    hint: str
    field: str | None = "text"

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}; {self.hint}"


def label(node: Node) -> str:
    """How a message names a node: its kind and id (``premise 'cost'``)."""
    return f"{node.kind.value} {node.id!r}"
