"""The guard stage: what happens to a page's raw text before mwparserfromhell sees it.

- :mod:`~drugparse.guards.brackets`: one linear scan of ``{{``, ``[[``, ``<ref>``;
- :mod:`~drugparse.guards.limits`: :func:`guard_page` refuses pages past limits no
  article reaches, and replaces NUL and lone surrogates;
- :mod:`~drugparse.guards.markup`: :func:`check_markup` (``unbalanced_markup``
  warnings) and :func:`repair` (close an unclosed infobox or ``<ref>``).
"""

from drugparse.guards.limits import (
    MAX_NESTING,
    MAX_PAGE_CHARS,
    MAX_REFS,
    MAX_TEMPLATE_DEPTH,
    MAX_UNBALANCED,
    guard_page,
)
from drugparse.guards.markup import check_markup, repair

__all__ = [
    "MAX_NESTING",
    "MAX_PAGE_CHARS",
    "MAX_REFS",
    "MAX_TEMPLATE_DEPTH",
    "MAX_UNBALANCED",
    "check_markup",
    "guard_page",
    "repair",
]
