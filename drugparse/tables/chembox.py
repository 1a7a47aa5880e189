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

from drugparse.normalise import chemistry, hazards, identifiers, links, measurements, values
from drugparse.tables.infobox_drug import ELEMENT_MAPPINGS, LEGAL_COUNTRIES, Mapping
from drugparse.tables.infobox_names import names_of

__all__ = [
    "TEMPLATE_NAMES",
    "SECTION_PREFIX",
    "PARAMETERS",
    "HAZARD_PARAMETERS",
    "PROPERTY_PARAMETERS",
    "NUMBERED_EXAMPLES",
    "DRUG_EVIDENCE",
    "lookup",
]

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
    "Abbreviations": Mapping("names.abbreviations", _list),
    "Jmol": Mapping("display.jmol", _text),
    "Jmol1": Mapping("display.jmol", _text),
    "Jmol2": Mapping("display.jmol_2", _text),
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
    "Odour": Mapping("chemistry.odor", _text),
    "Density_notes": Mapping("chemistry.density_notes", _text),
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
    # Chembox Related (Template:Chembox Related/doc): compounds like this one, as lists;
    # ``OtherCpds``/``OtherFunctn``/``Function`` are the older names of the same rows.
    "OtherAnions": Mapping("chemistry.related.other_anions", _list),
    "OtherCations": Mapping("chemistry.related.other_cations", _list),
    "OtherFunction": Mapping("chemistry.related.other_function", _list),
    "OtherFunctn": Mapping("chemistry.related.other_function", _list),
    "OtherFunction_label": Mapping("chemistry.related.other_function_label", _text),
    "Function": Mapping("chemistry.related.other_function_label", _text),
    "OtherCompounds": Mapping("chemistry.related.other_compounds", _list),
    "OtherCpds": Mapping("chemistry.related.other_compounds", _list),
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

#: Chembox Hazards parameters (Template:Chembox Hazards/doc): kept as written under
#: ``hazards`` (not drug data proper), pictogram and statement templates as their codes.
HAZARD_PARAMETERS = frozenset(
    {
        "MainHazards", "FlashPt", "FlashPtC", "FlashPtF", "FlashPtK", "FlashPt_ref",
        "FlashPt_notes", "AutoignitionPt", "AutoignitionPtC", "AutoignitionPtF",
        "AutoignitionPtK", "AutoignitionPt_ref", "AutoignitionPt_notes", "ExploLimits",
        "GHSPictograms", "GHSSignalWord", "HPhrases", "PPhrases", "GHS_ref", "NFPA-H",
        "NFPA-F", "NFPA-R", "NFPA-S", "NFPA-O", "NFPA_ref", "LD50", "LC50", "LDLo", "LCLo",
        "PEL", "REL", "IDLH", "TLV", "TLV-TWA", "TLV-STEL", "TLV-C", "ExternalSDS",
        "ExternalMSDS", "EUClass", "EUIndex", "RPhrases", "SPhrases", "RSPhrases",
        "Hazards_ref", "SkinHazard", "EyeHazard", "ThresholdLimitValue",
    }
)  # fmt: skip

