"""Extract stage: infobox lookup and parameter table, references, article structure."""

from __future__ import annotations

import pytest

import drugparse
from drugparse.extract.article import lead_name, read_article
from drugparse.extract.infobox import find_infobox, read_fields
from drugparse.extract.references import collect_citations
from drugparse.wikitext import parse_wikitext


# -- infobox -------------------------------------------------------------
@pytest.mark.parametrize(
    "opening",
    [
        "{{Infobox drug",
        "{{infobox drug",
        "{{Infobox_drug",
        "{{Drugbox",
        "{{drugbox",
        "{{ Drugbox <!-- comment -->\n",
        "{{\nDrugbox\n",
        "{{Infobox <!--\n-->drug",
        "{{#unlinkedwikibase:id=Q1}}\n{{drugbox",
    ],
)
def test_infobox_is_found_under_any_name(opening):
    box = find_infobox(parse_wikitext(opening + "\n| CAS_number = 50-00-0\n}}"))
    assert box is not None and box.kind == "drug"
    assert read_fields(box).fields == {"identifiers.cas": "50-00-0"}


def test_no_infobox():
    assert find_infobox(parse_wikitext("{{Infobox person|name=Ada}}")) is None
    with pytest.raises(drugparse.NoInfoboxError, match="Ada"):
        drugparse.parse("{{Infobox person|name=Ada}}", title="Ada")


def test_comments_are_not_values_and_params_can_share_a_line():
    box = find_infobox(
        parse_wikitext(
            "{{Drugbox\n| image = <!-- Clinical data -->\n| legal_UK = POM| legal_US = Rx-only\n"
            "| caption = <!-- | type = mab -->\n<!-- | type = mab -->\n| type =\n}}"
        )
    )
    fields = read_fields(box)
    assert fields.fields == {"legal.UK.status": "POM", "legal.US.status": "Rx-only"}
    assert fields.warnings == [] and fields.unmapped == {}


def test_unknown_and_duplicate_parameters_warn():
    box = find_infobox(
        parse_wikitext(
            "{{Drugbox|colour=blue|CAS_number=50-00-0|CAS_number=64-17-5|licence_EU=A|license_EU=B}}"
        )
    )
    fields = read_fields(box)
    assert fields.unmapped == {"colour": "blue"}
    assert fields.fields["identifiers.cas"] == "64-17-5"  # the last value wins, as in MediaWiki
    assert fields.fields["clinical.licence.EU"] == "B"
    codes = [(w["code"], w["field"]) for w in fields.warnings]
    assert codes == [
        ("unknown_parameter", "unmapped.colour"),
        ("duplicate_parameter", "identifiers.cas"),
        ("duplicate_parameter", "clinical.licence.EU"),
    ]


def test_infobox_record_sections():
    record = drugparse.parse(
        "{{Infobox drug | type = combo | component1 = Abacavir | class1 = [[NRTI]]"
        " | component2 = Lamivudine | tradename = Kivexa, others | legal_AU = S4"
        " | legal_AU_comment = note | ATC_prefix = J05 | ATC_suffix = AR02"
        " | ATC_supplemental = {{ATC|J05|AR13}} | C=1 | O=2 | molecular_weight = 44.01 g/mol"
        " | image = X.svg | width = 200 }}",
        title="Abacavir/lamivudine",
    )
    assert record["drug_type"] == "combination"
    assert record["components"] == [{"name": "Abacavir", "class": "NRTI"}, {"name": "Lamivudine"}]
    assert record["names"] == {"trade_names": ["Kivexa"], "trade_names_incomplete": True}
    assert record["legal"] == {
        "AU": {
            "status": "S4",
            "status_meaning": "Schedule 4 (Prescription only medicine)",
            "comment": "note",
        }
    }
    assert record["identifiers"]["atc"] == ["J05AR02", "J05AR13"]
    assert record["chemistry"]["formula"] == "CO2"
    assert record["chemistry"]["computed_molar_mass"] == 44.01
    assert record["images"] == [{"slot": "main", "file": "X.svg", "width": "200"}]
    assert record["source"]["url"] == "https://en.wikipedia.org/wiki/Abacavir/lamivudine"
    assert "warnings" not in record


