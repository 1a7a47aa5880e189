"""What a report reads: record files, or anything ``convert`` accepts, converted on the way.

Record inputs are a JSON Lines file, a ``.json``/``.yaml`` record file, or a
folder of them (recursive, sorted, as ``convert -o DIR`` writes them); or the
tables ``convert`` writes (``drugs.duckdb``, ``OUT.parquet``, a folder holding
``drugs.parquet``), whose ``drugs`` table has each whole record as JSON in its
``record`` column (read with the ``tables`` extra: pyarrow, duckdb). Any
other input (a dump, a wikitext file, a folder of ``.wiki`` files) goes
through the sources and the batch converter, exactly as ``convert`` reads it.

>>> is_record_file(Path("drugs.jsonl")), is_record_file(Path("dump.xml.bz2"))
(True, False)
>>> is_record_file(Path("drugs.duckdb")), is_record_file(Path("tables/drugs.parquet"))
(True, True)
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drugparse.sources.inputs import WIKITEXT_SUFFIXES, InputError

__all__ = [
    "RECORD_SUFFIXES",
    "TABLE_SUFFIXES",
    "RecordFileError",
    "Source",
    "is_record_file",
    "records_in",
    "split_inputs",
]

RECORD_SUFFIXES = (".jsonl", ".json", ".yaml", ".yml")
#: Table files of ``convert -o``: a DuckDB database, or the ``drugs`` table in Parquet.
TABLE_SUFFIXES = (".duckdb", ".parquet")
#: Rows of the ``drugs`` table read at a time (memory stays bounded on a whole dump).
_TABLE_BATCH = 1000


class RecordFileError(Exception):
    """A record file that cannot be read: ``drugs.jsonl:12: not JSON (...)``."""


@dataclass(frozen=True)
class Source:
    """One command-line input: ``records`` (files of records) or ``pages`` (to convert)."""

    kind: str
    argument: str


def is_record_file(path: Path) -> bool:
    """A file of records (or tables of records), by its name."""
    return path.name.lower().endswith(RECORD_SUFFIXES + TABLE_SUFFIXES)


def _tables_folder(folder: Path) -> bool:
    """A folder of ``convert -o DIR --format parquet``: ``DIR/drugs.parquet`` and the rest."""
    return (folder / "drugs.parquet").is_file()


def _files(folder: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(suffixes) and not name.startswith("."):
                yield Path(root, name)


def split_inputs(arguments: Iterable[str]) -> list[Source]:
    """Tell record inputs from inputs to convert; :class:`InputError` for a bad one."""
    sources = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir() and _tables_folder(path):
            sources.append(Source("records", argument))
        elif path.is_dir():
            records = next(_files(path, RECORD_SUFFIXES), None) is not None
            pages = next(_files(path, WIKITEXT_SUFFIXES), None) is not None
            if records and pages:
                raise InputError(
                    f"{argument}: holds both record files and wikitext files; "
                    "name the record files or a folder of one kind"
                )
            sources.append(Source("records" if records else "pages", argument))
        elif path.is_file() and is_record_file(path):
            sources.append(Source("records", argument))
        elif argument != "-" and not path.exists():
            raise InputError(f"{argument}: no such file or folder")
        else:
            sources.append(Source("pages", argument))
    if not sources:
        raise InputError("no input")
    return sources


def records_in(argument: str) -> Iterator[dict[str, Any]]:
    """Every record of a record file or folder, in order; :class:`RecordFileError` if unreadable."""
    path = Path(argument)
    if path.is_dir() and _tables_folder(path):
        yield from _records_of_parquet(path / "drugs.parquet")
        return
    files = list(_files(path, RECORD_SUFFIXES)) if path.is_dir() else [path]
    for file in files:
        suffix = file.suffix.lower()
        if suffix == ".parquet":
            yield from _records_of_parquet(file)
        elif suffix == ".duckdb":
            yield from _records_of_duckdb(file)
        else:
            yield from _records_of_file(file)


def _tables_module(module: str, path: Path) -> Any:
    from drugparse.tabular import MissingExtraError, require

    try:
        return require(module)
    except MissingExtraError as exc:
        raise RecordFileError(f"{path}: {exc}") from exc


def _records_of_parquet(path: Path) -> Iterator[dict[str, Any]]:
    """The ``record`` column of a ``drugs`` table in Parquet, batch by batch."""
    pq = _tables_module("pyarrow.parquet", path)
    try:
        table = pq.ParquetFile(path)
        if "record" not in table.schema_arrow.names:
            raise RecordFileError(
                f"{path}: no record column: not the drugs table of `drugparse convert`"
            )
        batches = table.iter_batches(batch_size=_TABLE_BATCH, columns=["record"])
        for number, text in enumerate(
            (text for batch in batches for text in batch.column(0).to_pylist()), start=1
        ):
            yield _record(_json(text or "", f"{path}: row {number}"), f"{path}: row {number}")
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise RecordFileError(f"{path}: cannot read as Parquet: {exc}") from exc


def _records_of_duckdb(path: Path) -> Iterator[dict[str, Any]]:
    """The ``record`` column of the ``drugs`` table of a DuckDB database, in row order."""
    duckdb = _tables_module("duckdb", path)
    if not path.is_file():
        raise RecordFileError(f"{path}: no such file")  # duckdb.connect would create it
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise RecordFileError(f"{path}: cannot read as DuckDB: {exc}") from exc
    try:
        try:
            cursor = connection.execute("SELECT record FROM drugs ORDER BY rowid")
        except duckdb.Error as exc:
            raise RecordFileError(
                f"{path}: no drugs table with a record column: not a database of "
                f"`drugparse convert` ({exc})"
            ) from exc
        number = 0
        while rows := cursor.fetchmany(_TABLE_BATCH):
            for (text,) in rows:
                number += 1
                where = f"{path}: row {number}"
                yield _record(_json(text or "", where), where)
    finally:
        connection.close()


def _records_of_file(path: Path) -> Iterator[dict[str, Any]]:
    from drugparse import write

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordFileError(f"{path}: cannot read: {exc}") from exc
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield _record(_json(line, f"{path}:{number}"), f"{path}:{number}")
        return
    try:
        loaded = write.loads(text, "json" if path.suffix.lower() == ".json" else "yaml")
    except Exception as exc:  # json.JSONDecodeError, yaml.YAMLError
        raise RecordFileError(f"{path}: not a record file ({exc})") from exc
    for item in loaded if isinstance(loaded, list) else [loaded]:
        yield _record(item, str(path))


def _json(line: str, where: str) -> object:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordFileError(f"{where}: not JSON ({exc})") from exc


def _record(item: object, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise RecordFileError(f"{where}: not a record (a mapping is expected)")
    return item
