"""Templates a ``<ref>`` holds besides Citation Style 1 citations, as data.

Read by :mod:`drugparse.extract.references`. Each table says what a template contributes
to the citation it stands beside (``{{ISBN|978-3-946057-10-9}}`` after a book's prose
fills ``identifiers.isbn``). Sources, transcribed by hand: English Wikipedia's
documentation of each template (2024) and ``Category:Citation Style 1 identifier
templates``; the names are those met in ``../shared/corpus``, ``fixtures/`` and the
real pages of ``../shared/peer`` plus their common redirects.

``IDENTIFIER_LINK_TEMPLATES["pmid"]`` is ``"pmid"``; ``NOTICE_TEMPLATES["retraction"]`` is
``"retracted"``.
"""

from __future__ import annotations

__all__ = [
    "IDENTIFIER_LINK_TEMPLATES",
    "ARCHIVE_TEMPLATES",
    "DEAD_LINK_TEMPLATES",
    "BOT_TEMPLATES",
    "NOTICE_TEMPLATES",
    "LICENCE_TEMPLATES",
    "WRAPPER_TEMPLATES",
    "Wrapper",
    "BIBLIOGRAPHY_SECTIONS",
    "BARE_IDENTIFIERS",
]

#: Identifier templates (``{{ISBN|...}}``, ``{{doi|...}}``): name -> the record's
#: ``identifiers`` key. Each takes the identifier as its first unnamed parameter; some
#: take more than one (``{{ISBN|x|y}}``, ``{{OCLC|a|b}}``).
IDENTIFIER_LINK_TEMPLATES: dict[str, str] = {
    "isbn": "isbn",
    "isbnt": "isbn",
    "doi": "doi",
    "doi-inline": "doi",
    "pmid": "pmid",
    "pmc": "pmc",
    "pmcid": "pmc",
    "oclc": "oclc",
    "issn": "issn",
    "eissn": "eissn",
    "arxiv": "arxiv",
    "biorxiv": "biorxiv",
    "bibcode": "bibcode",
    "citeseerx": "citeseerx",
    "jstor": "jstor",
    "lccn": "lccn",
    "ol": "ol",
    "hdl": "hdl",
    "zbl": "zbl",
    "mr": "mr",
    "osti": "osti",
    "ssrn": "ssrn",
    "s2cid": "s2cid",
    "asin": "asin",
    "rfc": "rfc",
    "ietf rfc": "rfc",
}

#: Archive-link templates: name -> how their ``url`` reads. ``archive``: ``url`` is the
#: archived copy and ``date`` the archive date (Template:Webarchive, Template:WebCite).
#: ``wayback``: ``url`` is the original and ``date`` the Wayback Machine's 14-digit
#: timestamp; the copy is ``https://web.archive.org/web/<date>/<url>`` (Template:Wayback).
ARCHIVE_TEMPLATES: dict[str, str] = {
    "webarchive": "archive",
    "web archive": "archive",
    "webcite": "archive",
    "wayback": "wayback",
    "waybackdate": "wayback",
}

#: Templates marking the preceding link dead (Template:Dead link and its redirects).
DEAD_LINK_TEMPLATES = frozenset({"dead link", "deadlink", "dead url", "404", "dl", "broken link"})

#: Instructions to bots that render nothing and say nothing about the source
#: (Template:Cbignore: InternetArchiveBot leaves the citation alone).
BOT_TEMPLATES = frozenset({"cbignore", "bots"})

#: Notices about the cited work: name -> the notice's ``kind`` in the record.
#: Template:Retracted (redirect: Retraction), Template:Expression of concern,
#: Template:Erratum; each takes the notice's own ``doi``/``pmid`` and ``intentional=yes``
#: when the work is cited knowing it was retracted.
NOTICE_TEMPLATES: dict[str, str] = {
    "retracted": "retracted",
    "retraction": "retracted",
    "expression of concern": "expression_of_concern",
    "eoc": "expression_of_concern",
    "erratum": "erratum",
}

#: Licence notices for text copied from the source: name -> licence family.
#: Template:Creative Commons text attribution notice (redirect: CC-notice) takes ``cc``
#: (``by4``, ``by-sa3``...), ``url`` (the source page) and ``author``/``authors``;
#: Template:PD-notice marks public-domain text.
LICENCE_TEMPLATES: dict[str, str] = {
    "cc-notice": "cc",
    "creative commons text attribution notice": "cc",
    "pd-notice": "public domain",
    # Template:Citation-attribution wraps a citation template: "This article incorporates
    # text from this source, which is in the public domain".
    "citation-attribution": "public domain",
}


