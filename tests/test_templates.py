"""The template registry (drugparse/tables/templates.py): every row rendered by hand.

Each case is wikitext as an article writes it and the plain text a reader of the rendered
page sees, written from the template's documentation. A test checks that every row of
the registry has at least one case here.
"""

from __future__ import annotations

import pytest

from drugparse.extract.article import read_article
from drugparse.normalise.text import plain_text, render
from drugparse.tables.templates import (
    ROWS,
    ROWS_BY_NAME,
    end_of_article_kind,
    is_verification_template,
    template_kind,
)
from drugparse.wikitext import parse_wikitext, template_name, templates_and_links
from tests.conftest import needs_corpus, needs_peer

CASES: list[tuple[str, str]] = [
    # shown as written
    ("a {{nowrap|10 mg}} dose", "a 10 mg dose"),
    ("{{small|(tablets)}}", "(tablets)"),
    ("{{mvar|x}} rises", "x rises"),
    ("{{math|1=''x'' = 2}}", "x = 2"),
    ("{{not a typo|recieve}}", "recieve"),
    ("{{visible anchor|Uses}}", "Uses"),
    ("{{vanchor|Uses}}", "Uses"),
    ("H{{sub|2}}O", "H2O"),
    ("{{quote|text=It works.|author=Smith}}", "It works."),
    ("{{quote|It works.|Smith}}", "It works."),
    ("{{script|Arab|دواء}}", "دواء"),
    ("{{linktext|En|cyclo|pedia}}", "Encyclopedia"),
    ("{{abbr|MS|multiple sclerosis}}", "MS"),
    ("{{tooltip|EC50|half maximal effective concentration}}", "EC50"),
    ("{{Citation needed span|text=It cures gout.|date=May 2020}}", "It cures gout."),
    ("{{font|text=Warning|size=90%}}", "Warning"),
    ("{{color|red|Schedule II}}", "Schedule II"),
    ("{{legend|#ff0000|Approved}}", "Approved"),
    ("{{font color|red|Boxed warning}}", "Boxed warning"),
    ("{{sm|d}}-glucose", "D-glucose"),
    ("{{smallcaps|Lord}}", "LORD"),
    ("{{small caps all|Abc}}", "Abc"),
    ("{{lang|fr|comprimé}}", "comprimé"),
    ("{{lang|code=fr|text=comprimé}}", "comprimé"),
    ("{{langx|la|herba}}", "Latin: herba"),
    ("{{langx|la|herba|label=none}}", "herba"),
    ("{{langx|la|herba|lit=grass}}", "Latin: herba, lit. 'grass'"),
    ("{{lang-la|herba}}", "Latin: herba"),
    ("{{lang-grc|φάρμακον}}", "Ancient Greek: φάρμακον"),
    ("{{transl|ja|hepburn|yakuhin}}", "yakuhin"),
    ("{{nihongo|Tokyo Tower|東京タワー|Tōkyō tawā}}", "Tokyo Tower (東京タワー, Tōkyō tawā)"),
    ("{{gloss|grass}}", "'grass'"),
    ("from {{literally|grass}}", "from lit. 'grass'"),
    ("{{lit|a|b}}", "lit. 'a' or 'b'"),
    ("{{sic|teh}} drug", "teh [sic] drug"),
    ("{{sic|hide=y|teh}}", "teh"),
    ("{{Ill|Rote Liste|de}}", "Rote Liste"),
    ("{{ill|Foo|de|Foo (Arznei)|lt=Foo drug}}", "Foo drug"),
    ("{{sortname|John|Smith}}", "John Smith"),
    ("{{sortname|John|Smith|John Smith (chemist)|Smith}}", "John Smith"),
    ("{{As of|2021}}, it was the 5th most used.", "As of 2021, it was the 5th most used."),
    ("{{As of|2021|7}}", "As of July 2021"),
    ("{{As of|2021|7|5}}", "As of 5 July 2021"),
    ("{{As of|2021|7|5|df=US}}", "As of July 5, 2021"),
    ("{{as of|2021|lc=y}}", "as of 2021"),
    ("{{As of|2021|since=y}}", "Since 2021"),
    ("{{As of|2008|4|1|alt=as of the [[2009 election]]}}", "as of the 2009 election"),
    ("{{As of|2021|Jul|bare=y}}", "July 2021"),
    ("{{circa|1900}}", "c. 1900"),
    ("{{circa|1900|1910}}", "c. 1900 – c. 1910"),
    ("{{flag|France}}", "France"),
    ("{{flagu|Germany}}", "Germany"),
    ("{{birth date|1990|1|2}}", "January 2, 1990"),
    ("{{start date|2010|5|3|df=y}}", "3 May 2010"),
    ("{{start date|2010|5}}", "May 2010"),
    ("{{death date and age|2000|1|2|1930|5|6}}", "January 2, 2000 (aged 69)"),
    ("{{in lang|fr}}", "(in French)"),
    ("{{OldStyleDate|February 2|1905|January 20}}", "February 2 [O.S. January 20] 1905"),
    ("{{native name|fr|Le Comprimé}}", "Le Comprimé"),
    ("{{Google books|abc123|Pharmacology|page=4}}", "Pharmacology"),
    ("{{n/a}}", "N/A"),
    ("{{ATC|J07|BD01}}", "J07BD01"),
    ("{{ATCvet|J01|CA04}}", "QJ01CA04"),
    ("{{ICD10|E|75|2}}", "E75.2"),
    ("{{ICD9|272.7}}", "272.7"),
    ("{{URL|https://www.example.org/}}", "www.example.org"),
    ("{{URL|example.org|Example}}", "Example"),
    # identifiers, as Citation Style 1 labels them
    ("S. 159, {{ISBN|978-3-946057-10-9}}.", "S. 159, ISBN 978-3-946057-10-9."),
    ("{{ISSN|0028-0836}}", "ISSN 0028-0836"),
    ("{{OCLC|12345}}", "OCLC 12345"),
    ("{{doi|10.1517/14656566.9.11.1987}}", "doi:10.1517/14656566.9.11.1987"),
    ("{{PMID|18627336}}", "PMID 18627336"),
    ("{{PMC|3051234}}", "PMC 3051234"),
    ("{{arXiv|1234.5678}}", "arXiv:1234.5678"),
    ("{{bibcode|2000ApJ...533..682D}}", "Bibcode:2000ApJ...533..682D"),
    ("{{JSTOR|1234}}", "JSTOR 1234"),
    ("{{LCCN|2001012345}}", "LCCN 2001012345"),
    ("{{hdl|10036/1234}}", "hdl:10036/1234"),
    ("{{S2CID|123456}}", "S2CID 123456"),
    # money
    ("It costs {{US$|5}} a month.", "It costs US$5 a month."),
    ("{{US$|5|2010}}", "US$5"),
    ("{{GBP|12}}", "£12"),
    ("{{€|3.50}}", "€3.50"),
    ("{{yen|100}}", "¥100"),
    ("{{AUD|20}}", "A$20"),
    ("{{CAD|20}}", "CA$20"),
    ("{{INR|500}}", "₹500"),
    ("{{INRConvert|5|c}}", "₹5 crore"),
    # measurements and numbers
    ("{{convert|10|mg}}", "10 mg"),
    ("{{convert|1|-|2|h}}", "1–2 h"),
    ("{{cvt|5|kg}}", "5 kg"),
    ("{{val|1.5|0.1|u=mg}}", "1.5±0.1 mg"),
    ("{{frac|1|2}}", "1/2"),
    ("{{frac|1|1|2}}", "1 1/2"),
    ("{{chem2|CH3COOH}}", "CH3COOH"),
    ("{{chem|H|2|O}}", "H2O"),
    # pronunciation
    ("{{IPAc-en|ˈ|æ|l|f}}", "/ˈælf/"),
    ("{{IPAc-en|US|ˈ|æ|l|f}}", "/ˈælf/"),
    ("{{IPAc-en|ˈ|aɪ|n|_|ˈ|r|æ|n|d}}", "/ˈaɪn ˈrænd/"),
    ("{{IPA-de|ˈʃtʁaːsə}}", "German pronunciation: [ˈʃtʁaːsə]"),
    ("{{IPA-de|ˈʃtʁaːsə|lang}}", "German: [ˈʃtʁaːsə]"),
    ("{{respell|al|FEW|zoh|sin}}", "al-FEW-zoh-sin"),
    ("{{fr icon}}", "(in French)"),
    # single characters
    ("A{{nbsp}}B", "A B"),
    ("a{{!}}b", "a|b"),
    ("a{{pipe}}b", "a|b"),
    ("a{{=}}b", "a=b"),
    ("a{{·}}b", "a · b"),
    ("a{{middot}}b", "a·b"),
    ("1{{ndash}}2", "1–2"),
    ("war{{snd}}peace", "war – peace"),
    ("yes{{mdash}}no", "yes—no"),
    ("yes{{spaced mdash}}no", "yes — no"),
    ("{{'}}t", "'t"),
    ("Gaucher{{'s}}", "Gaucher's"),
    ("{{' \"}}", "'\""),
    ("5{{pm}}1", "5±1"),
    ("2{{times}}3", "2×3"),
    ("37{{degree}}C", "37°C"),
    ("5{{micro}}g", "5µg"),
    ("5{{ell}}", "5ℓ"),
    ("A{{clear}}B", "AB"),
    ("{{drugs.com|monograph|imiglucerase}}", "Monograph"),
    ("{{drugs.com|cons|measles-virus-vaccine-live}}", "Consumer Drug Information"),
    # no visible text
    ("It works.{{citation needed|date=May 2020}}", "It works."),
    ("{{Short description|Medication}}It works.", "It works."),
    ("{{flagicon|France}} France", "France"),
    ("{{reflist}}", ""),
    ("It works.{{sfn|Smith|2001|p=4}}", "It works."),
    ("It works.{{cite web|title=T|url=http://x.org}}", "It works."),
]

