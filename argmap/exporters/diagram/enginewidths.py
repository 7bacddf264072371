"""The bundled engine's own measure of a line of text: Helvetica's widths, a space a byte."""

from __future__ import annotations

from typing import Final

__all__ = ["engine_points"]

# The engine's text widths (the bundled Graphviz port's Helvetica table, which italic
# shares), in 2048ths of an em, for the characters from space to tilde. Any other
# character counts as a space per byte of its UTF-8 form. Measured from the engine's
# own drawings (its -Txdot text widths).
_HELVETICA: Final = {
    "": (
        "569 569 727 1139 1139 1821 1366 391 682 682 797 1196 569 682 569 569 1139 1139 1139 "
        "1139 1139 1139 1139 1139 1139 1139 569 569 1196 1196 1196 1139 2079 1366 1366 1479 "
        "1479 1366 1251 1593 1479 569 1024 1366 1139 1706 1479 1593 1366 1593 1479 1366 1251 "
        "1479 1366 1933 1366 1366 1251 569 569 569 961 1139 682 1139 1139 1024 1139 1139 569 "
        "1139 1139 455 455 1024 455 1706 1139 1139 1139 1139 682 1024 569 1139 1024 1479 1024 "
        "1024 1024 684 532 684 1196"
    ),
    "bold": (
        "569 682 971 1139 1139 1821 1479 487 682 682 797 1196 569 682 569 569 1139 1139 1139 "
        "1139 1139 1139 1139 1139 1139 1139 682 682 1196 1196 1196 1251 1997 1479 1479 1479 "
        "1479 1366 1251 1593 1479 569 1139 1479 1251 1706 1479 1593 1366 1593 1479 1366 1251 "
        "1479 1366 1933 1366 1366 1251 682 569 682 1196 1139 682 1139 1251 1139 1251 1139 682 "
        "1251 1251 569 569 1139 569 1821 1251 1251 1251 1251 797 1139 682 1251 1139 1593 1139 "
        "1139 1024 797 573 797 1196"
    ),
}


def _byte_widths(widths: str) -> list[float]:
    """Each of the 256 byte values' width in ems, from the 95 widths of space to tilde."""
    printable = [int(width) / 2048 for width in widths.split()]
    space = printable[:1]
    return space * 32 + printable + space * (256 - 32 - len(printable))


_ENGINE_WIDTHS: Final = {weight: _byte_widths(widths) for weight, widths in _HELVETICA.items()}
"""Per weight: each UTF-8 byte's width in ems (every byte of a character beyond ASCII, and
every control character, counts as a space)."""


def engine_points(text: str, size: float, *, bold: bool = False) -> float:
    """The width the bundled engine gives a line of text, in points.

    Args:
        text: the line, as drawn (not escaped).
        size: the font size in points.
        bold: whether the line is bold (italic lines measure as upright ones).
    """
    widths = _ENGINE_WIDTHS["bold" if bold else ""]
    data = text.encode("utf-8", "surrogatepass")
    return sum(map(widths.__getitem__, data)) * size
