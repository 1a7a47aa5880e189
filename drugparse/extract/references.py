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
from dataclasses import dataclass, field

from mwparserfromhell.nodes import ExternalLink, Heading, Tag, Template, Text, Wikilink
from mwparserfromhell.wikicode import Wikicode

from drugparse.errors import warning
from drugparse.extract.cite import parse_cite
from drugparse.extract.footnotes import SHORT_FOOTNOTES, find_target, footnote_key, short_footnote
from drugparse.extract.infobox import Infobox
from drugparse.normalize.text import plain_text, render
from drugparse.tables.cs1 import CITE_TEMPLATES
from drugparse.wikitext import (  # noqa: F401 (parse_wikitext: the doctest)
    child_templates,
    param_name,
    parse_wikitext,
    tag_name,
    template_name,
)

__all__ = ["Citations", "collect_citations", "NOTE_TEMPLATES"]

#: Templates that hold a footnote body like ``<ref>``: name -> default group.
#: (Template:Efn puts notes in the lower-alpha group; Template:Refn has none.)
NOTE_TEMPLATES: dict[str, str | None] = {
    "efn": "lower-alpha",
    "efn-ua": "upper-alpha",
    "efn-lr": "lower-roman",
    "efn-ur": "upper-roman",
    "efn-lg": "lower-greek",
    "refn": None,
    "notefoot": "note",
    "#tag:ref": None,
}

#: Templates that hold list-defined refs in a parameter: name -> parameter.
LIST_DEFINED = {"reflist": "refs", "references": "refs", "notelist": "refs"}

_URL = re.compile(r"https?://[^\s\]<>|]+|//[^\s\]<>|]+")


@dataclass
class _Entry:
    group: str | None
    name: str | None
    body: Wikicode | None = None
    uses: int = 0
    cited_in: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    short: dict | None = None  # fields of a short footnote ({{sfn}}, {{harvnb}})


@dataclass
class Citations:
    """The page's citations (record dicts, ``citations`` order) and their warnings."""

    citations: list[dict]
    warnings: list[dict]


class _Collector:
    def __init__(self, infobox: Infobox | None):
        self.infobox = infobox.template if infobox is not None else None
        self.parameters = infobox.parameters if infobox is not None else []
        self.entries: list[_Entry] = []
        self.by_name: dict[tuple[str | None, str], _Entry] = {}
        self.last: _Entry | None = None

    # -- walking ---------------------------------------------------------
    def walk(self, code: Wikicode, where: str, in_ref: bool = False) -> str:
        """Record the refs under ``code``; ``in_ref``: inside a ref body, whose own
        citation templates and short footnotes belong to that ref."""
        for node in code.nodes:
            kind = type(node)
            if kind is Heading:
                where = plain_text(node.title) or where
            elif kind is Tag:
                self.tag(node, where)
            elif kind is Template:
                if not (in_ref and _belongs_to_ref(node)):
                    self.template(node, where)
            elif kind is Wikilink and node.text is not None:
                self.walk(node.text, where, in_ref)
            elif kind is ExternalLink and node.title is not None:
                self.walk(node.title, where, in_ref)
            elif kind is Text and not node.value.isspace():
                self.last = None
        return where

    def tag(self, tag: Tag, where: str) -> None:
        name = tag_name(tag)
        if name == "ref":
            self.ref(*_ref_parts(tag), where, used=True)
        elif name == "references":
            if tag.contents is not None and not tag.self_closing:
                self.list_defined(tag.contents)
        elif tag.contents is not None and not tag.self_closing:
            self.walk(tag.contents, where)

    def template(self, template: Template, where: str) -> None:
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
        if name in CITE_TEMPLATES:  # a full citation outside <ref>: a bibliography entry
            self.entries.append(_Entry(None, None, body=Wikicode([template])))
            self.last = None
            return
        for param in template.params:
            if LIST_DEFINED.get(name) == param_name(param):
                self.list_defined(param.value)
            else:
                self.walk(param.value, where)

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
            elif not param.showkey and body is None:
                body = param.value
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
    def ref(self, name, group, body, where, used: bool) -> None:
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


