"""Long lists to A4 and slide PDF pages: a thesis with hundreds or thousands of branches.

A debate imported from Kialo, or a class's brainstorm, can give a thesis hundreds of
reasons and objections and nothing under them; a case built for a debate, reasons each
with a piece of evidence. Each row renders one such list to A4 and to slide PDF pages,
each in a fresh process (``argmap render``), timed by wall clock and CPU (argmap's and
the engine's); ``ARGMAP_BENCH_QUICK=1`` leaves out the largest lists.
"""

from __future__ import annotations

import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from argmap.load.dump import dump_yaml  # noqa: E402

QUICK = os.environ.get("ARGMAP_BENCH_QUICK") == "1" or "--quick" in sys.argv
SIZES = [300, 1000] if QUICK else [300, 1000, 2500, 5000]
"""Statements in each flat list, four reasons to one objection."""
BACKED = [150, 500] if QUICK else [150, 500, 2000]
"""Reasons in each list of reasons with a piece of evidence each."""
SENTENCE = (
    "pupils learn more through play and rest after a long school day while practice at "
    "home consolidates what was taught in class"
)
WORDS = SENTENCE.split()


def flat(count: int, seed: int = 1) -> dict[str, Any]:
    """A map file of a thesis with ``count`` single statements, one to four lines each."""
    pick = random.Random(seed)

    def text(kind: str, i: int) -> str:
        return f"{kind} {i}: " + " ".join(pick.choice(WORDS) for _ in range(pick.randint(5, 22)))

    against = count // 5
    thesis = {
        "id": "t",
        "text": "Homework should be abolished in primary schools.",
        "premises": [{"id": f"r{i}", "text": text("Reason", i)} for i in range(count - against)],
        "objections": [{"id": f"o{i}", "text": text("Objection", i)} for i in range(against)],
    }
    return {"title": f"A flat list of {count} statements", "thesis": thesis}


def backed(count: int, seed: int = 1) -> dict[str, Any]:
    """A map file of a thesis with ``count`` reasons, each with a piece of evidence."""
    pick = random.Random(seed)

    def text(kind: str, i: int) -> str:
        return f"{kind} {i}: " + " ".join(pick.choice(WORDS) for _ in range(pick.randint(5, 16)))

    premises = [
        {
            "id": f"r{i}",
            "text": text("Reason", i),
            "evidence": [{"id": f"e{i}", "text": text("Evidence", i)}],
        }
        for i in range(count)
    ]
    thesis = {"id": "t", "text": "Schools should adopt uniforms.", "premises": premises}
    return {"title": f"{count} reasons with evidence", "thesis": thesis}


def pages_of(pdf: Path) -> int:
    """The number of pages of a PDF argmap wrote (its page tree's count)."""
    found = re.search(rb"/Type /Pages /Count (\d+)", pdf.read_bytes())
    return int(found.group(1)) if found else 0


def render(path: Path, fit: str, out: str) -> tuple[str, float, float]:
    """Render a list to PDF pages of ``fit`` in a fresh process: its pages, wall and CPU s.

    The pages are the render's last error line instead if it failed.
    """
    argmap = [sys.executable, "-m", "argmap", "render", str(path), "-f", "pdf"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [*argmap, "--fit", fit, "-o", out], capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        return f"failed: {done.stderr.strip().splitlines()[-1]}", wall, 0.0
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return str(pages_of(Path(out) / f"{path.stem}.pdf")), wall, cpu


def main() -> int:
    print("| list | A4 pages | seconds | CPU s | slides | seconds | CPU s |")
    print("|---|---|---|---|---|---|---|")
    lists = [(f"{n:,} statements", f"flat{n}", flat(n)) for n in SIZES]
    lists += [(f"{n:,} reasons with evidence", f"backed{n}", backed(n)) for n in BACKED]
    with tempfile.TemporaryDirectory() as tmp:
        for name, stem, data in lists:
            path = Path(tmp) / f"{stem}.yaml"
            path.write_text(dump_yaml(data), encoding="utf-8")
            cells = [name]
            for fit in ("a4", "slide"):
                pages, wall, cpu = render(path, fit, tmp)
                cells += [pages, f"{wall:.1f}", f"{cpu:.1f}"]
            print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
