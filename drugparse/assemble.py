"""Assemble stage: staged field values, citations and article parts -> one record.

Pure functions. The record's key order is the schema's ``properties`` order
(record-format.md: "Key order in output is the order of this page"), applied
by :func:`tidy`, which also prunes empty values (empty means absent).
"""

from __future__ import annotations

from typing import Any, overload
from urllib.parse import quote

from drugparse.contract import Record, WarningEntry
from drugparse.errors import warning
from drugparse.normalise import chemistry
from drugparse.normalise.identifiers import Identified, compose_atc
from drugparse.normalise.measurements import DECOMPOSES
from drugparse.normalise.values import Items
from drugparse.tables.biologics import MAB_SOURCES, MAB_TYPES, VACCINE_TYPES
from drugparse.tables.codes import PREGNANCY_AU, fold, legal_meaning

__all__ = [
    "assemble_fields",
    "compile_shape",
    "tidy",
    "page_url",
    "SCHEMA_VERSION",
]

SCHEMA_VERSION = "1.1.0"

#: Image slots in the order the templates show them: Infobox drug's ``image``, ``image2``,
#: ``imageL``/``imageR``, ``imageL2``/``imageR2``; Chembox's rows 1-9 (``ImageFile``,
#: ``ImageFile1``, ``L1``/``R1``, ``L2``/``R2``, ``ImageFile2``, ``ImageFile3``, ``L3``/``R3``,
#: ``L4``/``R4``, ``ImageFile4``). Slots of other numbers follow, sorted.
IMAGE_SLOTS = (
    "main", "main_1", "second", "left", "right", "left_1", "right_1", "left_2", "right_2",
    "main_2", "main_3", "left_3", "right_3", "left_4", "right_4", "main_4",
)  # fmt: skip
# MediaWiki's wfUrlencode leaves these characters readable in page URLs.
_URL_SAFE = ";@$!*(),/~:"


def page_url(title: str) -> str:
    """``page_url("Velaglucerase alfa")`` -> ``https://en.wikipedia.org/wiki/Velaglucerase_alfa``."""
    return "https://en.wikipedia.org/wiki/" + quote(title.replace(" ", "_"), safe=_URL_SAFE)


def _place(record: Record, path: str, value: object) -> None:
    *parents, leaf = path.split(".")
    node = record
    for part in parents:
        node = node.setdefault(part, {})
    if isinstance(value, Items):
        node[leaf] = list(value.items)
        if value.incomplete:
            node[leaf + "_incomplete"] = True
    elif isinstance(value, Identified):
        _place_identified(node, leaf, value)
    else:
        node[leaf] = value


def _place_identified(node: Record, leaf: str, value: Identified) -> None:
    """The first identifier at the key (a list field: all), the rest in ``additional``,
    the note beside each in ``notes``: the key stays one joinable identifier."""
    if value.listed:
        kept = node.setdefault(leaf, [])
        seen = set(kept)  # a value may hold thousands: stay linear
        for identifier in value.values:
            if identifier not in seen:
                seen.add(identifier)
                kept.append(identifier)
    else:
        node[leaf] = value.values[0]
        if value.values[1:]:
            node.setdefault("additional", {})[leaf] = value.values[1:]
    if value.notes:
        node.setdefault("notes", {}).setdefault(leaf, {}).update(value.notes)


def assemble_fields(
    fields: dict[str, object], sources: dict[str, str] | None = None
) -> tuple[Record, list[WarningEntry]]:
    """Nest dotted paths and combine staged parts (``_atc``, images, components, formula).

    ``sources`` (record path -> parameter name) names the parameters whose text is kept in
    the record's ``unmapped`` when staged parts cannot be combined (an ATC prefix alone).
    """
    record: Record = {}
    for path, value in fields.items():
        _place(record, path, value)
    warnings: list[WarningEntry] = []
    warnings += _compose_atc(record, record.pop("_atc", {}), sources or {})
    _list_images(record)
    _list_components(record)
    _list_solubilities(record, record.pop("_solubilities", {}))
    for staged, field in (("_pkas", "pkas"), ("_pkbs", "pkbs")):
        _list_numbered(record, field, record.pop(staged, {}))
    _place_numbered_ids(record, record.pop("_numbered_ids", {}))
    _decode_biologic(record.get("biologic"))
    _decode_codes(record)
    warnings += _compose_chemistry(record, record.pop("_molar_mass", {}))
    return record, warnings


