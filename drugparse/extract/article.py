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

__all__ = ["Article", "read_article", "lead_name", "HATNOTES"]

#: Templates shown above the lead that are not part of it (Category:Hatnote templates).
HATNOTES = frozenset(
    {
        "about", "for", "other uses", "redirect", "redirect2", "distinguish", "see also",
        "main", "further", "other people", "hatnote", "for multi", "redirect-multi",
        "about-distinguish", "confused", "technical", "more citations needed", "refimprove",
        "medref", "primary sources", "update", "multiple issues", "cleanup", "orphan",
        "lead too short", "unreferenced", "essay-like", "copy edit", "pov", "expand section",
    }
)  # fmt: skip

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_BOLD = re.compile(r"'''(.+?)'''")
_SEE_ALSO = frozenset({"see also", "related articles", "related drugs"})


@dataclass
class Article:
    """The parts of the page outside the infobox, as record values."""

    summary: str | None = None
    lead: list = field(default_factory=list, repr=False)
    infobox: Template | None = field(default=None, repr=False)
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
    article.summary, article.warnings = _summary(lead, infobox)
    article.lead, article.infobox = lead, infobox
    article.sections = [{"heading": heading, "level": level} for heading, level, _ in sections]
    for heading, _, nodes in sections:
        if heading.lower() in _SEE_ALSO:
            article.see_also.extend(_see_also(nodes))
    article.categories = _categories(templates_and_links(code)[1] if links is None else links)
    # Navboxes and stubs close the page: they sit in its last section (or lead, if none).
    last = sections[-1][2] if sections else _lead_nodes(lead, infobox)
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
        if isinstance(node, Template) and template_name(node) in HATNOTES:
            continue
        kept.append(node)
    return kept


def _paragraphs(nodes: list) -> list[Wikicode]:
    groups: list[list] = [[]]
    for node in nodes:
        if isinstance(node, Text) and _BLANK_LINE.search(node.value):
            parts = _BLANK_LINE.split(node.value)
            groups[-1].append(Text(parts[0]))
            groups.extend([Text(part)] for part in parts[1:])
        else:
            groups[-1].append(node)
    return [Wikicode(group) for group in groups]


def _summary(lead: list, infobox: Template | None) -> tuple[str | None, list[dict]]:
    paragraphs, warnings, missing = [], [], []
    for paragraph in _paragraphs(_lead_nodes(lead, infobox)):
        result = render(paragraph)
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
    for node in _lead_nodes(article.lead, article.infobox):
        if isinstance(node, Text | Wikilink | Template | Tag):
            match = _BOLD.search(str(node))
            if match:
                name = render(match.group(1)).text
                if name:
                    return name
    return None


def _lines(nodes: list) -> list[list]:
    """Split top-level nodes into source lines (Text nodes are cut at newlines)."""
    lines: list[list] = [[]]
    for node in nodes:
        if isinstance(node, Text) and "\n" in node.value:
            first, *rest = node.value.split("\n")
            lines[-1].append(Text(first))
            lines.extend([Text(part)] for part in rest)
        else:
            lines[-1].append(node)
    return lines


def _see_also(nodes: list) -> list[dict]:
    """``* [[Afegostat]] (development terminated)`` -> title and note, one per line."""
    entries = []
    for line in _lines(nodes):
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
        or name in HATNOTES
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
