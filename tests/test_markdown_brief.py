"""The Markdown export as a case brief: its summary, linked reasons, undercuts in words, kinds."""

from __future__ import annotations

import html
import re
import subprocess
from typing import Any

from argmap.analysis.stakes import against
from argmap.analysis.standing import analyze
from argmap.analysis.stats import unanswered_by_kind
from argmap.exporters import RenderOptions, get_exporter
from argmap.exporters.diagram.styles import THEMES
from argmap.exporters.diagram.worksheet import group_label
from argmap.exporters.html.page import render_html
from argmap.exporters.markdown import NEST_LEVELS, to_markdown
from argmap.exporters.markdown_brief import KIND_NAMES, LINKED_NAME, WORDS, claim_words
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Relation
from tests.conftest import MAPS
from tests.test_interop import MARKDOWN_IT, _require_argdown_cli

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
UNIFORMS = MAPS / "school-uniforms.yaml"


def _export(m: ArgumentMap) -> str:
    text = get_exporter("markdown").render(m, analyze(m), RenderOptions())
    assert isinstance(text, str)
    return text


def test_the_flagship_brief_says_whether_the_thesis_stands_and_what_is_unanswered() -> None:
    """The export never said the thesis is out, nor which 17 objections nothing answers."""
    m = load_map(FLAGSHIP)
    a = analyze(m)
    text = _export(m)
    summary, argument = text.split("\n## The argument\n")
    assert summary.index("## Summary") < 1000  # near the top: after the title and source
    assert a.thesis_standing.value == "out"
    assert "**The thesis is defeated** (standing: out): 2 objections against it stand" in summary
    assert "**It is unsupported:** every route of support is cut or defeated." in summary
    assert "63 nodes: 1 thesis, 20 reasons, 22 evidence, 17 objections, 1 rebuttal, 2 conc" in text
    open_ones = unanswered_by_kind(m, a)[0]
    assert len(open_ones) == 17
    assert "**17 objections with no standing answer**, the most at stake first:" in summary
    listed = re.findall(r"^(\d+)\. `([^`]+)` (.*)$", summary, re.M)
    assert [node_id for _n, node_id, _rest in listed] == list(open_ones)  # as stats has them
    assert [int(n) for n, _id, _rest in listed] == list(range(1, 18))
    for _n, node_id, rest in listed:
        assert "`" not in rest  # what it attacks in words, no ids in code
        assert rest.startswith(("attacks ", "undercuts the link from "))
        assert rest.endswith(m.get(node_id).text.split()[-1])  # then its own words
    assert listed[1][2].startswith("attacks the thesis: ")
    assert _export(m) == text  # deterministic
    assert "inference from `" not in argument


def test_the_brief_says_how_each_route_of_support_into_the_thesis_fares() -> None:
    """The summary said "every route of support is cut or defeated" and named none: a debater
    could not tell which reasons had fallen, nor how, as the HTML page's Thesis section does."""
    m = load_map(FLAGSHIP)
    a = analyze(m)
    summary = _export(m).split("\n## The argument\n")[0]
    routes = re.findall(r"^- (.*)$", summary, re.M)
    supporting = [
        n for n in m.nodes if n.parent == m.thesis.id and n.relation is Relation.SUPPORTS
    ]
    groups = {n.group for n in supporting if n.group is not None}
    assert len(routes) == len([n for n in supporting if n.group is None]) + len(groups) == 4
    for node in supporting:
        own = a.standing[node.id].value
        fate = {"out": "defeated", "in": "stands"}[own]
        if own == "in" and a.link_standing[node.id].value == "out":
            fate = "stands · link cut"
        said = f"`{node.id}` {claim_words(m, node.id)}: {fate}"
        assert sum(said in route for route in routes) == 1, said
    assert "- `russias-korean-game` “Russia is playing its own game" in summary
    assert routes[0].endswith(": stands · link cut")
    linked = [r for r in routes if r.startswith("linked reason `reward-without-gain`, all tog")]
    assert len(linked) == 1 and linked[0].endswith(
        "`illusion-of-leverage` " + claim_words(m, "illusion-of-leverage") + ": defeated"
    )
    assert "stands; `illusion-of-leverage`" in linked[0]  # its co-premise still stands
    lone = validate_data({"title": "T", "thesis": {"id": "t", "text": "Alone."}}, "t.yaml")
    assert "routes of support" not in _export(lone)  # none to name