def _compose_atc(record: Record, atc: Record, sources: dict[str, str]) -> list[WarningEntry]:
    """``identifiers.atc``/``atcvet``: the composed code first, then the supplemental ones."""
    warnings: list[WarningEntry] = []
    identifiers = record.setdefault("identifiers", {})
    prefix, suffix = atc.get("prefix"), atc.get("suffix")
    if prefix or suffix:
        vet = str(atc.get("vet", "")).lower() in ("yes", "y", "true", "1")
        code, note, found = compose_atc(prefix, suffix, vet)
        warnings += found
        if code is None:
            for part, value in (("prefix", prefix), ("suffix", suffix)):
                if value:
                    name = sources.get(f"_atc.{part}", f"ATC_{part}")
                    record.setdefault("unmapped", {})[name] = value
            written = " + ".join(v for v in (prefix, suffix) if v)
            message = f"no ATC code in {written!r}; kept as written in unmapped"
            warnings.append(warning("no_identifier", "identifiers.atc", message))
        else:
            kind = "atcvet" if code.startswith("Q") else "atc"
            _place_identified(
                identifiers, kind, Identified([code], {code: note} if note else {}, True)
            )
    for kind, found_codes in atc.get("supplemental", {}).items():
        _place_identified(identifiers, kind, found_codes)
    if not identifiers:
        record.pop("identifiers")
    return warnings


def _list_images(record: Record) -> None:
    images = record.pop("images", None)
    if images:
        order = [s for s in IMAGE_SLOTS if s in images]
        order += sorted(s for s in images if s not in IMAGE_SLOTS)
        record["images"] = [{"slot": s, **images[s]} for s in order if images[s]]


def _list_solubilities(record: Record, numbered: Record) -> None:
    """Chembox ``SolubilityN``/``SolventN`` -> ``chemistry.solubilities``, in number order."""
    if numbered:
        entries = [numbered[n] for n in sorted(numbered, key=int)]
        record.setdefault("chemistry", {})["solubilities"] = entries


def _list_numbered(record: Record, field: str, numbered: Record) -> None:
    """Chembox ``pKa1``, ``pKa2``... -> ``chemistry.pkas``, in number order."""
    if numbered:
        values = [numbered[n] for n in sorted(numbered, key=int)]
        record.setdefault("chemistry", {})[field] = values


def _place_numbered_ids(record: Record, staged: Record) -> None:
    """Chembox numbered identifiers (``CASNo3``, ``PubChem1``...), staged as
    ``{section: {key: {n: {key, additional, notes}}}}``: in number order, each goes to the
    key if it is free, else to its ``_2`` slot if the schema has a free one, else to
    ``additional``; notes follow their identifiers."""
    from drugparse.validate import schema  # the schema names the ``_2`` slots

    for section, keys in staged.items():
        slots = schema()["properties"][section]["properties"]
        node = record.setdefault(section, {})
        for key, numbered in keys.items():
            for n in sorted(numbered, key=int):
                entry = numbered[n]
                found = entry.get(key)
                if isinstance(found, list):  # a list key (``CASNoOther1``): all in it
                    node.setdefault(key, [])
                values = found if isinstance(found, list) else [found] if found else []
                values += entry.get("additional", {}).get(key, [])
                notes = entry.get("notes", {}).get(key, {})
                for value in values:
                    _place_one(node, key, value, key + "_2" in slots)
                if notes:
                    node.setdefault("notes", {}).setdefault(key, {}).update(notes)


def _place_one(node: Record, key: str, value: str, has_second: bool) -> None:
    second = key + "_2"
    kept = [node.get(key), node.get(second), *node.get("additional", {}).get(key, [])]
    if value in kept:
        return
    if isinstance(node.get(key), list):  # a list key (``cas_supplemental``): all in it
        node[key].append(value)
    elif key not in node:
        node[key] = value
    elif has_second and second not in node:
        node[second] = value
    else:
        node.setdefault("additional", {}).setdefault(key, []).append(value)


def _decode_biologic(biologic: Record | None) -> None:
    """``source: u`` -> ``source_meaning: human``; ``mab_type: Fab`` and ``vaccine_type:
    attenuated`` likewise."""
    if not biologic:
        return
    tables = (("source", MAB_SOURCES), ("mab_type", MAB_TYPES), ("vaccine_type", VACCINE_TYPES))
    for field, table in tables:
        code = biologic.get(field)
        meaning = table.get(" ".join(code.split()).lower()) if isinstance(code, str) else None
        if meaning:
            biologic[field + "_meaning"] = meaning


def _decode_codes(record: Record) -> None:
    """``legal.UK.status: POM`` -> ``legal.UK.status_meaning``; ``clinical.pregnancy.AU:
    B3`` -> ``clinical.pregnancy.AU_meaning`` (tables in :mod:`drugparse.tables.codes`)."""
    for country, entry in (record.get("legal") or {}).items():
        if isinstance(entry, dict) and isinstance(entry.get("status"), str):
            meaning = legal_meaning(country, entry["status"])
            if meaning:
                entry["status_meaning"] = meaning
    pregnancy = (record.get("clinical") or {}).get("pregnancy")
    if isinstance(pregnancy, dict) and isinstance(pregnancy.get("AU"), str):
        meaning = PREGNANCY_AU.get(fold(pregnancy["AU"]))
        if meaning:
            pregnancy["AU_meaning"] = meaning


