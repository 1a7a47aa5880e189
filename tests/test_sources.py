"""Sources: dump pages out of real XML files (plain, bz2, gz, multistream), files, folders."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path

import pytest

from drugparse.sources import BadPage, Page
from drugparse.sources.decompress import SKIP_ENV
from drugparse.sources.dump import DumpError, DumpReader, scan_chunks, unescape
from drugparse.sources.inputs import (
    InputError,
    InputFailure,
    PageBatch,
    StreamBlock,
    StreamEnd,
    resolve_inputs,
    work_items,
)
from drugparse.sources.multistream import block_spans, is_multistream

from .conftest import PEER
from .dumps import FIXTURE, dump_text, numbered, pages_of, sample_pages, write_multistream


def test_scan_finds_only_namespace0_non_redirect_drug_pages():
    scans = list(scan_chunks([dump_text().encode()], "x.xml"))
    candidates = [page for scan in scans for page in scan.candidates]
    assert sum(scan.pages_read for scan in scans) == 5
    assert [page.title for page in candidates] == ["Imiglucerase", "Imiglucerase & co"]
    first = candidates[0]
    assert (first.page_id, first.revision_id, first.timestamp) == (1, 10, "2024-01-02T00:00:00Z")
    assert first.text == FIXTURE.read_text("utf-8")


def test_split_anywhere_gives_the_same_pages():
    data = dump_text().encode()
    whole = [p.title for s in scan_chunks([data]) for p in s.candidates]
    for size in (1, 7, 100, 1000):
        pieces = [data[i : i + size] for i in range(0, len(data), size)]
        assert [p.title for s in scan_chunks(pieces) for p in s.candidates] == whole


def test_entities_in_titles_and_text_are_unescaped_once():
    text = "{{Drugbox}} a &amp;lt; b &lt;ref&gt;x&lt;/ref&gt; &#x2014; &nbsp;"
    pages = [("A &amp; B", text, 1, 0, None)]
    (page,) = [p for s in scan_chunks([dump_text(pages).encode()]) for p in s.candidates]
    assert page.title == "A &amp; B"
    assert page.text == text
    assert unescape("&#0; &#xD800; &#65;") == "&#0; &#xD800; A"


def test_deleted_text_and_redirect_tags():
    pages = [("Gone", "", 1, 0, None, True), ("Drugbox", "x", 2, 0, "Infobox drug")]
    data = dump_text(pages).encode()
    reader = DumpReader("d.xml", every_page=True)
    scans = reader.feed(data) + reader.finish()
    gone, moved = [p for s in scans for p in s.candidates]
    assert gone.text == "" and gone.is_article
    assert moved.redirect == "Infobox drug" and not moved.is_article


def test_truncated_dump_yields_pages_before_the_damage():
    data = dump_text().encode()
    cut = data.index(b"<page>", data.index(b"Imiglucerase &amp; co") - 200)
    seen = []
    with pytest.raises(DumpError, match="truncated"):
        for scan in scan_chunks([data[: cut + 50]], "cut.xml"):
            seen += [p.title for p in scan.candidates]
    assert seen == ["Imiglucerase"]


def test_not_mediawiki_and_doctype_entities_are_not_expanded():
    with pytest.raises(DumpError, match="not a MediaWiki"):
        list(scan_chunks([b"<html><body>hi</body></html>"]))
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    )
    pages = [("Lol &b;", "{{Drugbox}} &b; &xxe;", 1, 0, None)]
    data = (laughs + dump_text(pages)).encode().replace(b"&amp;b;", b"&b;")
    (page,) = [p for s in scan_chunks([data]) for p in s.candidates]
    assert page.text.count("&b;") == 1 and "aaaa" not in page.text


def test_invalid_utf8_in_a_candidate_is_a_bad_page():
    data = dump_text([("Bad", "{{Drugbox}} x", 1, 0, None)]).encode()
    data = data.replace(b"{{Drugbox}} x", b"{{Drugbox}} \xff\xfe")
    (page,) = [p for s in scan_chunks([data]) for p in s.candidates]
    assert isinstance(page, BadPage) and page.code == "invalid_xml" and page.title == "Bad"


@pytest.mark.parametrize("compress", ["plain", "bz2", "gz"])
def test_dump_files_by_content(tmp_path, compress):
    data = dump_text().encode()
    path = tmp_path / "dump.xml"
    if compress == "bz2":
        path = tmp_path / "dump.xml.bz2"
        path.write_bytes(bz2.compress(data))
    elif compress == "gz":
        path = tmp_path / "dump.xml.gz"
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    items = list(work_items(resolve_inputs([str(path)])))
    assert [p.title for p in pages_of(items)] == ["Imiglucerase", "Imiglucerase & co"]
    assert sum(i.pages_read for i in items if isinstance(i, PageBatch)) == 5


def test_multistream_is_read_as_blocks_with_or_without_index(tmp_path, monkeypatch):
    # With Python's bz2 only, the workers decompress the blocks (every core busy).
    monkeypatch.setenv(SKIP_ENV, "indexed_bzip2,lbzip2")
    path = tmp_path / "wiki-multistream.xml.bz2"
    index = write_multistream(path, sample_pages(), per_stream=2)
    assert is_multistream(path)
    spans = list(block_spans(path, index))
    assert len(spans) == 4 and spans[0][0] == 0
    assert spans == list(block_spans(path))
    inputs = resolve_inputs([str(path)])
    assert inputs[0].index == index
    items = list(work_items(inputs, jobs=2))
    assert [type(i) for i in items] == [StreamBlock] * 4 + [StreamEnd]
    index.unlink()
    items = list(work_items(resolve_inputs([str(path)]), jobs=2))
    assert [type(i) for i in items] == [StreamBlock] * 4 + [StreamEnd]


def test_multistream_blocks_go_to_the_workers_with_indexed_bzip2_too(tmp_path):
    # The workers decode the blocks (indexed_bzip2 on one thread each): the default path.
    path = tmp_path / "wiki-multistream.xml.bz2"
    write_multistream(path, sample_pages(), per_stream=2)
    items = list(work_items(resolve_inputs([str(path)]), jobs=2))
    assert [type(i) for i in items] == [StreamBlock] * 4 + [StreamEnd]


@pytest.mark.parametrize("jobs", [0, 1])
def test_multistream_with_one_worker_or_none_is_read_as_one_stream(tmp_path, jobs, monkeypatch):
    # Nothing to spread blocks over: decompressing beside the parser is faster.
    monkeypatch.setenv(SKIP_ENV, "indexed_bzip2,lbzip2")
    path = tmp_path / "wiki-multistream.xml.bz2"
    write_multistream(path, sample_pages(), per_stream=2)
    items = list(work_items(resolve_inputs([str(path)]), jobs=jobs))
    assert all(type(i) is PageBatch for i in items)
    assert sum(i.pages_read for i in items) == len(sample_pages())
    single = tmp_path / "wiki.xml"
    single.write_text(dump_text(sample_pages()))
    expected = pages_of(work_items(resolve_inputs([str(single)])))
    assert len(expected) >= 2
    assert [(p.title, p.text) for p in pages_of(items)] == [(p.title, p.text) for p in expected]


def test_single_stream_bz2_is_not_multistream(tmp_path):
    path = tmp_path / "one.xml.bz2"
    path.write_bytes(bz2.compress(dump_text().encode()))
    assert not is_multistream(path)


def test_truncated_bz2_is_an_input_failure_after_the_good_pages(tmp_path):
    pages = sample_pages() * 40
    pages = numbered(pages)
    data = bz2.compress(dump_text(pages).encode())
    path = tmp_path / "cut.xml.bz2"
    path.write_bytes(data[: len(data) * 3 // 4])
    items = list(work_items(resolve_inputs([str(path)])))
    assert isinstance(items[-1], InputFailure) and "cut.xml.bz2" in items[-1].message


def test_folders_are_recursive_sorted_and_files_explicit(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "Zeta.wiki").write_text("{{Drugbox}}")
    (tmp_path / "Alpha.txt").write_text("text")
    (tmp_path / "ignored.yaml").write_text("x: 1")
    (tmp_path / "Bad.mediawiki").write_bytes(b"\xc3\x28 Latin-1")
    pages = pages_of(work_items(resolve_inputs([str(tmp_path)])))
    assert [Path(p.origin).name for p in pages] == ["Alpha.txt", "Bad.mediawiki", "Zeta.wiki"]
    assert isinstance(pages[1], BadPage) and pages[1].code == "invalid_utf8"
    assert not any(p.explicit for p in pages if isinstance(p, Page))
    (page,) = pages_of(work_items(resolve_inputs([str(tmp_path / "Alpha.txt")])))
    assert page.explicit and page.title is None


def test_missing_input_and_orphan_index_are_usage_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        resolve_inputs([str(tmp_path / "nope.xml")])
    orphan = tmp_path / "x-index.txt"
    orphan.write_text("1:2:A\n")
    with pytest.raises(InputError, match="no matching dump"):
        resolve_inputs([str(orphan)])


@pytest.mark.skipif(not (PEER / "enwiki-minidump-27pages.xml.bz2").is_file(), reason="no peer")
def test_real_minidump_has_27_pages_and_no_candidates():
    items = list(work_items(resolve_inputs([str(PEER / "enwiki-minidump-27pages.xml.bz2")])))
    assert sum(i.pages_read for i in items if isinstance(i, PageBatch)) == 27
    assert pages_of(items) == []
