"""A worksheet's task is on its first page: its instructions' box, not a pointer to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.options import RenderOptions
from argmap.pipeline import render_files
from tests.conftest import MAPS
from tests.test_exercise_pages import pdf_pages

CARFREE = Path(__file__).parent / "cases" / "carfree-town.yaml"
"""A 62-statement town debate: its worksheets put the instructions on p. 9 to p. 13."""

TASKS = {
    "fill": "Write the missing statement on the lines of each box.",
    "place": "Write in each box the number of the statement",
    "label": "Write each box's kind: reason, evidence, objection",
}


@pytest.mark.parametrize("kind", ["fill", "place", "label"])
@pytest.mark.parametrize(
    "path", [MAPS / "russias-game-in-north-korea.yaml", CARFREE], ids=["flag", "carfree"]
)
def test_page_one_holds_the_task(tmp_path: Path, path: Path, kind: str) -> None:
    opts = RenderOptions(exercise=True, exercise_kind=kind)  # type: ignore[arg-type]
    written = [t for _, t in render_files([path], ["pdf"], tmp_path, opts)]
    [sheet] = [p for p in written if ".exercise" in p.name]
    [key] = [p for p in written if ".answers" in p.name]
    for pdf, title in ((sheet, "WORKSHEET"), (key, "ANSWER KEY")):
        first = " ".join(pdf_pages(pdf)[0].split())
        assert title in first and TASKS[kind] in first, pdf.name
        assert "instructions: p." not in first, pdf.name
