"""Bibliographic identifiers, normalised and checked: ``normalise_pmc("PMCPMC392911")``.

Each normaliser is ``(text, field) -> (value, warnings)``: the canonical form when the text
is valid, else the text as written (trimmed) plus one warning, so nothing is lost and a
consumer can trust a value without a warning. Rules follow Module:Citation/CS1/Identifiers
(2022) and each registry's own definition, cited per function.

``IDENTIFIER_NORMALIZERS`` dispatches by the record's identifier key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from drugparse.contract import WarningEntry
from drugparse.errors import warning
from drugparse.normalise.dates import parse_date

__all__ = [
    "IDENTIFIER_NORMALIZERS",
    "normalise_identifier",
    "normalise_identifiers",
    "isbn_check_digit",
    "issn_check_digit",
    "normalise_doi",
    "normalise_pmid",
    "normalise_pmc",
    "normalise_isbn",
    "normalise_issn",
]

Result = tuple[str, list[WarningEntry]]

# PubMed assigns PMIDs in sequence; the highest in 2025 is about 40.9 million, so a
# larger number is a typo (Module:Citation/CS1/Configuration keeps a similar limit).
PMID_LIMIT = 45_000_000
PMC_LIMIT = 15_000_000


def _invalid(code: str, text: str, field: str, message: str) -> Result:
    return text, [warning(code, field, message)]


def _shape(pattern: re.Pattern[str], name: str) -> Callable[[str, str], Result]:
    """A normaliser that only checks a shape: the value stays as written."""

    def normalise(text: str, field: str) -> Result:
        text = text.strip()
        if pattern.fullmatch(text):
            return text, []
        return _invalid("invalid_format", text, field, f"{text!r} is not a valid {name}")

    return normalise


_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_DOI = re.compile(r"10\.\d{4,9}/\S+")


def normalise_doi(text: str, field: str = "identifiers.doi") -> Result:
    """``"https://doi.org/10.1517/ABC.9"`` -> ``"10.1517/abc.9"`` (DOIs are case-insensitive)."""
    text = text.strip()
    value = _DOI_PREFIX.sub("", text).strip().lower()
    # CS1 flags a DOI ending in punctuation: it is the sentence's, not the DOI's.
    if _DOI.fullmatch(value) and value[-1] not in ".,;:":
        return value, []
    return _invalid("invalid_format", text, field, f"{text!r} is not a DOI (10.NNNN/suffix)")


_PMID_PREFIX = re.compile(r"^pmid:?\s*", re.IGNORECASE)


def normalise_pmid(text: str, field: str = "identifiers.pmid") -> Result:
    """``"PMID 18627336"`` -> ``"18627336"``; a number past PubMed's range warns."""
    text = text.strip()
    value = _PMID_PREFIX.sub("", text)
    if not value.isdigit() or not value.isascii():
        return _invalid("invalid_format", text, field, f"PMID {text!r} is not a number")
    if not 0 < int(value) <= PMID_LIMIT:
        return _invalid("invalid_format", text, field, f"PMID {text!r} is out of range")
    return str(int(value)), []


_PMC_PREFIX = re.compile(r"^(?:pmc\s*)+", re.IGNORECASE)


def normalise_pmc(text: str, field: str = "identifiers.pmc") -> Result:
    """``"392911"`` -> ``"PMC392911"``; ``"PMCPMC392911"`` -> ``"PMC392911"``."""
    text = text.strip()
    digits = _PMC_PREFIX.sub("", text)
    if not digits.isdigit() or not digits.isascii():
        return _invalid("invalid_format", text, field, f"PMC {text!r} is not PMC + digits")
    if not 0 < int(digits) <= PMC_LIMIT:
        return _invalid("invalid_format", text, field, f"PMC {text!r} is out of range")
    return f"PMC{int(digits)}", []


def isbn_check_digit(body: str) -> str:
    """Check digit of an ISBN's first 9 or 12 digits: ``"030640615"`` -> ``"2"``."""
    if len(body) == 9:
        remainder = sum((10 - i) * int(d) for i, d in enumerate(body)) % 11
        check = (11 - remainder) % 11
        return "X" if check == 10 else str(check)
    total = sum((3 if i % 2 else 1) * int(d) for i, d in enumerate(body))
    return str((10 - total % 10) % 10)


_ISBN_PREFIX = re.compile(r"^isbn(?:-1[03])?:?\s*", re.IGNORECASE)
_ISBN_SHAPE = re.compile(r"\d{9}[\dX]|97[89]\d{10}")


def normalise_isbn(text: str, field: str = "identifiers.isbn") -> Result:
    """``"978-0-306-40615-7"`` -> ``"9780306406157"``: digits and X, check digit verified."""
    text = text.strip()
    value = re.sub(r"[\s\-‐–]", "", _ISBN_PREFIX.sub("", text)).upper()
    if not _ISBN_SHAPE.fullmatch(value):
        return _invalid("invalid_format", text, field, f"ISBN {text!r} has not 10 or 13 digits")
    expected = isbn_check_digit(value[:-1])
    if value[-1] != expected:
        return _invalid(
            "invalid_checksum",
            text,
            field,
            f"ISBN {text!r} check digit is {value[-1]}, expected {expected}",
        )
    return value, []


