"""Pages of a focus start at it: the claims above it are the breadcrumb, not boxes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.standing import analyze
from argmap.analysis.view import focus_context
from argmap.cli import main
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import LaidPage, lay_out
from argmap.exporters.diagram.pagetree import TRAIL_ROWS
from argmap.load.maps import load_map
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import CASES, MAPS
from tests.deepmaps import deep_chain

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
CHAIN = (
    "anti-americanism-drives-russia",
    "russias-korean-game",
    "moscow-more-openly-supportive",
    "russia-backs-pyongyang-security",
)


def _pages(m: ArgumentMap, fit: str = "slide", **focus: object) -> list[LaidPage]:
    options = RenderOptions(**focus)  # type: ignore[arg-type]
    return lay_out(m, analyze(m), options, fit, find_engine("auto")).pages  # type: ignore[arg-type]


def test_a_debater_focus_is_one_slide_under_its_chain_of_claims() -> None:
    """Drawn as boxes, the chain took page 1 and the focus went on page 2 (flagship, slides)."""
    m = load_map(FLAGSHIP)
    pages = _pages(m, focus="russia-blames-us", depth=2)
    assert len(pages) == 1
    page = pages[0].plan.page
    assert page.tops == ("russia-blames-us",)
    assert page.trail == CHAIN  # the thesis down to the focus's parent, as breadcrumb rows
    assert not set(CHAIN) & set(page.nodes)  # not drawn as boxes
    assert set(page.nodes) == {
        "russia-blames-us",
        "lavrov-blasts-us",
        "lavrov-talks-without-preconditions",
    }
    assert page.key[0], "page 1 keeps its key"
    svg = pages[0].svg
    trail = svg[svg.index('id="trail"') :]
    trail = trail[: trail.index("</g>\n</g>")]
    assert "THESIS: Russia" in trail and "#page-" not in trail  # drawn on no page: no link


def test_a_linked_premise_keeps_its_group_under_its_parent() -> None:
    """Pages start at the group, its parent in the breadcrumb (they started at the parent)."""
    m = load_map(FLAGSHIP)
    root, lead = focus_context(m, RenderOptions(focus="moscow-more-openly-supportive"), 5)
    assert root == "pyongyang-changed-course"  # the group's first premise
    assert lead == ("anti-americanism-drives-russia", "russias-korean-game")
    pages = _pages(m, focus="moscow-more-openly-supportive")
    first = pages[0].plan.page
    assert first.tops == ("pyongyang-changed-course", "moscow-more-openly-supportive")
    assert first.trail == lead and not set(lead) & set(first.nodes)
    drawn = {node for laid in pages for node in laid.plan.page.nodes}
    assert "russia-backs-pyongyang-security" in drawn  # the focus's own branch
    assert "no-gesture-by-november-2013" not in drawn  # the co-premise's branch: not the focus's


GROUP_UNDER_THESIS = """\
title: A group under the thesis
thesis:
  id: t
  text: The thesis.
  premises:
    - id: plain
      text: A plain reason, not the focus.
    - id: both
      linked:
        - id: one
          text: The first co-premise.
          premises: [{BRANCH_ONE}]
        - id: two
          text: The second co-premise.
          premises: [{BRANCH_TWO}]
