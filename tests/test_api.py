"""The public library surface: drugparse.parse, validate, schema, convert_pages, errors."""

from __future__ import annotations

import pytest

import drugparse


def test_public_names():
    for name in drugparse.__all__:
        assert getattr(drugparse, name) is not None
    with pytest.raises(AttributeError):
        drugparse.no_such_thing  # noqa: B018


def test_convert_pages_streams_results_in_order(imiglucerase_text):
    pages = [
        drugparse.Page("Imiglucerase", imiglucerase_text, page_id=1),
        drugparse.Page("Aspirin history", "'''Aspirin''' is old.", page_id=2),
        drugparse.Page("Imiglucerase copy", imiglucerase_text, page_id=3),
    ]
    results = list(drugparse.convert_pages(pages, jobs=2))
    assert [(r.status, r.title) for r in results] == [
        ("record", "Imiglucerase"),
        ("skipped", "Aspirin history"),
        ("record", "Imiglucerase copy"),
    ]
    assert results[0].record["source"]["page_id"] == 1
    assert results[2].record["title"] == "Imiglucerase copy"
    assert results[2].record["identifiers"]["cas"] == "154248-97-2"


def test_errors_carry_codes():
    with pytest.raises(drugparse.NoInfoboxError) as no_box:
        drugparse.parse("plain prose", title="Prose")
    assert no_box.value.code == "no_infobox" and no_box.value.title == "Prose"
    with pytest.raises(drugparse.ParseError) as bad:
        drugparse.parse(b"{{Drugbox}}", title="Bytes")  # type: ignore[arg-type]
    assert bad.value.code == "parse_error" and "must be str" in bad.value.reason
    assert issubclass(drugparse.ValidationError, drugparse.DrugparseError)


def test_dump_metadata_goes_to_source(imiglucerase_text):
    record = drugparse.parse(
        imiglucerase_text,
        title="Imiglucerase",
        page_id=1714296,
        revision_id=458273717,
        timestamp="2011-11-07T12:00:00Z",
    )
    assert record["source"] == {
        "template": "Drugbox",
        "url": "https://en.wikipedia.org/wiki/Imiglucerase",
        "page_id": 1714296,
        "revision_id": 458273717,
        "timestamp": "2011-11-07T12:00:00Z",
        "verified_revid": 458273717,
        "verified_fields": "changed",
    }
