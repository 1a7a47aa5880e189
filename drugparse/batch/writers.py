"""Where records go: one file per record in a folder, one JSONL file, or standard output.

Every writer is a :class:`drugparse.contract.RecordWriter`: ``write``, then
``close`` when the run completed or ``abort`` when it did not.

File names come from titles and must be safe on any file system and never
collide. A *plain* title (ASCII letters, digits, spaces and ``-(),.'+``,
capital first letter, no other capitals, no reserved device name, short
enough) keeps its readable name: ``Imiglucerase`` -> ``Imiglucerase.yaml``,
``Abacavir lamivudine`` -> ``Abacavir_lamivudine.yaml``. Every other title
gets its unsafe characters replaced and ``~`` plus 10 hex digits of the
SHA-256 of the exact title appended. Two plain titles cannot be equal after
case folding or Unicode normalisation, and a plain name has no ``~``, so no
two titles share a name even on a case-insensitive, normalising file system.

>>> safe_name("Imiglucerase")
'Imiglucerase'
>>> safe_name("../../etc/passwd")
'etc_passwd~3754d6cb3a'
>>> safe_name("IMIGLUCERASE") != safe_name("Imiglucerase")
True

Every file is written to a hidden temporary file in the same folder and
renamed into place (``os.replace``), so a killed run leaves whole records
only; stale temporaries are removed when the next run opens the folder (or
writes the same ``-o FILE``). Files get the mode a plain ``open()`` would
give (``0666`` less the umask: ``0644`` under ``022``), not the ``0600`` of
the temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = [
    "DirectoryWriter",
    "FileWriter",
    "StreamWriter",
    "atomic_write",
    "check_writable",
    "naming",
    "safe_name",
    "umask",
]

#: Device names Windows reserves in any folder, with any extension.
RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{n}" for n in "0123456789¹²³"]
    + [f"lpt{n}" for n in "0123456789¹²³"]
)
# 255 bytes is the limit of ext4, APFS, NTFS (in UTF-16 units); leave room for the
# suffix ("~" + 10 hex + ".jsonl") and a "~N" for a repeated title.
_MAX_STEM_BYTES = 200
_PLAIN = re.compile(r"[A-Z0-9][a-z0-9 \-(),.'+]*")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|~]')
_TEMP_PREFIX = ".drugparse-tmp-"


def _is_plain(title: str) -> bool:
    stem = title.split(".", 1)[0].strip().lower()
    return (
        _PLAIN.fullmatch(title) is not None
        and not title.endswith((" ", "."))
        and "  " not in title
        and stem not in RESERVED_NAMES
        and len(title) <= _MAX_STEM_BYTES
    )


def safe_name(title: str) -> str:
    """A file name stem for ``title``, safe and distinct (see the module's note)."""
    if _is_plain(title):
        return title.replace(" ", "_")

    digest = hashlib.sha256(title.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    readable = unicodedata.normalize("NFC", title)
    readable = "".join(
        "_" if unicodedata.category(c) in ("Cs", "Co", "Cn", "Cf", "Zl", "Zp") else c
        for c in readable
    )
    # No leading dot (hidden, "..") and no trailing dot or space (Windows drops them).
    readable = _UNSAFE.sub("_", readable).replace(" ", "_").strip("._") or "_"
    if readable.split(".", 1)[0].casefold() in RESERVED_NAMES:  # "con.txt" too
        readable = "_" + readable
    encoded = readable.encode("utf-8")
    if len(encoded) > _MAX_STEM_BYTES:
        readable = encoded[:_MAX_STEM_BYTES].decode("utf-8", "ignore")
    return f"{readable}~{digest}"


def umask() -> int:
    """The process's umask (``0o022`` commonly)."""
    # Read it back at once: the only way to read the umask is to set it.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temporary(folder: Path, prefix: str = _TEMP_PREFIX) -> tuple[int, str]:
    """A hidden temporary file in ``folder``, with the mode ``open()`` would give a new file.

    ``mkstemp`` makes it ``0600`` and ``os.replace`` keeps that mode, so readers of
    the output (other users, a web server, the next stage of a pipeline) could not
    read it.
    """
    handle, temporary = tempfile.mkstemp(prefix=prefix, dir=folder)
    try:
        os.fchmod(handle, 0o666 & ~umask())
    except BaseException:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return handle, temporary


@contextlib.contextmanager
def naming(path: Path) -> Iterator[None]:
    """An ``OSError`` inside names ``path`` (the file the user asked for), not a temporary."""
    try:
        yield
    except OSError as exc:
        if exc.filename == str(path) or exc.errno is None:
            raise
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (no temporary left behind, even on
    a full disk or an interrupt). An ``OSError`` names ``path``."""
    with naming(path):
        handle, temporary = _temporary(path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise


def check_writable(folder: Path) -> None:
    """Raise ``OSError`` (with the folder's name) unless a file can be created in ``folder``.

    Tried for real, not with ``os.access``: root passes every permission check,
    but not a read-only mount.
    """
    with naming(folder):
        handle, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=folder)
        os.close(handle)
        os.unlink(temporary)
        # A full disk may still take an empty file: tell it now, not after the work.
        if hasattr(os, "statvfs"):
            space = os.statvfs(folder)
            if space.f_bavail * space.f_frsize < 4096:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))


class DirectoryWriter:
    """``-o DIR``: one file per record, ``DIR/<safe title><suffix>``, never outside DIR.

    A title seen twice in one run (the same page in two inputs) gets ``~2``,
    ``~3``... in the order met, so no record overwrites another. With
    ``resume``, a file that exists already is left as it is: it was written
    whole by an earlier run of the same batch.
    """

    def __init__(self, folder: Path, suffix: str, *, resume: bool = False) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        check_writable(self.folder)  # a read-only folder is told before any work starts
        self.root = self.folder.resolve()
        self.suffix = suffix
        self.resume = resume
        #: Records written by this run, and records kept from an earlier one (``resume``).
        self.written = 0
        self.kept = 0
        self._used: dict[str, int] = {}
        for stale in self.folder.glob(_TEMP_PREFIX + "*"):
            with contextlib.suppress(OSError):
                stale.unlink()

    def path_for(self, title: str) -> Path:
        stem = safe_name(title)
        key = stem.casefold()
        count = self._used.get(key, 0) + 1
        self._used[key] = count
        if count > 1:
            stem = f"{stem}~{count}"
        path = self.folder / (stem + self.suffix)
        # safe_name cannot produce a separator or "..", but check where it lands.
        if path.parent.resolve() != self.root or path.name in (".", ".."):
            raise ValueError(f"refusing to write {title!r} outside {self.folder}")
        return path

    def write(self, title: str | None, text: str) -> Path:
        if title is None:
            raise ValueError("a record written to a folder needs a title")
        path = self.path_for(title)
        if self.resume and path.exists():
            self.kept += 1
            return path
        atomic_write(path, text)
        self.written += 1
        return path

    def close(self) -> None:
        pass

    def keep(self) -> None:
        """Interrupted: every file written so far is whole; ``--resume`` goes on from them."""

    def abort(self) -> None:
        """Every file written so far is whole (renamed into place): keep them for ``--resume``."""


class StreamWriter:
    """Records one after another on a text stream, standard output by default.

    ``separator`` goes between two records (``---\n`` between YAML documents).
    With ``array`` the records (each a JSON document) are the items of one JSON
    array, ``[]`` when there are none.
    """

    def __init__(
        self, stream: TextIO | None = None, *, separator: str = "", array: bool = False
    ) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self._separator = ",\n" if array else separator
        self._array = array
        self.written = 0

    def write(self, title: str | None, text: str) -> None:
        if self._array:
            text = ("[\n" if not self.written else "") + text.removesuffix("\n")
        if self.written and self._separator:
            text = self._separator + text
        self.stream.write(text)
        self.written += 1

    def _finish(self) -> None:
        if self._array:
            self.stream.write("\n]\n" if self.written else "[]\n")

    def close(self) -> None:
        self._finish()
        self.stream.flush()

    def abort(self) -> None:
        """What was written to a stream cannot be taken back: flush it."""
        self.stream.flush()

    def keep(self) -> None:
        """An interrupted run: end the output cleanly after the last whole record."""
        self.close()


class FileWriter(StreamWriter):
    """``-o FILE``: every record in one file (JSON Lines, a JSON array, or YAML documents),
    written to a temporary file beside it and renamed into place.

    :meth:`close` (the run completed) and :meth:`keep` (the run was interrupted by
    SIGINT or SIGTERM) rename it: the file then holds every record converted so
    far, each whole, and is a valid file of its format. :meth:`abort` (an
    error: a full disk, a bug) removes it and leaves the previous file, if any.
    A run killed outright (SIGKILL) leaves the previous file or none, never half
    of one; its temporary is removed by the next run writing the same file.
    """

    def __init__(self, path: Path, *, separator: str = "", array: bool = False) -> None:
        self.path = Path(path)
        folder = self.path.parent
        with naming(self.path):
            folder.mkdir(parents=True, exist_ok=True)
            prefix = f"{_TEMP_PREFIX}{self.path.name}-"
            for stale in folder.glob(glob.escape(prefix) + "*"):
                with contextlib.suppress(OSError):
                    stale.unlink()
            check_writable(folder)
            handle, self._temporary = _temporary(folder, prefix)
        stream = os.fdopen(handle, "w", encoding="utf-8", newline="")
        super().__init__(stream, separator=separator, array=array)
        self._open = True

    def write(self, title: str | None, text: str) -> None:
        try:
            with naming(self.path):
                super().write(title, text)
                # Each record reaches the file whole at once (a full disk is told at the
                # record that did not fit, and the temporary can be watched).
                self.stream.flush()
        except BaseException:
            self.abort()
            raise

    def close(self) -> None:
        if not self._open:
            return
        try:
            with naming(self.path):
                self._finish()
                self.stream.flush()
                os.fsync(self.stream.fileno())
                self.stream.close()
                self._open = False
                os.replace(self._temporary, self.path)
        except BaseException:
            self.abort()
            raise

    def keep(self) -> None:
        if self.written:
            self.close()
        else:  # nothing converted yet: leave the previous file, if any
            self.abort()

    def abort(self) -> None:
        if self._open:
            self._open = False
            with contextlib.suppress(OSError):  # a full disk fails the flush of close() too
                self.stream.close()
        with contextlib.suppress(OSError):
            os.unlink(self._temporary)
