"""Cut the web font slices SVG files and the HTML page embed from the shipped Noto fonts.

Run by hand, not in CI (needs fontTools, from ``argmap[pdf]``)::

    python tests/scripts/make_web_fonts.py

Writes into ``argmap/exporters/diagram/webfonts/``:

- for each face of ``webfonts.FACES`` (the variable upright and italic Noto Sans in
  ``argmap/exporters/diagram/noto/``) and each slice of ``webfonts.SLICES``,
  ``FACE-SLICE.woff``: the glyphs of the slice's code points that the face has, with its
  weight axis (one file draws every weight), its marks' positioning (``mark``, ``mkmk``,
  ``ccmp``) and no kerning, ligatures or hinting;
- for each fallback face of ``fonts.FALLBACK_FACES`` but Noto Sans KR, the CJK subset and
  the emoji face, ``STEM.woff``: the characters argmap draws in it (those it has and Noto
  Sans and every face tried before it lack; whitespace aside, which Noto Sans sets), with
  every layout feature (the browser shapes Arabic and Indic text with them, as argmap
  measures it), and ``scripts.json``, each such face's stem and code points in order.

Fonts are written with their sources' timestamps, so the same sources give the same bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from argmap.exporters.diagram.fonts import FALLBACK_FACES, main_font, noto_folder  # noqa: E402
from argmap.exporters.diagram.webfonts import FACES, SCRIPTS, SLICES, slice_file  # noqa: E402

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

MARKS = ["mark", "mkmk", "ccmp"]
LEFT_TO_VIEWERS = (
    "NotoSansKR-Regular.otf",
    "NotoSansCJKsc-Regular-subset.otf",
    "NotoEmoji[wght].ttf",
)


def _open(path: Path) -> TTFont:
    from fontTools.ttLib import TTFont

    return TTFont(str(path), recalcTimestamp=False)


def cut(source: Path, points: list[int], features: list[str], target: Path) -> Path:
    """Write the WOFF subset of ``source`` holding ``points``; return its path."""
    from fontTools import subset

    font = _open(source)
    options = subset.Options()
    options.layout_features = features
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # the names and the licence's
    options.flavor = "woff"
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=points)
    cutter.subset(font)
    target.parent.mkdir(exist_ok=True)
    font.flavor = "woff"
    font.save(str(target))
    return target


def _runs(points: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return runs


def script_faces() -> list[tuple[Path, list[int]]]:
    """Each fallback face embedded, with the code points argmap draws in it."""
    seen = set(_open(main_font()).getBestCmap())
    faces = []
    for name in FALLBACK_FACES:
        path = noto_folder() / name
        has = set(_open(path).getBestCmap())
        drawn = sorted(p for p in has - seen if not chr(p).isspace())
        seen |= has
        if name not in LEFT_TO_VIEWERS and drawn:
            faces.append((path, drawn))
    return faces


def _report(path: Path) -> None:
    sys.stdout.write(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes\n")


def main() -> int:
    """Cut every slice of every face, then the script faces and their table."""
    for face in FACES:
        for name, ranges in SLICES.items():
            points = [p for first, last in ranges for p in range(first, last + 1)]
            source = noto_folder() / f"{face}[wght].ttf"
            _report(cut(source, points, MARKS, slice_file(face, name)))
    table = []
    for path, points in script_faces():
        stem = path.name.split("[")[0]
        _report(cut(path, points, ["*"], slice_file(stem)))
        table.append([stem, _runs(points)])
    listing = slice_file("x").parent / SCRIPTS
    listing.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    _report(listing)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
