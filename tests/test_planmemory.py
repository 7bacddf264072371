"""Layout workers start light."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


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
