"""Citation Style 1 (CS1/CS2) as data: templates, parameter aliases, name-list patterns.

Read by :mod:`drugparse.extract.cite`. Sources, transcribed by hand (the package never
reads them at run time):

- English Wikipedia's ``Module:Citation/CS1/Configuration`` (2022 snapshot), as tabled in
  ``shared/research/cs1-aliases.tsv``: meta-parameters and their aliases in precedence
  order, and the template classes.
- ``Module:Citation/CS1/Whitelist`` (2022 snapshot), as tabled in
  ``shared/research/cs1-parameters.tsv`` and ``cs1-template-parameters.tsv``.
- The template list: English Wikipedia ``Category:Citation Style 1 templates`` and the
  redirects to them that editors use (``Special:WhatLinksHere``, 2024).

``{{cite magazine |author=A |title=T}}`` -> ``CITE_TEMPLATES["cite magazine"]`` is
``("magazine", "magazine")``; ``PARAMETER_FIELDS["accessdate"]`` is ``"access_date"``.
"""

from __future__ import annotations

from drugparse.tables.placeholders import CITATION_PLACEHOLDERS

__all__ = [
    "RECORD_TYPES",
    "CITE_TEMPLATES",
    "CITATION_TYPE_HINTS",
    "IDENTIFIER_TEMPLATES",
    "VANCOUVER_TEMPLATES",
    "RECORD_FIELDS",
    "PARAMETER_FIELDS",
    "NAME_LIST_PARAMETERS",
    "CS1_PARAMETERS",
    "CLASS_PARAMETERS",
    "LEGACY_PARAMETERS",
    "IDENTIFIER_KEYS",
    "PLACEHOLDERS",
]

#: The record's ``type`` values (record-format.md, ``citations`` table).
RECORD_TYPES = (
    "journal",
    "web",
    "book",
    "news",
    "magazine",
    "report",
    "press_release",
    "thesis",
    "conference",
    "encyclopedia",
    "av_media",
    "preprint",
    "other",
)

#: Template name (folded as ``drugparse.wikitext.template_name`` folds it) -> (CS1
#: CitationClass, record ``type``). ``None`` as type: decided from the parameters
#: (``{{citation}}`` is CS2's one template for every kind of source).
#: Decisions where the record has no exact type:
#: - preprints (arXiv, bioRxiv, medRxiv, SSRN, CiteSeerX: CS1's "preprint templates")
#:   -> ``preprint``: not yet peer reviewed, so ``journal`` would mislead.
#: - mailing list, newsgroup, tweet -> ``web``; podcast, episode, serial -> ``av_media``;
#:   interview, speech, sign, map, patent -> ``other``.
#: ``cite patent`` is not a CS1 template (it has its own module) but its parameters that
#: the record keeps (title, date, url, authors as ``inventor`` are not) overlap CS1's.
CITE_TEMPLATES: dict[str, tuple[str, str | None]] = {
    # journal
    "cite journal": ("journal", "journal"),
    "cite paper": ("journal", "journal"),
    "vcite journal": ("journal", "journal"),
    "vcite2 journal": ("journal", "journal"),
    "cite pmid": ("journal", "journal"),  # stub: {{cite pmid|12345}}
    "cite doi": ("journal", "journal"),  # stub: {{cite doi|10.1000/x}}
    "cite document": ("document", "other"),
    # web
    "cite web": ("web", "web"),
    "cite website": ("web", "web"),
    "cite url": ("web", "web"),
    "cite mailing list": ("mailinglist", "web"),
    "cite mailinglist": ("mailinglist", "web"),
    "cite newsgroup": ("newsgroup", "web"),
    "cite tweet": ("web", "web"),
    # book
    "cite book": ("book", "book"),
    "vcite book": ("book", "book"),
    "cite encyclopedia": ("encyclopaedia", "encyclopedia"),
    "cite encyclopaedia": ("encyclopaedia", "encyclopedia"),
    "cite dictionary": ("encyclopaedia", "encyclopedia"),
    # news
    "cite news": ("news", "news"),
    "cite newspaper": ("news", "news"),
    "cite magazine": ("magazine", "magazine"),
    # report
    "cite report": ("report", "report"),
    "cite tech report": ("techreport", "report"),
    "cite techreport": ("techreport", "report"),
    "cite press release": ("pressrelease", "press_release"),
    "cite pressrelease": ("pressrelease", "press_release"),
    "cite thesis": ("thesis", "thesis"),
    "cite conference": ("conference", "conference"),
    # audio-visual
    "cite av media": ("audio-visual", "av_media"),
    "cite video": ("audio-visual", "av_media"),
    "cite av media notes": ("AV-media-notes", "av_media"),
    "cite episode": ("episode", "av_media"),
    "cite serial": ("serial", "av_media"),
    "cite podcast": ("podcast", "av_media"),
    # preprints
    "cite arxiv": ("arxiv", "preprint"),
    "cite biorxiv": ("biorxiv", "preprint"),
    "cite medrxiv": ("medrxiv", "preprint"),
    "cite ssrn": ("ssrn", "preprint"),
    "cite citeseerx": ("citeseerx", "preprint"),
    # other
    "cite interview": ("interview", "other"),
    "cite speech": ("speech", "other"),
    "cite sign": ("sign", "other"),
    "cite map": ("map", "other"),
    "cite patent": ("patent", "other"),
    # CS2
    "citation": ("citation", None),
}

