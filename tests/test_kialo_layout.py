"""Kialo's current export layout: label lines, text below, CRLF, reuses and a Sources block."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.errors import MapFileError
from argmap.interop import ImportOptions, get_importer
from argmap.interop.sniff import check_format, sniff
from argmap.load.maps import load_map
from argmap.model import NodeKind, Relation
from tests.conftest import CASES

CURRENT = CASES / "interop" / "uniforms-current.kialo.txt"
OLDER = CASES / "interop" / "uniforms.kialo.txt"
"""The same debate in the older layout."""

SMALL = (
    "Discussion Name:\r\nShould cities ban cars?\r\n\r\n"
    "1. Thesis:\r\nCities should ban cars.\r\n\r\n"
    "  1.1. Pro:\r\n  Cars pollute the air [1].\r\n\r\n"
    "    1.1.1. Con:\r\n    Electric cars do not.\r\n\r\n"
    "  1.2. Con:\r\n  Some people need cars.\r\n\r\n"
    "    1.2.1. Con:\r\n    -> See 1.1.\r\n\r\n"
    "Sources:\r\n[1] https://example.org/air-quality\r\n"
)


def _read(text: str, options: ImportOptions | None = None) -> object:
    return get_importer("kialo")(text, "k.txt", options or ImportOptions())


def test_the_current_layout_is_told_from_its_content() -> None:
    """It was refused ("shows no known format"), or taken for Argdown for its ``-> See``
    line (an Argdown relation) and its ``[1] url`` lines."""
    assert sniff(SMALL) == "kialo"
    assert (
        sniff(SMALL.replace("Discussion Name:\r\nShould cities ban cars?\r\n\r\n", "")) == "kialo"
    )
    assert check_format(SMALL, "k.txt", None) == "kialo"
    assert check_format(SMALL, "k.txt", "kialo") == "kialo"


def test_title_thesis_nesting_and_sources() -> None:
    result = get_importer("kialo")(SMALL, "k.txt", ImportOptions())
    m = result.map
    assert m.title == "Should cities ban cars?"
    assert m.thesis.text == "Cities should ban cars."  # no "Thesis:" before it
    rows = [
        (n.text, n.kind, n.relation, m.get(n.parent).text if n.parent else None) for n in m.nodes
    ]
    assert rows == [
        ("Cities should ban cars.", NodeKind.THESIS, None, None),
        (
            "Cars pollute the air [1].",
            NodeKind.PREMISE,
            Relation.SUPPORTS,
            "Cities should ban cars.",
        ),
        (
            "Electric cars do not.",
            NodeKind.OBJECTION,
            Relation.ATTACKS,
            "Cars pollute the air [1].",
        ),
        (
            "Some people need cars.",
            NodeKind.OBJECTION,
            Relation.ATTACKS,
            "Cities should ban cars.",
        ),
    ]
    air = m.nodes[1]
    # The reuse (a pro reused as a con) is a relation a premise cannot hold: in its note,
    # after its source; the Sources block is in no claim's text.
    assert air.note is not None and air.note.startswith(
        "Source [1]: https://example.org/air-quality\n\n"
    )
    assert "Also attacks" in air.note
    assert all("Sources:" not in n.text and "https://" not in n.text for n in m.nodes)
    assert [w.line for w in result.warnings] == [16]


def test_the_current_layout_reads_as_the_older_one() -> None:
    """The same debate in both layouts gives the same map, but for the citations: their
    marks stay in the text and their addresses (and quoted words) go into the note."""
    text = CURRENT.read_bytes().decode()
    assert "\r\n" in text  # as Kialo writes it
    for current in (text, text.replace("\r\n", "\n")):
        new = get_importer("kialo")(current, "u.txt").map
        old = get_importer("kialo")(OLDER.read_text(), "u.txt").map
        assert new.title == old.title
        assert [(n.id, n.kind, n.parent, n.relation, n.links) for n in new.nodes] == [
            (n.id, n.kind, n.parent, n.relation, n.links) for n in old.nodes
        ]
        texts = [n.text.replace(" [1][2]", "").replace(" [1]", "") for n in new.nodes]
        assert texts == [n.text for n in old.nodes]
        notes = {n.text: n.note for n in new.nodes if n.note}
        quote = '"Parents reported spending less on school clothes in uniform schools."'
        assert notes == {
            "Uniforms cost families less than a wardrobe of fashionable clothes [1].": (
                f"Source [1]: https://example.org/uniform-costs\n{quote}"
            ),
            "Most surveyed parents spend less on uniforms than on everyday clothes [1][2].": (
                f"Source [1]: https://example.org/uniform-costs\n{quote}\n\n"
                "Source [2]: https://example.org/parent-survey"
            ),
        }


def test_a_claim_over_several_lines_loses_its_indentation() -> None:
    text = (
        "Discussion Name:\nT\n\n1. Thesis:\nA thesis\nover two lines.\n\n"
        "  1.1. Con:\n  An objection\n  over two lines,\n\n  and a second paragraph.\n"
        "  1. a list item\n"
    )
    m = get_importer("kialo")(text, "k.txt").map
    assert [n.text for n in m.nodes] == [
        "A thesis over two lines.",
        "An objection over two lines, and a second paragraph. 1. a list item",
    ]


def test_a_question_with_several_theses() -> None:
    """``1. Question:`` with ``1.1. Thesis:`` under it: a discussion of several theses, as
    in the older layout; the question's sources go into the map's description."""
    text = (
        "Discussion Name:\nWhich?\n\n1. Question:\nWhich way [1]?\n\n"
        "  1.1. Thesis:\n  Thesis A\n\n    1.1.1. Pro:\n    a\n\n"
        "  1.2. Thesis:\n  Word: Thesis B\n\n    1.2.1. Con:\n    b\n\n"
        "Sources:\n[1] https://example.org/q\n"
    )
    with pytest.raises(MapFileError, match="2 root claims"):
        _read(text)
    one = get_importer("kialo")(text, "k.txt", ImportOptions(thesis="Thesis A"))
    assert [n.text for n in one.map.nodes] == ["Thesis A", "a"]
    assert [w.line for w in one.warnings] == [13]  # thesis B left out, as in the older layout
    every = get_importer("kialo")(text, "k.txt", ImportOptions(all_roots=True)).map
    assert every.title == "Which way [1]?"
    assert every.description == "Source [1]: https://example.org/q"
    assert [n.text for n in every.nodes][1:] == ["Thesis A", "a", "Word: Thesis B", "b"]


def test_a_question_with_one_thesis_opening_with_a_word_and_a_colon() -> None:
    """In the older layout such a thesis may be a claim with a mistyped label, and a
    warning says so; here the export calls it a thesis."""
    text = "1. Question:\nWhich?\n\n  1.1. Thesis:\n  Word: a thesis\n\n    1.1.1. Pro:\n    a\n"
    result = get_importer("kialo")(text, "k.txt")
    assert [n.text for n in result.map.nodes] == ["Word: a thesis", "a"]
    assert not result.warnings


def test_sources_nothing_is_lost_silently() -> None:
    """A citation with no source stays in the text with a warning; a source no claim cites
    and a number listed twice are named, with their address, in a warning."""
    text = (
        "Discussion Name:\nT\n\n1. Thesis:\nA [1].\n\n  1.1. Pro:\n  b [7].\n\n"
        "Sources:\nstray words\n[1] https://example.org/one\n[2] https://example.org/two\n"
        "[1] https://example.org/again\n[3] https://example.org/three\\(x\\)\n"
    )
    result = get_importer("kialo")(text, "k.txt")
    assert result.map.thesis.note == "Source [1]: https://example.org/one"
    assert result.map.nodes[1].text == "b [7]." and result.map.nodes[1].note is None
    assert sorted(str(w) for w in result.warnings) == [
        "k.txt:11:1: text under 'Sources:' before its first '[1] url' line; skipped",
        "k.txt:13:1: sources no claim cites are left out: [2] https://example.org/two, "
        "[3] https://example.org/three(x) (2 times; also line 15)",
        "k.txt:14:1: source [1] is listed twice (first at line 12); claims citing it keep "
        "the first, this one is left out: https://example.org/again",
        "k.txt:7:1: citations with no '[n] url' under 'Sources:' are kept as they are in "
        "the text: [7] in 1.1",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Discussion Name:\nT\n\n1. Thesis:\nA\n\n  1.1. Maybe:\n  b\n",
            "k.txt:7:8: claim 1.1 has an unknown label 'Maybe:'; Kialo labels a thesis "
            "'Thesis:' and a claim below it 'Pro:' or 'Con:' (supports or attacks its "
            "parent): write one",
        ),
        (
            "Discussion Name:\nT\n\n1. Thesis:\nA\n\n  1.1. Pro:\n  b\n\n"
            "    1.1.1. Thesis:\n    c\n",
            "k.txt:10:1: claim 1.1.1 needs 'Pro:' or 'Con:'",
        ),
        (
            "Discussion Name:\nT\n\n1. Thesis:\nA\n\n  1.1. Pro:\n  b\n\n  1.1. Con:\n  c\n",
            "k.txt:10:1: claim 1.1 appears twice (first at line 7); renumber one of them",
        ),
        (
            "Discussion Name:\nT\n\n1. Thesis:\nA\n\n    1.1.1. Pro:\n    b\n",
            "k.txt:7:1: claim 1.1.1 has no parent claim 1.1; add 1.1 or renumber it",
        ),
    ],
    ids=["unknown-label", "thesis-below-a-claim", "number-twice", "no-parent"],
)
def test_refusals_are_located_and_say_what_to_do(text: str, message: str) -> None:
    with pytest.raises(MapFileError) as info:
        _read(text)
    assert str(info.value) == message


def test_the_cli_imports_the_current_layout_unasked(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "cars.txt"
    source.write_bytes(SMALL.encode())
    out = tmp_path / "cars.yaml"
    done = runner.invoke(main, ["import", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    m = load_map(out)
    assert m.title == "Should cities ban cars?" and len(m.nodes) == 4
