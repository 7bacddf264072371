"""argmap's PNG writer: files any reader takes, the pixels exact, the same bytes every time."""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from argmap import pngwrite


def _deflated(rows: bytes) -> bytes:
    """The rows deflated whole, as the library :func:`pngwrite.compressor` picks does it."""
    try:
        from zlib_ng import zlib_ng
    except ImportError:
        return zlib.compress(rows, pngwrite.LEVEL)
    return zlib_ng.compress(rows, pngwrite.NG_LEVEL)


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
    assert dict(_chunks(png))[b"IDAT"] == _deflated(rows)


def test_a_slide_of_flat_colour_and_text_is_one_stream_whatever_its_bands() -> None:
    """A slide's worth of rows (several bands): the same bytes as deflated whole."""
    pixels, rows = _slide()
    png = pngwrite.encode_rgba(pixels, 1920, 1080)
    assert dict(_chunks(png))[b"IDAT"] == _deflated(rows)
    assert zlib.decompress(dict(_chunks(png))[b"IDAT"]) == rows


def _slide() -> tuple[bytes, bytes]:
    """A slide's pixels (flat colour and a band of every byte value) and its rows."""
    width, height = 1920, 1080
    row = (b"\xff" * 4 * 600 + bytes(range(256)) * 3 + b"\x20\x40\x80\xff" * 1128)[: width * 4]
    pixels = b"".join(row[k % 7 :] + row[: k % 7] for k in range(height))
    rows = b"".join(b"\0" + pixels[at : at + width * 4] for at in range(0, len(pixels), width * 4))
    return pixels, rows


def test_zlib_ng_deflates_where_installed_else_zlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """zlib-ng, at its level, where it is installed; the standard library's zlib otherwise."""
    pytest.importorskip("zlib_ng")
    pixels, rows = _slide()
    png = pngwrite.encode_rgba(pixels, 1920, 1080)
    monkeypatch.setitem(sys.modules, "zlib_ng", None)  # as if it were not installed
    plain = pngwrite.encode_rgba(pixels, 1920, 1080)
    assert dict(_chunks(plain))[b"IDAT"] == zlib.compress(rows, pngwrite.LEVEL)
    assert len(png) < len(plain) and png != plain
    assert Image.open(io.BytesIO(png)).tobytes() == Image.open(io.BytesIO(plain)).tobytes()


def test_every_process_writes_the_same_bytes() -> None:
    """Two processes at once (the machine loaded) write this process's bytes for a slide."""
    pixels, _ = _slide()
    code = (
        "import hashlib, sys\n"
        "from argmap import pngwrite\n"
        "pixels = sys.stdin.buffer.read()\n"
        "for _ in range(3):\n"
        "    print(hashlib.sha256(pngwrite.encode_rgba(pixels, 1920, 1080)).hexdigest())\n"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        for _ in range(2)
    ]
    answers = [run.communicate(pixels)[0].decode().split() for run in runs]
    here = hashlib.sha256(pngwrite.encode_rgba(pixels, 1920, 1080)).hexdigest()
    assert answers == [[here] * 3] * 2


@pytest.mark.parametrize(("size", "length"), [((2, 2), 15), ((0, 4), 0), ((3, -1), 12)])
def test_pixels_of_another_size_are_refused(size: tuple[int, int], length: int) -> None:
    with pytest.raises(ValueError, match=r"bytes are not .* RGBA pixels"):
        pngwrite.encode_rgba(b"\0" * length, *size)
