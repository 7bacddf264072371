"""The package's extras: `all` holds every extra a user can install (the README says so)."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT


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
