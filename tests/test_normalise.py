"""Normalise stage: each value normaliser on real-looking values."""

from __future__ import annotations

import pytest

from drugparse.normalise import chemistry, identifiers, links, measurements, values
from drugparse.wikitext import parse_wikitext


def run(normaliser, wikitext: str, field: str = "f"):
    return normaliser(parse_wikitext(wikitext), field)


# -- text and lists ------------------------------------------------------
@pytest.mark.parametrize("wikitext", ["", "  ", "<!-- Clinical data -->", "none", "N/A", "-", "?"])
def test_empty_and_placeholders_are_absent(wikitext):
    assert run(values.text, wikitext) == (None, [])
    assert run(values.text_list, wikitext) == (None, [])


@pytest.mark.parametrize(
    ("wikitext", "items", "incomplete"),
    [
        (
            "Stelazine, Eskazinyl, Eskazine, Jatroneural, others",
            ["Stelazine", "Eskazinyl", "Eskazine", "Jatroneural"],
            True,
        ),
        ("By mouth, [[Intramuscular injection|IM]]", ["By mouth", "IM"], False),
        ("Humira, others", ["Humira"], True),
        ("{{ubl|Oral|[[Intravenous therapy|IV]]}}", ["Oral", "IV"], False),
        ("2,4-dinitrophenol", ["2,4-dinitrophenol"], False),
        ("Foo (tablets, capsules); Bar", ["Foo (tablets, capsules)", "Bar"], False),
        ("A<br>B, C", ["A", "B", "C"], False),
    ],
)
def test_lists(wikitext, items, incomplete):
    value, warnings = run(values.text_list, wikitext)
    assert value == values.Items(items, incomplete)
    assert warnings == []


def test_integer_and_drug_type():
    assert run(values.integer, " 2532 ") == (2532, [])
    value, warnings = run(values.integer, "many", "chemistry.elements.C")
    assert value == values.AsWritten("many") and warnings[0]["code"] == "unparsed_value"
    assert run(values.drug_type, "mab")[0] == "monoclonal_antibody"
    assert run(values.drug_type, "combo")[0] == "combination"
    assert run(values.drug_type, "vaccine")[0] == "vaccine"
    assert run(values.drug_type, "gene therapy")[0] == "gene therapy"


def test_unrendered_template_warns_with_the_field():
    value, warnings = run(values.text, "x {{mystery}}", "clinical.uses")
    assert value == "x"
    assert warnings == [
        {
            "code": "unrendered_template",
            "field": "clinical.uses",
            "message": "template {{mystery}} has no text rendering",
        }
    ]


# -- identifiers ---------------------------------------------------------
@pytest.mark.parametrize(
    ("cas", "ok"),
    [("154248-97-2", True), ("50-00-0", True), ("7732-18-5", True), ("154248-97-3", False)],
)
def test_cas_check_digit(cas, ok):
    value, warnings = run(identifiers.cas_number, cas, "identifiers.cas")
    assert value == cas
    assert [w["code"] for w in warnings] == ([] if ok else ["invalid_checksum"])


def test_a_value_without_a_cas_number_is_kept_as_written_not_in_the_key():
    # Not even the loose shape (digits-digits-digit) the schema asks of the key: kept as
    # written in `unmapped`, never in the join key (1.0.0 put it in the key, which the
    # schema's pattern then rejected: the page failed).
    value, warnings = run(identifiers.cas_number, "154248972", "identifiers.cas")
    assert value == values.AsWritten("154248972")
    assert [w["code"] for w in warnings] == ["no_identifier"]


