"""``drugparse report``: records or pages in, one HTML page (or JSON) out.

Converting on the way, it shows ``convert``'s progress bar (``--no-progress``
to hide it) and ends with its summary line. Exit status: 0 the report is
written (failed pages are part of it), 1 an input broke part way (the report
covers the pages before the damage), 2 bad usage, unreadable input, or the
``report`` extra missing for HTML (``tables`` for DuckDB or Parquet input);
130/143 interrupted by SIGINT/SIGTERM (no report is written); 141 standard
output closed early.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from drugparse.batch.progress import Counts, Progress
from drugparse.cli.signals import Interrupted, interrupts, signal_name
from drugparse.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE, exit_for_signal, write_out
from drugparse.pipeline import DEFAULT_PAGE_TIMEOUT, DEFAULT_PARSER, PageOptions

if TYPE_CHECKING:
    from drugparse.report.inputs import Source
    from drugparse.report.model import ReportBuilder

__all__ = ["add_arguments", "run", "run_report"]


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``drugparse report``."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="RECORDS",
        help="records (.jsonl, .json/.yaml, a folder of them), the tables of `convert` "
        "(drugs.duckdb, OUT.parquet, a folder of <table>.parquet), or anything `convert` reads",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    parser.add_argument(
        "--format", choices=("html", "json"), default="html", help="html (default) or json"
    )
    parser.add_argument(
        "--jobs", type=int, metavar="N", help="worker processes when converting (default: cores)"
    )
    parser.add_argument(
        "--page-timeout",
        type=float,
        default=DEFAULT_PAGE_TIMEOUT,
        metavar="SECONDS",
        help="when converting, a slower page fails with code timeout "
        f"(default: {DEFAULT_PAGE_TIMEOUT:g}; 0: none)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    # For tests: a parse function that blocks on cue (module:function), as in convert.
    parser.add_argument("--parser", default=DEFAULT_PARSER, help=argparse.SUPPRESS)
    return parser


def run(args: argparse.Namespace) -> int:
    """The handler ``drugparse.cli`` calls."""
    return run_report(
        args.inputs,
        output=args.output,
        fmt=args.format,
        jobs=args.jobs,
        page_timeout=args.page_timeout or None,
        progress=False if args.no_progress else None,
        parser=args.parser,
    )


@dataclass(frozen=True)
class _Conversion:
    """How inputs that are not records are converted: as ``convert`` would."""

    jobs: int | None
    page_timeout: float | None
    progress: bool | None
    parser: str


def run_report(
    inputs: list[str],
    *,
    output: str | None = None,
    fmt: str = "html",
    jobs: int | None = None,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
    progress: bool | None = None,
    parser: str = DEFAULT_PARSER,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Read ``inputs``, build the report, write it; the exit status."""
    # Imported here: building the command line (every command) need not load the report.
    from drugparse.report.inputs import RecordFileError, records_in, split_inputs
    from drugparse.report.model import ReportBuilder
    from drugparse.sources.inputs import InputError

    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    if jobs is not None and jobs < 0:
        print("drugparse: --jobs must be 0 or more", file=err)
        return EXIT_USAGE
    if fmt == "html":
        from drugparse.report.html import ReportExtraMissing, require_jinja

        try:
            require_jinja()
        except ReportExtraMissing as exc:
            print(f"drugparse: {exc}", file=err)
            return EXIT_USAGE
    try:
        sources = split_inputs(inputs)
    except InputError as exc:
        print(f"drugparse: {exc}", file=err)
        return EXIT_USAGE
    if output is not None:
        from drugparse.batch.writers import check_writable

        try:  # an output that cannot be written is told before the work
            check_writable(Path(output).parent)
        except OSError as exc:
            print(f"drugparse: cannot write {output}: {exc.strerror}", file=err)
            return EXIT_USAGE
    conversion = _Conversion(jobs, page_timeout, progress, parser)
    builder = ReportBuilder()
    counts = Counts()
    converted = broken = False
    with interrupts():
        try:
            for source in sources:
                if source.kind == "records":
                    for record in records_in(source.argument):
                        builder.add(record)
                        counts.pages_read += 1
                        counts.records += 1
                    continue
                converted = True
                for message in _convert_into(builder, counts, source, conversion):
                    print(f"drugparse: {message}", file=err)
                    broken = True
        except (InputError, RecordFileError) as exc:
            print(f"drugparse: {exc}", file=err)
            return EXIT_USAGE
        except Interrupted as exc:
            print(f"drugparse: interrupted by {signal_name(exc.signum)}", file=err)
            if converted:
                print(counts.summary(), file=err)
            where = output if output is not None else "standard output"
            print(f"drugparse: no report written to {where}", file=err)
            return exit_for_signal(exc.signum)
    if converted:
        print(counts.summary(), file=err)
    report = builder.result(pages_read=counts.pages_read, inputs=inputs)
    if fmt == "json":
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    else:
        from drugparse.report.html import render_html

        text = render_html(report)
    if output is None:
        write_out(out, text)  # a closed pipe is told here (status 141)
    else:
        from drugparse.batch.writers import atomic_write

        try:  # the page appears whole, with the mode the umask gives
            atomic_write(Path(output), text)
        except OSError as exc:
            print(f"drugparse: cannot write {output}: {exc.strerror}", file=err)
            return EXIT_USAGE
    summary = report["summary"]
    print(
        f"drugparse: report of {summary['records']} records from {counts.pages_read} pages "
        f"read, {len(report['worklist'])} worklist rows, {summary['failed_pages']} failed pages",
        file=err,
    )
    return EXIT_FAILED if broken else EXIT_OK


def _convert_into(
    builder: ReportBuilder, counts: Counts, source: Source, conversion: _Conversion
) -> list[str]:
    """Convert one input as ``convert`` does, into ``builder`` and ``counts``; the input
    failures (a dump broken part way)."""
    from drugparse.batch import default_jobs, run_work
    from drugparse.sources.inputs import resolve_inputs, work_items

    resolved = resolve_inputs([source.argument])
    jobs = default_jobs() if conversion.jobs is None else conversion.jobs
    work = work_items(resolved, jobs=jobs)
    options = PageOptions(parser=conversion.parser)
    outcomes = run_work(work, jobs=jobs, options=options, page_timeout=conversion.page_timeout)
    failures = []
    with (
        contextlib.closing(outcomes),
        contextlib.closing(work),
        Progress(counts, enabled=conversion.progress) as bar,
    ):
        for outcome in outcomes:
            counts.pages_read += outcome.pages_read
            counts.nbytes += outcome.nbytes
            if outcome.failure:
                failures.append(outcome.failure.message)
            for result in outcome.results:
                if result.status == "record" and result.record is not None:
                    builder.add(cast(dict[str, Any], result.record))
                    counts.records += 1
                elif result.status == "failed" and result.error is not None:
                    builder.add_failure(result.error)
                    counts.failed += 1
            bar.refresh()
    return failures
