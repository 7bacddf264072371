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


@settings(max_examples=30, deadline=None)
@given(
    size=st.tuples(st.integers(1, 90), st.integers(1, 60)),
    seed=st.binary(min_size=1, max_size=300),
    band=st.integers(1, 1 << 15),
)
def test_the_bytes_depend_on_the_pixels_alone(
    size: tuple[int, int], seed: bytes, band: int
) -> None:
    """However the rows are banded, the stream is zlib's one deflate of them all."""
    width, height = size
    pixels = (seed * (width * height * 4 // len(seed) + 1))[: width * height * 4]
    rows = b"".join(b"\0" + pixels[at : at + width * 4] for at in range(0, len(pixels), width * 4))
    usual = pngwrite.BAND_BYTES
    try:
        pngwrite.BAND_BYTES = band  # type: ignore[misc]
        png = pngwrite.encode_rgba(pixels, width, height)
    finally:
        pngwrite.BAND_BYTES = usual  # type: ignore[misc]
    assert dict(_chunks(png))[b"IDAT"] == zlib.compress(rows, pngwrite.LEVEL)


def test_a_slide_of_flat_colour_and_text_is_one_stream_whatever_its_bands() -> None:
    """A slide's worth of rows (several bands): the same bytes as deflated whole."""
    width, height = 1920, 1080
    row = (b"\xff" * 4 * 600 + bytes(range(256)) * 3 + b"\x20\x40\x80\xff" * 1128)[: width * 4]
    pixels = b"".join(row[k % 7 :] + row[: k % 7] for k in range(height))
    rows = b"".join(b"\0" + pixels[at : at + width * 4] for at in range(0, len(pixels), width * 4))
    png = pngwrite.encode_rgba(pixels, width, height)
    assert dict(_chunks(png))[b"IDAT"] == zlib.compress(rows, pngwrite.LEVEL)


@pytest.mark.parametrize(("size", "length"), [((2, 2), 15), ((0, 4), 0), ((3, -1), 12)])
def test_pixels_of_another_size_are_refused(size: tuple[int, int], length: int) -> None:
    with pytest.raises(ValueError, match=r"bytes are not .* RGBA pixels"):
        pngwrite.encode_rgba(b"\0" * length, *size)
