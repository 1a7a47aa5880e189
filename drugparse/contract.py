"""The typed contract between the stages, in one place (as jsonschema's ``protocols.py``).

A record is a JSON-like dict; a warning and a per-page error are small dicts
with fixed keys, so they are ``TypedDict`` s: plain dicts at run time (their
bytes are the record's), checked by mypy. The Protocols say what a
normaliser, a parameter lookup, a parse function and a record writer must
look like; nothing here imports a stage.

>>> entry = error_entry("Brokenase", 42, "parse_error", "no infobox", source="enwiki.xml.bz2")
>>> list(entry)
['title', 'page_id', 'source', 'code', 'message']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypedDict

if TYPE_CHECKING:
    from mwparserfromhell.wikicode import Wikicode

    from drugparse.tables.infobox_drug import Mapping

__all__ = [
    "DEFAULT_PAGE_TIMEOUT",
    "ErrorEntry",
    "Normaliser",
    "ParameterLookup",
    "ParseFunction",
    "Record",
    "RecordWriter",
    "WarningEntry",
    "error_entry",
]

#: Seconds a page may take before it becomes a ``timeout`` error (``--page-timeout``), in
#: every engine: the pool kills the worker; in-process and Spark conversions raise an alarm.
DEFAULT_PAGE_TIMEOUT = 5.0

#: A drug record as ``drugparse.parse`` returns it (``schemas/drug-record.schema.json``).
Record = dict[str, Any]


class WarningEntry(TypedDict):
    """One entry of a record's ``warnings``; ``code`` is a key of ``errors.WARNING_CODES``."""

    code: str
    field: str
    message: str


class ErrorEntry(TypedDict):
    """A failed page or input, as ``--errors FILE`` writes it (one JSON object a line).

    ``source`` is the file the page was read from (a wikitext file, a dump, ``-``
    for standard input; None in Spark). ``title`` is None for a wikitext file
    that failed before its title was known, and with ``page_id`` for an input
    that broke as a whole (``code`` ``unreadable_input``).
    """

    title: str | None
    page_id: int | None
    source: str | None
    code: str
    message: str


def error_entry(
    title: str | None, page_id: int | None, code: str, message: str, *, source: str | None = None
) -> ErrorEntry:
    """The one way an error entry is made, by the batch converter and by Spark alike."""
    return {"title": title, "page_id": page_id, "source": source, "code": code, "message": message}


class Normaliser(Protocol):
    """Reads one infobox value: ``(wikicode, record path) -> (value or None, warnings)``.

    ``identifiers.cas_number(parse_wikitext("50-00-0"), "identifiers.cas")``
    gives ``("50-00-0", [])``.
    """

    def __call__(self, code: Wikicode, field: str, /) -> tuple[object, list[WarningEntry]]: ...


class ParameterLookup(Protocol):
    """An infobox kind's table: parameter name -> where it goes and how it is read."""

    def __call__(self, name: str, /) -> Mapping | None: ...


class ParseFunction(Protocol):
    """The signature of :func:`drugparse.parse` (tests swap in stubs by ``module:function``)."""

    def __call__(
        self,
        wikitext: str,
        title: str | None = None,
        *,
        page_id: int | None = None,
        revision_id: int | None = None,
        timestamp: str | None = None,
        default_title: str | None = None,
    ) -> Record: ...


class RecordWriter(Protocol):
    """Where serialised records go: a folder, one file, a stream.

    ``close`` keeps what was written (the run completed); ``keep`` ends the output
    cleanly after the last whole record (an interrupted run: SIGINT, SIGTERM);
    ``abort`` (a failed run) leaves what a writer had before it started, as far
    as it can.
    """

    def write(self, title: str | None, text: str) -> object: ...

    def close(self) -> None: ...

    def keep(self) -> None: ...

    def abort(self) -> None: ...
