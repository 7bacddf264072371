"""Shared fixtures: the repository's maps, a CLI runner, an outputs folder, the engine's runs."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

# No example has a deadline, nor is refused as slow to draw: speed is measured in
# benchmarks/, and a loaded machine made a slow example fail now and then. CI runs the same
# examples every time (a landing must not hinge on a random draw); elsewhere each run
# explores new ones.
_SLOW = [HealthCheck.too_slow]
_STEP_CLASS = re.compile(r'class="edge drawn&#45;from( [^"]*)?"')
settings.register_profile("dev", deadline=None, suppress_health_check=_SLOW, print_blob=True)
settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=_SLOW, print_blob=True
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"
CASES = Path(__file__).resolve().parent / "cases"
BAD = Path(__file__).resolve().parent / "bad"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = ROOT.parent / "shared" / "seed" / "000_8466625d043d13d0.txt"


def pytest_configure(config: pytest.Config) -> None:
    """The suite's processes read argmap's modules compiled, as an install leaves them.

    Where ``PYTHONDONTWRITEBYTECODE`` is set and nothing is compiled, every process the
    tests start (a command, a page worker, a raster worker) compiled every module it
    imported, and each pytest worker compiled argmap's and rewrote every test file's
    asserts afresh: about a tenth of the suite's CPU. The process that starts the workers
    compiles argmap once (``compileall`` writes whatever that variable says; an unchanged
    module is not compiled again), and pytest's processes keep the test files they rewrite
    (in ``__pycache__``, git-ignored, as Python would without the variable).
    """
    sys.dont_write_bytecode = False
    if not hasattr(config, "workerinput"):  # the controller, or a run without workers
        import compileall

        compileall.compile_dir(ROOT / "argmap", quiet=2)


@pytest.fixture(autouse=True, scope="session")
def _remembered_subsets() -> None:
    """A PDF's font subsets are cut once a process: fontTools cuts the same glyphs the same.

    A face's subset depends on its font file, the weight it is set at and the set of
    glyphs it draws (the subset keeps the font's own glyph order); the same map drawn to
    PDF by test after test has them cut again and again (about a fifth of a PDF's CPU).
    A test marked ``fresh`` cuts its own.
    """
    from argmap.exporters.diagram import pdffonts

    real = pdffonts.Face._subset
    kept: dict[tuple[object, ...], tuple[bytes, dict[str, int]]] = {}

    def subset(face: pdffonts.Face) -> tuple[bytes, dict[str, int]]:
        if _FRESH[0]:
            return real(face)
        stat = face.path.stat()
        glyphs = tuple(sorted({glyph for glyph, _, _ in face.used.values()}))
        key = (str(face.path), stat.st_size, stat.st_mtime_ns, repr(face.location), glyphs)
        if key not in kept:
            made = real(face)
            if sum(len(data) for data, _ in kept.values()) + len(made[0]) > _SUBSET_BYTES:
                return made
            kept[key] = made
        data, gids = kept[key]
        return data, dict(gids)

    pdffonts.Face._subset = subset  # type: ignore[method-assign]


_SUBSET_BYTES = 64 * 1024 * 1024
"""Font subsets kept by a test process, at most (a face's is a few kB, rarely 100)."""

_FRESH = [False]
"""Whether the running test is marked ``fresh`` (it cuts its fonts' subsets itself)."""


@pytest.fixture(autouse=True)
def _fresh_subsets(request: pytest.FixtureRequest) -> Iterator[None]:
    _FRESH[0] = request.node.get_closest_marker("fresh") is not None
    yield
    _FRESH[0] = False


@pytest.fixture(autouse=True, scope="session")
def _ctrl_c_acts() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt in the tests, as at a terminal.

    A suite started in the background by a shell without job control (``make test &``)
    inherits SIGINT ignored: the tests of what Ctrl-C does then saw it do nothing.
    """
    import signal

    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _forget_drawings() -> None:
    pool = sys.modules.get("argmap.exporters.diagram.enginepool")
    if pool is not None:  # imported by an earlier test
        pool.forget_drawings()


@pytest.fixture(autouse=True, scope="module")
def _fresh_drawings_each_file() -> None:
    """Each test file lays its graphs out afresh: no drawing is reused from another file."""
    _forget_drawings()


@pytest.fixture(autouse=True)
def _fresh_drawings(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that patches anything, or counts the engine's runs, lays its graphs out afresh.

    Other tests of a file reuse the drawings its earlier tests made (the engine draws the
    same DOT the same every time, and a drawing is kept by engine and DOT): the same map laid
    out for one test after another is laid out once. A patch might change what a drawing is
    made of, so a patched test neither finds a drawing made before it nor leaves one behind.
    """
    patched = {"monkeypatch", "engine_runs"} & set(request.fixturenames)
    if patched:
        _forget_drawings()
    yield
    if patched:
        _forget_drawings()


@pytest.fixture
def engine_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of each batch of graphs the engine pool lays out during the test, in order."""
    from argmap.exporters.diagram import enginepool

    laid: list[int] = []
    real = enginepool._lay_out

    def counted(batch: list[str], *args: object) -> list[bytes]:
        laid.append(len(batch))
        return real(batch, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(enginepool, "_lay_out", counted)
    return laid


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def outputs_dir() -> Path:
    """Where tests leave files worth looking at (git-ignored)."""
    path = Path(__file__).resolve().parent / "_outputs"
    path.mkdir(exist_ok=True)
    return path


def write(tmp_path: Path, name: str, text: str) -> Path:
    """Write a file under tmp_path and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def without_steps(svg: str) -> str:
    """A drawing with its "so" arrows (up to conclusions) no longer counted as tree edges.

    For checks of other edges on pages whose "so" arrows are known not to pass yet (an
    undercut step's, on a page whose breadcrumb sits in its tops' column, where another
    top's lane is nearer than the step's but goes to a higher row).
    """
    return _STEP_CLASS.sub(r'class="edge\1"', svg)


def without_key_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages planned and drawn with no key rows for their marks (stubs, breadcrumbs).

    For checks of a case made for the plan it had before the key explained them: its two
    rows more change which page holds what, and the case no longer draws what it checks.
    """
    from argmap.exporters.diagram import build, fitting, keysize

    none = frozenset[str]()
    monkeypatch.setattr(keysize, "planned_marks", lambda *_: none)
    monkeypatch.setattr(build, "deck_marks", lambda *_: none)
    monkeypatch.setattr(fitting, "deck_marks", lambda *_: none)


def without_stub_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages planned and drawn with stubs that name no kind (``OBJECTION · +8 more, p. 7``).

    For checks of a case made for the plan it had before stubs named their kinds: the
    wider stubs change which page holds what, and the case no longer draws what it checks.
    """
    from argmap.exporters.diagram import pagetree, stubbox

    monkeypatch.setattr(pagetree.PageTree, "stub_word", lambda *_: "")
    monkeypatch.setattr(stubbox, "stub_word", lambda *_: "")
    monkeypatch.setattr(stubbox, "GROUP_TAG", ("", ""))


AIF_ORIGIN = "AIF nodeID: "
"""How an AIF import's note names the nodeID a claim came from (when its id differs)."""


def aif_node_id(node: Any) -> str:
    """The AIF nodeID an imported claim came from: its note says it when its id differs."""
    said = [part for part in (node.note or "").split("\n\n") if part.startswith(AIF_ORIGIN)]
    return said[0].removeprefix(AIF_ORIGIN) if said else str(node.id)


def by_aif_id(m: Any) -> dict[str, Any]:
    """An AIF import's claims by the nodeID each came from."""
    return {aif_node_id(node): node for node in m.nodes}


def without_origin(note: str | None) -> str | None:
    """An AIF import's note without the line naming the claim's nodeID."""
    parts = [part for part in (note or "").split("\n\n") if not part.startswith(AIF_ORIGIN)]
    return "\n\n".join(parts) or None
