"""The HTML page says what the other outputs say of standing: cut links, the thesis's support,
and what each objection with no standing answer attacks."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from argmap.analysis.standing import analyze, status_marks
from argmap.analysis.stats import unanswered_by_kind
from argmap.exporters.html.page import build_context, render_html
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from argmap.options import RenderOptions
from tests.conftest import MAPS

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
UNIFORMS = MAPS / "school-uniforms.yaml"

_BADGE = re.compile(
    r'data-id="([^"]+)"[^\n]*\n<details[^>]*>\n<summary>.*?'
    r'<span class="badge standing ([^"]+)"[^>]*>'
    r'<span class="visually-hidden">standing: </span>([^<]+)</span>',
    re.S,
)


def _page(m: ArgumentMap, options: RenderOptions | None = None) -> str:
    return render_html(m, analyze(m), options or RenderOptions(), diagram=False)


def _badges(page: str) -> dict[str, tuple[str, str]]:
    """Outline entry id -> its standing badge's classes and words."""
    return {i: (classes, unescape(words)) for i, classes, words in _BADGE.findall(page)}


def _section(page: str, ident: str) -> str:
    start = page.index(f'id="{ident}"')
    return page[start : page.index("</section>", start)]


def test_a_reason_whose_link_is_cut_says_so_as_show_status_does() -> None:
    """The three reasons ``show --status`` marks ``(in, link out)`` were badged a plain
    "stands" under a defeated thesis; the page never said "link" or "unsupported"."""
    m = load_map(FLAGSHIP)
    page = _page(m)
    badges = _badges(page)
    marks = status_marks(analyze(m))
    cut = {i for i, mark in marks.items() if mark == "(in, link out)"}
    assert {"russias-korean-game", "crimea-adds-momentum", "korea-policy-part-of-pivot"} <= cut
    assert {i for i, (_c, words) in badges.items() if words == "stands · link cut"} == cut
    assert all(badges[i][0] == "in cut" for i in cut)
    assert badges["pyongyang-changed-course"] == ("in", "stands")
    # The badge's tooltip and the entry's body say what a cut link means, and what cuts it.
    tip = re.search(r'title="(Stands · link cut: [^"]+)"', page)
    assert tip is not None and "no longer supports (or attacks) its parent" in tip[1]
    entry = page[page.index('data-id="russias-korean-game"') :]
    start = entry.index('<div class="cut">')
    row = entry[start : entry.index("</div>", start)]
    for undercutter in ("economic-motives", "stake-in-stability", "hedging-against-china"):
        assert f'<a href="#n-{undercutter}"><code>{undercutter}</code></a>' in row
    # The key explains the badge.
    thesis = _section(page, "thesis")
    assert '<span class="badge standing in cut">stands · link cut</span>: the claim' in thesis


def test_the_thesis_section_gives_its_standing_and_why_it_is_unsupported() -> None:
    m = load_map(FLAGSHIP)
    text = unescape(re.sub(r"<[^>]+>", "", _section(_page(m), "thesis")))
    assert "Standing: defeated unsupported" in text
    assert (
        "Defeated: 2 objections against it stand, with no standing answer: "
        "russia-voted-sanctions, pure-and-simple-overstated." in text  # the map's order
    )
    assert "Unsupported: every route of support is cut or defeated:" in text
    assert "russias-korean-game stands · link cut" in text
    assert "crimea-adds-momentum stands · link cut" in text
    assert (
        "linked reason pivot-reasoning: korea-policy-part-of-pivot stands · link cut, "
        "pivot-anti-american-gambit defeated" in text
    )
    assert "illusion-of-leverage defeated" in text
    # The same verdict as stats: out, unsupported.
    verdict = build_context(m, analyze(m), RenderOptions())["verdict"]
    assert verdict is not None
    assert (verdict.standing, verdict.support) == ("out", "unsupported")


def test_a_supported_thesis_and_a_link_in_doubt() -> None:
    # u undercuts p's link, and u and x attack each other (x by the tree, u by a link):
    # both undecided, so p stands with its link in doubt and the thesis has no route left.
    m = validate_data(
        {
            "title": "t",
            "thesis": {
                "id": "t",
                "text": "Claim.",
                "premises": [
                    {
                        "id": "p",
                        "text": "Reason.",
                        "objections": [
                            {
                                "id": "u",
                                "text": "Beside the point.",
                                "undercut": True,
                                "links": [{"to": "x", "relation": "attacks"}],
                                "objections": [{"id": "x", "text": "No."}],
                            }
                        ],
                    }
                ],
            },
        }
    )
    assert status_marks(analyze(m))["p"] == "(in, link undecided)"
    page = _page(m)
    assert _badges(page)["p"] == ("in cut", "stands · link undecided")
    text = unescape(re.sub(r"<[^>]+>", "", _section(page, "thesis")))
    assert "Standing: stands unsupported" in text
    assert "Stands: no objection is raised against it." in text
    assert "Unsupported: no route of support stands:" in text
    assert "stands · link undecided: the claim stands, but an undecided undercutter" in text
    uniforms = unescape(re.sub(r"<[^>]+>", "", _section(_page(load_map(UNIFORMS)), "thesis")))
    assert "Standing: defeated supported" in uniforms
    assert "Supported: a route of support stands:" in uniforms
    assert "identity stands · link cut" in uniforms