#: Headings (folded to lower case) of sections that list sources outside any ``<ref>``:
#: each list item (``*``, ``#``) there, and in their subsections, is a citation with
#: ``role: bibliography`` whether written with a citation template or as plain text.
#: Sources: MOS:LAYOUT (Works or publications, See also, Notes and references, Further
#: reading), WP:GENREF (a References list of general references) and the headings met
#: in ``../shared/peer`` (2026-11, Further reading 349 list items, References 311,
#: Bibliography 119, Sources 106, Works cited 76, Selected bibliography 48,
#: Publications 25, References and further reading 24).
BIBLIOGRAPHY_SECTIONS = frozenset(
    {
        "further reading",
        "additional reading",
        "suggested reading",
        "bibliography",
        "selected bibliography",
        "general bibliography",
        "sources",
        "general sources",
        "primary sources",
        "secondary sources",
        "publications",
        "selected publications",
        "works cited",
        "cited works",
        "further literature",
        "references",
        "general references",
        "references and further reading",
        "references and sources",
        "sources and further reading",
        "bibliography and further reading",
    }
)

#: Identifiers written as plain text in a citation without a template: ``identifiers``
#: key -> pattern whose first group is the value (the prefixes CS1 prints, Help:Citation
#: Style 1 "Identifiers": ``ISBN 978-…``, ``doi:10.…``, ``PMID 123``, ``PMC123``...).
BARE_IDENTIFIERS: dict[str, str] = {
    "isbn": r"\bISBN(?:-1[03])?:?\s*((?:97[89][\s-]?)?\d[\d\s-]{7,14}[\dXx])\b",
    "doi": r"\bdoi:\s*(10\.\d{4,9}/[^\s,;\]]*[^\s,;.\]])",
    "pmid": r"\bPMID:?\s*(\d{1,9})\b",
    "pmc": r"\bPMC:?\s*(\d{3,9})\b",
    "oclc": r"\bOCLC:?\s*(\d{3,12})\b",
    "issn": r"\bISSN:?\s*(\d{4}-?\d{3}[\dXx])\b",
}


class Wrapper:
    """A template that calls a citation template with some values fixed.

    ``type``: the record's citation type; ``fixed``: record fields the template supplies
    itself; ``positional``: the CS1 parameter each unnamed parameter stands for
    (``None``: a value the record does not keep, such as a URL slug); ``renamed``: the
    template's own parameters that stand for a CS1 one (``wstitle`` -> ``title``);
    ``url``: ``(parameter, address)``, the address built from the parameter's value
    (``{}``); ``licence``: the licence the template declares for text copied from the
    source (the attribution forms, ``{{EB1911}}``: "incorporates text from a publication
    now in the public domain").
    """

    __slots__ = ("type", "fixed", "positional", "renamed", "url", "licence")

    def __init__(
        self,
        type: str,
        fixed: dict[str, str],
        positional: tuple[str | None, ...] = (),
        renamed: dict[str, str] | None = None,
        url: tuple[str, str] | None = None,
        licence: str | None = None,
    ) -> None:
        self.type = type
        self.fixed = fixed
        self.positional = positional
        self.renamed = renamed or {}
        self.url = url
        self.licence = licence


# The Wikisource encyclopedia wrappers (Template:Cite EB1911 and kin) name the article
# with |wstitle=.
_WIKISOURCE = {"wstitle": "title"}


