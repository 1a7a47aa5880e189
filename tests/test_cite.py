"""Citation templates to citation fields (drugparse.extract.cite)."""

from pathlib import Path

import pytest

from drugparse.extract.cite import is_cite_template, parse_cite
from drugparse.tables.cs1 import CITE_TEMPLATES, IDENTIFIER_KEYS, RECORD_TYPES
from drugparse.wikitext import parse_wikitext

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "imiglucerase.wiki"


def cite(wikitext: str):
    (template,) = parse_wikitext(wikitext).filter_templates(recursive=False)
    return parse_cite(template)


def fields(wikitext: str) -> dict:
    result, _ = cite(wikitext)
    return result


def codes(wikitext: str) -> list[tuple[str, str]]:
    _, warnings = cite(wikitext)
    return [(w["code"], w["field"]) for w in warnings]


@pytest.fixture(scope="module")
def imiglucerase() -> list[tuple[dict, list]]:
    code = parse_wikitext(FIXTURE.read_text(encoding="utf-8"))
    results = [parse_cite(t) for t in code.filter_templates()]
    return [r for r in results if r is not None]


# -- the imiglucerase article's seven citations, read by hand from fixtures/imiglucerase.wiki


def test_imiglucerase_has_seven_citations_without_warnings(imiglucerase):
    assert len(imiglucerase) == 7
    assert [w for _, w in imiglucerase] == [[]] * 7
    assert [c["template"] for c, _ in imiglucerase] == [
        "cite journal",
        "cite journal",
        "cite journal",
        "cite web",
        "cite journal",
        "cite web",
        "cite journal",
    ]


def test_weinreb(imiglucerase):
    assert imiglucerase[0][0] == {
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
    }


def test_starzyk_vancouver_authors(imiglucerase):
    citation = imiglucerase[1][0]
    assert citation["authors"] == [
        {"name": "Starzyk K", "last": "Starzyk", "first": "K"},
        {"name": "Richards S", "last": "Richards", "first": "S"},
        {"name": "Yee J", "last": "Yee", "first": "J"},
        {"name": "Smith SE", "last": "Smith", "first": "SE"},
        {"name": "Kingma W", "last": "Kingma", "first": "W"},
    ]
    assert citation["journal"] == "Mol. Genet. Metab."
    assert citation["pages"] == "157–63"
    assert citation["date"] == "2007-02"
    assert citation["identifiers"] == {"doi": "10.1016/j.ymgme.2006.09.003", "pmid": "17079176"}
    assert citation["url"] == "http://linkinghub.elsevier.com/retrieve/pii/S1096-7192(06)00297-6"


def test_pentchev_numbered_names_out_of_order_and_et_al(imiglucerase):
    citation = imiglucerase[2][0]
    assert citation["authors"] == [
        {"name": "Pentchev"},
        {"name": "RO Brady", "last": "Brady", "first": "RO"},
        {"name": "HE Blair", "last": "Blair", "first": "HE"},
        {"name": "DE Britton", "last": "Britton", "first": "DE"},
        {"name": "SH Sorrell", "last": "Sorrell", "first": "SH"},
    ]
    assert citation["authors_et_al"] is True
    assert citation["identifiers"] == {
        "doi": "10.1073/pnas.75.8.3970",
        "pmid": "29293",
        "pmc": "PMC392911",
    }
    assert citation["journal"] == "Proc. Natl. Acad. Sci. USA"
    assert (citation["volume"], citation["issue"], citation["pages"]) == ("75", "8", "3970–3973")
    assert (citation["date"], citation["date_text"]) == ("1978-08", "August 1978")
    assert "url" not in citation


def test_cerezyme_web_page(imiglucerase):
    assert imiglucerase[3][0] == {
        "template": "cite web",
        "type": "web",
        "title": "Cerezyme (imiglucerase for injection) Genzyme product data sheet",
        "url": "http://www.cerezyme.com/global/pi.pdf",
    }


