"""``spark-convert --format parquet``: the tables of :mod:`drugparse.tabular`, on Spark.

Each table is a Spark Parquet folder ``OUT/<table>/`` (``part-*.parquet``) with the
columns and rows ``drugparse convert -o OUT --format parquet`` writes to
``OUT/<table>.parquet``. The records are converted once; each table is then made from
their JSON by ``mapInArrow`` (the tasks build only that table's columns).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

__all__ = ["write_tables"]


def write_tables(records: DataFrame, output: str) -> list[str]:
    """Write every table of ``records`` (a DataFrame with a ``record`` JSON column) under
    ``output``; return the table names in order."""
    from pyspark.sql.pandas.types import from_arrow_schema

    from drugparse.tabular import arrow_schemas

    names = []
    for name, schema in arrow_schemas().items():
        spark_schema = from_arrow_schema(schema)
        table = records.select("record").mapInArrow(_batches_of(name), spark_schema)
        table.write.parquet(f"{output.rstrip('/')}/{name}")
        names.append(name)
    return names


def _batches_of(name: str) -> Any:
    def batches(chunks: Iterator[Any]) -> Iterator[Any]:
        from drugparse.tabular import columns_to_tables
        from drugparse.tabular.rows import Columns

        for chunk in chunks:
            columns = Columns(only=(name,))
            for text in chunk.column("record").to_pylist():
                columns.add(json.loads(text), text)
            yield from columns_to_tables(columns)[name].to_batches()

    return batches
