"""Pages tried that overflow give their size alone: never finished, never reused as drawings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram import enginepool, fitting, geometry
from argmap.exporters.diagram.arriving import arrival_name, arriving
from argmap.exporters.diagram.engine import find_engine, run_engine
from argmap.exporters.diagram.enginepool import LayoutQueue, alone
from argmap.exporters.diagram.packed import Overflow, kept, svg_size, unpack
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS

GRAPH = 'digraph argmap {{ a{i} [label="a box of page {i}"]; b{i} [label="b"]; a{i} -> b{i} }}'


def _redraws(monkeypatch: pytest.MonkeyPatch) -> list[tuple[float, float]]:
    """The size of each drawing the SVG passes are made over, from now on."""
    sizes: list[tuple[float, float]] = []
    real = enginepool.redraw_svg

    def counted(svg: str, *, alone: bool = False) -> str:
        sizes.append(svg_size(svg))
        return real(svg, alone=alone)

    monkeypatch.setattr(enginepool, "redraw_svg", counted)
    return sizes


def test_a_rough_graph_that_overflows_is_not_redrawn_and_gives_its_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    info, source = find_engine("auto"), GRAPH.format(i=0)
    size = svg_size(run_engine(source, "svg", info))
    redrawn = _redraws(monkeypatch)
    with LayoutQueue(info, kept, holds=lambda w, h: w < size[0] / 2) as queue:
        queue.add("rough", source, rough=True)
        assert queue.take("rough") == Overflow(*size)
    assert redrawn == []


def test_an_overflow_is_never_taken_for_a_drawing_later() -> None:
    """The size of a rough try is not kept as the graph's drawing: asked for in full, the
    same graph is laid out and finished, in this queue or the next (the memo's reuse)."""
    info, source = find_engine("auto"), GRAPH.format(i=1)
    finished = kept(alone(run_engine(source, "svg", info)))
    enginepool.forget_drawings()
    with LayoutQueue(info, kept, holds=lambda w, h: False) as queue:
        queue.add(0, source, rough=True)
        assert isinstance(queue.take(0), Overflow)
        queue.add(1, source)
        assert queue.take(1) == finished
    with LayoutQueue(info, kept, holds=lambda w, h: False) as queue:
        queue.add(2, source)
        assert queue.take(2) == finished


def test_a_rough_graph_that_fits_is_finished_as_any_other() -> None:
    info, source = find_engine("auto"), GRAPH.format(i=2)
    with LayoutQueue(info, kept, holds=lambda w, h: True) as queue:
        queue.add(0, source, rough=True)
        assert queue.take(0) == kept(alone(run_engine(source, "svg", info)))


def test_a_drafter_keeps_rough_sizes_apart_from_its_drafts() -> None:
    """A page laid out rough that overflows has no drawing; laid out in full, it has one."""
    m = load_map(MAPS / "school-uniforms.yaml")
    info, options = find_engine("auto"), RenderOptions()
    layout = fitting.lay_out(m, analyze(m), options, "a4", info)
    page = layout.pages[0].plan.page
    budget = replace(layout.budget, width=10.0)  # no page fits it
    shown = [node.id for node in m.nodes]
    enginepool.forget_drawings()
    with fitting._Drafter(m, analyze(m), options, info, shown, budget) as drafter:
        plan = drafter.plan(page, 1, {})
        (rough,) = drafter.lay_out([plan], rough=True)
        assert rough.packed == b"" and not budget.holds(rough.width, rough.height)
        (full,) = drafter.lay_out([plan])
        assert full.packed and (full.width, full.height) == (rough.width, rough.height)
        assert drafter.lay_out([plan], rough=True)[0].packed == full.packed  # the drawing


def test_tries_that_overflow_are_not_redrawn_and_the_pages_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The flagship on A4: most leaves tried beside their parents overflow the page. Their
    drawings are not finished; every page comes out as when each try was finished."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    analysis, info = analyze(m), find_engine("auto")
    redrawn = _redraws(monkeypatch)
    layout = fitting.lay_out(m, analysis, RenderOptions(), "a4", info)
    rough = len(redrawn)
    redrawn.clear()
    enginepool.forget_drawings()
    real = LayoutQueue.add

    def in_full(self: LayoutQueue[object], key: object, source: str, rough: bool = False) -> None:
        real(self, key, source)

    monkeypatch.setattr(LayoutQueue, "add", in_full)
    finished = fitting.lay_out(m, analysis, RenderOptions(), "a4", info)
    over = [size for size in redrawn if not layout.budget.holds(*size)]
    assert len(over) >= 5  # the tries that overflow (and pages planned again, if any)
    assert rough < len(redrawn)
    assert [p.svg for p in layout.pages] == [p.svg for p in finished.pages]


def test_a_reference_whose_sources_come_onto_one_page_is_drawn_again() -> None:
    """Slide 4 of the flagship has a reference "linked from p. 6, 7": its box is drafted
    as wide as two page numbers. Planned with both sources on one page, the drafter kept
    that draft (what the page draws, numbers aside), and "p. 6" was written into a box
    made for two numbers (a label worksheet's slide, 17 pt wider than its answer key's)."""
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    info, options = find_engine("auto"), RenderOptions()
    layout = fitting.lay_out(m, analyze(m), options, "slide", info)
    (laid,) = [p for p in layout.pages if p.plan.page.number == 4]
    home = dict(laid.plan.home)
    ((target, _, sources),) = [a for a in arriving(m, laid.plan.page.nodes, home) if a[2][1:]]
    assert target == "russia-rewards-pyongyang" and [home[s] for s in sources] == [6, 7]
    shown = [node.id for node in m.nodes]
    with fitting._Drafter(m, analyze(m), options, info, shown, layout.budget) as drafter:
        (two,) = drafter.lay_out([drafter.plan(laid.plan.page, len(layout.pages), home)])
        home[sources[1]] = 6
        (one,) = drafter.lay_out([drafter.plan(laid.plan.page, len(layout.pages), home)])
    name = arrival_name(target, sources)
    wide = [geometry.boxes(unpack(d.packed))[name] for d in (two, one)]
    assert wide[1].right - wide[1].left < wide[0].right - wide[0].left
