"""Maps argmap writes (``new``, ``import``): long prose folded, prose of several lines a block."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from argmap.cli import main
from argmap.load.dump import FOLD_WIDTH, dump_yaml
from argmap.load.maps import load_map

LONG = (
    "Second line of the claim, which is long enough to need folding when written out"
    " to a YAML map file by the importer, and then some more words to fold again."
)


def _aif(text: str) -> dict[str, object]:
    return {
        "nodes": [
            {"nodeID": "1", "text": text, "type": "I"},
            {"nodeID": "2", "text": LONG, "type": "I"},
            {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        ],
        "edges": [
            {"edgeID": "1", "fromID": "2", "toID": "3"},
            {"edgeID": "2", "fromID": "3", "toID": "1"},
        ],
        "locutions": [],
    }


def test_an_imported_map_writes_lines_as_a_block_and_long_text_folded(tmp_path: Path) -> None:
    """A claim of two lines was written as one escaped line ("...\\nSecond..."), and a
    long claim on one line of 160 columns; a person editing the file writes neither."""
    source = tmp_path / "claims.json"
    source.write_text(json.dumps(_aif("First line of the claim.\nIts second line.")), "utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "m.yaml")])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "m.yaml").read_text("utf-8")
    assert "text: |-\n    First line of the claim.\n    Its second line.\n" in text
    assert "\\n" not in text
    assert "text: >-\n" in text and max(map(len, text.splitlines())) <= FOLD_WIDTH
    m = load_map(tmp_path / "m.yaml")
    assert m.thesis.text == "First line of the claim.\nIts second line."
    assert [node.text for node in m.nodes][1] == LONG


def test_short_prose_and_other_fields_stay_on_their_line() -> None:
    """Only a ``text`` or ``note`` too long for its line is folded; a quote never is."""
    data = {"id": "a", "text": "Short.", "quote": LONG, "note": LONG}
    written = dump_yaml(data)
    assert written.startswith("id: a\ntext: Short.\nquote: " + LONG + "\nnote: >-\n")


_PIECES = st.sampled_from([*"ab #:-'\"\t\n ", "  ", "é", "x" * 30, "\u00a0", "|", ">", "- "])
_PROSE = st.lists(_PIECES, max_size=60).map("".join) | st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(_PROSE, _PROSE, st.integers(0, 3))
def test_prose_reads_back_as_written_at_any_depth(text: str, note: str, depth: int) -> None:
    """Folded, as a block or quoted, both parsers read each value back unchanged."""
    node: dict[str, object] = {"text": text, "note": note, "premises": [{"id": "x", "text": text}]}
    for _ in range(depth):
        node = {"id": "t", "premises": [node], "objections": [{"text": note}]}
    written = dump_yaml({"title": "t", "thesis": node})
    for kind in ("safe", "rt"):
        assert YAML(typ=kind).load(written)["thesis"] == node
