"""Parameters of ``{{Chembox}}`` and its section templates, mapped to the drug record.

Source: en.wikipedia Template:Chembox/doc and the documentation of its
sections (Template:Chembox Identifiers, Chembox Properties, Chembox
Pharmacology, Chembox Hazards). Some drug articles (``Eravacycline``) are
described by a Chembox instead of an Infobox drug; the record they give has
the same paths as :mod:`drugparse.tables.infobox_drug`, so pipelines need not
care. Hazard data has no place in a drug record's other sections and goes to
``hazards`` as written.
"""

from __future__ import annotations

import re

from drugparse.normalise import chemistry, identifiers, links, measurements, values
from drugparse.tables.infobox_drug import ELEMENT_MAPPINGS, LEGAL_COUNTRIES, Mapping
from drugparse.tables.infobox_names import names_of

__all__ = ["TEMPLATE_NAMES", "SECTION_PREFIX", "PARAMETERS", "DRUG_EVIDENCE", "lookup"]

#: Names of the template and its redirects, folded (:mod:`drugparse.tables.infobox_names`).
TEMPLATE_NAMES: frozenset[str] = names_of("chembox")

#: Section templates (``| Section1 = {{Chembox Identifiers ...}}``) start with this, folded.
SECTION_PREFIX = "chembox "

_text = values.text
_list = values.text_list
_id = identifiers.identifier
_verified = identifiers.verification_status