def test_molar_mass_mismatch_is_a_warning():
    record = drugparse.parse("{{Drugbox | C=1 | O=2 | molecular_weight = 50 g/mol}}", title="X")
    assert [w["code"] for w in record["warnings"]] == ["molar_mass_mismatch"]


# -- references ----------------------------------------------------------
def citations(wikitext: str, infobox=None):
    code = parse_wikitext(wikitext)
    box = find_infobox(code)
    return collect_citations(code, box)


def test_named_reused_and_unnamed_refs():
    result = citations(
        'A.<ref name=a>first</ref> B.<ref>second</ref>\n==Uses==\nC.<ref name=a/><ref name="a" />'
    )
    assert [(c["id"], c["text"], c["uses"], c["cited_in"]) for c in result.citations] == [
        ("a", "first", 3, ["lead", "Uses"]),
        ("ref-2", "second", 1, ["lead"]),
    ]


def test_reuse_before_definition_and_list_defined_refs():
    result = citations(
        "A.<ref name=late/> B.<ref name=ld/>\n==Later==\nC.<ref name=late>body</ref>\n"
        "==References==\n{{reflist|refs=\n<ref name=ld>list defined</ref>\n}}"
    )
    assert [(c["id"], c["text"], c["uses"], c["cited_in"]) for c in result.citations] == [
        ("late", "body", 2, ["lead", "Later"]),
        ("ld", "list defined", 1, ["lead"]),
    ]
    assert result.warnings == []


def test_undefined_ref_is_kept_with_a_warning():
    result = citations("A.<ref name=who/>")
    assert result.citations == [{"id": "who", "role": "reference", "uses": 1, "cited_in": ["lead"]}]
    assert result.warnings[0]["code"] == "unknown_reference"
    assert result.warnings[0]["field"] == "citations.who"


def test_refs_in_the_infobox_are_cited_in_their_parameter():
    result = citations(
        "{{Infobox drug | legal_EU = Rx-only <ref name=ema>EMA</ref> | uses = x<ref name=ema/>}}"
        "Lead.<ref name=ema/>"
    )
    assert result.citations[0]["cited_in"] == ["infobox:legal_EU", "infobox:uses", "lead"]
    assert result.citations[0]["uses"] == 3


def test_rp_group_and_bare_links():
    result = citations(
        "A.<ref name=b>[http://example.org/x Example page]</ref>{{rp|73}} "
        "B.<ref group=note>A note.</ref> C.<ref>http://example.org/bare</ref>"
    )
    assert result.citations == [
        {"id": "b", "url": "http://example.org/x", "text": "Example page", "role": "reference", "uses": 1,
         "cited_in": ["lead"], "cited_pages": ["73"]},
        {"id": "ref-2", "group": "note", "text": "A note.", "role": "reference", "uses": 1, "cited_in": ["lead"]},
        {"id": "ref-3", "url": "http://example.org/bare", "role": "reference", "uses": 1, "cited_in": ["lead"]},
    ]  # fmt: skip


def test_auto_ids_do_not_collide_with_names():
    result = citations("A.<ref>one</ref><ref name=ref-1>named</ref>")
    assert [c["id"] for c in result.citations] == ["ref-1-2", "ref-1"]


# -- article -------------------------------------------------------------
def test_article_structure():
    code = parse_wikitext(
        "{{Short description|Drug}}{{About|the drug|the plant|X (plant)}}\n{{Drugbox}}\n"
        "'''Xine''' (also '''Y''') is a [[drug]].<ref>r</ref>\n\nSecond paragraph.\n"
        "== Medical uses ==\ntext\n=== Dosage ===\nmore\n==See also==\n"
        "* [[afegostat]] (development terminated)\n* [[Miglustat]]\n"
        "== References ==\n{{Reflist}}\n{{Navbox drugs}}\n"
        "[[Category:Orphan drugs|Xine]]\n[[Category: Enzymes ]]\n[[fr:Xine]]\n"
        "[[:Category:Not a category]]\n{{enzyme-stub}}\n"
    )
    article = read_article(code, code.filter_templates()[2])
    assert article.summary == "Xine (also Y) is a drug.\n\nSecond paragraph."
    assert lead_name(article) == "Xine"
    assert article.sections == [
        {"heading": "Medical uses", "level": 2},
        {"heading": "Dosage", "level": 3},
        {"heading": "See also", "level": 2},
        {"heading": "References", "level": 2},
    ]
    assert article.see_also == [
        {"title": "Afegostat", "note": "development terminated"},
        {"title": "Miglustat"},
    ]
    assert article.categories == ["Orphan drugs", "Enzymes"]
    assert article.navboxes == ["Navbox drugs"]
    assert article.stubs == ["enzyme-stub"]
    assert article.warnings == []


