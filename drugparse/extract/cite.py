"""Citation templates (CS1/CS2) to citation fields: ``{{cite journal |pmid=1}}`` -> a dict.

``parse_cite(template)`` reads one mwparserfromhell ``Template`` node. For
``{{cite journal |author=Weinreb NJ |title=Imiglucerase |date=August 2008 |pmid=18627336}}``
it returns::

    ({"template": "cite journal", "type": "journal", "title": "Imiglucerase",
      "authors": [{"name": "Weinreb NJ"}], "date": "2008-08", "date_text": "August 2008",
      "identifiers": {"pmid": "18627336"}}, [])

Only keys a record's citation has (the schema's) are kept, and absent or empty values are
left out; their order is the schema's, set once for the whole record by
:func:`drugparse.assemble.tidy`. The steps: each parameter is classified through the CS1
tables (a record field, a slot of a name list, a known parameter the record does not keep,
or unknown); competing aliases are settled by CS1's precedence; then each record field is built by a
small function. Warnings name the field relative to the citation (``identifiers.isbn``);
the caller prefixes ``citations.<id>.``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from mwparserfromhell.nodes import Template
from mwparserfromhell.nodes.extras import Parameter
from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import Record, WarningEntry
from drugparse.errors import warning
from drugparse.normalise.bibliographic import normalise_identifiers
from drugparse.normalise.dates import is_undated, parse_date
from drugparse.normalise.text import plain_text, render
from drugparse.tables.cs1 import (
    CITATION_TYPE_HINTS,
    CITE_TEMPLATES,
    CLASS_PARAMETERS,
    CS1_PARAMETERS,
    IDENTIFIER_KEYS,
    IDENTIFIER_TEMPLATES,
    LEGACY_PARAMETERS,
    NAME_LIST_PARAMETERS,
    PARAMETER_FIELDS,
    PLACEHOLDERS,
    RECORD_FIELDS,
    VANCOUVER_TEMPLATES,
)
from drugparse.tables.ref_templates import IDENTIFIER_LINK_TEMPLATES, Wrapper
from drugparse.validate import schema
from drugparse.wikitext import page_title, param_name, template_name

_EMPTY: tuple[object, ...] = (None, "", [], {})

__all__ = ["parse_cite", "parse_cite_like", "is_cite_template"]

# Name-list parameters as regexes: "author#-link" -> ^author(\d*)-link$ (no number = slot 1).
_NAME_PATTERNS = tuple(
    (re.compile("^" + re.escape(p).replace("\\#", "#").replace("#", r"(\d*)") + "$"), lst, part)
    for p, lst, part in NAME_LIST_PARAMETERS
)
_KNOWN = CS1_PARAMETERS | LEGACY_PARAMETERS | frozenset().union(*CLASS_PARAMETERS.values())
_RECORDED_LISTS = ("authors", "editors", "translators")
_PRECEDENCE = {
    alias: rank for aliases in RECORD_FIELDS.values() for rank, alias in enumerate(aliases)
}
_ANCHOR_PARAMETERS = frozenset({"ref"})
_VANCOUVER_NAME_PARAMETERS = {
    "author": "_vauthors",
    "authors": "_vauthors",
    "editor": "_veditors",
    "editors": "_veditors",
}
_ET_AL = re.compile(r"^et\.?\s*al\.?$", re.IGNORECASE)
_TRAILING_ET_AL = re.compile(r"[\s,;]+et\.?\s*al\.?$", re.IGNORECASE)


def is_cite_template(name: str) -> bool:
    """Whether a template name is a citation template: ``"Cite_Journal "`` -> True."""
    return page_title(name).lower() in CITE_TEMPLATES


def parse_cite(template: Template) -> tuple[Record, list[WarningEntry]] | None:
    """Citation fields and warnings of a citation template, or None for any other template."""
    name = template_name(template)
    if name not in CITE_TEMPLATES:
        return None
    params = _Params()
    for position, param in enumerate(template.params, start=1):
        _classify(name, param, position, params)
    fields = _build(name, params, CITE_TEMPLATES[name][1])
    return _kept(fields), params.warnings


def parse_cite_like(
    template: Template, wrapper: Wrapper | None = None
) -> tuple[Record, list[WarningEntry]] | None:
    """Citation fields of a template that is not CS1 but carries CS1 parameters, or None.

    Encyclopedia and dictionary wrappers, ``{{cite EMA}}`` and their like call a
    citation template with some values fixed: their CS1-named parameters (``title``,
    ``url``, ``doi``, ``author``...) are read as CS1 reads them, their own parameters are
    left alone, and ``wrapper`` (from :data:`drugparse.tables.ref_templates.WRAPPER_TEMPLATES`)
    says what their unnamed parameters mean and which values they fix.
    ``{{Cite Merriam-Webster|Merkel}}`` -> ``{"template": "cite merriam-webster",
    "type": "encyclopedia", "title": "Merkel", "encyclopedia": "Merriam-Webster.com Dictionary"}``.
    """
    name = template_name(template)
    params = _Params()
    positional = wrapper.positional if wrapper is not None else ()
    position = 0
    for param in template.params:
        if not param.showkey:
            position += 1
            as_named = positional[position - 1] if position <= len(positional) else None
            if as_named is not None:
                _classify_as(name, param, as_named, params)
        elif wrapper is not None and param_name(param) in wrapper.renamed:
            _classify_as(name, param, wrapper.renamed[param_name(param)], params)
        elif _field_of(param_name(param)) is not None or _name_slot(param_name(param)):
            _classify(name, param, 0, params)
    fields = _build(name, params, wrapper.type if wrapper is not None else "other")
    if wrapper is not None:
        fields = {**wrapper.fixed, **fields}
        if wrapper.url is not None:
            slug = next(
                (plain_text(p.value) for p in template.params if param_name(p) == wrapper.url[0]),
                "",
            )
            if slug:
                fields["url"] = wrapper.url[1].format(slug.replace(" ", "_"))
    if not any(key in fields for key in _SUBSTANTIVE):
        return None
    kept = _kept(fields)
    if wrapper is not None and wrapper.licence is not None:
        kept["licence"] = {"name": wrapper.licence}
    return kept, params.warnings


# A citation-like template names a source when it gives one of these.
_SUBSTANTIVE = ("title", "chapter", "url", "chapter_url", "identifiers", "authors", "editors")


def _classify_as(template: str, param: Parameter, name: str, params: _Params) -> None:
    """An unnamed parameter read as the CS1 parameter ``name`` (a wrapper's positional)."""
    text = _value_text(param, name, params.warnings)
    if text is None:
        return
    target = _field_of(name)
    if target is not None:
        _set_field(params, target, name, text)
    elif (slot := _name_slot(name)) is not None:
        _set_name_part(params, name, slot, text)


# -- classifying parameters ----------------------------------------------------------------


@dataclass
class _Params:
    """A citation's parameters sorted by what they feed; text already plain."""

    fields: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # rank, param, text
    lists: dict[str, dict[int, dict[str, str]]] = field(default_factory=dict)
    warnings: list[WarningEntry] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)


