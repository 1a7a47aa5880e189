"""``drugparse spark-convert``: a dump or a table of pages to drug records, on Spark.

    drugparse spark-convert enwiki-multistream.xml.bz2 -o records.jsonl --master 'local[*]'
    drugparse spark-convert pages.parquet -o tables/ --format parquet
    spark-submit .../drugparse/cli/spark.py ...       # see README: Spark

The job is :class:`drugparse.spark.job.SparkJob`; this module reads the
command line into one, checks it (a conflict is a usage error that says what
to use instead, told before Spark starts), runs it and reports as ``drugparse
convert`` does: failed pages on standard error (and in ``--errors FILE`` as
JSON Lines), a summary line, and the exit status 0 all good, 1 some pages
failed, 2 bad usage or unreadable input, 130/143 interrupted by SIGINT/SIGTERM.
Outputs appear whole or not at all: ``-o records.jsonl`` and ``--errors`` are
renamed into place at the end; a Spark output folder the run made is removed
when the run does not complete.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import math
import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from drugparse import __version__
from drugparse.cli.convert import UsageError
from drugparse.cli.signals import Interrupted, Interrupts, interrupts, signal_name
from drugparse.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE, exit_for_signal
from drugparse.pipeline import DEFAULT_PAGE_TIMEOUT
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

__all__ = [
    "DESCRIPTION",
    "EXAMPLES",
    "add_arguments",
    "check_job",
    "job_of",
    "main",
    "run",
    "run_spark_convert",
]

DESCRIPTION = "Convert a MediaWiki dump or a table of pages to drug records on Apache Spark."

EXAMPLES = """\
examples:
  drugparse spark-convert enwiki-multistream.xml.bz2 -o drugs.jsonl --master 'local[*]'
  drugparse spark-convert pages.parquet -o tables --format parquet --errors failed.jsonl
  drugparse spark-convert wmf.mediawiki_wikitext_current --input-format table \\
    --where "snapshot = '2024-05' AND wiki_db = 'enwiki'" -o hdfs:///user/me/drug-records

output:
  -o FILE.jsonl  one JSON Lines file, sorted by title (the lines of `drugparse convert`)
  -o DIR         a Spark folder of part files (a name without an extension, or ending in /);
                 with --format parquet one Parquet folder per table (DIR/drugs/...)
Files appear whole, with the mode your umask gives; on SIGINT/SIGTERM, or when the run
fails, nothing is left of an output it did not complete, and the status is 130/143.

