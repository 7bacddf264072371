"""The PDF heading's ``key: p. N``: a link to the key's page, over just those words."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.formats import render_pdf
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.poppler import poppler
from tests.test_pdf import _objects


def _wide(title: str) -> ArgumentMap:
    """A thesis of 14 premises: too many beside the key, which goes to a later page."""
    premises = [
        {
            "id": f"r{i}",
            "text": f"Branch {i} says something fairly long about the thesis",
            "premises": [{"id": f"s{i}", "text": f"Sub point {i}"}],
        }
        for i in range(14)
    ]
    return validate_data(
        {"title": title, "thesis": {"id": "t", "text": "The thesis", "premises": premises}}
    )


def _words(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """The page's words with their boxes (points from the top left), in reading order."""
    done = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [
        (w, float(a), float(b), float(c), float(d))
        for a, b, c, d, w in re.findall(pattern, done.stdout)
    ]


def _links(data: bytes) -> tuple[list[float], list[tuple[int, list[float]]], int]:
    """Page 1's media box, its links (target page, rectangle) and the page count."""
    objects = _objects(data)
    tree = next(body for body in objects.values() if b"/Type /Pages" in body)
    kids = [int(n) for n in re.findall(rb"(\d+) 0 R", tree)]
    page = objects[kids[0]]
    box = re.search(rb"/MediaBox \[([^\]]*)\]", page)
    annots = re.search(rb"/Annots \[([^\]]*)\]", page)
    assert box is not None and annots is not None
    links = []
    for ref in re.findall(rb"(\d+) 0 R", annots.group(1)):
        annot = objects[int(ref)]
        target = re.search(rb"/Dest \[(\d+) 0 R", annot)
        rect = re.search(rb"/Rect \[([^\]]*)\]", annot)
        assert target is not None and rect is not None
        links.append(
            (kids.index(int(target.group(1))) + 1, [float(v) for v in rect.group(1).split()])
        )
    return [float(v) for v in box.group(1).split()], links, len(kids)


@pytest.mark.parametrize("title", ["Wide", "مرحبا بالعالم", "key: p. 2 of the brief"])
def test_the_headings_key_page_is_a_link_over_its_words(tmp_path: Path, title: str) -> None:
    m = _wide(title)
    path = tmp_path / "wide.pdf"
    data = render_pdf(m, analyze(m), RenderOptions(fit="a4"))
    path.write_bytes(data)
    words = _words(path, 1)
    texts = [word[0] for word in words]
    at = max(i for i in range(len(texts) - 2) if texts[i : i + 2] == ["key:", "p."])
    key_page = int(texts[at + 2])
    (_, _, width, height), links, count = _links(data)
    assert 1 < key_page <= count
    assert "thesis" in " ".join(w[0] for w in _words(path, key_page))  # the key is there
    left = words[at][1]
    right = words[at + 2][3]
    top, bottom = height - words[at][2], height - words[at][4]  # from the bottom, as PDF has it
    to_key = [
        rect for target, rect in links if target == key_page and rect[1] < top and rect[3] > bottom
    ]
    assert len(to_key) == 1, links
    x0, y0, x1, y1 = to_key[0]
    assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height  # on the page
    assert x0 == pytest.approx(left, abs=1.0) and x1 == pytest.approx(right, abs=1.0)
    assert bottom - 1 <= y0 < y1 <= top + 1 and y1 - y0 > (top - bottom) * 0.8


def test_a_worksheet_has_its_instructions_on_page_one(tmp_path: Path) -> None:
    """A worksheet's "key: p. 15" read as "the answer key is on page 15"; then its
    "instructions: p. 3" left page 1, where students begin, without the task."""
    from argmap.pipeline import render_files
    from tests.conftest import MAPS

    opts = RenderOptions(exercise=True, exercise_kind="fill", fit="a4")
    written = [
        t
        for _, t in render_files(
            [MAPS / "russias-game-in-north-korea.yaml"], ["pdf"], tmp_path, opts
        )
    ]
    [sheet] = [p for p in written if ".exercise" in p.name]
    [answers] = [p for p in written if ".answers" in p.name]
    texts = [word[0] for word in _words(sheet, 1)]
    assert "key:" not in texts and "instructions:" not in texts
    assert "WORKSHEET" in texts and "Write" in texts  # the instructions are on page 1
    # The answer key is the worksheet's pages with the answers written in: its page 1
    # holds the same box, headed "ANSWER KEY".
    key = [word[0] for word in _words(answers, 1)]
    assert "instructions:" not in key and "ANSWER" in key and "Write" in key
