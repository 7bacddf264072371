"""Start-up: each command imports only what it uses; the page templates ship compiled."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from argmap.exporters.html import page
from argmap.exporters.html.precompiled import TABLE, PrecompiledTemplates, compile_table
from argmap.load.maps import load_map
from tests.conftest import MAPS, ROOT

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"

_PROBE = """
import sys
from argmap.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    if exc.code:
        raise
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
print(" ".join(sorted(name for name in sys.modules if name.startswith("argmap."))))
"""


def _imported(*args: str) -> tuple[set[str], set[str]]:
    """The top-level packages and the argmap modules one command imports, run in a process."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    packages, modules = proc.stdout.strip().splitlines()[-2:]
    return set(packages.split()), set(modules.split())


@pytest.fixture(scope="module")
def small_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    m = load_map(FLAGSHIP)
    from argmap.load.mapfile import to_file_data

    path = tmp_path_factory.mktemp("startup") / "small.json"
    path.write_text(json.dumps(to_file_data(m), default=str), encoding="utf-8")
    return path


def test_help_imports_no_model_nor_format(tmp_path: Path) -> None:
    packages, modules = _imported("--help")
    assert not packages & {"pydantic", "pydantic_core", "jinja2", "ruamel", "graphviz"}
    assert not {m for m in modules if m.startswith(("argmap.exporters.", "argmap.load."))}


def test_svg_of_a_json_map_imports_no_yaml_nor_templates(small_json: Path, tmp_path: Path) -> None:
    packages, modules = _imported("render", str(small_json), "-f", "svg", "-o", str(tmp_path))
    assert (tmp_path / "small.svg").exists()
    assert not packages & {"jinja2", "markupsafe", "ruamel"}
    # The schema's nested models and the other formats' modules are not loaded.
    assert "argmap.load.schema" not in modules
    assert not {m for m in modules if m.startswith("argmap.exporters.html")}
    assert not {m for m in modules if m.startswith("argmap.exporters.diagram.pdf")}
    # One drawing (no --fit): none of the page layout is loaded.
    assert not modules & PAGE_LAYOUT


PAGE_LAYOUT: frozenset[str] = frozenset(
    f"argmap.exporters.diagram.{name}"
    for name in (
        "fitting",
        "paging",
        "pageestimate",
        "pageparts",
        "pagenumbers",
        "pagesize",
        "pagefill",
        "pageblocks",
        "pageoverview",
        "pagetighten",
        "measure",
        "enginepool",
        "pagetrail",
        "traillanes",
        "trailrows",
        "trailnest",
        "laneways",
        "trailtips",
        "trailflip",
        "trailcross",
        "conclusionpages",
        "dotfallback",
    )
)
"""The modules that split a diagram into pages, draw their breadcrumbs and batch their
engine runs: loaded only when a render fits pages."""


def test_dot_without_fit_imports_no_page_layout(small_json: Path, tmp_path: Path) -> None:
    _, modules = _imported("render", str(small_json), "-f", "dot", "-o", str(tmp_path))
    assert (tmp_path / "small.dot").exists()
    assert not modules & PAGE_LAYOUT


def test_svg_fitted_to_slides_does_load_the_page_layout(small_json: Path, tmp_path: Path) -> None:
    # The probe sees the modules: the other tests' absence is no blind spot.
    args = ("render", str(small_json), "-f", "svg", "--fit", "slide", "-o", str(tmp_path))
    _, modules = _imported(*args)
    assert {"argmap.exporters.diagram.fitting", "argmap.exporters.diagram.paging"} <= modules
    assert {"argmap.exporters.diagram.pagetrail", "argmap.exporters.diagram.trailrows"} <= modules


def test_validate_of_a_json_map_imports_no_exporter(small_json: Path) -> None:
    packages, modules = _imported("validate", str(small_json))
    assert not packages & {"jinja2", "ruamel", "graphviz"}
    assert not {m for m in modules if m.startswith("argmap.exporters.")}
    assert "argmap.load.schema" not in modules


def test_html_imports_no_yaml_parser_for_json(small_json: Path, tmp_path: Path) -> None:
    packages, _ = _imported("render", str(small_json), "-f", "html", "-o", str(tmp_path))
    assert "ruamel" not in packages
    assert (tmp_path / "small.html").exists()


def test_compiled_templates_are_current() -> None:
    stored = json.loads(TABLE.read_text(encoding="utf-8"))
    assert stored == compile_table(page.make_env()), (
        "templates changed: run tests/scripts/update_templates.py and read the diff"
    )


def _count_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(
        self: jinja2.Environment, source: str, name: str | None = None, *a: object
    ) -> object:
        compiled.append(name or "?")
        return original(self, source, name, *a)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return compiled


