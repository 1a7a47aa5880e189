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
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import compress
from operator import itemgetter
from pathlib import Path

from drugparse.sources.decompress import decoder_for, decompressed_chunks
from drugparse.sources.dump import DumpReader, Scan, scan_block
from drugparse.sources.selection import PageSelection

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
    "last_stream_start",
    "read_index",
    "scan_stream_block",
    "stream_length",
    "stream_starts_in",
    "wanted_offsets",
    "wanted_streams",
]

_BLOCK_MAGIC = b"1AY&SY"
_LEVELS = b"123456789"
_SCAN_BYTES = 16 * 1024 * 1024
# A real multistream dump's first stream is the small header; a second stream
# start within this many bytes tells the format.
_SNIFF_BYTES = 32 * 1024 * 1024
# The last stream of a dump is found in its last bytes (enwiki's streams are < 1 MB).
_TAIL_BYTES = 8 * 1024 * 1024
_STREAM_READ = 256 * 1024


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


_OFFSET_COLUMN = re.compile(rb"^(\d+):", re.M)
_ID_COLUMN = re.compile(rb"^\d+:(\d+):", re.M)
_TITLE_COLUMN = re.compile(rb"^\d+:\d+:(.*)$", re.M)
_ROW = re.compile(rb"^(\d+):(\d+):(.*)$", re.M)
_seconds = partial(map, itemgetter(1))
_thirds = partial(map, itemgetter(2))
# Up to this many wanted pages in a piece of the index are found by searching for
# their lines; more, by reading the offset column too (one more pass, no search each).
_FEW_FOUND = 8


def _index_chunks(path: Path) -> Iterator[bytes]:
    """The index's lines, in pieces of whole lines (each ending in a newline)."""
    rest = b""
    for chunk in decompressed_chunks(path, jobs=2):
        cut = chunk.rfind(b"\n") + 1
        if cut == 0:
            rest += chunk
            continue
        yield rest + chunk[:cut]
        rest = chunk[cut:]
    if rest.strip():
        yield rest if rest.endswith(b"\n") else rest + b"\n"


def read_index(path: Path) -> list[int]:
    """The stream offsets a multistream index lists, sorted, each once.

    Lines are ``offset:page_id:title``; titles may hold colons. Read in
    pieces, each with one regular-expression pass (no Python loop per line).
    """
    offsets: set[int] = set()
    for lines in _index_chunks(path):
        offsets.update(map(int, dict.fromkeys(_OFFSET_COLUMN.findall(lines))))
    return sorted(offsets)


def wanted_offsets(path: Path, selection: PageSelection) -> list[int]:
    """The offsets of the streams that hold the pages of ``selection``, from the index.

    >>> import tempfile
    >>> index = Path(tempfile.mkdtemp()) / "x-index.txt"
    >>> _ = index.write_text("600:10:A:B\\n600:12:B\\n9000:13:C\\n")
    >>> by_title, by_id = PageSelection.of(["B"]), PageSelection.of([13])
    >>> wanted_offsets(index, by_title), wanted_offsets(index, by_id)
    ([600], [9000])
    """
    return sorted(wanted_streams(path, selection))


def wanted_streams(path: Path, selection: PageSelection) -> dict[int, PageSelection]:
    """The streams that hold the pages of ``selection`` (by offset), each with its own
    pages of the selection (as the index writes their titles and ids).

    Streaming and at C speed: per piece of the index, the title (and, when ids
    are asked for, the id) column is pulled out by one regular expression and
    intersected with the wanted set; only the lines that match are looked at.
    """
    titles = {title.encode("utf-8") for title in selection.titles}
    ids = {str(page_id).encode() for page_id in selection.ids}
    found_in: dict[int, tuple[set[str], set[int]]] = {}

    def add(offset: int, title: bytes | None, page_id: bytes | None) -> None:
        stream_titles, stream_ids = found_in.setdefault(offset, (set(), set()))
        if title is not None:
            stream_titles.add(title.decode("utf-8", "replace"))
        if page_id is not None:
            stream_ids.add(int(page_id))

    for lines in _index_chunks(path):
        title_column = _TITLE_COLUMN.findall(lines) if titles else []
        id_column = _ID_COLUMN.findall(lines) if ids else []
        found_titles = titles.intersection(title_column)
        found_ids = ids.intersection(id_column)
        if len(found_titles) + len(found_ids) <= _FEW_FOUND:
            # A few: find their lines (a search per page, from the piece's start).
            for title in found_titles:
                for offset in _line_offsets(lines, b":" + title + b"\n", colons=1):
                    add(offset, title, None)
            for page_id in found_ids:
                for offset in _line_offsets(lines, b":" + page_id + b":", colons=0):
                    add(offset, None, page_id)
            continue
        # Many: every line as (offset, id, title), and the matching ones picked in C.
        rows = _ROW.findall(lines)
        if found_titles:
            for offset, _, title in compress(rows, map(found_titles.__contains__, _thirds(rows))):
                add(int(offset), title, None)
        if found_ids:
            for offset, page_id, _ in compress(rows, map(found_ids.__contains__, _seconds(rows))):
                add(int(offset), None, page_id)
    return {
        offset: PageSelection(frozenset(stream_titles), frozenset(stream_ids))
        for offset, (stream_titles, stream_ids) in found_in.items()
    }


