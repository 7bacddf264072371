"""The flagship map: it validates, every node is traceable, and its structure is the article's."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from argmap.analysis.lint import lint
from argmap.analysis.quotecheck import check_file
from argmap.analysis.sourcetext import SourceText
from argmap.analysis.standing import Standing, Support, analyze
from argmap.cli import main
from argmap.exporters.terminal import format_tree
from argmap.load.maps import load_located, load_map
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from tests.conftest import MAPS, ROOT, SEED

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
REVIEWER_TAG = "critique"
ARTICLE_TAG = "article"

needs_seed = pytest.mark.skipif(
    not SEED.is_file(),
    reason=f"the article is not here ({SEED.name} is kept outside the repository)",
)


@pytest.fixture(scope="module")
def flagship() -> ArgumentMap:
    return load_map(FLAGSHIP)


def _is_article(node: Node) -> bool:
    return ARTICLE_TAG in node.tags


def _links(m: ArgumentMap, node_id: str) -> set[tuple[str, Relation]]:
    return {(link.to, link.relation) for link in m.get(node_id).links}


def test_flagship_validates(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(FLAGSHIP)])
    assert result.exit_code == 0, result.output


def test_thesis_is_the_authors_one_claim(flagship: ArgumentMap) -> None:
    thesis = flagship.thesis
    assert (
        thesis.quote
        == "Russia\u2019s calculus here is driven by anti-Americanism, pure and simple"
    )
    # One claim per box: the two claims the article draws from the thesis are not in it.
    assert "transcends" not in thesis.text and "grasp" not in thesis.text
    assert flagship.source is not None
    assert flagship.source.publication == "Eurasia Daily Monitor"
    assert (flagship.source.volume, flagship.source.issue) == (11, 85)
    assert flagship.source.author is None  # the seed text does not name one


def test_the_claims_drawn_from_the_thesis_are_its_conclusions(flagship: ArgumentMap) -> None:
    """The article's last two sentences are conclusions drawn from the thesis, verbatim,
    each open to a signed undercut of the step from the thesis; they fall with it."""
    drawn = [n for n in flagship.nodes if n.kind is NodeKind.CONCLUSION]
    assert [(n.id, n.parent) for n in drawn] == [
        ("us-fails-to-grasp", flagship.thesis.id),
        ("lesson-transcends-korea", flagship.thesis.id),
    ]
    assert drawn[0].quote is not None and drawn[0].quote.startswith("the US fails to grasp")
    assert drawn[1].quote == "That is a lesson whose significance transcends Korea."
    a = analyze(flagship)
    for conclusion in drawn:
        assert _is_article(conclusion) and conclusion.author is None
        undercuts = flagship.children(conclusion.id)
        assert undercuts and all(c.relation is Relation.UNDERCUTS for c in undercuts)
        assert all(REVIEWER_TAG in c.tags for c in undercuts)
        # The thesis is out, so what is drawn from it is out too.
        assert a.standing[conclusion.id] is Standing.OUT
    assert "`us-fails-to-grasp`" in _readme_flagship_section()


def test_every_node_has_an_explicit_id() -> None:
    located = load_located(FLAGSHIP)
    data = located.parsed.data
    for node_id, path in located.paths.items():
        entry = data
        for step in path:
            entry = entry[step]
        assert entry.get("id") == node_id
    groups = {n.group for n in located.map.nodes if n.group is not None}
    assert groups == {
        "rapprochement-since-2014",
        "before-and-after",
        "protest-while-inciting",
        "threat-then-retreat",
        "pivot-reasoning",
        "reward-without-gain",
    }


def test_every_node_is_the_articles_or_signed(flagship: ArgumentMap) -> None:
    for node in flagship.nodes:
        tags = set(node.tags)
        assert len(tags & {ARTICLE_TAG, REVIEWER_TAG}) == 1, node.id
        if REVIEWER_TAG in tags:
            assert node.author and node.added is not None, node.id
        else:
            assert node.author is None and node.added is None, node.id
            assert node.quote, f"{node.id}: the article's own nodes carry a quote"


def test_the_article_never_answers_a_reviewer(flagship: ArgumentMap) -> None:
    """No article node sits under a critique node: the article replies to no reviewer."""
    for node in flagship.nodes:
        if _is_article(node):
            critics = [a.id for a in flagship.ancestors(node.id) if REVIEWER_TAG in a.tags]
            assert critics == [], f"{node.id} is put under {critics[0]}"
    assert not any(n.kind is NodeKind.REBUTTAL and REVIEWER_TAG in n.tags for n in flagship.nodes)


def test_no_node_is_copied(flagship: ArgumentMap) -> None:
    """Cross-links, not copies: lint finds no duplicate or near-duplicate text."""
    codes = {w.code for w in lint(flagship)}
    assert not codes & {"duplicate-text", "near-duplicate-text", "two-claims"}, codes


def test_lint_raises_only_the_articles_unsupported_claims(flagship: ArgumentMap) -> None:
    """The README's flagship section explains each warning; keep the two in step."""
    warned = {(w.code, w.node_id) for w in lint(flagship)}
    expected = {
        "crimea-adds-momentum",
        "korea-policy-part-of-pivot",
        "pivot-anti-american-gambit",
        "illusion-of-leverage",
    }
    assert warned == {("unsupported-premise", node_id) for node_id in expected}
    section = _readme_flagship_section()
    for node_id in expected:
        assert f"`{node_id}`" in section, node_id