def test_a_new_environment_compiles_no_template(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = _count_compiles(monkeypatch)
    env = page.make_env()
    names = [n for n in env.list_templates() if n.endswith(".html")]
    assert len(names) >= 5
    for name in names:
        env.get_template(name)
    assert compiled == []


def test_a_stale_template_is_compiled_from_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """A template edited after the table was made (or another Jinja2) still renders right."""
    from argmap.analysis.standing import analyze
    from argmap.options import RenderOptions

    m = load_map(FLAGSHIP)
    context = page.build_context(m, analyze(m), RenderOptions())
    expected = "".join(page.make_env().get_template("outline.html").generate(**context))
    env = page.make_env()
    cache = env.bytecode_cache
    assert isinstance(cache, PrecompiledTemplates)
    checksum, code = cache.table["outline.html"]
    assert "<span" in code
    cache.table["outline.html"] = ("0" * len(checksum), code.replace("<span", "<stale"))
    compiled = _count_compiles(monkeypatch)
    made = "".join(env.get_template("outline.html").generate(**context))
    assert compiled == ["outline.html"]
    assert made == expected
    assert "<stale" not in made


def test_a_table_of_another_jinja2_is_not_used(tmp_path: Path) -> None:
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    table["jinja2"] = "0.0"
    path = tmp_path / "compiled.json"
    path.write_text(json.dumps(table), encoding="utf-8")
    assert PrecompiledTemplates.load(path).table == {}
    assert PrecompiledTemplates.load(tmp_path / "missing.json").table == {}
    assert len(PrecompiledTemplates.load().table) == len(table["templates"])


_SMALL_YAML = """title: A small map
thesis:
  id: t
  text: The thesis.
  premises:
    - text: A premise.
      strength: strong
      tags: [cost]
      objections:
        - text: An undercutter.
          undercut: true
  evidence:
    - text: Some evidence.
      basis: statistic
      citation:
        outlet: Bench Gazette
        date: January 1
  objections:
    - text: An objection.
"""

_NOT_FOR_A_SMALL_SVG: frozenset[str] = frozenset(
    {
        "importlib.metadata",
        "pydantic.plugin._loader",
        "email",
        "queue",
        "zipfile",
        "socket",
        "json",
        "shutil",
        "bz2",
        "lzma",
    }
)
"""Modules a plainly valid map's svg needs none of: pydantic's plugin lookup (its first
validator reads every installed package's metadata), the threaded page flusher, the JSON
parser (for the script faces' table: no character of an English map needs it), shutil
with the compression modules it loads (the engine next to the interpreter is found
without a PATH search; a file is written without a block copy)."""


def _probed(after: str, *args: str) -> set[str]:
    """The words ``after`` prints once the command ``args`` has run, in a process of its own."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE + after, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return set(proc.stdout.strip().splitlines()[-1].split())


def _every_module(*args: str) -> set[str]:
    return _probed('print(" ".join(sorted(sys.modules)))', *args)


def test_svg_of_a_plain_yaml_map_builds_no_validator(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(_SMALL_YAML, encoding="utf-8")
    modules = _every_module("render", str(path), "-f", "svg", "-o", str(tmp_path))
    assert (tmp_path / "small.svg").exists()
    assert not modules & _NOT_FOR_A_SMALL_SVG


_MODELS_MADE = """
from pydantic import BaseModel
made, todo = [], [BaseModel]
while todo:
    for sub in todo.pop().__subclasses__():
        made.append(sub.__name__)
        todo.append(sub)
print(" ".join(sorted(made)))
"""


def _models_made(*args: str) -> set[str]:
    """The pydantic model classes that exist once a command has run, in a process."""
    return _probed(_MODELS_MADE, *args)


def test_svg_of_a_plain_yaml_map_creates_no_entry_model(tmp_path: Path) -> None:
    # The entry models are created only for an entry the plain checks do not settle
    # (argmap.load.entrymodels); a plain map's load makes its records alone.
    path = tmp_path / "small.yaml"
    path.write_text(_SMALL_YAML, encoding="utf-8")
    made = _models_made("render", str(path), "-f", "svg", "-o", str(tmp_path))
    assert "Node" in made and "ArgumentMap" in made
    assert not made & {"MapHeader", "LinkEntry", "LinkedHeader"}
    # The probe sees them where an entry needs its model: no blind spot.
    path.write_text(_SMALL_YAML + '  added: "2024-01-02"\n', encoding="utf-8")
    made = _models_made("render", str(path), "-f", "svg", "-o", str(tmp_path))
    assert {"MapHeader", "LinkEntry", "LinkedHeader"} <= made


def test_an_unusual_entry_is_checked_by_its_model(tmp_path: Path) -> None:
    # The probe sees the lookup: the test above is no blind spot. A date as a string is
    # parsed by the model, which builds its validator.
    path = tmp_path / "dated.yaml"
    path.write_text(_SMALL_YAML + '  added: "2024-01-02"\n', encoding="utf-8")
    modules = _every_module("render", str(path), "-f", "svg", "-o", str(tmp_path))
    assert (tmp_path / "dated.svg").exists()
    assert {"importlib.metadata", "pydantic.plugin._loader"} <= modules