PARAMETERS: dict[str, Mapping] = {
    # names and images (the Chembox itself)
    "Name": Mapping("names.drug_name", _text),
    "IUPACName": Mapping("names.iupac_name", _text),
    "PIN": Mapping("names.iupac_name", _text),
    "SystematicName": Mapping("names.systematic_name", _text),
    "OtherNames": Mapping("names.synonyms", _list),
    "Verifiedfields": Mapping("source.verified_fields", _text),
    "verifiedrevid": Mapping("source.verified_revid", values.integer),
    "Watchedfields": Mapping("source.watched_fields", _text),
    "Reference": Mapping("display.reference", _text),
    # Chembox Identifiers
    "CASNo": Mapping("identifiers.cas", identifiers.cas_number),
    "CASNo_Ref": Mapping("identifiers.verification.cas", _verified),
    "CASNo1": Mapping("identifiers.cas", identifiers.cas_number),
    "CASNo2": Mapping("identifiers.cas_2", identifiers.cas_number),
    "CASNoOther": Mapping("identifiers.cas_supplemental", identifiers.cas_list),
    "UNII": Mapping("identifiers.unii", _id),
    "UNII_Ref": Mapping("identifiers.verification.unii", _verified),
    "UNII2": Mapping("identifiers.unii_2", _id),
    "PubChem": Mapping("identifiers.pubchem_cid", _id),
    "PubChem2": Mapping("identifiers.pubchem_cid_2", _id),
    "ChemSpiderID": Mapping("identifiers.chemspider", _id),
    "ChemSpiderID_Ref": Mapping("identifiers.verification.chemspider", _verified),
    "ChemSpiderID2": Mapping("identifiers.chemspider_2", _id),
    "KEGG": Mapping("identifiers.kegg", _id),
    "KEGG_Ref": Mapping("identifiers.verification.kegg", _verified),
    "KEGG2": Mapping("identifiers.kegg_2", _id),
    "ChEBI": Mapping("identifiers.chebi", identifiers.chebi),
    "ChEBI_Ref": Mapping("identifiers.verification.chebi", _verified),
    "ChEBI2": Mapping("identifiers.chebi_2", identifiers.chebi),
    "ChEMBL": Mapping("identifiers.chembl", identifiers.chembl),
    "ChEMBL_Ref": Mapping("identifiers.verification.chembl", _verified),
    "ChEMBL2": Mapping("identifiers.chembl_2", identifiers.chembl),
    "DrugBank": Mapping("identifiers.drugbank", _id),
    "DrugBank_Ref": Mapping("identifiers.verification.drugbank", _verified),
    "DrugBank2": Mapping("identifiers.drugbank_2", _id),
    "IUPHAR_ligand": Mapping("identifiers.iuphar_ligand", _id),
    "ECHA": Mapping("identifiers.echa_infocard", _id),
    "ENumber": Mapping("identifiers.e_number", _id),
    "EINECS": Mapping("identifiers.ec_number", _id),
    "EC_number": Mapping("identifiers.ec_number", _id),
    "PDB_ligand": Mapping("identifiers.pdb_ligand", _id),
    "MeSHName": Mapping("identifiers.mesh_name", _text),
    "RTECS": Mapping("identifiers.rtecs", _id),
    "UNNumber": Mapping("identifiers.un_number", _id),
    "Beilstein": Mapping("identifiers.beilstein", _id),
    "Gmelin": Mapping("identifiers.gmelin", _id),
    "3DMet": Mapping("identifiers.3dmet", _id),
    "CompTox": Mapping("identifiers.comptox", _id),
    "SMILES": Mapping("chemistry.smiles", _id),
    "SMILES1": Mapping("chemistry.smiles_2", _id),
    "StdInChI": Mapping("chemistry.stdinchi", _id),
    "StdInChI_Ref": Mapping("identifiers.verification.stdinchi", _verified),
    "StdInChIKey": Mapping("chemistry.stdinchikey", _id),
    "StdInChIKey_Ref": Mapping("identifiers.verification.stdinchikey", _verified),
    "InChI": Mapping("chemistry.inchi", _id),
    "InChIKey": Mapping("chemistry.inchikey", _id),
    # Chembox Properties
    "Formula": Mapping("chemistry.formula", chemistry.chemical_formula),
    "Formula_Ref": Mapping("chemistry.formula_ref", _text),
    "Charge": Mapping("chemistry.charge", _text),
    "MolarMass": Mapping("chemistry.molar_mass", chemistry.molar_mass),
    "MolarMass_Ref": Mapping("chemistry.molar_mass_ref", _text),
    "Appearance": Mapping("chemistry.appearance", _text),
    "Odor": Mapping("chemistry.odor", _text),
    "Density": Mapping("chemistry.density", measurements.density),
    "MeltingPt_notes": Mapping("chemistry.melting_notes", _text),
    "Melting_notes": Mapping("chemistry.melting_notes", _text),
    "BoilingPt_notes": Mapping("chemistry.boiling_notes", _text),
    "Boiling_notes": Mapping("chemistry.boiling_notes", _text),
    "Solubility": Mapping("chemistry.solubility", _text),
    "SolubleOther": Mapping("chemistry.solubility_other", _text),
    "Solvent": Mapping("chemistry.solubility_other_solvent", _text),
    "LogP": Mapping("chemistry.log_p", _text),
    "pKa": Mapping("chemistry.pka", _text),
    "pKb": Mapping("chemistry.pkb", _text),
    "RefractIndex": Mapping("chemistry.refractive_index", _text),
    "SpecRotation": Mapping("chemistry.specific_rotation", _text),
    # Chembox Pharmacology
    "ATCCode_prefix": Mapping("_atc.prefix", identifiers.atc_part),
    "ATCCode_suffix": Mapping("_atc.suffix", identifiers.atc_part),
    "ATC_Supplemental": Mapping("_atc.supplemental", identifiers.atc_codes),
    "ATCvet": Mapping("_atc.vet", _text),
    "AdminRoutes": Mapping("clinical.routes_of_administration", _list),
    "Bioavail": Mapping("pharmacokinetics.bioavailability", measurements.percentage),
    "ProteinBound": Mapping("pharmacokinetics.protein_bound", measurements.percentage),
    "Metabolism": Mapping("pharmacokinetics.metabolism", _text),
    "HalfLife": Mapping("pharmacokinetics.elimination_half_life", measurements.duration),
    "Excretion": Mapping("pharmacokinetics.excretion", _text),
    "Licence_EU": Mapping("clinical.licence.EU", _text),
    "Licence_US": Mapping("clinical.licence.US", _text),
    "PregCat": Mapping("clinical.pregnancy.category", _text),
    "PregCat_AU": Mapping("clinical.pregnancy.AU", _text),
    "PregCat_US": Mapping("clinical.pregnancy.US", _text),
    "Legal_status": Mapping("legal.other", _list),
    "Dependence_liability": Mapping("clinical.dependency_liability", _text),
    "AddictionLiability": Mapping("clinical.addiction_liability", _text),
    "MedlinePlus": Mapping("clinical.medlineplus", links.medlineplus),
    "DailyMedID": Mapping("clinical.dailymed_id", _text),
    "Drugs.com": Mapping("clinical.drugs_com", links.drugs_com),
}
#: Melting and boiling point, in the unit of the parameter's last letter (``MeltingPtK``);
#: ``L``/``H`` suffixes are the low and high ends of a range (``MeltingPtCL``, ``MeltingPtCH``).
_TEMPERATURE_UNITS = {"": "°C", "C": "°C", "K": "K", "F": "°F"}
for _stem, _path in (("MeltingPt", "chemistry.melting"), ("BoilingPt", "chemistry.boiling")):
    for _letter, _unit in _TEMPERATURE_UNITS.items():
        _read = measurements.temperature_in(_unit)
        PARAMETERS[_stem + _letter] = Mapping(_path + "_point", _read)
        if _letter:
            PARAMETERS[f"{_stem}{_letter}L"] = Mapping(_path + "_point", _read)
            PARAMETERS[f"{_stem}{_letter}H"] = Mapping(_path + "_high", _read)
