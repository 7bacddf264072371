"""Import found on real files: SADFace told apart from AIF, lone roots, support cycles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.interop.sniff import sniff
from tests.conftest import write

# The shape of SADFace (the example arguebuf's tests read): nodes with an 'id' and a
# 'type' of atom or scheme, edges with 'source_id' and 'target_id'.
_SADFACE = {
    "edges": [
        {"id": "e1", "source_id": "a2", "target_id": "s1"},
        {"id": "e2", "source_id": "s1", "target_id": "a1"},
    ],
    "metadata": {"core": {"title": "Hangback", "version": "0.2"}},
    "nodes": [
        {"id": "a1", "metadata": {}, "sources": [], "text": "Withdraw it.", "type": "atom"},
        {"id": "s1", "metadata": {}, "name": "support", "type": "scheme"},
        {"id": "a2", "metadata": {}, "sources": [], "text": "It misleads.", "type": "atom"},
    ],
    "resources": [],
}


# -- SADFace -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_SADFACE, "sadface"),
        ({**_SADFACE, "edges": []}, "sadface"),  # its nodes say it
        ({"nodes": [], "edges": [], "metadata": {"core": {}}}, "sadface"),  # empty: its core
        ({"nodes": [], "edges": []}, "aif"),
        ({"nodes": [{"nodeID": "1", "type": "I", "id": "x"}], "edges": []}, "aif"),
        ({"nodes": [{"id": "1", "type": "atom"}], "edges": [{"fromID": "1"}]}, "aif"),
    ],
)
def test_sadface_is_told_apart_from_aif(data: object, expected: str) -> None:
    assert sniff(json.dumps(data, indent=2)) == expected


@pytest.mark.parametrize("options", [[], ["--from", "aif"], ["--from", "argdown"]])
def test_sadface_is_refused_with_how_to_convert_it(
    tmp_path: Path, runner: CliRunner, options: list[str]
) -> None:
    """SADFace has 'nodes' and 'edges' too: it was read as AIF and refused with
    "nodes[0] has no 'nodeID'; give every node an id", as if the file were broken AIF."""
    source = write(tmp_path, "hangback.json", json.dumps(_SADFACE, indent=2))
    out = tmp_path / "out.yaml"
    result = runner.invoke(main, ["import", str(source), "-o", str(out), *options])
    assert result.exit_code == 1, result.output
    said = {
        "aif": "this is not AIF JSON: it looks like",
        "argdown": "this is not Argdown: it looks like",
    }
    opening = said[options[1]] if options else "this looks like"
    assert result.output == (
        f"{source}:1:1: {opening} SADFace JSON (nodes with an 'id' and a 'type' of atom or "
        "scheme, not AIF's 'nodeID'); argmap does not read SADFace: convert it to AIF with "
        "arguebuf, then import that file\n"
    )
    assert not out.exists()
