"""The event-driven loader: the round-trip parser's data and positions, at any depth, located."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.deep import run_deep
from argmap.errors import MapFileError, MapValidationError
from argmap.load.jsontext import json_positions, parse_json_iteratively
from argmap.load.maps import load_map
from argmap.load.marks import yaml_positions
from argmap.load.parse import make_yaml
from argmap.load.syntax import MAX_FLOW_NESTING
from argmap.load.tree import SourceMap, YamlPath

ROOT = Path(__file__).resolve().parent.parent


def _every_path(doc: object) -> list[YamlPath]:
    out: list[YamlPath] = [()]
    stack: list[tuple[YamlPath, object]] = [((), doc)]
    while stack:
        path, node = stack.pop()
        items = (
            [(str(k), v) for k, v in node.items()]
            if isinstance(node, dict)
            else list(enumerate(node))
            if isinstance(node, list)
            else []
        )
        for step, value in items:
            out.append((*path, step))
            stack.append(((*path, step), value))
    return out


def _assert_same_positions(text: str, json_file: bool = False) -> None:
    """Every path (and one step past it) is located as the round-trip tree locates it."""
    old = SourceMap(run_deep(lambda: make_yaml().load(text)))
    new = json_positions(text) if json_file else yaml_positions(text)
    assert new is not None
    for path in _every_path(run_deep(lambda: make_yaml().load(text))):
        for probe in (path, (*path, "missing"), (*path, 0)):
            for key in (False, True):
                assert new.locate(probe, key=key) == old.locate(probe, key=key), (probe, key)


_TRICKY = [
    "a:\n  b:   # c\n  d: 1\n",
    "a:\n  b:\n  # c\n  d: 1\n",
    "a:\n  b:\n# c\n  d: 1\n",
    "a:\n  b:\n\n\n  d: 1\n",
    "a:\n  b:\nd: 1\n",
    "a:\n  b:\n  # x\nd: 1\n",
    "a:\n  b:\n",
    "a:\n  b: # c\n",
    "a:\n  - b:\n  - c\n",
    "a:\n-\n- c\n",
    "a:\n  b: # c\nd: 1\n",
    "a:\n  x:\n    b: # c\n  d: 1\n",
    "a:\n- b: # c\n- c\n",
    "a:\n- b: # c\n  x: 1\n",
    "a: {b: , c: 1}\n",
    "a: {b:\n  }\n",
    "a: {b}\n",
    "a:\r\n  b:\r\n  d: 1\r\n",
    "t: |\n  block\n  more\nu: >-\n  folded\nv: 'q'\nw: \"d\"\n1: int key\n",
    "title: t\nthesis: {text: x, premises: [{text: a}, {text: b, tags: []}]}\n",
    "x: [a, [b, c], {d: e}]\ny:\n  - {text: c, links: [a, {to: b}]}\n  -\n    text: d\n",
]


@pytest.mark.parametrize("text", _TRICKY)
def test_yaml_positions_agree_with_the_round_trip_parser(text: str) -> None:
    _assert_same_positions(text)


@pytest.mark.parametrize(
    "path", sorted([*ROOT.glob("maps/*.yaml"), *ROOT.glob("tests/cases/*.yaml")]), ids=str
)
def test_positions_of_real_maps_agree(path: Path) -> None:
    _assert_same_positions(path.read_text(encoding="utf-8-sig"))


_KEYS = st.sampled_from(["text", "id", "note", "tags", "premises", "a b", "x"])
_SCALARS = st.one_of(
    st.sampled_from(["", "1", "true", "~", "2020-01-02", "'q'", '"d"', "a: b", "# c"]),
    st.text(alphabet="abc xyz,", min_size=1, max_size=6).map(str.strip).filter(bool),
)


@st.composite
def _yaml_docs(draw: st.DrawFn) -> str:
    """Block YAML with empty values, comments, flow lists and mappings, at a few levels."""
    lines: list[str] = []

    def block(indent: int, depth: int) -> None:
        keys = draw(st.lists(_KEYS, min_size=1, max_size=4, unique=True))
        for key in keys:
            pad = " " * indent
            shape = draw(st.sampled_from(["scalar", "empty", "comment", "flow", "map", "seq"]))
            if shape == "map" and depth < 3:
                lines.append(f"{pad}{key}:")
                block(indent + 2, depth + 1)
            elif shape == "seq" and depth < 3:
                lines.append(f"{pad}{key}:")
                for _ in range(draw(st.integers(1, 3))):
                    lines.append(f"{pad}- {draw(_SCALARS)!r}".replace("'", '"'))
            elif shape == "flow":
                lines.append(f"{pad}{key}: [a, {{b: c, d: }}, [e]]")
            elif shape == "empty":
                lines.append(f"{pad}{key}:")
            elif shape == "comment":
                lines.append(f"{pad}{key}:   # note")
            else:
                value = json.dumps(draw(_SCALARS))
                lines.append(f"{pad}{key}: {value}")
            if draw(st.booleans()):
                lines.append(" " * draw(st.integers(0, indent)) + "# between")

    block(0, 0)
    return "\n".join(lines) + "\n"


@settings(max_examples=200, deadline=None)
@given(_yaml_docs())
def test_positions_agree_on_generated_yaml(text: str) -> None:
    try:
        run_deep(lambda: make_yaml().load(text))
    except Exception:
        return  # not YAML the round-trip parser reads: nothing to compare
    _assert_same_positions(text)


# Text both parsers read alike (YAML folds line breaks such as U+0085 in keys).
_JSON_TEXT = st.text(alphabet='ab é😀 "\\/\t', max_size=4)


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), _JSON_TEXT),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_JSON_TEXT, inner),
        max_leaves=12,
    ),
    st.sampled_from([None, 2]),
)
def test_json_is_read_and_located_as_the_json_module_and_round_trip_do(
    value: object, indent: int | None
) -> None:
    # Unescaped: YAML reads a "\\ud800\\udc00" escape as two halves, JSON as one character.
    text = json.dumps({"root": value}, indent=indent, ensure_ascii=False)
    assert parse_json_iteratively(text, "t.json", dict) == json.loads(text)
    try:
        run_deep(lambda: make_yaml().load(text))
    except Exception:
        return
    _assert_same_positions(text, json_file=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2", "Expecting ',' delimiter"),
        ('{"a" 1}', "Expecting ':' delimiter"),
        ('{"a": 1,}', "Expecting property name enclosed in double quotes"),
        ("[1,]", "Expecting value"),
        ("[1] 2", "Extra data"),
    ],
)
def test_iterative_json_words_syntax_errors_as_the_json_module(text: str, message: str) -> None:
    with pytest.raises(json.JSONDecodeError) as ours:
        parse_json_iteratively(text, "t.json", dict)
    with pytest.raises(json.JSONDecodeError) as theirs:
        json.loads(text)
    assert ours.value.msg == theirs.value.msg == message
    assert ours.value.pos == theirs.value.pos


def _run(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", str(path)])
    return result.exit_code, result.stderr


def test_json_nested_200000_deep_is_one_located_line(tmp_path: Path) -> None:
    path = tmp_path / "nested.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    code, err = _run(path)
    assert code == 1
    assert (
        err == f"{path}:1:1: a map file is a mapping with 'title' and 'thesis' at the top level\n"
    )


def test_tags_nested_deep_in_json_are_located(tmp_path: Path) -> None:
    path = tmp_path / "tags.json"
    tags = "[" * 100_000 + "]" * 100_000
    path.write_text('{"title": "t", "thesis": {"text": "x", "tags": ' + tags + "}}")
    with pytest.raises(MapValidationError) as excinfo:
        load_map(path)
    (issue,) = excinfo.value.issues
    assert (issue.line, issue.column) == (1, 49)
    assert issue.message == (
        "thesis.tags[0]: 'tags.0' must be text (got a list); write it as text, not as a list"
    )


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        (
            "m.json",
            '{"title": "t",\n "thesis": {"text": "x", "note": ' + "7" * 5000 + "}}",
            (2, 34),
        ),
        ("m.yaml", "title: t\nthesis:\n  text: x\n  note: " + "7" * 5000 + "\n", (4, 9)),
    ],
)
def test_an_integer_too_long_to_convert_is_located(
    tmp_path: Path, name: str, text: str, where: tuple[int, int]
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MapFileError) as excinfo:
        load_map(path)
    assert (excinfo.value.line, excinfo.value.column) == where
    assert "an integer of 5,000 digits is longer than argmap reads (4,300)" in str(excinfo.value)
    code, err = _run(path)
    assert code == 1 and err.count("\n") == 1


def test_a_deep_json_chain_loads_without_recursion(tmp_path: Path) -> None:
    depth = 30_000  # nests 60,000 deep: past the json module's recursion
    opening = "".join(f'{{"id": "n{i}", "text": "c {i}", "premises": [' for i in range(depth - 1))
    path = tmp_path / "chain.json"
    path.write_text(
        '{"title": "deep", "thesis": '
        + opening
        + f'{{"id": "n{depth - 1}", "text": "last"}}'
        + "]}" * (depth - 1)
        + "}",
        encoding="utf-8",
    )
    m = load_map(path)
    assert len(m) == depth and m.nodes[-1].parent == f"n{depth - 2}"
    path.write_text(path.read_text(encoding="utf-8").replace('"last"', '""'), encoding="utf-8")
    with pytest.raises(MapValidationError) as excinfo:
        load_map(path)
    (issue,) = excinfo.value.issues
    assert issue.line == 1 and issue.column > 1_000_000
    assert issue.message.endswith("'text' is empty; add the statement this node makes")


# -- the slow cases of the attack pass: messages (their time is in `make bench`) ----------


def _nested_flow(depth: int) -> str:
    body = "".join('{text: "t", premises: [' for _ in range(depth)) + "{text: t, strength: huge}"
    return f"title: t\nthesis: {body}{']}' * depth}\n"


def test_nested_flow_within_the_limit_gives_the_validation_error(tmp_path: Path) -> None:
    depth = MAX_FLOW_NESTING // 2 - 1  # a mapping and a list a level, the leaf's own mapping
    path = tmp_path / "flow.yaml"
    path.write_text(_nested_flow(depth), encoding="utf-8")
    with pytest.raises(MapValidationError) as excinfo:
        load_map(path)
    (issue,) = excinfo.value.issues
    assert (issue.line, issue.column) == (2, 8 + 23 * depth + 21)
    assert issue.message.endswith(
        "...premises[0].premises[0].premises[0].strength: "
        "'strength' must be one of weak, moderate or strong (got 'huge')"
    )
    assert len(str(issue)) < 300  # the deep path is cut short: one short line


@pytest.mark.parametrize("depth", [MAX_FLOW_NESTING // 2, 2000, 100_000])
def test_nested_flow_beyond_the_limit_is_refused_where_it_passes_it(
    tmp_path: Path, depth: int
) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(_nested_flow(depth), encoding="utf-8")
    with pytest.raises(MapFileError) as excinfo:
        load_map(path)
    # The 201st '{' or '[' (the 101st entry's '{'): each entry's '{' opens 23 characters
    # after the one before, the first at column 9.
    column = 9 + 23 * (MAX_FLOW_NESTING // 2)
    assert str(excinfo.value) == (
        f"{path}:2:{column}: '{{' and '[' nested more than {MAX_FLOW_NESTING} deep; write "
        "the deeper entries in block style (one key a line), or save the map as .json"
    )


@pytest.mark.parametrize("brackets", [5000, 1_000_000])
def test_tags_with_nested_brackets_are_refused_at_the_limit(tmp_path: Path, brackets: int) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text(
        "title: t\nthesis:\n  text: x\n  tags: " + "[" * brackets + "]" * brackets + "\n"
    )
    with pytest.raises(MapFileError) as excinfo:
        load_map(path)
    assert str(excinfo.value).startswith(f"{path}:4:{9 + MAX_FLOW_NESTING}: '{{' and '['")


def test_tags_with_a_few_nested_brackets_are_located(tmp_path: Path) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text("title: t\nthesis:\n  text: x\n  tags: " + "[" * 50 + "]" * 50 + "\n")
    with pytest.raises(MapValidationError) as excinfo:
        load_map(path)
    assert [str(i) for i in excinfo.value.issues] == [
        f"{path}:4:10: thesis.tags[0]: 'tags.0' must be text (got a list); "
        "write it as text, not as a list"
    ]


def test_a_long_comment_then_a_bad_value_is_located(tmp_path: Path) -> None:
    path = tmp_path / "comment.yaml"
    comment = "# " + "c" * 1_000_000 + "\n"
    path.write_text(comment + "title: t\nthesis:\n  text: x\n  strength: huge\n")
    with pytest.raises(MapValidationError) as excinfo:
        load_map(path)
    (issue,) = excinfo.value.issues
    assert (issue.line, issue.column) == (5, 13)


def test_one_typo_in_a_big_map_is_located(tmp_path: Path) -> None:
    from argmap.load.dump import dump_yaml

    thesis: dict[str, object] = {"text": "root", "premises": []}
    premises = thesis["premises"]
    assert isinstance(premises, list)
    for i in range(2000):
        premises.append({"id": f"p{i}", "text": f"premise {i}", "note": "x"})
    text = dump_yaml({"title": "t", "thesis": thesis})
    typo_line = text.splitlines().index("      note: x", 3000) + 1
    lines = text.splitlines(keepends=True)
    lines[typo_line - 1] = lines[typo_line - 1].replace("note", "nope")
    path = tmp_path / "big.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(MapValidationError) as excinfo:
        load_map(path)
    (issue,) = excinfo.value.issues
    assert (issue.line, issue.column) == (typo_line, 7)
    assert "unknown field 'nope' (did you mean 'note'?)" in issue.message


def test_many_nodes_of_one_text_get_ids_in_order() -> None:
    from argmap.load.ids import unique_id

    taken: set[str] = {"t-3"}
    counters: dict[str, int] = {}
    got = [unique_id("t", taken, counters) for _ in range(5)]
    assert got == ["t", "t-2", "t-4", "t-5", "t-6"]
    plain: set[str] = {"t-3"}
    assert [unique_id("t", plain) for _ in range(5)] == got  # the same as a full search


@pytest.mark.parametrize(
    ("first", "second", "made"),
    [
        ("o", "º", "º-2"),  # a compatibility form: º is o
        ("º", "o", "o-2"),
        ("Caffe", "Саffe", "саffe-2"),  # Cyrillic С and а, drawn as Latin C and a
        ("Ｗｏｒｄ", "Word", "word-2"),  # full-width
    ],
)
def test_ids_made_from_texts_that_look_alike_differ_where_they_show(
    tmp_path: Path, first: str, second: str, made: str
) -> None:
    """A map whose statements read "o" and "º", with no ids, was refused: the ids made
    from them look the same (the map's own rule). The second now differs where it shows;
    import and add make ids the same way."""
    from argmap.interop import ImportOptions, get_importer

    path = tmp_path / "alike.yaml"
    path.write_text(
        f"title: t\nthesis:\n  text: {first}\n  premises:\n    - text: {second}\n",
        encoding="utf-8",
    )
    m = load_map(path)
    assert m.nodes[1].id == made
    claims = [
        {"nodeID": "1", "text": first, "type": "I"},
        {"nodeID": "2", "text": second, "type": "I"},
    ]
    aif = json.dumps(
        {
            "nodes": [*claims, {"nodeID": "3", "text": "Default Inference", "type": "RA"}],
            "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
        }
    )
    imported = get_importer("aif")(aif, "a.json", ImportOptions()).map
    assert [n.text for n in imported.nodes] == [first, second]
    assert imported.nodes[1].id.lower() == made  # (an import keeps a text that is an id as it is)


@pytest.mark.parametrize(
    ("text", "where"), [("!0 :", (1, 1)), ("title: t\nthesis:\n  !foo text: x\n", (3, 3))]
)
def test_a_tagged_key_is_refused_where_it_stands(
    tmp_path: Path, text: str, where: tuple[int, int]
) -> None:
    """A tag on a mapping's key (``!0 :``) escaped as a traceback (a property test found it)."""
    path = tmp_path / "tagged.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MapFileError) as excinfo:
        load_map(path)
    assert (excinfo.value.line, excinfo.value.column) == where
    assert "is not supported in map files" in str(excinfo.value)


_TRICKY_KEYS = [
    "id",
    "text",
    "1",
    "true",
    "~",
    "null",
    "'q'",
    '"1"',
    "1.5",
    "0o17",
    "<<",
    "2014-04-10",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.sampled_from(_TRICKY_KEYS), st.sampled_from(["x", "1", "'1'", "no"]))
        ),
        min_size=1,
        max_size=4,
    )
)
def test_fast_yaml_keys_agree_with_the_round_trip_parser(blocks: list[list[Any]]) -> None:
    # Keys are resolved once and shared by every mapping: the same key text read in
    # several mappings, plain or quoted, typed (an int, a bool, null) or a merge.
    from argmap.load.fastpath import NOT_FAST, parse_yaml_fast
    from argmap.load.parse import _parse_yaml
    from argmap.load.tree import plain_data

    text = "".join(
        f"- {{{', '.join(f'{key}: {value}' for key, value in pairs)}}}\n" for pairs in blocks
    )
    refused = object()
    try:
        fast = parse_yaml_fast(text, "t.yaml")
    except MapFileError:
        fast = refused  # a duplicate key, located from the C parser's marks
    try:
        slow = plain_data(_parse_yaml(text, "t.yaml"), "t.yaml")
    except MapFileError:
        assert fast is NOT_FAST or fast is refused  # a duplicate key
        return
    assert fast is not refused
    if fast is not NOT_FAST:
        assert fast == slow
        assert all(type(key) is str for block in fast for key in block)