def test_evidence_is_cited_with_outlets_in_the_source_table(flagship: ArgumentMap) -> None:
    evidence = [n for n in flagship.nodes if n.kind is NodeKind.EVIDENCE]
    assert len(evidence) >= 15
    for node in evidence:
        assert node.basis is not None, node.id
        if not _is_article(node):
            continue
        assert node.quote and node.citation is not None and node.source is not None, node.id
        assert flagship.sources[node.source].name == node.citation.outlet, node.id
    cited = {n.citation.outlet for n in evidence if n.citation is not None and _is_article(n)}
    assert cited == {
        "kremlin.ru",
        "Interfax",
        "mid.ru",
        "Rossiya 24 TV",
        "cntv.cn",
        "Yonhap",
        "nknews.org",
        "Reuters",
        "Ministry of Foreign Affairs of the Russian Federation",
        "Sina",
    }


def test_outside_facts_cite_a_record_or_say_they_need_one(flagship: ArgumentMap) -> None:
    critique_evidence = [
        n for n in flagship.nodes if n.kind is NodeKind.EVIDENCE and not _is_article(n)
    ]
    for node in critique_evidence:
        assert node.citation is not None or node.quote, node.id
    specialist = [n for n in flagship.nodes if "specialist" in n.tags]
    for node in specialist:
        cited = any(
            child.citation is not None
            for child in flagship.children(node.id)
            if child.kind is NodeKind.EVIDENCE
        )
        assert cited or "needs a source" in (node.note or "").lower(), node.id
    unsc = flagship.get("unsc-resolutions")
    assert unsc.citation is not None and unsc.citation.locator is not None
    for number in ("1718", "1874", "2087", "2094"):
        assert number in unsc.citation.locator


def test_a_sentence_credited_to_two_outlets_appears_whole_for_each(
    flagship: ArgumentMap,
) -> None:
    twins = [
        ("officials-auspicious-cntv", "officials-auspicious-yonhap"),
        ("lavrov-trilateral-projects-mid", "lavrov-trilateral-projects-rossiya24"),
        ("debt-write-off-nknews", "debt-write-off-reuters"),
    ]
    tail = re.compile(r" \(as reported by [^)]*\)\.$")
    for first, second in twins:
        a, b = flagship.get(first), flagship.get(second)
        assert a.quote == b.quote and a.parent == b.parent, first
        assert tail.sub("", a.text) == tail.sub("", b.text), first
        assert a.citation is not None and b.citation is not None
        assert a.citation.outlet != b.citation.outlet
        assert {link.to for link in a.links} == {link.to for link in b.links}, first


def test_quotes_are_short(flagship: ArgumentMap) -> None:
    for node in flagship.nodes:
        if node.quote is not None:
            assert len(node.quote) <= 160, node.id
            assert len(re.findall(r"[.?!](?:\s|$)", node.quote)) <= 1, node.id


