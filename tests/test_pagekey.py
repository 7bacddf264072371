"""The key of a paged diagram: every kind and arrow of every page, each sample drawn as it."""

from __future__ import annotations

import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters import RenderOptions, get_exporter
from argmap.exporters.diagram.engine import run_engine_svg
from argmap.exporters.diagram.formats import to_dot
from argmap.exporters.diagram.keydraw import draw_samples
from argmap.exporters.diagram.keysamples import kind_swatch, sample_code
from argmap.exporters.diagram.styles import DRAWN_EDGE, THEMES
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import NodeKind, Relation
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
UNIFORMS = MAPS / "school-uniforms.yaml"


def _pages(path_or_map: object, **options: object) -> list[str]:
    m = load_map(path_or_map) if not hasattr(path_or_map, "nodes") else path_or_map  # type: ignore[arg-type]
    pages = get_exporter("svg").render(m, analyze(m), RenderOptions(**options))  # type: ignore[arg-type]
    return [pages] if isinstance(pages, str) else list(pages)  # type: ignore[list-item]


def _key(pages: list[str]) -> str:
    (keyed,) = [page for page in pages if 'id="legend"' in page]
    return keyed.split('id="legend"')[1].split("</g>")[0]


def test_the_key_explains_the_kinds_of_later_pages() -> None:
    """On A4, page 1 of the uniforms drew thesis, reason and objection; page 2's evidence
    and rebuttal were never explained."""
    pages = _pages(UNIFORMS, fit="a4")
    assert len(pages) > 1 and 'id="legend"' in pages[0]
    key = _key(pages)
    for word in ("thesis", "reason", "evidence", "objection", "rebuttal", "box: a linked"):
        assert f">{word}" in key, word


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_the_key_explains_a_linked_group_drawn_only_on_a_later_page(fit: str) -> None:
    def reason(i: int) -> dict[str, object]:
        text = f"Sub-reason {i} is a longer statement that takes room on the page."
        return {"id": f"r{i}", "text": f"Reason {i} holds.", "premises": [{"text": text}] * 3}

    reasons = [reason(i) for i in range(4)]
    linked = [{"id": "a", "text": "One half."}, {"id": "b", "text": "The other half."}]
    reasons[3]["premises"] = [*reasons[3]["premises"], {"id": "g", "linked": linked}]  # type: ignore[misc]
    m = validate_data({"title": "T", "thesis": {"id": "t", "text": "Claim.", "premises": reasons}})
    pages = _pages(m, fit=fit)
    drawn = [i for i, page in enumerate(pages) if "cluster_group" in page]
    assert drawn and 0 not in drawn, "the group should be drawn on a later page only"
    assert "box: a linked reason" in _key(pages)


def test_the_flagships_first_slide_explains_every_slide() -> None:
    key = _key(_pages(FLAGSHIP, fit="slide"))
    for word in ("evidence", "rebuttal", "box: a linked", "dashed: cross", "arrow: attacks"):
        assert f">{word}" in key, word


@pytest.mark.parametrize("theme", ["default", "print", "contrast"])
def test_the_key_draws_its_arrows_as_the_arrows_they_name(theme: str) -> None:
    """The key said "bar-ended arrow to a dot" and "hollow arrow" beside plain arrows."""
    key = _key(_pages(UNIFORMS, fit="a4", theme=theme))
    assert "&#45;&#45;" not in key and "→" not in key  # every sample redrawn
    undercut = THEMES[theme][1][Relation.UNDERCUTS]
    assert "<ellipse" in key  # the dot at the bar's end
    assert f'stroke="{undercut.color}"' in key


def test_the_samples_drawing_follows_the_code() -> None:
    drawn = DRAWN_EDGE["default"]
    assert sample_code(drawn) == "==|&gt;"
    cell = f'<TR><TD><FONT COLOR="{drawn.color}">{sample_code(drawn)}</FONT></TD></TR>'
    source = f"digraph {{ legend [shape=plaintext id=legend label=<<TABLE>{cell}</TABLE>>] }}"
    svg = draw_samples(run_engine_svg(source))
    hollow = re.search(r'<polygon fill="white" stroke="(#\w+)"', svg)
    assert hollow is not None and hollow.group(1) == drawn.color
    assert "==" not in svg.split('id="legend"')[1]


def test_print_themes_thesis_and_reason_samples_differ() -> None:
    nodes = THEMES["print"][0]
    assert kind_swatch(nodes[NodeKind.THESIS]) != kind_swatch(nodes[NodeKind.PREMISE])
    assert kind_swatch(nodes[NodeKind.OBJECTION]) != kind_swatch(nodes[NodeKind.REBUTTAL])
    m = load_map(UNIFORMS)
    dot = to_dot(m, analyze(m), RenderOptions(theme="print"))
    assert 'BORDER="4"' in dot and 'STYLE="rounded"' in dot