exit status: 0 all good, 1 some pages failed, 2 bad usage or unreadable input.
"""


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
        help="records.jsonl (one file) or a folder (Spark part files, or tables)",
    )
    parser.add_argument(
        "--master", help="Spark master, e.g. local[*] (default: spark-submit's, else local[*])"
    )
    parser.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        help="jsonl (default) or parquet (the tables of convert --format parquet, a folder each)",
    )
    parser.add_argument(
        "--input-format", choices=INPUT_FORMATS, help="default: from INPUT's name and content"
    )
    parser.add_argument("--index", help="the dump's multistream index (default: beside it)")
    parser.add_argument(
        "--where", help="SQL filter on a table of pages, e.g. \"wiki_db = 'enwiki'\""
    )
    parser.add_argument(
        "--pages", metavar="FILE", help="a dump: only these titles or page ids (one a line)"
    )
    parser.add_argument(
        "--method",
        choices=("arrow", "rdd"),
        help="RDD mapPartitions (default: rdd, measured faster) or mapInArrow",
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
        help=f"a slower page fails with code timeout (default: {DEFAULT_PAGE_TIMEOUT:g}; "
        "0: no limit)",
    )
    parser.add_argument(
        "--errors", metavar="FILE", help="write failed pages here as JSON Lines (default: none)"
    )
    # For tests: a parse function that blocks on cue (module:function), as in convert.
    parser.add_argument("--parser", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """``spark-submit drugparse/cli/spark.py ...``: the command without ``drugparse``."""
    parser = argparse.ArgumentParser(
        prog="drugparse spark-convert",
        description=DESCRIPTION,
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"drugparse {__version__}")
    add_arguments(parser)
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return run(parser.parse_args(arguments))


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
        parser=args.parser,
    )


def run(args: argparse.Namespace) -> int:
    return run_spark_convert(job_of(args))


def run_spark_convert(
    job: SparkJob, *, spark: SparkSession | None = None, stderr: TextIO | None = None
) -> int:
    """The command; ``spark`` is an existing session to use (else one is made, then stopped)."""
    stderr = stderr if stderr is not None else sys.stderr
    started = time.monotonic()
    try:
        input_format = check_job(job)
    except UsageError as exc:
        print(f"drugparse: {exc}", file=stderr)
        return EXIT_USAGE
    if importlib.util.find_spec("pyspark") is None:
        print("drugparse: spark-convert needs PySpark: pip install 'drugparse[spark]'", file=stderr)
        return EXIT_USAGE
    own_session = completed = False
    previous = _identity(job.output)
    with interrupts() as held:
        try:
            if spark is None:
                from pyspark.sql import SparkSession

                spark = SparkSession.getActiveSession()  # in a notebook: use it, leave it running
                own_session = spark is None
            if spark is None:
                spark = session(job.master, hive=input_format == "table")
            _take_sigint_back(held)
            try:
                report = run_job(spark, job, input_format)
            except JobInputError as exc:
                print(f"drugparse: {exc}", file=stderr)
                return EXIT_USAGE
            held.ignore()  # the output is complete: a signal now waits for the report
            if not job.single_file and _is_local(job.output):
                _give_umask_modes(Path(job.output))
            status = _report(report, job.errors, stderr, started)
            completed = True
            return status
        except (Interrupted, KeyboardInterrupt) as exc:
            held.ignore()  # the clean-up below is short; a second signal waits for it
            signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
            _discard(job)
            elapsed = time.monotonic() - started
            print(
                f"drugparse: interrupted by {signal_name(signum)} after {elapsed:.1f} s",
                file=stderr,
            )
            errors = f" nor {job.errors}" if job.errors else ""
            if _identity(job.output) not in (None, previous):  # renamed into place just before
                unwritten = f"; {job.errors} was not written" if job.errors else ""
                print(
                    f"drugparse: {job.output} was written whole before the interrupt{unwritten}",
                    file=stderr,
                )
            else:
                print(
                    f"drugparse: {job.output} was not written{errors} (a file written before "
                    "is left as it was); run the same command again to convert the input",
                    file=stderr,
                )
            return exit_for_signal(signum)
        finally:
            held.ignore()
            if not completed:
                _discard(job)
            if own_session and spark is not None:
                _stop(spark, interrupted=held.signum is not None)


#: Seconds an interrupted run waits for its session to stop (its jobs cancelled) before exiting.
_STOP_WAIT = 60.0


def _stop(spark: SparkSession, *, interrupted: bool) -> None:
    """Stop the session the command made.

    After an interrupt, from another thread: the signal broke off a call to the JVM on
    this thread's connection (PySpark pins one per thread), whose answer would be read
    as the next call's. The JVM also ends when this process does.
    """
    if not interrupted:
        spark.stop()
        return

    def stop() -> None:
        with contextlib.suppress(Exception):
            spark.stop()

    stopping = threading.Thread(target=stop, name="drugparse-spark-stop", daemon=True)
    stopping.start()
    stopping.join(_STOP_WAIT)


def _take_sigint_back(held: Interrupts) -> None:
    """PySpark's context installs its own SIGINT handler (cancel the jobs, raise
    KeyboardInterrupt); the command's handler is put back, so SIGINT ends it as SIGTERM does
    (stopping the session cancels the jobs)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, held.handler)


def _identity(output: str) -> tuple[int, int] | None:
    """The file at ``output`` (inode, modification time), None if there is none."""
    try:
        found = os.stat(output)
    except OSError:
        return None
    return (found.st_ino, found.st_mtime_ns)


