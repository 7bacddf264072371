"""The README's example map is a valid map, and the same as maps/school-uniforms.yaml in shape."""

from __future__ import annotations

import re

from argmap.load.maps import load_map
from argmap.load.parse import parse_text
from argmap.load.validate import validate_parsed
from tests.conftest import MAPS, ROOT


def _yaml_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", readme, flags=re.S)


def test_readme_example_map_is_valid() -> None:
    maps = [block for block in _yaml_blocks() if "thesis:" in block]
    assert maps, "the README shows a complete example map"
    for block in maps:
        m = validate_parsed(parse_text(block, "README.md"))
        assert m.thesis.text


def test_readme_example_matches_the_example_file() -> None:
    block = next(block for block in _yaml_blocks() if "thesis:" in block)
    shown = validate_parsed(parse_text(block, "README.md"))
    example = load_map(MAPS / "school-uniforms.yaml")
    assert [n.text for n in shown.nodes] == [n.text for n in example.nodes]
    assert [n.kind for n in shown.nodes] == [n.kind for n in example.nodes]
