"""From command-line inputs to work: batches of pages and multistream blocks, in order.

An input is a wikitext file, a folder of them (recursive, ``*.wiki``,
``*.wikitext``, ``*.mediawiki``, ``*.txt``, in sorted path order), ``-`` (standard input), or
a MediaWiki XML export/dump (plain, ``.bz2``, ``.gz``; told by content, not
only the name). A multistream ``.bz2`` dump whose first stream is the header
alone (Wikipedia's layout), or that has its ``...-index.txt[.bz2]`` beside it
or on the command line, is handed out as blocks that workers decompress; any
other dump is decompressed here, as one stream, and only its pre-filtered
candidate pages travel.

>>> kind_of_name("enwiki-20240601-pages-articles-multistream-index.txt.bz2")
'index'
"""

from __future__ import annotations

import codecs
import contextlib
import os
import queue
import sys
import threading
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from drugparse.sources.decompress import compression_of
from drugparse.sources.pages import BadPage, Page
from drugparse.sources.selection import PageSelection

__all__ = [
    "DumpFile",
    "Input",
    "InputError",
    "InputFailure",
    "PageBatch",
    "StreamBlock",
    "StandardInput",
    "StreamEnd",
    "WIKITEXT_SUFFIXES",
    "WikitextFile",
    "WikitextFolder",
    "WorkItem",
    "decode_wikitext",
    "kind_of_name",
    "looks_like_dump",
    "resolve_inputs",
    "work_items",
]

#: The files a folder scan reads (case-insensitive); hidden files are left out.
WIKITEXT_SUFFIXES = (".wiki", ".wikitext", ".mediawiki", ".txt")
# A batch of folder files goes to one worker; small enough to spread the work.
_BATCH_PAGES = 16
_BATCH_BYTES = 2 * 1024 * 1024
# Decompressed chunks read ahead by a thread (bz2 and pipes release the GIL).
_READ_AHEAD = 8


class InputError(Exception):
    """An input that cannot be read at all, or bad usage: exit status 2."""


@dataclass(frozen=True)
class PageBatch:
    """Pages to parse, plus how many pages were read to find them (for counts)."""

    pages: tuple[Page | BadPage, ...]
    pages_read: int
    nbytes: int = 0


@dataclass(frozen=True)
class StreamBlock:
    """One or more bz2 streams of a multistream dump, for a worker to decompress and scan.

    ``selection``: only these pages are candidates (``--pages``: the stream's own).
    """

    path: str
    offset: int
    length: int
    origin: str
    selection: PageSelection | None = None


@dataclass(frozen=True)
class StreamEnd:
    """All blocks of ``origin`` were handed out; the reader checks the file is complete."""

    origin: str


@dataclass(frozen=True)
class InputFailure:
    """An input that broke part way (a truncated or damaged dump): exit status 2."""

    origin: str
    message: str


#: What :func:`work_items` yields, in input order: work, and markers that pass through.
WorkItem = PageBatch | StreamBlock | StreamEnd | InputFailure


@dataclass(frozen=True)
class WikitextFile:
    """One article's wikitext, named on the command line: a missing infobox is an error."""

    path: Path


@dataclass(frozen=True)
class WikitextFolder:
    """A folder of wikitext files (:data:`WIKITEXT_SUFFIXES`), read recursively."""

    path: Path


@dataclass(frozen=True)
class DumpFile:
    """A MediaWiki XML export or dump; ``index`` is its multistream index, when known."""

    path: Path
    index: Path | None = None


@dataclass(frozen=True)
class StandardInput:
    """``-``: one article's wikitext, or a dump (told by its first bytes)."""


#: An input of ``drugparse convert``, checked by :func:`resolve_inputs`.
Input = WikitextFile | WikitextFolder | DumpFile | StandardInput


def kind_of_name(name: str) -> Literal["index", "dump", "wikitext"]:
    """``index`` for a multistream index, ``dump`` for an XML name, else ``wikitext``."""
    low = name.lower()
    if low.endswith(("-index.txt", "-index.txt.bz2")):
        return "index"
    if low.endswith((".xml", ".xml.bz2", ".xml.gz", ".bz2", ".gz")):
        return "dump"
    return "wikitext"


