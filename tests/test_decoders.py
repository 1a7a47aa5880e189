"""The decoder chain: the fastest decoder present, each one missing in turn, same bytes."""

from __future__ import annotations

import bz2
import gzip
import os
import shutil
import sys

import pytest

from drugparse.sources.decompress import (
    SKIP_ENV,
    decoder_for,
    decompressed_chunks,
    stream_chunks,
)
from drugparse.sources.inputs import PageBatch, resolve_inputs, work_items
from tests import test_sources as dumps

XML = dumps.dump_text(dumps.sample_pages() * 50).encode()


@pytest.fixture
def fake_lbzip2(tmp_path, monkeypatch):
    """An ``lbzip2`` on PATH (``bzip2 -dc`` behind lbzip2's arguments), to test the pipe."""
    if not shutil.which("bzip2"):
        pytest.skip("no bzip2 command")
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "lbzip2"
    script.write_text('#!/bin/sh\n# lbzip2 -dc -n N FILE\nexec bzip2 -dc "$4"\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def _missing(monkeypatch, *modules: str) -> None:
    """Make ``import module`` fail, as on a machine without it."""
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)


def test_bz2_chain_each_decoder_missing_in_turn(tmp_path, monkeypatch, fake_lbzip2):
    path = tmp_path / "d.xml.bz2"
    path.write_bytes(bz2.compress(XML))
    assert decoder_for("bz2") == "indexed_bzip2"
    assert b"".join(decompressed_chunks(path, jobs=2, chunk_bytes=50_000)) == XML
    _missing(monkeypatch, "indexed_bzip2")
    assert decoder_for("bz2") == "lbzip2"
    assert b"".join(decompressed_chunks(path, jobs=2, chunk_bytes=50_000)) == XML
    monkeypatch.setenv(SKIP_ENV, "lbzip2")
    assert decoder_for("bz2") == "bz2"
    assert b"".join(decompressed_chunks(path, jobs=2, chunk_bytes=50_000)) == XML


def test_skip_env_leaves_out_a_decoder_that_is_installed(monkeypatch):
    monkeypatch.setenv(SKIP_ENV, " indexed_bzip2 , lbzip2")
    assert decoder_for("bz2") == "bz2"
    monkeypatch.setenv(SKIP_ENV, "isal")
    assert decoder_for("gzip") == "gzip"


def test_gzip_chain_isal_then_gzip(tmp_path, monkeypatch):
    path = tmp_path / "d.xml.gz"
    path.write_bytes(gzip.compress(XML))
    assert decoder_for("gzip") == "isal"
    assert b"".join(decompressed_chunks(path)) == XML
    _missing(monkeypatch, "isal", "isal.igzip")
    assert decoder_for("gzip") == "gzip"
    assert b"".join(decompressed_chunks(path)) == XML
    with open(path, "rb") as stream:
        assert b"".join(stream_chunks(stream)) == XML


@pytest.mark.parametrize("skip", ["", "indexed_bzip2,lbzip2"])
def test_a_cut_bz2_file_fails_after_the_good_chunks_with_every_decoder(tmp_path, monkeypatch, skip):
    monkeypatch.setenv(SKIP_ENV, skip)
    data = bz2.compress(XML)
    path = tmp_path / "cut.xml.bz2"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises((OSError, EOFError)):
        b"".join(decompressed_chunks(path))


@pytest.mark.parametrize("skip", ["", "indexed_bzip2,lbzip2", "isal"])
def test_pages_are_the_same_whichever_decoder(tmp_path, monkeypatch, skip):
    monkeypatch.setenv(SKIP_ENV, skip)
    for name, data in (("d.xml.bz2", bz2.compress(XML)), ("d.xml.gz", gzip.compress(XML))):
        path = tmp_path / name
        path.write_bytes(data)
        items = list(work_items(resolve_inputs([str(path)]), jobs=1))
        assert sum(i.pages_read for i in items if isinstance(i, PageBatch)) == 5 * 50
        titles = [p.title for i in items if isinstance(i, PageBatch) for p in i.pages]
        assert titles[:2] == ["Imiglucerase", "Imiglucerase & co"] and len(titles) == 100
