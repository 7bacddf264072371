"""Worksheets of a focus: the claims above it are context, given; its branch is the exercise."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.view import visible_nodes
from argmap.cli import main
from argmap.errors import OptionMisuseError
from argmap.exercise import make_worksheet, positions
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from argmap.pipeline import render_files
from tests.conftest import MAPS
from tests.poppler import poppler

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
UNIFORMS = MAPS / "school-uniforms.yaml"
FOCUS = "russia-blames-us"
"""A reason four claims below the flagship's thesis, with two pieces of evidence."""


@pytest.mark.parametrize("kind", ["fill", "place"])
def test_the_claims_above_a_focus_are_given_and_its_branch_is_blank(kind: str) -> None:
    m = load_map(FLAGSHIP)
    options = RenderOptions(exercise=True, exercise_kind=kind, focus=FOCUS, depth=2)
    sheet = make_worksheet(m, options)
    labels = positions(sheet.answers)
    above = [node.id for node in m.ancestors(FOCUS)]
    assert len(above) == 4
    shown = {n.id for n in visible_nodes(m, RenderOptions(focus=FOCUS, depth=2))}
    below = shown - set(above)
    texts = {node.id: node.text for node in sheet.exercise.nodes}
    key = {node.id: node.text for node in sheet.answers.nodes}
    original = {key[label]: label for label in key}  # text -> position (texts differ)
    for node_id in above:  # given, word for word
        assert original[m.get(node_id).text] in texts
        assert texts[original[m.get(node_id).text]] == m.get(node_id).text
    info = sheet.exercise_options.sheet
    assert info is not None
    blank_texts = {m.get(node_id).text for node_id in below}
    assert len(info.blanks) == len(below) == 3
    for label in info.blanks:
        assert key[label] in blank_texts and texts[label] != key[label]
    if kind == "place":
        assert sorted(info.bank) == sorted(blank_texts)
    # Drawn from the focus: the pages start there, under a breadcrumb of the context.
    focus_label = original[m.get(FOCUS).text]
    assert sheet.exercise_options.focus == sheet.answer_options.focus == focus_label
    assert labels[focus_label] == focus_label
    assert texts[focus_label] == focus_label  # a blank's statement names only its box


def test_a_focused_worksheet_page_starts_at_the_focus_under_its_context(tmp_path: Path) -> None:
    opts = RenderOptions(exercise=True, exercise_kind="fill", focus=FOCUS, depth=2)
    written = [t for _, t in render_files([FLAGSHIP], ["pdf"], tmp_path, opts)]
    exercise = next(p for p in written if ".exercise." in p.name)
    pdfinfo = subprocess.run([poppler("pdfinfo"), str(exercise)], capture_output=True, text=True)
    assert re.search(r"^Pages:\s+1$", pdfinfo.stdout, re.M), pdfinfo.stdout
    text = subprocess.run(
        [poppler("pdftotext"), "-raw", str(exercise), "-"], capture_output=True, text=True
    ).stdout
    m = load_map(FLAGSHIP)
    # The breadcrumb prints the context's statements (shortened), never as blanks.
    for node in m.ancestors(FOCUS):
        start = " ".join(node.text.split()[:3])
        assert start in " ".join(text.split()), start
    assert "_" * 10 not in text.split("REASON")[1]  # the first breadcrumb row below the thesis
    for node_id in (FOCUS, *(c.id for c in m.children(FOCUS))):
        assert " ".join(m.get(node_id).text.split()[:4]) not in " ".join(text.split())


def test_blank_thesis_with_a_focus_below_it_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["render", str(FLAGSHIP), "-f", "pdf", "--exercise", "place", "--blank-thesis"]
    result = CliRunner().invoke(main, [*args, "--focus", FOCUS, "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "--blank-thesis with --focus 'russia-blames-us'" in lines[0]
    assert "focus on the thesis ('anti-americanism-drives-russia')" in lines[0]
    assert not out.exists()
    with pytest.raises(OptionMisuseError):
        make_worksheet(
            load_map(FLAGSHIP), RenderOptions(exercise=True, blank_thesis=True, focus=FOCUS)
        )
    thesis = load_map(FLAGSHIP).thesis.id
    fine = CliRunner().invoke(main, [*args, "--focus", thesis, "--depth", "1", "-o", str(out)])
    assert fine.exit_code == 0, fine.output


@pytest.mark.parametrize("path", [FLAGSHIP, UNIFORMS])
def test_the_key_numbers_every_statement_of_the_bank(tmp_path: Path, path: Path) -> None:
    """The thesis (blanked) and conclusions are in the bank: the key says their numbers."""
    opts = RenderOptions(exercise=True, exercise_kind="place", blank_thesis=True)
    written = [t for _, t in render_files([path], ["svg"], tmp_path, opts)]
    key = next(p for p in written if ".answers." in p.name).read_text(encoding="utf-8")
    bank = make_worksheet(load_map(path), opts).exercise_options.sheet.bank  # type: ignore[union-attr]
    said = re.findall(r"BANK NO\. (\d+(?: OR \d+)*)<", key)  # twins: either, in each box
    numbers = {int(n) for numbers in said for n in numbers.split(" OR ")}
    assert len(said) == len(bank) and sorted(numbers) == list(range(1, len(bank) + 1))
    assert re.search(r">1 · THESIS · BANK NO\. \d+<", key)
