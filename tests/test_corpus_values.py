"""Values read off each real article of ../shared/corpus by hand, at least ten per page.

Each expectation below comes from reading the article's wikitext (the line it
comes from is usually quoted in the comment). Skipped when ../shared is absent.
"""

from __future__ import annotations

import drugparse

from .conftest import CORPUS, needs_corpus

pytestmark = needs_corpus


def record_of(name: str) -> dict:
    return drugparse.parse((CORPUS / f"{name}.wiki").read_text("utf-8"), title=name)


def citation(record: dict, ref_id: str) -> dict:
    return next(c for c in record["citations"] if c["id"] == ref_id)


def codes(record: dict) -> list[tuple[str, str]]:
    return [(w["code"], w["field"]) for w in record.get("warnings", [])]


def test_alfuzosin():
    r = record_of("Alfuzosin")
    assert r["source"]["template"] == "Drugbox"  # after {{#unlinkedwikibase:...}} on line 1
    assert r["source"]["watched_fields"] == "changed"
    assert r["source"]["verified_revid"] == 477247048
    assert r["names"]["trade_names"] == ["Uroxatral"] and r["names"]["trade_names_incomplete"]
    assert r["names"]["pronunciation"] == "/ælˈfjuːzoʊsɪn/ al-FEW-zoh-sin"
    assert (
        r["clinical"]["drugs_com"]["url"]
        == "https://www.drugs.com/monograph/alfuzosin-hydrochloride.html"
    )
    assert r["clinical"]["medlineplus"] == {"id": "a64002"}  # six characters: kept, warned
    assert ("invalid_format", "clinical.medlineplus") in codes(r)
    assert r["clinical"]["class"] == "α1 adrenergic receptor blocker"
    assert r["clinical"]["uses"] == "Benign prostatic hyperplasia (BPH)"
    assert r["clinical"]["pregnancy"] == {
        "AU": "B2",
        "AU_meaning": "few data in pregnancy; animal studies inadequate or lacking",
        "US": "B",
    }
    assert r["clinical"]["routes_of_administration"] == ["By mouth (tablets)"]
    assert r["legal"] == {
        "UK": {"status": "POM", "status_meaning": "Prescription only medicine"},
        "US": {"status": "Rx-only", "status_meaning": "prescription only"},
    }
    assert r["pharmacokinetics"] == {
        "bioavailability": {"text": "49%", "min": 49, "max": 49, "unit": "%"},
        "protein_bound": {"text": "82–90%", "min": 82, "max": 90, "unit": "%"},
        "metabolism": "Liver (CYP3A4-mediated)",
        "elimination_half_life": {
            "text": "10 hours",
            "min": 10,
            "max": 10,
            "unit": "h",
            "min_hours": 10,
            "max_hours": 10,
        },
        "excretion": "Feces (69%) and Urine (24%)",
    }
    assert r["chemistry"]["formula"] == "C19H27N5O4"
    # 19*12.011 + 27*1.008 + 5*14.007 + 4*15.999 = 389.456
    assert r["chemistry"]["computed_molar_mass"] == 389.46
    assert r["chemistry"]["stdinchikey"] == "WNMJYKCGWZFFKR-UHFFFAOYSA-N"
    # The box holds only the structure markers; the identifiers are in {{drug resources}}
    # under "External links" (lines 96-116): read from there, provenance in source.
    ids = r["identifiers"]
    assert ids["cas"] == "81403-80-7" and ids["atc"] == ["G04CA01"]  # ATC_prefix G04 + CA01
    assert ids["chebi"] == "CHEBI:51141" and ids["chembl"] == "CHEMBL709"  # 51141, 709
    assert (ids["drugbank"], ids["pubchem_cid"], ids["unii"]) == ("DB00346", "2092", "90347YTW5F")
    assert (ids["chemspider"], ids["kegg"], ids["iuphar_ligand"]) == ("2008", "D07124", "7109")
    assert ids["verification"]["stdinchi"] == "correct"  # StdInChI_Ref, in the box
    assert ids["verification"]["cas"] == "correct"  # {{cascite|correct|??}}, in drug resources
    assert "identifiers.cas" in r["source"]["drug_resources"]
    assert "identifiers.atc" in r["source"]["drug_resources"]
    assert "identifiers.verification.stdinchi" not in r["source"]["drug_resources"]
    assert len(r["citations"]) == 9  # 6 named refs + 3 unnamed
    ahsf = citation(r, "AHSF2021")
    assert ahsf["uses"] == 15
    assert ahsf["cited_in"][:4] == ["infobox:class", "infobox:uses", "infobox:side_effects", "lead"]
    assert ahsf["access_date"] == "2021-07-14"  # |accessdate=14 July 2021
    assert citation(r, "Lep2016")["identifiers"]["pmc"] == "PMC2213889"
    assert [s["heading"] for s in r["sections"]] == [
        "Medical uses", "Side effects", "Contraindications", "Chemistry",
        "Society and culture", "Cost", "Brand names", "References", "External links",
    ]  # fmt: skip
    assert r["categories"] == [
        "Alpha blockers",
        "Carboxamides",
        "Quinazolines",
        "Tetrahydrofurans",
        "RTT",
    ]