def _classify(template: str, param: Parameter, position: int, params: _Params) -> None:
    name = param_name(param)
    if name in _ANCHOR_PARAMETERS:
        return  # |ref={{sfnref|Smith|2001}}: a link anchor, not text
    if param.showkey and _field_of(name) == "identifiers.id":
        _classify_id(param, name, params)
        return
    text = _value_text(param, name, params.warnings)
    if text is None:
        return
    if name in params.seen:
        params.warnings.append(
            warning("duplicate_parameter", name, f"|{name}= is given more than once; the last wins")
        )
    params.seen.add(name)
    if not param.showkey:
        _classify_positional(template, name, text, params)
        return
    if template in VANCOUVER_TEMPLATES and name in _VANCOUVER_NAME_PARAMETERS:
        # {{vcite journal |author=Smith J, Jones K}}: the whole list, as |vauthors=
        _set_field(params, _VANCOUVER_NAME_PARAMETERS[name], name, text)
        return
    target = _field_of(name)
    if target is not None:
        _set_field(params, target, name, text)
        return
    slot = _name_slot(name)
    if slot is not None:
        _set_name_part(params, name, slot, text)
        return
    if name not in _KNOWN and name.lower() not in _KNOWN:
        params.warnings.append(
            warning("dropped_value", name, f"|{name}= is not a CS1 parameter; its value is dropped")
        )


