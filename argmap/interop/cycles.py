"""Support cycles in an imported graph: where they lie, and which link would close one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

__all__ = ["CycleGuard", "on_cycles"]


def on_cycles(nodes: Iterable[str], succ: Mapping[str, set[str]]) -> set[str]:
    """Return the nodes on a cycle (a loop, or a strongly connected part of two or more).

    Tarjan's algorithm, walked with a stack of its own (no recursion), so a chain of any
    length is fine.

    Args:
        nodes: where to start walking (every node of the graph, or those to check).
        succ: each node's successors.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: set[str] = set()

    def enter(key: str) -> None:
        index[key] = low[key] = len(index)
        stack.append(key)
        on_stack.add(key)
        work.append((key, iter(sorted(succ.get(key, ())))))

    work: list[tuple[str, Iterator[str]]] = []
    for start in nodes:
        if start not in index:
            enter(start)
        while work:
            node, rest = work[-1]
            nxt = next(rest, None)
            if nxt is not None:
                if nxt not in index:
                    enter(nxt)
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                part = [stack.pop()]
                while part[-1] != node:
                    part.append(stack.pop())
                on_stack.difference_update(part)
                if len(part) > 1 or node in succ.get(node, ()):
                    out.update(part)
    return out


class CycleGuard:
    """The support relations a map keeps so far, to tell a link that would close a cycle.

    Only the nodes on a cycle of every support the map could hold (its tree's and each
    candidate link's) can be on a cycle of those it keeps: elsewhere nothing is checked,
    so a graph with no cycle costs one linear walk.
    """

    def __init__(self, kept: Iterable[tuple[str, str]], candidates: Iterable[tuple[str, str]]):
        """Start from the supports already kept (the tree's) and every one that may be."""
        kept = list(kept)
        succ: dict[str, set[str]] = {}
        for source, target in [*kept, *candidates]:
            succ.setdefault(source, set()).add(target)
        self.cyclic = on_cycles(list(succ), succ)
        self.succ: dict[str, set[str]] = {}
        for source, target in kept:
            self.keep(source, target)

    def closes(self, source: str, target: str) -> bool:
        """Whether ``source`` supporting ``target`` would close a cycle of kept supports."""
        if source not in self.cyclic or target not in self.cyclic:
            return False
        seen = {target}
        stack = [target]
        while stack:
            node = stack.pop()
            if node == source:
                return True
            for nxt in self.succ.get(node, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def keep(self, source: str, target: str) -> None:
        """Count ``source`` supporting ``target`` among the kept supports."""
        if source in self.cyclic and target in self.cyclic:
            self.succ.setdefault(source, set()).add(target)
