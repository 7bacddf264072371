"""Command-line misuse: exit code 2 and one clear line, in CliRunner and in a real process."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.load.files import looks_like_map
from tests.conftest import MAPS

UNIFORMS = MAPS / "school-uniforms.yaml"


def run_both(args: list[str], tmp_path: Path) -> tuple[int, str]:
    """Run ``argmap ARGS`` through CliRunner and as a real process; both must agree.

    Returns:
        The exit code and standard error (the process's), once both runs are checked.
    """
    inside = CliRunner().invoke(main, args)
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert inside.exit_code == done.returncode, (inside.output, done.stderr)
    assert "Traceback" not in inside.output + done.stderr
    assert done.stdout == ""
    return done.returncode, done.stderr


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


@pytest.mark.parametrize(
    "command",
    [
        ["show", str(UNIFORMS)],
        ["render", str(UNIFORMS), "-f", "svg"],
        ["render", str(UNIFORMS), "-f", "html"],
        ["render", str(UNIFORMS), "-f", "png"],
        ["render", str(UNIFORMS), "-f", "pdf,dot", "--exercise", "place"],
    ],
)
def test_a_focus_naming_no_node_is_misuse_in_every_command(
    tmp_path: Path, command: list[str]
) -> None:
    args = [*command, "--focus", "costs"]
    if command[0] == "render":
        args += ["-o", str(tmp_path / "out")]
    code, stderr = run_both(args, tmp_path)
    line = one_line(stderr)
    assert code == 2
    assert "--focus 'costs': no node has that id" in line
    assert "did you mean 'cost'" in line  # the closest ids are named
    assert not (tmp_path / "out").exists()  # nothing written


def test_a_focus_like_no_id_suggests_nothing(tmp_path: Path) -> None:
    code, stderr = run_both(["show", str(UNIFORMS), "--focus", "zzzzzzzz"], tmp_path)
    assert code == 2 and "did you mean" not in one_line(stderr)


@pytest.mark.parametrize("fmt", ["pdf", "png"])
@pytest.mark.parametrize("output", [[], ["-o", "-"]])
def test_export_of_a_binary_format_to_stdout_is_misuse(
    tmp_path: Path, fmt: str, output: list[str]
) -> None:
    code, stderr = run_both(["export", str(UNIFORMS), "-f", fmt, *output], tmp_path)
    assert code == 2
    assert f"{fmt} is a binary format; write it to a file with -o FILE" in one_line(stderr)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--seed", "0"], "--seed: a worksheet option; it goes with --exercise"),
        (["--blank-thesis", "--keep", "tags"], "--blank-thesis, --keep: worksheet options"),
        (["--exercise", "--seed", "3"], "a fill worksheet has none; use it with --exercise place"),
        (["--exercise", "label", "--seed", "3"], "a label worksheet has none"),
        (["--even-blanks"], "--even-blanks: a worksheet option; it goes with --exercise"),
        (
            ["--exercise", "place", "--even-blanks"],
            "a place worksheet has none; use it with --exercise fill",
        ),
        (
            ["--exercise", "label", "--blank-thesis"],
            "a label worksheet shows every statement and blanks none",
        ),
        (
            ["--exercise", "-f", "svg,json"],
            "worksheets come as html, svg, png, pdf, dot, not json",
        ),
    ],
)
def test_a_worksheet_option_that_would_do_nothing_is_refused(
    tmp_path: Path, options: list[str], message: str
) -> None:
    out = tmp_path / "out"
    code, stderr = run_both(["render", str(UNIFORMS), "-o", str(out), *options], tmp_path)
    assert code == 2 and message in one_line(stderr)
    assert not out.exists()


def test_watch_refuses_the_same_worksheet_options(tmp_path: Path) -> None:
    args = ["watch", str(UNIFORMS), "--exercise", "fill", "--seed", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "use it with --exercise place" in result.output


def test_the_options_a_worksheet_uses_still_work(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(UNIFORMS),
            "-f",
            "svg",
            "--exercise",
            "place",
            "--seed",
            "4",
            "--blank-thesis",
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    sheet = (tmp_path / "school-uniforms.exercise.svg").read_text(encoding="utf-8")
    assert "Our school should require uniforms" in sheet  # in the bank, as a statement
    assert "1 · THESIS" in sheet


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["rendr"], "no command 'rendr'; did you mean 'render'? (choose from add, "),
        (["--bogus"], "no such option '--bogus'; did you mean '--verbose'? See 'argmap --help'"),
        (["show"], "Missing argument 'MAP'; see 'argmap show --help'"),
        (["show", "MAP", "extra"], "unexpected extra argument (extra); see 'argmap show --help'"),
        (["show", "MAP", "--fcous", "x"], "no such option '--fcous'; did you mean '--focus'?"),
        (["show", "MAP", "--depth", "x"], "--depth: 'x' is not a valid integer"),
        (["show", "MAP", "--depth", "-1"], "--depth: -1 is not in the range"),
        (["render", "MAP", "--hide", "evidense"], "--hide: cannot hide 'evidense'; did you mean"),
        (["render", "MAP", "-f", "svgg"], "--format: unknown format 'svgg'; did you mean 'svg'?"),
        (["render", "MAP", "--theme", "prnt"], "--theme: 'prnt' is not one of 'default', 'print'"),
        (["render", "MAP", "--direction", "lrr"], "'rl'; did you mean 'lr'?"),
        (["render", "MAP", "-o", "MAP"], "--output: "),
        (["render", "MAP", "--exercise", "--keep", "tag"], "did you mean 'tags'?"),
        (["render"], "Missing argument 'MAPS...'; see 'argmap render --help'"),
        (["export", "MAP", "-f", "pnj"], "unknown format 'pnj'; did you mean 'png'?"),
        (["export", "MAP", "-o", "DIR"], "--output: 'DIR' is a folder; give a file name"),
        (["export", "MAP", "-f", "json,aif"], "--format: export writes one format"),
        (["stats", "MAP", "--format", "jsn"], "did you mean 'json'?"),
        (["lint"], "Missing argument 'MAPS...'"),
        (["validate"], "Missing argument 'MAPS...'"),
        (["add", "premis", "MAP", "--to", "t", "--text", "x"], "KIND: 'premis' is not one of"),
        (["add", "premise", "MAP"], "Missing option '--to'"),
        (["edit", "MAP"], "Missing argument 'ID'; see 'argmap edit --help'"),
        (["remove", "MAP"], "Missing argument 'ID'"),
        (["new", "MAP"], "Missing option '--title'"),
        (["diff", "MAP"], "give two maps (OLD NEW) or one map and --rev REV"),
        (
            ["diff", "MAP", "MAP", "--format", "html"],
            "--format: 'html' is not one of 'text', 'md'",
        ),
        (["import", "MAP"], "Missing option '-o' / '--output'"),
        (["import", "MAP", "--from", "argdwn", "-o", "x.yaml"], "did you mean 'argdown'?"),
        (["check", "MAP"], "Missing option '--against'"),
        (["watch", "MAP", "-f", "sv"], "unknown format 'sv'; did you mean 'svg'?"),
        (["schema", "-o", "DIR"], "--output: 'DIR' is a folder; give a file name"),
        (["formats", "extra"], "unexpected extra argument (extra)"),
    ],
)
def test_every_usage_error_is_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    """Click's own usage errors too: no usage block, what is wrong and what to do."""
    folder = tmp_path / "folder"
    folder.mkdir()
    names = {"MAP": str(UNIFORMS), "DIR": str(folder)}
    args = [names.get(arg, arg) for arg in args]
    before = sorted(tmp_path.rglob("*"))
    code, stderr = run_both(args, tmp_path)
    line = one_line(stderr)
    assert code == 2
    assert message.replace("'DIR'", repr(str(folder))) in line
    assert "Usage:" not in line and "Invalid value for" not in line
    assert sorted(tmp_path.rglob("*")) == before  # nothing written


def test_help_is_unchanged(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "--help"])
    assert result.exit_code == 0 and result.output.startswith("Usage: ")
    assert "show [OPTIONS] MAP\n\n  Print the map as a tree" in result.output
    bare = CliRunner().invoke(main, [])
    assert "Commands:" in bare.output  # a bare argmap shows the help, as before


