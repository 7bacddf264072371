"""Pages finished in worker processes: the same bytes as in this process, errors in one line."""

from __future__ import annotations

import pytest

from argmap.analysis.standing import analyze
from argmap.errors import RenderError
from argmap.exporters.diagram import pageworkers
from argmap.exporters.diagram.fitting import page_svg
from argmap.exporters.diagram.formats import _pages
from argmap.exporters.diagram.pdf import svgs_to_pdf
from argmap.exporters.diagram.pdfdraw import Text, draw_parts, draw_svg
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS


@pytest.fixture(scope="module")
def svgs() -> list[str]:
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    layout = _pages(m, analyze(m), RenderOptions(), "a4")
    assert layout is not None
    return [page_svg(layout, page) for page in layout.pages]


def test_parts_with_their_text_are_the_whole_drawing(svgs: list[str]) -> None:
    def write(text: Text) -> str:
        return f"BT {text.x} {text.y} {len(text.text)} {text.style} ET"

    for svg in svgs:
        parts = draw_parts(svg)
        assert parts.content(write) == draw_svg(svg, write).content
        assert len(parts.chunks) == len(parts.texts) + 1


def test_workers_write_the_same_pdf(svgs: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    here = svgs_to_pdf(svgs * 3, title="t")
    monkeypatch.setattr(pageworkers, "MIN_PAGES", 2)
    monkeypatch.setattr(pageworkers, "BATCH", 2)
    from argmap.exporters.diagram import engine

    monkeypatch.setattr(engine, "drawing_workers", lambda: 3)
    assert svgs_to_pdf(svgs * 3, title="t") == here


def test_a_page_a_worker_cannot_draw_is_one_render_error(
    svgs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.exporters.diagram import engine

    monkeypatch.setattr(pageworkers, "MIN_PAGES", 2)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 2)
    with pytest.raises(RenderError, match="PDF conversion failed: mismatched tag: line 1"):
        svgs_to_pdf([svgs[0], "<svg><g></svg>", svgs[0]])


def test_a_short_document_starts_no_worker(
    svgs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(name: str) -> None:
        raise AssertionError("a worker was started")

    monkeypatch.setattr(pageworkers, "Worker", refuse)
    assert svgs_to_pdf(svgs).startswith(b"%PDF-1.7")


def test_workers_clean_the_same_html_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.exporters.diagram import engine
    from argmap.exporters.html.page import render_html

    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    here = render_html(m, analyze(m), RenderOptions())
    monkeypatch.setattr(pageworkers, "MIN_PAGES", 2)
    monkeypatch.setattr(pageworkers, "BATCH", 1)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 2)
    assert render_html(m, analyze(m), RenderOptions()) == here
    assert here.count("<svg") > 2


def test_where_no_worker_can_start_the_pages_are_drawn_here(
    svgs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmap.exporters.diagram import engine

    here = svgs_to_pdf(svgs)

    def refuse(name: str) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(pageworkers, "MIN_PAGES", 2)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 2)
    monkeypatch.setattr(pageworkers, "Worker", refuse)
    assert svgs_to_pdf(svgs) == here


def test_a_worker_that_stops_leaves_its_pages_to_this_process(
    svgs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Killed (out of memory, say): its batches are drawn here, the same document.
    from argmap.exporters.diagram import engine

    here = svgs_to_pdf(svgs * 3, title="t")
    started: list[pageworkers.Worker] = []
    real = pageworkers.Worker

    def killed(name: str) -> pageworkers.Worker:
        worker = real(name)
        worker.process.kill()
        worker.process.wait()
        started.append(worker)
        return worker

    monkeypatch.setattr(pageworkers, "MIN_PAGES", 2)
    monkeypatch.setattr(pageworkers, "BATCH", 2)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 2)
    monkeypatch.setattr(pageworkers, "Worker", killed)
    assert svgs_to_pdf(svgs * 3, title="t") == here
    assert len(started) > 1
