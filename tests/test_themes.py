"""The diagram's themes: every statement legible on its box, every border visible."""

from __future__ import annotations

import pytest

from argmap.exporters.diagram.styles import THEMES
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
