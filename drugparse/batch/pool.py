"""Batch conversion: many pages, parsed in worker processes, results in input order.

:func:`convert_pages` is the library's streaming entry point::

    >>> from drugparse.sources import Page
    >>> [r.status for r in convert_pages([Page("Aspirin", "no infobox here")], jobs=0)]
    ['skipped']

Each result is a :class:`PageResult`: a record, a skipped page (no drug
infobox), or a failed page whose :attr:`PageResult.error` is a value
``{"title", "page_id", "code", "message"}``. Results come in input order and
the serialised bytes do not depend on ``jobs``.

Workers are plain processes, one pipe each, one task at a time, so a worker
that takes too long on a page (``page_timeout``) or dies can be killed and
replaced without losing anything but that page: it becomes a ``timeout`` (or
``worker_crashed``) error and the rest of its task goes to the new worker.
The clock runs only while a page is parsed. ``jobs=0`` parses in this
process, with no time limit (for debugging and tiny inputs).
"""

from __future__ import annotations

import contextlib
import importlib
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from pathlib import Path

from drugparse.errors import DrugparseError, NoInfoboxError
from drugparse.sources.dump import DumpError
from drugparse.sources.inputs import InputFailure, PageBatch, StreamBlock, StreamEnd
from drugparse.sources.multistream import BlockScan, Stitcher, scan_stream_block
from drugparse.sources.pages import BadPage, Page

__all__ = [
    "DEFAULT_PAGE_TIMEOUT",
    "Outcome",
    "PageResult",
    "convert_pages",
    "default_jobs",
    "run_convert",
    "run_work",
]

