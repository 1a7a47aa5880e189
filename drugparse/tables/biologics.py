"""Codes of the monoclonal-antibody parameters of ``{{Infobox drug}}``, decoded.

``source`` is the source substem of the antibody's INN (WHO, *International
Nonproprietary Names (INN) for biological and biotechnological substances*, the 2009
scheme the template documents: ad**a**li**mu**mab -> ``u``, human); ``mab_type`` is the
antibody's format as Template:Infobox drug/doc lists it (``mab``, ``Fab``, ``F(ab')2``,
``Fab'``, ``scFv``, ``di-scFv``, ``sdAb``, ``3funct``, ``BiTE``). ``vaccine_type`` is
the vaccine's kind as Template:Infobox drug/doc's vaccine section lists it (whole,
inactivated, attenuated, subunit, toxoid, ...; the doc's list widened with the kinds
editors write: conjugate, polysaccharide, mRNA, DNA, viral vector, virus-like particle,
recombinant; meanings in the terms of the WHO's "Vaccine safety basics" types).
Codes are compared in lower case; a value not in a table is kept without a meaning.
"""

from __future__ import annotations

__all__ = ["MAB_SOURCES", "MAB_TYPES", "VACCINE_TYPES"]

#: ``source``: the INN source substem -> where the antibody comes from.
MAB_SOURCES: dict[str, str] = {
    "a": "rat",
    "axo": "rat/mouse hybrid",
    "e": "hamster",
    "i": "primate",
    "o": "mouse",
    "u": "human",
    "xi": "chimeric",
    "xizu": "chimeric/humanized hybrid",
    "zu": "humanized",
}

#: ``mab_type``: the antibody's format -> what it is.
MAB_TYPES: dict[str, str] = {
    "mab": "whole monoclonal antibody",
    "fab": "antigen-binding fragment (one arm)",
    "f(ab')2": "antigen-binding fragment with hinge region (both arms)",
    "fab'": "antigen-binding fragment with hinge region (one arm)",
    "scfv": "single-chain variable fragment",
    "di-scfv": "dimeric single-chain variable fragment",
    "sdab": "single-domain antibody",
    "3funct": "trifunctional antibody",
    "bite": "bi-specific T-cell engager",
}

#: ``vaccine_type``: the kind of vaccine -> what it contains.
VACCINE_TYPES: dict[str, str] = {
    "whole": "whole organism",
    "inactivated": "inactivated (killed) pathogen",
    "killed": "inactivated (killed) pathogen",
    "attenuated": "live attenuated pathogen",
    "live attenuated": "live attenuated pathogen",
    "live": "live attenuated pathogen",
    "subunit": "protein subunit of the pathogen",
    "protein subunit": "protein subunit of the pathogen",
    "toxoid": "inactivated toxin (toxoid)",
    "conjugate": "polysaccharide conjugated to a carrier protein",
    "polysaccharide": "polysaccharide of the pathogen's capsule",
    "recombinant": "recombinant protein",
    "virus-like particle": "virus-like particle",
    "vlp": "virus-like particle",
    "mrna": "messenger RNA encoding the antigen",
    "rna": "RNA encoding the antigen",
    "dna": "DNA encoding the antigen",
    "viral vector": "viral vector carrying the antigen's gene",
    "vector": "viral vector carrying the antigen's gene",
}
