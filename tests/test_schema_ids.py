"""The JSON Schema's id pattern takes every id ``validate`` takes, in Python and ECMAScript."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import cache

import jsonschema
import pytest
from pydantic import TypeAdapter, ValidationError

from argmap.load.schema import json_schema
from argmap.model.idchars import is_clean_id
from argmap.model.records import NodeId

IDS = [
    "cost",
    "a_1.2-b",
    "школы-должны-запретить-телефоны",
    "בתי-ספר-צריכים",
    "中文论点-学生",
    "한국어-전제-휴대폰은",
    "café-au-lait",
    "cafe\u0301-au-lait",  # e and a combining acute
    "हिन्दी-भाषा",
    "zalgo-z\u0337\u0322\u031ba\u0334\u0321\u035d-te\u1dcaxt",
    "𝒳-astral-letter",
    "ภาษาไทย",
]
NOT_IDS = ["a b", "-a", ".a", "a/b", "a:b", "a#b", "a,b", "", "a\tb", "a\u200bb"]
_NODE_ID = TypeAdapter(NodeId)


def _id_pattern() -> str:
    patterns = {
        entry["pattern"]
        for entry in _walk(json_schema())
        if isinstance(entry, dict) and entry.get("maxLength") == 200 and "pattern" in entry
    }
    assert len(patterns) == 1, patterns  # every id field has the one pattern
    return patterns.pop()


def _walk(value: object) -> list[object]:
    found, todo = [], [value]
    while todo:
        item = todo.pop()
        found.append(item)
        if isinstance(item, dict):
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


def _valid(id_: str) -> bool:
    try:
        _NODE_ID.validate_python(id_)
    except ValidationError:
        return False
    return True


def test_the_samples_are_what_validate_says() -> None:
    assert all(_valid(id_) for id_ in IDS)
    assert not any(_valid(id_) for id_ in NOT_IDS)


def test_python_jsonschema_takes_every_script_and_refuses_ascii_misspellings() -> None:
    schema = json_schema()
    for id_ in IDS:
        data = {"title": "T", "thesis": {"id": id_, "text": "T."}}
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    validator = jsonschema.Draft202012Validator(schema)
    for id_ in NOT_IDS:
        assert list(validator.iter_errors({"title": "T", "thesis": {"id": id_, "text": "T."}}))


@cache
def _one_character_ids() -> list[str]:
    """Every id of one character, and every ``a`` followed by one, that validate takes."""
    ids = []
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if is_clean_id(ch):
            ids.append(ch)
        if is_clean_id("a" + ch):
            ids.append("a" + ch)
    return ids


def test_python_re_takes_every_character_an_id_may_hold() -> None:
    pattern = re.compile(_id_pattern())
    ids = _one_character_ids()
    assert len(ids) > 200_000  # the letters of every script, and their marks
    refused = [id_ for id_ in [*ids, *IDS] if not pattern.search(id_)]
    assert refused == []
    assert not [id_ for id_ in NOT_IDS if pattern.search(id_)]


_NODE_SCRIPT = r"""
const [pattern, ids, bad] = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const flags of ["", "u"]) {
  const re = new RegExp(pattern, flags);
  out[flags || "none"] = [ids.filter((id) => !re.test(id)), bad.filter((id) => re.test(id))];
}
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_ecmascript_takes_every_character_an_id_may_hold_with_and_without_u() -> None:
    node = shutil.which("node")
    assert node is not None
    ids = [*_one_character_ids(), *IDS]
    given = json.dumps([_id_pattern(), ids, NOT_IDS])
    done = subprocess.run(
        [node, "-e", _NODE_SCRIPT], input=given, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == {"none": [[], []], "u": [[], []]}