def test_a_control_character_in_a_bad_value_is_escaped(tmp_path: Path) -> None:
    code, stderr = run_both(["render", str(UNIFORMS), "--theme", "x\x1b[31m"], tmp_path)
    assert code == 2 and "\x1b" not in one_line(stderr)


def _broken(text: str) -> str:
    return text.replace('"kind": "thesis"', '"kind": "thesis",,', 1)  # a hand-edit's typo


def _as_yaml(text: str) -> str:
    import io
    import json

    from ruamel.yaml import YAML

    out = io.StringIO()
    YAML().dump(json.loads(text), out)
    return out.getvalue()


def _field_dropped(text: str) -> str:
    assert '      "note": null,\n' in text
    return text.replace('      "note": null,\n', "", 1)  # a record trimmed by hand


@pytest.mark.parametrize(
    "edit", [_field_dropped, _broken, _as_yaml], ids=["trimmed", "broken", "yaml"]
)
def test_export_refuses_to_replace_a_flat_export(
    tmp_path: Path, edit: Callable[[str], str]
) -> None:
    """An export edited by hand is a map argmap reads (validate, render...): kept."""
    exported = CliRunner().invoke(main, ["export", str(UNIFORMS)]).stdout
    target = tmp_path / "uniforms.json"
    target.write_text(edit(exported), encoding="utf-8")
    before = target.read_bytes()
    code, stderr = run_both(["export", str(UNIFORMS), "-o", str(target)], tmp_path)
    assert code == 2
    assert f"{target}: is a map file; writing there would replace it" in one_line(stderr)
    assert target.read_bytes() == before
    assert looks_like_map(target)


