"""Pages out of a MediaWiki XML export, cut by a byte-level splitter.

MediaWiki escapes ``<``, ``>`` and ``&`` in every text node it exports, so a
literal ``<page>`` or ``</page>`` in a dump is always markup. That lets the
splitter find pages with ``bytes.find`` and never build an XML tree: it counts
``<page>`` elements, asks :mod:`~drugparse.sources.prefilter` where a drug
infobox is named, and decodes only those pages (title, ids, timestamp, text,
entities unescaped). A page the pre-filter passes over is counted, never
decoded. Nothing is expanded: a ``<!DOCTYPE>`` is ignored and an entity other
than the five of XML or a character reference stays as written.

>>> scan = scan_block(b"<page><title>A&amp;B</title><ns>0</ns><id>7</id><revision>"
...                   b"<id>9</id><text>{{Drugbox}}</text></revision></page>")
>>> scan.pages_read, scan.candidates[0].title, scan.candidates[0].text
(1, 'A&B', '{{Drugbox}}')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from drugparse.sources.pages import BadPage, Page
from drugparse.sources.prefilter import is_candidate_page, name_positions
from drugparse.sources.selection import PageSelection

__all__ = [
    "DumpError",
    "articles",
    "DumpReader",
    "Scan",
    "header_namespaces",
    "is_export_header",
    "scan_block",
    "scan_chunks",
    "unescape",
]

_PAGE_OPEN = b"<page>"
_PAGE_CLOSE = b"</page>"
_DOCUMENT_CLOSE = b"</mediawiki>"
_PAGE_TAGS = re.compile(rb"</?page>")
# A page bigger than this without a closing tag means a broken file, not a big article
# (MediaWiki caps a revision at 2 MB, $wgMaxArticleSize); it bounds memory on hostile input.
MAX_PAGE_BYTES = 64 * 1024 * 1024


class DumpError(Exception):
    """The dump cannot be read on: truncated, damaged, or not a MediaWiki export.

    ``partial`` is the scan of the pages before the damage in the block that held it,
    so a reader can hand them on before it reports the error.
    """

    def __init__(self, message: str, partial: Scan | None = None):
        super().__init__(message)
        self.partial = partial


@dataclass(frozen=True)
class Scan:
    """What one block of XML held: how many pages, and the ones worth parsing.

    ``candidates`` are the namespace-0, non-redirect pages that name a drug
    infobox (or all pages with ``every_page``), in document order.
    ``document_end`` is true when the block holds ``</mediawiki>``.
    """

    pages_read: int
    candidates: tuple[Page | BadPage, ...]
    nbytes: int
    document_end: bool = False


def scan_block(
    block: bytes,
    *,
    origin: str | None = None,
    namespaces: dict[str, int] | None = None,
    every_page: bool = False,
    offset: int = 0,
    start: int = 0,
    end: int | None = None,
    selection: PageSelection | None = None,
) -> Scan:
    """Scan XML that holds whole ``<page>`` elements (plus, maybe, the header or footer).

    Only ``block[start:end]`` is scanned (a range, so a big decompressed chunk
    is never copied to cut it). ``offset`` is where that range starts in the
    decompressed document, for messages. With a ``selection`` only the
    pages it lists are candidates.
    """
    end = len(block) if end is None else end
    # One pass for both tags (re's literal search: 0.04 s over 150 MB, two counts 0.13).
    tags = _PAGE_TAGS.findall(block, start, end)
    opened = tags.count(_PAGE_OPEN)
    closed = len(tags) - opened
    if opened != closed:
        good_end = _end_of_whole_pages(block, start, end)
        partial = scan_block(
            block, origin=origin, namespaces=namespaces, every_page=every_page,
            offset=offset, start=start, end=good_end, selection=selection,
        )  # fmt: skip
        raise DumpError(
            f"{origin or 'dump'}: malformed XML: {opened} <page> but {closed} </page> "
            f"between bytes {offset} and {offset + end - start}; the pages before byte "
            f"{offset + good_end - start} were read",
            partial,
        )
    candidates = []
    spans = _every_page(block, start, end) if every_page else _named_pages(block, start, end)
    for page_start, page_end in spans:
        page = _page_from_xml(block[page_start:page_end], origin, namespaces or {})
        if selection is not None and not selection.matches(page.title, page.page_id):
            continue
        if every_page or isinstance(page, BadPage) or page.is_article:
            candidates.append(page)
    # Escaped in text, "</mediawiki>" is markup wherever it occurs: after the last page.
    last_page = block.rfind(_PAGE_CLOSE, start, end)
    document_end = block.find(_DOCUMENT_CLOSE, max(start, last_page), end) >= 0
    return Scan(opened, tuple(candidates), end - start, document_end)


def _end_of_whole_pages(block: bytes, start: int, end: int) -> int:
    """Where the well-formed pages at the start of ``block[start:end]`` end.

    A page that opens before the previous one closed, or a ``</page>`` with no page
    open (the stray one cut its page short: that page is damaged too), ends them.
    """
    position = page_start = start
    while True:
        opened = block.find(_PAGE_OPEN, position, end)
        closed = block.find(_PAGE_CLOSE, position, end)
        if closed >= 0 and (opened < 0 or closed < opened):
            return page_start  # a </page> with no page open: the page before is cut
        if opened < 0:
            return position
        close = block.find(_PAGE_CLOSE, opened, end)
        reopened = block.find(_PAGE_OPEN, opened + len(_PAGE_OPEN), end)
        if close < 0 or 0 <= reopened < close:
            return opened  # this page never closes
        page_start, position = opened, close + len(_PAGE_CLOSE)


def _named_pages(block: bytes, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the pages in ``block[start:end]`` whose bytes name a drug infobox, each once
    (a Chembox only with drug evidence: :func:`~drugparse.sources.prefilter.is_candidate_page`)."""
    low = block.lower()  # one pass at memory speed; bytes.find then needs no case folding
    searched_to = start
    while True:
        anchor = next(name_positions(low, searched_to, end), None)
        if anchor is None:
            return
        page_start = block.rfind(_PAGE_OPEN, start, anchor)
        page_end = block.find(_PAGE_CLOSE, anchor, end)
        if page_end < 0:
            return
        page_end += len(_PAGE_CLOSE)
        # A name in the header (siteinfo) belongs to no page.
        in_page = page_start >= 0 and block.rfind(_PAGE_CLOSE, page_start, anchor) < 0
        if in_page and is_candidate_page(low, anchor, page_start, page_end):
            yield page_start, page_end
        searched_to = page_end


