"""``drugparse convert``: inputs -> work -> results -> writers, counts, exit status.

The library does the work (:mod:`drugparse.sources.inputs` reads,
:mod:`drugparse.batch` converts); this module checks the options (a
conflict is a usage error that says what to use instead), chooses the
writers (the format of ``-o FILE`` follows its extension:
:data:`OUTPUT_FILES`), prints failures and the summary, ends cleanly on
SIGINT/SIGTERM, and turns what happened into the exit status of
:mod:`drugparse.cli.status`.
"""

from __future__ import annotations

import json
import math
import os
import signal
import sys
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, TextIO

from drugparse import write
from drugparse.batch import Outcome, default_jobs, run_work
from drugparse.batch.progress import Counts, Progress, plural
from drugparse.batch.writers import DirectoryWriter, FileWriter, StreamWriter
from drugparse.cli.signals import Interrupted, Interrupts, interrupts
from drugparse.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE, exit_for_signal
from drugparse.contract import DEFAULT_PAGE_TIMEOUT, RecordWriter, error_entry
from drugparse.pipeline import DEFAULT_PARSER, PageOptions, PageResult
from drugparse.sources.inputs import (
    Input,
    InputError,
    PageBatch,
    StandardInput,
    WikitextFile,
    WorkItem,
    looks_like_dump,
    resolve_inputs,
    work_items,
)
from drugparse.sources.pages import Page
from drugparse.sources.selection import PageSelection

__all__ = [
    "OUTPUT_FILES",
    "TABLE_FORMATS",
    "ConvertOptions",
    "OutputFile",
    "UsageError",
    "run_convert",
]

#: Formats that write the tables of :mod:`drugparse.tabular` instead of records.
TABLE_FORMATS = ("parquet", "duckdb")


@dataclass(frozen=True)
class ConvertOptions:
    """Everything ``drugparse convert`` was asked to do (its command line, as a value).

    ``fmt`` None: from ``output``'s name, else YAML; ``jobs`` None: every
    core; ``progress`` None: a bar when standard error is a terminal;
    ``page_timeout`` None or 0: no limit (with ``jobs=0`` an alarm keeps it, between
    bytecodes); ``pages``: a list file of titles or page ids (``--pages``).
    """

    inputs: tuple[str, ...]
    output: str | None = None
    fmt: str | None = None
    jobs: int | None = None
    errors: str | None = None
    progress: bool | None = None
    fail_fast: bool = False
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT
    resume: bool = False
    title: str | None = None
    parser: str = DEFAULT_PARSER
    pages: str | None = None


@dataclass(frozen=True)
class OutputFile:
    """What ``-o NAME.ext`` holds: the records' format and how they share one file."""

    fmt: str
    #: For messages: "-o x.jsonl holds JSON Lines".
    holds: str
    #: Makes the writer for the path (a table output would bring its own).
    writer: Callable[[Path], RecordWriter]


def _lines(path: Path) -> RecordWriter:
    return FileWriter(path)


def _array(path: Path) -> RecordWriter:
    return FileWriter(path, array=True)


def _documents(path: Path) -> RecordWriter:
    return FileWriter(path, separator="---\n")


def _parquet_files(path: Path) -> RecordWriter:
    """``-o OUT.parquet``: the ``drugs`` table there, each other as ``OUT.<table>.parquet``."""
    from drugparse.tabular.sinks import ParquetWriter, parquet_paths

    return ParquetWriter(parquet_paths(path, folder=False))


def _parquet_folder(path: Path) -> RecordWriter:
    """``-o DIR --format parquet``: ``DIR/<table>.parquet``."""
    from drugparse.tabular.sinks import ParquetWriter, parquet_paths

    return ParquetWriter(parquet_paths(path, folder=True))


def _duckdb(path: Path) -> RecordWriter:
    from drugparse.tabular.sinks import DuckDBWriter

    return DuckDBWriter(path)


