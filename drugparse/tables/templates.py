"""The template registry: how each template real drug articles use shows in plain text.

One :class:`Row` per template with its aliases (the redirects editors write), the name
of its renderer in :mod:`drugparse.normalise.text` and its provenance. A template that
is in no row, and matches no :data:`SHAPES` rule, has no rendering: wherever it appears
(lead, infobox, refs, See also, sections) the caller warns ``unrendered_template``.

Measured, not guessed: ``python tools/count_templates.py`` counts every template of
``../shared/corpus``, ``fixtures/`` and the real pages of ``../shared/peer`` and says which
have a row. Outputs follow each template's English Wikipedia documentation (its
``/doc`` page, 2024) reduced to the text a reader sees: links show their label, images,
colours and tooltips go, superscripts and subscripts read inline (``H<sub>2</sub>O`` ->
``H2O``), as everywhere in drugparse.

>>> ROWS_BY_NAME["sm"].renderer, ROWS_BY_NAME["sm"].argument
('small caps', '')
>>> template_kind("as of"), template_kind("defaultsort:foo"), template_kind("flagicon")
('rendered', 'magic word', 'silent')
"""

from __future__ import annotations

import re
from typing import NamedTuple

from drugparse.tables.cs1 import CITE_TEMPLATES

__all__ = [
    "Row",
    "ROWS",
    "ROWS_BY_NAME",
    "SHAPES",
    "shape_of",
    "ABOVE_LEAD",
    "HATNOTES",
    "MAINTENANCE_TAGS",
    "END_OF_ARTICLE",
    "end_of_article_kind",
    "VERIFICATION_TEMPLATES",
    "is_verification_template",
    "MAGIC_WORDS",
    "is_magic_word",
    "LANGUAGE_NAMES",
    "template_kind",
]


class Row(NamedTuple):
    """One template: its folded names (the first is the template's own), how it renders
    (a key of ``normalise.text.RENDERERS``), the renderer's argument, and where the
    rendering comes from."""

    names: tuple[str, ...]
    renderer: str
    argument: str = ""
    source: str = ""


def _doc(*pages: str) -> str:
    return "; ".join(f"en.wikipedia Template:{page}/doc (2024)" for page in pages)


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


_IDENTIFIER_SOURCE = (
    "Module:Citation/CS1/Configuration id_handlers (label and separator); the standalone "
    "template shows the same"
)

