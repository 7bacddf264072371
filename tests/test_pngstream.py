"""PNG slides streamed to their files: a few held at a time, all or nothing put in place."""

from __future__ import annotations

import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.editing import safepages
from argmap.errors import RenderError
from argmap.exporters.diagram import engine, fitting, pagepngs, raster, rasterpool
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from argmap.pipeline import render_files, render_map
from tests.conftest import MAPS

UNIFORMS = MAPS / "school-uniforms.yaml"
FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"


def test_streamed_pages_are_the_rendered_pages_and_are_listed(tmp_path: Path) -> None:
    upright = RenderOptions(fit="a4", portrait=True)  # two pages (one slide)
    pages = render_map(load_map(UNIFORMS), "png", upright)
    assert isinstance(pages, list) and len(pages) >= 2
    written = render_files([UNIFORMS], ["png"], tmp_path, upright)
    names = [f"school-uniforms-{i:02d}.png" for i in range(1, len(pages) + 1)]
    assert written == [(UNIFORMS, tmp_path / name) for name in names]
    assert [(tmp_path / name).read_bytes() for name in names] == pages
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_a_one_page_map_is_written_as_stem_png(tmp_path: Path) -> None:
    small = tmp_path / "small.yaml"
    small.write_text("title: T\nthesis: {id: t, text: One page.}\n", encoding="utf-8")
    out = tmp_path / "out"
    written = render_files([small], ["png"], out)
    assert written == [(small, out / "small.png")]
    assert (out / "small.png").read_bytes() == render_map(load_map(small), "png")


