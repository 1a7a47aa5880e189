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

from drugparse.contract import WarningEntry
from drugparse.errors import warning
from drugparse.guards.brackets import SNIPPET_CHARS, find_problems
from drugparse.tables.infobox_names import opening_pattern

__all__ = ["check_markup", "repair"]

_QUOTE_RUN = re.compile(r"'{2,}")


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
            quotes = "''" if italic % 2 else "'''"
            message = f"line {number}: {quotes} is never closed: {line.strip()[:SNIPPET_CHARS]!r}"
            messages.append((number, message))
    return messages


def check_markup(text: str) -> list[WarningEntry]:
    """``unbalanced_markup`` warnings for the page, each naming its line."""
    found: list[tuple[int, str]] = []
    for problem in find_problems(text):
        if problem.fault == "unclosed":
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
        if problem.fault != "unclosed":
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
