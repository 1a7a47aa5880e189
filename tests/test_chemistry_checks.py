"""Chemistry cross-checks and the infobox values that need more than one parameter:
element counts vs ``chemical_formula`` vs the formula layer of ``StdInChI``, ``StdInChIKey``
vs ``StdInChI``, ``melting_high`` folded into ``melting_point``, numbered Chembox
solubilities and image rows in the templates' order. Keys are real ones (aspirin, acetate,
alfuzosin, netilmicin), written by hand from the articles and PubChem.
"""

from __future__ import annotations

import pytest

import drugparse
from drugparse.normalise import inchi

ASPIRIN = "1S/C9H8O4/c1-6(10)13-8-5-3-2-4-7(8)9(11)12/h2-5H,1H3,(H,11,12)"
ASPIRIN_KEY = "BSYNRYMUTXBXSQ-UHFFFAOYSA-N"
ACETATE = "1S/C2H4O2/c1-2(3)4/h1H3,(H,3,4)/p-1"
ACETATE_KEY = "QTBSBXVTEAMEQO-UHFFFAOYSA-M"
ALFUZOSIN = (
    "1S/C19H27N5O4/c1-24(8-5-7-21-18(25)14-6-4-9-28-14)19-22-13-11-16(27-3)15(26-2)"
    "10-12(13)17(20)23-19/h10-11,14H,4-9H2,1-3H3,(H,21,25)(H2,20,22,23)"
)
ALFUZOSIN_KEY = "WNMJYKCGWZFFKR-UHFFFAOYSA-N"


def _record(*lines: str) -> dict:
    return drugparse.parse("{{Infobox drug\n" + "\n".join(lines) + "\n}}", title="Example")


def _codes(record: dict) -> list[tuple[str, str]]:
    return [(w["code"], w["field"]) for w in record.get("warnings", [])]


# -- InChI and InChIKey without a toolkit ---------------------------------------------
@pytest.mark.parametrize(
    ("structure", "key"),
    [(ASPIRIN, ASPIRIN_KEY), (ACETATE, ACETATE_KEY), (ALFUZOSIN, ALFUZOSIN_KEY)],
)
def test_the_key_of_an_inchi_without_stereo_is_computed_whole(structure, key):
    first, second, flag = inchi.inchikey_parts(structure)
    assert f"{first}-{second}-{flag}" == key
    assert inchi.inchikey_mismatch(structure, key) is None


def test_with_stereo_layers_only_the_first_block_and_flag_are_checked():
    netilmicin = (
        "InChI=1S/C21H41N5O7/c1-4-26-13-7-12(24)16(32-19-11(23)6-5-10(8-22)31-19)14(27)"
        "17(13)33-20-15(28)18(25-3)21(2,29)9-30-20/h5,11-20,25-29H,4,6-9,22-24H2,1-3H3/"
        "t11?,12-,13+,14-,15+,16+,17-,18+,19+,20+,21-/m0/s1"
    )
    assert inchi.inchikey_parts(netilmicin) == ("CIDUJQMULVCIBT", None, "N")
    assert inchi.inchikey_mismatch(netilmicin, "CIDUJQMULVCIBT-KALHTFJLSA-N") is None


def test_formula_layer_sums_components_and_protonation_is_read():
    assert inchi.formula_layer("1S/2C2H4O2.Ca/c2*1-2(3)4;/h2*1H3,(H,3,4);/q;+2/p-2") == {
        "C": 4,
        "H": 8,
        "O": 4,
        "Ca": 1,
    }
    assert inchi.proton_count(ACETATE) == -1
    assert inchi.formula_layer("not an inchi") is None


# -- warnings on records ------------------------------------------------------------------
def test_element_counts_against_the_formula_layer_of_the_inchi():
    record = _record(
        "| C=33 | F=2 | H=44 | N=2 | O=3",
        f"| StdInChI = {ASPIRIN}",
        f"| StdInChIKey = {ASPIRIN_KEY}",
    )
    assert _codes(record) == [("formula_mismatch", "chemistry.stdinchi")]
    assert "C9H8O4" in record["warnings"][0]["message"]


def test_consistent_chemistry_gives_no_warning():
    record = _record(
        "| C=9 | H=8 | O=4",
        f"| StdInChI = {ASPIRIN}",
        f"| StdInChIKey = {ASPIRIN_KEY}",
        "| molecular_weight = 180.159 g/mol",
    )
    assert _codes(record) == []


