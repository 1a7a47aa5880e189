"""Multistream bzip2 dumps: independent bz2 streams that can be decompressed in parallel.

``enwiki-...-pages-articles-multistream.xml.bz2`` is many bz2 streams end to
end, each holding 100 whole ``<page>`` elements (the first holds the
``<siteinfo>`` header). The ``...-index.txt.bz2`` beside it lists
``offset:page_id:title``; without it the streams are found by their header,
``BZh`` + level digit + the block magic ``1AY&SY`` (0x314159265359), which is
byte-aligned only at a stream start (a chance match inside compressed data is
about 2**-76 per byte). Streams that cut pages (pbzip2 output) still work: the
reader stitches them in order.

>>> list(stream_starts_in(b"BZh91AY&SYxxxxBZh91AY&SYyy"))
[0, 14]
"""

from __future__ import annotations

import bz2
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from drugparse.sources.decompress import file_compression
from drugparse.sources.dump import DumpReader, Scan, scan_block

__all__ = [
    "BlockScan",
    "Stitcher",
    "block_spans",
    "decompress_block",
    "decompress_stream",
    "first_stream",
    "index_beside",
    "index_spans",
    "is_multistream",
    "read_index",
    "scan_stream_block",
    "stream_starts_in",
]

_BLOCK_MAGIC = b"1AY&SY"
_LEVELS = b"123456789"
_SCAN_BYTES = 16 * 1024 * 1024
# A real multistream dump's first stream is the small header; a second stream
# start within this many bytes tells the format.
_SNIFF_BYTES = 32 * 1024 * 1024


def stream_starts_in(data: bytes, base: int = 0) -> Iterator[int]:
    """Offsets (plus ``base``) of bz2 stream headers in ``data``."""
    found = data.find(_BLOCK_MAGIC, 4)
    while found >= 0:
        start = found - 4
        if data[start : start + 3] == b"BZh" and data[start + 3] in _LEVELS:
            yield base + start
        found = data.find(_BLOCK_MAGIC, found + 1)


def _stream_starts(path: Path, limit: int | None = None) -> Iterator[int]:
    """Stream header offsets in the file, read in slices that overlap by a header's length."""
    overlap = len(_BLOCK_MAGIC) + 4
    last = -1
    with open(path, "rb") as stream:
        base = 0
        while limit is None or base < limit:
            stream.seek(base)
            data = stream.read(_SCAN_BYTES + overlap)
            for start in stream_starts_in(data, base):
                if start > last:
                    last = start
                    yield start
            if len(data) <= overlap:
                return
            base += _SCAN_BYTES


def first_stream(path: Path) -> tuple[int, int] | None:
    """``(0, length)`` of the first stream when ``path`` is a bz2 file of several streams
    (the second found in its first 32 MB), else None; the rest of the file is not read."""
    starts = _stream_starts(path, _SNIFF_BYTES)
    if next(starts, None) != 0:
        return None
    second = next(starts, None)
    return None if second is None else (0, second)


def is_multistream(path: Path) -> bool:
    """True when ``path`` is a bz2 file of several streams (found in its first 32 MB)."""
    return first_stream(path) is not None


def read_index(path: Path) -> list[int]:
    """The stream offsets a multistream index lists, sorted, each once.

    Lines are ``offset:page_id:title``; titles may hold colons.
    """
    opener = bz2.open if file_compression(path) == "bz2" else open
    offsets = set()
    with opener(path, "rb") as index:
        for line in index:
            head = line.split(b":", 1)[0].strip()
            if head.isdigit():
                offsets.add(int(head))
    return sorted(offsets)


def block_spans(path: Path, index: Path | None = None) -> Iterator[tuple[int, int]]:
    """``(offset, length)`` of every stream of ``path``, in order.

    With an index, streams before its first offset (the header) and after its
    last are included too, so no page is lost to a stale index.
    """
    size = path.stat().st_size
    if index is not None:
        yield from index_spans(index, size)
        return
    starts = list(_stream_starts(path))
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    yield from _spans(starts, size)