def _compose_temperatures(chem: Record) -> None:
    """``melting_point = 169`` with ``melting_high = 171`` is the range 169–171 °C; notes
    saying "decomposes" mark the point."""
    for kind in ("melting", "boiling"):
        point, high = chem.get(kind + "_point"), chem.get(kind + "_high")
        if (
            isinstance(point, dict)
            and isinstance(high, dict)
            and "max" in high
            and point.get("min") == point.get("max")
            and point.get("unit") == high.get("unit")
            and high["max"] > point["max"]
        ):
            point["max"] = high["max"]
            if "max_celsius" in high:
                point["max_celsius"] = high["max_celsius"]
        notes = chem.get(kind + "_notes")
        if isinstance(point, dict) and isinstance(notes, str) and DECOMPOSES.search(notes):
            point["decomposes"] = True


def _list_components(record: Record) -> None:
    components = record.pop("components", None)
    if components:
        record["components"] = [components[n] for n in sorted(components, key=int)]


def _compose_chemistry(record: Record, stated_unit: Record) -> list[WarningEntry]:
    chem = record.get("chemistry")
    if not chem:
        return []
    _compose_temperatures(chem)
    warnings: list[WarningEntry] = []
    stated = chem.get("molar_mass")
    if isinstance(stated, dict) and "value" in stated:
        # Both templates print g/mol after a bare number (molecular_weight_unit's default).
        unit = stated_unit.get("unit") or stated.get("unit") or "g/mol"
        chem["molar_mass"] = {**stated, "unit": unit}
    elements = chem.get("elements")
    if not elements and isinstance(chem.get("formula"), str):
        elements = chemistry.formula_elements(chem["formula"])
    if elements:
        if "formula" not in chem and "elements" in chem:
            chem["formula"] = chemistry.hill_formula(elements)
        computed = chemistry.computed_molar_mass(elements)
        if computed:
            chem["computed_molar_mass"] = computed
            stated = chem.get("molar_mass")
            why = chemistry.mismatch(stated, computed) if isinstance(stated, dict) else None
            if why:
                warnings.append(warning("molar_mass_mismatch", "chemistry.molar_mass", why))
    return warnings + chemistry.cross_check(chem)


# Falsy values that are not "empty": 0, 0.0 and False are data. (None, "", [] and {} are not.)
_KEPT_FALSY = frozenset({int, float, bool})


class Shape:
    """A schema node compiled for :func:`tidy`: key order and the shapes of children.

    ``rank`` maps each property to its position in the schema (iterated, it lists
    them in that order); ``number`` is true where the schema says ``"type": "number"``.
    """

    __slots__ = ("rank", "children", "extra", "items", "number")

    def __init__(self) -> None:
        self.rank: dict[str, int] = {}
        self.children: dict[str, Shape] = {}
        self.extra: Shape | None = None
        self.items: Shape | None = None
        self.number = False


def compile_shape(
    node: dict[str, Any], defs: dict[str, Any], _memo: dict[int, Shape] | None = None
) -> Shape:
    """Resolve ``$ref``s once, so ordering a record is a plain walk."""
    memo: dict[int, Shape] = {} if _memo is None else _memo
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    if id(node) in memo:
        return memo[id(node)]
    shape = memo[id(node)] = Shape()
    kind = node.get("type")
    shape.number = kind == "number" or (isinstance(kind, list) and "number" in kind)
    properties = node.get("properties", {})
    shape.rank = {key: rank for rank, key in enumerate(properties)}
    shape.children = {k: compile_shape(v, defs, memo) for k, v in properties.items()}
    extra = node.get("additionalProperties")
    if isinstance(extra, dict):
        shape.extra = compile_shape(extra, defs, memo)
    if isinstance(node.get("items"), dict):
        shape.items = compile_shape(node["items"], defs, memo)
    return shape


@overload
def tidy(value: Record, shape: Shape | None) -> Record: ...
@overload
def tidy(value: object, shape: Shape | None) -> object: ...
def tidy(value: object, shape: Shape | None) -> object:
    """Prune empty values (empty means absent) and order keys as the schema, in one pass.

    A whole number where the schema says ``number`` becomes a float (``3`` -> ``3.0``), so
    JSON readers that infer types (Polars, pyarrow, DuckDB) see one type per field.
    """
    if type(value) is dict:
        if shape is None:
            keys: list[str] = list(value)
            children: dict[str, Shape] = {}
            extra = None
        else:
            children = shape.children
            if value.keys() <= children.keys():  # the usual case: sort by schema position
                keys = sorted(value, key=shape.rank.__getitem__)
            else:  # keys the schema does not name (additionalProperties) go last, as given
                keys = [k for k in shape.rank if k in value]
                keys += [k for k in value if k not in children]
            extra = shape.extra
        out: Record = {}
        for key in keys:
            child = tidy(value[key], children.get(key, extra))
            if child or type(child) in _KEPT_FALSY:
                out[key] = child
        return out
    if type(value) is list:
        items = shape.items if shape is not None else None
        return [c for c in (tidy(v, items) for v in value) if c or type(c) in _KEPT_FALSY]
    if type(value) is int and shape is not None and shape.number:
        return float(value)
    return value