def _classify_id(param: Parameter, name: str, params: _Params) -> None:
    """``|id={{OCLC|68025}} {{hdl|10112/2397}}`` -> ``identifiers.oclc`` and ``identifiers.hdl``;
    whatever else ``|id=`` says stays ``identifiers.id``."""
    rest = []
    for node in param.value.nodes:
        key = (
            IDENTIFIER_LINK_TEMPLATES.get(template_name(node))
            if isinstance(node, Template)
            else None
        )
        values = (
            [v.value for v in node.params if not v.showkey] if isinstance(node, Template) else []
        )
        if key is None or not values:
            rest.append(node)
        elif text := render(values[0]).text:  # below |oclc= and kin in precedence
            _set_field(params, f"identifiers.{key}", name, text, rank=len(_PRECEDENCE))
    rendered = render(Wikicode(rest))
    for unrendered in rendered.unrendered:
        message = f"{{{{{unrendered}}}}} in |{name}= has no text rendering"
        params.warnings.append(warning("unrendered_template", name, message))
    text = rendered.text.strip(" ,;.")
    if text and text.lower() not in PLACEHOLDERS:
        _set_field(params, "identifiers.id", name, text)


def _value_text(param: Parameter, name: str, warnings: list[WarningEntry]) -> str | None:
    """Plain text of a value, or None when empty (blank, comment, placeholder)."""
    rendered = render(param.value)
    for template in rendered.unrendered:
        warnings.append(
            warning(
                "unrendered_template", name, f"{{{{{template}}}}} in |{name}= has no text rendering"
            )
        )
    text = rendered.text
    if not text or text.lower() in PLACEHOLDERS:
        return None
    return text


def _classify_positional(template: str, name: str, text: str, params: _Params) -> None:
    key = IDENTIFIER_TEMPLATES.get(template)
    if key is not None and name == "1":
        _set_field(params, f"identifiers.{key}", name, text)
        return
    params.warnings.append(
        warning(
            "dropped_value", name, f"unnamed parameter {name} ({text!r}) is not a CS1 parameter"
        )
    )


def _field_of(name: str) -> str | None:
    # CS1 parameter names are case-sensitive, but |Title= can only mean |title=.
    return PARAMETER_FIELDS.get(name) or PARAMETER_FIELDS.get(name.lower())


def _name_slot(name: str) -> tuple[str, int, str] | None:
    """``"author12-link"`` -> ``("authors", 12, "link")``; ``"last"`` is slot 1's last name."""
    folded = name.lower()
    for pattern, lst, part in _NAME_PATTERNS:
        match = pattern.match(folded)
        if match:
            return lst, int(match.group(1) or 1), part
    return None


def _set_name_part(params: _Params, name: str, slot: tuple[str, int, str], text: str) -> None:
    lst, number, part = slot
    parts = params.lists.setdefault(lst, {}).setdefault(number, {})
    # |author=, |author1=, |last1= all name the first author's surname slot
    clash = part if part in parts else {"last": "name", "name": "last"}.get(part)
    if clash in parts:
        params.warnings.append(
            warning(
                "duplicate_parameter",
                name,
                f"|{name}= fills the same name as another parameter; the last given wins",
            )
        )
        parts.pop(clash)
    parts[part] = text


def _set_field(params: _Params, target: str, name: str, text: str, rank: int | None = None) -> None:
    if rank is None:
        rank = _PRECEDENCE.get(name, _PRECEDENCE.get(name.lower(), 0))
    current = params.fields.get(target)
    if current is not None and current[1] != name:
        winner, loser = (current[1], name) if current[0] <= rank else (name, current[1])
        params.warnings.append(
            warning(
                "duplicate_parameter",
                winner,
                f"|{winner}= and |{loser}= are the same parameter; |{winner}= is used",
            )
        )
        if current[0] <= rank:
            return
    params.fields[target] = (rank, name, text)