def test_trifluoperazine():
    r = record_of("Trifluoperazine")
    assert r["source"]["template"] == "drugbox"  # written in lower case
    assert r["source"]["verified_revid"] == 470614430
    assert (
        "drug_type" not in r
    )  # "| type =" is blank; the commented "type = mab" lines are not values
    assert r["names"]["trade_names"] == ["Stelazine", "Eskazinyl", "Eskazine", "Jatroneural"]
    assert r["names"]["trade_names_incomplete"] is True
    # "10-[3-(4-methylpiperazin-1-yl)propyl]-<br/>2-(trifluoromethyl)-10''H''-phenothiazine"
    assert (
        r["names"]["iupac_name"]
        == "10-[3-(4-methylpiperazin-1-yl)propyl]-2-(trifluoromethyl)-10H-phenothiazine"
    )
    assert r["images"] == [{"slot": "main", "file": "Trifluoperazine.svg", "width": "250"}]
    assert r["clinical"]["class"] == "Typical antipsychotic"
    assert r["clinical"]["uses"] == "Schizophrenia, generalized anxiety disorder, nausea"
    assert r["clinical"]["pregnancy"] == {
        "AU": "C",
        "AU_meaning": "may cause harmful, reversible, non-malformative effects on the fetus",
        "US": "C",
    }
    assert r["clinical"]["routes_of_administration"] == ["By mouth", "IM"]
    assert r["clinical"]["medlineplus"]["id"] == "a682121"
    assert r["legal"] == {
        "UK": {"status": "POM", "status_meaning": "Prescription only medicine"},
        "US": {"status": "Rx-only", "status_meaning": "prescription only"},
    }  # on one line
    assert r["pharmacokinetics"]["metabolism"] == "Liver"
    assert r["pharmacokinetics"]["elimination_half_life"] == {
        "text": "10–20 hours",
        "min": 10,
        "max": 20,
        "unit": "h",
        "min_hours": 10,
        "max_hours": 20,
    }
    assert r["chemistry"]["formula"] == "C21H24F3N3S"
    assert r["chemistry"]["elements"] == {"C": 21, "F": 3, "H": 24, "N": 3, "S": 1}
    assert r["chemistry"]["stdinchikey"] == "ZEWQUBUPAILYHI-UHFFFAOYSA-N"
    assert [c["id"] for c in r["citations"]] == ["AHFS2021", "BNF80", "Bus2007", "ref-4"]
    assert citation(r, "AHFS2021")["uses"] == 9
    # BNF80 is defined under ==References== (before {{Reflist}}) after being used earlier
    bnf = citation(r, "BNF80")
    assert (
        bnf["title"] == "BNF"
        and bnf["edition"] == "80"
        and bnf["identifiers"]["isbn"] == "9780857113696"
    )
    assert "infobox:uses" in bnf["cited_in"]
    assert r["sections"] == [{"heading": "References", "level": 2}]
    assert "unmapped" not in r


