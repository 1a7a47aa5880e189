"""Every documented call of the Python API, as a user writes it: ``mypy --strict`` must pass.

Not a test module (pytest does not collect it); ``tests/test_typing.py`` runs
mypy on it, so a signature that loses its types, a lazy name that becomes
``Any``, or a record type that drifts from the schema fails CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import drugparse
from drugparse.record import Citation, DrugRecord, Identifiers


def read_one(path: Path) -> DrugRecord:
    wikitext = path.read_text("utf-8")
    record = drugparse.parse(wikitext, title="Imiglucerase")
    drugparse.parse(wikitext, page_id=1714296, revision_id=1, timestamp="2024-01-01T00:00:00Z")
    drugparse.parse(wikitext, default_title="Imiglucerase")
    return record


def fields(record: DrugRecord) -> tuple[str, str | None, list[Citation]]:
    title: str = record["title"]
    identifiers: Identifiers = record.get("identifiers", {})
    cas: str | None = identifiers.get("cas")
    citations = record.get("citations", [])
    for citation in citations:
        doi: str | None = citation.get("identifiers", {}).get("doi")
        del doi
    return title, cas, citations


def check(record: DrugRecord) -> list[str]:
    drugparse.validate(record)
    try:
        drugparse.validate({"title": ""})
    except drugparse.ValidationError as error:
        every: tuple[drugparse.ValidationError, ...] = error.errors
        where: tuple[str | int, ...] = error.path
        del every, where
    problems = drugparse.validation_errors(record)
    document: dict[str, object] = drugparse.schema()
    del document
    return [f"{'.'.join(map(str, p.path))}: {p.message}" for p in problems]


def errors(wikitext: str) -> str:
    try:
        drugparse.parse(wikitext)
    except drugparse.NoInfoboxError as error:
        return error.code
    except drugparse.ParseError as error:
        reason: str = error.reason
        return reason
    except drugparse.DrugparseError as error:
        return error.code
    codes: dict[str, str] = drugparse.WARNING_CODES
    return next(iter(codes))


def batch(texts: dict[str, str]) -> Iterator[DrugRecord]:
    pages = [
        drugparse.Page(title, text, page_id=n) for n, (title, text) in enumerate(texts.items())
    ]
    results: Iterator[drugparse.PageResult] = drugparse.convert_pages(
        pages, jobs=2, fmt="jsonl", page_timeout=5.0
    )
    for result in results:
        status: str = result.status
        if result.record is not None:
            yield result.record
        elif result.error is not None:
            code: str = result.error["code"]
            source: str | None = result.error["source"]
            del code, source
        del status


version: str = drugparse.__version__


def selected(texts: dict[str, str]) -> list[str]:
    pages = [drugparse.Page(title, text) for title, text in texts.items()]
    only: list[str | int] = ["Imiglucerase", 1714296]
    return [r.status for r in drugparse.convert_pages(pages, jobs=0, only=only)]


def tables(records: list[DrugRecord]) -> list[str]:
    made = drugparse.to_tables(records)
    return sorted(made)


def report(records: list[DrugRecord]) -> str:
    from drugparse.report import build_report, render_html

    numbers = build_report(records, pages_read=len(records))
    return render_html(numbers)
