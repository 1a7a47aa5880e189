"""Golden records for the fixtures written for drugparse: a mab, a vaccine, a combination,
a Chembox drug and a broken page. Every expected value is transcribed by hand from the
fixture's wikitext; computed molar masses are worked out from IUPAC atomic weights.
"""

from __future__ import annotations

import pytest

import drugparse

from .conftest import FIXTURES


def _wp(title: str) -> str:
    return "https://en.wikipedia.org/wiki/" + title


ADALIMUMAB = {
    "schema_version": "1.1.0",
    "title": "Adalimumab",
    "source": {"template": "Infobox drug", "url": _wp("Adalimumab")},
    "drug_type": "monoclonal_antibody",
    "names": {
        "trade_names": ["Humira"],
        "trade_names_incomplete": True,
        "pronunciation": "/ˌædəˈlɪmʊmæb/",
    },
    "images": [
        {
            "slot": "main",
            "file": "Adalimumab Fab.png",
            "caption": "Fab fragment of adalimumab bound to TNF-α",
            "alt": "Fab fragment of adalimumab",
        }
    ],
    "clinical": {
        "drugs_com": {
            "kind": "monograph",
            "slug": "adalimumab",
            "url": "https://www.drugs.com/monograph/adalimumab.html",
        },
        "medlineplus": {
            "id": "a603010",
            "url": "https://medlineplus.gov/druginfo/meds/a603010.html",
        },
        "pregnancy": {
            "AU": "C",
            "AU_meaning": "may cause harmful, reversible, non-malformative effects on the fetus",
        },  # the comment is only a ref: recorded as a citation
        "routes_of_administration": ["Subcutaneous"],
        "biosimilars": ["adalimumab-aacf (Idacio)", "adalimumab-adaz (Hyrimoz)"],
    },
    "legal": {
        "US": {"status": "Rx-only", "status_meaning": "prescription only"},
        "EU": {"status": "Rx-only", "status_meaning": "prescription only"},
    },
    "pharmacokinetics": {
        "bioavailability": {"text": "64%", "min": 64, "max": 64, "unit": "%"},
        "elimination_half_life": {
            "text": "10–20 days",
            "min": 10,
            "max": 20,
            "unit": "d",
            "min_hours": 240,  # 10 × 24
            "max_hours": 480,
        },
    },
    "identifiers": {
        "cas": "331731-18-1",
        "atc": ["L04AB04"],
        "drugbank": "DB00051",
        "unii": "FYS6T7F842",
        "kegg": "D02597",
        "chembl": "CHEMBL1201580",
    },
    "chemistry": {
        "formula": "C6428H9912N1694O1987S46",
        "elements": {"C": 6428, "H": 9912, "N": 1694, "O": 1987, "S": 46},
        "molar_mass": {"value": 144190.3, "unit": "g/mol"},
        # 6428*12.011 + 9912*1.008 + 1694*14.007 + 1987*15.999 + 46*32.06 = 144190.635
        "computed_molar_mass": 144190.64,
    },
    "biologic": {
        "mab_type": "mab",
        "mab_type_meaning": "whole monoclonal antibody",
        "source": "u",
        "source_meaning": "human",  # INN source substem -u-
        "target": "TNF-α",
    },
    "summary": "Adalimumab, sold under the brand name Humira among others, is a monoclonal antibody used to treat rheumatoid arthritis. It is given by injection under the skin.",
    "sections": [{"heading": "Medical uses", "level": 2}, {"heading": "References", "level": 2}],
    "citations": [
        {
            "id": "pron",
            "template": "cite web",
            "type": "web",
            "title": "Adalimumab pronunciation",
            "website": "Pronounce Drugs",
            "url": "https://example.org/pron",
            "role": "reference",
            "uses": 1,
            "cited_in": ["infobox:pronounce_ref"],
        },
        {
            "id": "TGA",
            "template": "cite web",
            "type": "web",
            "title": "Prescribing medicines in pregnancy database",
            "publisher": "Therapeutic Goods Administration",
            "date": "2022-06-21",
            "date_text": "21 June 2022",
            "url": "https://www.tga.gov.au/pregnancy",
            "role": "reference",
            "uses": 1,
            "cited_in": ["infobox:pregnancy_AU_comment"],
        },
        {
            "id": "Humira FDA label",
            "template": "cite web",
            "type": "web",
            "title": "Humira- adalimumab kit",
            "website": "DailyMed",
            "url": "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=608d4f0d",
            "access_date": "2021-03-08",
            "access_date_text": "8 March 2021",
            "role": "reference",
            "uses": 3,
            "cited_in": ["infobox:legal_US_comment", "lead"],
        },
        {
            "id": "BNF",
            "template": "cite book",
            "type": "book",
            "title": "British National Formulary",
            "publisher": "Pharmaceutical Press",
            "pages": "1060–1061",
            "edition": "76",
            "date": "2018",
            "date_text": "2018",
            "identifiers": {"isbn": "9780857113382"},
            "role": "reference",
            "uses": 1,
            "cited_in": ["Medical uses"],
            "cited_pages": ["73"],
        },
    ],
    "categories": ["Monoclonal antibodies", "TNF inhibitors"],  # [[fr:Adalimumab]] is not one
    "templates": {"navboxes": ["Monoclonals for immune system"]},
}

