"""``drugparse convert`` on real dump files and folders, as a subprocess, with --jobs 2."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import dumps

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT.parent / "shared" / "peer"
CORPUS = ROOT.parent / "shared" / "corpus"

pytest.importorskip("drugparse.pipeline")


def run(*args, stdin=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "drugparse", "convert", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def drug_dump(tmp_path, name="d.xml.bz2", broken=True):
    pages = dumps.sample_pages()
    if broken:
        # a drug page whose text is not UTF-8: it fails, the others are written
        pages.append(("Broken drug", b"{{Drugbox | CAS_number = 1 }} \xff\xfe", 6, 0, None))
    return dumps.write_dump(tmp_path / name, pages)


def test_dump_to_folder_with_errors_file_exit_1(tmp_path):
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    result = run(
        drug_dump(tmp_path), "-o", out, "--errors", errors, "--jobs", "2", "--format", "json"
    )
    assert result.returncode == 1, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["Imiglucerase.json", "Imiglucerase_&_co~" + names[1].split("~")[1]]
    record = json.loads((out / "Imiglucerase.json").read_text())
    assert record["source"]["page_id"] == 1 and record["source"]["revision_id"] == 10
    (error,) = [json.loads(line) for line in errors.read_text().splitlines()]
    assert error["title"] == "Broken drug" and error["page_id"] == 6
    assert error["code"] == "invalid_xml"
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("drugparse: 6 pages read, 2 records written, 3 skipped, 1 failed")


@pytest.mark.parametrize("kind", ["xml", "multistream"])
def test_jobs_1_and_2_give_identical_bytes(tmp_path, kind):
    # Multistream: one stream beside the parser at --jobs 1, blocks in workers at --jobs 2.
    pages = dumps.numbered(dumps.sample_pages() * 6)
    pages = [(t, text, n + 1, ns, red) for n, (t, text, _, ns, red) in enumerate(pages)]
    if kind == "xml":
        path = tmp_path / "many.xml"
        path.write_text(dumps.dump_text(pages))
    else:
        path = tmp_path / "many-multistream.xml.bz2"
        dumps.write_multistream(path, pages, per_stream=5)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run(path, "-o", one, "--jobs", "1").returncode == 0
    assert run(path, "-o", two, "--jobs", "2").returncode == 0
    assert one.read_bytes() == two.read_bytes()
    lines = one.read_text().splitlines()
    assert len(lines) == 12 and json.loads(lines[0])["title"] == "Imiglucerase 0"


def test_multistream_with_index_same_records_as_single_stream(tmp_path):
    pages = [
        (f"Drug {n}", text, n + 1, ns, red)
        for n, (_, text, _, ns, red) in enumerate(dumps.sample_pages() * 3)
    ]
    multi = tmp_path / "w-multistream.xml.bz2"
    dumps.write_multistream(multi, pages, per_stream=4)
    single = tmp_path / "w.xml.gz"
    import gzip

    single.write_bytes(gzip.compress(dumps.dump_text(pages).encode()))
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert run(multi, "-o", a, "--jobs", "2").returncode == 0
    assert run(single, "-o", b, "--jobs", "2").returncode == 0
    assert a.read_bytes() == b.read_bytes() and a.read_text().count("\n") == 6


def test_hostile_titles_stay_inside_and_do_not_overwrite(tmp_path):
    drug = dumps.FIXTURE.read_text("utf-8")
    titles = [
        "../../escape",
        "/abs/x",
        "CON",
        "Imiglucerase",
        "IMIGLUCERASE",
        "x" * 300,
        "Café",
        "Cafe\u0301",
    ]
    pages = [(t, drug, n + 1, 0, None) for n, t in enumerate(titles)]
    path = tmp_path / "hostile.xml"
    path.write_text(dumps.dump_text(pages))
    out = tmp_path / "deep" / "out"
    result = run(path, "-o", out, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert sorted(p.parent for p in files if p != path) == [out] * len(titles)


def test_real_minidump_zero_records_27_pages(tmp_path):
    path = PEER / "enwiki-minidump-27pages.xml.bz2"
    if not path.is_file():
        pytest.skip("../shared/peer is not present")
    result = run(path, "-o", tmp_path / "out", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "27 pages read, 0 records written, 27 skipped, 0 failed" in result.stderr


def test_corpus_folder(tmp_path):
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    result = run(CORPUS, "-o", tmp_path / "out.jsonl", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    titles = [
        json.loads(line)["title"] for line in (tmp_path / "out.jsonl").read_text().splitlines()
    ]
    assert "Imiglucerase" in titles and len(titles) >= 6


def test_truncated_dump_exit_2_with_pages_before(tmp_path):
    pages = dumps.drug_pages(30)
    data = dumps.dump_text(pages).encode()
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out.jsonl"
    result = run(path, "-o", out)
    assert result.returncode == 2
    assert "truncated" in result.stderr
    assert 10 <= out.read_text().count("\n") < 30


def test_usage_errors_exit_2(tmp_path):
    assert run(tmp_path / "absent.xml.bz2").returncode == 2
    assert run("--jobs", "-1", dumps.FIXTURE).returncode == 2


def test_sigkill_leaves_whole_files_and_resume_completes(tmp_path):
    # The kill lands at a point the test chooses, whatever the machine's speed: the page
    # "Drug 050" blocks (tests/blocking_parser.py) until the test kills the run. Folders
    # are read 16 files a task, so exactly the 48 records of the first three are written.
    from .blocking_parser import BLOCK

    drug = dumps.FIXTURE.read_text("utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(100):
        page = drug.replace("'''Imiglucerase'''", f"'''Drug {n:03d}'''", 1)
        (folder / f"Drug {n:03d}.wiki").write_text((BLOCK if n == 50 else "") + page, "utf-8")
    out, reference, gate = tmp_path / "out", tmp_path / "reference", tmp_path / "gate"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DRUGPARSE_TEST_GATE": str(gate)}
    process = subprocess.Popen(
        [sys.executable, "-m", "drugparse", "convert", str(folder), "-o", str(out),
         "--jobs", "2", "--no-progress", "--page-timeout", "0",
         "--parser", "tests.blocking_parser:parse"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 240  # a bound for a broken run, not a speed assumption
        reached = tmp_path / "gate.reached"
        while not (reached.exists() and len(list(out.glob("*.yaml"))) >= 48):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    written = sorted(p.name for p in out.iterdir())  # hidden temporaries included
    assert written == [f"Drug_{n:03d}.yaml" for n in range(48)]
    assert run(folder, "-o", out, "--jobs", "2", "--resume").returncode == 0
    assert run(folder, "-o", reference, "--jobs", "1").returncode == 0
    ours = {p.name: p.read_bytes() for p in out.iterdir()}
    theirs = {p.name: p.read_bytes() for p in reference.iterdir()}
    assert ours == theirs and len(ours) == 100
