"""Chemistry: formula in Hill order, molar mass as stated and as computed.

>>> hill_formula({"O": 711, "C": 2532, "S": 16, "N": 672, "H": 3854})
'C2532H3854N672O711S16'
>>> computed_molar_mass({"C": 2532, "H": 3854, "N": 672, "O": 711, "S": 16})
55597.64
>>> molar_mass(parse_wikitext("55597.4 g/mol (un[[glycosylate]]d)"), "chemistry.molar_mass")
({'value': 55597.4, 'unit': 'g/mol', 'note': 'unglycosylated'}, [])
"""

from __future__ import annotations

import math
import re

from mwparserfromhell.wikicode import Wikicode

from drugparse.contract import Record, WarningEntry
from drugparse.errors import warning
from drugparse.normalise.inchi import formula_layer, inchikey_mismatch, layers, proton_count
from drugparse.normalise.values import AsWritten, text
from drugparse.tables.atomic_weights import ATOMIC_WEIGHTS
from drugparse.wikitext import parse_wikitext  # noqa: F401  (doctest)

__all__ = [
    "hill_formula",
    "computed_molar_mass",
    "molar_mass",
    "formula_elements",
    "chemical_formula",
    "cross_check",
    "MOLAR_MASS_UNITS",
    "MISMATCH_TOLERANCE",
]

#: Spellings of molar-mass units, to the one the record uses (record-format.md:
#: ``molar_mass.unit``). Sources: Template:Infobox drug's ``molecular_weight_unit``
#: parameter (research/infobox-drug-parameters.tsv; the box shows g/mol without it); the
#: dalton and its multiples (1 Da per molecule = 1 g/mol), SI Brochure, 9th ed. (BIPM
#: 2019), table 8; "g mol−1" with a true minus or a middle dot, as typeset on wiki pages.
MOLAR_MASS_UNITS: dict[str, str] = {
    "g/mol": "g/mol", "g mol-1": "g/mol", "g·mol-1": "g/mol", "g.mol-1": "g/mol",
    "g mol−1": "g/mol", "g·mol−1": "g/mol", "gmol-1": "g/mol", "g/mole": "g/mol",
    "da": "Da", "dalton": "Da", "daltons": "Da", "kda": "kDa", "kilodalton": "kDa",
    "kilodaltons": "kDa", "kg/mol": "kg/mol", "mda": "MDa",
}  # fmt: skip

#: Stated and computed molar mass may differ by this fraction before a warning.
MISMATCH_TOLERANCE = 0.001

