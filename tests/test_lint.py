"""Lint rules: each fires on a case made for it and stays quiet on a near miss."""

from __future__ import annotations

import doctest
import re
import textwrap
from pathlib import Path

import pytest

import argmap.analysis.lint
from argmap.analysis.lint import CODES, lint, lint_located, two_claims_reason
from argmap.load.maps import load_located
from argmap.model import ArgumentMap, Node, NodeKind
from tests.conftest import ROOT, write


def located(tmp_path: Path, body: str) -> list[tuple[int, int, str]]:
    text = "title: Lint case\nthesis:\n" + textwrap.indent(textwrap.dedent(body), "  ")
    path = write(tmp_path, "case.yaml", text)
    return [(i.line, i.column, i.code) for i in lint_located(load_located(path))]


def codes(tmp_path: Path, body: str) -> list[str]:
    return [code for _line, _col, code in located(tmp_path, body)]


def test_unsupported_premise_fires_with_location(tmp_path: Path) -> None:
    found = located(
        tmp_path,
        """\
        id: t
        text: Cities should build more bike lanes.
        premises:
          - id: p
            text: Bike lanes reduce traffic deaths.
        """,
    )
    assert found == [(7, 13, "unsupported-premise")]  # the premise's 'text' value


def test_unsupported_premise_quiet_with_evidence_or_tag(tmp_path: Path) -> None:
    assert (
        codes(
            tmp_path,
            """\
        id: t
        text: Cities should build more bike lanes.
        premises:
          - text: Bike lanes reduce traffic deaths.
            evidence:
              - text: Deaths fell by a third on streets with protected lanes.
                citation: {outlet: City report, date: spring 2024}
          - text: Cycling is good for health.
            tags: [common-ground]
        """,
        )
        == []
    )


def test_unsupported_premise_quiet_with_cross_link_support(tmp_path: Path) -> None:
    assert "unsupported-premise" not in codes(
        tmp_path,
        """\
        id: t
        text: Cities should build more bike lanes.
        premises:
          - id: p
            text: Bike lanes reduce traffic deaths.
        evidence:
          - text: Deaths fell by a third on streets with protected lanes.
            citation: {outlet: City report, date: spring 2024}
            links: [p]
        """,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Uniforms are cheap and they are smart.",
        "Sanctions have failed, and Russia gains leverage in the region.",
        "Prices rose because the harvest failed.",
        "The plan is sound; it will work, and the council has approved it already.",
    ],
)
def test_two_claims_fires(text: str) -> None:
    assert two_claims_reason(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China share a long border.",
        "The costs and benefits of sanctions are unclear.",
        "Prices rose because of the harvest.",
        "Pyongyang is isolated and poor.",
        "Pipeline, railway, and port projects tie Moscow to Pyongyang.",
        "The US and its allies impose sanctions on Moscow.",
        "Bread and butter.",
    ],
)
def test_two_claims_quiet(text: str) -> None:
    assert two_claims_reason(text) is None


def test_two_claims_in_a_map_skips_evidence(tmp_path: Path) -> None:
    assert codes(
        tmp_path,
        """\
        text: Uniforms are cheap and they are smart.
        evidence:
          - text: Shops said prices fell and parents said they were pleased.
            citation: {outlet: Local paper}
        """,
    ) == ["two-claims"]


def test_uncited_evidence(tmp_path: Path) -> None:
    body = """\
        text: Cities should build more bike lanes.
        evidence:
          - text: Deaths fell by a third on streets with protected lanes.
        """
    assert located(tmp_path, body) == [(5, 7, "uncited-evidence")]  # the evidence entry
    cited = body.rstrip(" ") + "            source: report\n"
    text = "title: Lint case\nsources:\n  report: {name: City report}\nthesis:\n"
    path = write(tmp_path, "cited.yaml", text + textwrap.indent(textwrap.dedent(cited), "  "))
    assert lint_located(load_located(path)) == []


def test_restated_objection(tmp_path: Path) -> None:
    assert codes(
        tmp_path,
        """\
        text: Uniforms reduce bullying.
        tags: [common-ground]
        objections:
          - text: It is not true that uniforms reduce bullying.
          - text: Bullying moves online, where uniforms change nothing.
        """,
    ) == ["restated-objection"]