@pytest.mark.parametrize(
    "text",
    [
        '{"nodes": [{"id": "a"}], "edges": []}',  # AIF-like: imported, never loaded
        '{"nodes": []}',
        "nodes:\n  - name: web\n",  # some other tool's YAML
        '{"nodes": [',  # broken JSON without a thesis record
    ],
)
def test_other_files_with_nodes_are_no_maps(tmp_path: Path, text: str) -> None:
    target = tmp_path / "graph.json"
    target.write_text(text, encoding="utf-8")
    assert not looks_like_map(target)


@pytest.mark.parametrize("fmt", ["svg", "html", "pdf"])
def test_earlier_outputs_are_no_maps_however_they_quote_one(tmp_path: Path, fmt: str) -> None:
    # An SVG, HTML or PDF output is known by how it starts; a map's own text in it (here a
    # line "thesis: ..." in the SVG's text) does not make it a map.
    out = tmp_path / "out"
    assert (
        CliRunner().invoke(main, ["render", str(UNIFORMS), "-f", fmt, "-o", str(out)]).exit_code
        == 0
    )
    [target] = out.iterdir()
    assert not looks_like_map(target)
    if fmt == "svg":
        target.write_text(target.read_text(encoding="utf-8") + "\nthesis: x\n", encoding="utf-8")
        assert not looks_like_map(target)
    assert (
        CliRunner().invoke(main, ["render", str(UNIFORMS), "-f", fmt, "-o", str(out)]).exit_code
        == 0
    )


def test_a_map_with_a_byte_order_mark_is_a_map(tmp_path: Path) -> None:
    target = tmp_path / "m.yaml"
    target.write_bytes(b"\xef\xbb\xbf" + UNIFORMS.read_bytes())
    assert looks_like_map(target)
    target.write_bytes(b"\xef\xbb\xbf" + b'{"title": "T", "thesis": {"text": "x"}}')
    assert looks_like_map(target)


def test_an_export_other_than_json_may_be_written_again(tmp_path: Path) -> None:
    target = tmp_path / "uniforms.aif.json"
    for _ in range(2):
        result = CliRunner().invoke(
            main, ["export", str(UNIFORMS), "-f", "aif", "-o", str(target)]
        )
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "-"], "MAP: '-': maps are not read from standard input"),
        (["validate", "MAP", "-"], "MAPS: '-': maps are not read from standard input"),
        (["diff", "-", "MAP"], "OLD: '-': maps are not read from standard input"),
        (["add", "premise", "-", "--to", "t", "--text", "x"], "MAP: '-': maps are not read"),
        (["watch", "-"], "MAP: '-': maps are not read from standard input"),
        (["import", "-", "-o", "x.yaml"], "FILE: '-': files are not imported from standard input"),
        (["check", "MAP", "--against", "-"], "--against: '-': the source document is not read"),
        (["render", "MAP", "-o", "-"], "--output: '-': rendered files go into a folder"),
        (["watch", "MAP", "-o", "-"], "--output: '-': rendered files go into a folder"),
    ],
)
def test_a_dash_where_no_stream_is_read_or_written_is_misuse(
    tmp_path: Path, args: list[str], message: str
) -> None:
    """'-' is refused, not looked up as a file nor made a folder named '-'."""
    (tmp_path / "-").mkdir()  # even when a folder named '-' happens to be there
    args = [str(UNIFORMS) if arg == "MAP" else arg for arg in args]
    code, stderr = run_both(args, tmp_path)
    assert code == 2 and message in one_line(stderr)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["-"]


@pytest.mark.parametrize("command", [["export", str(UNIFORMS)], ["schema"]])
def test_output_dash_still_prints_even_beside_a_folder_named_dash(
    tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / "-").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *command, "-o", "-"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and done.stdout.startswith("{"), done.stderr


def test_import_refuses_its_source_as_output_in_one_line(tmp_path: Path) -> None:
    source = tmp_path / "debate.argdown"
    source.write_text("[Thesis]: Uniforms help.\n", encoding="utf-8")
    code, stderr = run_both(["import", str(source), "-o", str(source)], tmp_path)
    line = one_line(stderr)
    assert code == 2 and line.endswith("Choose another output file")  # no help hint
    assert source.read_text(encoding="utf-8") == "[Thesis]: Uniforms help.\n"


def test_an_unedited_earlier_export_is_replaced(tmp_path: Path) -> None:
    """What argmap wrote, untouched, is an earlier output: export and render write it again."""
    target = tmp_path / "school-uniforms.json"
    for args in (["export", "-o", str(target)], ["render", "-f", "json", "-o", str(tmp_path)]):
        earlier = CliRunner().invoke(main, ["export", str(MAPS / "standing-example.yaml")])
        target.write_text(earlier.stdout, encoding="utf-8")  # another map's, as written
        assert looks_like_map(target)
        for _ in range(2):
            result = CliRunner().invoke(main, [args[0], str(UNIFORMS), *args[1:]])
            assert result.exit_code == 0, result.output
        assert "Our school should require uniforms." in target.read_text(encoding="utf-8")
