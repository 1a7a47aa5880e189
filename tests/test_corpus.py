"""Every real article of ../shared/corpus converts: a valid record or a clear NoInfoboxError.

Skipped when ../shared is not there (a user's fresh clone). Beyond "no crash",
this checks that nothing is lost: every infobox parameter with a value is in
the record (mapped or unmapped), every <ref> is a citation, every category
is kept.
"""

from __future__ import annotations

import re

import pytest

import drugparse
from drugparse.extract.infobox import INFOBOX_KINDS, find_infobox
from drugparse.normalise.values import text
from drugparse.wikitext import parse_wikitext

from .conftest import corpus_files, needs_corpus

pytestmark = needs_corpus


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_article_converts_or_says_why_not(path):
    wikitext = path.read_text("utf-8")
    try:
        record = drugparse.parse(wikitext, title=path.stem)
    except drugparse.NoInfoboxError as error:  # pragma: no cover - every corpus page is a drug
        pytest.fail(str(error))
    drugparse.validate(record)
    assert record["title"] == path.stem


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_no_parameter_ref_or_category_is_lost(path):
    wikitext = path.read_text("utf-8")
    record = drugparse.parse(wikitext, title=path.stem)
    box = find_infobox(parse_wikitext(wikitext))
    warned = {w["field"] for w in record.get("warnings", [])}
    for parameter in box.parameters:
        value, _ = text(parameter.value, "x")
        mapping = INFOBOX_KINDS[box.kind].lookup(parameter.name)
        if value is None:
            continue
        if mapping is None:
            assert record["unmapped"][parameter.name] == value
        else:
            assert _has(record, mapping.path) or mapping.path in warned, parameter.name
    named = set(re.findall(r"<ref\s+name\s*=\s*\"?([^\"/>]+?)\"?\s*/?>", wikitext))
    ids = {c["id"] for c in record.get("citations", [])}
    assert {n.strip() for n in named} <= ids
    refs = len(re.findall(r"<ref[\s>]", wikitext))
    assert sum(c["uses"] for c in record.get("citations", [])) <= refs
    categories = re.findall(r"\[\[\s*Category\s*:\s*([^|\]]+)", wikitext)
    assert [c.strip() for c in dict.fromkeys(categories)] == record.get("categories", [])


def _has(record: dict, path: str) -> bool:
    if path.startswith("_"):
        return "atc" in record.get("identifiers", {}) or "atcvet" in record.get("identifiers", {})
    if path.startswith(("images.", "components.")):
        return path.split(".")[0] in record
    node = record
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True
