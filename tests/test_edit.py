import datetime as dt
import difflib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.editing.add import NewNode, add_node
from argmap.editing.edit import edit_node
from argmap.editing.inputs import parse_citation
from argmap.editing.remove import remove_node
from argmap.editing.scaffold import new_map
from argmap.editing.session import EditError
from argmap.errors import OptionMisuseError
from argmap.load.maps import load_map
from argmap.load.parse import make_yaml
from argmap.model import NodeKind
from tests.conftest import CASES, MAPS, ROOT, write

# Every map in maps/ (the flagship included once it exists) and the commented fixture.
FILES = sorted(MAPS.glob("*.yaml")) + [CASES / "commented.yaml"]


def copy(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / source.name
    target.write_bytes(source.read_bytes())
    return target


def diff_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Return (removed, inserted) lines between two texts."""
    removed: list[str] = []
    inserted: list[str] = []
    matcher = difflib.SequenceMatcher(
        None, before.splitlines(keepends=True), after.splitlines(keepends=True), autojunk=False
    )
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            inserted += b[j1:j2]
    return removed, inserted


def test_school_uniforms_round_trips_byte_identical() -> None:
    from io import StringIO

    text = (MAPS / "school-uniforms.yaml").read_text(encoding="utf-8")
    yaml = make_yaml()
    buffer = StringIO()
    yaml.dump(yaml.load(text), buffer)
    assert buffer.getvalue() == text


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.stem)
def test_add_under_every_node_only_inserts_lines(tmp_path: Path, source: Path) -> None:
    m = load_map(source)
    step = max(1, len(m.nodes) // 15)  # big maps: a spread of targets keeps the test quick
    for node in m.nodes[::step]:
        kind = NodeKind.REBUTTAL if node.kind is NodeKind.OBJECTION else NodeKind.OBJECTION
        path = copy(tmp_path, source)
        before = path.read_text(encoding="utf-8")
        new_id = add_node(
            path,
            NewNode(
                kind,
                f"Reviewer's point on {node.id}: it's 'unclear' #1",
                to=node.id,
                author="A. Reviewer",
                added=dt.date(2026, 11, 27),
            ),
        )
        after = path.read_text(encoding="utf-8")
        removed, inserted = diff_lines(before, after)
        if node.id == "small-town":  # a flow-style entry: its one line is rewritten
            assert len(removed) == 1
        else:
            assert removed == [], node.id
            assert any(new_id in line for line in inserted)
        edited = load_map(path)
        assert edited.get(new_id).parent == node.id
        assert edited.get(new_id).author == "A. Reviewer"
        assert [n.id for n in edited.nodes if n.id != new_id] == [n.id for n in m.nodes]


def test_add_evidence_with_all_fields(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    before = path.read_text(encoding="utf-8")
    new_id = add_node(
        path,
        NewNode(
            NodeKind.EVIDENCE,
            "Gazette: lorries 'all day'",
            to="induced",
            quote="all day",
            citation=parse_citation("Town Gazette, March 1, 2025"),
            source="gazette",
            basis="media",
            tags=("a", "b c"),
            id="gazette-lorries",
        ),
    )
    assert new_id == "gazette-lorries"
    removed, inserted = diff_lines(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert inserted[0] == "          evidence:\n"
    node = load_map(path).get("gazette-lorries")
    assert node.citation is not None and node.citation.date == "March 1, 2025"
    assert node.tags == ("a", "b c") and node.basis is not None and node.source == "gazette"


@pytest.mark.parametrize(
    "source", [MAPS / "russias-game-in-north-korea.yaml", CASES / "commented.yaml"]
)
def test_usual_add_needs_no_dump(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The splice is checked against the edited tree itself; the whole-file dump (slow on
    # big maps) is only for layouts the splicer does not handle.
    import argmap.editing.commit

    def no_dump(doc: object) -> str:
        raise AssertionError("dumped the whole map for a plain add")

    monkeypatch.setattr(argmap.editing.commit, "_dump", no_dump)
    path = copy(tmp_path, source)
    m = load_map(path)
    target = m.nodes[1].id
    new_id = add_node(path, NewNode(NodeKind.OBJECTION, "A quick check.", to=target, author="R"))
    edited = load_map(path)
    assert edited.get(new_id).parent == target
    assert len(edited.nodes) == len(m.nodes) + 1


def test_add_linked_premise_joins_group(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    new_id = add_node(
        path, NewNode(NodeKind.PREMISE, "Pupils cross there.", to="bypass", linked_with="safety")
    )
    m = load_map(path)
    assert m.get(new_id).group == m.get("safety").group == "safer-route"


def test_add_linked_premise_makes_group(tmp_path: Path) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    before = path.read_text(encoding="utf-8")
    new_id = add_node(
        path,
        NewNode(
            NodeKind.PREMISE, "Belonging helps learning.", to="uniforms", linked_with="identity"
        ),
    )
    m = load_map(path)
    assert m.get(new_id).group is not None
    assert m.get(new_id).group == m.get("identity").group
    removed, inserted = diff_lines(before, path.read_text(encoding="utf-8"))
    assert [line.strip() for line in removed] == [
        "- id: identity",
        "text: Uniforms build a sense of belonging to the school.",
        "objections:",
        "- id: belonging-anecdote",
        "text: The belonging claim rests on staff impressions, not on pupils' views.",
        "undercut: true",
    ]
    assert [line.strip() for line in inserted][:2] == ["- linked:", "- id: identity"]


FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"


@pytest.mark.skipif(not FLAGSHIP.exists(), reason="the flagship map is not written yet")
def test_flagship_acceptance_add_is_exactly_the_inserted_lines(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = copy(tmp_path, FLAGSHIP)
    before = path.read_text(encoding="utf-8")
    thesis = load_map(path).thesis.id
    result = runner.invoke(
        main,
        [
            "add",
            "objection",
            str(path),
            "--to",
            thesis,
            "--text",
            "Russia also wants a say.",
            "--author",
            "A. Reviewer",
        ],
    )
    assert result.exit_code == 0, result.output
    removed, inserted = diff_lines(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert [line.strip() for line in inserted] == [
        "- id: russia-also-wants-a-say",
        "text: Russia also wants a say.",
        "author: A. Reviewer",
        f"added: {dt.date.today().isoformat()}",
    ]


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (NewNode(NodeKind.REBUTTAL, "x", to="cost"), "a rebuttal answers an objection"),
        (
            NewNode(NodeKind.OBJECTION, "x", to="cots"),
            "no node has id 'cots' (did you mean 'cost'?)",
        ),
        (
            NewNode(NodeKind.OBJECTION, "x", to="cost", id="survey-costs"),
            "duplicate id 'survey-costs'",
        ),
        (NewNode(NodeKind.OBJECTION, "x", to="cost", id="bad id"), "not a valid id"),
        (NewNode(NodeKind.PREMISE, "x", to="survey-costs"), "cannot go under evidence"),
        (
            NewNode(NodeKind.OBJECTION, "x", to="uniforms", undercut=True),
            "no inference to undercut",
        ),
        (
            NewNode(NodeKind.OBJECTION, "x", to="cost", source="nowhere"),
            "unknown source 'nowhere'",
        ),
        (NewNode(NodeKind.OBJECTION, "  ", to="cost"), "'text' is empty"),
        (NewNode(NodeKind.PREMISE, "x", to="uniforms", linked_with="cost-x"), "no node has id"),
        (
            NewNode(NodeKind.OBJECTION, "x", to="cost", links=("nope",)),
            "link to unknown id 'nope'",
        ),
        (
            NewNode(NodeKind.REBUTTAL, "x", to="upfront-cost", links=("cost",)),
            "a rebuttal can only attack an objection",
        ),
        (
            NewNode(NodeKind.EVIDENCE, "x", to="cost", links=("survey-costs",)),
            "cannot support evidence",
        ),
    ],
)
def test_refusals_write_nothing(tmp_path: Path, new: NewNode, message: str) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    before = path.read_bytes()
    with pytest.raises((EditError, OptionMisuseError)) as info:  # a bad --id: misuse
        add_node(path, new)
    assert message in str(info.value)
    assert path.read_bytes() == before


def test_add_with_cross_links(tmp_path: Path, runner: CliRunner) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    before = path.read_text(encoding="utf-8")
    result = runner.invoke(
        main,
        [
            "add",
            "objection",
            str(path),
            "--to",
            "cost",
            "--also",
            "identity",
            "--also",
            "identity",
            "--text",
            "Both assume new clothes every term.",
            "--author",
            "R",
        ],
    )
    assert result.exit_code == 0, result.output
    node_id = result.output.strip()
    removed, inserted = diff_lines(before, path.read_text(encoding="utf-8"))
    assert removed == []
    assert "          links: [identity]\n" in inserted
    link = load_map(path).get(node_id).links[0]
    assert (link.to, link.relation.value) == ("identity", "attacks")


def test_generated_id_is_unique_and_written(tmp_path: Path) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    first = add_node(path, NewNode(NodeKind.OBJECTION, "Same words.", to="cost"))
    second = add_node(path, NewNode(NodeKind.OBJECTION, "Same words.", to="cost"))
    assert (first, second) == ("same-words", "same-words-2")
    assert "id: same-words-2\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.stem)
def test_edit_keeps_everything_else(tmp_path: Path, source: Path) -> None:
    m = load_map(source)
    last = m.nodes[-1]
    path = copy(tmp_path, source)
    before = path.read_text(encoding="utf-8")
    edit_node(path, last.id, {"text": "Rewritten: with a colon", "tags": ["x", "y"]})
    after = path.read_text(encoding="utf-8")
    removed, inserted = diff_lines(before, after)
    assert len(removed) <= 3
    assert all(line in before.splitlines(keepends=True) for line in removed)
    node = load_map(path).get(last.id)
    assert node.text == "Rewritten: with a colon" and node.tags == ("x", "y")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert all(c in after for c in comments)


def test_edit_keeps_quoting_and_trailing_comment(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    before = path.read_text(encoding="utf-8")
    edit_node(path, "bypass", {"text": "Build it."})
    edit_node(path, "wetland", {"strength": "weak"})
    edit_node(path, "counts", {"citation": parse_citation("Council, May")}, clear=["basis"])
    after = path.read_text(encoding="utf-8")
    removed, inserted = diff_lines(before, after)
    assert inserted == [
        '  text: "Build it."\n',
        "        citation: {outlet: Council, date: May}\n",
        "      strength: weak   # trailing comment\n",
    ]
    assert len(removed) == 4


def test_edit_refusals(tmp_path: Path) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    before = path.read_bytes()
    for node_id, changes, clear, message in [
        ("cost", {"basis": "statistic"}, [], "'cost' is a premise; only evidence has a basis"),
        ("nope", {"text": "x"}, [], "no node has id 'nope'"),
        ("cost", {}, ["text"], "every node needs a text"),
        ("cost", {"colour": "red"}, [], "cannot edit 'colour'"),
    ]:
        with pytest.raises(EditError, match=message):
            edit_node(path, node_id, changes, clear)
    assert path.read_bytes() == before


def test_remove_leaf_deletes_only_its_lines(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    before = path.read_text(encoding="utf-8")
    assert remove_node(path, "council-counts") == ["council-counts"]
    removed, inserted = diff_lines(before, path.read_text(encoding="utf-8"))
    assert inserted == []
    assert removed == [
        "      - id: council-counts\n",
        '        text: "Council counts agree: \\"about nine thousand\\"."\n',
        "        source: council\n",
    ]


def test_remove_refusals(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    before = path.read_bytes()
    with pytest.raises(EditError, match="has children"):
        remove_node(path, "induced")
    with pytest.raises(EditError, match="target of cross-links from 'cost'"):
        remove_node(path, "school-route")
    with pytest.raises(EditError, match="thesis cannot be removed"):
        remove_node(path, "bypass", recursive=True)
    assert path.read_bytes() == before


def test_remove_recursive_drops_subtree_and_links(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    removed = remove_node(path, "traffic", recursive=True)
    assert removed[:2] == ["traffic", "counts"]
    m = load_map(path)
    assert "traffic" not in m and [x.to for x in m.get("cost").links] == ["school-route"]
    assert "# A deliberately untidy map" in path.read_text(encoding="utf-8")


def test_remove_from_linked_pair_dissolves_group(tmp_path: Path) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    remove_node(path, "bullying-clothes")
    m = load_map(path)
    assert m.get("uniforms-equalise").group is None
    assert m.get("uniforms-equalise").parent == "uniforms"


def test_new_map(tmp_path: Path) -> None:
    path = new_map(tmp_path / "m.yaml", "A title", "A thesis: yes.")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=argmap.schema.json"
    assert load_map(path).thesis.id == "a-thesis-yes"
    with pytest.raises(EditError, match="already exists"):
        new_map(path, "Other", "Other")
    assert path.read_text(encoding="utf-8") == text


def test_new_map_inside_repo_points_at_schema() -> None:
    from argmap.editing.scaffold import schema_reference

    assert schema_reference(MAPS / "x.yaml") == ("../argmap.schema.json", True)


# -- CLI -------------------------------------------------------------------------------------


def test_cli_add_prints_id_and_signs(tmp_path: Path, runner: CliRunner) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    result = runner.invoke(
        main,
        [
            "add",
            "objection",
            str(path),
            "--to",
            "cost",
            "--text",
            "Prices rose.",
            "--author",
            "A. Reviewer",
            "--tag",
            "price",
            "--citation",
            "Gazette, May 2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output == "prices-rose\n"
    node = load_map(path).get("prices-rose")
    assert node.author == "A. Reviewer" and node.added == dt.date.today()
    assert node.citation is not None and node.citation.outlet == "Gazette"


def test_cli_add_refusal(tmp_path: Path, runner: CliRunner) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    before = path.read_bytes()
    result = runner.invoke(
        main, ["add", "rebuttal", str(path), "--to", "cost", "--text", "x", "--author", "R"]
    )
    assert result.exit_code == 1
    assert result.output == (
        f"{path}: a rebuttal answers an objection, and 'cost' is a premise; "
        "add an objection to attack it\n"
    )
    assert path.read_bytes() == before


def test_cli_author_from_environment_or_error(tmp_path: Path, runner: CliRunner) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    args = ["add", "objection", str(path), "--to", "cost", "--text", "From env."]
    result = runner.invoke(main, args, env={"ARGMAP_AUTHOR": "Env Person"})
    assert result.exit_code == 0, result.output
    assert load_map(path).get("from-env").author == "Env Person"
    env = {
        "ARGMAP_AUTHOR": None,  # unset (set but empty is refused: test_edit_author.py)
        "HOME": str(tmp_path),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "none"),
    }
    result = runner.invoke(main, [*args[:-1], "Other."], env=env)
    if result.exit_code != 0:  # no git identity anywhere: asks for one
        assert result.exit_code == 2
        assert "pass --author NAME" in result.output


def test_cli_edit_remove_new(tmp_path: Path, runner: CliRunner) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    result = runner.invoke(
        main, ["edit", str(path), "survey-costs", "--clear", "citation", "--note", "checked"]
    )
    assert result.exit_code == 0, result.output
    node = load_map(path).get("survey-costs")
    assert node.citation is None and node.note == "checked"
    result = runner.invoke(main, ["edit", str(path), "cost"])
    assert result.exit_code == 2
    result = runner.invoke(main, ["remove", str(path), "second-hand"])
    assert (result.exit_code, result.output) == (0, "second-hand\n")
    result = runner.invoke(main, ["remove", str(path), "cost"])
    assert result.exit_code == 1 and "use --recursive" in result.output
    target = tmp_path / "new.yaml"
    result = runner.invoke(main, ["new", str(target), "--title", "T", "--thesis", "Claim."])
    assert result.exit_code == 0, result.output
    assert load_map(target).title == "T"
    result = runner.invoke(main, ["new", str(target), "--title", "T", "--thesis", "Claim."])
    assert result.exit_code == 2 and "already exists" in result.output  # misuse, as in import


def test_subprocess_add(tmp_path: Path) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "argmap",
            "add",
            "evidence",
            str(path),
            "--to",
            "cost",
            "--text",
            "Receipts.",
            "--author",
            "A. Reviewer",
            "--basis",
            "data",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "receipts\n", "")


def test_crlf_bom_and_missing_final_newline(tmp_path: Path) -> None:
    source = (MAPS / "school-uniforms.yaml").read_text(encoding="utf-8")
    path = tmp_path / "m.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + source.rstrip("\n").replace("\n", "\r\n").encode())
    before = path.read_bytes()
    new_id = add_node(path, NewNode(NodeKind.OBJECTION, "Windows.", to="expression"))
    after = path.read_bytes()
    assert after.startswith(before)  # only appended: the last entry is the target
    assert after.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert load_map(path).get(new_id).parent == "expression"


def test_json_maps_are_not_edited(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "m.json"
    path.write_text('{"title": "T", "thesis": {"id": "t", "text": "T."}}', encoding="utf-8")
    with pytest.raises(EditError, match="editing JSON maps is not supported"):
        add_node(path, NewNode(NodeKind.OBJECTION, "x", to="t"))


@pytest.mark.parametrize("name", ["m.json", "M.JSON"])
@pytest.mark.parametrize(
    "args",
    [
        ["add", "objection", "{map}", "--to", "t", "--text", "x", "--author", "A"],
        ["edit", "{map}", "t", "--text", "y"],
        ["remove", "{map}", "t"],
    ],
    ids=["add", "edit", "remove"],
)
def test_editing_a_json_map_is_command_line_misuse(
    tmp_path: Path, runner: CliRunner, name: str, args: list[str]
) -> None:
    """``add`` to a JSON map exited 1, as a failure of the map; it is a MAP the command
    does not edit, told before anything else (exit 2, one line, nothing written), as an
    output that would replace a map is. A ``.JSON`` file was edited as YAML."""
    path = tmp_path / name
    text = '{"title": "T", "thesis": {"id": "t", "text": "T."}}'
    path.write_text(text, encoding="utf-8")
    for mode in (0o644, 0o444):  # misuse whatever the file's state: told before "read-only"
        path.chmod(mode)
        result = runner.invoke(main, [a.replace("{map}", str(path)) for a in args])
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"Error: {path}: editing JSON maps is not supported; edit a YAML map "
            f"(make one with: argmap import {name} -o MAP.yaml)\n"
        )
        assert path.read_text(encoding="utf-8") == text


def test_invalid_map_is_reported_with_location(tmp_path: Path, runner: CliRunner) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("title: T\nthesis:\n  id: t\n  txt: T.\n", encoding="utf-8")
    before = path.read_bytes()
    result = runner.invoke(
        main, ["add", "objection", str(path), "--to", "t", "--text", "x", "--author", "R"]
    )
    assert result.exit_code == 1
    assert f"{path}:4:3: thesis.txt: unknown field" in result.output
    assert path.read_bytes() == before


def test_edit_text_of_node_without_id_keeps_its_id(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "title: T\nthesis:\n  id: t\n  text: T.\n  premises:\n    - text: Old words.\n"
        "  objections:\n    - text: No.\n      links: [old-words]\n",
        encoding="utf-8",
    )
    edit_node(path, "old-words", {"text": "New words."})
    assert load_map(path).get("old-words").text == "New words."
    assert "id: old-words\n" in path.read_text(encoding="utf-8")


def test_cli_add_undercut(tmp_path: Path, runner: CliRunner) -> None:
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    args = ["add", "objection", str(path), "--to", "cost", "--text", "Cost is not the point."]
    result = runner.invoke(main, [*args, "--undercut", "--author", "R", "--id", "not-cost"])
    assert result.exit_code == 0, result.output
    assert load_map(path).get("not-cost").relation is not None
    assert load_map(path).get("not-cost").relation.value == "undercuts"


def test_add_to_empty_list_key(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("title: T\nthesis:\n  id: t\n  text: T.\n  objections:\n", encoding="utf-8")
    new_id = add_node(path, NewNode(NodeKind.OBJECTION, "First.", to="t"))
    assert load_map(path).get(new_id).parent == "t"


def test_added_text_with_a_bidi_override_is_visible_in_the_file(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    text = "Looks fine\u202e but reads backwards"
    new_id = add_node(path, NewNode(NodeKind.OBJECTION, text, to="induced", author="R"))
    written = path.read_text(encoding="utf-8")
    assert "\u202e" not in written
    assert '"Looks fine\\u202E but reads backwards"' in written
    assert load_map(path).get(new_id).text == text


def test_rename_moves_the_id_and_every_cross_link_to_it(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    before = path.read_text(encoding="utf-8")
    edit_node(path, "school-route", {}, new_id="route-to-school")
    after = path.read_text(encoding="utf-8")
    removed, inserted = diff_lines(before, after)
    assert [line.strip() for line in removed] == [
        "- id: school-route",
        "links: [traffic, school-route]",
    ]
    assert [line.strip() for line in inserted] == [
        "- id: route-to-school",
        "links: [traffic, route-to-school]",
    ]
    m = load_map(path)
    assert "school-route" not in m and [x.to for x in m.get("cost").links] == [
        "traffic",
        "route-to-school",
    ]


def test_unlink_drops_only_that_link_then_remove_succeeds(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    edit_node(path, "cost", {}, unlink=["school-route"])
    assert [x.to for x in load_map(path).get("cost").links] == ["traffic"]
    remove_node(path, "school-route")
    assert "school-route" not in load_map(path)
    edit_node(path, "cost", {}, unlink=["traffic"])
    assert load_map(path).get("cost").links == ()
    assert (
        "links:" not in path.read_text(encoding="utf-8").split("- id: cost", 1)[1].split("- ")[0]
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"new_id": "traffic"}, "id 'traffic' is taken; choose another"),
        ({"new_id": "two words"}, "'two words' is not a valid id"),
        (
            {"unlink": ["bypass"]},
            "'cost' has no cross-link to 'bypass' (its links: 'school-route', 'traffic')",
        ),
    ],
)
def test_rename_and_unlink_refusals_write_nothing(
    tmp_path: Path, kwargs: dict[str, object], message: str
) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    before = path.read_bytes()
    with pytest.raises((EditError, OptionMisuseError)) as excinfo:
        edit_node(path, "cost", {}, **kwargs)  # type: ignore[arg-type]
    assert message in str(excinfo.value)
    assert path.read_bytes() == before


def test_cli_rename_and_unlink(tmp_path: Path, runner: CliRunner) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    result = runner.invoke(
        main, ["edit", str(path), "cost", "--id", "price", "--unlink", "traffic"]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{path}: edited cost (now price)\n"
    node = load_map(path).get("price")
    assert [x.to for x in node.links] == ["school-route"]
    result = runner.invoke(main, ["remove", str(path), "school-route"])
    assert result.exit_code == 1
    assert f"(argmap edit {path} price --unlink school-route)" in result.stderr


def test_undecodable_argument_text_is_refused_naming_the_argument(tmp_path: Path) -> None:
    # Bytes that are not UTF-8 reach Python as lone surrogates (surrogateescape).
    path = copy(tmp_path, CASES / "commented.yaml")
    before = path.read_bytes()
    with pytest.raises(EditError, match="the new text value holds bytes that are not UTF-8"):
        edit_node(path, "cost", {"text": "x\udc85y"})
    with pytest.raises(EditError, match="the new tags value holds bytes that are not UTF-8"):
        add_node(path, NewNode(NodeKind.OBJECTION, "ok", to="cost", tags=("\udc85",)))
    assert path.read_bytes() == before


_BLOCK_LINKS = """\
title: Links
thesis:
  id: th
  text: Thesis.
  premises:
    - id: p1
      text: P1.
    - id: p2
      text: P2.
  objections:
    - id: o1
      text: O1.
      links:
        - p1   # first
        - p2   # second
    - id: o2
      text: O2.
      links:
        - to: p1
          relation: attacks
        - {to: p2, relation: attacks}
"""


@pytest.mark.parametrize(
    ("action", "removed", "inserted"),
    [
        (lambda p: edit_node(p, "o1", {}, unlink=["p1"]), ["        - p1   # first\n"], []),
        (
            lambda p: edit_node(p, "o2", {}, unlink=["p2"]),
            ["        - {to: p2, relation: attacks}\n"],
            [],
        ),
        (
            lambda p: edit_node(p, "p1", {}, new_id="first"),
            ["    - id: p1\n", "        - p1   # first\n", "        - to: p1\n"],
            ["    - id: first\n", "        - first   # first\n", "        - to: first\n"],
        ),
        (
            lambda p: remove_node(p, "p1", recursive=True),
            [
                "    - id: p1\n",
                "      text: P1.\n",
                "        - p1   # first\n",
                "        - to: p1\n",
                "          relation: attacks\n",
            ],
            [],
        ),
    ],
)
def test_block_style_links_change_only_their_own_lines(
    tmp_path: Path, action: Any, removed: list[str], inserted: list[str]
) -> None:
    path = write(tmp_path, "links.yaml", _BLOCK_LINKS)
    action(path)
    assert diff_lines(_BLOCK_LINKS, path.read_text(encoding="utf-8")) == (removed, inserted)
    load_map(path)  # still a valid map


def _keys(lines: list[str]) -> list[str]:
    return [line.strip().lstrip("- ").split(":")[0] for line in lines if ":" in line]


def test_added_entry_holds_its_fields_in_declared_order(tmp_path: Path) -> None:
    path = copy(tmp_path, CASES / "commented.yaml")
    before = path.read_text(encoding="utf-8")
    add_node(
        path,
        NewNode(
            NodeKind.EVIDENCE,
            "Every field.",
            to="traffic",
            added=dt.date(2026, 1, 2),
            author="R",
            links=("induced", "induced"),
            tags=("a",),
            note="n",
            strength="weak",
            basis="data",
            source="gazette",
            citation=parse_citation("Town Gazette, May 1"),
            quote="q",
            id="every",
        ),
    )
    _, inserted = diff_lines(before, path.read_text(encoding="utf-8"))
    order = ["id", "text", "quote", "citation", "source", "basis", "strength", "note", "tags"]
    assert _keys(inserted) == [*order, "links", "author", "added"]
    assert load_map(path).get("every").links[0].to == "induced"  # each target once


def test_edit_writes_new_fields_in_the_models_order(tmp_path: Path) -> None:
    # Whatever the order of ``changes``, so the file does not depend on how it was asked.
    texts = []
    for changes in (
        {"note": "n", "tags": ["t"], "author": "A"},
        {"author": "A", "tags": ["t"], "note": "n"},
    ):
        path = copy(tmp_path, CASES / "commented.yaml")
        before = path.read_text(encoding="utf-8")
        edit_node(path, "council-counts", changes)
        after = path.read_text(encoding="utf-8")
        removed, inserted = diff_lines(before, after)
        assert removed == [] and _keys(inserted) == ["author", "tags", "note"]
        texts.append(after)
    assert texts[0] == texts[1]


def test_doctests() -> None:
    import doctest

    import argmap.editing.inputs

    assert doctest.testmod(argmap.editing.inputs).failed == 0


@pytest.mark.parametrize(
    ("node_id", "what"),
    [
        ("uniforms", "the thesis"),
        ("cost", "a premise"),
        ("upfront-cost", "an objection"),
        ("second-hand", "a rebuttal"),
    ],
)
def test_edit_basis_of_no_evidence_says_why_as_add_does(
    tmp_path: Path, runner: CliRunner, node_id: str, what: str
) -> None:
    """--basis on an objection said "the map would be invalid: ... unknown field 'basis';
    remove it or fix the spelling", naming a field the command line wrote. Said as add
    says it now (exit 1, nothing written)."""
    path = write(tmp_path, "m.yaml", (MAPS / "school-uniforms.yaml").read_text(encoding="utf-8"))
    before = path.read_bytes()
    result = runner.invoke(main, ["edit", str(path), node_id, "--basis", "statistic"])
    assert (result.exit_code, result.stderr) == (
        1,
        f"{path}: {node_id!r} is {what}; only evidence has a basis\n",
    )
    add = ["add", "objection", str(path), "--to", node_id, "--text", "x", "--author", "R"]
    result = runner.invoke(main, [*add, "--basis", "statistic"])
    assert result.exit_code == 1 and "only evidence has a basis" in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("node_id", "message"),
    [
        ("uniforms", "the thesis has no inference to undercut; only objections and rebuttals"),
        ("cost", "'cost' is a premise; only objections and rebuttals can undercut"),
    ],
)
def test_edit_undercut_of_no_attacker_says_why(tmp_path: Path, node_id: str, message: str) -> None:
    path = write(tmp_path, "m.yaml", (MAPS / "school-uniforms.yaml").read_text(encoding="utf-8"))
    before = path.read_bytes()
    with pytest.raises(EditError) as info:
        edit_node(path, node_id, {"undercut": True})
    assert str(info.value).startswith(f"{path}: {message}")
    assert path.read_bytes() == before
    edit_node(path, "upfront-cost", {"undercut": True})
    assert load_map(path).get("upfront-cost").relation.value == "undercuts"


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--author", "\u200b"),
        ("--author", "\u202e"),
        ("--author", "Ann\nBob"),
        ("--tag", "\u2060"),
    ],
)
def test_cli_refuses_an_author_or_tag_that_shows_nothing(
    tmp_path: Path, runner: CliRunner, option: str, value: str
) -> None:
    """A reviewer's signature of zero-width characters, a bidi override or two lines was
    written (so was such a tag): a signature no one can read. Refused as command-line
    misuse (exit 2), the map untouched, as an author of spaces already was."""
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    before = path.read_bytes()
    args = ["add", "objection", str(path), "--to", "cost", "--text", "x", option, value]
    if option != "--author":
        args += ["--author", "Ann"]
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert path.read_bytes() == before
    new = ["new", str(tmp_path / "n.yaml"), "--title", "T", "--thesis", "A thesis."]
    assert runner.invoke(main, new).exit_code == 0  # the command as written works
    (tmp_path / "n.yaml").unlink()
    for command in (["edit", str(path), "cost"], new):
        if option == "--author":
            refused = runner.invoke(main, [*command, "--author", value])
            assert refused.exit_code == 2 and "--author" in refused.output, refused.output
    assert path.read_bytes() == before and not (tmp_path / "n.yaml").exists()


def test_a_save_by_another_program_during_an_edit_is_not_lost(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor or git saves the map (a new file renamed over it, no lock) while an add
    runs: the add renamed its own text over that save, and the save was gone. The add
    now finds the file changed just before it writes, and writes nothing."""
    from argmap.load import files

    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    theirs = path.read_text(encoding="utf-8") + "# saved by the editor meanwhile\n"
    check = files.check_map_size

    def saved_meanwhile(where: Path, text: str) -> None:
        check(where, text)
        other = tmp_path / "editor-save.tmp"
        other.write_text(theirs, encoding="utf-8")
        other.replace(path)

    monkeypatch.setattr(files, "check_map_size", saved_meanwhile)
    args = ["add", "objection", str(path), "--to", "cost", "--text", "x", "--author", "R"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert "changed by another program while this edit ran; nothing written" in result.output
    assert path.read_text(encoding="utf-8") == theirs
    monkeypatch.setattr(files, "check_map_size", check)
    assert runner.invoke(main, args).exit_code == 0  # run again: added to their save
    assert path.read_text(encoding="utf-8").startswith(theirs[: theirs.index("\n")])
    assert "# saved by the editor meanwhile" in path.read_text(encoding="utf-8")


def test_one_windows_line_end_does_not_turn_the_whole_map_to_them(
    tmp_path: Path, runner: CliRunner
) -> None:
    """A map with one CRLF line among LF ones came back from an add with every line
    CRLF. Line ends are turned to CRLF only in a map that has them throughout."""
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    lines = path.read_bytes().split(b"\n")
    lines[1] += b"\r"
    path.write_bytes(b"\n".join(lines))
    args = ["add", "objection", str(path), "--to", "cost", "--text", "x", "--author", "R"]
    assert runner.invoke(main, args).exit_code == 0
    after = path.read_bytes()
    assert after.count(b"\r\n") == 1 and after.count(b"\n") > 20
    (tmp_path / "w").mkdir()
    windows = copy(tmp_path / "w", MAPS / "school-uniforms.yaml")
    windows.write_bytes(windows.read_bytes().replace(b"\n", b"\r\n"))
    assert runner.invoke(main, [*args[:2], str(windows), *args[3:]]).exit_code == 0
    text = windows.read_bytes()
    assert text.count(b"\r\n") == text.count(b"\n")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_an_add_stopped_once_the_map_is_written_still_prints_its_id(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C right after the rename said "Aborted!" and no id, though the node was in
    the map (run again: added twice). The edit ends first, says what it wrote, then
    the interrupt acts."""
    import signal

    from argmap.editing import commit

    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    write = commit.write_atomic

    def written_then_stopped(where: Path, text: str) -> Path:
        done = write(where, text)
        signal.raise_signal(signal.SIGINT)
        return done

    monkeypatch.setattr(commit, "write_atomic", written_then_stopped)
    args = ["add", "objection", str(path), "--to", "cost", "--text", "Stopped late"]
    args += ["--author", "R"]
    result = runner.invoke(main, args)
    assert result.exit_code != 0  # the interrupt still acts
    assert result.stdout.splitlines()[0] == "stopped-late"
    assert load_map(path).get("stopped-late").author == "R"


@pytest.mark.parametrize("name", ["Ann\tBob", "Ann\nBob", "\u200b"])
def test_an_author_from_the_environment_that_is_no_name_is_refused_and_said_so(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A tab or a line break in ARGMAP_AUTHOR came out as "the map would be invalid"
    without a word of where the name came from. Refused as command-line misuse now,
    naming the variable; the map untouched. (Zero-width alone is blank: refused too.)"""
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    before = path.read_bytes()
    monkeypatch.setenv("ARGMAP_AUTHOR", name)
    monkeypatch.chdir(tmp_path)  # no git user name to fall back to
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    args = ["add", "objection", str(path), "--to", "cost", "--text", "A new objection."]
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "ARGMAP_AUTHOR" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX advisory locks")
def test_an_edit_waiting_for_the_maps_lock_says_so(
    tmp_path: Path, runner: CliRunner, caplog: pytest.LogCaptureFixture
) -> None:
    """Another program holding the map's lock made an add wait in silence, without end
    for all a user could tell. It says it waits, then goes on once the lock is free."""
    import subprocess
    import time

    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    script = (
        "import fcntl, sys, time; f = open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX);"
        " print('held', flush=True); time.sleep(0.6)"
    )
    command = [sys.executable, "-c", script, str(path)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        started = time.monotonic()
        args = ["add", "objection", str(path), "--to", "cost", "--text", "x", "--author", "R"]
        result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "waiting for another program that holds its lock" in caplog.text
    assert time.monotonic() - started > 0.3  # it did wait for the lock


@pytest.mark.parametrize("mode", [0o444, 0o464, 0o400], ids=oct)
def test_a_map_its_owner_may_not_write_is_not_edited_by_anyone(
    tmp_path: Path, runner: CliRunner, mode: int
) -> None:
    """Run as root (whom no mode stops), add, edit and remove wrote a map chmod a-w, and it
    stayed 0444 holding the new node. The owner's write bit decides, whoever runs argmap."""
    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    before = path.read_bytes()
    path.chmod(mode)
    said = f"{path}: the map is read-only; make it writable (chmod u+w) to edit it\n"
    for command in (
        ["add", "objection", str(path), "--to", "cost", "--text", "x", "--author", "R"],
        ["edit", str(path), "cost", "--text", "y"],
        ["remove", str(path), "second-hand"],
    ):
        result = runner.invoke(main, command)
        assert (result.exit_code, result.output) == (1, said), command
    assert path.read_bytes() == before and path.stat().st_mode & 0o777 == mode
    path.chmod(0o644)
    assert runner.invoke(main, ["edit", str(path), "cost", "--note", "n"]).exit_code == 0


def test_a_read_only_map_is_not_edited(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A map its owner made read-only (chmod 444) was edited all the same: a new file
    renamed over it, in a folder the owner may write. Refused now, the map untouched.
    (Tests run as root, whom no mode stops: the check is made to answer as for a user.)"""
    import os

    from argmap.editing import session

    path = copy(tmp_path, MAPS / "school-uniforms.yaml")
    before = path.read_bytes()
    real = os.access
    monkeypatch.setattr(
        session.os,
        "access",
        lambda p, mode: real(p, mode) and not (mode == os.W_OK and Path(p) == path),
    )
    args = ["add", "objection", str(path), "--to", "cost", "--text", "x", "--author", "R"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert result.output == (
        f"{path}: the map is read-only; make it writable (chmod u+w) to edit it\n"
    )
    assert path.read_bytes() == before
    for command in (
        ["edit", str(path), "cost", "--text", "y"],
        ["remove", str(path), "second-hand"],
    ):
        refused = runner.invoke(main, command)
        assert refused.exit_code == 1, refused.output
    assert path.read_bytes() == before


def test_ids_that_look_the_same_are_told_apart_or_refused(
    tmp_path: Path, runner: CliRunner
) -> None:
    """'café' with its accent composed, and with e and a combining accent, show alike:
    `--to` with the other spelling said "no node has id 'café' (did you mean 'café'?)",
    and `--id` with it made a second node that `show` listed as the same id."""
    composed, combining = "caf\u00e9", "cafe\u0301"
    path = write(
        tmp_path,
        "m.yaml",
        f"title: T\nthesis:\n  id: t\n  text: A thesis.\n  premises:\n"
        f"    - id: {composed}\n      text: A reason.\n",
    )
    before = path.read_bytes()
    args = ["add", "objection", str(path), "--text", "x", "--author", "R"]
    result = runner.invoke(main, [*args, "--to", combining])
    assert result.exit_code == 1
    assert "looks the same but is written with other code points" in result.output
    twin = runner.invoke(main, [*args, "--to", "t", "--id", combining])
    assert twin.exit_code == 1 and "looks the same as" in twin.output, twin.output
    assert path.read_bytes() == before
    second = f"    - id: {combining}\n      text: B.\n"
    both = write(tmp_path, "both.yaml", before.decode() + second)
    refused = runner.invoke(main, ["validate", str(both)])
    assert refused.exit_code == 1 and ":8:7: thesis.premises[1].id: " in refused.output


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("objections: []", "objections:"),
        ("objections: []  # to do", "objections:  # to do"),
        ("objections:", "objections:"),
        ("objections:   # to do", "objections:   # to do"),
        ("objections: null", "objections:"),
    ],
)
def test_an_add_under_a_key_written_empty_inserts_lines_only(
    tmp_path: Path, runner: CliRunner, written: str, kept: str
) -> None:
    """An objection added to a premise whose `objections` key was written empty re-indented
    the whole file ("could not keep the layout"). The key's line takes the item below it,
    keeping its comment; no other line changes."""
    text = (
        "title: Empty lists, 4-space indent\nthesis:\n    id: t\n    text: The thesis.\n"
        "    premises:\n        -   id: p1\n            text: First premise.\n"
        f"            {written}\n        -   id: p2\n            text: Second premise.\n"
    )
    path = write(tmp_path, "m.yaml", text)
    args = ["add", "objection", str(path), "--to", "p1", "--text", "Objected.", "--author", "R"]
    assert runner.invoke(main, args).exit_code == 0
    after = path.read_text(encoding="utf-8").splitlines()
    before = text.splitlines()
    assert after[:7] == before[:7] and after[-2:] == before[-2:]
    assert after[7] == f"            {kept}"
    assert load_map(path).get("objected").parent == "p1"


FOUR = """title: T
thesis:
    id: t
    text: The thesis.
    premises:
        -   id: p1
            text: First premise.
"""
FLUSH = """title: T
thesis:
  id: t
  text: The thesis.
  premises:
  - id: p1
    text: First premise.
"""


@pytest.mark.parametrize(
    "text", [FOUR, FLUSH, FLUSH.replace("  - id: p1\n    text", "    - id: p1\n      text")]
)
def test_a_first_conclusion_is_inserted_in_the_maps_own_list_style(
    tmp_path: Path, runner: CliRunner, text: str
) -> None:
    """The first `add conclusion` in a map indented by four, or with its items at the
    column of their key, re-indented the whole file ('conclusions' was missing from the
    splice's key order). Its lines go in now, in the style of the map's own lists."""
    path = write(tmp_path, "m.yaml", text)
    assert load_map(path).get("p1").text == "First premise."
    args = ["add", "conclusion", str(path), "--to", "t", "--text", "So.", "--author", "R"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and "re-indented" not in result.output
    after = path.read_text(encoding="utf-8")
    assert after.startswith(text), "lines inserted, none changed"
    assert load_map(path).get("so").parent == "t"


def test_an_edit_keeps_the_comment_after_a_statement_run_over_lines(
    tmp_path: Path, runner: CliRunner
) -> None:
    """A plain statement written over three lines, a comment after its last word: an
    edit of the text dropped the comment (one written on the key's line was kept)."""
    text = (
        "title: T\nthesis:\n  id: t\n  text: A plain scalar\n    that continues on\n"
        "    three lines   # comment after\n  premises:\n    - id: p1\n      text: P.\n"
    )
    path = write(tmp_path, "m.yaml", text)
    assert runner.invoke(main, ["edit", str(path), "t", "--text", "Short."]).exit_code == 0
    assert path.read_text(encoding="utf-8") == text.replace(
        "A plain scalar\n    that continues on\n    three lines", "Short."
    )


def test_new_says_the_thesis_id_the_next_step_adds_to(tmp_path: Path) -> None:
    """`new` printed only the file: a student's next `add --to` guessed the id, cut short."""
    target = tmp_path / "hw.yaml"
    thesis = "Homework should be banned in primary schools."
    result = CliRunner().invoke(main, ["new", str(target), "--title", "T", "--thesis", thesis])
    assert result.exit_code == 0, result.output
    top = load_map(target).thesis.id
    assert (
        f"{target}: thesis id {top}; next: argmap add premise {target} --to {top}" in result.output
    )
    assert result.output.splitlines()[-1] == str(target)  # stdout: the file, as before