#: Seconds a page may take before it is turned into a ``timeout`` error.
DEFAULT_PAGE_TIMEOUT = 5.0
# Tasks handed out but not yet emitted, per worker: bounds memory and keeps
# every worker busy while one slow task holds up the ordered output.
_WINDOW_PER_WORKER = 8
_PAGES_PER_TASK = 8


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class PageResult:
    """What became of one page: ``status`` is ``record``, ``skipped`` or ``failed``.

    ``text`` is the record serialised in the requested format (done in the
    worker, so the parent only writes); ``record`` is the dict unless the
    caller asked for text only.
    """

    status: str
    title: str | None
    page_id: int | None
    record: dict | None = None
    text: str | None = None
    code: str | None = None
    message: str | None = None

    @property
    def error(self) -> dict | None:
        """``{"title", "page_id", "code", "message"}`` for a failed page, else None."""
        if self.status != "failed":
            return None
        return {
            "title": self.title,
            "page_id": self.page_id,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class Outcome:
    """The results of one unit of work, plus the pages read to find them."""

    results: list[PageResult] = field(default_factory=list)
    pages_read: int = 0
    nbytes: int = 0
    failure: InputFailure | None = None


# --- the work itself: pure functions of their input, run in workers ---------------------

#: ``module:function`` of the parser; tests swap in a slow one to try the time limit.
DEFAULT_PARSER = "drugparse:parse"
_parsers: dict[str, Callable] = {}


def _parser(name: str) -> Callable:
    if name not in _parsers:
        module, _, function = name.partition(":")
        _parsers[name] = getattr(importlib.import_module(module), function)
    return _parsers[name]


def _init_worker(options: dict) -> None:
    """Per-process set-up: the parser (mwparserfromhell, the compiled validator), the writer."""
    _parser(options.get("parser") or DEFAULT_PARSER)
    if options.get("fmt"):
        import drugparse.write  # noqa: F401


def convert_one(
    page: Page | BadPage,
    fmt: str | None = None,
    keep_record: bool = True,
    parser: str = DEFAULT_PARSER,
) -> PageResult:
    """One page to a :class:`PageResult`; never raises for a bad page."""
    if isinstance(page, BadPage):
        return PageResult("failed", page.title, page.page_id, code=page.code, message=page.message)
    title = page.title if page.title is not None else page.origin
    extra = {}
    if page.title is None and page.origin not in (None, "-"):
        extra["default_title"] = Path(page.origin).stem  # the file name, last resort
    try:
        record = _parser(parser)(
            page.text,
            page.title,
            page_id=page.page_id,
            revision_id=page.revision_id,
            timestamp=page.timestamp,
            **extra,
        )
        text = None
        if fmt:
            from drugparse.write import dumps

            text = dumps(record, fmt)
    except NoInfoboxError as exc:
        if page.explicit:
            return PageResult("failed", title, page.page_id, code=exc.code, message=str(exc))
        return PageResult("skipped", title, page.page_id)
    except DrugparseError as exc:
        return PageResult("failed", title, page.page_id, code=exc.code, message=str(exc))
    except RecursionError:
        message = "nesting too deep for the parser"
        return PageResult("failed", title, page.page_id, code="too_deep", message=message)
    except MemoryError:
        return PageResult("failed", title, page.page_id, code="out_of_memory", message="")
    except Exception as exc:  # a bug; the batch goes on and the page is reported
        message = f"{type(exc).__name__}: {exc}"
        return PageResult("failed", title, page.page_id, code="internal_error", message=message)
    title = record.get("title", title)
    return PageResult(
        "record", title, page.page_id, record=record if keep_record else None, text=text
    )


def _pages_of(work: PageBatch | StreamBlock) -> tuple[list, BlockScan | None]:
    if isinstance(work, PageBatch):
        return list(work.pages), None
    block = scan_stream_block(work.path, work.offset, work.length, work.origin)
    # The parent needs the counts and the edges, not the candidates' text again.
    scan = block.scan
    light = replace(block, scan=replace(scan, candidates=()))
    return list(scan.candidates), light


def _worker_main(conn: Connection, clock, options: dict) -> None:
    """A worker: read ``(seq, work, skip)``, answer with messages, until ``None``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _init_worker(options)
    fmt, keep, parser = _unpack(options)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        seq, work, skip = task
        try:
            pages, block = _pages_of(work)
        except Exception as exc:  # a damaged block or file fails its task, not the worker
            conn.send((seq, "failed", f"{type(exc).__name__}: {exc}"))
            continue
        ids = [(p.title, p.page_id) for p in pages]
        conn.send((seq, "scanned", block, ids))
        for page in pages[skip:]:
            clock.value = time.monotonic()
            result = convert_one(page, fmt, keep, parser)
            clock.value = 0.0
            conn.send((seq, "result", result))
        conn.send((seq, "done", None))


# --- the parent: hand out work, watch the clock, put results back in order --------------


@dataclass
class _Task:
    seq: int
    work: PageBatch | StreamBlock
    skip: int = 0
    ids: list | None = None
    block: BlockScan | None = None
    results: list = field(default_factory=list)
    done: bool = False
    failed: str | None = None


class _Worker:
    def __init__(self, context, options: dict):
        self.clock = context.RawValue("d", 0.0)
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(
            target=_worker_main, args=(child, self.clock, options), daemon=True
        )
        self.process.start()
        child.close()
        self.task: _Task | None = None

    def send(self, task: _Task) -> None:
        self.task = task
        self.conn.send((task.seq, task.work, task.skip + len(task.results)))

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # BrokenPipeError too: the worker may be gone
            self.conn.send(None)
        self.process.join(timeout=2)
        self.kill()
        self.conn.close()


def _context(*, fresh: bool):
    """How to start a worker: ``fresh`` is true for the first workers of a pool.

    On Linux the first workers are forked: this process has already imported
    the parser, so a worker is ready in milliseconds instead of the 0.5-1 s a
    new interpreter needs to import mwparserfromhell and the validator, which
    on a short run is a good part of the time. A fork is only safe while no
    other thread runs (the read-ahead thread of a dump may hold a lock), so a
    worker that replaces a killed one, or a pool started beside other threads,
    comes from the forkserver, which preloads the parser once.
    """
    methods = multiprocessing.get_all_start_methods()
    if fresh and sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


class _Pool:
    """Ordered, watched worker processes. Use :meth:`run`."""

    def __init__(self, jobs: int, options: dict, page_timeout: float | None):
        self.options = options
        self.page_timeout = page_timeout or None
        context = _context(fresh=True)
        self.workers = [_Worker(context, options) for _ in range(jobs)]

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()

    def run(self, work: Iterable) -> Iterator[_Task | InputFailure | StreamEnd]:
        """Tasks in input order once done; markers (failures, stream ends) pass through."""
        source = iter(work)
        exhausted = False
        window: deque = deque()  # _Task or markers, in input order
        queued: deque[_Task] = deque()  # tasks waiting for a worker, retries first
        limit = _WINDOW_PER_WORKER * len(self.workers)
        seq = 0
        while True:
            # One item at a time, so a task goes to an idle worker as soon as it is read.
            if not exhausted and len(window) < limit:
                item = next(source, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, PageBatch | StreamBlock):
                    task = _Task(seq, item)
                    seq += 1
                    if isinstance(item, PageBatch) and not item.pages:
                        task.done = True
                    else:
                        queued.append(task)
                    window.append(task)
                else:
                    window.append(item)
            for worker in self.workers:
                if worker.task is None and queued:
                    worker.send(queued.popleft())
            while window and (not isinstance(window[0], _Task) or window[0].done):
                yield window.popleft()
            if exhausted and not window:
                return
            # Wait for the workers only when there is nothing more to read; otherwise
            # collect what they sent and read on (a dump's decompressor does not wait).
            self._wait(block=exhausted or len(window) >= limit)

    def _wait(self, block: bool = True) -> None:
        busy = {w.conn: w for w in self.workers if w.task is not None}
        if not busy:
            return
        timeout = 0.5 if block else 0.0
        if self.page_timeout:
            now = time.monotonic()
            for worker in busy.values():
                started = worker.clock.value
                if started:
                    timeout = min(timeout, max(0.0, started + self.page_timeout - now))
        for conn in wait(list(busy), timeout=timeout):
            worker = busy[conn]
            try:
                while conn.poll():
                    self._receive(worker, conn.recv())
            except (EOFError, OSError):
                self._replace(worker, "worker_crashed", "the worker process died on this page")
        if self.page_timeout:
            now = time.monotonic()
            for worker in self.workers:
                started = worker.clock.value
                if worker.task is not None and started and now - started > self.page_timeout:
                    message = f"parsing took longer than {self.page_timeout:g} s"
                    self._replace(worker, "timeout", message)

    def _receive(self, worker: _Worker, message: tuple) -> None:
        seq, kind, payload, *rest = message
        task = worker.task
        assert task is not None and task.seq == seq
        if kind == "scanned":
            task.block, task.ids = payload, rest[0]
        elif kind == "result":
            task.results.append(payload)
        elif kind == "failed":
            task.failed, task.done, worker.task = payload, True, None
        else:
            task.done, worker.task = True, None

    def _replace(self, worker: _Worker, code: str, message: str) -> None:
        """Kill ``worker``; its page in progress fails, the rest of its task is retried."""
        worker.kill()
        with contextlib.suppress(EOFError, OSError):
            while worker.conn.poll():  # what it sent before dying still counts
                self._receive(worker, worker.conn.recv())
        worker.conn.close()
        task = worker.task
        replacement = _Worker(_context(fresh=False), self.options)
        self.workers[self.workers.index(worker)] = replacement
        if task is None:
            return
        if task.ids is None:  # died before scanning: the block itself is broken
            task.failed, task.done = f"{code}: {message}", True
            return
        position = task.skip + len(task.results)
        title, page_id = task.ids[position]
        task.results.append(PageResult("failed", title, page_id, code=code, message=message))
        if task.skip + len(task.results) < len(task.ids):
            replacement.send(task)
        else:
            task.done = True


def _unpack(options: dict) -> tuple:
    parser = options.get("parser") or DEFAULT_PARSER
    return options.get("fmt"), options.get("keep_record", True), parser


def _run_in_process(work: Iterable, options: dict) -> Iterator[_Task | InputFailure | StreamEnd]:
    fmt, keep, parser = _unpack(options)
    for seq, item in enumerate(work):
        if not isinstance(item, PageBatch | StreamBlock):
            yield item
            continue
        task = _Task(seq, item, done=True)
        try:
            pages, task.block = _pages_of(item)
        except Exception as exc:  # same contract as a worker
            task.failed = f"{type(exc).__name__}: {exc}"
            yield task
            continue
        task.results = [convert_one(page, fmt, keep, parser) for page in pages]
        yield task


def run_work(
    work: Iterable[PageBatch | StreamBlock | StreamEnd | InputFailure],
    *,
    jobs: int = 1,
    fmt: str | None = None,
    keep_record: bool = True,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
    parser: str = DEFAULT_PARSER,
) -> Iterator[Outcome]:
    """One :class:`Outcome` per unit of work (and per stitched run of a multistream file).

    Multistream blocks of a file are stitched here, in order, so pages cut by
    a stream boundary are not lost and a truncated file is told.
    """
    options = {"fmt": fmt, "keep_record": keep_record, "parser": parser}
    pool = _Pool(jobs, options, page_timeout) if jobs > 0 else None
    stitchers: dict[str, Stitcher] = {}
    broken: set[str] = set()
    try:
        tasks = pool.run(work) if pool else _run_in_process(work, options)
        for item in tasks:
            if isinstance(item, InputFailure):
                yield Outcome(failure=item)
            elif isinstance(item, StreamEnd):
                stitcher = stitchers.pop(item.origin, None)
                if item.origin in broken or stitcher is None:
                    continue
                yield _stitched(stitcher.finish, item.origin, options)
            elif isinstance(item.work, StreamBlock):
                origin = item.work.origin
                if origin in broken:
                    continue
                if item.failed:
                    broken.add(origin)
                    message = f"{origin}: damaged stream at byte {item.work.offset}: {item.failed}"
                    yield Outcome(failure=InputFailure(origin, message))
                    continue
                stitcher = stitchers.setdefault(origin, Stitcher(origin))
                outcome = _stitched(lambda s=stitcher, b=item.block: s.add(b), origin, options)
                if outcome.failure:
                    broken.add(origin)
                    yield outcome
                    continue
                block = item.block
                outcome.results += item.results
                outcome.pages_read += block.scan.pages_read
                outcome.nbytes += block.scan.nbytes + len(block.head) + len(block.tail)
                yield outcome
            else:
                work_item = item.work
                if item.failed:
                    message = f"unreadable work: {item.failed}"
                    yield Outcome(failure=InputFailure("?", message))
                    continue
                yield Outcome(item.results, work_item.pages_read, work_item.nbytes)
    finally:
        if pool:
            pool.close()


def _stitched(step: Callable[[], list], origin: str, options: dict) -> Outcome:
    """Run a stitcher step; parse the pages it completes here (rare: cut pages only)."""
    outcome = Outcome()
    try:
        scans = step()
    except DumpError as exc:
        outcome.failure = InputFailure(origin, str(exc))
        return outcome
    fmt, keep, parser = _unpack(options)
    for scan in scans:
        outcome.pages_read += scan.pages_read
        outcome.nbytes += scan.nbytes
        outcome.results += [convert_one(page, fmt, keep, parser) for page in scan.candidates]
    return outcome


def convert_pages(
    pages: Iterable[Page | BadPage],
    *,
    jobs: int | None = None,
    fmt: str | None = None,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
    parser: str = DEFAULT_PARSER,
) -> Iterator[PageResult]:
    """One :class:`PageResult` per page, in input order, parsed by ``jobs`` processes.

    ``jobs=None`` uses every core, ``jobs=0`` this process. With ``fmt``
    (``yaml``, ``json``, ``jsonl``) each result also carries the serialised
    record in ``text``. A page over ``page_timeout`` seconds fails with code
    ``timeout`` (not enforced with ``jobs=0``).
    """
    jobs = default_jobs() if jobs is None else jobs
    batches = _batched(pages)
    outcomes = run_work(batches, jobs=jobs, fmt=fmt, page_timeout=page_timeout, parser=parser)
    for outcome in outcomes:
        yield from outcome.results


def _batched(pages: Iterable[Page | BadPage]) -> Iterator[PageBatch]:
    batch: list = []
    for page in pages:
        batch.append(page)
        if len(batch) >= _PAGES_PER_TASK:
            yield PageBatch(tuple(batch), len(batch))
            batch = []
    if batch:
        yield PageBatch(tuple(batch), len(batch))


# --- the convert command: inputs -> work -> results -> writers, counts, exit status -----

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def run_convert(
    inputs: list[str],
    *,
    output: str | None = None,
    fmt: str | None = None,
    jobs: int | None = None,
    errors: str | None = None,
    progress: bool | None = None,
    fail_fast: bool = False,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
    resume: bool = False,
    title: str | None = None,
    stdin=None,
    stdout=None,
    stderr=None,
) -> int:
    """``drugparse convert``: the exit status 0, 1 or 2 of record-format.md."""
    from drugparse import write
    from drugparse.batch.progress import Counts, Progress
    from drugparse.batch.writers import DirectoryWriter, FileWriter, StreamWriter
    from drugparse.sources.inputs import InputError, resolve_inputs, work_items

    stdout = stdout if stdout is not None else sys.stdout
    stderr = stderr if stderr is not None else sys.stderr
    try:
        resolved = resolve_inputs(inputs)
    except InputError as exc:
        print(f"drugparse: {exc}", file=stderr)
        return EXIT_USAGE
    fmt = fmt or _format_for(output)
    single = len(resolved) == 1 and resolved[0].kind in ("wikitext", "stdin")
    jobs = default_jobs() if jobs is None else jobs
    if single:
        jobs = min(jobs, 1)
    separator = "---\n" if fmt == "yaml" else ""
    try:
        if output is None:
            writer = StreamWriter(stdout, separator=separator)
        elif _is_file_output(output):
            writer = FileWriter(Path(output), separator=separator)
        else:
            writer = DirectoryWriter(Path(output), write.FILE_SUFFIX[fmt], resume=resume)
        error_log = FileWriter(Path(errors)) if errors else None
    except OSError as exc:
        print(f"drugparse: cannot write {exc.filename or output}: {exc.strerror}", file=stderr)
        return EXIT_USAGE
    counts = Counts()
    unreadable = False
    completed = False
    work = work_items(resolved, jobs=jobs, stdin=stdin)
    if title is not None and single:
        work = _titled(work, title)
    outcomes = run_work(work, jobs=jobs, fmt=fmt, keep_record=False, page_timeout=page_timeout)
    try:
        with Progress(counts, enabled=progress) as bar:
            for outcome in outcomes:
                counts.pages_read += outcome.pages_read
                counts.nbytes += outcome.nbytes
                if outcome.failure:
                    unreadable = True
                    failure = outcome.failure
                    print(f"drugparse: {failure.message}", file=stderr)
                    if error_log:
                        entry = {
                            "title": None,
                            "page_id": None,
                            "code": "unreadable_input",
                            "message": failure.message,
                        }
                        error_log.write(None, json.dumps(entry, ensure_ascii=False) + "\n")
                for result in outcome.results:
                    if result.status == "record":
                        writer.write(result.title, result.text)
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
                if fail_fast and (counts.failed or unreadable):
                    break
        completed = True
    finally:
        outcomes.close()
        work.close()
        for sink in (writer, error_log):
            if sink is None:
                continue
            if completed or not hasattr(sink, "abort"):
                sink.close()
            else:
                sink.abort()
    if not single or output is not None:
        print(counts.summary(), file=stderr)
    if unreadable:
        return EXIT_USAGE
    return EXIT_FAILED if counts.failed else EXIT_OK


def _titled(work: Iterator, title: str) -> Iterator:
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
