"""The batch converter's work, spread over a Spark cluster.

- :mod:`~drugparse.spark.dataframe`: :func:`convert_dataframe`, a DataFrame of pages
  to a DataFrame of records and errors;
- :mod:`~drugparse.spark.dump`: :func:`read_multistream`, a multistream dump as a
  DataFrame of pages, read by the tasks;
- :mod:`~drugparse.spark.job`: :class:`SparkJob`, one ``spark-convert`` run as a value;
- :mod:`~drugparse.spark.tables`: :func:`write_tables`, the tables of
  :mod:`drugparse.tabular` written by the tasks (``spark-convert --format parquet``).

``from drugparse.spark import convert_dataframe`` imports PySpark on first use
only, so the command line can say that PySpark is missing instead of failing.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["PAGE_SCHEMA", "RESULT_SCHEMA", "convert_dataframe", "convert_rows", "read_multistream"]

_LAZY = {
    "RESULT_SCHEMA": "drugparse.spark.dataframe",
    "convert_dataframe": "drugparse.spark.dataframe",
    "convert_rows": "drugparse.spark.dataframe",
    "PAGE_SCHEMA": "drugparse.spark.dump",
    "read_multistream": "drugparse.spark.dump",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'drugparse.spark' has no attribute {name!r}")