MEASLES_VACCINE = {
    "schema_version": "1.1.0",
    "title": "Measles vaccine",  # the lead's bold name, first letter up as in a title
    "source": {
        "template": "Infobox drug",
        "url": _wp("Measles_vaccine"),
        "verified_fields": "changed",
    },
    "drug_type": "vaccine",
    "names": {"trade_names": ["Attenuvax"]},
    "images": [{"slot": "main", "file": "Measles vaccine vial.jpg"}],
    "clinical": {
        "drugs_com": {
            "kind": "cons",
            "slug": "measles-virus-vaccine-live",
            "url": "https://www.drugs.com/cons/measles-virus-vaccine-live.html",
        },
        "routes_of_administration": ["Subcutaneous", "Intramuscular"],
    },
    "legal": {
        "UK": {"status": "POM", "status_meaning": "Prescription only medicine"},
        "US": {"status": "Rx-only", "status_meaning": "prescription only"},
        "other": ["WHO Essential Medicine"],
    },
    "pharmacokinetics": {
        "onset": {
            "text": "2 weeks",
            "min": 2,
            "max": 2,
            "unit": "wk",
            "min_hours": 336,  # 2 × 168
            "max_hours": 336,
        },
        "duration_of_action": {"text": "Lifelong"},
    },
    "identifiers": {
        "atc": ["J07BD01", "J07BD52"],
        "drugbank": "DB10320",
        "unii": "0N9SPQ9QM2",
        # 1.1.0: the text beside a code is its note (1.0.0 dropped it).
        "notes": {"atc": {"J07BD52": "with mumps and rubella"}},
    },
    "biologic": {
        "target": "Measles",
        "vaccine_type": "Attenuated",
        "vaccine_type_meaning": "live attenuated pathogen",
    },
    "summary": "The measles vaccine protects against measles.",
    "sections": [{"heading": "History", "level": 2}, {"heading": "References", "level": 2}],
    "citations": [
        {
            "id": "WHO2017",
            "template": "cite journal",
            "type": "journal",
            "title": "Measles vaccines: WHO position paper",
            "journal": "Weekly Epidemiological Record",
            "volume": "92",
            "issue": "17",
            "pages": "205–27",
            "authors": [{"name": "World Health Organization"}],
            "date": "2017-04-28",
            "date_text": "28 April 2017",
            "identifiers": {"pmid": "28459148", "hdl": "10665/255377"},
            "role": "reference",
            "uses": 2,
            "cited_in": ["lead", "History"],
        },
        {
            "id": "ref-2",
            "template": "cite book",
            "type": "book",
            "title": "Vaccines",
            "publisher": "Saunders",
            "edition": "6th",
            "location": "Philadelphia",
            "authors": [{"name": "Stanley A. Plotkin", "last": "Plotkin", "first": "Stanley A."}],
            "date": "2013",
            "date_text": "2013",
            "identifiers": {"isbn": "9781455700905"},
            "role": "reference",
            "uses": 1,
            "cited_in": ["History"],
        },
    ],
    "categories": ["Vaccines", "Measles"],
    "templates": {"stubs": ["vaccine-stub"]},
    "warnings": [
        {
            "code": "unparsed_value",
            "field": "pharmacokinetics.duration_of_action",
            "message": "no duration with a time unit in 'Lifelong'",
        }
    ],
}

