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

from mwparserfromhell.nodes import Heading, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import Record, WarningEntry
from drugparse.errors import warning
from drugparse.normalise.text import render
from drugparse.tables.namespaces import is_non_prose_link
from drugparse.tables.templates import ABOVE_LEAD, end_of_article_kind
from drugparse.wikitext import (  # noqa: F401  (parse_wikitext: doctest)
    page_title,
    parse_wikitext,
    template_name,
    templates_and_links,
    written_name,
)

__all__ = ["Article", "read_article", "lead_name"]

_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_NEWLINE = re.compile("\n")
_BOLD = re.compile(r"'''(.+?)'''")
_SEE_ALSO = frozenset({"see also", "related articles", "related drugs"})


@dataclass
class Article:
    """The parts of the page outside the infobox, as record values."""

    summary: str | None = None
    lead: list[Node] = field(default_factory=list, repr=False)  # its nodes: no infobox, no hatnotes
    sections: list[Record] = field(default_factory=list)
    see_also: list[Record] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    navboxes: list[str] = field(default_factory=list)
    external_links: list[str] = field(default_factory=list)
    stubs: list[str] = field(default_factory=list)
    warnings: list[WarningEntry] = field(default_factory=list)


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
            article.see_also.extend(_see_also(nodes, article.warnings))
    article.warnings += _heading_warnings(code)
    article.categories = _categories(templates_and_links(code)[1] if links is None else links)
    # Navboxes and stubs close the page: they sit in its last section (or lead, if none).
    last = sections[-1][2] if sections else article.lead
    trailing = _trailing_templates(last, infobox)
    article.navboxes = trailing.get("navbox", [])
    article.external_links = trailing.get("external link", [])
    article.stubs = trailing.get("stub", [])
    return article


def _heading_warnings(code: Wikicode) -> list[WarningEntry]:
    """``unrendered_template`` for a template in a heading that has no text rendering."""
    missing: list[str] = []
    for node in code.nodes:
        if isinstance(node, Heading):
            missing.extend(render(node.title).unrendered)
    return _unrendered(missing, "sections", "a heading")


def _unrendered(names: list[str], field: str, where: str) -> list[WarningEntry]:
    return [
        warning(
            "unrendered_template",
            field,
            f"template {{{{{name}}}}} in {where} has no text rendering",
        )
        for name in dict.fromkeys(names)
    ]


def _split_sections(code: Wikicode) -> tuple[list[Node], list[tuple[str, int, list[Node]]]]:
    lead: list[Node] = []
    sections: list[tuple[str, int, list[Node]]] = []
    for node in code.nodes:
        if isinstance(node, Heading):
            heading = render(node.title).text
            sections.append((heading, node.level, []))
        elif sections:
            sections[-1][2].append(node)
        else:
            lead.append(node)
    return lead, sections


def _lead_nodes(lead: list[Node], infobox: Template | None) -> list[Node]:
    kept = []
    for node in lead:
        if node is infobox:
            continue
        if isinstance(node, Template) and template_name(node) in ABOVE_LEAD:
            continue
        kept.append(node)
    return kept


def _split_at(nodes: list[Node], separator: re.Pattern[str]) -> list[list[Node]]:
    """Top-level nodes in groups, a new group at each ``separator`` inside a Text node."""
    groups: list[list[Node]] = [[]]
    for node in nodes:
        parts = separator.split(node.value) if isinstance(node, Text) else ()
        if len(parts) > 1:
            groups[-1].append(Text(parts[0]))
            groups.extend([Text(part)] for part in parts[1:])
        else:
            groups[-1].append(node)
    return groups


def _summary(lead: list[Node]) -> tuple[str | None, list[WarningEntry]]:
    """Paragraphs joined by a blank line; the items of a list in a paragraph (``*`` lines,
    ``<br>``, ``{{ubl}}``) each on their own line."""
    paragraphs, missing = [], []
    for paragraph in _split_at(lead, _BLANK_LINE):
        result = render(Wikicode(paragraph))
        if result.items:
            paragraphs.append("\n".join(result.items))
        missing.extend(result.unrendered)
    return "\n\n".join(paragraphs) or None, _unrendered(missing, "summary", "the lead")


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


#: Templates that link a page in a See also list[Node]: name -> how the linked title is read.
_LINK_TEMPLATES = frozenset(
    {"slink", "section link", "annotated link", "cl", "category link", "see also link"}
)
_CONTAINERS = ("div col", "columns-list", "col-begin", "flatlist", "plainlist", "div col end")


