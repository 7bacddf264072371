"""What an open objection puts at stake: the order ``stats`` and the HTML page list them in."""

from __future__ import annotations

import re

from argmap.analysis.stakes import against, by_stake
from argmap.analysis.standing import analyze
from argmap.analysis.stats import format_stats, unanswered_by_kind
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from tests.conftest import MAPS


def test_the_flagships_open_objections_come_the_most_at_stake_first() -> None:
    """In the file's order an objection to a link five levels down came second; those
    attacking the thesis come first now, then the undercuts of its reasons' links (which
    leave it unsupported), then the rest, the nearer the thesis the sooner."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    objections = unanswered_by_kind(m, analyze(m))[0]
    assert objections[:5] == (
        "russia-voted-sanctions",  # by a cross-link
        "pure-and-simple-overstated",
        "economic-motives",
        "stake-in-stability",
        "hedging-against-china",
    )
    assert objections[-1] == "made-is-not-supplied-now"
    assert against(m, m.get("russia-voted-sanctions")) == "the thesis (+1 more)"
    assert against(m, m.get("stake-in-stability")) == "link russias-korean-game -> the thesis"
    assert against(m, m.get("no-word-on-washington")) == "link the thesis -> us-fails-to-grasp"
    report = format_stats(m, analyze(m))
    assert "  pure-and-simple-overstated  " in report and "\n  on: " not in report
    assert len(re.findall(r"\n {4,}on: ", report)) == len(objections)


def test_equals_keep_the_files_order_and_depth_breaks_ties() -> None:
    deep = {"id": "d", "text": "Deep.", "objections": [{"id": "o-deep", "text": "No d."}]}
    data = {
        "title": "t",
        "thesis": {
            "id": "t",
            "text": "T.",
            "premises": [
                {"id": "a", "text": "A.", "premises": [deep]},
                {"id": "b", "text": "B.", "objections": [{"id": "o-b", "text": "No b."}]},
            ],
            "objections": [{"id": "o-t1", "text": "No."}, {"id": "o-t2", "text": "No!"}],
        },
    }
    m = validate_data(data, "t.yaml")
    assert by_stake(m, ["o-deep", "o-b", "o-t2", "o-t1"]) == ("o-t2", "o-t1", "o-b", "o-deep")
    assert by_stake(m, ["o-deep", "o-t1", "o-b", "o-t2"]) == ("o-t1", "o-t2", "o-b", "o-deep")
