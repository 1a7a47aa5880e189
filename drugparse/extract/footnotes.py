"""Short footnotes: ``{{sfn|Smith|Jones|2001|p=4}}``, ``{{harvnb|Smith|2001}}`` and kin.

A short footnote names a full citation by its authors' surnames and year
(Template:Sfn, Template:Harvard citation). :func:`short_footnote` reads one;
:func:`find_target` picks the full citation it points to.

>>> fields = short_footnote(parse_wikitext("{{sfn|Smith|Jones|2001a|p=4}}").filter_templates()[0])
>>> fields["authors"], fields["date"], fields["date_text"], fields["pages"]
([{'name': 'Smith'}, {'name': 'Jones'}], '2001', '2001a', '4')
>>> find_target(fields, [{"id": "x", "authors": [{"name": "A Smith", "last": "Smith"},
...     {"name": "B Jones", "last": "Jones"}], "date": "2001-05", "date_text": "May 2001"}])
'x'
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Template

from drugparse.contract import Record
from drugparse.normalise.text import plain_text
from drugparse.wikitext import param_name, parse_wikitext, template_name  # noqa: F401

__all__ = ["SHORT_FOOTNOTES", "short_footnote", "find_target", "footnote_key", "citation_anchor"]

#: Template:Sfn and the Harvard citation family (Category:Harvard citation templates),
#: with the long names the short ones redirect from.
SHORT_FOOTNOTES = frozenset(
    {"sfn", "sfnp", "harvnb", "harv", "harvp", "harvtxt", "harvcoltxt", "harvcolnb",
     "harvcol", "harvs", "sfnm", "harvard citation", "harvard citation no brackets",
     "harvard citation text"}
)  # fmt: skip

# A year, or CS1's "no date" (n.d., written nd too), each with an optional disambiguating letter.
_YEAR = re.compile(r"^(?:c\.\s*)?(\d{3,4})([a-z]?)$|^n\.?d\.?([a-z]?)$", re.I)
_UNDATED = re.compile(r"^n\.?\s?d\.?([a-z]?)$", re.I)
_PAGE_PARAMETERS = {"p": "pages", "page": "pages", "pp": "pages", "pages": "pages", "loc": "at"}


#: Templates that write a full citation's anchor in its ``|ref=`` (Template:Sfnref,
#: Template:Harvid): ``|ref={{sfnref|Smith|2001}}`` is the anchor ``{{sfn|Smith|2001}}`` links to.
ANCHOR_TEMPLATES = frozenset({"sfnref", "harvid"})


def citation_anchor(template: Template) -> str | None:
    """The anchor a citation's ``|ref=`` names, as a short footnote spells it:
    ``{{cite web |ref={{harvid|CIA World Factbook|2016}}}}`` -> ``"CIA World Factbook2016"``."""
    for param in template.params:
        if param.showkey and param_name(param) == "ref":
            for inner in param.value.filter_templates(recursive=False):
                if template_name(inner) in ANCHOR_TEMPLATES:
                    parts = [plain_text(p.value) for p in inner.params if not p.showkey]
                    return "".join(parts[:5]) or None
    return None


def _footnote_anchor(footnote: Record) -> str:
    names = "".join(str(a["name"]) for a in footnote.get("authors", []))
    return names + str(footnote.get("date_text", ""))


def footnote_key(template: Template) -> str:
    """Identical short footnotes are one footnote (as MediaWiki merges them)."""
    return " | ".join(str(p).strip() for p in template.params)


def short_footnote(template: Template) -> Record | None:
    """Authors, year and location of a short footnote; None when not one."""
    name = template_name(template)
    if name not in SHORT_FOOTNOTES:
        return None
    names: list[str] = []
    fields: Record = {"template": name}
    year = None
    for param in template.params:
        value = plain_text(param.value)
        if param.showkey:
            key = _PAGE_PARAMETERS.get(param_name(param))
            if key and value:
                fields[key] = value
            continue
        if year is None and _YEAR.match(value or "") and len(names) >= 1:
            year = value
        elif year is None and value:
            names.append(value)
    if names:
        fields["authors"] = [{"name": n} for n in names[:4]]
    if year:
        match = _YEAR.match(year)  # year was taken because it matches
        if match is not None and match.group(1):
            fields["date"] = match.group(1)
        fields["date_text"] = year
    return _compact(fields)


def _compact(fields: Record) -> Record:
    order = ("template", "authors", "date", "date_text", "pages", "at")
    return {k: fields[k] for k in order if k in fields}


def _surname(person: Record) -> str:
    """``{"name": "Roe, Richard"}`` -> ``"roe"``; ``{"name": "Richard Roe"}`` -> ``"roe"``."""
    if "last" in person:
        last: str = person["last"]
        return last.lower()
    name: str = person["name"]
    if "," in name:  # "Last, First", as |author=Roe, Richard writes it
        return name.split(",")[0].strip().lower()
    return name.split()[-1].lower() if name.split() else ""


def _year_key(text: str) -> str:
    """A footnote's or citation's year as compared: ``"nd"`` and ``"n.d."`` are one."""
    undated = _UNDATED.match(text.strip())
    return f"n.d.{undated.group(1).lower()}" if undated else text.strip()


def _year_of(citation: Record) -> str | None:
    text = citation.get("date_text", "")
    if _UNDATED.match(text.strip()):
        return _year_key(text)
    match = re.search(r"\b(\d{4}[a-z]?)\b", text)
    if match:
        return match.group(1)
    date: str = citation.get("date", "")
    return date[:4] or None


def find_target(footnote: Record, citations: list[Record]) -> str | None:
    """The id of the full citation whose ``|ref=`` anchor the footnote names, else of the
    first whose first surnames and year match."""
    names = [a["name"].lower() for a in footnote.get("authors", [])]
    year = _year_key(footnote["date_text"]) if footnote.get("date_text") else None
    if not names:
        return None
    anchor = _footnote_anchor(footnote)
    for citation in citations:
        if citation.get("_anchor") == anchor:
            return str(citation["id"])
    for citation in citations:
        if "target" in citation or citation.get("template") in SHORT_FOOTNOTES:
            continue
        people = citation.get("authors") or citation.get("editors") or []
        surnames = [_surname(p) for p in people[: len(names)]]
        if surnames != names and [p["name"].lower() for p in people[: len(names)]] != names:
            continue
        cited_year = _year_of(citation)
        if year is None or cited_year in (year, year.rstrip("abcdefghijklmnopqrstuvwxyz")):
            found: str = citation["id"]
            return found
    return None
