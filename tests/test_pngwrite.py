"""argmap's PNG writer: files any reader takes, the pixels exact, the same bytes every time."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from argmap import pngwrite


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    assert png[:8] == pngwrite.SIGNATURE
    out, at = [], 8
    while at < len(png):
        (size,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + size]
        (crc,) = struct.unpack(">I", png[at + 8 + size : at + 12 + size])
        assert crc == zlib.crc32(kind + data), kind
        out.append((kind, data))
        at += 12 + size
    return out


@settings(max_examples=40, deadline=None)
@given(
    size=st.tuples(st.integers(1, 40), st.integers(1, 40)),
    seed=st.binary(min_size=4, max_size=64),
)
def test_any_pixels_read_back_exactly(size: tuple[int, int], seed: bytes) -> None:
    width, height = size
    pixels = (seed * (width * height * 4 // len(seed) + 1))[: width * height * 4]
    png = pngwrite.encode_rgba(pixels, width, height)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "RGBA" and image.size == size
    assert image.tobytes() == pixels
    assert [kind for kind, _ in _chunks(png)] == [b"IHDR", b"IDAT", b"IEND"]
    assert png == pngwrite.encode_rgba(pixels, width, height)


def test_rows_are_unfiltered_and_the_header_says_8_bit_rgba() -> None:
    pixels = bytes(range(2 * 3 * 4))
    chunks = dict(_chunks(pngwrite.encode_rgba(pixels, 2, 3)))
    assert struct.unpack(">IIBBBBB", chunks[b"IHDR"]) == (2, 3, 8, 6, 0, 0, 0)
    rows = zlib.decompress(chunks[b"IDAT"])
    assert rows == b"".join(b"\0" + pixels[i : i + 8] for i in range(0, 24, 8))


def test_either_compressor_gives_the_same_pixels() -> None:
    pixels = b"\xff" * 4 * 300 * 200 + bytes(range(256)) * 50  # flat, then varied
    pixels = pixels[: 4 * 300 * 210]
    assert len(pixels) == 4 * 300 * 210
    plain = pngwrite.encode_rgba(pixels, 300, 210, lambda: zlib.compressobj(1))
    fast = pngwrite.encode_rgba(pixels, 300, 210, pngwrite.compressor())
    assert Image.open(io.BytesIO(plain)).tobytes() == Image.open(io.BytesIO(fast)).tobytes()


@pytest.mark.parametrize(("size", "length"), [((2, 2), 15), ((0, 4), 0), ((3, -1), 12)])
def test_pixels_of_another_size_are_refused(size: tuple[int, int], length: int) -> None:
    with pytest.raises(ValueError, match=r"bytes are not .* RGBA pixels"):
        pngwrite.encode_rgba(b"\0" * length, *size)
