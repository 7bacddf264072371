"""Streamed safe writes: nothing in place before commit, the same guarantees as write_atomic."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from argmap.editing.safestream import stage_atomic
from argmap.errors import MapFileError


def test_content_appears_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.pdf"
    staged = stage_atomic(target)
    staged.file.write(b"%PDF part one ")
    staged.file.write(b"part two")
    assert not target.exists()
    assert staged.commit() == target
    assert target.read_bytes() == b"%PDF part one part two"
    assert [p.name for p in target.parent.iterdir()] == ["out.pdf"]


def test_discard_leaves_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_bytes(b"old")
    staged = stage_atomic(target)
    staged.file.write(b"new, but the render failed")
    staged.discard()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.html"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    staged = stage_atomic(target)
    staged.file.write(b"new")
    staged.commit()
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_hard_linked_file_is_rewritten_in_place(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old content, longer than the new")
    twin = tmp_path / "twin.pdf"
    os.link(target, twin)
    staged = stage_atomic(target)
    staged.file.write(b"new")
    staged.commit()
    assert twin.read_bytes() == b"new"
    assert os.path.samefile(target, twin)


def test_symlink_writes_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    staged = stage_atomic(link)
    staged.file.write(b"new")
    staged.commit()
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_exclusive_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    staged = stage_atomic(target, exclusive=True)
    target.write_bytes(b"someone else's")
    staged.file.write(b"mine")
    with pytest.raises(FileExistsError):
        staged.commit()
    assert target.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="folder"):
        stage_atomic(tmp_path)


def test_pipeline_streams_the_pdf_and_leaves_nothing_when_a_later_format_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("fontTools")
    from argmap import exporters
    from argmap.errors import RenderError
    from argmap.exporters import Exporter
    from argmap.load.maps import load_map
    from argmap.pipeline import render_files, render_map

    source = Path(__file__).parent.parent / "maps" / "school-uniforms.yaml"
    out = tmp_path / "out"
    written = render_files([source], ["pdf"], out)
    assert written == [(source, out / "school-uniforms.pdf")]
    assert (out / "school-uniforms.pdf").read_bytes() == render_map(load_map(source), "pdf")

    def fail(*_: object) -> str:
        raise RenderError("the engine failed")

    monkeypatch.setitem(exporters._registry, "boom", Exporter("boom", ".boom", "fails", fail))
    fresh = tmp_path / "fresh"
    with pytest.raises(RenderError):
        render_files([source], ["pdf", "boom"], fresh)
    assert not fresh.exists() or list(fresh.iterdir()) == []


def test_streamed_html_is_the_rendered_page(tmp_path: Path) -> None:
    from argmap.load.maps import load_map
    from argmap.pipeline import render_files, render_map

    source = Path(__file__).parent.parent / "maps" / "school-uniforms.yaml"
    render_files([source], ["html"], tmp_path)
    page = render_map(load_map(source), "html")
    assert isinstance(page, str)
    assert (tmp_path / "school-uniforms.html").read_bytes() == page.encode("utf-8")


def test_a_sealed_file_is_closed_and_still_commits(tmp_path: Path) -> None:
    # Sealing finishes the content early (StagedCopy does, for thousands of pages).
    target = tmp_path / "out.png"
    target.write_bytes(b"old")
    staged = stage_atomic(target)
    staged.file.write(b"new")
    staged.seal()
    staged.seal()  # twice is once
    assert staged.file.closed and target.read_bytes() == b"old"
    staged.commit()
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]


def test_a_discarded_file_cannot_be_committed(tmp_path: Path) -> None:
    staged = stage_atomic(tmp_path / "out.svg")
    staged.discard()
    with pytest.raises(MapFileError, match="discarded"):
        staged.commit()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("seal", [False, True])
def test_no_room_beside_the_file_stages_it_elsewhere_and_writes_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seal: bool
) -> None:
    import tempfile

    from argmap.editing import safestream

    target = tmp_path / "out" / "m.pdf"
    target.parent.mkdir()
    target.write_bytes(b"old content")
    inode = os.stat(target).st_ino
    elsewhere = tmp_path / "system-temp"
    elsewhere.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(elsewhere))

    create = safestream._create_temp

    def refuse(target: Path, made: list[Path]) -> tuple[int, Path]:
        if target.parent == elsewhere:
            return create(target, made)
        raise PermissionError(13, "Permission denied")  # a folder where no file can be added

    monkeypatch.setattr(safestream, "_create_temp", refuse)
    staged = stage_atomic(target)
    staged.file.write(b"new")
    if seal:
        staged.seal()
    assert len(list(elsewhere.iterdir())) == 1
    staged.commit()
    assert target.read_bytes() == b"new" and os.stat(target).st_ino == inode
    assert list(elsewhere.iterdir()) == [] and [p.name for p in target.parent.iterdir()] == [
        "m.pdf"
    ]
    with pytest.raises(MapFileError, match="no permission"):
        stage_atomic(target.parent / "new.pdf")  # a new file has no inode to write into


@pytest.mark.parametrize("how", ["staged", "atomic"])
def test_an_exit_right_after_the_temporary_file_is_made_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    # Ctrl-C's KeyboardInterrupt may land once the temporary file exists and before the writer
    # holds its name: the name was noted before the file was made, and it is removed.
    from argmap.editing import safestream, safewrite

    module = safestream if how == "staged" else safewrite
    create = module._create_temp

    def made_then_stopped(target: Path, made: list[Path]) -> tuple[int, Path]:
        fd, _ = create(target, made)
        os.close(fd)
        raise SystemExit(143)

    monkeypatch.setattr(module, "_create_temp", made_then_stopped)
    target = tmp_path / "m.pdf"
    target.write_bytes(b"old content")
    with pytest.raises(SystemExit):
        if how == "staged":
            stage_atomic(target)
        else:
            safewrite.write_atomic(target, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["m.pdf"]
    assert target.read_bytes() == b"old content"