def test_linked_reasons_come_under_one_line_saying_they_support_only_together() -> None:
    text = _export(load_map(UNIFORMS))
    assert (
        "  - **Linked reason (all together)** `less-bullying`: these reasons support the thesis"
        " only together, not one alone.\n"
        "    - **Reason** `bullying-clothes`: Much bullying targets what pupils wear.\n"
        "    - **Reason** `uniforms-equalise`: Uniforms make everyone's clothes the same.\n"
    ) in text
    assert "(linked:" not in text


def test_an_undercut_names_the_link_by_its_claims_words() -> None:
    text = _export(load_map(UNIFORMS))
    assert (
        "    - **Objection, undercutting a link** `belonging-anecdote`: The belonging claim"
        " rests on staff impressions, not on pupils' views.\n\n"
        "      *undercuts the link from “Uniforms build a sense of belonging to the school.”"
        " to the thesis*\n"
    ) in text
    assert "`identity` to `uniforms`" not in text


def test_kinds_are_named_as_the_diagram_and_its_key_name_them() -> None:
    for nodes, _edges in THEMES.values():
        for kind, style in nodes.items():
            assert style.label == KIND_NAMES[kind].upper()
    assert LINKED_NAME.upper() == group_label(None).upper()
    text = _export(load_map(FLAGSHIP))
    assert "**Premise" not in text
    assert text.count("- **Reason") == 20


def test_twin_claims_named_in_one_line_are_told_apart_by_their_ids() -> None:
    """The flagship's two write-off claims read the same: the undercut of both said one
    link twice."""
    text = _export(load_map(FLAGSHIP))
    line = next(s for s in text.splitlines() if s.startswith("14. `debt-settled-in-2012`"))
    assert "debt…” (debt-write-off-nknews) to" in line
    assert "debt…” (debt-write-off-reuters) to" in line


def _rebutted(objection_answered: bool) -> ArgumentMap:
    """A thesis whose objection a rebuttal answers; the rebuttal itself nothing answers."""
    rebuttal = {"id": "q", "text": "Is that really so?"}
    objections: list[dict[str, Any]] = [
        {"id": "habits", "text": "Homework builds habits.", "objections": [rebuttal]}
    ]
    if not objection_answered:
        objections.append({"id": "denial", "text": "That is not true."})
    thesis = {"id": "t", "text": "Homework should go.", "objections": objections}
    return validate_data({"title": "Homework", "thesis": thesis}, "hw.yaml")


def test_the_brief_lists_the_rebuttals_with_no_standing_answer_as_stats_does() -> None:
    """``stats`` listed the rebuttal ``q`` as unanswered; the brief left it out."""
    for answered in (False, True):
        m = _rebutted(answered)
        rebuttals = unanswered_by_kind(m, analyze(m))[1]
        assert rebuttals == ("q",)
        summary = _export(m).split("\n## The argument\n")[0]
        line = "**1 rebuttal with no standing answer**, the most at stake first:"
        assert line in summary
        after = summary.split(line)[1]
        assert after.strip().splitlines()[0] == (
            "1. `q` attacks “Homework builds habits.”: Is that really so?"
        )
        if answered:
            assert "Every objection has an answer that stands." in summary
        else:
            assert summary.index("**1 objection with no standing answer**") < summary.index(line)


def _hostile() -> ArgumentMap:
    bad = "*a* _b_ [c](d) <b>e</b> &amp; `f` ~~g~~ \\*"
    long = "x " * WORDS + "<i>tail</i>"
    thesis: dict[str, Any] = {
        "id": "t",
        "text": bad,
        "premises": [
            {"id": "p", "text": bad, "objections": [{"id": "u", "text": "U.", "undercut": True}]},
            {"id": "g", "linked": [{"id": "l1", "text": long}, {"id": "l2", "text": "# two"}]},
        ],
        "objections": [{"id": "o", "text": "O.", "links": [{"to": "l1", "relation": "attacks"}]}],
        "conclusions": [{"id": "c", "text": bad, "conclusions": [{"id": "d", "text": "D."}]}],
    }
    return validate_data({"title": "Hostile", "thesis": thesis}, "hostile.yaml")


def test_claims_words_stay_escaped_wherever_they_are_named() -> None:
    text = _export(_hostile())
    escaped = r"“\*a\* \_b\_ \[c\](d) \<b>e\</b> \&amp; \`f\` \~\~g\~\~ \\\*”"
    assert f"*undercuts the link from {escaped} to the thesis*" in text
    assert f"**Conclusion (drawn from {escaped})** `d`" in text
    assert "`g`: these reasons support the thesis only together" in text
    cut = claim_words(_hostile(), "l1")
    assert cut.endswith("x…”") and "tail" not in cut and len(cut) <= WORDS + 2
    assert "*also attacks “x x x" in text


