"""Extract stage: find the drug infobox and read its parameters through a mapping table.

>>> box = find_infobox(parse_wikitext("{{#x:y}}{{ drug_box <!--c--> |CAS_number=50-00-0}}"))
>>> box.name, [p.name for p in box.parameters]
('drug_box', ['CAS_number'])
>>> read_fields(box).fields["identifiers.cas"]
'50-00-0'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mwparserfromhell.nodes import Comment, Template, Text
from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import ParameterLookup, WarningEntry
from drugparse.errors import warning
from drugparse.normalise.values import AsWritten, text
from drugparse.tables import chembox, infobox_drug
from drugparse.tables.infobox_names import INFOBOX_NAMES, opening_pattern
from drugparse.wikitext import (  # noqa: F401  (parse_wikitext: doctest)
    child_templates,
    param_name,
    parse_wikitext,
    template_name,
    templates_and_links,
    written_name,
)

__all__ = [
    "Infobox",
    "Kind",
    "Parameter",
    "Fields",
    "find_infobox",
    "read_fields",
    "read_fields_of",
    "unreadable_infobox",
    "INFOBOX_KINDS",
]


@dataclass(frozen=True)
class Parameter:
    """One ``| name = value`` of the infobox, in source order."""

    name: str
    value: Wikicode


@dataclass(frozen=True)
class Infobox:
    """The infobox template found on a page, with its parameters flattened."""

    template: Template
    name: str  # as written, comments and surrounding space removed: "Drugbox"
    kind: str  # key of INFOBOX_KINDS
    parameters: list[Parameter]


@dataclass
class Fields:
    """What the mapping table made of the parameters.

    ``fields`` maps record paths (``identifiers.cas``) to normalised values;
    ``sources`` maps each of those paths to the parameter it was read from (the name
    as written: warnings about a composed value name it); ``unmapped`` keeps parameters
    no mapping knows, and values their field cannot hold
    (:class:`~drugparse.normalise.values.AsWritten`), as plain text.
    """

    fields: dict[str, object] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    unmapped: dict[str, str] = field(default_factory=dict)
    warnings: list[WarningEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Kind:
    """A kind of infobox: its template names (folded) and how its parameters are read.

    ``sections``: folded-name prefix of templates nested as parameter values whose
    parameters belong to the box (``| Section1 = {{Chembox Identifiers | CASNo = ...}}``).
    ``drug_evidence``: for boxes not only used for drugs, the parameters one of which must
    have a value for the page to describe a drug.
    """

    names: frozenset[str]
    lookup: ParameterLookup
    sections: str | None = None
    drug_evidence: frozenset[str] | None = None


#: Infobox kinds, in order of preference when a page has several.
INFOBOX_KINDS: dict[str, Kind] = {
    "drug": Kind(infobox_drug.TEMPLATE_NAMES, infobox_drug.lookup),
    "chembox": Kind(
        chembox.TEMPLATE_NAMES, chembox.lookup, chembox.SECTION_PREFIX, chembox.DRUG_EVIDENCE
    ),
}


def find_infobox(code: Wikicode, templates: list[Template] | None = None) -> Infobox | None:
    """The page's drug infobox (at any depth), or None.

    An Infobox drug wins over a Chembox; a Chembox counts only when it holds drug data.
    ``templates``: the page's templates in document order, when the caller has them.
    """
    if templates is None:
        templates = templates_and_links(code)[0]
    for kind_name, kind in INFOBOX_KINDS.items():
        for template in templates:
            if template_name(template) not in kind.names:
                continue
            parameters = _parameters(template, kind.sections)
            if kind.drug_evidence is not None and not _has_evidence(parameters, kind.drug_evidence):
                continue
            return Infobox(template, written_name(template), kind_name, parameters)
    return None


_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|<nowiki>.*?(?:</nowiki>|\Z)", re.DOTALL | re.IGNORECASE)


def unreadable_infobox(wikitext: str, templates: list[Template]) -> str | None:
    """Why the page has a drug infobox the parser could not read, or None.

    mwparserfromhell turns a template it cannot close into text: some broken values
    (``foo<li>bar{{baz}}``) hide a whole ``{{Infobox drug}}``. That page must fail
    loudly, not be skipped as "no infobox".
    """
    match = opening_pattern().search(_HIDDEN.sub("", wikitext)) if "{{" in wikitext else None
    if match is None:
        return None
    kind = INFOBOX_NAMES[" ".join(match["name"].replace("_", " ").lower().split())]
    if any(template_name(t) in INFOBOX_KINDS[kind].names for t in templates):
        return None  # read fine: a Chembox without drug data, say
    written = match.group(0).strip()
    return f"{written}}}}} is on the page but its markup could not be read as a template"


def _parameters(template: Template, sections: str | None) -> list[Parameter]:
    parameters = []
    for param in template.params:
        nested = _section_templates(param.value, sections) if sections else []
        if nested:
            for section in nested:
                parameters.extend(_parameters(section, sections))
        else:
            parameters.append(Parameter(param_name(param), param.value))
    return parameters


def _section_templates(value: Wikicode, prefix: str) -> list[Template]:
    return [t for t in child_templates(value) if template_name(t).startswith(prefix)]


def _has_evidence(parameters: list[Parameter], evidence: frozenset[str]) -> bool:
    return any(p.name in evidence and text(p.value, p.name)[0] is not None for p in parameters)


def read_fields(infobox: Infobox) -> Fields:
    """Normalise every parameter through the mapping table of the infobox's kind."""
    return read_fields_of(infobox.parameters, INFOBOX_KINDS[infobox.kind].lookup)


