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
only; stale temporaries are removed when the next run opens the folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path
from typing import TextIO

__all__ = [
    "DirectoryWriter",
    "FileWriter",
    "StreamWriter",
    "atomic_write",
    "safe_name",
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
    import hashlib  # here: a run that writes to standard output never needs these
    import unicodedata

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


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all."""
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
        self.root = self.folder.resolve()
        self.suffix = suffix
        self.resume = resume
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
            return path
        atomic_write(path, text)
        return path

    def close(self) -> None:
        pass

    def abort(self) -> None:
        """Every file written so far is whole (renamed into place): keep them for ``--resume``."""


class StreamWriter:
    """Records one after another on a text stream, standard output by default (YAML
    documents split by ``---``)."""

    def __init__(self, stream: TextIO | None = None, *, separator: str = "") -> None:
        self.stream = stream if stream is not None else sys.stdout
        self._separator = separator
        self._count = 0

    def write(self, title: str | None, text: str) -> None:
        if self._count and self._separator:
            self.stream.write(self._separator)
        self.stream.write(text)
        self._count += 1

    def close(self) -> None:
        self.stream.flush()

    def abort(self) -> None:
        """What was written to a stream cannot be taken back: flush it."""
        self.stream.flush()


class FileWriter(StreamWriter):
    """``-o FILE``: every record in one file (JSONL, or YAML documents), renamed into place at
    the end so a killed run leaves the previous file or none, never half of one."""

    def __init__(self, path: Path, *, separator: str = "") -> None:
        self.path = Path(path)
        if self.path.parent != Path(""):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        handle, self._temporary = tempfile.mkstemp(
            prefix=_TEMP_PREFIX, dir=self.path.parent or Path(".")
        )
        super().__init__(os.fdopen(handle, "w", encoding="utf-8", newline=""), separator=separator)

    def close(self) -> None:
        self.stream.close()
        os.replace(self._temporary, self.path)

    def abort(self) -> None:
        self.stream.close()
        with contextlib.suppress(OSError):
            os.unlink(self._temporary)
