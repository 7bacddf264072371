"""PNG files from raw RGBA pixels: signature, IHDR, one IDAT, IEND (imports nothing of argmap)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from typing import Final

__all__ = ["LEVEL", "compressor", "encode_rgba"]

SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
LEVEL: Final = 1
"""Deflate level: a diagram is mostly flat colour, which the fastest level packs well."""

_RGBA: Final = 6
"""IHDR colour type: truecolour with alpha, 8 bits a channel."""
_NO_FILTER: Final = b"\0"
"""The filter type byte before each row: none."""


def compressor() -> Callable[[bytes], bytes]:
    """The zlib-stream compressor PNG data goes through, at :data:`LEVEL`.

    ISA-L's (the ``isal`` package, if installed) is about seven times as fast as zlib's at
    level 1 on a slide's pixels, for files a few per cent larger; each gives the same
    bytes for the same pixels every time.
    """
    try:
        from isal import isal_zlib
    except ImportError:
        return lambda data: zlib.compress(data, LEVEL)
    return lambda data: isal_zlib.compress(data, LEVEL)


def encode_rgba(
    pixels: bytes, width: int, height: int, compress: Callable[[bytes], bytes] | None = None
) -> bytes:
    """A PNG file of ``width`` x ``height`` RGBA pixels, rows top to bottom.

    Each row is stored unfiltered (filter type 0): the filters PNG offers buy a little
    size at a cost in Python far above the compressor's.

    Args:
        pixels: ``width * height * 4`` bytes, straight (not premultiplied) alpha; a
            drawing on an opaque background is the same either way.
        width: pixels a row.
        height: rows.
        compress: a zlib-stream compressor (default: :func:`compressor`).

    Raises:
        ValueError: ``pixels`` is not ``width * height * 4`` bytes, or a side is not positive.
    """
    stride = width * 4
    if width <= 0 or height <= 0 or len(pixels) != stride * height:
        raise ValueError(f"{len(pixels)} bytes are not {width} x {height} RGBA pixels")
    view = memoryview(pixels)
    # Each row after its filter byte, joined in one copy: half the time of copying each
    # row onto its byte first.
    rows: list[bytes | memoryview] = [_NO_FILTER, view] * height
    rows[1::2] = [view[row : row + stride] for row in range(0, stride * height, stride)]
    header = struct.pack(">IIBBBBB", width, height, 8, _RGBA, 0, 0, 0)
    return b"".join(
        (
            SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", (compress or compressor())(b"".join(rows))),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, and the CRC-32 of type and data."""
    crc = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