#: Chembox Properties, Structure, Thermochemistry and Explosive parameters that have no
#: field of their own (Template:Chembox Properties/doc, Chembox Structure/doc, Chembox
#: Thermochemistry/doc, Chembox Explosive/doc): kept as written in
#: ``chemistry.properties`` under the parameter's name.
PROPERTY_PARAMETERS = frozenset(
    {
        # Properties
        "Sublimation_conditions", "SolubilityProduct", "SolubilityProduct_ref",
        "Solubility_ref", "VaporPressure", "VaporPressure_ref", "HenryConstant",
        "AtmosphericOHRateConstant", "IsoelectricPt", "MagSus", "MagSus_ref", "Viscosity",
        "Viscosity_ref", "Dipole", "ConjugateAcid", "ConjugateBase", "LambdaMax",
        "Absorbance", "ThermalConductivity", "BandGap", "ElectronMobility", "Properties_ref",
        "MeltingPt_ref", "BoilingPt_ref", "Density_ref", "LogP_ref", "pKa_ref", "pKb_ref",
        "RefractIndex_ref", "Appearance_ref", "Odor_ref", "Solubility_notes",
        "SolubilityProduct_notes", "VaporPressure_notes",
        # Structure
        "CrystalStruct", "SpaceGroup", "PointGroup", "LattConst_a", "LattConst_b",
        "LattConst_c", "LattConst_alpha", "LattConst_beta", "LattConst_gamma",
        "LattConst_ref", "LattConst_Comment", "UnitCellVolume", "UnitCellFormulas",
        "Coordination", "MolShape", "OrbitalHybridisation", "Structure_ref",
        # Thermochemistry
        "DeltaHf", "DeltaHf_ref", "DeltaHc", "DeltaHc_ref", "DeltaGf", "DeltaGf_ref",
        "DeltaHfus", "DeltaHvap", "Entropy", "Entropy_ref", "HeatCapacity",
        "HeatCapacity_ref", "Thermochemistry_ref", "Thermo_ref",
        # Explosive
        "ShockSens", "FrictionSens", "DetonationV", "REFactor", "Explosive_ref",
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

#: Numbered acid and base dissociation constants, ``pKa1 = 3.5``, ``pKa2 = 9.7`` (one per
#: dissociation step): ``chemistry.pkas``/``chemistry.pkbs``, in number order.
_DISSOCIATION = re.compile(r"^(?P<field>pK[ab])(?P<n>[1-9][0-9]?)$")

#: Numbered identifiers of Chembox Identifiers (``CASNo3``, ``PubChem1``, ``ChemSpiderID2``,
#: ``SMILES1``...; the doc numbers salts, hydrates and isomers this way): the first free
#: of the key, its ``_2`` slot and ``additional`` take them, in number order (assemble).
_NUMBERED_ID = re.compile(r"^(?P<base>[A-Za-z0-9.]+?)(?P<n>[1-9])$")

#: ``CASNo_Comment``, ``PubChem1_Comment``...: the comment the box prints beside an
#: identifier, kept in ``identifiers.comments`` under the parameter's name.
_COMMENT = re.compile(r"^(?P<base>[A-Za-z0-9.]+?)[1-9]?_[Cc]omment$")

#: One example of each numbered family, for tests that visit every mapped parameter.
NUMBERED_EXAMPLES = (
    "Solubility1", "Solvent2", "pKa1", "pKa2", "pKb1", "CASNo3", "PubChem1", "PubChem3",
    "ChemSpiderID1", "ChemSpiderID2", "UNII1", "UNII2", "SMILES1", "StdInChI1",
    "StdInChIKey2", "DrugBank1", "KEGG3", "ChEBI1", "CASNo_Comment", "PubChem1_Comment",
    "SMILES_Comment",
)  # fmt: skip


def _is_identifier(mapping: Mapping) -> bool:
    return mapping.path.startswith("identifiers.") or mapping.path in _STRUCTURE_PATHS


_STRUCTURE_PATHS = frozenset(
    {"chemistry.smiles", "chemistry.stdinchi", "chemistry.stdinchikey", "chemistry.inchi",
     "chemistry.inchikey"}
)  # fmt: skip


def lookup(name: str) -> Mapping | None:
    """The mapping of a Chembox parameter, or None when no mapping knows it."""
    mapping = PARAMETERS.get(name)
    if mapping is not None:
        return mapping
    if name in HAZARD_PARAMETERS:
        return Mapping(f"hazards.{name}", hazards.hazard_text)
    if name in PROPERTY_PARAMETERS:
        return Mapping(f"chemistry.properties.{name}", _text)
    if match := _IMAGE.match(name):
        side, number = match["side"], match["n"]
        if side and not number:
            return None  # ImageFileL: not a Chembox parameter
        slot = _SIDES[side] + (f"_{number}" if number else "")
        return Mapping(f"images.{slot}.{_IMAGE_FIELDS[match['field']]}", _text)
    if match := _SOLUBILITY.match(name):
        field = "value" if match["field"] == "Solubility" else "solvent"
        return Mapping(f"_solubilities.{match['n']}.{field}", _text)
    if match := _DISSOCIATION.match(name):
        return Mapping(f"_{match['field'].lower()}s.{match['n']}", _text)
    base = _identifier_base(_NUMBERED_ID, name)
    if base is not None and not base.path.endswith("_2"):
        key = base.path.rsplit(".", 1)[1]  # the last part names the identifier family
        return Mapping(f"_numbered_ids.{base.path}.{_number_of(name)}.{key}", base.normalise)
    if _identifier_base(_COMMENT, name) is not None:
        return Mapping(f"identifiers.comments.{name}", _text)
    return ELEMENT_MAPPINGS.get(name)


def _identifier_base(pattern: re.Pattern[str], name: str) -> Mapping | None:
    """The mapping of the identifier parameter ``name`` numbers or comments on, if any."""
    match = pattern.match(name)
    base = PARAMETERS.get(match["base"]) if match else None
    return base if base is not None and _is_identifier(base) else None


def _number_of(name: str) -> str:
    """The number of a numbered parameter: ``CASNo3`` -> ``3``."""
    return name[-1]
