"""``drugparse validate`` and ``drugparse schema``: records checked, the schema printed.

``validate`` reads every form ``convert`` writes: YAML documents split by
``---`` (``.yaml``, ``.yml``), one JSON value, a JSON array of records or
several JSON values one after another (``.json``), JSON Lines (``.jsonl``),
a folder (every record file in it, recursively), and ``-`` (standard input,
told by its content). Each error is printed as ``WHERE: path.to.field:
message``, where ``WHERE`` is the file, ``FILE:N`` for line N of JSON Lines,
or ``FILE[N]`` for the Nth record of a file of several.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from drugparse import write
from drugparse.batch.progress import plural
from drugparse.cli.signals import Interrupted, interrupts, signal_name
from drugparse.cli.status import EXIT_FAILED, EXIT_OK, EXIT_USAGE, exit_for_signal, write_out
from drugparse.validate import schema, validation_errors

__all__ = ["RECORD_SUFFIXES", "print_schema", "read_records", "validate_files"]

#: The record files a folder holds, as ``convert -o`` names them.
RECORD_SUFFIXES = (".yaml", ".yml", ".json", ".jsonl")


class _Unreadable(Exception):
    """A file that is not records at all: exit status 2."""


def read_records(text: str, kind: str | None) -> list[tuple[str, object]]:
    """The records in ``text`` with where each is (``""``, ``[N]`` or ``:N``).

    ``kind`` is the file's suffix (``.jsonl``...), or None to tell by content
    (standard input).

    >>> read_records('{"a": 1}\\n{"a": 2}\\n', None)
    [(':1', {'a': 1}), (':2', {'a': 2})]
    >>> read_records("a: 1\\n---\\na: 2\\n", ".yaml")
    [('[1]', {'a': 1}), ('[2]', {'a': 2})]
    """
    text = text.removeprefix("\ufeff")
    if kind is None:
        kind = ".json" if text.lstrip().startswith(("{", "[")) else ".yaml"
    if kind == ".jsonl":
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        return [(f":{n}", json.loads(line)) for n, line in lines]
    if kind == ".json":
        values = list(_json_values(text))
        if len(values) == 1 and isinstance(values[0], list):
            values = values[0]  # -o FILE.json: one array of records
        elif len(values) > 1 and len([x for x in text.splitlines() if x.strip()]) == len(values):
            # one value a line: JSON Lines read from standard input
            return [(f":{n}", value) for n, value in enumerate(values, 1)]
    else:
        values = [d for d in yaml.load_all(text, Loader=write.Loader) if d is not None]
    if len(values) == 1:
        return [("", values[0])]
    return [(f"[{n}]", value) for n, value in enumerate(values, 1)]


def _json_values(text: str) -> Iterator[object]:
    """One JSON value, or several one after another (``convert --format json`` of several)."""
    decoder = json.JSONDecoder()
    position, end = 0, len(text)
    while True:
        while position < end and text[position].isspace():
            position += 1
        if position == end:
            return
        value, position = decoder.raw_decode(text, position)
        yield value


def _files_of(name: str) -> list[tuple[str, Path | None]]:
    """(name to print, path; None for standard input) of every file an argument means."""
    if name == "-":
        return [("-", None)]
    path = Path(name)
    if path.is_dir():
        found: list[tuple[str, Path | None]] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(files):
                if file.lower().endswith(RECORD_SUFFIXES) and not file.startswith("."):
                    found.append((str(Path(root, file)), Path(root, file)))
        if not found:
            suffixes = ", ".join(RECORD_SUFFIXES)
            raise _Unreadable(f"{name}: no record files ({suffixes}) in this folder")
        return found
    return [(name, path)]


def _read(name: str, path: Path | None) -> list[tuple[str, object]]:
    try:
        if path is None:
            data = sys.stdin.buffer.read()
            kind = None
        else:
            data = path.read_bytes()
            kind = path.suffix.lower() if path.suffix.lower() in RECORD_SUFFIXES else None
            kind = ".yaml" if kind == ".yml" else kind
        text = data.decode("utf-8")
        if not text.strip():
            raise _Unreadable(f"{name}: empty, no record in it")
        return read_records(text, kind)
    except OSError as error:
        raise _Unreadable(f"{name}: cannot read: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise _Unreadable(f"{name}: not UTF-8 text (offset {error.start})") from error
    except (ValueError, yaml.YAMLError) as error:  # json.JSONDecodeError is a ValueError
        reason = " ".join(str(error).split())
        raise _Unreadable(f"{name}: not YAML or JSON records: {reason}") from error


def validate_files(files: list[str]) -> int:
    """Every record of every file against the schema; each problem on standard error.

    SIGINT or SIGTERM ends it with what was checked so far and status 130/143.
    """
    checked = _Checked()
    with interrupts():
        try:
            status = _validate(files, checked)
        except Interrupted as exc:
            print(f"drugparse: interrupted by {signal_name(exc.signum)}", file=sys.stderr)
            print(f"drugparse: {checked.said()} checked before it", file=sys.stderr)
            return exit_for_signal(exc.signum)
    if status == EXIT_OK:
        print(f"drugparse: {checked.said()}: all valid", file=sys.stderr)
    return status


class _Checked:
    """Files read and records checked so far."""

    def __init__(self) -> None:
        self.files = 0
        self.records = 0

    def said(self) -> str:
        return f"{plural(self.records, 'record')} in {plural(self.files, 'file')}"


def _validate(files: list[str], checked: _Checked) -> int:
    status = EXIT_OK
    for argument in files:
        try:
            targets = _files_of(argument)
        except _Unreadable as error:
            print(f"drugparse: {error}", file=sys.stderr)
            return EXIT_USAGE
        for name, path in targets:
            try:
                found = _read(name, path)
            except _Unreadable as error:
                print(f"drugparse: {error}", file=sys.stderr)
                return EXIT_USAGE
            checked.files += 1
            for where, record in found:
                checked.records += 1
                if not isinstance(record, dict):
                    print(f"{name}{where}: not a record (a mapping is expected)", file=sys.stderr)
                    status = EXIT_FAILED
                    continue
                for problem in validation_errors(record):
                    print(f"{name}{where}: {problem}", file=sys.stderr)
                    status = EXIT_FAILED
    return status


def print_schema() -> int:
    """The JSON Schema of a record, on standard output."""
    write_out(sys.stdout, json.dumps(schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
