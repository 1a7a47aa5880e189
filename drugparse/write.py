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
>>> dumps({"title": "no", "cas": "1e3", "atc": "0o17"}, "yaml")
"title: 'no'\\ncas: '1e3'\\natc: '0o17'\\n"

PyYAML quotes every string a YAML 1.1 reader would take for something else
(``no``, ``on``, ``~``, ``12:30``, ``2001-01-01``); YAML 1.2 readers
(ruamel.yaml, Go, Rust, JavaScript) also read ``1e3`` as a float and ``0o17``
as an integer, which YAML 1.1 does not, so those are quoted too.

YAML is written for people to read: a string is plain unless it must be
quoted; one that must be and holds a ``'`` is double-quoted (no ``''``
escapes); text of several lines is a literal block (``|``, its lines as
they are: YAML cannot fold inside one); long single lines are folded at
spaces past :data:`WIDTH` characters. Folding never changes a value (a YAML
reader joins the lines back), and the emitter falls back to a quoted style wherever a block
or plain scalar could not hold the text exactly (trailing spaces, control
characters).

>>> print(dumps({"summary": "First paragraph.\\n\\nSecond."}, "yaml"), end="")
summary: |-
  First paragraph.
<BLANKLINE>
  Second.
>>> print(dumps({"message": "'{{' is never closed"}, "yaml"), end="")
message: "'{{' is never closed"
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import yaml

__all__ = ["FORMATS", "FILE_SUFFIX", "Loader", "WIDTH", "dumps", "loads"]

FORMATS = ("yaml", "json", "jsonl")
FILE_SUFFIX = {"yaml": ".yaml", "json": ".json", "jsonl": ".jsonl"}

#: The safe loader, libyaml's when present: what reads records back.
Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Lines of YAML are folded past this many characters where YAML allows it.
WIDTH = 100
_STR = "tag:yaml.org,2002:str"

# Plain scalars a YAML 1.2 reader resolves to a number: the core schema
# (https://yaml.org/spec/1.2.2/#1032-tag-resolution) and ruamel.yaml's wider
# patterns, underscores included (its resolver even takes "._" and "_" for numbers
# and then fails to convert them). PyYAML already quotes what YAML 1.1 resolves
# (booleans, nulls, sexagesimals, dates), not these.
_YAML12_NUMBER = re.compile(
    r"[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9_]+"
    r"|[0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9_]+[eE][-+]?[0-9]+|\.(?:inf|Inf|INF))"
    r"|\.(?:nan|NaN|NAN)"
)


# libyaml's emitter when PyYAML was built with it: same output, several times faster.
if TYPE_CHECKING:
    _SafeDumper = yaml.SafeDumper
else:
    _SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):
    """The safe dumper, quoting strings that a YAML 1.2 reader would read as numbers."""


class _Analysis:
    """What :meth:`yaml.emitter.Emitter.analyze_scalar` needs of an emitter."""

    allow_unicode = True


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    if _YAML12_NUMBER.fullmatch(data):
        return dumper.represent_scalar(_STR, data, style="'")
    if "\n" in data:
        # A literal block keeps each line as it is (a folded one would double the blank
        # line between paragraphs); the emitter uses it only where it holds the text
        # exactly, else it quotes.
        return dumper.represent_scalar(_STR, data, style="|")
    if "'" in data:
        resolved = dumper.resolve(yaml.ScalarNode, data, (True, False))  # type: ignore[no-untyped-call]
        plain = resolved == _STR
        analysis = yaml.emitter.Emitter.analyze_scalar(_Analysis, data)  # type: ignore[arg-type]
        if not (plain and analysis.allow_block_plain):
            return dumper.represent_scalar(_STR, data, style='"')  # no '' escapes
    return dumper.represent_str(data)


_Dumper.add_representer(str, _represent_str)


def dumps(record: Mapping[str, Any], fmt: str = "yaml") -> str:
    """Serialise one record; ``jsonl`` gives a single line ending in a newline."""
    if fmt == "yaml":
        return yaml.dump(
            record,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=WIDTH,
        )
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def loads(text: str, fmt: str | None = None) -> Any:
    """Read a record file back (YAML is a superset of JSON, so YAML reads both)."""
    if fmt in ("json", "jsonl"):
        return json.loads(text)
    return yaml.load(text, Loader=Loader)
