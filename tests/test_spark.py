"""Spark: the same records as the single-machine converter, from a dump or a table.

Runs PySpark in local mode (2 cores); skipped when PySpark or Java is absent.
The reference is always ``drugparse convert`` run here on the same file.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java", allow_module_level=True)

import drugparse  # noqa: E402
from drugparse.cli.convert import ConvertOptions, run_convert  # noqa: E402
from drugparse.cli.spark import run_spark_convert  # noqa: E402
from drugparse.spark.dataframe import convert_dataframe, convert_rows  # noqa: E402
from drugparse.spark.dump import read_multistream  # noqa: E402
from drugparse.spark.job import SparkJob  # noqa: E402

from .conftest import ROOT  # noqa: E402
from .dumps import FIXTURE, write_multistream  # noqa: E402
from .spark_helpers import (  # noqa: E402
    DRUG_TITLES,
    by_title,
    sample_pages,
    single_machine,
)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # Python workers import drugparse (and tests.test_batch's stub parser) from here.
    old_path = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), old_path] if p)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("drugparse tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if old_path is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = old_path


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    path = tmp_path_factory.mktemp("dump") / "drugwiki-multistream.xml.bz2"
    write_multistream(path, sample_pages(), per_stream=3)
    return path


def spark_lines(results) -> tuple[list[str], list]:
    rows = sorted(results.collect(), key=lambda row: (row.title or "", row.page_id or 0))
    lines = [row.record + "\n" for row in rows if row.record is not None]
    return lines, [row for row in rows if row.record is None]


@pytest.mark.parametrize("method", ["arrow", "rdd"])
def test_dump_gives_the_single_machine_records_byte_for_byte(spark, dump, tmp_path, method):
    expected, expected_errors, status = single_machine(dump, tmp_path)
    assert status == 1  # Brokenase and the bad bytes fail
    pages = read_multistream(spark, dump, drug_pages_only=True)
    lines, errors = spark_lines(convert_dataframe(pages, method=method))
    assert lines == by_title(expected)
    assert [json.loads(line)["title"] for line in lines] == DRUG_TITLES
    imiglucerase = json.loads(lines[0])
    drugparse.validate(imiglucerase)
    assert imiglucerase["identifiers"]["cas"] == "154248-97-2"
    assert imiglucerase["source"]["page_id"] == 1714296
    assert imiglucerase["source"]["revision_id"] == 17142960
    assert imiglucerase["source"]["timestamp"] == "2024-01-04T00:00:00Z"  # tests/dumps.py
    assert json.loads(lines[3])["identifiers"]["atc"] == ["A16AB02"]
    got_errors = [(e.title, e.page_id, e.error_code, e.error_message) for e in errors]
    want_errors = sorted(
        (e["title"], e["page_id"], e["code"], e["message"]) for e in expected_errors
    )
    assert got_errors == want_errors
    assert [(e[0], e[1], e[2]) for e in got_errors] == [
        ("Bad bytes", 10, "invalid_xml"),
        ("Brokenase", 8, "parse_error"),
    ]


def test_streams_that_cut_pages_give_the_same_records(spark, tmp_path):
    path = tmp_path / "cut-multistream.xml.bz2"
    write_multistream(path, sample_pages(), cut=1500)  # the fixture page spans several streams
    expected, _, _ = single_machine(path, tmp_path)
    lines, errors = spark_lines(convert_dataframe(read_multistream(spark, path)))
    assert lines == by_title(expected)
    assert len(lines) == 4 and [e.title for e in errors] == ["Bad bytes", "Brokenase"]


def test_every_page_is_a_row_with_its_ids_and_counts(spark, dump):
    counter = spark.sparkContext.accumulator(0)
    rows = read_multistream(spark, dump, partitions=3, pages_read=counter).collect()
    by_id = {row.page_id: row for row in rows}
    assert sorted(by_id) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1714296]
    assert counter.value == 11
    assert by_id[2].redirect == "Acetylsalicylic acid" and by_id[3].namespace == 1
    assert by_id[4].title == "Ren & Stimpy" and by_id[4].revision_id == 40
    assert by_id[10].text is None and by_id[10].error_code == "invalid_xml"
    assert by_id[1714296].text == FIXTURE.read_text("utf-8")


def test_truncated_dump_keeps_the_pages_before_and_reports_the_damage(spark, tmp_path):
    path = tmp_path / "cut-multistream.xml.bz2"
    write_multistream(path, sample_pages()[:6], cut=1500)
    data = path.read_bytes()
    last_stream = data.rfind(b"BZh91AY&SY")
    path.write_bytes(data[:last_stream])  # the footer's stream is gone
    expected, expected_errors, status = single_machine(path, tmp_path)
    assert status == 2 and "truncated" in expected_errors[-1]["message"]
    lines, errors = spark_lines(convert_dataframe(read_multistream(spark, path)))
    assert lines == by_title(expected)
    assert json.loads(lines[0])["title"] == "Imiglucerase"
    assert {e.error_code for e in errors} == {"unreadable_input"}
    assert any("truncated" in e.error_message for e in errors)


def test_table_rows_are_filtered_like_the_cli_and_bad_pages_never_fail_the_task(spark):
    drug = FIXTURE.read_text("utf-8")
    when = datetime.datetime(2024, 6, 1, 8, 30, tzinfo=datetime.timezone.utc)
    rows = [
        ("Imiglucerase", drug, 1714296, 458273717, when, 0, ""),
        ("Talk:Imiglucerase", drug, 2, 20, when, 1, ""),
        ("Imiglucerase (redirect)", drug, 3, 30, when, 0, "Imiglucerase"),
        ("Slow", "{{Drugbox}} SLOW", 4, 40, when, 0, None),
        ("Oops", "{{Drugbox}} OOPS", 5, 50, when, 0, None),
        ("Plain", "no infobox at all", 6, 60, when, 0, None),
    ]
    schema = (
        "title string, text string, page_id long, revision_id long, timestamp timestamp, "
        "namespace int, redirect string"
    )
    table = spark.createDataFrame(rows, schema).repartition(2)
    real = convert_dataframe(table).collect()
    titles = {r.title for r in real}
    assert "Imiglucerase" in titles
    assert titles.isdisjoint({"Talk:Imiglucerase", "Imiglucerase (redirect)", "Plain"})
    record = json.loads(next(r.record for r in real if r.title == "Imiglucerase"))
    assert record["source"]["timestamp"] == "2024-06-01T08:30:00Z"
    assert record["source"]["revision_id"] == 458273717
    assert record == drugparse.parse(
        drug,
        "Imiglucerase",
        page_id=1714296,
        revision_id=458273717,
        timestamp="2024-06-01T08:30:00Z",
    )
    # A stub parser that hangs on SLOW and raises a bug on OOPS: both are rows, not failures.
    stub = convert_dataframe(
        table, method="arrow", page_timeout=1, parser="tests.test_batch:slow_parse"
    )
    got = sorted((r.title, r.error_code, r.error_message) for r in stub.collect() if r.error_code)
    assert got == [
        ("Oops", "internal_error", "KeyError: 'a bug'"),
        ("Slow", "timeout", "parsing took longer than 1 s"),
    ]


def test_convert_rows_without_spark():
    drug = FIXTURE.read_text("utf-8")
    rows = [
        ("Imiglucerase", drug, 1, 10, None, None, None),
        ("Plain", "no infobox", 2, 20, None, None, None),
        ("Unreadable", None, 3, None, None, "invalid_xml", "text is not UTF-8"),
    ]
    results = list(convert_rows(rows))
    assert [r[0] for r in results] == ["Imiglucerase", "Unreadable"]
    assert results[0][3] == json.dumps(
        drugparse.parse(drug, "Imiglucerase", page_id=1, revision_id=10),
        ensure_ascii=False,
        separators=(",", ":"),
    )
    assert results[1][3:] == (None, "invalid_xml", "text is not UTF-8")


def test_spark_convert_command_dump_to_jsonl_and_table_to_parquet(spark, dump, tmp_path):
    expected, _, _ = single_machine(dump, tmp_path)
    out, errors, stderr = tmp_path / "records.jsonl", tmp_path / "errors.jsonl", io.StringIO()
    job = SparkJob(str(dump), str(out), errors=str(errors))
    status = run_spark_convert(job, spark=spark, stderr=stderr)
    assert status == 1
    assert out.read_text("utf-8") == "".join(by_title(expected))
    failed = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    assert [(e["title"], e["code"]) for e in failed] == [
        ("Bad bytes", "invalid_xml"),
        ("Brokenase", "parse_error"),
    ]
    assert "11 pages read, 4 records written, 2 failed" in stderr.getvalue()

    # A Wikimedia-style table (Parquet) in, Parquet out.
    drug = FIXTURE.read_text("utf-8")
    table = tmp_path / "wikitext.parquet"
    spark.createDataFrame(
        [
            ("Imiglucerase", 0, 1714296, 458273717, drug, ""),
            ("Ren_&_Stimpy", 0, 4, 40, "A cartoon.", ""),
        ],
        "page_title string, page_namespace int, page_id long, revision_id long, "
        "revision_text string, page_redirect_title string",
    ).write.parquet(str(table))
    tables = tmp_path / "tables"
    to_parquet = SparkJob(str(table), str(tables), fmt="parquet")
    status = run_spark_convert(to_parquet, spark=spark, stderr=io.StringIO())
    assert status == 0
    rows = spark.read.parquet(str(tables / "drugs")).collect()
    assert [(r.title, r.page_id, r.revision_id, r.cas) for r in rows] == [
        ("Imiglucerase", 1714296, 458273717, "154248-97-2")
    ]
    assert json.loads(rows[0].record) == drugparse.parse(
        drug, "Imiglucerase", page_id=1714296, revision_id=458273717
    )
    # An existing output folder is not overwritten.
    assert run_spark_convert(to_parquet, spark=spark, stderr=io.StringIO()) == 2


def test_parquet_tables_are_the_rows_of_convert_format_parquet(spark, dump, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    from drugparse.tabular import arrow_schemas

    local = tmp_path / "local"
    options = ConvertOptions((str(dump),), output=str(local), fmt="parquet", jobs=0, progress=False)
    assert run_convert(options, stderr=io.StringIO()) == 1  # Brokenase and Bad bytes fail
    out = tmp_path / "spark"
    job = SparkJob(str(dump), str(out), fmt="parquet", partitions=3)
    assert run_spark_convert(job, spark=spark, stderr=io.StringIO()) == 1
    for name, schema in arrow_schemas().items():
        ours = pq.read_table(local / f"{name}.parquet")
        theirs = pq.read_table(out / name)  # a Spark folder of part files
        assert theirs.column_names == schema.names, name
        assert [f.type for f in theirs.schema] == [f.type for f in schema], name
        key = lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False)  # noqa: E731
        assert sorted(map(key, theirs.to_pylist())) == sorted(map(key, ours.to_pylist())), name
    drugs = pq.read_table(local / "drugs.parquet")
    assert sorted(drugs.column("title").to_pylist()) == sorted(DRUG_TITLES)


def test_spark_convert_is_a_drugparse_subcommand(tmp_path, capsys):
    from drugparse.cli import main

    notes = tmp_path / "notes.txt"
    notes.write_text("not a dump")
    assert main(["spark-convert", str(notes), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert "not a dump, Parquet or JSON Lines input" in capsys.readouterr().err


class CountingFileSystem:
    """A stand-in for ``pyarrow.fs.FileSystem``: serves one local file, counts connections."""

    connections = opened = reads = 0
    target = Path()

    @classmethod
    def from_uri(cls, uri):
        cls.connections += 1
        return cls(), uri.split("://", 1)[1]

    def open_input_file(self, inner):
        type(self).opened += 1
        assert inner == "bucket/drugwiki-multistream.xml.bz2"
        return CountingFile(self.target.read_bytes())

    def get_file_info(self, inner):
        return type("Info", (), {"size": self.target.stat().st_size})()


class CountingFile(io.BytesIO):
    def read_at(self, length, offset):
        CountingFileSystem.reads += 1
        return self.getvalue()[offset : offset + length]


def test_a_remote_dump_is_connected_once_per_process_and_opened_once_per_task(dump, monkeypatch):
    import pyarrow.fs

    from drugparse.spark import dump as spark_dump

    monkeypatch.setattr(CountingFileSystem, "target", dump)
    for counter in ("connections", "opened", "reads"):
        monkeypatch.setattr(CountingFileSystem, counter, 0)
    monkeypatch.setattr(pyarrow.fs, "FileSystem", CountingFileSystem)
    spark_dump._filesystem.cache_clear()
    remote = "s3://bucket/drugwiki-multistream.xml.bz2"
    index = dump.with_name("drugwiki-multistream-index.txt.bz2")
    spans = spark_dump.stream_spans(remote, index)
    assert spans == spark_dump.stream_spans(str(dump))
    assert len(spans) == 5  # the header and 11 pages, 3 a stream
    with spark_dump.DumpReader(remote) as reader:
        _, namespaces = spark_dump._read_header(reader, spans, dump.name)
    settings = (remote, dump.name, spans, namespaces, False)
    first_task = list(spark_dump.read_streams([1, 2], *settings))
    second_task = list(spark_dump.read_streams([3, 4], *settings))
    assert [row[2] for row in first_task + second_task] == [1714296, *range(2, 12)]
    assert CountingFileSystem.connections == 1  # the size, the header and both tasks
    assert CountingFileSystem.opened == 3  # the header (driver), then once per task
    assert CountingFileSystem.reads == 1 + 4  # the header stream, then one read per stream
    local = list(spark_dump.read_streams([1, 2, 3, 4], str(dump), *settings[1:]))
    assert local == first_task + second_task
    spark_dump._filesystem.cache_clear()


class FakeContext:
    """What :func:`use_this_python` reads and sets of a ``SparkContext``."""

    def __init__(self, master, conf=None):
        self.master, self.pythonExec, self.environment = master, "python3", {}
        self._conf = conf or {}

    def getConf(self):  # noqa: N802 (PySpark's name)
        return self._conf


@pytest.mark.parametrize(
    ("master", "python"),
    [
        ("local[2]", "this one"),
        ("spark://10.0.0.1:7077", "this one"),
        ("yarn", "python3"),
        ("k8s://https://10.0.0.1:6443", "python3"),
    ],
)
def test_workers_run_this_python_on_local_and_standalone_masters(monkeypatch, master, python):
    import sys

    from drugparse.spark.job import use_this_python

    monkeypatch.delenv("PYSPARK_PYTHON", raising=False)
    expected = sys.executable if python == "this one" else python
    sc = FakeContext(master)
    assert use_this_python(sc) == sc.pythonExec == expected
    on_path = sc.environment.get("PYTHONPATH", "").split(os.pathsep)
    assert (str(ROOT) in on_path) is (python == "this one")


def test_a_python_the_user_names_is_kept(monkeypatch):
    from drugparse.spark.job import use_this_python

    monkeypatch.setenv("PYSPARK_PYTHON", "./env/bin/python")
    sc = FakeContext("spark://10.0.0.1:7077")
    assert use_this_python(sc) == sc.pythonExec == "./env/bin/python"
    assert sc.environment == {}
    monkeypatch.delenv("PYSPARK_PYTHON")
    sc = FakeContext("local[*]", {"spark.pyspark.python": "/opt/python3.12/bin/python"})
    assert use_this_python(sc) == sc.pythonExec == "/opt/python3.12/bin/python"


def test_pages_by_title_and_id_read_only_their_streams(spark, tmp_path):
    path = tmp_path / "listed-multistream.xml.bz2"
    listed = sample_pages()
    # Its index lists every page with its id and title: page n is in stream n // 3 + 1.
    write_multistream(path, listed, per_stream=3)
    expected, _, _ = single_machine(path, tmp_path)
    full = {json.loads(line)["title"]: line for line in expected}
    counter = spark.sparkContext.accumulator(0)
    chosen = read_multistream(spark, path, pages=["Imiglucerase_&_co", 9], pages_read=counter)
    lines, errors = spark_lines(convert_dataframe(chosen))
    assert lines == [full["Imiglucerase & co"], full["Ümlaut-ase"]] and errors == []
    # Streams 2 (pages 3-5), 3 (6-8, Ümlaut-ase is id 9) and the last (9-10): 8 of 11 pages.
    assert counter.value == 8


# --- spark-convert as a real process: file modes, SIGINT (each run starts its own Spark) --------

TEMP_PREFIX = ".drugparse-tmp-"


def spark_convert(*args: object) -> list[str]:
    return [sys.executable, "-m", "drugparse", "spark-convert", *map(str, args)]


def process_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def test_spark_outputs_get_the_mode_of_the_umask(dump, tmp_path):
    tables, errors = tmp_path / "tables", tmp_path / "errors.jsonl"
    done = subprocess.run(
        spark_convert(dump, "-o", tables, "--format", "parquet", "--errors", errors),
        cwd=ROOT,
        env=process_env(),
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=lambda: os.umask(0o027),
        check=False,
    )
    assert done.returncode == 1, done.stderr[-3000:]  # Brokenase and Bad bytes fail
    assert "11 pages read, 4 records written, 2 failed" in done.stderr
    files = [p for p in tables.rglob("*") if p.is_file()]
    folders = [tables, *(p for p in tables.rglob("*") if p.is_dir())]
    assert any(p.name.startswith("part-") for p in files)
    assert {oct(p.stat().st_mode & 0o777) for p in [*files, errors]} == {oct(0o640)}
    assert {oct(p.stat().st_mode & 0o777) for p in folders} == {oct(0o750)}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)] == []


def test_sigint_ends_spark_convert_with_130_and_leaves_no_output(tmp_path):
    from .blocking_parser import BLOCK

    pages = sample_pages()
    pages[0] = (pages[0][0], BLOCK + "\n" + pages[0][1], *pages[0][2:])
    path = tmp_path / "dump" / "drugwiki-multistream.xml.bz2"
    path.parent.mkdir()
    write_multistream(path, pages, per_stream=3)
    gate = tmp_path / "gate"
    out, errors = tmp_path / "records.jsonl", tmp_path / "errors.jsonl"
    args = ("-o", out, "--errors", errors, "--master", "local[2]")
    process = subprocess.Popen(
        spark_convert(path, *args, "--parser", "tests.blocking_parser:parse"),
        cwd=ROOT,
        env=process_env(DRUGPARSE_TEST_GATE=str(gate)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 600
        while not Path(f"{gate}.reached").exists():  # a Spark task is parsing the page
            assert process.poll() is None, process.stderr.read()[-3000:]
            assert time.monotonic() < deadline, "the blocked page was never reached"
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)  # the driver only, as a shell's kill -INT does
        _, stderr = process.communicate(timeout=300)
    finally:
        gate.touch()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == 130, stderr[-3000:]
    assert "drugparse: interrupted by SIGINT after " in stderr
    assert f"drugparse: {out} was not written nor {errors}" in stderr
    assert "KeyboardInterrupt" not in stderr and "drugparse/cli/" not in stderr  # no traceback
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump", "gate", "gate.reached"]
