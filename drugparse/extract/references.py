"""Extract stage: every ``<ref>`` of a page, as citations in order of first use.

A named ref used again (``<ref name="x" />``) is the same citation with one
more use; a ref is defined where it has a body, wherever that is (before or
after its uses, in an infobox value, in ``{{reflist|refs=...}}`` or in
``<references>...</references>``). Each citation records where it is cited:
``lead``, the heading of its section, or ``infobox:<parameter>``.

>>> page = parse_wikitext("A.<ref name=a>{{cite web|title=T|url=http://x}}</ref>\\n"
...                       "==Uses==\\nB.<ref name=a/><ref>plain note</ref>")
>>> [(c["id"], c.get("title") or c.get("text"), c["uses"], c["cited_in"])
...  for c in collect_citations(page).citations]
[('a', 'T', 2, ['lead', 'Uses']), ('ref-2', 'plain note', 1, ['Uses'])]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from mwparserfromhell.nodes import ExternalLink, Heading, Node, Tag, Template, Text, Wikilink
from mwparserfromhell.nodes.extras import Attribute
from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import Record, WarningEntry
from drugparse.errors import warning
from drugparse.extract.cite import parse_cite, parse_cite_like
from drugparse.extract.footnotes import (
    SHORT_FOOTNOTES,
    citation_anchor,
    find_target,
    footnote_key,
    short_footnote,
)
from drugparse.extract.infobox import Infobox
from drugparse.normalise.bibliographic import normalise_identifier, normalise_identifiers
from drugparse.normalise.dates import parse_date
from drugparse.normalise.text import plain_text, render
from drugparse.tables.cs1 import CITE_TEMPLATES, IDENTIFIER_KEYS
from drugparse.tables.ref_templates import (
    ARCHIVE_TEMPLATES,
    BARE_IDENTIFIERS,
    BIBLIOGRAPHY_SECTIONS,
    BOT_TEMPLATES,
    DEAD_LINK_TEMPLATES,
    IDENTIFIER_LINK_TEMPLATES,
    LICENCE_TEMPLATES,
    NOTICE_TEMPLATES,
    WRAPPER_TEMPLATES,
)
from drugparse.wikitext import (
    param_name,
    parse_wikitext,
    tag_name,
    template_name,
    written_name,
)

__all__ = ["Citations", "collect_citations", "is_empty_citation", "NOTE_TEMPLATES"]

#: Templates that hold a footnote body like ``<ref>``: name -> default group.
#: (Template:Efn puts notes in the lower-alpha group; Template:Refn has none;
#: Template:NoteTag's notes are listed by Template:NoteFoot, a list like {{notelist}}.)
NOTE_TEMPLATES: dict[str, str | None] = {
    "efn": "lower-alpha",
    "efn-ua": "upper-alpha",
    "efn-lr": "lower-roman",
    "efn-ur": "upper-roman",
    "efn-lg": "lower-greek",
    "refn": None,
    "notetag": "note",
    "#tag:ref": None,
}

#: Templates that hold list-defined refs in a parameter: name -> parameter.
LIST_DEFINED = {"reflist": "refs", "references": "refs", "notelist": "refs", "notefoot": "refs"}

_URL = re.compile(r"https?://[^\s\]<>|]+|//[^\s\]<>|]+")


@dataclass
class _Entry:
    group: str | None
    name: str | None
    body: Wikicode | None = None
    uses: int = 0
    cited_in: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    short: Record | None = None  # fields of a short footnote ({{sfn}}, {{harvnb}})
    role: str = "reference"  # or "bibliography": a full citation listed outside any ref
    listed_in: str | None = None  # a bibliography entry's section


@dataclass
class Citations:
    """The page's citations (record dicts, ``citations`` order) and their warnings."""

    citations: list[Record]
    warnings: list[WarningEntry]


