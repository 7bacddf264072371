"""Argdown undercuts of the thesis: kept as objections whatever else the file relates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.interop import ImportOptions, get_importer
from argmap.model import NodeKind, Relation
from tests.conftest import CASES, write
from tests.test_interop import _require_argdown_cli, argdown_json

# Each shape ends its file with a relation already placed (the argument's conclusion
# restating its support of the thesis, a second reference): the undercut of the thesis,
# waiting for every other relation to be placed first, was then never placed at all.
SHAPES = {
    # The tester's file: A1's structure ends `(3) Reason one.` `+> [T]`.
    "pcs-supports-thesis": (CASES / "interop" / "undercut-lost.argdown").read_text("utf-8"),
    "pcs-attacks-thesis": (
        "[T]: Thesis.\n  <_ <U>: Undercut of thesis.\n  <- <A>: Attack.\n\n"
        "<A>\n\n(1) P.\n(2) Q.\n----\n(3) Con.\n  -> [T]\n"
    ),
    "several-conclusions-and-cuts": (
        "[T]: Thesis.\n  <+ <A1>: One.\n  <_ <U>: Undercut.\n    <- <V>: Against U.\n"
        "  <_ <W>: Second undercut.\n\n"
        "<A1>\n\n(1) P one.\n----\n(2) Mid.\n(3) P two.\n----\n(4) Reason.\n  +> [T]\n"
    ),
    "two-arguments": (
        "[T]: Thesis.\n  <+ <A1>\n  <+ <A2>\n  <_ <U>: Cut.\n\n"
        "<A1>\n\n(1) P one.\n----\n(2) R1.\n  +> [T]\n\n"
        "<A2>\n\n(1) P two.\n----\n(2) R2.\n  +> [T]\n"
    ),
    "chain-under-a-statement": (
        "[T]: Thesis.\n  <+ [S]: Middle.\n    <+ <A>: Arg.\n  <_ <U>: Cut.\n\n"
        "<A>\n\n(1) P.\n----\n(2) C.\n  +> [S]\n\n[S]\n  +> [T]\n"
    ),
    "cut-twice": (
        "[T]: Thesis.\n  <+ <A>: Reason.\n  <_ <U>: Cut.\n\n<U>\n  _> [T]\n\n<A>\n  +> [T]\n"
    ),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_an_undercut_of_the_thesis_is_never_left_out(name: str) -> None:
    """The tester's file warned "1 statement not connected to the thesis 'T', left out:
    'U'" and U was missing, while the Argdown CLI keeps `U undercut T`."""
    result = get_importer("argdown")(SHAPES[name], f"{name}.argdown")
    nodes = {n.id: n for n in result.map.walk()}
    cutters = [key for key in ("U", "W") if f"<_ <{key}>" in SHAPES[name]]
    for key in cutters:
        node = nodes[key]
        assert (node.kind, node.relation, node.parent) == (
            NodeKind.OBJECTION,
            Relation.ATTACKS,
            "T",
        )
    said = [w.message for w in result.warnings]
    kept = [m for m in said if m.startswith("an undercut of the thesis")]
    assert kept == said  # nothing left out, no relation set aside in a note
    assert len(kept) == len(cutters)  # once each, even when the file cuts it twice
    assert not any((n.note or "").startswith("Also") for n in result.map.walk())


def test_an_undercutting_argument_written_twice_attacks_the_thesis_once() -> None:
    """The argument's structure restates its undercut (`_> [T]`): the second undercut was
    set aside in its conclusion's note as "Also undercuts 'T' (left out: it already bears
    on that statement in another way)", though it says the same."""
    text = (
        "[T]: Thesis.\n  <_ <U>: Cut.\n\n<U>\n\n(1) Q.\n(2) R.\n----\n"
        "(3) Undercutting conclusion.\n  _> [T]\n"
    )
    result = get_importer("argdown")(text, "u.argdown")
    (cut,) = [n for n in result.map.walk() if n.text == "Undercutting conclusion."]
    assert (cut.relation, cut.parent, cut.note) == (Relation.ATTACKS, "T", None)
    assert [w.message.split(",")[0] for w in result.warnings] == ["an undercut of the thesis"]


def test_an_undercut_of_an_argument_under_a_conclusion_stays_an_undercut() -> None:
    text = (
        "[T]: Thesis.\n  <+ [S]: Middle.\n    <+ <A>: Arg.\n      <_ <U>: Undercut of A.\n\n"
        "<A>\n\n(1) P.\n----\n(2) C.\n  +> [S]\n"
    )
    result = get_importer("argdown")(text, "a.argdown")
    cut = result.map.get("U")
    assert (cut.kind, cut.relation, cut.parent) == (NodeKind.OBJECTION, Relation.UNDERCUTS, "A")
    assert result.warnings == ()


def test_the_left_out_warning_says_what_the_statements_lack() -> None:
    """'Not connected' was said of statements that bear on other claims, or that a claim of
    the tree bears on: they are left out because no relation leads from them to the
    thesis. Those related to nothing at all are marked so."""
    text = (
        "[T]: The thesis. {kind: thesis}\n  <+ <R>: Reason.\n\n[Other]: Another root.\n"
        "  <+ <B>: Bears on it.\n\n[Alone]: Apart.\n"
    )
    result = get_importer("argdown")(text, "t.argdown", ImportOptions())
    (left,) = [str(w) for w in result.warnings if "left out" in w.message]
    assert left == (
        "t.argdown:4:1: 3 statements with no relation leading to the thesis 'T', left out: "
        "'Other' at line 4: Another root.; 'B' at line 5: Bears on it.; 'Alone' at line 7: "
        "Apart. (related to nothing) (--all-roots keeps every root)"
    )


@pytest.mark.slow
def test_the_argdown_cli_relates_what_the_map_keeps(tmp_path: Path) -> None:
    """Every element the Argdown CLI relates to the thesis, directly or through others, is a
    node of the imported map (here: an undercut of `T` is `U undercut T` in its JSON)."""
    _require_argdown_cli()
    for name, text in SHAPES.items():
        write(tmp_path, f"{name}.argdown", text)
    out = tmp_path / "json"
    argdown_json(tmp_path / "*.argdown", out)
    for name, text in SHAPES.items():
        data = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        reaching, grown = {"T"}, True
        while grown:
            before = len(reaching)
            reaching |= {r["from"] for r in data["relations"] if r["to"] in reaching}
            grown = len(reaching) > before
        assert ("U", "T", "undercut") in {
            (r["from"], r["to"], r["relationType"]) for r in data["relations"]
        }
        ids = {n.id for n in get_importer("argdown")(text, f"{name}.argdown").map.walk()}
        titled = {key for key in reaching if not key.startswith("Untitled")}
        assert titled <= ids, name
