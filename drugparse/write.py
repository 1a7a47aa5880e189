"""Write stage: a record as YAML, JSON or one JSON Lines line; deterministic bytes.

Key order is the record's (the schema's), never sorted; floats print as
Python's shortest round-trip repr in both formats, so YAML and JSON hold
the same values.

>>> print(dumps({"title": "X", "identifiers": {"atc": ["A16AB02"]}}, "json"), end="")
{
  "title": "X",
  "identifiers": {
    "atc": [
      "A16AB02"
    ]
  }
}
>>> dumps({"title": "no"}, "yaml")
"title: 'no'\\n"
"""

from __future__ import annotations

import json

import yaml

__all__ = ["FORMATS", "FILE_SUFFIX", "dumps", "loads"]

FORMATS = ("yaml", "json", "jsonl")
FILE_SUFFIX = {"yaml": ".yaml", "json": ".json", "jsonl": ".jsonl"}

# libyaml's emitter when PyYAML was built with it: same output, several times faster.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dumps(record: dict, fmt: str = "yaml") -> str:
    """Serialise one record; ``jsonl`` gives a single line ending in a newline."""
    if fmt == "yaml":
        return yaml.dump(
            record,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=2**31 - 1,  # never fold long lines: one value, one line
        )
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def loads(text: str, fmt: str | None = None) -> dict:
    """Read a record file back (YAML is a superset of JSON, so YAML reads both)."""
    if fmt in ("json", "jsonl"):
        return json.loads(text)
    return yaml.load(text, Loader=_Loader)
