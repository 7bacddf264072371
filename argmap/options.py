"""Render options shared by the exporters, the pipeline and the CLI, with their vocabularies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

__all__ = [
    "DEFAULT_FITS",
    "EXERCISE_KINDS",
    "KEEPABLE",
    "WORKSHEET_FORMATS",
    "Direction",
    "Engine",
    "ExerciseKind",
    "Fit",
    "RenderOptions",
    "Sheet",
    "Theme",
]

Direction = Literal["TB", "BT", "LR", "RL"]
Theme = Literal["default", "print", "contrast"]
Engine = Literal["auto", "bundled", "system"]
Fit = Literal["slide", "a4", "a3", "letter", "paper", "none"]
"""The page a diagram is fitted to: a 16:9 slide, a paper size, a page A4 and Letter both
hold (``paper``), or none (one drawing)."""
DEFAULT_FITS: Final[Mapping[str, Fit]] = {
    "pdf": "a4", "html": "paper", "png": "slide", "svg": "none", "dot": "none"
}  # fmt: skip
"""The page each diagram format fits without ``--fit``. The HTML page's reader prints it on
the paper they have, A4 or Letter: its pages fit both, at the floor of either."""
ExerciseKind = Literal["fill", "place", "label"]
"""A worksheet: write the statements in (fill), place them from a bank, or label kinds."""
EXERCISE_KINDS: Final = ("fill", "place", "label")
WORKSHEET_FORMATS: Final = ("html", "svg", "png", "pdf", "dot")
"""The formats a worksheet comes in (the others would print kinds a label sheet hides)."""
KEEPABLE: Final = (
    "title", "description", "sources", "citations", "quotes", "authors", "notes", "tags",
    "basis", "strength", "standing",
)  # fmt: skip
"""What a worksheet leaves out unless asked to keep it (``--keep``)."""


@dataclass(frozen=True)
class Sheet:
    """The worksheet (or its answer key) being drawn: set by the pipeline, read by exporters.

    Attributes:
        kind: fill, place or label.
        answers: this is the answer key, not the worksheet.
        blanks: position label -> ruled lines left for its statement (fill), or 1 (place).
        bank: place: the statements in the bank's (shuffled) order, numbered from 1.
        numbers: place: position label -> the bank number of its statement.
        twins: place: position label -> the bank numbers of its statement's twins (the
            same claim, from another source: see :func:`argmap.exercise.worksheet.twins`),
            which the key accepts there too.
        written: a key drawn as its worksheet (its pages are the worksheet's): position
            label -> the answer written in its box (fill: the statement, place: the bank
            number, label: the kind). None: the worksheet itself, or a key drawn alone.
        listed: a key's statements its boxes do not hold are listed by position on pages
            after the diagram's (the HTML page's table lists them instead).
    """

    kind: ExerciseKind = "fill"
    answers: bool = False
    blanks: Mapping[str, int] = field(default_factory=dict)
    bank: tuple[str, ...] = ()
    numbers: Mapping[str, int] = field(default_factory=dict)
    twins: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    written: Mapping[str, str] | None = None
    listed: bool = True

    def accepted(self, position: str) -> str:
        """The bank numbers a place key accepts in a box: ``7``, or ``7 or 12`` (twins)."""
        numbers = sorted({self.numbers[position], *self.twins.get(position, ())})
        return " or ".join(map(str, numbers))

    @property
    def hides_kinds(self) -> bool:
        """Whether kinds and arrow types are hidden (the label worksheet)."""
        return self.kind == "label" and not self.answers


@dataclass(frozen=True)
class RenderOptions:
    """Options every exporter receives; each reads the ones that concern it."""

    direction: Direction = "TB"
    focus: str | None = None
    focus_group: bool = False
    """Set by the pipeline when ``--focus`` named a linked group (``focus`` is then its
    first premise): every member's branch is drawn, not the first's alone."""
    depth: int | None = None
    hide: frozenset[str] = field(default_factory=frozenset)
    theme: Theme = "default"
    engine: Engine = "auto"
    status: bool = False
    exercise: bool = False
    """Write a worksheet and its answer key instead of the map (see :mod:`argmap.exercise`)."""
    exercise_kind: ExerciseKind = "fill"
    blank_thesis: bool = False
    """Blank the thesis too (a worksheet shows it by default)."""
    even_blanks: bool = False
    """Give a fill worksheet's blanks one size, the longest statement's: a blank sized to
    its own statement hints at the answer's length."""
    seed: int = 0
    """Seeds the shuffle of a place worksheet's bank: the same seed, the same order."""
    keep: frozenset[str] = field(default_factory=frozenset)
    """What a worksheet keeps of what it leaves out by default (see :data:`KEEPABLE`)."""
    sheet: Sheet | None = None
    """Set by the pipeline on a worksheet's anonymised map: what exporters draw differently."""
    map_name: str = "map"
    fit: Fit | None = None
    """The page to fit the diagram to; None takes the format's own default."""
    portrait: bool = False
    """Turn paper pages upright (they lie in landscape by default)."""
    narrow: bool = False
    """Set by the page layout on pages too narrow for two ranks of the usual boxes: the
    diagram wraps statements and stubs narrower (see :func:`~.measure.narrow_page`)."""
    text_room: tuple[float, float, bool] | None = None
    """Set by the page layout: the most a box takes on a page at its legibility floor, in
    points (see :func:`~.measure.text_room`); None: not paged."""
    cuts: Mapping[str, str] | None = field(default=None, compare=False)
    """Set by the diagram on a narrowed view (``--focus``, ``--depth``, ``--hide``): node
    id -> what the view leaves out at it, said in its box (``+3 more below``; see
    :func:`argmap.analysis.viewcuts.view_cuts`); None: not worked out yet."""
