"""Cross-links arriving from other pages, and stubs' standings with --status."""

from __future__ import annotations

import html
import re
from pathlib import Path

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
    that stands read as out. A stub shows its first node's standing and its border, atop
    its words with its kind, as a box's header (``REASON [IN]``)."""
    from argmap.analysis.view import draw_kind
    from argmap.exporters.diagram.stubstatus import stub_word

    m = _linked()
    layout = _laid("slide", "TB", status=True)
    first = layout.pages[0]
    assert first.plan.page.stubs
    for stub in first.plan.page.stubs:
        drawn = _node(first.svg, stub.name)
        texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn)]
        top = m.get(stub.tops[0])
        assert texts[0] == f"{stub_word(top, draw_kind(m, top))} [IN]", texts
        assert "stroke-dasharray" not in drawn


def test_a_stub_without_status_stays_dashed() -> None:
    """Without --status a stub keeps its dashed look and has no standing."""
    first = _laid("slide", "TB").pages[0]
    for stub in first.plan.page.stubs:
        drawn = _node(first.svg, stub.name)
        assert "stroke-dasharray" in drawn and "[IN]" not in drawn


def _on_its_rank(page_svg: str, name: str, target: str) -> None:
    """The reference ``name`` sits beside ``target``, on its rank, its arrow into its side."""
    found = geometry.boxes(page_svg)
    box, into = found[name], found[target]
    assert box.top < into.bottom and box.bottom > into.top  # on the target's rank
    assert box.right <= into.left or box.left >= into.right  # beside it, not over it
    [edge] = geometry.reference_edges(page_svg, "from ")
    side = min(abs(x - into.left) for x, _ in edge.points)  # its arrow at the target's side
    assert side <= 16 and all(into.top <= y <= into.bottom for _, y in edge.points)


@pytest.mark.parametrize("fit", ["a4", "letter"])
def test_upright_pages_show_an_arriving_link_beside_its_target(fit: str) -> None:
    """Upright pages drew no arriving reference (a row more below the target cost pages):
    r0's page now shows r1's link beside r0, on its rank, and every page keeps the floor."""
    m = _linked()
    options = RenderOptions(portrait=True)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    home = {n: p.plan.page.number for p in layout.pages for n in p.plan.page.nodes}
    page = next(p for p in layout.pages if "r0" in p.plan.page.nodes)
    drawn = _node(page.svg, "from r1 r0")
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn)]
    assert texts == ["supported from", f"p. {home['r1']}"]  # two short lines, beside it
    assert f'href="#page-{home["r1"]}"' in drawn
    _on_its_rank(page.svg, "from r1 r0", "r0")
    assert geometry.reference_crossings(page.svg) == 0
    assert all(layout.scale(p) >= layout.budget.scale - 1e-9 for p in layout.pages)


# Letter 29 (28 before undercutters ended on their links everywhere: the replanning for
# pages of one statement alone takes another path and keeps the plan of 29); A4 29 and
# Letter 28 since the two conclusions drawn apart share page 2, their ranks closer; Letter
# 27 since a lone page's statement goes on its stub's page, its ranks closer (lonerows); 26
# since tops hung from two breadcrumb rows keep the rows they wrap into (an undercutter alone).
@pytest.mark.parametrize(("fit", "pages"), [("a4", 29), ("letter", 26)])
def test_the_upright_flagships_thesis_page_says_it_is_attacked_from_another_page(
    fit: str, pages: int
) -> None:
    """On upright A4 or Letter the thesis's page gave no sign that 'russia-voted-sanctions',
    drawn pages later, attacks the thesis (A4 30 pages, Letter 29 then). Beside the
    thesis, on its rank, a box says ``attacked from p. N`` and links to that page; its
    arrow is the link's own, into the thesis's side (no other arrow ends at the box), and
    every page keeps the floor."""
    from argmap.load.maps import load_map
    from tests.conftest import MAPS

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(portrait=True)
    layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
    assert len(layout.pages) == pages
    home = {n: p.plan.page.number for p in layout.pages for n in p.plan.page.nodes}
    thesis, source = "anti-americanism-drives-russia", "russia-voted-sanctions"
    page = layout.pages[home[thesis] - 1]
    name = f"from {source} {thesis}"
    svg = page.svg.replace("&#45;", "-")
    drawn = _node(svg, name)
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", drawn)]
    assert " ".join(texts) == f"attacked from p. {home[source]}"
    assert f'href="#page-{home[source]}"' in drawn
    _on_its_rank(svg, name, thesis)
    dot = page.graph.source
    assert dot.count(f'-> "{name}"') == 0  # no arrow turned onto the box
    assert dot.count(f'"{name}" -> ') == 1
    assert geometry.crossings(svg) == 0
    assert all(layout.scale(p) >= layout.budget.scale - 1e-9 for p in layout.pages)


