"""Optional extras: a feature whose extra is missing says which one to install, in one line;
`all` holds every extra a user can install."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.errors import MissingExtraError, require_extra
from tests.conftest import MAPS, ROOT

UNIFORMS = MAPS / "school-uniforms.yaml"


@pytest.fixture
def without(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Make the named top-level modules unfindable, as in an install without their extra."""
    hidden: set[str] = set()
    real = importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> object:
        if name.partition(".")[0] in hidden:
            return None
        return real(name, package)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    return hidden


def test_require_extra_names_the_extra_and_the_command(without: set[str]) -> None:
    without.add("watchfiles")
    with pytest.raises(MissingExtraError) as caught:
        require_extra("argmap watch", "watch", ("watchfiles", "click"))
    assert caught.value.extra == "watch"
    assert caught.value.missing == ("watchfiles",)
    assert str(caught.value) == (
        "argmap watch needs the optional packages of argmap[watch] (missing: watchfiles); "
        "install them with: pip install 'argmap[watch]'"
    )
    require_extra("argmap watch", "watch", ("click",))  # present: no error


def test_formats_marks_what_this_install_lacks(without: set[str]) -> None:
    without.add("fontTools")
    result = CliRunner().invoke(main, ["formats"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert lines["pdf"].endswith("[not installed: pip install 'argmap[pdf]']")
    assert "not installed" not in lines["svg"] + lines["html"] + lines["png"]


def test_render_without_the_pdf_extra_writes_nothing(without: set[str], tmp_path: Path) -> None:
    without.add("fontTools")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(UNIFORMS), "-f", "svg,pdf", "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        "Error: pdf needs the optional packages of argmap[pdf] (missing: fontTools); "
        "install them with: pip install 'argmap[pdf]'\n"
    )
    assert not out.exists()


def test_export_without_the_pdf_extra_is_one_line(without: set[str], tmp_path: Path) -> None:
    without.add("fontTools")
    target = tmp_path / "m.pdf"
    result = CliRunner().invoke(main, ["export", str(UNIFORMS), "-f", "pdf", "-o", str(target)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "pip install 'argmap[pdf]'" in result.output
    assert not target.exists()


def test_watch_without_its_extra_is_one_line(without: set[str], tmp_path: Path) -> None:
    without.add("watchfiles")
    result = CliRunner().invoke(main, ["watch", str(UNIFORMS), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output == (
        "Error: argmap watch needs the optional packages of argmap[watch] (missing: "
        "watchfiles); install them with: pip install 'argmap[watch]'\n"
    )
    assert not (tmp_path / "out").exists()


def _extras() -> dict[str, list[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras: dict[str, list[str]] = project["optional-dependencies"]
    return extras


def _held(extras: dict[str, list[str]], name: str) -> set[str]:
    """The extras ``name`` holds, through ``argmap[...]`` of others, itself included."""
    held, todo = set(), [name]
    while todo:
        extra = todo.pop()
        if extra in held:
            continue
        held.add(extra)
        for requirement in extras[extra]:
            inner = re.match(r"argmap\[([^\]]*)\]", requirement)
            if inner:
                todo += [part.strip() for part in inner.group(1).split(",")]
    return held


def test_all_holds_every_extra_but_the_test_tools() -> None:
    """`make demo` installs `argmap[all]`: without `fastpng` it drew the committed PNG
    slides by another path (the same pixels in other bytes) and left them modified."""
    extras = _extras()
    assert _held(extras, "all") == set(extras) - {"test"}


def test_the_readme_lists_every_extra() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"pip install '\.\[([a-z]+)\]'", readme))
    assert listed == set(_extras()) - {"test"}