def test_markdown_it_shows_the_brief_as_written() -> None:
    """Read by a CommonMark renderer, the claims' words make no markup of their own."""
    _require_argdown_cli()  # markdown-it comes with it
    text = _export(_hostile())
    out = subprocess.run(
        [str(MARKDOWN_IT)], input=text, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    tags = set(re.findall(r"</?([a-z0-9]+)", out))
    assert tags <= {"h1", "h2", "p", "ul", "ol", "li", "strong", "em", "code"}
    words = html.unescape(re.sub(r"<[^>]+>", "", out))
    bad = "*a* _b_ [c](d) <b>e</b> &amp; `f` ~~g~~ \\*"
    assert f"undercuts the link from “{bad}” to the thesis" in words
    assert f"Conclusion (drawn from “{bad}”) d: D." in words
    assert "Linked reason (all together) g: these reasons support the thesis only" in words


def test_linked_reasons_nest_no_deeper_than_the_bound() -> None:
    """Each level a linked group of two: a group's line takes a level of its own."""
    thesis: dict[str, Any] = {"id": "n0", "text": "Claim 0."}
    node, depth = thesis, 3 * NEST_LEVELS
    for i in range(1, depth):
        first: dict[str, Any] = {"id": f"n{i}", "text": f"Claim {i}."}
        twin = {"id": f"m{i}", "text": f"Twin {i}."}
        node["premises"] = [{"id": f"g{i}", "linked": [first, twin]}]
        node = first
    m = validate_data({"title": "Deep", "thesis": thesis}, "deep.yaml")
    text = to_markdown(m)
    deepest = max((len(s) - len(s.lstrip(" "))) // 2 for s in text.splitlines())
    assert deepest == NEST_LEVELS
    items = re.findall(r"^ *- \*\*(?!Linked).*?\*\* `([^`]+)`:", text, flags=re.MULTILINE)
    assert sorted(items) == sorted(n.id for n in m.nodes)  # each node once
    groups = re.findall(r"^ *- \*\*Linked reason \(all together\)\*\* `(g\d+)`:", text, re.M)
    assert sorted(groups) == sorted(m.groups())  # each group's line once
    assert "## Continued below `n" in text


def test_an_undercut_of_an_undercut_names_the_link_that_one_cuts() -> None:
    """U2 undercuts U, which undercuts O's link to the thesis: the brief said U2 "undercuts
    the link from U to O" and `stats` "on: link U -> O", a link that is not in the map."""
    cut: dict[str, Any] = {"id": "u", "text": "The studies are correlational.", "undercut": True}
    cut["objections"] = [{"id": "u2", "text": "Correlation still bears.", "undercut": True}]
    m = validate_data(
        {
            "title": "T",
            "thesis": {
                "id": "t",
                "text": "Homework should go.",
                "objections": [{"id": "o", "text": "Homework helps.", "objections": [cut]}],
            },
        },
        "t.yaml",
    )
    text = _export(m)
    assert (
        "`u2` undercuts the undercut by “The studies are correlational.” of the link from "
        "“Homework helps.” to the thesis: Correlation still bears." in text
    )
    assert "the link from “The studies are correlational.”" not in text
    assert against(m, m.get("u2")) == "undercut u of link o -> the thesis"  # stats' "on:"
    assert against(m, m.get("u")) == "link o -> the thesis"


def test_a_route_whose_own_support_is_all_defeated_says_so() -> None:
    """The only reason's only evidence was defeated, and the brief and the HTML page said
    "It is supported: a route of support stands. - `p` ...: stands", nothing more."""
    m = validate_data(
        {
            "title": "T",
            "thesis": {
                "id": "t",
                "text": "The drug is safe.",
                "premises": [
                    {
                        "id": "p",
                        "text": "The trial found no side effects.",
                        "evidence": [
                            {
                                "id": "e",
                                "text": "The trial report.",
                                "objections": [{"id": "o", "text": "It was retracted."}],
                            }
                        ],
                    },
                    {"id": "q", "text": "Nobody has complained."},  # none given: not said
                ],
            },
        },
        "t.yaml",
    )
    text = _export(m)
    assert (
        "- `p` “The trial found no side effects.”: stands (its own support is all defeated)"
        in (text)
    )
    assert "- `q` “Nobody has complained.”: stands\n" in text
    page = render_html(m, analyze(m), RenderOptions(), diagram=False)
    routes = page.split('<ul class="routes">')[1].split("</ul>")[0]
    assert routes.count("(its own support is all defeated)") == 1
