"""Cut the Noto Sans CJK SC subset argmap ships from the full font (run by hand, not in CI).

The subset holds the common Chinese and Japanese ideographs that no other face in
``argmap/exporters/diagram/noto/`` draws (Noto Sans KR lacks many simplified forms, such
as 认 为 这 们 说, and some Japanese ones, such as 圧 営):

- the 6,763 hanzi of GB2312 (simplified Chinese; they hold the 3,500 characters of the
  first level of the 2013 General Standard list, but for one, 啰, added here);
- the 6,356 kanji of JIS X 0208 (Japanese, levels 1 and 2, as Python's EUC-JP codec has them);
- the 5,401 frequent hanzi of Big5 (traditional Chinese).

Only those the other shipped faces lack are kept (3,915), and the font's spaces: a space
after a Chinese letter is set in the run of that letter's face (``fonts.font_runs``), so
the PDF would draw it as a missing-glyph box. No layout features (ideographs need none);
the CFF hints are kept for PDF viewers. Usage::

    python tests/scripts/make_cjk_subset.py SOURCE

SOURCE is Noto Sans CJK SC Regular, version 2.004 (as Noto Sans KR): Debian's
``fonts-noto-cjk`` package has it as the third face of ``NotoSansCJK-Regular.ttc``
(fetch it with ``apt-get download fonts-noto-cjk``, unpack it with ``dpkg-deb -x``), the
noto-cjk project as ``NotoSansCJKsc-Regular.otf``. The file is written with a fixed
timestamp, so the same source gives the same bytes. Then run ``update_noto_widths.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

FAMILY = "Noto Sans CJK SC"
TARGET = "NotoSansCJKsc-Regular-subset.otf"
EXTRA = "\u5570"
"""啰: the one first-level character of the General Standard list outside GB2312."""


def _double_bytes(codec: str, rows: range, cells: list[int]) -> set[int]:
    """The single characters a double-byte codec decodes from ``rows`` x ``cells``."""
    out: set[int] = set()
    for row in rows:
        for cell in cells:
            try:
                text = bytes([row, cell]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                out.add(ord(text))
    return out


def wanted() -> set[int]:
    """The ideographs of GB2312, JIS X 0208 and Big5's frequent set, and :data:`EXTRA`."""
    high = list(range(0xA1, 0xFF))
    codes = _double_bytes("gb2312", range(0xB0, 0xF8), high)  # rows 16-87: the hanzi
    codes |= _double_bytes("euc_jp", range(0xB0, 0xF5), high)  # rows 16-84: the kanji
    codes |= _double_bytes("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *high])
    codes |= {ord(ch) for ch in EXTRA}
    return {code for code in codes if 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF}


def drawn_elsewhere() -> set[int]:
    """What the other shipped faces draw (all but this subset)."""
    from argmap.exporters.diagram.fonts import coverage, font_files

    codes: set[int] = set()
    for path in font_files():
        if path.name != TARGET:
            codes |= coverage(path)
    return codes


def load_source(path: Path) -> TTFont:
    """Noto Sans CJK SC from a collection (``.ttc``) or a single font file."""
    from fontTools.ttLib import TTCollection
    from fontTools.ttLib import TTFont as Font

    if path.suffix.lower() != ".ttc":
        return Font(str(path), recalcTimestamp=False)
    for font in TTCollection(str(path), recalcTimestamp=False).fonts:
        if font["name"].getBestFamilyName() == FAMILY:
            found: TTFont = font
            return found
    raise SystemExit(f"{path}: no {FAMILY} face in the collection")


def main(source: Path) -> int:
    """Write the subset into the package's noto folder and print what it holds."""
    from fontTools import subset

    from argmap.exporters.diagram.fonts import noto_folder

    font = load_source(source)
    spaces = {code for code in font.getBestCmap() if chr(code).isspace()}
    codes = ((wanted() - drawn_elsewhere()) | spaces) & set(font.getBestCmap())
    options = subset.Options()
    options.layout_features = []  # ideographs take no substitution or positioning
    options.name_IDs = ["*"]  # keep every name: copyright, licence, designers
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    target = noto_folder() / TARGET
    font.save(str(target))
    size = target.stat().st_size
    sys.stdout.write(f"wrote {target.name}: {len(codes)} characters, {size:,} bytes\n")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__ or "")
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1])))
