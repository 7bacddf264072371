"""A fill worksheet's ruled lines, as printed: room for a pupil's hand, and below the last."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exercise import make_worksheet
from argmap.exporters.diagram.formats import _pages
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

MM: float = 72 / 25.4
"""Points in a millimetre."""

HAND_MM: float = 3.0
"""The least a letter of a pupil's handwriting takes along a line (3 to 4 mm)."""

_NODE = re.compile(r'<g id="node&#45;([\d.]+)" class="node[^"]*">(.*?)</g>\n</g>', re.S)
_RULE = re.compile(r'<polyline fill="none" stroke="[^"]*" points="([-\d.]+),([-\d.]+) ([-\d.]+),')
_OUTLINE = re.compile(
    r'<(?:path|polygon) fill="[^"]*" stroke="[^"]*"[^>]*? (?:d|points)="([^"]+)"'
)


def _blanks(fit: str, portrait: bool, name: str) -> list[tuple[str, int, float, float, float]]:
    """Each blank on the fill sheet's pages: its position, its ruled lines, a line's length
    and the room under the last line (both in mm as printed), and its statement's length."""
    m = load_map(MAPS / name)
    opts = RenderOptions(exercise=True, exercise_kind="fill", fit=fit, portrait=portrait)  # type: ignore[arg-type]
    sheet = make_worksheet(m, opts)
    layout = _pages(sheet.exercise, analyze(sheet.exercise), sheet.exercise_options, fit)  # type: ignore[arg-type]
    assert layout is not None
    out = []
    for page in layout.pages:
        scale = layout.scale(page) / MM  # printed points a drawn point takes, in mm
        for node in _NODE.finditer(page.svg):
            rules = [tuple(map(float, r)) for r in _RULE.findall(node.group(2))]
            outline = _OUTLINE.search(node.group(2))
            if not rules or outline is None:
                continue
            ys = [float(v) for v in re.findall(r"-?[\d.]+", outline.group(1))[1::2]]
            length = (rules[-1][2] - rules[-1][0]) * scale
            below = (max(ys) - rules[-1][1]) * scale
            text = " ".join(sheet.answers.get(node.group(1)).text.split())
            out.append((node.group(1), len(rules), length, below, float(len(text))))
    return out


@pytest.mark.parametrize(
    ("fit", "portrait", "name"),
    [
        ("a4", False, "school-uniforms.yaml"),
        ("a4", False, "russias-game-in-north-korea.yaml"),
        ("a4", True, "russias-game-in-north-korea.yaml"),
    ],
)
def test_ruled_lines_hold_the_statement_in_a_pupils_hand(
    fit: str, portrait: bool, name: str
) -> None:
    """A line was about 63 mm long as printed and sized for 26 handwritten characters,
    2.4 mm a letter (pupils write 3 to 4 mm a letter); and the last line sat about a
    millimetre above the box's border, so descenders crossed it."""
    blanks = _blanks(fit, portrait, name)
    assert len(blanks) >= 9
    for position, lines, length, below, chars in blanks:
        assert lines >= 2
        assert lines * length >= HAND_MM * chars, (position, lines, length, chars)
        assert below >= 3.0, (position, below)  # room for the descenders of the last line
