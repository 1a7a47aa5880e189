"""A progress bar on standard error for long batches, and the summary line that ends them.

The bar (tqdm) shows decompressed MB read, MB/s, pages scanned, records
written and failures. It appears only when standard error is a terminal and
``--no-progress`` was not given, so logs and pipes stay clean. The summary
line is always printed::

    drugparse: 27 pages read, 0 records written, 27 skipped, 0 failed in 0.4 s

After ``--resume`` it tells the records kept from the earlier run apart from
those written now: ``400 pages read, 23 records written, 377 kept, 0
skipped, 0 failed``.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

__all__ = ["Counts", "Progress", "plural"]


def plural(count: int, noun: str) -> str:
    """``plural(1, "page")`` is ``'1 page'``, ``plural(2, "page")`` ``'2 pages'``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass
class Counts:
    """What a batch did so far."""

    pages_read: int = 0
    records: int = 0
    #: Records an earlier run wrote and ``--resume`` kept (not written again).
    kept: int = 0
    failed: int = 0
    nbytes: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def skipped(self) -> int:
        """Pages read that gave neither a record nor an error (no infobox, redirects...)."""
        return max(0, self.pages_read - self.records - self.kept - self.failed)

    def summary(self) -> str:
        elapsed = time.monotonic() - self.started
        kept = f"{self.kept} kept, " if self.kept else ""
        return (
            f"drugparse: {plural(self.pages_read, 'page')} read, "
            f"{plural(self.records, 'record')} written, {kept}"
            f"{self.skipped} skipped, {self.failed} failed in {elapsed:.1f} s"
        )


class Progress:
    """``with Progress(counts) as bar: ... bar.refresh()`` after each unit of work."""

    def __init__(
        self, counts: Counts, *, enabled: bool | None = None, stream: TextIO | None = None
    ) -> None:
        self.counts = counts
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = _is_terminal(self.stream)
        self._bar = None
        if enabled:
            from tqdm import tqdm

            sized = _has_size(self.stream)
            self._bar = tqdm(
                file=self.stream,
                unit="B",
                unit_scale=True,
                unit_divisor=1000,
                desc="drugparse",
                mininterval=0.5,
                # tqdm draws nothing on a terminal that reports no size (a bare pty,
                # some CI consoles): give it 80 columns and 24 lines.
                dynamic_ncols=sized,
                ncols=None if sized else 80,
                nrows=None if sized else 24,
            )
        self._shown_bytes = 0

    def refresh(self) -> None:
        if self._bar is None:
            return
        counts = self.counts
        self._bar.set_postfix_str(
            f"pages={counts.pages_read} records={counts.records} failed={counts.failed}",
            refresh=False,
        )
        self._bar.update(counts.nbytes - self._shown_bytes)
        self._shown_bytes = counts.nbytes

    def close(self) -> None:
        if self._bar is not None:
            self.refresh()
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _has_size(stream: TextIO) -> bool:
    try:
        size = os.get_terminal_size(stream.fileno())
        return size.columns > 0 and size.lines > 0
    except (AttributeError, ValueError, OSError):
        return False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