# -- building the record fields ------------------------------------------------------------


def _build(template: str, params: _Params, kind: str | None) -> Record:
    values = {target: text for target, (_, _, text) in params.fields.items()}
    out: Record = {"template": template}
    _build_texts(values, out)
    _build_names(params, values, out)
    _build_dates(values, out, params.warnings)
    _build_identifiers(values, out, params.warnings)
    _build_url_status(values, out)
    out["type"] = kind or _type_from_fields(out)
    return out


_TEXT_FIELDS = (
    "title",
    "trans_title",
    "chapter",
    "journal",
    "magazine",
    "newspaper",
    "website",
    "work",
    "encyclopedia",
    "conference",
    "series",
    "publisher",
    "agency",
    "via",
    "volume",
    "issue",
    "pages",
    "at",
    "edition",
    "location",
    "language",
    "collaboration",
    "url",
    "chapter_url",
    "archive_url",
    "quote",
)


def _build_texts(values: dict[str, str], out: Record) -> None:
    for key in _TEXT_FIELDS:
        if key in values:
            out[key] = values[key]
    if "title" not in out and values.get("_script_title"):
        # |script-title=ja:... is the title in its own script, prefixed by a language code
        out["title"] = re.sub(r"^[a-z]{2,3}(?:-[a-z]+)?:\s*", "", values["_script_title"])
    book_title = values.get("_book_title")
    if book_title:
        # CS1: with |book-title=, |title= names the chapter or paper inside the book.
        if "title" in out and "chapter" not in out:
            out["chapter"] = out["title"]
        out["title"] = book_title


def _build_url_status(values: dict[str, str], out: Record) -> None:
    status = values.get("url_status")
    dead = values.get("_dead_url", "").lower()
    if status:
        out["url_status"] = status.lower()
    elif dead:
        # |dead-url=yes|no, replaced by |url-status=dead|live in 2018
        out["url_status"] = {
            "yes": "dead",
            "y": "dead",
            "true": "dead",
            "no": "live",
            "n": "live",
            "false": "live",
        }.get(dead, dead)


def _type_from_fields(out: Record) -> str:
    """``{{citation}}``'s type, from the first record field that tells it."""
    for key, hinted in CITATION_TYPE_HINTS:
        head, _, sub = key.partition(".")
        if (sub and sub in out.get(head, {})) or (not sub and head in out):
            return hinted
    return "other"


# -- dates ---------------------------------------------------------------------------------

_DATE_FIELDS = (
    ("date", ("date", "_year", "_publication_date")),
    ("orig_date", ("orig_date",)),
    ("access_date", ("access_date",)),
    ("archive_date", ("archive_date",)),
)


def _build_dates(values: dict[str, str], out: Record, warnings: list[WarningEntry]) -> None:
    for key, sources in _DATE_FIELDS:
        text = next((values[s] for s in sources if values.get(s)), None)
        if text is None:
            continue
        iso = parse_date(text)
        if iso:
            out[key] = iso
        elif not is_undated(text):
            warnings.append(
                warning("unparsed_date", key, f"{text!r} is not a date CS1 accepts; kept as text")
            )
        out[f"{key}_text"] = text


# -- identifiers ---------------------------------------------------------------------------


def _build_identifiers(values: dict[str, str], out: Record, warnings: list[WarningEntry]) -> None:
    written = ((key, values.get(f"identifiers.{key}")) for key in IDENTIFIER_KEYS)
    identifiers, problems = normalise_identifiers(written)
    warnings.extend(problems)
    if identifiers:
        out["identifiers"] = identifiers


# -- names ---------------------------------------------------------------------------------


