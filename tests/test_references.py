"""Extract stage, references read whole: what the templates beside a citation add to it,
citation-like wrappers, bibliography entries, and no citation left empty without a warning.

Every expected value is read by hand from the wikitext in the test (snippets copied from
real articles say where they come from).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from drugparse.extract.infobox import find_infobox
from drugparse.extract.references import Citations, collect_citations, is_empty_citation
from drugparse.sources.dump import articles
from drugparse.wikitext import parse_wikitext

from .conftest import CORPUS, FIXTURES, PEER, corpus_files, needs_corpus, needs_peer


def citations(wikitext: str) -> Citations:
    code = parse_wikitext(wikitext)
    return collect_citations(code, find_infobox(code))


def only(wikitext: str) -> dict:
    (citation,) = citations(wikitext).citations
    return citation


def warned(result: Citations) -> list[tuple[str, str]]:
    return [(w["code"], w["field"]) for w in result.warnings]


# -- identifier templates ------------------------------------------------------------------


@needs_corpus
def test_alfuzosin_rote_liste_keeps_its_isbn():
    code = parse_wikitext((CORPUS / "Alfuzosin.wiki").read_text("utf-8"))
    result = collect_citations(code, find_infobox(code))
    rote_liste = next(c for c in result.citations if c["id"] == "Rote Liste")
    # <ref name="Rote Liste">Rote Liste Service GmbH (Hrsg.): ''Rote Liste 2017 - ...''.
    #   Rote Liste Service GmbH, Frankfurt/Main, 2017, Aufl. 57, S. 159, {{ISBN|978-3-946057-10-9}}.</ref>
    assert rote_liste["identifiers"] == {"isbn": "9783946057109"}
    assert rote_liste["text"].startswith("Rote Liste Service GmbH (Hrsg.): Rote Liste 2017")
    assert not [w for w in result.warnings if w["field"].startswith("citations.Rote Liste")]


def test_an_identifier_template_stays_in_the_ref_text():
    citation = only("A.<ref>Rote Liste 2017, S. 159, {{ISBN|978-3-946057-10-9}}.</ref>")
    assert "ISBN 978-3-946057-10-9" in citation["text"]


def test_identifier_templates_fill_the_citation_identifiers():
    citation = only(
        "A.<ref>Smith J. A paper. ''J Chem'' 2001;3:4. {{doi|10.1000/ABC.9}} {{PMID|18627336}} "
        "{{PMC|392911}} {{OCLC|680251053}} {{ISSN|0378-5955}} {{JSTOR|2631089}} "
        "{{arXiv|0706.0001}} {{bibcode|1948MNRAS.108..372H}} {{OL|7030731M}}</ref>"
    )
    assert citation["identifiers"] == {
        "doi": "10.1000/abc.9",
        "pmid": "18627336",
        "pmc": "PMC392911",
        "issn": "0378-5955",
        "arxiv": "0706.0001",
        "bibcode": "1948MNRAS.108..372H",
        "jstor": "2631089",
        "oclc": "680251053",
        "ol": "OL7030731M",
    }
    assert citation["text"].startswith("Smith J. A paper. J Chem 2001;3:4.")


def test_an_identifier_template_after_a_cite_template_joins_it():
    result = citations(
        "A.<ref name=w>{{cite journal |title=Imiglucerase |pmid=18627336}} {{doi|10.1517/x.9}}"
        " {{PMID|1}}</ref>"
    )
    (citation,) = result.citations
    assert citation["identifiers"] == {"doi": "10.1517/x.9", "pmid": "18627336"}
    assert "text" not in citation  # only templates: no prose
    assert warned(result) == [("dropped_value", "citations.w.identifiers.pmid")]


def test_identifier_template_problems_are_warned_on_the_citation():
    result = citations("A.<ref name=b>Book. {{ISBN|978-0-306-40615-8}} {{OCLC|1|2}}</ref>")
    (citation,) = result.citations
    assert citation["identifiers"] == {"isbn": "978-0-306-40615-8", "oclc": "1"}
    assert warned(result) == [
        ("invalid_checksum", "citations.b.identifiers.isbn"),
        ("dropped_value", "citations.b.identifiers.oclc"),  # the second OCLC number
    ]


# -- archives and dead links ---------------------------------------------------------------


def test_webarchive_after_a_bare_link_fills_the_archive():
    citation = only(
        "A.<ref>[http://example.org/a Title of page] {{webarchive "
        "|url=https://web.archive.org/web/20190407183217/http://example.org/a |date=7 April 2019 }}"
        "</ref>"
    )
    assert citation["url"] == "http://example.org/a"
    assert citation["text"] == "Title of page"
    assert citation["archive_url"] == (
        "https://web.archive.org/web/20190407183217/http://example.org/a"
    )
    assert (citation["archive_date"], citation["archive_date_text"]) == (
        "2019-04-07",
        "7 April 2019",
    )


def test_webarchive_without_a_date_reads_it_from_the_wayback_address():
    citation = only(
        "A.<ref>{{cite web |title=T |url=http://x.org/p}}"
        "{{Webarchive|url=https://web.archive.org/web/20100102030405/http://x.org/p}}</ref>"
    )
    assert citation["archive_date"] == "2010-01-02"
    assert citation["archive_date_text"] == "20100102030405"


def test_wayback_builds_the_archive_address():
    # Anarchism (../shared/peer/enwiki-gensim-206pages.xml.bz2)
    citation = only(
        "A.<ref>{{Wayback |date=20090312022528 |url=http://www.zabalaza.net/theory/"
        'txt_anok_comm_ap.htm |title="Anarchist-Communism" by Alain Pengam }}</ref>'
    )
    assert citation["title"] == '"Anarchist-Communism" by Alain Pengam'
    assert citation["url"] == "http://www.zabalaza.net/theory/txt_anok_comm_ap.htm"
    assert citation["archive_url"] == (
        "https://web.archive.org/web/20090312022528/"
        "http://www.zabalaza.net/theory/txt_anok_comm_ap.htm"
    )
    assert citation["archive_date"] == "2009-03-12"


def test_dead_link_marks_the_url_dead_and_cbignore_is_silent():
    result = citations(
        "A.<ref>{{cite web |url=http://x.org |title=X}}{{cbignore|bot=medic}}"
        "{{dead link|date=May 2014}}</ref>"
    )
    (citation,) = result.citations
    assert citation["url_status"] == "dead"
    assert result.warnings == []


def test_an_explicit_url_status_is_not_overwritten_by_dead_link():
    citation = only(
        "A.<ref>{{cite web |url=http://x.org |title=X |url-status=usurped}}{{dead link}}</ref>"
    )
    assert citation["url_status"] == "usurped"


# -- notices and licences ------------------------------------------------------------------


def test_retraction_notice_is_kept_as_a_flag():
    citation = only(
        "A.<ref>{{cite journal |title=Ileal-lymphoid-nodular hyperplasia |doi=10.1016/S0140-"
        "6736(97)11096-0 |pmid=9500320}} {{Retracted|doi=10.1016/S0140-6736(10)60175-4"
        "|pmid=20137807|intentional=yes}}</ref>"
    )
    assert citation["notices"] == [
        {
            "kind": "retracted",
            "identifiers": {"doi": "10.1016/s0140-6736(10)60175-4", "pmid": "20137807"},
            "intentional": True,
        }
    ]
    assert citation["identifiers"]["pmid"] == "9500320"  # the work's own, untouched


@pytest.mark.parametrize(
    ("notice", "kind"),
    [
        ("{{Retraction}}", "retracted"),
        ("{{Expression of concern|pmid=5}}", "expression_of_concern"),
        ("{{Erratum|doi=10.1/e}}", "erratum"),
    ],
)
def test_other_notices(notice, kind):
    citation = only(f"A.<ref>{{{{cite journal |title=T}}}}{notice}</ref>")
    assert [n["kind"] for n in citation["notices"]] == [kind]


@needs_corpus
def test_alfuzosin_cc_notice_is_a_licence_note():
    code = parse_wikitext((CORPUS / "Alfuzosin.wiki").read_text("utf-8"))
    citation = next(
        c
        for c in collect_citations(code, find_infobox(code)).citations
        if c["id"] == "HillsLiu2015"
    )
    assert citation["licence"] == {
        "name": "CC BY 4.0",
        "url": "http://journals.plos.org/plosone/article?id=10.1371/journal.pone.0134589",
        "authors": "Chenli Liu, Guohua Zeng, Ran Kang, Wenqi Wu, Jiasheng Li, Kang Chen and "
        "Show P. Wan",
    }
    assert citation["identifiers"]["pmid"] == "26244843"


@pytest.mark.parametrize(
    ("notice", "licence"),
    [
        (
            "{{CC-notice|cc=by-sa3|url=http://x.org}}",
            {"name": "CC BY-SA 3.0", "url": "http://x.org"},
        ),
        ("{{CC-notice|cc=by2.5}}", {"name": "CC BY 2.5"}),
        ("{{PD-notice}}", {"name": "public domain"}),
    ],
)
def test_licence_names(notice, licence):
    citation = only(f"A.<ref>{{{{cite web |title=T |url=http://x.org}}}}{notice}</ref>")
    assert citation["licence"] == licence


# -- citation-like templates ---------------------------------------------------------------


def test_a_dictionary_wrapper_is_read_as_a_citation():
    # Angela Merkel (../shared/peer/enwiki-minidump-27pages.xml.bz2)
    result = citations("A.<ref>{{Cite Merriam-Webster|Merkel|access-date=7 April 2019}}</ref>")
    assert result.citations == [
        {
            "id": "ref-1",
            "template": "cite merriam-webster",
            "type": "encyclopedia",
            "title": "Merkel",
            "encyclopedia": "Merriam-Webster.com Dictionary",
            "access_date": "2019-04-07",
            "access_date_text": "7 April 2019",
            "role": "reference",
            "uses": 1,
            "cited_in": ["lead"],
        }
    ]
    assert result.warnings == []


def test_an_encyclopedia_wrapper_with_cs1_parameters_is_read_for_them():
    citation = only(
        "A.<ref>{{Ullmann |last=Kraus |first=Günther |title=Asphalt and Bitumen "
        "|doi=10.1002/14356007.a03_169.pub2 |year=2000 |volume-id=A3}}</ref>"
    )
    assert citation["template"] == "ullmann"
    assert citation["type"] == "other"
    assert citation["title"] == "Asphalt and Bitumen"
    assert citation["authors"] == [{"name": "Günther Kraus", "last": "Kraus", "first": "Günther"}]
    assert citation["identifiers"] == {"doi": "10.1002/14356007.a03_169.pub2"}
    assert citation["date"] == "2000"


def test_cite_ema_is_a_web_citation_by_the_agency():
    citation = only(
        "A.<ref>{{cite EMA |title=Xeljanz EPAR |url=https://www.ema.europa.eu/en/medicines/"
        "human/EPAR/xeljanz |access-date=1 May 2020}}</ref>"
    )
    assert (citation["template"], citation["type"]) == ("cite ema", "web")
    assert citation["publisher"] == "European Medicines Agency"
    assert citation["title"] == "Xeljanz EPAR"


def test_sep_entry_reads_its_unnamed_parameters():
    # Anarchism (../shared/peer/enwiki-gensim-206pages.xml.bz2)
    citation = only(
        "A.<ref name=godwinsep>{{sep entry|godwin|William Godwin|Mark Philip|2006-05-20}}</ref>"
    )
    assert citation["title"] == "William Godwin"
    assert citation["encyclopedia"] == "Stanford Encyclopedia of Philosophy"
    assert citation["authors"] == [{"name": "Mark Philip"}]
    assert citation["date"] == "2006-05-20"


def test_a_template_with_nothing_to_read_is_a_warning_naming_it_and_the_citation():
    # Agnostida (../shared/peer/enwiki-gensim-206pages.xml.bz2): a one-off citation
    # template of one article, with no parameters
    result = citations("A.<ref name=Chatterton2003>{{Chatterton 2003}}</ref>")
    (warning,) = result.warnings
    assert (warning["code"], warning["field"]) == (
        "unrendered_template",
        "citations.Chatterton2003",
    )
    assert "{{Chatterton 2003}}" in warning["message"]
    assert "Chatterton2003" in warning["message"].replace("{{Chatterton 2003}}", "")


def test_a_leftover_template_is_warned_on_the_citation_it_follows():
    result = citations(
        "A.<ref name=two>{{cite web|title=One|url=http://a}} {{cite web|title=Two|url=http://b}}"
        " {{Some unknown thing|x}}</ref>"
    )
    assert warned(result) == [("unrendered_template", "citations.two-2")]


def test_a_cite_template_inside_markup_in_a_ref_is_that_ref_not_a_bibliography_entry():
    result = citations("A.<ref name=s><small>{{cite web|title=T|url=http://x}}</small></ref>")
    assert [(c["id"], c.get("title"), c["role"]) for c in result.citations] == [
        ("s", "T", "reference")
    ]


def test_a_media_link_shows_its_label():
    # Alabama (../shared/peer/enwiki-gensim-206pages.xml.bz2)
    citation = only(
        "A.<ref name=c>[[Media:Census-2000-Data-Top-US-Ancestries-by-County.jpg|Census 2000 Map"
        " – Top U.S. Ancestries by County]]</ref>"
    )
    assert citation["text"] == "Census 2000 Map – Top U.S. Ancestries by County"


def test_a_cs1_citation_naming_no_source_is_an_empty_citation():
    # Asphalt (../shared/peer/enwiki-gensim-206pages.xml.bz2): no title, no link, no identifier
    result = citations(
        "A.<ref>{{cite journal |last=Hayatsu |journal=Meteoritics |volume=18 |pages=310}}</ref>"
        " B.<ref>{{cbignore}}</ref>"
    )
    assert warned(result) == [
        ("empty_citation", "citations.ref-1"),
        ("empty_citation", "citations.ref-2"),
    ]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            "{{EB1911|wstitle=Abacus|last=Smith|first=J}}",
            {
                "title": "Abacus",
                "encyclopedia": "Encyclopædia Britannica (11th ed.)",
                "licence": {"name": "public domain"},
            },
        ),
        (
            "{{Cite Catholic Encyclopedia|wstitle=Aspirin}}",
            {"title": "Aspirin", "encyclopedia": "Catholic Encyclopedia"},
        ),
        (
            "{{Cite DNB|wstitle=Smith, John}}",
            {"title": "Smith, John", "encyclopedia": "Dictionary of National Biography"},
        ),
        (
            "{{Americana|wstitle=Quinine}}",
            {
                "title": "Quinine",
                "encyclopedia": "Encyclopedia Americana",
                "licence": {"name": "public domain"},
            },
        ),
        (
            "{{Cite Britannica|title=Aspirin|url=science/aspirin}}",
            {
                "title": "Aspirin",
                "encyclopedia": "Encyclopædia Britannica",
                "url": "https://www.britannica.com/science/aspirin",
            },
        ),
        (
            "{{Cite Merck Index|title=Aspirin|edition=15}}",
            {"title": "Aspirin", "encyclopedia": "The Merck Index", "edition": "15"},
        ),
        (
            "{{MathWorld|urlname=PrimeNumber|title=Prime Number}}",
            {
                "title": "Prime Number",
                "website": "MathWorld",
                "url": "https://mathworld.wolfram.com/PrimeNumber.html",
            },
        ),
        ("{{Cite Quran|2|255}}", {"title": "Quran"}),
        (
            "{{Greenwood&Earnshaw2nd|page=28}}",
            {"title": "Chemistry of the Elements", "edition": "2nd", "pages": "28"},
        ),
        ("{{Holleman&Wiberg|pages=5–6}}", {"title": "Inorganic Chemistry", "pages": "5–6"}),
        (
            "{{RubberBible86th}}",
            {"title": "CRC Handbook of Chemistry and Physics", "edition": "86th"},
        ),
        (
            "{{Barrington|49 & notes}}",
            {"title": "Barrington Atlas of the Greek and Roman World", "type": "book"},
        ),
        (
            "{{Citation-attribution|1={{cite book|title=Old Book|year=1900}}}}",
            {"title": "Old Book", "template": "cite book", "licence": {"name": "public domain"}},
        ),
        ("{{Cite web archive|url=http://x.org|title=X}}", {"title": "X", "url": "http://x.org"}),
    ],
)
def test_encyclopedia_and_other_wrappers_are_citations(call, expected):
    result = citations(f"A.<ref>{call}</ref>")
    (citation,) = result.citations
    assert {k: citation.get(k) for k in expected} == expected
    assert result.warnings == []


@pytest.mark.parametrize("notice", ["{{CC-notice|cc=by4|url=http://x.org}}", "{{PD-notice}}"])
def test_licence_notices_do_not_warn(notice):
    result = citations(f"A.<ref>{{{{cite web |title=T |url=http://x.org}}}}{notice}</ref>")
    assert result.warnings == []


def test_notetag_is_a_note_and_notefoot_its_list():
    # Vehicle registration plates of China, Berlin (../shared/peer/enwiki-minidump-27pages)
    result = citations(
        "Plates.{{NoteTag |1 = Prefixes were introduced in 1986.}}\n== Notes ==\n{{NoteFoot}}\n"
    )
    assert [(c["id"], c.get("group"), c["text"], c["cited_in"]) for c in result.citations] == [
        ("ref-1", "note", "Prefixes were introduced in 1986.", ["lead"])
    ]
    assert result.warnings == []


def test_an_empty_footnote_is_warned_as_empty_not_as_undefined():
    result = citations("A.<ref></ref>")
    assert warned(result) == [("empty_citation", "citations.ref-1")]


# -- bibliography --------------------------------------------------------------------------


def test_bibliography_entries_and_unused_list_defined_refs_are_told_apart():
    result = citations(
        "A.<ref name=used>U</ref>\n==References==\n{{reflist|refs=\n<ref name=used>U</ref>\n"
        "<ref name=unused>Never cited</ref>\n}}\n==Further reading==\n"
        "* {{cite book |title=Goodman & Gilman's |isbn=978-0-07-162442-8}}\n"
        "==External links==\n* {{cite web |title=Alfuzosin |url=https://medlineplus.gov/x}}\n"
    )
    assert [(c["id"], c["role"], c.get("listed_in"), c["uses"]) for c in result.citations] == [
        ("used", "reference", None, 1),
        ("unused", "reference", None, 0),
        ("ref-3", "bibliography", "Further reading", 0),
        ("ref-4", "bibliography", "External links", 0),
    ]


def test_a_citation_wrapper_in_a_list_outside_refs_is_a_bibliography_entry():
    # Abacus, Altruism (../shared/peer/enwiki-gensim-206pages.xml.bz2)
    result = citations(
        "A.<ref>{{Cite EB1911|wstitle=Abacus |short=x |noicon=x}}</ref>\n==External links==\n"
        "* {{Cite EB1911|wstitle=Abacus |short=x |noicon=x}}\n"
        "* {{SEP|altruism-biological|Biological Altruism|}}\n* {{Commons category|Abacus}}\n"
    )
    assert [
        (c["id"], c["template"], c["title"], c.get("encyclopedia"), c["role"], c["uses"])
        for c in result.citations
    ] == [
        ("ref-1", "cite eb1911", "Abacus", "Encyclopædia Britannica (11th ed.)", "reference", 1),
        ("ref-2", "cite eb1911", "Abacus", "Encyclopædia Britannica (11th ed.)", "bibliography", 0),
        (
            "ref-3",
            "sep",
            "Biological Altruism",
            "Stanford Encyclopedia of Philosophy",
            "bibliography",
            0,
        ),
    ]
    assert result.warnings == []


def test_a_plain_text_further_reading_list_is_a_bibliography():
    # Anarchism, Angela Merkel, Algorithm (../shared/peer/enwiki-*.xml.bz2), shortened
    result = citations(
        "A.\n==Further reading==\n{{refbegin}}\n"
        "* [[Harold Barclay|Barclay, Harold]], ''People Without Government'' (2nd ed.), "
        "Left Bank Books, 1990 ISBN 1-871082-16-1\n"
        "* [[Julia Schramm|Schramm, Julia.]] ''Fifty Shades of Merkel''. (Hoffmann & Campe, "
        "2016), {{ISBN|978-3-455-50410-1}}\n"
        "*[http://research.microsoft.com/~gurevich/Opera/141.pdf ''Sequential Abstract State "
        "Machines''], ACM Transactions 2000, doi:10.1145/343369.343384\n"
        "{{refend}}\n==See also==\n* [[Mutualism]]\n"
    )
    assert result.citations == [
        {
            "id": "ref-1",
            "text": "Barclay, Harold, People Without Government (2nd ed.), Left Bank Books, "
            "1990 ISBN 1-871082-16-1",
            "identifiers": {"isbn": "1871082161"},
            "role": "bibliography",
            "listed_in": "Further reading",
            "uses": 0,
        },
        {
            "id": "ref-2",
            "text": "Schramm, Julia. Fifty Shades of Merkel. (Hoffmann & Campe, 2016), "
            "ISBN 978-3-455-50410-1",
            "identifiers": {"isbn": "9783455504101"},
            "role": "bibliography",
            "listed_in": "Further reading",
            "uses": 0,
        },
        {
            "id": "ref-3",
            "url": "http://research.microsoft.com/~gurevich/Opera/141.pdf",
            "text": "Sequential Abstract State Machines, ACM Transactions 2000, "
            "doi:10.1145/343369.343384",
            "identifiers": {"doi": "10.1145/343369.343384"},
            "role": "bibliography",
            "listed_in": "Further reading",
            "uses": 0,
        },
    ]
    assert result.warnings == []


@pytest.mark.parametrize(
    "heading", ["Bibliography", "Sources", "Publications", "Works cited", "References"]
)
def test_every_kind_of_source_list_is_a_bibliography(heading):
    result = citations(
        f"A.<ref>Note.</ref>\n=={heading}==\n"
        "* Adams, K. L. (1989). ''Systems of numeral classification''. Canberra. PMID 2913\n"
        "===Online===\n# [http://x.org/a Page] {{webarchive|url=https://web.archive.org/web/"
        "20100101000000/http://x.org/a|date=1 January 2010}}\n"
        "*: a comment on the item above\n* {{Commons category|X}}\n"
        "==External links==\n* [http://y.org Y]\n"
    )
    assert [
        (c["id"], c["role"], c.get("listed_in"), c.get("identifiers"), c.get("archive_url"))
        for c in result.citations
    ] == [
        ("ref-1", "reference", None, None, None),
        ("ref-2", "bibliography", heading, {"pmid": "2913"}, None),
        (
            "ref-3",
            "bibliography",
            "Online",
            None,
            "https://web.archive.org/web/20100101000000/http://x.org/a",
        ),
    ]


def test_a_list_item_holding_a_citation_template_keeps_what_follows_it():
    # Arthur Schopenhauer's Selected bibliography (../shared/peer), nested edition items
    result = citations(
        "A.\n==Selected bibliography==\n"
        "* {{cite book |title=On Vision and Colors |year=1816}} {{OCLC|221147531}}\n"
        "** Vol. 1 Dover edition 1966, {{ISBN|978-0-486-21761-1}}<ref>Dover.</ref>\n"
    )
    assert [
        (c["id"], c.get("template"), c.get("title") or c.get("text"), c.get("identifiers"))
        for c in result.citations
    ] == [
        ("ref-1", "cite book", "On Vision and Colors", {"oclc": "221147531"}),
        (
            "ref-2",
            None,
            "Vol. 1 Dover edition 1966, ISBN 978-0-486-21761-1",
            {"isbn": "9780486217611"},
        ),
        ("ref-3", None, "Dover.", None),
    ]
    assert result.citations[2]["cited_in"] == ["Selected bibliography"]


def test_a_plain_ref_writing_out_its_isbn_fills_the_identifier():
    citation = only("A.<ref>Smith. ''Book''. Pub, 2001. ISBN 978-0-321-48091-0, p. 3.</ref>")
    assert citation["identifiers"] == {"isbn": "9780321480910"}
    assert citation["text"] == "Smith. Book. Pub, 2001. ISBN 978-0-321-48091-0, p. 3."


# -- no empty citation without a warning, on every real page -------------------------------


def _pages() -> Iterator[tuple[str, str]]:
    for path in [*corpus_files(), *sorted(FIXTURES.glob("*.wiki"))]:
        yield path.name, path.read_text("utf-8")
    if PEER.is_dir():
        for path in sorted(PEER.glob("*.xml.bz2")):
            for page in articles(path):
                yield f"{path.name}:{page.title}", page.text


def _unexplained_empty(result: Citations) -> list[str]:
    fields = [w["field"] + "." for w in result.warnings]
    return [
        c["id"]
        for c in result.citations
        if is_empty_citation(c) and not any(f.startswith(f"citations.{c['id']}.") for f in fields)
    ]


@needs_corpus
@needs_peer
def test_no_page_yields_an_empty_citation_without_a_warning():
    pages = citations_seen = 0
    failures = {}
    for name, text in _pages():
        code = parse_wikitext(text)
        result = collect_citations(code, find_infobox(code))
        pages += 1
        citations_seen += len(result.citations)
        if missing := _unexplained_empty(result):
            failures[name] = missing
    assert failures == {}
    assert pages > 140 and citations_seen > 9000  # the inputs were all read
