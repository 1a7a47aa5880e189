"""The schema says what the code does: every mapped path exists, codes match, it ships."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

import drugparse
from drugparse.errors import WARNING_CODES
from drugparse.tables import chembox, infobox_drug
from drugparse.tables.atomic_weights import ELEMENT_SYMBOLS

from .conftest import ROOT


def _resolve(schema: dict, path: str) -> dict:
    node = schema
    for part in path.split("."):
        while "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        if node.get("type") == "array":
            node = node["items"]
            while "$ref" in node:
                node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        properties = node.get("properties", {})
        if part in properties:
            node = properties[part]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            raise KeyError(f"{path}: no {part!r} in the schema")
    return node


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(drugparse.schema())


def test_installed_schema_is_the_repository_schema():
    on_disk = json.loads((ROOT / "schemas" / "drug-record.schema.json").read_text("utf-8"))
    assert drugparse.schema() == on_disk


ALL_MAPPINGS = [
    *((f"infobox_drug:{name}", m.path) for name, m in infobox_drug.PARAMETERS.items()),
    *((f"chembox:{name}", m.path) for name, m in chembox.PARAMETERS.items()),
    *((f"chembox:{name}", chembox.lookup(name).path) for name in chembox.HAZARD_PARAMETERS),
    *((f"chembox:{name}", chembox.lookup(name).path) for name in chembox.PROPERTY_PARAMETERS),
    *((f"chembox:{name}", chembox.lookup(name).path) for name in chembox.NUMBERED_EXAMPLES),
]


@pytest.mark.parametrize(("name", "path"), ALL_MAPPINGS, ids=[n for n, _ in ALL_MAPPINGS])
def test_every_mapped_parameter_has_a_place_in_the_schema(name, path):
    if path.startswith("_"):
        return  # staged, composed by assemble (ATC, molar-mass unit)
    path = re.sub(r"^images\.[a-z0-9_]+\.", "images.", path)  # images.<slot>.file
    _resolve(drugparse.schema(), path)


CHEMBOX_PATTERNS = ["ImageFile", "ImageFile1", "ImageNameR4", "ImageCaptionL2", "ImageSize3"]


@pytest.mark.parametrize("name", CHEMBOX_PATTERNS)
def test_every_chembox_image_parameter_has_a_slot_the_schema_allows(name):
    path = chembox.lookup(name).path
    slot = path.split(".")[1]
    pattern = drugparse.schema()["$defs"]["image"]["properties"]["slot"]["pattern"]
    assert re.match(pattern, slot), slot
    _resolve(drugparse.schema(), re.sub(r"^images\.[a-z0-9_]+\.", "images.", path))


def test_image_slots_of_infobox_drug_match_the_schema_pattern():
    pattern = drugparse.schema()["$defs"]["image"]["properties"]["slot"]["pattern"]
    slots = {
        m.path.split(".")[1]
        for m in infobox_drug.PARAMETERS.values()
        if m.path.startswith("images.")
    }
    assert slots == {"main", "second", "left", "right", "left_2", "right_2"}
    assert all(re.match(pattern, s) for s in slots)


def test_numbered_and_element_parameters_resolve():
    schema = drugparse.schema()
    assert _resolve(schema, "chemistry.elements.Cl")["type"] == "integer"
    assert infobox_drug.lookup("component7").path == "components.7.name"
    assert infobox_drug.lookup("class12").path == "components.12.class"
    assert {"C", "H", "Cl", "Na", "D", "Og"} <= ELEMENT_SYMBOLS
    assert infobox_drug.lookup("colour") is None


def test_warning_codes_are_the_schema_enum():
    enum = drugparse.schema()["$defs"]["warning"]["properties"]["code"]["enum"]
    assert enum == list(WARNING_CODES)


def test_every_property_is_described():
    def walk(node, where):
        if isinstance(node, dict):
            for key, child in node.get("properties", {}).items():
                assert "description" in child or "$ref" in child, f"{where}.{key}"
                walk(child, f"{where}.{key}")
            for key in ("items", "additionalProperties"):
                if isinstance(node.get(key), dict):
                    walk(node[key], where)

    schema = drugparse.schema()
    walk(schema, "record")
    for name, definition in schema["$defs"].items():
        walk(definition, name)


def test_identifiers_carry_wikidata_properties():
    identifiers = drugparse.schema()["properties"]["identifiers"]["properties"]
    assert identifiers["cas"]["x-wikidata-property"] == "P231"
    assert identifiers["unii"]["x-wikidata-property"] == "P652"
    assert identifiers["chembl"]["x-wikidata-property"] == "P592"
