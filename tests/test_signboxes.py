"""A label worksheet's sign boxes: on their arrows, clear of captions and any other text."""

from __future__ import annotations

import html
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exercise import make_worksheet
from argmap.exporters.diagram.formats import _pages
from argmap.exporters.diagram.signboxes import clear_signs
from argmap.exporters.diagram.textwidth import text_points
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"

Rect = tuple[float, float, float, float]

_EDGE = re.compile(r'<g id="edge\d+" class="edge arrow[^"]*">(.*?)(?=<!--|\Z)', re.S)
_SQUARE = re.compile(r'<polygon fill="none" stroke="[^"]*" points="([^"]+)"/>')
_TEXT = re.compile(r"<text\b([^>]*)>([^<]*)</text>")


def _rect(points: str) -> Rect:
    pairs = [tuple(map(float, p.split(","))) for p in points.split()]
    return (
        min(x for x, _ in pairs),
        min(y for _, y in pairs),
        max(x for x, _ in pairs),
        max(y for _, y in pairs),
    )


def _texts(svg: str) -> list[tuple[str, Rect]]:
    """Each text's words and extent: its advance from its anchor, its size up and down."""
    out = []
    for match in _TEXT.finditer(svg):
        attrs, words = match.group(1), html.unescape(match.group(2))
        if not words.strip():
            continue
        x = float(re.search(r'\bx="([-\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
        y = float(re.search(r'\by="([-\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
        size = float(re.search(r'font-size="([\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
        width = text_points(words, size, "B" if "bold" in attrs else "")
        anchor = re.search(r'text-anchor="(\w+)"', attrs)
        shift = {"middle": width / 2, "end": width}.get(anchor.group(1) if anchor else "", 0.0)
        left = x - shift
        out.append((words, (left, y - 0.75 * size, left + width, y + 0.2 * size)))
    return out


def _signs(svg: str) -> list[tuple[Rect, set[str]]]:
    """Each sign box on an arrow, with the words drawn in it (its sign, if any)."""
    out = []
    for edge in _EDGE.finditer(svg):
        for square in _SQUARE.finditer(edge.group(1)):
            box = _rect(square.group(1))
            if 18 <= box[2] - box[0] <= 22 and 18 <= box[3] - box[1] <= 22:
                own = {html.unescape(w) for _, w in _TEXT.findall(edge.group(1))}
                out.append((box, own))
    return out


def _meets(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _overlaps(svg: str) -> list[str]:
    """The words of each text a sign box covers (other than its own sign)."""
    texts = _texts(svg)
    return [
        words
        for box, own in _signs(svg)
        for words, extent in texts
        if words not in own and _meets(box, extent)
    ]


@pytest.mark.parametrize("portrait", [False, True])
def test_sign_boxes_keep_off_captions_and_text(portrait: bool) -> None:
    """The "+" box of a linked reason's arrow sat on its group's caption, which read
    "LINKED REASON: co-[+]premises" (the flagship's label sheet and key, A4, p. 2): the
    engine places it along the arrow as it ran before it was cut at the group's box."""
    m = load_map(FLAGSHIP)
    opts = RenderOptions(exercise=True, exercise_kind="label", fit="a4", portrait=portrait)
    sheet = make_worksheet(m, opts)
    signs = 0
    for options in (sheet.exercise_options, sheet.answer_options):
        layout = _pages(sheet.exercise, analyze(sheet.exercise), options, "a4")
        assert layout is not None
        for page in layout.pages:
            assert _overlaps(page.svg) == [], page.plan.page.number
            signs += len(_signs(page.svg))
    assert signs > 100  # every arrow of the sheet and of its key


_SQUARE_AT = "189.76,-408.99 189.76,-428.99 209.76,-428.99 209.76,-408.99 189.76,-408.99"
CAPTIONED = (
    '<svg>\n<g id="group&#45;g1" class="cluster linked&#45;group">\n'
    '<path fill="#ffffff" stroke="#424242" d="M20,-399C20,-399 505,-399 505,-399 '
    '505,-511 505,-511 8,-511 8,-511 8,-399 8,-399 20,-399 20,-399"/>\n'
    '<text text-anchor="middle" x="223.84" y="-406.02" font-size="9.00">'
    "LINKED REASON: co&#45;premises that support only together</text>\n</g>\n"
    "<!-- 1.1&#45;&gt;junction -->\n"
    '<g id="edge7" class="edge arrow linked">\n<title>1.1&#45;&gt;junction group g1</title>\n'
    '<g id="a_edge7"><a xlink:title="arrow">\n'
    '<path fill="none" stroke="#424242" stroke-width="1.8" d="M229.79,-399.32'
    "C252.2,-384.65 269.5,-373.32 269.5,-373.32 269.5,-373.32 498.5,-373.32 498.5,-373.32"
    '"/>\n</a>\n</g>\n'
    f'<polygon fill="#eeeeee" stroke="none" points="{_SQUARE_AT}"/>\n'
    f'<polygon fill="none" stroke="#9e9e9e" points="{_SQUARE_AT}"/>\n'
    '<text text-anchor="start" x="195.96" y="-413.79" font-size="13.00" fill="#424242">+</text>'
    "\n</g>\n</svg>"
)
"""The flagship's label sheet, p. 2, cut down: a linked group's caption and its "+" box."""


def test_a_box_off_its_arrow_goes_onto_it_clear_of_the_caption() -> None:
    assert _overlaps(CAPTIONED)
    moved = clear_signs(CAPTIONED)
    assert _overlaps(moved) == []
    [(box, own)] = _signs(moved)
    assert own == {"+"}
    centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    assert box[1] > -399  # below the group's box, on its arrow
    assert abs(centre[1] - (-399.32 + 14.2)) < 3 and abs(centre[0] - 251.5) < 3
    [sign] = [t for t in _texts(moved) if t[0] == "+"]
    assert _meets(sign[1], box)  # the sign moved with its box
    assert clear_signs(moved) == moved  # a box on its arrow, clear of text, stays
