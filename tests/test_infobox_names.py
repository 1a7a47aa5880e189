"""One table of infobox names: every name is found, repaired, detected and pre-filtered alike."""

from __future__ import annotations

import pytest

import drugparse
from drugparse.extract.infobox import INFOBOX_KINDS
from drugparse.sources.prefilter import INFOBOX_NAMES as PREFILTER_NAMES
from drugparse.sources.prefilter import mentions_drug_infobox
from drugparse.tables.infobox_names import INFOBOX_NAMES, opening_pattern

NAMES = sorted(INFOBOX_NAMES)


def _written(name: str) -> str:
    """The name as an editor might write it: ``infobox drugs`` -> ``Infobox_drugs``."""
    return name[:1].upper() + name[1:].replace(" ", "_")


def _box(name: str, closed: bool = True) -> str:
    """An infobox of the name's kind holding CAS 50-78-2 (aspirin), closed or not."""
    close = "}}" if closed else ""
    if INFOBOX_NAMES[name] == "chembox":
        return (
            f"{{{{{_written(name)}\n| Section1 = {{{{Chembox Identifiers\n| CASNo = 50-78-2\n}}}}\n"
            f"| Section2 = {{{{Chembox Pharmacology\n| AdminRoutes = Oral\n}}}}\n{close}"
        )
    return (
        f"{{{{{_written(name)}\n| CAS_number = 50-78-2\n| routes_of_administration = Oral\n{close}"
    )


def test_the_table_names_two_kinds_and_every_name_holds_the_prefilter_anchor():
    assert set(INFOBOX_NAMES.values()) == set(INFOBOX_KINDS)
    for name in NAMES:
        assert "box" in name.replace(" ", ""), name
    assert set(PREFILTER_NAMES) == set(INFOBOX_NAMES)
    for kind_name, kind in INFOBOX_KINDS.items():
        assert kind.names == {n for n, k in INFOBOX_NAMES.items() if k == kind_name}


@pytest.mark.parametrize("name", NAMES)
def test_a_page_under_every_name_gives_a_record(name):
    record = drugparse.parse(_box(name) + "\n'''Aspirin''' is a drug.", title="Aspirin")
    assert record["identifiers"]["cas"] == "50-78-2"
    assert record["clinical"]["routes_of_administration"] == ["Oral"]
    assert record["source"]["template"] == _written(name)  # as written


@pytest.mark.parametrize("name", NAMES)
def test_a_broken_page_under_every_name_is_repaired_into_a_record(name):
    record = drugparse.parse(_box(name, closed=False) + "'''Aspirin''' is a drug.", title="A")
    assert record["identifiers"]["cas"] == "50-78-2"
    assert any(w["code"] == "unbalanced_markup" for w in record["warnings"])
    assert record["summary"] == "Aspirin is a drug."


@pytest.mark.parametrize("name", NAMES)
def test_an_unreadable_infobox_under_every_name_is_an_error_not_a_skip(name):
    page = f"{{{{{_written(name)}\n| uses = foo<li>bar{{{{baz}}}} | CAS_number = 50-78-2 }}}}"
    with pytest.raises(drugparse.ParseError, match="is on the page"):
        drugparse.parse(page, title="X")


@pytest.mark.parametrize("name", NAMES)
def test_the_prefilter_finds_every_name_raw_and_escaped(name):
    assert mentions_drug_infobox(_box(name))
    assert mentions_drug_infobox(_box(name).replace("<", "&lt;").encode())
    assert mentions_drug_infobox("{{" + name.upper().replace(" ", "  ") + "|x=1}}")


@pytest.mark.parametrize(
    "text",
    ["{{Infobox drugstore|x=1}}", "{{Chembox Identifiers|CASNo=1}}", "{{Infobox}}", "{{Drug}}"],
)
def test_longer_or_other_names_are_not_openings(text):
    assert opening_pattern().match(text) is None
