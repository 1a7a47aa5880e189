"""Measured infobox values as real articles write them, one hand-read case per line of
``tests/data/infobox-values/measurements.tsv``.

Each line is ``template<TAB>parameter<TAB>value<TAB>expected JSON<TAB>record path<TAB>warning
codes``: the value (``\\n`` and ``\\t`` escaped) is put alone in an infobox of that template,
and the record's sub-tree at the dotted path must equal the JSON (``null``: absent) and its
warnings have exactly those codes (comma-separated, in order). A Chembox gets
``ATCCode_prefix``/``ATCCode_suffix`` besides, so that it counts as a drug infobox.

This is the measurements file's own runner; the lead folds it into the runner of every
``*.tsv`` of the folder (issue 13).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import drugparse

CASES_FILE = Path(__file__).parent / "data" / "infobox-values" / "measurements.tsv"
_OPENING = {
    "Infobox drug": "{{Infobox drug",
    "Chembox": "{{Chembox\n| ATCCode_prefix = N06\n| ATCCode_suffix = BC01",
}


def _cases() -> list[Any]:
    cases = []
    for number, line in enumerate(CASES_FILE.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        template, parameter, value, expected, path, codes = line.split("\t")
        value = value.replace("\\n", "\n").replace("\\t", "\t")
        case = (template, parameter, value, json.loads(expected), path, codes)
        cases.append(pytest.param(*case, id=f"{number}:{parameter}={value[:40]}"))
    return cases


def _subtree(record: dict[str, Any], path: str) -> Any:
    node: Any = record
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def test_the_file_has_at_least_seventy_cases():
    assert len(_cases()) >= 70


@pytest.mark.parametrize(("template", "parameter", "value", "expected", "path", "codes"), _cases())
def test_value_is_read_as_written_by_hand(template, parameter, value, expected, path, codes):
    page = f"{_OPENING[template]}\n| {parameter} = {value}\n}}}}\n"
    record = drugparse.parse(page, title="Example")
    assert _subtree(record, path) == expected
    assert [w["code"] for w in record.get("warnings", [])] == [c for c in codes.split(",") if c]
