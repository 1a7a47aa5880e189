"""Tasks and their pages, and the work done in this process (``jobs=0``, or one file).

Kept apart from :mod:`drugparse.batch.pool` so that converting one file, in
this process, never imports :mod:`multiprocessing`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from drugparse.pipeline import PageOptions, PageResult, convert_in_time
from drugparse.sources.inputs import InputFailure, PageBatch, StreamBlock, StreamEnd, WorkItem
from drugparse.sources.pages import BadPage, Page

if TYPE_CHECKING:
    from drugparse.sources.multistream import BlockScan

__all__ = ["Task", "default_jobs", "pages_of", "run_in_process"]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def pages_of(work: PageBatch | StreamBlock) -> tuple[list[Page | BadPage], BlockScan | None]:
    if isinstance(work, PageBatch):
        return list(work.pages), None
    from drugparse.sources.multistream import scan_stream_block

    block = scan_stream_block(work.path, work.offset, work.length, work.origin, work.selection)
    # The parent needs the counts and the edges, not the candidates' text again.
    scan = block.scan
    light = replace(block, scan=replace(scan, candidates=()))
    return list(scan.candidates), light


@dataclass
class Task:
    """One unit of work and what became of it; ``done`` once every page has a result.

    ``failed`` says why the work itself (a damaged block) could not be read.
    """

    seq: int
    work: PageBatch | StreamBlock
    skip: int = 0
    ids: list[tuple[str | None, int | None, str | None]] | None = None  # title, id, origin
    block: BlockScan | None = None
    results: list[PageResult] = field(default_factory=list)
    done: bool = False
    failed: str | None = None


def run_in_process(
    work: Iterable[WorkItem], options: PageOptions, page_timeout: float | None = None
) -> Iterator[Task | InputFailure | StreamEnd]:
    """What :meth:`~drugparse.batch.pool.Pool.run` gives, computed here, one task after
    another (``jobs=0``). ``page_timeout`` is kept by an alarm
    (:func:`~drugparse.pipeline.time_limit`: main thread only, between bytecodes)."""
    for seq, item in enumerate(work):
        if not isinstance(item, PageBatch | StreamBlock):
            yield item
            continue
        task = Task(seq, item, done=True)
        try:
            pages, task.block = pages_of(item)
        except Exception as exc:  # same contract as a worker
            task.failed = f"{type(exc).__name__}: {exc}"
            yield task
            continue
        task.results = [convert_in_time(page, options, page_timeout) for page in pages]
        yield task
