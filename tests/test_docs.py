"""The README's example map is valid and like school-uniforms.yaml; the docs' links resolve."""

from __future__ import annotations

import re
from pathlib import Path

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


FENCE = re.compile(r"^(```|~~~).*?^\1", flags=re.S | re.M)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^()\s]+)\)")


def _anchors(text: str) -> set[str]:
    """The heading anchors GitHub makes for a Markdown file (numbered when repeated)."""
    seen: dict[str, int] = {}
    out = set()
    for heading in re.findall(r"^#{1,6} (.+?)\s*$", FENCE.sub("", text), flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.replace("`", "").lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        out.add(slug if count == 0 else f"{slug}-{count}")
    return out


def _anchors_of(path: Path) -> set[str]:
    return _anchors(path.read_text(encoding="utf-8"))


def _links(text: str) -> list[str]:
    """Every link target of a Markdown text, outside code blocks and code spans."""
    prose = re.sub(r"`[^`\n]*`", "code", FENCE.sub("", text))
    return LINK.findall(prose)


def test_relative_links_in_readme_and_docs_resolve() -> None:
    """A link to a moved section fails here, not in a reader's browser."""
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    checked = 0
    for source in files:
        for target in _links(source.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            dest = (source.parent / path).resolve() if path else source
            checked += 1
            if not dest.exists():
                broken.append(f"{source.name}: {target} (no such file)")
            elif anchor and dest.suffix == ".md" and anchor not in _anchors_of(dest):
                broken.append(f"{source.name}: {target} (no such heading)")
    assert checked > 50
    assert not broken, "\n".join(broken)


def test_the_anchor_rules_match_githubs() -> None:
    text = "# A: `--b` c\n\n```\n# not a heading\n```\n\n## A: `--b` c\n### Big maps, and limits\n"
    assert _anchors(text) == {"a---b-c", "a---b-c-1", "big-maps-and-limits"}
    text = "[x](a.md#b) `[y](c.md)` ![p](i.png)\n```\n[z](d.md)\n```\n"
    assert _links(text) == ["a.md#b", "i.png"]
