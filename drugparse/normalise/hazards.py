"""Chembox Hazards values, kept as written, with the codes of their templates.

Hazard data is written with templates the renderer has no text for: GHS pictograms
(``{{GHS07}}``, ``{{GHS exclamation mark}}``: Template:GHS07...GHS09 and their named
redirects), hazard and precautionary statements (``{{H-phrases|302|315}}``,
``{{P-phrases|264|270}}``, the older ``{{R-phrases}}``/``{{S-phrases}}``, Template:H-phrases
and friends). Each such template is read as its codes (``GHS07``; ``H302, H315``) and any
other template the renderer cannot show is kept as written, so a hazard value is never
emptied by its markup.

>>> hazard_text(parse_wikitext("{{GHS07}}{{GHS08}}"), "hazards.GHSPictograms")
('GHS07 GHS08', [])
>>> hazard_text(parse_wikitext("{{H-phrases|302|315}}"), "hazards.HPhrases")
('H302, H315', [])
"""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Tag, Template, Text
from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import WarningEntry
from drugparse.normalise.text import render
from drugparse.normalise.values import text
from drugparse.wikitext import parse_wikitext, tag_name, template_name

__all__ = ["GHS_PICTOGRAMS", "PHRASE_TEMPLATES", "hazard_text"]

#: GHS pictogram templates by their names (UN GHS, Annex 3: the nine pictograms).
GHS_PICTOGRAMS: dict[str, str] = {
    "ghs exploding bomb": "GHS01",
    "ghs flame": "GHS02",
    "ghs flame over circle": "GHS03",
    "ghs gas cylinder": "GHS04",
    "ghs corrosion": "GHS05",
    "ghs skull and crossbones": "GHS06",
    "ghs exclamation mark": "GHS07",
    "ghs health hazard": "GHS08",
    "ghs environment": "GHS09",
}
_GHS_NUMBER = re.compile(r"^ghs ?0?([1-9])$")

#: Statement templates -> the letter of their codes (``{{H-phrases|302}}`` -> ``H302``).
PHRASE_TEMPLATES: dict[str, str] = {
    "h-phrases": "H",
    "p-phrases": "P",
    "r-phrases": "R",
    "s-phrases": "S",
    "euh-phrases": "EUH",
    "ghs h-phrases": "H",
    "ghs p-phrases": "P",
}


def _codes(template: Template) -> str | None:
    name = template_name(template)
    if match := _GHS_NUMBER.match(name):
        return f"GHS0{match[1]}"
    if name in GHS_PICTOGRAMS:
        return GHS_PICTOGRAMS[name]
    letter = PHRASE_TEMPLATES.get(name)
    if letter is not None:
        codes = [str(p.value).strip() for p in template.params if not p.showkey]
        return ", ".join(c if c.upper().startswith(letter) else letter + c for c in codes if c)
    if render(parse_wikitext("{{" + str(template.name).strip() + "}}")).unrendered:
        return "<nowiki>" + " ".join(str(template).split()) + "</nowiki>"  # kept as written
    return None


def _substitute(code: Wikicode) -> None:
    for index, node in enumerate(code.nodes):
        if isinstance(node, Tag) and tag_name(node) == "ref":
            continue
        if isinstance(node, Template):
            codes = _codes(node)
            if codes is not None:
                code.nodes[index] = Text(" " + codes + " ")
                continue
        for child in node.__children__():
            _substitute(child)


def hazard_text(code: Wikicode, field: str) -> tuple[str | None, list[WarningEntry]]:
    """A hazard value as plain text, its pictogram and statement templates as codes."""
    copy = parse_wikitext(str(code))
    _substitute(copy)
    return text(parse_wikitext(str(copy)), field)