def test_duplicate_and_near_duplicate_texts(tmp_path: Path) -> None:
    found = codes(
        tmp_path,
        """\
        text: Cities should build more bike lanes.
        premises:
          - text: Bike lanes reduce traffic deaths in cities.
            tags: [common-ground]
          - text: "bike lanes REDUCE traffic deaths in cities!"
            tags: [common-ground]
          - text: Protected bike lanes reduce traffic deaths in cities.
            tags: [common-ground]
          - text: Painted bike lanes do little for safety at junctions.
            tags: [common-ground]
        """,
    )
    assert found == ["duplicate-text", "near-duplicate-text"]


def test_near_duplicate_needs_all_but_one_word(tmp_path: Path) -> None:
    body = """\
        text: Cities should build more bike lanes.
        premises:
          - text: Bike lanes reduce traffic deaths in cities.
            tags: [common-ground]
          - text: {other}
            tags: [common-ground]
        """
    same_words = "In cities, bike lanes reduce traffic deaths."
    assert codes(tmp_path, body.format(other=same_words)) == ["near-duplicate-text"]
    replaced = "Bike lanes reduce traffic injuries in cities."
    assert codes(tmp_path, body.format(other=replaced)) == ["near-duplicate-text"]
    two_changed = "Bike lanes reduce traffic injuries in towns."
    assert codes(tmp_path, body.format(other=two_changed)) == []


def test_linked_each_sufficient(tmp_path: Path) -> None:
    body = """\
        text: The bridge should be closed.
        premises:
          - linked:
              - text: The bridge has cracked girders.
                strength: {s1}
                tags: [common-ground]
              - text: Cracked girders can fail without warning.
                strength: {s2}
                tags: [common-ground]
        """
    assert codes(tmp_path, body.format(s1="strong", s2="strong")) == ["linked-each-sufficient"]
    assert codes(tmp_path, body.format(s1="strong", s2="moderate")) == []


def test_lint_order_is_deterministic_and_deep_maps_work() -> None:
    depth = 5000
    nodes = [Node(id="t", kind=NodeKind.THESIS, text="Claim number zero")]
    nodes += [
        Node(
            id=f"p{i}",
            kind=NodeKind.PREMISE,
            text=f"Claim number {i}",
            parent="t" if i == 1 else f"p{i - 1}",
            relation="supports",
        )
        for i in range(1, depth + 1)
    ]
    m = ArgumentMap(title="deep", nodes=tuple(nodes))
    warnings = lint(m)
    assert [w.node_id for w in warnings] == [f"p{depth}"]
    assert lint(m) == warnings


def test_every_code_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", readme, flags=re.MULTILINE))
    assert set(CODES) <= listed
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", code) for code in CODES)


def test_doctests() -> None:
    assert doctest.testmod(argmap.analysis.lint).failed == 0


def test_lint_check_and_stats_agree_on_untraced_evidence() -> None:
    from argmap.analysis.quotecheck import check_quotes
    from argmap.analysis.sourcetext import SourceText
    from argmap.analysis.standing import analyze
    from argmap.load.validate import validate_data

    m = validate_data(
        {
            "title": "t",
            "sources": {"paper": {"name": "Local paper"}},
            "thesis": {
                "text": "Claim.",
                "evidence": [
                    {"id": "quoted", "text": "Q.", "quote": "words"},
                    {"id": "cited", "text": "C.", "citation": {"outlet": "Paper"}},
                    {"id": "keyed", "text": "K.", "source": "paper"},
                    {"id": "bare", "text": "B."},
                ],
            },
        }
    )
    assert [n.id for n in m.nodes if n.kind is NodeKind.EVIDENCE and not n.traced] == ["bare"]
    assert [w.node_id for w in lint(m) if w.code == "uncited-evidence"] == ["bare"]
    assert analyze(m).unsourced_evidence == ("bare",)
    report = check_quotes(m, SourceText("the words are here"))
    assert [u.node_id for u in report.untraced] == ["bare"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Uniforms are cheap. They also reduce bullying.", "two sentences"),
        ("Homework should be banned; it causes stress.", "a semicolon"),
        ("Pupils learn more, while teachers spend less time on discipline.", "'while'"),
        ("Cars pollute, whereas bikes are clean.", "'whereas'"),
        ("Uniforms are cheap but they look ugly.", "'but'"),
    ],
)
def test_compound_claims(text: str, reason: str) -> None:
    from argmap.analysis.wording import split_reason

    found = split_reason(text)
    assert found is not None and reason in found


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang is isolated and poor.",
        "Mr. Putin warned Seoul in November.",
        "The U.S. and its allies impose sanctions.",
        "Moscow has backed away from the threat: it will work with both Koreas.",
        "Smoking causes cancer, heart disease and stroke.",
        "Not cheap but durable, uniforms last for years.",
    ],
)
def test_compound_claims_quiet(text: str) -> None:
    from argmap.analysis.wording import split_reason

    assert split_reason(text) is None


