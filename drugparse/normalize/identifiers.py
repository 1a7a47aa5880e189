"""Database identifiers: normalised so pipelines can join on them, checked, never dropped.

A value that fails its check is kept as written (trimmed) with a warning
(record-format.md, ``identifiers``). The strict shapes live in
:data:`STRICT_SHAPES`; the schema only checks a loose shape.

>>> cas_number(parse_wikitext("154248-97-2"), "identifiers.cas")
('154248-97-2', [])
>>> chembl(parse_wikitext("1201632"), "identifiers.chembl")
('CHEMBL1201632', [])
>>> atc_code("A16", "AB02")
'A16AB02'
"""

from __future__ import annotations

import re

from drugparse.errors import warning
from drugparse.normalize.values import rendered, text
from drugparse.tables.templates import is_verification_template
from drugparse.wikitext import (  # noqa: F401  (parse_wikitext: doctest)
    child_templates,
    parse_wikitext,
    template_name,
)

__all__ = [
    "STRICT_SHAPES",
    "cas_number",
    "cas_check_digit",
    "cas_list",
    "atc_code",
    "atc_codes",
    "chembl",
    "chebi",
    "identifier",
    "verification_status",
]

#: Strict shape of each identifier, as its registry documents it (pages as of 2026-11):
#: cas: CAS Registry Number FAQ, www.cas.org (2-7 digits, 2 digits, 1 check digit);
#: atc, atcvet: WHO Collaborating Centre, atcddd.fhi.no/atc/structure_and_principles
#: (main groups A-V; ATCvet codes are Q + an ATC code); unii: FDA Global Substance
#: Registration System (10 characters); drugbank: DrugBank accession (DB + 5 digits);
#: stdinchikey, stdinchi: InChI Technical Manual, inchi-trust.org (14-10-1 letters; standard
#: InChI "1S/", written here without "InChI="); chembl, chebi: EMBL-EBI (CHEMBL + digits,
#: CHEBI: + digits); pubchem_cid, pubchem_sid: pubchem.ncbi.nlm.nih.gov/docs/identifiers
#: (positive integers); kegg: genome.jp/kegg (C + 5 digits: COMPOUND, D + 5: DRUG);
#: pdb_ligand: wwPDB Chemical Component Dictionary (up to 5 characters since the extended
#: CCD ids); e_number: Regulation (EC) No 1333/2008, Annex II; echa_infocard: the InfoCard
#: id in the URLs of echa.europa.eu/substance-information (100.xxx.xxx).
STRICT_SHAPES: dict[str, re.Pattern] = {
    "cas": re.compile(r"^[1-9][0-9]{1,6}-[0-9]{2}-[0-9]$"),
    "atc": re.compile(r"^[A-V][0-9]{2}[A-Z]{2}[0-9]{2}$"),
    "atcvet": re.compile(r"^Q[A-V][0-9]{2}[A-Z]{2}[0-9]{2}$"),
    "unii": re.compile(r"^[A-Z0-9]{10}$"),
    "drugbank": re.compile(r"^DB[0-9]{5}$"),
    "stdinchikey": re.compile(r"^[A-Z]{14}-[A-Z]{10}-[A-Z]$"),
    "stdinchi": re.compile(r"^1S/\S+$"),
    "chembl": re.compile(r"^CHEMBL[0-9]+$"),
    "chebi": re.compile(r"^CHEBI:[0-9]+$"),
    "pubchem_cid": re.compile(r"^[1-9][0-9]*$"),
    "pubchem_sid": re.compile(r"^[1-9][0-9]*$"),
    "chemspider": re.compile(r"^[0-9]+$"),
    "iuphar_ligand": re.compile(r"^[0-9]+$"),
    "kegg": re.compile(r"^[CD][0-9]{5}$"),
    "pdb_ligand": re.compile(r"^[A-Z0-9]{1,5}$"),
    "e_number": re.compile(r"^E ?[0-9]{3,4}[a-z]?(?:\([ivx]+\))?$"),
    "echa_infocard": re.compile(r"^[0-9]{3}\.[0-9]{3}\.[0-9]{3}$"),
}

# ATC codes in free text or in {{ATC|B01|AC06}} / {{ATCvet|...}} templates.
_ATC_IN_TEXT = re.compile(r"\b(Q?[A-V][0-9]{2}[A-Z]{2}[0-9]{2})\b")


def _kind(field: str) -> str:
    name = field.rsplit(".", 1)[-1]
    return name[:-2] if name.endswith("_2") else name


def _check_shape(value: str, field: str) -> list[dict]:
    shape = STRICT_SHAPES.get(_kind(field))
    if shape is None or shape.match(value):
        return []
    return [warning("invalid_format", field, f"{value!r} does not match {shape.pattern}")]