def looks_like_dump(head: bytes) -> bool:
    """Compressed, or XML from the first byte: read as a dump, whatever the name says."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return compression_of(head) is not None or start.startswith((b"<?xml", b"<mediawiki"))


def _file_input(path: Path) -> WikitextFile | DumpFile:
    with open(path, "rb") as stream:
        head = stream.read(512)
    if looks_like_dump(head) or kind_of_name(path.name) == "dump":
        return DumpFile(path)
    return WikitextFile(path)


def resolve_inputs(arguments: Iterable[str]) -> list[Input]:
    """Check every input before any work starts; raise :class:`InputError` for a bad one."""
    inputs: list[Input] = []
    indexes: list[Path] = []
    for argument in arguments:
        if argument == "-":
            inputs.append(StandardInput())
            continue
        path = Path(argument)
        if path.is_dir():
            inputs.append(WikitextFolder(path))
            continue
        if not path.is_file():
            raise InputError(f"{argument}: no such file or folder")
        if not os.access(path, os.R_OK):
            raise InputError(f"{argument}: not readable")
        if kind_of_name(path.name) == "index":
            indexes.append(path)
        else:
            inputs.append(_file_input(path))
    for index in indexes:
        dump_name = index.name.lower().split("-index.txt")[0]
        for position, item in enumerate(inputs):
            if isinstance(item, DumpFile) and item.path.name.lower().startswith(dump_name + "."):
                inputs[position] = DumpFile(item.path, index)
                break
        else:
            raise InputError(f"{index}: a multistream index with no matching dump among the inputs")
    if not inputs:
        raise InputError("no input")
    return [_with_sibling_index(item) for item in inputs]


def _with_sibling_index(item: Input) -> Input:
    if not isinstance(item, DumpFile) or item.index is not None:
        return item
    from drugparse.sources.multistream import index_beside

    return DumpFile(item.path, index_beside(item.path))


def work_items(
    inputs: list[Input],
    *,
    jobs: int = 1,
    stdin: BinaryIO | None = None,
    selection: PageSelection | None = None,
) -> Generator[WorkItem, None, None]:
    """The work of every input, in input order.

    With a ``selection`` (``--pages``) only the pages of a dump it lists are
    candidates; a multistream dump with its index is read only in the streams
    that hold them. Wikitext files and folders are not filtered.
    """
    for item in inputs:
        if isinstance(item, WikitextFolder):
            yield from _folder(item.path)
        elif isinstance(item, WikitextFile):
            yield PageBatch((_wikitext_page(item.path, explicit=True),), 1)
        elif isinstance(item, StandardInput):
            yield from _stdin(stdin if stdin is not None else sys.stdin.buffer, selection)
        else:
            yield from _dump(item, jobs, selection)


def decode_wikitext(data: bytes) -> str:
    """Wikitext bytes as text: UTF-8 with or without a BOM, or UTF-16 with a BOM.

    Raises ``UnicodeDecodeError`` for anything else (MediaWiki stores UTF-8 only;
    UTF-16 with a BOM is what some Windows editors save).

    >>> decode_wikitext("{{Drugbox}}".encode("utf-16"))
    '{{Drugbox}}'
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")


def _undecodable(exc: UnicodeDecodeError) -> str:
    return (
        f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}): "
        "save it as UTF-8 (or UTF-16 with a byte order mark)"
    )


def _wikitext_page(path: Path, *, explicit: bool) -> Page | BadPage:
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return BadPage(None, None, origin, "unreadable", f"cannot read: {exc.strerror or exc}")
    try:
        text = decode_wikitext(data)
    except UnicodeDecodeError as exc:
        return BadPage(None, None, origin, "invalid_utf8", _undecodable(exc))
    if explicit and not text.strip():
        return BadPage(None, None, origin, "empty_input", "the file is empty")
    return Page(None, text, origin=origin, explicit=explicit)


def _folder(folder: Path) -> Iterator[PageBatch]:
    batch: list[Page | BadPage] = []
    size = 0
    for path in _wikitext_files(folder):
        page = _wikitext_page(path, explicit=False)
        batch.append(page)
        size += len(page.text) if isinstance(page, Page) else 0
        if len(batch) >= _BATCH_PAGES or size >= _BATCH_BYTES:
            yield PageBatch(tuple(batch), len(batch), size)
            batch, size = [], 0
    if batch:
        yield PageBatch(tuple(batch), len(batch), size)


