"""The whole pipeline for one page: guard -> parse -> extract -> normalise -> assemble -> validate.

:func:`parse` is ``drugparse.parse``; everything it calls is a pure function
of the wikitext, so the same input always gives the same record.

:func:`convert_one` is the per-page contract every engine (the worker pool
of :mod:`drugparse.batch`, the Spark tasks of :mod:`drugparse.spark`) runs:
a :class:`~drugparse.sources.pages.Page` in, a :class:`PageResult` out, never
an exception for a bad page::

    >>> from drugparse.sources import Page
    >>> convert_one(Page("Aspirin", "no infobox here")).status
    'skipped'
"""

from __future__ import annotations

import contextlib
import importlib
import signal
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, cast

from drugparse import assemble
from drugparse.contract import (
    DEFAULT_PAGE_TIMEOUT,
    ErrorEntry,
    ParseFunction,
    Record,
    error_entry,
)
from drugparse.errors import DrugparseError, NoInfoboxError, ParseError
from drugparse.extract.article import Article, lead_name, read_article
from drugparse.extract.drug_resources import merge_drug_resources
from drugparse.extract.infobox import find_infobox, read_fields, unreadable_infobox
from drugparse.extract.references import collect_citations
from drugparse.guards import check_markup, guard_page, repair
from drugparse.record import DrugRecord
from drugparse.sources.pages import BadPage, Page
from drugparse.validate import schema, validation_errors
from drugparse.wikitext import page_title, parse_wikitext, templates_and_links

__all__ = [
    "DEFAULT_PAGE_TIMEOUT",
    "DEFAULT_PARSER",
    "PageOptions",
    "PageResult",
    "PageTimeout",
    "Status",
    "convert_in_time",
    "convert_one",
    "guarded",
    "parse",
    "parse_function",
    "time_limit",
]


@cache
def _record_shape() -> assemble.Shape:
    document = schema()
    return assemble.compile_shape(document, document.get("$defs", {}))


def parse(
    wikitext: str,
    title: str | None = None,
    *,
    page_id: int | None = None,
    revision_id: int | None = None,
    timestamp: str | None = None,
    default_title: str | None = None,
) -> DrugRecord:
    """Turn one drug article into a schema-valid record (a plain dict; its keys and
    types are :class:`drugparse.record.DrugRecord`, generated from the schema).

    ``title`` is the page title (from a dump or the caller). Without it the
    title is the lead's first bold name, else ``drug_name``, else
    ``default_title`` (the CLI passes the file name). Raises
    :class:`NoInfoboxError` when the page has no drug infobox and
    :class:`ParseError` for anything else that stops a record.
    """
    if not isinstance(wikitext, str):
        raise ParseError(title, f"wikitext must be str, not {type(wikitext).__name__}")
    try:
        record = _parse(wikitext, title, page_id, revision_id, timestamp, default_title)
        return cast("DrugRecord", record)  # validated against the schema it was made from
    except DrugparseError:
        raise
    except RecursionError as error:
        raise ParseError(title, "markup nested too deeply to parse") from error
    except Exception as error:  # a bad page must give a structured error, never a crash
        raise ParseError(title, f"{type(error).__name__}: {error}") from error


