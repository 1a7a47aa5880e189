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
from drugparse.batch.pool import DEFAULT_PAGE_TIMEOUT, EXIT_FAILED, EXIT_OK, EXIT_USAGE, run_convert
from drugparse.spark import job as spark_cli
from drugparse.validate import schema, validation_errors

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drugparse", description="Wikipedia drug articles to validated drug records."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    convert = commands.add_parser(
        "convert", help="convert articles, folders and XML dumps to records"
    )
    convert.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a wikitext file, a folder, a MediaWiki XML dump (.xml, .bz2, .gz), or -",
    )
    convert.add_argument(
        "-o", "--output", metavar="OUT", help="a folder (one file per record) or a .jsonl file"
    )
    convert.add_argument(
        "--format",
        choices=write.FORMATS,
        help="yaml (default), json or jsonl (default for -o FILE.jsonl)",
    )
    convert.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default: the number of cores; 0: none)",
    )
    convert.add_argument("--errors", metavar="FILE", help="write failed pages here as JSONL")
    convert.add_argument("--no-progress", action="store_true", help="no progress bar")
    convert.add_argument("--fail-fast", action="store_true", help="stop at the first failure")
    convert.add_argument(
        "--page-timeout",
        type=float,
        default=DEFAULT_PAGE_TIMEOUT,
        metavar="SECONDS",
        help="a slower page fails with code timeout (0: none)",
    )
    convert.add_argument(
        "--resume",
        action="store_true",
        help="with -o DIR: keep records already written by an interrupted run",
    )
    convert.add_argument("--title", help="page title of a single file (default: from the article)")

    check = commands.add_parser("validate", help="check record files against the schema")
    check.add_argument("files", nargs="+", help="YAML, JSON or JSON Lines record files")

    commands.add_parser("schema", help="print the JSON Schema of a record")

    spark_convert = commands.add_parser(
        "spark-convert", help="convert a dump or a table of pages on Apache Spark"
    )
    spark_cli.add_arguments(spark_convert)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {
        "convert": _convert,
        "validate": _validate,
        "schema": _schema,
        "spark-convert": spark_cli.run,
    }[args.command]
    return handler(args)


def _convert(args) -> int:
    if args.jobs is not None and args.jobs < 0:
        print("drugparse: --jobs must be 0 or more", file=sys.stderr)
        return EXIT_USAGE
    return run_convert(
        args.inputs,
        output=args.output,
        fmt=args.format,
        jobs=args.jobs,
        errors=args.errors,
        progress=False if args.no_progress else None,
        fail_fast=args.fail_fast,
        page_timeout=args.page_timeout or None,
        resume=args.resume,
        title=args.title,
    )


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
        except Exception as error:  # OSError, UnicodeDecodeError, yaml.YAMLError, ValueError...
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
