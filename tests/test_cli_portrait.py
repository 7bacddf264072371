"""``--portrait`` where no format draws paper pages: command-line misuse, not ignored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from tests.conftest import MAPS
from tests.test_cli_misuse import one_line, run_both

UNIFORMS = MAPS / "school-uniforms.yaml"
ADD_FIT = "add --fit a4|a3|letter|slide"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["-f", "svg"], f"svg draws one drawing without pages; {ADD_FIT}"),
        (["-f", "dot"], f"dot draws one drawing without pages; {ADD_FIT}"),
        (["-f", "svg,dot"], f"svg, dot draw one drawing without pages; {ADD_FIT}"),
        (["-f", "svg,json"], f"svg draws one drawing without pages; {ADD_FIT}"),
        (["-f", "svg", "--fit", "none"], f"--fit none draws one drawing without pages; {ADD_FIT}"),
        (["-f", "pdf", "--fit", "none"], f"--fit none draws one drawing without pages; {ADD_FIT}"),
        (["-f", "html,png", "--fit", "none"], "--fit none draws one drawing"),
        (["-f", "json"], "json draws no diagram; use it with -f pdf, png or html"),
    ],
)
def test_portrait_without_pages_is_misuse(
    tmp_path: Path, options: list[str], message: str
) -> None:
    out = tmp_path / "out"
    args = ["render", str(UNIFORMS), "-o", str(out), *options, "--portrait"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    line = one_line(result.output)
    assert line.startswith("Error: --portrait turns paper pages, and ")
    assert message in line
    assert not out.exists()  # nothing written


def test_portrait_without_pages_is_one_line_in_a_real_process(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["render", str(UNIFORMS), "-f", "svg", "-o", str(out), "--portrait"]
    code, stderr = run_both(args, tmp_path)
    assert code == 2
    assert ADD_FIT in one_line(stderr)
    assert not out.exists()


def test_watch_refuses_portrait_without_pages(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["watch", str(UNIFORMS), "-f", "svg", "-o", str(out), "--portrait"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert ADD_FIT in one_line(result.output)
    assert not out.exists()


def test_portrait_turns_the_pages_it_is_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["render", str(UNIFORMS), "-f", "svg", "--fit", "a4", "--portrait", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    pages = sorted(out.glob("*.svg"))
    assert pages
    for page in pages:
        found = re.search(r'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', page.read_text())
        assert found and float(found[2]) > float(found[1])  # upright


def test_portrait_beside_a_paged_format_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["render", str(UNIFORMS), "-f", "svg,pdf", "--portrait", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert {path.suffix for path in out.iterdir()} == {".svg", ".pdf"}
