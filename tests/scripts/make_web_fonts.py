"""Cut the HTML page's web font slices from the shipped Noto Sans (run by hand, not in CI).

For each face of ``argmap.exporters.diagram.webfonts.FACES`` (the variable upright and italic
Noto Sans in ``argmap/exporters/diagram/noto/``) and each slice of ``SLICES``, writes
``argmap/exporters/diagram/webfonts/FACE-SLICE.woff``: the glyphs of the slice's code points
that the face has, with its weight axis (so one file draws every weight), its marks'
positioning (``mark``, ``mkmk``, ``ccmp``) and no kerning, ligatures or hinting. The files
are written with the source's timestamp, so the same source gives the same bytes. Usage::

    python tests/scripts/make_web_fonts.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from argmap.exporters.diagram.fonts import noto_folder  # noqa: E402
from argmap.exporters.diagram.webfonts import FACES, SLICES, slice_file  # noqa: E402

FEATURES = ["mark", "mkmk", "ccmp"]


def cut(face: str, name: str) -> Path:
    """Write one face's slice; return its path."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = noto_folder() / f"{face}[wght].ttf"
    font = TTFont(str(source), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = FEATURES
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # the names and the licence's
    options.flavor = "woff"
    points = [p for first, last in SLICES[name] for p in range(first, last + 1)]
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=points)
    cutter.subset(font)
    target = slice_file(face, name)
    target.parent.mkdir(exist_ok=True)
    font.flavor = "woff"
    font.save(str(target))
    return target


def main() -> int:
    """Cut every slice of every face."""
    for face in FACES:
        for name in SLICES:
            path = cut(face, name)
            sys.stdout.write(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