def test_engelberg_free_author_list_and_empty_identifiers(imiglucerase):
    citation = imiglucerase[4][0]
    assert citation["authors"] == [
        {"name": "Alfred B. Engelberg"},
        {"name": "Aaron S. Kesselheim"},
        {"name": "Jerry Avorn"},
    ]
    assert citation["title"] == (
        "Perspective: Balancing Innovation, Access, and Profits — Market Exclusivity for Biologics"
    )
    assert citation["journal"] == "N Engl J Med"
    assert (citation["date"], citation["date_text"]) == ("2009-11-12", "November 12, 2009")
    assert citation["pages"] == "1917-1919"
    # |pmid= and |pmc= are blank: empty means absent
    assert citation["identifiers"] == {"doi": "10.1056/nejmp0908496"}


def test_orphanet_url_keeps_its_query(imiglucerase):
    citation = imiglucerase[5][0]
    assert citation["title"] == (
        "Imiglucerase on Orpha.net: The portal for rare diseases and orphan drugs."
    )
    assert citation["url"].startswith("http://www.orpha.net/consor/cgi-bin/Drugs_Search.php?")
    assert citation["url"].endswith("&title=&diseaseGroup=")


def test_boston_globe_numbered_authors(imiglucerase):
    citation = imiglucerase[6][0]
    assert citation["authors"] == [{"name": "Erin Ailworth"}, {"name": "Robert Weisman"}]
    assert citation["journal"] == "The Boston Globe"
    assert citation["date"] == "2009-06-17"


def test_citation_keys_come_in_the_schemas_order(imiglucerase_text):
    # One order, the schema's, applied to the whole record by assemble.tidy.
    import drugparse

    schema = drugparse.schema()
    order = list(schema["$defs"]["citation"]["properties"])
    record = drugparse.parse(imiglucerase_text, title="Imiglucerase")
    for citation in record["citations"]:
        keys = list(citation)
        assert keys == sorted(keys, key=order.index)
        assert list(citation.get("identifiers", {})) == sorted(
            citation.get("identifiers", {}), key=IDENTIFIER_KEYS.index
        )


# -- which templates are citations ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cite journal", True),
        ("Cite Journal", True),
        ("Cite_journal ", True),
        ("cite web <!-- x -->", True),
        ("Citation", True),
        ("vcite journal", True),
        ("cite pmid", True),
        ("cite press release", True),
        ("Cite AV media", True),
        ("Infobox drug", False),
        ("cascite", False),
        ("sfn", False),
        ("cite", False),
    ],
)
def test_is_cite_template(name, expected):
    assert is_cite_template(name) is expected


def test_other_templates_are_not_citations():
    assert cite("{{Infobox drug |title=x}}") is None
    assert cite("{{cascite|correct|CAS}}") is None


def test_every_template_type_is_a_record_type():
    assert {t for _, t in CITE_TEMPLATES.values() if t} <= set(RECORD_TYPES)


@pytest.mark.parametrize(
    ("template", "type_"),
    [
        ("cite journal", "journal"),
        ("cite web", "web"),
        ("cite book", "book"),
        ("cite news", "news"),
        ("cite magazine", "magazine"),
        ("cite podcast", "av_media"),
        ("cite interview", "other"),
        ("cite report", "report"),
        ("cite press release", "press_release"),
        ("cite thesis", "thesis"),
        ("cite conference", "conference"),
        ("cite encyclopedia", "encyclopedia"),
        ("cite av media", "av_media"),
        ("cite episode", "av_media"),
        ("cite arxiv", "preprint"),
        ("cite biorxiv", "preprint"),
        ("cite ssrn", "preprint"),
        ("vcite book", "book"),
        ("cite tech report", "report"),
        ("cite map", "other"),
        ("cite pressrelease", "press_release"),
        ("cite website", "web"),
        ("cite newspaper", "news"),
    ],
)
def test_template_types(template, type_):
    result = fields(f"{{{{{template} |title=T}}}}")
    assert (result["template"], result["type"]) == (template, type_)


@pytest.mark.parametrize(
    ("params", "type_"),
    [
        ("|journal=Nature", "journal"),
        ("|newspaper=The Times", "news"),
        ("|website=example.org", "web"),
        ("|isbn=978-0-306-40615-7", "book"),
        ("|encyclopedia=Britannica", "encyclopedia"),
        ("|url=http://example.org", "web"),
        ("", "other"),
    ],
)
def test_cs2_citation_type_from_its_parameters(params, type_):
    assert fields(f"{{{{citation |title=T {params}}}}}")["type"] == type_


