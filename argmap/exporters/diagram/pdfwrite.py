"""A PDF file written as it is made: each object goes to the file at once, pages compressed.

The writer keeps no page content: only the byte offset of each object (for the
cross-reference table) and a running digest (for the file's ``/ID``). Page objects get
their numbers up front, from the page count, so a link on page 1 can lead to page 900
before page 900 is drawn; everything else is numbered as it is written.
"""

from __future__ import annotations

import hashlib
import zlib
from array import array
from collections.abc import Iterable, Sequence
from typing import IO, Final, NamedTuple

__all__ = ["Bookmark", "Link", "PdfWriter", "deflate", "pdf_string"]

HEADER: Final = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
"""The version line, then a comment of high bytes: the file is binary."""

CATALOG: Final = 1
PAGE_TREE: Final = 2
RESOURCES: Final = 3
FIRST_PAGE: Final = 4
"""Fixed object numbers: page N is object ``FIRST_PAGE + N - 1``."""

COMPRESSION: Final = 6
"""zlib level for content streams: 9 is twice as slow for 2% less."""


def deflate(data: bytes) -> bytes:
    """A stream's content compressed as the writer compresses it.

    zlib lets go of the interpreter meanwhile, so another thread may do it.
    """
    return zlib.compress(data, COMPRESSION)


class Link(NamedTuple):
    """A rectangle (PDF points from the bottom left) that leads to a page (from 1)."""

    left: float
    bottom: float
    right: float
    top: float
    page: int


class Bookmark(NamedTuple):
    """An entry of the PDF's outline (the viewer's bookmarks): it leads to a page (from 1).

    ``parent``: the page whose entry it is nested under (0: none, at the top level); a page
    listed under several pages has an entry for each.
    """

    title: str
    page: int
    parent: int = 0