def _wikitext_files(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in sorted order; symlinked folders are not followed."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(WIKITEXT_SUFFIXES) and not name.startswith("."):
                yield Path(root, name)


def _stdin(stream: BinaryIO, selection: PageSelection | None) -> Iterator[PageBatch | InputFailure]:
    stream = stream if hasattr(stream, "peek") else os.fdopen(stream.fileno(), "rb")
    if looks_like_dump(stream.peek(512)[:512]):
        from drugparse.sources.decompress import stream_chunks

        yield from _scanned("-", stream_chunks(stream), selection)
        return
    data = stream.read()
    page: Page | BadPage
    try:
        page = Page(None, decode_wikitext(data), origin="-", explicit=True)
    except UnicodeDecodeError as exc:
        page = BadPage(None, None, "-", "invalid_utf8", _undecodable(exc))
    if isinstance(page, Page) and not page.text.strip():
        page = BadPage(None, None, "-", "empty_input", "standard input is empty")
    yield PageBatch((page,), 1, len(data))


def _dump(item: DumpFile, jobs: int, selection: PageSelection | None) -> Iterator[WorkItem]:
    # The dump reader's modules load here, when a dump is read.
    from drugparse.sources.decompress import decompressed_chunks, file_compression
    from drugparse.sources.multistream import block_spans

    path = item.path
    origin = str(path)
    if selection is not None and item.index is not None and file_compression(path) == "bz2":
        yield from _selected_streams(item, item.index, selection)
        return
    # The blocks of a multistream file go to the workers, which decompress them (with
    # indexed_bzip2 on one thread each, else bz2): measured on 157 MB of real pages, 1.7 s
    # on 2 cores where indexed_bzip2 on 2 threads over the whole file took 4.7 s (its
    # parallel mode spends more than it gains on many small streams). With one worker
    # (or none) the stream path is faster: it decompresses beside the scan.
    if jobs >= 2 and selection is None and _blocks_are_pages(item):
        try:
            spans = list(block_spans(path, item.index))
        except (OSError, EOFError, ValueError) as exc:
            yield InputFailure(origin, f"{origin}: unreadable multistream index: {exc}")
            return
        for offset, length in spans:
            yield StreamBlock(str(path), offset, length, origin)
        yield StreamEnd(origin)
        return
    yield from _scanned(origin, decompressed_chunks(path, jobs=max(1, jobs)), selection)


def _selected_streams(
    item: DumpFile, index: Path, selection: PageSelection
) -> Iterator[StreamBlock | StreamEnd | InputFailure]:
    """Only the streams that hold the selected pages (from the index), each with its own
    pages of the selection, for the workers; and the header stream and the last one
    (which closes the document, so a cut file is still told)."""
    from drugparse.sources.multistream import last_stream_start, stream_length, wanted_streams

    origin = str(item.path)
    try:
        streams = wanted_streams(index, selection)
        last = last_stream_start(item.path)
        nothing = PageSelection(frozenset(), frozenset())
        for offset in sorted({0, *streams, *([] if last is None else [last])}):
            length = stream_length(item.path, offset)
            yield StreamBlock(origin, offset, length, origin, streams.get(offset, nothing))
    except (OSError, EOFError, ValueError) as exc:
        yield InputFailure(origin, f"{origin}: unreadable multistream index or stream: {exc}")
        return
    yield StreamEnd(origin)


def _blocks_are_pages(item: DumpFile) -> bool:
    """Multistream with whole pages per stream: an index, or a header-only first stream."""
    from drugparse.sources.decompress import file_compression
    from drugparse.sources.multistream import decompress_block, first_stream

    if file_compression(item.path) != "bz2":
        return False
    if item.index is not None:
        return True
    span = first_stream(item.path)  # not block_spans: that would read the whole file here
    if span is None:
        return False
    try:
        first = decompress_block(item.path, *span)
    except (OSError, EOFError, ValueError):
        return False
    return b"<page>" not in first and b"</siteinfo>" in first


def _scanned(
    origin: str, chunks: Iterator[bytes], selection: PageSelection | None = None
) -> Iterator[PageBatch | InputFailure]:
    from drugparse.sources.dump import DumpError, scan_chunks

    try:
        for scan in scan_chunks(_read_ahead(chunks), origin, selection=selection):
            yield PageBatch(scan.candidates, scan.pages_read, scan.nbytes)
    except DumpError as exc:
        yield InputFailure(origin, str(exc))


def _read_ahead(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Decompress in a thread while the caller scans (bz2, zlib and pipe reads drop the GIL)."""
    buffer: queue.Queue[bytes | BaseException | None] = queue.Queue(_READ_AHEAD)
    stop = threading.Event()

    def produce() -> None:
        try:
            for chunk in chunks:
                if stop.is_set():
                    break
                buffer.put(chunk)
        except BaseException as exc:  # handed to the consumer, raised there
            buffer.put(exc)
        finally:
            close = getattr(chunks, "close", None)
            if close:
                close()
            buffer.put(None)

    thread = threading.Thread(target=produce, name="drugparse-read-ahead", daemon=True)
    thread.start()
    try:
        while (chunk := buffer.get()) is not None:
            if isinstance(chunk, BaseException):
                raise chunk
            yield chunk
    finally:
        stop.set()
        while thread.is_alive():
            with contextlib.suppress(queue.Empty):
                buffer.get(timeout=0.05)
