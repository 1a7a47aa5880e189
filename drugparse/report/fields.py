"""The report's knowledge as data: which fields it measures, which identifiers a bot verifies.

Each table is read by :mod:`drugparse.report.model`; adding a coverage bar or a
verified identifier is adding one row. Every path is a record path of
``schemas/drug-record.schema.json`` (a test checks each one exists there).
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "CITATION_BINS",
    "COVERAGE",
    "DERIVED_KINDS",
    "INFOBOX_PARTS",
    "VERIFIED",
    "Field",
]


class Field(NamedTuple):
    """A record field under a name editors know: ``Field("CAS", "identifiers.cas")``."""

    label: str
    path: str


#: Field coverage, in the order of the infobox's own sections (identifiers, chemistry,
#: pharmacokinetics, clinical data): what share of drug records has each one.
COVERAGE: tuple[Field, ...] = (
    Field("CAS", "identifiers.cas"),
    Field("ATC", "identifiers.atc"),
    Field("UNII", "identifiers.unii"),
    Field("DrugBank", "identifiers.drugbank"),
    Field("ChEMBL", "identifiers.chembl"),
    Field("PubChem CID", "identifiers.pubchem_cid"),
    Field("ChemSpider", "identifiers.chemspider"),
    Field("KEGG", "identifiers.kegg"),
    Field("ChEBI", "identifiers.chebi"),
    Field("IUPHAR/BPS", "identifiers.iuphar_ligand"),
    Field("StdInChIKey", "chemistry.stdinchikey"),
    Field("SMILES", "chemistry.smiles"),
    Field("Formula", "chemistry.formula"),
    Field("Molar mass", "chemistry.molar_mass"),
    Field("Half-life", "pharmacokinetics.elimination_half_life"),
    Field("Bioavailability", "pharmacokinetics.bioavailability"),
    Field("Protein binding", "pharmacokinetics.protein_bound"),
    Field("Routes", "clinical.routes_of_administration"),
    Field("Legal status", "legal"),
    Field("Trade names", "names.trade_names"),
)

#: Identifiers CheMoBot verifies (the ``*_Ref`` parameters of Infobox drug and Chembox,
#: read into ``identifiers.verification``), with where each one's value lives.
VERIFIED: tuple[tuple[str, Field], ...] = (
    ("cas", Field("CAS", "identifiers.cas")),
    ("unii", Field("UNII", "identifiers.unii")),
    ("drugbank", Field("DrugBank", "identifiers.drugbank")),
    ("chembl", Field("ChEMBL", "identifiers.chembl")),
    ("chemspider", Field("ChemSpider", "identifiers.chemspider")),
    ("kegg", Field("KEGG", "identifiers.kegg")),
    ("chebi", Field("ChEBI", "identifiers.chebi")),
    ("stdinchi", Field("StdInChI", "chemistry.stdinchi")),
    ("stdinchikey", Field("StdInChIKey", "chemistry.stdinchikey")),
)

#: Kinds of problem the report finds in the record itself, beside the warnings' codes.
DERIVED_KINDS: dict[str, str] = {
    "identifier_changed": (
        "an identifier CheMoBot marks `changed`: edited since the bot last verified it"
    ),
}

#: Top-level record keys filled from the infobox: a problem there is fixed in section 0.
INFOBOX_PARTS = frozenset(
    {
        "source",
        "drug_type",
        "names",
        "images",
        "clinical",
        "legal",
        "pharmacokinetics",
        "identifiers",
        "chemistry",
        "biologic",
        "physiology",
        "components",
        "hazards",
        "display",
        "unmapped",
    }
)

#: Citations per article, binned for the histogram: (label, lowest, highest or None).
CITATION_BINS: tuple[tuple[str, int, int | None], ...] = (
    ("0", 0, 0),
    ("1–4", 1, 4),
    ("5–9", 5, 9),
    ("10–19", 10, 19),
    ("20–49", 20, 49),
    ("50–99", 50, 99),
    ("100+", 100, None),
)
