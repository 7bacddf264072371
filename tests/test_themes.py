"""The diagram's themes: every statement legible on its box, every border visible."""

from __future__ import annotations

import itertools

import pytest

from argmap.exporters.diagram.styles import THEMES, NodeStyle
from tests.contrast import contrast


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_each_kinds_text_meets_aa_contrast_on_its_box(theme: str) -> None:
    """A rebuttal's orange text was 3.46:1 on its fill, under WCAG AA's 4.5:1 for body text.

    Photocopied, it was the palest box on the sheet. A border, which draws the box and
    (for a rebuttal) its arrows, is a graphic: WCAG asks 3:1 of it.
    """
    nodes, _edges = THEMES[theme]
    for kind, style in nodes.items():
        assert contrast(style.ink, style.fill) >= 4.5, (theme, kind, style.ink, style.fill)
        assert contrast(style.border, style.fill) >= 3.0, (theme, kind, style.border)


def _look(style: NodeStyle) -> tuple[str, bool, int, float]:
    """A box's look as a photocopy keeps it: shape, corners, grey level, line weight."""
    grey = round(sum(int(style.fill[i : i + 2], 16) for i in (1, 3, 5)) / 3)
    return style.shape, "rounded" in style.style, grey, float(style.penwidth)


def test_print_theme_tells_every_kind_apart_in_greyscale() -> None:
    """The print key drew the thesis and a rebuttal alike: both rounded, white and heavy.

    The rebuttal's fill was #f0f0f0 beside the thesis's white, lost on a photocopy, and
    its line 3 pt against 3.5. Two kinds must differ in shape or corners, by a tenth of
    the grey scale in fill, or by 1.5 pt of line.
    """
    nodes, _edges = THEMES["print"]
    looks = {kind: _look(style) for kind, style in nodes.items()}
    for first, second in itertools.combinations(sorted(looks), 2):
        a, b = looks[first], looks[second]
        apart = a[:2] != b[:2] or abs(a[2] - b[2]) >= 25 or abs(a[3] - b[3]) >= 1.5
        assert apart, (first, second, a, b)
