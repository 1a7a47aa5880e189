"""Extract stage: the article around the infobox — lead, headings, See also, categories.

>>> page = parse_wikitext("{{Drugbox}}'''X''' is a [[drug]].\\n\\nMore.\\n==See also==\\n"
...                       "* [[y_z]] (withdrawn)\\n[[Category:Drugs|X]]\\n{{drug-stub}}")
>>> structure = read_article(page, page.filter_templates()[0])
>>> structure.summary, structure.see_also, structure.categories, structure.stubs
('X is a drug.\\n\\nMore.', [{'title': 'Y z', 'note': 'withdrawn'}], ['Drugs'], ['drug-stub'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mwparserfromhell.nodes import Heading, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from drugparse.errors import warning
from drugparse.normalize.text import SILENT_TEMPLATES, TEMPLATE_RENDERERS, render
from drugparse.wikitext import (  # noqa: F401  (parse_wikitext: doctest)
    page_title,
    parse_wikitext,
    template_name,
    templates_and_links,
    written_name,
)

__all__ = ["ABOVE_LEAD", "Article", "HATNOTES", "MAINTENANCE_TAGS", "read_article", "lead_name"]

#: Hatnotes: Wikipedia:Hatnote § Hatnote templates (and Category:Hatnote templates);
#: "confused" is a redirect to {{Distinguish}}. Names folded; consulted 2026-11.
HATNOTES = frozenset(
    {
        "about", "for", "other uses", "redirect", "redirect2", "distinguish", "see also",
        "main", "further", "other people", "hatnote", "for multi", "redirect-multi",
        "about-distinguish", "confused",
    }
)  # fmt: skip

#: Maintenance (cleanup) tags placed at the top of an article, after its hatnotes:
#: Wikipedia:Template index/Cleanup (with their redirects: refimprove, medref, pov).
MAINTENANCE_TAGS = frozenset(
    {
        "technical", "more citations needed", "refimprove", "medref", "primary sources",
        "update", "multiple issues", "cleanup", "orphan", "lead too short", "unreferenced",
        "essay-like", "copy edit", "pov", "expand section",
    }
)  # fmt: skip

#: Templates shown above the lead that are not part of it.
ABOVE_LEAD = HATNOTES | MAINTENANCE_TAGS

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_NEWLINE = re.compile("\n")
_BOLD = re.compile(r"'''(.+?)'''")
_SEE_ALSO = frozenset({"see also", "related articles", "related drugs"})


@dataclass
class Article:
    """The parts of the page outside the infobox, as record values."""

    summary: str | None = None
    lead: list = field(default_factory=list, repr=False)  # its nodes: no infobox, no hatnotes
    sections: list[dict] = field(default_factory=list)
    see_also: list[dict] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    navboxes: list[str] = field(default_factory=list)
    stubs: list[str] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)


def read_article(
    code: Wikicode, infobox: Template | None, links: list[Wikilink] | None = None
) -> Article:
    """Lead, headings, See also, categories and trailing templates of a page.

    ``links``: every wikilink of the page in document order, when the caller has them.
    """
    article = Article()
    lead, sections = _split_sections(code)
    article.lead = _lead_nodes(lead, infobox)
    article.summary, article.warnings = _summary(article.lead)
    article.sections = [{"heading": heading, "level": level} for heading, level, _ in sections]
    for heading, _, nodes in sections:
        if heading.lower() in _SEE_ALSO:
            article.see_also.extend(_see_also(nodes))
    article.categories = _categories(templates_and_links(code)[1] if links is None else links)
    # Navboxes and stubs close the page: they sit in its last section (or lead, if none).
    last = sections[-1][2] if sections else article.lead
    article.navboxes, article.stubs = _trailing_templates(last, infobox)
    return article


def _split_sections(code: Wikicode) -> tuple[list, list[tuple[str, int, list]]]:
    lead: list = []
    sections: list[tuple[str, int, list]] = []
    for node in code.nodes:
        if isinstance(node, Heading):
            heading = render(node.title).text
            sections.append((heading, node.level, []))
        elif sections:
            sections[-1][2].append(node)
        else:
            lead.append(node)
    return lead, sections


def _lead_nodes(lead: list, infobox: Template | None) -> list:
    kept = []
    for node in lead:
        if node is infobox:
            continue
        if isinstance(node, Template) and template_name(node) in ABOVE_LEAD:
            continue
        kept.append(node)
    return kept


def _split_at(nodes: list, separator: re.Pattern) -> list[list]:
    """Top-level nodes in groups, a new group at each ``separator`` inside a Text node."""
    groups: list[list] = [[]]
    for node in nodes:
        parts = separator.split(node.value) if isinstance(node, Text) else ()
        if len(parts) > 1:
            groups[-1].append(Text(parts[0]))
            groups.extend([Text(part)] for part in parts[1:])
        else:
            groups[-1].append(node)
    return groups


def _summary(lead: list) -> tuple[str | None, list[dict]]:
    paragraphs, warnings, missing = [], [], []
    for paragraph in _split_at(lead, _BLANK_LINE):
        result = render(Wikicode(paragraph))
        if result.text:
            paragraphs.append(result.text)
        missing.extend(result.unrendered)
    for name in dict.fromkeys(missing):
        message = f"template {{{{{name}}}}} in the lead has no text rendering"
        warnings.append(warning("unrendered_template", "summary", message))
    return "\n\n".join(paragraphs) or None, warnings


def lead_name(article: Article) -> str | None:
    """The first bold name of the lead: ``'''Imiglucerase''' is ...`` -> ``Imiglucerase``.

    Read only when asked: a page whose title is known does not need it.
    """
    for node in article.lead:
        if isinstance(node, Text | Wikilink | Template | Tag):
            match = _BOLD.search(str(node))
            if match:
                name = render(match.group(1)).text
                if name:
                    return name
    return None


def _see_also(nodes: list) -> list[dict]:
    """``* [[Afegostat]] (development terminated)`` -> title and note, one per line."""
    entries = []
    for line in _split_at(nodes, _NEWLINE):  # source lines
        for index, node in enumerate(line):
            if isinstance(node, Template):  # {{div col}}, {{columns-list|...}}, {{flatlist|...}}
                for param in node.params:
                    entries.extend(_see_also(param.value.nodes))
                continue
            if isinstance(node, Wikilink) and not _is_namespaced(str(node.title)):
                entry = {"title": page_title(str(node.title).split("#")[0])}
                note = render(Wikicode(line[index + 1 :])).text.strip(" ()–—-,:;")
                if note:
                    entry["note"] = note
                entries.append(entry)
                break
    return entries


def _is_namespaced(target: str) -> bool:
    head = target.strip().lower()
    return head.startswith(("category:", "file:", "image:", ":category:"))


def _categories(links: list[Wikilink]) -> list[str]:
    names: dict[str, None] = {}
    for link in links:
        target = str(link.title).strip()
        head, _, rest = target.partition(":")
        if head.strip().lower() == "category" and rest.strip():
            names[page_title(rest)] = None
    return list(names)


def _is_inline(name: str) -> bool:
    """Templates that render inline or carry metadata are not navboxes."""
    return (
        name in SILENT_TEMPLATES
        or name in TEMPLATE_RENDERERS
        or name in ABOVE_LEAD
        or name.startswith("#")
    )


def _trailing_templates(nodes: list, infobox: Template | None) -> tuple[list[str], list[str]]:
    """Templates standing alone on their line in the last section: navboxes and stubs."""
    navboxes, stubs = [], []
    for node in nodes:
        if not isinstance(node, Template) or node is infobox:
            continue
        name = template_name(node)
        written = written_name(node)
        if name.endswith("stub"):
            stubs.append(written)
        elif not _is_inline(name):
            navboxes.append(written)
    return navboxes, stubs
