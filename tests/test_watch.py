"""``argmap watch``: one line per render, errors printed, and it keeps going."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.exporters import RenderOptions, parse_formats
from argmap.watch import file_changes, render_once, watch_map
from tests.conftest import MAPS, ROOT

UNIFORMS = MAPS / "school-uniforms.yaml"
GOOD = UNIFORMS.read_text(encoding="utf-8")
BAD = GOOD.replace("  text: Our school should require uniforms.\n", "  text: ''\n")


def _saves(path: Path, texts: list[str]) -> Iterator[object]:
    for text in texts:
        path.write_text(text, encoding="utf-8")
        yield {text}


def test_renders_after_each_save_and_survives_an_invalid_one(tmp_path: Path) -> None:
    path = tmp_path / "uniforms.yaml"
    path.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    lines: list[tuple[str, bool]] = []
    failures = watch_map(
        path,
        ["html", "json"],
        out,
        RenderOptions(),
        echo=lambda text, err: lines.append((text, err)),
        changes=_saves(path, [BAD, GOOD]),
        clock=lambda: "12:00:00",
    )
    assert failures == 1
    ok = f"12:00:00 rendered {path} -> {out / 'uniforms.html'}, {out / 'uniforms.json'}"
    assert lines[0] == (ok, False)
    failed = f"12:00:00 not rendered {path}: fix the problems below and save again"
    assert lines[1] == (failed, True)
    assert lines[2][1] and lines[2][0].startswith(f"{path}:11:9: thesis.text")
    assert lines[3] == (ok, False)
    assert len(lines) == 4


def test_an_invalid_save_keeps_the_last_good_output(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(GOOD, encoding="utf-8")
    first = render_once(path, ["html"], tmp_path, RenderOptions())
    assert first.ok
    before = (tmp_path / "m.html").read_bytes()
    path.write_text(BAD, encoding="utf-8")
    second = render_once(path, ["html"], tmp_path, RenderOptions())
    assert not second.ok and second.outputs == () and second.error is not None
    assert (tmp_path / "m.html").read_bytes() == before


def test_a_bug_in_one_render_is_told_and_the_watch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.delenv("ARGMAP_DEBUG", raising=False)

    def bug(*_args: object, **_kwargs: object) -> object:
        raise IndexError("list index out of range")

    monkeypatch.setattr("argmap.pipeline.render_files", bug)
    outcome = render_once(path, ["html"], tmp_path, RenderOptions())
    assert not outcome.ok and outcome.outputs == ()
    assert outcome.error is not None and outcome.error.startswith(
        f"{path}: internal error (IndexError: list index out of range); this is a bug"
    )
    monkeypatch.undo()
    assert render_once(path, ["html"], tmp_path, RenderOptions()).ok


def test_parse_formats() -> None:
    assert parse_formats("html, svg,html") == ["html", "svg"]
    assert parse_formats("SVG,Png,svg") == ["svg", "png"]
    with pytest.raises(ValueError, match="at least one format"):
        parse_formats(" , ")
    with pytest.raises(KeyError, match="nope"):
        parse_formats("html,nope")


def test_cli_rejects_an_unknown_format(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["watch", str(UNIFORMS), "-f", "html,nope", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "Error: --format: unknown format 'nope' (choose from " in result.output


def test_cli_renders_then_watches(
    runner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import argmap.watch

    monkeypatch.setattr(argmap.watch, "file_changes", lambda path: iter([{1}]))
    result = runner.invoke(main, ["watch", str(UNIFORMS), "-f", "html", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rendered = [line for line in result.stdout.splitlines() if "rendered" in line]
    assert len(rendered) == 2
    assert (tmp_path / "school-uniforms.html").exists()


def test_real_file_events(tmp_path: Path) -> None:
    path = tmp_path / "live.yaml"
    path.write_text(GOOD, encoding="utf-8")
    stop = threading.Event()
    lines: list[str] = []
    thread = threading.Thread(
        target=watch_map,
        args=(path, ["json"], tmp_path / "out", RenderOptions()),
        kwargs={
            "echo": lambda text, err: lines.append(text),
            "changes": file_changes(path, stop, debounce_ms=50),
        },
        daemon=True,
    )
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while len(lines) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # let the watcher start before the save
        path.write_text(GOOD.replace("A classroom example", "A changed example"), encoding="utf-8")
        while len(lines) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert len(lines) >= 2, lines
    assert "changed example" in (tmp_path / "out" / "live.json").read_text(encoding="utf-8")


def test_watch_help_in_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "watch", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0
    assert "--format" in proc.stdout and "save" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["watch", str(UNIFORMS), "--exercise", "place", "--seed", "3"],
        ["watch", "--exercise", str(UNIFORMS)],  # --exercise MAP: a fill worksheet of MAP
    ],
)
def test_cli_watches_a_worksheet_of_any_kind(
    runner,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    import argmap.watch

    monkeypatch.setattr(argmap.watch, "file_changes", lambda path: iter([{1}]))
    result = runner.invoke(main, [*args, "-f", "html", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    exercise = (tmp_path / "school-uniforms.exercise.html").read_text(encoding="utf-8")
    assert (tmp_path / "school-uniforms.answers.html").exists()
    place = "--exercise" in args and "place" in args
    assert ('id="bank"' in exercise) is place
    assert not (tmp_path / "school-uniforms.html").exists()


def test_cli_watch_refuses_a_worksheet_where_it_would_print_the_answers(
    runner,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    result = runner.invoke(
        main, ["watch", str(UNIFORMS), "--exercise", "label", "-f", "json", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "worksheets come as" in result.output
    assert not list(tmp_path.iterdir())
