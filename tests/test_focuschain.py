"""One drawing of a deep focus: the thesis and the nearest claims, the rest said, not drawn."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.standing import analyze
from argmap.analysis.view import CHAIN_NEAREST, CHAIN_WHOLE
from argmap.cli import main
from argmap.exporters.diagram.focuschain import cut_chain
from argmap.exporters.diagram.formats import render_svg, to_dot
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS
from tests.deepmaps import deep_chain

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
_NODE = re.compile(r'<g id="node&#45;([^"]+)" class="node')


def _drawn(svg: str) -> list[str]:
    return _NODE.findall(svg)


def test_a_focus_thousands_of_levels_deep_draws_a_few_boxes_not_thousands() -> None:
    """Its 4,000 ancestors were drawn as 4,000 boxes in a column (a 6.6 MB SVG)."""
    m = deep_chain(4010)
    svg = render_svg(m, analyze(m), RenderOptions(focus="n4000", depth=1))
    drawn = _drawn(svg)
    assert sorted(drawn) == sorted(["n0", "n3996", "n3997", "n3998", "n3999", "n4000", "n4001"])
    assert len(svg) < 60_000
    elided = svg.split('class="edge elided">')
    assert len(elided) == 2
    line = elided[1].split('<g id="node')[0]
    assert "<title>n3996&#45;&gt;n0</title>" in line  # from the farthest drawn to the thesis
    assert ">   3,995 claims between</text>" in html.unescape(line).replace("\xa0", " ")


@pytest.mark.parametrize("above", [CHAIN_WHOLE - 1, CHAIN_WHOLE, CHAIN_WHOLE + 1, 40])
def test_a_chain_of_up_to_ten_claims_is_drawn_whole(above: int) -> None:
    m = deep_chain(above + 3)
    focus = f"n{above}"
    options = RenderOptions(focus=focus, depth=1)
    dot = to_dot(m, analyze(m), options)
    drawn = set(re.findall(r'^\s*"?(n\d+)"? \[', dot, re.M))
    chain = {f"n{i}" for i in range(above)}
    if above <= CHAIN_WHOLE:
        assert chain <= drawn and "elided" not in dot
        return
    nearest = {f"n{i}" for i in range(above - CHAIN_NEAREST, above)}
    assert drawn & chain == nearest | {"n0"}
    count = above - CHAIN_NEAREST - 1
    assert f'label="   {count} claims between"' in dot
    kept, elision = cut_chain(m, options, list(m.nodes))
    assert elision is not None and elision.left_out == count
    assert (elision.below, elision.thesis) == (f"n{above - CHAIN_NEAREST}", "n0")
    assert len(kept) == len(m.nodes) - count


def test_one_drawing_keeps_as_many_claims_as_a_breadcrumb() -> None:
    from argmap.exporters.diagram.pagetree import TRAIL_ROWS

    assert CHAIN_NEAREST == TRAIL_ROWS - 2  # the thesis and the nearest, as pages list them


def test_the_flagship_focus_drawings_are_unchanged() -> None:
    """Its deepest claim has six above it: every chain is drawn whole, as before."""
    m = load_map(FLAGSHIP)
    for node in m.nodes:
        options = RenderOptions(focus=node.id)
        kept, elision = cut_chain(m, options, list(m.nodes))
        assert elision is None and kept == list(m.nodes)


def test_a_deep_focus_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    lines = ["title: Deep", "thesis:", "  text: Claim 0.", "  id: n0"]
    indent = "  "
    for i in range(1, 30):
        lines += [f"{indent}premises:", f"{indent}  - id: n{i}", f"{indent}    text: Claim {i}."]
        indent += "    "
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["render", str(path), "--focus", "n25", "-f", "svg,dot", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    svg = (out / "deep.svg").read_text(encoding="utf-8")
    assert sorted(_drawn(svg)) == sorted(["n0", *(f"n{i}" for i in range(21, 30))])
    assert "20 claims between" in svg
    assert "20 claims between" in (out / "deep.dot").read_text(encoding="utf-8")