def test_fast_yaml_keeps_one_string_per_key() -> None:
    from argmap.load.fastpath import parse_yaml_fast

    data = parse_yaml_fast("- {id: a, 1: b}\n- {id: c, 1: d}\n", "t.yaml")
    assert [list(block) for block in data] == [["id", "1"], ["id", "1"]]
    assert all(a is b for a, b in zip(data[0], data[1], strict=True))


# -- syntax errors from the C parser's marks (no second, slower parse) -----------------


def _refusal(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MapFileError) as excinfo:
        load_map(path)
    return str(excinfo.value).removeprefix(f"{path}:")


@pytest.mark.parametrize(
    ("head", "tail", "message"),
    [
        (  # the list's bracket, on the last line
            "title: t\n",
            "  - text: [broken\n",
            "6005:11: invalid YAML: this list is never closed (the file ends inside it); "
            "close it with ']' where it should end",
        ),
        (  # the quote on line 1, 6,000 lines before the end (it said 6006:1: found
            # unexpected end of stream)
            'title: "Uniforms\n',
            "",
            "1:8: invalid YAML: this quoted value is never closed (the file ends inside it); "
            "close it with '\"' where it should end",
        ),
    ],
)
def test_a_syntax_error_in_a_big_file_is_located_without_the_round_trip_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, head: str, tail: str, message: str
) -> None:
    """A quote or bracket the file ends inside is named where it opens, from the C parser's
    marks (the round-trip parser would take ten times a valid load to find it)."""
    import argmap.load.parse as parse

    def never(text: str, name: str) -> None:
        raise AssertionError("the round-trip parser was asked")

    monkeypatch.setattr(parse, "load_round_trip", never)
    entries = "".join(f"  - text: premise {i}\n    strength: weak\n" for i in range(3000))
    text = f"{head}thesis:\n  text: x\n  premises:\n{entries}{tail}"
    assert _refusal(tmp_path, "m.yaml", text) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: t\nthesis:\n\ttext: x\n", "3:1: invalid YAML: found character that cannot "),
        ("title: t\nthesis: {text: x\n", "2:9: invalid YAML: this mapping is never closed"),
        ("title: 't\nthesis: {text: x}\n", "1:8: invalid YAML: this quoted value is never closed"),
        ('title: t\nthesis:\n  text: "x\n  id: a\n', "3:9: invalid YAML: this quoted value is"),
        ("title: [1, 2\nthesis: 3\n", "2:7: invalid YAML: expected ',' or ']', found ':' (in the"),
        ("title: t\nthesis:\n  text: a\x01b\n", "3:10: invalid YAML: character U+0001 is not"),
        ("title: t\nthesis:\n  text: x\n  text: y\n", "4:3: duplicate key 'text'; each key"),
    ],
)
def test_syntax_errors_are_located_and_worded(tmp_path: Path, text: str, message: str) -> None:
    assert _refusal(tmp_path, "m.yaml", text).startswith(message)


