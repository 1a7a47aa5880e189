"""Values editors write to mean "nothing here", and the fields where such a word is data.

Source: ../shared/spec/record-format.md, General rules ("Empty means absent": ``none``,
``n/a``, ``-``, ``?``, in fields where such a word stands for "nothing"; where it is a
statement, ``addiction_liability = None``, ``metabolism = Unknown``, it is data), plus the
spellings Infobox drug and Chembox values use for the same thing (``NA``, en and em
dashes, ``unknown``, ``nil``). Template:Infobox drug/doc itself asks for
``ATC_prefix = none`` when a drug has no ATC code.

>>> is_placeholder("N/A", "identifiers.cas"), is_placeholder("None", "clinical.addiction_liability")
(True, False)
>>> is_placeholder("?", "pharmacokinetics.metabolism")
True
"""

from __future__ import annotations

__all__ = [
    "PLACEHOLDERS",
    "CITATION_PLACEHOLDERS",
    "PLACEHOLDER_SYMBOLS",
    "STATEMENT_FIELDS",
    "is_placeholder",
]

#: Symbols that never say anything: "nothing here" in every field.
PLACEHOLDER_SYMBOLS: frozenset[str] = frozenset({"-", "–", "—", "?"})

#: Words and symbols that stand for "nothing" in an infobox field (identifiers, images,
#: names, codes...), compared folded (``N/A`` -> ``n/a``).
PLACEHOLDERS: frozenset[str] = PLACEHOLDER_SYMBOLS | {"none", "n/a", "na", "unknown", "nil"}

#: The placeholders of citation template values: the spec's four only. Intended
#: difference: in a citation ``|title=Unknown`` or ``|author=NA`` is what the source
#: printed (a title, an author's initials), so only the spec's list means "nothing" there.
CITATION_PLACEHOLDERS: frozenset[str] = frozenset({"none", "n/a", "-", "?"})

#: Record paths where a placeholder *word* is a statement, kept as data: "None" is "no
#: addiction liability", "Unknown" is "the metabolism is not known", "Nil" is "no
#: protein binding". Only :data:`PLACEHOLDER_SYMBOLS` mean "nothing" in these fields.
STATEMENT_FIELDS: frozenset[str] = frozenset(
    {
        "clinical.addiction_liability",
        "clinical.dependency_liability",
        "clinical.interactions",
        "clinical.side_effects",
        "clinical.breastfeeding",
        "pharmacokinetics.bioavailability",
        "pharmacokinetics.protein_bound",
        "pharmacokinetics.metabolism",
        "pharmacokinetics.metabolites",
        "pharmacokinetics.onset",
        "pharmacokinetics.elimination_half_life",
        "pharmacokinetics.duration_of_action",
        "pharmacokinetics.excretion",
        "physiology.receptors",
        "physiology.agonists",
        "physiology.antagonists",
        "physiology.precursor",
        "physiology.biosynthesis",
        "physiology.source_tissues",
        "physiology.target_tissues",
    }
)


def is_placeholder(value: str, field: str = "") -> bool:
    """True when ``value`` means "nothing" in ``field`` (a record path; "" for any field)."""
    folded = value.strip().lower()
    if field in STATEMENT_FIELDS:
        return folded in PLACEHOLDER_SYMBOLS
    return folded in PLACEHOLDERS