def test_the_2013_state_is_half_of_a_before_and_after(flagship: ArgumentMap) -> None:
    groups = flagship.groups()
    before_after = [n.id for n in groups["before-and-after"]]
    assert before_after == ["no-gesture-by-november-2013", "dprk-renewed-interest"]
    assert groups["before-and-after"][0].parent == "pyongyang-changed-course"
    threat = [n.id for n in groups["threat-then-retreat"]]
    assert threat == ["putin-threatened-go-it-alone", "moscow-ready-with-both-koreas"]
    assert groups["threat-then-retreat"][0].parent == "moscow-drops-go-it-alone"
    assert flagship.get("putin-warning-seoul").parent == "putin-threatened-go-it-alone"
    # Neither half is evidence for the change on its own.
    assert not [n for n in flagship.children("pyongyang-changed-course") if n.group is None]


def test_the_forecast_is_a_forecast_and_not_a_cause(flagship: ArgumentMap) -> None:
    forecast = flagship.get("crimea-adds-momentum")
    assert "forecast" in forecast.tags and forecast.text.startswith("Forecast:")
    assert "will only add" in (forecast.quote or "")
    assert forecast.parent == flagship.thesis.id
    assert "crimea-only-adds" not in flagship  # the article concedes nothing to a reviewer
    undercut = flagship.get("rapprochement-predates-crimea")
    assert (undercut.parent, undercut.relation) == (forecast.id, Relation.UNDERCUTS)


def test_interpretation_is_split_from_report(flagship: ArgumentMap) -> None:
    report = flagship.get("consider-each-others-concerns")
    reading = flagship.get("concerns-call-justifies-pyongyang")
    assert report.kind is NodeKind.EVIDENCE and report.parent == reading.id
    assert "justifying" not in report.text and "justifying" in reading.text
    assert flagship.get("concerns-call-is-even-handed").parent == report.id


def test_critique_is_signed_and_aimed(flagship: ArgumentMap) -> None:
    """Each objection sits on the claim or the inference it really bears on."""
    aimed = {
        # Motive matters only at the step from the rapprochement to the thesis.
        "economic-motives": ("russias-korean-game", Relation.UNDERCUTS),
        "stake-in-stability": ("russias-korean-game", Relation.UNDERCUTS),
        "hedging-against-china": ("russias-korean-game", Relation.UNDERCUTS),
        "debt-settled-in-2012": ("debt-write-off-nknews", Relation.UNDERCUTS),
        "rajin-khasan-already-trilateral": ("moscow-ready-with-both-koreas", Relation.UNDERCUTS),
        "russia-voted-sanctions": ("russia-backs-pyongyang-security", Relation.ATTACKS),
        "made-is-not-supplied-now": ("russian-aircraft-at-sunchon", Relation.UNDERCUTS),
        "pivot-has-own-aims": ("korea-policy-part-of-pivot", Relation.UNDERCUTS),
        "pivot-circle": ("pivot-anti-american-gambit", Relation.UNDERCUTS),
        "no-gain-is-not-anti-american": ("illusion-of-leverage", Relation.UNDERCUTS),
        "pure-and-simple-overstated": (flagship.thesis.id, Relation.ATTACKS),
    }
    for node_id, (parent, relation) in aimed.items():
        node = flagship.get(node_id)
        assert REVIEWER_TAG in node.tags and node.author, node_id
        assert (node.parent, node.relation) == (parent, relation), node_id
    assert _links(flagship, "debt-settled-in-2012") == {
        ("debt-write-off-reuters", Relation.UNDERCUTS)
    }
    assert _links(flagship, "russia-voted-sanctions") == {(flagship.thesis.id, Relation.ATTACKS)}
    assert _links(flagship, "economic-motives") == {("illusion-of-leverage", Relation.ATTACKS)}
    # The over-reach is gone: the pivot critique no longer attacks the thesis.
    assert not flagship.get("pivot-has-own-aims").links


def test_the_pivot_circle_is_named_and_tied_to_both_steps(flagship: ArgumentMap) -> None:
    circle = flagship.get("pivot-circle")
    assert "circle" in circle.text and "North Korean example" in circle.text
    assert _links(flagship, circle.id) == {("north-korean-example-dubious", Relation.UNDERCUTS)}
    a = analyze(flagship)
    assert a.link_standing["pivot-anti-american-gambit"] is Standing.OUT
    assert a.link_standing["north-korean-example-dubious"] is Standing.OUT