def _build_names(params: _Params, values: dict[str, str], out: Record) -> None:
    sources = {
        "authors": (
            values.get("_vauthors"),
            values.get("_authors"),
            values.get("_coauthors"),
            values.get("_display_authors"),
        ),
        "editors": (
            values.get("_veditors"),
            values.get("_editors"),
            None,
            values.get("_display_editors"),
        ),
        # The record has no translators_et_al: _kept drops it.
        "translators": (None, None, None, None),
    }
    for lst in _RECORDED_LISTS:
        vancouver, free, extra, display = sources[lst]
        names, et_al = _name_list(params, lst, vancouver, free, extra)
        if names:
            out[lst] = names
        if et_al or _is_et_al(display):
            out[f"{lst}_et_al"] = True


def _name_list(
    params: _Params, lst: str, vancouver: str | None, free: str | None, extra: str | None
) -> tuple[list[dict[str, str]], bool]:
    """One name list by CS1's precedence: numbered parameters, then |vauthors=, then |authors=."""
    slots = params.lists.get(lst, {})
    readers = {
        "numbered": lambda: _numbered_names(slots),
        # only called when given: vancouver is not None
        f"v{lst}": lambda: _vancouver_names(vancouver or "", lst, params.warnings),
        lst: lambda: _free_names(free),
    }
    given = [
        label
        for label, present in (
            ("numbered", any(_NAME_PARTS & set(parts) for parts in slots.values())),
            (f"v{lst}", bool(vancouver)),
            (lst, bool(free)),
        )
        if present
    ]
    names: list[dict[str, str]] = []
    et_al = False
    if given:
        names, et_al = readers[given[0]]()
        for label in given[1:]:
            params.warnings.append(
                warning(
                    "dropped_value",
                    label,
                    f"|{label}= ignored: the {lst} are already given by {given[0]} parameters",
                )
            )
        if given[0] != "numbered":
            _attach_links(names, slots)
    if extra:
        more, more_et_al = _free_names(extra)
        names += more
        et_al = et_al or more_et_al
    return names, et_al


_NAME_PARTS = frozenset({"last", "first", "name"})


def _attach_links(names: list[dict[str, str]], slots: dict[int, dict[str, str]]) -> None:
    """|author-link2= also links the second name of a |vauthors= or |authors= list."""
    for number, parts in slots.items():
        if parts.get("link") and 0 < number <= len(names):
            names[number - 1]["link"] = parts["link"]


def _numbered_names(slots: dict[int, dict[str, str]]) -> tuple[list[dict[str, str]], bool]:
    """``{1: {"name": "Pentchev"}, 2: {"last": "Brady", "first": "RO"}}`` -> two names."""
    names: list[dict[str, str]] = []
    et_al = False
    for number in sorted(slots):
        person, flagged = _person(slots[number])
        et_al = et_al or flagged
        if person:
            names.append(person)
    return names, et_al


def _person(parts: dict[str, str]) -> tuple[dict[str, str] | None, bool]:
    """One name from its parts; ``((…))`` (CS1's accept-as-written markup) is taken whole:
    ``{"name": "((World Health Organization))"}`` -> ``{"name": "World Health Organization"}``."""
    last = parts.get("last") or parts.get("name")
    first = parts.get("first")
    et_al = False
    if last and not _LITERAL.match(last):
        if _is_et_al(last):
            return None, True
        if _TRAILING_ET_AL.search(last):
            last, et_al = _TRAILING_ET_AL.sub("", last), True
    last = _as_written(last) if last else None
    first = _as_written(first) if first else None
    person: dict[str, str]
    if last and first:
        person = {"name": f"{first} {last}", "last": last, "first": first}
    elif first:
        person = {"name": first, "first": first}
    elif last and "last" in parts:
        person = {"name": last, "last": last}
    elif last:
        person = {"name": last}
    else:
        return None, et_al
    if parts.get("link"):
        person["link"] = parts["link"]
    return person, et_al


def _as_written(text: str) -> str:
    """``"((Merck & Co.))"`` -> ``"Merck & Co."``; any other text as it is."""
    literal = _LITERAL.match(text.strip())
    return literal.group(1).strip() if literal else text