def _every_page(block: bytes, start: int, end: int) -> Iterator[tuple[int, int]]:
    page_start = block.find(_PAGE_OPEN, start, end)
    while page_start >= 0:
        page_end = block.find(_PAGE_CLOSE, page_start, end) + len(_PAGE_CLOSE)
        yield page_start, page_end
        page_start = block.find(_PAGE_OPEN, page_end, end)


def _element(xml: bytes, tag: bytes, start: int = 0, end: int | None = None) -> bytes | None:
    """The raw content of the first ``<tag>...</tag>`` in ``xml[start:end]``."""
    end = len(xml) if end is None else end
    opened = xml.find(b"<" + tag + b">", start, end)
    if opened < 0:
        return None
    opened += len(tag) + 2
    closed = xml.find(b"</" + tag + b">", opened, end)
    return xml[opened:closed] if closed >= 0 else None


_REDIRECT = re.compile(rb'<redirect(?:\s+title="([^"]*)")?\s*/?>')


def _page_from_xml(xml: bytes, origin: str | None, namespaces: dict[str, int]) -> Page | BadPage:
    """One ``<page>`` element -> a Page (the last revision's text), or a BadPage."""
    head_end = xml.find(b"<revision")
    head_end = len(xml) if head_end < 0 else head_end
    raw_title = _element(xml, b"title", 0, head_end) or b""
    raw_id = _element(xml, b"id", 0, head_end)
    page_id = int(raw_id) if raw_id and raw_id.isdigit() else None
    try:
        title = unescape(raw_title.decode("utf-8"))
        raw_ns = _element(xml, b"ns", 0, head_end)
        namespace = int(raw_ns) if raw_ns is not None else _namespace_of(title, namespaces)
        redirect_tag = _REDIRECT.search(xml, 0, head_end)
        redirect = None
        if redirect_tag:
            redirect = unescape((redirect_tag.group(1) or b"").decode("utf-8"))
        # A history dump lists revisions oldest first: the last one is the article now.
        revision = xml.rfind(b"<revision>")
        revision_id = timestamp = None
        text = ""
        if revision >= 0:
            raw_rev_id = _element(xml, b"id", revision)
            revision_id = int(raw_rev_id) if raw_rev_id and raw_rev_id.isdigit() else None
            raw_time = _element(xml, b"timestamp", revision)
            timestamp = raw_time.decode("ascii").strip() if raw_time else None
            text = _revision_text(xml, revision)
    except (UnicodeDecodeError, ValueError) as exc:
        title_text = raw_title.decode("utf-8", "replace") or None
        return BadPage(title_text, page_id, origin, "invalid_xml", f"unreadable page: {exc}")
    return Page(title, text, page_id, revision_id, timestamp, namespace, redirect, origin)


