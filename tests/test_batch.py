"""Batch engine: results in input order, identical for any --jobs, errors as values, time limit."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from drugparse.batch import convert_pages, run_work
from drugparse.errors import NoInfoboxError, ParseError
from drugparse.pipeline import PageOptions, PageResult, convert_one
from drugparse.sources import BadPage, Page
from drugparse.sources.inputs import StreamBlock, resolve_inputs, work_items
from drugparse.sources.multistream import block_spans

from . import dumps

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "imiglucerase.wiki"


def slow_parse(text, title=None, **source):
    """A stand-in parser for the time-limit tests: ``SLOW`` hangs, ``CRASH`` kills the process."""
    if "SLOW" in text:
        time.sleep(60)
    if "CRASH" in text:
        os._exit(3)
    if "BROKEN" in text:
        raise ParseError(title, "broken on purpose")
    if "OOPS" in text:
        raise KeyError("a bug")
    if "{{" not in text:
        raise NoInfoboxError(title)
    return {"title": title, "page_id": source.get("page_id"), "length": len(text)}


STUB = f"{__name__}:slow_parse"  # imported by name in the worker processes


def stub_pages():
    texts = ["{{a}}", "plain", "{{b}} SLOW", "{{c}}", "{{d}} BROKEN", "{{e}} CRASH", "{{f}}"]
    return [Page(f"P{n}", text, page_id=n) for n, text in enumerate(texts)]


def test_errors_are_values_and_no_infobox_is_skipped():
    results = [
        convert_one(p, PageOptions(parser=STUB))
        for p in stub_pages()
        if "SLOW" not in p.text and "CRASH" not in p.text
    ]
    assert [r.status for r in results] == ["record", "skipped", "record", "failed", "record"]
    assert results[3].error == {
        "title": "P4",
        "page_id": 4,
        "source": None,
        "code": "parse_error",
        "message": "P4: broken on purpose",
    }
    bug = convert_one(Page("Q", "{{x}} OOPS", page_id=9), PageOptions(parser=STUB))
    assert bug.error["code"] == "internal_error" and "KeyError" in bug.error["message"]
    bad = convert_one(BadPage("R", 3, "d.xml", "invalid_xml", "not UTF-8"))
    assert bad.error == {
        "title": "R",
        "page_id": 3,
        "source": "d.xml",
        "code": "invalid_xml",
        "message": "not UTF-8",
    }


def test_explicit_file_without_infobox_is_an_error():
    result = convert_one(
        Page(None, "plain", origin="x/Note.wiki", explicit=True), PageOptions(parser=STUB)
    )
    assert result.status == "failed" and result.code == "no_infobox"
    # The file is named in the error's source, not passed off as its title.
    assert result.error["title"] is None and result.error["source"] == "x/Note.wiki"


@pytest.mark.parametrize("jobs", [1, 2])
def test_slow_and_crashing_pages_fail_and_the_batch_goes_on(jobs):
    started = time.monotonic()
    results = list(convert_pages(stub_pages(), jobs=jobs, page_timeout=1.0, parser=STUB))
    assert time.monotonic() - started < 20
    assert [(r.page_id, r.status, r.code) for r in results] == [
        (0, "record", None),
        (1, "skipped", None),
        (2, "failed", "timeout"),
        (3, "record", None),
        (4, "failed", "parse_error"),
        (5, "failed", "worker_crashed"),
        (6, "record", None),
    ]
    assert results[3].record == {"title": "P3", "page_id": 3, "length": 5}


def test_order_and_bytes_do_not_depend_on_jobs():
    pages = [Page(f"T{n}", "{{x}}" * (n % 7 + 1), page_id=n) for n in range(300)]
    one = [r.text for r in convert_pages(pages, jobs=1, fmt="jsonl", parser=STUB)]
    two = [r.text for r in convert_pages(pages, jobs=2, fmt="jsonl", parser=STUB)]
    inline = [r.text for r in convert_pages(pages, jobs=0, fmt="jsonl", parser=STUB)]
    assert one == two == inline
    assert one[5] == '{"title":"T5","page_id":5,"length":30}\n'


def test_real_parser_on_the_fixture():
    pytest.importorskip("drugparse.pipeline")
    pages = [
        Page("Imiglucerase", FIXTURE.read_text("utf-8"), page_id=1714296, revision_id=7),
        Page("Nothing", "Just prose.", page_id=2),
    ]
    first, second = convert_pages(pages, jobs=1, fmt="json")
    assert first.status == "record" and first.record["source"]["page_id"] == 1714296
    assert first.record["identifiers"]["cas"] == "154248-97-2"
    assert first.text.startswith("{\n")
    assert second.status == "skipped"


def test_multistream_blocks_are_stitched_and_cut_pages_kept(tmp_path, monkeypatch):
    import bz2

    from drugparse.sources.decompress import SKIP_ENV

    monkeypatch.setenv(SKIP_ENV, "indexed_bzip2,lbzip2")  # blocks in the workers

    pages = dumps.numbered(dumps.sample_pages() * 3)
    data = dumps.dump_text(pages).encode()
    # pbzip2-like: streams cut at arbitrary bytes, pages split between them
    streams = b"".join(bz2.compress(data[i : i + 3000]) for i in range(0, len(data), 3000))
    path = tmp_path / "cut-multistream.xml.bz2"
    path.write_bytes(streams)
    whole = tmp_path / "whole.xml"
    whole.write_bytes(data)
    expected = [
        (r.title, r.page_id)
        for o in run_work(
            work_items(resolve_inputs([str(whole)])), jobs=0, options=PageOptions(parser=STUB)
        )
        for r in o.results
    ]
    # Not page-aligned and no index: read as one stream, same pages.
    items = list(work_items(resolve_inputs([str(path)])))
    assert not any(isinstance(item, StreamBlock) for item in items)
    index = tmp_path / "cut-multistream-index.txt"
    index.write_text("".join(f"{offset}:1:x\n" for offset, _ in block_spans(path)))
    outcomes = list(
        run_work(work_items(resolve_inputs([str(path)])), jobs=2, options=PageOptions(parser=STUB))
    )
    assert not any(o.failure for o in outcomes)
    got = [(r.title, r.page_id) for o in outcomes for r in o.results]
    assert got == expected and len(got) == 6
    assert sum(o.pages_read for o in outcomes) == 15


def test_result_error_is_none_for_records():
    assert PageResult("record", "A", 1).error is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_first_workers_are_forked_but_never_beside_another_thread():
    import threading

    from drugparse.batch.pool import _context

    assert _context(fresh=True).get_start_method() == "fork"
    assert _context(fresh=False).get_start_method() != "fork"  # a replacement, mid-run
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert _context(fresh=True).get_start_method() != "fork"
    finally:
        stop.set()
        thread.join()