"""


def _group_map(folder: Path) -> ArgumentMap:
    """A linked group under the thesis, each premise with more reasons than a page holds."""

    def branch(name: str) -> str:
        kids = ", ".join(
            f"{{id: {name}-{i}-o, text: An objection to reason {name} {i} long enough to wrap.}}"
            for i in range(2)
        )
        return ", ".join(
            f"{{id: {name}-{i}, text: Reason {name} {i} for the co-premise and long enough to "
            f"wrap onto two lines., objections: [{kids.replace('-o', f'-{i}-o')}]}}"
            for i in range(4)
        )

    text = GROUP_UNDER_THESIS.replace("{BRANCH_ONE}", branch("one"))
    path = folder / "group.yaml"
    path.write_text(text.replace("{BRANCH_TWO}", branch("two")), encoding="utf-8")
    return load_map(path)


@pytest.mark.parametrize(("focus", "whole"), [("one", True), ("two", False)])
def test_a_group_under_the_thesis_is_page_one_not_a_stub(
    focus: str, whole: bool, tmp_path: Path
) -> None:
    """Page 1 held the thesis and one stub of the group ("+41 more"): the group went on p. 2.

    ``whole``: the focus named the group (``--focus both``), its first premise standing for it.
    """
    m = _group_map(tmp_path)
    pages = _pages(m, "a4", focus=focus, focus_group=whole)
    first = pages[0].plan.page
    assert first.tops == ("one", "two") and first.trail == ("t",)
    assert {"one", "two"} <= set(first.nodes) and "t" not in first.nodes
    assert all(stub.parent in first.nodes for stub in first.stubs)
    for laid in pages[1:]:  # below it, the breadcrumb runs from the thesis through the group
        assert laid.plan.page.trail[0] == "t"
        assert {"one", "two"} & set(laid.plan.page.trail)
    assert '"#page-' not in pages[0].svg.split('id="trail"')[1].split("</g>\n</g>")[0]


def test_the_thesis_as_focus_is_the_overview() -> None:
    m = load_map(FLAGSHIP)
    assert focus_context(m, RenderOptions(focus="anti-americanism-drives-russia"), 5)[1] == ()
    pages = _pages(m, focus="anti-americanism-drives-russia", depth=1)
    assert pages[0].plan.page.trail == () and pages[0].plan.page.tops[0] == CHAIN[0]


def test_a_focus_thousands_of_levels_deep_is_a_page_not_hundreds() -> None:
    """Its 4,000 ancestors drawn in full made a 691-page PDF."""
    m = deep_chain(4010)
    pages = _pages(m, "a4", focus="n4000", depth=3)
    assert len(pages) <= 2
    first = pages[0].plan.page
    assert first.tops == ("n4000",)
    assert first.trail == ("n0", "n3996", "n3997", "n3998", "n3999")
    assert len(first.trail) == TRAIL_ROWS - 1
    assert "… REASON: Claim 3996" in pages[0].svg  # the levels left out, said


def test_focus_pages_through_the_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["render", str(FLAGSHIP), "-f", "png,pdf", "--focus", "russia-blames-us", "--depth", "2"]
        + ["-o", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "russias-game-in-north-korea.pdf",
        "russias-game-in-north-korea.png",
    ]
    pdf = (tmp_path / "russias-game-in-north-korea.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


@pytest.mark.parametrize(("fit", "portrait"), [("a4", True), ("slide", True), ("a4", False)])
def test_pages_deep_below_a_focus_hang_from_their_parent(fit: str, portrait: bool) -> None:
    """A focus's context took every breadcrumb row but one on the pages below it: a top's
    parent was left out, and a stub of its siblings stopped the render with an internal
    error (a label worksheet on upright pages: the sheet's order leaves them after it)."""
    m = deep_chain(60)
    for focus in ("n20", "n35"):
        for laid in _pages(m, fit, focus=focus, portrait=portrait):
            page = laid.plan.page
            assert len(page.trail) <= TRAIL_ROWS
            placed = set(page.trail) | set(page.nodes)
            assert all(m.get(top).parent in placed for top in page.tops if top != focus)
            assert all(stub.parent in placed for stub in page.stubs)
            if page.number > 1:
                assert page.trail[0] == "n0" and focus in page.trail  # thesis, and the focus


def test_a_label_worksheet_of_a_deep_focus_on_upright_pages(tmp_path: Path) -> None:
    chain = CASES / "chain14o.json"
    args = ["render", str(chain), "-f", "pdf", "--portrait", "--focus", "c5"]
    result = CliRunner().invoke(main, [*args, "--exercise", "label", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "chain14o.exercise.pdf").exists()


def test_a_linked_group_s_id_is_a_focus(tmp_path: Path) -> None:
    """`argmap show` lists a group by its id (`& linked [affordable]`); --focus refused it."""
    path = MAPS / "standing-example.yaml"
    runner = CliRunner()
    shown = runner.invoke(main, ["show", str(path), "--focus", "affordable"])
    assert shown.exit_code == 0, shown.output
    assert [line.split("] ")[0] for line in shown.output.splitlines()] == [
        "# focus: the linked group affordable",
        "+ premise [overtime-only",
        "+ premise [budget-room",
        "  - objection [budget-committed",
        "    ~ rebuttal [book-fund-underspent",
    ]
    for focus in ("affordable", "overtime-only"):
        out = tmp_path / focus
        args = ["render", str(path), "--focus", focus, "-f", "svg,html", "-o", str(out)]
        assert runner.invoke(main, args).exit_code == 0
    # The group's id draws every member's branch, as `show` lists it; a member's id draws
    # its own branch, its co-premise kept as context (a box, without what hangs under it).
    below = ("Every line of the budget is already committed.", "The book fund was underspent")
    for suffix in ("svg", "html"):
        group = (tmp_path / "affordable" / f"standing-example.{suffix}").read_text()
        member = (tmp_path / "overtime-only" / f"standing-example.{suffix}").read_text()
        assert all(text in group for text in below), suffix
        assert not any(text in member for text in below), suffix
        assert "The budget has room for that overtime." in group and "room" in member
    typo = runner.invoke(main, ["render", str(path), "--focus", "afordable", "-o", str(tmp_path)])
    assert typo.exit_code == 2 and "(did you mean 'affordable'?)" in typo.output
    assert runner.invoke(main, ["show", str(path), "--focus", "afordable"]).exit_code == 2


@pytest.mark.parametrize("fit", ["slide", "a4"])
@pytest.mark.parametrize(
    ("focus", "depth"),
    [
        ("russia-backs-pyongyang-security", 2),  # links to the thesis, above the focus
        ("russias-korean-game", None),  # and to a branch outside it
        ("moscow-more-openly-supportive", 1),
    ],
)
def test_a_link_out_of_a_focus_draws_no_bare_box(fit: str, focus: str, depth: int | None) -> None:
    """A cross-link to a node no page draws (the focus's context, or a branch outside the
    focus) was planned as a reference: its name, a box the engine made of it, showed
    "ref russia-voted-sanctions anti-americanism-drives-russia" in grey (in black in PDF)."""
    m = load_map(FLAGSHIP)
    pages = _pages(m, fit, focus=focus, depth=depth)
    drawn = {node_id for laid in pages for node_id in laid.plan.page.nodes}
    for laid in pages:
        assert not re.search(r'<g id="node\d+" class="node', laid.svg), laid.plan.page.number
        names = {name for wrap in laid.plan.page.wraps for row in wrap.rows for name in row}
        assert all(n.split()[-1] in drawn for n in names if n.startswith(("ref ", "from ")))
