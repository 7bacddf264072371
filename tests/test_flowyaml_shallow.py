"""Argdown data blocks: one shallow line parsed on the caller's stack, deep ones on a big one."""

from __future__ import annotations

import pytest

from argmap.interop import flowyaml
from argmap.interop.flowyaml import SHALLOW_NESTING, load_flow


def test_a_shallow_line_starts_no_deep_stack_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every data block started a thread with a 512 MB stack (about 2 ms): 6,000 of them
    were most of an Argdown import of 3,000 linked groups."""
    started: list[object] = []

    def counted(fn: object) -> object:
        started.append(fn)
        return fn() if callable(fn) else None

    monkeypatch.setattr("argmap.deep.run_deep", counted)
    assert load_flow('{kind: "evidence", citation: {outlet: "A", date: "May 1"}}') == {
        "kind": "evidence",
        "citation": {"outlet": "A", "date": "May 1"},
    }
    assert started == []
    nested = "[" * SHALLOW_NESTING + "1" + "]" * SHALLOW_NESTING
    assert load_flow(nested) is not None and started == []
    deeper = "[" * (SHALLOW_NESTING + 1) + "1" + "]" * (SHALLOW_NESTING + 1)
    assert load_flow(deeper) is not None and len(started) == 1  # deeper: on the big stack
    assert load_flow("a: 1\nb: [2]\n") == {"a": 1, "b": [2]} and len(started) == 2  # lines


def test_a_deep_block_still_parses_and_a_bad_one_is_located() -> None:
    expected: list[object] = []
    for _ in range(149):
        expected = [expected]
    assert load_flow("[" * 150 + "]" * 150) == expected
    with pytest.raises(flowyaml.FlowError) as raised:
        load_flow('{kind: "evidence", citation: {outlet: "A"}')
    assert raised.value.line == 0
