"""A MediaWiki multistream dump as a Spark DataFrame of pages, without spark-xml.

``enwiki-...-pages-articles-multistream.xml.bz2`` is bz2 streams end to end,
100 pages each; its index lists where each stream starts. The driver reads
the index (a few MB) and the header stream; each Spark task then opens the
dump at its streams' byte offsets, decompresses them and cuts pages with the
CLI's byte-level splitter (:func:`drugparse.sources.dump.scan_block`). No
task reads anything but its own streams, so the dump is read once, in
parallel, by as many tasks as there are cores.

    >>> pages = read_multistream(spark, "enwiki-multistream.xml.bz2")  # doctest: +SKIP
    >>> pages.columns                                                   # doctest: +SKIP
    ['title', 'text', 'page_id', 'revision_id', 'timestamp', 'namespace', 'redirect',
     'error_code', 'error_message']

A task owns the pages whose ``<page>`` starts in its stream. Wikipedia's
streams hold whole pages; a file whose streams cut pages (pbzip2 output)
works too: the task that owns a cut page decompresses the following streams
until the page closes. Damage is a row, never a failed task: a stream that
does not decompress, or a dump that ends inside a page or without
``</mediawiki>``, gives a row with ``error_code = "unreadable_input"`` and the
CLI's message. A page that is not valid UTF-8 gives ``invalid_xml``, as in the CLI.

The dump must be at the same path on every executor (local disk in local
mode, a shared file system on a cluster); ``hdfs://``, ``s3://`` and other
URIs are opened with ``pyarrow.fs``, connected once per Python worker process.
A task opens the dump once for all its streams (:class:`DumpReader`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyspark import Accumulator
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import types as T

from drugparse.sources.dump import DumpError, header_namespaces, is_export_header, scan_block
from drugparse.sources.multistream import (
    block_spans,
    decompress_stream,
    index_beside,
    index_spans,
    wanted_offsets,
)
from drugparse.sources.pages import BadPage, Page
from drugparse.sources.selection import PageSelection

if TYPE_CHECKING:
    from pyspark import Accumulator

__all__ = ["PAGE_SCHEMA", "DumpReader", "read_multistream", "read_streams", "stream_spans"]

#: One row per page; ``text`` is null (and ``error_code`` set) for a page that cannot be read.
PAGE_SCHEMA = T.StructType(
    [
        T.StructField("title", T.StringType()),
        T.StructField("text", T.StringType()),
        T.StructField("page_id", T.LongType()),
        T.StructField("revision_id", T.LongType()),
        T.StructField("timestamp", T.StringType()),
        T.StructField("namespace", T.IntegerType()),
        T.StructField("redirect", T.StringType()),
        T.StructField("error_code", T.StringType()),
        T.StructField("error_message", T.StringType()),
    ]
)

#: ``(offset, length)`` of one bz2 stream in the dump.
Span = tuple[int, int]
#: One row of ``PAGE_SCHEMA``.
PageRow = tuple[Any, ...]

_PAGE_OPEN, _PAGE_CLOSE, _DOCUMENT_CLOSE = b"<page>", b"</page>", b"</mediawiki>"
# Streams per task: enough to amortise a task's start, few enough to spread a small dump.
_STREAMS_PER_TASK = 32
_HEADER_LIMIT = 1024 * 1024


def read_multistream(
    spark: SparkSession,
    path: str | Path,
    index: str | Path | None = None,
    *,
    drug_pages_only: bool = False,
    partitions: int | None = None,
    pages_read: Accumulator[int] | None = None,
    pages: PageSelection | Iterable[str | int] | None = None,
) -> DataFrame:
    """The pages of a multistream dump (``PAGE_SCHEMA``), read by Spark tasks.

    ``index`` defaults to the ``...-index.txt[.bz2]`` beside the dump; without
    one the streams are found by scanning the file for bz2 headers (on the
    driver: one pass over the compressed bytes).

    ``drug_pages_only`` keeps only what the CLI would parse: main-namespace,
    non-redirect pages that name a drug infobox (tested on the raw XML bytes,
    so other pages are never decoded). Otherwise every page is a row.

    ``pages_read``, a Spark accumulator (``sc.accumulator(0)``), counts every
    page scanned (once the DataFrame is computed; retried tasks count again).

    ``pages`` (titles and page ids, as ``drugparse convert --pages`` reads
    them) keeps only those pages; with an index only the streams that hold
    them (plus the header and the last stream) become tasks.
    """
    path = str(path)
    local = _local_path(path)
    if index is None and local is not None:
        index = index_beside(local)
    selection = None
    if pages is not None:
        selection = pages if isinstance(pages, PageSelection) else PageSelection.of(pages)
    spans = stream_spans(path, index)
    if selection is not None and index is not None:
        keep = {0, *wanted_offsets(Path(index), selection), spans[-1][0]}
        spans = [span for span in spans if span[0] in keep]
    origin = Path(path).name
    with DumpReader(path) as reader:
        header, namespaces = _read_header(reader, spans, origin)
    sc = spark.sparkContext
    shared = sc.broadcast((path, origin, spans, namespaces, drug_pages_only, selection))
    if partitions is None:
        partitions = max(
            1, min(len(spans), max(sc.defaultParallelism * 4, len(spans) // _STREAMS_PER_TASK))
        )
    first = 1 if header else 0  # the header stream holds no page

    def read_partition(numbers: Iterable[int]) -> Iterator[PageRow]:
        yield from read_streams(numbers, *shared.value, pages_read=pages_read)

    numbers = sc.parallelize(range(first, len(spans)), partitions)
    return spark.createDataFrame(numbers.mapPartitions(read_partition), PAGE_SCHEMA)


def _local_path(path: str) -> Path | None:
    """The file ``path`` names on this machine; None for a remote URI (``hdfs://``, ``s3://``)."""
    if "://" not in path or path.startswith("file://"):
        return Path(path.removeprefix("file://"))
    return None


def stream_spans(path: str, index: str | Path | None = None) -> list[tuple[int, int]]:
    """``(offset, length)`` of every bz2 stream of the dump, in file order.

    As :func:`drugparse.sources.multistream.block_spans` (which it uses for
    local files): streams before the index's first offset (the header) count
    too. A remote dump (``hdfs://...``) needs its index, read by the driver.
    """
    local = _local_path(path)
    if local is not None:
        return list(block_spans(local, Path(index) if index is not None else None))
    if index is None:
        raise ValueError(f"{path}: a remote dump needs its index (index=...)")
    return index_spans(Path(index), _size(path))


def _read_header(reader: DumpReader, spans: list[Span], origin: str) -> tuple[bool, dict[str, int]]:
    """Check the dump is a MediaWiki export; its namespaces; is the first stream header only?"""
    data: bytes = b""
    first: bytes | None = None
    for offset, length in spans:
        data += reader.decompress(offset, length)
        if first is None:
            first = data  # the first stream, for header_only
        if _PAGE_OPEN in data or b"</siteinfo>" in data or len(data) > _HEADER_LIMIT:
            break
    first_page = data.find(_PAGE_OPEN)
    head = data[: first_page if first_page >= 0 else len(data)]
    if not is_export_header(head):
        raise DumpError(f"{origin}: not a MediaWiki XML export")
    header_only = len(spans) > 1 and _PAGE_OPEN not in (first or b"")
    return header_only, header_namespaces(head)


# --- in the tasks -------------------------------------------------------------------------


def read_streams(
    numbers: Iterable[int],
    path: str,
    origin: str,
    spans: list[Span],
    namespaces: dict[str, int],
    drug_pages_only: bool,
    selection: PageSelection | None = None,
    *,
    pages_read: Accumulator[int] | None = None,
) -> Iterator[PageRow]:
    """The ``PAGE_SCHEMA`` rows of the pages that start in streams ``numbers``: one task's work.

    The dump is opened once for the task, however many streams it reads.
    """
    with DumpReader(path) as reader:
        for number in numbers:
            rows, count = _pages_of_stream(
                number, reader, origin, spans, namespaces, drug_pages_only, selection
            )
            if pages_read is not None:
                pages_read.add(count)
            yield from rows


def _pages_of_stream(
    number: int,
    reader: DumpReader,
    origin: str,
    spans: list[Span],
    namespaces: dict[str, int],
    drug_pages_only: bool,
    selection: PageSelection | None = None,
) -> tuple[list[PageRow], int]:
    """The rows of the pages that start in stream ``number``, and how many pages it holds.

    Damage found after some whole pages gives their rows and then an error row.
    """
    offset, length = spans[number]
    last = number == len(spans) - 1
    problem = None
    try:
        xml = reader.decompress(offset, length)
    except (OSError, EOFError, ValueError) as exc:
        return [_damage(f"{origin}: damaged stream at byte {offset}: {exc}")], 0
    first = xml.find(_PAGE_OPEN)
    if first < 0:  # the middle of a page owned by an earlier stream, or the footer
        whole = rest = b""
    else:
        close = xml.rfind(_PAGE_CLOSE)
        end = close + len(_PAGE_CLOSE) if close > first else first
        whole, rest = xml[first:end], xml[end:].lstrip()
    try:
        if rest.startswith(_DOCUMENT_CLOSE) or _DOCUMENT_CLOSE.startswith(rest):
            if last:
                _check_document_end(reader, spans, number, xml, origin)
        elif rest.startswith(b"<"):  # a page cut by the stream's end: read on until it closes
            whole += rest + _read_on(reader, spans, number, origin)
        else:
            raise DumpError(f"{origin}: malformed XML in the stream at byte {offset}")
    except (DumpError, OSError, EOFError, ValueError) as exc:
        problem = _damage(
            str(exc)
            if isinstance(exc, DumpError)
            else f"{origin}: damaged stream after byte {offset}: {exc}"
        )
    try:
        scan = scan_block(
            whole,
            origin=origin,
            namespaces=namespaces,
            every_page=not drug_pages_only,
            selection=selection,
        )
    except DumpError as exc:
        return [_damage(str(exc))], 0
    rows = [_row(page) for page in scan.candidates]
    return ([*rows, problem] if problem else rows), scan.pages_read


def _damage(message: str) -> PageRow:
    return (None, None, None, None, None, None, None, "unreadable_input", message)


def _read_on(reader: DumpReader, spans: list[Span], number: int, origin: str) -> bytes:
    """The bytes of the following streams up to the end of the page left open."""
    data = b""
    for following in range(number + 1, len(spans)):
        more = reader.decompress(*spans[following])
        close = more.find(_PAGE_CLOSE)
        if close >= 0:
            return data + more[: close + len(_PAGE_CLOSE)]
        data += more
    raise DumpError(f"{origin}: truncated: the dump ends inside a page")


def _check_document_end(
    reader: DumpReader, spans: list[Span], number: int, xml: bytes, origin: str
) -> None:
    ending = xml.rstrip()
    if len(ending) < len(_DOCUMENT_CLOSE) and number > 0:  # </mediawiki> cut in two
        ending = (reader.decompress(*spans[number - 1]) + xml).rstrip()
    if not ending.endswith(_DOCUMENT_CLOSE):
        raise DumpError(f"{origin}: truncated: no </mediawiki> at the end")


def _row(page: Page | BadPage) -> PageRow:
    if isinstance(page, BadPage):
        return (page.title, None, page.page_id, None, None, None, None, page.code, page.message)
    return (
        page.title,
        page.text,
        page.page_id,
        page.revision_id,
        page.timestamp,
        page.namespace,
        page.redirect,
        None,
        None,
    )


class DumpReader:
    """Byte ranges of one dump, local or remote, through one open file.

    A task reads its streams through one reader; a remote dump's file system
    (``pyarrow.fs``, one connection to HDFS or S3) is made once per Python
    worker process and kept for its later tasks.

    >>> import bz2, tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".bz2") as dump:
    ...     _ = dump.write(b"junk" + bz2.compress(b"<page>")); dump.flush()
    ...     with DumpReader(dump.name) as reader:
    ...         reader.decompress(4, 100)
    b'<page>'
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._file: Any = None

    def __enter__(self) -> DumpReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def read(self, offset: int, length: int) -> bytes:
        if self._file is None:
            self._file = self._open()
        local = _local_path(self.path)
        if local is None:
            data: bytes = self._file.read_at(length, offset)
            return data
        self._file.seek(offset)
        chunk: bytes = self._file.read(length)
        return chunk

    def decompress(self, offset: int, length: int) -> bytes:
        return decompress_stream(self.read(offset, length), offset)

    def _open(self) -> Any:
        local = _local_path(self.path)
        if local is not None:
            return open(local, "rb")  # noqa: SIM115 (closed by close())
        filesystem, inner = _filesystem(self.path)
        return filesystem.open_input_file(inner)


@functools.lru_cache(maxsize=8)
def _filesystem(uri: str) -> tuple[Any, str]:
    """``pyarrow.fs.FileSystem.from_uri``, once per URI and process."""
    from pyarrow import fs

    filesystem, inner = fs.FileSystem.from_uri(uri)
    return filesystem, inner


def _size(path: str) -> int:
    local = _local_path(path)
    if local is None:
        filesystem, inner = _filesystem(path)
        size: int = filesystem.get_file_info(inner).size
        return size
    return local.stat().st_size
