"""Decompressed bytes of a dump file, in chunks, with the fastest decoder at hand.

bzip2 is the bottleneck of reading a dump, so the decoders are tried in
order of speed, the first one present wins:

- bz2: ``indexed_bzip2`` (a dependency: a C++ decoder that decompresses one
  stream on several threads, in this process), then ``lbzip2 -dc`` through a
  pipe when it is installed, then Python's ``bz2`` (one core);
- gzip: ``isal`` (the ``isal`` package: ISA-L's inflate, 3x ``gzip``'s speed
  per core), then Python's ``gzip``.

Measured on 157 MB of real enwiki XML (2 shared cores): ``indexed_bzip2``
3.0 CPU-s on one thread, Python ``bz2`` 4.3-9 (issue 16: 28-31 MB per CPU-s
against 20-24, and about twice the wall speed on 2 threads for one stream);
on a multistream file its parallel mode costs more than it gains, so the
blocks of one go to the workers instead (:mod:`drugparse.sources.inputs`).
gzip: ``isal`` 0.18 CPU-s against ``gzip``'s 0.54 and ``rapidgzip``'s 0.30
(one thread; two cost it more than they gave on a file this size).

``DRUGPARSE_SKIP_DECODERS`` (names, comma-separated: ``indexed_bzip2,lbzip2,isal``)
leaves decoders out, to compare them or to work around one. The format is
told by magic bytes, not the name.

>>> compression_of(b"BZh91AY&SY...")
'bz2'
"""

from __future__ import annotations

import bz2
import contextlib
import importlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import IO, BinaryIO, cast

__all__ = [
    "BZ2_DECODERS",
    "CHUNK_BYTES",
    "GZIP_DECODERS",
    "SKIP_ENV",
    "compression_of",
    "decoder_for",
    "decompressed_chunks",
    "external_bzip2",
    "file_compression",
    "stream_chunks",
]

CHUNK_BYTES = 4 * 1024 * 1024
# Linux's default pipe-max-size for unprivileged processes.
_PIPE_BYTES = 1024 * 1024

_MAGIC = {b"BZh": "bz2", b"\x1f\x8b": "gzip"}

#: bz2 decoders, fastest first; the last is always there.
BZ2_DECODERS = ("indexed_bzip2", "lbzip2", "bz2")
#: gzip decoders, fastest first.
GZIP_DECODERS = ("isal", "gzip")
#: The environment variable that leaves decoders out.
SKIP_ENV = "DRUGPARSE_SKIP_DECODERS"


def _skipped() -> set[str]:
    return {name.strip() for name in os.environ.get(SKIP_ENV, "").split(",") if name.strip()}


def _module(name: str) -> ModuleType | None:
    """An optional decoder module, or None when it is not installed (or is skipped)."""
    if name in _skipped():
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def decoder_for(kind: str | None) -> str | None:
    """The name of the decoder :func:`decompressed_chunks` uses for ``kind``.

    >>> decoder_for(None) is None
    True
    """
    if kind == "bz2":
        if _module("indexed_bzip2") is not None:
            return "indexed_bzip2"
        if "lbzip2" not in _skipped() and shutil.which("lbzip2"):
            return "lbzip2"
        return "bz2"
    if kind == "gzip":
        return "isal" if _module("isal.igzip") is not None and "isal" not in _skipped() else "gzip"
    return None


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
    """The command line of lbzip2 when it is installed (and not skipped), else None.

    >>> external_bzip2(2) in (None, ["lbzip2", "-dc", "-n", "2"])
    True
    """
    if "lbzip2" in _skipped() or not shutil.which("lbzip2"):
        return None
    return ["lbzip2", "-dc", "-n", str(max(1, jobs))]


def decompressed_chunks(
    path: Path, *, jobs: int = 1, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[bytes]:
    """The decompressed content of ``path`` (bz2, gzip or plain) in chunks.

    ``jobs`` is the number of threads a parallel decoder may use. A damaged
    or cut file raises ``EOFError`` or ``OSError`` after the chunks before
    the damage.
    """
    kind = file_compression(path)
    decoder = decoder_for(kind)
    if decoder == "lbzip2":
        command = external_bzip2(jobs)
        assert command is not None
        yield from _piped(command + [str(path)], chunk_bytes)
        return
    with _opened(path, decoder, jobs) as stream:
        try:
            while chunk := stream.read(chunk_bytes):
                yield chunk
        except (RuntimeError, ValueError) as exc:  # how indexed_bzip2 reports damage
            raise OSError(f"damaged bz2 data ({exc})") from exc


def _opened(path: Path, decoder: str | None, jobs: int) -> IO[bytes]:
    if decoder == "indexed_bzip2":
        module = _module("indexed_bzip2")
        assert module is not None
        return cast(IO[bytes], module.open(str(path), parallelization=max(1, jobs)))
    if decoder == "isal":
        module = _module("isal.igzip")
        assert module is not None
        return cast(IO[bytes], module.open(path, "rb"))
    if decoder == "bz2":
        return bz2.BZ2File(path, "rb")
    if decoder == "gzip":
        import gzip

        return cast(IO[bytes], gzip.GzipFile(path, "rb"))
    return open(path, "rb")


def stream_chunks(stream: BinaryIO, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """A (possibly compressed, e.g. stdin) binary stream's decompressed content in chunks.

    A pipe cannot seek, so bz2 goes through Python's ``bz2`` here; gzip through ``isal``.
    """
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    kind = compression_of(head)
    reader: IO[bytes] = stream
    if kind == "bz2":
        reader = bz2.BZ2File(stream, "rb")
    elif kind == "gzip":
        import gzip

        fast = _module("isal.igzip") if "isal" not in _skipped() else None
        gzip_file = fast.IGzipFile if fast is not None else gzip.GzipFile
        reader = cast(IO[bytes], gzip_file(fileobj=stream, mode="rb"))
    while chunk := reader.read(chunk_bytes):
        yield chunk


def _piped(command: list[str], chunk_bytes: int) -> Iterator[bytes]:
    import subprocess

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
    with contextlib.suppress(ImportError, AttributeError, OSError):  # not Linux, or over the limit
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