def _see_also(nodes: list[Node], warnings: list[WarningEntry]) -> list[Record]:
    """``* [[Afegostat]] (development terminated)`` -> title and note, one per line.

    A line with no link heads the deeper lines below it: ``* Other drugs for X`` then
    ``** [[Y]]`` gives ``{"title": "Y", "under": "Other drugs for X"}``.
    """
    entries: list[Record] = []
    parents: list[tuple[int, str]] = []  # (depth, label) of the lines above, outermost first
    missing: list[str] = []
    for line in _split_at(nodes, _NEWLINE):  # source lines
        while line and isinstance(line[0], Text) and not line[0].value:
            line = line[1:]
        depth = 0
        while depth < len(line) and isinstance(line[depth], Tag) and str(line[depth]) in "*#:;":
            depth += 1
        while parents and parents[-1][0] >= depth:
            parents.pop()
        entry, rest = _see_also_link(line, depth, entries, warnings)
        if entry is not None:
            note_result = render(Wikicode(rest))
            missing.extend(note_result.unrendered)
            note = note_result.text.strip(" ()–—-,:;")
            if note:
                entry["note"] = note
            if parents and depth:
                entry["under"] = parents[-1][1]
            entries.append(entry)
            if depth:
                parents.append((depth, entry["title"]))
            continue
        if depth:
            result = render(Wikicode(line[depth:]))
            missing.extend(result.unrendered)
            label = result.text.strip(" :")
            if label:
                parents.append((depth, label))
    warnings += _unrendered(missing, "see_also", "See also")
    return entries


def _see_also_link(
    line: list[Node], start: int, entries: list[Record], warnings: list[WarningEntry]
) -> tuple[Record | None, list[Node]]:
    """The line's link as an entry, and the nodes after it (its note)."""
    for index in range(start, len(line)):
        node = line[index]
        if isinstance(node, Template):
            name = template_name(node)
            if name in _LINK_TEMPLATES:
                entry = _link_template_entry(node, name)
                if entry is not None:
                    return entry, line[index + 1 :]
            elif name.startswith(_CONTAINERS) or name in ("ubl", "unbulleted list", "hlist"):
                for param in node.params:  # {{div col}}, {{columns-list|...}}, {{flatlist|...}}
                    entries.extend(_see_also(param.value.nodes, warnings))
            continue
        if isinstance(node, Wikilink) and not is_non_prose_link(str(node.title)):
            return {"title": page_title(str(node.title).split("#")[0])}, line[index + 1 :]
        if isinstance(node, Text) and node.value.strip():
            continue
    return None, []


def _link_template_entry(template: Template, name: str) -> Record | None:
    """``{{slink|Page|Section}}`` -> title and section; ``{{cl|Drugs}}`` -> ``Category:Drugs``;
    ``{{annotated link|Page}}`` -> the title (its description comes from the target page
    and is not in the wikitext)."""
    values = [render(p.value).text for p in template.params if not p.showkey]
    if not values or not values[0].strip():
        return None
    if name in ("cl", "category link"):
        return {
            "title": page_title("Category:" + values[0].removeprefix(":").removeprefix("Category:"))
        }
    page, _, section = values[0].partition("#")
    entry = {"title": page_title(page)}
    if name in ("slink", "section link", "see also link"):
        section = section or (values[1] if len(values) > 1 else "")
    if section.strip():
        entry["section"] = section.strip()
    return entry


def _categories(links: list[Wikilink]) -> list[str]:
    names: dict[str, None] = {}
    for link in links:
        target = str(link.title).strip()
        head, _, rest = target.partition(":")
        if head.strip().lower() == "category" and rest.strip():
            names[page_title(rest)] = None
    return list(names)


def _trailing_templates(nodes: list[Node], infobox: Template | None) -> dict[str, list[str]]:
    """Templates standing alone on their line in the last section, by kind
    (:func:`~drugparse.tables.templates.end_of_article_kind`): ``navbox``,
    ``external link``, ``stub``; magic words, maintenance and the rest are dropped."""
    kinds: dict[str, list[str]] = {}
    for node in nodes:
        if not isinstance(node, Template) or node is infobox:
            continue
        kind = end_of_article_kind(template_name(node))
        kinds.setdefault(kind, []).append(written_name(node))
    return kinds