_NUMBER = r"[0-9][0-9,]*(?:\.[0-9]+)?"
_MOLAR_MASS = re.compile(
    rf"^(?P<approx>[~≈∼]|approx\.?|ca\.?)?\s*(?P<value>{_NUMBER})"
    rf"(?:\s*(?:[-–—]|to)\s*(?P<high>{_NUMBER}))?"
    rf"(?:\s*(?:±|\+/-|\+-)\s*(?P<uncertainty>{_NUMBER}))?"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_ELEMENT = re.compile(r"([A-Z][a-z]?)(\d*)")


def hill_formula(elements: dict[str, int]) -> str:
    """Hill order: C first, then H, then the rest alphabetically; no C means all alphabetical."""
    if "C" in elements:
        order = ["C"] + (["H"] if "H" in elements else [])
        order += sorted(s for s in elements if s not in ("C", "H"))
    else:
        order = sorted(elements)
    return "".join(s + (str(elements[s]) if elements[s] != 1 else "") for s in order)


def computed_molar_mass(elements: dict[str, int]) -> float | None:
    """Sum of standard atomic weights, rounded to 0.01; None when a symbol is unknown."""
    if not elements or any(symbol not in ATOMIC_WEIGHTS for symbol in elements):
        return None
    return round(sum(ATOMIC_WEIGHTS[s] * n for s, n in elements.items()), 2)


def formula_elements(formula: str) -> dict[str, int] | None:
    """Element counts of a plain formula: ``"C21H24F3N3S"`` -> ``{"C": 21, "H": 24, ...}``.

    None when the formula has anything but symbols and counts (charges, dots, brackets).
    """
    compact = formula.replace(" ", "")
    if not compact or _ELEMENT.sub("", compact):
        return None
    counts: dict[str, int] = {}
    for symbol, count in _ELEMENT.findall(compact):
        if symbol not in ATOMIC_WEIGHTS:
            return None
        counts[symbol] = counts.get(symbol, 0) + (int(count) if count else 1)
    return counts


def chemical_formula(code: Wikicode, field: str) -> tuple[str | None, list[WarningEntry]]:
    """``chemical_formula`` / Chembox ``Formula`` as written, subscripts flattened."""
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    return value.replace(" ", "") if formula_elements(value) else value, warnings


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def molar_mass(code: Wikicode, field: str) -> tuple[Record | None, list[WarningEntry]]:
    """``molecular_weight``: ``{value, unit, note}`` and, for ranges, ``max``; text when unread."""
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    match = _MOLAR_MASS.match(value)
    if match and not all(
        math.isfinite(_number(match[part]))
        for part in ("value", "high", "uncertainty")
        if match[part]
    ):
        match = None  # too large for a number JSON can hold: the text is kept
    if not match:
        message = f"no molar mass in {value!r}"
        return {"text": value}, [*warnings, warning("unparsed_value", field, message)]
    result: Record = {"value": _number(match["value"])}
    if match["high"]:
        result["max"] = _number(match["high"])
    if match["uncertainty"]:
        result["uncertainty"] = _number(match["uncertainty"])
    if match["approx"]:
        result["approximate"] = True
    unit, note = _unit_and_note(match["rest"])
    if unit:
        result["unit"] = unit
    if note:
        result["note"] = note
    return result, warnings


# Longest first, so "kg/mol" is not read as "g/mol" after a "k".
_UNIT_SPELLINGS = sorted(MOLAR_MASS_UNITS, key=len, reverse=True)
# Molar mass units in g/mol (a dalton is 1 g/mol).
_UNIT_SCALE = {"g/mol": 1.0, "Da": 1.0, "kDa": 1000.0, "kg/mol": 1000.0, "MDa": 1e6}


def _unit_and_note(rest: str) -> tuple[str | None, str | None]:
    rest = rest.strip()
    low = rest.lower()
    for spelling in _UNIT_SPELLINGS:
        if low.startswith(spelling):
            unit, rest = MOLAR_MASS_UNITS[spelling], rest[len(spelling) :]
            break
    else:
        unit = None
    note = rest.strip().strip("()[],;").strip()
    return unit, note or None


def molar_mass_unit(
    code: Wikicode, field: str
) -> tuple[str | AsWritten | None, list[WarningEntry]]:
    """``molecular_weight_unit``: ``g/mol``, ``kDa`` ..., spelled as the record spells units;
    a unit the record has no name for is kept as written (in ``unmapped``), with a warning."""
    value, warnings = text(code, field)
    if value is None:
        return None, warnings
    unit = MOLAR_MASS_UNITS.get(value.lower())
    if unit is None:
        message = f"unknown molar mass unit {value!r}; kept as written in unmapped"
        return AsWritten(value), [*warnings, warning("unparsed_value", field, message)]
    return unit, warnings


def mismatch(stated: Record, computed: float) -> str | None:
    """Why stated and computed molar mass disagree, or None when they agree within 0.1%."""
    unit = stated.get("unit", "g/mol")
    scale = _UNIT_SCALE.get(unit)
    if scale is None or "value" not in stated or "max" in stated:
        return None
    value = stated["value"] * scale
    if abs(value - computed) <= MISMATCH_TOLERANCE * computed:
        return None
    return f"stated {stated['value']} {unit}, computed {computed} g/mol from the formula"


def _inchi_formulas(inchi: str) -> list[dict[str, int]]:
    """The formulas a StdInChI stands for: its formula layer, with the protons of ``/p``
    added, and each of its components (a salt's InChI holds the free base)."""
    whole = formula_layer(inchi)
    if whole is None:
        return []
    found = [whole]
    protons = proton_count(inchi)
    if protons:
        found.append({**whole, "H": whole.get("H", 0) + protons})
    parts = layers(inchi) or [""]
    components = parts[0].split(".")
    if len(components) > 1:
        found.extend(f for c in components if (f := formula_layer("1S/" + c.lstrip("0123456789"))))
    return [{s: n for s, n in f.items() if n} for f in found]


def cross_check(chem: Record) -> list[WarningEntry]:
    """Warnings where the element counts, ``chemical_formula``, ``StdInChI`` and
    ``StdInChIKey`` of one record contradict each other.

    >>> chem = {"formula": "C33H44F2N2O3", "stdinchi": "1S/C32H43NO4/c1-2"}
    >>> cross_check(chem)[0]["message"]
    'the formula layer of StdInChI is C32H43NO4, the formula C33H44F2N2O3'
    """
    warnings: list[WarningEntry] = []
    elements = chem.get("elements")
    written = chem.get("formula")
    written_elements = formula_elements(written) if isinstance(written, str) else None
    if elements and written_elements and written_elements != elements:
        message = (
            f"the element parameters give {hill_formula(elements)}, chemical_formula is {written}"
        )
        warnings.append(warning("formula_mismatch", "chemistry.formula", message))
    stated = elements or written_elements
    for suffix in ("", "_2"):
        inchi = chem.get("stdinchi" + suffix)
        if not isinstance(inchi, str):
            continue
        if suffix == "" and stated and "D" not in stated:
            formulas = _inchi_formulas(inchi)
            if formulas and stated not in formulas:
                message = (
                    f"the formula layer of StdInChI is {hill_formula(formulas[0])}, "
                    f"the formula {hill_formula(stated)}"
                )
                warnings.append(warning("formula_mismatch", "chemistry.stdinchi", message))
        key = chem.get("stdinchikey" + suffix)
        why = inchikey_mismatch(inchi, key) if isinstance(key, str) else None
        if why:
            warnings.append(warning("inchikey_mismatch", "chemistry.stdinchikey" + suffix, why))
    return warnings
