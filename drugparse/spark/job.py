"""``drugparse spark-convert``: a dump or a table of pages to drug records, on Spark.

    drugparse spark-convert enwiki-multistream.xml.bz2 -o records.jsonl --master 'local[*]'
    drugparse spark-convert pages.parquet -o records/ --format parquet
    spark-submit -m drugparse.spark_cli ...           # see README: Spark

INPUT is a multistream ``.xml.bz2`` dump (its index beside it or ``--index``),
a Parquet folder or file, a JSON Lines file of pages (``title``, ``text``...),
or, with ``--input-format table``, a metastore table name
(``wmf.mediawiki_wikitext_current``). Wikimedia's column names
(``page_title``, ``revision_text``...) are understood.

OUT: ``records.jsonl`` is one file, the CLI's bytes, sorted by title;
any other name is a Spark output folder (``part-*`` files of JSON Lines, or
Parquet with the error rows too). Failed pages are reported on standard
error (and in ``--errors FILE`` as JSON Lines), as ``drugparse convert`` does.
Exit status: 0 all good, 1 some pages failed, 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

from drugparse.batch.pool import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from drugparse.sources.decompress import file_compression

__all__ = ["add_arguments", "main", "run", "run_spark_convert", "WIKIMEDIA_COLUMNS"]

INPUT_FORMATS = ("dump", "parquet", "json", "table")
OUTPUT_FORMATS = ("jsonl", "parquet")

#: Column names of Wikimedia's Data Lake tables -> the converter's.
#: From wikitech Data_Platform/Data_Lake/Content (mediawiki_wikitext_current;
#: mediawiki_content_current_v1 says page_namespace_id and page_redirect_target).
WIKIMEDIA_COLUMNS = {
    "page_title": "title",
    "revision_text": "text",
    "page_id": "page_id",
    "revision_id": "revision_id",
    "revision_timestamp": "timestamp",
    "revision_dt": "timestamp",
    "page_namespace": "namespace",
    "page_namespace_id": "namespace",
    "page_redirect_title": "redirect",
    "page_redirect_target": "redirect",
}


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``spark-convert``, for the ``drugparse`` subcommand and ``main``."""
    parser.add_argument(
        "input",
        metavar="INPUT",
        help="multistream .xml.bz2 dump, Parquet, JSON Lines, or a table name",
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="records.jsonl (one file) or a folder (Spark part files)",
    )
    parser.add_argument("--master", help="Spark master, e.g. local[*] (default: spark-submit's)")
    parser.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        help="jsonl (default) or parquet (records and error rows)",
    )
    parser.add_argument(
        "--input-format", choices=INPUT_FORMATS, help="default: from INPUT's name and content"
    )
    parser.add_argument("--index", help="the dump's multistream index (default: beside it)")
    parser.add_argument("--where", help="SQL filter on a table, e.g. \"wiki_db = 'enwiki'\"")
    parser.add_argument(
        "--method",
        choices=("arrow", "rdd"),
        help="RDD mapPartitions (default, measured faster) or mapInArrow",
    )
    parser.add_argument(
        "--partitions",
        type=int,
        metavar="N",
        help="Spark partitions of the pages (default: Spark's)",
    )
    parser.add_argument(
        "--page-timeout",
        type=float,
        metavar="SECONDS",
        help="a slower page fails with code timeout (default 5, 0: none)",
    )
    parser.add_argument("--errors", metavar="FILE", help="write failed pages here as JSONL")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="drugparse spark-convert",
        description="Wikipedia drug articles to validated drug records, on Apache Spark.",
    )
    return run(add_arguments(parser).parse_args(argv))


def run(args: argparse.Namespace) -> int:
    return run_spark_convert(
        args.input,
        args.output,
        master=args.master,
        fmt=args.format,
        input_format=args.input_format,
        index=args.index,
        where=args.where,
        method=args.method,
        partitions=args.partitions,
        page_timeout=args.page_timeout,
        errors=args.errors,
    )


def run_spark_convert(
    source: str,
    output: str,
    *,
    master: str | None = None,
    fmt: str | None = None,
    input_format: str | None = None,
    index: str | None = None,
    where: str | None = None,
    method: str | None = None,
    partitions: int | None = None,
    page_timeout: float | None = None,
    errors: str | None = None,
    spark=None,
    stderr=None,
) -> int:
    """The command; ``spark`` is an existing session to use (else one is made, then stopped)."""
    stderr = stderr if stderr is not None else sys.stderr
    started = time.monotonic()
    if importlib.util.find_spec("pyspark") is None:
        print("drugparse: spark-convert needs PySpark: pip install 'drugparse[spark]'", file=stderr)
        return EXIT_USAGE
    fmt = fmt or "jsonl"
    method = method or "rdd"
    kind = input_format or _input_format(source)
    if kind is None:
        print(
            f"drugparse: {source}: not a dump, Parquet or JSON Lines input "
            "(name a table with --input-format table)",
            file=stderr,
        )
        return EXIT_USAGE
    single_file = fmt == "jsonl" and output.lower().endswith(".jsonl")
    if Path(output).exists() and not (single_file and Path(output).is_file()):
        print(f"drugparse: {output} exists; not overwriting a Spark output folder", file=stderr)
        return EXIT_USAGE
    if spark is None:
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()  # e.g. in a notebook: use it, leave it running
    own_session = spark is None
    if own_session:
        spark = _session(master, hive=kind == "table")
    try:
        return _convert(
            spark,
            source,
            output,
            kind,
            fmt,
            single_file,
            index,
            where,
            method,
            partitions,
            page_timeout,
            errors,
            stderr,
            started,
        )
    finally:
        if own_session:
            spark.stop()


