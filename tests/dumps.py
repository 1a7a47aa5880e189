"""Small MediaWiki XML dumps for the tests: one builder, used by every test that needs a dump.

A page is a tuple ``(title, text, page_id, ns=0, redirect=None, deleted=False)``;
``text`` may be bytes, written as they are (a page that is not UTF-8). The
XML is what MediaWiki's export writes (schema 0.10): title and text escaped,
the revision id ``page_id * 10``, the timestamp ``2024-01-0{page_id % 9 + 1}``.
"""

from __future__ import annotations

import bz2
import gzip
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from drugparse.sources.inputs import PageBatch

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "imiglucerase.wiki"

HEADER = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" \
xml:lang="en">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
      <namespace key="10" case="first-letter">Template</namespace>
    </namespaces>
  </siteinfo>
"""
FOOTER = "</mediawiki>\n"

PageTuple = tuple[Any, ...]


def page_bytes(
    title: str,
    text: str | bytes,
    page_id: int,
    ns: int = 0,
    redirect: str | None = None,
    deleted: bool = False,
) -> bytes:
    """One ``<page>`` as MediaWiki exports it (title and text XML-escaped; bytes as they are)."""
    redirect_tag = f'    <redirect title="{escape(redirect)}" />\n' if redirect else ""
    if deleted:
        text_tag = b'      <text deleted="deleted" />\n'
    else:
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
        body = text if isinstance(text, bytes) else escape(text, quote=False).encode("utf-8")
        text_tag = f'      <text bytes="{len(raw)}" xml:space="preserve">'.encode() + body
        text_tag += b"</text>\n"
    head = (
        f"  <page>\n    <title>{escape(title, quote=False)}</title>\n    <ns>{ns}</ns>\n"
        f"    <id>{page_id}</id>\n{redirect_tag}    <revision>\n      <id>{page_id * 10}</id>\n"
        f"      <parentid>1</parentid>\n      <timestamp>2024-01-0{page_id % 9 + 1}T00:00:00Z"
        f"</timestamp>\n      <contributor><username>X</username><id>5</id></contributor>\n"
        f"      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
    )
    return head.encode("utf-8") + text_tag + b"      <sha1>abc</sha1>\n    </revision>\n  </page>\n"


def page_xml(title: str, text: str, page_id: int, *rest: Any) -> str:
    """:func:`page_bytes` as text, for pages whose text is text."""
    return page_bytes(title, text, page_id, *rest).decode("utf-8")


def sample_pages() -> list[PageTuple]:
    """A small dump's pages: two drugs, a redirect, a talk page naming Drugbox, a plain page."""
    drug = FIXTURE.read_text("utf-8")
    return [
        ("Imiglucerase", drug, 1, 0, None),
        ("Aspirin", "#REDIRECT [[Acetylsalicylic acid]]", 2, 0, "Acetylsalicylic acid"),
        ("Talk:Imiglucerase", "Why is the {{Drugbox}} so long?", 3, 1, None),
        ("Ren & Stimpy <show>", "A cartoon. {{Infobox television}}", 4, 0, None),
        ("Imiglucerase & co", drug.replace("{{Drugbox", "{{Infobox_drug", 1), 5, 0, None),
    ]


def drug_pages(count: int) -> list[PageTuple]:
    """``count`` copies of the fixture, titled ``Drug 0``, ``Drug 1``..., page ids from 1."""
    drug = FIXTURE.read_text("utf-8")
    return [(f"Drug {n}", drug, n + 1, 0, None) for n in range(count)]


def numbered(pages: Sequence[PageTuple]) -> list[PageTuple]:
    """The pages with `` N`` appended to each title, so repeated pages have distinct titles."""
    return [(f"{title} {n}", *rest) for n, (title, *rest) in enumerate(pages)]


def dump_bytes(
    pages: Sequence[PageTuple] | None = None, header: str = HEADER, footer: str = FOOTER
) -> bytes:
    """A whole export (default pages: :func:`sample_pages`)."""
    pages = sample_pages() if pages is None else pages
    body = b"".join(page_bytes(*p) for p in pages)
    return header.encode("utf-8") + body + footer.encode("utf-8")


def dump_text(
    pages: Sequence[PageTuple] | None = None, header: str = HEADER, footer: str = FOOTER
) -> str:
    """:func:`dump_bytes` as text, for pages whose text is text."""
    return dump_bytes(pages, header, footer).decode("utf-8")


def write_dump(path: Path, pages: Sequence[PageTuple] | None = None) -> Path:
    """One stream, compressed as the name says (``.bz2``, ``.gz``, else plain XML)."""
    data = dump_bytes(pages)
    if path.name.endswith(".bz2"):
        data = bz2.compress(data)
    elif path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def write_multistream(
    path: Path,
    pages: Sequence[PageTuple],
    per_stream: int = 2,
    header: str = HEADER,
    footer: str = FOOTER,
    cut: int | None = None,
) -> Path:
    """Wikipedia's layout: the header alone, then ``per_stream`` pages a stream; and an index.

    With ``cut``, the streams are cut every ``cut`` bytes instead, pages split
    across them (what pbzip2 writes). Returns the index's path
    (``x-index.txt.bz2`` beside ``x.xml.bz2``).
    """
    if cut:
        data = dump_bytes(pages, header, footer)
        streams = [data[i : i + cut] for i in range(0, len(data), cut)]
        listed: list[list[PageTuple]] = [[("?", "", 0)] for _ in streams[1:]]
    else:
        streams = [header.encode("utf-8")]
        listed = []
        for start in range(0, len(pages), per_stream):
            chunk = list(pages[start : start + per_stream])
            streams.append(b"".join(page_bytes(*p) for p in chunk))
            listed.append(chunk)
        streams[-1] += footer.encode("utf-8")
    offsets, data = [], b""
    for stream in streams:
        offsets.append(len(data))
        data += bz2.compress(stream)
    path.write_bytes(data)
    lines = [
        f"{offset}:{page[2]}:{page[0]}"
        for offset, chunk in zip(offsets[1:], listed, strict=True)
        for page in chunk
    ]
    index = path.with_name(path.name.replace(".xml.bz2", "-index.txt.bz2"))
    index.write_bytes(bz2.compress(("\n".join(lines) + "\n").encode()))
    return index


def pages_of(items: Any) -> list[Any]:
    """The pages of the :class:`PageBatch` es among work items."""
    found = []
    for item in items:
        if isinstance(item, PageBatch):
            found += list(item.pages)
    return found
