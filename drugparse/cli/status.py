"""Exit statuses of every command (record-format.md): 0, 1 or 2."""

from __future__ import annotations

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE"]

#: Every page gave a record (or was skipped as no drug article).
EXIT_OK = 0
#: Some pages failed; each is reported (and in ``--errors FILE``).
EXIT_FAILED = 1
#: Bad usage, or an input that could not be read (in whole or from some point on).
EXIT_USAGE = 2
