"""Every parameter of ``{{Infobox drug}}`` / ``{{Drugbox}}``: its record path and normaliser.

Source: English Wikipedia's Template:Infobox drug/doc
(https://en.wikipedia.org/wiki/Template:Infobox_drug/doc), read through mirrors of
that page, mdwiki.org's parameter-ordering list and DBpedia's mapping
(https://mappings.dbpedia.org/index.php/Mapping_en:Infobox_drug); transcribed
2026-11-24. No page revision was recorded then: pin one
(``Special:PermanentLink/<oldid>``) when the table is next checked against the page.
One row per parameter;
adding a parameter is adding a row. Paths are dotted record paths; paths that
start with ``_`` are staging slots that :mod:`drugparse.assemble` combines
(ATC prefix + suffix, element counts -> formula). Numbered and element
parameters are matched by :data:`PATTERNS`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from drugparse.contract import Normaliser
from drugparse.normalise import chemistry, identifiers, links, measurements, values
from drugparse.tables.atomic_weights import ELEMENT_SYMBOLS
from drugparse.tables.infobox_names import names_of

__all__ = ["ELEMENT_MAPPINGS", "Mapping", "PARAMETERS", "PATTERNS", "lookup"]


class Mapping(NamedTuple):
    """Where a parameter goes and how its value is read."""

    path: str
    normalise: Normaliser


_text = values.text
_list = values.text_list
_id = identifiers.identifier
_flag = values.text  # yes/no switches are kept as written

PARAMETERS: dict[str, Mapping] = {
    # CheMoBot verification (source)
    "verifiedrevid": Mapping("source.verified_revid", values.integer),
    "Verifiedrevid": Mapping("source.verified_revid", values.integer),
    "Verifiedfields": Mapping("source.verified_fields", _text),
    "verifiedfields": Mapping("source.verified_fields", _text),
    "Watchedfields": Mapping("source.watched_fields", _text),
    "watchedfields": Mapping("source.watched_fields", _text),
    "watchedrevid": Mapping("source.watched_revid", values.integer),
    "Watchedrevid": Mapping("source.watched_revid", values.integer),
    # names
    "drug_name": Mapping("names.drug_name", _text),
    "INN": Mapping("names.inn", _text),
    "INN_EMA": Mapping("names.inn_ema", _text),
    "AAN": Mapping("names.aan", _text),
    "BAN": Mapping("names.ban", _text),
    "JAN": Mapping("names.jan", _text),
    "USAN": Mapping("names.usan", _text),
    "IUPAC_name": Mapping("names.iupac_name", _text),
    "synonyms": Mapping("names.synonyms", _list),
    "tradename": Mapping("names.trade_names", _list),
    "pronounce": Mapping("names.pronunciation", _text),
    "pronounce_ref": Mapping("names.pronunciation_ref", _text),
    "pronounce_comment": Mapping("names.pronunciation_comment", _text),
    "engvar": Mapping("display.engvar", _text),
    # type
    "type": Mapping("drug_type", values.drug_type),
    # images (every slot is its own image; assemble lists them in IMAGE_SLOTS order)
    "image": Mapping("images.main.file", _text),
    "image_class": Mapping("images.main.class", _text),
    "width": Mapping("images.main.width", _text),
    "alt": Mapping("images.main.alt", _text),
    "caption": Mapping("images.main.caption", _text),
    "image2": Mapping("images.second.file", _text),
    "image_class2": Mapping("images.second.class", _text),
    "width2": Mapping("images.second.width", _text),
    "alt2": Mapping("images.second.alt", _text),
    "caption2": Mapping("images.second.caption", _text),
    "imageL": Mapping("images.left.file", _text),
    "image_l": Mapping("images.left.file", _text),
    "image_classL": Mapping("images.left.class", _text),
    "widthL": Mapping("images.left.width", _text),
    "altL": Mapping("images.left.alt", _text),
    "imageR": Mapping("images.right.file", _text),
    "image_r": Mapping("images.right.file", _text),
    "image_classR": Mapping("images.right.class", _text),
    "widthR": Mapping("images.right.width", _text),
    "altR": Mapping("images.right.alt", _text),
    "captionLR": Mapping("images.left.caption", _text),
    "imageL2": Mapping("images.left_2.file", _text),
    "image_classL2": Mapping("images.left_2.class", _text),
    "widthL2": Mapping("images.left_2.width", _text),
    "altL2": Mapping("images.left_2.alt", _text),
    "imageR2": Mapping("images.right_2.file", _text),
    "image_classR2": Mapping("images.right_2.class", _text),
    "widthR2": Mapping("images.right_2.width", _text),
    "altR2": Mapping("images.right_2.alt", _text),
    "captionLR2": Mapping("images.left_2.caption", _text),
    # biologics: monoclonal antibody, vaccine, gene therapy
    "mab_type": Mapping("biologic.mab_type", _text),
    "source": Mapping("biologic.source", _text),
    "target": Mapping("biologic.target", _text),
    "vaccine_type": Mapping("biologic.vaccine_type", _text),
    "gt_target_gene": Mapping("biologic.gt_target_gene", _text),
    "gt_vector": Mapping("biologic.gt_vector", _text),
    "gt_nucleic_acid_type": Mapping("biologic.gt_nucleic_acid_type", _text),
    "gt_editing_method": Mapping("biologic.gt_editing_method", _text),
    "gt_delivery_method": Mapping("biologic.gt_delivery_method", _text),
    # clinical data
    "class": Mapping("clinical.class", _text),
    "uses": Mapping("clinical.uses", _text),
    "side_effects": Mapping("clinical.side_effects", _text),
    "interactions": Mapping("clinical.interactions", _text),
    "pregnancy_AU": Mapping("clinical.pregnancy.AU", _text),
    "pregnancy_AU_comment": Mapping("clinical.pregnancy.AU_comment", _text),
    "pregnancy_US": Mapping("clinical.pregnancy.US", _text),
    "pregnancy_US_comment": Mapping("clinical.pregnancy.US_comment", _text),
    "pregnancy_category": Mapping("clinical.pregnancy.category", _text),
    "breastfeeding": Mapping("clinical.breastfeeding", _text),
    "dependency_liability": Mapping("clinical.dependency_liability", _text),
    "addiction_liability": Mapping("clinical.addiction_liability", _text),
    "routes_of_administration": Mapping("clinical.routes_of_administration", _list),
    "routes_of_use": Mapping("clinical.routes_of_administration", _list),
    "defined_daily_dose": Mapping("clinical.defined_daily_dose", _text),
    "typical_dose": Mapping("clinical.typical_dose", _text),
    "biosimilars": Mapping("clinical.biosimilars", _list),
    "Drugs.com": Mapping("clinical.drugs_com", links.drugs_com),
    "MedlinePlus": Mapping("clinical.medlineplus", links.medlineplus),
    "NLM": Mapping("clinical.nlm", _text),
    "DailyMedID": Mapping("clinical.dailymed_id", _text),
    "licence_EU": Mapping("clinical.licence.EU", _text),
    "license_EU": Mapping("clinical.licence.EU", _text),
    "licence_CA": Mapping("clinical.licence.CA", _text),
    "license_CA": Mapping("clinical.licence.CA", _text),
    "licence_US": Mapping("clinical.licence.US", _text),
    "license_US": Mapping("clinical.licence.US", _text),
    # ATC (composed in assemble)
    "ATC_prefix": Mapping("_atc.prefix", identifiers.atc_part),
    "ATC_suffix": Mapping("_atc.suffix", identifiers.atc_part),
    "ATC_supplemental": Mapping("_atc.supplemental", identifiers.atc_codes),
    "ATCvet": Mapping("_atc.vet", _flag),
    # legal status
    "legal_status": Mapping("legal.other", _list),
    # physiological data (hormones and the like)
    "source_tissues": Mapping("physiology.source_tissues", _text),
    "target_tissues": Mapping("physiology.target_tissues", _text),
    "receptors": Mapping("physiology.receptors", _text),
    "agonists": Mapping("physiology.agonists", _text),
    "antagonists": Mapping("physiology.antagonists", _text),
    "precursor": Mapping("physiology.precursor", _text),
    "biosynthesis": Mapping("physiology.biosynthesis", _text),
    "sources": Mapping("physiology.sources", _text),
    "targets": Mapping("physiology.targets", _text),
    # pharmacokinetic data
    "bioavailability": Mapping("pharmacokinetics.bioavailability", measurements.percentage),
    "protein_bound": Mapping("pharmacokinetics.protein_bound", measurements.percentage),
    "metabolism": Mapping("pharmacokinetics.metabolism", _text),
    "metabolites": Mapping("pharmacokinetics.metabolites", _text),
    "onset": Mapping("pharmacokinetics.onset", measurements.duration),
    "elimination_half-life": Mapping(
        "pharmacokinetics.elimination_half_life", measurements.duration
    ),
    "duration_of_action": Mapping("pharmacokinetics.duration_of_action", measurements.duration),
    "excretion": Mapping("pharmacokinetics.excretion", _text),
    # identifiers
    "CAS_number": Mapping("identifiers.cas", identifiers.cas_number),
    "CAS_number2": Mapping("identifiers.cas_2", identifiers.cas_number),
    "CAS_supplemental": Mapping("identifiers.cas_supplemental", identifiers.cas_list),
    "PubChem": Mapping("identifiers.pubchem_cid", _id),
    "PubChem2": Mapping("identifiers.pubchem_cid_2", _id),
    "PubChemSubstance": Mapping("identifiers.pubchem_sid", _id),
    "IUPHAR_ligand": Mapping("identifiers.iuphar_ligand", _id),
    "IUPHAR_ligand2": Mapping("identifiers.iuphar_ligand_2", _id),
    "DrugBank": Mapping("identifiers.drugbank", _id),
    "DrugBank2": Mapping("identifiers.drugbank_2", _id),
    "ChemSpiderID": Mapping("identifiers.chemspider", _id),
    "ChemSpiderID2": Mapping("identifiers.chemspider_2", _id),
    "UNII": Mapping("identifiers.unii", _id),
    "UNII2": Mapping("identifiers.unii_2", _id),
    "KEGG": Mapping("identifiers.kegg", _id),
    "KEGG2": Mapping("identifiers.kegg_2", _id),
    "ChEBI": Mapping("identifiers.chebi", identifiers.chebi),
    "ChEBI2": Mapping("identifiers.chebi_2", identifiers.chebi),
    "ChEMBL": Mapping("identifiers.chembl", identifiers.chembl),
    "ChEMBL2": Mapping("identifiers.chembl_2", identifiers.chembl),
    "NIAID_ChemDB": Mapping("identifiers.niaid_chemdb", _id),
    "PDB_ligand": Mapping("identifiers.pdb_ligand", _id),
    "PDB_ligand2": Mapping("identifiers.pdb_ligand_2", _id),
    "E_number": Mapping("identifiers.e_number", _id),
    "ECHA_InfoCard": Mapping("identifiers.echa_infocard", _id),
    "index_label": Mapping("identifiers.index_label", _text),
    "index2_label": Mapping("identifiers.index2_label", _text),
    # CheMoBot markers of each verified identifier
    "CAS_number_Ref": Mapping("identifiers.verification.cas", identifiers.verification_status),
    "DrugBank_Ref": Mapping("identifiers.verification.drugbank", identifiers.verification_status),
    "ChemSpiderID_Ref": Mapping(
        "identifiers.verification.chemspider", identifiers.verification_status
    ),
    "UNII_Ref": Mapping("identifiers.verification.unii", identifiers.verification_status),
    "KEGG_Ref": Mapping("identifiers.verification.kegg", identifiers.verification_status),
    "ChEBI_Ref": Mapping("identifiers.verification.chebi", identifiers.verification_status),
    "ChEMBL_Ref": Mapping("identifiers.verification.chembl", identifiers.verification_status),
    "StdInChI_Ref": Mapping("identifiers.verification.stdinchi", identifiers.verification_status),
    "StdInChIKey_Ref": Mapping(
        "identifiers.verification.stdinchikey", identifiers.verification_status
    ),
    # chemical and physical data
    "chemical_formula": Mapping("chemistry.formula", chemistry.chemical_formula),
    "chemical_formula_ref": Mapping("chemistry.formula_ref", _text),
    "chemical_formula_comment": Mapping("chemistry.formula_comment", _text),
    "charge": Mapping("chemistry.charge", _text),
    "molecular_weight": Mapping("chemistry.molar_mass", chemistry.molar_mass),
    "molecular_weight_unit": Mapping("_molar_mass.unit", chemistry.molar_mass_unit),
    "molecular_weight_ref": Mapping("chemistry.molar_mass_ref", _text),
    "molecular_weight_comment": Mapping("chemistry.molar_mass_comment", _text),
    "molecular_weight_round": Mapping("display.molecular_weight_round", _text),
    "SMILES": Mapping("chemistry.smiles", _id),
    "smiles": Mapping("chemistry.smiles", _id),
    "SMILES2": Mapping("chemistry.smiles_2", _id),
    "StdInChI": Mapping("chemistry.stdinchi", _id),
    "StdInChI2": Mapping("chemistry.stdinchi_2", _id),
    "StdInChI_comment": Mapping("chemistry.stdinchi_comment", _text),
    "StdInChIKey": Mapping("chemistry.stdinchikey", _id),
    "StdInChIKey2": Mapping("chemistry.stdinchikey_2", _id),
    "Jmol": Mapping("display.jmol", _text),
    "JSmol": Mapping("display.jmol", _text),
    "Jmol2": Mapping("display.jmol_2", _text),
    "chirality": Mapping("chemistry.chirality", _text),
    "density": Mapping("chemistry.density", measurements.density),
    "density_notes": Mapping("chemistry.density_notes", _text),
    "melting_point": Mapping("chemistry.melting_point", measurements.temperature),
    "melting_high": Mapping("chemistry.melting_high", measurements.temperature),
    "melting_notes": Mapping("chemistry.melting_notes", _text),
    "boiling_point": Mapping("chemistry.boiling_point", measurements.temperature),
    "boiling_high": Mapping("chemistry.boiling_high", measurements.temperature),
    "boiling_notes": Mapping("chemistry.boiling_notes", _text),
    "solubility": Mapping("chemistry.solubility", _text),
    "sol_units": Mapping("chemistry.solubility_units", _text),
    "specific_rotation": Mapping("chemistry.specific_rotation", _text),
}

#: Countries with ``legal_XX`` / ``legal_XX_comment`` parameters (record-format.md, legal).
LEGAL_COUNTRIES = ("AU", "BR", "CA", "DE", "NZ", "UK", "US", "EU", "UN")
for _country in LEGAL_COUNTRIES:
    PARAMETERS[f"legal_{_country}"] = Mapping(f"legal.{_country}.status", _text)
    PARAMETERS[f"legal_{_country}_comment"] = Mapping(f"legal.{_country}.comment", _text)

#: Parameters with a number or an element symbol in their name: (pattern, path, normaliser).
#: ``{n}`` / ``{symbol}`` in the path is filled from the match.
#: Atom counts, ``| C = 2 | H = 6``: one parameter per element symbol (Chembox too).
ELEMENT_MAPPINGS: dict[str, Mapping] = {
    symbol: Mapping(f"chemistry.elements.{symbol}", values.integer) for symbol in ELEMENT_SYMBOLS
}

PATTERNS: list[tuple[re.Pattern[str], str, Normaliser]] = [
    (re.compile(r"^component(?P<n>[0-9]+)$"), "components.{n}.name", _text),
    (re.compile(r"^class(?P<n>[0-9]+)$"), "components.{n}.class", _text),
]


def lookup(name: str) -> Mapping | None:
    """The mapping of a parameter name as written, or None when no mapping knows it."""
    mapping = PARAMETERS.get(name) or ELEMENT_MAPPINGS.get(name)
    if mapping is not None:
        return mapping
    for pattern, path, normalise in PATTERNS:
        match = pattern.match(name)
        if match:
            return Mapping(path.format(**match.groupdict()), normalise)
    return None


#: Names of the template and its redirects, folded (:mod:`drugparse.tables.infobox_names`).
TEMPLATE_NAMES: frozenset[str] = names_of("drug")
