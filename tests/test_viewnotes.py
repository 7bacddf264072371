"""A focused or filtered render says what it leaves out: its heading, its boxes, `show`."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.standing import analyze
from argmap.analysis.view import visible_nodes
from argmap.analysis.viewcuts import view_cuts, view_words
from argmap.cli import main
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.load.maps import load_map
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.options import RenderOptions
from tests.conftest import CASES, MAPS
from tests.poppler import poppler

CAR_FREE = CASES / "car-free-centre.yaml"
FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
_TEXT = re.compile(r"<text\b[^>]*>([^<]*)</text>")


def _render(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _texts(svg: str) -> list[str]:
    return [html.unescape(text).replace("\xa0", " ") for text in _TEXT.findall(svg)]


def test_a_focused_branch_of_twelve_statements_is_one_slide() -> None:
    """It took two slides, the second three boxes, the first with a third of it empty."""
    m = load_map(CAR_FREE)
    options = RenderOptions(focus="health", depth=2)
    pages = lay_out(m, analyze(m), options, "slide", find_engine("auto")).pages
    assert len(pages) == 1
    page = pages[0].plan.page
    assert page.trail == ("car-free",)  # the claim above it still its breadcrumb
    assert {"madrid-weather", "madrid-reversed"} <= set(page.nodes)


def test_each_page_heading_says_the_focus_the_depth_and_what_is_hidden(tmp_path: Path) -> None:
    out = _render(
        tmp_path, str(CAR_FREE), "--focus", "health", "--depth", "2", "--hide", "evidence",
        "-f", "svg", "--fit", "slide",
    )  # fmt: skip
    svgs = sorted(out.glob("*.svg"))
    assert svgs
    for path in svgs:
        heading = _texts(path.read_text(encoding="utf-8"))[0]
        assert "focus: A car-free" in heading, heading
        assert "2 levels deep, evidence hidden" in heading, heading
        assert re.search(r"page \d+ of \d+$", heading), heading  # the number still last


def test_the_pdf_heading_says_it_too_and_the_whole_map_says_nothing(tmp_path: Path) -> None:
    narrowed = _render(tmp_path / "a", str(FLAGSHIP), "--hide", "evidence,quotes", "-f", "pdf")
    whole = _render(tmp_path / "b", str(FLAGSHIP), "-f", "pdf")
    for folder, said in ((narrowed, True), (whole, False)):
        pdf = next(folder.glob("*.pdf"))
        text = subprocess.run(
            [poppler("pdftotext"), "-raw", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        first = text.split("\f")[0]
        assert ("evidence and quotes hidden" in first) is said
        assert ("hidden" in text) is said


def test_a_box_says_what_the_depth_cut_off_and_its_links_out_of_view(tmp_path: Path) -> None:
    """The rebuttal's evidence and the objection's cross-link went without a trace."""
    out = _render(tmp_path, str(CAR_FREE), "--focus", "health", "--depth", "2", "-f", "svg")
    svg = next(out.glob("*.svg")).read_text(encoding="utf-8")
    texts = _texts(svg)
    assert texts.count("+1 more below") == 4  # the Madrid objections' rebuttals, the rebuttals'
    # evidence: one each
    assert texts.count("1 link out of view") == 1  # displaced-traffic's to fairness
    assert "p. " not in "".join(t for t in texts if "more below" in t)  # on no page: no number
    heading = texts[0]  # one drawing: a heading only for a narrowed view
    assert heading.startswith("Should the city centre go car-free?") and "focus:" in heading


def test_the_heading_escapes_the_focus_statement(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "title: 'T <b>&amp;'\nthesis:\n  id: t\n  text: Top.\n  premises:\n"
        "    - id: p\n      text: 'A <script>alert(1)</script> & \"q\"'\n"
        "      evidence:\n        - id: e\n          text: E.\n",
        encoding="utf-8",
    )
    out = _render(tmp_path, str(path), "--focus", "p", "--depth", "0", "-f", "svg")
    svg = next(out.glob("*.svg")).read_text(encoding="utf-8")
    assert "<script>" not in svg and "<b>" not in svg
    heading = _texts(svg)[0]
    assert "focus: A <script>" in heading, heading  # escaped in the file (see above)
    assert "+1 more below" in _texts(svg)


def test_show_says_the_part_shown_and_what_the_depth_leaves_out() -> None:
    result = CliRunner().invoke(main, ["show", str(CAR_FREE), "--focus", "health", "--depth", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "# focus: A car-free centre would make the air in…, 2 levels deep"
    rebuttal = lines.index(next(line for line in lines if "[tyre-dust]" in line))
    assert lines[rebuttal + 1].strip() == "(+1 more below)"  # the OECD evidence
    assert "      (1 link out of view)" in lines  # displaced-traffic's, to fairness
    whole = CliRunner().invoke(main, ["show", str(CAR_FREE)]).output
    assert not whole.startswith("#") and "more below" not in whole


def test_the_words_name_each_option() -> None:
    m = load_map(CAR_FREE)
    hide = frozenset({"evidence", "quotes", "reviewers"})
    assert view_words(m, RenderOptions(depth=1, hide=hide)) == [
        "1 level deep",
        "evidence, quotes and reviewers' nodes hidden",
    ]
    assert view_words(m, RenderOptions()) == []
    assert view_cuts(m, RenderOptions(hide=frozenset({"quotes"}))) == {}  # no node left out


@st.composite
def _trees(draw: st.DrawFn) -> ArgumentMap:
    """A thesis and up to 40 premises, evidence and objections, each under an earlier node."""
    count = draw(st.integers(min_value=0, max_value=40))
    nodes = [Node(id="n0", kind=NodeKind.THESIS, text="T")]
    kinds = (NodeKind.PREMISE, NodeKind.EVIDENCE, NodeKind.OBJECTION)
    relations = {
        NodeKind.PREMISE: Relation.SUPPORTS,
        NodeKind.EVIDENCE: Relation.SUPPORTS,
        NodeKind.OBJECTION: Relation.ATTACKS,
    }
    for i in range(1, count + 1):
        parent = draw(st.integers(min_value=0, max_value=i - 1))
        claim = nodes[parent].kind in (NodeKind.THESIS, NodeKind.PREMISE)
        kind = draw(st.sampled_from(kinds)) if claim else NodeKind.OBJECTION
        nodes.append(
            Node(
                id=f"n{i}", kind=kind, text=f"S{i}", parent=f"n{parent}", relation=relations[kind]
            )
        )
    return ArgumentMap(title="t", nodes=tuple(nodes))


@given(_trees(), st.integers(min_value=0, max_value=5), st.booleans())
def test_every_node_left_out_is_counted_once(m: ArgumentMap, depth: int, hide: bool) -> None:
    """Each node not drawn is counted once: hidden at its parent, else at the depth's cut."""
    options = RenderOptions(depth=depth, hide=frozenset({"evidence"} if hide else ()))
    shown = {node.id for node in visible_nodes(m, options)}
    cuts = view_cuts(m, options)
    gone = [n for n in m.nodes if n.id not in shown and n.parent in shown]
    hidden = [n for n in gone if n.kind is NodeKind.EVIDENCE and hide]
    assert sum(cut.more for cut in cuts.values()) + sum(
        sum(1 for _ in m.walk(n.id)) for n in hidden
    ) == len(m) - len(shown)
    assert sum(cut.hidden for cut in cuts.values()) == len(hidden)
    for node_id, cut in cuts.items():
        assert node_id in shown
        assert (cut.more > 0) <= (m.depth(node_id) == depth)
        assert cut.evidence and cut.links == 0