def test_capitalised_name_is_normalised():
    result = fields("{{Cite Journal |title=T |Journal=Nature}}")
    assert result["template"] == "cite journal"
    assert result["journal"] == "Nature"


# -- stubs ---------------------------------------------------------------------------------


def test_cite_pmid_and_cite_doi_stubs():
    assert fields("{{cite pmid|17079176}}") == {
        "template": "cite pmid",
        "type": "journal",
        "identifiers": {"pmid": "17079176"},
    }
    assert fields("{{cite doi|10.1056/NEJMp0908496}}")["identifiers"] == {
        "doi": "10.1056/nejmp0908496",
    }


# -- names ---------------------------------------------------------------------------------


def test_many_numbered_authors_sorted_by_number():
    params = "".join(f"|last{n}=L{n} |first{n}=F{n}" for n in (12, 3, 1, 10, 2))
    result = fields(f"{{{{cite journal {params} |author12-link=Someone}}}}")
    assert [a["last"] for a in result["authors"]] == ["L1", "L2", "L3", "L10", "L12"]
    assert result["authors"][-1] == {
        "name": "F12 L12",
        "last": "L12",
        "first": "F12",
        "link": "Someone",
    }


def test_author_and_author1_are_one_slot():
    result = fields("{{cite web |author=Smith J |first2=Ann |last2=Doe}}")
    assert result["authors"] == [
        {"name": "Smith J"},
        {"name": "Ann Doe", "last": "Doe", "first": "Ann"},
    ]
    assert codes("{{cite web |author=A |author1=B}}") == [("duplicate_parameter", "author1")]


def test_alias_spellings_of_name_parts():
    result = fields(
        "{{cite book |surname1=Curie |given1=Marie |author-link1=Marie Curie "
        "|author2-last=Bohr |author2-first=Niels |authorlink2=Niels Bohr}}"
    )
    assert result["authors"] == [
        {"name": "Marie Curie", "last": "Curie", "first": "Marie", "link": "Marie Curie"},
        {"name": "Niels Bohr", "last": "Bohr", "first": "Niels", "link": "Niels Bohr"},
    ]


def test_display_authors_number_is_not_et_al():
    result = fields("{{cite journal |last1=A |last2=B |display-authors=1}}")
    assert "authors_et_al" not in result
    assert fields("{{cite journal |last1=A |display-authors=etal}}")["authors_et_al"] is True


def test_vancouver_literal_name_and_et_al():
    result = fields(
        "{{cite journal |vauthors=((World Health Organization)), Smith SE, Jones AB-C, et al.}}"
    )
    assert result["authors"] == [
        {"name": "World Health Organization"},
        {"name": "Smith SE", "last": "Smith", "first": "SE"},
        {"name": "Jones AB-C", "last": "Jones", "first": "AB-C"},
    ]
    assert result["authors_et_al"] is True


def test_vancouver_name_that_is_not_vancouver_warns():
    assert codes("{{cite journal |vauthors=World Health Organization}}") == [
        ("invalid_format", "authors"),
    ]


def test_free_author_lists_split_on_commas_semicolons_and_and():
    names = fields("{{cite web |authors=Engelberg H, Futterman and Smith}}")["authors"]
    assert names == [{"name": "Engelberg H"}, {"name": "Futterman"}, {"name": "Smith"}]
    names = fields("{{cite web |authors=Smith, John; Doe, Jane & Roe, R}}")["authors"]
    assert names == [{"name": "Smith, John"}, {"name": "Doe, Jane"}, {"name": "Roe, R"}]


def test_author_list_ending_in_et_al():
    result = fields("{{cite web |authors=Smith J, Doe K, et al.}}")
    assert result["authors"] == [{"name": "Smith J"}, {"name": "Doe K"}]
    assert result["authors_et_al"] is True
    result = fields("{{cite web |last1=Smith |last2=et al.}}")
    assert result["authors"] == [{"name": "Smith", "last": "Smith"}]
    assert result["authors_et_al"] is True


def test_coauthors_are_appended():
    result = fields("{{cite journal |author=Smith J |coauthors=Doe K, Roe R}}")
    assert [a["name"] for a in result["authors"]] == ["Smith J", "Doe K", "Roe R"]