AMOXICILLIN_CLAVULANATE = {
    "schema_version": "1.1.0",
    "title": "Amoxicillin/clavulanic acid",
    "source": {
        "template": "Drugbox",
        "url": _wp("Amoxicillin/clavulanic_acid"),
        "verified_revid": 477318143,
    },
    "drug_type": "combination",
    "names": {
        "trade_names": ["Augmentin", "Clavulin"],
        "trade_names_incomplete": True,
        "synonyms": ["Co-amoxiclav", "amox-clav"],
    },
    "images": [{"slot": "main", "file": "Amoxicillin clavulanate.svg", "width": "250"}],
    "clinical": {
        "pregnancy": {
            "AU": "B1",
            "AU_meaning": "few data in pregnancy; animal studies show no increase in fetal damage",
            "US": "B",
        },
        "routes_of_administration": ["By mouth", "intravenous"],
    },
    "legal": {
        "AU": {"status": "S4", "status_meaning": "Schedule 4 (Prescription only medicine)"},
        "UK": {"status": "POM", "status_meaning": "Prescription only medicine"},
        "US": {
            "status": "Rx-only",
            "status_meaning": "prescription only",
            "comment": "Prescription only",
        },
    },
    "identifiers": {
        "cas": "74469-00-4",
        "atc": ["J01CR02"],
        "pubchem_cid": "23665591",
        "chemspider": "21106284",
        "kegg": "D01235",
        "verification": {"chemspider": "correct"},
    },
    "components": [
        {"name": "Amoxicillin", "class": "Penicillin antibiotic"},
        {"name": "Clavulanic acid", "class": "Beta-lactamase inhibitor"},
    ],
    "summary": "Amoxicillin/clavulanic acid, also known as co-amoxiclav, is an antibiotic useful for the treatment of a number of bacterial infections.",
    "sections": [{"heading": "See also", "level": 2}],
    "see_also": [{"title": "Ampicillin/sulbactam", "note": "a similar combination"}],
    "citations": [
        {
            "id": "AHFS",
            "template": "cite web",
            "type": "web",
            "title": "Amoxicillin and Clavulanate Potassium Monograph for Professionals",
            "website": "Drugs.com",
            "url": "https://www.drugs.com/monograph/amoxicillin-and-clavulanate-potassium.html",
            "access_date": "2019-03-03",
            "access_date_text": "3 March 2019",
            "role": "reference",
            "uses": 1,
            "cited_in": ["lead"],
        },
    ],
    "categories": ["Combination antibiotics"],
    "unmapped": {"colour": "white"},
    "warnings": [
        {
            "code": "unknown_parameter",
            "field": "unmapped.colour",
            "message": "infobox parameter 'colour' is not in the mapping table",
        }
    ],
}

CAFFEINE = {
    "schema_version": "1.1.0",
    "title": "Caffeine",
    "source": {"template": "Chembox", "url": _wp("Caffeine"), "verified_fields": "changed"},
    "names": {
        "drug_name": "Caffeine",
        "iupac_name": "1,3,7-Trimethyl-3,7-dihydro-1H-purine-2,6-dione",
        "synonyms": ["Guaranine", "Methyltheobromine"],
    },
    "images": [{"slot": "main", "file": "Caffeine structure.svg"}],
    "clinical": {"routes_of_administration": ["By mouth", "IV"]},
    "legal": {"US": {"status": "OTC", "status_meaning": "over the counter"}},
    "pharmacokinetics": {
        "bioavailability": {"text": "99%", "min": 99, "max": 99, "unit": "%"},
        "elimination_half_life": {
            "text": "3 to 7 hours",
            "min": 3,
            "max": 7,
            "unit": "h",
            "min_hours": 3,
            "max_hours": 7,
        },
    },
    "identifiers": {
        "cas": "58-08-2",
        "atc": ["N06BC01"],
        "drugbank": "DB00201",
        "unii": "3G6A5W338E",
        "chebi": "CHEBI:27732",
        "ec_number": "200-362-1",
        "verification": {"cas": "correct"},
    },
    "chemistry": {
        "formula": "C8H10N4O2",
        "elements": {"C": 8, "H": 10, "N": 4, "O": 2},
        "molar_mass": {"value": 194.194, "unit": "g/mol"},
        "computed_molar_mass": 194.19,  # 8*12.011 + 10*1.008 + 4*14.007 + 2*15.999 = 194.194
        "smiles": "CN1C=NC2=C1C(=O)N(C(=O)N2C)C",
        "stdinchikey": "RYYVLZVUVIJVGH-UHFFFAOYSA-N",
        "appearance": "Odorless, white needles or powder",
        "melting_point": {
            "text": "235 to 238 °C",
            "min": 235,
            "max": 238,
            "unit": "°C",
            "min_celsius": 235,
            "max_celsius": 238,
        },
    },
    "summary": "Caffeine is a central nervous system (CNS) stimulant.",
    "citations": [
        {
            "id": "ref-1",
            "template": "cite journal",
            "type": "journal",
            "title": "Caffeine and the central nervous system",
            "journal": "Brain Research Reviews",
            "volume": "17",
            "issue": "2",
            "pages": "139–70",
            "authors": [
                {"name": "Nehlig A", "last": "Nehlig", "first": "A"},
                {"name": "Daval JL", "last": "Daval", "first": "JL"},
                {"name": "Debry G", "last": "Debry", "first": "G"},
            ],
            "date": "1992",
            "date_text": "1992",
            "identifiers": {"doi": "10.1016/0165-0173(92)90012-b", "pmid": "1356551"},
            "role": "reference",
            "uses": 1,
            "cited_in": ["lead"],
        },
    ],
    "categories": ["Stimulants"],
    "hazards": {"MainHazards": "Harmful if swallowed", "FlashPt": "nonflammable"},
}