def test_an_arriving_reference_too_wide_beside_its_target_is_left_out() -> None:
    """Beside its target the reference may be wider than the page holds at the floor:
    the planner does not count it, the page does not draw it, and the link shows at its
    source. A linked group's members are counted with references on both sides of its
    box (the engine hangs them either side): the flagship's linked pairs have theirs on
    upright A4 and Letter, not on upright slides (a pair was split over two slides); nor
    has the thesis there (its stubs were crowded into one), and the slides are as before
    but one fewer: the key, wrapped in two columns, no longer takes a slide of its own;
    and one fewer again (30), leaves drawn beside their parent where a slide has room
    (upright A4 and Letter one fewer too: the conclusions drawn apart share page 2; Letter
    and slides one fewer again, a lone page's statement drawn on its stub's page)."""
    from argmap.exporters.diagram.arriving import beside_width, fits_beside
    from argmap.load.maps import load_map
    from tests.conftest import MAPS

    assert fits_beside(250, [100], 440, False)  # 250 + 25.2 + 100 <= 0.86 * 440
    assert not fits_beside(250, [100, 20], 440, False)
    assert not fits_beside(250, [100], 420, True)  # 250 + 2 * 125.2 > 420
    assert fits_beside(150, [100], 420, True)
    assert beside_width((250, 60), [(100, 20)], 440, False) == (125.2, 20)
    assert beside_width((300, 60), [(100, 20)], 440, False) == (0.0, 0.0)
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    for fit, count in (("a4", 7), ("letter", 7), ("slide", 0)):
        options = RenderOptions(portrait=True)
        layout = lay_out(m, analyze(m), options, fit, find_engine("auto"))  # type: ignore[arg-type]
        svgs = "".join(page.svg for page in layout.pages).replace("&#45;", "-")
        assert svgs.count('page-ref incoming"') == count, fit
        on = "<title>from putin-warning-seoul no-gesture-by-november-2013</title>" in svgs
        assert on == (fit != "slide")
        assert len(layout.pages) == {"a4": 29, "letter": 26, "slide": 29}[fit]


def test_the_upright_pdfs_thesis_page_links_its_arriving_reference(tmp_path: Path) -> None:
    """In the upright A4 PDF, page 1's ``attacked from`` / ``p. N`` is a link to page N,
    over those words."""
    from argmap.exporters.diagram.formats import render_pdf
    from argmap.load.maps import load_map
    from tests.conftest import MAPS
    from tests.test_pdf_keylink import _links, _words

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    data = render_pdf(m, analyze(m), RenderOptions(fit="a4", portrait=True))
    path = tmp_path / "upright.pdf"
    path.write_bytes(data)
    words = _words(path, 1)
    texts = [word[0] for word in words]
    at = texts.index("attacked")
    assert texts[at + 1 : at + 3] == ["from", "p."]
    source_page = int(texts[at + 3])
    _, links, _ = _links(data)
    (x0, y0, x1, y1), height = (words[at][1:5], 841.89)
    found = [
        rect
        for page, rect in links
        if page == source_page
        and rect[0] <= x0
        and rect[2] >= x1
        and height - rect[3] <= y0
        and height - rect[1] >= y1
    ]
    assert found, (source_page, links)


def test_left_to_right_an_upright_pages_reference_sits_in_its_targets_column() -> None:
    """Left to right a rank is a column: the thesis's reference sits above it, in its
    column. A linked group's members get none: the engine put them above and below the
    group's box, the first member's below, and their arrows crossed."""
    from argmap.load.maps import load_map
    from tests.conftest import MAPS

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    options = RenderOptions(portrait=True, direction="LR")
    layout = lay_out(m, analyze(m), options, "slide", find_engine("auto"))
    assert len(layout.pages) == 34  # as before
    svg = layout.pages[0].svg.replace("&#45;", "-")
    found = geometry.boxes(svg)
    box, thesis = (
        found["from russia-voted-sanctions anti-americanism-drives-russia"],
        found["anti-americanism-drives-russia"],
    )
    assert box.bottom <= thesis.top and box.right > thesis.left and box.left < thesis.right
    svgs = "".join(page.svg for page in layout.pages).replace("&#45;", "-")
    grouped = {n.id for n in m.nodes if n.group is not None}
    names = re.findall(r"<title>from \S+ (\S+)</title>", svgs)
    assert names and not grouped & set(names)
    assert all(layout.scale(p) >= layout.budget.scale - 1e-9 for p in layout.pages)


def test_a_linked_groups_stub_shows_the_groups_standing_not_its_first_premises() -> None:
    """The flagship's overview drew "Russia rewards North Korea ... (linked)" as [IN] with a
    solid border: its first premise stands, but its co-premise is out, so the group does
    not support the thesis (the HTML page said so). A linked group's stub shows its
    weakest premise's standing; a stub of one reason still shows that reason's (with its
    kind, ``REASON [IN]``). Over the
    first premise's words alone, `[OUT]` read as that premise's standing (it is in): the
    tag says the standing is the linked reason's, `LINKED REASON [OUT]`."""
    from argmap.analysis.view import draw_kind
    from argmap.exporters.diagram.stubstatus import stub_word
    from argmap.exporters.diagram.styles import STANDING_LABEL, drawn_standings
    from argmap.load.maps import load_map
    from tests.conftest import MAPS

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    analysis = analyze(m)
    layout = lay_out(m, analysis, RenderOptions(status=True), "slide", find_engine("auto"))
    drawn = drawn_standings(analysis.standing, analysis.link_standing, m.groups())
    first = layout.pages[0]
    linked = [stub for stub in first.plan.page.stubs if len(stub.tops) > 1]
    assert len(linked) == 2
    for stub in first.plan.page.stubs:
        box = _node(first.svg.replace("&#45;", "-"), stub.name)
        texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", box)]
        if stub in linked:
            own = [drawn[top] for top in stub.tops]
            assert "out" in own and drawn[stub.tops[0]] != "out"  # the first premise is not
            assert texts[0] == "LINKED REASON [OUT]", texts
            assert "stroke-dasharray" in box  # out's border: dashed
        else:  # its kind, as a box's header, and its own standing
            top = m.get(stub.tops[0])
            label = STANDING_LABEL[drawn[stub.tops[0]]]
            assert texts[0] == f"{stub_word(top, draw_kind(m, top))} [{label}]", texts
