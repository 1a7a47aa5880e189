"""The drug record as ``TypedDict`` s: what :func:`drugparse.parse` returns.

Generated from ``schemas/drug-record.schema.json`` by ``tools/gen_record_types.py``;
do not edit (``tests/test_typing.py`` fails when this file and the schema differ).
At run time a record is a plain ``dict``; :class:`DrugRecord` only describes it.
"""

from __future__ import annotations

from typing import Literal, TypedDict

__all__ = [
    "Biologic",
    "Chemistry",
    "ChemistryMolarMass",
    "ChemistryRelated",
    "ChemistrySolubilities",
    "Citation",
    "CitationIdentifiers",
    "CitationLicence",
    "CitationNotices",
    "CitationNoticesIdentifiers",
    "Clinical",
    "ClinicalDrugsCom",
    "ClinicalLicence",
    "ClinicalMedlineplus",
    "ClinicalPregnancy",
    "Components",
    "DrugRecord",
    "Identifiers",
    "Image",
    "IsoDate",
    "Legal",
    "LegalStatus",
    "Measurement",
    "Names",
    "Person",
    "Pharmacokinetics",
    "Physiology",
    "Reading",
    "Sections",
    "SeeAlso",
    "Source",
    "Templates",
    "Text",
    "WarningEntry",
]

#: Plain text: no wiki markup, whitespace collapsed, never empty.
Text = str


class _ReadingRequired(TypedDict):
    text: Text
    unit: Literal[
        "s",
        "min",
        "h",
        "d",
        "wk",
        "mo",
        "yr",
        "%",
        "°C",
        "°F",
        "K",
        "g/cm3",
        "g/mL",
        "kg/m3",
        "g/L",
        "kg/L",
    ]


class _ReadingOptional(TypedDict, total=False):
    min: float
    max: float
    uncertainty: float
    bound: Literal["<", "≤", ">", "≥"]
    approximate: Literal[True]
    qualifier: Text
    min_hours: float
    max_hours: float
    min_celsius: float
    max_celsius: float


class Reading(_ReadingRequired, _ReadingOptional):
    """One value read from a measurement's text, with the words that qualify it."""


class _MeasurementRequired(TypedDict):
    text: Text


class _MeasurementOptional(TypedDict, total=False):
    min: float
    max: float
    unit: Literal[
        "s",
        "min",
        "h",
        "d",
        "wk",
        "mo",
        "yr",
        "%",
        "°C",
        "°F",
        "K",
        "g/cm3",
        "g/mL",
        "kg/m3",
        "g/L",
        "kg/L",
    ]
    uncertainty: float
    bound: Literal["<", "≤", ">", "≥"]
    approximate: Literal[True]
    qualifier: Text
    min_hours: float
    max_hours: float
    min_celsius: float
    max_celsius: float
    decomposes: Literal[True]
    readings: list[Reading]


class Measurement(_MeasurementRequired, _MeasurementOptional):
    """A measured value as written plus what is read from it: the first reading's numbers
    (`3.6-10.4 min` -> min 3.6, max 10.4, unit min, min_hours 0.06, max_hours 0.173333) and,
    when the value holds several, every reading. Without a number only `text` (and an
    `unparsed_value` warning).
    """


class _LegalStatusOptional(TypedDict, total=False):
    status: Text
    status_meaning: Text
    comment: Text


class LegalStatus(_LegalStatusOptional):
    """Legal status in one jurisdiction."""


class _PersonRequired(TypedDict):
    name: Text


class _PersonOptional(TypedDict, total=False):
    last: Text
    first: Text
    link: Text


class Person(_PersonRequired, _PersonOptional):
    """An author, editor or translator."""


class _WarningEntryRequired(TypedDict):
    code: Literal[
        "unknown_parameter",
        "duplicate_parameter",
        "invalid_checksum",
        "invalid_format",
        "molar_mass_mismatch",
        "unparsed_value",
        "unrendered_template",
        "unparsed_date",
        "unbalanced_markup",
        "unknown_reference",
        "dropped_value",
        "empty_citation",
        "formula_mismatch",
        "inchikey_mismatch",
        "smiles_mismatch",
        "no_identifier",
        "conflicting_value",
    ]
    field: str
    message: str


class WarningEntry(_WarningEntryRequired):
    """Something drugparse could not do perfectly; the record is still valid."""


#: ISO 8601 date as far as known: `2008`, `2008-08`, `2009-11-12`, an interval `2008/2009`, or an
#: ISO 8601-2 season `2008-21`.
IsoDate = str


class _ImageRequired(TypedDict):
    slot: str


_ImageOptional = TypedDict(
    "_ImageOptional",
    {
        "file": Text,
        "caption": Text,
        "alt": Text,
        "name": Text,
        "width": Text,
        "class": Text,
    },
    total=False,
)