@pytest.mark.parametrize(
    ("normaliser", "field", "raw", "expected", "codes"),
    [
        (identifiers.chembl, "identifiers.chembl", "1201632", "CHEMBL1201632", []),
        (identifiers.chembl, "identifiers.chembl", "CHEMBL1201632", "CHEMBL1201632", []),
        (identifiers.chebi, "identifiers.chebi", "229212", "CHEBI:229212", []),
        (identifiers.chebi, "identifiers.chebi", "CHEBI:229212", "CHEBI:229212", []),
        (identifiers.identifier, "identifiers.unii", "Q6U6J48BWY", "Q6U6J48BWY", []),
        (identifiers.identifier, "identifiers.unii", "Q6U6J48BW", "Q6U6J48BW", ["invalid_format"]),
        (identifiers.identifier, "identifiers.drugbank", "DB00053", "DB00053", []),
        (identifiers.identifier, "identifiers.drugbank_2", "DB0053", "DB0053", ["invalid_format"]),
        (identifiers.identifier, "identifiers.kegg", "D02810", "D02810", []),
        (identifiers.identifier, "identifiers.pubchem_cid", "129269915", "129269915", []),
        (
            identifiers.identifier,
            "chemistry.stdinchikey",
            "FWZAWAUZXYCBKZ-NSHDSACASA-N",
            "FWZAWAUZXYCBKZ-NSHDSACASA-N",
            [],
        ),
        (
            identifiers.identifier,
            "chemistry.stdinchikey",
            "FWZAWAUZXYCBKZ",
            "FWZAWAUZXYCBKZ",
            ["invalid_format"],
        ),
    ],
)
def test_identifier_normalisation(normaliser, field, raw, expected, codes):
    value, warnings = run(normaliser, raw, field)
    assert value == expected
    assert [w["code"] for w in warnings] == codes


def test_atc_supplemental():
    value, warnings = run(
        identifiers.atc_codes, "{{ATC|J07|BM02}}, {{ATCvet|J01|AA13}} and A01AB02"
    )
    assert value == {
        "atc": identifiers.Identified(["J07BM02", "A01AB02"], {}, listed=True),
        "atcvet": identifiers.Identified(["QJ01AA13"], {}, listed=True),
    }
    assert warnings == []


@pytest.mark.parametrize(
    ("raw", "status"),
    [("{{cascite|changed|CAS}}", "changed"), ("{{drugbankcite|correct|drugbank}}", "correct")],
)
def test_verification_marker(raw, status):
    assert run(identifiers.verification_status, raw) == (status, [])


# -- external links ------------------------------------------------------
def test_drugs_com_and_medlineplus():
    assert run(links.drugs_com, "{{drugs.com|monograph|imiglucerase}}")[0] == {
        "kind": "monograph",
        "slug": "imiglucerase",
        "url": "https://www.drugs.com/monograph/imiglucerase.html",
    }
    assert run(links.drugs_com, "{{Drugs.com|parent|abacavir-and-lamivudine}}")[0]["url"] == (
        "https://www.drugs.com/abacavir-and-lamivudine.html"
    )
    assert run(links.medlineplus, "a601149")[0] == {
        "id": "a601149",
        "url": "https://medlineplus.gov/druginfo/meds/a601149.html",
    }
    value, warnings = run(links.medlineplus, "a64002", "clinical.medlineplus")
    assert value == {"id": "a64002"} and warnings[0]["code"] == "invalid_format"


# -- chemistry -----------------------------------------------------------
def test_hill_order():
    assert chemistry.hill_formula({"S": 1, "N": 3, "F": 3, "H": 24, "C": 21}) == "C21H24F3N3S"
    assert chemistry.hill_formula({"Na": 1, "Cl": 1}) == "ClNa"
    assert chemistry.hill_formula({"O": 1, "H": 2}) == "H2O"
    assert chemistry.hill_formula({"C": 1, "O": 2}) == "CO2"