def _revision_text(xml: bytes, revision: int) -> str:
    """``<text bytes="5" xml:space="preserve">...</text>``; ``<text deleted="deleted" />`` is ''."""
    tag = xml.find(b"<text", revision)
    if tag < 0:
        return ""
    tag_end = xml.find(b">", tag)
    if tag_end < 0 or xml[tag_end - 1 : tag_end] == b"/":
        return ""
    closed = xml.find(b"</text>", tag_end)
    if closed < 0:
        raise ValueError("<text> is not closed")
    return unescape(xml[tag_end + 1 : closed].decode("utf-8"))


def _namespace_of(title: str, namespaces: dict[str, int]) -> int:
    """Old exports (before 0.5) have no ``<ns>``: the title's prefix says it."""
    prefix, colon, _ = title.partition(":")
    return namespaces.get(prefix.strip().lower(), 0) if colon else 0


_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _replace_entity(match: re.Match[str]) -> str:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    # Only characters XML allows; anything else stays as written rather than crash.
    allowed = code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
    if allowed or 0x10000 <= code <= 0x10FFFF:
        return chr(code)
    return match.group(0)


def unescape(text: str) -> str:
    """XML text content to the characters it stands for.

    >>> unescape("Ren &amp; Stimpy &#x2BB;&#65; &lt;ref&gt; &nbsp;")
    'Ren & Stimpy ʻA <ref> &nbsp;'
    """
    return _ENTITY.sub(_replace_entity, text) if "&" in text else text


_NAMESPACE = re.compile(rb'<namespace\s+key="(-?\d+)"[^>]*>([^<]*)</namespace>')


def is_export_header(head: bytes) -> bool:
    """Whether the bytes before the first page start a MediaWiki XML export."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<?xml") or b"<mediawiki" in start[:4096]


def header_namespaces(header: bytes) -> dict[str, int]:
    """``<namespace key="14">Category</namespace>`` -> ``{"category": 14}``."""
    return {
        unescape(name.decode("utf-8", "replace")).strip().lower(): int(key)
        for key, name in _NAMESPACE.findall(header)
        if name.strip()
    }


class DumpReader:
    """Feed decompressed bytes in any pieces; get a :class:`Scan` per run of whole pages.

    >>> reader = DumpReader("x.xml")
    >>> [s.pages_read for s in reader.feed(b"<mediawiki><page><title>A</title></pa")]
    []
    >>> [s.pages_read for s in reader.feed(b"ge><page>")]
    [1]
    >>> reader.finish()
    Traceback (most recent call last):
    drugparse.sources.dump.DumpError: x.xml: truncated: the dump ends inside a page after 1 pages
    """

    def __init__(
        self,
        origin: str | None = None,
        *,
        every_page: bool = False,
        selection: PageSelection | None = None,
    ):
        self.origin = origin
        self.every_page = every_page
        self.selection = selection
        self.pages_read = 0
        self.document_end = False
        self._pending = b""
        self._offset = 0
        self._namespaces: dict[str, int] | None = None

    def feed(self, data: bytes) -> list[Scan]:
        if self._namespaces is None:
            pending = self._pending + data
            if not self._check_header(pending):
                self._pending = pending
                return []
            self._pending, data = b"", pending
        first = _first_page_end(self._pending, data)
        if first < 0:
            pending = self._pending + data
            if len(pending) > MAX_PAGE_BYTES:
                raise DumpError(f"{self._name}: a page is longer than {MAX_PAGE_BYTES} bytes")
            self._pending = pending
            return []
        last = data.rfind(_PAGE_CLOSE)
        cut = max(first, last + len(_PAGE_CLOSE)) if last >= 0 else first
        # Only the page cut by the last chunk's end is glued together (a small copy);
        # the whole pages of this chunk are scanned where they lie.
        glued = self._scan(self._pending + data[:first])
        try:
            rest = self._scan(data, first, cut)
        except DumpError as exc:
            exc.partial = _joined(glued, exc.partial) if exc.partial else glued
            raise
        self._pending = data[cut:]
        return [_joined(glued, rest)]

    def finish(self) -> list[Scan]:
        """Scan what is left; raise :class:`DumpError` if the document is incomplete."""
        rest, self._pending = self._pending, b""
        if self._namespaces is None and not self._check_header(rest, final=True):
            raise DumpError(f"{self._name}: empty input, not a MediaWiki XML export")
        scans = [self._scan(rest)] if rest.strip() else []
        if _PAGE_OPEN in rest:
            raise DumpError(
                f"{self._name}: truncated: the dump ends inside a page "
                f"after {self.pages_read} pages"
            )
        if not self.document_end:
            raise DumpError(
                f"{self._name}: truncated: no </mediawiki> after {self.pages_read} pages"
            )
        return scans

    def expect_page_boundary(self) -> None:
        """Check that no page is left open: what follows starts with a whole ``<page>``.

        Used when the pages in between were scanned elsewhere (multistream blocks).
        """
        if self._namespaces is None and not self._check_header(self._pending, final=True):
            raise DumpError(f"{self._name}: not a MediaWiki XML export")
        if _PAGE_OPEN in self._pending:
            raise DumpError(
                f"{self._name}: malformed XML: a page is not closed after {self.pages_read} pages"
            )

    def count_pages(self, pages_read: int, document_end: bool = False) -> None:
        """Count pages that were scanned elsewhere."""
        self.pages_read += pages_read
        self.document_end = self.document_end or document_end

    @property
    def _name(self) -> str:
        return self.origin or "dump"

    def _check_header(self, data: bytes, final: bool = False) -> bool:
        """Wait for the header (up to the first page) and check it is MediaWiki's."""
        first_page = data.find(_PAGE_OPEN)
        if first_page < 0 and not final and len(data) < 1024 * 1024:
            return False
        head = data[: first_page if first_page >= 0 else len(data)]
        if not head.lstrip(b"\xef\xbb\xbf \t\r\n"):
            return False
        if not is_export_header(head):
            raise DumpError(f"{self._name}: not a MediaWiki XML export")
        self._namespaces = header_namespaces(head)
        return True

    def _scan(self, block: bytes, start: int = 0, end: int | None = None) -> Scan:
        end = len(block) if end is None else end
        if block.find(_PAGE_OPEN, start, end) >= 0 and block.find(_PAGE_CLOSE, start, end) < 0:
            # Only the unfinished last page: finish() reports it.
            return Scan(0, (), 0, False)
        scan = scan_block(
            block,
            origin=self.origin,
            namespaces=self._namespaces,
            every_page=self.every_page,
            selection=self.selection,
            offset=self._offset,
            start=start,
            end=end,
        )
        self._offset += end - start
        self.count_pages(scan.pages_read, scan.document_end)
        return scan


