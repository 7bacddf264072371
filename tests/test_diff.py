import difflib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.diff import diff_maps, escape_md, format_markdown, format_text
from argmap.cli import main
from argmap.editing.add import NewNode, add_node
from argmap.editing.edit import edit_node
from argmap.editing.remove import remove_node
from argmap.load.maps import load_map
from argmap.model import CHILD_KINDS, NodeKind
from argmap.model.idchars import shows_nothing
from tests.conftest import GOLDEN, MAPS, ROOT
from tests.golden_diff import AFTER, BEFORE, DIFF_GOLDEN

UNIFORMS = MAPS / "school-uniforms.yaml"


def copy(tmp_path: Path, name: str = "m.yaml") -> Path:
    target = tmp_path / name
    shutil.copyfile(UNIFORMS, target)
    return target


def test_identical_maps() -> None:
    m = load_map(UNIFORMS)
    d = diff_maps(m, m)
    assert not d and format_text(d) == ""


def test_values_quoted_as_written_absence_unquoted_and_an_undercut_named(
    tmp_path: Path,
) -> None:
    """Values were Python reprs ('it\\'s', '(none)' as if a text); an undercut read as any
    objection; two equal maps printed nothing at all."""
    path = copy(tmp_path)
    add_node(path, NewNode(NodeKind.OBJECTION, "Beside the point.", to="cost", undercut=True))
    edit_node(path, "cost", {"text": 'It\'s "dear".', "note": "(none)"})
    text = format_text(diff_maps(load_map(UNIFORMS), load_map(path)))
    assert "under [cost], undercutting its link: Beside the point." in text
    assert '-> "It\'s \\"dear\\"."' in text and "\\'" not in text
    assert 'note: (none) -> "(none)"' in text
    assert "undercutting its link: Beside the point." in format_markdown(
        diff_maps(load_map(UNIFORMS), load_map(path))
    )
    same = CliRunner().invoke(main, ["diff", str(UNIFORMS), str(UNIFORMS)])
    assert (same.exit_code, same.stdout, same.stderr) == (0, "", "no differences\n")


def test_added_removed_moved_changed(tmp_path: Path) -> None:
    path = copy(tmp_path)
    add_node(
        path,
        NewNode(
            NodeKind.OBJECTION,
            "Too <b>dear</b> *really*",
            to="cost",
            id="dear",
            author="A. Reviewer",
        ),
    )
    remove_node(path, "second-hand")
    edit_node(path, "identity", {"text": "Belonging, again."})
    remove_node(path, "bullying-clothes")  # dissolves the group: uniforms-equalise moves
    d = diff_maps(load_map(UNIFORMS), load_map(path))
    assert [n.id for n in d.added] == ["dear"]
    assert [n.id for n in d.removed] == ["second-hand", "bullying-clothes"]
    assert [after.id for _, after in d.moved] == ["uniforms-equalise"]
    assert [(n.id, [c.field for c in cs]) for n, cs in d.changed] == [("identity", ["text"])]
    text = format_text(d)
    assert (
        "+ added objection [dear] by A. Reviewer under [cost]: Too <b>dear</b> *really*\n" in text
    )
    assert "> moved premise [uniforms-equalise]: under [uniforms] in group [less-bullying]" in text
    assert (
        '    text: "Uniforms build a sense of belonging to the school." -> "Belonging, again."'
        in text
    )
    md = format_markdown(d)
    assert "1 added, 2 removed, 0 renamed, 1 moved, 1 changed" in md
    assert "Too \\<b\\>dear\\</b\\> \\*really\\*" in md
    assert "<b>" not in md


def test_map_sources_and_source_changes_say_what_changed(tmp_path: Path) -> None:
    # Not "sources: 'survey' -> 'survey'" nor a Python dict: each source by its key.
    path = copy(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "    name: Parent survey, spring term\n",
        "    name: Parent survey, autumn term\n    url: https://example.org/s\n"
        "  council:\n    name: Council report\n",
    )
    path.write_text(
        text.replace("sources:", "source:\n  title: Uniform policy\n  volume: 3\nsources:", 1),
        encoding="utf-8",
    )
    d = diff_maps(load_map(UNIFORMS), load_map(path))
    assert format_text(d).splitlines() == [
        'changed map source: (none) -> "title: Uniform policy, volume: 3"',
        'changed map sources.survey: "name: Parent survey, spring term" -> '
        '"name: Parent survey, autumn term, url: https://example.org/s"',
        'changed map sources.council: (none) -> "name: Council report"',
    ]
    assert "**sources.survey**: name: Parent survey, spring term → name: Parent" in (
        format_markdown(d)
    )


def test_escape_md_flattens_newlines() -> None:
    assert escape_md("a\n# b [x](y)") == "a \\# b \\[x\\]\\(y\\)"


