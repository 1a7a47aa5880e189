"""Identifier families: how each database identifier looks, loosely and strictly.

One row per record key (``identifiers.*`` and the structure keys of ``chemistry``).
``find`` finds one identifier inside a value as editors write it (``50-78-2 (free
acid)``, ``CID 2244``, ``chebi:15365``, ``InChIKey=...``); its group ``id`` is the
identifier without such a written label, which ``prefix`` and ``upper`` normalise into
the form pipelines join on (``CHEBI:15365``). ``shape`` is the
loose shape of that normal form, repeated as the ``pattern`` of the key in the schema
(a test checks they agree): whatever ``find`` found always has it. ``strict`` is the
registry's own rule; a value that fails it is kept with an ``invalid_format`` warning.

Sources: CAS (cas.org, "CAS Registry Number"), WHO ATC/DDD Index ("Structure and
principles"), PubChem and ChemSpider (integers), DrugBank (``DB`` + 5 digits; older
``APRD``/``BTD``/``BIOD``/``EXPT``/``NUTR`` accessions), FDA GSRS (UNII: 10 characters),
KEGG (``C``/``D`` + 5 digits), ChEBI (``CHEBI:`` + integer), ChEMBL (``CHEMBL`` +
integer), PDB Chemical Component Dictionary (1-5 characters), IUPAC InChI Technical Manual
(InChIKey: 14-10-1 letters), EU food additive numbers (E + 3-4 digits, letter, roman
numeral), ECHA (InfoCard ``ddd.ddd.ddd``, EC ``ddd-ddd-d``), RTECS (2 letters + 7 digits),
UN Recommendations on the Transport of Dangerous Goods (4 digits), 3DMet (``B`` + 5
digits), EPA CompTox (``DTXSID`` + digits), OpenSMILES (atoms, bonds, rings, branches).
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Family", "FAMILIES", "family_of", "ATC_FIND", "ATC_SHAPES", "ATC_STRICT"]


class Family(NamedTuple):
    """How one kind of identifier is found, normalised and checked."""

    find: re.Pattern[str]
    shape: str
    strict: re.Pattern[str] | None = None
    prefix: str = ""
    upper: bool = True


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Identifiers are ASCII: ``\\d`` would also take ``١٢``, and ``[A-Z]`` ignoring case
    the Kelvin sign ``K``."""
    if flags & re.IGNORECASE:
        flags |= re.ASCII
    return re.compile(pattern.replace(r"\d", "[0-9]"), flags)


# Not inside a longer word, number, decimal or hyphenated code.
_B = r"(?<![\w.\-/])"
_E = r"(?![\w\-]|\.\d)"


def _digits(label: str = "", strict: str | None = None) -> Family:
    """An integer id, optionally written after its label: ``CID 2244``."""
    before = rf"(?:{label}\s*:?\s*)?" if label else ""
    find = _compile(rf"{_B}{before}(?P<id>\d+){_E}", re.IGNORECASE)
    return Family(find, "^[0-9]+$", _compile(strict) if strict else None)


def _coded(body: str, shape: str, strict: str | None = None, before: str = "") -> Family:
    find = _compile(rf"{_B}{before}(?P<id>{body}){_E}", re.IGNORECASE)
    return Family(find, shape, _compile(strict) if strict else None)


_SMILES_TOKEN = r"(?:Cl|Br|[BCNOPSFIbcnops*]|\[[^\]\s]+\]|[-=#$:/\\.~()@+]|%\d{2}|\d)+"

_INCHIKEY = r"[A-Z]{14}(?:-[A-Z]{8,10}(?:-[A-Z])?)?"

#: ATC codes: a whole code or a higher level (``L01XX``), with the vet ``Q`` (WHO ATC/DDD).
ATC_FIND = _compile(rf"{_B}(?P<id>Q?[A-Z]\d{{2}}[A-Z](?:[A-Z](?:\d{{2}})?)?){_E}", re.IGNORECASE)
#: The loose shape of ``identifiers.atc`` and ``identifiers.atcvet`` items (the schema's).
ATC_SHAPES = {
    "atc": "^[A-Z][0-9]{2}[A-Z]{1,2}(?:[0-9]{2})?$",
    "atcvet": "^Q[A-Z][0-9]{2}[A-Z]{1,2}(?:[0-9]{2})?$",
}
ATC_STRICT = _compile(r"^Q?[A-V][0-9]{2}[A-Z]{2}[0-9]{2}$")

# Hyphens as editors type them: ASCII, the Unicode hyphens, the en dash.
_CAS = Family(
    _compile(r"(?<![0-9\-‐‑–])(?P<id>\d{2,7}[-‐‑–]\d{2}[-‐‑–]\d)(?![0-9\-‐‑–])"),
    "^[0-9]{2,7}-[0-9]{2}-[0-9]$",
    _compile(r"^[1-9][0-9]{1,6}-[0-9]{2}-[0-9]$"),
)