#: ``{{citation}}``'s type from the first of these record fields it has.
CITATION_TYPE_HINTS: tuple[tuple[str, str], ...] = (
    ("encyclopedia", "encyclopedia"),
    ("conference", "conference"),
    ("journal", "journal"),
    ("newspaper", "news"),
    ("magazine", "magazine"),
    ("website", "web"),
    ("chapter", "book"),
    ("identifiers.isbn", "book"),
    ("work", "other"),
    ("publisher", "book"),
    ("url", "web"),
)

#: Templates whose ``author=``/``editor=`` hold a whole Vancouver list, as ``vauthors=``
#: does (Template:Vcite journal, Template:Vcite book: "authors in Vancouver style").
VANCOUVER_TEMPLATES = frozenset({"vcite journal", "vcite2 journal", "vcite book"})

#: Stub templates whose first unnamed parameter is one identifier.
IDENTIFIER_TEMPLATES: dict[str, str] = {"cite pmid": "pmid", "cite doi": "doi"}

#: Record field -> the CS1 parameters that feed it, in CS1's order of precedence (the
#: first one given wins). Aliases transcribed from cs1-aliases.tsv. Fields starting with
#: ``_`` are read by the extractor and resolved into record fields (``_year`` is the date
#: when ``date`` is absent; ``_book_title`` moves ``title`` to ``chapter``, as CS1 does).
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "_script_title": ("script-title",),
    "trans_title": ("trans-title",),
    "chapter": ("chapter", "contribution", "entry", "article", "section"),
    "_book_title": ("book-title", "booktitle"),
    "journal": ("journal",),
    "magazine": ("magazine",),
    "newspaper": ("newspaper",),
    "website": ("website",),
    "work": ("work", "periodical"),
    "encyclopedia": ("encyclopedia", "encyclopaedia", "dictionary"),
    "conference": ("conference", "event"),
    "series": ("series", "version"),
    "publisher": ("publisher", "institution"),
    "agency": ("agency",),
    "via": ("via",),
    "volume": ("volume",),
    "issue": ("issue", "number"),
    "pages": ("pages", "pp", "page", "p"),
    "at": ("at",),
    "edition": ("edition",),
    "location": ("publication-place", "publicationplace", "location", "place"),
    "language": ("language", "lang"),
    "collaboration": ("collaboration",),
    "_vauthors": ("vauthors",),
    "_authors": ("authors", "people", "credits"),
    "_coauthors": ("coauthors", "coauthor"),
    "_display_authors": ("display-authors", "display-subjects", "displayauthors"),
    "_veditors": ("veditors",),
    "_editors": ("editors",),
    "_display_editors": ("display-editors", "displayeditors"),
    "_display_translators": ("display-translators",),
    "date": ("date", "air-date", "airdate"),
    "_year": ("year",),
    "_publication_date": ("publication-date", "publicationdate"),
    "orig_date": ("orig-date", "orig-year", "origyear"),
    "url": ("url", "URL"),
    "chapter_url": (
        "chapter-url",
        "contribution-url",
        "entry-url",
        "article-url",
        "section-url",
        "chapterurl",
    ),
    "archive_url": ("archive-url", "archiveurl"),
    "archive_date": ("archive-date", "archivedate"),
    "access_date": ("access-date", "accessdate"),
    "url_status": ("url-status",),
    "_dead_url": ("dead-url", "deadurl"),
    "quote": ("quote", "quotation"),
    # identifiers: CS1 accepts the lower- and the upper-case name (Whitelist).
    "identifiers.doi": ("doi", "DOI"),
    "identifiers.pmid": ("pmid", "PMID"),
    "identifiers.pmc": ("pmc", "PMC"),
    "identifiers.isbn": ("isbn", "ISBN"),
    "identifiers.issn": ("issn", "ISSN"),
    "identifiers.eissn": ("eissn", "EISSN"),
    "identifiers.arxiv": ("arxiv", "eprint"),
    "identifiers.biorxiv": ("biorxiv",),
    "identifiers.bibcode": ("bibcode",),
    "identifiers.citeseerx": ("citeseerx",),
    "identifiers.jstor": ("jstor", "JSTOR"),
    "identifiers.oclc": ("oclc", "OCLC"),
    "identifiers.s2cid": ("s2cid", "S2CID"),
    "identifiers.hdl": ("hdl", "HDL"),
    "identifiers.zbl": ("zbl", "ZBL"),
    "identifiers.mr": ("mr", "MR"),
    "identifiers.osti": ("osti", "OSTI"),
    "identifiers.ssrn": ("ssrn", "SSRN"),
    "identifiers.lccn": ("lccn", "LCCN"),
    "identifiers.asin": ("asin", "ASIN"),
    "identifiers.ol": ("ol", "OL"),
    "identifiers.rfc": ("rfc", "RFC"),
    "identifiers.pmc_embargo_date": ("pmc-embargo-date",),
    "identifiers.id": ("id", "ID"),
}