class _Collector:
    def __init__(self, infobox: Infobox | None):
        self.infobox = infobox.template if infobox is not None else None
        self.parameters = infobox.parameters if infobox is not None else []
        self.entries: list[_Entry] = []
        self.by_name: dict[tuple[str | None, str], _Entry] = {}
        self.last: _Entry | None = None
        self.bibliography: int | None = None  # level of the Further reading-like heading

    # -- walking ---------------------------------------------------------
    def walk(self, code: Wikicode, where: str, in_ref: bool = False) -> str:
        """Record the refs under ``code``; ``in_ref``: inside a ref body, whose own
        citation templates and short footnotes belong to that ref."""
        nodes = code.nodes
        index = 0
        while index < len(nodes):
            node = nodes[index]
            index += 1
            # isinstance() narrows for mypy and, as no node class derives from another,
            # matches exactly the nodes ``type(node) is ...`` did.
            if isinstance(node, Heading):
                where = plain_text(node.title) or where
                self.heading(node.level, where)
            elif not in_ref and self.bibliography is not None and _is_list_item(node):
                index = self.list_item(nodes, index, where)
            elif isinstance(node, Tag):
                self.tag(node, where, in_ref)
            elif isinstance(node, Template):
                if not (in_ref and _belongs_to_ref(node)):
                    self.template(node, where, in_ref)
            elif isinstance(node, Wikilink) and node.text is not None:
                self.walk(node.text, where, in_ref)
            elif isinstance(node, ExternalLink) and node.title is not None:
                self.walk(node.title, where, in_ref)
            elif isinstance(node, Text) and not node.value.isspace():
                self.last = None
        return where

    def heading(self, level: int, title: str) -> None:
        """Enter or leave a Further reading-like section (its subsections stay in it)."""
        if self.bibliography is not None and level > self.bibliography:
            return
        listing = title.strip().rstrip(":").lower() in BIBLIOGRAPHY_SECTIONS
        self.bibliography = level if listing else None

    def list_item(self, nodes: list[Node], start: int, where: str) -> int:
        """A list item of a Further reading-like section, from ``nodes[start]`` to the end
        of its line: one bibliography entry, whether it holds a citation template or is
        written as plain text (``* Smith J (2001). ''Title''. ISBN …``). Returns the index
        of the node that ends the line."""
        end = start
        markup = [str(nodes[start - 1])]
        while end < len(nodes):
            opener = nodes[end]
            if not isinstance(opener, Tag) or opener.wiki_markup not in ("*", "#", ":", ";"):
                break
            markup.append(str(opener))
            end += 1  # "**", "*:": the markup of one item
        line: list[Node] = []
        while end < len(nodes):
            node = nodes[end]
            if isinstance(node, Text) and "\n" in node.value:
                line.append(Text(node.value.split("\n", 1)[0]))
                break
            line.append(node)
            end += 1
        body = Wikicode([n for n in line if not (isinstance(n, Tag) and tag_name(n) == "ref")])
        continued = markup[-1] == ":"  # "*:": more about the item above, not a new one
        if (
            not continued
            and not _is_blank(body)
            and (plain_text(body) or body.filter_external_links() or _RefBody(body).sources)
        ):
            entry = _Entry(None, None, body=body, role="bibliography", listed_in=where)
            self.entries.append(entry)
        self.walk(Wikicode(line), where, in_ref=True)  # its refs; its templates are its own
        self.last = None
        return end

    def tag(self, tag: Tag, where: str, in_ref: bool = False) -> None:
        name = tag_name(tag)
        if name == "ref":
            self.ref(*_ref_parts(tag), where, used=True)
        elif name == "references":
            if tag.contents is not None and not tag.self_closing:
                self.list_defined(tag.contents)
        elif tag.contents is not None and not tag.self_closing:
            self.walk(tag.contents, where, in_ref)

    def template(self, template: Template, where: str, in_ref: bool = False) -> None:
        name = template_name(template)
        if template is self.infobox:
            # The box's own parameters, Chembox sections flattened: refs are cited in them.
            for parameter in self.parameters:
                self.walk(parameter.value, f"infobox:{parameter.name}")
            self.last = None
            return
        if name in NOTE_TEMPLATES:
            self.note(template, name, where)
            return
        if name in ("rp", "r") and self.last is not None:
            self.rp(template)
            return
        if name in SHORT_FOOTNOTES:
            self.short(template, where)
            return
        if not in_ref and (name in CITE_TEMPLATES or _is_citation_like(template, name)):
            # a full citation outside <ref>: a bibliography entry
            entry = _Entry(None, None, body=Wikicode([template]), role="bibliography")
            entry.listed_in = where
            self.entries.append(entry)
            self.last = None
            return
        for param in template.params:
            if LIST_DEFINED.get(name) == param_name(param):
                self.list_defined(param.value)
            else:
                self.walk(param.value, where, in_ref)

    def list_defined(self, code: Wikicode) -> None:
        for tag in code.ifilter_tags(recursive=False):
            if tag_name(tag) == "ref":
                self.ref(*_ref_parts(tag), None, used=False)

    def note(self, template: Template, name: str, where: str) -> None:
        body = None
        named: dict[str, str] = {}
        for param in template.params:
            if param.showkey and param_name(param) in ("name", "group"):
                named[param_name(param)] = str(param.value).strip()
            elif (not param.showkey or param_name(param) == "1") and body is None:
                body = param.value  # {{efn|text}}, {{NoteTag|1=text}}
        group = named.get("group", NOTE_TEMPLATES[name])
        self.ref(named.get("name"), group, body, where, used=True)

    def short(self, template: Template, where: str) -> None:
        fields = short_footnote(template)
        key = (f"#{template_name(template)}", footnote_key(template))
        entry = self.by_name.get(key)
        if entry is None:
            entry = _Entry(None, None, short=fields)
            self.entries.append(entry)
            self.by_name[key] = entry
        entry.uses += 1
        if where not in entry.cited_in:
            entry.cited_in.append(where)
        self.last = entry

    def rp(self, template: Template) -> None:
        for param in template.params:
            value = plain_text(param.value)
            if value and self.last is not None:
                self.last.pages.append(value)

    # -- recording -------------------------------------------------------
    def ref(
        self,
        name: str | None,
        group: str | None,
        body: Wikicode | None,
        where: str | None,
        used: bool,
    ) -> None:
        name = name or None
        group = group or None
        if body is not None and _is_blank(body):
            body = None
        entry = self.by_name.get((group, name)) if name else None
        if entry is None:
            entry = _Entry(group, name)
            self.entries.append(entry)
            if name:
                self.by_name[(group, name)] = entry
        if body is not None and entry.body is None:
            entry.body = body
            self.walk(body, where or "references", in_ref=True)  # refs nested in notes
        if used:
            entry.uses += 1
            if where and where not in entry.cited_in:
                entry.cited_in.append(where)
        self.last = entry if used else self.last


