"""Errors raised by drugparse and the warnings it records.

Errors stop a page; warnings do not. A warning is data, like a
``jsonschema`` error: ``{"code": "invalid_checksum", "field":
"identifiers.cas", "message": "CAS check digit is 3, expected 2"}``. Its
``code`` comes from :data:`WARNING_CODES`, which the schema's enum repeats.
"""

from __future__ import annotations

from drugparse.contract import WarningEntry

__all__ = [
    "DrugparseError",
    "NoInfoboxError",
    "ParseError",
    "ValidationError",
    "WARNING_CODES",
    "warning",
]

#: Every warning code a record may carry, with what it means.
WARNING_CODES: dict[str, str] = {
    "unknown_parameter": "an infobox parameter no mapping knows; its text is in `unmapped`",
    "duplicate_parameter": "an infobox parameter given more than once; the last value wins",
    "invalid_checksum": "an identifier whose check digit is wrong; the value is kept as written",
    "invalid_format": "a value that does not have the expected shape; kept as written",
    "molar_mass_mismatch": "stated and computed molar mass differ by more than 0.1%",
    "unparsed_value": "a value whose number or structure could not be read; its text is kept",
    "unrendered_template": "a template with no plain-text rendering; its name is kept",
    "unparsed_date": "a date that has no ISO 8601 reading; `date_text` keeps it",
    "unbalanced_markup": "unclosed or stray markup; the record is a best effort",
    "unknown_reference": "a reused `<ref name=x />` whose definition is missing",
    "dropped_value": "a value that could not be kept in its field, with the reason",
    "empty_citation": "a citation with no title, URL, identifier or text, and no other warning",
    "formula_mismatch": "element counts, `chemical_formula` and the formula layer of `StdInChI` "
    "disagree",
    "inchikey_mismatch": "`StdInChIKey` is not the key of `StdInChI` (first block, "
    "protonation letter, or the second block of an InChI without stereo or isotope layers)",
    "smiles_mismatch": "the SMILES's formula or InChIKey first block disagrees with the "
    "formula or `StdInChIKey` (RDKit, only from `drugparse.normalise.smiles`)",
    "no_identifier": (
        "an identifier field whose value holds no identifier; kept as written in `unmapped`"
    ),
    "conflicting_value": (
        "{{drug resources}} and the infobox give different values; the infobox wins"
    ),
}


class DrugparseError(Exception):
    """Base class of every error drugparse raises."""

    code = "error"


class NoInfoboxError(DrugparseError):
    """The page has no drug infobox: ``{{Infobox drug}}``, ``{{Drugbox}}``, a drug Chembox."""

    code = "no_infobox"

    def __init__(self, title: str | None = None) -> None:
        self.title = title
        where = f"{title!r}" if title else "the page"
        super().__init__(f"no drug infobox in {where}")


class ParseError(DrugparseError):
    """The page could not be turned into a record, with the title and the reason."""

    code = "parse_error"

    def __init__(self, title: str | None, reason: str) -> None:
        self.title = title
        self.reason = reason
        super().__init__(f"{title or 'page'}: {reason}")


class ValidationError(DrugparseError):
    """A record does not match the schema; ``path`` says where, e.g. ``identifiers.cas``."""

    code = "invalid_record"

    def __init__(
        self,
        message: str,
        path: tuple[str | int, ...] = (),
        schema_path: tuple[str | int, ...] = (),
    ) -> None:
        self.message = message
        self.path = tuple(path)
        self.schema_path = tuple(schema_path)
        #: Every error of the record, this one first (``drugparse.validate`` fills it in).
        self.errors: tuple[ValidationError, ...] = (self,)
        where = ".".join(str(p) for p in self.path) or "(record)"
        super().__init__(f"{where}: {message}")


def warning(code: str, field: str, message: str) -> WarningEntry:
    """One warning entry: ``warning("invalid_checksum", "identifiers.cas", "...")``."""
    if code not in WARNING_CODES:
        raise ValueError(f"unknown warning code {code!r}")
    return {"code": code, "field": field, "message": message}
