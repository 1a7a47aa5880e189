"""``drugparse report``: records or pages in, one HTML page (or JSON) out.

Exit status: 0 the report is written (failed pages are part of it), 1 an
input broke part way (the report covers the pages before the damage), 2 bad
usage, unreadable input, or the ``report`` extra missing for HTML.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any, TextIO, cast

from drugparse.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from drugparse.pipeline import DEFAULT_PAGE_TIMEOUT
from drugparse.report.inputs import RecordFileError, Source, records_in, split_inputs
from drugparse.report.model import ReportBuilder

__all__ = ["add_arguments", "run", "run_report"]


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of ``drugparse report``."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="RECORDS",
        help="records (.jsonl, .json/.yaml, a folder of them) or anything `convert` reads",
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
        help="when converting, a slower page fails with code timeout (0: none)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """The handler ``drugparse.cli`` calls."""
    return run_report(
        args.inputs,
        output=args.output,
        fmt=args.format,
        jobs=args.jobs,
        page_timeout=args.page_timeout or None,
    )


def run_report(
    inputs: list[str],
    *,
    output: str | None = None,
    fmt: str = "html",
    jobs: int | None = None,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Read ``inputs``, build the report, write it; the exit status."""
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
    builder = ReportBuilder()
    pages_read = 0
    broken = False
    try:
        for source in sources:
            if source.kind == "records":
                for record in records_in(source.argument):
                    builder.add(record)
                    pages_read += 1
                continue
            read, messages = _convert_into(builder, source, jobs, page_timeout)
            pages_read += read
            for message in messages:
                print(f"drugparse: {message}", file=err)
                broken = True
    except (InputError, RecordFileError) as exc:
        print(f"drugparse: {exc}", file=err)
        return EXIT_USAGE
    report = builder.result(pages_read=pages_read, inputs=inputs)
    if fmt == "json":
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    else:
        from drugparse.report.html import render_html

        text = render_html(report)
    if output is None:
        out.write(text)
    else:
        try:
            Path(output).write_text(text, "utf-8")
        except OSError as exc:
            print(f"drugparse: cannot write {output}: {exc.strerror}", file=err)
            return EXIT_USAGE
    summary = report["summary"]
    print(
        f"drugparse: report of {summary['records']} records from {pages_read} pages read, "
        f"{len(report['worklist'])} worklist rows, {summary['failed_pages']} failed pages",
        file=err,
    )
    return EXIT_FAILED if broken else EXIT_OK


def _convert_into(
    builder: ReportBuilder, source: Source, jobs: int | None, page_timeout: float | None
) -> tuple[int, list[str]]:
    """Convert one input as ``convert`` does, into ``builder``: (pages read, input failures)."""
    from drugparse.batch import default_jobs, run_work
    from drugparse.sources.inputs import resolve_inputs, work_items

    resolved = resolve_inputs([source.argument])
    jobs = default_jobs() if jobs is None else jobs
    work = work_items(resolved, jobs=jobs)
    outcomes = run_work(work, jobs=jobs, page_timeout=page_timeout)
    pages_read = 0
    failures = []
    with contextlib.closing(outcomes), contextlib.closing(work):
        for outcome in outcomes:
            pages_read += outcome.pages_read
            if outcome.failure:
                failures.append(outcome.failure.message)
            for result in outcome.results:
                if result.status == "record" and result.record is not None:
                    builder.add(cast(dict[str, Any], result.record))
                elif result.status == "failed" and result.error is not None:
                    builder.add_failure(result.error)
    return pages_read, failures
