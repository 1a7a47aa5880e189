"""Work in, :class:`Outcome` s out, in input order; multistream blocks stitched back together.

:func:`convert_pages` is the library's streaming entry point::

    >>> from drugparse.sources import Page
    >>> [r.status for r in convert_pages([Page("Aspirin", "no infobox here")], jobs=0)]
    ['skipped']

Each result is a :class:`~drugparse.pipeline.PageResult`: a record, a skipped
page (no drug infobox), or a failed page whose ``error`` is a value
``{"title", "page_id", "code", "message"}``. Results come in input order and
the serialised bytes do not depend on ``jobs``.

:func:`run_work` drives the pool (:mod:`drugparse.batch.pool`) over the work
of :func:`drugparse.sources.inputs.work_items`. The blocks of a multistream
file are parsed apart, in the workers; a page cut by a stream boundary is
completed here by a :class:`~drugparse.sources.multistream.Stitcher`, and a
truncated file is told.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from drugparse.batch.tasks import default_jobs, run_in_process
from drugparse.contract import DEFAULT_PAGE_TIMEOUT
from drugparse.pipeline import DEFAULT_PARSER, PageOptions, PageResult, convert_one
from drugparse.sources.inputs import InputFailure, PageBatch, StreamBlock, StreamEnd, WorkItem
from drugparse.sources.pages import BadPage, Page
from drugparse.sources.selection import PageSelection

if TYPE_CHECKING:  # multistream and the dump reader load only when a dump is read
    from drugparse.sources.dump import Scan
    from drugparse.sources.multistream import Stitcher

__all__ = ["Outcome", "convert_pages", "run_work"]

_PAGES_PER_TASK = 8


@dataclass
class Outcome:
    """The results of one unit of work, plus the pages read to find them."""

    results: list[PageResult] = field(default_factory=list)
    pages_read: int = 0
    nbytes: int = 0
    failure: InputFailure | None = None


def run_work(
    work: Iterable[WorkItem],
    *,
    jobs: int = 1,
    options: PageOptions | None = None,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
) -> Generator[Outcome, None, None]:
    """One :class:`Outcome` per unit of work (and per stitched run of a multistream file).

    ``jobs=0`` works in this process (the time limit kept by an alarm, which
    fires only between Python bytecodes); ``options`` say how each page is
    converted (default: :class:`~drugparse.pipeline.PageOptions`).
    """
    options = options if options is not None else PageOptions()
    pool = None
    if jobs > 0:
        from drugparse.batch.pool import Pool  # multiprocessing loads only for a pool

        pool = Pool(jobs, options, page_timeout)
    stitchers: dict[str, Stitcher] = {}
    broken: set[str] = set()
    try:
        tasks = pool.run(work) if pool else run_in_process(work, options, page_timeout)
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
                block = item.block
                assert block is not None  # a stream task that did not fail was scanned
                if origin not in stitchers:
                    from drugparse.sources.multistream import Stitcher

                    stitchers[origin] = Stitcher(origin)
                stitcher = stitchers[origin]
                outcome = _stitched(partial(stitcher.add, block), origin, options)
                if outcome.failure:
                    broken.add(origin)
                    yield outcome
                    continue
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


def _stitched(step: Callable[[], list[Scan]], origin: str, options: PageOptions) -> Outcome:
    """Run a stitcher step; parse the pages it completes here (rare: cut pages only)."""
    from drugparse.sources.dump import DumpError

    outcome = Outcome()
    try:
        scans = step()
    except DumpError as exc:
        outcome.failure = InputFailure(origin, str(exc))
        return outcome
    for scan in scans:
        outcome.pages_read += scan.pages_read
        outcome.nbytes += scan.nbytes
        outcome.results += [convert_one(page, options) for page in scan.candidates]
    return outcome


def convert_pages(
    pages: Iterable[Page | BadPage],
    *,
    jobs: int | None = None,
    fmt: str | None = None,
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT,
    parser: str = DEFAULT_PARSER,
    only: PageSelection | Iterable[str | int] | None = None,
) -> Iterator[PageResult]:
    """One :class:`PageResult` per page, in input order, parsed by ``jobs`` processes.

    ``jobs=None`` uses every core, ``jobs=0`` this process. With ``fmt``
    (``yaml``, ``json``, ``jsonl``) each result also carries the serialised
    record in ``text``. A page over ``page_timeout`` seconds fails with code
    ``timeout`` (not enforced with ``jobs=0``). ``only`` (titles and page ids,
    as ``--pages`` reads them) drops every other page before it is parsed.
    """
    jobs = default_jobs() if jobs is None else jobs
    options = PageOptions(fmt=fmt, parser=parser)
    if only is not None:
        selection = only if isinstance(only, PageSelection) else PageSelection.of(only)
        pages = (page for page in pages if selection.matches(page.title, page.page_id))
    outcomes = run_work(_batched(pages), jobs=jobs, options=options, page_timeout=page_timeout)
    for outcome in outcomes:
        yield from outcome.results


def _batched(pages: Iterable[Page | BadPage]) -> Iterator[PageBatch]:
    batch: list[Page | BadPage] = []
    for page in pages:
        batch.append(page)
        if len(batch) >= _PAGES_PER_TASK:
            yield PageBatch(tuple(batch), len(batch))
            batch = []
    if batch:
        yield PageBatch(tuple(batch), len(batch))
