"""SMILES against formula and InChIKey, with RDKit (the optional ``chem`` extra).

Not part of :func:`drugparse.parse`: a record must not depend on whether a toolkit is
installed. Call :func:`smiles_warnings` on a record's ``chemistry`` to get the warnings
(``smiles_mismatch``) and add them where wanted; ``benchmarks/check_smiles.py`` runs it
over files and dumps and counts what it finds.

Two checks, each only where both sides are present and RDKit reads the SMILES:

- the SMILES's formula (implicit hydrogens included) against the element counts or the
  plain ``chemical_formula``;
- the first block of the SMILES's InChIKey against ``StdInChIKey``'s. The first block
  hashes the skeleton, hydrogens and charge, so a SMILES written without stereo still
  matches; the second block is left alone for that reason.
"""

from __future__ import annotations

import re
from typing import Any

from drugparse.contract import Record, WarningEntry
from drugparse.errors import warning
from drugparse.normalise.chemistry import formula_elements, hill_formula

__all__ = ["smiles_warnings", "smiles_formula", "smiles_inchikey"]

_CHARGE = re.compile(r"[+-]\d*$")


def _chem() -> Any:
    try:
        from rdkit import Chem, RDLogger  # the optional `chem` extra
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError("SMILES checks need RDKit: pip install 'drugparse[chem]'") from error
    RDLogger.DisableLog("rdApp.*")  # type: ignore[attr-defined]
    return Chem


def _molecule(smiles: str) -> Any:
    return _chem().MolFromSmiles(smiles)


def smiles_formula(smiles: str) -> dict[str, int] | None:
    """Element counts of a SMILES: ``smiles_formula("CC(=O)O")`` -> ``{"C": 2, "H": 4, "O": 2}``."""
    molecule = _molecule(smiles)
    if molecule is None:
        return None
    from rdkit.Chem.rdMolDescriptors import CalcMolFormula

    return formula_elements(_CHARGE.sub("", CalcMolFormula(molecule)))


def smiles_inchikey(smiles: str) -> str | None:
    """The standard InChIKey of a SMILES, or None when RDKit cannot read it."""
    molecule = _molecule(smiles)
    if molecule is None:
        return None
    return _chem().MolToInchiKey(molecule) or None


def smiles_warnings(chemistry: Record) -> list[WarningEntry]:
    """``smiles_mismatch`` warnings for a record's ``chemistry`` (empty when all agree)."""
    smiles = chemistry.get("smiles")
    if not isinstance(smiles, str):
        return []
    warnings: list[WarningEntry] = []
    stated = chemistry.get("elements")
    if not stated and isinstance(chemistry.get("formula"), str):
        stated = formula_elements(chemistry["formula"])
    computed = smiles_formula(smiles)
    if stated and computed and stated != computed:
        message = f"the SMILES is {hill_formula(computed)}, the formula {hill_formula(stated)}"
        warnings.append(warning("smiles_mismatch", "chemistry.smiles", message))
    key = chemistry.get("stdinchikey")
    if isinstance(key, str):
        from_smiles = smiles_inchikey(smiles)
        if from_smiles and from_smiles[:14] != key[:14]:
            message = f"the SMILES's InChIKey is {from_smiles}, StdInChIKey is {key}"
            warnings.append(warning("smiles_mismatch", "chemistry.smiles", message))
    return warnings
