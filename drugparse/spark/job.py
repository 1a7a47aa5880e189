"""A Spark conversion job: where pages come from, how they are converted, where records go.

:class:`SparkJob` describes one run of ``drugparse spark-convert`` as a value;
:func:`run_job` runs it on a session and returns a :class:`JobReport` (the
failed pages, the records written). Printing and exit statuses are the
command's (:mod:`drugparse.cli.spark`).

INPUT is a multistream ``.xml.bz2`` dump (its index beside it or ``index``),
a Parquet folder or file, a JSON Lines file of pages (``title``, ``text``...),
or, with ``input_format="table"``, a metastore table name
(``wmf.mediawiki_wikitext_current``). Wikimedia's column names
(``page_title``, ``revision_text``...) are understood.

OUT: ``records.jsonl`` is one file, the CLI's bytes, sorted by title; any
other name is a Spark output folder: ``part-*`` files of JSON Lines, or with
``fmt="parquet"`` one Parquet folder per table of :mod:`drugparse.tabular`
(``OUT/drugs/``, ``OUT/citations/``...; :mod:`drugparse.spark.tables`).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drugparse.contract import ErrorEntry, error_entry
from drugparse.sources.decompress import file_compression

if TYPE_CHECKING:
    from pyspark import Accumulator, SparkContext
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "INPUT_FORMATS",
    "OUTPUT_FORMATS",
    "WIKIMEDIA_COLUMNS",
    "JobInputError",
    "JobReport",
    "SparkJob",
    "infer_input_format",
    "run_job",
    "session",
    "use_this_python",
    "wikimedia_names",
]

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


@dataclass(frozen=True)
class SparkJob:
    """One ``spark-convert`` run, as a value.

    ``input_format`` None: from ``source``'s name and content
    (:func:`infer_input_format`); ``index``: the dump's multistream index
    (default: beside it); ``where``: an SQL filter on a table;
    ``partitions``: Spark partitions of the pages (default: Spark's);
    ``page_timeout`` None: 5 s, 0: none; ``errors``: a file for the failed
    pages as JSON Lines; ``master``: the Spark master when a session is made;
    ``pages``: a dump is limited to the titles and page ids of this list file.
    """

    source: str
    output: str
    fmt: str = "jsonl"
    input_format: str | None = None
    index: str | None = None
    where: str | None = None
    method: str = "rdd"
    partitions: int | None = None
    page_timeout: float | None = None
    errors: str | None = None
    master: str | None = None
    pages: str | None = None
    #: The parse function (``module:function``), for tests; None: drugparse's own.
    parser: str | None = None

    @property
    def single_file(self) -> bool:
        """``-o records.jsonl``: one file of JSON Lines, not a Spark folder."""
        return self.fmt == "jsonl" and self.output.lower().endswith(".jsonl")


@dataclass(frozen=True)
class JobReport:
    """What a job did: the failed pages and broken inputs, records written, pages read.

    ``pages_read`` is known for a dump only (counted as its streams are read).
    """

    failures: list[ErrorEntry]
    written: int
    pages_read: int | None


class JobInputError(Exception):
    """The job's input cannot be read (no such table, path or column; not a dump)."""


def infer_input_format(source: str) -> str | None:
    """``dump``, ``parquet`` or ``json`` from the name and content; None if it cannot tell."""
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


def run_job(spark: SparkSession, job: SparkJob, input_format: str) -> JobReport:
    """Read, convert, write; raise :class:`JobInputError` when the input cannot be read."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from drugparse.sources.dump import DumpError
    from drugparse.spark.dataframe import convert_dataframe

    pages_read = spark.sparkContext.accumulator(0) if input_format == "dump" else None
    try:
        pages = _pages(spark, job, input_format, pages_read)
    except (DumpError, OSError, ValueError) as exc:
        raise JobInputError(str(exc)) from exc
    except Exception as exc:  # Spark's AnalysisException: no such table, path or column
        message = f"{job.source}: {type(exc).__name__}: {str(exc).splitlines()[0]}"
        raise JobInputError(message) from exc
    results = convert_dataframe(
        pages, method=job.method, page_timeout=job.page_timeout, parser=job.parser
    )
    results = results.persist(StorageLevel.MEMORY_AND_DISK)  # written, then counted
    try:
        rows = results.where(F.col("error_code").isNotNull()).orderBy("title").collect()
        written = results.where(F.col("record").isNotNull()).count()
        # The output last: once it is in place, nothing is left to do.
        ordered = results.orderBy("title", "page_id")
        if job.fmt == "parquet":
            from drugparse.spark.tables import write_tables

            write_tables(ordered.where(F.col("record").isNotNull()), job.output)
        elif job.single_file:
            _write_lines(job.output, ordered.where(F.col("record").isNotNull()).select("record"))
        else:
            records = ordered.where(F.col("record").isNotNull()).select("record")
            records.write.text(job.output)
    finally:
        results.unpersist()
    failures = [
        error_entry(row.title, row.page_id, row.error_code, row.error_message) for row in rows
    ]
    return JobReport(failures, written, pages_read.value if pages_read is not None else None)


def _write_lines(output: str, records: DataFrame) -> None:
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


def _pages(
    spark: SparkSession, job: SparkJob, input_format: str, pages_read: Accumulator[int] | None
) -> DataFrame:
    if input_format == "dump":
        from drugparse.sources.selection import PageSelection
        from drugparse.spark.dump import read_multistream

        return read_multistream(
            spark,
            job.source,
            job.index,
            drug_pages_only=True,
            partitions=job.partitions,
            pages_read=pages_read,
            pages=PageSelection.read(job.pages) if job.pages else None,
        )
    if input_format == "table":
        pages = spark.table(job.source)
    elif input_format == "parquet":
        pages = spark.read.parquet(job.source)
    else:
        pages = spark.read.json(job.source)
    if job.where:
        pages = pages.where(job.where)
    pages = wikimedia_names(pages)
    if job.partitions:
        pages = pages.repartition(job.partitions)
    return pages


def wikimedia_names(pages: DataFrame) -> DataFrame:
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


def session(master: str | None, hive: bool = False) -> SparkSession:
    """A new session for the command (time zone UTC, as the dumps' timestamps).

    On a local or standalone master its Python workers run this interpreter
    (:func:`use_this_python`).
    """
    from pyspark.sql import SparkSession

    _worker_path()
    builder: Any = SparkSession.builder.appName("drugparse spark-convert")
    if master:
        builder = builder.master(master)
    builder = builder.config("spark.sql.session.timeZone", "UTC")

    if hive:
        builder = builder.enableHiveSupport()
    made: SparkSession = builder.getOrCreate()
    use_this_python(made.sparkContext)
    return made


#: Masters whose executors run on machines that may share this one's interpreter path.
_SAME_PYTHON_MASTERS = ("local", "spark://")


def use_this_python(sc: SparkContext) -> str:
    """Make the Python workers of a local or standalone session run this interpreter.

    PySpark starts ``python3`` from the executors' ``PATH`` unless ``PYSPARK_PYTHON``
    (or ``spark.pyspark.python``) names one; a ``drugparse`` installed by
    ``pipx`` or in a virtual environment that is not activated then fails on every
    task with ``No module named 'mwparserfromhell'``. On ``local[...]`` and
    ``spark://`` masters, with neither set, the workers run :data:`sys.executable`
    and find this drugparse first on their ``PYTHONPATH``. YARN and Kubernetes
    masters are left alone: there the executors' Python is the job's to ship
    (README: Spark). Returns the interpreter the workers will run.
    """
    chosen = os.environ.get("PYSPARK_PYTHON") or sc.getConf().get("spark.pyspark.python")
    if chosen:
        sc.pythonExec = chosen
        return chosen
    if not (sc.master or "").startswith(_SAME_PYTHON_MASTERS):
        return str(sc.pythonExec)
    sc.pythonExec = sys.executable
    home = _home()
    paths = sc.environment.get("PYTHONPATH", "").split(os.pathsep)
    if home not in paths:
        sc.environment["PYTHONPATH"] = os.pathsep.join(p for p in [home, *paths] if p)
    return sys.executable


def _home() -> str:
    """The folder this drugparse package is imported from."""
    return str(Path(__file__).resolve().parents[2])


def _worker_path() -> None:
    """Local Python workers import drugparse from where this process found it.

    On a cluster, install drugparse on the executors or ship it (README: Spark).
    """
    home = _home()
    paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if home not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [home, *paths] if p)
