"""PNG files from raw RGBA pixels: signature, IHDR, one IDAT, IEND (imports nothing of argmap)."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from typing import Final, Protocol

__all__ = ["BAND_BYTES", "LEVEL", "NG_LEVEL", "Deflater", "compressor", "encode_rgba", "png_size"]

SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
LEVEL: Final = 1
"""Deflate level of the standard library's zlib: a diagram is mostly flat colour, which
the fastest level packs well."""
NG_LEVEL: Final = 2
"""Deflate level of zlib-ng, where it is installed: on slides, three times as fast as
zlib at :data:`LEVEL` and a sixth smaller (its level 1, faster still, is half as large
again)."""
BAND_BYTES: Final = 1 << 19
"""About how many bytes of rows are joined and deflated at a time (a band stays in the cache)."""

_RGBA: Final = 6
"""IHDR colour type: truecolour with alpha, 8 bits a channel."""
_NO_FILTER: Final = b"\0"
"""The filter type byte before each row: none."""


class Deflater(Protocol):
    """A zlib-stream compressor, fed piece by piece (as ``zlib.compressobj()`` makes one)."""

    def compress(self, data: bytes, /) -> bytes:
        """Deflate ``data``: the part of the stream ready so far."""
        ...

    def flush(self) -> bytes:
        """End the stream: the rest of it."""
        ...


def compressor() -> Callable[[], Deflater]:
    """What starts the zlib stream PNG data goes through: zlib-ng's, else zlib's own.

    zlib-ng (the ``zlib-ng`` package, part of the ``fastpng`` extra) deflates a slide at
    :data:`NG_LEVEL` in a third of the time zlib takes at :data:`LEVEL`, into a smaller
    stream; without it, the standard library's zlib does. Either gives the same bytes for
    the same rows however they are handed to it (a band at a time or whole), on every run
    and in every process, loaded or not. ISA-L's (``isal``), faster still, was used until
    it was seen to give a different, equally valid stream for the same pixels now and then
    (2 of 10 renders of a 15-slide map, one page each time, only under load): PNG files
    would no longer be byte-identical from one render to the next.
    """
    try:
        from zlib_ng import zlib_ng
    except ImportError:
        return lambda: zlib.compressobj(LEVEL)
    return lambda: zlib_ng.compressobj(NG_LEVEL)


def encode_rgba(
    pixels: bytes, width: int, height: int, deflater: Callable[[], Deflater] | None = None
) -> bytes:
    """A PNG file of ``width`` x ``height`` RGBA pixels, rows top to bottom.

    Each row is stored unfiltered (filter type 0): the filters PNG offers buy a little
    size at a cost in Python far above the compressor's (and dropping the alpha channel
    of an opaque page, a quarter less to deflate, costs more in Python than it saves).
    The rows go to the compressor a band of about :data:`BAND_BYTES` at a time, each row
    after its filter byte: a tenth faster on a slide than one copy of the whole image,
    which leaves the cache.

    Args:
        pixels: ``width * height * 4`` bytes, straight (not premultiplied) alpha; a
            drawing on an opaque background is the same either way.
        width: pixels a row.
        height: rows.
        deflater: starts a zlib stream (default: :func:`compressor`'s).

    Raises:
        ValueError: ``pixels`` is not ``width * height * 4`` bytes, or a side is not positive.
    """
    stride = width * 4
    if width <= 0 or height <= 0 or len(pixels) != stride * height:
        raise ValueError(f"{len(pixels)} bytes are not {width} x {height} RGBA pixels")
    view = memoryview(pixels)
    stream = (deflater or compressor())()
    band = max(1, BAND_BYTES // stride) * stride
    packed = []
    for top in range(0, stride * height, band):
        # Each row after its filter byte, joined in one copy: half the time of copying
        # each row onto its byte first.
        bottom = min(top + band, stride * height)
        rows: list[bytes | memoryview] = [_NO_FILTER, view] * ((bottom - top) // stride)
        rows[1::2] = [view[row : row + stride] for row in range(top, bottom, stride)]
        packed.append(stream.compress(b"".join(rows)))
    packed.append(stream.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, _RGBA, 0, 0, 0)
    return b"".join(
        (
            SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", b"".join(packed)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, and the CRC-32 of type and data."""
    crc = zlib.crc32(data, zlib.crc32(kind))
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its IHDR chunk (always the first)."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height
