"""The analysis commands end to end: stats, lint, show --status, and the README's example."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.lint import CODES
from argmap.analysis.standing import Standing, analyze
from argmap.analysis.stats import unanswered_by_kind
from argmap.cli import main
from argmap.load.maps import load_map
from argmap.model import NodeKind, Relation
from tests.conftest import GOLDEN, MAPS, ROOT, write
from tests.golden_analysis import ANALYSIS_GOLDEN

EXAMPLE = MAPS / "standing-example.yaml"
FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def readme_examples() -> list[tuple[str, str]]:
    """Every ```text block of the README that starts with '$ argmap ... standing-example'."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```text\n(.*?)```", readme, flags=re.DOTALL):
        first, _, rest = block.partition("\n")
        if first.startswith("$ argmap ") and "standing-example.yaml" in first:
            out.append((first[2:], rest))
    return out


def test_readme_has_the_worked_example() -> None:
    commands = [command for command, _ in readme_examples()]
    assert "argmap show --status maps/standing-example.yaml" in commands
    assert "argmap stats maps/standing-example.yaml" in commands


@pytest.mark.parametrize("command, printed", readme_examples(), ids=lambda v: str(v)[:40])
def test_readme_example_matches_the_tool(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: str, printed: str
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _err = run(runner, *command.split()[1:])
    assert code == 0
    assert out == printed


def test_example_map_teaches_each_case() -> None:
    a = analyze(load_map(EXAMPLE))
    assert a.thesis_standing is Standing.IN
    assert [a.standing[i] for i in ("staff-day-off", "volunteers", "volunteers-unsupervised")] == [
        Standing.OUT,
        Standing.IN,
        Standing.OUT,
    ]  # reinstatement
    assert (a.standing["better-results"], a.link_standing["better-results"]) == (
        Standing.IN,
        Standing.OUT,
    )  # undercut
    assert (a.standing["budget-committed"], a.support["open-sundays"].value) == (
        Standing.OUT,
        "supported",
    )  # the linked group stands
    assert [d.node_id for d in a.disagreements] == ["staff-day-off"]


def test_stats_json(runner: CliRunner) -> None:
    code, out, _ = run(runner, "stats", str(EXAMPLE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["thesis"] == {"id": "open-sundays", "standing": "in", "support": "supported"}
    assert data["nodes"] == 13
    # As drawn: an objection's objection rebuts, and an objection to that rebuttal is an
    # objection again (volunteers-unsupervised: it was counted a rebuttal, 4 against 3).
    assert (data["by_kind"]["objection"], data["by_kind"]["rebuttal"]) == (4, 3)
    assert (data["depth"], data["breadth"]) == (4, 5)
    # As `stats` prints them: the objections, then the rebuttals, the most at stake first
    # (it was document order, unlike every other list of them).
    assert [u["id"] for u in data["unanswered"]] == [
        "results-unproven",
        "volunteers",
        "book-fund-underspent",
        "librarian-on-call",
    ]
    assert [u["id"] for u in data["unanswered"]] == (
        data["unanswered_objections"] + data["unanswered_rebuttals"]
    )
    assert data["disagreements"] == [
        {"id": "staff-day-off", "assessment": "accept", "standing": "out"}
    ]


def test_stats_subprocess_matches_library() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "stats", "-f", "json", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    from argmap.analysis.stats import stats_data

    m = load_map(EXAMPLE)
    assert json.loads(proc.stdout) == stats_data(m, analyze(m))


@pytest.mark.skipif(not FLAGSHIP.exists(), reason="the flagship map is not written yet")
def test_flagship_stats_report_thesis_and_unanswered_reviewer_objections(
    runner: CliRunner,
) -> None:
    m = load_map(FLAGSHIP)
    code, out, _ = run(runner, "stats", str(FLAGSHIP))
    assert code == 0
    a = analyze(m)
    assert "thesis" in out
    assert f"{m.thesis.id} ({a.thesis_standing.value}," in out
    # Objections, then rebuttals, with no standing answer (as drawn).
    section = out.split("objections with no standing answer", 1)[1].split("premises with")[0]
    # Reviewers sign their objections; those no standing node attacks or undercuts must
    # each be listed by id.
    reviewer = [
        n.id
        for n in m.nodes
        if n.author
        and n.kind is NodeKind.OBJECTION
        and not any(
            target.id == n.id
            and relation in (Relation.ATTACKS, Relation.UNDERCUTS)
            and a.standing[source.id] is Standing.IN
            for source, target, relation, _cross in m.edges()
        )
    ]
    assert reviewer, "the flagship map has signed, unanswered reviewer objections"
    for node_id in reviewer:
        assert re.search(rf"^  {re.escape(node_id)} ", section, re.MULTILINE)


def test_show_status(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "--status", str(EXAMPLE))
    assert code == 0
    assert "+ premise (in, link out) [better-results]" in out
    assert "THESIS (in) [open-sundays]" in out
    code, plain, _ = run(runner, "show", str(EXAMPLE))
    assert "(in)" not in plain


def test_markdown_with_status_is_a_debaters_notes(runner: CliRunner, tmp_path: Path) -> None:
    """Markdown had no standing: each node now says it, and the unanswered are listed."""
    for path in (MAPS / "school-uniforms.yaml", FLAGSHIP):
        args = ["render", str(path), "-f", "markdown", "--status", "-o", str(tmp_path)]
        assert run(runner, *args)[0] == 0
        notes = (tmp_path / f"{path.stem}.md").read_text(encoding="utf-8")
        m = load_map(path)
        a = analyze(m)
        summary = notes.split("## The argument")[0]
        listed = re.findall(r"^\d+\. `([^`]+)` ", summary, re.M)
        objections, rebuttals = unanswered_by_kind(m, a)
        assert tuple(listed) == objections + rebuttals  # as stats lists them
        for node_id in a.unanswered:
            assert f"no standing answer) `{node_id}`" in notes
        assert notes.count("** (in") + notes.count("** (out") + notes.count(
            "** (undecided"
        ) == len(m.nodes)
    uniforms = (tmp_path / "school-uniforms.md").read_text(encoding="utf-8")
    assert "- **Reason** (in, link out) `identity`:" in uniforms
    assert (
        "2. `belonging-anecdote` undercuts the link from “Uniforms build a sense of belonging "
        "to the school.” to the thesis: " in uniforms
    )
    assert run(runner, "render", str(FLAGSHIP), "-f", "markdown", "-o", str(tmp_path))[0] == 0
    assert "(in" not in (tmp_path / f"{FLAGSHIP.stem}.md").read_text(encoding="utf-8")


def test_lint_exit_codes(runner: CliRunner) -> None:
    code, out, err = run(runner, "lint", str(EXAMPLE))
    assert code == 0
    assert out.count("[unsupported-premise]") == 3
    assert err == "3 warnings\n"
    code, _out, err = run(runner, "lint", "--strict", str(EXAMPLE))
    assert code == 1
    assert err == "3 warnings (strict mode)\n"


def test_lint_select_and_ignore_choose_codes_and_the_count_names_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "two.yaml",
        "title: Two\nthesis:\n  text: Uniforms help pupils.\n  premises:\n"
        "    - text: Should pupils wear uniforms?\n",
    )
    code, out, err = run(runner, "lint", str(path))
    assert code == 0
    assert err == "2 warnings: 1 question, 1 unsupported-premise\n"
    code, out, err = run(runner, "lint", "--strict", "--ignore", "question", str(path))
    assert (code, err) == (1, "1 warning (strict mode)\n")
    assert "[question]" not in out and "[unsupported-premise]" in out
    code, out, err = run(runner, "lint", "--select", "question,two-claims", str(path))
    assert (code, err) == (0, "1 warning\n")
    assert out.count("\n") == 1 and "[question]" in out
    both = ("--select", "question", "--ignore", "question", "--strict", str(path))
    assert run(runner, "lint", *both) == (0, "", "0 warnings\n")


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_lint_unknown_code_is_misuse_naming_the_closest(runner: CliRunner, option: str) -> None:
    code, out, err = run(runner, "lint", option, "question,near-duplicte-text", str(EXAMPLE))
    assert (code, out) == (2, "")
    wanted = "no lint code 'near-duplicte-text'; did you mean 'near-duplicate-text'?"
    assert f"{option}: {wanted}" in err
    assert all(known in err for known in CODES)


def test_lint_clean_map_passes_strict(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, "clean.yaml", "title: Clean\nthesis:\n  text: A claim.\n")
    assert run(runner, "lint", "--strict", str(path)) == (0, "", "0 warnings\n")


def test_bad_maps_give_one_located_line(runner: CliRunner, tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", "title: Bad\nthesis:\n  text: [unclosed\n")
    for command in ("lint", "stats"):
        code, out, err = run(runner, command, str(bad))
        assert code == 1
        assert out == ""
        assert re.match(rf"{re.escape(str(bad))}:\d+:\d+: invalid YAML", err)
        assert "Traceback" not in err
    code, _out, err = run(runner, "stats", str(tmp_path / "missing.yaml"))
    assert code == 1
    assert "no such file" in err


def test_stats_is_deterministic(runner: CliRunner) -> None:
    first = run(runner, "stats", str(EXAMPLE))
    assert run(runner, "stats", str(EXAMPLE)) == first


def test_deep_map_file_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    depth = 5000
    # JSON, written by hand: nested YAML indentation would grow quadratically.
    head = '{"title": "Deep", "thesis": {"text": "Root claim."'
    opens = [
        f', "{"objections" if i == 1 else "rebuttals"}": [{{"id": "n{i}", "text": "Step {i}."'
        for i in range(1, depth + 1)
    ]
    path = write(tmp_path, "deep.json", head + "".join(opens) + "}]" * depth + "}}\n")
    code, out, _ = run(runner, "stats", "-f", "json", str(path))
    assert code == 0
    data = json.loads(out)
    assert (data["depth"], data["thesis"]["standing"]) == (depth, "in")
    assert [u["id"] for u in data["unanswered"]][-1] == f"n{depth}"


@pytest.mark.parametrize("name", sorted(ANALYSIS_GOLDEN))
def test_goldens(name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert ANALYSIS_GOLDEN[name]() == expected, "run `make golden` and read the diff"


def test_lint_cli_matches_golden_and_fires_every_rule(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(runner, "lint", "tests/cases/lint-all.yaml")
    assert code == 0
    assert out == (GOLDEN / "lint-all.lint.txt").read_text(encoding="utf-8")
    code, links_out, _ = run(runner, "lint", "tests/cases/lint-links.yaml")
    assert code == 0
    assert links_out.splitlines()[0] == (
        "tests/cases/lint-links.yaml:15:18: [link-side] rebuttal 'shuttles' also attacks "
        "rebuttal 'exemptions', a claim on its own side; drop the link if it means 'see "
        "also' (a link bears as its node does), or file the node on the side it argues for"
    )
    lines = (out + links_out).splitlines()
    assert {re.search(r"\[([a-z-]+)\]", line)[1] for line in lines if "[" in line} == set(CODES)  # type: ignore[index]
