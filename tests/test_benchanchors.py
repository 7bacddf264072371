"""The goals table that ``make bench`` prints against its anchors (benchmarks/bench_anchors.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
import bench_anchors


def _rows(medians: dict[tuple[str, int], float]) -> dict[str, tuple[str, str, bool | None]]:
    table: bench_anchors.Verdicts = []
    bench_anchors._size_verdicts(medians, table)
    return {figure: (measured, goal, met) for figure, measured, goal, met in table}


@pytest.fixture
def full_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_anchors, "SIZES", (30, 300, 1000, 3000, 10000, 100000))
    monkeypatch.setattr(bench_anchors, "ARGDOWN_MAX", 3000)


@pytest.mark.usefixtures("full_sizes")
def test_svg_against_argdown_is_5x_to_1000_nodes_and_3x_at_3000() -> None:
    rows = _rows({("svg vs argdown", 1000): 4.0, ("svg vs argdown", 3000): 4.0})
    assert rows["svg vs Argdown, 1,000"] == ("4.0x faster", ">= 5x", False)
    assert rows["svg vs Argdown, 3,000"] == ("4.0x faster", ">= 3x", True)


def _goal(fmt: str, size: str) -> str:
    return ">= 3x" if fmt == "svg" and size == "3,000" else ">= 5x"


@pytest.mark.usefixtures("full_sizes")
def test_argdown_goals_without_the_argdown_cli_are_not_measured_not_left_out() -> None:
    rows = _rows({("svg/engine", 1000): 1.2})
    for size in ("30", "300", "1,000", "3,000"):
        for fmt in ("svg", "html"):
            want = ("no Argdown CLI", _goal(fmt, size), None)
            assert rows[f"{fmt} vs Argdown, {size}"] == want
    # Above 3,000 nodes Argdown is skipped on purpose: the issue sets no goal there.
    assert not any("Argdown, 10,000" in figure for figure in rows)
    assert rows["svg / bare engine, 1,000"][2] is True


def test_the_count_says_what_was_not_measured(capsys: pytest.CaptureFixture[str]) -> None:
    table: bench_anchors.Verdicts = [("a", "1", "1", True), ("b", "2", "1", False)]
    table.append(("c", "no Argdown CLI", ">= 5x", None))
    bench_anchors.print_goals(table)
    out = capsys.readouterr().out
    assert "not measured" in out.splitlines()[-2]
    assert out.splitlines()[-1].strip() == "1 met, 1 missed, 1 not measured"


def test_a_failed_command_is_no_time_against_a_goal() -> None:
    fails = [sys.executable, "-c", "import sys; sys.exit('no engine here')"]
    with pytest.raises(SystemExit, match="svg exited 1: no engine here"):
        bench_anchors.alternate({"svg": fails}, runs=1)
    got = bench_anchors.alternate({"error": fails}, runs=1, codes=None)
    assert got["error"][0].code == 1


def test_set_up_commands_print_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    bench_anchors.quiet([sys.executable, "-c", "import sys; sys.stderr.write('m -> f\\n')"])
    assert capfd.readouterr() == ("", "")
    with pytest.raises(SystemExit, match="failed: boom"):
        bench_anchors.quiet([sys.executable, "-c", "import sys; sys.exit('boom')"])