def test_editors_and_translators():
    result = fields(
        "{{cite book |editor-last=Doe |editor-first=Jane |editor2=R. Roe "
        "|display-editors=etal |translator-last1=Tr |translator-first1=A}}"
    )
    assert result["editors"] == [
        {"name": "Jane Doe", "last": "Doe", "first": "Jane"},
        {"name": "R. Roe"},
    ]
    assert result["editors_et_al"] is True
    assert result["translators"] == [{"name": "A Tr", "last": "Tr", "first": "A"}]
    assert fields("{{cite book |veditors=Doe J, Roe R}}")["editors"][1] == {
        "name": "Roe R",
        "last": "Roe",
        "first": "R",
    }


def test_second_author_list_style_is_dropped_with_a_warning():
    result, warnings = cite("{{cite journal |last1=Smith |vauthors=Doe K}}")
    assert result["authors"] == [{"name": "Smith", "last": "Smith"}]
    assert [(w["code"], w["field"]) for w in warnings] == [("dropped_value", "vauthors")]


# -- dates ---------------------------------------------------------------------------------


def test_dates_keep_their_text():
    result = fields(
        "{{cite web |date=15 August 2008 |access-date=2 March 2020 "
        "|archive-date=2021-01-05 |orig-year=1900}}"
    )
    assert (result["date"], result["date_text"]) == ("2008-08-15", "15 August 2008")
    assert (result["access_date"], result["access_date_text"]) == ("2020-03-02", "2 March 2020")
    assert (result["archive_date"], result["archive_date_text"]) == ("2021-01-05", "2021-01-05")
    assert (result["orig_date"], result["orig_date_text"]) == ("1900", "1900")


def test_old_date_aliases():
    result = fields("{{cite web |accessdate=March 2, 2020 |archivedate=2020-03-03 |year=2008a}}")
    assert result["access_date"] == "2020-03-02"
    assert result["archive_date"] == "2020-03-03"
    assert (result["date"], result["date_text"]) == ("2008", "2008a")


def test_date_wins_over_year_without_warning():
    result, warnings = cite("{{cite journal |year=2008 |date=August 2008}}")
    assert result["date"] == "2008-08"
    assert warnings == []


def test_unparseable_date_keeps_its_text_and_warns():
    result, warnings = cite("{{cite web |date=31 February 2008}}")
    assert "date" not in result
    assert result["date_text"] == "31 February 2008"
    assert [(w["code"], w["field"]) for w in warnings] == [("unparsed_date", "date")]


def test_no_date_is_not_a_warning():
    result, warnings = cite("{{cite web |date=n.d.}}")
    assert result["date_text"] == "n.d."
    assert "date" not in result and warnings == []


# -- identifiers ---------------------------------------------------------------------------


def test_identifiers_in_contract_order_with_warnings_for_bad_ones():
    result, warnings = cite(
        "{{cite book |isbn=978-0-306-40615-8 |pmc=PMCPMC392911 |DOI=10.1000/ABC "
        "|oclc=12345 |issn=0027-8424 |pmid=x1}}"
    )
    assert result["identifiers"] == {
        "doi": "10.1000/abc",
        "pmid": "x1",
        "pmc": "PMC392911",
        "isbn": "978-0-306-40615-8",
        "issn": "0027-8424",
        "oclc": "12345",
    }
    assert [(w["code"], w["field"]) for w in warnings] == [
        ("invalid_format", "identifiers.pmid"),
        ("invalid_checksum", "identifiers.isbn"),
    ]


# -- text, aliases, what is dropped --------------------------------------------------------


def test_values_are_plain_text():
    result = fields(
        "{{cite journal |title=''[[Gaucher's disease|Gaucher]]'' &ndash; a review<!-- x --> "
        "|journal=[[The Lancet]] |publisher={{nowrap|Elsevier}} |pages=1&nbsp;–&nbsp;9}}"
    )
    assert result["title"] == "Gaucher – a review"
    assert result["journal"] == "The Lancet"
    assert result["publisher"] == "Elsevier"
    assert result["pages"] == "1 – 9"


def test_empty_and_placeholder_values_are_absent():
    result = fields("{{cite web |title=T |volume= |issue=<!-- --> |pages=n/a |publisher=?}}")
    assert result == {"template": "cite web", "type": "web", "title": "T"}