def test_netilmicin():
    r = record_of("Netilmicin")
    assert r["source"] == {
        "template": "Drugbox",
        "url": "https://en.wikipedia.org/wiki/Netilmicin",
        "verified_revid": 462259703,
        "verified_fields": "changed",
    }
    assert r["names"]["trade_names"] == ["Netromycin"]
    assert r["names"]["synonyms"] == ["1-N-ethylsisomicin"]
    assert r["clinical"]["class"] == "Aminoglycoside"
    assert r["clinical"]["uses"] == "Conjunctivitis, urinary tract infections"
    assert (
        r["clinical"]["side_effects"]
        == "Eye redness or discomfort, hearing problems, kidney problems"
    )
    assert r["clinical"]["routes_of_administration"] == ["Eye drop", "by injection"]
    assert "drugs_com" not in r["clinical"] and "pregnancy" not in r["clinical"]
    assert r["legal"] == {"UK": {"status": "POM", "status_meaning": "Prescription only medicine"}}
    assert r["pharmacokinetics"] == {
        "bioavailability": {"text": "~0%", "min": 0, "max": 0, "unit": "%", "approximate": True},
        "elimination_half_life": {
            "text": "2.5 hours",
            "min": 2.5,
            "max": 2.5,
            "unit": "h",
            "min_hours": 2.5,
            "max_hours": 2.5,
        },
    }
    assert r["chemistry"]["formula"] == "C21H41N5O7"
    # 21*12.011 + 41*1.008 + 5*14.007 + 7*15.999 = 475.587
    assert r["chemistry"]["computed_molar_mass"] == 475.59
    assert r["chemistry"]["stdinchikey"] == "CIDUJQMULVCIBT-KALHTFJLSA-N"
    assert len(r["citations"]) == 8
    assert citation(r, "Camp1989")["uses"] == 7
    # "costs the [[NHS about £10." never closes its link
    assert any(
        w["code"] == "unbalanced_markup"
        and w["message"].startswith("line 60: '[[' is never closed")
        for w in r["warnings"]
    )
    assert r["sections"] == [{"heading": "References", "level": 2}]


def test_omaveloxolone():
    r = record_of("Omaveloxolone")  # Odia translation: prose in Odia, infobox in English
    assert r["source"]["template"] == "Infobox drug"
    assert r["source"]["verified_revid"] == 461217017
    assert r["names"]["trade_names"] == ["Skyclarys"]
    assert "trade_names_incomplete" not in r["names"]
    assert r["names"]["synonyms"] == ["RTA 408"]
    assert r["clinical"]["routes_of_administration"] == ["By mouth"]
    assert r["clinical"]["drugs_com"]["url"] == "https://www.drugs.com/monograph/omaveloxolone.html"
    assert r["clinical"]["dailymed_id"] == "Omaveloxolone"
    assert r["legal"] == {
        "US": {"status": "Rx-only", "status_meaning": "prescription only"}
    }  # every other legal_* is a comment
    assert r["chemistry"]["elements"] == {"C": 33, "F": 2, "H": 44, "N": 2, "O": 3}
    assert r["chemistry"]["formula"] == "C33H44F2N2O3"
    assert r["chemistry"]["stdinchikey"] == "WPTTVJLTNAWYAO-KPOXMGGZSA-N"
    # The StdInChI is bardoxolone methyl's (C32H43NO4), not omaveloxolone's (issue 13);
    # its InChIKey is that InChI's key, so only the formula is flagged.
    assert [w for w in r["warnings"] if w["code"].endswith("_mismatch")] == [
        {
            "code": "formula_mismatch",
            "field": "chemistry.stdinchi",
            "message": "the formula layer of StdInChI is C32H43NO4, the formula C33H44F2N2O3",
        }
    ]
    fda = citation(r, "Skyclarys FDA label")
    assert fda["cited_in"][0] == "infobox:legal_US_comment"
    assert fda["template"] == "cite web" and fda["access_date"] == "2023-03-01"
    assert citation(r, "PI2023")["uses"] == 8
    assert len(r["citations"]) == 4
    assert r["categories"] == ["ଚିକିତ୍ସା ବିଜ୍ଞାନ", "Translated from MDWiki"]
    assert r["summary"].startswith("ଓମାଭେଲୋକ୍ସୋଲୋନ")