for _country in LEGAL_COUNTRIES:
    PARAMETERS[f"Legal_{_country}"] = Mapping(f"legal.{_country}.status", _text)
    PARAMETERS[f"Legal_{_country}_comment"] = Mapping(f"legal.{_country}.comment", _text)

#: Chembox Hazards parameters: kept as written under ``hazards`` (not drug data proper).
HAZARD_PARAMETERS = frozenset(
    {
        "MainHazards", "FlashPt", "AutoignitionPt", "ExploLimits", "GHSPictograms",
        "GHSSignalWord", "HPhrases", "PPhrases", "GHS_ref", "NFPA-H", "NFPA-F", "NFPA-R",
        "NFPA-S", "NFPA_ref", "LD50", "LC50", "LDLo", "PEL", "REL", "IDLH", "TLV",
        "ExternalSDS", "EUClass", "RPhrases", "SPhrases",
    }
)  # fmt: skip

#: Parameters whose presence (with a value) makes a Chembox describe a drug.
DRUG_EVIDENCE = frozenset(
    {
        "ATCCode_prefix", "ATC_Supplemental", "ATCvet", "DrugBank", "AdminRoutes", "Bioavail",
        "ProteinBound", "HalfLife", "Excretion", "Licence_EU", "Licence_US", "PregCat",
        "PregCat_AU", "PregCat_US", "Legal_status", "MedlinePlus", "DailyMedID", "Drugs.com",
        "Dependence_liability", "AddictionLiability",
        *(f"Legal_{c}" for c in LEGAL_COUNTRIES),
    }
)  # fmt: skip


#: Image rows of the Chembox (Template:Chembox/doc, "IMAGE row 1/9" ... "9/9"): ``ImageFile``,
#: ``ImageFile1``...``ImageFile4`` and the left/right pairs ``ImageFileL1``/``ImageFileR1``...
#: ``L4``/``R4``, each with ``ImageSize``, ``ImageAlt``, ``ImageCaption`` and ``ImageName``
#: of the same suffix. The record's slot is ``main``, ``main_1``..., ``left_1``, ``right_1``...
_IMAGE = re.compile(r"^Image(?P<field>File|Size|Alt|Caption|Name)(?P<side>[LR]?)(?P<n>[1-9]?)$")
_IMAGE_FIELDS = {
    "File": "file", "Size": "width", "Alt": "alt", "Caption": "caption", "Name": "name",
}  # fmt: skip
_SIDES = {"": "main", "L": "left", "R": "right"}

#: Numbered solubilities: ``Solubility1 = 20 g/L`` with ``Solvent1 = ethanol`` (Chembox
#: Properties); assemble lists them as ``chemistry.solubilities`` in number order.
_SOLUBILITY = re.compile(r"^(?P<field>Solubility|Solvent)(?P<n>[1-9][0-9]?)$")


def lookup(name: str) -> Mapping | None:
    """The mapping of a Chembox parameter, or None when no mapping knows it."""
    mapping = PARAMETERS.get(name)
    if mapping is not None:
        return mapping
    if name in HAZARD_PARAMETERS:
        return Mapping(f"hazards.{name}", _text)
    if match := _IMAGE.match(name):
        side, number = match["side"], match["n"]
        if side and not number:
            return None  # ImageFileL: not a Chembox parameter
        slot = _SIDES[side] + (f"_{number}" if number else "")
        return Mapping(f"images.{slot}.{_IMAGE_FIELDS[match['field']]}", _text)
    if match := _SOLUBILITY.match(name):
        field = "value" if match["field"] == "Solubility" else "solvent"
        return Mapping(f"_solubilities.{match['n']}.{field}", _text)
    return ELEMENT_MAPPINGS.get(name)
