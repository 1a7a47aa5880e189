"""Generate ``drugparse/record.py``: the drug record as ``TypedDict`` s, from the schema.

    python tools/gen_record_types.py          # rewrite drugparse/record.py
    python tools/gen_record_types.py --check  # exit 1 if it is not what the schema gives

The schema (``schemas/drug-record.schema.json``) is the contract; the types
are derived from it so they cannot drift (``tests/test_typing.py`` runs
``--check``, which compares the code, not its layout: the file is put
through ``ruff format`` after it is written). Each object with
``properties`` becomes a TypedDict named by its path (``clinical.drugs_com``
-> ``ClinicalDrugsCom``; ``$defs/x`` -> ``X``), its ``required`` keys
required and the rest optional (a required and an optional TypedDict joined
by a class, so that Python 3.10 needs no ``NotRequired``; keys such as
``class`` or ``3dmet`` in the functional form). ``const``/``enum`` become
``Literal``, ``additionalProperties`` maps ``dict[str, ...]``.
"""

from __future__ import annotations

import ast
import builtins
import json
import keyword
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "drug-record.schema.json"
TARGET = ROOT / "drugparse" / "record.py"

HEADER = '''"""The drug record as ``TypedDict`` s: what :func:`drugparse.parse` returns.

Generated from ``schemas/drug-record.schema.json`` by ``tools/gen_record_types.py``;
do not edit (``tests/test_typing.py`` fails when this file and the schema differ).
At run time a record is a plain ``dict``; :class:`DrugRecord` only describes it.
"""

from __future__ import annotations

from typing import Literal, TypedDict

__all__ = [{names}]
'''


def _pascal(parts: list[str]) -> str:
    name = "".join(p[:1].upper() + p[1:] for part in parts for p in part.split("_") if p)
    return name + "Entry" if hasattr(builtins, name) else name


class Generator:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.blocks: list[str] = []
        self.names: list[str] = []
        self.defs: dict[str, str] = {}

    def run(self) -> str:
        for name in self.schema.get("$defs", {}):
            self._def(name)
        self._object(self.schema, "DrugRecord", "a drug record, as drugparse.parse returns it")
        names = ", ".join(f'"{n}"' for n in sorted(self.names))
        return HEADER.format(names=names) + "".join(self.blocks)

    def _def(self, name: str) -> str:
        if name not in self.defs:
            node = self.schema["$defs"][name]
            type_name = _pascal([name])
            self.defs[name] = type_name  # set first: a def may refer to itself
            if self._is_object(node):
                self._object(node, type_name, node.get("description", ""))
            else:
                expression = self._type(node, [name])
                comment = textwrap.wrap(_first_line(node.get("description", "")), 96)
                self.blocks.append("\n" + "".join(f"#: {line}\n" for line in comment))
                self.blocks.append(f"{type_name} = {expression}\n")
                self.names.append(type_name)
        return self.defs[name]

    @staticmethod
    def _is_object(node: dict[str, Any]) -> bool:
        return node.get("type") == "object" and bool(node.get("properties"))

    def _type(self, node: dict[str, Any], path: list[str]) -> str:
        if "$ref" in node:
            return self._def(node["$ref"].rsplit("/", 1)[1])
        if "const" in node:
            return f"Literal[{node['const']!r}]"
        if "enum" in node:
            return "Literal[" + ", ".join(repr(v) for v in node["enum"]) + "]"
        kinds = node.get("type")
        if isinstance(kinds, list):
            return " | ".join(self._type({**node, "type": k}, path) for k in kinds)
        if kinds == "string":
            return "str"
        if kinds == "integer":
            return "int"
        if kinds == "number":
            return "float"
        if kinds == "boolean":
            return "bool"
        if kinds == "array":
            return f"list[{self._type(node.get('items', {}), path)}]"
        if kinds == "object" or "properties" in node:
            if node.get("properties"):
                name = _pascal(path)
                self._object(node, name, node.get("description", ""))
                return name
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                return f"dict[str, {self._type(extra, path)}]"
            return "dict[str, object]"
        return "object"

    def _object(self, node: dict[str, Any], name: str, description: str) -> None:
        required = set(node.get("required", []))
        fields = {
            key: self._type(value, [*([] if name == "DrugRecord" else [name]), key])
            for key, value in node["properties"].items()
        }
        parts = []
        for label, keys, total in (
            ("Required", [k for k in fields if k in required], True),
            ("Optional", [k for k in fields if k not in required], False),
        ):
            if not keys:
                continue
            base = f"_{name}{label}"
            total_flag = "" if total else ", total=False"
            if all(k.isidentifier() and not keyword.iskeyword(k) for k in keys):
                body = "".join(f"    {k}: {fields[k]}\n" for k in keys)
                self.blocks.append(f"\n\nclass {base}(TypedDict{total_flag}):\n{body}")
            else:  # keys such as "class" or "3dmet": the functional form
                body = "".join(f'        "{k}": {fields[k]},\n' for k in keys)
                self.blocks.append(
                    f'\n{base} = TypedDict(\n    "{base}",\n    {{\n{body}    }}{total_flag},\n)\n'
                )
            parts.append(base)
        doc = textwrap.wrap(_first_line(description), 92)
        docstring = doc[0] if len(doc) == 1 else "\n    ".join(doc) + "\n    "
        self.blocks.append(f'\n\nclass {name}({", ".join(parts)}):\n    """{docstring}"""\n')
        self.names.append(name)


def _first_line(text: str) -> str:
    line = " ".join(text.split()) or "(no description in the schema)"
    return line.replace('"""', "'''").replace("\\", "\\\\")


def generate() -> str:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    return Generator(schema).run()


def same_code(first: str, second: str) -> bool:
    """Equal as Python (names, keys, types, docstrings), whatever the formatting."""
    return ast.dump(ast.parse(first)) == ast.dump(ast.parse(second))


def main(argv: list[str]) -> int:
    text = generate()
    if "--check" in argv:
        if not TARGET.exists() or not same_code(TARGET.read_text("utf-8"), text):
            print(f"{TARGET} differs from the schema: run python tools/gen_record_types.py")
            return 1
        return 0
    TARGET.write_text(text, "utf-8")
    ruff = shutil.which("ruff")
    if ruff:  # the project's formatting; the check compares code, not layout
        subprocess.run([ruff, "format", "--quiet", str(TARGET)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
