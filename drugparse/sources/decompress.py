"""Decompressed bytes of a dump file, in chunks, with the fastest decompressor at hand.

bzip2 is the bottleneck of reading a dump (Python's ``bz2`` gives some 20-40
MB/s on one core), so a single-stream ``.bz2`` goes through ``lbzip2 -dc``,
which decompresses one stream on several cores, when it is installed; then
``pbzip2 -dc`` (parallel only on files pbzip2 wrote); then ``bz2``. gzip is
fast enough in-process. The format is told by magic bytes, not the name.

>>> compression_of(b"BZh91AY&SY...")
'bz2'
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "CHUNK_BYTES",
    "compression_of",
    "file_compression",
    "decompressed_chunks",
    "external_bzip2",
]

CHUNK_BYTES = 4 * 1024 * 1024
# Linux's default pipe-max-size for unprivileged processes.
_PIPE_BYTES = 1024 * 1024

_MAGIC = {b"BZh": "bz2", b"\x1f\x8b": "gzip"}


def compression_of(head: bytes) -> str | None:
    """``"bz2"``, ``"gzip"`` or ``None`` (plain) from a file's first bytes."""
    for magic, name in _MAGIC.items():
        if head.startswith(magic):
            return name
    return None


def file_compression(path: Path) -> str | None:
    """:func:`compression_of` a file, from its first bytes only (a dump is gigabytes)."""
    with open(path, "rb") as stream:
        return compression_of(stream.read(4))


def external_bzip2(jobs: int = 1) -> list[str] | None:
    """The command line of an installed parallel bzip2 decompressor, or None.

    >>> external_bzip2(2) in (None, ["lbzip2", "-dc", "-n", "2"], ["pbzip2", "-dc", "-p2"])
    True
    """
    if shutil.which("lbzip2"):
        return ["lbzip2", "-dc", "-n", str(max(1, jobs))]
    if shutil.which("pbzip2"):
        return ["pbzip2", "-dc", f"-p{max(1, jobs)}"]
    return None


def decompressed_chunks(
    path: Path, *, jobs: int = 1, external: bool = True, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[bytes]:
    """The decompressed content of ``path`` (bz2, gzip or plain) in chunks.

    A damaged or cut file raises ``EOFError`` or ``OSError`` after the
    chunks before the damage.
    """
    compression = file_compression(path)
    command = external_bzip2(jobs) if compression == "bz2" and external else None
    if command:
        yield from _piped(command + [str(path)], chunk_bytes)
        return
    openers: dict[str | None, Callable[..., Any]] = {
        "bz2": bz2.open,
        "gzip": gzip.open,
        None: open,
    }
    with openers[compression](path, "rb") as stream:
        yield from stream_chunks(stream, chunk_bytes)


def stream_chunks(stream: BinaryIO, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """A (possibly compressed, e.g. stdin) binary stream's decompressed content in chunks."""
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    compression = compression_of(head)
    if compression is not None:
        openers: dict[str, Callable[..., Any]] = {
            "bz2": bz2.open,
            "gzip": gzip.open,
        }
        stream = openers[compression](stream, "rb")
    while chunk := stream.read(chunk_bytes):
        yield chunk


def _piped(command: list[str], chunk_bytes: int) -> Iterator[bytes]:
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert process.stdout is not None
        _widen_pipe(process.stdout.fileno())
        while chunk := process.stdout.read(chunk_bytes):
            yield chunk
        status = process.wait()
        if status != 0:
            err = process.stderr.read() if process.stderr else b""
            message = err.decode("utf-8", "replace").strip()
            raise OSError(f"{command[0]} failed ({status}): {message or 'damaged input'}")
    finally:
        if process.poll() is None:
            # The reader stopped early (--fail-fast, an error): don't leave it running.
            process.kill()
            process.wait()
        for pipe in (process.stdout, process.stderr):
            if pipe:
                pipe.close()


def _widen_pipe(fd: int) -> None:
    """Let the pipe hold 1 MB instead of 64 KB: the decompressor and this reader then
    wake each other some 16 times less often, which is CPU both would rather spend."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or over the limit
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