# -- short footnotes and bibliography ------------------------------------
def test_sfn_and_harvnb_point_at_the_full_citation():
    result = citations(
        "A.{{sfn|Smith|Jones|2001|p=4}} B.{{sfn|Smith|Jones|2001|p=4}}"
        " C.<ref>{{harvnb|Brown|1999|pp=3–5}}</ref> D.{{sfn|Nobody|1900}}\n==Sources==\n"
        "* {{cite book |last1=Smith |first1=A |last2=Jones |first2=B |title=Book |year=2001}}\n"
        "* {{cite journal |last=Brown |first=C |title=Paper |date=May 1999 |journal=J}}\n"
    )
    summary = [
        (c["id"], c.get("template"), c.get("pages"), c.get("target"), c["uses"])
        for c in result.citations
    ]
    assert summary == [
        ("ref-1", "sfn", "4", "ref-4", 2),  # identical sfns are one footnote
        ("ref-2", "harvnb", "3–5", "ref-5", 1),
        ("ref-3", "sfn", None, None, 1),
        ("ref-4", "cite book", None, None, 0),  # bibliography entries are cited through sfn
        ("ref-5", "cite journal", None, None, 0),
    ]
    assert result.citations[0]["authors"] == [{"name": "Smith"}, {"name": "Jones"}]
    assert [(w["code"], w["field"]) for w in result.warnings] == [
        ("unknown_reference", "citations.ref-3")
    ]


@pytest.mark.parametrize(
    "full",
    [
        "{{cite book |author1=Roe, Richard |title=Undated |date=n.d.}}",
        "{{cite book |author=Roe, Richard |title=Undated |date=nd}}",
        "{{cite book |last1=Roe |first1=Richard |title=Undated |year=n.d.}}",
        "{{cite book |author=((Roe)) |title=Undated |date=n.d.}}",
    ],
)
@pytest.mark.parametrize("short", ["{{sfn|Roe|n.d.}}", "{{sfn|Roe|nd}}", "{{harvnb|Roe|n.d.}}"])
def test_short_footnote_finds_a_last_first_author_and_no_date(full, short):
    result = citations(f"A.{short}\n==Sources==\n* {full}\n")
    footnote, book = result.citations
    assert (footnote["target"], book["title"], book["role"]) == ("ref-2", "Undated", "bibliography")
    assert result.warnings == []


def test_short_footnote_year_letter_and_long_template_names():
    result = citations(
        "A.{{Harvard citation no brackets|Roe|n.d.b|p=3}}\n==Sources==\n"
        "* {{cite book |author1=Roe, Richard |title=First |date=n.d.a}}\n"
        "* {{cite book |author1=Roe, Richard |title=Second |date=n.d.b}}\n"
    )
    assert result.citations[0]["target"] == "ref-3"
    assert result.citations[0]["pages"] == "3"


def test_short_footnote_follows_a_ref_anchor():
    # ? (film) and Atlantic Ocean (../shared/peer/enwiki-minidump-27pages.xml.bz2)
    result = citations(
        "A.{{sfn|Suara Merdeka 2011, Kolaborasi Hanung-Zaskia}} B.<ref name=CIA-World>"
        "{{Harvnb|CIA World Factbook: Atlantic Ocean}}</ref>\n==Sources==\n"
        "* {{cite news |title=Kolaborasi Hanung-Zaskia |work=Suara Merdeka |date=2011"
        " |ref={{sfnref|Suara Merdeka 2011, Kolaborasi Hanung-Zaskia}}}}\n"
        "* {{Cite web |url=https://www.cia.gov/x |title=Atlantic Ocean |date=27 June 2016"
        " |publisher=CIA World Factbook |ref={{Harvid|CIA World Factbook: Atlantic Ocean}}}}\n"
    )
    assert [(c["id"], c.get("target")) for c in result.citations] == [
        ("ref-1", "ref-3"),
        ("CIA-World", "ref-4"),
        ("ref-3", None),
        ("ref-4", None),
    ]
    assert not any("_anchor" in c for c in result.citations)
    assert result.warnings == []