#: ``-o`` file extensions, each a row: what goes in such a file and who writes it.
OUTPUT_FILES: dict[str, OutputFile] = {
    ".jsonl": OutputFile("jsonl", "JSON Lines", _lines),
    ".json": OutputFile("json", "one JSON array", _array),
    ".yaml": OutputFile("yaml", "YAML documents", _documents),
    ".yml": OutputFile("yaml", "YAML documents", _documents),
    ".parquet": OutputFile("parquet", "Parquet tables", _parquet_files),
    ".duckdb": OutputFile("duckdb", "a DuckDB database", _duckdb),
}
_SUFFIX_OF = {
    "jsonl": ".jsonl",
    "json": ".json",
    "yaml": ".yaml",
    "parquet": ".parquet",
    "duckdb": ".duckdb",
}


class UsageError(Exception):
    """Options that conflict or mean nothing; the message says what to use instead."""


@dataclass(frozen=True)
class _Plan:
    inputs: list[Input]
    fmt: str
    jobs: int
    single: bool  # one page to standard output: no summary line
    output_file: OutputFile | None  # -o FILE
    folder: bool  # -o DIR
    selection: PageSelection | None  # --pages


def run_convert(
    options: ConvertOptions,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """``drugparse convert``: the exit status 0, 1 or 2 of record-format.md (130/143 when
    interrupted by SIGINT/SIGTERM)."""
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    stdin_stream = None
    if "-" in options.inputs:
        stdin_stream = _peekable(stdin if stdin is not None else sys.stdin.buffer)
    try:
        plan = _plan(options, stdin_stream)
    except (InputError, UsageError) as exc:
        print(f"drugparse: {exc}", file=stderr)
        return EXIT_USAGE
    output = options.output
    writer: RecordWriter | None = None
    error_log: FileWriter | None = None
    try:  # every output is opened (and checked writable) before any work starts
        if output is None:
            separator = "---\n" if plan.fmt == "yaml" else ""
            writer = StreamWriter(stdout, separator=separator)
        elif plan.output_file is not None:
            writer = plan.output_file.writer(Path(output))
        elif plan.fmt == "parquet":
            writer = _parquet_folder(Path(output))
        else:
            suffix = write.FILE_SUFFIX[plan.fmt]
            writer = DirectoryWriter(Path(output), suffix, resume=options.resume)
        error_log = FileWriter(Path(options.errors)) if options.errors else None
    except OSError as exc:
        if writer is not None:
            writer.abort()
        print(f"drugparse: cannot write {exc.filename or output}: {exc.strerror}", file=stderr)
        return EXIT_USAGE
    except ImportError as exc:  # the tables extra is not installed
        print(f"drugparse: {exc}", file=stderr)
        return EXIT_USAGE
    run = _Run(options, plan, writer, error_log, stderr)
    with interrupts() as held:
        status = run.go(stdin_stream, held)
    return status


class _Run:
    """One convert run: the loop over outcomes, its counts, and how it ends."""

    def __init__(
        self,
        options: ConvertOptions,
        plan: _Plan,
        writer: RecordWriter,
        error_log: FileWriter | None,
        stderr: TextIO,
    ) -> None:
        self.options = options
        self.plan = plan
        self.writer = writer
        self.error_log = error_log
        self.stderr = stderr
        self.counts = Counts()
        self.unreadable = False

    def go(self, stdin: BinaryIO | None, interrupts: Interrupts) -> int:
        options, plan = self.options, self.plan
        work = work_items(plan.inputs, jobs=plan.jobs, stdin=stdin, selection=plan.selection)
        if options.title is not None:
            work = _titled(work, options.title)
        # Tables are built in this process from the JSON Lines text of each record.
        fmt = "jsonl" if plan.fmt in TABLE_FORMATS else plan.fmt
        page_options = PageOptions(fmt=fmt, keep_record=False, parser=options.parser)
        outcomes = run_work(
            work, jobs=plan.jobs, options=page_options, page_timeout=options.page_timeout
        )
        ending = "failed"
        interrupted: Interrupted | None = None
        try:
            with Progress(self.counts, enabled=options.progress) as bar:
                for outcome in outcomes:
                    with interrupts.deferred():
                        stop = self._take(outcome)
                    bar.refresh()
                    if stop:
                        break
            ending = "completed"
        except Interrupted as exc:
            interrupted, ending = exc, "interrupted"
        except OSError as exc:
            if isinstance(exc, BrokenPipeError) or exc.filename is None:
                raise  # standard output closed: cli.main ends quietly
            print(f"drugparse: cannot write {exc.filename}: {exc.strerror}", file=self.stderr)
            self.unreadable = True
            ending = "write_failed"
        finally:
            interrupts.ignore()  # the clean-up below is short; a second Ctrl-C waits for it
            outcomes.close()
            work.close()
            self._end(ending)
        if interrupted is not None:
            self._report_interrupt(interrupted.signum)
            return exit_for_signal(interrupted.signum)
        if not plan.single or self.options.output is not None:
            print(self.counts.summary(), file=self.stderr)
        if ending == "write_failed":
            self._report_kept()
        if self.unreadable:
            return EXIT_USAGE
        return EXIT_FAILED if self.counts.failed else EXIT_OK

    def _take(self, outcome: Outcome) -> bool:
        """Write one outcome's records and report its failures; True to stop (``--fail-fast``)."""
        counts = self.counts
        counts.pages_read += outcome.pages_read
        counts.nbytes += outcome.nbytes
        if outcome.failure:
            self.unreadable = True
            failure = outcome.failure
            print(f"drugparse: {failure.message}", file=self.stderr)
            entry = error_entry(
                None, None, "unreadable_input", failure.message, source=failure.origin
            )
            self._log(entry)
            if self.options.fail_fast:
                return True
        for taken, result in enumerate(outcome.results, 1):
            if result.status == "record":
                self.writer.write(result.title, result.text or "")
                counts.records += 1
            elif result.status == "failed":
                counts.failed += 1
                self._report(result)
                if self.options.fail_fast:
                    # The pages after it in this unit of work are not counted as read.
                    counts.pages_read -= len(outcome.results) - taken
                    return True
        if isinstance(self.writer, DirectoryWriter):
            counts.kept = self.writer.kept
            counts.records = self.writer.written
        return False

    def _report(self, result: PageResult) -> None:
        message = result.message or ""
        name = result.name
        if message.startswith(f"{name}: "):  # a ParseError names its page already
            message = message[len(name) + 2 :]
        print(f"drugparse: {name}: {result.code}: {message}", file=self.stderr)
        if result.error is not None:
            self._log(result.error)

    def _log(self, entry: object) -> None:
        if self.error_log is not None:
            self.error_log.write(None, json.dumps(entry, ensure_ascii=False) + "\n")

    def _end(self, ending: str) -> None:
        for sink in (self.writer, self.error_log):
            if sink is None:
                continue
            try:
                if ending == "completed":
                    sink.close()
                elif ending == "interrupted":
                    sink.keep()
                else:
                    sink.abort()
            except OSError as exc:
                if isinstance(exc, BrokenPipeError) or exc.filename is None:
                    raise
                message = f"drugparse: cannot write {exc.filename}: {exc.strerror}"
                print(message, file=self.stderr)
                self.unreadable = True

    def _report_interrupt(self, signum: int) -> None:
        name = signal.Signals(signum).name
        print(f"drugparse: interrupted by {name}", file=self.stderr)
        print(self.counts.summary(), file=self.stderr)
        self._report_kept()
        if self.error_log is not None:
            print(
                f"drugparse: the pages that failed so far are in {self.options.errors}",
                file=self.stderr,
            )

    def _report_kept(self) -> None:
        """Say what the output holds after a run that did not complete."""
        output, counts = self.options.output, self.counts
        if output is None:
            return
        if self.plan.folder:
            whole = counts.records + counts.kept
            print(
                f"drugparse: {plural(whole, 'record')} in {output} (each file whole); "
                "run the same command with --resume to go on",
                file=self.stderr,
            )
        elif self.plan.output_file is not None:
            kept = isinstance(self.writer, FileWriter) and self.writer.path.exists()
            if kept and not self.unreadable:
                print(
                    f"drugparse: {output} holds the {plural(counts.records, 'record')} "
                    "converted before the interrupt, each whole; the rest of the input "
                    "was not converted",
                    file=self.stderr,
                )
                return
            print(f"drugparse: {output} was not written", file=self.stderr)


# --- options ------------------------------------------------------------------------


def _plan(options: ConvertOptions, stdin: BinaryIO | None) -> _Plan:
    """Check the options against each other and the inputs; raise UsageError or InputError."""
    timeout = options.page_timeout
    if timeout is not None and (math.isnan(timeout) or timeout < 0 or math.isinf(timeout)):
        raise UsageError(
            f"--page-timeout {timeout:g}: give the seconds a page may take, or 0 for no limit"
        )
    if options.jobs is not None and options.jobs < 0:
        raise UsageError(f"--jobs {options.jobs}: give 1 or more worker processes, or 0 for none")
    output_file, folder, fmt = _output_kind(options.output, options.fmt)
    if fmt in TABLE_FORMATS:
        _check_table_output(fmt, options.output, folder, options.resume)
    if options.resume and not folder:
        raise UsageError(
            "--resume goes on with an interrupted -o DIR run: give -o DIR "
            "(a file or standard output is written whole each time)"
        )
    errors, output = options.errors, options.output
    if errors and output and os.path.abspath(errors) == os.path.abspath(output):
        raise UsageError("--errors and -o name the same file: give --errors another name")
    inputs = resolve_inputs(options.inputs)
    stdin_dump = stdin is not None and looks_like_dump(stdin.peek(512)[:512])  # type: ignore[attr-defined]
    one_page = len(inputs) == 1 and (
        isinstance(inputs[0], WikitextFile)
        or (isinstance(inputs[0], StandardInput) and not stdin_dump)
    )
    if options.title is not None and not one_page:
        what = f"{len(inputs)} inputs" if len(inputs) > 1 else "a folder or a dump"
        raise UsageError(
            f"--title names the page of one wikitext file or of standard input; "
            f"with {what} each page has its own title: leave out --title"
        )
    selection = None
    if options.pages is not None:
        try:
            selection = PageSelection.read(options.pages)
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--pages {options.pages}: {exc}") from exc
    jobs = default_jobs() if options.jobs is None else options.jobs
    if one_page:
        jobs = 0  # one page: converted here, no worker to start (the time limit is an alarm)
    single = one_page and options.output is None
    return _Plan(inputs, fmt, jobs, single, output_file, folder, selection)


def _check_table_output(fmt: str, output: str | None, folder: bool, resume: bool) -> None:
    """Tables are files: they need ``-o``, are written whole, and DuckDB is one file."""
    if output is None or output == "-":
        raise UsageError(
            f"--format {fmt} writes files, not standard output: give -o (a folder or OUT.{fmt})"
        )
    if resume:
        raise UsageError(
            "--resume goes on with record files of -o DIR; tables are written whole: "
            "leave out --resume"
        )
    if fmt == "duckdb" and folder:
        raise UsageError(
            f"-o {output} is a folder; --format duckdb writes one database file: "
            "give -o drugs.duckdb"
        )


def _output_kind(output: str | None, fmt: str | None) -> tuple[OutputFile | None, bool, str]:
    """``-o``'s kind: (the file kind, None for a folder or no -o; is a folder; the format)."""
    if output is None:
        return None, False, fmt or "yaml"
    path = Path(output)
    suffix = path.suffix.lower()
    if output.endswith(("/", os.sep)) or path.is_dir() or not suffix:
        return None, True, fmt or "yaml"
    kind = OUTPUT_FILES.get(suffix)
    if kind is None:
        known = ", ".join(OUTPUT_FILES)
        raise UsageError(
            f"-o {output}: drugparse writes {known} files or a folder; "
            f"for a folder of that name write -o {output}/"
        )
    if fmt is not None and fmt != kind.fmt:
        other = path.with_suffix(_SUFFIX_OF[fmt]).name
        raise UsageError(
            f"-o {output} holds {kind.holds}, not {fmt}: leave out --format {fmt}, "
            f"or name the output {other}"
        )
    return kind, False, kind.fmt


def _peekable(stream: BinaryIO) -> BinaryIO:
    if hasattr(stream, "peek"):
        return stream
    return os.fdopen(stream.fileno(), "rb", closefd=False)


def _titled(work: Iterator[WorkItem], title: str) -> Generator[WorkItem, None, None]:
    """``--title`` for the one page of a single file."""
    for item in work:
        if isinstance(item, PageBatch):
            pages = tuple(replace(p, title=title) if isinstance(p, Page) else p for p in item.pages)
            item = replace(item, pages=pages)
        yield item
