"""Page plans free their memory when done, and layout workers start light."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from argmap.analysis.standing import analyze
from argmap.exporters.diagram.engine import find_engine
from argmap.exporters.diagram.fitting import lay_out
from argmap.load.maps import load_map
from argmap.options import RenderOptions
from tests.conftest import MAPS, ROOT

FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"


@pytest.mark.parametrize("fit", ["a4", "slide"])
def test_a_layout_leaves_no_reference_cycle(fit: str) -> None:
    # The planner's estimates and blocks (380,000 objects at 10,000 nodes) are freed as
    # the layout returns; in a cycle, a full pass of the collector had to find them later
    # (0.5 s of CPU in the HTML page's template).
    m = load_map(FLAGSHIP)
    analysis = analyze(m)
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        layout = lay_out(m, analysis, RenderOptions(), fit, find_engine())  # type: ignore[arg-type]
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = {type(o).__module__ + "." + type(o).__qualname__ for o in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
    assert layout.pages
    assert not {name for name in left if name.startswith("argmap.")}


def test_a_layout_worker_loads_no_models() -> None:
    probe = (
        "import sys\n"
        "from argmap.exporters.diagram import pageworkers\n"
        "pageworkers.job('layout')\n"
        "from argmap.exporters.diagram.engine import run_engine_svg\n"
        "from argmap.exporters.diagram.traillanes import route_lanes\n"
        "from argmap.exporters.diagram.trailrows import end_at_rows\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert not set(done.stdout.split()) & {"pydantic", "pydantic_core", "jinja2", "ruamel"}
