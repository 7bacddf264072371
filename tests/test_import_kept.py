"""Real Argdown files: the tags, data, inference rules and header fields Argdown reads are kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from argmap.interop import ImportOptions, get_importer, import_file
from argmap.interop.argdown import DATA_FIELDS
from argmap.interop.fitting import note_value
from argmap.model import ArgumentMap, Node
from tests.test_import_real import (
    _CONFIGURED,
    ARGDOWN_FILES,
    REAL,
    _expected,
    _plain,
    _snippets,
)

OTHER = REAL / "argdown-other"
_SETTINGS = {"isInMap", "isInGroup", "isGroup", "isClosed", "isCanonical", "color", "rank"}
"""Argdown's drawing settings: no content, not kept."""
_READ = {"uses", "kind", "tags", "text"}
"""Data keys read as structure (premises used, a kind), not kept as such."""


def _sources() -> dict[str, str]:
    texts = {p.name: p.read_text(encoding="utf-8") for p in ARGDOWN_FILES}
    for name, text in _snippets().items():
        if not any(option in text for option in _CONFIGURED):
            texts[name] = text
    return texts


def _nodes_of(m: ArgumentMap, title: str, text: str) -> list[Node]:
    """The nodes an Argdown element became: by its title (id or note), else by its text."""
    said = f"Argdown title: {title}"
    titled = [n for n in m.nodes if n.id == title or said in (n.note or "").split("\n\n")]
    return titled or [n for n in m.nodes if text and _plain(n.text) == text]


def _lost(m: ArgumentMap, expected: dict[str, Any]) -> list[str]:
    """What Argdown reads in a file (tags, data) that the map does not hold."""
    out: list[str] = []
    for kind in ("statements", "arguments"):
        for title, want in expected[kind].items():
            nodes = _nodes_of(m, title, want["text"])
            if not nodes:
                continue  # an element no relation reaches: another test's business
            tags = {t for n in nodes for t in n.tags}  # (one text may be two statements)
            if kind == "statements" and not tags >= set(want["tags"]):
                out.append(f"{title!r}: tags {sorted(tags)}, {want['tags']} in Argdown")
            for key, value in want.get("data", {}).items():
                if key in _SETTINGS or key in _READ:
                    continue
                if key in DATA_FIELDS:
                    held = [getattr(n, key) for n in nodes] + [n.note or "" for n in nodes]
                    if not any(h is not None and str(value) in str(h) for h in held):
                        out.append(f"{title!r}: {key} {value!r} is nowhere")
                elif not any(f"{key}: {note_value(value)}" in (n.note or "") for n in nodes):
                    out.append(f"{title!r}: data {key}: {value!r} is not in its note")
    notes = "\n\n".join(n.note or "" for n in m.nodes)
    for title, want in expected["arguments"].items():
        for inference in want.get("inferences", []):
            said = [*inference["rules"]] + [
                f"Inference {k}: {note_value(v)}"
                for k, v in inference["data"].items()
                if k != "uses"
            ]
            out += [
                f"{title!r}: {s!r} is in no note" for s in said if " ".join(s.split()) not in notes
            ]
    return out


def test_every_tag_and_data_value_argdown_reads_is_in_the_map() -> None:
    lost: dict[str, list[str]] = {}
    for name, text in _sources().items():
        expected = _expected()[name]
        if expected is None or not (expected["statements"] or expected["arguments"]):
            continue  # refused, or nothing in it
        m = get_importer("argdown")(text, name, ImportOptions(all_roots=True)).map
        if found := _lost(m, expected):
            lost[name] = found
    assert lost == {}
    # The check has something to check: documentation snippets with data of their own.
    with_data = [n for n, e in _expected().items() if e and any(
        set(s.get("data", {})) - _SETTINGS - _READ
        for kind in ("statements", "arguments") for s in e[kind].values()
    )]  # fmt: skip
    assert len(with_data) >= 5


def test_data_without_a_field_is_kept_in_the_note_as_key_and_value() -> None:
    text = _snippets()["guide-loading-custom-plugins-in-a-config-file-1"]
    result = get_importer("argdown")(text, "plugins.argdown", ImportOptions())
    m = result.map
    assert m.get("a").note == "proponent: Donald Duck"
    assert m.get("b").note == "proponent: Homer Simpson"
    (warning,) = [w for w in result.warnings if "data keys" in w.message]
    assert warning.line == 9  # the first of them (the snippet opens with an empty line)
    assert warning.message.startswith(
        "data keys argmap has no field for are kept in the node's note as 'key: value': "
        "'proponent' (3 times"
    )


def test_repeated_tags_are_one_tag_not_a_note() -> None:
    # Argdown lists `#a #a` once (its JSON: "tags": ["a"]); so does argmap.
    text = "[A]: a claim #a #(b c) #a\n  + [B]: b #x {tags: [x, y, x]}\n"
    result = get_importer("argdown")(text, "tags.argdown", ImportOptions())
    m = result.map
    assert (m.get("A").tags, m.get("A").note) == (("a", "b c"), None)
    assert (m.get("B").tags, m.get("B").note) == (("x", "y"), None)
    assert result.warnings == ()


