"""Sources: where pages come from (wikitext files, folders, stdin, MediaWiki XML dumps).

Sources decode bytes into :class:`~drugparse.sources.pages.Page` objects and
never parse wikitext; :func:`drugparse.pipeline.convert_one` does that.
"""

from drugparse.sources.pages import BadPage, Page

__all__ = ["BadPage", "Page"]
