"""Database identifiers: found in the value as written, normalised, checked, never dropped.

A value holds identifiers and, around them, notes: ``50-78-2 (free acid)``,
``DB00945 (salt)``, ``2244<br>5462``, ``2157 ✓``, ``{{CAS|50-78-2}}<ref>..</ref>``. Each
identifier the value holds is found with its family's loose shape
(:mod:`drugparse.tables.identifiers`) and normalised (``CHEMBL``/``CHEBI:`` prefixes,
capitals); the first goes to the field, the others to ``additional``, and the text
beside each one to ``notes`` (see :class:`Identified`). A value with no identifier in it
is kept as written in ``unmapped`` with a ``no_identifier`` warning: nothing that is not
an identifier lands in a key pipelines join on. An identifier that has the loose shape
but fails its registry's strict rule is kept, with an ``invalid_format`` (or, for CAS,
``invalid_checksum``) warning.

>>> cas_number(parse_wikitext("50-78-2 (free acid)"), "identifiers.cas")
(Identified(values=['50-78-2'], notes={'50-78-2': 'free acid'}, listed=False), [])
>>> chembl(parse_wikitext("1201632"), "identifiers.chembl")
('CHEMBL1201632', [])
>>> compose_atc("b01", "ac06 (WHO)")[:2]
('B01AC06', 'WHO')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from mwparserfromhell.nodes import Tag, Template, Text
from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import WarningEntry
from drugparse.errors import warning
from drugparse.normalise.text import render
from drugparse.normalise.values import AsWritten, rendered, split_list, text
from drugparse.tables.identifiers import ATC_FIND, ATC_STRICT, Family, family_of
from drugparse.tables.placeholders import is_placeholder
from drugparse.tables.templates import is_verification_template
from drugparse.wikitext import (  # noqa: F401  (parse_wikitext: doctest)
    child_templates,
    parse_wikitext,
    tag_name,
    template_name,
)

__all__ = [
    "Identified",
    "IDENTIFIER_TEMPLATES",
    "find_identifiers",
    "identifier",
    "identifier_list",
    "cas_number",
    "cas_list",
    "cas_check_digit",
    "chembl",
    "chebi",
    "atc_part",
    "compose_atc",
    "atc_codes",
    "verification_status",
]


class Identified(NamedTuple):
    """The identifiers one value holds, in order, and the note written beside each.

    In the record (:func:`drugparse.assemble.assemble_fields`) the field holds
    ``values[0]`` (a list field such as ``cas_supplemental`` or ``atc``: all of them),
    ``additional.<field>`` the rest, and ``notes.<field>`` maps an identifier to its note:
    ``{"50-78-2": "free acid"}``.
    """

    values: list[str]
    notes: dict[str, str]
    listed: bool = False


def _first_argument(template: Template) -> str:
    values = [str(p.value).strip() for p in template.params if not p.showkey]
    return values[0] if values else ""


def _atc_template(template: Template) -> str:
    parts = [str(p.value).strip() for p in template.params if not p.showkey][:2]
    return "".join(parts)


def _atcvet_template(template: Template) -> str:
    code = _atc_template(template)
    return code if code[:1] in ("Q", "q") else "Q" + code


#: Templates that wrap an identifier, and the text each stands for: ``{{CAS|50-78-2}}``
#: (Template:CAS links a CAS number), ``{{ATC|B01|AC06}}``, ``{{ATCvet|J01|AA13}}``
#: (Template:ATC and Template:ATCvet), and the tick marks editors put after a checked
#: identifier (Template:Tick, Template:Y, Template:Checked).
IDENTIFIER_TEMPLATES: dict[str, Callable[..., str]] = {
    "cas": _first_argument,
    "atc": _atc_template,
    "atcvet": _atcvet_template,
    "tick": lambda template: "✓",
    "y": lambda template: "✓",
    "checked": lambda template: "✓",
    "check mark": lambda template: "✓",
}


def _identifier_text(code: Wikicode, family: Family | None = None) -> Wikicode:
    """The value with :data:`IDENTIFIER_TEMPLATES` replaced by their text (a copy), and,
    given the field's ``family``, every template the renderer cannot show (``{{ECHA|
    100.000.059}}``, ``{{ChemSpider|2157}}``, ``{{DrugBank|DB00945}}``...: link helpers that
    wrap an identifier) replaced by the identifiers its parameter values hold."""
    wrappers = [
        t
        for t in code.filter_templates()
        if template_name(t) in IDENTIFIER_TEMPLATES or (family and _is_wrapper(t))
    ]
    if not wrappers:
        return code
    copy = parse_wikitext(str(code))
    _substitute(copy, family)
    return parse_wikitext(str(copy))  # the arguments' own markup, parsed as in the page


_HIDDEN = re.compile(r"<!--.*?(?:-->|$)|<ref[^>]*/>|<ref[^>]*>.*?(?:</ref\s*>|$)", re.I | re.S)


def _source(code: Wikicode) -> str:
    """The wikitext of a value as written, without comments and references."""
    return " ".join(_HIDDEN.sub(" ", str(code)).split())


def _kept(
    written: str, field: str, warnings: list[WarningEntry], what: str = "identifier"
) -> tuple[AsWritten, list[WarningEntry]]:
    """A value with no identifier, kept as written (in ``unmapped``) with a warning."""
    message = f"no {what} in {written!r}; kept as written in unmapped"
    return AsWritten(written), [*warnings, warning("no_identifier", field, message)]


def _is_wrapper(template: Template) -> bool:
    """A template with no text rendering (see :func:`drugparse.normalise.text.render`)."""
    return bool(render(parse_wikitext("{{" + str(template.name).strip() + "}}")).unrendered)


#: Named parameters of maintenance and link templates that never hold the identifier:
#: ``{{Verify source|date=May 2020}}`` is no PubChem CID 2020.
_NOT_AN_IDENTIFIER = frozenset(
    {"date", "year", "reason", "section", "url", "access-date", "accessdate", "talk", "bot",
     "fix-attempted", "time", "title", "text", "label", "lang", "language"}
)  # fmt: skip


def _wrapped(template: Template, family: Family) -> str | None:
    """The identifiers found in a wrapper's values, positional ones first, then named, then
    the positional values run together (a code split in parts: ``{{WHO ATC|B01|AC06}}``)."""
    params = sorted(
        (p for p in template.params if str(p.name).strip().lower() not in _NOT_AN_IDENTIFIER),
        key=lambda p: bool(p.showkey),
    )
    texts = [render(param.value).text for param in params]
    joined = "".join(t for t, p in zip(texts, params, strict=True) if not p.showkey)
    for value in [*texts, joined]:
        found = [m.group() for m in family.find.finditer(value)]
        if found:
            return " <br> ".join(found)
    return None


def _substitute(code: Wikicode, family: Family | None = None) -> None:
    """Replace identifier templates at any depth, in one walk (linear, however many)."""
    for index, node in enumerate(code.nodes):
        if isinstance(node, Tag) and tag_name(node) == "ref":
            continue  # a citation's numbers are not the value's identifiers
        if isinstance(node, Template):
            stands_for = IDENTIFIER_TEMPLATES.get(template_name(node))
            if stands_for is not None:
                code.nodes[index] = Text(" " + stands_for(node) + " ")
                continue
            if family is not None and _is_wrapper(node):
                found = _wrapped(node, family)
                if found is not None:
                    code.nodes[index] = Text(" " + found + " ")
                    continue
        for child in node.__children__():
            _substitute(child, family)


# Between two identifiers of one item: nothing but joining words and punctuation.
_JOINER = re.compile(r"[\s,;/&+]*(?:\b(?:and|or)\b[\s,;/&+]*)*", re.IGNORECASE)
_NOTE_EDGES = " \t,;:–—-/&"
_JOINING_WORDS = re.compile(r"^(?:and|or)\b|\b(?:and|or)$", re.IGNORECASE)


def _note(text: str) -> str | None:
    """Clean the text beside an identifier: ``" (free acid)"`` -> ``"free acid"``."""
    note = " ".join(text.split()).strip(_NOTE_EDGES)
    note = _JOINING_WORDS.sub("", note).strip(_NOTE_EDGES)
    if note.startswith("(") and note.endswith(")") and "(" not in note[1:-1]:
        note = note[1:-1].strip()
    return note or None


def _depths(item: str) -> list[int]:
    """Bracket depth before each character: identifiers inside brackets are notes."""
    depth, depths = 0, []
    for char in item:
        depths.append(depth)
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
    return depths


def _normal(found: str, family: Family) -> str:
    value = "".join(found.split())
    for dash in "‐‑–":
        value = value.replace(dash, "-")
    return family.prefix + (value.upper() if family.upper else value)


def find_identifiers(items: list[str], family: Family) -> tuple[list[str], dict[str, str]]:
    """The identifiers in a value's items, in order, and the note beside each.

    One identifier per item (the first outside brackets), or several when only joining
    words separate them (``2244 and 5462``). An item without one is a note of the
    identifier before it (at the start: of the first one after it).
    """
    values: list[str] = []
    notes: dict[str, list[str]] = {}
    pending: list[str] = []
    for item in items:
        depths = _depths(item)
        found = [m for m in family.find.finditer(item) if depths[m.start()] == 0]
        if not found:  # a note: of the identifier before it, else of the first one after
            (notes[values[-1]] if values else pending).append(item)
            continue
        gaps = [item[a.end() : b.start()] for a, b in zip(found, found[1:], strict=False)]
        if not all(_JOINER.fullmatch(gap) for gap in gaps):
            found = found[:1]
        rest = item[: found[0].start()] + " " + item[found[-1].end() :]
        item_values = [_normal(m["id"], family) for m in found]
        for value in item_values:
            if value not in notes:  # the dict is the set of values seen: linear
                values.append(value)
                notes[value] = []
        notes[item_values[0]].extend(pending)
        pending = []
        notes[item_values[-1]].append(rest)
    cleaned = {v: " ".join(n for part in notes[v] if (n := _note(part))) for v in values}
    return values, {v: note for v, note in cleaned.items() if note}


#: What an identifier normaliser gives: one identifier (``str``), the identifiers of a list
#: field (``list``), identifiers with notes or several of them, text to keep as written.
_Read = str | list[str] | Identified | AsWritten | None


def _strict_warnings(values: list[str], family: Family, field: str) -> list[WarningEntry]:
    warnings = []
    for value in values:
        if family.strict is not None and not family.strict.match(value):
            message = f"{value!r} does not match {family.strict.pattern}"
            warnings.append(warning("invalid_format", field, message))
        elif family is _CAS_FAMILY:
            expected = cas_check_digit(value)
            if int(value[-1]) != expected:
                message = f"CAS check digit of {value} is {value[-1]}, expected {expected}"
                warnings.append(warning("invalid_checksum", field, message))
    return warnings


def _identifiers_in(
    code: Wikicode, field: str, family: Family, what: str = "identifier"
) -> tuple[tuple[list[str], dict[str, str]] | AsWritten | None, list[WarningEntry]]:
    """The identifiers of ``family`` a value holds, with the note beside each; a value
    with none is kept as written (``no_identifier``); a blank one is None."""
    result, warnings = rendered(_identifier_text(code, family), field)
    items = [i for i in split_list(result.items, field) if not is_placeholder(i, field)]
    if not items and result.unrendered:  # only templates that hold no identifier: keep them
        return _kept(_source(code), field, warnings, what)
    if not items:
        return None, warnings
    values, notes = find_identifiers(items, family)
    if not values:
        return _kept(" ".join(items), field, warnings, what)
    return (values, notes), warnings


def _read(
    code: Wikicode, field: str, family: Family, listed: bool = False
) -> tuple[_Read, list[WarningEntry]]:
    found, warnings = _identifiers_in(code, field, family)
    if found is None or isinstance(found, AsWritten):
        return found, warnings
    values, notes = found
    warnings += _strict_warnings(values, family, field)
    if not notes and (listed or len(values) == 1):  # the usual case stays a plain value
        return (values if listed else values[0]), warnings
    return Identified(values, notes, listed), warnings


def identifier(code: Wikicode, field: str) -> tuple[_Read, list[WarningEntry]]:
    """Any identifier, read with the family of its field (``identifiers.unii_2``: UNII)."""
    family = family_of(field)
    if family is None:  # pragma: no cover - a test checks every identifier row has a family
        raise KeyError(f"no identifier family for {field}")
    return _read(code, field, family)


def identifier_list(code: Wikicode, field: str) -> tuple[_Read, list[WarningEntry]]:
    """A list field of identifiers (``cas_supplemental``): every one kept in the field."""
    family = family_of(field)
    if family is None:  # pragma: no cover
        raise KeyError(f"no identifier family for {field}")
    return _read(code, field, family, listed=True)


def cas_check_digit(cas: str) -> int:
    """The CAS check digit of a number: ``cas_check_digit("154248-97-2")`` -> 2."""
    digits = cas.replace("-", "")[:-1]
    return sum(position * int(d) for position, d in enumerate(reversed(digits), start=1)) % 10


_CAS_FAMILY = family_of("identifiers.cas")

#: A CAS Registry Number, its shape and check digit verified.
cas_number = identifier
#: ``CAS_supplemental``/``CASNoOther``: every CAS number in the text, each checked.
cas_list = identifier_list
#: ChEMBL and ChEBI ids get their prefix: ``1201632`` -> ``CHEMBL1201632`` (their families).
chembl = identifier
chebi = identifier


def atc_part(code: Wikicode, field: str) -> tuple[str | None, list[WarningEntry]]:
    """``ATC_prefix``/``ATC_suffix`` as text, ``{{ATC}}`` templates read; composed later."""
    return text(_identifier_text(code), field)


_ATC_FAMILY = Family(ATC_FIND, "")
_ATC_PREFIX = re.compile(r"(?<![\w\-])(?P<id>Q?[A-Z][0-9]{2})(?![\w\-])", re.I | re.A)
_ATC_SUFFIX = re.compile(r"(?<![\w\-])(?P<id>[A-Z]{1,2}(?:[0-9]{2})?)(?![\w\-])", re.I | re.A)


def _around(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


def compose_atc(
    prefix: str | None, suffix: str | None, vet: bool = False
) -> tuple[str | None, str | None, list[WarningEntry]]:
    """The ATC code of ``ATC_prefix`` + ``ATC_suffix``, its note, and warnings.

    Both parts are found in their text (``AC06 (WHO)`` -> ``AC06``, note ``WHO``),
    upper-cased and checked like supplemental codes; a whole code in the prefix (with no
    suffix) or in the suffix is read as written there. None when no code can be read
    (the caller keeps the text).
    """
    prefix, suffix = prefix or "", suffix or ""
    head, tail = _ATC_PREFIX.search(prefix), _ATC_SUFFIX.search(suffix)
    in_prefix, in_suffix = ATC_FIND.search(prefix), ATC_FIND.search(suffix)
    code: str | None = None
    notes: list[str] = []
    if head and tail:
        code = (head["id"] + tail["id"]).upper()
        notes = [_around(prefix, head), _around(suffix, tail)]
    elif in_prefix and (
        not suffix.strip(_NOTE_EDGES)
        or (tail and in_prefix["id"].upper().endswith(tail["id"].upper()))
    ):  # ``ATC_prefix = B01AC06``, the suffix empty or repeated
        code = in_prefix["id"].upper()
        notes = [_around(prefix, in_prefix), _around(suffix, tail) if tail else suffix]
    elif in_suffix and (not head or in_suffix["id"].upper().startswith(head["id"].upper())):
        code = in_suffix["id"].upper()  # ``ATC_suffix = B01AC06``, prefix empty or repeated
        notes = [_around(prefix, head) if head else prefix, _around(suffix, in_suffix)]
    if code is None:
        return None, None, []
    if vet and not code.startswith("Q"):
        code = "Q" + code
    note = " ".join(n for part in notes if (n := _note(part))) or None
    warnings = []
    if not ATC_STRICT.match(code):
        field = "identifiers.atcvet" if code.startswith("Q") else "identifiers.atc"
        message = f"{code!r} does not match {ATC_STRICT.pattern}"
        warnings.append(warning("invalid_format", field, message))
    return code, note, warnings


def atc_codes(
    code: Wikicode, field: str
) -> tuple[dict[str, Identified] | AsWritten | None, list[WarningEntry]]:
    """Every ATC and ATCvet code in ``ATC_supplemental``, with the note beside each.

    ``{{ATC|J07|BD52}} (with mumps and rubella)`` -> ``J07BD52``, note ``with mumps and
    rubella``. Returns ``{"atc": Identified, "atcvet": Identified}`` (kinds present only).
    """
    identified, warnings = _identifiers_in(code, field, _ATC_FAMILY, "ATC code")
    if identified is None or isinstance(identified, AsWritten):
        return identified, warnings
    values, notes = identified
    found: dict[str, Identified] = {}
    for value in values:
        kind = "atcvet" if value.startswith("Q") else "atc"
        entry = found.setdefault(kind, Identified([], {}, listed=True))
        entry.values.append(value)
        if value in notes:
            entry.notes[value] = notes[value]
        if not ATC_STRICT.match(value):
            message = f"{value!r} does not match {ATC_STRICT.pattern}"
            warnings.append(warning("invalid_format", f"identifiers.{kind}", message))
    return found, warnings


def verification_status(
    code: Wikicode, field: str
) -> tuple[str | AsWritten | None, list[WarningEntry]]:
    """A CheMoBot marker: ``{{cascite|changed|CAS}}`` -> ``changed``; other text is kept
    as written (in ``unmapped``) with an ``unparsed_value`` warning."""
    for template in child_templates(code):
        if is_verification_template(template_name(template)):
            values = [" ".join(str(p.value).split()) for p in template.params if not p.showkey]
            if values and values[0] and "{" not in values[0] and "<" not in values[0]:
                return values[0].lower(), []
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    message = f"no verification marker: {value!r}; kept as written in unmapped"
    return AsWritten(value), [*warnings, warning("unparsed_value", field, message)]