def pdf_string(text: str) -> str:
    """A PDF text string: literal when ASCII, else UTF-16 with its byte-order mark, in hex."""
    if text.isascii() and text.isprintable():
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _number(value: float) -> str:
    """A PDF number: two decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class PdfWriter:
    """Writes one PDF of a known number of pages to a binary file, object by object.

    Call :meth:`page` once per page, in order, then :meth:`finish` with the fonts'
    resource entries. Objects numbered with :meth:`reserve` are written with
    :meth:`write_object` or :meth:`write_stream` whenever they are ready.
    """

    def __init__(self, out: IO[bytes], page_count: int) -> None:
        self.out = out
        self.page_count = page_count
        self.pages_done = 0
        self.sizes: list[tuple[float, float]] = []
        self.offsets = array("q", [0] * (FIRST_PAGE + page_count))
        self.position = 0
        self.digest = hashlib.md5(usedforsecurity=False)
        self._put(HEADER)

    def _put(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)
        self.position += len(data)

    def reserve(self) -> int:
        """A new object number, to write later."""
        self.offsets.append(0)
        return len(self.offsets) - 1

    def page_object(self, page: int) -> int:
        """The object number of page ``page`` (from 1)."""
        return FIRST_PAGE + page - 1

    def write_object(self, number: int, body: str | bytes) -> None:
        """Write object ``number`` (a dictionary, array or other value) now."""
        data = body.encode("latin-1") if isinstance(body, str) else body
        self.offsets[number] = self.position
        self._put(b"%d 0 obj\n%s\nendobj\n" % (number, data))

    def write_stream(
        self,
        number: int,
        data: bytes,
        entries: str = "",
        *,
        compress: bool = True,
        deflated: bool = False,
    ) -> None:
        """Write object ``number`` as a stream of ``data``, zlib-compressed unless told not.

        Args:
            number: the object's number.
            data: the stream's content.
            entries: more entries of the stream's dictionary (``/Length`` is added).
            compress: compress the content (``/Filter /FlateDecode``).
            deflated: the content is compressed already (by :func:`deflate`).
        """
        if compress and not deflated:
            data = deflate(data)
        if compress or deflated:
            entries = f"/Filter /FlateDecode {entries}"
        head = f"<< {entries.strip()} /Length {len(data)} >>\nstream\n".encode("latin-1")
        self.offsets[number] = self.position
        self._put(b"%d 0 obj\n%s%s\nendstream\nendobj\n" % (number, head, data))

    def page(
        self,
        width: float,
        height: float,
        content: bytes,
        links: Iterable[Link],
        *,
        deflated: bool = False,
    ) -> None:
        """Write the next page: its content stream, its links, then the page itself.

        Args:
            width: the page's width in points.
            height: the page's height in points.
            content: the page's content stream (compressed here unless ``deflated``).
            links: the page's links to other pages; links to pages outside the
                document are left out.
            deflated: ``content`` is compressed already (by :func:`deflate`).
        """
        self.pages_done += 1
        if self.pages_done > self.page_count:
            raise ValueError(f"page {self.pages_done} of a {self.page_count}-page PDF")
        contents = self.reserve()
        self.write_stream(contents, content, deflated=deflated)
        annots = []
        for link in links:
            if not 1 <= link.page <= self.page_count:
                continue
            number = self.reserve()
            rect = " ".join(_number(v) for v in (link.left, link.bottom, link.right, link.top))
            target = self.page_object(link.page)
            self.write_object(
                number,
                f"<< /Type /Annot /Subtype /Link /Rect [{rect}] /Border [0 0 0] /F 4 "
                f"/Dest [{target} 0 R /XYZ 0 {_number(height)} null] >>",
            )
            annots.append(f"{number} 0 R")
        extra = f" /Annots [{' '.join(annots)}]" if annots else ""
        self.write_object(
            self.page_object(self.pages_done),
            f"<< /Type /Page /Parent {PAGE_TREE} 0 R "
            f"/MediaBox [0 0 {_number(width)} {_number(height)}] "
            f"/Resources {RESOURCES} 0 R /Contents {contents} 0 R{extra} >>",
        )

    def finish(
        self, fonts: dict[str, int], info: dict[str, str], outline: Sequence[Bookmark] = ()
    ) -> None:
        """Write the shared resources, the page tree, the catalog, the info and the end.

        Args:
            fonts: each font's resource name (``F1``) and object number.
            info: the document information (``Title``, ``Creator``...), as PDF values.
            outline: the bookmarks, in page order; with some, the file opens showing them.

        Raises:
            ValueError: fewer pages were written than the writer was made for.
        """
        if self.pages_done != self.page_count:
            raise ValueError(f"{self.pages_done} pages written of {self.page_count}")
        names = " ".join(f"/{name} {number} 0 R" for name, number in fonts.items())
        self.write_object(RESOURCES, f"<< /Font << {names} >> >>")
        kids = "\n".join(f"{self.page_object(n)} 0 R" for n in range(1, self.page_count + 1))
        self.write_object(
            PAGE_TREE, f"<< /Type /Pages /Count {self.page_count} /Kids [\n{kids}\n] >>"
        )
        first = f"{self.page_object(1)} 0 R" if self.page_count else "null"
        root = self._outline(outline)
        shown = f" /Outlines {root} 0 R /PageMode /UseOutlines" if root else ""
        self.write_object(
            CATALOG,
            f"<< /Type /Catalog /Pages {PAGE_TREE} 0 R /OpenAction [{first} /FitH null] "
            f"/PageLayout /OneColumn{shown} >>",
        )
        info_number = self.reserve()
        self.write_object(
            info_number, "<< " + " ".join(f"/{k} {v}" for k, v in info.items()) + " >>"
        )
        self._end(info_number)

    def _outline(self, outline: Sequence[Bookmark]) -> int:
        """Write the outline's entries, nested by their parents; its root's number (0: none).

        A page may have several entries (listed under each page that leads to it): the
        entries nested under it go under its first.

        The first top-level entry (page 1, the overview) is open, the rest closed: a
        reader sees the map's first branches and opens the ones they follow.
        """
        marks = [b for b in outline if 1 <= b.page <= self.page_count]
        if not marks:
            return 0
        root = self.reserve()
        numbers = [self.reserve() for _ in marks]
        at: dict[int, int] = {}  # a page -> its first entry, which its own nest under
        for i, mark in enumerate(marks):
            at.setdefault(mark.page, i)
        kids: dict[int, list[int]] = {-1: []}  # entry (-1: the root) -> its entries
        for i, mark in enumerate(marks):
            parent = at.get(mark.parent, -1)
            kids.setdefault(parent if parent < i else -1, []).append(i)
        opened = kids[-1][0]
        own = len(kids.get(opened, []))
        for parent, entries in kids.items():
            up = root if parent < 0 else numbers[parent]
            for k, i in enumerate(entries):
                below = kids.get(i, [])
                links = [f"/Parent {up} 0 R"]
                links += [f"/Prev {numbers[entries[k - 1]]} 0 R"] if k else []
                links += [f"/Next {numbers[entries[k + 1]]} 0 R"] if k + 1 < len(entries) else []
                if below:
                    count = len(below) if i == opened else -len(below)
                    links += [f"/First {numbers[below[0]]} 0 R", f"/Last {numbers[below[-1]]} 0 R"]
                    links.append(f"/Count {count}")
                target = self.page_object(marks[i].page)
                self.write_object(
                    numbers[i],
                    f"<< /Title {pdf_string(marks[i].title)} {' '.join(links)} "
                    f"/Dest [{target} 0 R /Fit] >>",
                )
        top = kids[-1]
        self.write_object(
            root,
            f"<< /Type /Outlines /First {numbers[top[0]]} 0 R /Last {numbers[top[-1]]} 0 R "
            f"/Count {len(top) + own} >>",
        )
        return root

    def _end(self, info_number: int) -> None:
        """The cross-reference table and the trailer, with an ``/ID`` from the content."""
        start = self.position
        file_id = self.digest.hexdigest().upper()
        self._put(b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets))
        rows = (b"%010d 00000 n \n" % offset for offset in self.offsets[1:])
        chunk: list[bytes] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == 4096:
                self._put(b"".join(chunk))
                chunk.clear()
        self._put(b"".join(chunk))
        self._put(
            f"trailer\n<< /Size {len(self.offsets)} /Root {CATALOG} 0 R /Info {info_number} 0 R "
            f"/ID [<{file_id}> <{file_id}>] >>\nstartxref\n{start}\n%%EOF\n".encode("latin-1")
        )