def stream_length(path: Path | str, offset: int) -> int:
    """The length of the bz2 stream that starts at byte ``offset``: up to the next
    stream header (read on in pieces until one is found), or the end of the file."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        data = stream.read(_STREAM_READ)
        if data[:3] != b"BZh":
            raise OSError(f"no bz2 stream starts at byte {offset} (a stale index?)")
        searched = 0
        while True:
            starts = stream_starts_in(data[searched:], searched)
            end = next((start for start in starts if start > 0), None)
            if end is not None:
                return end
            more = stream.read(_STREAM_READ)
            if not more:
                return len(data)
            searched = max(0, len(data) - len(_BLOCK_MAGIC) - 4)  # a header across the cut
            data += more


def _line_offsets(lines: bytes, key: bytes, colons: int) -> Iterator[int]:
    """The offsets of the lines where ``key`` follows ``colons`` colons from the line start."""
    found = lines.find(key)
    while found >= 0:
        start = lines.rfind(b"\n", 0, found) + 1
        head = lines[start:found]
        if head.count(b":") == colons:
            yield int(head.split(b":", 1)[0])
        found = lines.find(key, found + 1)


def last_stream_start(path: Path) -> int | None:
    """Where the last bz2 stream of ``path`` starts, from its last 8 MB (None if not there)."""
    size = path.stat().st_size
    base = max(0, size - _TAIL_BYTES)
    with open(path, "rb") as stream:
        stream.seek(base)
        starts = list(stream_starts_in(stream.read(), base))
    return starts[-1] if starts else None


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
    """The decompressed bytes of bz2 streams read from byte ``offset`` of a dump.

    ``indexed_bzip2`` on one thread when it is there (measured: 24% less CPU
    than Python's ``bz2`` on the streams of real pages), else ``bz2``.
    """
    if data[:3] != b"BZh":
        raise OSError(f"no bz2 stream starts at byte {offset} (a stale index?)")
    if decoder_for("bz2") == "indexed_bzip2":
        import io

        import indexed_bzip2

        # indexed_bzip2 (1.7) keeps a reference to the file object it read, even closed:
        # the BytesIO is closed here, which frees its copy of the block (without this
        # a worker's RSS grew by 30 MB every 40 blocks; with it, flat).
        source = io.BytesIO(data)
        try:
            with indexed_bzip2.open(source, parallelization=1) as decoder:
                decoded: bytes = decoder.read()
        except (RuntimeError, ValueError) as exc:
            raise OSError(f"damaged bz2 stream at byte {offset} ({exc})") from exc
        finally:
            source.close()
        return decoded
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


def scan_stream_block(
    path: Path | str,
    offset: int,
    length: int,
    origin: str | None,
    selection: PageSelection | None = None,
) -> BlockScan:
    """Decompress ``path[offset:offset + length]`` and scan the whole pages in it
    (with a ``selection``, only its pages are candidates)."""
    xml = decompress_block(path, offset, length)
    first = xml.find(b"<page>")
    if first < 0:
        return BlockScan(Scan(0, (), 0), xml, b"", False)
    last = xml.rfind(b"</page>")
    end = last + len(b"</page>") if last >= first else first
    scan = scan_block(xml, origin=origin, offset=offset, start=first, end=end, selection=selection)
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
