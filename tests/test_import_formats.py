"""Import details: sniffing the format, choosing the thesis, Argdown text, AIF, Kialo text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.errors import MapFileError
from argmap.interop import ImportOptions, get_importer
from argmap.interop.aif import to_aif
from argmap.interop.argdown.reader import read_graph
from argmap.interop.sniff import sniff
from argmap.load.maps import load_map
from argmap.model import NodeKind, Relation
from tests.conftest import CASES, GOLDEN, MAPS, ROOT, write

KIALO = CASES / "interop" / "uniforms.kialo.txt"


# -- sniffing ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"nodes": [], "edges": []}', "aif"),
        ('{"AIF": {"nodes": []}}', "aif"),
        ('{"title": "x"}', "json"),
        ("Discussion Title: x\n\n1. T\n1.1. Pro: a\n", "kialo"),
        ("1. T\n1.1. Con: a\n", "kialo"),
        ("===\ntitle: x\n===\n\n[T]: t\n", "argdown"),
        ("[T]: thesis\n  + <A>: a\n", "argdown"),
        ("title: x\nthesis:\n  text: t\n", "map"),
        ("just some words\n", None),
    ],
)
def test_sniff_names_what_the_content_is(text: str, expected: str | None) -> None:
    assert sniff(text) == expected


def test_wrong_from_is_refused_with_what_the_file_looks_like(
    tmp_path: Path, runner: CliRunner
) -> None:
    aif = GOLDEN / "school-uniforms.aif.json"
    out = tmp_path / "out.yaml"
    result = runner.invoke(main, ["import", str(aif), "--from", "argdown", "-o", str(out)])
    assert result.exit_code == 1
    assert (
        result.output
        == f"{aif}:1:1: this is not Argdown: it looks like AIF JSON; use --from aif\n"
    )
    assert not out.exists()
    result = runner.invoke(main, ["import", str(KIALO), "--from", "aif", "-o", str(out)])
    assert result.output.endswith(
        "this is not AIF JSON: it looks like a Kialo export; use --from kialo\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "text", "fmt", "where"),
    [
        ("loose.argdown", "Claim one\n\nClaim two\n", "argdown", "3:1"),
        ("two.argdown", "[A]: a\n  <+ [B]: b\n\n[C]: c\n  <- [D]: d\n", "argdown", "4:1"),
        ("empty.json", '{"nodes": [], "edges": []}', "aif", "1:1"),
        ("nothesis.txt", "Discussion Title: x\n\n2. stray\n", "kialo", "1:1"),
        ("words.txt", "just some words\n", None, "1:1"),
        ("deep.json", "[" * 250_000 + "]" * 250_000, "aif", "1:1001"),
    ],
)
def test_errors_about_the_whole_file_are_located(
    tmp_path: Path, runner: CliRunner, name: str, text: str, fmt: str | None, where: str
) -> None:
    source = write(tmp_path, name, text)
    out = tmp_path / "out.yaml"
    options = ["--from", fmt] if fmt else []
    result = runner.invoke(main, ["import", str(source), "-o", str(out), *options])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"{source}:{where}: "), result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(("thesis", "said"), [("Nope", "names no claim"), ("x", "names 2 claims")])
def test_a_thesis_naming_no_claim_is_a_command_line_mistake(
    tmp_path: Path, runner: CliRunner, thesis: str, said: str
) -> None:
    source = write(tmp_path, "two.argdown", "[A]: x\n  <+ [B]: b\n\n[C]: x\n  <- [D]: d\n")
    out = tmp_path / "out.yaml"
    result = runner.invoke(main, ["import", str(source), "-o", str(out), "--thesis", thesis])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"Error: {source}: --thesis {thesis!r} {said}")
    assert result.output.count("\n") == 1 and not out.exists()


def test_from_can_be_left_out(tmp_path: Path, runner: CliRunner) -> None:
    for source, fmt in ((KIALO, "kialo"), (GOLDEN / "school-uniforms.aif.json", "aif")):
        out = tmp_path / f"{fmt}.yaml"
        result = runner.invoke(main, ["import", str(source), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith(f"# Imported from {source.name} ({fmt})")
    words = write(tmp_path, "words.txt", "just some words\n")
    result = runner.invoke(main, ["import", str(words), "-o", str(tmp_path / "w.yaml")])
    assert result.exit_code == 1
    assert result.output == (
        f"{words}:1:1: cannot tell what to import: its content shows no known format; give "
        "--from aif, argdown, kialo or json (argmap's own JSON)\n"
    )
    result = runner.invoke(main, ["import", str(MAPS / "school-uniforms.yaml"), "-o", "-"])
    assert "it looks like an argmap map file (YAML); it needs no import" in result.output


def test_a_json_map_file_is_told_from_its_content(tmp_path: Path, runner: CliRunner) -> None:
    """``add`` on a JSON map says to run ``argmap import m.json -o MAP.yaml``; that import
    said it could not tell the format, and left ``json`` out of the choices it gave."""
    source = write(tmp_path, "m.json", '{"title": "J", "thesis": {"id": "t", "text": "T"}}\n')
    out = tmp_path / "m.yaml"
    result = runner.invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Imported from m.json (argmap JSON)")
    assert load_map(out).thesis.text == "T"
    result = runner.invoke(main, ["import", str(source), "--from", "aif", "-o", "-"])
    assert result.exit_code == 1
    assert result.output == (
        f"{source}:1:1: this is not AIF JSON: it looks like argmap's own JSON (a map file, "
        "or its JSON export); use --from json\n"
    )
    assert sniff(source.read_text(encoding="utf-8")) == "own"


def test_thesis_and_all_roots_are_exclusive(runner: CliRunner) -> None:
    args = ["import", str(KIALO), "--thesis", "1", "--all-roots", "-o", "-"]
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "give --thesis or --all-roots, not both" in result.output


def test_several_roots_in_a_subprocess(tmp_path: Path) -> None:
    source = write(tmp_path, "two.argdown", "[A]: a\n  + <B>: b\n\n[C]: c\n  - <D>: d\n")
    out = tmp_path / "two.yaml"
    command = [sys.executable, "-m", "argmap", "import", str(source), "-o", str(out)]
    proc = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "--all-roots" in proc.stderr
    assert not out.exists()
    proc = subprocess.run(
        [*command, "--all-roots"], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert proc.returncode == 0, proc.stderr
    assert [n.id for n in load_map(out).nodes] == ["two", "A", "B", "C", "D"]


# -- Argdown text ------------------------------------------------------------------------------
def _texts(text: str) -> dict[str, str]:
    return {key: e.text for key, e in read_graph(text, "t.argdown").elements.items()}


def test_argdown_continuation_lines_stay_in_their_element() -> None:
    text = (
        "[T]: Most countries\n(e.g. Britain) do this. #one\n  and more #two\n"
        "  + <A>: wrapped.\n    wrapped too.\n"
        "    - [B]: b /* a comment\n    over lines */ goes on\n"
        "* a list item\n  continued\n"
    )
    graph = read_graph(text, "t.argdown")
    texts = {key: e.text for key, e in graph.elements.items()}
    assert texts == {
        "T": "Most countries (e.g. Britain) do this. and more",
        "A": "wrapped. wrapped too.",
        "B": "b goes on",
        "Untitled 1": "a list item continued",
    }
    assert graph.elements["T"].fields["tags"] == ["one", "two"]


def test_argdown_redefinition_keeps_the_last_text_and_notes_the_others() -> None:
    text = "[T]: First\n  wording.\n  + <A>: a\n\n[T]: Second\n  wording.\n"
    result = get_importer("argdown")(text, "t.argdown")
    assert result.map.thesis.text == "Second wording."
    assert result.map.thesis.note == "Also worded: First wording."
    assert [w.message for w in result.warnings] == [
        "an element defined again with other text: the last text is kept, as Argdown does; "
        "the others are in its note"
    ]


def test_argdown_heading_groups_only_with_group_data() -> None:
    plain = "[T]: t\n  + <A>\n  + <B>\n\n# Reasons\n\n<A>: a\n\n<B>: b\n"
    m = get_importer("argdown")(plain, "t.argdown").map
    assert {n.group for n in m.nodes} == {None}
    linked = plain.replace("# Reasons", "# Reasons {group: both}")
    m = get_importer("argdown")(linked, "t.argdown").map
    assert [n.group for n in m.nodes] == [None, "both", "both"]


def test_argdown_text_markup() -> None:
    assert _texts("[T]: *it* **bold** snake_case [site](https://x.org) .A.x :) a\\*b\n") == {
        "T": "it bold snake_case site \u2200x :) a*b"
    }


def test_argdown_links_read_as_argdown_shows_them_their_addresses_in_the_note() -> None:
    """A link's address ran inside the statement, ``words (url)``, wrapping across its box
    (Argdown shows the words; Kialo imports already kept addresses in the note)."""
    text = (
        "[T]: Cities should ban cars.\n"
        "  <+ [Air]: Traffic causes most [urban air pollution](https://example.org/air?a=1)"
        ", see the [report](https://who.example/r).\n"
        "  <- [Cost]: Shops lose customers, as the [survey](#methods) shows.\n"
        "\n[Air]: Cars cause [smog](https://example.org/smog).\n"
        "\nSome prose about [the debate](https://example.org/debate).\n"
    )
    result = get_importer("argdown")(text, "t.argdown")
    m = result.map
    air, cost = m.get("Air"), m.get("Cost")
    assert air is not None and cost is not None
    assert air.text == "Cars cause smog."
    assert air.note == (
        "Also worded: Traffic causes most urban air pollution, see the report.\n\n"
        "Link: urban air pollution: https://example.org/air?a=1\n\n"
        "Link: report: https://who.example/r\n\n"
        "Link: smog: https://example.org/smog"
    )
    assert cost.text == "Shops lose customers, as the survey shows."
    assert cost.note is None  # an anchor in the document has no address outside it
    assert m.description == "Some prose about the debate (https://example.org/debate)."
    words = _texts("[T]: an [empty]( ) link, [*marked* \\*words* #tag](https://x.org/a).\n")
    assert words == {"T": "an empty link, marked *words*."}
    rule = "(1) A.\n(2) B.\n-- by [modus ponens](https://x.org/mp) --\n(3) C.\n"
    argument = get_importer("argdown")(f"<Arg>\n\n{rule}", "r.argdown").map.get("Arg")
    assert argument is not None and "https://x.org/mp" in str(argument.note)


def test_argdown_conclusion_worded_as_what_its_argument_supports_is_that_statement() -> None:
    """Argdown's Populism example supports ``[Doom]`` by seven arguments, each ending in an
    untitled "(3) Society is doomed and must be saved.": each was a box of its own between
    the argument and ``[Doom]``, the same words seven times under themselves. Read as
    ``[Doom]``, the arguments support it; a titled conclusion stays its own statement."""
    text = (
        "[Doom]: Society is doomed.\n  <+ <Crime>: Crime is a threat.\n  <+ <Debt>: Debt is.\n"
        "\n<Crime>\n\n(1) Crime rises.\n(2) Rising crime dooms a society.\n----\n"
        "(3) Society  is doomed.\n\n<Debt>\n\n(1) Debt rises.\n----\n"
        "(2) [Ruin]: Society is doomed.\n"
    )
    result = get_importer("argdown")(text, "d.argdown")
    m = result.map
    assert [n.text for n in m.nodes].count("Society is doomed.") == 2  # [Doom] and [Ruin]
    assert [n.id for n in m.children("Doom")] == ["Crime", "Ruin"]
    crime = m.children("Crime")  # the argument's premises, linked, under it
    assert [n.text for n in crime] == ["Crime rises.", "Rising crime dooms a society."]
    assert len({n.group for n in crime}) == 1 and crime[0].group is not None
    [folded] = [w for w in result.warnings if "worded as the statement" in w.message]
    assert folded.line == 10


def test_argdown_prose_goes_to_the_description_not_into_the_map() -> None:
    """Argdown documents interleave arguments with commentary, and Argdown reads every
    paragraph as a statement; its map leaves out the untitled ones related to nothing.
    Read as claims they were roots: Argdown's Populism example, with ``--all-roots``, drew
    17 paragraphs of commentary as reasons of a thesis made from its title."""
    text = (
        "===\ntitle: Uniforms\n===\n\nThis file sets out the case.\n\n"
        "[Uniforms]: Schools should require uniforms.\n  + Uniforms are cheap.\n\n"
        "The next part is about cost,\nover two lines.\n\n[Cost]: They cost a lot.\n"
    )
    result = get_importer("argdown")(text, "u.argdown", ImportOptions(all_roots=True))
    m = result.map
    assert [n.text for n in m.nodes] == [
        "Uniforms",
        "Schools should require uniforms.",
        "Uniforms are cheap.",
        "They cost a lot.",
    ]
    assert m.description == (
        "This file sets out the case.\n\nThe next part is about cost, over two lines."
    )
    [prose] = [w for w in result.warnings if "the file's prose" in w.message]
    assert prose.line == 5 and "(2 times; also line 10)" in prose.message
    # Named as the thesis, a paragraph stays a statement.
    chosen = get_importer("argdown")(
        text, "u.argdown", ImportOptions(thesis="This file sets out the case.")
    )
    assert chosen.map.thesis.text == "This file sets out the case."


def test_a_statement_left_out_under_all_roots_is_not_told_to_use_all_roots() -> None:
    """A file that names its thesis keeps it under ``--all-roots``; what that thesis does
    not reach is left out, and the warning said '(--all-roots keeps every root)'."""
    text = "[T]: The thesis. {kind: thesis}\n\n[A]: Apart.\n\n<X>: Reason.\n  +> [T]\n"
    for all_roots in (False, True):
        result = get_importer("argdown")(text, "t.argdown", ImportOptions(all_roots=all_roots))
        (left,) = [w.message for w in result.warnings if "left out" in w.message]
        assert left.endswith(
            "'A' at line 3: Apart. (related to nothing)"
            + ("" if all_roots else " (--all-roots keeps every root)")
        )


# -- AIF ---------------------------------------------------------------------------------------
def test_aif_rephrases_are_followed_to_one_root() -> None:
    nodes = [("t", "I", "Britain should withdraw"), ("p", "I", "brutality was the only way")]
    nodes += [("q", "I", "so Britain had to withdraw"), ("ra", "RA", ""), ("ma", "MA", "")]
    data = {
        "nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
        "edges": [
            {"edgeID": n, "fromID": a, "toID": b}
            for n, (a, b) in enumerate([("p", "ra"), ("ra", "q"), ("t", "ma"), ("ma", "q")])
        ],
    }
    result = get_importer("aif")(json.dumps(data), "ma.json")
    m = result.map
    assert [(n.id, n.text) for n in m.nodes] == [
        ("so-britain-had-to-withdraw", "so Britain had to withdraw"),  # the RA's own words
        ("brutality-was-the-only-way", "brutality was the only way"),
    ]
    assert m.thesis.note == "AIF nodeID: q\n\nAlso worded: Britain should withdraw"
    assert result.warnings[0].message.startswith("rephrases (MA) followed")
    assert result.warnings[0].line > 0


def test_aif_reads_added_back() -> None:
    m = load_map(MAPS / "school-uniforms.yaml")
    again = get_importer("aif")(to_aif(m), "u.json").map
    assert [(n.id, n.author, n.added) for n in again.nodes if n.author] == [
        (n.id, n.author, n.added) for n in m.nodes if n.author
    ]


# -- Kialo -------------------------------------------------------------------------------------
def test_kialo_text_is_plain() -> None:
    text = (
        "Discussion Title: Hate speech\n\n1. Ban it.\n"
        '1.1. Con: Trolls \\("bad actors"\\) go to [other sites](https://example.org/a).\n'
        "1.2. Pro: A claim with a list:\n1. first point,\n2. second point\nand a wrapped\nline.\n"
        "1.2.1. Con: 1\\) ignore it and 2\\) move on.\n"
    )
    m = get_importer("kialo")(text, "k.txt").map
    assert {n.text for n in m.nodes} == {
        "Ban it.",
        "A claim with a list: 1. first point, 2. second point and a wrapped line.",
        "1) ignore it and 2) move on.",
        'Trolls ("bad actors") go to other sites.',
    }
    # As Kialo shows a link, its words; its address in the note.
    trolls = next(n for n in m.nodes if n.text.startswith("Trolls"))
    assert trolls.note == "Link: other sites: https://example.org/a"


def test_kialo_links_the_map_cannot_hold_are_kept_in_the_note() -> None:
    """Kialo's "-> See" lines put one claim under several: a reason (a pro) may also be a
    con of another claim, which a premise's link cannot be (premises support). Such a
    relation was left out with a warning; the warning stays, and the claim's note says it
    (an imported debate of 839 claims left 39 of its 126 "-> See" relations out)."""
    text = (
        "1. Ban it.\n1.1. Pro: It is harmful.\n1.2. Con: Speech is free.\n"
        "1.2.1. Pro: The law says so.\n1.2.2. Con: -> See 1.1.\n1.3. Pro: -> See 1.2.1.\n"
    )
    result = get_importer("kialo")(text, "k.txt")
    m = result.map
    harmful = next(n for n in m.nodes if n.text == "It is harmful.")
    speech = next(n for n in m.nodes if n.text == "Speech is free.")
    assert not harmful.links
    assert harmful.note == (
        f"Also attacks {speech.id!r} (Kialo claim 1.2.2 reuses it as a Con there; left out: "
        "a premise cannot attack)"
    )
    [warning] = [w for w in result.warnings if "relations left out" in w.message]
    assert warning.line == 5
    assert warning.message == (
        "relations left out (a premise cannot attack), kept in the note: '1.1' -> '1.2' "
        "(Kialo claim 1.2.2 reuses it as a Con there)"
    )
    law = next(n for n in m.nodes if n.text == "The law says so.")
    assert [link.to for link in law.links] == [m.thesis.id] and law.note is None


@pytest.mark.parametrize(
    "text",
    [
        "1. Thesis A\n1.1. Pro: a\n2. Thesis B\n2.1. Con: b\n",
        "Discussion Title: Which?\n\n1. Which?\n1.1. Thesis A\n1.1.1. Pro: a\n1.2. Thesis B\n"
        "1.2.1. Con: b\n",
    ],
    ids=["top-level", "under-a-question"],
)
def test_kialo_multi_thesis(text: str) -> None:
    with pytest.raises(MapFileError) as info:
        get_importer("kialo")(text, "k.txt")
    assert "2 root claims" in str(info.value) and "Thesis A" in str(info.value)
    one = get_importer("kialo")(text, "k.txt", ImportOptions(thesis="Thesis B")).map
    assert [(n.text, n.kind) for n in one.nodes] == [
        ("Thesis B", NodeKind.THESIS),
        ("b", NodeKind.OBJECTION),
    ]
    every = get_importer("kialo")(text, "k.txt", ImportOptions(all_roots=True)).map
    assert [n.text for n in every.nodes] == [every.title, "Thesis A", "a", "Thesis B", "b"]
    assert {n.relation for n in every.children(every.thesis.id)} == {Relation.SUPPORTS}


# -- AIF that would lose or mangle a node: refused where the file says ----------------------
def _nodes_json(*records: str, edges: str = "") -> str:
    return '{"nodes": [\n' + ",\n".join(records) + '\n],\n"edges": [' + edges + "]}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _nodes_json(
                '{"nodeID": "1", "text": "A", "type": "I"}', '{"nodeID": "1", "text": "B"}'
            ),
            "a.json:3:2: nodes[1] has the nodeID '1' of nodes[0] (line 2) with another type or "
            "text; give each node an id of its own",
        ),
        (
            _nodes_json('{"nodeID": "1", "text": {"en": "A"}, "type": "I"}'),
            "a.json:2:2: nodes[0].text must be text, not an object; write it as a string",
        ),
        (
            _nodes_json('{"nodeID": ["1"], "text": "A", "type": "I"}'),
            "a.json:2:2: nodes[0].nodeID must be text, not a list; write it as a string",
        ),
        (
            _nodes_json(
                '{"nodeID": 1, "text": "A", "type": "I"}', edges='\n{"fromID": 1, "toID": 9}'
            ),
            "a.json:5:2: edges[0] joins unknown nodes '1' -> '9'; no node has the nodeID '9'",
        ),
        (
            _nodes_json('{"nodeID": "1", "text": true, "type": "I"}'),
            "a.json:2:2: nodes[0].text must be text, not true; write it as a string",
        ),
        (
            _nodes_json('{"nodeID": "1", "text": "T", "type": "I"}', '{"nodeID": 2, "text": 42}'),
            "a.json:3:2: nodes[1].text must be text, not the number 42; write it as a string",
        ),
        (
            _nodes_json('{"nodeID": "1", "text": "A", "type": "RA", "scheme": [1]}'),
            "a.json:2:2: nodes[0].scheme must be text, not a list; write it as a string",
        ),
        (
            _nodes_json('{"nodeID": NaN, "text": "A", "type": "I"}'),
            "a.json:2:2: nodes[0].nodeID must be text, not the number nan; write it as a string",
        ),
        (
            _nodes_json('{"nodeID": "1", "text": "T", "text": "T2", "type": "I"}'),
            "a.json:2:30: duplicate key 'text'; each key may appear once in an object (JSON "
            "keeps only the last)",
        ),
        (
            _nodes_json('{"nodeID": "1", "text": "T \\ud800 x", "type": "I"}'),
            "a.json:2:2: nodes[0].text holds a lone surrogate (U+D800), which no UTF-8 file "
            "can hold; write the whole character, or remove the escape",
        ),
    ],
    ids=[
        "duplicate-id",
        "text-object",
        "id-list",
        "edge-to-nowhere",
        "text-true",
        "text-number",
        "scheme-list",
        "id-nan",
        "duplicate-key",
        "lone-surrogate",
    ],
)
def test_aif_that_would_lose_a_node_is_refused_located(text: str, message: str) -> None:
    with pytest.raises(MapFileError) as info:
        get_importer("aif")(text, "a.json", ImportOptions(all_roots=True))
    assert str(info.value) == message


def test_aif_node_listed_twice_the_same_is_read_once() -> None:
    node = '{"nodeID": "1", "text": "A", "type": "I"}'
    result = get_importer("aif")(_nodes_json(node, node), "a.json", ImportOptions())
    assert [n.text for n in result.map.nodes] == ["A"] and result.warnings == ()


def test_aif_node_without_text_keeps_its_id_as_text_and_says_so() -> None:
    text = _nodes_json(
        '{"nodeID": "t", "text": "T", "type": "I"}',
        '{"nodeID": "n", "text": null, "type": "I"}',
        '{"nodeID": "r", "text": "Default Inference", "type": "RA"}',
        edges='{"fromID": "n", "toID": "r"}, {"fromID": "r", "toID": "t"}',
    )
    result = get_importer("aif")(text, "a.json", ImportOptions())
    assert [n.text for n in result.map.nodes] == ["T", "n"]
    assert [str(w) for w in result.warnings] == [
        "a.json:3:2: I-nodes without text: the nodeID stands as the text: 'n'"
    ]


def test_broken_aif_json_is_told_as_aif_and_located(tmp_path: Path, runner: CliRunner) -> None:
    source = write(tmp_path, "corpus.json", '{"nodes": [\n  {"nodeID": 1, "text": "a"},\n')
    out = tmp_path / "m.yaml"
    result = runner.invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 1
    assert (
        result.output
        == f"{source}:3:1: invalid JSON: the file ends too early (expecting value); fix the file "
        "where it says\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("default", ["Default", "Default Inference", "RA", ""])
def test_aif_placeholder_scheme_names_are_no_scheme(default: str) -> None:
    """arguebuf writes a scheme-less inference as "Default" (OVA: "Default Inference")."""
    text = _nodes_json(
        '{"nodeID": "t", "text": "T", "type": "I"}',
        '{"nodeID": "p", "text": "P", "type": "I"}',
        f'{{"nodeID": "r", "text": "{default}", "type": "RA"}}',
        edges='{"fromID": "p", "toID": "r"}, {"fromID": "r", "toID": "t"}',
    )
    result = get_importer("aif")(text, "a.json", ImportOptions())
    assert result.map.get("P").note == "AIF nodeID: p" and result.warnings == ()


def test_an_aif_scheme_key_names_the_scheme_when_the_text_does_not() -> None:
    """AIFdb writes the scheme's name in a ``scheme`` key; the text may be the placeholder."""
    text = _nodes_json(
        '{"nodeID": "t", "text": "T", "type": "I"}',
        '{"nodeID": "p", "text": "P", "type": "I"}',
        '{"nodeID": "q", "text": "Q", "type": "I"}',
        '{"nodeID": "r", "text": "Default Inference", "type": "RA",'
        ' "scheme": "Argument From Consequences", "schemeID": 7}',
        '{"nodeID": "s", "text": "Expert Opinion", "type": "RA", "scheme": "Expert Opinion"}',
        edges='{"fromID": "p", "toID": "r"}, {"fromID": "r", "toID": "t"}, '
        '{"fromID": "q", "toID": "s"}, {"fromID": "s", "toID": "t"}',
    )
    result = get_importer("aif")(text, "a.json", ImportOptions())
    assert result.map.get("P").note == (
        "AIF nodeID: p\n\nAIF inference scheme: Argument From Consequences (to 'T')"
    )
    assert (
        result.map.get("Q").note
        == "AIF nodeID: q\n\nAIF inference scheme: Expert Opinion (to 'T')"
    )
    assert [str(w) for w in result.warnings] == [
        "a.json:5:2: scheme names (AIF) are kept in the notes of the nodes they join: "
        "'Argument From Consequences', 'Expert Opinion' (2 times; also line 6)"
    ]


