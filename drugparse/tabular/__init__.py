"""Analyst-ready tables of drug records: Arrow tables, Parquet files, a DuckDB database.

``drugparse.to_tables(records)`` gives a dict of ``pyarrow.Table`` s, one per entity
(``drugs``, ``citations``, ``citation_authors``, ``atc_codes``, ``categories``,
``warnings``, ``identifiers``...), each under the Arrow schema :func:`arrow_schemas`
derives from the record's JSON Schema (:mod:`drugparse.tabular.layout`): the types of
a column never depend on the data. Needs the ``tables`` extra
(``pip install 'drugparse[tables]'``: pyarrow and duckdb).

This package is ``tabular``, not ``tables``: :mod:`drugparse.tables` is the parser's
knowledge as data (the Infobox drug parameter table, CS1 aliases, atomic weights).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from drugparse.tabular.layout import Column, Kind, layout
from drugparse.tabular.rows import Columns

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["MissingExtraError", "TABLE_NAMES", "arrow_schemas", "require", "to_tables"]


class MissingExtraError(ImportError):
    """pyarrow or duckdb is not installed."""


def require(module: str) -> Any:
    """Import ``module`` of the ``tables`` extra, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"tables need {module.split('.')[0]}: pip install 'drugparse[tables]'"
        ) from exc


def table_names() -> tuple[str, ...]:
    """The tables, ``drugs`` first, each child after its parent."""
    return tuple(layout())


TABLE_NAMES = table_names()


def _arrow_type(kind: Kind) -> pa.DataType:
    pa = require("pyarrow")
    scalar = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    scalar["bool"] = pa.bool_()
    if kind.startswith("list<"):
        # Parquet's own name for list items (what pyarrow, Spark and DuckDB write and read)
        return pa.list_(pa.field("element", scalar[kind[5:-1]]))
    return scalar[kind]


def _field(column: Column, key: bool) -> pa.Field:
    pa = require("pyarrow")
    metadata = {"source": column.source}
    if column.description:
        metadata["description"] = column.description
    nullable = not (key or column.flag)
    return pa.field(column.name, _arrow_type(column.kind), nullable=nullable, metadata=metadata)


@cache
def arrow_schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of every table, derived from the JSON Schema.

    Keys (``drug_title``, ``position``) and flags (``const: true`` -> false when
    absent) are not nullable; every other column is (absent in the record -> null).
    """
    pa = require("pyarrow")
    out = {}
    for name, table in layout().items():
        fields = [_field(c, key=True) for c in table.keys]
        keys = {table.key_column, "title" if table.form == "record" else None}
        fields += [_field(c, key=c.name in keys) for c in table.columns]
        out[name] = pa.schema(fields, metadata={"table": name, "path": table.path})
    return out


def columns_to_tables(columns: Columns) -> dict[str, pa.Table]:
    """The Arrow tables of what :class:`Columns` gathered."""
    pa = require("pyarrow")
    schemas = arrow_schemas()
    return {
        name: pa.Table.from_pydict(data, schema=schemas[name])
        for name, data in columns.tables.items()
    }


def to_tables(records: Iterable[Mapping[str, Any]]) -> dict[str, pa.Table]:
    """Drug records -> ``{table name: pyarrow.Table}``, every table present (maybe empty)::

        record = drugparse.parse(open("fixtures/imiglucerase.wiki").read(), title="Imiglucerase")
        tables = drugparse.to_tables([record])
        tables["drugs"].column("cas").to_pylist()  # ['154248-97-2']
        tables["citations"].num_rows  # 7

    (Not a doctest: it needs the ``tables`` extra; tests/test_tabular.py checks it.)
    """
    columns = Columns()
    for record in records:
        columns.add(record)
    return columns_to_tables(columns)