#: CS1 parameter -> record field: :data:`RECORD_FIELDS` turned round.
PARAMETER_FIELDS: dict[str, str] = {
    alias: field for field, aliases in RECORD_FIELDS.items() for alias in aliases
}

#: Name-list parameters: pattern (``#`` is the number; without a number it is slot 1,
#: as in CS1: ``author`` = ``author1``), list, part. From cs1-aliases.tsv's
#: ``AuthorList-*``, ``EditorList-*``, ``TranslatorList-*`` ... rows.
#: Part ``name`` is a whole name (``author#``, ``editor#``): CS1 treats it as the last
#: name, but ``author=Weinreb NJ`` is a full name, so the record keeps it as ``name``.
#: Lists the record does not keep (contributors, interviewers) and masks are known CS1
#: parameters, dropped without a warning.
NAME_LIST_PARAMETERS: tuple[tuple[str, str, str], ...] = (
    *(
        (p, "authors", "first")
        for p in (
            "first#",
            "author-first#",
            "author#-first",
            "given#",
            "author-given#",
            "author#-given",
        )
    ),
    *(
        (p, "authors", "last")
        for p in (
            "last#",
            "author-last#",
            "author#-last",
            "surname#",
            "author-surname#",
            "author#-surname",
        )
    ),
    *((p, "authors", "name") for p in ("author#", "subject#", "host#")),
    *(
        (p, "authors", "link")
        for p in (
            "author-link#",
            "author#-link",
            "subject-link#",
            "subject#-link",
            "authorlink#",
            "author#link",
        )
    ),
    *(
        (p, "authors", "mask")
        for p in (
            "author-mask#",
            "author#-mask",
            "subject-mask#",
            "subject#-mask",
        )
    ),
    *(
        (p, "editors", "first")
        for p in (
            "editor-first#",
            "editor#-first",
            "editor-given#",
            "editor#-given",
        )
    ),
    *(
        (p, "editors", "last")
        for p in (
            "editor-last#",
            "editor#-last",
            "editor-surname#",
            "editor#-surname",
        )
    ),
    ("editor#", "editors", "name"),
    *((p, "editors", "link") for p in ("editor-link#", "editor#-link", "editorlink#")),
    *((p, "editors", "mask") for p in ("editor-mask#", "editor#-mask")),
    *(
        (p, "translators", "first")
        for p in (
            "translator-first#",
            "translator#-first",
            "translator-given#",
            "translator#-given",
        )
    ),
    *(
        (p, "translators", "last")
        for p in (
            "translator-last#",
            "translator#-last",
            "translator-surname#",
            "translator#-surname",
        )
    ),
    ("translator#", "translators", "name"),
    *((p, "translators", "link") for p in ("translator-link#", "translator#-link")),
    *((p, "translators", "mask") for p in ("translator-mask#", "translator#-mask")),
    *(
        (p, "contributors", "first")
        for p in (
            "contributor-first#",
            "contributor#-first",
            "contributor-given#",
            "contributor#-given",
        )
    ),
    *(
        (p, "contributors", "last")
        for p in (
            "contributor-last#",
            "contributor#-last",
            "contributor-surname#",
            "contributor#-surname",
            "contributor#",
        )
    ),
    *((p, "contributors", "link") for p in ("contributor-link#", "contributor#-link")),
    *((p, "contributors", "mask") for p in ("contributor-mask#", "contributor#-mask")),
    *(
        (p, "interviewers", "first")
        for p in (
            "interviewer-first#",
            "interviewer#-first",
            "interviewer-given#",
            "interviewer#-given",
        )
    ),
    *(
        (p, "interviewers", "last")
        for p in (
            "interviewer-last#",
            "interviewer#-last",
            "interviewer-surname#",
            "interviewer#-surname",
            "interviewer#",
        )
    ),
    *((p, "interviewers", "link") for p in ("interviewer-link#", "interviewer#-link")),
    *((p, "interviewers", "mask") for p in ("interviewer-mask#", "interviewer#-mask")),
)

