"""Cross-links arriving from other pages, and stubs' standings with --status."""

from __future__ import annotations

import html
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import geometry
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import Layout, lay_out
from argmap.options import RenderOptions
from tests.test_pagerefs import CASES, _linked


def _laid(fit: str, direction: str, status: bool = False) -> Layout:
    m = _linked()
    options = RenderOptions(direction=direction, status=status)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]


def _node(svg: str, name: str) -> str:
    """The SVG group of the node titled ``name``."""
    found = re.search(rf"<title>{re.escape(name)}</title>(.*?)</g>\n(?:</g>\n)*", svg, re.S)
    assert found is not None, name
    return found.group(1)


@pytest.mark.parametrize(("fit", "direction"), CASES)
def test_a_cross_link_from_another_page_shows_on_its_targets_page(
    fit: str, direction: str
) -> None:
    """r1 (drawn on its own page) cross-links to r0: r0's page said nothing of it, so the
    reader of r0's page never learnt of the link. It shows a reference to r1's page now,
    linked to it, its arrow into r0, crossing no edge,."""
    layout = _laid(fit, direction)
    home = {n: p.plan.page.number for p in layout.pages for n in p.plan.page.nodes}
    assert home["r0"] != home["r1"]
    page = next(p for p in layout.pages if "r0" in p.plan.page.nodes)
    found = geometry.boxes(page.svg)
    assert "from r1 r0" in found
    drawn = _node(page.svg, "from r1 r0")
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn)]
    assert texts[0] == f"supported from p. {home['r1']}"
    assert f'href="#page-{home["r1"]}"' in drawn
    [edge] = geometry.reference_edges(page.svg, "from ")
    x, y = edge.points[-1]  # the arrow ends at r0
    target = found["r0"]
    assert (
        target.left - 12 <= x <= target.right + 12 and target.top - 12 <= y <= target.bottom + 12
    )
    assert geometry.reference_crossings(page.svg) == 0


def test_links_arriving_at_one_node_one_way_share_one_reference() -> None:
    """The flagship's 'reward' reason is supported by two reports drawn on two other
    slides: a box a link put two side by side under it, and the linked group it belongs
    to no longer left room for the objection after it. One box says both pages, links to
    the first and gives each source's page and statement in its tooltip."""
    from argmap.load.maps import load_map
    from tests.conftest import MAPS

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(), "slide", find_engine("auto"))
    home = {n: p.plan.page.number for p in layout.pages for n in p.plan.page.nodes}
    page = next(p for p in layout.pages if "russia-rewards-pyongyang" in p.plan.page.nodes)
    found = geometry.boxes(page.svg)
    names = [b for b in found if b.endswith(" russia-rewards-pyongyang")]
    assert names == ["from debt-write-off-nknews russia-rewards-pyongyang"]
    drawn = _node(page.svg.replace("&#45;", "-"), names[0])
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn)]
    pages = sorted({home["debt-write-off-nknews"], home["debt-write-off-reuters"]})
    assert texts == ["supported from p. " + ", ".join(map(str, pages))]
    assert f'href="#page-{pages[0]}"' in drawn
    told = f"from p. {home['debt-write-off-nknews']}, {home['debt-write-off-reuters']}: "
    assert told in html.unescape(drawn)


def test_a_stub_with_status_shows_its_standing_and_no_out_border() -> None:
    """With --status a dashed border means "out", and every stub was dashed: a branch
    that stands read as out. A stub shows its first node's standing and its border."""
    layout = _laid("slide", "TB", status=True)
    first = layout.pages[0]
    assert first.plan.page.stubs
    for stub in first.plan.page.stubs:
        drawn = _node(first.svg, stub.name)
        texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn)]
        assert texts[0] == "[IN]", texts
        assert "stroke-dasharray" not in drawn


def test_a_stub_without_status_stays_dashed() -> None:
    """Without --status a stub keeps its dashed look and has no standing."""
    first = _laid("slide", "TB").pages[0]
    for stub in first.plan.page.stubs:
        drawn = _node(first.svg, stub.name)
        assert "stroke-dasharray" in drawn and "[IN]" not in drawn


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_upright_pages_show_an_arriving_link_at_its_source_only(fit: str) -> None:
    """An upright page's rows hold about one box: an arriving reference there cost the
    flagship two upright slides and turned an undercutter's arrow onto a box. The link
    shows at its source, as an outgoing reference, and nowhere as an arriving one."""
    m = _linked()
    options = RenderOptions(portrait=True)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    svgs = "".join(page.svg for page in layout.pages)
    assert "<title>ref r1 r0</title>" in svgs
    assert "<title>from " not in svgs


def test_a_linked_groups_stub_shows_the_groups_standing_not_its_first_premises() -> None:
    """The flagship's overview drew "Russia rewards North Korea ... (linked)" as [IN] with a
    solid border: its first premise stands, but its co-premise is out, so the group does
    not support the thesis (the HTML page said so). A linked group's stub shows its
    weakest premise's standing; a stub of one reason still shows that reason's."""
    from argmap.exporters.diagram.styles import STANDING_LABEL, drawn_standings
    from argmap.load.maps import load_map
    from tests.conftest import MAPS

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    analysis = analyze(m)
    layout = lay_out(m, analysis, RenderOptions(status=True), "slide", find_engine("auto"))
    groups = {g: [n.id for n in members] for g, members in m.groups().items()}
    drawn = drawn_standings(analysis.standing, analysis.link_standing, groups)
    first = layout.pages[0]
    linked = [stub for stub in first.plan.page.stubs if len(stub.tops) > 1]
    assert len(linked) == 2
    for stub in first.plan.page.stubs:
        box = _node(first.svg.replace("&#45;", "-"), stub.name)
        texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", box)]
        if stub in linked:
            own = [drawn[top] for top in stub.tops]
            assert "out" in own and drawn[stub.tops[0]] != "out"  # the first premise is not
            assert texts[0] == "[OUT]", texts
            assert "stroke-dasharray" in box  # out's border: dashed
        else:
            assert texts[0] == "[" + STANDING_LABEL[drawn[stub.tops[0]]] + "]", texts
