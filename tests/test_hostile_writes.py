"""Hostile file systems (issue 15): planted links, symlinked and hard-linked maps, devices."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.editing import safewrite, tempnames
from argmap.editing.add import NewNode, add_node
from argmap.editing.safewrite import write_atomic
from argmap.errors import MapFileError
from argmap.load.maps import load_map
from argmap.model import NodeKind
from tests.conftest import CASES, MAPS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and devices")

UNIFORMS = MAPS / "school-uniforms.yaml"
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def _map(folder: Path, name: str = "m.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(UNIFORMS.read_bytes())
    return path


def _objection(path: Path, text: str = "Through a link.") -> str:
    return add_node(path, NewNode(NodeKind.OBJECTION, text, to="cost", author="R"))


# --- temporary files are created exclusively, never through a link --------------------------


def test_a_link_planted_at_the_temporary_name_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    tokens = iter(["aaaa", "aaaa", "bbbb"])
    monkeypatch.setattr(tempnames, "_token", lambda: next(tokens))
    planted = out / f".m.svg.argmap-{os.getpid()}-aaaa.tmp"
    planted.symlink_to(victim)
    write_atomic(out / "m.svg", "<svg/>")
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert (out / "m.svg").read_text(encoding="utf-8") == "<svg/>"
    assert planted.is_symlink()  # left alone; the write took a fresh name
    tempnames.remove_all()  # as a SIGTERM would: the planted name was never this process's
    assert planted.is_symlink()


def test_the_temporary_names_are_not_predictable(tmp_path: Path) -> None:
    names = {tempnames.temp_name(tmp_path / "m.yaml").name for _ in range(50)}
    assert len(names) == 50
    assert all(name.startswith(".m.yaml.argmap-") and name.endswith(".tmp") for name in names)


def test_render_new_and_export_write_nothing_through_planted_links(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for pid in range(os.getpid() - 50, os.getpid() + 50):  # the old, PID-only names
        for name in ("m.dot", "n.yaml", "e.md"):
            (out / f".{name}.argmap-{pid}.tmp").symlink_to(victim)
    path = _map(tmp_path / "maps")
    runner = CliRunner()
    assert runner.invoke(main, ["render", str(path), "-f", "dot", "-o", str(out)]).exit_code == 0
    result = runner.invoke(main, ["new", str(out / "n.yaml"), "--title", "T", "--thesis", "T."])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["export", str(path), "-f", "markdown", "-o", str(out / "e.md")])
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "precious\n"


# --- edits go through a symlinked map; hard links, owner and mode are kept --------------------


def test_an_edit_through_a_symlink_reaches_the_map_and_keeps_the_link(tmp_path: Path) -> None:
    real = _map(tmp_path / "real")
    maps = tmp_path / "maps"
    maps.mkdir()
    link = maps / "m.yaml"
    link.symlink_to(Path("..") / "real" / "m.yaml")
    result = CliRunner().invoke(
        main, ["add", "objection", str(link), "--to", "cost", "--text", "Via.", "--author", "R"]
    )
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "real" / "m.yaml")
    assert "Via." in real.read_text(encoding="utf-8")
    assert not list(maps.glob(".*.tmp")) and not list(real.parent.glob(".*.tmp"))
    chain = maps / "chain.yaml"
    chain.symlink_to(link)  # a link to a link
    _objection(chain, "Via a chain.")
    assert "Via a chain." in real.read_text(encoding="utf-8") and chain.is_symlink()


def test_an_edit_keeps_hard_links_one_file(tmp_path: Path) -> None:
    path = _map(tmp_path)
    twin = tmp_path / "twin.yaml"
    os.link(path, twin)
    inode = os.stat(path).st_ino
    _objection(path)
    assert os.stat(path).st_ino == inode == os.stat(twin).st_ino
    assert os.stat(path).st_nlink == 2
    assert "Through a link." in twin.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))


def test_an_edit_keeps_the_mode(tmp_path: Path) -> None:
    path = _map(tmp_path)
    path.chmod(0o640)
    _objection(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


@pytest.mark.skipif(not ROOT_USER, reason="giving a file to another owner needs root")
def test_an_edit_keeps_owner_and_group(tmp_path: Path) -> None:
    path = _map(tmp_path)
    os.chown(path, 12345, 23456)
    path.chmod(0o664)
    _objection(path)
    st = os.stat(path)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (12345, 23456, 0o664)


def test_a_file_whose_owner_cannot_be_kept_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _map(tmp_path)
    before = os.stat(path)

    def refuse(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    fake = os.stat_result((*before[:4], before.st_uid + 1, *before[5:]))
    real_stat = os.stat
    monkeypatch.setattr(os, "fchown", refuse)
    monkeypatch.setattr(
        safewrite.os, "stat", lambda p, **k: fake if Path(p) == path else real_stat(p, **k)
    )
    write_atomic(path, "title: T\nthesis: {id: t, text: T.}\n")
    monkeypatch.undo()
    assert os.stat(path).st_ino == before.st_ino  # the same file, rewritten in place
    assert path.read_text(encoding="utf-8") == "title: T\nthesis: {id: t, text: T.}\n"
    assert not list(tmp_path.glob(".*.tmp"))


# --- outputs never replace anything but a regular file ---------------------------------------


def _specials(tmp_path: Path) -> list[Path]:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.md"
    folder.mkdir()
    found = [fifo, folder]
    if ROOT_USER:  # a character device of our own, like /dev/null (1, 3)
        device = tmp_path / "null.md"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found.append(device)
    return found


def _kind(path: Path) -> int:
    return stat.S_IFMT(os.lstat(path).st_mode)


def test_export_and_schema_refuse_to_replace_devices_pipes_and_folders(tmp_path: Path) -> None:
    path = _map(tmp_path / "maps")
    for special in _specials(tmp_path):
        kind = _kind(special)
        link = tmp_path / f"link-to-{special.name}"
        link.symlink_to(special)
        for target in (special, link):
            for args in (
                ["export", str(path), "-f", "markdown", "-o", str(target)],
                ["schema", "-o", str(target)],
            ):
                result = CliRunner().invoke(main, args)
                assert result.exit_code in (1, 2), result.output
                assert "not a regular file" in result.stderr or "Error" in result.stderr
                assert len(result.stderr.strip().splitlines()) <= 4, result.stderr
                assert _kind(special) == kind  # still what it was
        assert link.is_symlink()


def test_render_refuses_a_pipe_at_an_output_name_and_writes_nothing(tmp_path: Path) -> None:
    path = _map(tmp_path / "maps")
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "m.svg")
    result = CliRunner().invoke(main, ["render", str(path), "-f", "dot,svg", "-o", str(out)])
    assert result.exit_code == 1
    says = "cannot write: this is a named pipe, not a regular file; give a file name"
    assert result.stderr.strip() == f"{out / 'm.svg'}: {says}"
    assert stat.S_ISFIFO(os.lstat(out / "m.svg").st_mode)


def test_write_atomic_names_what_it_refuses(tmp_path: Path) -> None:
    for special in _specials(tmp_path):
        with pytest.raises(MapFileError, match=r"cannot write: this is a .*, not a regular file"):
            write_atomic(special, "x")


def test_new_never_writes_through_a_dangling_link(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "victim.yaml"
    link = tmp_path / "n.yaml"
    link.symlink_to(target)
    result = CliRunner().invoke(main, ["new", str(link), "--title", "T", "--thesis", "T."])
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert not target.exists() and link.is_symlink()


def test_a_map_edited_through_a_link_loads_the_same(tmp_path: Path) -> None:
    real = _map(tmp_path / "real")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    new_id = _objection(link)
    assert load_map(real).get(new_id).text == "Through a link."


def test_a_dangling_link_at_an_output_name_creates_nothing(tmp_path: Path) -> None:
    path = _map(tmp_path / "maps")
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "elsewhere.txt"
    (out / "m.dot").symlink_to(victim)
    result = CliRunner().invoke(main, ["render", str(path), "-f", "dot", "-o", str(out)])
    assert result.exit_code == 1 and "which does not exist" in result.stderr
    assert not victim.exists() and (out / "m.dot").is_symlink()


def test_a_file_that_cannot_be_renamed_over_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _map(tmp_path)
    inode = os.stat(path).st_ino

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")  # a sticky folder, another owner

    monkeypatch.setattr(os, "replace", refuse)
    write_atomic(path, "title: T\nthesis: {id: t, text: T.}\n")
    assert os.stat(path).st_ino == inode
    assert path.read_text(encoding="utf-8") == "title: T\nthesis: {id: t, text: T.}\n"
    assert not list(tmp_path.glob(".*.tmp"))
    with pytest.raises(MapFileError, match="Operation not permitted"):
        write_atomic(tmp_path / "new.svg", "<svg/>")  # a new file has nothing to fall back on


# --- a write the system refuses: one located line, with what to do --------------------------
_LONG = "x" * 300  # past NAME_MAX (255) on every common file system


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["export", str(UNIFORMS), "--format", "argdown", "-o", "{d}/{long}.argdown"], ""),
        (["render", str(UNIFORMS), "--format", "svg", "-o", "{d}/{long}"], "/school-uniforms.svg"),
        (
            ["render", str(UNIFORMS), "--format", "html", "-o", "{d}/{long}"],
            "/school-uniforms.html",
        ),
        (
            [
                "import",
                str(CASES / "interop" / "uniforms.kialo.txt"),
                "-o",
                "{d}/{long}.yaml",
            ],
            "",
        ),
        (["new", "{d}/{long}.yaml", "--title", "T", "--thesis", "X"], ""),
        (["schema", "-o", "{d}/{long}.json"], ""),
    ],
    ids=["export", "render-svg", "render-html", "import", "new", "schema"],
)
def test_a_name_too_long_is_one_located_line(
    tmp_path: Path, runner: CliRunner, args: list[str], written: str
) -> None:
    argv = [a.format(d=tmp_path, long=_LONG) for a in args]
    result = runner.invoke(main, argv)
    assert result.exit_code == 1
    target = next(a for a in argv if _LONG in a)
    assert result.output == (
        f"{target}{written}: cannot write: File name too long; the name is too long; give a "
        "shorter one\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_refused_write_says_what_to_do(tmp_path: Path) -> None:
    import errno

    from argmap.editing.oserrors import cannot_write

    for code, advice in [
        (errno.ENOSPC, "the disk is full; free some space or write somewhere else"),
        (errno.EROFS, "the file system is read-only; write somewhere else"),
        (errno.EACCES, "no permission; write somewhere you may, or change the permissions"),
    ]:
        error = cannot_write(tmp_path / "m.yaml", OSError(code, os.strerror(code)))
        assert str(error) == f"{tmp_path / 'm.yaml'}: cannot write: {os.strerror(code)}; {advice}"
    odd = cannot_write(tmp_path / "m.yaml", OSError(errno.EIO, "Input/output error"))
    assert str(odd) == f"{tmp_path / 'm.yaml'}: cannot write: Input/output error"