LIST_CASES: list[tuple[str, list[str]]] = [
    ("{{ubl|Humira|Amjevita}}", ["Humira", "Amjevita"]),
    ("{{plainlist|\n* Humira\n* Amjevita\n}}", ["Humira", "Amjevita"]),
    ("Humira{{break}}Amjevita", ["Humira", "Amjevita"]),
]


@pytest.mark.parametrize(("wikitext", "expected"), CASES)
def test_row_renders_as_documented(wikitext: str, expected: str) -> None:
    result = render(wikitext)
    assert result.text == expected
    assert result.unrendered == []


@pytest.mark.parametrize(("wikitext", "expected"), LIST_CASES)
def test_list_rows_give_items(wikitext: str, expected: list[str]) -> None:
    assert render(wikitext).items == expected


def test_every_row_has_a_case() -> None:
    used = {
        template_name(t)
        for wikitext, _ in CASES + LIST_CASES
        for t in parse_wikitext(wikitext).filter_templates()
    }
    missing = [row.names[0] for row in ROWS if not used & set(row.names)]
    assert missing == []


def test_no_name_is_in_two_rows() -> None:
    names = [name for row in ROWS for name in row.names]
    assert len(names) == len(set(names)) == len(ROWS_BY_NAME)


def test_every_row_says_where_its_rendering_comes_from() -> None:
    assert [row.names[0] for row in ROWS if not row.source] == []


