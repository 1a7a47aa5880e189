"""Benchmark dumps made of real English Wikipedia pages, at a chosen drug density.

The 206 real pages of ``../shared/peer/enwiki-gensim-206pages.xml.bz2`` are
repeated, each copy with a new page id, revision id and title (``Title
(copy 12)``), until the XML reaches the size asked for; the corpus and fixture
drug articles (``../shared/corpus/*.wiki``, ``fixtures/*.wiki``) are spread
through it at ``density`` (a fraction of pages: enwiki has some 12,000 drug
pages among 23 M, about 0.06%). Written as plain XML, one bz2 stream,
multistream (100 pages a stream, the header alone in the first, and the
``offset:page_id:title`` index beside it, as Wikimedia writes them) and gzip.

    python benchmarks/realdump.py --mb 150 --density 0.0006 OUT_DIR
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import multiprocessing
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT.parent / "shared" / "peer" / "enwiki-gensim-206pages.xml.bz2"
CORPUS = ROOT.parent / "shared" / "corpus"

_PAGE = re.compile(rb"  <page>.*?</page>\n", re.S)
_TITLE = re.compile(rb"<title>([^<]*)</title>")
_ID = re.compile(rb"<id>(\d+)</id>")


@dataclass(frozen=True)
class Built:
    """The files of one benchmark dump and what they hold."""

    xml: Path
    single: Path
    multi: Path
    index: Path
    gz: Path
    xml_bytes: int
    pages: int
    drug_titles: tuple[str, ...]
    drug_ids: tuple[int, ...]


def real_pages() -> tuple[bytes, list[bytes]]:
    """The header and the ``<page>`` elements of the peer dump, as written."""
    data = bz2.decompress(PEER.read_bytes())
    first = data.find(b"  <page>")
    return data[:first], _PAGE.findall(data)


def drug_texts() -> list[tuple[str, str]]:
    files = sorted(CORPUS.glob("*.wiki")) + sorted((ROOT / "fixtures").glob("*.wiki"))
    return [(f.stem, f.read_text("utf-8")) for f in files if f.name != "broken-page.wiki"]


def _drug_page(title: str, text: str, page_id: int) -> bytes:
    return (
        f"  <page>\n    <title>{escape(title, quote=False)}</title>\n    <ns>0</ns>\n"
        f"    <id>{page_id}</id>\n    <revision>\n      <id>{page_id + 10**9}</id>\n"
        f"      <timestamp>2024-06-01T00:00:00Z</timestamp>\n"
        f"      <contributor><username>Bot</username><id>1</id></contributor>\n"
        f"      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
        f'      <text bytes="{len(text)}" xml:space="preserve">{escape(text, quote=False)}</text>\n'
        f"      <sha1>x</sha1>\n    </revision>\n  </page>\n"
    ).encode()


def _renamed(page: bytes, copy: int, page_id: int) -> tuple[bytes, str]:
    """A copy of a real page with a new title, page id and revision id."""
    title = unescape(_TITLE.search(page).group(1).decode())  # type: ignore[union-attr]
    new_title = f"{title} (copy {copy})" if copy else title
    tag = f"<title>{escape(new_title, quote=False)}</title>".encode()
    page = _TITLE.sub(lambda _: tag, page, 1)
    ids = iter((page_id, page_id + 10**9))
    page = _ID.sub(lambda m: f"<id>{next(ids, int(m.group(1)))}</id>".encode(), page, 2)
    return page, new_title


def build(
    folder: Path, mb: float, density: float, name: str | None = None, *, all_formats: bool = True
) -> Built:
    """Write (or reuse, when already written with the same settings) one benchmark dump.

    Without ``all_formats`` only the plain XML and the multistream file (and index).
    """
    name = name or f"real-{mb:g}mb-{density:g}"
    folder.mkdir(parents=True, exist_ok=True)
    xml = folder / f"{name}.xml"
    single = folder / f"{name}.xml.bz2"
    multi = folder / f"{name}-multistream.xml.bz2"
    index = folder / f"{name}-multistream-index.txt.bz2"
    gz = folder / f"{name}.xml.gz"
    stamp = folder / f"{name}.stamp"
    if stamp.is_file():
        size, pages, titles, ids = stamp.read_text().split("\n", 3)
        drug_ids = tuple(int(i) for i in ids.split())
        return Built(
            xml, single, multi, index, gz, int(size), int(pages),
            tuple(titles.split("|")), drug_ids,
        )  # fmt: skip
    header, pages = real_pages()
    drugs = drug_texts()
    target = int(mb * 1024 * 1024)
    every = max(1, round(1 / density)) if density > 0 else 0
    out: list[bytes] = []
    size = len(header)
    page_id, copy, drug_titles, drug_ids = 1, 0, [], []
    while size < target:
        for page in pages:
            if every and page_id % every == every // 2:
                stem, text = drugs[len(drug_titles) % len(drugs)]
                title = f"{stem} {len(drug_titles)}"
                data = _drug_page(title, text, page_id)
                drug_titles.append(title)
                drug_ids.append(page_id)
            else:
                data, _ = _renamed(page, copy, page_id)
            out.append(data)
            size += len(data)
            page_id += 1
            if size >= target:
                break
        copy += 1
    footer = b"</mediawiki>\n"
    with open(xml, "wb") as plain:
        plain.write(header)
        plain.writelines(out)
        plain.write(footer)
    blocks = [header] + [b"".join(out[i : i + 100]) for i in range(0, len(out), 100)]
    blocks[-1] += footer
    with multiprocessing.get_context("fork").Pool() as pool:
        compressed = pool.map(bz2.compress, blocks, chunksize=4)
    lines = []
    with open(multi, "wb") as many:
        for number, stream in enumerate(compressed):
            if number:
                for page in out[(number - 1) * 100 : number * 100]:
                    title = unescape(_TITLE.search(page).group(1).decode())  # type: ignore[union-attr]
                    pid = _ID.search(page).group(1).decode()  # type: ignore[union-attr]
                    lines.append(f"{many.tell()}:{pid}:{title}\n")
            many.write(stream)
    index.write_bytes(bz2.compress("".join(lines).encode()))
    total = xml.stat().st_size
    ids_text = " ".join(map(str, drug_ids))
    if not all_formats:
        stamp.write_text(f"{total}\n{len(out)}\n{'|'.join(drug_titles)}\n{ids_text}")
        return Built(
            xml, single, multi, index, gz, total, len(out), tuple(drug_titles), tuple(drug_ids)
        )
    with open(xml, "rb") as source, open(single, "wb") as one:
        if shutil.which("lbzip2"):
            subprocess.run(["lbzip2", "-z", "-9", "-c"], stdin=source, stdout=one, check=True)
        else:
            subprocess.run(["bzip2", "-9", "-c"], stdin=source, stdout=one, check=True)
    with open(xml, "rb") as source, gzip.open(gz, "wb", compresslevel=6) as packed:
        shutil.copyfileobj(source, packed, 1 << 22)
    stamp.write_text(f"{total}\n{len(out)}\n{'|'.join(drug_titles)}\n{ids_text}")
    return Built(
        xml, single, multi, index, gz, total, len(out), tuple(drug_titles), tuple(drug_ids)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--mb", type=float, default=150)
    parser.add_argument("--density", type=float, default=0.0006)
    args = parser.parse_args()
    built = build(args.folder, args.mb, args.density)
    print(built)


if __name__ == "__main__":
    main()
