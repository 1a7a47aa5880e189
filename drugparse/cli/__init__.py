"""Command line: ``drugparse convert | validate | schema | report | spark-convert``.

This module reads the command line; each command is a module of this package
(:mod:`~drugparse.cli.convert`, :mod:`~drugparse.cli.records`,
:mod:`~drugparse.cli.report`, :mod:`~drugparse.cli.spark`) that turns options
into library calls, prints, ends cleanly on SIGINT/SIGTERM
(:mod:`~drugparse.cli.signals`), and returns an exit status of
:mod:`~drugparse.cli.status` (record-format.md):
0 all good, 1 some pages failed (each reported), 2 bad usage or unreadable input;
130/143 interrupted by SIGINT/SIGTERM, 141 standard output closed early (as a
process killed by SIGPIPE).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from drugparse import __version__, write
from drugparse.batch.tasks import default_jobs
from drugparse.cli import report, spark
from drugparse.cli.convert import OUTPUT_FILES, TABLE_FORMATS, ConvertOptions, run_convert
from drugparse.cli.records import RECORD_SUFFIXES, print_schema, validate_files
from drugparse.cli.status import EXIT_BROKEN_PIPE, EXIT_USAGE, exit_for_signal
from drugparse.contract import DEFAULT_PAGE_TIMEOUT
from drugparse.pipeline import DEFAULT_PARSER
from drugparse.sources.inputs import WIKITEXT_SUFFIXES

__all__ = ["main"]

_CONVERT_EXAMPLES = """\
examples:
  drugparse convert Imiglucerase.wiki                 # one record, YAML on standard output
  drugparse convert articles/ -o records/             # a folder of wikitext: one file per record
  drugparse convert enwiki-pages-articles-multistream.xml.bz2 -o drugs.jsonl --errors failed.jsonl
  drugparse convert dump.xml.bz2 -o records/ --resume # go on after an interrupted run
  curl -s 'https://en.wikipedia.org/w/index.php?title=Aspirin&action=raw' \\
    | drugparse convert - --title Aspirin --format json

output:
  no -o          standard output (YAML documents split by ---, JSON, or JSON Lines)
  -o FILE.jsonl  JSON Lines, one record a line
  -o FILE.json   one JSON array of records
  -o FILE.yaml   YAML documents split by --- (also .yml)
  -o DIR         one file per record (any other name without an extension, or ending in /)
Files appear whole (written beside, then renamed) with the mode your umask gives. On
SIGINT/SIGTERM the records converted so far are kept (a -o FILE holds each of them whole;
-o DIR goes on with --resume), the summary is printed, and the exit status is 130/143.

exit status: 0 all good, 1 some pages failed, 2 bad usage or unreadable input or output.
"""


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="drugparse", description="Wikipedia drug articles to validated drug records."
    )
    parser.add_argument("--version", action="version", version=f"drugparse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    folder_suffixes = ", ".join(f"*{s}" for s in WIKITEXT_SUFFIXES)
    convert = commands.add_parser(
        "convert",
        help="convert articles, folders and XML dumps to records",
        description="Convert drug articles (wikitext files, folders, MediaWiki XML dumps) "
        "to drug records.",
        epilog=_CONVERT_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    convert.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="a wikitext file (UTF-8, or UTF-16 with a BOM); a folder, read recursively for "
        f"{folder_suffixes}; a MediaWiki XML dump (.xml, .xml.bz2, .xml.gz); or - for "
        "standard input",
    )
    convert.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=f"a file ({', '.join(OUTPUT_FILES)}: the format follows the name; OUT.parquet "
        "puts the drugs table there and each other table beside it as OUT.<table>.parquet) "
        "or a folder (default: standard output)",
    )
    convert.add_argument(
        "--format",
        choices=(*write.FORMATS, *TABLE_FORMATS),
        help="record format on standard output or in -o DIR (default: yaml); parquet or "
        "duckdb write tables (drugs, citations, ...) to -o DIR or -o FILE",
    )
    convert.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help=f"worker processes (default: the number of cores, here {default_jobs()}; 0: none)",
    )
    convert.add_argument(
        "--errors", metavar="FILE", help="write failed pages here as JSON Lines (default: none)"
    )
    convert.add_argument("--no-progress", action="store_true", help="no progress bar")
    convert.add_argument(
        "--fail-fast", action="store_true", help="stop at the first page or input that fails"
    )
    convert.add_argument(
        "--page-timeout",
        type=float,
        metavar="SECONDS",
        help=f"a page that takes longer fails with code timeout "
        f"(default: {DEFAULT_PAGE_TIMEOUT:g}; 0: no limit; needs --jobs 1 or more)",
    )
    convert.add_argument(
        "--resume",
        action="store_true",
        help="with -o DIR: keep the records an interrupted run already wrote",
    )
    convert.add_argument(
        "--title",
        help="the page title of a single wikitext file or standard input "
        "(default: the lead's bold name, else drug_name, else the file name)",
    )
    # For tests: a parse function that blocks or is slow on cue (module:function).
    convert.add_argument("--parser", default=DEFAULT_PARSER, help=argparse.SUPPRESS)
    convert.add_argument(
        "--pages",
        metavar="FILE",
        help="only these pages of a dump: titles or page ids, one a line (with a multistream "
        "index, only the streams holding them are decompressed)",
    )

    check = commands.add_parser(
        "validate",
        help="check record files against the schema",
        description="Check records against the schema; every error is printed as "
        "FILE: path.to.field: message (FILE:N: for line or record N).",
    )
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=f"record files ({', '.join(RECORD_SUFFIXES)}; YAML documents, one JSON value, "
        "a JSON array or several JSON values, JSON Lines), folders of them, or - for "
        "standard input",
    )

    commands.add_parser("schema", help="print the JSON Schema of a record")

    spark_convert = commands.add_parser(
        "spark-convert",
        help="convert a dump or a table of pages on Apache Spark",
        description=spark.DESCRIPTION,
        epilog=spark.EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    spark.add_arguments(spark_convert)
    report.add_arguments(commands.add_parser("report", help="a data-quality report for editors"))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _argument_parser()
    arguments = sys.argv[1:] if argv is None else argv
    if not arguments:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(arguments)
    try:
        if args.command == "convert":
            return _convert(args)
        if args.command == "validate":
            return validate_files(args.files)
        if args.command == "schema":
            return print_schema()
        if args.command == "report":
            return report.run(args)
        if args.command is None:
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return spark.run(args)
    except KeyboardInterrupt:  # Ctrl-C before a run installs its own handling (or in validate)
        print("drugparse: interrupted by SIGINT", file=sys.stderr)
        return exit_for_signal(signal.SIGINT)
    except BrokenPipeError:
        # The reader went away (``drugparse convert ... | head -1``): stop quietly with the
        # status of a process killed by SIGPIPE, as cat, grep or jq in the same pipe would.
        # Standard output goes to /dev/null so the exit flush does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _convert(args: argparse.Namespace) -> int:
    options = ConvertOptions(
        tuple(args.inputs),
        output=args.output,
        fmt=args.format,
        jobs=args.jobs,
        errors=args.errors,
        progress=False if args.no_progress else None,
        fail_fast=args.fail_fast,
        page_timeout=DEFAULT_PAGE_TIMEOUT if args.page_timeout is None else args.page_timeout,
        resume=args.resume,
        title=args.title,
        parser=args.parser,
        pages=args.pages,
    )
    return run_convert(options)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
