"""The batch engine on one machine: many pages, parsed in worker processes, results in order.

- :mod:`~drugparse.batch.work`: :func:`run_work` and :func:`convert_pages`, results in
  input order, multistream blocks stitched;
- :mod:`~drugparse.batch.pool`: the watched worker processes and the per-page time limit;
- :mod:`~drugparse.batch.writers`: where records go (a folder, one file, a stream);
- :mod:`~drugparse.batch.progress`: the progress bar and the summary line.

The per-page work itself is :func:`drugparse.pipeline.convert_one`.
"""

from drugparse.batch.tasks import default_jobs
from drugparse.batch.work import Outcome, convert_pages, run_work
from drugparse.contract import DEFAULT_PAGE_TIMEOUT

__all__ = ["DEFAULT_PAGE_TIMEOUT", "Outcome", "convert_pages", "default_jobs", "run_work"]
