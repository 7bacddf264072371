"""A linked group's stub says it is a linked reason and counts its co-premises apart."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.stublabels import (
    LINKED_CAPTION,
    linked_where,
    stub_box,
    stub_label_lines,
)
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests import textfit

PHONES = """\
title: Phones in class?
thesis:
  id: ban
  text: Schools should ban phones.
  premises:
    - id: distraction
      text: Phones distract pupils in lessons.
      evidence:
        - text: A 2015 LSE study found test scores rose after phone bans.
          basis: statistic
          citation: {outlet: LSE, date: "2015"}
      objections:
        - id: teach-use
          text: Pupils must learn to manage distraction themselves.
          rebuttals:
            - text: Learning self-control is easier without a phone in the pocket.
    - linked:
        - text: Cyberbullying often happens during the school day.
        - text: Phones are the main tool of cyberbullying.
  objections:
    - id: emergencies
      text: Parents need to reach their children in emergencies.
"""
"""A teacher's map: on A4, page 1 drew its linked group as a stub reading "+1 more, p. 2"."""


def _map(folder: Path, data: object) -> ArgumentMap:
    path = folder / ("map.yaml" if isinstance(data, str) else "map.json")
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return load_map(path)


def test_a_linked_groups_count_names_its_co_premises() -> None:
    """ "+1 more" read as one reason with a node below it, not premises that support together."""
    text = "Cyberbullying often happens during the school day."
    assert stub_label_lines(text, 1, "2", linked=1)[-1] == "+1 co-premise, p. 2"
    assert linked_where(2, 5, "2") == ["+2 co-premises, +3 more, p. 2"]
    assert stub_label_lines(text, 5, "2", linked=2)[-2:] == ["+2 co-premises,", "+3 more, p. 2"]
    assert linked_where(1, 4, "12", narrow=True) == ["+1 co-premise,", "+3 more, p. 12"]
    # A worksheet's stub ("1.2") is no wider for its count than it was for "+1 more, p. 2".
    assert linked_where(1, 1, "2", room=20.0) == ["+1 co-premise", "on p. 2"]
    plain = stub_box(stub_label_lines(text, 1, "2"))
    captioned = stub_box(stub_label_lines(text, 1, "2", linked=1), LINKED_CAPTION)
    assert captioned[1] > plain[1] and captioned[0] >= plain[0]


def _stub_of(svg: str, words: str) -> str:
    """The SVG of the stub whose text holds ``words``."""
    svg = html.unescape(svg)
    for match in re.finditer(r'<g id="stub-\d+" class="node[^"]*">.*?</g>', svg, re.S):
        if words in match.group(0):
            return match.group(0)
    raise AssertionError(f"no stub says {words!r}")


def test_a_linked_groups_stub_says_so_in_the_svg_and_the_dot(tmp_path: Path) -> None:
    m = _map(tmp_path, PHONES)
    pages = lay_out(m, analyze(m), RenderOptions(), "a4", find_engine("auto")).pages
    first = pages[0]
    assert any(len(stub.tops) == 2 for stub in first.plan.page.stubs), "the group is a stub"
    stub = _stub_of(first.svg, "Cyberbullying often")
    assert ">LINKED REASON</text>" in stub and "+1 co-premise, p. 2" in stub
    assert "more" not in stub
    assert "Linked reason (all together) of 2 co-premises, the first: Cyber" in stub  # tooltip
    dot = str(first.graph.source)
    line = next(line for line in dot.splitlines() if "Cyberbullying" in line and "stub" in line)
    assert "LINKED REASON" in line and "+1 co-premise, p. 2" in line


SCRIPTS = {
    "latin": "Mmmm wwww mmmm wwww mmmm wwww mmmm www mmmm wwww",
    "greek": "Η δημοκρατία απαιτεί ενημερωμένους πολίτες που σκέφτονται κριτικά.",
    "arabic": "الديمقراطية تتطلب مواطنين مطلعين يفكرون بشكل نقدي",
    "hebrew": "הדמוקרטיה דורשת אזרחים מיודעים שחושבים באופן ביקורתי",
    "cjk": "日本語の文章には空白がないので折り返しが難しいです東京大学",
    "hangul": "민주주의는 비판적으로 생각하는 시민을 필요로 합니다",
    "devanagari": "लोकतंत्र को सूचित नागरिकों की आवश्यकता होती है",
    "thai": "ประชาธิปไตยต้องการพลเมืองที่มีข้อมูลและคิดอย่างมีวิจารณญาณ",
    "emoji": "Stars ★ ☆ ★★★ thumbs 👍🏽 coder 👩\u200d💻 ok",
}


def test_a_linked_groups_stub_fits_its_box_in_every_script(tmp_path: Path) -> None:
    """Each group's first premise in another script, its branch too big for the thesis's page."""
    groups = []
    for name, text in SCRIPTS.items():
        deep = [
            {"text": f"Reason {i} for {name}, long enough to wrap in its box."} for i in range(6)
        ]
        groups.append(
            {"linked": [{"text": text, "premises": deep}, {"text": f"The other half of {name}."}]}
        )
    m = _map(tmp_path, {"title": "Scripts", "thesis": {"text": "A thesis.", "premises": groups}})
    pages = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto")).pages  # type: ignore[arg-type]
    linked = [s for laid in pages for s in laid.plan.page.stubs if len(s.tops) == 2]
    assert len(linked) >= len(SCRIPTS) - 1
    for laid in pages:
        assert textfit.ink_outside_boxes(laid.svg, "svg") == 0
        for fit in textfit.fits(laid.svg, "svg"):
            if fit.line.node.startswith("stub") and fit.left is not None:
                assert fit.right is not None and min(fit.left, fit.right) > 0, fit


@pytest.mark.parametrize("kind", ["fill", "place", "label"])
def test_a_worksheets_linked_stub_gives_no_answer_away(tmp_path: Path, kind: str) -> None:
    """Its words are the sheet's: the position for a hidden statement, the caption the group's
    box gives on every sheet, the co-premises counted (which the bank does not say apart)."""
    from argmap.exercise.worksheet import make_worksheet

    m = _map(tmp_path, PHONES)
    sheet = make_worksheet(m, RenderOptions(exercise=True, exercise_kind=kind, fit="a4"))
    ex, options = sheet.exercise, sheet.exercise_options
    pages = lay_out(ex, analyze(ex), options, "a4", find_engine("auto")).pages
    stubs = [s for laid in pages for s in laid.plan.page.stubs if len(s.tops) == 2]
    if not stubs:
        pytest.skip("the group fits the sheet's first page")
    svg = next(laid.svg for laid in pages if stubs[0] in laid.plan.page.stubs)
    stub = _stub_of(svg, "co-premise")
    assert ">LINKED REASON</text>" in stub
    if kind != "label":  # a label sheet shows the statements, asks for the kinds
        assert "Cyberbullying" not in stub and "Phones are" not in stub
    assert not re.search(r"OBJECTION|EVIDENCE|REBUTTAL|objection|evidence", stub)