class Image(_ImageRequired, _ImageOptional):
    """an image of the infobox"""


class _CitationIdentifiersOptional(TypedDict, total=False):
    doi: str
    pmid: str
    pmc: str
    isbn: str
    issn: str
    eissn: str
    arxiv: str
    biorxiv: str
    bibcode: str
    citeseerx: str
    jstor: str
    oclc: str
    s2cid: str
    hdl: str
    zbl: str
    mr: str
    osti: str
    ssrn: str
    lccn: str
    asin: str
    ol: str
    rfc: str
    pmc_embargo_date: IsoDate
    id: Text


class CitationIdentifiers(_CitationIdentifiersOptional):
    """identifiers of the work"""


class _CitationNoticesIdentifiersOptional(TypedDict, total=False):
    doi: str
    pmid: str


class CitationNoticesIdentifiers(_CitationNoticesIdentifiersOptional):
    """the notice's own identifiers (`doi`, `pmid` of the retraction notice)"""


class _CitationNoticesRequired(TypedDict):
    kind: Literal["retracted", "expression_of_concern", "erratum"]


class _CitationNoticesOptional(TypedDict, total=False):
    identifiers: CitationNoticesIdentifiers
    intentional: Literal[True]


class CitationNotices(_CitationNoticesRequired, _CitationNoticesOptional):
    """one notice"""


class _CitationLicenceOptional(TypedDict, total=False):
    name: Text
    url: str
    authors: Text


class CitationLicence(_CitationLicenceOptional):
    """a licence notice beside the citation (`{{CC-notice}}`, `{{PD-notice}}`, `{{Citation-
    attribution}}`) or declared by its template (`{{EB1911}}` and the other public-domain
    attribution forms): the article copies text from this source under these terms
    """


class _CitationRequired(TypedDict):
    id: str
    uses: int


class _CitationOptional(TypedDict, total=False):
    group: Text
    template: Text
    type: Literal[
        "journal",
        "web",
        "book",
        "news",
        "magazine",
        "report",
        "press_release",
        "thesis",
        "conference",
        "encyclopedia",
        "av_media",
        "preprint",
        "other",
    ]
    title: Text
    trans_title: Text
    chapter: Text
    journal: Text
    magazine: Text
    newspaper: Text
    website: Text
    work: Text
    encyclopedia: Text
    conference: Text
    series: Text
    publisher: Text
    agency: Text
    via: Text
    volume: Text
    issue: Text
    pages: Text
    at: Text
    edition: Text
    location: Text
    language: Text
    authors: list[Person]
    authors_et_al: Literal[True]
    collaboration: Text
    editors: list[Person]
    editors_et_al: Literal[True]
    translators: list[Person]
    date: IsoDate
    date_text: Text
    orig_date: IsoDate
    orig_date_text: Text
    identifiers: CitationIdentifiers
    url: str
    chapter_url: str
    archive_url: str
    archive_date: IsoDate
    archive_date_text: Text
    access_date: IsoDate
    access_date_text: Text
    url_status: Text
    quote: Text
    notices: list[CitationNotices]
    licence: CitationLicence
    text: Text
    role: Literal["reference", "bibliography"]
    listed_in: Text
    cited_in: list[Text]
    cited_pages: list[Text]
    target: str


class Citation(_CitationRequired, _CitationOptional):
    """a reference of the article"""


class _SourceRequired(TypedDict):
    template: Text


class _SourceOptional(TypedDict, total=False):
    url: str
    page_id: int
    revision_id: int
    timestamp: str
    verified_revid: int
    verified_fields: Text
    watched_fields: Text
    watched_revid: int
    drug_resources: list[str]


class Source(_SourceRequired, _SourceOptional):
    """provenance of the record"""


class _NamesOptional(TypedDict, total=False):
    drug_name: Text
    inn: Text
    inn_ema: Text
    aan: Text
    ban: Text
    jan: Text
    usan: Text
    iupac_name: Text
    trade_names: list[Text]
    trade_names_incomplete: Literal[True]
    synonyms: list[Text]
    synonyms_incomplete: Literal[True]
    abbreviations: list[Text]
    abbreviations_incomplete: Literal[True]
    systematic_name: Text
    pronunciation: Text
    pronunciation_ref: Text
    pronunciation_comment: Text


class Names(_NamesOptional):
    """names of the drug"""


class _ClinicalDrugsComOptional(TypedDict, total=False):
    kind: Text
    slug: Text
    url: str
    text: Text


class ClinicalDrugsCom(_ClinicalDrugsComOptional):
    """Drugs.com page from {{drugs.com|KIND|SLUG}}"""