def issn_check_digit(body: str) -> str:
    """Check digit of an ISSN's first 7 digits: ``"0378595"`` -> ``"5"`` (0378-5955)."""
    remainder = sum((8 - i) * int(d) for i, d in enumerate(body)) % 11
    check = (11 - remainder) % 11
    return "X" if check == 10 else str(check)


_ISSN_SHAPE = re.compile(r"(\d{4})[\s\-‐–]?(\d{3}[\dXx])")


def normalise_issn(text: str, field: str = "identifiers.issn") -> Result:
    """``"03785955"`` -> ``"0378-5955"`` (NNNN-NNNC), check digit verified."""
    text = text.strip()
    match = _ISSN_SHAPE.fullmatch(re.sub(r"^e?issn:?\s*", "", text, flags=re.IGNORECASE))
    if not match:
        return _invalid("invalid_format", text, field, f"ISSN {text!r} is not NNNN-NNNC")
    value = f"{match[1]}-{match[2].upper()}"
    expected = issn_check_digit(value[:4] + value[5:8])
    if value[-1] != expected:
        return _invalid(
            "invalid_checksum",
            text,
            field,
            f"ISSN {text!r} check digit is {value[-1]}, expected {expected}",
        )
    return value, []


# arXiv identifier schemes: 0704.0001 onwards (NNNN.NNNNN since 2015), and the old
# archive/YYMMNNN (https://info.arxiv.org/help/arxiv_identifier.html).
_ARXIV = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?")


def normalise_arxiv(text: str, field: str = "identifiers.arxiv") -> Result:
    """``"arXiv:0706.0001v2"`` -> ``"0706.0001v2"``."""
    text = text.strip()
    value = re.sub(r"^arxiv:\s*", "", text, flags=re.IGNORECASE)
    if _ARXIV.fullmatch(value):
        return value, []
    return _invalid("invalid_format", text, field, f"{text!r} is not an arXiv identifier")


# bioRxiv: a DOI under 10.1101, old numeric or dated form (Module:Citation/CS1/Identifiers).
_BIORXIV = re.compile(r"(?:10\.1101/)?(?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,8}(?:v\d+)?")


def normalise_biorxiv(text: str, field: str = "identifiers.biorxiv") -> Result:
    """``"https://doi.org/10.1101/078733"`` -> ``"10.1101/078733"``."""
    text = text.strip()
    value = _DOI_PREFIX.sub("", text)
    if _BIORXIV.fullmatch(value):
        return (value if value.startswith("10.1101/") else f"10.1101/{value}"), []
    return _invalid("invalid_format", text, field, f"{text!r} is not a bioRxiv identifier")


# Bibcode: 19 characters, starting with the year (https://ui.adsabs.harvard.edu/help/actions/bibcode).
_BIBCODE = re.compile(r"\d{4}[A-Za-z0-9&.]{14}[A-Z.]")
normalise_bibcode = _shape(_BIBCODE, "bibcode (19 characters starting with the year)")

_CITESEERX = re.compile(r"10\.1\.1\.\d{1,9}\.\d{1,9}")
normalise_citeseerx = _shape(_CITESEERX, "CiteSeerX identifier (10.1.1.N.N)")


def normalise_jstor(text: str, field: str = "identifiers.jstor") -> Result:
    """``"JSTOR 2631089"`` -> ``"2631089"``; stable ids may also be DOI-like suffixes."""
    text = text.strip()
    value = re.sub(r"^jstor:?\s*", "", text, flags=re.IGNORECASE)
    if value and not re.search(r"\s", value) and "jstor.org" not in value.lower():
        return value, []
    return _invalid("invalid_format", text, field, f"{text!r} is not a JSTOR stable id")


def normalise_oclc(text: str, field: str = "identifiers.oclc") -> Result:
    """``"ocm12345678"`` -> ``"12345678"`` (WorldCat prefixes ocm/ocn/on, (OCoLC))."""
    text = text.strip()
    value = re.sub(r"^(?:\(OCoLC\)|ocm|ocn|on)\s*", "", text)
    if value.isdigit() and value.isascii():
        return str(int(value)), []
    return _invalid("invalid_format", text, field, f"OCLC {text!r} is not a number")


def normalise_digits(name: str) -> Callable[[str, str], Result]:
    """A normaliser for identifiers that are plain positive numbers (s2cid, osti, ssrn, rfc)."""

    def normalise(text: str, field: str) -> Result:
        text = text.strip()
        if text.isdigit() and text.isascii() and int(text) > 0:
            return str(int(text)), []
        return _invalid("invalid_format", text, field, f"{name} {text!r} is not a number")

    return normalise


def normalise_hdl(text: str, field: str = "identifiers.hdl") -> Result:
    """``"hdl:10112/2397"`` -> ``"10112/2397"`` (a handle is prefix/suffix)."""
    text = text.strip()
    value = re.sub(r"^(?:hdl:\s*|https?://hdl\.handle\.net/)", "", text, flags=re.IGNORECASE)
    if re.fullmatch(r"[^\s/]+/\S+", value):
        return value, []
    return _invalid("invalid_format", text, field, f"{text!r} is not a handle (prefix/suffix)")


