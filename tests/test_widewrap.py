"""Characters drawn far wider than a column (flags, wide symbols) wrap so a box fits its page."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.exporters.diagram.linebreak import wrap_columns
from argmap.exporters.diagram.pagesize import PAGE_SIZES, STATEMENT_POINTS
from argmap.exporters.diagram.textwidth import text_points
from argmap.load.validate import validate_data
from argmap.options import RenderOptions

FLAGS = "\U0001f1fa\U0001f1f3" * 30
WIDE = {
    "flags": FLAGS,
    "ligature": "\ufdfd" * 12,
    "dashes": "\u2e3b" * 40,
}


@pytest.mark.parametrize("text", WIDE.values(), ids=WIDE.keys())
def test_a_line_of_wide_characters_is_no_wider_than_a_line_of_wide_latin(text: str) -> None:
    latin = text_points("M" * 34, STATEMENT_POINTS)
    for line in wrap_columns(text, 34):
        assert text_points(line, STATEMENT_POINTS) <= latin, line


@pytest.mark.parametrize("fit", ["a4", "letter"])
def test_a_thesis_of_flags_on_an_upright_page_is_at_the_floor(fit: str) -> None:
    m = validate_data(
        {
            "title": "flags",
            "thesis": {"id": "t", "text": FLAGS, "premises": [{"id": "p", "text": "A reason."}]},
        }
    )
    layout = lay_out(m, analyze(m), RenderOptions(portrait=True), fit, find_engine("auto"))  # type: ignore[arg-type]
    height = PAGE_SIZES[fit].width  # upright: the long side is the height
    for laid in layout.pages:
        assert STATEMENT_POINTS * layout.scale(laid) >= height / 60 - 1e-6
