"""Where tables go: Parquet files (a folder, or ``OUT.parquet`` and its siblings) or one
DuckDB database. Both are :class:`drugparse.contract.RecordWriter` s fed JSON Lines
records, so ``drugparse convert`` drives them as it drives its record writers.

Records are gathered in batches of :data:`BATCH_RECORDS`; each batch becomes one row
group of every Parquet file (or one ``INSERT`` per DuckDB table), so memory stays
bounded and the same input always gives the same row groups. Everything is written
beside the output under a temporary name and renamed into place by ``close``; ``abort``
leaves what was there before.

Where the tables of ``-o OUT.parquet`` go: ``OUT.parquet`` is the ``drugs`` table and
every other table is a sibling, ``OUT.citations.parquet``, ``OUT.warnings.parquet``...
(:func:`parquet_paths`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from drugparse.tabular import TABLE_NAMES, arrow_schemas, columns_to_tables, require
from drugparse.tabular.layout import layout
from drugparse.tabular.rows import Columns

__all__ = ["BATCH_RECORDS", "DuckDBWriter", "ParquetWriter", "parquet_paths"]

#: Records per row group: some 20 MB of Arrow data for typical drug articles (half of it
#: the `record` column).
BATCH_RECORDS = 2000

_TEMP_PREFIX = ".drugparse-tmp-"


def _publish(temporary: Path, path: Path) -> None:
    """Rename into place, with the permissions a new file gets (mkstemp makes it 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    os.replace(temporary, path)


def parquet_paths(output: Path, *, folder: bool) -> dict[str, Path]:
    """The file of each table: ``DIR/drugs.parquet``..., or ``OUT.parquet`` (``drugs``)
    and ``OUT.<table>.parquet`` beside it.

    >>> paths = parquet_paths(Path("out/drugs.parquet"), folder=False)
    >>> str(paths["drugs"]), str(paths["citations"])
    ('out/drugs.parquet', 'out/drugs.citations.parquet')
    """
    if folder:
        return {name: output / f"{name}.parquet" for name in TABLE_NAMES}
    stem = output.name[: -len(".parquet")] if output.name.endswith(".parquet") else output.name
    paths = {"drugs": output}
    paths.update({name: output.with_name(f"{stem}.{name}.parquet") for name in TABLE_NAMES[1:]})
    return paths


class _TableWriter:
    """Gathers records in batches; subclasses write each batch's tables."""

    def __init__(self) -> None:
        self._columns = Columns()
        self.records = 0

    def write(self, title: str | None, text: str) -> None:
        line = text.rstrip("\n")
        self._columns.add(json.loads(line), line)
        self.records += 1
        if self._columns.records >= BATCH_RECORDS:
            self._flush()

    def _flush(self) -> None:
        if self._columns.records:
            self._write_batch(columns_to_tables(self._columns))
        self._columns = Columns()

    def _write_batch(self, tables: dict[str, Any]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError

    def keep(self) -> None:
        """An interrupted run: the tables of the records converted so far, each row whole,
        put in place as at the end of a run (as ``-o FILE``); with none yet, the previous
        output is left as it was."""
        if self.records:
            self.close()
        else:
            self.abort()


class ParquetWriter(_TableWriter):
    """Every table a Parquet file (zstd), at the paths of :func:`parquet_paths`.

    The files hold no time stamp: two runs on the same input give the same bytes
    (with the same pyarrow version, whose name is in the files' ``created_by``).
    """

    def __init__(self, paths: dict[str, Path]) -> None:
        self._pq = require("pyarrow.parquet")
        super().__init__()
        self.paths = paths
        self._temporary: dict[str, Path] = {}
        self._writers: dict[str, Any] = {}
        for name, path in paths.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=path.parent)
            os.close(handle)
            self._temporary[name] = Path(temporary)

    def _writer(self, name: str) -> Any:
        if name not in self._writers:
            self._writers[name] = self._pq.ParquetWriter(
                self._temporary[name], arrow_schemas()[name], compression="zstd"
            )
        return self._writers[name]

    def _write_batch(self, tables: dict[str, Any]) -> None:
        for name, table in tables.items():
            if table.num_rows:
                self._writer(name).write_table(table)

    def close(self) -> None:
        self._flush()
        for name in self.paths:  # a table with no rows is a file with its schema
            self._writer(name).close()
        for name, path in self.paths.items():
            _publish(self._temporary[name], path)

    def abort(self) -> None:
        for writer in self._writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        for temporary in self._temporary.values():
            with contextlib.suppress(OSError):
                temporary.unlink()


_SQL_TYPES = {"string": "VARCHAR", "int64": "BIGINT", "float64": "DOUBLE", "bool": "BOOLEAN"}


def _sql_type(kind: str) -> str:
    return _SQL_TYPES[kind[5:-1]] + "[]" if kind.startswith("list<") else _SQL_TYPES[kind]


def duckdb_catalogue() -> str:
    """``CREATE TABLE`` and ``COMMENT ON COLUMN`` statements of every table, as one
    transaction (one statement at a time, DuckDB took 1.4 s to make them; so, 0.2 s)."""
    schemas = arrow_schemas()
    statements = ["BEGIN TRANSACTION;"]
    for name, table in layout().items():
        columns = []
        for column in table.all_columns:
            required = "" if schemas[name].field(column.name).nullable else " NOT NULL"
            columns.append(f'"{column.name}" {_sql_type(column.kind)}{required}')
        statements.append(f'CREATE TABLE "{name}" ({", ".join(columns)});')
        for column in table.all_columns:
            if column.description:
                text = column.description.replace("'", "''")
                statements.append(f'COMMENT ON COLUMN "{name}"."{column.name}" IS \'{text}\';')
    statements.append("COMMIT;")
    return "\n".join(statements)


class DuckDBWriter(_TableWriter):
    """One DuckDB database file holding every table (made from the layout, so a table's
    column types are the same with no rows), with each column's description as its
    comment."""

    def __init__(self, path: Path) -> None:
        self._duckdb = require("duckdb")
        super().__init__()
        self.path = Path(path)
        if self.path.parent != Path(""):
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._folder = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=self.path.parent))
        self._connection = self._duckdb.connect(str(self._folder / "drugs.duckdb"))
        self._connection.execute(duckdb_catalogue())

    def _write_batch(self, tables: dict[str, Any]) -> None:
        for name, table in tables.items():
            if table.num_rows:
                self._connection.register("drugparse_batch", table)
                self._connection.execute(f'INSERT INTO "{name}" SELECT * FROM drugparse_batch')
                self._connection.unregister("drugparse_batch")

    def close(self) -> None:
        self._flush()
        self._connection.execute("CHECKPOINT")
        self._connection.close()
        _publish(self._folder / "drugs.duckdb", self.path)
        shutil.rmtree(self._folder, ignore_errors=True)

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._connection.close()
        shutil.rmtree(self._folder, ignore_errors=True)