class _ClinicalMedlineplusRequired(TypedDict):
    id: Text


class _ClinicalMedlineplusOptional(TypedDict, total=False):
    url: str


class ClinicalMedlineplus(_ClinicalMedlineplusRequired, _ClinicalMedlineplusOptional):
    """MedlinePlus drug page"""


class _ClinicalLicenceOptional(TypedDict, total=False):
    EU: Text
    US: Text
    CA: Text


class ClinicalLicence(_ClinicalLicenceOptional):
    """licence names (`licence_*` / `license_*`)"""


class _ClinicalPregnancyOptional(TypedDict, total=False):
    AU: Text
    AU_meaning: Text
    AU_comment: Text
    US: Text
    US_comment: Text
    category: Text


class ClinicalPregnancy(_ClinicalPregnancyOptional):
    """pregnancy categories"""


_ClinicalOptional = TypedDict(
    "_ClinicalOptional",
    {
        "drugs_com": ClinicalDrugsCom,
        "medlineplus": ClinicalMedlineplus,
        "nlm": Text,
        "dailymed_id": Text,
        "licence": ClinicalLicence,
        "pregnancy": ClinicalPregnancy,
        "routes_of_administration": list[Text],
        "routes_of_administration_incomplete": Literal[True],
        "class": Text,
        "uses": Text,
        "side_effects": Text,
        "interactions": Text,
        "breastfeeding": Text,
        "defined_daily_dose": Text,
        "typical_dose": Text,
        "dependency_liability": Text,
        "addiction_liability": Text,
        "biosimilars": list[Text],
        "biosimilars_incomplete": Literal[True],
    },
    total=False,
)


class Clinical(_ClinicalOptional):
    """clinical data"""


class _LegalOptional(TypedDict, total=False):
    AU: LegalStatus
    BR: LegalStatus
    CA: LegalStatus
    DE: LegalStatus
    NZ: LegalStatus
    UK: LegalStatus
    US: LegalStatus
    EU: LegalStatus
    UN: LegalStatus
    other: list[Text]
    other_incomplete: Literal[True]


class Legal(_LegalOptional):
    """legal status per jurisdiction"""


class _PharmacokineticsOptional(TypedDict, total=False):
    bioavailability: Measurement
    protein_bound: Measurement
    metabolism: Text
    metabolites: Text
    onset: Measurement
    elimination_half_life: Measurement
    duration_of_action: Measurement
    excretion: Text


class Pharmacokinetics(_PharmacokineticsOptional):
    """pharmacokinetic data"""


_IdentifiersOptional = TypedDict(
    "_IdentifiersOptional",
    {
        "cas": str,
        "cas_2": str,
        "cas_supplemental": list[str],
        "atc": list[str],
        "atcvet": list[str],
        "pubchem_cid": str,
        "pubchem_cid_2": str,
        "pubchem_sid": str,
        "iuphar_ligand": str,
        "iuphar_ligand_2": str,
        "drugbank": str,
        "drugbank_2": str,
        "chemspider": str,
        "chemspider_2": str,
        "unii": str,
        "unii_2": str,
        "kegg": str,
        "kegg_2": str,
        "chebi": str,
        "chebi_2": str,
        "chembl": str,
        "chembl_2": str,
        "niaid_chemdb": str,
        "pdb_ligand": str,
        "pdb_ligand_2": str,
        "e_number": str,
        "echa_infocard": str,
        "ec_number": str,
        "mesh_name": Text,
        "rtecs": str,
        "un_number": str,
        "beilstein": str,
        "gmelin": str,
        "3dmet": str,
        "comptox": str,
        "index_label": Text,
        "index2_label": Text,
        "verification": dict[str, Literal["correct", "changed"]],
        "comments": dict[str, Text],
        "additional": dict[str, list[str]],
        "notes": dict[str, dict[str, Text]],
    },
    total=False,
)


class Identifiers(_IdentifiersOptional):
    """database identifiers, normalised so pipelines can join on them: each key holds exactly one
    identifier (a list key, `atc`, `atcvet`, `cas_supplemental`: identifiers only) with its
    family's loose shape (the `pattern`); a value that fails the registry's strict rule is kept
    with a warning. Several identifiers in one value: the rest in `additional`; text beside
    them: `notes`; no identifier at all: the value is kept as written in `unmapped` with a
    `no_identifier` warning.
    """


class _ChemistryMolarMassOptional(TypedDict, total=False):
    value: float
    max: float
    uncertainty: float
    approximate: Literal[True]
    unit: Literal["g/mol", "Da", "kDa", "kg/mol", "MDa"]
    note: Text
    text: Text


class ChemistryMolarMass(_ChemistryMolarMassOptional):
    """stated molar mass from `molecular_weight`: `55597.4 g/mol (unglycosylated)` -> value, unit,
    note
    """