def _is_local(output: str) -> bool:
    return "://" not in output and not output.startswith("file:")


def _discard(job: SparkJob) -> None:
    """Remove a Spark output folder the run made but did not complete (no half of one is
    left; a remote folder is left to its file system's tools). ``-o FILE.jsonl`` and
    ``--errors`` need nothing: they are renamed into place only when complete."""
    if job.single_file or not _is_local(job.output):
        return
    shutil.rmtree(job.output, ignore_errors=True)


def _give_umask_modes(folder: Path) -> None:
    """Files and folders of a local Spark output get the modes the umask gives.

    Hadoop's local file system makes them 0644 and 0755 whatever the umask (its
    ``fs.permissions.umask-mask`` setting did not change that here, PySpark 4.3), so
    under umask 027 the records would be readable by every user of the machine.
    """
    from drugparse.batch.writers import umask

    mask = umask()
    os.chmod(folder, 0o777 & ~mask)
    for root, folders, files in os.walk(folder):
        for name in folders:
            os.chmod(os.path.join(root, name), 0o777 & ~mask)
        for name in files:
            os.chmod(os.path.join(root, name), 0o666 & ~mask)


def check_job(job: SparkJob) -> str:
    """The input format, once the options are known to fit together (before Spark starts);
    :class:`UsageError` saying what to use instead when they do not."""
    output, fmt = job.output, job.fmt
    if output == "-":
        raise UsageError(
            "spark-convert writes files, not standard output: give -o records.jsonl or -o DIR"
        )
    name = output.rstrip("/")
    suffix = Path(name).suffix.lower() if not output.endswith("/") else ""
    if suffix == ".jsonl" and fmt == "parquet":
        raise UsageError(
            f"-o {output} holds JSON Lines, not parquet: leave out --format parquet, or give "
            f"a folder for the tables: -o {name[: -len(suffix)]}"
        )
    if suffix not in ("", ".jsonl"):
        raise UsageError(
            f"-o {output}: spark-convert writes records.jsonl (one file) or a folder; "
            f"for a folder of that name write -o {name}/"
        )
    timeout = job.page_timeout
    if timeout is not None and (math.isnan(timeout) or math.isinf(timeout) or timeout < 0):
        raise UsageError(
            f"--page-timeout {timeout:g}: give the seconds a page may take, or 0 for no limit"
        )
    if job.partitions is not None and job.partitions < 1:
        raise UsageError(
            f"--partitions {job.partitions}: give 1 or more, or leave it out for Spark's"
        )
    if job.errors and os.path.abspath(job.errors) == os.path.abspath(output):
        raise UsageError("--errors and -o name the same file: give --errors another name")
    input_format = job.input_format or infer_input_format(job.source)
    if input_format is None:
        raise UsageError(
            f"{job.source}: not a dump, Parquet or JSON Lines input "
            "(name a table with --input-format table)"
        )
    if job.where and input_format == "dump":
        raise UsageError(
            "--where filters a table of pages (Parquet, JSON Lines, a metastore table); "
            "a dump is read whole: leave out --where"
        )
    if job.index and input_format != "dump":
        raise UsageError(
            f"--index is a multistream dump's index; {job.source} is read as {input_format}: "
            "leave out --index"
        )
    if (
        _is_local(output)
        and Path(output).exists()
        and not (job.single_file and Path(output).is_file())
    ):
        raise UsageError(f"{output} exists; not overwriting a Spark output folder: remove it first")
    for path, what in ((output, "-o"), (job.errors, "--errors")):
        if path and _is_local(path) and (what == "--errors" or job.single_file):
            _check_writable(Path(path))
    return input_format


def _check_writable(path: Path) -> None:
    from drugparse.batch.writers import check_writable

    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # made when the file is written
    try:
        check_writable(folder)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from exc


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
        from drugparse.batch.writers import atomic_write

        atomic_write(Path(errors), "".join(lines))  # whole, with the umask's mode
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