#: Record key (without ``_2``) -> family.
FAMILIES: dict[str, Family] = {
    "cas": _CAS,
    "cas_supplemental": _CAS,
    "pubchem_cid": _digits("CID", r"^[1-9][0-9]*$"),
    "pubchem_sid": _digits("SID", r"^[1-9][0-9]*$"),
    "chemspider": _digits("CSID"),
    "iuphar_ligand": _digits(),
    "niaid_chemdb": _digits(),
    "beilstein": _digits(),
    "gmelin": _digits(),
    "drugbank": _coded(
        r"(?:DBSALT|DB|APRD|BTD|BIOD|EXPT|NUTR)\d{4,6}",
        "^(?:DBSALT|DB|APRD|BTD|BIOD|EXPT|NUTR)[0-9]{4,6}$",
        r"^DB[0-9]{5}$",
    ),
    # Letters and digits, written in capitals (a capitalised word of ten letters counts);
    # in lower case only with a digit in it, so a note word (``trihydrate``) is never one.
    "unii": Family(
        _compile(
            rf"{_B}(?P<id>(?=[A-Z]*\d)[A-Z0-9]{{4,12}}|[A-Z]{{10}}"
            rf"|(?=[A-Za-z]*\d)(?=[a-z0-9]*[a-z])[A-Za-z0-9]{{10}}){_E}"
        ),
        "^[A-Z0-9]{4,12}$",
        _compile(r"^[A-Z0-9]{10}$"),
    ),
    "kegg": _coded(r"[CDGK]\d{5}", "^[CDGK][0-9]{5}$", r"^[CD][0-9]{5}$", r"(?:(?:dr|cpd):)?"),
    "chebi": Family(
        _compile(rf"{_B}(?:CHEBI\s*:?\s*)?(?P<id>\d+){_E}", re.IGNORECASE),
        "^CHEBI:[0-9]+$",
        prefix="CHEBI:",
    ),
    "chembl": Family(
        _compile(rf"{_B}(?:CHEMBL\s*)?(?P<id>\d+){_E}", re.IGNORECASE),
        "^CHEMBL[0-9]+$",
        prefix="CHEMBL",
    ),
    # PDB ligand codes (Chemical Component Dictionary ids, case-insensitive) are written in
    # capitals; in lower case (``ain``) only as the item's first word, a bracketed note
    # at most after it, so a note word (``salt form``) is never one. Normalised upper.
    "pdb_ligand": Family(
        _compile(rf"{_B}(?P<id>[A-Z0-9]{{1,5}}|(?<!.)[A-Za-z0-9]{{1,5}}(?=\s*(?:\(.*)?$)){_E}"),
        "^[A-Z0-9]{1,5}$",
    ),
    "e_number": Family(
        _compile(
            rf"{_B}(?P<id>E\s?\d{{3,4}}[a-j]?(?:\s?\((?:i{{1,3}}|iv|v|vi{{1,3}})\))?)(?![\w\-])"
        ),
        r"^E[0-9]{3,4}[a-j]?(?:\((?:i{1,3}|iv|v|vi{1,3})\))?$",
        upper=False,
    ),
    "echa_infocard": _coded(r"\d{3}\.\d{3}\.\d{3}", r"^[0-9]{3}\.[0-9]{3}\.[0-9]{3}$"),
    "ec_number": _coded(r"\d{3}-\d{3}-\d", "^[0-9]{3}-[0-9]{3}-[0-9]$"),
    "rtecs": _coded(r"[A-Z]{2}\d{7}", "^[A-Z]{2}[0-9]{7}$"),
    "un_number": _coded(r"\d{4}", "^[0-9]{4}$", before=r"(?:UN\s?)?"),
    "3dmet": _coded(r"B\d{5}", "^B[0-9]{5}$"),
    "comptox": Family(
        _compile(rf"{_B}(?:DTXSID)?(?P<id>\d+){_E}", re.IGNORECASE),
        "^DTXSID[0-9]+$",
        prefix="DTXSID",
    ),
    # Structure strings of `chemistry`: no whitespace is all the schema asks.
    "smiles": Family(_compile(rf"(?<!\S)(?P<id>{_SMILES_TOKEN})(?!\S)"), r"^\S+$", upper=False),
    "stdinchi": Family(
        _compile(r"(?<!\S)(?:InChI=)?(?P<id>1S?/\S+)"),
        r"^\S+$",
        _compile(r"^1S/\S+$"),
        upper=False,
    ),
    "inchi": Family(_compile(r"(?<!\S)(?:InChI=)?(?P<id>1S?/\S+)"), r"^\S+$", upper=False),
    # An InChIKey, or its first block alone (kept, with a warning from the strict shape).
    "stdinchikey": _coded(_INCHIKEY, r"^\S+$", r"^[A-Z]{14}-[A-Z]{10}-[A-Z]$", r"(?:InChIKey=)?"),
    "inchikey": _coded(_INCHIKEY, r"^\S+$", None, r"(?:InChIKey=)?"),
}


def family_of(field: str) -> Family | None:
    """The family of a record path: ``identifiers.unii_2`` -> the UNII family."""
    name = field.rsplit(".", 1)[-1]
    return FAMILIES.get(name[:-2] if name.endswith("_2") else name)