def _parse(
    wikitext: str,
    title: str | None,
    page_id: int | None,
    revision_id: int | None,
    timestamp: str | None,
    default_title: str | None,
) -> Record:
    wikitext = guard_page(wikitext, title or default_title)
    markup_warnings = check_markup(wikitext)
    if markup_warnings:
        wikitext = repair(wikitext)
    code = parse_wikitext(wikitext)
    templates, links = templates_and_links(code)
    infobox = find_infobox(code, templates)
    if infobox is None:
        unread = unreadable_infobox(wikitext, templates)
        if unread:  # the page has one, but broken markup hid it from the parser
            raise ParseError(title or default_title, unread)
        raise NoInfoboxError(title or default_title)
    fields = read_fields(infobox)
    from_drug_resources = merge_drug_resources(fields, templates)
    body, derived_warnings = assemble.assemble_fields(fields.fields, fields.sources)
    unmapped = {**fields.unmapped, **body.pop("unmapped", {})}  # ATC parts with no code
    citations = collect_citations(code, infobox)
    article = read_article(code, infobox.template, links)

    title = _title(title, article, body, default_title)
    source = {
        "template": infobox.name,
        "url": assemble.page_url(title),
        "page_id": page_id,
        "revision_id": revision_id,
        "timestamp": timestamp,
        **body.pop("source", {}),
        "drug_resources": from_drug_resources,
    }
    record: Record = {
        "schema_version": assemble.SCHEMA_VERSION,
        "title": title,
        "source": source,
        **body,
        "summary": article.summary,
        "sections": article.sections,
        "see_also": article.see_also,
        "citations": citations.citations,
        "categories": article.categories,
        "templates": {
            "navboxes": article.navboxes,
            "external_links": article.external_links,
            "stubs": article.stubs,
        },
        "unmapped": unmapped,
        "warnings": _unique(
            [
                *markup_warnings,
                *fields.warnings,
                *derived_warnings,
                *citations.warnings,
                *article.warnings,
            ]
        ),
    }
    record = assemble.tidy(record, _record_shape())
    errors = validation_errors(record)
    if errors:
        raise ParseError(title, f"record does not validate: {errors[0]}")
    return record


def _title(title: str | None, article: Article, body: Record, default_title: str | None) -> str:
    if title and title.strip():
        return " ".join(title.split())
    # Names read off the page become titles as MediaWiki would write them.
    names = body.get("names", {})
    for candidate in (lead_name(article), names.get("drug_name"), default_title):
        if candidate and candidate.strip():
            return page_title(candidate)
    raise ParseError(None, "the page has no title: pass title=")


def _unique(warnings: list[Mapping[str, object]]) -> list[Mapping[str, object]]:
    """Each warning once (``WarningEntry`` values; the stages' lists are not typed yet)."""
    seen: set[tuple[object, object, object]] = set()
    out: list[Mapping[str, object]] = []
    for w in warnings:
        key = (w["code"], w["field"], w["message"])
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


# --- one page, as every engine runs it ------------------------------------------------

#: ``module:function`` of the parse function; tests swap in a slow one to try time limits.
DEFAULT_PARSER = "drugparse:parse"
_parse_functions: dict[str, ParseFunction] = {}

#: What became of a page.
Status = Literal["record", "skipped", "failed"]


def parse_function(name: str = DEFAULT_PARSER) -> ParseFunction:
    """The parse function named ``module:function``, imported once per process."""
    if name not in _parse_functions:
        module, _, function = name.partition(":")
        found = getattr(importlib.import_module(module), function)
        _parse_functions[name] = cast(ParseFunction, found)
    return _parse_functions[name]


@dataclass(frozen=True)
class PageOptions:
    """How :func:`convert_one` treats each page.

    ``fmt`` (``yaml``, ``json``, ``jsonl``) serialises the record into
    :attr:`PageResult.text`; ``keep_record=False`` drops the dict once it is
    serialised (the CLI only writes text); ``parser`` names the parse function.
    """

    fmt: str | None = None
    keep_record: bool = True
    parser: str = DEFAULT_PARSER


@dataclass(frozen=True)
class PageResult:
    """What became of one page: ``status`` is ``record``, ``skipped`` or ``failed``.

    ``text`` is the record serialised in the requested format (done in the
    worker, so the parent only writes); ``record`` is the dict unless the
    caller asked for text only.
    """

    status: Status
    title: str | None
    page_id: int | None
    record: DrugRecord | None = None
    text: str | None = None
    code: str | None = None
    message: str | None = None
    #: Where the page was read: a wikitext file's path, a dump's, ``-``; None if not known.
    source: str | None = None

    @property
    def error(self) -> ErrorEntry | None:
        """``{"title", "page_id", "source", "code", "message"}`` for a failed page, else None."""
        if self.status != "failed" or self.code is None or self.message is None:
            return None
        return error_entry(self.title, self.page_id, self.code, self.message, source=self.source)

    @property
    def name(self) -> str:
        """The page in a message: its title, else the file it came from."""
        return self.title or self.source or "page"