def test_aliases_and_precedence():
    result, warnings = cite(
        "{{cite book |title=T |number=4 |pp=5–6 |place=Paris |institution=Inst "
        "|lang=fr |chapter-url=http://c |archiveurl=http://a |quotation=Q}}"
    )
    assert (result["issue"], result["pages"], result["location"]) == ("4", "5–6", "Paris")
    assert (result["publisher"], result["language"], result["quote"]) == ("Inst", "fr", "Q")
    assert (result["chapter_url"], result["archive_url"]) == ("http://c", "http://a")
    assert warnings == []
    result, warnings = cite("{{cite web |accessdate=2020-01-01 |access-date=2021-01-01}}")
    assert result["access_date"] == "2021-01-01"
    assert [(w["code"], w["field"]) for w in warnings] == [("duplicate_parameter", "access-date")]


def test_book_title_moves_title_to_chapter():
    result = fields("{{cite conference |title=A paper |book-title=Proceedings}}")
    assert (result["chapter"], result["title"]) == ("A paper", "Proceedings")


def test_url_status_and_legacy_dead_url():
    assert fields("{{cite web |url=http://x |url-status=dead}}")["url_status"] == "dead"
    assert fields("{{cite web |url=http://x |deadurl=no}}")["url_status"] == "live"


def test_periodicals_keep_their_kind():
    result = fields(
        "{{citation |magazine=Time |newspaper=NYT |website=x.org |work=W |encyclopedia=E "
        "|conference=C |series=S |agency=AP |via=JSTOR |edition=2nd |at=p. 4 |trans-title=TT}}"
    )
    for key, value in [
        ("magazine", "Time"),
        ("newspaper", "NYT"),
        ("website", "x.org"),
        ("work", "W"),
        ("encyclopedia", "E"),
        ("conference", "C"),
        ("series", "S"),
        ("agency", "AP"),
        ("via", "JSTOR"),
        ("edition", "2nd"),
        ("at", "p. 4"),
        ("trans_title", "TT"),
    ]:
        assert result[key] == value


def test_unknown_parameter_is_dropped_with_a_warning():
    result, warnings = cite("{{cite web |title=T |flavour=vanilla |format=PDF}}")
    assert result == {"template": "cite web", "type": "web", "title": "T"}
    assert warnings == [
        {
            "code": "dropped_value",
            "field": "flavour",
            "message": "|flavour= is not a CS1 parameter; its value is dropped",
        }
    ]


def test_unnamed_parameter_in_a_full_template_is_dropped_with_a_warning():
    assert codes("{{cite web |title=T |stray text}}") == [("dropped_value", "1")]


def test_unrendered_template_in_a_value_warns():
    result, warnings = cite("{{cite web |title=T {{mystery|x}}}}")
    assert result["title"] == "T"
    assert [(w["code"], w["field"]) for w in warnings] == [("unrendered_template", "title")]


def test_repeated_parameter_last_wins():
    result, warnings = cite("{{cite web |title=First |title=Second}}")
    assert result["title"] == "Second"
    assert [(w["code"], w["field"]) for w in warnings] == [("duplicate_parameter", "title")]


def test_author_link_alone_does_not_hide_vauthors():
    # from the Alfuzosin article: the link belongs to the Vancouver list's first name
    result, warnings = cite(
        "{{cite book | vauthors = ((World Health Organization)) | title = T | year = 2023 "
        "| author-link = World Health Organization}}"
    )
    assert result["authors"] == [
        {"name": "World Health Organization", "link": "World Health Organization"},
    ]
    assert warnings == []


def test_script_title_stands_in_for_a_missing_title():
    result = fields("{{cite web |script-title=ja:週刊少年サンデー |website=Bunka.go.jp}}")
    assert result["title"] == "週刊少年サンデー"


# -- accept-as-written names and Vancouver author lists ------------------------------------