#: Renderers (see ``normalise.text``): ``first``/``second``/``last``: that positional
#: parameter (``1=`` counts as the first); ``named:X``: parameter X, else the first;
#: ``all``: every positional parameter run together; ``items``: one list item each;
#: ``literal``: the argument as text; ``nothing``: no visible text (metadata, maintenance
#: tags, images); ``reference``: nothing in text, read as a citation by extract/;
#: the others are named after what they do.
ROWS: tuple[Row, ...] = (
    # -- text shown as written -------------------------------------------------------
    Row(
        _names(
            "nowrap, nobr, no wrap, nobreak, nowrap begin, small, smaller, big, larger, "
            "sub, sup, nobold, noitalic, em, strong, var, code, mono, tt, center, mvar, math, "
            "not a typo, proper name, as written, chem name, visible anchor, vanchor, ipa, "
            "tq, longitem, nastaliq, nq, large, huge"
        ),
        "first",
        source=_doc("Nowrap", "Small", "Sup", "Mvar", "Math", "Not a typo", "Visible anchor"),
    ),
    Row(
        _names("quote, blockquote, bquote, quotation"),
        "named:text",
        source=_doc("Quote") + ": the quotation (text= or 1=); the attribution is not prose",
    ),
    Row(
        _names("script, rtl-lang, wikt-lang"),
        "second",
        source=_doc("Script", "Rtl-lang", "Wikt-lang") + ": the text after the code",
    ),
    Row(_names("linktext"), "all", source=_doc("Linktext") + ": the parts run together"),
    Row(
        _names("abbr, abbrlink, tooltip, hover title, hovertitle"),
        "first",
        source=_doc("Abbr", "Tooltip") + ": the text; the expansion is a tooltip",
    ),
    Row(
        _names("medical citation needed span, citation needed span, cn span, fact span"),
        "named:text",
        source=_doc("Citation needed span") + ": the text (text= or 1=); the tag is dropped",
    ),
    Row(_names("font"), "named:text", source=_doc("Font")),
    Row(
        _names("color, colored text, colour, coloured text, legend inline"),
        "second",
        source=_doc("Color") + ": {{color|red|Schedule II}} shows Schedule II",
    ),
    Row(
        _names("legend"),
        "second",
        source=_doc("Legend") + ": a colour swatch (1=) and its caption (2=)",
    ),
    Row(
        _names("font color, resize, font size, audio"),
        "last",
        source=_doc("Font color", "Resize", "Audio") + ": the last positional is the text",
    ),
    Row(
        _names("smallcaps, sc, sm, small caps, smallcaps2"),
        "small caps",
        source=_doc("Small caps", "Sm")
        + ": small capitals are capitals in plain text ({{sm|d}}-glucose is D-glucose)",
    ),
    Row(_names("small caps all, smallcaps all"), "last", source=_doc("Small caps all")),
    Row(_names("lang, lang-en"), "lang", source=_doc("Lang") + ": the text, no label"),
    Row(
        _names("langx"),
        "langx",
        source=_doc("Langx") + ": 'Latin: text'; label=none drops the label; lit= appended",
    ),
    Row(
        _names("transl, transliteration"),
        "last",
        source=_doc("Transl") + ": the romanised text (the last positional)",
    ),
    Row(_names("nihongo"), "nihongo", source=_doc("Nihongo") + ": 'English (kanji, romaji)'"),
    Row(_names("gloss"), "gloss", source=_doc("Gloss") + ": the gloss in single quotes"),
    Row(
        _names("literally, lit, literal translation"),
        "literally",
        source=_doc("Literally") + ": lit. 'text' (several: lit. 'a' or 'b')",
    ),
    Row(_names("sic"), "sic", source=_doc("Sic") + ": text then [sic]; hide=y drops the mark"),
    Row(
        _names("ill, interlanguage link, interlanguage link multi, ill2"),
        "named:lt",
        source=_doc("Interlanguage link")
        + ": the English title (or lt=); the [de] marker is a link",
    ),
    Row(
        _names("sortname"),
        "sortname",
        source=_doc("Sortname") + ": 'First Last' (3= link target and 4= sort key are not shown)",
    ),
    Row(
        _names("as of, asof"),
        "as of",
        source=_doc("As of")
        + ": 'As of 5 July 2010' (day month year; df=US 'July 5, 2010'), lc=y, since=y, "
        "alt= replaces the text, bare=y the date alone",
    ),
    Row(
        _names("circa, c."),
        "circa",
        source=_doc("Circa") + ": 'c. 1900', 'c. 1900 – c. 1910' with 2=",
    ),
    Row(
        _names("flag, flagu, flag country, flagcountry"),
        "first",
        source=_doc("Flag", "Flagu") + ": the country name (the flag is an image)",
    ),
    Row(
        _names("birth date, start date, end date, death date, start-date, end-date"),
        "date",
        source=_doc("Birth date", "Start date")
        + ": 'January 2, 1990' (month day, year); df=y or df=yes gives '2 January 1990'",
    ),
    Row(
        _names("death date and age"),
        "death date and age",
        source=_doc("Death date and age") + ": the death date and '(aged N)' from both dates",
    ),
    Row(
        _names("oldstyledate"),
        "old style date",
        source=_doc("OldStyleDate") + ": 'February 2 [O.S. January 20] 1905'",
    ),
    Row(_names("in lang"), "in languages", source=_doc("In lang") + ": '(in French)'"),
    Row(_names("native name"), "second", source=_doc("Native name") + ": the name (2=)"),
    Row(_names("atc"), "atc", source=_doc("ATC") + ": the code, group then rest: J07BD01"),
    Row(_names("atcvet"), "atc", "Q", _doc("ATCvet") + ": Q then the code: QJ01CA04"),
    Row(_names("google books"), "second", source=_doc("Google books") + ": the title (2=)"),
    Row(_names("n/a"), "literal", "N/A", _doc("N/a") + ": a table cell reading N/A"),
    Row(_names("icd10"), "icd10", source=_doc("ICD10") + ": letter, number, '.', decimal: A00.0"),
    Row(_names("icd9"), "first", source=_doc("ICD9") + ": the code"),
    Row(_names("url, url2"), "url", source=_doc("URL") + ": the address without http(s)://"),
    # -- identifiers, as CS1 labels them ---------------------------------------------
    Row(_names("isbn, isbnt"), "identifier", "ISBN ", _IDENTIFIER_SOURCE),
    Row(_names("issn, issn link"), "identifier", "ISSN ", _IDENTIFIER_SOURCE),
    Row(_names("oclc"), "identifier", "OCLC ", _IDENTIFIER_SOURCE),
    Row(_names("doi"), "identifier", "doi:", _IDENTIFIER_SOURCE),
    Row(_names("pmid"), "identifier", "PMID ", _IDENTIFIER_SOURCE),
    Row(_names("pmc"), "identifier", "PMC ", _IDENTIFIER_SOURCE),
    Row(_names("arxiv"), "identifier", "arXiv:", _IDENTIFIER_SOURCE),
    Row(_names("bibcode"), "identifier", "Bibcode:", _IDENTIFIER_SOURCE),
    Row(_names("jstor"), "identifier", "JSTOR ", _IDENTIFIER_SOURCE),
    Row(_names("lccn"), "identifier", "LCCN ", _IDENTIFIER_SOURCE),
    Row(_names("hdl"), "identifier", "hdl:", _IDENTIFIER_SOURCE),
    Row(_names("s2cid"), "identifier", "S2CID ", _IDENTIFIER_SOURCE),
    # -- money ------------------------------------------------------------------------
    Row(_names("us$, usd"), "currency", "US$", _doc("US$")),
    Row(_names("gbp, £"), "currency", "£", _doc("GBP")),
    Row(_names("€, eur, euro"), "currency", "€", _doc("€")),
    Row(_names("yen, jpy, ¥"), "currency", "¥", _doc("Yen")),
    Row(_names("a$, aud"), "currency", "A$", _doc("AUD")),
    Row(_names("ca$, cad"), "currency", "CA$", _doc("CAD")),
    Row(_names("₹, inr"), "currency", "₹", _doc("INR")),
    Row(
        _names("inrconvert"),
        "inr convert",
        source=_doc("INRConvert")
        + ": '₹5 crore' (2= l lakh, c crore, m million, b billion); the US$ figure in "
        "brackets needs the template's exchange-rate table and is not shown",
    ),
    # -- measurements and numbers ---------------------------------------------------
    Row(
        _names("convert, cvt"),
        "convert",
        source=_doc("Convert")
        + ": the value and unit as written ('10 mg', '1–2 h'); the converted value in "
        "brackets is not computed",
    ),
    Row(_names("val"), "val", source=_doc("Val") + ": '1.5±0.1 mg' (u=/ul= unit)"),
    Row(_names("frac, sfrac, fraction"), "fraction", source=_doc("Frac") + ": '1 1/2' with '/'"),
    Row(
        _names("chem, chemf, chem2"),
        "chemical formula",
        source=_doc("Chem", "Chem2") + ": subscripts read inline (CH3COOH)",
    ),
    # -- pronunciation --------------------------------------------------------------
    Row(
        _names("ipac-en, ipac-ar"),
        "ipac",
        source=_doc("IPAc-en") + ": '/ˈælf/'; leading qualifiers (us, uk, lang) not shown",
    ),
    Row(_names("respell"), "respell", source=_doc("Respell") + ": syllables joined by '-'"),
    # -- lists --------------------------------------------------------------------------
    Row(
        _names(
            "ubl, unbulleted list, ublist, unbulleted, vunblist, plainlist, plain list, "
            "flatlist, flat list, hlist, bulleted list, blist, bulleted, endplainlist, "
            "startplainlist, ordered list, olist, cslist, collapsible list"
        ),
        "items",
        source=_doc("Unbulleted list", "Plainlist", "Hlist", "Collapsible list"),
    ),
    # -- single characters --------------------------------------------------------------
    Row(_names("nbsp, thinsp, spaces, space"), "literal", " ", _doc("Nbsp", "Spaces")),
    Row(_names("!"), "literal", "|", "en.wikipedia magic word {{!}} (MediaWiki 1.24)"),
    Row(_names("pipe"), "literal", "|", _doc("Pipe")),
    Row(_names("="), "literal", "=", _doc("=")),
    Row(_names("·, dot, middot dot"), "literal", " · ", _doc("·")),
    Row(_names("middot"), "literal", "·", _doc("Middot")),
    Row(_names("ndash, en dash"), "literal", "–", _doc("Ndash")),
    Row(_names("snd, spaced ndash, spaced en dash, snds"), "literal", " – ", _doc("Snd")),
    Row(_names("mdash, em dash"), "literal", "—", _doc("Mdash")),
    Row(_names("spaced mdash, mdashb"), "literal", " — ", _doc("Spaced mdash")),
    Row(_names("'"), "literal", "'", _doc("'")),
    Row(_names("'s"), "literal", "'s", _doc("'s")),
    Row(_names("' \""), "literal", "'\"", _doc("' \"")),
    Row(_names("pm, plusminus, +-"), "literal", "±", _doc("Plusminus")),
    Row(_names("times, x"), "literal", "×", _doc("Times")),
    Row(_names("degree, °"), "literal", "°", _doc("Degree")),
    Row(_names("micro"), "literal", "µ", _doc("Micro")),
    Row(_names("ell"), "literal", "ℓ", _doc("Ell")),
    Row(_names("break"), "break", source=_doc("Break") + ": a line break"),
    Row(_names("clear, clear left, clear right, -"), "nothing", source=_doc("Clear")),
    # -- infobox helpers ----------------------------------------------------------------
    Row(
        _names("drugs.com"),
        "drugs.com",
        source="en.wikipedia Template:Drugs.com (its #switch on 1=): the link text, "
        "'Monograph' for monograph; the infobox reads the link itself",
    ),
    # -- no visible text ------------------------------------------------------------
    Row(
        _names(
            "citation needed, cn, fact, medical citation needed, better source needed, "
            "better source, verify source, failed verification, unreliable medical source, "
            "unreliable source?, primary source inline, dead link, cbignore, when, by whom, "
            "who, which, clarify, update inline, update after, according to whom, vague, "
            "dubious, disputed inline, full citation needed, page needed, pages needed, "
            "year needed, specify, relevance inline, bare url inline, inconsistent citations"
        ),
        "nothing",
        source=_doc("Citation needed", "Dead link", "Clarify")
        + ": inline maintenance tags are the wiki's notes, not the article's",
    ),
    Row(
        _names(
            "short description, use dmy dates, use mdy dates, use american english, "
            "use british english, use australian english, use canadian english, "
            "use indian english, use oxford spelling, engvarb, good article, featured article, "
            "toc limit, notoc, toc, toc right, italic title, lowercase title, displaytitle, "
            "pp, pp-semi, pp-protected, pp-move-indef, pp-semi-indef, pp-vandalism, pp-pc1, "
            "pp-move, bots, anchor, void, nbsp;, redirect category shell"
        ),
        "nothing",
        source=_doc("Short description", "Use dmy dates", "Pp", "Anchor")
        + ": page metadata, never shown in the text",
    ),
    Row(
        _names(
            "flagicon, flagdeco, increase, decrease, steady, multiple image, double image, "
            "wide image, css image crop, listen"
        ),
        "nothing",
        source=_doc("Flagicon", "Multiple image") + ": images only",
    ),
    Row(
        _names(
            "refbegin, refend, reflist, references, notelist, notelist-ua, reflist-talk, "
            "notefoot, webarchive, wayback"
        ),
        "nothing",
        source=_doc("Reflist", "NoteFoot", "Webarchive")
        + ": reference lists and archive links, read by extract/references.py",
    ),
    Row(
        _names(
            "rp, r, sfn, sfnp, sfnm, harvnb, harv, harvp, harvcol, harvcolnb, harvs, "
            "harvard citation no brackets, harvard citation, sfnref, harvid, efn, efn-ua, "
            "efn-lr, efn-ur, efn-lg, refn, notetag, note, ref label"
        ),
        "reference",
        source=_doc("Sfn", "Harvnb", "Efn", "NoteTag", "Rp")
        + ": footnote markers; their content is a citation",
    ),
    Row(
        tuple(sorted(CITE_TEMPLATES)), "reference", source="drugparse/tables/cs1.py CITE_TEMPLATES"
    ),
)