def guarded(page: Page | BadPage, options: PageOptions = PageOptions()) -> PageResult | None:
    """The failed result of a page over a pre-parse limit (size, nesting, refs), else None.

    The worker pool runs this before it starts a page's clock, so that the page
    is reported as the limit it passed, not as a ``timeout`` on a slow machine.
    Only for drugparse's own parser (a test parser may have no such limits).
    """
    if not isinstance(page, Page) or options.parser != DEFAULT_PARSER:
        return None
    try:
        guard_page(page.text, page.title)
    except ParseError as exc:
        return PageResult(
            "failed", page.title, page.page_id, code=exc.code, message=str(exc), source=page.origin
        )
    except Exception:  # anything else is for parse() to report, with its usual codes
        return None
    return None


def convert_one(page: Page | BadPage, options: PageOptions = PageOptions()) -> PageResult:
    """One page to a :class:`PageResult`; never raises for a bad page."""
    source = page.origin
    if isinstance(page, BadPage):
        return PageResult(
            "failed", page.title, page.page_id, code=page.code, message=page.message, source=source
        )
    title = page.title
    default_title = None
    if page.title is None and page.origin not in (None, "-"):
        default_title = Path(str(page.origin)).stem  # the file name, last resort

    def failed(code: str, message: str) -> PageResult:
        return PageResult("failed", title, page.page_id, code=code, message=message, source=source)

    try:
        record = parse_function(options.parser)(
            page.text,
            page.title,
            page_id=page.page_id,
            revision_id=page.revision_id,
            timestamp=page.timestamp,
            default_title=default_title,
        )
        text = None
        if options.fmt:
            from drugparse.write import dumps

            text = dumps(record, options.fmt)
    except NoInfoboxError as exc:
        if page.explicit:
            return failed(exc.code, str(exc))
        return PageResult("skipped", title, page.page_id, source=source)
    except DrugparseError as exc:
        return failed(exc.code, str(exc))
    except RecursionError:
        return failed("too_deep", "nesting too deep for the parser")
    except MemoryError:
        return failed("out_of_memory", "")
    except Exception as exc:  # a bug; the batch goes on and the page is reported
        return failed("internal_error", f"{type(exc).__name__}: {exc}")
    title = record.get("title", title)
    record_kept = cast("DrugRecord", record) if options.keep_record else None
    return PageResult("record", title, page.page_id, record=record_kept, text=text, source=source)


class PageTimeout(BaseException):
    """Raised by the alarm of :func:`time_limit`; a BaseException, so that
    :func:`convert_one`'s handlers let it through."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """SIGALRM after ``seconds`` (main thread of a Unix process only; elsewhere no limit).

    Unlike the pool, which kills a stuck worker, an alarm only fires between
    Python bytecodes: a page stuck inside the C tokenizer runs on.
    """
    usable = seconds and hasattr(signal, "setitimer")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds or 0.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def convert_in_time(
    page: Page | BadPage, options: PageOptions, seconds: float | None
) -> PageResult:
    """:func:`convert_one` in this process; a page over ``seconds`` fails with ``timeout``.

    The pre-parse limits are checked first, outside the clock (:func:`guarded`), as the
    worker pool does."""
    limited = guarded(page, options)
    if limited is not None:
        return limited
    try:
        with time_limit(seconds):
            return convert_one(page, options)
    except PageTimeout:
        title = page.title
        if title is None and isinstance(page, Page):
            title = page.origin
        message = f"parsing took longer than {seconds:g} s"
        return PageResult(
            "failed", title, page.page_id, code="timeout", message=message, source=page.origin
        )
