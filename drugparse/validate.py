"""Validate stage: check a record against the JSON Schema, with one compiled validator.

>>> validate({"schema_version": "1.1.0", "title": "X", "source": {"template": "Drugbox"},
...           "identifiers": {"cas": "50 00 0"}})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
drugparse.errors.ValidationError: identifiers.cas: '50 00 0' does not match '^[0-9]{2,7}-...'
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import ModuleType
from typing import TYPE_CHECKING, Any

from drugparse.errors import ValidationError

# Rust validator: same verdicts, about 50x faster; optional, errors still come from jsonschema.
jsonschema_rs: ModuleType | None
try:
    jsonschema_rs = importlib.import_module("jsonschema_rs")
except ImportError:  # pragma: no cover - a platform without its wheel
    jsonschema_rs = None

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

__all__ = ["schema", "validate", "validation_errors", "is_valid", "SCHEMA_FILE"]

SCHEMA_FILE = "drug-record.schema.json"


@cache
def _schema_text() -> str:
    return resources.files("drugparse").joinpath("schemas").joinpath(SCHEMA_FILE).read_text("utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema of a drug record, as a new dict (callers may change it)."""
    document: dict[str, Any] = json.loads(_schema_text())
    return document


@cache
def _validator() -> Draft202012Validator:
    # Compiled once per process: building a validator costs far more than using it.
    # Imported here: with jsonschema-rs it is only needed for an invalid record's
    # messages, and importing it is a good part of a short run's start-up.
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _fast_validator() -> Any:
    if jsonschema_rs is None:
        return None
    # Formats off: jsonschema checks "uri" only with optional packages, and the two must agree.
    return jsonschema_rs.Draft202012Validator(schema(), validate_formats=False)


def is_valid(record: Mapping[str, Any]) -> bool:
    """True when the record matches the schema (fast path of :func:`validation_errors`)."""
    fast = _fast_validator()
    if fast is not None:
        return bool(fast.is_valid(record))
    return bool(_validator().is_valid(record))


def validation_errors(record: Mapping[str, Any]) -> list[ValidationError]:
    """Every way the record breaks the schema, in a stable order (empty when valid).

    >>> [str(e) for e in validation_errors({"title": "X", "schema_version": "1.0"})]
    ["(record): 'source' is a required property", "schema_version: '1.1.0' was expected"]

    A valid record is confirmed by jsonschema-rs when installed; the errors of an
    invalid one always come from ``jsonschema``, for its paths and messages.
    """
    fast = _fast_validator()
    if fast is not None and fast.is_valid(record):
        return []
    errors = sorted(_validator().iter_errors(record), key=_error_order)
    return [ValidationError(e.message, tuple(e.path), tuple(e.schema_path)) for e in errors]


def _error_order(error: Any) -> tuple[list[str], str]:
    return [str(part) for part in error.path], error.message


def validate(record: Mapping[str, Any]) -> None:
    """Raise :class:`~drugparse.errors.ValidationError` unless valid.

    The exception is the first error (its ``path`` says where); its ``errors``
    holds every one, as :func:`validation_errors` gives them.
    """
    errors = validation_errors(record)
    if errors:
        first = errors[0]
        first.errors = tuple(errors)
        raise first
