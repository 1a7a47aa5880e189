"""Command line: ``drugparse convert | validate | schema | spark-convert``.

This module reads the command line; each command is a module of this package
(:mod:`~drugparse.cli.convert`, :mod:`~drugparse.cli.records`,
:mod:`~drugparse.cli.spark`) that turns options into library calls, prints,
and returns an exit status of :mod:`~drugparse.cli.status` (record-format.md):
0 all good, 1 some pages failed (each reported), 2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import sys

from drugparse import write
from drugparse.cli import spark
from drugparse.cli.status import EXIT_USAGE
from drugparse.contract import DEFAULT_PAGE_TIMEOUT

# Each command's module is imported when that command runs (start-up: a one-file
# convert loads the parser and the pool, not the validator's or Spark's code).

__all__ = ["main"]


def _argument_parser() -> argparse.ArgumentParser:
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
    convert.add_argument(
        "--pages",
        metavar="FILE",
        help="only these pages of a dump: titles or page ids, one a line (with a multistream "
        "index, only the streams holding them are decompressed)",
    )

    check = commands.add_parser("validate", help="check record files against the schema")
    check.add_argument("files", nargs="+", help="YAML, JSON or JSON Lines record files")

    commands.add_parser("schema", help="print the JSON Schema of a record")

    spark_convert = commands.add_parser(
        "spark-convert", help="convert a dump or a table of pages on Apache Spark"
    )
    spark.add_arguments(spark_convert)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _argument_parser().parse_args(argv)
    if args.command == "convert":
        return _convert(args)
    if args.command == "validate":
        from drugparse.cli.records import validate_files

        return validate_files(args.files)
    if args.command == "schema":
        from drugparse.cli.records import print_schema

        return print_schema()
    return spark.run(args)


def _convert(args: argparse.Namespace) -> int:
    from drugparse.cli.convert import ConvertOptions, run_convert

    if args.jobs is not None and args.jobs < 0:
        print("drugparse: --jobs must be 0 or more", file=sys.stderr)
        return EXIT_USAGE
    options = ConvertOptions(
        tuple(args.inputs),
        output=args.output,
        fmt=args.format,
        jobs=args.jobs,
        errors=args.errors,
        progress=False if args.no_progress else None,
        fail_fast=args.fail_fast,
        page_timeout=args.page_timeout or None,
        resume=args.resume,
        title=args.title,
        pages=args.pages,
    )
    return run_convert(options)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
