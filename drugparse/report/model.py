"""The report as data: drug records in, one JSON-ready dict of counts and worklist rows out.

A pure fold: :class:`ReportBuilder` takes records (and failed pages) one at a
time and keeps only counts and worklist rows, never the records, so a whole
dump's report fits in memory. :func:`build_report` is the one-call form::

    >>> record = {"title": "Brokenine", "identifiers": {"cas": "50-00-1"}, "warnings": [
    ...     {"code": "invalid_checksum", "field": "identifiers.cas",
    ...      "message": "CAS check digit of 50-00-1 is 1, expected 0"}]}
    >>> report = build_report([record], pages_read=3)
    >>> report["summary"]["records"], report["problems"][0]["kind"]
    (1, 'invalid_checksum')
    >>> row = report["worklist"][0]
    >>> row["value"], row["expected"], row["edit_url"]
    ('50-00-1', '50-00-0', 'https://en.wikipedia.org/wiki/Brokenine?action=edit&section=0')

Warnings are read generically, by ``code``, ``field`` and ``message``; any
other key a warning carries is structured detail (``expected`` and ``value``
are used as such, the rest shown as details), so a new warning code shows up
in the report without a change here.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from drugparse.assemble import page_url
from drugparse.errors import WARNING_CODES
from drugparse.normalise.chemistry import computed_molar_mass, formula_elements, hill_formula
from drugparse.normalise.identifiers import cas_check_digit
from drugparse.report.fields import (
    CITATION_BINS,
    COVERAGE,
    DERIVED_KINDS,
    INFOBOX_PARTS,
    VERIFIED,
)

__all__ = [
    "REPORT_FORMAT",
    "ReportBuilder",
    "build_report",
    "describe_kind",
    "section_of",
    "value_at",
    "value_text",
]

#: Name and version of the report's JSON shape (``--format json``).
REPORT_FORMAT = {"name": "drugparse-report", "version": 1}

#: A drug record as read (not validated: the report reads records of any schema version).
Record = dict[str, Any]

_CORE_KEYS = ("code", "field", "message")
_MAX_VALUE = 300
_CAS = re.compile(r"^\d{2,7}-\d{2}-\d$")
_ATC = re.compile(r"^[A-Z]\d{2}[A-Z]{2}\d{2}$")
_INDEX = re.compile(r"\[(\d+)\]")


def describe_kind(kind: str) -> str:
    """What a kind of problem means: the warning code's description, or the report's own."""
    return WARNING_CODES.get(kind) or DERIVED_KINDS.get(kind) or ""


def _part(record: Record, key: str) -> dict[str, Any]:
    """A top-level object of the record, or an empty one."""
    value = record.get(key)
    return value if isinstance(value, dict) else {}


def _marks(record: Record) -> dict[str, Any]:
    """CheMoBot's marks: ``{"cas": "changed", "unii": "correct"}``."""
    marks = _part(record, "identifiers").get("verification")
    return marks if isinstance(marks, dict) else {}


def _present(value: Any) -> bool:
    return value not in (None, "", [], {})


def _segments(path: str) -> list[str]:
    return [part for part in _INDEX.sub(r".\1", path).split(".") if part]


def value_at(record: Record, path: str) -> Any:
    """The value at a record path; list items by ``id`` (citations) or position.

    Keys may hold dots (``unmapped.a.b`` for a parameter named ``a.b``): the
    longest key that exists wins.

    >>> value_at({"citations": [{"id": "who", "title": "WHO"}]}, "citations.who.title")
    'WHO'
    >>> value_at({"identifiers": {"atc": ["B01AC06"]}}, "identifiers.atc[0]")
    'B01AC06'
    """
    parts = _segments(path)
    node: Any = record
    position = 0
    while position < len(parts):
        for end in range(len(parts), position, -1):
            key = ".".join(parts[position:end])
            child = _child(node, key)
            if child is not None:
                node, position = child, end
                break
        else:
            return None
    return node


def _child(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and item.get("id") == key:
                return item
        if key.isdigit() and int(key) < len(node):
            return node[int(key)]
    return None


def value_text(value: Any) -> str:
    """A record value as an editor reads it, cut at 300 characters.

    >>> value_text({"text": "12.7 ± 4.3 hours", "min": 12.7})
    '12.7 ± 4.3 hours'
    >>> value_text(["A16AB02", "B01AC06"])
    'A16AB02, B01AC06'
    """
    text = _plain(value)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, dict):
        for key in ("text", "title", "name", "id"):
            if isinstance(value.get(key), str):
                return str(value[key])
        if "value" in value:
            return " ".join(_plain(value[k]) for k in ("value", "unit") if k in value)
        return "; ".join(f"{key}: {_plain(item)}" for key, item in value.items())
    return str(value)


