"""Command line: ``drugparse convert | validate | schema``. Thin: all logic is in the library.

Exit status (record-format.md): 0 all good, 1 some pages failed (each
reported), 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from drugparse import write
from drugparse.errors import DrugparseError, NoInfoboxError
from drugparse.pipeline import parse
from drugparse.validate import schema, validation_errors

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drugparse", description="Wikipedia drug articles to validated drug records."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    convert = commands.add_parser("convert", help="convert an article to a record")
    convert.add_argument("input", help="a wikitext file, or - for standard input")
    convert.add_argument("--format", choices=write.FORMATS, default="yaml")
    convert.add_argument("--title", help="page title (default: from the article, else file name)")

    check = commands.add_parser("validate", help="check record files against the schema")
    check.add_argument("files", nargs="+", help="YAML, JSON or JSON Lines record files")

    commands.add_parser("schema", help="print the JSON Schema of a record")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"convert": _convert, "validate": _validate, "schema": _schema}[args.command]
    return handler(args)


def _convert(args) -> int:
    try:
        if args.input == "-":
            text, name = sys.stdin.read(), None
        else:
            text, name = Path(args.input).read_text("utf-8"), Path(args.input).stem
    except (OSError, UnicodeDecodeError) as error:
        print(f"drugparse: cannot read {args.input}: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        record = parse(text, title=args.title, default_title=name)
    except NoInfoboxError:
        print(f"drugparse: {args.input}: no drug infobox", file=sys.stderr)
        return EXIT_FAILED
    except DrugparseError as error:
        print(f"drugparse: {args.input}: {error.code}: {error}", file=sys.stderr)
        return EXIT_FAILED
    sys.stdout.write(write.dumps(record, args.format))
    return EXIT_OK


def _records_in(path: Path) -> list[dict]:
    text = path.read_text("utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return [write.loads(text, "json" if path.suffix == ".json" else "yaml")]


def _validate(args) -> int:
    status = EXIT_OK
    for name in args.files:
        try:
            records = _records_in(Path(name))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            print(f"{name}: cannot read: {error}", file=sys.stderr)
            return EXIT_USAGE
        except Exception as error:  # yaml.YAMLError and friends
            print(f"{name}: cannot read: {error}", file=sys.stderr)
            return EXIT_USAGE
        for number, record in enumerate(records, start=1):
            where = name if len(records) == 1 else f"{name}:{number}"
            errors = validation_errors(record) if isinstance(record, dict) else None
            if errors is None:
                print(f"{where}: not a record (a mapping is expected)", file=sys.stderr)
                status = EXIT_FAILED
            for error in errors or ():
                print(f"{where}: {error}", file=sys.stderr)
                status = EXIT_FAILED
    if status == EXIT_OK:
        print(f"{len(args.files)} file(s) valid", file=sys.stderr)
    return status


def _schema(args) -> int:
    sys.stdout.write(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
