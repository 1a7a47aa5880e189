"""Parse stage: wikitext to mwparserfromhell's tree, and names as MediaWiki compares them.

``skip_style_tags=True`` is not optional: without it mwparserfromhell may turn
bold/italic quotes that cross a template into tags and lose the template
(mwparserfromhell issue #40). With it, ``''`` stays in text nodes and the
text renderer removes it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import mwparserfromhell
from mwparserfromhell.nodes import ExternalLink, Heading, Tag, Template, Text, Wikilink
from mwparserfromhell.nodes.extras import Parameter
from mwparserfromhell.wikicode import Wikicode

__all__ = [
    "parse_wikitext",
    "template_name",
    "written_name",
    "tag_name",
    "page_title",
    "param_name",
    "child_templates",
    "templates_and_links",
]

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
_SPACES = re.compile(r"[\s_]+")


def parse_wikitext(text: str) -> Wikicode:
    """``parse_wikitext("{{Drugbox|CAS_number=1}}")`` -> a tree with one Template node."""
    return mwparserfromhell.parse(text, skip_style_tags=True)


def _code_text(code: Wikicode) -> str:
    # Most names are one Text node; str(Wikicode) joins node strings the slow way.
    # (Unpacked, not indexed: SmartList's __getitem__ is Python code, its iterator is not.)
    nodes = code.nodes
    if len(nodes) == 1:
        (node,) = nodes
        if type(node) is Text:
            return node.value
    return str(code)


@lru_cache(maxsize=8192)
def _folded(raw: str) -> str:
    return page_title(raw).lower()


def template_name(template: Template) -> str:
    """A template's name folded for lookups: ``{{ Infobox_Drug <!--x--> |`` -> ``infobox drug``.

    MediaWiki only folds the first letter's case; folding all of it costs
    nothing here (no two templates we read differ only in case) and also
    matches the redirects editors actually use (``{{NoWrap}}``).
    """
    return _folded(_code_text(template.name))


def written_name(template: Template) -> str:
    """A template's name as the page writes it, comments dropped and spaces joined:
    ``{{Infobox_drug <!--x--> |`` -> ``Infobox_drug``."""
    return " ".join(_COMMENT.sub("", _code_text(template.name)).split())


def page_title(raw: str) -> str:
    """A link or template target as MediaWiki names it: ``" a_b "`` -> ``A b``."""
    text = _SPACES.sub(" ", _COMMENT.sub("", raw)).strip()
    if text.startswith(":"):
        text = text[1:].lstrip()
    return text[:1].upper() + text[1:]


def param_name(param: Parameter) -> str:
    """A template parameter's name without comments or surrounding space: ``" CAS_number "``."""
    name = _code_text(param.name)
    if "<!--" in name:
        name = _COMMENT.sub("", name)
    return name.strip()


def tag_name(tag: Tag) -> str:
    """An HTML-like tag's name folded for lookups: ``<REF name=a>`` -> ``ref``."""
    return _code_text(tag.tag).strip().lower()


def child_templates(code: Wikicode) -> list[Template]:
    """The templates directly in ``code`` (not inside other nodes), in order.

    The same as ``code.filter_templates(recursive=False)`` without its generic
    machinery, which costs more than the walk.
    """
    return [node for node in code.nodes if type(node) is Template]


def templates_and_links(code: Wikicode) -> tuple[list[Template], list[Wikilink]]:
    """Every template and wikilink at any depth, in document order, in one walk.

    mwparserfromhell's ``filter_templates(recursive=True)`` walks the tree once per
    call through generic machinery; pages need both lists, so one plain walk is
    several times cheaper.
    """
    templates: list[Template] = []
    links: list[Wikilink] = []
    stack = [iter(code.nodes)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        # isinstance() narrows for mypy and, as no node class derives from another,
        # matches exactly the nodes ``type(node) is ...`` did.
        if isinstance(node, Template):
            templates.append(node)
            stack.extend(iter(p.value.nodes) for p in reversed(node.params))
            stack.append(iter(node.name.nodes))
        elif isinstance(node, Wikilink):
            links.append(node)
            if node.text is not None:
                stack.append(iter(node.text.nodes))
        elif isinstance(node, Tag):
            if node.contents is not None:
                stack.append(iter(node.contents.nodes))
        elif isinstance(node, ExternalLink):
            if node.title is not None:
                stack.append(iter(node.title.nodes))
        elif isinstance(node, Heading):
            stack.append(iter(node.title.nodes))
    return templates, links
