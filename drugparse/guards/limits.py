"""Pre-parse limits: pathological pages fail fast with a clear error instead of taking minutes.

mwparserfromhell is quadratic in the number of templates it has to give up
on (its issue #364): 2,000 unclosed ``{{a|`` take it 1 s, 8,000 take 20 s,
16,000 take 97 s, so 100,000 would run for hours. The broken-markup check
(:mod:`drugparse.guards.markup`) reports each unclosed or stray bracket as a
warning, so a page of thousands gives a record made of warnings.
:func:`guard_page` measures the page in one linear pass and raises
:class:`~drugparse.errors.ParseError` before any of that starts, with limits
no real article comes near (see the table).

It also replaces the two characters no record can carry: NUL (the C tokenizer
of mwparserfromhell stops reading at it, losing the rest of the page) and
lone surrogates (they cannot be written as UTF-8), written as such or as
character references (``&#xD800;``, ``&#0;``, which the text renderer would
decode). Both become U+FFFD, as a UTF-8 decoder does with bytes it cannot
read and MediaWiki's Sanitizer::decodeChar with references it cannot decode.

>>> guard_page("{{Drugbox | name = A\\x00B&#xD800;C }}")
'{{Drugbox | name = A\\ufffdB&#xFFFD;C }}'
>>> guard_page("{{a|" * 100_000)
Traceback (most recent call last):
drugparse.errors.ParseError: page: markup left open or nested more than 500 levels deep \
(line 1, offset 399996); mwparserfromhell would take minutes on it
"""

from __future__ import annotations

import re

from drugparse.errors import ParseError
from drugparse.guards.brackets import scan_brackets

__all__ = [
    "MAX_PAGE_CHARS",
    "MAX_NESTING",
    "MAX_TEMPLATE_DEPTH",
    "MAX_UNBALANCED",
    "MAX_REFS",
    "guard_page",
]

# Each limit: the value, and why no real article reaches it. Times are mwparserfromhell
# 0.7.2 (C tokenizer) plus the whole pipeline, measured on one core; see tests/test_hostile.py.

#: MediaWiki refuses to save a revision over 2,048 KiB ($wgMaxArticleSize, enwiki's
#: value), so no article has more than 2,097,152 characters; 50% more than that.
#: A 2 MB page takes about 3 s to parse, a 20 MB one would take 30 s.
MAX_PAGE_CHARS = 3 * 1024 * 1024

#: Brackets (``{{``, ``[[``, ``<ref>``) open at once: unclosed, or nested. mwparserfromhell
#: stops building its tree at 100 levels (its ``MAX_DEPTH``) and real articles nest
#: fewer than 20; 1,000 unclosed ``{{a|`` already take 0.3 s, 2,000 take 1.2 s.
MAX_NESTING = 500

#: Templates inside templates (``{{a|{{b|...}}}}``, closed ones, the infobox counted).
#: mwparserfromhell spends three of its 100 levels on each template and silently turns
#: anything deeper than 33 into plain text: an infobox around such a value is lost whole,
#: with no warning. Real articles nest fewer than 10.
MAX_TEMPLATE_DEPTH = 30

#: Unclosed or stray brackets in all (what ``unbalanced_markup`` warnings report).
#: Broken real pages have a handful. A page with hundreds is not an article any more, and
#: its record would be mostly warnings (20,000 stray ``}}`` took 13 s before the markup
#: check became linear).
MAX_UNBALANCED = 500

#: ``<ref>`` tags. The most-cited enwiki articles have under 2,000; 50,000 take 6 s.
MAX_REFS = 10_000

_UNREADABLE = re.compile("[\x00\ud800-\udfff]")
_CHARACTER_REFERENCE = re.compile(r"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));")


def guard_page(wikitext: str, title: str | None = None) -> str:
    """The page, checked against the limits and with NUL and lone surrogates replaced.

    Raises :class:`ParseError` naming the limit and where it was passed.
    """
    if len(wikitext) > MAX_PAGE_CHARS:
        raise ParseError(
            title,
            f"page too large: {len(wikitext):,} characters, the limit is {MAX_PAGE_CHARS:,} "
            "(MediaWiki saves no revision over 2 MiB)",
        )
    if not wikitext.isascii() or "\x00" in wikitext:
        wikitext = _UNREADABLE.sub("\ufffd", wikitext)
    if "&#" in wikitext:
        wikitext = _CHARACTER_REFERENCE.sub(_readable_reference, wikitext)
    _check_brackets(wikitext, title)
    return wikitext


def _readable_reference(match: re.Match[str]) -> str:
    decimal, hexadecimal = match.groups()
    code = int(decimal) if decimal else int(hexadecimal, 16)
    return "&#xFFFD;" if code == 0 or 0xD800 <= code <= 0xDFFF else match.group()


def _check_brackets(text: str, title: str | None) -> None:
    """Limits on what the bracket scan of :mod:`drugparse.guards.brackets` counted.

    The scan is linear and cached, so the markup check after the guard reuses it.
    """
    found = scan_brackets(text)
    if found.refs > MAX_REFS:
        raise ParseError(title, f"too many <ref> tags: {found.refs:,}, the limit is {MAX_REFS:,}")
    if found.deepest > MAX_NESTING:
        line = text.count("\n", 0, found.deepest_offset) + 1
        raise ParseError(
            title,
            f"markup left open or nested more than {MAX_NESTING} levels deep "
            f"(line {line}, offset {found.deepest_offset}); mwparserfromhell would take minutes "
            "on it",
        )
    if len(found.problems) > MAX_UNBALANCED:
        raise ParseError(
            title,
            f"more than {MAX_UNBALANCED} unclosed or stray brackets ({{{{, [[, <ref>); "
            "the markup is too broken to read",
        )
    if found.template_depth > MAX_TEMPLATE_DEPTH:
        line = text.count("\n", 0, found.template_offset) + 1
        raise ParseError(
            title,
            f"templates nested more than {MAX_TEMPLATE_DEPTH} deep (line {line}); "
            "mwparserfromhell would turn them and the templates around them into text",
        )