#: Wrappers of citation templates whose unnamed parameters or fixed values need telling
#: (each template's documentation, 2024). Any other template in a ref is read for its
#: CS1-named parameters (``title``, ``url``, ``doi``...) and takes type ``other``.
WRAPPER_TEMPLATES: dict[str, Wrapper] = {
    "cite merriam-webster": Wrapper(
        "encyclopedia", {"encyclopedia": "Merriam-Webster.com Dictionary"}, ("title",)
    ),
    "cite oxford dictionaries": Wrapper(
        "encyclopedia", {"encyclopedia": "Oxford Dictionaries"}, ("title",)
    ),
    "oed": Wrapper("encyclopedia", {"encyclopedia": "Oxford English Dictionary"}, ("title",)),
    "oetymd": Wrapper("encyclopedia", {"encyclopedia": "Online Etymology Dictionary"}, ("title",)),
    "sep entry": Wrapper(
        "encyclopedia",
        {"encyclopedia": "Stanford Encyclopedia of Philosophy"},
        (None, "title", "author", "date"),
    ),
    "sep": Wrapper(
        "encyclopedia", {"encyclopedia": "Stanford Encyclopedia of Philosophy"}, (None, "title")
    ),
    "iep": Wrapper(
        "encyclopedia",
        {"encyclopedia": "Internet Encyclopedia of Philosophy"},
        (None, "title", "author"),
    ),
    "cite ema": Wrapper("web", {"publisher": "European Medicines Agency"}),
    "cite drugbank": Wrapper("web", {"website": "DrugBank"}),
    "cite eb1911": Wrapper(
        "encyclopedia",
        {"encyclopedia": "Encyclopædia Britannica (11th ed.)"},
        renamed=_WIKISOURCE,
    ),
    "cite collier's": Wrapper(
        "encyclopedia", {"encyclopedia": "Collier's New Encyclopedia"}, renamed=_WIKISOURCE
    ),
    "cite nie": Wrapper(
        "encyclopedia", {"encyclopedia": "New International Encyclopedia"}, renamed=_WIKISOURCE
    ),
    "cite nsrw": Wrapper(
        "encyclopedia", {"encyclopedia": "The New Student's Reference Work"}, renamed=_WIKISOURCE
    ),
    "cite catholic encyclopedia": Wrapper(
        "encyclopedia", {"encyclopedia": "Catholic Encyclopedia"}, renamed=_WIKISOURCE
    ),
    "cite dnb": Wrapper(
        "encyclopedia", {"encyclopedia": "Dictionary of National Biography"}, renamed=_WIKISOURCE
    ),
    "cite americana": Wrapper(
        "encyclopedia", {"encyclopedia": "Encyclopedia Americana"}, renamed=_WIKISOURCE
    ),
    "cite merck index": Wrapper("encyclopedia", {"encyclopedia": "The Merck Index"}),
    "cite britannica": Wrapper(
        "encyclopedia",
        {"encyclopedia": "Encyclopædia Britannica"},
        url=("url", "https://www.britannica.com/{}"),
    ),
    "mathworld": Wrapper(
        "web", {"website": "MathWorld"}, url=("urlname", "https://mathworld.wolfram.com/{}.html")
    ),
    "planetmath": Wrapper(
        "web", {"website": "PlanetMath"}, url=("urlname", "https://planetmath.org/{}")
    ),
    "springer": Wrapper(
        "encyclopedia",
        {"encyclopedia": "Encyclopedia of Mathematics"},
        url=("id", "https://encyclopediaofmath.org/index.php?title={}"),
    ),
    "nlab": Wrapper("web", {"website": "nLab"}, url=("id", "https://ncatlab.org/nlab/show/{}")),
    "iucn": Wrapper("web", {"website": "IUCN Red List of Threatened Species"}),
    "iucn2008": Wrapper("web", {"website": "IUCN Red List of Threatened Species"}),
    "cite gnis": Wrapper(
        "web",
        {
            "website": "Geographic Names Information System",
            "publisher": "United States Geological Survey",
        },
        (None, "title"),
    ),
    "cite quran": Wrapper("book", {"title": "Quran"}),
    # Chemistry's standard books, each with its own citation template (their |page=,
    # |pages= are CS1's): Template:Greenwood&Earnshaw2nd, Template:Holleman&Wiberg,
    # Template:RubberBible86th, Template:RedBook2005.
    "greenwood&earnshaw2nd": Wrapper(
        "book",
        {
            "title": "Chemistry of the Elements",
            "edition": "2nd",
            "publisher": "Butterworth-Heinemann",
        },
    ),
    "holleman&wiberg": Wrapper(
        "book", {"title": "Inorganic Chemistry", "publisher": "Academic Press"}
    ),
    "rubberbible86th": Wrapper(
        "book",
        {
            "title": "CRC Handbook of Chemistry and Physics",
            "edition": "86th",
            "publisher": "CRC Press",
        },
    ),
    "redbook2005": Wrapper(
        "book",
        {
            "title": "Nomenclature of Inorganic Chemistry: IUPAC Recommendations 2005",
            "publisher": "RSC Publishing",
        },
    ),
    # Template:Barrington: {{Barrington|map}} cites the atlas (Talbert ed., 2000)
    "barrington": Wrapper(
        "book",
        {
            "title": "Barrington Atlas of the Greek and Roman World",
            "publisher": "Princeton University Press",
        },
    ),
    "goldbookref": Wrapper(
        "encyclopedia", {"encyclopedia": "IUPAC Compendium of Chemical Terminology"}
    ),
}

# The attribution forms ({{EB1911}}, {{Catholic}}, {{DNB}}, {{Americana}}, {{Collier's}},
# {{NIE}}, {{NSRW}}) are their citation template plus the public-domain attribution.
_ATTRIBUTION_FORMS = {
    "eb1911": "cite eb1911",
    "catholic": "cite catholic encyclopedia",
    "catholic encyclopedia": "cite catholic encyclopedia",
    "dnb": "cite dnb",
    "americana": "cite americana",
    "collier's": "cite collier's",
    "nie": "cite nie",
    "nsrw": "cite nsrw",
}
for _name, _cite in _ATTRIBUTION_FORMS.items():
    _base = WRAPPER_TEMPLATES[_cite]
    WRAPPER_TEMPLATES[_name] = Wrapper(
        _base.type, _base.fixed, _base.positional, _base.renamed, _base.url, "public domain"
    )
