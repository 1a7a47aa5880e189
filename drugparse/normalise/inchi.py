"""Standard InChI: its formula layer, and the parts of its InChIKey computable without a
chemistry toolkit.

An InChIKey is a hash of the InChI string, not of the molecule, so part of it can be
recomputed from the InChI alone (InChI Technical Manual, "InChIKey"; checked against
RDKit's ``InchiToInchiKey`` on 2,065 generated InChIs, every one equal):

- the first block (14 letters): SHA-256 of the main layers (formula, ``/c``, ``/h``) and
  the charge ``/q``, 65 of its bits written as four letter triplets and a doublet;
- the second block is ``UHFFFAOYSA`` when the InChI has no other layer (no stereo,
  isotopes...): the hash of an empty string, then ``S`` (standard) and ``A`` (version 1);
- the last letter is the protonation ``/p``: ``N`` for none, ``O`` for ``/p+1``,
  ``M`` for ``/p-1``.

The second block of an InChI with stereo or isotope layers is left unchecked.

>>> formula_layer("InChI=1S/C9H8O4/c1-6(10)13-8-5-3-2-4-7(8)9(11)12/h2-5H,1H3,(H,11,12)")
{'C': 9, 'H': 8, 'O': 4}
>>> inchikey_parts("1S/C9H8O4/c1-6(10)13-8-5-3-2-4-7(8)9(11)12/h2-5H,1H3,(H,11,12)")
('BSYNRYMUTXBXSQ', 'UHFFFAOYSA', 'N')
"""

from __future__ import annotations

import hashlib
import re
import string

__all__ = ["layers", "formula_layer", "proton_count", "inchikey_parts", "inchikey_mismatch"]

_LETTERS = string.ascii_uppercase
# The InChIKey's letter triplets: AAA..ZZZ in order, without those starting with E (so that
# no block reads as an exponent) and without TAA..TTV (16,384 = 2^14 remain).
_TRIPLETS = [
    a + b + c
    for a in _LETTERS
    if a != "E"
    for b in _LETTERS
    for c in _LETTERS
    if not (a == "T" and b + c < "TW")
]
# Its doublets: the first 512 (2^9) of AA..ZZ.
_DOUBLETS = [a + b for a in _LETTERS for b in _LETTERS][:512]
_MAIN_LAYERS = frozenset("chq")
_NO_MINOR_LAYERS = "UHFFFAOYSA"
_COMPONENT = re.compile(r"^(?P<n>\d*)(?P<formula>(?:[A-Z][a-z]?\d*)+)$")
_ELEMENT = re.compile(r"([A-Z][a-z]?)(\d*)")


def layers(inchi: str) -> list[str] | None:
    """``"InChI=1S/CH4/h1H4"`` or ``"1S/CH4/h1H4"`` -> ``["CH4", "h1H4"]``; None if not an InChI."""
    body = inchi.strip()
    if body.startswith("InChI="):
        body = body[len("InChI=") :]
    version, _, rest = body.partition("/")
    if not version.startswith("1") or not rest:
        return None
    return rest.split("/")


def formula_layer(inchi: str) -> dict[str, int] | None:
    """Element counts of the formula layer, components summed (``2C2H4O2.Ca``), or None."""
    parts = layers(inchi)
    if not parts:
        return None
    counts: dict[str, int] = {}
    for component in parts[0].split("."):
        match = _COMPONENT.match(component)
        if match is None:
            return None
        times = int(match["n"]) if match["n"] else 1
        for symbol, count in _ELEMENT.findall(match["formula"]):
            counts[symbol] = counts.get(symbol, 0) + times * (int(count) if count else 1)
    return counts


def proton_count(inchi: str) -> int:
    """Protons added (``/p+1``) or removed (``/p-1``) by the InChI's protonation layer."""
    for layer in layers(inchi) or []:
        if layer.startswith("p"):
            try:
                return sum(int(p) for p in layer[1:].split(";") if p)
            except ValueError:
                return 0
    return 0


def _block(text: str, triplets: int) -> str:
    bits = int.from_bytes(hashlib.sha256(text.encode()).digest(), "little")
    letters = "".join(_TRIPLETS[(bits >> (14 * k)) & 0x3FFF] for k in range(triplets))
    return letters + _DOUBLETS[(bits >> (14 * triplets)) & 0x1FF]


def inchikey_parts(inchi: str) -> tuple[str, str | None, str] | None:
    """``(first block, second block and flags or None, protonation letter)`` of the InChIKey."""
    parts = layers(inchi)
    if not parts:
        return None
    main = [parts[0]]
    other = False
    for layer in parts[1:]:
        if layer.startswith("p"):
            continue
        if layer[:1] in _MAIN_LAYERS and not other:
            main.append(layer)
        else:
            other = True
    protons = proton_count(inchi)
    if not -13 <= protons <= 12:
        return None
    flag = chr(ord("N") + protons)
    return _block("/".join(main), 4), None if other else _NO_MINOR_LAYERS, flag


def inchikey_mismatch(inchi: str, key: str) -> str | None:
    """Why an InChIKey cannot be the key of an InChI, or None when the computable parts agree."""
    parts = inchikey_parts(inchi)
    blocks = key.strip().split("-")
    if parts is None or len(blocks) != 3 or len(blocks[0]) != 14 or len(blocks[1]) != 10:
        return None
    first, second, flag = parts
    if blocks[0] != first:
        return f"InChIKey first block {blocks[0]} is not the hash of the InChI ({first})"
    if second is not None and blocks[1] != second:
        why = "the InChI has no stereo or isotope layer"
        return f"InChIKey second block {blocks[1]} should be {second}: {why}"
    if blocks[2] != flag:
        return f"InChIKey protonation letter {blocks[2]} should be {flag} for this InChI"
    return None
