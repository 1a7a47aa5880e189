"""The bracket scanner: one linear pass over a page's ``{{``, ``[[`` and ``<ref>``.

Both pre-parse steps read it: :mod:`drugparse.guards.limits` refuses a page
nested too deep or too broken before mwparserfromhell sees it, and
:mod:`drugparse.guards.markup` turns the same problems into
``unbalanced_markup`` warnings and repairs. The scan is cached, so a page is
scanned once.

>>> found = scan_brackets("{{Drugbox | ref = <ref>A</ref> }} [[stray")
>>> found.refs, [(p.fault, p.token, p.line) for p in found.problems]
(1, [('unclosed', '[[', 1)])
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

__all__ = ["SNIPPET_CHARS", "BracketScan", "Problem", "find_problems", "scan_brackets"]

# Tokens that open or close a construct. Comments and nowiki-like tags hide markup.
_TOKENS = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(nowiki|pre|math|syntaxhighlight|source|chem|ce|code)\b[^>]*?(?<!/)>.*?(?:</\1\s*>|\Z)"
    r"|<nowiki\s*/>"
    r"|<ref\b[^>]*?/>"
    r"|<ref\b[^>]*>"
    r"|</ref\s*>"
    r"|\{\{|\}\}|\[\[|\]\]",
    re.DOTALL | re.IGNORECASE,
)
_CLOSER = {"{{": "}}", "[[": "]]", "<ref>": "</ref>"}
_BRACKETS = {"{{": "{{", "}}": "}}", "[[": "[[", "]]": "]]"}
_OPENER = {closer: opener for opener, closer in _CLOSER.items()}
#: Characters of the page quoted after a problem's position in its message.
SNIPPET_CHARS = 40


class Problem(NamedTuple):
    """One piece of broken markup: what, where (offset and line), and a snippet."""

    fault: str  # "unclosed" or "stray"
    token: str
    offset: int
    line: int
    snippet: str


def _bracket_of(token: str) -> str | None:
    lower = token.lower()
    if lower.startswith("<!--") or lower.startswith("<nowiki") or lower.endswith("/>"):
        return None
    if lower.startswith("</ref"):
        return "</ref>"
    if lower.startswith("<ref"):
        return "<ref>"
    if lower.startswith("<"):
        return None  # nowiki, pre, math...: their content is not markup
    return token


class BracketScan(NamedTuple):
    """What one pass over a page's brackets found (:func:`scan_brackets`).

    ``deepest``/``deepest_offset``: most brackets open at once, and where;
    ``template_depth``/``template_offset``: deepest nesting of *closed* templates;
    ``refs``: ``<ref>`` tags, self-closing ones included.
    """

    problems: tuple[Problem, ...]
    deepest: int
    deepest_offset: int
    template_depth: int
    template_offset: int
    refs: int


@lru_cache(maxsize=2)  # guard_page, check_markup and repair ask about the same page
def scan_brackets(text: str) -> BracketScan:
    """One linear pass: broken brackets, nesting, template depth, refs."""
    stack: list[tuple[str, int, int]] = []  # (token, offset, line) of each open bracket
    open_count = dict.fromkeys(_CLOSER, 0)  # how many of each opener are on the stack
    problems: list[tuple[str, str, int]] = []
    deepest = deepest_offset = refs = 0
    line, previous = 1, 0  # line of the current token, counted as we go: linear
    templates: list[tuple[int, int]] = []  # (offset, +1 or -1) of each closed {{...}}
    for match in _TOKENS.finditer(text):
        raw = match.group()
        token = _BRACKETS.get(raw) or _bracket_of(raw)
        if token is None:
            refs += raw[:4].lower() == "<ref"  # a self-closing <ref name=x />
            continue
        line += text.count("\n", previous, match.start())
        previous = match.start()
        if token in _CLOSER:
            if token == "<ref>":
                refs += 1
                if open_count["<ref>"]:  # refs do not nest: the open one is unclosed
                    problems.append(("unclosed", token, _pop_to(stack, "<ref>")))
                    open_count["<ref>"] -= 1
            stack.append((token, match.start(), line))
            open_count[token] += 1
            if len(stack) > deepest:
                deepest, deepest_offset = len(stack), match.start()
            continue
        opener = _OPENER[token]
        if opener == "[[" and stack and stack[-1][0] == "[[" and stack[-1][2] != line:
            # A link never spans lines: the [[ is unclosed and this ]] is stray.
            problems.append(("unclosed", "[[", stack.pop()[1]))
            open_count["[["] -= 1
            problems.append(("stray", token, match.start()))
            continue
        if open_count[opener]:
            while stack[-1][0] != opener:
                inner, offset, _ = stack.pop()
                open_count[inner] -= 1
                problems.append(("unclosed", inner, offset))
            opened = stack.pop()[1]
            open_count[opener] -= 1
            if opener == "{{":
                templates += ((opened, 1), (match.start(), -1))
        else:
            problems.append(("stray", token, match.start()))
    problems.extend(("unclosed", token, offset) for token, offset, _ in stack)
    depth, template_offset = _deepest_nesting(templates)
    located = _located(sorted(problems, key=lambda p: p[2]), text)
    return BracketScan(located, deepest, deepest_offset, depth, template_offset, refs)


def _deepest_nesting(intervals: list[tuple[int, int]]) -> tuple[int, int]:
    depth = deepest = where = 0
    for offset, step in sorted(intervals):
        depth += step
        if depth > deepest:
            deepest, where = depth, offset
    return deepest, where


def find_problems(text: str) -> tuple[Problem, ...]:
    """Every unclosed opener and stray closer, in source order."""
    return scan_brackets(text).problems


def _pop_to(stack: list[tuple[str, int, int]], token: str) -> int:
    """Take the innermost ``token`` off the stack, leaving what was opened after it."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][0] == token:
            return stack.pop(index)[1]
    return 0  # pragma: no cover - callers check the token is on the stack


def _located(problems: list[tuple[str, str, int]], text: str) -> tuple[Problem, ...]:
    """Line numbers in one sweep over the page: linear however many problems there are."""
    located, line, previous = [], 1, 0
    for fault, token, offset in problems:
        line += text.count("\n", previous, offset)
        previous = offset
        snippet = text[offset : offset + SNIPPET_CHARS].split("\n", 1)[0]
        located.append(Problem(fault, token, offset, line, snippet))
    return tuple(located)
