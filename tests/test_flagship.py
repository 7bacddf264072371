"""The flagship map: it validates, every node is traceable, and its quotes match the article."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from argmap.analysis.quotecheck import check_file
from argmap.cli import main
from argmap.exporters.terminal import format_tree
from argmap.load.maps import load_located, load_map
from argmap.model import ArgumentMap, NodeKind, Relation
from tests.conftest import MAPS, SEED

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


def test_flagship_validates(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(FLAGSHIP)])
    assert result.exit_code == 0, result.output


def test_thesis_is_the_authors(flagship: ArgumentMap) -> None:
    thesis = flagship.thesis
    assert (
        thesis.quote
        == "Russia\u2019s calculus here is driven by anti-Americanism, pure and simple"
    )
    assert "transcends Korea" in thesis.text
    assert flagship.source is not None
    assert flagship.source.publication == "Eurasia Daily Monitor"
    assert (flagship.source.volume, flagship.source.issue) == (11, 85)
    assert flagship.source.author is None  # the seed text does not name one


def test_every_node_has_an_explicit_id() -> None:
    located = load_located(FLAGSHIP)
    data = located.parsed.data
    for node_id, path in located.paths.items():
        entry = data
        for step in path:
            entry = entry[step]
        assert entry.get("id") == node_id
    groups = [n.group for n in located.map.nodes if n.group is not None]
    assert set(groups) == {"protest-while-arming", "pivot-reasoning", "reward-without-gain"}


def test_every_node_is_the_articles_or_signed(flagship: ArgumentMap) -> None:
    for node in flagship.nodes:
        tags = set(node.tags)
        assert len(tags & {ARTICLE_TAG, REVIEWER_TAG}) == 1, node.id
        if REVIEWER_TAG in tags:
            assert node.author and node.added is not None, node.id
        else:
            assert node.author is None, node.id
            assert node.quote, f"{node.id}: the article's own nodes carry a quote"


def test_evidence_is_cited_with_outlets_in_the_source_table(flagship: ArgumentMap) -> None:
    evidence = [n for n in flagship.nodes if n.kind is NodeKind.EVIDENCE]
    assert len(evidence) >= 15
    for node in evidence:
        assert node.quote, node.id
        assert node.basis is not None, node.id
        if node.citation is None:
            continue
        assert node.source is not None, node.id
        assert flagship.sources[node.source].name == node.citation.outlet, node.id
    cited = {n.citation.outlet for n in evidence if n.citation is not None}
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


def test_quotes_are_short(flagship: ArgumentMap) -> None:
    for node in flagship.nodes:
        if node.quote is not None:
            assert len(node.quote) <= 160, node.id
            assert len(re.findall(r"[.?!](?:\s|$)", node.quote)) <= 1, node.id


def test_critique_is_signed_and_aimed(flagship: ArgumentMap) -> None:
    critics = [
        n for n in flagship.nodes if n.kind is NodeKind.OBJECTION and REVIEWER_TAG in n.tags
    ]
    assert len(critics) >= 4
    undercutters = {n.id for n in critics if n.relation is Relation.UNDERCUTS}
    assert undercutters == {
        "made-is-not-supplied-now",
        "economic-motives",
        "stake-in-stability",
        "rapprochement-predates-crimea",
    }
    assert flagship.get("made-is-not-supplied-now").parent == "russian-aircraft-at-sunchon"
    assert flagship.get("rapprochement-predates-crimea").parent == "crimea-adds-momentum"
    assert flagship.get("pure-and-simple-overstated").parent == flagship.thesis.id
    answered = {n.parent for n in flagship.nodes if n.kind is NodeKind.REBUTTAL}
    assert {"rapprochement-predates-crimea", "economic-motives", "stake-in-stability"} <= answered


def test_the_authors_own_objection_and_answer(flagship: ArgumentMap) -> None:
    raised = flagship.get("analysts-less-willing-to-clash")
    assert raised.kind is NodeKind.OBJECTION
    assert raised.author is None
    [answer] = flagship.children(raised.id)
    assert answer.kind is NodeKind.REBUTTAL
    assert answer.quote == (
        "judging from the North Korean example, that proposition looks rather dubious"
    )


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
def test_citations_are_the_articles_parentheses(flagship: ArgumentMap) -> None:
    article = SEED.read_text(encoding="utf-8")
    groups = re.findall(r"\(([^()]*)\)", article)
    for node in flagship.nodes:
        if node.citation is None:
            continue
        outlet, date = node.citation.outlet, node.citation.date or ""
        assert any(
            outlet in group and all(part in group for part in date.split("; ")) for group in groups
        ), f"{node.id}: ({node.citation.label()}) is not credited so in the article"