def test_a_salt_inchi_holding_the_free_base_is_not_a_mismatch():
    record = _record("| chemical_formula = C2H4O2", f"| StdInChI = {ACETATE}")
    assert _codes(record) == []
    salt = _record("| chemical_formula = C9H8O4", "| StdInChI = 1S/C9H8O4.Na/h2-5H,1H3,(H,11,12);")
    assert _codes(salt) == []


def test_element_counts_against_chemical_formula():
    record = _record("| C=9 | H=8 | O=4", "| chemical_formula = C9H8O3")
    assert _codes(record) == [("formula_mismatch", "chemistry.formula")]


def test_an_inchikey_of_another_inchi_is_flagged():
    record = _record(f"| StdInChI = {ASPIRIN}", f"| StdInChIKey = {ALFUZOSIN_KEY}")
    assert _codes(record) == [("inchikey_mismatch", "chemistry.stdinchikey")]
    wrong_flag = _record(f"| StdInChI = {ACETATE}", "| StdInChIKey = QTBSBXVTEAMEQO-UHFFFAOYSA-N")
    assert "protonation" in wrong_flag["warnings"][0]["message"]


# -- values spread over several parameters ----------------------------------------------------
def test_melting_high_makes_the_melting_point_a_range():
    record = _record(
        "| melting_point = 169", "| melting_high = 171", "| melting_notes = decomposes"
    )
    assert record["chemistry"]["melting_point"] == {
        "text": "169",
        "min": 169,
        "max": 171,
        "unit": "°C",
        "min_celsius": 169,
        "max_celsius": 171,
        "decomposes": True,
    }
    assert record["chemistry"]["melting_high"]["text"] == "171"
    assert record["chemistry"]["melting_notes"] == "decomposes"


def test_chembox_numbered_solubilities_are_a_list_in_number_order():
    page = (
        "{{Chembox\n| Section1 = {{Chembox Properties\n| Solubility = 330 g/L\n"
        "| Solubility2 = 10 g/L\n| Solvent2 = glycerol\n| Solubility1 = 20 g/L\n"
        "| Solvent1 = ethanol\n| SolubleOther = Insoluble in [[chloroform]]\n}}\n"
        "| Section2 = {{Chembox Pharmacology\n| ATCCode_prefix = A11\n| ATCCode_suffix = GA01\n}}\n}}"
    )
    chem = drugparse.parse(page, title="Ascorbic acid")["chemistry"]
    assert chem["solubility"] == "330 g/L"
    assert chem["solubilities"] == [
        {"solvent": "ethanol", "value": "20 g/L"},
        {"solvent": "glycerol", "value": "10 g/L"},
    ]
    assert chem["solubility_other"] == "Insoluble in chloroform"


def test_chembox_image_rows_are_separate_images_in_the_template_order():
    page = (
        "{{Chembox\n| ImageFile2 = C.png\n| ImageFile = A.svg\n| ImageSize = 200\n"
        "| ImageFile1 = B.png\n| ImageFileL1 = L.svg\n| ImageFileR1 = R.svg\n"
        "| ImageCaptionR1 = right\n| DrugBank = DB00201\n}}"
    )
    record = drugparse.parse(page, title="Caffeine")
    assert record["images"] == [
        {"slot": "main", "file": "A.svg", "width": "200"},
        {"slot": "main_1", "file": "B.png"},
        {"slot": "left_1", "file": "L.svg"},
        {"slot": "right_1", "file": "R.svg", "caption": "right"},
        {"slot": "main_2", "file": "C.png"},
    ]
    assert "warnings" not in record  # ImageFile and ImageFile1 are two slots, not a duplicate


def test_pregnancy_us_is_deprecated_in_the_schema_and_kept():
    us = drugparse.schema()["properties"]["clinical"]["properties"]["pregnancy"]["properties"]["US"]
    assert us["deprecated"] is True
    assert _record("| pregnancy_US = C")["clinical"]["pregnancy"] == {"US": "C"}


def test_smiles_checks_with_rdkit():
    pytest.importorskip("rdkit")
    from drugparse.normalise.smiles import smiles_warnings

    aspirin = {"smiles": "CC(=O)Oc1ccccc1C(=O)O", "formula": "C9H8O4", "stdinchikey": ASPIRIN_KEY}
    assert smiles_warnings(aspirin) == []
    wrong = {**aspirin, "formula": "C9H8O3", "stdinchikey": ALFUZOSIN_KEY}
    assert [w["code"] for w in smiles_warnings(wrong)] == ["smiles_mismatch", "smiles_mismatch"]
