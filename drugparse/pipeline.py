"""The whole pipeline for one page: parse -> extract -> normalise -> assemble -> validate.

:func:`parse` is ``drugparse.parse``; everything it calls is a pure function
of the wikitext, so the same input always gives the same record.
"""

from __future__ import annotations

from functools import cache

from drugparse import assemble
from drugparse.errors import DrugparseError, NoInfoboxError, ParseError
from drugparse.extract.article import lead_name, read_article
from drugparse.extract.drug_resources import merge_drug_resources
from drugparse.extract.infobox import find_infobox, read_fields, unreadable_infobox
from drugparse.extract.markup import check_markup, repair
from drugparse.extract.references import collect_citations
from drugparse.guards import guard_page
from drugparse.validate import schema, validation_errors
from drugparse.wikitext import page_title, parse_wikitext, templates_and_links

__all__ = ["parse"]


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
) -> dict:
    """Turn one drug article into a schema-valid record.

    ``title`` is the page title (from a dump or the caller). Without it the
    title is the lead's first bold name, else ``drug_name``, else
    ``default_title`` (the CLI passes the file name). Raises
    :class:`NoInfoboxError` when the page has no drug infobox and
    :class:`ParseError` for anything else that stops a record.
    """
    if not isinstance(wikitext, str):
        raise ParseError(title, f"wikitext must be str, not {type(wikitext).__name__}")
    try:
        return _parse(wikitext, title, page_id, revision_id, timestamp, default_title)
    except DrugparseError:
        raise
    except RecursionError as error:
        raise ParseError(title, "markup nested too deeply to parse") from error
    except Exception as error:  # a bad page must give a structured error, never a crash
        raise ParseError(title, f"{type(error).__name__}: {error}") from error


def _parse(wikitext, title, page_id, revision_id, timestamp, default_title) -> dict:
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
    record = {
        "schema_version": assemble.SCHEMA_VERSION,
        "title": title,
        "source": source,
        **body,
        "summary": article.summary,
        "sections": article.sections,
        "see_also": article.see_also,
        "citations": citations.citations,
        "categories": article.categories,
        "templates": {"navboxes": article.navboxes, "stubs": article.stubs},
        "unmapped": unmapped,
        "warnings": _unique(
            markup_warnings
            + fields.warnings
            + derived_warnings
            + citations.warnings
            + article.warnings
        ),
    }
    record = assemble.tidy(record, _record_shape())
    errors = validation_errors(record)
    if errors:
        raise ParseError(title, f"record does not validate: {errors[0]}")
    return record


def _title(title, article, body, default_title) -> str:
    if title and title.strip():
        return " ".join(title.split())
    # Names read off the page become titles as MediaWiki would write them.
    names = body.get("names", {})
    for candidate in (lead_name(article), names.get("drug_name"), default_title):
        if candidate and candidate.strip():
            return page_title(candidate)
    raise ParseError(None, "the page has no title: pass title=")


def _unique(warnings: list[dict]) -> list[dict]:
    seen, out = set(), []
    for w in warnings:
        key = (w["code"], w["field"], w["message"])
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out
