"""Text set for resvg 0.48: shaped runs in chunks of their own, and its panics kept quiet."""

from __future__ import annotations

import io
import os
import re
import sys
from typing import Any

import pytest

from argmap import rasterworker
from argmap.exporters.diagram import raster
from argmap.exporters.diagram.resvgtext import LEAD, set_fonts

pytest.importorskip("fontTools")

_PAGE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400pt" height="60pt" viewBox="0 0 400 60">'
    '<text x="200" y="30" text-anchor="middle" font-family="Noto Sans" font-size="13">{}</text>'
    "</svg>"
)


def _text(line: str) -> str:
    found = re.search(
        r"<text\b[^>]*>(.*)</text>", set_fonts(_PAGE.format(line), shaping=True)[0], re.S
    )
    assert found is not None
    return found.group(1)


def test_a_shaped_run_after_other_text_opens_a_chunk_of_its_own() -> None:
    body = _text("Say हिन्दी now")
    chunks = re.findall(r'<tspan x="([\d.]+)" text-anchor="(\w+)">', body)
    texts = [re.sub(r"<[^>]+>", "", piece) for piece in re.split(r'<tspan x="[\d.]+"[^>]*>', body)]
    assert [text.strip() for text in texts[1:]] == ["Say", "हिन्दी", "now"]
    # the line's ends are placed exactly; a shaped run drawn narrower leaves gaps between
    assert [side for _, side in chunks] == ["start", "middle", "end"]
    starts = [float(x) for x, _ in chunks]
    assert starts == sorted(starts)
    assert starts[0] < 200 < starts[-1]
    assert abs((starts[0] + starts[-1]) / 2 - 200) < 0.01  # centred on its anchor


def test_a_line_opening_in_another_face_opens_with_a_letter_of_the_main_one() -> None:
    assert _text("★☆ हिन्दी").count(LEAD) == 1  # the stars' chunk; the Devanagari is alone
    assert not _text("हिन्दी").count(LEAD)  # a lead would undo its shaping
    assert _text("👍 é").startswith(LEAD)


def test_a_line_of_the_main_face_alone_is_left_as_it_is() -> None:
    assert _text("Plain words") == "Plain words"


@pytest.mark.skipif(rasterworker.backend(shaped=True) != "resvg_py", reason="needs resvg-py")
@pytest.mark.parametrize(
    "line", ["★☆ हिन्दी", "مرحبا हिन्दी", "বাংলা e\u0301", "👩\u200d💻 हिन्दी e\u0301", "ไทย தமிழ்"]
)
def test_lines_that_made_resvg_panic_are_drawn(line: str) -> None:
    png = raster.svg_to_png(_PAGE.format(line), dpi=72, max_side_px=8000)
    assert png.startswith(b"\x89PNG")


def test_a_panic_report_stays_off_the_terminal(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RuntimeError), rasterworker._panic_quieted():
        os.write(2, b"thread panicked at layout.rs\nstack backtrace:\n")
        raise RuntimeError("removal index (is 6) should be < len (is 6)")
    assert capfd.readouterr().err == ""


def test_what_else_reaches_standard_error_while_drawing_is_passed_on(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with rasterworker._panic_quieted():
        os.write(2, b"a warning of someone else's\n")
    assert capfd.readouterr().err == "a warning of someone else's\n"


def test_a_worker_catches_standard_error_in_one_file_for_every_page(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Making a temporary file a page cost a hundredth of a slide's drawing: a worker
    # process makes one, emptied after each page, so a panic's report is not passed on
    # with the next page's.
    import tempfile

    made: list[int] = []
    making = tempfile.TemporaryFile

    def counted(*args: Any, **kwargs: Any) -> Any:
        made.append(1)
        return making(*args, **kwargs)

    def draw(job: Any) -> bytes | str:
        try:
            with rasterworker._panic_quieted():
                os.write(2, b"drawn\n" if job else b"thread panicked at layout.rs\n")
                if not job:
                    raise RuntimeError("panicked")
        except RuntimeError as exc:
            return str(exc)
        return b"png"

    monkeypatch.setattr(tempfile, "TemporaryFile", counted)
    monkeypatch.setattr(rasterworker, "draw", draw)
    jobs = io.BytesIO()
    for job in (0, 1, 1, 1):
        rasterworker.send(jobs, job)
    jobs.seek(0)
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(jobs))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
    assert rasterworker.main() == 0
    assert len(made) == 1
    assert capfd.readouterr().err == "drawn\n" * 3
    out.seek(0)
    assert [rasterworker.receive(out) for _ in range(4)] == ["panicked", b"png", b"png", b"png"]


def _ink_width(line: str) -> int:
    from PIL import Image

    png = raster.svg_to_png(_PAGE.format(line), dpi=72, max_side_px=8000)
    box = Image.eval(Image.open(io.BytesIO(png)).convert("L"), lambda v: 255 - v).getbbox()
    assert box is not None
    return box[2] - box[0]


@pytest.mark.parametrize("first", ["👍", "⚖"])
def test_digits_after_an_emoji_or_a_symbol_are_drawn_at_their_width(first: str) -> None:
    pytest.importorskip("PIL")
    # resvg drew them in the emoji or symbols face, twice as wide: 59 pt for "👍 42"
    assert _ink_width(f"{first} 42") <= _ink_width(first) + _ink_width("42") + 6
