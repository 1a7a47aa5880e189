"""``drugparse convert``: inputs -> work -> results -> writers, counts, exit status.

The library does the work (:mod:`drugparse.sources.inputs` reads,
:mod:`drugparse.batch` converts); this module chooses the writers, infers
the format from ``-o``, prints failures and the summary, and turns what
happened into the exit status of :mod:`drugparse.cli.status`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Generator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, TextIO

from drugparse import write
from drugparse.batch import default_jobs, run_work
from drugparse.batch.progress import Counts, Progress
from drugparse.batch.writers import DirectoryWriter, FileWriter, StreamWriter
from drugparse.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from drugparse.contract import DEFAULT_PAGE_TIMEOUT, RecordWriter, error_entry
from drugparse.pipeline import PageOptions
from drugparse.sources.inputs import (
    InputError,
    PageBatch,
    StandardInput,
    WikitextFile,
    WorkItem,
    resolve_inputs,
    work_items,
)
from drugparse.sources.pages import Page
from drugparse.sources.selection import PageSelection

__all__ = ["ConvertOptions", "run_convert"]


@dataclass(frozen=True)
class ConvertOptions:
    """Everything ``drugparse convert`` was asked to do (its command line, as a value).

    ``fmt`` None: from ``output``'s name, else YAML; ``jobs`` None: every
    core; ``progress`` None: a bar when standard error is a terminal;
    ``page_timeout`` None or 0: no limit; ``pages``: a list file (``--pages``).
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
    pages: str | None = None


def run_convert(
    options: ConvertOptions,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """``drugparse convert``: the exit status 0, 1 or 2 of record-format.md."""
    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    try:
        resolved = resolve_inputs(options.inputs)
    except InputError as exc:
        print(f"drugparse: {exc}", file=stderr)
        return EXIT_USAGE
    selection = None
    if options.pages is not None:
        try:
            selection = PageSelection.read(options.pages)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"drugparse: --pages {options.pages}: {exc}", file=stderr)
            return EXIT_USAGE
    output = options.output
    fmt = options.fmt or _format_for(output)
    single = len(resolved) == 1 and isinstance(resolved[0], WikitextFile | StandardInput)
    jobs = default_jobs() if options.jobs is None else options.jobs
    if single:
        # One page: converted here, no worker to start (the time limit is an alarm).
        jobs = 0
    separator = "---\n" if fmt == "yaml" else ""
    writer: RecordWriter
    try:
        if output is None:
            writer = StreamWriter(stdout, separator=separator)
        elif _is_file_output(output):
            writer = FileWriter(Path(output), separator=separator)
        else:
            writer = DirectoryWriter(Path(output), write.FILE_SUFFIX[fmt], resume=options.resume)
        error_log = FileWriter(Path(options.errors)) if options.errors else None
    except OSError as exc:
        print(f"drugparse: cannot write {exc.filename or output}: {exc.strerror}", file=stderr)
        return EXIT_USAGE
    counts = Counts()
    unreadable = False
    completed = False
    work = work_items(resolved, jobs=jobs, stdin=stdin, selection=selection)
    if options.title is not None and single:
        work = _titled(work, options.title)
    page_options = PageOptions(fmt=fmt, keep_record=False)
    outcomes = run_work(work, jobs=jobs, options=page_options, page_timeout=options.page_timeout)
    try:
        with Progress(counts, enabled=options.progress) as bar:
            for outcome in outcomes:
                counts.pages_read += outcome.pages_read
                counts.nbytes += outcome.nbytes
                if outcome.failure:
                    unreadable = True
                    failure = outcome.failure
                    print(f"drugparse: {failure.message}", file=stderr)
                    if error_log:
                        entry = error_entry(None, None, "unreadable_input", failure.message)
                        error_log.write(None, json.dumps(entry, ensure_ascii=False) + "\n")
                for result in outcome.results:
                    if result.status == "record":
                        writer.write(result.title, result.text or "")
                        counts.records += 1
                    elif result.status == "failed":
                        counts.failed += 1
                        print(
                            f"drugparse: {result.title}: {result.code}: {result.message}",
                            file=stderr,
                        )
                        if error_log:
                            line = json.dumps(result.error, ensure_ascii=False) + "\n"
                            error_log.write(result.title, line)
                bar.refresh()
                if options.fail_fast and (counts.failed or unreadable):
                    break
        completed = True
    finally:
        outcomes.close()
        work.close()
        for sink in (writer, error_log):
            if sink is None:
                continue
            if completed:
                sink.close()
            else:
                sink.abort()
    if not single or output is not None:
        print(counts.summary(), file=stderr)
    if unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if counts.failed else EXIT_OK


def _titled(work: Iterator[WorkItem], title: str) -> Generator[WorkItem, None, None]:
    """``--title`` for the one page of a single file."""
    for item in work:
        if isinstance(item, PageBatch):
            pages = tuple(replace(p, title=title) if isinstance(p, Page) else p for p in item.pages)
            item = replace(item, pages=pages)
        yield item


def _format_for(output: str | None) -> str:
    """The format an output's name asks for, when ``--format`` is not given."""
    if output and output.lower().endswith(".jsonl"):
        return "jsonl"
    if output and output.lower().endswith(".json"):
        return "json"
    return "yaml"


def _is_file_output(output: str) -> bool:
    """``-o records.jsonl`` is a file; anything else (existing folder or not) a folder."""
    path = Path(output)
    return not path.is_dir() and path.suffix.lower() in (".jsonl", ".json", ".yaml", ".yml")
