"""Exit statuses of every command (record-format.md): 0, 1 or 2, and the signal statuses."""

from __future__ import annotations

import signal

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "exit_for_signal"]

#: Every page gave a record (or was skipped as no drug article).
EXIT_OK = 0
#: Some pages failed; each is reported (and in ``--errors FILE``).
EXIT_FAILED = 1
#: Bad usage, or an input that could not be read (in whole or from some point on), or an
#: output that could not be written (a read-only folder, a full disk).
EXIT_USAGE = 2
#: Standard output was closed early (``| head``): 128 + SIGPIPE, what a shell reports for
#: cat or jq in the same place, so ``set -o pipefail`` scripts can tell it apart.
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE


def exit_for_signal(signum: int) -> int:
    """128 + the signal's number, the shell's convention: 130 for SIGINT, 143 for SIGTERM."""
    return 128 + signum