class _ChemistrySolubilitiesOptional(TypedDict, total=False):
    solvent: Text
    value: Text


class ChemistrySolubilities(_ChemistrySolubilitiesOptional):
    """(no description in the schema)"""


class _ChemistryRelatedOptional(TypedDict, total=False):
    other_anions: list[Text]
    other_anions_incomplete: Literal[True]
    other_cations: list[Text]
    other_cations_incomplete: Literal[True]
    other_function_label: Text
    other_function: list[Text]
    other_function_incomplete: Literal[True]
    other_compounds: list[Text]
    other_compounds_incomplete: Literal[True]


class ChemistryRelated(_ChemistryRelatedOptional):
    """Chembox Related (Template:Chembox Related/doc): compounds related to this one"""


class _ChemistryOptional(TypedDict, total=False):
    formula: str
    formula_ref: Text
    formula_comment: Text
    elements: dict[str, int]
    charge: Text
    molar_mass: ChemistryMolarMass
    molar_mass_ref: Text
    molar_mass_comment: Text
    computed_molar_mass: float
    smiles: str
    smiles_2: str
    stdinchi: str
    stdinchi_2: str
    stdinchi_comment: Text
    stdinchikey: str
    stdinchikey_2: str
    inchi: str
    inchikey: str
    appearance: Text
    odor: Text
    solubility_other: Text
    solubility_other_solvent: Text
    solubilities: list[ChemistrySolubilities]
    log_p: Text
    pka: Text
    pkas: list[Text]
    pkb: Text
    pkbs: list[Text]
    refractive_index: Text
    chirality: Text
    density: Measurement
    density_notes: Text
    melting_point: Measurement
    melting_high: Measurement
    melting_notes: Text
    boiling_point: Measurement
    boiling_high: Measurement
    boiling_notes: Text
    solubility: Text
    solubility_units: Text
    specific_rotation: Text
    related: ChemistryRelated
    properties: dict[str, Text]
    additional: dict[str, list[str]]
    notes: dict[str, dict[str, Text]]


class Chemistry(_ChemistryOptional):
    """chemical and physical data"""


class _BiologicOptional(TypedDict, total=False):
    mab_type: Text
    mab_type_meaning: Text
    source: Text
    source_meaning: Text
    target: Text
    vaccine_type: Text
    vaccine_type_meaning: Text
    gt_target_gene: Text
    gt_vector: Text
    gt_nucleic_acid_type: Text
    gt_editing_method: Text
    gt_delivery_method: Text


class Biologic(_BiologicOptional):
    """monoclonal antibodies, vaccines and gene therapies"""


class _PhysiologyOptional(TypedDict, total=False):
    source_tissues: Text
    target_tissues: Text
    receptors: Text
    agonists: Text
    antagonists: Text
    precursor: Text
    biosynthesis: Text
    sources: Text
    targets: Text


class Physiology(_PhysiologyOptional):
    """physiological data (hormones and the like)"""


_ComponentsOptional = TypedDict(
    "_ComponentsOptional",
    {
        "name": Text,
        "class": Text,
    },
    total=False,
)


class Components(_ComponentsOptional):
    """a component"""


class _SectionsRequired(TypedDict):
    heading: str
    level: int


class Sections(_SectionsRequired):
    """a heading"""


class _SeeAlsoRequired(TypedDict):
    title: Text


class _SeeAlsoOptional(TypedDict, total=False):
    note: Text
    section: Text
    under: Text


class SeeAlso(_SeeAlsoRequired, _SeeAlsoOptional):
    """a see-also link"""


class _TemplatesOptional(TypedDict, total=False):
    navboxes: list[Text]
    external_links: list[Text]
    stubs: list[Text]


class Templates(_TemplatesOptional):
    """templates outside the infobox"""


class _DrugRecordRequired(TypedDict):
    schema_version: Literal["1.1.0"]
    title: Text
    source: Source


class _DrugRecordOptional(TypedDict, total=False):
    drug_type: Text
    names: Names
    images: list[Image]
    clinical: Clinical
    legal: Legal
    pharmacokinetics: Pharmacokinetics
    identifiers: Identifiers
    chemistry: Chemistry
    biologic: Biologic
    physiology: Physiology
    components: list[Components]
    summary: Text
    sections: list[Sections]
    see_also: list[SeeAlso]
    citations: list[Citation]
    categories: list[Text]
    templates: Templates
    hazards: dict[str, Text]
    display: dict[str, Text]
    unmapped: dict[str, Text]
    warnings: list[WarningEntry]


class DrugRecord(_DrugRecordRequired, _DrugRecordOptional):
    """a drug record, as drugparse.parse returns it"""
