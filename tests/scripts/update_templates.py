"""Compile the HTML page's templates into argmap/exporters/html/templates/compiled.json.

Run it after editing a template (tests/test_startup.py fails until then), then read the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from argmap.exporters.html.page import make_env  # noqa: E402
from argmap.exporters.html.precompiled import TABLE, write_table  # noqa: E402


def main() -> int:
    """Rewrite the table of compiled templates from the templates and this Jinja2."""
    write_table(make_env())
    sys.stdout.write(f"wrote {TABLE.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