def _is_list_item(node: Node) -> bool:
    """The markup that opens a list item: ``*``, ``#`` (``;`` terms and ``:`` indents are not)."""
    return isinstance(node, Tag) and node.wiki_markup in ("*", "#")


def _belongs_to_ref(template: Template) -> bool:
    name = template_name(template)
    return name in SHORT_FOOTNOTES or name in CITE_TEMPLATES


def _is_blank(code: Wikicode) -> bool:
    """Whether ``code`` is only whitespace (any node but text prints as markup)."""
    return all(type(node) is Text and not node.value.strip() for node in code.nodes)


def _ref_parts(tag: Tag) -> tuple[str | None, str | None, Wikicode | None]:
    """``<ref name=a group=note>body</ref>`` -> ``("a", "note", body)``; no body if self-closing."""
    attributes = {str(a.name).strip().lower(): _attr(a) for a in tag.attributes}
    body = None if tag.self_closing else tag.contents
    return attributes.get("name"), attributes.get("group"), body


def _attr(attribute: Attribute) -> str:
    return str(attribute.value).strip() if attribute.value is not None else ""


def collect_citations(code: Wikicode, infobox: Infobox | None = None) -> Citations:
    """Walk the page once; return its citations and the warnings about them."""
    collector = _Collector(infobox)
    collector.walk(code, "lead")
    citations: list[Record] = []
    warnings: list[WarningEntry] = []
    taken: set[str] = {e.name for e in collector.entries if e.name}
    for position, entry in enumerate(collector.entries, start=1):
        ref_id = entry.name or _free_id(f"ref-{position}", taken)
        citations.extend(_records(entry, ref_id, taken, warnings))
    _link_short_footnotes(citations, warnings)
    _flag_empty(citations, warnings)
    return Citations(citations, warnings)