def test_an_aif_linked_group_from_another_tool_takes_an_id_from_its_first_premise() -> None:
    """An RA of two premises is a linked group; its nodeID ("119") named nothing a reader
    knows, and the next OVA export renumbers it: the group's id is made as a map's own."""
    text = _nodes_json(
        '{"nodeID": "1", "text": "Build more plants.", "type": "I"}',
        '{"nodeID": "2", "text": "It emits little CO2.", "type": "I"}',
        '{"nodeID": "3", "text": "It runs in any weather.", "type": "I"}',
        '{"nodeID": "119", "text": "Expert Opinion", "type": "RA"}',
        edges='{"fromID": "2", "toID": "119"}, {"fromID": "3", "toID": "119"}, '
        '{"fromID": "119", "toID": "1"}',
    )
    m = get_importer("aif")(text, "a.json", ImportOptions()).map
    first, second = (m.get(i) for i in ("it-emits-little-co2", "it-runs-in-any-weather"))
    assert first.group == second.group == "it-emits-little-co2-group"
    assert first.note == (
        "AIF nodeID: 2\n\nAIF inference scheme: Expert Opinion (to 'build-more-plants')"
    )


def test_aif_scheme_names_are_kept_in_the_notes_of_the_nodes_they_join() -> None:
    text = _nodes_json(
        '{"nodeID": "t", "text": "T", "type": "I"}',
        '{"nodeID": "p", "text": "P", "type": "I"}',
        '{"nodeID": "q", "text": "Q", "type": "I"}',
        '{"nodeID": "r", "text": "Expert Opinion", "type": "RA"}',
        '{"nodeID": "c", "text": "Default Conflict", "type": "CA"}',
        edges='{"fromID": "p", "toID": "r"}, {"fromID": "r", "toID": "t"}, '
        '{"fromID": "q", "toID": "c"}, {"fromID": "c", "toID": "t"}',
    )
    result = get_importer("aif")(text, "a.json", ImportOptions())
    m = result.map
    # The claim the scheme leads to is named by its id in the map, not by its nodeID.
    assert m.get("P").note == "AIF nodeID: p\n\nAIF inference scheme: Expert Opinion (to 'T')"
    assert m.get("Q").note == "AIF nodeID: q"  # the default conflict names no scheme
    assert [str(w) for w in result.warnings] == [
        "a.json:5:2: scheme names (AIF) are kept in the notes of the nodes they join: "
        "'Expert Opinion'"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Discussion Title: T\n\n1. Thesis\n1.1. Pro: a\n1.1. Con: b\n",
            "k.txt:5:1: claim 1.1 appears twice (first at line 4); renumber one of them",
        ),
        (
            "Discussion Title: T\n\n1. Thesis\n1.1.1. Pro: a\n",
            "k.txt:4:1: claim 1.1.1 has no parent claim 1.1; add 1.1 or renumber it",
        ),
    ],
    ids=["number-twice", "no-parent"],
)
def test_kialo_refusals_are_located_and_say_what_to_do(text: str, message: str) -> None:
    with pytest.raises(MapFileError) as info:
        get_importer("kialo")(text, "k.txt", ImportOptions())
    assert str(info.value) == message