@pytest.mark.parametrize(
    ("params", "list_", "expected"),
    [
        (
            "|author=((World Health Organization))",
            "authors",
            [{"name": "World Health Organization"}],
        ),
        ("|author1=((Merck & Co.))", "authors", [{"name": "Merck & Co."}]),
        ("|last=((Bayer AG))", "authors", [{"name": "Bayer AG", "last": "Bayer AG"}]),
        (
            "|last1=((van der Berg)) |first1=((J. K.))",
            "authors",
            [{"name": "J. K. van der Berg", "last": "van der Berg", "first": "J. K."}],
        ),
        ("|editor=((Cochrane Collaboration))", "editors", [{"name": "Cochrane Collaboration"}]),
        (
            "|editor-last2=((WHO)) |editor1=A Smith",
            "editors",
            [
                {"name": "A Smith"},
                {"name": "WHO", "last": "WHO"},
            ],
        ),
        ("|translator=((The Team))", "translators", [{"name": "The Team"}]),
        (
            "|authors=((Smith, Jones and Co)), Richard Roe",
            "authors",
            [{"name": "Smith, Jones and Co"}, {"name": "Richard Roe"}],
        ),
        (
            "|vauthors=((Smith, Jones and Co)), Roe R",
            "authors",
            [{"name": "Smith, Jones and Co"}, {"name": "Roe R", "last": "Roe", "first": "R"}],
        ),
    ],
)
def test_accept_as_written_markup_in_every_name_parameter(params, list_, expected):
    result, warnings = cite(f"{{{{cite book |title=T {params}}}}}")
    assert result[list_] == expected
    assert warnings == []


def test_a_literal_name_is_never_read_as_et_al():
    result = fields("{{cite book |title=T |author1=A |author2=((et al.))}}")
    assert result["authors"] == [{"name": "A"}, {"name": "et al."}]
    assert "authors_et_al" not in result


def test_vcite_author_is_a_vancouver_list():
    # Autism (../shared/peer/enwiki-gensim-206pages.xml.bz2)
    result, warnings = cite(
        "{{vcite book|title = Biopsychology|author= Pinel JPG|publisher = Pearson|year = 2011"
        "|isbn = 978-0-205-03099-6|location = Boston, Massachusetts|page = 235}}"
    )
    assert (result["template"], result["type"]) == ("vcite book", "book")
    assert result["authors"] == [{"name": "Pinel JPG", "last": "Pinel", "first": "JPG"}]
    assert warnings == []


@pytest.mark.parametrize("template", ["vcite journal", "vcite2 journal"])
def test_vcite_journal_author_holds_the_whole_list(template):
    result = fields(
        f"{{{{{template} |author=Weinreb NJ, Charrow J, Andersson HC, et al |title=T}}}}"
    )
    assert result["authors"] == [
        {"name": "Weinreb NJ", "last": "Weinreb", "first": "NJ"},
        {"name": "Charrow J", "last": "Charrow", "first": "J"},
        {"name": "Andersson HC", "last": "Andersson", "first": "HC"},
    ]
    assert result["authors_et_al"] is True


def test_cite_journal_author_is_still_one_name():
    result = fields("{{cite journal |author=Weinreb NJ, Charrow J |title=T}}")
    assert result["authors"] == [{"name": "Weinreb NJ, Charrow J"}]


def test_anchor_parameter_is_not_text():
    # ? (film) (../shared/peer/enwiki-minidump-27pages.xml.bz2): |ref={{sfnref|...}}
    assert codes("{{cite web |title=T |ref={{sfnref|Suara Merdeka|2011}}}}") == []


def test_identifier_templates_in_id_fill_the_identifiers():
    # |id={{oclc|…}} (Anarchism) and {{hdl|…}} (Amphibian), ../shared/peer gensim pages
    result, warnings = cite(
        "{{cite book |title=T |id={{OCLC|680251053}} {{hdl|10112/2397}}, Report 5}}"
    )
    assert result["identifiers"] == {"oclc": "680251053", "hdl": "10112/2397", "id": "Report 5"}
    assert warnings == []


def test_an_explicit_identifier_parameter_wins_over_one_in_id():
    result, warnings = cite("{{cite book |title=T |oclc=2 |id={{OCLC|1}}}}")
    assert result["identifiers"] == {"oclc": "2"}
    assert [(w["code"], w["field"]) for w in warnings] == [("duplicate_parameter", "oclc")]


def test_an_unknown_template_in_id_still_warns():
    assert codes("{{cite book |title=T |id={{mystery|1}}}}") == [("unrendered_template", "id")]