@pytest.mark.parametrize("kind", ["fill", "place", "label"])
def test_worksheets_evaluate_nothing_and_with_standing_kept_name_no_statement(kind: str) -> None:
    m = load_map(FLAGSHIP)
    options = RenderOptions(exercise=True, exercise_kind=kind)  # type: ignore[arg-type]
    page = render_html(m, analyze(m), options, diagram=False)
    for word in ("link cut", "unsupported", "Standing:", 'class="verdict"', 'id="unanswered"'):
        assert word not in page
    kept = render_html(
        m,
        analyze(m),
        RenderOptions(exercise=True, exercise_kind=kind, keep=frozenset({"standing"})),  # type: ignore[arg-type]
        diagram=False,
    )
    # The teacher kept standing: the badges say it, but no undercutter or attacker is
    # named (a label sheet asks which statements attack), and there is still no summary.
    assert "stands · link cut" in kept and "unsupported" in _section(kept, "thesis")
    assert '<div class="cut"><dt>Link</dt><dd>cut: ' in kept and "cut by" not in kept
    assert '<ul class="routes">' not in kept and 'id="unanswered"' not in kept
    assert "<li>Defeated: an objection against it stands, with no standing answer.</li>" in kept


def _unanswered(page: str) -> list[str]:
    block = page[page.index('<ul class="unanswered-list">') :]
    block = block[: block.index("</ul>")]
    return [unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", block)]


def test_each_objection_with_no_standing_answer_names_what_it_attacks_thesis_first() -> None:
    m = load_map(FLAGSHIP)
    entries = _unanswered(_page(m))
    assert len(entries) == 17
    heads = [e.split(" ", 1)[0] for e in entries]
    assert heads[:2] == ["russia-voted-sanctions", "pure-and-simple-overstated"]
    assert entries[0].startswith(
        "russia-voted-sanctions attacks russia-backs-pyongyang-security; "
        "also attacks the thesis anti-americanism-drives-russia standing: stands no answer yet"
    )
    assert entries[1].startswith(
        "pure-and-simple-overstated attacks the thesis anti-americanism-drives-russia"
    )
    # Then those undercutting a reason's link into the thesis (with every such link cut,
    # the thesis stands unsupported), then the rest, the nearer the thesis the sooner; as
    # argmap stats lists them. They were in the map's order: a link five levels down first.
    assert heads[2:5] == ["economic-motives", "stake-in-stability", "hedging-against-china"]
    assert heads[-1] == "made-is-not-supplied-now"
    assert tuple(heads) == unanswered_by_kind(m, analyze(m))[0]
    by_id = dict(zip(heads, entries, strict=True))
    assert by_id["made-is-not-supplied-now"].startswith(
        "made-is-not-supplied-now attacks the link from russian-aircraft-at-sunchon "
        "to moscow-incites-disputes"
    )
    assert by_id["no-word-on-washington"].startswith(  # the step into a conclusion
        "no-word-on-washington attacks the link from anti-americanism-drives-russia "
        "to us-fails-to-grasp"
    )
    assert all(" attacks " in e for e in entries)


def test_a_focus_names_targets_it_leaves_out_without_linking_them() -> None:
    m = load_map(FLAGSHIP)
    page = _page(m, RenderOptions(focus="russian-aircraft-at-sunchon"))
    entries = _unanswered(page)
    assert [e.split(" ", 1)[0] for e in entries] == ["made-is-not-supplied-now"]
    assert 'href="#n-moscow-incites-disputes"' in page
    # The thesis is judged on the whole map; routes the page leaves out are named, not linked.
    thesis = _section(page, "thesis")
    assert "every route of support is cut or defeated" in thesis
    assert "<code>crimea-adds-momentum</code>" in thesis
    assert 'href="#n-crimea-adds-momentum"' not in page


def test_the_targets_link_to_entries_and_escape_as_the_template_does() -> None:
    """The targets are made in one piece, not by the template: their links still lead to
    the entries, and an id is escaped as the template escapes it."""
    m = validate_data(
        {
            "title": "t",
            "thesis": {
                "id": "Thèse_1",
                "text": "Claim <b>.",
                "premises": [
                    {
                        "id": "p.2",
                        "text": "Reason.",
                        "objections": [{"id": "ü-3", "text": "<i>x</i>", "undercut": True}],
                    }
                ],
                "objections": [{"id": "o", "text": "No & no.", "links": [{"to": "p.2"}]}],
            },
        }
    )
    page = _page(m)
    block = page[page.index('<ul class="unanswered-list">') :]
    block = block[: block.index("</ul>")]
    assert _unanswered(page) == [
        "o attacks the thesis Thèse_1; also attacks p.2 standing: stands no answer yet No & no.",
        "ü-3 attacks the link from p.2 to Thèse_1 standing: stands no answer yet <i>x</i>",
    ]
    for target in re.findall(r'href="#([^"]+)"', block):
        assert f'id="{target}"' in page
    assert "&lt;i&gt;x&lt;/i&gt;" in block and "<i>" not in block


def test_status_standings_are_worked_out_once_for_all_pages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each page's drawing worked out every node's drawn standing again: 5 ms a page at
    10,000 nodes, 8 s of CPU over the 1,600 A4 pages. Now once a map (and its analysis)."""
    from argmap.exporters.diagram import styles
    from argmap.exporters.diagram.engine import find_engine
    from argmap.exporters.diagram.fitting import lay_out

    calls: list[int] = []
    made = styles.drawn_standings

    def counted(*args: Any, **kwargs: Any) -> dict[str, str]:
        calls.append(1)
        return made(*args, **kwargs)

    monkeypatch.setattr(styles, "drawn_standings", counted)
    for user in ("build", "stubstatus"):  # wherever it is imported by name
        where = f"argmap.exporters.diagram.{user}.drawn_standings"
        monkeypatch.setattr(where, counted, raising=False)
    m = load_map(FLAGSHIP)
    layout = lay_out(m, analyze(m), RenderOptions(status=True), "a4", find_engine("auto"))
    assert len(layout.pages) > 10 and len(calls) == 1