def test_pirtobrutinib():
    r = record_of("Pirtobrutinib")  # the whole infobox on one line, nothing else
    assert r["source"]["template"] == "Infobox drug"
    # "[4-[<nowiki/>[(5-fluoro...": the empty nowiki only keeps "[[" from being a link
    assert r["names"]["iupac_name"] == (
        "5-amino-3-[4-[[(5-fluoro-2-methoxybenzoyl)amino]methyl]phenyl]-1-[(2S)-1,1,1-"
        "trifluoropropan-2-yl]pyrazole-4-carboxamide"
    )
    assert r["names"]["trade_names"] == ["Jaypirca"]
    assert r["names"]["synonyms"] == ["LOXO-305"]
    assert r["clinical"]["dailymed_id"] == "Pirtobrutinib"
    assert r["clinical"]["medlineplus"]["id"] == "a623012"
    assert r["clinical"]["class"] == "Protein kinase inhibitor"
    assert r["identifiers"]["atc"] == ["L01EL05"]
    assert r["identifiers"]["cas"] == "2101700-15-4"
    assert r["identifiers"]["pubchem_cid"] == "129269915"
    assert r["identifiers"]["drugbank"] == "DB17472"
    assert r["identifiers"]["chebi"] == "CHEBI:229212"
    assert r["identifiers"]["chembl"] == "CHEMBL4650485"
    assert r["identifiers"]["pdb_ligand"] == "Y7W"
    assert r["legal"] == {
        "US": {"status": "Rx-only", "status_meaning": "prescription only"},
        "EU": {"status": "Rx-only", "status_meaning": "prescription only"},
    }
    assert r["chemistry"]["formula"] == "C22H21F4N5O3"
    assert [(c["id"], c["cited_in"]) for c in r["citations"]] == [
        ("Jaypirca EPAR", ["infobox:legal_EU_comment"]),
        ("ref-2", ["infobox:legal_EU_comment"]),
    ]
    assert "summary" not in r and "categories" not in r


def test_abacavir_lamivudine():
    r = record_of("Abacavir-lamivudine")
    assert r["drug_type"] == "combination"
    assert r["components"] == [
        {"name": "Abacavir", "class": "Nucleotide analogue reverse transcriptase inhibitor"},
        {"name": "Lamivudine", "class": "Nucleotide analogue reverse transcriptase inhibitor"},
    ]
    assert r["names"]["trade_names"] == ["Kivexa", "Epzicom"]
    assert r["names"]["trade_names_incomplete"] is True
    assert r["source"]["verified_revid"] == 448004176
    assert r["clinical"]["pregnancy"] == {"US": "C"}
    assert r["clinical"]["routes_of_administration"] == ["by mouth"]
    assert r["clinical"]["defined_daily_dose"] == "is not established"
    assert r["clinical"]["medlineplus"]["id"] == "a696011"
    assert r["legal"] == {
        "AU": {"status": "S4", "status_meaning": "Schedule 4 (Prescription only medicine)"},
        "UK": {"status": "POM", "status_meaning": "Prescription only medicine"},
        "US": {"status": "Rx-only", "status_meaning": "prescription only"},
    }
    assert r["images"] == [{"slot": "main", "file": "Abacavir and lamivudine.svg", "width": "200"}]
    assert r["citations"] == [
        {"id": "who", "role": "reference", "uses": 1, "cited_in": ["infobox:defined_daily_dose"]}
    ]
    assert codes(r) == [("unknown_reference", "citations.who")]


def test_eravacycline_chembox():
    r = record_of("Eravacycline")
    assert r["source"]["template"] == "Chembox"
    assert r["names"]["iupac_name"].startswith("(4S,4aS,5aR,12aS)-4-(Dimethylamino)-7-fluoro")
    assert r["names"]["synonyms"] == ["Xerava", "TP-434"]
    assert r["images"] == [{"slot": "main", "file": "Eravacycline structure.svg", "width": "320px"}]
    assert r["identifiers"]["cas"] == "1207283-85-9"
    assert r["identifiers"]["unii"] == "07896928ZC"
    assert r["identifiers"]["pubchem_cid"] == "54726192"
    assert r["identifiers"]["chemspider"] == "28495485"
    assert r["identifiers"]["kegg"] == "D10369" and r["identifiers"]["kegg_2"] == "D10421"
    assert r["identifiers"]["atc"] == ["J01AA13"]  # ATCCode_prefix + ATCCode_suffix
    assert r["identifiers"]["verification"] == {"cas": "correct", "unii": "correct"}
    assert r["chemistry"]["formula"] == "C27H31FN4O8"  # from C<sub>27</sub>H<sub>31</sub>...
    assert r["chemistry"]["molar_mass"] == {"value": 558.555, "unit": "g/mol"}
    # 27*12.011 + 31*1.008 + 18.998 + 4*14.007 + 8*15.999 = 558.555
    assert r["chemistry"]["computed_molar_mass"] == 558.56
    assert r["chemistry"]["stdinchikey"] == "HLFSMUUOKPBTSM-ISIOAQNYSA-N"
    assert "warnings" not in r and "unmapped" not in r