def _attr(attribute) -> str:
    return str(attribute.value).strip() if attribute.value is not None else ""


def collect_citations(code: Wikicode, infobox: Infobox | None = None) -> Citations:
    """Walk the page once; return its citations and the warnings about them."""
    collector = _Collector(infobox)
    collector.walk(code, "lead")
    citations: list[dict] = []
    warnings: list[dict] = []
    taken: set[str] = {e.name for e in collector.entries if e.name}
    for position, entry in enumerate(collector.entries, start=1):
        ref_id = entry.name or _free_id(f"ref-{position}", taken)
        citations.extend(_records(entry, ref_id, taken, warnings))
    _link_short_footnotes(citations, warnings)
    return Citations(citations, warnings)


def _link_short_footnotes(citations: list[dict], warnings: list[dict]) -> None:
    """Point each short footnote at the full citation its authors and year name."""
    for citation in citations:
        if citation.get("template") not in SHORT_FOOTNOTES:
            continue
        target = find_target(citation, citations)
        if target is not None:
            citation["target"] = target
        else:
            message = "no full citation matches the short footnote's authors and year"
            warnings.append(warning("unknown_reference", f"citations.{citation['id']}", message))


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    taken.add(candidate)
    return candidate


def _records(entry: _Entry, ref_id: str, taken: set[str], warnings: list[dict]) -> list[dict]:
    """One citation per cite template in the ref's body (the first keeps the ref's id)."""
    base = {"id": ref_id}
    if entry.group:
        base["group"] = entry.group
    where = f"citations.{ref_id}"
    if entry.short is not None:
        return [{**base, **entry.short, **_usage(entry)}]
    if entry.body is None:
        if entry.uses:
            message = f"<ref name={entry.name!r} /> is used but never defined"
            warnings.append(warning("unknown_reference", where, message))
        return [{**base, **_usage(entry)}]
    parsed = []
    for template in child_templates(entry.body):
        result = parse_cite(template)
        if result is None and (short := short_footnote(template)) is not None:
            result = (short, [])
        if result is not None:
            parsed.append(result)
    rest, unrendered = _free_text(entry.body, has_template=bool(parsed))
    for name in dict.fromkeys(unrendered):
        message = f"template {{{{{name}}}}} in the ref's text has no text rendering"
        warnings.append(warning("unrendered_template", f"{where}.text", message))
    records = []
    for index, (fields, cite_warnings) in enumerate(parsed or [({}, [])]):
        record_id = ref_id if index == 0 else _free_id(f"{ref_id}-{index + 1}", taken)
        record = {**base, "id": record_id, **fields}
        if index == 0:
            record.update(rest)
        record.update(_usage(entry))
        for w in cite_warnings:
            warnings.append({**w, "field": f"citations.{record_id}.{w['field']}".rstrip(".")})
        records.append(record)
    return records


def _usage(entry: _Entry) -> dict:
    usage: dict = {"uses": entry.uses}
    if entry.cited_in:
        usage["cited_in"] = list(entry.cited_in)
    if entry.pages:
        usage["cited_pages"] = list(entry.pages)
    return usage


def _is_template_or_space(node) -> bool:
    return type(node) is Template or (type(node) is Text and node.value.isspace())


def _free_text(body: Wikicode, has_template: bool) -> tuple[dict, list[str]]:
    """A ref's own prose (``text``), and its link (``url``) when it has no cite template;
    and the templates in it that have no text rendering.

    ``<ref>[http://x.org/a Title]</ref>`` -> ``{"url": "http://x.org/a", "text": "Title"}``.
    """
    out: dict = {}
    if not has_template:
        links = body.filter_external_links(recursive=True)
        if links:
            out["url"] = str(links[0].url).strip()
        else:
            match = _URL.search(str(body))
            if match:
                out["url"] = match.group()
    if has_template and all(_is_template_or_space(n) for n in body.nodes):
        return out, []  # the common case, <ref>{{cite ...}}</ref>: no prose to render
    rendered = render(body)
    text = rendered.text
    if text and text != out.get("url"):
        out["text"] = text
    return out, rendered.unrendered
