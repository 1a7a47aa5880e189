"""Assemble stage: staged field values, citations and article parts -> one record.

Pure functions. The record's key order is the schema's ``properties`` order
(record-format.md: "Key order in output is the order of this page"), applied
by :func:`tidy`, which also prunes empty values (empty means absent).
"""

from __future__ import annotations

from urllib.parse import quote

from drugparse.errors import warning
from drugparse.normalize import chemistry
from drugparse.normalize.identifiers import atc_code
from drugparse.normalize.values import Items

__all__ = [
    "assemble_fields",
    "compile_shape",
    "tidy",
    "page_url",
    "SCHEMA_VERSION",
]

SCHEMA_VERSION = "1.0.0"

_IMAGE_SLOTS = ("main", "second", "left", "right")
# MediaWiki's wfUrlencode leaves these characters readable in page URLs.
_URL_SAFE = ";@$!*(),/~:"


def page_url(title: str) -> str:
    """``page_url("Velaglucerase alfa")`` -> ``https://en.wikipedia.org/wiki/Velaglucerase_alfa``."""
    return "https://en.wikipedia.org/wiki/" + quote(title.replace(" ", "_"), safe=_URL_SAFE)


def _place(record: dict, path: str, value) -> None:
    *parents, leaf = path.split(".")
    node = record
    for part in parents:
        node = node.setdefault(part, {})
    if isinstance(value, Items):
        node[leaf] = list(value.items)
        if value.incomplete:
            node[leaf + "_incomplete"] = True
    else:
        node[leaf] = value


def assemble_fields(fields: dict[str, object]) -> tuple[dict, list[dict]]:
    """Nest dotted paths and combine staged parts (``_atc``, images, components, formula)."""
    record: dict = {}
    for path, value in fields.items():
        _place(record, path, value)
    warnings: list[dict] = []
    _compose_atc(record, record.pop("_atc", {}))
    _list_images(record)
    _list_components(record)
    warnings += _compose_chemistry(record, record.pop("_molar_mass", {}))
    return record, warnings


def _compose_atc(record: dict, atc: dict) -> None:
    codes: dict[str, list[str]] = {"atc": [], "atcvet": []}
    if "prefix" in atc and "suffix" in atc:
        code = atc_code(atc["prefix"], atc["suffix"])
        vet = atc.get("vet", "").lower() in ("yes", "y", "true", "1")
        if vet and not code.startswith("Q"):
            code = "Q" + code
        codes["atcvet" if code.startswith("Q") else "atc"].append(code)
    for kind, values in atc.get("supplemental", {}).items():
        codes[kind].extend(v for v in values if v not in codes[kind])
    for kind, values in codes.items():
        if values:
            record.setdefault("identifiers", {})[kind] = values


def _list_images(record: dict) -> None:
    images = record.pop("images", None)
    if images:
        record["images"] = [{"slot": s, **images[s]} for s in _IMAGE_SLOTS if images.get(s)]


def _list_components(record: dict) -> None:
    components = record.pop("components", None)
    if components:
        record["components"] = [components[n] for n in sorted(components, key=int)]


def _compose_chemistry(record: dict, stated_unit: dict) -> list[dict]:
    chem = record.get("chemistry")
    if not chem:
        return []
    warnings: list[dict] = []
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
    return warnings


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


def compile_shape(node: dict, defs: dict, _memo: dict | None = None) -> Shape:
    """Resolve ``$ref``s once, so ordering a record is a plain walk."""
    memo = {} if _memo is None else _memo
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


def tidy(value, shape: Shape | None):
    """Prune empty values (empty means absent) and order keys as the schema, in one pass.

    A whole number where the schema says ``number`` becomes a float (``3`` -> ``3.0``), so
    JSON readers that infer types (Polars, pyarrow, DuckDB) see one type per field.
    """
    if type(value) is dict:
        if shape is None:
            keys: list = list(value)
            children: dict = {}
            extra = None
        else:
            children = shape.children
            if value.keys() <= children.keys():  # the usual case: sort by schema position
                keys = sorted(value, key=shape.rank.__getitem__)
            else:  # keys the schema does not name (additionalProperties) go last, as given
                keys = [k for k in shape.rank if k in value]
                keys += [k for k in value if k not in children]
            extra = shape.extra
        out = {}
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
