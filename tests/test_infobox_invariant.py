"""The invariant: no infobox value can make a page fail.

For every mapped parameter of ``{{Infobox drug}}`` and ``{{Chembox}}`` (every row of
``tables/infobox_drug.py`` and ``tables/chembox.py``, element counts, numbered
parameters, Chembox Hazards), any value — random text, markup, the odd values real
articles hold — gives a record that validates. Identifier keys hold only identifiers
with their family's shape; what is not one is kept (``unmapped``, ``notes``), never
dropped. Sizes: tests/hypothesis_profiles.py.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import drugparse
from drugparse.tables import chembox, infobox_drug
from drugparse.tables.identifiers import FAMILIES

from .hypothesis_profiles import PROFILE

#: Every parameter the Infobox drug table maps, numbered ones by example.
DRUG_PARAMETERS = sorted(
    {*infobox_drug.PARAMETERS, *infobox_drug.ELEMENT_MAPPINGS, "component1", "class1", "component2"}
)
#: Every parameter the Chembox table maps: hazards, other properties, numbered families by
#: example.
CHEMBOX_PARAMETERS = sorted(
    {
        *chembox.PARAMETERS,
        *chembox.HAZARD_PARAMETERS,
        *chembox.PROPERTY_PARAMETERS,
        *chembox.NUMBERED_EXAMPLES,
        *infobox_drug.ELEMENT_MAPPINGS,
    }
)

#: Values written the way real articles write them, and worse (one per line of thought).
ODD_VALUES = [
    "50-78-2 (free acid)",
    "DB00945 (salt)",
    "2244<br>5462",
    "2244<br />5462<br/>(sodium salt)",
    "2157 ✓",
    "2157 {{tick}}",
    "{{CAS|50-78-2}} (anhydrous)",
    "{{ATC|J07|BD52}} (with mumps and rubella)",
    "AC06 (WHO)",
    "b01",
    "(combination)",
    "12.7 ± 4.3 hours",
    "<24 hours",
    "1,000 hours",
    "None",
    "Unknown",
    "Nil",
    "N/A",
    "–",
    "?",
    "not assigned",
    "see text",
    "2244, 5462, and 3672",
    "1234567890123456789012345678901234567890",
    "9" * 40,
    "9" * 400 + " hours",
    "9" * 400 + " g/mol",
    "0",
    "-1",
    "1e400",
    "12-14",
    "~12",
    "²",
    "Ⅻ",
    "١٢",
    "<ref>{{cite web|url=http://x.org|title=T}}</ref>",
    "<ref name=a/>",
    "x<ref>y</ref> z",
    "<!-- hidden -->",
    "<!-- a --> 50-78-2 <!-- b -->",
    "[[Aspirin]]",
    "[[Aspirin|ASA]] (free acid)",
    "{{ubl|2244|5462}}",
    "{{plainlist|\n* 2244\n* 5462\n}}",
    "{{unknown template|x}}",
    "{{drugs.com||}}",
    "{{drugs.com|<!--x-->|slug}}",
    "{{drugs.com| |x y}}",
    "{{cascite| |CAS}}",
    "{{cascite|<!--x-->|CAS}}",
    "{{cascite|correct {{x}}|CAS}}",
    "'''bold''' ''italic''",
    "<small>(as hydrochloride)</small>",
    "<sup>2</sup>",
    "&nbsp;",
    "&#x2013;",
    "a\tb",
    "https://example.org/x?y=1",
    "[https://example.org label]",
    "CC(=O)OC1=CC=CC=C1C(=O)O",
    "InChI=1S/C9H8O4/c1-6(10)13-8-5-3-2-4-7(8)9(11)12/h2-5H,1H3,(H,11,12)",
    "BSYNRYMUTXBXSQ-UHFFFAOYSA-N",
    "InChIKey=BSYNRYMUTXBXSQ-UHFFFAOYSA-N (aspirin)",
    "C9H8O4",
    "{{chem2|C9H8O4}}",
    "180.158 g/mol",
    "yes",
    "mab",
    "R16CO5Y76E",
    "r16co5y76e",
    "trihydrate",
    "E 330",
    "E160a(ii)",
    "UN 1090",
    "DTXSID5020108",
    "CHEMBL25",
    "chebi:15365",
    "{{val|6.5|1.4|u=h}}",
    "== Heading ==",
    "* item",
    "{| class=wikitable\n| a\n|}",
    "<nowiki>|</nowiki>",
    "=",
    "",
]


def drug_box(parameters: list[str], value: str) -> str:
    lines = "".join(f"\n| {name} = {value}" for name in parameters)
    return "{{Infobox drug" + lines + "\n}}\n'''X''' is a drug."


def chem_box(parameters: list[str], value: str) -> str:
    lines = "".join(f"\n| {name} = {value}" for name in parameters)
    # A Chembox counts as a drug's box when a drug parameter has a value: the last one does.
    return (
        "{{Chembox\n| Section1 = {{Chembox Identifiers" + lines + "\n}}"
        "\n| Section2 = {{Chembox Pharmacology\n| AdminRoutes = Oral\n}}\n}}\n'''X''' is."
    )


def check(page: str) -> dict:
    """The invariant: a record that validates, whose identifier keys have their shape."""
    record = drugparse.parse(page, title="X")
    drugparse.validate(record)
    json.dumps(record, allow_nan=False)  # strict JSON: no Infinity or NaN
    for section in ("identifiers", "chemistry"):
        for key, value in record.get(section, {}).items():
            family = FAMILIES.get(key.removesuffix("_2"))
            if family is None:
                continue
            for item in value if isinstance(value, list) else [value]:
                assert re.match(family.shape, item), (section, key, item)
    return record


@pytest.mark.parametrize("value", ODD_VALUES)
def test_every_infobox_drug_parameter_takes_any_odd_value(value):
    check(drug_box(DRUG_PARAMETERS, value))


@pytest.mark.parametrize("value", ODD_VALUES)
def test_every_chembox_parameter_takes_any_odd_value(value):
    check(chem_box(CHEMBOX_PARAMETERS, value))


@pytest.mark.parametrize("value", ["50-78-2 (free acid)", "2244<br>5462", "not assigned"])
@pytest.mark.parametrize("name", DRUG_PARAMETERS)
def test_each_parameter_alone(name, value):
    # Alone, a parameter cannot lean on the others (an ATC prefix without its suffix).
    check(drug_box([name], value))


# --- random values -------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [v for v in ODD_VALUES if "|" not in v and "{" not in v and "\n" not in v]
    + ["(", ")", "[", "]", "<br>", "<br/>", ", ", "; ", " / ", " and ", "✓", ":", "±", "~", "<"]
    + ["{{ATC|B01|AC06}}", "{{CAS|50-00-0}}", "{{nowrap|x y}}", "{{ubl|a|b}}", "<ref>r</ref>"]
)
_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="|{}"),
    max_size=20,
)
VALUES = st.lists(st.one_of(_FRAGMENTS, _TEXT), max_size=5).map("".join)


@PROFILE
@given(
    parameters=st.lists(st.sampled_from(DRUG_PARAMETERS), min_size=1, max_size=6),
    value=VALUES,
)
def test_random_values_in_infobox_drug(parameters, value):
    check(drug_box(parameters, value))


@PROFILE
@given(
    parameters=st.lists(st.sampled_from(CHEMBOX_PARAMETERS), min_size=1, max_size=6),
    value=VALUES,
)
def test_random_values_in_chembox(parameters, value):
    check(chem_box(parameters, value))


# --- the tables agree with the schema ---------------------------------------------------

IDENTIFIER_NORMALISERS = {"identifier", "identifier_list"}


def _identifier_rows():
    for table in (infobox_drug.PARAMETERS, chembox.PARAMETERS):
        for name, mapping in table.items():
            if getattr(mapping.normalise, "__name__", "") in IDENTIFIER_NORMALISERS:
                yield name, mapping.path


@pytest.mark.parametrize(("name", "path"), sorted(set(_identifier_rows())))
def test_every_identifier_row_has_a_family_whose_shape_is_the_schema_pattern(name, path):
    from drugparse.tables.identifiers import family_of

    family = family_of(path)
    assert family is not None, name
    section, key = path.split(".")
    node = drugparse.schema()["properties"][section]["properties"][key]
    pattern = node["items"]["pattern"] if node["type"] == "array" else node["pattern"]
    assert pattern == family.shape, path


def test_the_atc_shapes_are_the_schema_patterns():
    from drugparse.tables.identifiers import ATC_SHAPES

    identifiers = drugparse.schema()["properties"]["identifiers"]["properties"]
    for key, shape in ATC_SHAPES.items():
        assert identifiers[key]["items"]["pattern"] == shape


@PROFILE
@given(
    parameters=st.lists(st.sampled_from(DRUG_PARAMETERS), min_size=1, max_size=6),
    value=VALUES,
    in_box=VALUES,
)
def test_random_values_in_drug_resources(parameters, value, in_box):
    # The same parameters in the box and in {{drug resources}}: filled, conflicting or not.
    lines = "".join(f"\n| {name} = {value}" for name in parameters)
    check(drug_box(parameters, in_box) + "\n{{drug resources" + lines + "\n}}")


def test_every_statement_field_is_a_mapped_text_field():
    # A typo in the placeholder table would silently drop "None" again.
    from drugparse.tables.placeholders import STATEMENT_FIELDS

    mapped = {m.path for t in (infobox_drug.PARAMETERS, chembox.PARAMETERS) for m in t.values()}
    assert not STATEMENT_FIELDS - mapped


@pytest.mark.parametrize("value", ODD_VALUES)
def test_every_parameter_in_drug_resources_takes_any_odd_value(value):
    lines = "".join(f"\n| {name} = {value}" for name in DRUG_PARAMETERS)
    check("{{Infobox drug\n| INN = X\n}}\n'''X''' is.\n{{drug resources" + lines + "\n}}")
