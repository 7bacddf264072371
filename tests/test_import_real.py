"""Imports of real files no one here wrote: Argdown's examples and docs, an AIFdb corpus file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from argmap.errors import Issue, MapFileError
from argmap.interop import ImportOptions, get_importer, import_file
from argmap.interop.argdown.reader import read_graph
from argmap.model import Relation
from tests.conftest import CASES, ROOT, by_aif_id

REAL = CASES / "real"
ARGDOWN_FILES = sorted((REAL / "argdown").glob("*.argdown"))
_RELATIONS = {
    "support": Relation.SUPPORTS,
    "attack": Relation.ATTACKS,
    "undercut": Relation.UNDERCUTS,
}
_TAG = re.compile(r"#\([^)]*\)|#[\w-]+")
_URL = re.compile(r" \((?:https?://|www\.)[^)]*\)")
# Argdown configuration that changes the model itself; argmap reads the text as written.
_CONFIGURED = {"explodeArguments", "shortcodes"}


@cache
def _expected() -> dict[str, Any]:
    path = REAL / "argdown-expected.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def _snippets() -> dict[str, str]:
    data = json.loads((REAL / "argdown-snippets.json").read_text(encoding="utf-8"))
    return {s["name"]: s["text"] for s in data}


def _plain(text: str) -> str:
    """Our text as Argdown shows it: without tags, and links without their address."""
    return " ".join(_TAG.sub("", _URL.sub("", text)).split())


def _differences(text: str, name: str, expected: dict[str, Any]) -> list[str]:
    """Where argmap reads ``text`` differently from the Argdown CLI (its JSON, ``expected``)."""
    graph = read_graph(text, name)

    def key(title: str, kind: str) -> str:
        return graph.titles.get((kind, title), title)

    out: list[str] = []
    for kind in ("statements", "arguments"):
        for title, want in expected[kind].items():
            element = graph.elements.get(key(title, kind[:-1]))
            if element is None:
                out.append(f"no {kind[:-1]} {title!r}")
                continue
            if want["text"] and _plain(element.text) != want["text"]:
                out.append(f"{title!r}: {element.text!r} is {want['text']!r} in Argdown")
            tags = sorted(element.fields.get("tags", []))
            if kind == "statements" and tags != want["tags"]:
                out.append(f"{title!r}: tags {tags} are {want['tags']} in Argdown")
    edges = {(e.source, e.target, e.relation) for e in graph.edges}
    for source, source_type, relation, target, target_type in expected["relations"]:
        if relation not in _RELATIONS:
            continue  # contradictions: one warning, checked below
        edge = (
            key(source, "argument" if source_type == "argument" else "statement"),
            key(target, "argument" if target_type in ("argument", "inference") else "statement"),
            _RELATIONS[relation],
        )
        if edge not in edges:
            out.append(f"no relation {source!r} {relation} {target!r}")
    return out


@pytest.mark.parametrize("path", ARGDOWN_FILES, ids=lambda p: p.stem)
def test_argdown_example_reads_as_the_argdown_cli_reads_it(path: Path) -> None:
    expected = _expected()[path.name]
    assert expected is not None, "the Argdown CLI accepts every kept example"
    assert _differences(path.read_text(encoding="utf-8"), path.name, expected) == []


def test_argdown_documentation_snippets_read_as_the_argdown_cli_reads_them() -> None:
    different: dict[str, list[str]] = {}
    for name, text in _snippets().items():
        if any(option in text for option in _CONFIGURED):
            continue
        found = _differences(text, name, _expected()[name])
        if found:
            different[name] = found
    assert different == {}
    assert len(_snippets()) > 100


def _times(warnings: Sequence[Issue], phrase: str) -> int:
    """How many places the warning of a kind (one saying ``phrase``) counts: 0 if none."""
    said = next((w.message for w in warnings if phrase in w.message), None)
    counted = re.search(r"\((\d+) times", said or "")
    return int(counted.group(1)) if counted else int(said is not None)


@pytest.mark.parametrize("path", ARGDOWN_FILES, ids=lambda p: p.stem)
def test_argdown_example_imports_every_element_with_all_roots(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    graph = read_graph(text, path.name)
    result = get_importer("argdown")(text, path.name, ImportOptions(all_roots=True))
    left_out = [w for w in result.warnings if "no relation leading to" in w.message]
    assert left_out == []
    # An untitled conclusion worded as the statement its argument supports is read as it;
    # the file's prose (untitled statements related to nothing) goes to the description.
    taken = _times(result.warnings, "worded as the statement") + _times(result.warnings, "prose")
    roots = len(result.map) - len(graph.elements) + taken
    assert roots in (0, 1)  # one thesis made from the title, unless the file has one root
    texts = {n.text for n in result.map.nodes}
    prose = result.map.description or ""
    elements = [e for e in graph.elements.values() if e.text]
    assert all(e.text in texts or (e.addressed or e.text) in prose for e in elements)
    # A link's address is in its statement's note, or in the prose with its words.
    notes = "\n".join(n.note or "" for n in result.map.nodes)
    addresses = re.findall(r"\]\(([^)#][^)]*)\)", text)
    assert all(url.strip() in notes or url.strip() in prose for url in addresses)
    # One warning a kind: no message is given twice.
    messages = [w.message.split(":")[0] for w in result.warnings]
    assert len(messages) == len(set(messages))


def test_several_roots_are_listed_by_title_and_text() -> None:
    path = REAL / "argdown" / "semmelweis_betz.argdown"
    with pytest.raises(MapFileError) as info:
        import_file(path, "argdown")
    message = str(info.value)
    assert "\n" not in message
    assert "6 root claims ('Difference Between Divisions' at line 50: By default" in message
    assert message.endswith(
        "choose one with --thesis ID-OR-TITLE, or put them all under the file's title "
        "with --all-roots"
    )
    chosen = import_file(path, "argdown", ImportOptions(thesis="No Variations")).map
    assert chosen.thesis.id == "no-variations"
    assert chosen.thesis.note == "Argdown title: No Variations"


def test_titles_are_ids_or_kept_in_the_note() -> None:
    path = REAL / "argdown" / "legalisation-softdrugs.argdown"
    result = import_file(path, "argdown")
    m = result.map
    assert m.thesis.text == "Soft drugs should be legal."
    assert m.thesis.id == "legalisation-of-soft-drugs"
    harm = next(n for n in m.nodes if n.note == "Argdown title: No harm, no ban")
    assert harm.id == "no-harm-no-ban" and harm.tags == ("pro",)
    assert harm.text.startswith("The role of legislation is to protect society from harm")


def test_premise_conclusion_structure_reads_as_an_argument() -> None:
    path = REAL / "argdown" / "state-censorship.argdown"
    m = import_file(path, "argdown", ImportOptions(thesis="Censorship")).map
    argument = m.get("argument-from-freedom-of-speech")
    conclusion = m.get(argument.parent or "")
    assert conclusion.text == "Censorship is wrong in principle."
    premises = m.children(argument.id)
    assert [p.text for p in premises] == [
        "Freedom of speech is an absolute right.",
        "Censorship violates freedom of speech.",
        "Whatever violates an absolute right, is itself wrong in principle.",
    ]
    assert {p.group for p in premises} == {"argument-from-freedom-of-speech-premises"}
    assert conclusion.relation is Relation.ATTACKS and conclusion.parent == "Censorship"


# -- AIF ---------------------------------------------------------------------------------------
AIFDB = REAL / "aif" / "aifdb-6064.json"


def test_aifdb_corpus_file_needs_a_choice_and_takes_it() -> None:
    with pytest.raises(MapFileError) as info:
        import_file(AIFDB, "aif")
    message = str(info.value)
    # Two I-nodes only asserted (YA), with no inference or conflict, are roots too: they
    # were left out with a warning, without a choice.
    assert message.startswith(
        f"{AIFDB}:16:1: 5 root claims ('29045' at line 4: they got to a point where Macmillan"
    )
    assert message.count("(related to nothing)") == 2
    assert "--thesis ID-OR-TITLE" in message and "--all-roots" in message
    result = import_file(AIFDB, "aif", ImportOptions(all_roots=True))
    m = result.map
    assert len(m) == 9 + 1  # every I-node, under a thesis made from the file name
    assert {n.text for n in m.nodes[1:]} == {
        n["text"]
        for n in json.loads(AIFDB.read_text(encoding="utf-8"))["nodes"]
        if n["type"] == "I"
    }
    chosen = import_file(AIFDB, "aif", ImportOptions(thesis="29054")).map
    assert chosen.thesis.text == "and therefore the only way forward was for Britain to withdraw"


def test_real_files_import_in_a_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    source = REAL / "argdown" / "legalisation-softdrugs.argdown"
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "import", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.endswith(f"{out}: 18 nodes imported from {source}\n")
    assert out.read_text(encoding="utf-8").startswith(
        "# Imported from legalisation-softdrugs.argdown (argdown) by argmap."
    )


# -- xAIF (the examples of the xaif library's documentation) ---------------------------------
XAIF = REAL / "aif"


def _aif_nodes(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"), strict=False)
    return data["AIF"]["nodes"]  # type: ignore[no-any-return]


def test_xaif_basic_example_keeps_every_claim_and_speaker() -> None:
    path = XAIF / "xaif-basic.json"
    result = import_file(path, options=ImportOptions(all_roots=True))
    assert result.format == "aif"
    m = result.map
    claims = {n["text"] for n in _aif_nodes(path) if n["type"] == "I"}
    assert {n.text for n in m.nodes[1:]} == claims
    nodes = by_aif_id(m)
    assert nodes["3"].author == "Speaker 1" and nodes["5"].author == "Speaker 2"
    assert nodes["3"].parent == nodes["7"].id  # 3 -> RA 9 -> 7


def test_xaif_ova_example_warns_of_its_transition_where_it_stands() -> None:
    path = XAIF / "xaif-ova.json"
    result = import_file(path)
    assert [(n.text, n.author) for n in result.map.nodes] == [
        ("A", "Participant Rachel"),
        ("B", "Participant Rachel"),
    ]
    assert [str(w) for w in result.warnings] == [
        f"{path}:44:4: transitions (TA) not supported; skipped: '20_164926162804546033'"
    ]


def test_xaif_with_control_characters_and_schemes_keeps_every_text_and_scheme() -> None:
    path = XAIF / "xaif-schemes.json"
    raw = path.read_text(encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw)  # the file holds a raw tab or line break inside a text
    result = import_file(path)
    assert result.format == "aif"
    m = result.map
    nodes = _aif_nodes(path)
    assert sorted(n.text for n in m.nodes) == sorted(n["text"] for n in nodes if n["type"] == "I")
    schemes = {n["text"] for n in nodes if n["type"] == "RA"}
    notes = " ".join(n.note or "" for n in m.nodes)
    assert all(f"AIF inference scheme: {s} (to '" in notes for s in schemes)
    (warning,) = [w for w in result.warnings if "scheme names" in w.message]
    assert warning.line > 0 and "'Expert Opinion'" in warning.message
    # An argument from analogy supports its conclusion: the scheme sits on the premise.
    assert by_aif_id(m)["37_166178046893607143"].note == (
        "AIF nodeID: 37_166178046893607143\n\n"
        "AIF inference scheme: Analogy (to "
        f"{by_aif_id(m)['34_166178046893607143'].id!r})"
    )


# -- Argdown the Argdown CLI refuses: refused too, never read as other text -------------------
@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        # Argdown's own lexer test: a reference, then definitions on the lines below it.
        (
            "[Statement-Title]\n[Statement-Definition]:\n<Argument Title>\n",
            "2:1",
            "'[Statement-Definition]:' starts a new element inside the text of "
            "[Statement-Title]; put an empty line before it",
        ),
        (
            "[A]: a claim\n<B>: an argument\n",
            "2:1",
            "'<B>:' starts a new element inside the text of [A]",
        ),
        (
            "[A]\nmore text\n",
            "2:1",
            "text after the reference [A], which would not be its text; write '[A]: text'",
        ),
        (
            "[A]: a\n  + <B>\n    more text\n",
            "3:5",
            "text after the reference <B>, which would not be its text",
        ),
        # argdown-mcp's invalid.argdown: an orphan '+' (argmap read the mark as the thesis).
        (
            "/* an orphan relation */\n\n  +\n",
            "3:3",
            "a relation '+' with no element after it; write the element after the mark",
        ),
    ],
)
def test_argdown_the_cli_refuses_is_refused_located(text: str, where: str, message: str) -> None:
    with pytest.raises(MapFileError) as info:
        get_importer("argdown")(text, "r.argdown", ImportOptions(all_roots=True))
    assert str(info.value).startswith(f"r.argdown:{where}: {message}")
    assert str(info.value).endswith("(Argdown refuses it too)")


@pytest.mark.parametrize(
    "text", ["[A]: a\n  + <B>: b\n  ->\n", "[A]: a\n  <+\n  <+ b\n", "[A]: a\n  <+ b\n  <+\n"]
)
def test_argdown_a_bare_relation_mark_under_an_element_is_left_out_with_a_warning(
    text: str,
) -> None:
    """Argdown relates an empty statement to it; argmap refused it, saying Argdown does too."""
    result = get_importer("argdown")(text, "r.argdown", ImportOptions())
    assert [node.text for node in result.map.nodes if not node.text.strip()] == []
    said = [w.message for w in result.warnings]
    assert any("relation marks with no element after them are left out" in w for w in said)


@pytest.mark.parametrize(
    "text",
    ["[A]\n{kind: thesis}\n", "[A]:\ntext on the next line\n", "[A]: a\n[x](http://x.org) y\n"],
)
def test_argdown_the_cli_accepts_still_reads(text: str) -> None:
    m = get_importer("argdown")(text, "ok.argdown", ImportOptions()).map
    assert len(m) == 1 and m.thesis.text != ""


# -- every real file: round trips, and its Argdown export read by the Argdown CLI -------------
REAL_FILES = [("argdown", p) for p in ARGDOWN_FILES] + [
    ("aif", p) for p in sorted((REAL / "aif").glob("*.json"))
]


@pytest.mark.parametrize(("fmt", "path"), REAL_FILES, ids=lambda v: getattr(v, "stem", v))
def test_real_file_round_trips_through_argdown_and_aif(fmt: str, path: Path) -> None:
    from argmap.interop.aif import to_aif
    from argmap.interop.argdown.writer import to_argdown

    m = import_file(path, fmt, ImportOptions(all_roots=True)).map
    again = get_importer("argdown")(to_argdown(m), "x.argdown", ImportOptions()).map
    assert again.model_dump() == m.model_dump()
    options = ImportOptions(thesis=m.thesis.id)
    through_aif = get_importer("aif")(to_aif(m), "x.json", options).map
    assert sorted(n.text for n in through_aif.nodes) == sorted(n.text for n in m.nodes)


@pytest.mark.slow
def test_real_files_exported_as_argdown_read_whole_in_the_argdown_cli(tmp_path: Path) -> None:
    from argmap.interop.argdown.writer import to_argdown
    from tests.test_interop import _require_argdown_cli, argdown_element_counts, argdown_json

    _require_argdown_cli()
    maps = {}
    for fmt, path in REAL_FILES:
        m = import_file(path, fmt, ImportOptions(all_roots=True)).map
        name = f"{fmt}-{path.stem}"
        (tmp_path / f"{name}.argdown").write_text(to_argdown(m), encoding="utf-8")
        maps[name] = m
    out = tmp_path / "json"
    printed = argdown_json(tmp_path / "*.argdown", out, timeout=300)
    assert "error" not in printed.lower(), printed
    for name, m in maps.items():
        data = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        counts = (len(data["statements"]), len(data["arguments"]))
        assert counts == argdown_element_counts(m), name
        shown = {
            title: max((d.get("text") or "").strip() for d in a["members"])
            for title, a in [*data["arguments"].items(), *data["statements"].items()]
        }
        for node in m.nodes[1:]:
            if node.text == " ".join(node.text.split()):
                tags = "".join(f" #{tag}" for tag in node.tags if " " not in tag)
                assert shown[node.id] == node.text + tags, (name, node.id)


def test_argdown_prose_keeps_its_tags_and_data_in_the_description() -> None:
    """They were lost, while a warning said the data was kept in a node's note."""
    text = (
        "[Thesis]: Cities should ban cars.\n  <+ Cars pollute the air.\n\n"
        'This commentary cites a study. #draft {reviewer: "Ann Lee", credence: 0.8}\n'
    )
    result = get_importer("argdown")(text, "p.argdown", ImportOptions())
    assert result.map.description == (
        "This commentary cites a study. [#draft; reviewer: Ann Lee; credence: 0.8]"
    )
    said = [w.message for w in result.warnings]
    assert any("#tags and {data} of the file's prose follow its text" in w for w in said)
