"""Golden test: the imiglucerase record, every value written by reading fixtures/imiglucerase.wiki.

Nothing here was produced by drugparse: each expectation is transcribed from
the wikitext by hand (and from the issue's list of what the record must show).
"""

from __future__ import annotations

import json

import yaml

import drugparse

from .conftest import run_cli as _cli

SUMMARY = (
    "Imiglucerase is a medication used in the treatment of Gaucher's disease.\n\n"
    "It is a recombinant DNA-produced analogue of human β-glucocerebrosidase. "
    "Cerezyme is a freeze-dried medicine containing imiglucerase, manufactured by Genzyme "
    "Corporation. It is given intravenously after reconstitution as a treatment for Type 1 "
    "Gaucher's disease. It is available in formulations containing 200 or 400 units per vial. "
    "The specific activity of highly purified human enzyme is 890,000 units/mg. A typical dose "
    "is 2.5U/kg every two weeks, up to a maximum of 60 U/kg once every two weeks, and safety "
    "has been established from ages 2 and up. It is one of the most expensive drugs sold, with "
    "an annual cost to U.S. patients of $200,000. Imiglucerase has been granted orphan drug "
    "status in the United States, Australia, and Japan.\n\n"
    "Cerezyme was one of the drugs manufactured at Genzyme's Allston, Massachusetts plant, for "
    "which production was disrupted in 2009 after contamination with Vesivirus 2117."
)

LEAD = {"uses": 1, "cited_in": ["lead"]}

CITATIONS = [
    {
        "id": "pmid18627336",
        "template": "cite journal",
        "type": "journal",
        "title": "Imiglucerase and its use for the treatment of Gaucher's disease",
        "journal": "Expert Opin Pharmacother",
        "volume": "9",
        "issue": "11",
        "pages": "1987–2000",
        "authors": [{"name": "Weinreb NJ"}],
        "date": "2008-08",
        "date_text": "August 2008",
        "identifiers": {"doi": "10.1517/14656566.9.11.1987", "pmid": "18627336"},
        "url": "http://www.expertopin.com/doi/abs/10.1517/14656566.9.11.1987",
        **LEAD,
    },
    {
        "id": "pmid17079176",
        "template": "cite journal",
        "type": "journal",
        "title": "The long-term international safety experience of imiglucerase therapy "
        "for Gaucher disease",
        "journal": "Mol. Genet. Metab.",
        "volume": "90",
        "issue": "2",
        "pages": "157–63",
        "authors": [
            {"name": "Starzyk K", "last": "Starzyk", "first": "K"},
            {"name": "Richards S", "last": "Richards", "first": "S"},
            {"name": "Yee J", "last": "Yee", "first": "J"},
            {"name": "Smith SE", "last": "Smith", "first": "SE"},
            {"name": "Kingma W", "last": "Kingma", "first": "W"},
        ],
        "date": "2007-02",
        "date_text": "February 2007",
        "identifiers": {"doi": "10.1016/j.ymgme.2006.09.003", "pmid": "17079176"},
        "url": "http://linkinghub.elsevier.com/retrieve/pii/S1096-7192(06)00297-6",
        **LEAD,
    },
    {
        "id": "ref-3",
        "template": "cite journal",
        "type": "journal",
        "title": "Gaucher disease: Isolation and comparison of normal and mutant "
        "glucocerebrosidase from human spleen tissue",
        "journal": "Proc. Natl. Acad. Sci. USA",
        "volume": "75",
        "issue": "8",
        "pages": "3970–3973",
        "authors": [
            {"name": "Pentchev"},
            {"name": "RO Brady", "last": "Brady", "first": "RO"},
            {"name": "HE Blair", "last": "Blair", "first": "HE"},
            {"name": "DE Britton", "last": "Britton", "first": "DE"},
            {"name": "SH Sorrell", "last": "Sorrell", "first": "SH"},
        ],
        "authors_et_al": True,
        "date": "1978-08",
        "date_text": "August 1978",
        "identifiers": {"doi": "10.1073/pnas.75.8.3970", "pmid": "29293", "pmc": "PMC392911"},
        **LEAD,
    },
    {
        "id": "ref-4",
        "template": "cite web",
        "type": "web",
        "title": "Cerezyme (imiglucerase for injection) Genzyme product data sheet",
        "url": "http://www.cerezyme.com/global/pi.pdf",
        **LEAD,
    },
    {
        "id": "Engelberg",
        "template": "cite journal",
        "type": "journal",
        "title": "Perspective: Balancing Innovation, Access, and Profits — Market Exclusivity "
        "for Biologics",
        "journal": "N Engl J Med",
        "volume": "361",
        "issue": "20",
        "pages": "1917-1919",
        "authors": [
            {"name": "Alfred B. Engelberg"},
            {"name": "Aaron S. Kesselheim"},
            {"name": "Jerry Avorn"},
        ],
        "date": "2009-11-12",
        "date_text": "November 12, 2009",
        "identifiers": {"doi": "10.1056/nejmp0908496"},
        "url": "http://www.nejm.org/doi/full/10.1056/NEJMp0908496",
        **LEAD,
    },
    {
        "id": "ref-6",
        "template": "cite web",
        "type": "web",
        "title": "Imiglucerase on Orpha.net: The portal for rare diseases and orphan drugs.",
        "url": "http://www.orpha.net/consor/cgi-bin/Drugs_Search.php?lng=EN&data_id=23"
        "&Substance=Imiglucerase&search=Drugs_Search_SubstanceTradename&data_type=Product"
        "&diseaseType=Drug&Typ=Sub&title=&diseaseGroup=",
        **LEAD,
    },
    {
        "id": "ref-7",
        "template": "cite journal",
        "type": "journal",
        "title": "Virus shuts Genzyme plant, holds up drugs for 8,000",
        "journal": "The Boston Globe",
        "authors": [{"name": "Erin Ailworth"}, {"name": "Robert Weisman"}],
        "date": "2009-06-17",
        "date_text": "June 17, 2009",
        "url": "http://www.boston.com/business/healthcare/articles/2009/06/17/"
        "genzyme_temporarily_halts_production_on_2_key_drugs/",
        **LEAD,
    },
]