def identifier(code, field: str) -> tuple[str | None, list[dict]]:
    """Any identifier: plain text with no inner whitespace, checked against its shape."""
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    value = value.strip()
    return value, warnings + _check_shape(value, field)


def cas_check_digit(cas: str) -> int:
    """The CAS check digit of a number: ``cas_check_digit("154248-97-2")`` -> 2."""
    digits = cas.replace("-", "")[:-1]
    return sum(position * int(d) for position, d in enumerate(reversed(digits), start=1)) % 10


def cas_number(code, field: str) -> tuple[str | None, list[dict]]:
    """A CAS Registry Number, its shape and check digit verified."""
    value, warnings = identifier(code, field)
    if value is None or warnings and warnings[-1]["code"] == "invalid_format":
        return value, warnings
    expected = cas_check_digit(value)
    if int(value[-1]) != expected:
        message = f"CAS check digit of {value} is {value[-1]}, expected {expected}"
        warnings.append(warning("invalid_checksum", field, message))
    return value, warnings


def cas_list(code, field: str) -> tuple[list[str] | None, list[dict]]:
    """``CAS_supplemental``: every CAS number in the text, each checked."""
    result, warnings = rendered(code, field)
    values = re.findall(r"\b\d{2,7}-\d{2}-\d\b", result.text)
    for value in values:
        if cas_check_digit(value) != int(value[-1]):
            message = f"CAS check digit of {value} is wrong"
            warnings.append(warning("invalid_checksum", field, message))
    if not values and result.text:
        warnings.append(warning("unparsed_value", field, f"no CAS number in {result.text!r}"))
    return values or None, warnings


def _prefixed(prefix: str):
    def normalise(code, field: str) -> tuple[str | None, list[dict]]:
        value, warnings = text(code, field)
        if value is None:
            return None, warnings
        value = value.replace(" ", "")
        if value.isdigit():
            value = prefix + value
        elif value.upper().startswith(prefix.upper()):
            value = prefix + value[len(prefix) :]
        return value, warnings + _check_shape(value, field)

    normalise.__name__ = prefix.lower().rstrip(":")
    normalise.__doc__ = f"An identifier with the ``{prefix}`` prefix: ``123`` -> ``{prefix}123``."
    return normalise


chembl = _prefixed("CHEMBL")
chebi = _prefixed("CHEBI:")


def atc_code(prefix: str, suffix: str) -> str:
    """The ATC code composed from ``ATC_prefix`` and ``ATC_suffix``."""
    return (prefix.strip() + suffix.strip()).replace(" ", "")


def atc_codes(code, field: str) -> tuple[dict[str, list[str]] | None, list[dict]]:
    """Every ATC and ATCvet code in ``ATC_supplemental``: ``{"atc": [...], "atcvet": [...]}``.

    Codes come from ``{{ATC|J07|BM02}}`` / ``{{ATCvet|...}}`` templates and from
    bare codes in the text; free text around them is ignored.
    """
    found: dict[str, list[str]] = {"atc": [], "atcvet": []}
    warnings: list[dict] = []
    for template in code.filter_templates(recursive=True):
        name = template_name(template)
        if name not in ("atc", "atcvet"):
            continue
        parts = [str(p.value).strip() for p in template.params if not p.showkey][:2]
        value = atc_code(*parts) if len(parts) == 2 else "".join(parts)
        if name == "atcvet" and not value.startswith("Q"):
            value = "Q" + value
        found["atcvet" if value.startswith("Q") else "atc"].append(value)
    result, render_warnings = rendered(code, field, read_elsewhere=("atc",))  # {{ATC}}, {{ATCvet}}
    warnings += render_warnings
    for value in _ATC_IN_TEXT.findall(result.text):
        kind = "atcvet" if value.startswith("Q") else "atc"
        if value not in found[kind]:
            found[kind].append(value)
    for kind, values in found.items():
        for value in values:
            warnings += _check_shape(value, kind)
    if not any(found.values()):
        if result.text:
            warnings.append(warning("unparsed_value", field, f"no ATC code in {result.text!r}"))
        return None, warnings
    return {kind: values for kind, values in found.items() if values}, warnings


def verification_status(code, field: str) -> tuple[str | None, list[dict]]:
    """A CheMoBot marker: ``{{cascite|changed|CAS}}`` -> ``changed``."""
    for template in child_templates(code):
        if is_verification_template(template_name(template)):
            values = [str(p.value).strip() for p in template.params if not p.showkey]
            if values and values[0]:
                return values[0].lower(), []
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    return None, [*warnings, warning("unparsed_value", field, f"no verification marker: {value!r}")]
