"""``drugparse spark-convert``: a dump or a table of pages to drug records, on Spark.

    drugparse spark-convert enwiki-multistream.xml.bz2 -o records.jsonl --master 'local[*]'
    drugparse spark-convert pages.parquet -o tables/ --format parquet
    spark-submit .../drugparse/cli/spark.py ...       # see README: Spark

The job is :class:`drugparse.spark.job.SparkJob`; this module reads the
command line into one, runs it and reports as ``drugparse convert`` does:
failed pages on standard error (and in ``--errors FILE`` as JSON Lines), a
summary line, and the exit status 0 all good, 1 some pages failed, 2 bad
usage or unreadable input.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from drugparse.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from drugparse.spark.job import (
    INPUT_FORMATS,
    OUTPUT_FORMATS,
    JobInputError,
    JobReport,
    SparkJob,
    infer_input_format,
    run_job,
    session,
)

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["add_arguments", "job_of", "main", "run", "run_spark_convert"]


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
        help="jsonl (default) or parquet (the tables of convert --format parquet, a folder each)",
    )
    parser.add_argument(
        "--input-format", choices=INPUT_FORMATS, help="default: from INPUT's name and content"
    )
    parser.add_argument("--index", help="the dump's multistream index (default: beside it)")
    parser.add_argument("--where", help="SQL filter on a table, e.g. \"wiki_db = 'enwiki'\"")
    parser.add_argument(
        "--pages", metavar="FILE", help="a dump: only these titles or page ids (one a line)"
    )
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


def job_of(args: argparse.Namespace) -> SparkJob:
    """The job a parsed command line describes."""
    return SparkJob(
        args.input,
        args.output,
        fmt=args.format or "jsonl",
        input_format=args.input_format,
        index=args.index,
        where=args.where,
        method=args.method or "rdd",
        partitions=args.partitions,
        page_timeout=args.page_timeout,
        errors=args.errors,
        master=args.master,
        pages=args.pages,
    )


def run(args: argparse.Namespace) -> int:
    return run_spark_convert(job_of(args))


def run_spark_convert(
    job: SparkJob, *, spark: SparkSession | None = None, stderr: TextIO | None = None
) -> int:
    """The command; ``spark`` is an existing session to use (else one is made, then stopped)."""
    stderr = stderr if stderr is not None else sys.stderr
    started = time.monotonic()
    if importlib.util.find_spec("pyspark") is None:
        print("drugparse: spark-convert needs PySpark: pip install 'drugparse[spark]'", file=stderr)
        return EXIT_USAGE
    input_format = job.input_format or infer_input_format(job.source)
    if input_format is None:
        print(
            f"drugparse: {job.source}: not a dump, Parquet or JSON Lines input "
            "(name a table with --input-format table)",
            file=stderr,
        )
        return EXIT_USAGE
    output = Path(job.output)
    if output.exists() and not (job.single_file and output.is_file()):
        print(f"drugparse: {job.output} exists; not overwriting a Spark output folder", file=stderr)
        return EXIT_USAGE
    if spark is None:
        from pyspark.sql import SparkSession

        spark = SparkSession.getActiveSession()  # e.g. in a notebook: use it, leave it running
    own_session = spark is None
    if spark is None:
        spark = session(job.master, hive=input_format == "table")
    try:
        try:
            report = run_job(spark, job, input_format)
        except JobInputError as exc:
            print(f"drugparse: {exc}", file=stderr)
            return EXIT_USAGE
        return _report(report, job.errors, stderr, started)
    finally:
        if own_session:
            spark.stop()


def _report(report: JobReport, errors: str | None, stderr: TextIO, started: float) -> int:
    unreadable = failed = 0
    lines = []
    for entry in report.failures:
        if entry["code"] == "unreadable_input":
            unreadable += 1
            print(f"drugparse: {entry['message']}", file=stderr)
        else:
            failed += 1
            print(f"drugparse: {entry['title']}: {entry['code']}: {entry['message']}", file=stderr)
        lines.append(json.dumps(entry, ensure_ascii=False) + "\n")
    if errors:
        Path(errors).write_text("".join(lines), "utf-8")
    read = f"{report.pages_read} pages read, " if report.pages_read is not None else ""
    elapsed = time.monotonic() - started
    print(
        f"drugparse: {read}{report.written} records written, {failed} failed in {elapsed:.1f} s",
        file=stderr,
    )
    if unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if failed else EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
