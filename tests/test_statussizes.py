"""Text sizes with ``--status``: statements at least 1/60 of the page, no text under 1/90."""

from __future__ import annotations

import html
import re

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.pagesize import STATEMENT_POINTS
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

TAG = re.compile(r"\[(IN|OUT|UNDECIDED)[^\]]*\]")


@pytest.mark.parametrize("fit", ["slide", "a4"])
def test_standing_tags_are_no_smaller_than_the_kind_labels_and_no_text_is_under_the_floor(
    fit: str,
) -> None:
    """A tester read `REASON [IN · LINK OUT]` at 1/86 of a slide's height, the smallest
    text there: it is the kind label's line, the tag in it at the label's size, and 1/86
    is above the floor the README promises (no text under 1/90, a statement at least
    1/60). Every text of the flagship's pages with ``--status`` keeps both; every tag
    (in a box's header or atop a stub) is at least as large as the kind labels."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = lay_out(m, analyze(m), RenderOptions(status=True), fit, find_engine("auto"))
    height = layout.size.height
    labels, tags = [], []
    for page in layout.pages:
        scale = layout.scale(page)
        for attrs, words in re.findall(r"<text([^>]*)>([^<]*)</text>", page.svg):
            size = float(re.search(r'font-size="([\d.]+)"', attrs).group(1))  # type: ignore[union-attr]
            assert size * scale / height >= 1 / 90 - 1e-6, (page.plan.number, words)
            words = html.unescape(words)
            if TAG.search(words):
                tags.append(size)
            if words.split("\u00a0")[0].strip().isupper() and "bold" in attrs and words != "KEY":
                labels.append(size)
        statement = STATEMENT_POINTS * scale / height
        assert statement >= 1 / 60 - 1e-6, page.plan.number
    assert tags and labels and min(tags) >= max(labels), (min(tags), max(labels))
