"""``--pages``: the pages a run is limited to, by title or page id.

A list has one entry a line: a title (``Imiglucerase``, ``Infliximab``;
underscores read as spaces; matched as written and with its first letter
upper case, as MediaWiki writes article titles) or a page id (``1714296``).
A line of digits alone is taken as both a page id and a title (``1984`` is
an article), so nothing asked for is missed. Blank lines and lines starting with ``#`` are ignored.

>>> wanted = PageSelection.of(["imiglucerase", "Acetylsalicylic_acid", 42])
>>> wanted.matches("Imiglucerase", 1714296), wanted.matches("Other", 42)
(True, True)
>>> wanted.matches("Acetylsalicylic acid", None), wanted.matches("Aspirin", 7)
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PageSelection", "normal_title"]


def normal_title(title: str) -> str:
    """A title as a dump writes it: spaces for underscores, first letter upper case.

    >>> normal_title(" ibuprofen_lysine ")
    'Ibuprofen lysine'
    """
    title = " ".join(title.replace("_", " ").split())
    return title[:1].upper() + title[1:]


@dataclass(frozen=True)
class PageSelection:
    """Titles and page ids; a page is selected when its title or its id is listed."""

    titles: frozenset[str]
    ids: frozenset[int]

    @classmethod
    def of(cls, entries: Iterable[str | int]) -> PageSelection:
        """From titles (``str``) and page ids (``int``, or a ``str`` of digits)."""
        titles: set[str] = set()
        ids: set[int] = set()
        for entry in entries:
            if isinstance(entry, int):
                ids.add(entry)
                continue
            line = entry.strip()
            if not line or line.startswith("#"):
                continue
            if line.isascii() and line.isdigit():
                ids.add(int(line))
            written = " ".join(line.replace("_", " ").split())
            titles.update((written, normal_title(written)))
        return cls(frozenset(titles), frozenset(ids))

    @classmethod
    def read(cls, path: Path | str) -> PageSelection:
        """A list file (UTF-8, one entry a line)."""
        with open(path, encoding="utf-8-sig") as lines:
            return cls.of(lines)

    def matches(self, title: str | None, page_id: int | None) -> bool:
        return (page_id is not None and page_id in self.ids) or (
            title is not None and title in self.titles
        )

    def __len__(self) -> int:
        return len(self.titles) + len(self.ids)
