"""The diagram's themes: every statement legible on its box, every border visible."""

from __future__ import annotations

import pytest

from argmap.exporters.diagram.styles import THEMES


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_each_kinds_text_meets_aa_contrast_on_its_box(theme: str) -> None:
    """A rebuttal's orange text was 3.46:1 on its fill, under WCAG AA's 4.5:1 for body text.

    Photocopied, it was the palest box on the sheet. A border, which draws the box and
    (for a rebuttal) its arrows, is a graphic: WCAG asks 3:1 of it.
    """
    nodes, _edges = THEMES[theme]
    for kind, style in nodes.items():
        assert _contrast(style.ink, style.fill) >= 4.5, (theme, kind, style.ink, style.fill)
        assert _contrast(style.border, style.fill) >= 3.0, (theme, kind, style.border)