def _citation_of(record: Record, field: str) -> dict[str, Any] | None:
    """The citation a ``citations.<id>...`` path is about (ids may hold dots)."""
    if not field.startswith("citations."):
        return None
    rest = field[len("citations.") :]
    best: dict[str, Any] | None = None
    for citation in record.get("citations") or ():
        cid = citation.get("id") if isinstance(citation, dict) else None
        if not isinstance(cid, str) or not (rest == cid or rest.startswith(cid + ".")):
            continue
        if best is None or len(cid) > len(best["id"]):
            best = citation
    return best


def section_of(record: Record, field: str) -> tuple[str | None, int | None]:
    """Where on the page a field is edited: a label and MediaWiki's section number.

    The infobox and the lead are section 0; a heading is its position among the
    page's headings (``record["sections"]``), counted from 1, as ``action=edit``
    counts them.

    >>> section_of({"sections": [{"heading": "Uses", "level": 2}]}, "identifiers.cas")
    ('infobox', 0)
    >>> record = {"sections": [{"heading": "Uses", "level": 2}],
    ...           "citations": [{"id": "x", "cited_in": ["Uses"]}]}
    >>> section_of(record, "citations.x")
    ('Uses', 1)
    """
    top = _segments(field)[0] if field else ""
    if top in INFOBOX_PARTS:
        return "infobox", 0
    if top == "summary":
        return "lead", 0
    headings = [s.get("heading") for s in record.get("sections") or () if isinstance(s, dict)]
    if top == "see_also" and "See also" in headings:
        return "See also", headings.index("See also") + 1
    citation = _citation_of(record, field)
    if citation is None:
        return None, None
    for place in citation.get("cited_in") or ():
        if place == "lead":
            return "lead", 0
        if isinstance(place, str) and place.startswith("infobox:"):
            return place, 0
        if place in headings:
            return place, headings.index(place) + 1
    return None, None


def _links(record: Record, title: str, section: tuple[str | None, int | None]) -> dict[str, str]:
    source_url = _part(record, "source").get("url")
    # Records are read unvalidated: only an https URL of the record is put in a link.
    if isinstance(source_url, str) and source_url.startswith("https://"):
        url = source_url
    else:
        url = page_url(title)
    label, number = section
    edit = url + "?action=edit" + (f"&section={number}" if number is not None else "")
    view = url
    if label and number:  # a heading: its anchor, as MediaWiki writes it
        view = url + "#" + quote(label.replace(" ", "_"), safe=";@$!*(),/~:")
    return {"url": view, "edit_url": edit}


# --- expected values, computed from the record where the program can ---------------------


def _expected_cas(value: Any) -> str | None:
    values = value if isinstance(value, list) else [value]
    fixed = []
    for item in values:
        if isinstance(item, str) and _CAS.match(item):
            digit = cas_check_digit(item)
            if int(item[-1]) != digit:
                fixed.append(item[:-1] + str(digit))
    return ", ".join(fixed) or None


def _expected_atc(value: Any) -> str | None:
    values = value if isinstance(value, list) else [value]
    fixed = []
    for item in values:
        if isinstance(item, str):
            upper = re.sub(r"\s+", "", item).upper()
            if upper != item and _ATC.match(upper):
                fixed.append(upper)
    return ", ".join(fixed) or None


def _inchi_formula(inchi: Any) -> str | None:
    """The formula layer of a Standard InChI: ``1S/C9H8O4/c1-6...`` -> ``C9H8O4``."""
    if not isinstance(inchi, str):
        return None
    layers = inchi.removeprefix("InChI=").split("/")
    return layers[1] if len(layers) > 1 and layers[1] else None


def _counts_formula(chemistry: dict[str, Any]) -> str | None:
    elements = chemistry.get("elements")
    if not isinstance(elements, dict) and isinstance(chemistry.get("formula"), str):
        elements = formula_elements(chemistry["formula"])
    return hill_formula(elements) if isinstance(elements, dict) and elements else None