def _first_page_end(pending: bytes, data: bytes) -> int:
    """Where the first ``</page>`` ends in ``data``, even one begun at the end of ``pending``."""
    head = pending[-(len(_PAGE_CLOSE) - 1) :]
    across = (head + data[: len(_PAGE_CLOSE) - 1]).find(_PAGE_CLOSE) if head else -1
    if across >= 0:
        return across - len(head) + len(_PAGE_CLOSE)
    found = data.find(_PAGE_CLOSE)
    return found + len(_PAGE_CLOSE) if found >= 0 else -1


def scan_chunks(
    chunks: Iterable[bytes],
    origin: str | None = None,
    *,
    every_page: bool = False,
    selection: PageSelection | None = None,
) -> Iterator[Scan]:
    """Scans of a whole document given as decompressed chunks; raises DumpError at damage.

    The scans of every page before the damage are yielded first.
    """
    reader = DumpReader(origin, every_page=every_page, selection=selection)
    try:
        for chunk in chunks:
            try:
                scans = reader.feed(chunk)
            except DumpError as exc:
                if exc.partial is not None:
                    yield exc.partial  # the pages before the damage
                raise
            yield from scans
    except (EOFError, OSError) as exc:
        # Decompressors report a cut or corrupt file this way.
        raise DumpError(f"{reader._name}: damaged after {reader.pages_read} pages: {exc}") from exc
    yield from reader.finish()


def _joined(first: Scan, second: Scan) -> Scan:
    return Scan(
        first.pages_read + second.pages_read,
        first.candidates + second.candidates,
        first.nbytes + second.nbytes,
        first.document_end or second.document_end,
    )


def articles(path: Path) -> Iterator[Page]:
    """Every article of a dump file, drug or not: the namespace-0 pages that are not
    redirects (``<redirect>``, or text that starts ``#REDIRECT``), in document order.

    For tools and tests that read real pages (``drugparse convert`` keeps only the
    pages that name a drug infobox). A damaged file raises :class:`DumpError` after
    the pages before the damage.
    """
    from drugparse.sources.decompress import decompressed_chunks

    for scan in scan_chunks(decompressed_chunks(path), path.name, every_page=True):
        for page in scan.candidates:
            if (
                isinstance(page, Page)
                and page.namespace == 0
                and page.redirect is None
                and not page.text.lstrip()[:9].lower().startswith("#redirect")
            ):
                yield page
