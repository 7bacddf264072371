"""A stub as a page records it: the branches it stands for, their nodes, and where they go on."""

from __future__ import annotations

from dataclasses import dataclass

from argmap.exporters.diagram.pagetree import stub_name

__all__ = ["Stub"]


@dataclass(frozen=True)
class Stub:
    """A branch a page leaves out, drawn as one box that points to where it continues.

    Attributes:
        parent: the node drawn in full on this page (or in its breadcrumb) that the
            branch hangs from.
        tops: the branch's first node (the members of a linked group); for a grouped
            stub, the first node of each of the branches it stands for, in file order.
        hidden: how many nodes the branches hold in all.
        page: the number of the page they continue on.
        grouped: one box for several branches: the last resort, when a node has more
            branches than rows of stubs can hold on its page.
        spread: one stub of a linked group's parts, on ``page`` to its last member's; or
            of a statement drawn over several pages, on ``page`` to its last part's.
    """

    parent: str
    tops: tuple[str, ...]
    hidden: int
    page: int
    grouped: bool = False
    spread: bool = False

    @property
    def name(self) -> str:
        """The stub's name in the page's graph."""
        return stub_name(self.tops)

    @property
    def single(self) -> bool:
        """Whether it stands for one branch (of siblings that go on, the last one too)."""
        return not self.grouped or len(self.tops) == 1

    @property
    def leaf(self) -> bool:
        """Whether it stands for one statement with nothing under it (a leaf).

        The statement is drawn in full on its page (``drawn in full, p. 9``); nothing goes on.
        """
        return self.single and self.hidden == 1
