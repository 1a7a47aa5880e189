"""Namespaces whose links are not prose: one table read by the text renderer and the
article reader.

``[[File:x.png|thumb|A caption]]`` shows an image and ``[[Category:Drugs]]`` files the page:
neither is text a reader sees in the sentence. ``[[Media:x.ogg|label]]`` is different: a plain
link to the file, shown as its label, so it is prose. A
leading colon (``[[:Category:Drugs]]``) makes an ordinary visible link. Source: MediaWiki
manual, Help:Links ("Category links", "File links") and the namespace names of
en.wikipedia's siteinfo (``Image`` is File's old name, still accepted).

>>> is_non_prose_link("Image:Foo.png"), is_non_prose_link(":Category:Drugs")
(True, False)
"""

from __future__ import annotations

__all__ = ["NON_PROSE_NAMESPACES", "is_non_prose_link"]

NON_PROSE_NAMESPACES = frozenset({"file", "image", "category"})


def is_non_prose_link(target: str) -> bool:
    """Whether ``[[target]]`` shows no text in the sentence (an image, a category)."""
    head, colon, _ = target.strip().partition(":")
    return bool(colon) and head.strip().lower() in NON_PROSE_NAMESPACES