def test_pages_are_drawn_only_a_few_ahead_of_their_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_svg = fitting.page_svg

    def svg(*args: object) -> str:
        events.append("drawn")
        return real_svg(*args)  # type: ignore[arg-type]

    class Counted(safepages.StagedCopy):
        def __init__(
            self, path: str | Path, data: bytes, flusher: safepages.Flusher | None = None
        ) -> None:
            events.append("staged")
            super().__init__(path, data, flusher)

    monkeypatch.setattr(pagepngs, "page_svg", svg)
    monkeypatch.setattr(safepages, "StagedCopy", Counted)
    monkeypatch.setattr(raster, "MIN_PAGES_PER_WORKER", 1)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 2)
    written = render_files([FLAGSHIP], ["png"], tmp_path)
    assert events.count("staged") == events.count("drawn") == len(written) >= 12
    # At most a worker's page in hand and AHEAD more each, past the pages staged.
    ahead = 0
    for event in events:
        ahead += 1 if event == "drawn" else -1
        assert 0 <= ahead <= 2 * (1 + rasterpool.AHEAD)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_page_that_fails_midway_leaves_nothing_and_loses_nothing(
    workers: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {"m-01.png": b"old one", "m.png": b"old single", "m-05.png": b"old five"}
    real = raster.draw_pngs

    def third_fails(svgs: Iterator[str], count: int, **kwargs: int) -> Iterator[bytes]:
        for i, drawn in enumerate(real(svgs, count, **kwargs)):
            if i == 2:
                raise RenderError("the engine failed on page 3")
            assert isinstance(drawn, bytes)
            yield drawn

    monkeypatch.setattr(raster, "draw_pngs", third_fails)
    monkeypatch.setattr(raster, "MIN_PAGES_PER_WORKER", 1)
    monkeypatch.setattr(engine, "drawing_workers", lambda: workers)
    source = tmp_path / "src" / "m.yaml"
    source.parent.mkdir()
    source.write_bytes(FLAGSHIP.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    for name, data in old.items():
        (out / name).write_bytes(data)
    with pytest.raises(RenderError, match="page 3"):
        render_files([source], ["png"], out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


def test_drawing_in_order_from_workers_stops_cleanly_when_an_svg_cannot_be_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    svg = '<svg width="{0}pt" height="9pt" xmlns="http://www.w3.org/2000/svg"/>'
    monkeypatch.setattr(raster, "MIN_PAGES_PER_WORKER", 1)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 3)
    drawn = list(
        raster.draw_pngs((svg.format(i) for i in range(1, 13)), 12, dpi=72, max_side_px=99)
    )
    assert [struct.unpack(">I", png[16:20])[0] for png in drawn] == list(range(1, 13))  # type: ignore[index]

    def broken() -> Iterator[str]:
        yield from (svg.format(i) for i in range(1, 5))
        raise RuntimeError("page 5 could not be made")

    threads = threading.active_count()
    images = raster.draw_pngs(broken(), 12, dpi=72, max_side_px=99)
    with pytest.raises(RuntimeError, match="page 5"):
        for _ in images:
            pass
    assert threading.active_count() == threads  # the workers' threads (and processes) are done


def test_each_worker_has_its_next_page_before_it_answers_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A worker process never waits for this one between pages: the next is sent first.
    # Each worker's first answer waits until both have asked for theirs: else, on a busy
    # machine, one thread could draw six pages (the most taken ahead) before the other
    # thread took its second, and that one rightly waited for its first answer.
    logs: list[list[str]] = []
    both = threading.Barrier(2)

    class Recorded:
        def __init__(self) -> None:
            self.log: list[str] = []
            self.sent: list[str] = []
            logs.append(self.log)

        def __enter__(self) -> Recorded:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def send(self, job: tuple[object, ...]) -> None:
            self.log.append("send")
            self.sent.append(str(job[0]))

        def receive(self) -> bytes:
            if "receive" not in self.log:
                both.wait(timeout=60)
            self.log.append("receive")
            width = int(self.sent.pop(0).split('width="')[1].split("pt")[0])
            return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", width)

    svg = '<svg width="{0}pt" height="9pt" xmlns="http://www.w3.org/2000/svg"/>'
    monkeypatch.setattr(rasterpool, "Worker", Recorded)
    monkeypatch.setattr(raster, "MIN_PAGES_PER_WORKER", 1)
    monkeypatch.setattr(engine, "drawing_workers", lambda: 2)
    drawn = raster.svgs_to_pngs([svg.format(i) for i in range(1, 21)], dpi=72, max_side_px=99)
    assert [struct.unpack(">I", png[8:12])[0] for png in drawn] == list(range(1, 21))  # type: ignore[index]
    assert len(logs) == 2 and sum(log.count("receive") for log in logs) == 20
    for log in logs:
        assert log.count("send") == log.count("receive")
        assert log[:2] == ["send", "send"]  # the next page is in hand before the first answer


def test_big_pages_and_big_images_pass_both_ways_at_once() -> None:
    # A job larger than a pipe holds goes out while the worker writes an image larger than
    # a pipe holds: the worker reads its next job as it comes, so neither side waits forever.
    import random
    import threading

    chosen = random.Random(7)
    rects = "".join(
        f'<rect x="{chosen.randrange(400)}" y="{chosen.randrange(400)}" width="6" height="6" '
        f'fill="#{chosen.randrange(1 << 24):06x}"/>'
        for _ in range(6000)
    )
    svgs = [
        f'<svg width="{400 + i}pt" height="400pt" xmlns="http://www.w3.org/2000/svg">{rects}</svg>'
        for i in range(2 * raster.MIN_PAGES_PER_WORKER)
    ]
    assert len(svgs[0]) > 1 << 17
    drawn: list[object] = []
    thread = threading.Thread(
        target=lambda: drawn.extend(raster.svgs_to_pngs(svgs, dpi=144, max_side_px=2000)),
        daemon=True,
    )
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the workers and this process wait on each other"
    assert len(drawn) == len(svgs) and all(isinstance(png, bytes) for png in drawn)
    assert min(len(png) for png in drawn) > 1 << 16  # type: ignore[arg-type]
    assert drawn[0] == raster.svg_to_png(svgs[0], dpi=144, max_side_px=2000)