#: A citation names its source with one of these; without any it is empty.
_NAMING_KEYS = ("title", "chapter", "url", "chapter_url", "archive_url", "identifiers", "text")


def is_empty_citation(citation: Record) -> bool:
    """Whether a citation names no source: no title, link, identifier, text or target."""
    return not any(citation.get(key) for key in (*_NAMING_KEYS, "target"))


def _flag_empty(citations: list[Record], warnings: list[WarningEntry]) -> None:
    """An empty citation without a warning that says why gets one: never a silent gap."""
    fields = [w["field"] + "." for w in warnings if w["field"].startswith("citations.")]
    for citation in citations:
        prefix = f"citations.{citation['id']}."
        if is_empty_citation(citation) and not any(f.startswith(prefix) for f in fields):
            message = "the citation has no title, URL, identifier or text"
            warnings.append(warning("empty_citation", f"citations.{citation['id']}", message))


def _link_short_footnotes(citations: list[Record], warnings: list[WarningEntry]) -> None:
    """Point each short footnote at the full citation its anchor, or authors and year, name."""
    for citation in citations:
        if citation.get("template") not in SHORT_FOOTNOTES:
            continue
        target = find_target(citation, citations)
        if target is not None:
            citation["target"] = target
        else:
            message = "no full citation matches the short footnote's authors and year"
            warnings.append(warning("unknown_reference", f"citations.{citation['id']}", message))
    for citation in citations:
        citation.pop("_anchor", None)  # |ref= anchors only serve the linking


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


def _records(
    entry: _Entry, ref_id: str, taken: set[str], warnings: list[WarningEntry]
) -> list[Record]:
    """One citation per citation template in the ref's body (the first keeps the ref's id);
    the body's other templates add to the citation they follow (:class:`_RefBody`)."""
    base = {"id": ref_id}
    if entry.group:
        base["group"] = entry.group
    where = f"citations.{ref_id}"
    if entry.short is not None:
        return [{**base, **entry.short, **_usage(entry)}]
    if entry.body is None:
        if entry.uses and entry.name:
            message = f"<ref name={entry.name!r} /> is used but never defined"
            warnings.append(warning("unknown_reference", where, message))
        elif entry.uses:
            message = "the footnote has no text (<ref></ref>, an empty note)"
            warnings.append(warning("empty_citation", where, message))
        return [{**base, **_usage(entry)}]
    body = _RefBody(entry.body)
    rest = _free_text(entry.body, has_template=bool(body.sources))
    records: list[Record] = []
    for index, (fields, cite_warnings) in enumerate(body.sources or [({}, [])]):
        record_id = ref_id if index == 0 else _free_id(f"{ref_id}-{index + 1}", taken)
        record = {**base, "id": record_id, **fields}
        if index == 0:
            record.update(rest)
        record.update(_usage(entry))
        for w in cite_warnings:
            warnings.append({**w, "field": f"citations.{record_id}.{w['field']}".rstrip(".")})
        records.append(record)
    for index, addition in body.additions:
        addition(records[max(index, 0)], warnings)
    if "text" in records[0]:
        _bare_identifiers(records[0], warnings)
    return records


_BARE_IDENTIFIERS = {key: re.compile(pattern) for key, pattern in BARE_IDENTIFIERS.items()}


