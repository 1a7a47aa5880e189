"""``drugparse validate`` and ``drugparse schema``: records checked, the schema printed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from drugparse import write
from drugparse.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from drugparse.validate import schema, validation_errors

__all__ = ["print_schema", "validate_files"]


def _records_in(path: Path) -> list[object]:
    text = path.read_text("utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return [write.loads(text, "json" if path.suffix == ".json" else "yaml")]


def validate_files(files: list[str]) -> int:
    """Every record of every file against the schema; each problem on standard error."""
    status = EXIT_OK
    for name in files:
        try:
            records = _records_in(Path(name))
        except Exception as error:  # OSError, UnicodeDecodeError, yaml.YAMLError, ValueError...
            print(f"{name}: cannot read: {error}", file=sys.stderr)
            return EXIT_USAGE
        for number, record in enumerate(records, start=1):
            where = name if len(records) == 1 else f"{name}:{number}"
            errors = validation_errors(record) if isinstance(record, dict) else None
            if errors is None:
                print(f"{where}: not a record (a mapping is expected)", file=sys.stderr)
                status = EXIT_FAILED
            for problem in errors or ():
                print(f"{where}: {problem}", file=sys.stderr)
                status = EXIT_FAILED
    if status == EXIT_OK:
        print(f"{len(files)} file(s) valid", file=sys.stderr)
    return status


def print_schema() -> int:
    """The JSON Schema of a record, on standard output."""
    sys.stdout.write(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