def test_a_repeated_json_key_is_located_at_any_depth(tmp_path: Path) -> None:
    depth = 20_000
    opening = "".join('{"text": "t", "premises": [' for _ in range(depth))
    text = '{"title": "t", "thesis": ' + opening + '{"text": "a",\n "text": "b"}'
    text += "]}" * depth + "}"
    assert _refusal(tmp_path, "m.json", text) == (
        "2:2: duplicate key 'text'; each key may appear once in an object"
    )


@pytest.mark.parametrize(
    "value",
    [
        "plain\u2028value",  # YAML 1.2 text, a line break to the C parser (YAML 1.1)
        '"\\ud83d\\ude00"',  # an emoji as json.dumps escapes it: the C parser refuses
        "{a:b}",  # a plain 'a:b' in flow style
    ],
)
def test_what_only_yaml_1_2_reads_still_loads(tmp_path: Path, value: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(f"title: t\nthesis:\n  text: x\n  note: {value}\n", encoding="utf-8")
    if value.startswith("{"):
        path.write_text(f"title: t\nthesis:\n  text: x\n  tags: [{value[1:-1]}]\n")
    m = load_map(path)
    assert m.nodes[0].note in (None, "plain\u2028value", "\U0001f600")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"title": "t",\n "thesis": {"text": "x",\n}}',
            "2:24: invalid JSON: a comma before '}' ends no item: JSON has no trailing commas",
        ),
        (
            '{"title": "t", "tags": [1, 2, ]}',
            "1:29: invalid JSON: a comma before ']' ends no item",
        ),
        ("{'title': 't'}", "1:2: invalid JSON: a single quote: JSON strings and keys take double"),
        ('{"title": "t"} {}', "1:16: invalid JSON: more text after the end of the JSON value"),
        ('{"title": "t", "thesis": {"text": "x"', "1:38: invalid JSON: the file ends too early"),
        ('{"title": "a\nb"}', "1:13: invalid JSON: a line break inside a string: write it as"),
        ('{"title": "t" "thesis": 1}', "1:15: invalid JSON: expected a ',' between items, or"),
        ('{"title" "t"}', "1:10: invalid JSON: expected a ':' after the key, found '\"'"),
        ('{"title": }', "1:11: invalid JSON: expected a value, found '}'"),
        ("{title: 1}", "1:2: invalid JSON: expected a key in double quotes, found 't'"),
        ('{"title": "open}', '1:11: invalid JSON: a string is never closed: add the closing "'),
    ],
)
def test_json_slips_are_named_as_such(tmp_path: Path, text: str, message: str) -> None:
    """The json module names what it expected ("Expecting property name enclosed in double
    quotes" for a trailing comma); a hand-edited file's usual slips are named instead."""
    assert _refusal(tmp_path, "m.json", text).startswith(message)


