"""Extract stage: find the drug infobox and read its parameters through a mapping table.

>>> box = find_infobox(parse_wikitext("{{#x:y}}{{ drug_box <!--c--> |CAS_number=50-00-0}}"))
>>> box.name, [p.name for p in box.parameters]
('drug_box', ['CAS_number'])
>>> read_fields(box).fields["identifiers.cas"]
'50-00-0'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from drugparse.errors import warning
from drugparse.normalize.values import text
from drugparse.tables import infobox_drug
from drugparse.wikitext import param_name, parse_wikitext, template_name  # noqa: F401

__all__ = ["Infobox", "Parameter", "Fields", "find_infobox", "read_fields", "INFOBOX_KINDS"]


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
    ``unmapped`` keeps parameters no mapping knows, as plain text.
    """

    fields: dict[str, object] = field(default_factory=dict)
    unmapped: dict[str, str] = field(default_factory=dict)
    warnings: list[dict] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # path -> parameter name


_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)

#: Infobox kinds: template names (folded) and the lookup of their parameters.
INFOBOX_KINDS: dict[str, tuple[frozenset[str], Callable]] = {
    "drug": (infobox_drug.TEMPLATE_NAMES, infobox_drug.lookup),
}


def _kind_of(template: Template) -> str | None:
    name = template_name(template)
    for kind, (names, _) in INFOBOX_KINDS.items():
        if name in names:
            return kind
    return None


def find_infobox(code: Wikicode) -> Infobox | None:
    """The first drug infobox of the page (at any depth), or None."""
    for template in code.ifilter_templates(recursive=True):
        kind = _kind_of(template)
        if kind is not None:
            written = " ".join(_COMMENT.sub("", str(template.name)).split())
            return Infobox(template, written, kind, _parameters(template))
    return None


def _parameters(template: Template) -> list[Parameter]:
    return [Parameter(param_name(p), p.value) for p in template.params]


def read_fields(infobox: Infobox) -> Fields:
    """Normalise every parameter through the mapping table of the infobox's kind."""
    _, lookup = INFOBOX_KINDS[infobox.kind]
    result = Fields()
    seen: dict[str, str] = {}
    for parameter in infobox.parameters:
        mapping = lookup(parameter.name)
        if mapping is None:
            _keep_unmapped(parameter, result)
            continue
        if mapping.path in seen:
            first = seen[mapping.path]
            again = "again" if first == parameter.name else f"after {first!r}"
            message = f"parameter {parameter.name!r} given {again}; the last value wins"
            result.warnings.append(warning("duplicate_parameter", mapping.path, message))
        seen[mapping.path] = parameter.name
        value, warnings = mapping.normalise(parameter.value, mapping.path)
        result.warnings.extend(warnings)
        if value is None:
            result.fields.pop(mapping.path, None)
        else:
            result.fields[mapping.path] = value
            result.sources[mapping.path] = parameter.name
    return result


def _keep_unmapped(parameter: Parameter, result: Fields) -> None:
    value, warnings = text(parameter.value, f"unmapped.{parameter.name}")
    if value is None:
        return
    result.warnings.extend(warnings)
    message = f"infobox parameter {parameter.name!r} is not in the mapping table"
    result.warnings.append(warning("unknown_parameter", f"unmapped.{parameter.name}", message))
    result.unmapped[parameter.name] = value