def test_the_articles_own_moves(flagship: ArgumentMap) -> None:
    raised = flagship.get("analysts-less-willing-to-clash")
    assert raised.kind is NodeKind.OBJECTION and raised.author is None
    assert "raised-by-author" in raised.tags
    [answer] = flagship.children(raised.id)
    assert answer.kind is NodeKind.REBUTTAL and _is_article(answer)
    assert answer.quote == (
        "judging from the North Korean example, that proposition looks rather dubious"
    )
    concession = flagship.get("trade-in-rubles")
    assert _is_article(concession) and "concession" in concession.tags
    assert concession.parent == "galushka-trade-protocol"
    incitement = flagship.get("moscow-incites-disputes")
    assert _is_article(incitement) and incitement.kind is NodeKind.PREMISE
    # Degree kept: "at least as much to blame", not "rather than".
    blame = flagship.get("russia-blames-us").text
    assert "at least as much" in blame and "rather than" not in blame


def test_computed_standing_matches_the_readme(flagship: ArgumentMap) -> None:
    a = analyze(flagship)
    assert a.thesis_standing is Standing.OUT
    assert a.support[flagship.thesis.id] is Support.UNSUPPORTED
    # Every route to the thesis is cut, and two unanswered objections attack it.
    for reason in flagship.children(flagship.thesis.id):
        if reason.kind is NodeKind.PREMISE:
            group = list(flagship.groups().get(reason.group or "", [])) or [reason]
            assert any(a.link_standing[n.id] is not Standing.IN for n in group), reason.id
    attackers = {
        source.id
        for source, relation, _cross in flagship.incoming(flagship.thesis.id)
        if relation is Relation.ATTACKS and a.standing[source.id] is Standing.IN
    }
    assert attackers == {"pure-and-simple-overstated", "russia-voted-sanctions"}
    counts = {s: sum(1 for v in a.standing.values() if v is s) for s in Standing}
    line = f"standing          in {counts[Standing.IN]}, out {counts[Standing.OUT]}, undecided 0"
    section = _readme_flagship_section()
    assert line in section, "refresh the stats in the README's flagship section"
    assert f"nodes             {len(flagship)}" in section


def test_readme_shows_the_current_top_level(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", "--status", "--depth", "1", str(FLAGSHIP)])
    assert result.exit_code == 0, result.output
    section = _readme_flagship_section()
    shown = section.split("$ argmap show --status --depth 1", 1)[1].split("```", 1)[0]
    assert shown.split("\n", 1)[1] == result.output


def test_show_lists_every_node(flagship: ArgumentMap) -> None:
    text = format_tree(flagship)
    for node in flagship.nodes:
        assert f"[{node.id}]" in text


@needs_seed
def test_check_against_the_article_passes(runner: CliRunner) -> None:
    report = check_file(FLAGSHIP, SEED)
    assert report.ok, [r.node_id for r in report.mismatches]
    assert report.untraced == ()
    result = runner.invoke(main, ["check", str(FLAGSHIP), "--against", str(SEED)])
    assert result.exit_code == 0, result.output


@needs_seed
def test_quotes_in_notes_are_verbatim(flagship: ArgumentMap) -> None:
    """A note quoting the article (three words or more in quotation marks) quotes it exactly."""
    source = SourceText(SEED.read_text(encoding="utf-8"))
    for node in flagship.nodes:
        for quoted in re.findall(r"\"([^\"]+)\"", node.note or ""):
            if len(quoted.split()) >= 3:
                assert source.find(quoted.rstrip(".")) is not None, (node.id, quoted)


@needs_seed
def test_citations_are_the_articles_parentheses(flagship: ArgumentMap) -> None:
    article = SEED.read_text(encoding="utf-8")
    groups = re.findall(r"\(([^()]*)\)", article)
    for node in flagship.nodes:
        if node.citation is None or not _is_article(node):
            continue
        outlet, date = node.citation.outlet, node.citation.date or ""
        assert any(
            outlet in group and all(part in group for part in date.split("; ")) for group in groups
        ), f"{node.id}: ({node.citation.label()}) is not credited so in the article"


def _readme_flagship_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("## The flagship map", 1)[1].split("\n## ", 1)[0]