#: Every non-numbered parameter CS1 accepts in any template (Whitelist, basic, preprint
#: and limited groups; cs1-parameters.tsv). The ``lay-*`` four are deprecated.
CS1_PARAMETERS: frozenset[str] = frozenset(
    {
        "access-date",
        "accessdate",
        "agency",
        "archive-date",
        "archive-format",
        "archive-url",
        "archivedate",
        "archiveurl",
        "article",
        "article-format",
        "article-url",
        "article-url-access",
        "arxiv",
        "asin",
        "ASIN",
        "asin-tld",
        "at",
        "author",
        "author-first",
        "author-given",
        "author-last",
        "author-link",
        "author-mask",
        "author-surname",
        "authorlink",
        "authors",
        "bibcode",
        "bibcode-access",
        "biorxiv",
        "chapter",
        "chapter-format",
        "chapter-url",
        "chapter-url-access",
        "citeseerx",
        "class",
        "collaboration",
        "contribution",
        "contribution-format",
        "contribution-url",
        "contribution-url-access",
        "contributor",
        "contributor-first",
        "contributor-given",
        "contributor-last",
        "contributor-link",
        "contributor-mask",
        "contributor-surname",
        "date",
        "department",
        "df",
        "dictionary",
        "display-authors",
        "display-contributors",
        "display-editors",
        "display-interviewers",
        "display-subjects",
        "display-translators",
        "DOI",
        "doi",
        "doi-access",
        "doi-broken-date",
        "edition",
        "editor",
        "editor-first",
        "editor-given",
        "editor-last",
        "editor-link",
        "editor-mask",
        "editor-surname",
        "EISSN",
        "eissn",
        "encyclopaedia",
        "encyclopedia",
        "entry",
        "entry-format",
        "entry-url",
        "entry-url-access",
        "eprint",
        "first",
        "format",
        "given",
        "hdl",
        "HDL",
        "hdl-access",
        "host",
        "ID",
        "id",
        "institution",
        "interviewer",
        "interviewer-first",
        "interviewer-given",
        "interviewer-last",
        "interviewer-link",
        "interviewer-mask",
        "interviewer-surname",
        "isbn",
        "ISBN",
        "ISMN",
        "ismn",
        "issn",
        "ISSN",
        "issue",
        "JFM",
        "jfm",
        "journal",
        "jstor",
        "JSTOR",
        "jstor-access",
        "lang",
        "language",
        "last",
        "lay-date",
        "lay-format",
        "lay-source",
        "lay-url",
        "lccn",
        "LCCN",
        "location",
        "magazine",
        "medium",
        "minutes",
        "mode",
        "MR",
        "mr",
        "name-list-style",
        "newspaper",
        "no-pp",
        "no-tracking",
        "number",
        "oclc",
        "OCLC",
        "ol",
        "OL",
        "ol-access",
        "orig-date",
        "orig-year",
        "origyear",
        "OSTI",
        "osti",
        "osti-access",
        "others",
        "p",
        "page",
        "pages",
        "people",
        "periodical",
        "place",
        "PMC",
        "pmc",
        "pmc-embargo-date",
        "pmid",
        "PMID",
        "postscript",
        "pp",
        "publication-date",
        "publication-place",
        "publisher",
        "quotation",
        "quote",
        "quote-page",
        "quote-pages",
        "ref",
        "rfc",
        "RFC",
        "S2CID",
        "s2cid",
        "s2cid-access",
        "sbn",
        "SBN",
        "scale",
        "script-article",
        "script-chapter",
        "script-contribution",
        "script-entry",
        "script-journal",
        "script-magazine",
        "script-newspaper",
        "script-periodical",
        "script-quote",
        "script-section",
        "script-title",
        "script-website",
        "script-work",
        "section",
        "section-format",
        "section-url",
        "section-url-access",
        "series",
        "SSRN",
        "ssrn",
        "ssrn-access",
        "subject",
        "subject-link",
        "subject-mask",
        "surname",
        "template-doc-demo",
        "time",
        "time-caption",
        "title",
        "title-link",
        "trans-article",
        "trans-chapter",
        "trans-contribution",
        "trans-entry",
        "trans-journal",
        "trans-magazine",
        "trans-newspaper",
        "trans-periodical",
        "trans-quote",
        "trans-section",
        "trans-title",
        "trans-website",
        "trans-work",
        "translator",
        "translator-first",
        "translator-given",
        "translator-last",
        "translator-link",
        "translator-mask",
        "translator-surname",
        "type",
        "url",
        "URL",
        "url-access",
        "url-status",
        "vauthors",
        "veditors",
        "version",
        "via",
        "volume",
        "website",
        "work",
        "year",
        "zbl",
        "ZBL",
        # aliases from the Configuration that the Whitelist snapshot lists under other names
        "book-title",
        "booktitle",
        "chapterurl",
        "mapurl",
        "episodelink",
        "serieslink",
        "series-link",
        "series-no",
        "series-number",
        "transcripturl",
        "publicationdate",
        "publicationplace",
        "nopp",
        "mailinglist",
        "event",
        "credits",
        "displayauthors",
        "displayeditors",
        "editorlink",
    }
)

