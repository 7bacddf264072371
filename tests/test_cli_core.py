"""The core commands through CliRunner, and once as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import COMMANDS, main
from argmap.exporters.json import to_json
from argmap.load.maps import load_map
from tests.conftest import BAD, MAPS, ROOT, write

EXAMPLE = MAPS / "school-uniforms.yaml"


def test_validate_ok(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(EXAMPLE)])
    assert result.exit_code == 0
    assert result.output == f"{EXAMPLE}: ok (10 nodes)\n"


def test_validate_counts_one_node_in_the_singular(runner: CliRunner, tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text("title: T\nthesis: {id: t, text: One.}\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(one)])
    assert result.output == f"{one}: ok (1 node)\n"


def test_validate_reports_every_problem_and_exits_1(runner: CliRunner) -> None:
    bad = BAD / "six-mistakes.yaml"
    result = runner.invoke(main, ["validate", str(EXAMPLE), str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 7
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert "Traceback" not in result.output


def test_validate_file_problems_are_one_line(runner: CliRunner, tmp_path: Path) -> None:
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"\x00\x01")
    result = runner.invoke(main, ["validate", str(binary), str(tmp_path), str(tmp_path / "x")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{binary}:1:1: binary file (NUL byte); a map is a UTF-8 text file",
        f"{tmp_path}: is a directory; give a map file (.yaml or .json)",
        f"{tmp_path / 'x'}: no such file; check the path",
    ]


def test_show_marks_kinds(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", str(EXAMPLE)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "THESIS [uniforms] Our school should require uniforms."
    assert (
        "  - objection [expression] Uniforms stop pupils expressing themselves. -- A. Reviewer"
        in lines
    )
    assert any(line.startswith("      ~ rebuttal [second-hand]") for line in lines)
    assert any("(undercuts link)" in line for line in lines)
    assert any(line.strip().startswith("& linked [less-bullying]") for line in lines)
    assert "\x1b[" not in result.output


def test_show_focus_depth_and_colour(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", str(EXAMPLE), "--focus", "cost", "--depth", "1"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "# focus: Uniforms cost families less than a…, 1 level deep",  # what part is shown
        "+ premise [cost] Uniforms cost families less than a wardrobe of fashionable clothes.",
        "  * evidence [survey-costs] Most surveyed parents spend less on uniforms than on "
        "everyday clothes. (Parent survey, spring term)",
        "  - objection [upfront-cost] Uniforms add a large cost at the start of the year.",
        "      (+1 more below)",  # its rebuttal, below the depth
    ]
    coloured = runner.invoke(main, ["show", str(EXAMPLE), "--color"], color=True)
    assert "\x1b[" in coloured.output
    missing = runner.invoke(main, ["show", str(EXAMPLE), "--focus", "nope"])
    assert missing.exit_code == 2
    assert "--focus 'nope': no node has that id" in missing.output


def test_show_invalid_map_exits_1(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", str(BAD / "six-mistakes.yaml")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 7


def test_export_json_matches_library(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["export", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0
    assert result.output == to_json(load_map(EXAMPLE))
    data = json.loads(result.output)
    assert set(data) == {"title", "description", "source", "sources", "nodes"}
    expected = {
        "id",
        "kind",
        "text",
        "quote",
        "citation",
        "source",
        "author",
        "added",
        "tags",
        "strength",
        "basis",
        "assessment",
        "note",
        "parent",
        "relation",
        "group",
        "links",
    }
    assert all(set(n) == expected for n in data["nodes"])
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["uniforms"]["parent"] is None and by_id["uniforms"]["relation"] is None
    assert by_id["belonging-anecdote"]["relation"] == "undercuts"
    assert by_id["bullying-clothes"]["group"] == by_id["uniforms-equalise"]["group"]
    out = tmp_path / "m.json"
    assert runner.invoke(main, ["export", str(EXAMPLE), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.output


def test_export_takes_status_as_render_does(runner: CliRunner, tmp_path: Path) -> None:
    """`export -f markdown --status` was refused (no such option) while the README makes
    Markdown with `export` and marks standings with `render ... --status`."""
    marked = runner.invoke(main, ["export", str(EXAMPLE), "-f", "markdown", "--status"])
    assert marked.exit_code == 0, marked.output
    assert "- **Reason** (in, link out) `identity`:" in marked.output
    plain = runner.invoke(main, ["export", str(EXAMPLE), "-f", "markdown"]).output
    assert "(in, link out)" not in plain and plain != marked.output
    out = tmp_path / "notes.md"
    rendered = runner.invoke(
        main, ["render", str(EXAMPLE), "-f", "md", "--status", "-o", str(out)]
    )
    assert rendered.exit_code == 0, rendered.output
    assert out.read_text(encoding="utf-8") == marked.output


def test_export_unknown_format_lists_choices(runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", str(EXAMPLE), "--format", "pfd"])
    assert result.exit_code == 2  # command-line misuse, as for render
    assert "unknown format 'pfd'; did you mean 'pdf'? (choose from " in result.stderr
    result = runner.invoke(main, ["export", str(EXAMPLE), "--format", "json,aif"])
    assert result.exit_code == 2
    assert "export writes one format" in result.stderr
    upper = runner.invoke(main, ["export", str(EXAMPLE), "--format", "JSON"])
    assert upper.exit_code == 0
    assert upper.output == runner.invoke(main, ["export", str(EXAMPLE)]).output


def test_export_does_not_write_on_invalid_map(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", "title: t\nthesis: {text: ''}\n")
    out = tmp_path / "out.json"
    result = runner.invoke(main, ["export", str(bad), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()


def test_every_command_has_help(runner: CliRunner) -> None:
    for name in COMMANDS:
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.output


def test_every_option_says_what_it_does() -> None:
    import click

    ctx = click.Context(main)
    bare = [
        (name, option.opts[-1])
        for name in main.list_commands(ctx)
        for option in main.get_command(ctx, name).params  # type: ignore[union-attr]
        if isinstance(option, click.Option) and not option.hidden and not option.help
    ]
    assert bare == []
    to = next(o for o in main.get_command(ctx, "add").params if o.name == "to")  # type: ignore[union-attr]
    assert "supports" in (to.help or "")  # not only "answers": a premise goes under --to too


def test_schema_command_matches_committed_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    committed = (ROOT / "argmap.schema.json").read_text(encoding="utf-8")
    assert result.output == committed, "refresh with: argmap schema -o argmap.schema.json"


def test_real_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "export", str(EXAMPLE), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["nodes"][0]["id"] == "uniforms"
    bad = subprocess.run(
        [sys.executable, "-m", "argmap", "validate", str(BAD / "six-mistakes.yaml")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert len(bad.stderr.splitlines()) == 7


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["validate"]).exit_code == 2
    assert runner.invoke(main, ["show", str(EXAMPLE), "--depth", "-1"]).exit_code == 2


def test_formats_lists_every_exporter_and_the_readme_documents_it(runner: CliRunner) -> None:
    from argmap.exporters import list_exporters

    result = runner.invoke(main, ["formats"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert names == list_exporters()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`{name}`" in readme or f"--format {name}" in readme, name


def test_readme_documents_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f"argmap {name}" in readme, name


def test_output_below_a_file_is_one_clean_error(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    for args in (
        ["render", str(EXAMPLE), "-o", str(blocker / "sub")],
        ["export", str(EXAMPLE), "-f", "json", "-o", str(blocker / "x.json")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 1
        assert result.stderr.strip().endswith(f"cannot write: {blocker} is a file, not a folder")
        assert "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_is_one_clean_error() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "argmap", "export", str(EXAMPLE)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == "Error: cannot write the output: No space left on device\n"


def _a_bug(*_args: object, **_kwargs: object) -> object:
    raise RuntimeError("layout lost\nits way")


def test_an_unexpected_failure_is_one_line_not_a_traceback(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARGMAP_DEBUG", raising=False)
    monkeypatch.setattr("argmap.pipeline.render_files", _a_bug)
    result = runner.invoke(main, ["render", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: internal error (RuntimeError: layout lost its way); this is a bug in argmap: "
        "please report it with the command and the map. Run again with ARGMAP_DEBUG=1 to see "
        "the traceback\n"
    )
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setenv("ARGMAP_DEBUG", "1")
    result = runner.invoke(main, ["render", str(EXAMPLE), "-o", str(tmp_path)])
    assert isinstance(result.exception, RuntimeError)


def test_running_out_of_memory_says_what_to_do(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_memory(*_args: object, **_kwargs: object) -> object:
        raise MemoryError

    monkeypatch.setattr("argmap.pipeline.render_files", no_memory)
    result = runner.invoke(main, ["render", str(EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: out of memory; render fewer formats")
    assert result.stderr.count("\n") == 1


def test_an_unexpected_failure_in_a_real_process_is_one_line(tmp_path: Path) -> None:
    code = (
        "import sys, argmap.pipeline as p\n"
        "def bug(*a, **k): raise KeyError('x')\n"
        "p.render_files = bug\n"
        "from argmap.cli import main\n"
        "main(prog_name='argmap')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "render", str(EXAMPLE), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "ARGMAP_DEBUG": ""},
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: internal error (KeyError: 'x'); this is a bug")
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