def test_kialo_reports_every_misnumbered_claim_at_once(tmp_path: Path, runner: CliRunner) -> None:
    """A duplicate number, then a bad label: the user fixed one a run and met the next."""
    text = (
        "Discussion Title: T\n\n1. Thesis\n1.1. Pro: a\n1.1. Con: b\n1.2. Maybe: c\n"
        "1.3. Con: d\n1.3.1.1. Pro: orphan\n1.4. Con: e\n1.4. Pro: f\n"
    )
    with pytest.raises(MapFileError) as info:
        get_importer("kialo")(text, "k.txt", ImportOptions())
    assert str(info.value).splitlines() == [
        "k.txt:5:1: claim 1.1 appears twice (first at line 4); renumber one of them",
        "k.txt:6:6: claim 1.2 has an unknown label 'Maybe:'; a claim below a thesis is "
        "labelled 'Pro:' or 'Con:' (supports or attacks its parent): write one",
        "k.txt:8:1: claim 1.3.1.1 has no parent claim 1.3.1; add 1.3.1 or renumber it",
        "k.txt:10:1: claim 1.4 appears twice (first at line 9); renumber one of them",
    ]
    assert info.value.line == 5
    source = tmp_path / "k.txt"
    source.write_text(text, encoding="utf-8")
    done = runner.invoke(main, ["import", str(source), "-o", str(tmp_path / "k.yaml")])
    assert done.exit_code == 1
    assert done.stderr.splitlines() == [
        line.replace("k.txt", str(source), 1) for line in str(info.value).splitlines()
    ]
    current = (
        "Discussion Name:\nT\n\n1. Thesis:\nA\n\n  1.1. Maybe:\n  b\n\n  1.2. Pro:\n  c\n\n"
        "  1.2. Con:\n  d\n"
    )
    with pytest.raises(MapFileError) as info:
        get_importer("kialo")(current, "k.txt", ImportOptions())
    assert [line[:12] for line in str(info.value).splitlines()] == ["k.txt:7:8: c", "k.txt:13:1: "]


