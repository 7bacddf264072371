"""Validation: every rule, each error at its exact line and column."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError, MapFileError, MapValidationError
from argmap.exporters.json import to_json
from argmap.load.files import MAP_FILE, read_map_text, read_text_file
from argmap.load.maps import load_map
from argmap.load.parse import parse_text
from argmap.load.validate import validate_data, validate_parsed
from tests.conftest import BAD, MAPS, write


def issues_of(path: Path) -> list[tuple[int, int, str]]:
    with pytest.raises(MapValidationError) as info:
        load_map(path)
    return [(i.line, i.column, i.message) for i in info.value.issues]


def test_six_planted_mistakes_give_six_located_errors() -> None:
    got = issues_of(BAD / "six-mistakes.yaml")
    assert [(line, col) for line, col, _ in got] == [
        (10, 7),
        (11, 7),
        (15, 15),
        (16, 7),
        (18, 7),
        (22, 13),
        (23, 15),
    ][: len(got)]
    messages = [m for _, _, m in got]
    assert "unknown field 'sorce' (did you mean 'source'?)" in messages[0]
    assert "duplicate id 'p1'" in messages[1] and "first used at line 8" in messages[1]
    assert "link to unknown id 'nowhere'" in messages[2]
    assert "'rebuttals' are only allowed under an objection" in messages[3]
    assert "linked group" in messages[4] and "at least two" in messages[4]
    assert "'text' is empty" in messages[5]
    assert "unknown source 'interfx' (did you mean 'interfax'?)" in messages[6]
    assert len(got) == 7


def test_a_duplicate_id_is_one_error_not_one_for_each_node_under_it(tmp_path: Path) -> None:
    """The rebuttal under the second 'distraction' (an objection) was checked as if it sat
    under the first (a premise): a second, false error."""
    path = write(
        tmp_path,
        "dup.yaml",
        "title: t\nthesis:\n  text: Ban phones.\n  premises:\n    - id: distraction\n"
        "      text: Phones distract.\n      objections:\n        - id: distraction\n"
        "          text: Pupils must learn.\n          rebuttals:\n"
        "            - text: Easier without a phone.\n",
    )
    message = "duplicate id 'distraction'; ids must be unique (first used at line 5)"
    assert issues_of(path) == [(8, 11, f"thesis.premises[0].objections[0].id: {message}")]


@pytest.mark.parametrize(
    ("entry", "at", "meant"),
    [
        ("  objection:\n    - text: b\n", (4, 3), "objections"),
        ("  premise:\n    - text: b\n", (4, 3), "premises"),
        ("  premises:\n    - text: b\n      evidance:\n        - text: c\n", (6, 7), "evidence"),
        (
            "  objections:\n    - text: b\n      rebutals:\n        - text: c\n",
            (6, 7),
            "rebuttals",
        ),
        ("  premises:\n    - linkd:\n        - text: b\n        - text: c\n", (5, 7), "linked"),
    ],
)
def test_a_misspelt_child_list_is_named_as_a_field_is(
    tmp_path: Path, entry: str, at: tuple[int, int], meant: str
) -> None:
    """Child lists are read apart from a node's fields: a misspelt one had no suggestion, and
    a misspelt `linked` also reported the premise it seemed to be as missing its text."""
    path = write(tmp_path, "m.yaml", "title: t\nthesis:\n  text: a\n" + entry)
    ((line, col, message),) = issues_of(path)
    assert (line, col) == at
    assert f"(did you mean {meant!r}?); remove it or fix the spelling" in message


CASES = {
    "unknown-field": (
        "title: t\nthesis:\n  text: a\n  colour: red\n",
        (4, 3),
        "unknown field 'colour'",
    ),
    "unknown-top-level": (
        "title: t\nthesiss:\n  text: a\n",
        (2, 1),
        "unknown field 'thesiss' (did you mean 'thesis'?)",
    ),
    "missing-thesis": ("title: t\n", (1, 1), "missing 'thesis'"),
    "missing-text": (
        "title: t\nthesis:\n  text: a\n  premises:\n    - id: p\n",
        (5, 7),
        "missing 'text'; add the statement this node makes",
    ),
    "blank-text": ("title: t\nthesis:\n  text: '  '\n", (3, 9), "'text' is empty"),
    "wrong-type": (
        "title: t\nthesis:\n  text: 42\n",
        (3, 9),
        "'text' must be text (got number 42); put it in quotes",
    ),
    "date-author": (
        "title: t\nthesis:\n  text: a\n  author: 2024-01-01\n",
        (4, 11),
        "'author' must be text (got a date, 2024-01-01); put it in quotes",
    ),
    # Quoted, a list would be its brackets: "[1,2]" is no title anyone meant.
    "list-title": (
        "title: [1, 2]\nthesis:\n  text: a\n",
        (1, 8),
        "'title' must be text (got a list); write it as text, not as a list",
    ),
    "fields-text": (
        "title: t\nthesis:\n  text: {a: 1}\n",
        (3, 9),
        "'text' must be text (got a mapping); write it as text, not as fields",
    ),
    "bool-tag": (
        "title: t\nthesis:\n  text: a\n  tags: [true]\n",
        (4, 10),
        "'tags.0' must be text (got the yes/no value true); put it in quotes",
    ),
    "bad-enum": (
        "title: t\nthesis:\n  text: a\n  evidence:\n    - text: e\n      basis: rumour\n",
        (6, 14),
        "'basis' must be one of",
    ),
    "basis-on-premise": (
        "title: t\nthesis:\n  text: a\n  premises:\n    - text: p\n      basis: quote\n",
        (6, 7),
        "unknown field 'basis'",
    ),
    "premises-not-list": (
        "title: t\nthesis:\n  text: a\n  premises: oops\n",
        (4, 13),
        "'premises' must be a list",
    ),
    "evidence-with-premises": (
        "title: t\nthesis:\n  text: a\n  evidence:\n    - text: e\n      premises: []\n",
        (6, 7),
        "evidence cannot have 'premises'",
    ),
    "bad-id": (
        "title: t\nthesis:\n  id: 'has space'\n  text: a\n",
        (3, 7),
        "invalid id 'has space'",
    ),
    "dangling-link": (
        "title: t\nthesis:\n  id: t\n  text: a\n  premises:\n"
        "    - id: p\n      text: b\n      links: [tt]\n",
        (8, 15),
        "link to unknown id 'tt' (did you mean 't'?)",
    ),
    "support-cycle": (
        "title: t\nthesis:\n  text: a\n  premises:\n"
        "    - id: p\n      text: b\n      premises:\n"
        "        - id: q\n          text: c\n          links: [r]\n"
        "    - id: r\n      text: d\n      links: [q]\n",
        (13, 15),
        "support cycle q -> r -> q",
    ),
    "undercut-thesis": (
        "title: t\nthesis:\n  text: a\n  objections:\n    - text: o\n      undercut: true\n",
        (6, 7),
        "the thesis has no such link",
    ),
    "rebuttal-attacks-premise": (
        "title: t\nthesis:\n  text: a\n  premises:\n    - id: p\n      text: b\n"
        "  objections:\n    - text: o\n      rebuttals:\n        - text: r\n"
        "          links: [p]\n",
        (11, 19),
        "a rebuttal can only attack an objection",
    ),
    "evidence-links-attack": (
        "title: t\nthesis:\n  text: a\n  premises:\n    - id: p\n      text: b\n"
        "  evidence:\n    - text: e\n      links: [{to: p, relation: attacks}]\n",
        (9, 15),
        "cannot use 'attacks'",
    ),
    "evidence-links-undercut": (
        "title: t\nthesis:\n  text: a\n  premises:\n    - id: p\n      text: b\n"
        "  evidence:\n    - text: e\n      links: [{to: p, relation: undercuts}]\n",
        (9, 15),
        "an evidence supports, it cannot use 'undercuts'",
    ),
    "thesis-links": (
        "title: t\nthesis:\n  text: a\n  links: [{to: p, relation: supports}]\n"
        "  premises:\n    - id: p\n      text: b\n",
        (4, 11),
        "the thesis bears on no other node, so it cannot use 'supports'; remove its links",
    ),
    "empty-linked": (
        "title: t\nthesis:\n  text: a\n  premises:\n    - linked: []\n",
        (5, 15),
        "at least two premises (found 0)",
    ),
    "citation-needs-outlet": (
        "title: t\nthesis:\n  text: a\n  evidence:\n    - text: e\n      citation: {date: May}\n",
        (6, 17),
        "missing 'citation.outlet'",
    ),
    "top-level-list": ("- a\n- b\n", (1, 1), "a map file is a mapping"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_rule_is_located(tmp_path: Path, name: str) -> None:
    text, (line, col), fragment = CASES[name]
    path = write(tmp_path, f"{name}.yaml", text)
    try:
        load_map(path)
    except MapValidationError as exc:
        matching = [i for i in exc.issues if fragment in i.message]
        assert matching, str(exc)
        issue = matching[0]
        assert (issue.line, issue.column) == (line, col), str(exc)
        assert str(issue).startswith(f"{path}:{line}:{col}: ")
    except MapFileError as exc:
        assert (exc.line, exc.column) == (line, col), str(exc)
        assert fragment in str(exc)
    else:
        pytest.fail("map was accepted")


FILE_CASES = {
    "empty": (b"", "empty file"),
    "only-comments": (b"# nothing here\n", "empty map"),
    "binary": (b"title: x\x00\n", "binary file"),
    "latin-1": ("title: caf\u00e9\n".encode("latin-1"), "not UTF-8"),
    "bad-yaml": (b"title: [unclosed\n", "invalid YAML"),
    "duplicate-key": (b"title: a\ntitle: b\nthesis: {text: x}\n", "duplicate key"),
    "tab-indent": (b"title: a\nthesis:\n\ttext: x\n", "invalid YAML"),
    "alias": (
        b"title: t\nthesis:\n  text: a\n  premises:\n  - &x {text: b}\n  - *x\n",
        "aliases",
    ),
}


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_unreadable_files_give_one_located_line(tmp_path: Path, name: str) -> None:
    data, fragment = FILE_CASES[name]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(data)
    with pytest.raises(MapFileError) as info:
        load_map(path)
    message = str(info.value)
    assert "\n" not in message
    assert fragment in message
    assert message.startswith(f"{path}:")
    assert info.value.line >= 1


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="no such file"):
        load_map(tmp_path / "absent.yaml")
    with pytest.raises(MapFileError, match="is a directory"):
        load_map(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "m.yaml"
    os.mkfifo(pipe)
    with pytest.raises(MapFileError) as info:
        load_map(pipe)
    assert str(info.value) == (
        f"{pipe}: not a regular file (a device, pipe or socket); give a map file (.yaml or .json)"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_not_read_forever() -> None:
    with pytest.raises(MapFileError, match="not a regular file"):
        read_map_text("/dev/zero")


def test_a_file_above_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "m.yaml", "title: a map of twenty\n")
    with pytest.raises(MapFileError) as info:
        read_text_file(path, replace(MAP_FILE, limit=10))
    assert str(info.value) == (
        f"{path}: file is 23 bytes, above the 10-byte limit; split it into smaller files"
    )
    assert read_text_file(path, replace(MAP_FILE, limit=23)) == "title: a map of twenty\n"


def test_import_files_are_read_by_the_same_bounded_reader(tmp_path: Path) -> None:
    from argmap.interop import read_text

    cases = {
        "nul.txt": (b"a\nbc\x00", "2:3: binary file (NUL byte); give a UTF-8 text file"),
        "latin.txt": (b"a\ncaf\xe9", "2:4: not UTF-8 (byte 0xe9); save the file as UTF-8"),
        "blank.txt": (b" \n", "1:1: empty file; nothing to import"),
        # What Windows Notepad saves as "Unicode": named, not called binary.
        "wide.txt": ("ok\n".encode("utf-16"), "1:1: UTF-16 text (byte-order mark); save the file"),
        "wider.txt": (
            "ok\n".encode("utf-32"),
            "1:1: UTF-32 text (byte-order mark); save the file",
        ),
    }
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(MapFileError) as info:
            read_text(tmp_path / name)
        assert str(info.value).startswith(f"{tmp_path / name}:{message}")
    with pytest.raises(MapFileError) as info:
        read_text(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory; give a file to import"
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfok\n")
    assert read_text(tmp_path / "bom.txt") == "ok\n"


def test_json_errors_are_located(tmp_path: Path) -> None:
    path = write(tmp_path, "m.json", '{"title": "t",\n "thesis": {"text": "a", "colour": 1}}\n')
    with pytest.raises(MapValidationError) as info:
        load_map(path)
    issue = info.value.issues[0]
    assert (issue.line, issue.column) == (2, 26)
    bad = write(tmp_path, "bad.json", '{"title": "t",\n "thesis": }\n')
    with pytest.raises(MapFileError) as file_info:
        load_map(bad)
    assert (file_info.value.line, file_info.value.column) == (2, 12)


def test_json_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "d.json", '{"title": "a", "title": "b", "thesis": {"text": "x"}}')
    with pytest.raises(MapFileError, match="duplicate key"):
        load_map(path)


# -- hostile input: whatever the file holds, the answer is a located error, never a crash ------

KEYS = st.sampled_from(
    [
        "title",
        "thesis",
        "text",
        "id",
        "premises",
        "evidence",
        "objections",
        "rebuttals",
        "linked",
        "links",
        "to",
        "relation",
        "citation",
        "outlet",
        "source",
        "sources",
        "basis",
        "undercut",
        "tags",
        "added",
        "strength",
        "name",
        "x",
    ]
)
JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | KEYS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=30,
)


@settings(
    max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(JSONISH)
def test_any_data_gives_a_map_or_located_issues(data: object) -> None:
    try:
        validate_data({"title": "t", "thesis": data} if not isinstance(data, dict) else data)
    except MapValidationError as exc:
        assert exc.issues
        assert all(issue.message and "\n" not in issue.message for issue in exc.issues)


@settings(
    max_examples=int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\"#%@`,?0")), max_size=80))
def test_any_text_gives_a_map_or_one_clean_error(text: str) -> None:
    try:
        validate_parsed(parse_text(text, "fuzz.yaml"))
    except ArgmapError as exc:
        assert str(exc).startswith("fuzz.yaml")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_lone_surrogates_are_refused_in_every_string_and_key(tmp_path: Path, suffix: str) -> None:
    # Escapes of half a surrogate pair parse, but no file, page or drawing can hold them:
    # every render, export and show used to end in a UnicodeEncodeError traceback.
    import json

    data = {
        "title": "t",
        "description": "d \ud800",
        "sources": {"k\udc00": {"name": "n"}},
        "thesis": {
            "id": "th",
            "text": "x",
            "note": "\udfff",
            "tags": ["ok", "\ud801"],
            "citation": {"outlet": "o", "date": "\ud802"},
        },
    }
    text = (
        json.dumps(data)
        if suffix == ".json"
        else "\n".join(
            [
                "title: t",
                'description: "d \\ud800"',
                "sources:",
                '  "k\\udc00": {name: n}',
                "thesis:",
                "  id: th",
                "  text: x",
                '  note: "\\udfff"',
                '  tags: [ok, "\\ud801"]',
                '  citation: {outlet: o, date: "\\ud802"}',
                "",
            ]
        )
    )
    path = write(tmp_path, "s" + suffix, text)
    with pytest.raises(MapValidationError) as excinfo:
        load_map(path)
    where = [issue.message.split(":")[0] for issue in excinfo.value.issues]
    assert sorted(where) == sorted(
        [
            "description",
            "sources.k\\udc00",
            "thesis.note",
            "thesis.tags[1]",
            "thesis.citation.date",
        ]
    ), where
    assert all("lone surrogate" in issue.message for issue in excinfo.value.issues)
    if suffix == ".yaml":
        assert all(issue.line > 0 for issue in excinfo.value.issues)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("added: 2026-13-01", "5:10: '2026-13-01' is not a date (month must be in 1..12); write "),
        ("added: 2026-02-30", "5:10: '2026-02-30' is not a date (day is out of range for month)"),
        ("note: !!binary aGVsbG8=", "5:9: YAML !!binary values are not supported in map files"),
        ("tags: !!set {b, a}", "5:9: YAML !!set values are not supported in map files"),
        # A text starting with '!' is a tag to YAML: refused, never read without its word.
        (
            "note: !Nobody believes this",
            "5:9: YAML tag '!Nobody' is not supported in map files (the value would read "
            "'believes this' without it); if the '!' belongs to the text, put the whole text "
            "in quotes: '!Nobody believes this'",
        ),
        ("note: !!python/object:os.system ls", "5:9: YAML tag '!!python/object:os.system' is"),
        ("tags: !labels [a, b]", "5:9: YAML tag '!labels' is not supported in map files; remove"),
    ],
)
def test_odd_yaml_values_are_located_errors(tmp_path: Path, value: str, message: str) -> None:
    path = write(tmp_path, "m.yaml", f"title: t\nthesis:\n  id: th\n  text: x\n  {value}\n")
    with pytest.raises(MapFileError) as excinfo:
        load_map(path)
    assert str(excinfo.value).startswith(f"{path}:{message}")


@pytest.mark.parametrize("value", ["text: !!str 5", "text: ! plain", "text: '!quoted'"])
def test_a_text_tag_or_a_quoted_bang_still_loads(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, "m.yaml", f"title: t\nthesis:\n  id: th\n  {value}\n")
    assert load_map(path).thesis.text in ("5", "plain", "!quoted")


def test_a_support_cycle_is_reported_with_the_other_problems(tmp_path: Path) -> None:
    body = (
        "title: t\nthesis:\n  id: th\n  text: T.\n  premises:\n"
        "    - id: a\n      text: A.\n      links: [b]\n      premises:\n"
        "        - id: b\n          text: B.\n"
        "    - id: c\n      text: C.\n      links: [nowhere]\n"
    )
    path = write(tmp_path, "m.yaml", body)
    with pytest.raises(MapValidationError) as excinfo:
        load_map(path)
    messages = [issue.message for issue in excinfo.value.issues]
    assert any("support cycle a -> b -> a" in text for text in messages), messages
    assert any("unknown id 'nowhere'" in text for text in messages), messages


def test_fast_path_looks_its_type_table_up_once_per_map(monkeypatch: pytest.MonkeyPatch) -> None:
    # The fast path's resolver overrides a ruamel property that is not public API; when
    # a ruamel release renames or reshapes it, this says so (loading still works, slower).
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver

    from argmap.load.fastpath import parse_yaml_fast

    if getattr(YAML(typ="safe", pure=False).Parser, "__name__", "") != "CParser":
        pytest.skip("ruamel's C parser is not installed")
    stock = VersionedResolver.versioned_resolver
    calls: list[object] = []

    def counting(self: VersionedResolver) -> object:
        calls.append(self)
        return stock.fget(self)  # type: ignore[attr-defined]

    monkeypatch.setattr(VersionedResolver, "versioned_resolver", property(counting))
    text = "title: t\nthesis:\n  text: a\n  premises:\n  - text: b\n    added: 2024-01-02\n"
    data = parse_yaml_fast(text, "m.yaml")
    assert data == {
        "title": "t",
        "thesis": {"text": "a", "premises": [{"text": "b", "added": dt.date(2024, 1, 2)}]},
    }
    assert len(calls) == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_nodes_made_from_checked_entries_equal_fully_checked_ones(data: st.DataObject) -> None:
    # Each node is made of its entry's checked values without a second check: it must be
    # the node a full check of the same values gives, field for field and in field order.
    from argmap.load.dump import dump_yaml
    from argmap.load.mapfile import to_file_data
    from argmap.model import ArgumentMap, Node
    from tests.strategies import argument_maps

    m = data.draw(argument_maps())
    file_data = to_file_data(m)
    linked_to = {link.to for node in m.nodes for link in node.links}
    stack = [file_data["thesis"]]
    while stack:  # leave some ids out, for the loader to make
        entry = stack.pop()
        if entry.get("id") not in linked_to and data.draw(st.booleans()):
            entry.pop("id", None)
        lists = [items for items in entry.values() if isinstance(items, list)]
        stack.extend(item for items in lists for item in items if isinstance(item, dict))
    loaded = validate_parsed(parse_text(dump_yaml(file_data), "m.yaml"))
    assert ArgumentMap.model_validate(loaded.model_dump()) == loaded
    for node in loaded.nodes:
        checked = Node.model_validate(node.model_dump())
        assert list(node.__dict__.items()) == list(checked.__dict__.items())
        unset = set(Node.model_fields) - node.model_fields_set
        assert all(getattr(node, name) == Node.model_fields[name].default for name in unset)
        assert Node.model_validate(node.model_dump(exclude_unset=True)) == node


@pytest.mark.parametrize(
    "path", [BAD / "six-mistakes.yaml", *sorted(MAPS.glob("*.yaml"))], ids=lambda p: p.name
)
def test_a_load_that_frees_its_data_as_it_reads_says_the_same(path: Path) -> None:
    # load_map empties the parsed data entry by entry; the same map and messages result.
    def outcome(load: Any) -> Any:
        try:
            return load()
        except MapValidationError as exc:
            return exc.issues

    parsed = parse_text(read_map_text(path), path)
    kept = outcome(lambda: validate_parsed(parsed))
    assert parsed.data["thesis"]  # not emptied
    assert outcome(lambda: load_map(path)) == kept


_YEAR = (
    "title: t\nthesis:\n  text: a\n  evidence:\n"
    "    - text: e\n      citation: {{outlet: O, date: {date}}}\n"
)


@pytest.mark.parametrize("date", ["2020", "1", "9999"])
def test_a_bare_year_is_a_citation_date_in_yaml_json_and_the_export(
    tmp_path: Path, date: str
) -> None:
    """``date: 2020`` was refused ("must be text (got number 2020); put it in quotes"), though
    a bare year is the usual date of a citation. It stands as its text, in every reading."""
    path = tmp_path / "m.yaml"
    path.write_text(_YEAR.format(date=date), encoding="utf-8")
    m = load_map(path)
    assert m.nodes[1].citation is not None and m.nodes[1].citation.date == date
    as_json = tmp_path / "m.json"
    data = {"title": "t", "thesis": {"text": "a", "evidence": [{"text": "e"}]}}
    data["thesis"]["evidence"][0]["citation"] = {"outlet": "O", "date": int(date)}
    as_json.write_text(json.dumps(data), encoding="utf-8")
    assert load_map(as_json) == m
    export = json.loads(to_json(m))
    export["nodes"][1]["citation"]["date"] = int(date)
    as_json.write_text(json.dumps(export), encoding="utf-8")
    assert load_map(as_json) == m


@pytest.mark.parametrize(
    ("date", "got"),
    [("20201", "number 20201"), ("0", "number 0"), ("true", "the yes/no value true")],
)
def test_a_number_that_is_no_year_is_still_no_citation_date(
    tmp_path: Path, date: str, got: str
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(_YEAR.format(date=date), encoding="utf-8")
    with pytest.raises(MapValidationError) as caught:
        load_map(path)
    assert [str(issue).removeprefix(f"{path}:") for issue in caught.value.issues] == [
        f"6:35: thesis.evidence[0].citation.date: 'citation.date' must be text (got {got}); "
        "put it in quotes"
    ]