#: Parameters only some template classes accept (cs1-template-parameters.tsv). Accepted
#: from any template here: a misplaced one is an editor's slip, not a lost value.
CLASS_PARAMETERS: dict[str, frozenset[str]] = {
    "audio-visual": frozenset({"transcript", "transcript-format", "transcript-url"}),
    "conference": frozenset(
        {
            "book-title",
            "conference",
            "conference-format",
            "conference-url",
            "event",
        }
    ),
    "episode": frozenset(
        {
            "airdate",
            "air-date",
            "credits",
            "episode-link",
            "network",
            "season",
            "series-link",
            "series-no",
            "series-number",
            "station",
            "transcript",
            "transcript-format",
            "transcripturl",
            "transcript-url",
        }
    ),
    "mailinglist": frozenset({"mailing-list"}),
    "map": frozenset(
        {
            "cartography",
            "inset",
            "map",
            "map-format",
            "map-url",
            "map-url-access",
            "script-map",
            "sections",
            "sheet",
            "sheets",
            "trans-map",
        }
    ),
    "newsgroup": frozenset({"message-id", "newsgroup"}),
    "report": frozenset({"docket"}),
    "serial": frozenset(
        {
            "airdate",
            "air-date",
            "credits",
            "episode",
            "episode-link",
            "network",
            "series-link",
            "station",
        }
    ),
    "speech": frozenset({"conference", "conference-format", "conference-url", "event"}),
    "thesis": frozenset({"degree", "docket"}),
}

#: Parameters CS1 has since removed that old wikitext still carries; read, not warned.
LEGACY_PARAMETERS: frozenset[str] = frozenset(
    {
        "coauthors",
        "coauthor",
        "editors",
        "dead-url",
        "deadurl",
        "displayauthors",
        "displayeditors",
        "ignore-isbn-error",
        "ignoreisbnerror",
        "subscription",
        "registration",
        "last-author-amp",
        "lastauthoramp",
        "author-separator",
        "author-name-separator",
        "separator",
        "laysummary",
        "laysource",
        "laydate",
        "layurl",
        "accessyear",
        "accessmonth",
        "month",
        "doi-inactive-date",
        "doi_brokendate",
        "embargo",
    }
)

#: ``identifiers`` keys in output order: those of :data:`RECORD_FIELDS`.
IDENTIFIER_KEYS: tuple[str, ...] = tuple(
    path.removeprefix("identifiers.") for path in RECORD_FIELDS if path.startswith("identifiers.")
)

#: Values that mean "nothing here" in a citation: the one table's citation list
#: (:data:`drugparse.tables.placeholders.CITATION_PLACEHOLDERS`, which says why it is shorter).
PLACEHOLDERS: frozenset[str] = CITATION_PLACEHOLDERS
