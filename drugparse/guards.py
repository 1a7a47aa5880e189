"""Pre-parse guards: pathological pages fail fast with a clear error instead of taking minutes.

mwparserfromhell is quadratic in the number of templates it has to give up
on (its issue #364): 2,000 unclosed ``{{a|`` take it 1 s, 8,000 take 20 s,
16,000 take 97 s, so 100,000 would run for hours. The broken-markup scanner
(:mod:`drugparse.extract.markup`) reports each unclosed or stray bracket as a
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
(line 1, offset 2000); mwparserfromhell would take minutes on it
"""

from __future__ import annotations

import re

from drugparse.errors import ParseError

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
_REF = re.compile(r"<ref[\s/>]", re.IGNORECASE)
# The tokens of drugparse.extract.markup: comments and nowiki-like tags hide markup.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<hiding>nowiki|pre|math|syntaxhighlight|source|chem|ce|code)\b[^>]*?(?<!/)>"
    r".*?(?:</(?P=hiding)\s*>|\Z)"
    r"|<ref\b[^>]*?/>"
    r"|(?P<ref_open><ref\b[^>]*>)"
    r"|(?P<ref_close></ref\s*>)"
    r"|(?P<opener>\{\{|\[\[)"
    r"|(?P<closer>\}\}|\]\])",
    re.DOTALL | re.IGNORECASE,
)
_OPENER = {"}}": "{{", "]]": "[["}


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
    if "<" in wikitext:
        refs = sum(1 for _ in _REF.finditer(wikitext))
        if refs > MAX_REFS:
            raise ParseError(title, f"too many <ref> tags: {refs:,}, the limit is {MAX_REFS:,}")
    _check_brackets(wikitext, title)
    return wikitext


def _readable_reference(match: re.Match) -> str:
    decimal, hexadecimal = match.groups()
    code = int(decimal) if decimal else int(hexadecimal, 16)
    return "&#xFFFD;" if code == 0 or 0xD800 <= code <= 0xDFFF else match.group()


def _check_brackets(text: str, title: str | None) -> None:
    """Count what :func:`~drugparse.extract.markup.find_problems` would, without its lines."""
    stack: list[tuple[str, int]] = []
    open_count = {"{{": 0, "[[": 0, "<ref>": 0}
    problems = 0
    templates: list[tuple[int, int]] = []  # (offset, +1 or -1) of each closed {{...}}
    for match in _TOKEN.finditer(text):
        ref_open, ref_close = match["ref_open"], match["ref_close"]
        opener, closer = match["opener"], match["closer"]
        if ref_open or opener:
            token = "<ref>" if ref_open else opener
            if token == "<ref>" and open_count["<ref>"]:  # refs do not nest: that one is unclosed
                problems += 1
                open_count["<ref>"] -= 1
                _drop_innermost(stack, "<ref>")
            stack.append((token, match.start()))
            open_count[token] += 1
            if len(stack) > MAX_NESTING:
                _too_deep(text, match.start(), title)
        elif ref_close or closer:
            token = "<ref>" if ref_close else _OPENER[closer]
            if token == "[[" and stack and stack[-1][0] == "[[" and (
                text.find("\n", stack[-1][1], match.start()) >= 0
            ):
                stack.pop()  # a link never spans lines: an unclosed [[ and a stray ]]
                open_count["[["] -= 1
                problems += 2
            elif open_count[token]:
                while stack[-1][0] != token:
                    problems += 1
                    open_count[stack.pop()[0]] -= 1
                opened = stack.pop()[1]
                open_count[token] -= 1
                if token == "{{":
                    templates += ((opened, 1), (match.start(), -1))
            else:
                problems += 1
        if problems > MAX_UNBALANCED:
            break
    problems += len(stack)
    if problems > MAX_UNBALANCED:
        raise ParseError(
            title,
            f"more than {MAX_UNBALANCED} unclosed or stray brackets ({{{{, [[, <ref>); "
            "the markup is too broken to read",
        )
    _check_template_depth(text, templates, title)


def _check_template_depth(text: str, templates: list[tuple[int, int]], title: str | None) -> None:
    """Closed templates only: an unclosed ``{{`` is text to mwparserfromhell, not a level."""
    depth = 0
    for offset, step in sorted(templates):
        depth += step
        if depth > MAX_TEMPLATE_DEPTH:
            line = text.count("\n", 0, offset) + 1
            raise ParseError(
                title,
                f"templates nested more than {MAX_TEMPLATE_DEPTH} deep (line {line}); "
                "mwparserfromhell would turn them and the templates around them into text",
            )


def _drop_innermost(stack: list[tuple[str, int]], token: str) -> None:
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][0] == token:
            del stack[index]
            return


def _too_deep(text: str, offset: int, title: str | None) -> None:
    line = text.count("\n", 0, offset) + 1
    raise ParseError(
        title,
        f"markup left open or nested more than {MAX_NESTING} levels deep "
        f"(line {line}, offset {offset}); mwparserfromhell would take minutes on it",
    )