def test_teaching_rules_fire_with_a_location_and_a_hint(tmp_path: Path) -> None:
    body = """\
        id: t
        text: Should schools ban phones?
        premises:
          - id: p
            text: Phones distract pupils in lessons.
            tags: [common-ground]
            objections:
              - id: d
                text: That is simply wrong.
              - id: n
                text: Phones do not distract pupils in lessons.
          - id: c
            text: Schools should ban phones in lessons.
            tags: [common-ground]
          - id: f
            text: However, phones help in emergencies.
            tags: [common-ground]
        """
    found = located(tmp_path, body)
    assert (4, 9, "question") in found  # the thesis's text value
    by_code = {code for *_, code in found}
    assert {"bare-denial", "restated-objection", "circular-premise", "misfiled-kind"} <= by_code
    text = "title: Lint case\nthesis:\n" + textwrap.indent(textwrap.dedent(body), "  ")
    issues = lint_located(load_located(write(tmp_path, "hint.yaml", text)))
    for issue in issues:
        assert "; " in issue.message  # message; hint
        assert issue.line > 0 and issue.column > 0


def test_undercut_that_denies_the_claim(tmp_path: Path) -> None:
    body = """\
        text: The bridge should close.
        premises:
          - text: Engineers found cracks in the girders.
            tags: [common-ground]
            objections:
              - text: {text}
                undercut: true
        """
    assert "undercut-denies-claim" in codes(
        tmp_path, body.format(text="Engineers found no cracks in the girders.")
    )
    inference = "Cracks in girders do not show that a bridge is unsafe."
    assert "undercut-denies-claim" not in codes(tmp_path, body.format(text=inference))


def test_linked_group_sharing_no_term(tmp_path: Path) -> None:
    body = """\
        text: The town should build a new pool.
        premises:
          - linked:
              - text: {first}
                tags: [common-ground]
              - text: {second}
                tags: [common-ground]
        """
    independent = codes(
        tmp_path, body.format(first="Swimming keeps people fit.", second="Builders need work.")
    )
    assert independent == ["linked-independent"]
    linked = codes(
        tmp_path,
        body.format(
            first="Every town of ten thousand needs a pool.",
            second="This town has twelve thousand people.",
        ),
    )
    assert linked == []


def test_recall_on_flawed_student_maps_and_no_false_alarm_on_shipped_maps() -> None:
    """The measure README reports (``make bench`` prints it as a table)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_lint_quality import FLAWED, SHIPPED, measure

    flawed = measure(sorted(FLAWED.glob("*.yaml")))
    assert flawed.expected >= 30
    assert flawed.recall >= 0.8, flawed.missed
    assert flawed.false_alarms == []
    shipped = measure(sorted(SHIPPED.glob("*.yaml")))
    assert shipped.false_alarms == []  # the README's lint section says so


def test_a_bidi_override_is_named_in_the_field_that_holds_it(tmp_path: Path) -> None:
    body = """\
        text: Pay the invoice.
        objections:
          - text: "\\u202eThe amount is 100 EUR"
            note: "checked \\u202d twice"
          - text: "Right-to-left words need no control: \u05e9\u05dc\u05d5\u05dd \\u2067x\\u2069"
        """
    assert located(tmp_path, body) == [(5, 13, "bidi-override"), (6, 13, "bidi-override")]
    (warning,) = [w for w in lint(load_located(tmp_path / "case.yaml").map) if w.field == "text"]
    assert "right-to-left override (U+202E) in its text" in str(warning)


def test_a_line_break_inside_a_text_or_quote_is_named_as_no_output_draws_it(
    tmp_path: Path,
) -> None:
    """An ``add --text`` of two lines is kept in the file, and every output ran the lines
    together; lint did not say so. A break at an end (a ``|`` block's last) is none."""
    body = """\
        text: Pay the invoice.
        premises:
          - text: |-
              First line.
              - a dash line
            evidence:
              - text: |
                  One line, kept with its line end.
                quote: "Said\\non two lines."
        """
    assert located(tmp_path, body) == [(5, 13, "line-break"), (11, 18, "line-break")]
    found = lint(load_located(tmp_path / "case.yaml").map)
    assert "line break in its quote, which the diagrams" in str(found[-1])