def test_notes_tag_ref_and_several_templates_in_one_ref():
    result = citations(
        "A.{{efn|A note.<ref>inner</ref>}} B.{{#tag:ref|Tagged|name=tg|group=n}}"
        " C.<ref name=two>{{cite web|title=One|url=http://a}} {{cite web|title=Two|url=http://b}}</ref>"
        " D.<references><ref name=ld>listed</ref></references>"
    )
    assert [
        (c["id"], c.get("group"), c.get("title") or c.get("text"), c["uses"])
        for c in result.citations
    ] == [
        ("ref-1", "lower-alpha", "A note.", 1),
        ("ref-2", None, "inner", 1),
        ("tg", "n", "Tagged", 1),
        ("two", None, "One", 1),
        ("two-2", None, "Two", 1),
        ("ld", None, "listed", 0),
    ]


# -- broken markup -------------------------------------------------------
@pytest.mark.parametrize(
    ("wikitext", "messages"),
    [
        (
            "{{Infobox drug\n| CAS_number = 50-00-0\n| tradename = Foo\n'''Formal''' is.<ref>n</ref>",
            ["line 1: '{{' is never closed: '{{Infobox drug'"],
        ),
        (
            "{{Drugbox|CAS_number=50-00-0}}\n'''X''' is.<ref>{{cite web|title=T|url=http://x}}\nNext.",
            ["line 2: '<ref>' is never closed: '<ref>{{cite web|title=T|url=http://x}}'"],
        ),
        (
            "{{Drugbox|CAS_number=50-00-0}}\n'''X''' is a [[drug.",
            ["line 2: '[[' is never closed: '[[drug.'"],
        ),
        (
            "{{Drugbox|CAS_number=50-00-0}}\n'''X is a drug.",
            ["line 2: ''' is never closed: \"'''X is a drug.\""],
        ),
        (
            "{{Drugbox|CAS_number=50-00-0}}}}\nX ]] y",
            ["line 1: stray '}}': '}}'", "line 2: stray ']]': ']] y'"],
        ),
    ],
)
def test_broken_markup_gives_a_record_and_warnings_naming_the_line(wikitext, messages):
    record = drugparse.parse(wikitext, title="T")
    assert record["identifiers"]["cas"] == "50-00-0"
    assert [
        w["message"] for w in record["warnings"] if w["code"] == "unbalanced_markup"
    ] == messages
    drugparse.validate(record)


def test_repaired_infobox_and_ref_keep_their_content():
    record = drugparse.parse(
        "{{Infobox drug\n| CAS_number = 50-00-0\n| tradename = Foo\n'''Formal''' is.<ref>{{cite web"
        "|title=T|url=http://x}}\nNext line.\n[[Category:Drugs]]",
        title="T",
    )
    assert record["names"]["trade_names"] == ["Foo"]
    assert record["summary"] == "Formal is. Next line."
    assert record["citations"][0]["title"] == "T"
    assert record["categories"] == ["Drugs"]


# -- value conventions of real infoboxes ---------------------------------
@pytest.mark.parametrize(
    ("params", "atc", "atcvet"),
    [
        ("ATC_prefix = none | ATC_supplemental = {{ATC|J07|BM02}}", ["J07BM02"], None),
        ("ATC_prefix = J01 | ATC_suffix = AA13 | ATCvet = yes", None, ["QJ01AA13"]),
        (
            "ATC_prefix = L01 | ATC_suffix = XC02 | ATC_supplemental = L01XC03, and {{ATCvet|J01|AA13}}",
            ["L01XC02", "L01XC03"],
            ["QJ01AA13"],
        ),
    ],
)
def test_atc_conventions(params, atc, atcvet):
    record = drugparse.parse("{{Infobox drug | " + params + " }}", title="X")
    identifiers = record.get("identifiers", {})
    assert identifiers.get("atc") == atc
    assert identifiers.get("atcvet") == atcvet


