"""Regenerate the golden files under tests/golden/ (run `make golden`, then read the diff)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.conftest import GOLDEN  # noqa: E402
from tests.golden_analysis import ANALYSIS_GOLDEN  # noqa: E402
from tests.golden_diff import DIFF_GOLDEN  # noqa: E402
from tests.golden_dot import DOT_GOLDEN  # noqa: E402
from tests.golden_html import HTML_GOLDEN  # noqa: E402
from tests.golden_interop import INTEROP_GOLDEN  # noqa: E402

REGISTRIES = [HTML_GOLDEN, DOT_GOLDEN, ANALYSIS_GOLDEN, INTEROP_GOLDEN, DIFF_GOLDEN]
"""Each maps a golden file name to the function that renders its text."""


def main(patterns: list[str]) -> int:
    """Rewrite the golden files whose names match any pattern (all when none given)."""
    from fnmatch import fnmatch

    GOLDEN.mkdir(exist_ok=True)
    for registry in REGISTRIES:
        for name, render in sorted(registry.items()):
            if patterns and not any(fnmatch(name, p) for p in patterns):
                continue
            path = GOLDEN / name
            text = render()
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old != text:
                path.write_text(text, encoding="utf-8")
                verb = "updated" if old is not None else "created"
                sys.stdout.write(f"{verb} {path.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
