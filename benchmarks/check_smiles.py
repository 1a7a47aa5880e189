"""Count what the RDKit checks of drugparse.normalise.smiles find in converted records.

    pip install '.[chem]'
    drugparse convert ../shared/corpus fixtures -o /tmp/records.jsonl
    python benchmarks/check_smiles.py /tmp/records.jsonl

Prints one line per warning, then how many records had a SMILES, how many RDKit read,
and how many records each check flagged, beside the toolkit-free checks the records
already carry (``formula_mismatch``, ``inchikey_mismatch``).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from drugparse.normalise.smiles import smiles_formula, smiles_warnings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("records", nargs="+", help="JSON Lines files of drug records")
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    for name in args.records:
        with open(name, encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                counts["records"] += 1
                chem = record.get("chemistry", {})
                for w in record.get("warnings", []):
                    if w["code"] in ("formula_mismatch", "inchikey_mismatch"):
                        counts[w["code"] + " (without toolkit)"] += 1
                if "smiles" not in chem:
                    continue
                counts["with SMILES"] += 1
                if smiles_formula(chem["smiles"]) is not None:
                    counts["SMILES read by RDKit"] += 1
                found = smiles_warnings(chem)
                for w in found:
                    print(f"{record['title']}: {w['message']}")
                if found:
                    counts["flagged by SMILES checks"] += 1
    for key, value in counts.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