def test_chemistry_conventions():
    record = drugparse.parse(
        "{{Infobox drug | chemical_formula = {{chem2|C6H12O6}} | charge = +1"
        " | molecular_weight = 180.16 ± 0.01 | molecular_weight_unit = g/mol }}",
        title="Glucose",
    )
    chemistry = record["chemistry"]
    assert chemistry["formula"] == "C6H12O6"
    assert chemistry["charge"] == "+1"
    assert chemistry["molar_mass"] == {"value": 180.16, "uncertainty": 0.01, "unit": "g/mol"}
    # from the written formula: 6*12.011 + 12*1.008 + 6*15.999 = 180.156
    assert chemistry["computed_molar_mass"] == 180.16
    deuterated = drugparse.parse("{{Infobox drug | C=1 | D=3 | Cl=1 }}", title="CD3Cl")
    assert deuterated["chemistry"]["formula"] == "CClD3"
    assert deuterated["chemistry"]["elements"] == {"C": 1, "D": 3, "Cl": 1}


def test_legal_and_pregnancy_comments_are_rendered_and_their_refs_kept():
    record = drugparse.parse(
        "{{Infobox drug | legal_US = Rx-only | legal_US_comment = [[Prescription drug|prescription]]"
        " only<ref name=fda>FDA label</ref> | pregnancy_AU = D | pregnancy_AU_comment = ''Avoid''"
        " | legal_CA = Schedule IV | legal_NZ = Class C }}",
        title="X",
    )
    assert record["legal"] == {
        "CA": {
            "status": "Schedule IV",
            "status_meaning": "Controlled Drugs and Substances Act Schedule IV",
        },
        "NZ": {
            "status": "Class C",
            "status_meaning": "Class C (Misuse of Drugs Act: moderate risk of harm)",
        },
        "US": {
            "status": "Rx-only",
            "status_meaning": "prescription only",
            "comment": "prescription only",
        },
    }
    assert record["clinical"]["pregnancy"] == {
        "AU": "D",
        "AU_meaning": "has caused or may cause an increase in malformations or irreversible damage",
        "AU_comment": "Avoid",
    }
    assert record["citations"] == [
        {
            "id": "fda",
            "text": "FDA label",
            "role": "reference",
            "uses": 1,
            "cited_in": ["infobox:legal_US_comment"],
        }
    ]


def test_see_also_inside_column_templates():
    code = parse_wikitext(
        "{{Drugbox}}\n==See also==\n{{columns-list|colwidth=20em|\n* [[Eliglustat]]\n"
        "* [[Miglustat]] – oral\n}}\n* [[Afegostat]]\n"
    )
    article = read_article(code, code.filter_templates()[0])
    assert article.see_also == [
        {"title": "Eliglustat"},
        {"title": "Miglustat", "note": "oral"},
        {"title": "Afegostat"},
    ]


def test_refs_in_chembox_sections_are_cited_in_their_parameter():
    record = drugparse.parse(
        "{{Chembox\n| Section1 = {{Chembox Identifiers\n| CASNo = 58-08-2<ref>CAS registry</ref>\n}}\n"
        "| Section6 = {{Chembox Pharmacology\n| ATCCode_prefix = N06\n| ATCCode_suffix = BC01\n}}\n}}",
        title="Caffeine",
    )
    assert record["citations"] == [
        {
            "id": "ref-1",
            "text": "CAS registry",
            "role": "reference",
            "uses": 1,
            "cited_in": ["infobox:CASNo"],
        }
    ]


def test_an_infobox_hidden_by_broken_markup_is_an_error_not_a_skip():
    with pytest.raises(drugparse.ParseError, match=r"\{\{Infobox drug\}\} is on the page"):
        drugparse.parse(
            "{{Infobox drug | uses = foo<li>bar{{baz}} | CAS_number = 50-00-0 }}", title="X"
        )
    with pytest.raises(drugparse.NoInfoboxError):  # only named in a comment
        drugparse.parse("See <!-- {{Drugbox}} --> here.", title="X")
