"""drugparse: English Wikipedia drug articles to validated drug records.

>>> import drugparse
>>> record = drugparse.parse(open("fixtures/imiglucerase.wiki").read(), title="Imiglucerase")
>>> record["identifiers"]["cas"], record["chemistry"]["formula"]
('154248-97-2', 'C2532H3854N672O711S16')
"""

from drugparse.errors import (
    WARNING_CODES,
    DrugparseError,
    NoInfoboxError,
    ParseError,
    ValidationError,
)
from drugparse.pipeline import PageResult, parse
from drugparse.validate import schema, validate

__all__ = [
    "parse",
    "convert_pages",
    "to_tables",
    "Page",
    "PageResult",
    "validate",
    "schema",
    "DrugparseError",
    "NoInfoboxError",
    "ParseError",
    "ValidationError",
    "WARNING_CODES",
    "__version__",
]

__version__ = "0.1.0"


# The batch engine (process pools, dump readers) loads on first use, so that
# ``import drugparse`` stays light for pipelines that only call parse().
_LAZY = {
    "convert_pages": "drugparse.batch.work",
    "Page": "drugparse.sources.pages",
    # Not ``drugparse.tables``: that is the package of the parser's knowledge tables.
    "to_tables": "drugparse.tabular",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'drugparse' has no attribute {name!r}")
