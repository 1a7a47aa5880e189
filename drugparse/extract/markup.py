"""Broken markup: find unclosed or stray wiki markup, and repair what a record needs.

mwparserfromhell turns markup it cannot close into plain text, so an unclosed
``{{Infobox drug`` would hide the whole infobox and an unclosed ``<ref>`` its
citation. :func:`check_markup` scans the raw text with its own bracket stack
and reports every unclosed ``{{``, ``[[``, ``<ref>`` and every stray closer or
unbalanced ``''``/``'''`` by line; :func:`repair` closes an unclosed infobox
where its parameters end and an unclosed ``<ref>`` at the end of its line, so
the page still gives a best-effort record (with the warnings saying so).

>>> [w["message"] for w in check_markup("{{Drugbox\\n| CAS_number = 50-00-0\\n'''X''' is.")]
["line 1: '{{' is never closed: '{{Drugbox'"]
>>> print(repair("{{Drugbox\\n| CAS_number = 50-00-0\\n'''X''' is."))
{{Drugbox
| CAS_number = 50-00-0
}}
'''X''' is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from drugparse.errors import warning
from drugparse.tables.infobox_names import opening_pattern

__all__ = ["Problem", "Scan", "scan", "find_problems", "check_markup", "repair"]

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
_QUOTE_RUN = re.compile(r"'{2,}")
_SNIPPET = 40


class Problem(NamedTuple):
    """One piece of broken markup: what, where (offset and line), and a snippet."""

    kind: str  # "unclosed" or "stray"
    token: str
    offset: int
    line: int
    snippet: str


def _token_kind(token: str) -> str | None:
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


class Scan(NamedTuple):
    """What one pass over a page's brackets found (:func:`scan`).

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


@lru_cache(maxsize=2)  # guards, check_markup and repair ask about the same page
def scan(text: str) -> Scan:
    """One linear pass: broken brackets, nesting, template depth, refs."""
    stack: list[tuple[str, int, int]] = []  # (token, offset, line) of each open bracket
    open_count = dict.fromkeys(_CLOSER, 0)  # how many of each opener are on the stack
    problems: list[tuple[str, str, int]] = []
    deepest = deepest_offset = refs = 0
    line, previous = 1, 0  # line of the current token, counted as we go: linear
    templates: list[tuple[int, int]] = []  # (offset, +1 or -1) of each closed {{...}}
    for match in _TOKENS.finditer(text):
        raw = match.group()
        token = _BRACKETS.get(raw) or _token_kind(raw)
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
    return Scan(located, deepest, deepest_offset, depth, template_offset, refs)


def _deepest_nesting(intervals: list[tuple[int, int]]) -> tuple[int, int]:
    depth = deepest = where = 0
    for offset, step in sorted(intervals):
        depth += step
        if depth > deepest:
            deepest, where = depth, offset
    return deepest, where


def find_problems(text: str) -> tuple[Problem, ...]:
    """Every unclosed opener and stray closer, in source order."""
    return scan(text).problems


def _pop_to(stack: list[tuple[str, int, int]], token: str) -> int:
    """Take the innermost ``token`` off the stack, leaving what was opened after it."""
    for index in range(len(stack) - 1, -1, -1):
        if stack[index][0] == token:
            return stack.pop(index)[1]
    return 0  # pragma: no cover - callers check the token is on the stack


def _located(problems: list[tuple[str, str, int]], text: str) -> tuple[Problem, ...]:
    """Line numbers in one sweep over the page: linear however many problems there are."""
    located, line, previous = [], 1, 0
    for kind, token, offset in problems:
        line += text.count("\n", previous, offset)
        previous = offset
        snippet = text[offset : offset + _SNIPPET].split("\n", 1)[0]
        located.append(Problem(kind, token, offset, line, snippet))
    return tuple(located)


def _quote_problems(text: str) -> list[tuple[int, str]]:
    """Lines whose bold or italic quotes do not pair up (MediaWiki resets them per line)."""
    messages = []
    for number, line in enumerate(re.sub(r"<!--.*?-->", "", text, flags=re.S).split("\n"), 1):
        if "''" not in line or line.lstrip().startswith(("{|", "|", "!")):
            continue
        italic = bold = 0
        for run in _QUOTE_RUN.findall(line):
            size = min(len(run), 5)
            italic += size in (2, 5)
            bold += size in (3, 4, 5)
        if italic % 2 or bold % 2:
            kind = "''" if italic % 2 else "'''"
            message = f"line {number}: {kind} is never closed: {line.strip()[:_SNIPPET]!r}"
            messages.append((number, message))
    return messages


def check_markup(text: str) -> list[dict]:
    """``unbalanced_markup`` warnings for the page, each naming its line."""
    found: list[tuple[int, str]] = []
    for problem in find_problems(text):
        if problem.kind == "unclosed":
            message = f"line {problem.line}: {problem.token!r} is never closed: {problem.snippet!r}"
        else:
            message = f"line {problem.line}: stray {problem.token!r}: {problem.snippet!r}"
        found.append((problem.line, message))
    found.extend(_quote_problems(text))
    found.sort(key=lambda item: item[0])
    return [warning("unbalanced_markup", "page", message) for _, message in found]


_REF_OPENING = re.compile(r"<ref", re.I)
_LEAD_START = re.compile(r"^(?:'''|==|\[\[(?:file|image):)", re.I | re.M)


def repair(text: str) -> str:
    """Close an unclosed drug infobox where its parameters end and unclosed refs at line end."""
    edits: list[tuple[int, str]] = []
    for problem in find_problems(text):
        if problem.kind != "unclosed":
            continue
        if problem.token == "{{" and opening_pattern().match(text, problem.offset):
            end = _LEAD_START.search(text, problem.offset)
            position = end.start() if end else len(text)
            edits.append((position, "}}\n" if end else "\n}}"))
        elif problem.token == "<ref>":
            line_end = text.find("\n", problem.offset)
            next_ref = _REF_OPENING.search(text, problem.offset + 4)
            candidates = [p for p in (line_end, next_ref.start() if next_ref else -1) if p != -1]
            edits.append((min(candidates) if candidates else len(text), "</ref>"))
    if not edits:
        return text
    pieces, previous = [], 0
    for position, insert in sorted(edits):
        pieces += [text[previous:position], insert]
        previous = position
    pieces.append(text[previous:])
    return "".join(pieces)
