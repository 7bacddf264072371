"""A 5,000-deep chain loads, validates, shows and exports without hitting recursion limits."""

from __future__ import annotations

import gc
import json
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import deep
from argmap.cli import main
from argmap.deep import RECURSION_LIMIT, YOUNG_PASS, heap_frozen, run_deep
from argmap.exporters.terminal import format_tree
from argmap.load.maps import load_map

DEPTH = 5000


def _deep_json(path: Path) -> Path:
    # Built as text: json.dumps itself would recurse 5,000 levels deep.
    opening = "".join(
        f'{{"id": "n{i}", "text": "claim {i}", "premises": [' for i in range(DEPTH - 1)
    )
    text = (
        '{"title": "deep", "thesis": '
        + opening
        + f'{{"id": "n{DEPTH - 1}", "text": "last"}}'
        + "]}" * (DEPTH - 1)
        + "}"
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_deep_chain(tmp_path: Path) -> None:
    path = _deep_json(tmp_path / "deep.json")
    limit = sys.getrecursionlimit()
    m = load_map(path)
    assert sys.getrecursionlimit() == limit
    assert len(m) == DEPTH
    assert m.depth(f"n{DEPTH - 1}") == DEPTH - 1
    assert format_tree(m).count("\n") == DEPTH
    result = CliRunner().invoke(main, ["export", str(path)])
    assert result.exit_code == 0
    assert len(json.loads(result.output)["nodes"]) == DEPTH


def test_deep_chain_with_an_error_is_located(tmp_path: Path) -> None:
    path = _deep_json(tmp_path / "deep.json")
    text = path.read_text(encoding="utf-8").replace('"text": "last"', '"text": ""')
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:1:")
    assert "'text' is empty" in result.stderr


def test_an_error_is_raised_in_the_callers_thread() -> None:
    def fail() -> None:
        raise ValueError("from the deep thread")

    with pytest.raises(ValueError, match="from the deep thread"):
        run_deep(fail)
    assert run_deep(lambda: run_deep(lambda: 7)) == 7  # nested runs do not wait on each other


def test_overlapping_runs_restore_the_recursion_limit_when_the_last_ends() -> None:
    limit = sys.getrecursionlimit()
    started = [threading.Event(), threading.Event()]
    release = [threading.Event(), threading.Event()]
    seen: list[int] = []

    def run(i: int) -> None:
        def body() -> int:
            started[i].set()
            release[i].wait(30)
            return sys.getrecursionlimit()

        seen.append(run_deep(body))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread, event in zip(threads, started, strict=True):
        thread.start()
        assert event.wait(30)
    release[0].set()  # the first run ends while the second still needs the raised limit
    threads[0].join(30)
    assert sys.getrecursionlimit() >= RECURSION_LIMIT
    release[1].set()
    threads[1].join(30)
    assert seen == [max(limit, RECURSION_LIMIT)] * 2
    assert sys.getrecursionlimit() == limit


def test_a_frozen_heap_collects_the_young_less_often_and_the_outermost_block_restores_it() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with heap_frozen():
            assert gc.get_threshold() == (YOUNG_PASS, 10, 10)
            with heap_frozen():  # nested, as a page writer inside a render
                assert gc.get_threshold() == (YOUNG_PASS, 10, 10)
            assert gc.get_threshold() == (YOUNG_PASS, 10, 10)
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(0)  # automatic collection off stays off
        with heap_frozen():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)


def test_the_command_line_freezes_the_heap_at_exit_once(monkeypatch: pytest.MonkeyPatch) -> None:
    registered: list[object] = []
    monkeypatch.setattr(deep, "_exit_skipped", False)
    monkeypatch.setattr(deep.atexit, "register", registered.append)
    result = CliRunner().invoke(main, ["formats"])
    assert result.exit_code == 0, result.output
    assert registered == [gc.freeze]  # the command's process skips the last collection
    deep.skip_exit_collection()
    CliRunner().invoke(main, ["formats"])
    assert registered == [gc.freeze]  # asked again: nothing more


def test_a_renders_imports_pause_the_collector_and_are_frozen_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(deep, "_imports_settled", False)
    monkeypatch.setattr(deep.gc, "freeze", lambda: frozen.append(gc.isenabled()))
    with deep.settled_imports():
        assert not gc.isenabled()  # the imports' objects are not walked while made
    assert gc.isenabled()
    # then left out of the collector's passes, before it resumes (else its first pass
    # walks all the imports made, about 5 ms of a 30-node render)
    assert frozen == [False]
    with deep.settled_imports():
        assert not gc.isenabled()
    assert frozen == [False]  # once a process: the modules are in already
    monkeypatch.setattr(deep, "_imports_settled", False)
    result = CliRunner().invoke(
        main, ["render", "maps/school-uniforms.yaml", "-f", "dot", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert frozen == [False, False]  # the render command settles its imports


def test_one_drawing_is_made_with_the_heap_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The DOT, the engine's drawing and the passes over it: the map out of full passes."""
    from argmap.analysis.standing import analyze
    from argmap.exporters.diagram import engine
    from argmap.exporters.diagram.formats import render_svg

    seen: list[tuple[int, int]] = []

    def drawn(dot: str, *args: object, **kwargs: object) -> str:
        seen.append((gc.get_threshold()[0], gc.get_freeze_count()))
        return "<svg></svg>"

    monkeypatch.setattr(engine, "run_engine_svg", drawn)
    m = load_map("maps/school-uniforms.yaml")
    before = gc.get_threshold()
    if not before[0]:
        pytest.skip("automatic collection is off")
    render_svg(m, analyze(m))
    assert seen and seen[0][0] == max(before[0], YOUNG_PASS) and seen[0][1] > 0
    assert gc.get_threshold() == before
