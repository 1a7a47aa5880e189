"""The worker pool: pages parsed in worker processes, watched, results in input order.

Workers are plain processes, one pipe each, one task at a time, so a worker
that takes too long on a page (``page_timeout``) or dies can be killed and
replaced without losing anything but that page: it becomes a ``timeout`` (or
``worker_crashed``) error and the rest of its task goes to the new worker.
The clock runs only while a page is parsed, after the linear pre-parse
limits of :mod:`drugparse.guards.limits` have passed (a page over a limit
fails as that limit, never as a ``timeout``, whatever the load). With no pool (``jobs=0``),
:func:`run_in_process` does the same work in this process, with no time
limit (for debugging and tiny inputs).

A task is a :class:`~drugparse.sources.inputs.PageBatch` (pages already read)
or a :class:`~drugparse.sources.inputs.StreamBlock` (bz2 streams the worker
decompresses and scans itself); each page goes through
:func:`drugparse.pipeline.convert_one`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.sharedctypes import Synchronized
from typing import Any

from drugparse.batch.tasks import Task, default_jobs, pages_of, run_in_process
from drugparse.pipeline import PageOptions, PageResult, convert_one, guarded, parse_function
from drugparse.sources.inputs import InputFailure, PageBatch, StreamBlock, StreamEnd, WorkItem

__all__ = [
    "Pool",
    "Task",
    "default_jobs",
    "run_in_process",
]

# Tasks handed out but not yet emitted, per worker: bounds memory and keeps
# every worker busy while one slow task holds up the ordered output.
_WINDOW_PER_WORKER = 8


# --- in the workers: pure functions of their input -----------------------------------


def _init_worker(options: PageOptions) -> None:
    """Per-process set-up: the parser (mwparserfromhell, the compiled validator), the writer."""
    parse_function(options.parser)
    if options.fmt:
        import drugparse.write  # noqa: F401


def _worker_main(conn: Connection, clock: Synchronized[float], options: PageOptions) -> None:
    """A worker: read ``(seq, work, skip)``, answer with messages, until ``None``.

    Messages are ``(seq, what, payload...)``: ``scanned`` (the block's edges and
    the pages' ids), ``result`` (one :class:`PageResult`), ``failed`` (the task's
    work could not be read), ``done``.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _init_worker(options)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        seq, work, skip = task
        try:
            pages, block = pages_of(work)
        except Exception as exc:  # a damaged block or file fails its task, not the worker
            conn.send((seq, "failed", f"{type(exc).__name__}: {exc}"))
            continue
        ids = [(p.title, p.page_id, p.origin) for p in pages]
        conn.send((seq, "scanned", block, ids))
        for page in pages[skip:]:
            # The size and nesting limits are checked before the clock starts: a page
            # past a limit is reported as that limit, however loaded the machine is.
            result = guarded(page, options)
            if result is None:
                clock.value = time.monotonic()
                result = convert_one(page, options)
                clock.value = 0.0
            conn.send((seq, "result", result))
        conn.send((seq, "done", None))


# --- the parent: hand out work, watch the clock, put results back in order --------------


class _Worker:
    def __init__(self, context: BaseContext, options: PageOptions) -> None:
        self.clock: Synchronized[float] = context.RawValue("d", 0.0)
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_worker_main, args=(child, self.clock, options), daemon=True
        )
        self.process.start()
        child.close()
        self.task: Task | None = None

    def send(self, task: Task) -> None:
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


def _context(*, fresh: bool) -> BaseContext:
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


class Pool:
    """Ordered, watched worker processes. Use :meth:`run`, then :meth:`close`."""

    def __init__(self, jobs: int, options: PageOptions, page_timeout: float | None) -> None:
        self.options = options
        self.page_timeout = page_timeout or None
        context = _context(fresh=True)
        self.workers = [_Worker(context, options) for _ in range(jobs)]

    def close(self) -> None:
        """Stop every worker: an idle one when it has read its stop, a busy one at once
        (the run was interrupted or abandoned; its page is of no use any more)."""
        for worker in self.workers:
            if worker.task is not None:
                worker.kill()
                worker.conn.close()
            else:
                worker.stop()

    def run(self, work: Iterable[WorkItem]) -> Iterator[Task | InputFailure | StreamEnd]:
        """Tasks in input order once done; markers (failures, stream ends) pass through."""
        source = iter(work)
        exhausted = False
        window: deque[Task | InputFailure | StreamEnd] = deque()  # in input order
        queued: deque[Task] = deque()  # tasks waiting for a worker, retries first
        limit = _WINDOW_PER_WORKER * len(self.workers)
        seq = 0
        while True:
            # One item at a time, so a task goes to an idle worker as soon as it is read.
            if not exhausted and len(window) < limit:
                item = next(source, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, PageBatch | StreamBlock):
                    task = Task(seq, item)
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
            while window:
                head = window[0]
                if isinstance(head, Task) and not head.done:
                    break
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
            worker = busy[conn]  # type: ignore[index]
            try:
                while worker.conn.poll():
                    self._receive(worker, worker.conn.recv())
            except (EOFError, OSError):
                self._replace(worker, "worker_crashed", "the worker process died on this page")
        if self.page_timeout:
            now = time.monotonic()
            for worker in self.workers:
                started = worker.clock.value
                if worker.task is not None and started and now - started > self.page_timeout:
                    message = f"parsing took longer than {self.page_timeout:g} s"
                    self._replace(worker, "timeout", message)

    def _receive(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        seq, what, payload, *rest = message
        task = worker.task
        assert task is not None and task.seq == seq
        if what == "scanned":
            task.block, task.ids = payload, rest[0]
        elif what == "result":
            task.results.append(payload)
        elif what == "failed":
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
        title, page_id, source = task.ids[position]
        failure = PageResult("failed", title, page_id, code=code, message=message, source=source)
        task.results.append(failure)
        if task.skip + len(task.results) < len(task.ids):
            replacement.send(task)
        else:
            task.done = True
