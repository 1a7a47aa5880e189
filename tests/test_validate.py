"""drugparse.validate: errors with the failing path."""

from __future__ import annotations

import copy

import pytest

import drugparse

MINIMAL = {"schema_version": "1.1.0", "title": "X", "source": {"template": "Drugbox"}}


def test_minimal_record_is_valid():
    drugparse.validate(MINIMAL)


@pytest.mark.parametrize(
    ("patch", "path"),
    [
        ({"identifiers": {"cas": "50 00 0"}}, ("identifiers", "cas")),
        ({"names": {"trade_names": []}}, ("names", "trade_names")),
        ({"names": {"inn": ""}}, ("names", "inn")),
        ({"names": {"nickname": "x"}}, ("names",)),
        ({"warnings": [{"code": "oops", "field": "x", "message": "m"}]}, ("warnings", 0, "code")),
        ({"chemistry": {"elements": {"C": "2"}}}, ("chemistry", "elements", "C")),
        ({"summary": None}, ("summary",)),
    ],
)
def test_invalid_records_name_the_path(patch, path):
    record = {**copy.deepcopy(MINIMAL), **patch}
    with pytest.raises(drugparse.ValidationError) as caught:
        drugparse.validate(record)
    assert caught.value.path == path
    assert str(caught.value).startswith(".".join(map(str, path)) + ":")


def test_missing_required_key_is_reported_at_the_record():
    with pytest.raises(drugparse.ValidationError, match=r"^\(record\): 'title' is a required"):
        drugparse.validate({"schema_version": "1.1.0", "source": {"template": "Drugbox"}})


def test_schema_returns_a_fresh_copy():
    drugparse.schema()["title"] = "changed"
    assert drugparse.schema()["title"] == "drugparse drug record"
