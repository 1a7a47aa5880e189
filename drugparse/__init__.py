"""drugparse: English Wikipedia drug articles to validated drug records.

>>> import drugparse
>>> record = drugparse.parse(open("fixtures/imiglucerase.wiki").read(), title="Imiglucerase")
>>> record["identifiers"]["cas"], record["chemistry"]["formula"]
('154248-97-2', 'C2532H3854N672O711S16')
"""

from typing import TYPE_CHECKING

from drugparse.errors import (
    WARNING_CODES,
    DrugparseError,
    NoInfoboxError,
    ParseError,
    ValidationError,
)
from drugparse.pipeline import PageResult, parse
from drugparse.record import DrugRecord
from drugparse.validate import schema, validate, validation_errors

if TYPE_CHECKING:
    # What the lazy names below are, for type checkers: the real ones, so a call is
    # checked and a misspelt name (``drugparse.convert_page``) is an error, not Any.
    from drugparse.batch.work import convert_pages
    from drugparse.sources.pages import BadPage, Page
    from drugparse.tabular import to_tables

__all__ = [
    "parse",
    "convert_pages",
    "to_tables",
    "Page",
    "BadPage",
    "PageResult",
    "DrugRecord",
    "validate",
    "validation_errors",
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
    "BadPage": "drugparse.sources.pages",
    # Not ``drugparse.tables``: that is the package of the parser's knowledge tables.
    "to_tables": "drugparse.tabular",
}

if not TYPE_CHECKING:  # at run time only: a type checker sees the imports above

    def __getattr__(name: str) -> object:
        if name in _LAZY:
            import importlib

            return getattr(importlib.import_module(_LAZY[name]), name)
        raise AttributeError(f"module 'drugparse' has no attribute {name!r}")