def _bare_identifiers(record: Record, warnings: list[WarningEntry]) -> None:
    """Identifiers a citation's prose writes out (``… Pluto Press, 2007. ISBN 978-0-7453-…``,
    ``doi:10.1/x``, ``PMID 123``) fill the ``identifiers`` it lacks, checked as CS1 checks them."""
    identifiers: dict[str, str] = dict(record.get("identifiers", {}))
    found = False
    for key, pattern in _BARE_IDENTIFIERS.items():
        match = pattern.search(record["text"])
        if key in identifiers or match is None:
            continue
        where = f"citations.{record['id']}.identifiers.{key}"
        value, problems = normalise_identifier(key, match.group(1), where)
        identifiers[key] = value
        warnings.extend(problems)
        found = True
    if found:
        record["identifiers"] = {k: identifiers[k] for k in IDENTIFIER_KEYS if k in identifiers}


def _usage(entry: _Entry) -> Record:
    usage: Record = {"role": entry.role}
    if entry.listed_in:
        usage["listed_in"] = entry.listed_in
    usage["uses"] = entry.uses
    if entry.cited_in:
        usage["cited_in"] = list(entry.cited_in)
    if entry.pages:
        usage["cited_pages"] = list(entry.pages)
    return usage


# -- a ref's body, read whole --------------------------------------------------------------

#: What a template beside a citation does to it: ``(record, warnings) -> None``.
Addition = Callable[[Record, list[WarningEntry]], None]


class _RefBody:
    """The citations a ref's body holds, and what its other templates add to them.

    ``sources``: one ``(fields, warnings)`` per citation template, short footnote or
    citation-like wrapper, in order. ``additions``: ``(index, addition)``, where ``index``
    is the source the template follows (-1: before any, so it goes to the first).
    ``<ref>Rote Liste 2017, S. 159, {{ISBN|978-3-946057-10-9}}.</ref>`` -> no source,
    one addition setting ``identifiers.isbn`` of the ref's one citation.
    """

    def __init__(self, body: Wikicode) -> None:
        self.sources: list[tuple[Record, list[WarningEntry]]] = []
        self.additions: list[tuple[int, Addition]] = []
        for template in _text_templates(body):
            self.read(template)

    def add(self, addition: Addition) -> None:
        self.additions.append((len(self.sources) - 1, addition))

    def read(self, template: Template) -> None:
        name = template_name(template)
        if name in CITE_TEMPLATES:
            result = parse_cite(template)
            if result is not None:
                fields, warnings = result
                if anchor := citation_anchor(template):
                    fields["_anchor"] = anchor  # for short footnotes; dropped once they are linked
                self.sources.append((fields, warnings))
        elif name in SHORT_FOOTNOTES:
            self.sources.append((short_footnote(template) or {}, []))
        elif name in IDENTIFIER_LINK_TEMPLATES:
            self.add(_identifier_addition(IDENTIFIER_LINK_TEMPLATES[name], template))
        elif name in ARCHIVE_TEMPLATES:
            self.add(_archive_addition(ARCHIVE_TEMPLATES[name], template))
        elif name in DEAD_LINK_TEMPLATES:
            self.add(_dead_link)
        elif name in NOTICE_TEMPLATES:
            self.add(_notice_addition(NOTICE_TEMPLATES[name], template))
        elif name in LICENCE_TEMPLATES:
            for param in template.params:  # {{Citation-attribution|{{cite book|…}}}}
                for inner in _text_templates(param.value):
                    self.read(inner)
            self.add(_licence_addition(LICENCE_TEMPLATES[name], template))
        elif name in BOT_TEMPLATES or name in NOTE_TEMPLATES:
            return  # a bot's instruction; a note is a ref of its own
        elif name in WRAPPER_TEMPLATES or not _has_text_rendering(name):
            result = parse_cite_like(template, WRAPPER_TEMPLATES.get(name))
            if result is not None:
                self.sources.append(result)
            else:
                self.add(_unrendered_addition(written_name(template)))
        else:  # rendered as text: templates inside it may still carry identifiers
            for param in template.params:
                for inner in _text_templates(param.value):
                    self.read(inner)


