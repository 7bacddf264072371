"""The public API: each name in ``argmap.__all__`` is what it says, whatever came first."""

from __future__ import annotations

import importlib
import pkgutil
import types

import argmap
from tests.conftest import MAPS


def test_public_names_are_not_shadowed_by_subpackages() -> None:
    # Importing every module first: a subpackage named like an API name would replace it.
    for info in pkgutil.walk_packages(argmap.__path__, "argmap."):
        if info.name != "argmap.__main__":  # runs the command line
            importlib.import_module(info.name)
    for name in argmap.__all__:
        assert not isinstance(getattr(argmap, name), types.ModuleType), name


def test_library_example_runs() -> None:
    m = argmap.load_map(MAPS / "school-uniforms.yaml")
    assert argmap.analyze(m).standing[m.thesis.id]
    svg = argmap.render_map(m, "svg", argmap.RenderOptions(focus="cost", theme="print"))
    assert isinstance(svg, str) and svg.lstrip().startswith("<?xml")