def test_computed_molar_mass():
    # Trifluoperazine C21H24F3N3S: 21*12.011+24*1.008+3*18.998+3*14.007+32.06 = 407.497
    assert chemistry.computed_molar_mass({"C": 21, "H": 24, "F": 3, "N": 3, "S": 1}) == 407.5
    assert chemistry.computed_molar_mass({"D": 2, "O": 1}) == 20.03  # heavy water
    assert chemistry.computed_molar_mass({"Xx": 1}) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "55597.4 g/mol (un[[glycosylate]]d)",
            {"value": 55597.4, "unit": "g/mol", "note": "unglycosylated"},
        ),
        ("407.50 g·mol−1", {"value": 407.5, "unit": "g/mol"}),
        ("~150 kDa", {"value": 150.0, "approximate": True, "unit": "kDa"}),
        ("144,190.3", {"value": 144190.3}),
        ("1000–1500 Da", {"value": 1000.0, "max": 1500.0, "unit": "Da"}),
        ("558.555 ± 0.02 g/mol", {"value": 558.555, "uncertainty": 0.02, "unit": "g/mol"}),
    ],
)
def test_molar_mass(raw, expected):
    assert run(chemistry.molar_mass, raw) == (expected, [])


def test_molar_mass_without_number_keeps_text():
    value, warnings = run(chemistry.molar_mass, "variable", "chemistry.molar_mass")
    assert value == {"text": "variable"} and warnings[0]["code"] == "unparsed_value"


def test_mismatch_over_one_in_a_thousand():
    assert chemistry.mismatch({"value": 55597.4, "unit": "g/mol"}, 55597.64) is None
    assert chemistry.mismatch({"value": 400.0, "unit": "g/mol"}, 407.5) is not None
    assert chemistry.mismatch({"value": 55.6, "unit": "kDa"}, 55597.64) is None


# -- measurements --------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "reading"),
    [
        ("3.6-10.4 min", {"min": 3.6, "max": 10.4, "unit": "min", "min_hours": 0.06, "max_hours": 0.173333}),
        ("2 hours", {"min": 2, "max": 2, "unit": "h", "min_hours": 2, "max_hours": 2}),
        ("10–20 days", {"min": 10, "max": 20, "unit": "d", "min_hours": 240, "max_hours": 480}),
        ("1.9–2.5 hours", {"min": 1.9, "max": 2.5, "unit": "h", "min_hours": 1.9, "max_hours": 2.5}),
        ("~6 h", {"min": 6, "max": 6, "unit": "h", "approximate": True, "min_hours": 6, "max_hours": 6}),
        ("4 to 6 hours", {"min": 4, "max": 6, "unit": "h", "min_hours": 4, "max_hours": 6}),
        ("30 min (IV)", {"min": 30, "max": 30, "unit": "min", "qualifier": "IV", "min_hours": 0.5, "max_hours": 0.5}),
        (
            "12–36 hours (oral), 3 h (IV)",
            {
                "min": 12, "max": 36, "unit": "h", "qualifier": "oral", "min_hours": 12, "max_hours": 36,
                "readings": [
                    {"text": "12–36 hours", "min": 12, "max": 36, "unit": "h", "qualifier": "oral", "min_hours": 12, "max_hours": 36},
                    {"text": "3 h", "min": 3, "max": 3, "unit": "h", "qualifier": "IV", "min_hours": 3, "max_hours": 3},
                ],
            },
        ),
        ("3 weeks", {"min": 3, "max": 3, "unit": "wk", "min_hours": 504, "max_hours": 504}),
        ("45 seconds", {"min": 45, "max": 45, "unit": "s", "min_hours": 0.0125, "max_hours": 0.0125}),
    ],
)  # fmt: skip
def test_durations(raw, reading):
    value, warnings = run(measurements.duration, raw)
    assert value == {"text": raw, **reading}
    assert warnings == []


def test_duration_without_number():
    value, warnings = run(measurements.duration, "Varies", "pharmacokinetics.onset")
    assert value == {"text": "Varies"}
    assert warnings[0]["code"] == "unparsed_value"
    assert warnings[0]["field"] == "pharmacokinetics.onset"