ROWS_BY_NAME: dict[str, Row] = {name: row for row in ROWS for name in row.names}

#: Families of templates named by a pattern: (pattern, renderer). ``{{lang-la|...}}`` is
#: ``{{langx|la|...}}``; ``{{IPA-de|...}}`` shows the German IPA; ``{{fr icon}}`` is
#: "(in French)". Sources: Template:Lang-x/doc, Template:IPA-de/doc, Template:In lang/doc.
SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^lang-([a-z]{2,3}(?:-[a-z]+)*)$"), "langx"),
    (re.compile(r"^ipa-([a-z]{2,3})$"), "ipa lang"),
    (re.compile(r"^([a-z]{2,3}) icon$"), "in language"),
)


def shape_of(name: str) -> tuple[str, str] | None:
    """``shape_of("lang-la")`` -> ``("langx", "la")``: the renderer and the captured code."""
    for pattern, renderer in SHAPES:
        match = pattern.match(name)
        if match:
            return renderer, match.group(1)
    return None


#: ISO 639 codes to the English language names Module:Lang shows in labels (the codes
#: found in ../shared and the commonest in drug articles). A code not here renders its
#: text without a label.
LANGUAGE_NAMES: dict[str, str] = {
    "ar": "Arabic", "az": "Azerbaijani", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "grc": "Ancient Greek", "grc-gre": "Ancient Greek",
    "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "it": "Italian", "ja": "Japanese",
    "ko": "Korean", "la": "Latin", "nah": "Nahuatl", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sa": "Sanskrit",
    "sq": "Albanian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}  # fmt: skip

#: Hatnotes: Wikipedia:Hatnote § Hatnote templates (and Category:Hatnote templates);
#: "confused" is a redirect to {{Distinguish}}, "main article" to {{Main}}. Names folded;
#: consulted 2026-11.
HATNOTES = frozenset(
    {
        "about", "for", "other uses", "redirect", "redirect2", "distinguish", "see also",
        "main", "main article", "further", "details", "details3", "other people", "hatnote",
        "for multi", "redirect-multi", "about-distinguish", "confused", "main category",
        "lookfrom", "intitle",
    }
)  # fmt: skip

#: Maintenance (cleanup) tags and message boxes placed at the top of an article or a
#: section, after its hatnotes: Wikipedia:Template index/Cleanup (with their redirects:
#: refimprove, medref, pov) and {{disambiguation}}'s message box. Consulted 2026-11.
MAINTENANCE_TAGS = frozenset(
    {
        "technical", "more citations needed", "more citations needed section", "refimprove",
        "refimprove section", "medref", "primary sources", "update", "multiple issues",
        "cleanup", "orphan", "lead too short", "unreferenced", "unreferenced section",
        "essay-like", "copy edit", "pov", "expand section", "more footnotes", "disambiguation",
    }
)  # fmt: skip

#: Templates shown above the lead or a section that are not its text.
ABOVE_LEAD = HATNOTES | MAINTENANCE_TAGS

#: Magic words mwparserfromhell reads as templates: ``{{DEFAULTSORT:Foo}}`` (MediaWiki
#: manual, Help:Magic words). They never appear in a record.
MAGIC_WORDS = frozenset(
    {"defaultsort", "defaultsortkey", "defaultcategorysort", "displaytitle", "currentyear",
     "currentmonth", "currentday", "pagename", "fullpagename", "namespace"}
)  # fmt: skip

#: What the templates that close an article are: ``navbox`` and ``external link`` are
#: kept in the record (``templates.navboxes``, ``templates.external_links``); the rest
#: are told apart and dropped. Sources: Category:Navigational boxes, Category:Authority
#: control templates, Category:External link templates, Category:Sister project link
#: templates (en.wikipedia, 2024); names measured with tools/count_templates.py.
END_OF_ARTICLE: dict[str, str] = {
    **dict.fromkeys(
        ["authority control", "taxonbar", "normdaten", "authority control (arts)"],
        "authority control",
    ),
    **dict.fromkeys(
        [
            "curlie", "dmoz", "meshname", "mesh name", "commons category", "commons cat",
            "commonscat", "commons", "commons-inline", "commons category-inline", "wiktionary",
            "wikiquote", "wikisource", "wikibooks", "wikispecies", "wikinews", "wikiversity",
            "wikivoyage", "sister project links", "official website", "official", "imdb name",
            "imdb title", "gutenberg author", "internet archive author", "librivox author",
            "library resources box", "youtube", "cia world factbook link", "in our time",
            "sep", "iep", "inpho", "philpapers", "nyttopic", "wikiatlas", "wikisource1911enc",
            "eb1911", "mathworld", "ol author", "worldcat id", "osmrelation-inline",
            "wikilivres", "govpubs", "books-inline", "wikisource-inline", "wikipedia books",
            "medlineplus", "emedicine", "scholia", "drugbank", "rxlist", "cia world factbook",
            "wikidata property", "oetymd", "lsj", "drug resources",
        ],
        "external link",
    ),
    **dict.fromkeys(
        [
            "portal bar", "portal", "navboxes", "navbox", "navbox with collapsible groups",
            "s-start", "s-end", "s-bef", "s-aft", "s-ttl", "s-off", "s-ppo", "s-break",
        ],
        "navbox",
    ),
    **dict.fromkeys(
        [
            "div col", "div col end", "colbegin", "colend", "col-begin", "col-end",
            "col-break", "col-2", "col-3", "col-4", "col-5", "columns-list", "refbegin",
            "refend", "reflist", "clear", "coord", "multiple issues", "improve categories",
            "uncategorized", "orphan", "dead end",
        ],
        "maintenance",
    ),
}  # fmt: skip

_NAVBOX_SHAPE = re.compile(r"(?:^|[ -])navbox$|^navbox[ -]| navigation$|^portal")


def is_magic_word(name: str) -> bool:
    """``{{DEFAULTSORT:Foo}}`` (folded ``defaultsort:foo``) and parser functions (``#if:``)."""
    return name.startswith("#") or (":" in name and name.partition(":")[0] in MAGIC_WORDS)


def end_of_article_kind(name: str) -> str:
    """What a template standing alone at the end of an article is, from its folded name.

    ``"defaultsort:foo"`` -> ``magic word``; ``"commons category"`` -> ``external link``;
    ``"antibiotics-navbox"`` -> ``navbox``; ``"cite web"`` -> ``citation``; a name in no
    table and of no known shape -> ``navbox`` (drug navboxes are named after their class:
    ``{{Adrenergics}}``).
    """
    if is_magic_word(name):
        return "magic word"
    if name.endswith("stub"):
        return "stub"
    if name in END_OF_ARTICLE:
        return END_OF_ARTICLE[name]
    if _NAVBOX_SHAPE.search(name):
        return "navbox"
    if name in CITE_TEMPLATES:
        return "citation"
    if name in HATNOTES:
        return "hatnote"
    if name in MAINTENANCE_TAGS:
        return "maintenance"
    if name in ROWS_BY_NAME or shape_of(name) is not None:
        return "inline"
    return "navbox"


#: CheMoBot's verification markers in drug and chemical infoboxes:
#: ``{{cascite|correct|CAS}}`` (Template:Chembox/doc, "Verification"; names measured in
#: ../shared). A single word ending in ``cite`` that is not a CS1 template is one too.
VERIFICATION_TEMPLATES = frozenset(
    {"cascite", "chemspidercite", "drugbankcite", "ebicite", "fdacite", "keggcite",
     "stdinchicite", "uniicite", "pubchemcite", "chebicite", "chemblcite"}
)  # fmt: skip


def is_verification_template(name: str) -> bool:
    """``is_verification_template("cascite")`` -> True; ``"cite web"`` -> False."""
    if name in VERIFICATION_TEMPLATES:
        return True
    return name.endswith("cite") and " " not in name and name not in CITE_TEMPLATES


def template_kind(name: str) -> str | None:
    """How drugparse treats a folded template name in text: ``rendered`` (shows text),
    ``silent`` (no text by design), ``hatnote``, ``verification``, ``magic word``, or
    None (no rendering: an ``unrendered_template`` warning)."""
    if is_magic_word(name):
        return "magic word"
    row = ROWS_BY_NAME.get(name)
    if row is not None:
        return "silent" if row.renderer in ("nothing", "reference") else "rendered"
    if shape_of(name) is not None:
        return "rendered"
    if name in HATNOTES:
        return "hatnote"
    if name in MAINTENANCE_TAGS:
        return "maintenance"
    if is_verification_template(name):
        return "verification"
    return None