def _expected_formula(record: Record, field: str) -> str | None:
    chemistry = _part(record, "chemistry")
    inchi = _inchi_formula(chemistry.get("stdinchi"))
    counts = _counts_formula(chemistry)
    if field.startswith("chemistry.stdinchi"):
        return f"{counts} (element counts)" if counts and counts != inchi else None
    return f"{inchi} (InChI)" if inchi and inchi != counts else None


def _expected_molar_mass(record: Record) -> str | None:
    chemistry = _part(record, "chemistry")
    computed = chemistry.get("computed_molar_mass")
    if computed is None:
        elements = chemistry.get("elements")
        computed = computed_molar_mass(elements) if isinstance(elements, dict) else None
    return f"{computed:g} g/mol (computed)" if computed else None


def expected_value(record: Record, field: str, value: Any) -> str | None:
    """The right value where it can be computed from the record, else None.

    >>> expected_value({}, "identifiers.cas", "50-00-1")
    '50-00-0'
    >>> expected_value({"chemistry": {"elements": {"C": 9, "H": 8, "O": 4},
    ...     "stdinchi": "1S/C9H8O3/c1"}}, "chemistry.formula", "C9H8O4")
    'C9H8O3 (InChI)'
    """
    leaf = _segments(field)[-1] if field else ""
    if field.startswith("identifiers.cas") or leaf == "cas":
        return _expected_cas(value)
    if field.startswith("identifiers.atc"):
        return _expected_atc(value)
    if field.startswith("chemistry.molar_mass"):
        return _expected_molar_mass(record)
    if field.startswith(("chemistry.stdinchi", "chemistry.formula", "chemistry.elements")):
        return _expected_formula(record, field)
    return None


# --- the fold --------------------------------------------------------------------------