BROKEN_PAGE = {
    "schema_version": "1.1.0",
    "title": "Brokenine",
    "source": {"template": "Infobox drug", "url": _wp("Brokenine")},
    "names": {"drug_name": "Brokenine", "trade_names": ["Brokex"]},
    # "about a day" is one day, approximately (issue 13: "a"/"an" before a unit is 1)
    "pharmacokinetics": {
        "elimination_half_life": {
            "text": "about a day",
            "min": 1,
            "max": 1,
            "unit": "d",
            "approximate": True,
            "min_hours": 24,
            "max_hours": 24,
        }
    },
    "identifiers": {"cas": "50-00-1", "unii": "12345"},  # kept as written, with warnings
    # The unclosed link is shown as MediaWiki shows it: literally.
    "summary": "Brokenine is a [[fictional drug with stray markup. It is cited again. See Category:Fictional drugs.",
    "sections": [{"heading": "Uses", "level": 2}],
    "citations": [
        {
            "id": "ref-1",
            "template": "cite web",
            "type": "web",
            "title": "Brokex label",
            "url": "http://example.org/label",
            "role": "reference",
            "uses": 1,
            "cited_in": ["infobox:tradename"],
        },
        {
            "id": "x",
            "template": "cite journal",
            "type": "journal",
            "title": "Made up",
            "journal": "J Fict",
            "date": "2020-21",
            "date_text": "Spring 2020",
            "role": "reference",
            "uses": 2,
            "cited_in": ["lead"],
            "cited_pages": ["12"],
        },
        {"id": "missing", "role": "reference", "uses": 1, "cited_in": ["Uses"]},
    ],
    "categories": ["Fictional drugs"],  # not [[:Category:...]] (a link), not [[de:...]]
    "warnings": [
        {
            "code": "unbalanced_markup",
            "field": "page",
            "message": "line 1: '{{' is never closed: '{{Infobox drug'",
        },
        {
            "code": "unbalanced_markup",
            "field": "page",
            "message": "line 5: '<ref>' is never closed: '<ref>{{cite web |title=Brokex label |url'",
        },
        {
            "code": "unbalanced_markup",
            "field": "page",
            "message": "line 7: '[[' is never closed: \"[[fictional drug with ''stray markup.<re\"",
        },
        {
            "code": "unbalanced_markup",
            "field": "page",
            "message": "line 7: '' is never closed: \"'''Brokenine''' is a [[fictional drug wi\"",
        },
        {
            "code": "unbalanced_markup",
            "field": "page",
            "message": "line 11: stray ']]': ']] works.<ref name=missing/>'",
        },
        # CAS check: digits 5,0,0,0 weighted 4,3,2,1 -> 20, and 20 % 10 = 0
        {
            "code": "invalid_checksum",
            "field": "identifiers.cas",
            "message": "CAS check digit of 50-00-1 is 1, expected 0",
        },
        {
            "code": "invalid_format",
            "field": "identifiers.unii",
            "message": "'12345' does not match ^[A-Z0-9]{10}$",
        },
        {
            "code": "unknown_reference",
            "field": "citations.missing",
            "message": "<ref name='missing' /> is used but never defined",
        },
    ],
}

GOLDEN = {
    "adalimumab": ADALIMUMAB,
    "measles-vaccine": MEASLES_VACCINE,
    "amoxicillin-clavulanate": AMOXICILLIN_CLAVULANATE,
    "caffeine-chembox": CAFFEINE,
    "broken-page": BROKEN_PAGE,
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_fixture_gives_its_hand_written_record(name):
    record = drugparse.parse((FIXTURES / f"{name}.wiki").read_text("utf-8"))
    expected = GOLDEN[name]
    for key in expected:
        assert record.get(key) == expected[key], key
    assert record == expected
    drugparse.validate(record)


def test_chembox_without_drug_data_is_not_a_drug():
    ethanol = (
        "{{Chembox\n| Name = Ethanol\n| Section1 = {{Chembox Identifiers\n| CASNo = 64-17-5\n}}\n"
        "| Section2 = {{Chembox Properties\n| C=2 | H=6 | O=1\n}}\n}}\n'''Ethanol''' is an alcohol."
    )
    with pytest.raises(drugparse.NoInfoboxError):
        drugparse.parse(ethanol, title="Ethanol")