def read_fields_of(parameters: list[Parameter], lookup: ParameterLookup, where: str = "") -> Fields:
    """Normalise ``parameters`` through ``lookup`` (a table's); ``where`` names the template
    in the warning about a parameter no mapping knows (default: ``infobox``)."""
    result = Fields()
    seen: dict[str, str] = {}
    for parameter in parameters:
        mapping = lookup(parameter.name)
        if mapping is None:
            _keep_unmapped(parameter, result, where)
            continue
        if mapping.path in seen:
            first = seen[mapping.path]
            again = "again" if first == parameter.name else f"after {first!r}"
            message = f"parameter {parameter.name!r} given {again}; the last value wins"
            result.warnings.append(warning("duplicate_parameter", mapping.path, message))
        seen[mapping.path] = parameter.name
        if _is_blank(parameter.value):  # most parameters of a real infobox are empty
            result.fields.pop(mapping.path, None)
            continue
        value, warnings = mapping.normalise(parameter.value, mapping.path)
        result.warnings.extend(warnings)
        if isinstance(value, AsWritten):  # the field cannot hold it: kept as written
            result.unmapped[parameter.name] = value.text
            value = None
        if value is None:
            result.fields.pop(mapping.path, None)
        else:
            result.fields[mapping.path] = value
            result.sources[mapping.path] = parameter.name
    return result


def _is_blank(value: Wikicode) -> bool:
    """Only whitespace and comments: ``| image = <!-- Clinical data -->``."""
    for node in value.nodes:
        if isinstance(node, Text):  # no node class derives from another: type(node) is Text
            if not node.value.isspace():
                return False
        elif not isinstance(node, Comment):
            return False
    return True


def _keep_unmapped(parameter: Parameter, result: Fields, where: str = "") -> None:
    value, warnings = text(parameter.value, f"unmapped.{parameter.name}")
    if value is None:
        return
    result.warnings.extend(warnings)
    message = f"{where or 'infobox '}parameter {parameter.name!r} is not in the mapping table"
    result.warnings.append(warning("unknown_parameter", f"unmapped.{parameter.name}", message))
    result.unmapped[parameter.name] = value