def test_a_template_outside_the_registry_is_reported_not_rendered() -> None:
    result = render("It costs {{inflation|US|5|1990}} now, {{coord|1|2}}.")
    assert result.text == "It costs now, ."
    assert result.unrendered == ["inflation", "coord"]


def test_drugs_com_of_an_unknown_kind_is_reported() -> None:
    assert render("{{drugs.com|newkind|x}}").unrendered == ["drugs.com"]


def test_a_language_without_a_known_name_shows_the_text_alone() -> None:
    assert plain_text("{{langx|xx|text}}") == "text"
    assert render("{{xx icon}}").unrendered == ["xx icon"]


def test_kinds() -> None:
    assert template_kind("sm") == "rendered"
    assert template_kind("lang-la") == "rendered"
    assert template_kind("citation needed") == "silent"
    assert template_kind("cite web") == "silent"
    assert template_kind("main") == "hatnote"
    assert template_kind("cascite") == "verification"
    assert template_kind("defaultsort:foo") == "magic word"
    assert template_kind("inflation") is None


def test_verification_markers_are_one_rule() -> None:
    """text.py and normalise/identifiers.py read the same table: a CheMoBot marker is
    silent in text and is read as the verification status."""
    from drugparse.normalise.identifiers import verification_status

    assert is_verification_template("cascite")
    assert is_verification_template("newdbcite")  # one word ending in "cite"
    assert not is_verification_template("cite web")
    assert not is_verification_template("vcite journal")
    assert plain_text("50-00-0 {{cascite|correct|CAS}}") == "50-00-0"
    assert verification_status(parse_wikitext("{{cascite|correct|CAS}}"), "x") == ("correct", [])
    assert verification_status(parse_wikitext("{{cite web|title=T}}"), "x")[0] is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("defaultsort:foo", "magic word"),
        ("authority control", "authority control"),
        ("taxonbar", "authority control"),
        ("curlie", "external link"),
        ("meshname", "external link"),
        ("commons category", "external link"),
        ("drug resources", "external link"),
        ("cite web", "citation"),
        ("div col", "maintenance"),
        ("div col end", "maintenance"),
        ("portal bar", "navbox"),
        ("antibiotics-navbox", "navbox"),
        ("navbox drugs", "navbox"),
        ("hiv navigation", "navbox"),
        ("adrenergics", "navbox"),
        ("vaccine-stub", "stub"),
        ("main", "hatnote"),
        ("nowrap", "inline"),
    ],
)
def test_end_of_article_kinds(name: str, kind: str) -> None:
    assert end_of_article_kind(name) == kind


