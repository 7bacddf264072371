"""Deep maps in and out: Argdown and Markdown exports nest a bounded depth; deep imports."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given

from argmap.cli import main
from argmap.exporters import markdown
from argmap.exporters.markdown import to_markdown
from argmap.interop import get_importer
from argmap.interop.argdown.writer import NEST_LEVELS, to_argdown
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap
from tests.conftest import MAPS, write
from tests.deepmaps import deep_chain
from tests.strategies import argument_maps
from tests.test_interop import MARKDOWN_IT, SETTINGS, _argdown_counts, _require_argdown_cli

_THEIRS = {"supports": "support", "attacks": "attack", "undercuts": "undercut"}


def _indents(text: str) -> int:
    """The deepest line's indentation, in levels."""
    return max((len(line) - len(line.lstrip(" "))) // 2 for line in text.splitlines())


def test_deep_branches_continue_in_blocks_of_their_own() -> None:
    m = deep_chain(3 * NEST_LEVELS + 4)
    text = to_argdown(m)
    assert _indents(text) == NEST_LEVELS  # nested so deep, then a block of its own
    head = f"\n\n<n{NEST_LEVELS}>\n  + <n{NEST_LEVELS + 1}>: Claim {NEST_LEVELS + 1}.\n"
    assert head in text
    assert get_importer("argdown")(text, "deep.argdown").map == m


def test_shallow_maps_are_written_as_before() -> None:
    m = deep_chain(NEST_LEVELS)  # the deepest line is a leaf NEST_LEVELS deep: nothing continues
    text = to_argdown(m)
    assert _indents(text) == NEST_LEVELS
    assert "\n<n" not in text  # no block opens with an argument's title


def test_deep_export_grows_with_the_map() -> None:
    small, big = (to_argdown(deep_chain(depth)) for depth in (1_000, 4_000))
    assert _indents(big) == NEST_LEVELS
    assert 3.5 < len(big) / len(small) < 4.5  # was about 16x: each line indented to its depth


@SETTINGS
@given(argument_maps(max_nodes=16))
def test_round_trip_keeps_everything_at_any_nesting(m: ArgumentMap) -> None:
    for nest in (1, 2, 3):
        text = to_argdown(m, nest=nest)
        assert _indents(text) <= nest
        assert get_importer("argdown")(text, "x.argdown").map == m


def test_a_groups_undercutters_stay_under_it_after_a_branch_goes_on_in_a_block() -> None:
    """A co-premise's undercutter with a premise of its own, written one level deep, went
    on in a block of its own (``<u1>``); the next co-premise's undercutter was then written
    in that block, as if ``u1`` answered it, and came back as a rebuttal of ``u1``."""
    first = {
        "id": "u1",
        "text": "The first link fails.",
        "undercut": True,
        "premises": [{"id": "s1", "text": "Why it fails."}],
    }
    second = {"id": "u2", "text": "The second link fails.", "undercut": True}
    linked = [
        {"id": "p1", "text": "First co-premise.", "objections": [first]},
        {"id": "p2", "text": "Second co-premise.", "objections": [second]},
    ]
    thesis = {"id": "t", "text": "Thesis.", "premises": [{"id": "g", "linked": linked}]}
    m = validate_data({"title": "Undercut group", "thesis": thesis})
    for nest in (1, 2, 3):
        text = to_argdown(m, nest=nest)
        assert get_importer("argdown")(text, "x.argdown").map == m, text


def test_markdown_lists_continue_in_sections_of_their_own() -> None:
    m = deep_chain(3 * markdown.NEST_LEVELS + 4)
    text = to_markdown(m)
    assert _indents(text) == markdown.NEST_LEVELS
    head = f"\n\n## Continued below `n{markdown.NEST_LEVELS}`\n\n- **Reason** `n"
    assert head in text
    assert text.count("## Continued below") == 4  # n16, n32, n48 and o50 (its rebuttal)
    items = re.findall(r"^ *- \*\*.*?\*\* `([^`]+)`:", text, flags=re.MULTILINE)
    assert sorted(items) == sorted(node.id for node in m.nodes)  # each node once
    assert _indents(to_markdown(deep_chain(markdown.NEST_LEVELS))) == markdown.NEST_LEVELS
    assert "## Continued" not in to_markdown(deep_chain(markdown.NEST_LEVELS))


def _conclusions(depth: int) -> ArgumentMap:
    """A thesis with two conclusions, the first with a chain of objections ``depth`` long."""
    first: dict[str, Any] = {"id": "c1", "text": "Conclusion 1."}
    node = first
    for i in range(depth):
        node["objections"] = [{"id": f"x{i}", "text": f"Objection {i}."}]
        node = node["objections"][0]
    second = {"id": "c2", "text": "Conclusion 2.", "objections": [{"id": "y", "text": "Y."}]}
    thesis = {"id": "t", "text": "T.", "premises": [{"id": "p", "text": "P."}]}
    thesis["conclusions"] = [first, second]
    return validate_data({"title": "Drawn", "thesis": thesis}, "drawn.yaml")


def test_markdown_deep_conclusions_continue_after_every_conclusion() -> None:
    m = _conclusions(markdown.NEST_LEVELS + 3)
    text = to_markdown(m).split("## The argument", 1)[1]  # after the summary's list
    assert _indents(text) == markdown.NEST_LEVELS
    drawn, continued = (text.index(f"## {head}") for head in ("Conclusions", "Continued below"))
    assert drawn < text.index("`c1`") < text.index("`c2`") < text.index("`y`") < continued
    assert text.count("## Continued below") == 1
    items = re.findall(r"^ *- \*\*.*?\*\* `([^`]+)`:", text, flags=re.MULTILINE)
    assert sorted(items) == sorted(node.id for node in m.nodes)


def test_argdown_deep_conclusions_read_back() -> None:
    m = _conclusions(NEST_LEVELS + 3)
    text = to_argdown(m)
    assert _indents(text) == NEST_LEVELS
    assert get_importer("argdown")(text, "drawn.argdown").map == m


@pytest.mark.parametrize("fmt", ["argdown", "markdown"])
def test_cli_exports_a_10000_deep_chain(tmp_path: Path, fmt: str) -> None:
    depth = 10_000
    opening = "".join(f'{{"id": "n{i}", "text": "c {i}", "premises": [' for i in range(depth - 1))
    chain = opening + f'{{"id": "n{depth - 1}", "text": "last"}}' + "]}" * (depth - 1)
    source = write(tmp_path, "chain.json", '{"title": "deep", "thesis": ' + chain + "}")
    out = tmp_path / f"chain.{fmt}"
    result = CliRunner().invoke(main, ["export", str(source), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size < 600_000  # nested in full: 100 MB
    if fmt == "markdown":
        return
    back = tmp_path / "back.json"
    result = CliRunner().invoke(main, ["import", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["diff", str(source), str(back)])
    assert result.exit_code == 0, result.output


@pytest.mark.slow
def test_real_argdown_cli_reads_a_600_deep_export(tmp_path: Path) -> None:
    """Nested in full, Argdown's parser overflowed its stack past about 250 levels."""
    _require_argdown_cli()
    m = deep_chain(600)
    data = _argdown_counts(write(tmp_path, "deep.argdown", to_argdown(m)), tmp_path)
    assert len(data["statements"]) == 1
    assert len(data["arguments"]) == len(m) - 1
    theirs = Counter(relation["relationType"] for relation in data["relations"])
    assert theirs == Counter(_THEIRS[relation.value] for _, _, relation, _ in m.edges())
    texts = {
        title: max(member.get("text", "").strip() for member in argument["members"])
        for title, argument in data["arguments"].items()
    }
    assert texts == {node.id: node.text for node in m.nodes[1:]}


def test_import_writes_json_past_what_it_nests_one_record_a_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 100,000-deep import nests 200,000 levels: past the json module (an internal error)."""
    from argmap.cli import interop

    monkeypatch.setattr(interop, "MAX_JSON_NESTING", 40)
    m = deep_chain(30)  # 60 levels of lists and mappings
    source = write(tmp_path, "deep.argdown", to_argdown(m))
    out = tmp_path / "deep.json"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [record["id"] for record in data["nodes"]] == [node.id for node in m.nodes]
    assert load_map(out) == m


@pytest.mark.slow
def test_markdown_it_shows_every_node_of_a_deep_chain() -> None:
    """markdown-it stops nesting at 100 blocks: nested in full, a 60-deep chain showed 50."""
    _require_argdown_cli()  # markdown-it comes with it
    m = deep_chain(60)
    done = subprocess.run(
        [str(MARKDOWN_IT)], input=to_markdown(m), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    shown = re.findall(r"<code>([^<]+)</code>: ", done.stdout)  # each item's id, then its text
    assert sorted(shown) == sorted(node.id for node in m.nodes)


def test_markdown_names_the_source_documents_volume_and_issue_as_the_html_page_does() -> None:
    text = to_markdown(load_map(MAPS / "russias-game-in-north-korea.yaml"))
    expected = "Source: Russia’s Game in North Korea, Eurasia Daily Monitor, vol. 11, no. 85\n"
    assert expected in text
    m = validate_data(
        {
            "title": "T",
            "source": {"title": "D", "issue": "4*", "author": "A", "date": "May"},
            "thesis": {"text": "T."},
        }
    )
    assert "Source: D, no. 4\\*, A, May\n" in to_markdown(m)
