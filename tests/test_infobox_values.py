"""Infobox values as real articles write them, each with its reading written by hand.

Every ``*.tsv`` file in ``tests/data/infobox-values/`` is read; each line is one case,
six tab-separated columns (a header line and ``#`` comment lines are skipped)::

    template  parameter  value  expected  path  warnings

- ``template``: ``Infobox drug`` or ``Chembox`` (the page is built with it; a Chembox
  parameter goes in a ``Chembox Identifiers`` section, next to ``AdminRoutes = Oral`` in
  ``Chembox Pharmacology`` so the box counts as a drug's).
- ``parameter``: the parameter as written, e.g. ``CAS_number``.
- ``value``: the wikitext value as written, with ``\\n`` for a newline, ``\\t`` for a tab
  and ``\\\\`` for a backslash. More parameters may follow the value on their own lines
  (``AC06 (WHO)\\n| ATC_prefix = B01``): the value is pasted into the box as is.
- ``expected``: JSON of the record's sub-tree at ``path``; ``null`` means absent.
- ``path``: dotted path into the record, e.g. ``identifiers`` or ``unmapped.PubChem``.
- ``warnings``: the codes of every warning of the record, comma-separated, in order
  (empty: none).

>>> unescape(r"a\\nb\\tc\\\\n")
'a\\nb\\tc\\\\n'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

import drugparse

DATA = Path(__file__).parent / "data" / "infobox-values"


class Case(NamedTuple):
    template: str
    parameter: str
    value: str
    expected: object
    path: str
    warnings: list[str]


def unescape(cell: str) -> str:
    """``\\n`` -> newline, ``\\t`` -> tab, ``\\\\`` -> backslash; nothing else changes."""
    out, chars = [], iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(following, "\\" + following))
        else:
            out.append(char)
    return "".join(out)


def read_cases() -> list:
    cases = []
    for path in sorted(DATA.glob("*.tsv")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#") or line.startswith("template\t"):
                continue
            cells = line.split("\t")
            assert len(cells) == 6, f"{path.name}:{number}: {len(cells)} columns, not 6"
            template, parameter, value, expected, where, codes = cells
            case = Case(
                template,
                parameter,
                unescape(value),
                json.loads(expected),
                where,
                [c.strip() for c in codes.split(",") if c.strip()],
            )
            cases.append(pytest.param(case, id=f"{path.stem}:{number}"))
    return cases


def page(case: Case) -> str:
    line = f"\n| {case.parameter} = {case.value}\n"
    if case.template.lower() == "chembox":
        return (
            "{{Chembox\n| Section1 = {{Chembox Identifiers" + line + "}}\n"
            "| Section2 = {{Chembox Pharmacology\n| AdminRoutes = Oral\n}}\n}}\n'''X''' is."
        )
    return "{{" + case.template + line + "}}\n'''X''' is a drug."


def at(record: dict, path: str) -> object:
    node: object = record
    for part in path.split("."):
        if isinstance(node, list):
            node = node[int(part)] if int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        if node is None:
            return None
    return node


@pytest.mark.parametrize("case", read_cases())
def test_infobox_value(case: Case):
    record = drugparse.parse(page(case), title="X")
    drugparse.validate(record)
    assert at(record, case.path) == case.expected
    assert [w["code"] for w in record.get("warnings", [])] == case.warnings


def test_the_folder_holds_at_least_150_cases_and_every_case_of_the_issue() -> None:
    cases = [param.values[0] for param in read_cases()]
    assert len(cases) >= 150
    written = {(case.parameter, case.value) for case in cases}
    # The values issue 13 reports, each a case of its own.
    for seen in [
        ("CAS_number", "50-78-2 (free acid)"),
        ("DrugBank", "DB00945 (salt)"),
        ("PubChem", "2244<br>5462"),
        ("ChemSpiderID", "2157 ✓"),
        ("elimination_half-life", "12.7 ± 4.3 hours"),
        ("elimination_half-life", "<24 hours"),
        ("elimination_half-life", ">24 hours"),
        ("elimination_half-life", "up to 12 hours"),
        ("elimination_half-life", "30 minutes to 1 hour"),
        ("elimination_half-life", "1 hour to 2 days"),
        ("elimination_half-life", "1,000 hours"),
        ("addiction_liability", "None"),
        ("metabolism", "unknown"),
    ]:
        assert seen in written, seen