def _text_templates(code: Wikicode) -> Iterator[Template]:
    """Templates where a reader sees text: not inside nested refs or other templates."""
    for node in code.nodes:
        if isinstance(node, Template):
            yield node
        elif isinstance(node, Tag):
            if tag_name(node) not in ("ref", "references") and node.contents is not None:
                yield from _text_templates(node.contents)
        elif isinstance(node, Wikilink) and node.text is not None:
            yield from _text_templates(node.text)
        elif isinstance(node, ExternalLink) and node.title is not None:
            yield from _text_templates(node.title)


def _is_citation_like(template: Template, name: str) -> bool:
    """Outside refs, a wrapper of a citation template (``{{Cite EB1911|wstitle=…}}``,
    ``{{SEP|…|…}}`` in External links) is a bibliography entry when it names a source."""
    if name not in WRAPPER_TEMPLATES and not name.startswith("cite "):
        return False
    if name not in WRAPPER_TEMPLATES and _has_text_rendering(name):
        return False
    return parse_cite_like(template, WRAPPER_TEMPLATES.get(name)) is not None


@lru_cache(maxsize=1024)
def _has_text_rendering(name: str) -> bool:
    """Whether the text renderer knows ``{{name}}`` (it reports the names it does not)."""
    return not render(parse_wikitext("{{" + name + "}}")).unrendered


def _unnamed(template: Template) -> list[str]:
    return [v for p in template.params if not p.showkey if (v := plain_text(p.value))]


def _named(template: Template, *names: str) -> str | None:
    for param in template.params:
        if param.showkey and param_name(param) in names:
            value = plain_text(param.value)
            if value:
                return value
    return None


def _identifier_addition(key: str, template: Template) -> Addition:
    """``{{PMID|18627336}}`` -> the citation's ``identifiers.pmid``, checked as CS1 checks it."""
    values = _unnamed(template)
    written = written_name(template)

    def add(record: Record, warnings: list[WarningEntry]) -> None:
        if not values:
            return
        where = f"citations.{record['id']}.identifiers.{key}"
        value, problems = normalise_identifier(key, values[0], where)
        identifiers = record.get("identifiers", {})
        if key in identifiers and identifiers[key] != value:
            message = f"{{{{{written}|{values[0]}}}}} differs from the citation's own {key}"
            warnings.append(warning("dropped_value", where, message))
            return
        warnings.extend(problems)
        identifiers = {**identifiers, key: value}
        record["identifiers"] = {k: identifiers[k] for k in IDENTIFIER_KEYS if k in identifiers}
        for extra in values[1:]:
            message = f"{{{{{written}}}}} gives a second {key}, {extra!r}; only the first is kept"
            warnings.append(warning("dropped_value", where, message))

    return add


_WAYBACK_URL = re.compile(r"^https?://web\.archive\.org/web/(\d{4,14})[a-z_]*/(\S+)$")


def _timestamp_date(text: str) -> str | None:
    """A Wayback Machine timestamp's day: ``"20090312022528"`` -> ``"2009-03-12"``."""
    if re.fullmatch(r"\d{8}(?:\d{6})?", text):
        return parse_date(f"{text[:4]}-{text[4:6]}-{text[6:8]}")
    return None


def _archive_addition(kind: str, template: Template) -> Addition:
    """``{{webarchive|url=…|date=…}}`` -> ``archive_url``, ``archive_date`` (and ``url``
    when the citation has none and the archive's address names the original)."""
    url = _named(template, "url", "url1")
    date = _named(template, "date", "date1")
    title = _named(template, "title", "title1")
    original = None
    if kind == "wayback":
        original = url
        url = f"https://web.archive.org/web/{date or '*'}/{url}" if url else None
    elif url and (match := _WAYBACK_URL.match(url)):
        original = match.group(2)
        date = date or match.group(1)

    def add(record: Record, warnings: list[WarningEntry]) -> None:
        if not url:
            return
        if record.get("archive_url", url) != url:
            where = f"citations.{record['id']}.archive_url"
            message = f"a second archived copy, {url}, is not kept"
            warnings.append(warning("dropped_value", where, message))
            return
        record["archive_url"] = url
        if original and "url" not in record:
            record["url"] = original
        if title and "title" not in record and "text" not in record:
            record["title"] = title
        if date and "archive_date_text" not in record:
            iso = _timestamp_date(date) or parse_date(date)
            if iso:
                record["archive_date"] = iso
            record["archive_date_text"] = date

    return add


