"""``{{drug resources}}``: identifiers kept outside the infobox, at the foot of the page.

mdwiki.org moves an article's identifiers out of ``{{Infobox drug}}`` into a ``{{drug
resources}}`` template under "External links" (``../shared/corpus/Alfuzosin.wiki``). Its
parameters are Infobox drug's (``CAS_number``, ``ATC_prefix``, ``DrugBank``, the
``*_Ref`` markers...), so they are read through the same table. A value fills its
record path only when the infobox has none; where both have one and they differ, the
infobox wins and a ``conflicting_value`` warning says so. The record paths filled from
the template are listed in ``source.drug_resources`` (provenance).

>>> page = parse_wikitext("{{Drugbox|PubChem=2092}}\\n{{drug resources|CAS_number=81403-80-7}}")
>>> fields = Fields({"identifiers.pubchem_cid": "2092"})
>>> merge_drug_resources(fields, page.filter_templates())
['identifiers.cas']
>>> fields.fields["identifiers.cas"]
'81403-80-7'
"""

from __future__ import annotations

from mwparserfromhell.nodes import Template

from drugparse.errors import warning
from drugparse.extract.infobox import Fields, Parameter, read_fields_of
from drugparse.normalise.identifiers import Identified
from drugparse.tables import infobox_drug
from drugparse.wikitext import param_name, parse_wikitext, template_name  # noqa: F401

__all__ = ["TEMPLATE_NAMES", "merge_drug_resources"]

#: Folded names of the template (mdwiki.org Template:Drug resources).
TEMPLATE_NAMES = frozenset({"drug resources"})


#: Staging slots (combined by :mod:`drugparse.assemble`) and the record path they feed.
_STAGED = {"_atc": "identifiers.atc", "_molar_mass": "chemistry.molar_mass"}


def _record_path(path: str) -> str:
    """Staged paths as the record names them: ``_atc.prefix`` -> ``identifiers.atc``."""
    return _STAGED.get(path.split(".", 1)[0], path)


def _primary(value: object) -> object:
    """What a value says, notes aside: the identifier(s) of an :class:`Identified`."""
    return value.values if isinstance(value, Identified) else value


def _shown(value: object) -> str:
    primary = _primary(value)
    return repr(primary[0] if isinstance(primary, list) and len(primary) == 1 else primary)


def merge_drug_resources(fields: Fields, templates: list[Template]) -> list[str]:
    """Fill ``fields`` from the page's ``{{drug resources}}``; the record paths it filled."""
    template = next((t for t in templates if template_name(t) in TEMPLATE_NAMES), None)
    if template is None:
        return []
    parameters = [Parameter(param_name(p), p.value) for p in template.params]
    found = read_fields_of(parameters, infobox_drug.lookup, "{{drug resources}} ")
    fields.warnings.extend(found.warnings)
    filled: list[str] = []
    for path, value in found.fields.items():
        if path in fields.fields:
            if _primary(fields.fields[path]) != _primary(value):
                message = (
                    f"{{{{drug resources}}}} gives {_shown(value)} for {_record_path(path)}, "
                    f"the infobox {_shown(fields.fields[path])}; the infobox wins"
                )
                fields.warnings.append(warning("conflicting_value", _record_path(path), message))
            continue
        fields.fields[path] = value
        fields.sources[path] = found.sources.get(path, path)
        if _record_path(path) not in filled:
            filled.append(_record_path(path))
    for name, text in found.unmapped.items():
        fields.unmapped.setdefault(name, text)
    return filled