class ReportBuilder:
    """Counts and worklist rows of the records added so far; :meth:`result` gives the report."""

    def __init__(self) -> None:
        self.records = 0
        self.coverage: Counter[str] = Counter()
        self.verification: dict[str, Counter[str]] = {key: Counter() for key, _ in VERIFIED}
        self.kind_records: Counter[str] = Counter()
        self.kind_rows: Counter[str] = Counter()
        self.with_problems = 0
        self.citation_counts: list[int] = []
        self.citations_with: Counter[str] = Counter()
        self.rows: list[Record] = []
        self.failed: list[Record] = []

    def add_failure(self, error: Mapping[str, Any]) -> None:
        """A page that gave no record: ``{title, page_id, code, message}``."""
        title = error.get("title")
        row = {key: error.get(key) for key in ("title", "page_id", "code", "message")}
        if isinstance(title, str) and title:
            row |= _links({}, title, (None, None))
        self.failed.append(row)

    def add(self, record: Record) -> None:
        """One drug record."""
        self.records += 1
        for field in COVERAGE:
            if _present(value_at(record, field.path)):
                self.coverage[field.path] += 1
        self._verification(record)
        self._citations(record)
        rows = list(self._warning_rows(record)) + list(self._changed_rows(record))
        kinds = {row["kind"] for row in rows}
        self.kind_records.update(kinds)
        self.kind_rows.update(row["kind"] for row in rows)
        self.with_problems += bool(kinds)
        self.rows += rows

    def _verification(self, record: Record) -> None:
        marks = _marks(record)
        for key, field in VERIFIED:
            status = marks.get(key)
            if status in ("correct", "changed"):
                self.verification[key][status] += 1
            elif _present(value_at(record, field.path)):
                self.verification[key]["absent"] += 1
            else:
                self.verification[key]["no_value"] += 1

    def _citations(self, record: Record) -> None:
        # Short footnotes ({{sfn}}) point at a full citation; only the full ones count.
        full = [
            c for c in record.get("citations") or () if isinstance(c, dict) and "target" not in c
        ]
        self.citation_counts.append(len(full))
        for citation in full:
            ids = _part(citation, "identifiers")
            has = {key for key in ("doi", "pmid") if _present(ids.get(key))}
            self.citations_with.update(has)
            if has:
                self.citations_with["doi_or_pmid"] += 1

    def _row(self, record: Record, kind: str, field: str, value: Any, problem: str) -> Record:
        title = record["title"] if isinstance(record.get("title"), str) else "?"
        section = section_of(record, field)
        return {
            "kind": kind,
            "title": title,
            **_links(record, title, section),
            "section": section[0],
            "field": field,
            "value": value_text(value),
            "problem": problem,
            "expected": expected_value(record, field, value),
        }

    def _warning_rows(self, record: Record) -> Iterable[Record]:
        for warning in record.get("warnings") or ():
            if not isinstance(warning, dict):
                continue
            kind = str(warning.get("code") or "unknown")
            field = str(warning.get("field") or "")
            value = warning["value"] if "value" in warning else value_at(record, field)
            if value is None and field and isinstance(value_at(record, field + "_text"), str):
                value = value_at(record, field + "_text")  # a citation's date as written
            row = self._row(record, kind, field, value, str(warning.get("message") or ""))
            if "expected" in warning:
                row["expected"] = value_text(warning["expected"])
            details = {k: v for k, v in warning.items() if k not in (*_CORE_KEYS, "value")}
            details.pop("expected", None)
            if details:
                row["details"] = details
            yield row

    def _changed_rows(self, record: Record) -> Iterable[Record]:
        marks = _marks(record)
        paths = {key: field.path for key, field in VERIFIED}
        revid = _part(record, "source").get("verified_revid")
        since = f" (revision {revid})" if revid else ""
        for key, status in marks.items():
            if status != "changed":
                continue
            path = paths.get(key, f"identifiers.{key}")
            problem = f"marked changed by CheMoBot: edited since its last verification{since}"
            yield self._row(record, "identifier_changed", path, value_at(record, path), problem)

    def result(self, *, pages_read: int | None = None, inputs: Iterable[str] = ()) -> Record:
        """The report: summary, problems, coverage, verification, citations, worklist."""
        records = self.records

        def share(count: int, total: int = records) -> float:
            return round(count / total, 4) if total else 0.0

        problems = [
            {
                "kind": kind,
                "description": describe_kind(kind),
                "records": count,
                "share": share(count),
                "rows": self.kind_rows[kind],
            }
            for kind, count in sorted(self.kind_records.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        order = {p["kind"]: n for n, p in enumerate(problems)}
        rows = sorted(self.rows, key=lambda r: (order[r["kind"]], r["title"].casefold()))
        return {
            "format": dict(REPORT_FORMAT),
            "inputs": list(inputs),
            "summary": {
                "pages_read": pages_read,
                "records": records,
                "failed_pages": len(self.failed),
                "records_with_problems": self.with_problems,
                "share_with_problems": share(self.with_problems),
            },
            "problems": problems,
            "coverage": [
                {
                    "label": f.label,
                    "field": f.path,
                    "records": self.coverage[f.path],
                    "share": share(self.coverage[f.path]),
                }
                for f in COVERAGE
            ],
            "verification": [
                {
                    "identifier": key,
                    "label": field.label,
                    **{s: self.verification[key][s] for s in ("correct", "changed", "absent")},
                    "no_value": self.verification[key]["no_value"],
                }
                for key, field in VERIFIED
            ],
            "citations": self._citation_summary(share),
            "worklist": rows,
            "failed": self.failed,
        }

    def _citation_summary(self, share: Any) -> Record:
        counts = self.citation_counts
        total = sum(counts)
        bins = [
            {
                "label": label,
                "records": sum(low <= n and (high is None or n <= high) for n in counts),
            }
            for label, low, high in CITATION_BINS
        ]
        return {
            "total": total,
            "per_article": {
                "median": statistics.median(counts) if counts else 0,
                "mean": round(total / len(counts), 2) if counts else 0,
                "max": max(counts, default=0),
            },
            "histogram": bins,
            "with_doi": self.citations_with["doi"],
            "with_pmid": self.citations_with["pmid"],
            "with_doi_or_pmid": self.citations_with["doi_or_pmid"],
            "share_with_doi": share(self.citations_with["doi"], total),
            "share_with_pmid": share(self.citations_with["pmid"], total),
            "share_with_doi_or_pmid": share(self.citations_with["doi_or_pmid"], total),
        }


def build_report(
    records: Iterable[Mapping[str, Any]],
    *,
    failures: Iterable[dict[str, Any]] = (),
    pages_read: int | None = None,
    inputs: Iterable[str] = (),
) -> Record:
    """The report of ``records`` (and of pages that failed), as a JSON-ready dict."""
    builder = ReportBuilder()
    for record in records:
        builder.add(dict(record))
    for error in failures:
        builder.add_failure(error)
    return builder.result(pages_read=pages_read, inputs=inputs)
