"""The 10-second goal's rows that ``make bench`` prints (benchmarks/bench_pages.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
import bench_pages


def test_a_command_under_the_goal_is_met() -> None:
    row = bench_pages.goal_row("pdf", [sys.executable, "-c", "pass"])
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[0] == "pdf"
    assert cells[1].endswith("(met)")
    assert float(cells[2]) >= 0.0  # the command's CPU: it and every process under it
    assert float(cells[3]) == pytest.approx(float(cells[2]) / 2, abs=0.06)


def test_a_command_over_the_goal_is_missed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_pages, "GOAL_SECONDS", 0.0)
    row = bench_pages.goal_row("html", [sys.executable, "-c", "pass"])
    assert "(missed)" in row
    assert row.startswith("| html | ")


def test_a_failed_command_says_why_and_is_no_time() -> None:
    fails = [sys.executable, "-c", "import sys; sys.exit('no engine here')"]
    row = bench_pages.goal_row("pdf", fails)
    assert "FAILED: no engine here" in row
    assert "met" not in row


def test_the_goal_commands_render_a4_pdf_and_html() -> None:
    assert bench_pages.GOAL_NODES == 10000
    assert bench_pages.GOAL_SECONDS == 10.0
    assert dict(bench_pages.GOAL_COMMANDS) == {
        "pdf": ["-f", "pdf", "--fit", "a4"],
        "html": ["-f", "html"],
    }
