"""A page: the unit every source yields and the batch converter consumes.

A page is what a dump's ``<page>`` element or a wikitext file holds, already
decoded: ``Page("Imiglucerase", "{{Drugbox ...}}", page_id=1714296)``. Sources
make pages; they never parse wikitext.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BadPage", "Page"]


@dataclass(frozen=True)
class Page:
    """One article's wikitext and where it came from.

    ``title`` is ``None`` for a bare wikitext file (the parser then takes the
    title from the text). ``origin`` says where the page was read, for
    messages: ``"dump.xml.bz2"`` or ``"corpus/Imiglucerase.wiki"``.

    >>> Page("Imiglucerase", "{{Drugbox}}", page_id=1714296).namespace
    0
    """

    title: str | None
    text: str
    page_id: int | None = None
    revision_id: int | None = None
    timestamp: str | None = None
    namespace: int = 0
    redirect: str | None = None
    origin: str | None = None
    #: Named on the command line: a missing infobox is then an error, not a skip.
    explicit: bool = False

    @property
    def is_article(self) -> bool:
        """A candidate for a record: main namespace and not a redirect."""
        return self.namespace == 0 and self.redirect is None


@dataclass(frozen=True)
class BadPage:
    """A page a source found but could not decode; it becomes a failed result, not a crash.

    >>> BadPage("Aspirin", 1, "dump.xml", "invalid_xml", "text is not UTF-8").code
    'invalid_xml'
    """

    title: str | None
    page_id: int | None
    origin: str | None
    code: str
    message: str