def index_beside(dump: Path) -> Path | None:
    """``x-multistream.xml.bz2`` -> ``x-multistream-index.txt.bz2`` (or ``.txt``) when it exists.

    The one rule, read by ``drugparse convert`` and by the Spark reader: Wikimedia
    names a dump ``...-multistream.xml.bz2`` and its index ``...-multistream-index.txt.bz2``.
    """
    name = dump.name
    if not name.endswith(".xml.bz2"):
        return None
    for suffix in ("-index.txt.bz2", "-index.txt"):
        sibling = dump.with_name(name[: -len(".xml.bz2")] + suffix)
        if sibling.is_file():
            return sibling
    return None


def index_spans(index: Path, size: int) -> list[tuple[int, int]]:
    """``(offset, length)`` of the streams of a dump of ``size`` bytes that ``index`` lists,
    the header stream before its first offset included."""
    return _spans(sorted({0, *read_index(index)} - {size}), size)


def _spans(starts: list[int], size: int) -> list[tuple[int, int]]:
    return [
        (start, end - start)
        for start, end in zip(starts, [*starts[1:], size], strict=True)
        if end > start
    ]


def decompress_block(path: Path | str, offset: int, length: int) -> bytes:
    """The decompressed bytes of the streams in ``path[offset:offset + length]``."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        return decompress_stream(stream.read(length), offset)


def decompress_stream(data: bytes, offset: int) -> bytes:
    """The decompressed bytes of bz2 streams read from byte ``offset`` of a dump."""
    if data[:3] != b"BZh":
        raise OSError(f"no bz2 stream starts at byte {offset} (a stale index?)")
    return bz2.decompress(data)


@dataclass(frozen=True)
class BlockScan:
    """One stream block, decompressed and scanned (in a worker).

    ``scan`` covers the whole pages the block holds. ``head`` (bytes before
    its first ``<page>``) and ``tail`` (bytes after its last whole page) are
    left to the reader to stitch to the neighbouring blocks: the header and
    footer in a Wikipedia dump, a cut page in a file pbzip2 wrote.
    ``opens_page`` is false when the block holds no ``<page>`` at all (it is
    then all ``head``, the middle of one long page).
    """

    scan: Scan
    head: bytes
    tail: bytes
    opens_page: bool


def scan_stream_block(path: Path | str, offset: int, length: int, origin: str | None) -> BlockScan:
    """Decompress ``path[offset:offset + length]`` and scan the whole pages in it."""
    xml = decompress_block(path, offset, length)
    first = xml.find(b"<page>")
    if first < 0:
        return BlockScan(Scan(0, (), 0), xml, b"", False)
    last = xml.rfind(b"</page>")
    end = last + len(b"</page>") if last >= first else first
    scan = scan_block(xml, origin=origin, offset=offset, start=first, end=end)
    return BlockScan(scan, xml[:first], xml[end:], True)


class Stitcher:
    """Put scanned blocks of one file back in order: header, cut pages, footer, truncation.

    The pages inside each block were scanned by a worker; what lies between
    blocks (the ``<siteinfo>`` header, ``</mediawiki>``, a page cut by a stream
    boundary) goes through one :class:`~drugparse.sources.dump.DumpReader`,
    which also tells a truncated file.
    """

    def __init__(self, origin: str | None):
        self.reader = DumpReader(origin)

    def add(self, block: BlockScan) -> list[Scan]:
        """The scans of what block ``n`` completes, given blocks in order."""
        scans = self.reader.feed(block.head)
        if block.opens_page:
            self.reader.expect_page_boundary()
            self.reader.count_pages(block.scan.pages_read, block.scan.document_end)
            scans += self.reader.feed(block.tail)
        return scans

    def finish(self) -> list[Scan]:
        return self.reader.finish()
