"""Import found on real files: SADFace told apart from AIF, lone roots, support cycles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.interop import ImportOptions, get_importer
from argmap.interop.sniff import sniff
from tests.conftest import write

# The shape of SADFace (the example arguebuf's tests read): nodes with an 'id' and a
# 'type' of atom or scheme, edges with 'source_id' and 'target_id'.
_SADFACE = {
    "edges": [
        {"id": "e1", "source_id": "a2", "target_id": "s1"},
        {"id": "e2", "source_id": "s1", "target_id": "a1"},
    ],
    "metadata": {"core": {"title": "Hangback", "version": "0.2"}},
    "nodes": [
        {"id": "a1", "metadata": {}, "sources": [], "text": "Withdraw it.", "type": "atom"},
        {"id": "s1", "metadata": {}, "name": "support", "type": "scheme"},
        {"id": "a2", "metadata": {}, "sources": [], "text": "It misleads.", "type": "atom"},
    ],
    "resources": [],
}


# -- SADFace -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_SADFACE, "sadface"),
        ({**_SADFACE, "edges": []}, "sadface"),  # its nodes say it
        ({"nodes": [], "edges": [], "metadata": {"core": {}}}, "sadface"),  # empty: its core
        ({"nodes": [], "edges": []}, "aif"),
        ({"nodes": [{"nodeID": "1", "type": "I", "id": "x"}], "edges": []}, "aif"),
        ({"nodes": [{"id": "1", "type": "atom"}], "edges": [{"fromID": "1"}]}, "aif"),
    ],
)
def test_sadface_is_told_apart_from_aif(data: object, expected: str) -> None:
    assert sniff(json.dumps(data, indent=2)) == expected


@pytest.mark.parametrize("options", [[], ["--from", "aif"], ["--from", "argdown"]])
def test_sadface_is_refused_with_how_to_convert_it(
    tmp_path: Path, runner: CliRunner, options: list[str]
) -> None:
    """SADFace has 'nodes' and 'edges' too: it was read as AIF and refused with
    "nodes[0] has no 'nodeID'; give every node an id", as if the file were broken AIF."""
    source = write(tmp_path, "hangback.json", json.dumps(_SADFACE, indent=2))
    out = tmp_path / "out.yaml"
    result = runner.invoke(main, ["import", str(source), "-o", str(out), *options])
    assert result.exit_code == 1, result.output
    said = {
        "aif": "this is not AIF JSON: it looks like",
        "argdown": "this is not Argdown: it looks like",
    }
    opening = said[options[1]] if options else "this looks like"
    assert result.output == (
        f"{source}:1:1: {opening} SADFace JSON (nodes with an 'id' and a 'type' of atom or "
        "scheme, not AIF's 'nodeID'); argmap does not read SADFace: convert it to AIF with "
        "arguebuf, then import that file\n"
    )
    assert not out.exists()


# -- a claim related to nothing is a root ------------------------------------------------------
_ORPHAN = (
    "[Thesis]: Cities should ban cars.\n    <+ <Air>: Cars pollute the air.\n\n"
    "<Economy>: The economy can adapt.\n"
)
_ISOLATED = {
    "nodes": [
        {"nodeID": "1", "text": "Cities should ban cars", "type": "I"},
        {"nodeID": "2", "text": "Cars pollute the air", "type": "I"},
        {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        {"nodeID": "4", "text": "Bikes are cheap", "type": "I"},
    ],
    "edges": [
        {"edgeID": "1", "fromID": "2", "toID": "3"},
        {"edgeID": "2", "fromID": "3", "toID": "1"},
    ],
}


@pytest.mark.parametrize(
    ("name", "text", "listed", "where"),
    [
        (
            "cars.argdown",
            _ORPHAN,
            "('Thesis' at line 1: Cities should ban cars.; 'Economy' at line 4: The economy "
            "can adapt. (related to nothing))",
            "4:1",
        ),
        (
            "cars.json",
            json.dumps(_ISOLATED, indent=1),
            "('1' at line 4: Cities should ban cars; '4' at line 19: Bikes are cheap (related "
            "to nothing))",
            "19:1",
        ),
    ],
)
def test_a_claim_related_to_nothing_is_a_root_to_choose(
    tmp_path: Path, runner: CliRunner, name: str, text: str, listed: str, where: str
) -> None:
    """Beside a thesis others bear on, a claim related to nothing was left out with a
    warning and exit 0 (its text in no output), where a second root others bear on
    stopped the import: it is a root claim like any other."""
    source = write(tmp_path, name, text)
    out = tmp_path / "out.yaml"
    result = runner.invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"{source}:{where}: 2 root claims {listed}; a map has one thesis: choose one with "
        "--thesis ID-OR-TITLE, or put them all under the file's title with --all-roots\n"
    )
    assert not out.exists()
    lone = "The economy can adapt." if name.endswith(".argdown") else "Bikes are cheap"
    thesis = "Thesis" if name.endswith(".argdown") else "1"
    result = runner.invoke(main, ["import", str(source), "-o", str(out), "--thesis", thesis])
    assert result.exit_code == 0, result.output
    said = f"1 statement with no relation leading to the thesis {thesis!r}, left out: "
    assert said in result.output
    assert lone in result.output and lone not in out.read_text(encoding="utf-8")
    result = runner.invoke(main, ["import", str(source), "-o", str(out), "--all-roots", "--force"])
    assert result.exit_code == 0, result.output
    assert "--all-roots: 2 root claims placed under a thesis made from the title" in result.output
    assert lone in out.read_text(encoding="utf-8")


def test_a_thesis_the_file_names_still_leaves_out_what_it_does_not_reach() -> None:
    """``{kind: thesis}`` is the author's choice, as ``--thesis`` is the user's: the claim
    related to nothing is left out with a warning, as before."""
    text = (
        "[T]: Cities should ban cars. {kind: thesis}\n  <+ <Air>: Cars pollute.\n\n<E>: Apart.\n"
    )
    result = get_importer("argdown")(text, "t.argdown", ImportOptions())
    assert [n.id for n in result.map.nodes] == ["T", "Air"]
    (left,) = [w for w in result.warnings if "no relation leading to" in w.message]
    assert (left.line, "'E' at line 4: Apart." in left.message) == (4, True)


# -- support cycles ----------------------------------------------------------------------------
_NO_MEAT = (
    "[No meat]: We should not eat meat.\n    + <Suffering>: Animals suffer.\n        + [No meat]\n"
)


def test_a_support_cycle_no_root_reaches_imports_with_either_option(
    tmp_path: Path, runner: CliRunner
) -> None:
    """The refusal offered --all-roots, which then failed: "cannot represent this Argdown
    graph as a map: ... support cycle no-meat -> Suffering -> no-meat". Both options now
    read the file, the support that closes the cycle kept in the note."""
    source = write(tmp_path, "meat.argdown", _NO_MEAT)
    out = tmp_path / "out.yaml"
    result = runner.invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert result.output.startswith(f"{source}:1:1: no root claim: the statements bear on each")
    assert result.output.endswith(
        "--thesis ID-OR-TITLE, or put them all under the file's title with --all-roots\n"
    )
    result = runner.invoke(main, ["import", str(source), "-o", str(out), "--all-roots"])
    assert result.exit_code == 0, result.output
    assert (
        f"warning: {source}:3:1: relations left out (it would close a support cycle), kept in "
        "the note: 'No meat' -> 'Suffering'\n"
    ) in result.output
    written = out.read_text(encoding="utf-8")
    assert "Also supports 'Suffering' (left out: it would close a support cycle)" in written
    result = runner.invoke(
        main, ["import", str(source), "-o", str(out), "--force", "--thesis", "No meat"]
    )
    assert result.exit_code == 0, result.output
    assert "(left out: the thesis bears on nothing)" in out.read_text(encoding="utf-8")


def test_a_support_cycle_under_the_thesis_imports_without_options() -> None:
    """A premise its own reason supports back (as explore_ai_pause.argdown writes it,
    `+ [Pause150]` under an argument for Pause150): the whole import was refused."""
    text = "[R]: Root.\n  <+ [P]: A premise.\n    <+ <Q>: Its reason.\n      <+ [P]\n"
    result = get_importer("argdown")(text, "r.argdown", ImportOptions())
    m = result.map
    assert [(n.id, n.parent) for n in m.nodes] == [("R", None), ("P", "R"), ("Q", "P")]
    assert m.get("P").note == "Also supports 'Q' (left out: it would close a support cycle)"
    assert [(w.line, w.message.split(",")[0]) for w in result.warnings] == [
        (4, "relations left out (it would close a support cycle)")
    ]


def test_support_cycles_in_kialo_and_aif_are_set_aside_too() -> None:
    kialo = (
        "Discussion Title: T\n\n1. Thesis\n1.1. Pro: a\n1.1.1. Pro: b\n1.1.1.1. Pro: -> See 1.1.\n"
    )
    result = get_importer("kialo")(kialo, "k.txt", ImportOptions())
    assert [n.text for n in result.map.nodes] == ["Thesis", "a", "b"]
    (closed,) = [w for w in result.warnings if "support cycle" in w.message]
    assert closed.line == 6
    assert closed.message.endswith(
        ": '1.1' -> '1.1.1' (Kialo claim 1.1.1.1 reuses it as a Pro there)"
    )
    nodes = [("t", "I"), ("a", "I"), ("b", "I"), ("r0", "RA"), ("r1", "RA"), ("r2", "RA")]
    edges = [("a", "r0"), ("r0", "t"), ("a", "r1"), ("r1", "b"), ("b", "r2"), ("r2", "a")]
    data = {
        "nodes": [
            {"nodeID": k, "text": f"text {k}" if t == "I" else "", "type": t} for k, t in nodes
        ],
        "edges": [{"fromID": a, "toID": b} for a, b in edges],
    }
    m = get_importer("aif")(json.dumps(data, indent=1), "a.json", ImportOptions()).map
    assert [(n.id, n.parent) for n in m.nodes] == [
        ("text-t", None),
        ("text-a", "text-t"),
        ("text-b", "text-a"),
    ]
    assert m.get("text-a").note == (
        "AIF nodeID: a\n\nAlso supports 'text-b' (left out: it would close a support cycle)"
    )