# -- the article: where templates stand --------------------------------------------
def _page(body: str) -> str:
    return "{{Drugbox\n| CAS_number = 50-00-0\n}}\n'''Xine''' is a drug.\n" + body


def test_end_of_article_templates_are_told_apart() -> None:
    import drugparse

    record = drugparse.parse(
        _page(
            "==External links==\n"
            "{{div col|colwidth=20em}}\n* [http://x.org X]\n{{div col end}}\n"
            "* {{cite web|title=Xine|url=http://x.org/xine}}\n"
            "{{Curlie|Health/Pharmacy/Drugs}}\n{{MeshName|Xine}}\n{{Commons category|Xine}}\n"
            "{{Portal bar|Medicine}}\n{{Antibiotics-navbox}}\n{{Adrenergics}}\n"
            "{{Authority control}}\n{{DEFAULTSORT:Xine}}\n{{drug-stub}}\n"
        ),
        title="Xine",
    )
    assert record["templates"] == {
        "navboxes": ["Portal bar", "Antibiotics-navbox", "Adrenergics"],
        "external_links": ["Curlie", "MeshName", "Commons category"],
        "stubs": ["drug-stub"],
    }
    assert record["citations"][0]["title"] == "Xine"  # the cite web is a citation, not a box


def test_see_also_link_templates_and_nested_items() -> None:
    code = parse_wikitext(
        "'''X''' is.\n==See also==\n"
        "* {{slink|Gout|Treatment}}\n"
        "* {{section link|Hyperuricemia|Drugs}} – older\n"
        "* {{annotated link|Colchicine}}\n"
        "* {{cl|Antigout agents}}\n"
        "* [[:Category:Uricosurics]]\n"
        "* Other drugs for gout:\n"
        "** [[Allopurinol]]\n"
        "** [[Febuxostat]] (a newer one)\n"
        "* [[Probenecid]]\n"
        "** [[Sulfinpyrazone]]\n"
        "* [[File:X.png|thumb]] [[Lesinurad]]\n"
    )
    article = read_article(code, None)
    assert article.see_also == [
        {"title": "Gout", "section": "Treatment"},
        {"title": "Hyperuricemia", "section": "Drugs", "note": "older"},
        {"title": "Colchicine"},
        {"title": "Category:Antigout agents"},
        {"title": "Category:Uricosurics"},
        {"title": "Allopurinol", "under": "Other drugs for gout"},
        {"title": "Febuxostat", "note": "a newer one", "under": "Other drugs for gout"},
        {"title": "Probenecid"},
        {"title": "Sulfinpyrazone", "under": "Probenecid"},
        {"title": "Lesinurad"},
    ]
    assert article.warnings == []


