"""Normalisers for plain infobox values: text, lists, numbers, flags.

Every normaliser has one signature, ``(code, field) -> (value, warnings)``:
``code`` is the parameter's wikicode, ``field`` the record path it feeds (used
in warnings). ``value`` is ``None`` when the parameter is empty, and "empty"
includes comments and the placeholders of :data:`PLACEHOLDERS`, except in the
fields where a placeholder word is a statement (:mod:`drugparse.tables.placeholders`).

>>> text(parse_wikitext("[[Typical antipsychotic]] <!-- x -->"), "clinical.class")
('Typical antipsychotic', [])
>>> text_list(parse_wikitext("Stelazine, Eskazine, others"), "names.trade_names")
(Items(items=['Stelazine', 'Eskazine'], incomplete=True), [])
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import WarningEntry
from drugparse.errors import warning
from drugparse.normalise.text import Rendered, render
from drugparse.tables.placeholders import PLACEHOLDERS, is_placeholder
from drugparse.wikitext import parse_wikitext  # noqa: F401  (doctest)

__all__ = [
    "PLACEHOLDERS",
    "INCOMPLETE_MARKERS",
    "rendered",
    "text",
    "text_list",
    "Items",
    "AsWritten",
    "list_is_incomplete",
    "integer",
    "is_placeholder",
    "drug_type",
    "DRUG_TYPES",
]


#: A last list item that says the list goes on: ``Humira, others``.
INCOMPLETE_MARKERS = frozenset(
    {"others", "and others", "among others", "etc", "etc.", "many others", "several others"}
)

# A comma or semicolon followed by space separates items; "2,4-dinitrophenol" stays whole,
# and so does a comma inside brackets: "Foo (tablets, capsules)".
_SEPARATOR = re.compile(r"[,;]\s+|\s+/\s+")


def rendered(
    code: Wikicode, field: str, read_elsewhere: tuple[str, ...] = ()
) -> tuple[Rendered, list[WarningEntry]]:
    """Render a value and warn about every template that has no plain-text rendering,
    except those whose (folded) name starts with one of ``read_elsewhere``: the caller
    reads them itself."""
    result = render(code)
    warnings = [
        warning("unrendered_template", field, f"template {{{{{name}}}}} has no text rendering")
        for name in dict.fromkeys(result.unrendered)
        if not name.startswith(read_elsewhere)
    ]
    return result, warnings


def text(code: Wikicode, field: str) -> tuple[str | None, list[WarningEntry]]:
    """Plain text of a value, or None when it is empty or a placeholder."""
    result, warnings = rendered(code, field)
    value = result.text
    if not value or is_placeholder(value, field):
        return None, warnings
    return value, warnings


def split_list(items: list[str], field: str = "") -> list[str]:
    """Split items on separators outside brackets: ``["A, B (x, y)"]`` -> ``["A", "B (x, y)"]``."""
    out: list[str] = []
    for item in items:
        out.extend(_split_outside_brackets(item))
    return [item for item in out if item and not is_placeholder(item, field)]


def _split_outside_brackets(item: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"[()\[\]]|" + _SEPARATOR.pattern, item):
        token = match.group()
        if token in "([":
            depth += 1
        elif token in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(item[start : match.start()].strip())
            start = match.end()
    parts.append(item[start:].strip().rstrip(",;").strip())
    return parts


def list_is_incomplete(items: list[str]) -> bool:
    """True when the last item says "others": ``["Humira", "others"]``."""
    return bool(items) and items[-1].lower() in INCOMPLETE_MARKERS


class AsWritten(NamedTuple):
    """A value its field cannot hold (no identifier in an identifier field, no number in a
    count): :func:`drugparse.extract.infobox.read_fields` keeps ``text`` in ``unmapped``
    under the parameter's name, and the normaliser's warning says why. Nothing is dropped.
    """

    text: str


class Items(NamedTuple):
    """A list value, and whether its source said the list goes on (``Humira, others``).

    The record holds ``items`` at the field and ``<field>_incomplete: true`` beside it.
    """

    items: list[str]
    incomplete: bool = False


def text_list(code: Wikicode, field: str) -> tuple[Items | None, list[WarningEntry]]:
    """A list value from commas, ``<br>``, ``{{ubl}}``, ``{{plainlist}}`` or ``*`` lines."""
    result, warnings = rendered(code, field)
    items = split_list(result.items, field)
    incomplete = list_is_incomplete(items)
    if incomplete:
        items = items[:-1]
    if not items:
        return None, warnings
    return Items(items, incomplete), warnings


def integer(code: Wikicode, field: str) -> tuple[int | AsWritten | None, list[WarningEntry]]:
    """An atom count or other whole number: ``" 2532 "`` -> ``2532``; other text is kept
    as written (in ``unmapped``) with an ``unparsed_value`` warning."""
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    digits = value.replace(",", "").replace(" ", "")
    if digits.isascii() and digits.isdigit() and len(digits) <= 15:  # int() refuses huge ones
        return int(digits), warnings
    message = f"not a whole number: {value!r}; kept as written in unmapped"
    return AsWritten(value), [*warnings, warning("unparsed_value", field, message)]


#: ``type`` values of Infobox drug to the record's ``drug_type`` (record-format.md).
DRUG_TYPES: dict[str, str] = {
    "mab": "monoclonal_antibody",
    "vaccine": "vaccine",
    "combo": "combination",
}


def drug_type(code: Wikicode, field: str) -> tuple[str | None, list[WarningEntry]]:
    """``type = mab`` -> ``monoclonal_antibody``; other values kept as written."""
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    return DRUG_TYPES.get(value.lower(), value), warnings