# zbMATH: NNNN.NNNNN, or the JFM form NN.NNNN.NN (Module:Citation/CS1/Identifiers).
normalise_zbl = _shape(re.compile(r"\d{4}\.\d{5}|\d{2}\.\d{4}\.\d{2}"), "zbMATH number")


def normalise_mr(text: str, field: str = "identifiers.mr") -> Result:
    """``"MR0123456"`` -> ``"123456"`` (MathSciNet numbers; CS1 drops the prefix and zeros)."""
    text = text.strip()
    value = re.sub(r"^mr\s*", "", text, flags=re.IGNORECASE)
    if value.isdigit() and value.isascii() and int(value) > 0:
        return str(int(value)), []
    return _invalid("invalid_format", text, field, f"MR {text!r} is not a number")


# LCCN normalisation (https://www.loc.gov/marc/lccn-namespace.html): drop spaces, and pad the
# serial after a hyphen to 6 digits; the result is 8 to 12 characters, an optional 1-3 letter
# prefix then digits.
_LCCN = re.compile(r"(?:[a-z]{1,3})?\d{8}|\d{10}|[a-z]{2}\d{10}")


def normalise_lccn(text: str, field: str = "identifiers.lccn") -> Result:
    """``"n78-890351"`` -> ``"n78890351"``; ``"85-2"`` -> ``"85000002"``."""
    text = text.strip()
    value = re.sub(r"\s", "", text)
    if "-" in value:
        head, _, serial = value.partition("-")
        value = head + serial.zfill(6) if serial.isdigit() else value
    if _LCCN.fullmatch(value):
        return value, []
    return _invalid("invalid_format", text, field, f"{text!r} is not an LCCN")


def normalise_asin(text: str, field: str = "identifiers.asin") -> Result:
    """``"B000MH3V34"`` -> ``"B000MH3V34"``: ten letters and digits."""
    text = text.strip()
    if re.fullmatch(r"[A-Z0-9]{10}", text.upper()):
        return text.upper(), []
    return _invalid("invalid_format", text, field, f"{text!r} is not an ASIN (10 characters)")


def normalise_ol(text: str, field: str = "identifiers.ol") -> Result:
    """``"7030731M"`` -> ``"OL7030731M"`` (Open Library: author A, edition M, work W)."""
    text = text.strip()
    match = re.fullmatch(r"(?:OL)?(\d+[AMW])", text, flags=re.IGNORECASE)
    if match:
        return "OL" + match[1].upper(), []
    return _invalid("invalid_format", text, field, f"{text!r} is not an Open Library id")


def normalise_pmc_embargo_date(text: str, field: str = "identifiers.pmc_embargo_date") -> Result:
    """``"1 January 2030"`` -> ``"2030-01-01"``."""
    text = text.strip()
    iso = parse_date(text)
    if iso:
        return iso, []
    return _invalid("unparsed_date", text, field, f"{text!r} is not a date")


def _as_written(text: str, field: str) -> Result:
    return text.strip(), []


#: The record's identifier key -> its normaliser.
IDENTIFIER_NORMALIZERS: dict[str, Callable[[str, str], Result]] = {
    "doi": normalise_doi,
    "pmid": normalise_pmid,
    "pmc": normalise_pmc,
    "isbn": normalise_isbn,
    "issn": normalise_issn,
    "eissn": normalise_issn,
    "arxiv": normalise_arxiv,
    "biorxiv": normalise_biorxiv,
    "bibcode": normalise_bibcode,
    "citeseerx": normalise_citeseerx,
    "jstor": normalise_jstor,
    "oclc": normalise_oclc,
    "s2cid": normalise_digits("S2CID"),
    "hdl": normalise_hdl,
    "zbl": normalise_zbl,
    "mr": normalise_mr,
    "osti": normalise_digits("OSTI"),
    "ssrn": normalise_digits("SSRN"),
    "lccn": normalise_lccn,
    "asin": normalise_asin,
    "ol": normalise_ol,
    "rfc": normalise_digits("RFC"),
    "pmc_embargo_date": normalise_pmc_embargo_date,
    "id": _as_written,
}


def normalise_identifier(key: str, text: str, field: str | None = None) -> Result:
    """``normalise_identifier("pmc", "392911")`` -> ``("PMC392911", [])``."""
    return IDENTIFIER_NORMALIZERS[key](text, field or f"identifiers.{key}")


def normalise_identifiers(
    texts: Iterable[tuple[str, str | None]],
) -> tuple[dict[str, str], list[WarningEntry]]:
    """The written identifiers that are there, each normalised, in the order given:
    ``normalise_identifiers([("pmc", "392911"), ("doi", None)])`` -> ``({"pmc": "PMC392911"}, [])``.
    """
    identifiers: dict[str, str] = {}
    warnings: list[WarningEntry] = []
    for key, text in texts:
        if text:
            identifiers[key], problems = normalise_identifier(key, text)
            warnings.extend(problems)
    return identifiers, warnings
