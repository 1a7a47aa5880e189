"""``{{drug resources}}``: identifiers outside the infobox fill the record; the infobox wins."""

from __future__ import annotations

import drugparse

PAGE = """{{Infobox drug
| CAS_number = 50-78-2
| ATC_prefix = none
}}
'''Aspirin''' is a drug.
== External links ==
{{drug resources
<!--Identifiers-->
| CAS_number = 50-78-3
| DrugBank = DB00945 (salt)
| ATC_prefix = N02
| ATC_suffix = BA01
| PubChem = 2244
| Foo = bar
}}
"""


def test_identifiers_missing_from_the_box_are_read_from_drug_resources():
    record = drugparse.parse(PAGE, title="Aspirin")
    ids = record["identifiers"]
    assert ids["cas"] == "50-78-2"  # the infobox wins
    assert ids["pubchem_cid"] == "2244"
    assert ids["drugbank"] == "DB00945" and ids["notes"] == {"drugbank": {"DB00945": "salt"}}
    assert ids["atc"] == ["N02BA01"]  # the box says none: the template's code fills it
    assert record["source"]["drug_resources"] == [
        "identifiers.drugbank",
        "identifiers.atc",
        "identifiers.pubchem_cid",
    ]
    assert record["unmapped"] == {"Foo": "bar"}
    conflicts = [w for w in record["warnings"] if w["code"] == "conflicting_value"]
    assert conflicts == [
        {
            "code": "conflicting_value",
            "field": "identifiers.cas",
            "message": "{{drug resources}} gives '50-78-3' for identifiers.cas, "
            "the infobox '50-78-2'; the infobox wins",
        }
    ]
    assert any(
        w["code"] == "unknown_parameter" and "{{drug resources}}" in w["message"]
        for w in record["warnings"]
    )


def test_the_same_value_in_both_places_is_no_conflict_and_not_listed():
    page = PAGE.replace("50-78-3", "50-78-2")
    record = drugparse.parse(page, title="Aspirin")
    assert not any(w["code"] == "conflicting_value" for w in record["warnings"])
    assert "identifiers.cas" not in record["source"]["drug_resources"]


def test_a_page_without_the_template_has_no_provenance_list():
    record = drugparse.parse("{{Drugbox|CAS_number=50-78-2}}", title="Aspirin")
    assert "drug_resources" not in record["source"]