def _dead_link(record: Record, warnings: list[WarningEntry]) -> None:
    """``{{dead link}}`` after a link: the citation's ``url_status`` is ``dead``."""
    record.setdefault("url_status", "dead")


def _notice_addition(kind: str, template: Template) -> Addition:
    """``{{Retracted|doi=10.1/x|pmid=1}}`` -> a notice ``{kind: retracted, identifiers}``."""
    notice: Record = {"kind": kind}
    written = ((key, _named(template, key, key.upper())) for key in ("doi", "pmid"))
    identifiers, found = normalise_identifiers(written)
    if identifiers:
        notice["identifiers"] = identifiers
    if (_named(template, "intentional") or "").lower() in ("yes", "y", "true", "1"):
        notice["intentional"] = True

    def add(record: Record, warnings: list[WarningEntry]) -> None:
        record.setdefault("notices", []).append(notice)
        for problem in found:
            where = f"citations.{record['id']}.notices.{problem['field']}"
            warnings.append({**problem, "field": where})

    return add


# Template:CC-notice's |cc= short names: "by-sa4" -> "CC BY-SA 4.0", "by25" -> "CC BY 2.5".
_CC_SHORT = re.compile(r"^(by(?:-(?:nc|nd|sa))*)-?(\d)\.?(\d?)$")


def _licence_name(family: str, cc: str | None) -> str | None:
    if family != "cc":
        return family
    if not cc:
        return None
    match = _CC_SHORT.match(cc.strip().lower())
    if match is None:
        return "CC0 1.0" if cc.strip().lower() in ("zero", "cc0", "0") else cc.strip()
    return f"CC {match.group(1).upper()} {match.group(2)}.{match.group(3) or '0'}"


def _licence_addition(family: str, template: Template) -> Addition:
    """``{{CC-notice|cc=by4|url=…|authors=…}}`` -> the citation's ``licence``: the terms
    under which the article copied text from the source."""
    licence = {
        "name": _licence_name(family, _named(template, "cc")),
        "url": _named(template, "url"),
        "authors": _named(template, "authors", "author", "author(s)"),
    }
    licence = {k: v for k, v in licence.items() if v}

    def add(record: Record, warnings: list[WarningEntry]) -> None:
        if licence:
            record["licence"] = licence

    return add


def _unrendered_addition(name: str) -> Addition:
    def add(record: Record, warnings: list[WarningEntry]) -> None:
        ref_id = record["id"]
        message = (
            f"template {{{{{name}}}}} in citation {ref_id} has no text rendering and no "
            "citation parameters; it is dropped"
        )
        warnings.append(warning("unrendered_template", f"citations.{ref_id}", message))

    return add


def _is_template_or_space(node: Node) -> bool:
    return type(node) is Template or (type(node) is Text and node.value.isspace())


def _free_text(body: Wikicode, has_template: bool) -> Record:
    """A ref's own prose (``text``), and its link (``url``) when it has no cite template.

    ``<ref>[http://x.org/a Title]</ref>`` -> ``{"url": "http://x.org/a", "text": "Title"}``.
    """
    out: Record = {}
    if not has_template:
        links = body.filter_external_links(recursive=True)
        if links:
            out["url"] = str(links[0].url).strip()
        else:
            match = _URL.search(str(body))
            if match:
                out["url"] = match.group()
    if has_template and all(_is_template_or_space(n) for n in body.nodes):
        return out  # the common case, <ref>{{cite ...}}</ref>: no prose to render
    text = plain_text(body)
    if text and text != out.get("url"):
        out["text"] = text
    return out