# Vancouver: "Surname Initials", initials up to four capitals with an optional hyphen,
# optional generational suffix (https://www.ncbi.nlm.nih.gov/books/NBK7282/).
_VANCOUVER = re.compile(
    r"^(?P<last>.+?)\s+(?P<first>[A-Z]{1,4}(?:-[A-Z]{1,2})?)(?:\s+(?:Jr|Sr|[IVX]+|\d+(?:st|nd|rd|th)))?$"
)
_LITERAL = re.compile(r"^\(\((.+)\)\)$")


def _vancouver_names(
    text: str, lst: str, warnings: list[WarningEntry]
) -> tuple[list[dict[str, str]], bool]:
    """``"Starzyk K, Richards S"`` -> ``[{name: Starzyk K, last: Starzyk, first: K}, ...]``."""
    names: list[dict[str, str]] = []
    et_al = False
    for item in _split_outside_literals(text, ","):
        if not item:
            continue
        if _is_et_al(item):
            et_al = True
            continue
        literal = _LITERAL.match(item)
        match = _VANCOUVER.match(item)
        if literal:
            names.append({"name": literal.group(1).strip()})
        elif match:
            names.append({"name": item, "last": match["last"], "first": match["first"]})
        else:
            names.append({"name": item})
            warnings.append(
                warning(
                    "invalid_format",
                    lst,
                    f"{item!r} in |v{lst}= is not 'Surname Initials' "
                    "(wrap an organisation in (( )))",
                )
            )
    return names, et_al


_FREE_SEPARATORS = re.compile(r"\s+and\s+|\s*&\s*")
_LITERAL_SPAN = re.compile(r"\(\(.+?\)\)")


def _split_outside_literals(text: str, separator: str) -> list[str]:
    """``"((Smith, Jones)), Roe R"`` split at ``","`` -> ``["((Smith, Jones))", "Roe R"]``."""
    pieces, depth, start = [], 0, 0
    for match in re.finditer(r"\(\(|\)\)|" + re.escape(separator), text):
        token = match.group()
        if token == "((":
            depth += 1
        elif token == "))":
            depth = max(depth - 1, 0)
        elif depth == 0:
            pieces.append(text[start : match.start()].strip())
            start = match.end()
    pieces.append(text[start:].strip())
    return pieces


def _free_names(text: str | None) -> tuple[list[dict[str, str]], bool]:
    """``"A Engelberg, A Kesselheim, and J Avorn"`` -> three ``{name}`` entries.

    A name in ``((…))`` is one name whatever it holds: ``"((Smith, Jones and Co))"``.
    """
    if not text:
        return [], False
    literals: list[str] = []

    def hide(match: re.Match[str]) -> str:
        literals.append(match.group()[2:-2].strip())
        return f"\x00{len(literals) - 1}\x00"

    text = _LITERAL_SPAN.sub(hide, text)
    et_al = False
    if _TRAILING_ET_AL.search(text):
        text, et_al = _TRAILING_ET_AL.sub("", text), True
    # A list with semicolons uses commas inside names ("Smith, J; Doe, K").
    pieces = text.split(";") if ";" in text else text.split(",")
    names: list[dict[str, str]] = []
    for piece in pieces:
        for name in _FREE_SEPARATORS.split(re.sub(r"^\s*(?:and|&)\s+", "", piece.strip())):
            name = re.sub(r"\x00(\d+)\x00", lambda m: literals[int(m.group(1))], name).strip()
            if _is_et_al(name):
                et_al = True
            elif name:
                names.append({"name": name})
    return names, et_al


def _is_et_al(text: str | None) -> bool:
    if not text:
        return False
    return bool(_ET_AL.match(text.strip().replace(" ", "")))


# -- output --------------------------------------------------------------------------------


@cache
def _citation_keys() -> frozenset[str]:
    """The keys a citation of the record may hold: the schema's ``citation`` properties."""
    record_schema = schema()
    reference = record_schema["properties"]["citations"]["items"]["$ref"]
    return frozenset(record_schema["$defs"][reference.rsplit("/", 1)[1]]["properties"])


def _kept(fields: Record) -> Record:
    keys = _citation_keys()
    return {key: value for key, value in fields.items() if key in keys and value not in _EMPTY}
