"""Parse stage: wikitext to mwparserfromhell's tree, and names as MediaWiki compares them.

``skip_style_tags=True`` is not optional: without it mwparserfromhell may turn
bold/italic quotes that cross a template into tags and lose the template
(mwparserfromhell issue #40). With it, ``''`` stays in text nodes and the
text renderer removes it.
"""

from __future__ import annotations

import re

import mwparserfromhell
from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

__all__ = ["parse_wikitext", "template_name", "page_title", "param_name"]

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_SPACES = re.compile(r"[\s_]+")


def parse_wikitext(text: str) -> Wikicode:
    """``parse_wikitext("{{Drugbox|CAS_number=1}}")`` -> a tree with one Template node."""
    return mwparserfromhell.parse(text, skip_style_tags=True)


def template_name(template: Template) -> str:
    """A template's name folded for lookups: ``{{ Infobox_Drug <!--x--> |`` -> ``infobox drug``.

    MediaWiki only folds the first letter's case; folding all of it costs
    nothing here (no two templates we read differ only in case) and also
    matches the redirects editors actually use (``{{NoWrap}}``).
    """
    return page_title(str(template.name)).lower()


def page_title(raw: str) -> str:
    """A link or template target as MediaWiki names it: ``" a_b "`` -> ``A b``."""
    text = _SPACES.sub(" ", _COMMENT.sub("", raw)).strip()
    if text.startswith(":"):
        text = text[1:].lstrip()
    return text[:1].upper() + text[1:]


def param_name(param) -> str:
    """A template parameter's name without comments or surrounding space: ``" CAS_number "``."""
    name = str(param.name)
    if "<!--" in name:
        name = _COMMENT.sub("", name)
    return name.strip()