def test_a_tag_the_map_cannot_hold_goes_to_the_note_alone() -> None:
    text = '[A]: a #ok {tags: [" pad", "two\\nlines", 3, ok, ""]}\n'
    result = get_importer("argdown")(text, "tags.argdown", ImportOptions())
    node = result.map.get("A")
    assert node.tags == ("ok",)  # the good tag stays a tag
    assert node.note == "tags:  pad, two\nlines, 3"
    (warning,) = result.warnings
    assert "tags argmap cannot hold" in warning.message and "'A': ' pad'" in warning.message


def test_inference_rules_and_their_data_are_kept_in_the_argument_note() -> None:
    # The Argdown documentation's example of an inference with rules and data.
    text = _snippets()["syntax-README-26"]
    m = get_importer("argdown")(text, "socrates.argdown", ImportOptions()).map
    (argument,) = [n for n in m.nodes if n.note and "Inference rule" in n.note]
    assert argument.note == (
        "Inference rule: Universal instantiation, Modus Ponens\n\n"
        "Inference logic: deductive, predicate logic"
    )
    premises = m.children(argument.id)
    assert [n.text for n in premises] == ["All humans are mortal.", "Socrates is a human."]
    assert len({n.group for n in premises}) == 1  # a linked group
    # Argdown's own lexer test (whose data block Argdown's YAML refuses): the rule is kept.
    path = OTHER / "lexer-argument.argdown"
    result = import_file(path, "argdown")
    assert result.map.get("untitled-1").note == (
        "Inference rule: Inference Rule 1, Inference Rule 2"
    )
    assert any(w.line == 3 and "invalid data block" in w.message for w in result.warnings)


def test_intermediate_inference_rule_goes_to_its_conclusion() -> None:
    text = "<A>\n\n(1) p\n-- Modus Ponens --\n(2) q\n(3) r\n-- {logic: deductive} --\n(4) s\n"
    m = get_importer("argdown")(text, "steps.argdown", ImportOptions()).map
    assert m.get("q").note == "Inference rule: Modus Ponens"
    assert m.get("A").note == "Inference logic: deductive"


def test_front_matter_about_the_document_is_in_the_description() -> None:
    # The Argdown changelog's example of a document header.
    text = _snippets()["changes-2019-16"]
    m = get_importer("argdown")(text, "header.argdown", ImportOptions()).map
    assert m.title == "A Document with a Header"
    assert m.description == (
        "Having Fun With HTML\n\n"
        "Demonstrating the use of document meta data in the HTML export\n\n"
        "Author: Christian Voigt\n\nDate: 14/3/2019"
    )
    semmelweis = import_file(
        REAL / "argdown" / "semmelweis_betz.argdown", "argdown", ImportOptions(all_roots=True)
    )
    # and the file's prose (a formula on a line of its own, related to nothing) after it
    assert semmelweis.map.description == (
        "Author: Gregor Betz\n\nDate: 19/10/2018\n\n∀x∃y: F(x) . G(y)"
    )


def test_a_dot_argdown_file_of_plain_paragraphs_is_argdown(tmp_path: Path) -> None:
    # argdown-cli's include test: paragraphs and an @include, no other Argdown mark.
    path = OTHER / "include-test.argdown"
    result = import_file(path, options=ImportOptions(all_roots=True))
    assert result.format == "argdown"
    assert [n.text for n in result.map.nodes[1:]] == [
        "First line of main file",
        "Second line of main file",
    ]
    (include,) = [w for w in result.warnings if "@include" in w.message]
    assert (include.line, include.column) == (3, 1)
    assert "'@include(_partial1.argdown)'" in include.message
    # The same text under another name shows no format: told so, not guessed.
    other = tmp_path / "include-test.txt"
    other.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(Exception, match="cannot tell what to import"):
        import_file(other)


def test_an_inference_on_lines_of_its_own_tells_argdown(tmp_path: Path) -> None:
    path = tmp_path / "socrates.txt"
    body = _snippets()["syntax-README-26"].rpartition("===\n")[2]  # no front matter
    assert body.startswith("\n(1) All humans are mortal.\n")
    path.write_text(body, encoding="utf-8")
    assert import_file(path).format == "argdown"


def test_front_matter_nested_deep_is_refused_located_not_a_traceback() -> None:
    from argmap.errors import MapFileError

    deep = "[" * 5000 + "]" * 5000  # a RecursionError before, and seconds of parsing
    with pytest.raises(MapFileError) as info:
        get_importer("argdown")(f"===\ntitle: {deep}\n===\n[A]: a\n", "fm.argdown")
    assert str(info.value) == (
        "fm.argdown:2:208: invalid front matter: '{' and '[' nested more than 200 deep; "
        "fix the YAML between the '===' lines"
    )
    # A title that is data, not text, is read as words (it was str() of the data).
    m = get_importer("argdown")("===\ntitle: {a: [b, c]}\n===\n[A]: a\n", "t.argdown").map
    assert m.title == "a: b, c"


def test_a_data_block_nested_deep_is_reported_and_its_statement_kept() -> None:
    text = "[A]: a claim {x: " + "[" * 5000 + "]" * 5000 + "}\n  + [B]: b\n"
    result = get_importer("argdown")(text, "deep.argdown", ImportOptions())
    assert [n.text for n in result.map.nodes] == ["a claim", "b"]
    (warning,) = result.warnings
    assert warning.line == 1 and "nested more than 200 deep" in warning.message
