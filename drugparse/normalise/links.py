"""External-link parameters: Drugs.com and MedlinePlus, to ids and URLs.

>>> drugs_com(parse_wikitext("{{drugs.com|monograph|imiglucerase}}"), "x")[0]["url"]
'https://www.drugs.com/monograph/imiglucerase.html'
>>> medlineplus(parse_wikitext("a601149"), "clinical.medlineplus")
({'id': 'a601149', 'url': 'https://medlineplus.gov/druginfo/meds/a601149.html'}, [])
"""

from __future__ import annotations

import re

from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import Record, WarningEntry
from drugparse.errors import warning
from drugparse.normalise.text import plain_text
from drugparse.normalise.values import text
from drugparse.wikitext import (  # noqa: F401  (parse_wikitext: doctest)
    child_templates,
    parse_wikitext,
    template_name,
)

__all__ = ["DRUGS_COM_PATHS", "drugs_com", "medlineplus"]

#: Template:Drugs.com's first argument to the URL path it links to (its documentation).
DRUGS_COM_PATHS: dict[str, str] = {
    "monograph": "monograph/{}.html", "mtm": "mtm/{}.html", "cons": "cons/{}.html",
    "cdi": "cdi/{}.html", "pro": "pro/{}.html", "ppa": "ppa/{}.html", "npp": "npp/{}.html",
    "otc": "otc/{}.html", "international": "international/{}.html", "parent": "{}.html",
    "drug-class": "drug-class/{}.html", "dosage": "dosage/{}.html", "uk": "uk/{}.html",
    "vet": "vet/{}.html", "sfx": "sfx/{}-side-effects.html", "history": "history/{}.html",
    "pregnancy": "pregnancy/{}.html", "breastfeeding": "breastfeeding/{}.html",
}  # fmt: skip

_MEDLINEPLUS_ID = re.compile(r"^[a-z]\d{6}$")


def drugs_com(code: Wikicode, field: str) -> tuple[Record | None, list[WarningEntry]]:
    """``{{drugs.com|KIND|SLUG}}`` -> ``{kind, slug, url}``; other text is kept as ``text``."""
    for template in child_templates(code):
        if template_name(template) != "drugs.com":
            continue
        args = [plain_text(p.value) for p in template.params if not p.showkey]  # no markup
        if len(args) < 2 or not args[1]:
            break
        kind, slug = args[0].lower(), args[1]
        path = DRUGS_COM_PATHS.get(kind)
        if path is None:
            message = f"unknown Drugs.com kind {kind!r}"
            return {"kind": kind, "slug": slug}, [warning("unparsed_value", field, message)]
        return {"kind": kind, "slug": slug, "url": "https://www.drugs.com/" + path.format(slug)}, []
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    message = f"not a {{{{drugs.com}}}} link: {value!r}"
    return {"text": value}, [*warnings, warning("unparsed_value", field, message)]


def medlineplus(code: Wikicode, field: str) -> tuple[Record | None, list[WarningEntry]]:
    """A MedlinePlus drug id (``a601149``) and the page it names."""
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    if not _MEDLINEPLUS_ID.match(value):
        message = f"{value!r} is not a MedlinePlus drug id (a + 6 digits)"
        return {"id": value}, [*warnings, warning("invalid_format", field, message)]
    return {"id": value, "url": f"https://medlineplus.gov/druginfo/meds/{value}.html"}, warnings
