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
from pathlib import Path

__all__ = [
    "block_spans",
    "decompress_block",
    "is_multistream",
    "is_page_aligned",
    "read_index",
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


def is_multistream(path: Path) -> bool:
    """True when ``path`` is a bz2 file of several streams (found in its first 32 MB)."""
    starts = _stream_starts(path, _SNIFF_BYTES)
    return next(starts, None) == 0 and next(starts, None) is not None


def read_index(path: Path) -> list[int]:
    """The stream offsets a multistream index lists, sorted, each once.

    Lines are ``offset:page_id:title``; titles may hold colons.
    """
    opener = bz2.open if path.read_bytes()[:3] == b"BZh" else open
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
        starts = sorted({0, *read_index(index)} - {size})
    else:
        starts = list(_stream_starts(path))
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    for start, end in zip(starts, [*starts[1:], size], strict=True):
        if end > start:
            yield start, end - start


def decompress_block(path: Path | str, offset: int, length: int) -> bytes:
    """The decompressed bytes of the streams in ``path[offset:offset + length]``."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        data = stream.read(length)
    if data[:3] != b"BZh":
        raise OSError(f"no bz2 stream starts at byte {offset} (a stale index?)")
    return bz2.decompress(data)


def is_page_aligned(xml: bytes) -> bool:
    """True when ``xml`` starts a page or the document and ends a page or the document.

    Then it can be scanned on its own; otherwise it must be stitched to its
    neighbours.

    >>> is_page_aligned(b"  <page>...</page>\\n"), is_page_aligned(b"ge>...</page>")
    (True, False)
    """
    head = xml[:64].lstrip()
    tail = xml[-64:].rstrip()
    starts = head.startswith((b"<page>", b"<?xml", b"<mediawiki"))
    ends = tail.endswith((b"</page>", b"</mediawiki>"))
    return starts and ends
