"""Exit statuses of every command (record-format.md): 0, 1 or 2, and the signal statuses."""

from __future__ import annotations

import signal
from typing import TextIO

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "exit_for_signal",
    "write_out",
]

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


#: Characters handed to the stream at a time by :func:`write_out`.
_WRITE_CHUNK = 8192


def write_out(stream: TextIO, text: str) -> None:
    """Write ``text`` and flush, so that a closed pipe raises ``BrokenPipeError`` here.

    In small pieces: one large write to a pipe whose reader leaves part way returns
    short and CPython's buffered writer reports no error (the rest is dropped, the
    status would be 0); a piece that fits its buffer is flushed until written, or fails.
    """
    for start in range(0, len(text), _WRITE_CHUNK):
        stream.write(text[start : start + _WRITE_CHUNK])
    stream.flush()