_T = "title: t\nthesis:\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _T + "  text: Russia: a problem\n",
            "3:15: invalid YAML: a ': ' inside an unquoted value",
        ),
        (
            _T + "  text: x\n  premises:\n    - text: Moscow: gains\n",
            "5:19: invalid YAML: a ': ' inside an unquoted value starts a new key; put the whole",
        ),
        (_T + '  text: "He said "no" to it"\n', '3:19: invalid YAML: the " before this ends the'),
        (_T + "  text: 'It isn't'\n", "3:17: invalid YAML: the ' before this ends the quoted"),
        (_T + "  text: [sic] it is\n", "3:15: invalid YAML: a value starting with '[' is read as"),
        (_T + "  text: {a} b\n", "3:13: invalid YAML: a value starting with '{' is read as a"),
        (_T + "  text: *important* claim\n", "3:19: invalid YAML: a value starting with '*' is"),
        (
            _T + "  text: @user says\n",
            "3:9: invalid YAML: an unquoted value cannot start with '@'",
        ),
        (_T + "  text: `code` b\n", "3:9: invalid YAML: an unquoted value cannot start with '`'"),
        # A key indented too far is no colon inside a value: the parser's words stay.
        (_T + "  text: x\n   id: a\n", "4:6: invalid YAML: mapping values are not allowed"),
    ],
)
def test_a_statements_usual_yaml_slips_are_named(tmp_path: Path, text: str, message: str) -> None:
    """A statement is prose: its colons, quotes and brackets are what hand-edited maps
    trip on; the parser said "mapping values are not allowed in this context" or
    "expected key, found 'n'". Each now says which slip it is and that quotes mend it."""
    assert _refusal(tmp_path, "m.yaml", text).startswith(message)
    # The round-trip parser (an edit's, or where the fast one gives way) says the same.
    from argmap.errors import MapFileError
    from argmap.load.parse import _parse_yaml

    with pytest.raises(MapFileError) as info:
        _parse_yaml(text, "m.yaml")
    assert message.split(": invalid YAML: ")[1] in str(info.value)