def test_cli_two_files_exit_codes(tmp_path: Path, runner: CliRunner) -> None:
    path = copy(tmp_path)
    result = runner.invoke(main, ["diff", str(UNIFORMS), str(path)])
    assert (result.exit_code, result.stdout) == (0, "")
    add_node(path, NewNode(NodeKind.OBJECTION, "New.", to="cost", author="R"))
    result = runner.invoke(main, ["diff", str(UNIFORMS), str(path), "--format", "md"])
    assert result.exit_code == 1
    assert "- objection `new` by R under `cost`: New.\n" in result.output
    result = runner.invoke(main, ["diff", str(UNIFORMS), str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2 and "no such file" in result.output
    result = runner.invoke(main, ["diff", str(UNIFORMS)])
    assert result.exit_code == 2


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.name", "Repo Owner")
    git(tmp_path, "config", "user.email", "owner@example.org")
    (tmp_path / "maps").mkdir()
    shutil.copyfile(UNIFORMS, tmp_path / "maps" / "m.yaml")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "map")
    return tmp_path


def test_rev_against_git(repo: Path) -> None:
    path = repo / "maps" / "m.yaml"
    base = [sys.executable, "-m", "argmap", "diff", str(path), "--rev", "HEAD"]
    done = subprocess.run(base, capture_output=True, text=True, cwd=ROOT, check=False)
    assert (done.returncode, done.stdout) == (0, "")
    add = [
        sys.executable,
        "-m",
        "argmap",
        "add",
        "objection",
        str(path),
        "--to",
        "cost",
        "--text",
        "Reviewer's objection.",
        "--author",
        "A. Reviewer",
    ]
    done = subprocess.run(add, capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    git_diff = subprocess.run(
        ["git", "diff", "-U0"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout
    changed = [
        line
        for line in git_diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed and all(line.startswith("+") for line in changed)
    done = subprocess.run(base, capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 1
    assert done.stdout == (
        "+ added objection [reviewers-objection] by A. Reviewer under [cost]: "
        "Reviewer's objection.\n"
    )


def test_rev_errors(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, runner: CliRunner
) -> None:
    path = repo / "maps" / "m.yaml"
    result = runner.invoke(main, ["diff", str(path), "--rev", "no-such-rev"])
    assert result.exit_code == 2 and "git show no-such-rev:./m.yaml failed" in result.output
    outside = tmp_path_factory.mktemp("plain") / "m.yaml"
    shutil.copyfile(UNIFORMS, outside)
    result = runner.invoke(main, ["diff", str(outside), "--rev", "HEAD"])
    assert result.exit_code == 2 and "failed" in result.output


# -- property: random valid adds keep the map valid, and diff reports exactly them -----------

KINDS = [NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION, NodeKind.REBUTTAL]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 1000),
            st.sampled_from(KINDS),
            st.text(
                st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                min_size=1,
                max_size=30,
            ).filter(lambda s: not shows_nothing(s)),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_random_adds(ops: list[tuple[int, NodeKind, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.yaml"
        shutil.copyfile(UNIFORMS, path)
        original = load_map(path)
        added: list[str] = []
        for pick, kind, text in ops:
            m = load_map(path)
            targets = [
                n
                for n in m.nodes
                if kind in CHILD_KINDS[n.kind]
                and (
                    kind is not NodeKind.REBUTTAL
                    or n.kind in (NodeKind.OBJECTION, NodeKind.REBUTTAL)
                )
            ]
            target = targets[pick % len(targets)]
            before = path.read_text(encoding="utf-8").splitlines(keepends=True)
            added.append(add_node(path, NewNode(kind, text, to=target.id)))
            after = path.read_text(encoding="utf-8").splitlines(keepends=True)
            ops_done = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
            assert all(tag in ("equal", "insert") for tag, *_ in ops_done)
        d = diff_maps(original, load_map(path))
        assert sorted(n.id for n in d.added) == sorted(added)
        assert not d.removed and not d.moved and not d.changed


@pytest.mark.parametrize("name", sorted(DIFF_GOLDEN))
def test_golden(name: str, outputs_dir: Path) -> None:
    text = DIFF_GOLDEN[name]()
    (outputs_dir / name).write_text(text, encoding="utf-8")
    assert text == (GOLDEN / name).read_text(encoding="utf-8"), (
        "run `make golden` and read the diff"
    )


def test_cli_matches_library(runner: CliRunner) -> None:
    result = runner.invoke(main, ["diff", str(BEFORE), str(AFTER)])
    assert result.exit_code == 1
    assert result.output == (GOLDEN / "commented.diff.txt").read_text(encoding="utf-8")


def test_a_renamed_node_is_one_line_not_a_remove_an_add_and_moves(tmp_path: Path) -> None:
    path = copy(tmp_path)
    add_node(path, NewNode(NodeKind.OBJECTION, "Dear.", to="identity", id="dear", links=["cost"]))
    before = load_map(path)
    edit_node(path, "cost", {}, new_id="price")  # its children and the link into it follow
    edit_node(path, "upfront-cost", {}, new_id="upfront")  # a child renamed as well
    d = diff_maps(before, load_map(path))
    assert (d.added, d.removed, d.moved, d.changed) == ((), (), (), ())
    assert [(a.id, b.id) for a, b in d.renamed] == [("cost", "price"), ("upfront-cost", "upfront")]
    assert format_text(d) == (
        "~ renamed premise [cost] -> [price]: "
        "Uniforms cost families less than a wardrobe of fashionable clothes.\n"
        "~ renamed objection [upfront-cost] -> [upfront]: "
        "Uniforms add a large cost at the start of the year.\n"
    )
    md = format_markdown(d)
    assert "0 added, 0 removed, 2 renamed, 0 moved, 0 changed" in md
    assert "#### Renamed\n\n- premise `cost` → `price`: Uniforms cost families less" in md
    assert "removed" not in format_text(d)


def test_a_new_id_with_other_changes_is_not_a_rename(tmp_path: Path) -> None:
    path = copy(tmp_path)
    edit_node(path, "identity", {"text": "Belonging, again."}, new_id="belonging")
    d = diff_maps(load_map(UNIFORMS), load_map(path))
    assert d.renamed == ()
    assert ([n.id for n in d.added], [n.id for n in d.removed]) == (["belonging"], ["identity"])
    # Two nodes alike in every field: which became which cannot be told, so neither pairs.
    twin = copy(tmp_path, "twin.yaml")
    for name in ("a", "b"):
        add_node(twin, NewNode(NodeKind.OBJECTION, "Same.", to="identity", id=name))
    before = load_map(twin)
    edit_node(twin, "a", {}, new_id="c")
    edit_node(twin, "b", {}, new_id="d")
    d = diff_maps(before, load_map(twin))
    assert (len(d.renamed), len(d.added), len(d.removed)) == (0, 2, 2)


def test_a_moved_node_says_whose_it_is_in_markdown_too() -> None:
    """The text said `> moved objection [x] (signed A. Reviewer)`; the Markdown left it out."""
    old = load_map(UNIFORMS)
    assert old.get("expression").author == "A. Reviewer"
    nodes = [
        n.model_copy(update={"parent": "identity"}) if n.id == "expression" else n
        for n in old.nodes
    ]
    d = diff_maps(old, old.model_copy(update={"nodes": nodes}))
    assert [after.id for _, after in d.moved] == ["expression"]
    assert "> moved objection [expression] (signed A. Reviewer): under [uniforms]" in format_text(
        d
    )
    assert "- objection `expression` (signed A. Reviewer): under `uniforms`" in format_markdown(d)


def test_an_added_nodes_links_and_sources_are_reported(tmp_path: Path) -> None:
    """A reviewer's objection with ``--also`` and a piece of evidence with its quote,
    citation and basis were reported by their statements alone (UX round 8): a maintainer
    reading the diff missed what else the reviewer claimed."""
    path = copy(tmp_path)
    runner = CliRunner()
    also = ["add", "objection", str(path), "--to", "cost", "--also", "identity"]
    both = "Both claims rest on the same survey."
    assert runner.invoke(main, [*also, "--text", both, "--author", "T"]).exit_code == 0
    sourced = ["add", "evidence", str(path), "--to", "identity", "--basis", "statistic"]
    sourced += ["--citation", "School poll, 2025", "--quote", "we feel we belong"]
    said = "Pupils in a poll said they feel they belong."
    assert runner.invoke(main, [*sourced, "--text", said, "--author", "T"]).exit_code == 0
    text = runner.invoke(main, ["diff", str(UNIFORMS), str(path)]).output
    assert '    links: "identity (attacks)"\n' in text
    assert '    quote: "we feel we belong"\n' in text
    assert '    citation: "School poll, 2025"\n' in text
    assert '    basis: "statistic"\n' in text
    md = runner.invoke(main, ["diff", str(UNIFORMS), str(path), "--format", "md"]).output
    assert "  - **links**: identity \\(attacks\\)\n" in md
    assert "  - **quote**: we feel we belong\n" in md


def test_an_objection_to_an_objection_is_named_a_rebuttal_as_the_pages_draw_it(
    tmp_path: Path,
) -> None:
    """An objection added under an objection is drawn REBUTTAL in the HTML page and the
    diagram, but ``diff`` said "added objection" (UX round 8)."""
    path = copy(tmp_path)
    runner = CliRunner()
    add = ["add", "objection", str(path), "--to", "expression", "--id", "dress-code"]
    said = "A dress code leaves room for expression."
    assert runner.invoke(main, [*add, "--text", said, "--author", "T"]).exit_code == 0
    text = runner.invoke(main, ["diff", str(UNIFORMS), str(path)]).output
    assert f"+ added rebuttal [dress-code] by T under [expression]: {said}\n" in text
    md = runner.invoke(main, ["diff", str(UNIFORMS), str(path), "--format", "md"]).output
    assert "- rebuttal `dress-code` by T under `expression`:" in md
    back = runner.invoke(main, ["diff", str(path), str(UNIFORMS)]).output
    assert f"- removed rebuttal [dress-code] (signed T): {said}\n" in back
    added = shutil.copyfile(path, tmp_path / "added.yaml")
    edit = ["edit", str(path), "dress-code", "--text", "Dress codes allow expression."]
    assert runner.invoke(main, [*edit, "--author", "T"]).exit_code == 0
    changed = runner.invoke(main, ["diff", str(added), str(path)]).output
    assert changed.startswith("~ changed rebuttal [dress-code] (signed T):\n")