def test_kialo_ids_from_text_leave_out_citation_marks_and_end_on_a_letter() -> None:
    current = (
        "Discussion Name:\nT\n\n1. Thesis:\nAI can grade essays fairly. [1]\n\n"
        "  1.1. Con:\n  Models reward length [3].\n\n  1.2. Con:\n  fine.\n\n"
        "  1.3. Pro:\n  Marks[2][12] and [^4] go too.\n\nSources:\n[1] https://example.org/a\n"
    )
    m = get_importer("kialo")(current, "k.txt", ImportOptions()).map
    assert [n.id for n in m.nodes] == [
        "ai-can-grade-essays-fairly",
        "models-reward-length",
        "fine",
        "marks-and-go-too",
    ]
    assert m.get("models-reward-length").text == "Models reward length [3]."  # text as written
    older = "1. Done.\n1.1. Con: fine.\n1.2. Pro: 2.5.\n"
    assert [n.id for n in get_importer("kialo")(older, "k.txt").map.nodes] == [
        "done",
        "fine",
        "2-5",
    ]


def test_an_import_to_json_keeps_a_reviewers_date(tmp_path: Path, runner: CliRunner) -> None:
    """A signed node's ``added`` date stopped an import to a .json map with an internal
    error (a date is no JSON value); it is written as JSON writes a date, YYYY-MM-DD."""
    source = tmp_path / "u.argdown"
    uniforms = MAPS / "school-uniforms.yaml"
    done = runner.invoke(main, ["export", str(uniforms), "-f", "argdown", "-o", str(source)])
    assert done.exit_code == 0, done.output
    out = tmp_path / "u.json"
    result = runner.invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert '"added": "2026-11-27"' in out.read_text(encoding="utf-8")
    again = load_map(out)
    assert str(again.get("expression").added) == "2026-11-27"
    assert again.get("expression").author == load_map(uniforms).get("expression").author