_RUNS_ON = (
    _T + "  text: x\n  premises:\n    - id: a\n      text: {q}Neutrality is cheap talk.\n"
    "      author: R\n\n  conclusions:\n    - text: y\n      note: >-\n"
    "        Drawn from the thesis ({q}Indeed{q}): it restates the thesis.\n"
)


@pytest.mark.parametrize(
    ("text", "where", "quote"),
    [
        (_RUNS_ON.format(q='"'), "6:13: ", '"'),
        (_RUNS_ON.format(q="'"), "6:13: ", "'"),
        (_T + "  text: x\n  tags:\n    - 'open\n    - b\n  note: It's so\n", "5:7: ", "'"),
    ],
)
def test_a_quote_a_later_quote_closes_is_named_where_it_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, where: str, quote: str
) -> None:
    """A quote left open was closed by a statement's inner quote 15 lines on, and the error
    was said there ("854:33: expected key, found 'I'"). It is said where the value opens,
    from the C parser's marks (no round-trip parse)."""
    import argmap.load.parse as parse

    def never(text: str, name: str) -> None:
        raise AssertionError("the round-trip parser was asked")

    monkeypatch.setattr(parse, "load_round_trip", never)
    closes = len(text.split("\n")) - 1
    assert _refusal(tmp_path, "m.yaml", text) == (
        f"{where}invalid YAML: this quoted value runs on to line {closes}, where a {quote!r} "
        f"closes it; close it with {quote!r} where it should end"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _T + "  text: x\n  premises\n    - text: P.\n",
            "4:3: invalid YAML: 'premises' has no ':' after it; add the ':' if it is a key, or "
            "indent it further if it continues the value above",
        ),
        (
            _T + "  text: a long\n  sentence # wrapped\n  id: a\n",
            "4:3: invalid YAML: 'sentence' has",
        ),
        (_T + "  - text: x\n    id a b\n    note: n\n", "4:5: invalid YAML: 'id a b' has no"),
    ],
)
def test_a_key_without_its_colon_is_named_at_the_key(
    tmp_path: Path, text: str, message: str
) -> None:
    """The parser looks for the colon on the next line and stopped there ("6:11: could not
    find expected ':'"); both parsers now name the key, on its own line."""
    assert _refusal(tmp_path, "m.yaml", text).startswith(message)
    from argmap.load.parse import _parse_yaml

    with pytest.raises(MapFileError) as info:
        _parse_yaml(text, "m.yaml")
    assert str(info.value).removeprefix("m.yaml:").startswith(message)


@pytest.mark.parametrize(
    "text",
    ["\u200b\u200d\u2060\ufeff", "\u202e", " \u200b\n", "\x01\x7f", "\u3164", "\ufe0f"],
)
def test_a_statement_of_characters_that_do_not_show_is_empty(tmp_path: Path, text: str) -> None:
    """Zero-width spaces and joiners, a lone bidi override, controls, a Hangul filler: a
    statement of only these passed, and the diagram drew an empty box. Refused as a
    statement of spaces is, in the model and in the fast check of plainly valid entries."""
    path = tmp_path / "blank.json"
    path.write_text(json.dumps({"title": text, "thesis": {"text": text}}), encoding="utf-8")
    with pytest.raises(MapValidationError) as excinfo:
        load_map(path)
    messages = sorted(issue.message for issue in excinfo.value.issues)
    assert messages == [
        "thesis.text: 'text' is empty; add the statement this node makes",
        "title: 'title' is empty; add a title for the map",
    ]
    for visible in (f"{text}a", f"a{text}", "\u200bé"):
        path.write_text(json.dumps({"title": "T", "thesis": {"text": visible}}), encoding="utf-8")
        m = load_map(path)
        assert m.nodes[0].text == visible