def test_a_list_in_the_lead_keeps_its_line_breaks() -> None:
    code = parse_wikitext(
        "'''X''' is used for:\n* gout\n* {{nowrap|kidney stones}}\n\nIt is cheap.<br>Very."
    )
    assert read_article(code, None).summary == (
        "X is used for:\ngout\nkidney stones\n\nIt is cheap.\nVery."
    )


def test_unrendered_templates_are_reported_wherever_they_stand() -> None:
    import drugparse

    record = drugparse.parse(
        "{{Drugbox\n| class = {{Mystery|A}}\n}}\n'''Xine''' costs {{inflation|US|5|1990}}.\n"
        "==Uses {{Heading mystery}}==\nIt works.<ref>Smith, p. 4, {{Odd ref|x}}.</ref>\n"
        "==See also==\n* [[Y]] {{Note mystery}}\n"
        "==References==\n{{reflist}}\n",
        title="Xine",
    )
    found = {(w["field"], w["message"]) for w in record["warnings"]}
    assert ("summary", "template {{inflation}} in the lead has no text rendering") in found
    assert ("clinical.class", "template {{mystery}} has no text rendering") in found
    assert ("sections", "template {{heading mystery}} in a heading has no text rendering") in found
    # In a ref, the warning names the template as written and the citation it belongs to.
    ref_messages = [m for f, m in found if f == "citations.ref-1"]
    assert any("{{Odd ref}}" in m and "citation ref-1" in m for m in ref_messages), ref_messages
    assert ("see_also", "template {{note mystery}} in See also has no text rendering") in found


def _counted_pages() -> list[tuple[str, str, str]]:
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location(
        "count_templates", ROOT / "tools/count_templates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.sources())


@needs_corpus
@needs_peer
def test_every_template_of_the_real_pages_renders_or_warns() -> None:
    """Every template of ../shared/corpus, fixtures/ and the peer dumps has a row (tested
    above) or gives ``unrendered_template`` in the lead of a page; and every page's lead,
    See also and headings render without an exception."""
    names: set[str] = set()
    for _, _, wikitext in _counted_pages():
        code = parse_wikitext(wikitext)
        names.update(template_name(t) for t in templates_and_links(code)[0])
        article = read_article(code, None)
        for w in article.warnings:
            assert w["code"] == "unrendered_template"
            name = w["message"].split("{{")[1].split("}}")[0]
            assert template_kind(name) is None
    assert len(names) > 1000
    for name in sorted(names):
        if ":" in name or name.startswith("#") or "{" in name or "|" in name:
            continue  # parser functions and magic words
        if template_kind(name) is None:  # the rows' own renderings are the cases above
            assert render("{{" + name + "|x}}").unrendered == [name], name
