"""The guard stage (being split: see the next commit)."""

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