EXPECTED = {
    "schema_version": "1.1.0",
    "title": "Imiglucerase",
    "source": {
        "template": "Drugbox",
        "url": "https://en.wikipedia.org/wiki/Imiglucerase",
        "verified_revid": 458273717,
        "verified_fields": "changed",
    },
    "names": {"iupac_name": "Human Beta-glucocerebrosidase"},
    "clinical": {
        "drugs_com": {
            "kind": "monograph",
            "slug": "imiglucerase",
            "url": "https://www.drugs.com/monograph/imiglucerase.html",
        },
        "medlineplus": {
            "id": "a601149",
            "url": "https://medlineplus.gov/druginfo/meds/a601149.html",
        },
        "licence": {"EU": "Cerezyme", "US": "Imiglucerase"},
        "routes_of_administration": ["Intravenous"],
    },
    "pharmacokinetics": {
        "elimination_half_life": {"text": "3.6-10.4 min", "min": 3.6, "max": 10.4, "unit": "min"}
    },
    "identifiers": {
        "cas": "154248-97-2",
        "atc": ["A16AB02"],
        "drugbank": "DB00053",
        "unii": "Q6U6J48BWY",
        "kegg": "D02810",
        "chembl": "CHEMBL1201632",
        # in the order the *_Ref parameters are written
        "verification": {
            "chemspider": "changed",
            "cas": "changed",
            "drugbank": "correct",
            "unii": "correct",
            "kegg": "correct",
            "chembl": "changed",
        },
    },
    "chemistry": {
        "formula": "C2532H3854N672O711S16",
        "elements": {"C": 2532, "H": 3854, "N": 672, "O": 711, "S": 16},
        "molar_mass": {"value": 55597.4, "unit": "g/mol", "note": "unglycosylated"},
        # 2532*12.011 + 3854*1.008 + 672*14.007 + 711*15.999 + 16*32.06 = 55597.637
        "computed_molar_mass": 55597.64,
    },
    "summary": SUMMARY,
    "sections": [{"heading": "See also", "level": 2}, {"heading": "References", "level": 2}],
    "see_also": [
        {"title": "Afegostat", "note": "development terminated"},
        {"title": "Eliglustat"},
        {"title": "Miglustat"},
        {"title": "Velaglucerase alfa"},
        {"title": "Taliglucerase alfa"},
    ],
    "citations": CITATIONS,
    "categories": [
        "Drugs acting on the gastrointestinal system and metabolism",
        "Orphan drugs",
        "Recombinant proteins",
    ],
    "templates": {
        "navboxes": ["Other alimentary tract and metabolism products"],
        "stubs": ["gastrointestinal-drug-stub"],
    },
}


def test_record_is_exactly_the_hand_written_one(imiglucerase_text):
    record = drugparse.parse(imiglucerase_text, title="Imiglucerase")
    for key in EXPECTED:
        assert record[key] == EXPECTED[key], key
    assert record == EXPECTED  # and nothing else: no unmapped, no warnings, no images


def test_key_order_follows_the_spec(imiglucerase_text):
    record = drugparse.parse(imiglucerase_text, title="Imiglucerase")
    assert list(record) == list(EXPECTED)
    assert list(record["citations"][2])[:3] == ["id", "template", "type"]


def test_title_comes_from_the_lead_when_not_given(imiglucerase_text):
    assert drugparse.parse(imiglucerase_text)["title"] == "Imiglucerase"


def test_cli_json_and_yaml_hold_the_same_record(tmp_path):
    as_json = _cli("convert", "fixtures/imiglucerase.wiki", "--format", "json")
    as_yaml = _cli("convert", "fixtures/imiglucerase.wiki")
    assert as_json.returncode == 0 and as_yaml.returncode == 0, as_json.stderr + as_yaml.stderr
    assert json.loads(as_json.stdout) == EXPECTED
    assert yaml.safe_load(as_yaml.stdout) == EXPECTED
    assert as_yaml.stdout.startswith("schema_version: 1.1.0\ntitle: Imiglucerase\n")


def test_cli_output_is_byte_identical_across_runs():
    first = _cli("convert", "fixtures/imiglucerase.wiki", "--format", "json").stdout
    second = _cli("convert", "fixtures/imiglucerase.wiki", "--format", "json").stdout
    assert first and first == second
