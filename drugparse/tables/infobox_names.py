"""The template names under which a page holds a drug infobox: one table, read everywhere.

Names are folded like :func:`drugparse.wikitext.template_name` (lower case, ``_`` and
runs of spaces as one space). The finder (:mod:`drugparse.extract.infobox`), the markup
repair (:mod:`drugparse.extract.markup`), the unreadable-infobox detector and the byte
pre-filter (:mod:`drugparse.sources.prefilter`) all read this table, so a page written
under any of these names is found, repaired and pre-filtered alike.

Sources: English Wikipedia ``Template:Infobox drug/doc`` ("``{{Infobox drug}}`` or
``{{Drugbox}}``", its ``{{Template shortcut|Drugbox}}``) and the redirects to
``Template:Infobox drug`` seen in articles (``Drug box``, ``Infobox drugs``,
``Infobox medication``); ``Template:Chembox/doc`` and the redirects to
``Template:Chembox`` seen in articles (``Chembox new``, ``Drugchembox``). Issue 13 lists
the redirect names that real pages use. Every name must contain ``box``: the pre-filter
anchors its byte search on it.

>>> INFOBOX_NAMES["drugbox"], INFOBOX_NAMES["chembox new"]
('drug', 'chembox')
>>> bool(opening_pattern().match("{{ Infobox_Drugs\\n| x = 1"))
True
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["INFOBOX_NAMES", "names_of", "opening_pattern"]

#: Folded template name -> infobox kind (a key of ``extract.infobox.INFOBOX_KINDS``).
INFOBOX_NAMES: dict[str, str] = {
    "infobox drug": "drug",
    "drugbox": "drug",
    "drug box": "drug",
    "infobox drugs": "drug",
    "infobox medication": "drug",
    "chembox": "chembox",
    "chembox new": "chembox",
    "drugchembox": "chembox",
}


def names_of(kind: str) -> frozenset[str]:
    """The folded names of one kind: ``names_of("chembox")`` -> ``{"chembox", ...}``."""
    return frozenset(name for name, of in INFOBOX_NAMES.items() if of == kind)


@cache
def opening_pattern() -> re.Pattern[str]:
    """``{{`` plus any name of the table, as a page may write it, then the end of the name.

    Group ``name`` is the name as written. Letter case is free, words may be joined by
    spaces or underscores; the name must end there (``{{Infobox drugstore`` is not one).
    """
    # Longest first, so "infobox drugs" is tried before "infobox drug".
    names = sorted(INFOBOX_NAMES, key=len, reverse=True)
    alternatives = "|".join(r"[\s_]+".join(map(re.escape, name.split())) for name in names)
    return re.compile(rf"\{{\{{\s*(?P<name>{alternatives})\s*(?=[|}}<\n]|$)", re.IGNORECASE)