def _convert(
    spark,
    source,
    output,
    kind,
    fmt,
    single_file,
    index,
    where,
    method,
    partitions,
    page_timeout,
    errors,
    stderr,
    started,
) -> int:
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from drugparse.sources.dump import DumpError
    from drugparse.spark.dataframe import convert_dataframe

    pages_read = spark.sparkContext.accumulator(0) if kind == "dump" else None
    try:
        pages = _pages(spark, source, kind, index, where, partitions, pages_read)
    except (DumpError, OSError, ValueError) as exc:
        print(f"drugparse: {exc}", file=stderr)
        return EXIT_USAGE
    except Exception as exc:  # Spark's AnalysisException: no such table, path or column
        print(f"drugparse: {source}: {type(exc).__name__}: {str(exc).splitlines()[0]}", file=stderr)
        return EXIT_USAGE
    results = convert_dataframe(pages, method=method, page_timeout=page_timeout)
    results = results.persist(StorageLevel.MEMORY_AND_DISK)  # written, then counted
    try:
        ordered = results.orderBy("title", "page_id")
        if fmt == "parquet":
            ordered.write.parquet(output)
        elif single_file:
            _write_lines(output, ordered.where(F.col("record").isNotNull()).select("record"))
        else:
            records = ordered.where(F.col("record").isNotNull()).select("record")
            records.write.text(output)
        failures = results.where(F.col("error_code").isNotNull()).orderBy("title").collect()
        written = results.where(F.col("record").isNotNull()).count()
    finally:
        results.unpersist()
    return _report(failures, written, pages_read, errors, stderr, started)


def _report(failures, written, pages_read, errors, stderr, started) -> int:
    unreadable = failed = 0
    lines = []
    for row in failures:
        if row.error_code == "unreadable_input":
            unreadable += 1
            print(f"drugparse: {row.error_message}", file=stderr)
        else:
            failed += 1
            print(f"drugparse: {row.title}: {row.error_code}: {row.error_message}", file=stderr)
        entry = {
            "title": row.title,
            "page_id": row.page_id,
            "code": row.error_code,
            "message": row.error_message,
        }
        lines.append(json.dumps(entry, ensure_ascii=False) + "\n")
    if errors:
        Path(errors).write_text("".join(lines), "utf-8")
    read = f"{pages_read.value} pages read, " if pages_read is not None else ""
    elapsed = time.monotonic() - started
    print(
        f"drugparse: {read}{written} records written, {failed} failed in {elapsed:.1f} s",
        file=stderr,
    )
    if unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if failed else EXIT_OK


def _write_lines(output: str, records) -> None:
    """One JSON Lines file, written as ``convert -o FILE`` writes one: a failure leaves none."""
    from drugparse.batch.writers import FileWriter

    writer = FileWriter(Path(output))
    try:
        for row in records.toLocalIterator():
            writer.write(None, row.record + "\n")
    except BaseException:
        writer.abort()
        raise
    writer.close()


def _pages(spark, source, kind, index, where, partitions, pages_read):
    if kind == "dump":
        from drugparse.spark.dump import read_multistream

        return read_multistream(
            spark, source, index, drug_pages_only=True, partitions=partitions, pages_read=pages_read
        )
    if kind == "table":
        pages = spark.table(source)
    elif kind == "parquet":
        pages = spark.read.parquet(source)
    else:
        pages = spark.read.json(source)
    if where:
        pages = pages.where(where)
    pages = wikimedia_names(pages)
    if partitions:
        pages = pages.repartition(partitions)
    return pages


def wikimedia_names(pages):
    """Rename Wikimedia's columns (``page_title``...) when the converter's names are absent."""
    from pyspark.sql import functions as F

    columns = set(pages.columns)
    for theirs, ours in WIKIMEDIA_COLUMNS.items():
        if theirs in columns and ours not in columns and theirs != ours:
            pages = pages.withColumnRenamed(theirs, ours)
            columns = (columns - {theirs}) | {ours}
    if "revision_content_slots" in columns and "text" not in columns:
        # mediawiki_content_current_v1: the wikitext is the main slot's body
        pages = pages.withColumn("text", F.col("revision_content_slots")["main"]["content_body"])
    if "title" in columns:
        # Data Lake titles may be written with underscores; dumps and records use spaces.
        pages = pages.withColumn("title", F.regexp_replace("title", "_", " "))
    return pages


def _input_format(source: str) -> str | None:
    path = Path(source)
    name = source.lower().rstrip("/")
    if name.endswith(".bz2") or (path.is_file() and file_compression(path) == "bz2"):
        return "dump"
    if name.endswith(".parquet") or (path.is_dir() and any(path.glob("*.parquet"))):
        return "parquet"
    json_folder = path.is_dir() and any(path.glob("*.json"))
    if name.endswith((".json", ".jsonl", ".ndjson")) or json_folder:
        return "json"
    return None


def _session(master: str | None, hive: bool = False):
    from pyspark.sql import SparkSession

    _worker_path()
    builder = SparkSession.builder.appName("drugparse spark-convert")
    if master:
        builder = builder.master(master)
    builder = builder.config("spark.sql.session.timeZone", "UTC")
    if hive:
        builder = builder.enableHiveSupport()
    return builder.getOrCreate()


def _worker_path() -> None:
    """Local Python workers import drugparse from where this process found it.

    On a cluster, install drugparse on the executors or ship it with
    ``--py-files`` (README: Spark).
    """
    home = str(Path(__file__).resolve().parents[2])
    paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if home not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [home, *paths] if p)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
