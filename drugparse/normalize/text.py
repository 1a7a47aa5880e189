"""Wikitext to plain text, the way a reader of the rendered page sees it.

``plain_text("un[[glycosylate]]d <!--x--> ''H''&nbsp;form")`` -> ``"unglycosylated H form"``.

Rendering walks mwparserfromhell's tree: comments and ``<ref>`` vanish (refs
are collected elsewhere), links show their label, bold/italic quotes go,
entities are decoded, formatting templates render through the table
:data:`TEMPLATE_RENDERERS`, and templates that only carry metadata
(:data:`SILENT_TEMPLATES`) render to nothing. Any other template renders to
nothing too, but its name is reported so the caller can warn: no silent gap.

List structure survives as item breaks (``<br>``, ``{{ubl}}``, ``*`` lines):
:func:`text_items` returns the items, :func:`plain_text` joins them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from drugparse.wikitext import parse_wikitext, tag_name, template_name

__all__ = [
    "Rendered",
    "render",
    "plain_text",
    "text_items",
    "TEMPLATE_RENDERERS",
    "SILENT_TEMPLATES",
]

#: Marks a list-item boundary inside rendered text; never present in output.
BREAK = "\x1e"

_QUOTES = re.compile(r"'{2,}")
_INTERLANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,8})*:")
_DROPPED_NAMESPACES = ("file:", "image:", "category:", "media:")


class Rendered(NamedTuple):
    """Rendered items plus the names of templates that could not be rendered."""

    items: list[str]
    unrendered: list[str]

    @property
    def text(self) -> str:
        return join_items(self.items)


def render(code: Wikicode | str | object) -> Rendered:
    """Render wikitext (string, tree or node) to list items and unrendered template names."""
    if isinstance(code, str):
        code = parse_wikitext(code)
    out: list[str] = []
    unrendered: list[str] = []
    _render(code, out, unrendered)
    return Rendered(_split_items("".join(out)), unrendered)


def plain_text(code: Wikicode | str | object) -> str:
    """One line of plain text: ``"[[Analog (chemistry)|analogue]]&nbsp;x"`` -> ``"analogue x"``."""
    return render(code).text


def text_items(code: Wikicode | str | object) -> list[str]:
    """Items of a list value: ``"{{ubl|A|B}}"`` -> ``["A", "B"]``; ``"A<br>B"`` likewise."""
    return render(code).items


def join_items(items: list[str]) -> str:
    """Join items as one line; a line ending in a hyphen was a soft break inside a word."""
    text = ""
    for item in items:
        if text and not text.endswith("-"):
            text += " "
        text += item
    return text


def _split_items(raw: str) -> list[str]:
    if "''" in raw:
        raw = _QUOTES.sub("", raw)
    # str.split() breaks on exactly the characters \s matches: runs of them become one space.
    return [" ".join(words) for piece in raw.split(BREAK) if (words := piece.split())]


def _render(code, out: list[str], unrendered: list[str]) -> None:
    nodes = code.nodes if isinstance(code, Wikicode) else [code]
    for node in nodes:
        kind = type(node)
        if kind is Text:
            value = node.value
            out.append(value.replace(BREAK, "") if BREAK in value else value)
        elif kind is Wikilink:
            _render_wikilink(node, out, unrendered)
        elif kind is Template:
            _render_template(node, out, unrendered)
        elif kind is Tag:
            _render_tag(node, out, unrendered)
        elif kind is HTMLEntity:
            out.append(node.normalize())
        elif kind is ExternalLink:
            if node.title is not None and str(node.title).strip():
                _render(node.title, out, unrendered)
            else:
                out.append(str(node.url))
        elif kind is Comment:
            continue
        elif kind is Heading:
            out.append(BREAK)
            _render(node.title, out, unrendered)
            out.append(BREAK)
        elif kind is Argument:
            if node.default is not None:
                _render(node.default, out, unrendered)
        else:  # pragma: no cover - mwparserfromhell has no other node kinds
            out.append(str(node))


def _render_wikilink(link: Wikilink, out: list[str], unrendered: list[str]) -> None:
    target = str(link.title).strip()
    folded = target.lower()
    if folded.startswith(_DROPPED_NAMESPACES) or _INTERLANGUAGE.match(folded):
        return  # images, categories and interlanguage links are not prose
    if link.text is not None:
        _render(link.text, out, unrendered)
    else:
        out.append(target.lstrip(":"))


# Tags whose content a reader does not see as prose (refs are collected elsewhere).
_HIDDEN_TAGS = frozenset({"ref", "references", "gallery", "templatestyles", "score", "graph"})
# Wiki-markup tags that start a new line or list item.
_BREAK_TAGS = frozenset({"br", "li", "dt", "dd", "hr", "p", "tr"})


def _render_tag(tag: Tag, out: list[str], unrendered: list[str]) -> None:
    name = tag_name(tag)
    if name in _HIDDEN_TAGS:
        return
    if name in _BREAK_TAGS:
        out.append(BREAK)
    if tag.contents is not None and not tag.self_closing:
        if name == "nowiki":
            out.append(str(tag.contents))
        else:
            _render(tag.contents, out, unrendered)
    if name in ("td", "th"):
        out.append(" ")


def _render_template(template: Template, out: list[str], unrendered: list[str]) -> None:
    name = template_name(template)
    if name in SILENT_TEMPLATES or name.startswith("#") or _is_verification_template(name):
        return
    renderer = TEMPLATE_RENDERERS.get(name)
    if renderer is None:
        unrendered.append(name)
        return
    renderer(_Args(template, out, unrendered))


def _is_verification_template(name: str) -> bool:
    # CheMoBot markers: {{cascite|correct|CAS}}, {{drugbankcite|...}}, {{fdacite|...}}
    return name.endswith("cite") and " " not in name


class _Args:
    """A template's arguments, rendered on demand into the caller's output."""

    __slots__ = ("template", "out", "unrendered")

    def __init__(self, template: Template, out: list[str], unrendered: list[str]):
        self.template = template
        self.out = out
        self.unrendered = unrendered

    def positional(self) -> list:
        return [p.value for p in self.template.params if not p.showkey]

    def named(self, name: str):
        for param in self.template.params:
            if param.showkey and str(param.name).strip() == name:
                return param.value
        return None

    def emit(self, value) -> None:
        if value is not None:
            _render(value, self.out, self.unrendered)

    def text(self, value) -> str:
        sink: list[str] = []
        if value is not None:
            _render(value, sink, self.unrendered)
        return " ".join("".join(sink).split())


def _first(args: _Args) -> None:
    values = args.positional()
    if values:
        args.emit(values[0])


def _second(args: _Args) -> None:
    values = args.positional()
    if len(values) > 1:
        args.emit(values[1])


def _last(args: _Args) -> None:
    values = args.positional()
    if values:
        args.emit(values[-1])


def _items(args: _Args) -> None:
    """``{{ubl|A|B}}``, and ``{{plainlist|* A\n* B}}`` whose ``*`` lines break by themselves."""
    for value in args.positional():
        args.out.append(BREAK)
        args.emit(value)
    args.out.append(BREAK)


def _concatenated(args: _Args) -> None:
    for value in args.positional():
        args.emit(value)


def _literal(text: str) -> Callable[[_Args], None]:
    def emit(args: _Args) -> None:
        args.out.append(text)

    return emit


_RANGE_WORDS = {"-": "–", "–": "–", "to": " to ", "and": " and ", "or": " or ", "x": " × "}


def _convert(args: _Args) -> None:
    """``{{convert|10|mg}}`` -> ``10 mg``; ``{{convert|1|-|2|h}}`` -> ``1–2 h``."""
    values = [args.text(v) for v in args.positional()]
    if len(values) >= 4 and values[1] in _RANGE_WORDS:
        args.out.append(f"{values[0]}{_RANGE_WORDS[values[1]]}{values[2]} {values[3]}")
    elif len(values) >= 2:
        args.out.append(f"{values[0]} {values[1]}")
    elif values:
        args.out.append(values[0])


def _val(args: _Args) -> None:
    """``{{val|1.5|u=mg}}`` -> ``1.5 mg``."""
    values = [args.text(v) for v in args.positional()]
    unit = args.text(args.named("u") or args.named("ul") or "")
    text = values[0] if values else ""
    if len(values) > 1 and values[1]:
        text += f"±{values[1]}"
    args.out.append(f"{text} {unit}".strip())


def _fraction(args: _Args) -> None:
    """``{{frac|1|2}}`` -> ``1/2``; ``{{frac|1|1|2}}`` -> ``1 1/2``."""
    values = [args.text(v) for v in args.positional()]
    if len(values) == 3:
        args.out.append(f"{values[0]} {values[1]}/{values[2]}")
    elif len(values) == 2:
        args.out.append(f"{values[0]}/{values[1]}")
    elif values:
        args.out.append(f"1/{values[0]}")


_IPAC_KEYWORDS = frozenset({"lang", "pron", "local", "us", "uk", "also", "ipa", "audio"})


def _ipac(args: _Args) -> None:
    """``{{IPAc-en|ˈ|æ|l|f}}`` -> ``/ˈælf/`` (leading qualifiers such as ``US`` dropped)."""
    values = [args.text(v) for v in args.positional()]
    while values and values[0].lower() in _IPAC_KEYWORDS:
        values.pop(0)
    if values:
        args.out.append("/" + "".join(values) + "/")


def _respell(args: _Args) -> None:
    """``{{respell|al|FEW|zoh|sin}}`` -> ``al-FEW-zoh-sin``."""
    values = [args.text(v) for v in args.positional()]
    args.out.append("-".join(v for v in values if v))


def _lang(args: _Args) -> None:
    """``{{lang|fr|texte}}`` -> ``texte``; ``{{lang-fr|texte}}`` -> ``texte``."""
    values = args.positional()
    name = template_name(args.template)
    args.emit(values[0] if name.startswith("lang-") and values else (values[1:2] or [None])[0])


def _chem2(args: _Args) -> None:
    """``{{chem2|CH3COOH}}`` -> ``CH3COOH`` (subscripts read as plain digits)."""
    values = args.positional()
    if values:
        args.out.append(args.text(values[0]).replace("_{", "").replace("^{", "").replace("}", ""))


#: Formatting templates and how each renders. Names are folded like ``template_name``.
#: Sources: English Wikipedia's documentation of each template (2024), trimmed to the text
#: a reader sees.
TEMPLATE_RENDERERS: dict[str, Callable[[_Args], None]] = {
    **dict.fromkeys(
        [
            "nowrap",
            "nobr",
            "no wrap",
            "small",
            "smaller",
            "big",
            "larger",
            "sub",
            "sup",
            "nobold",
            "noitalic",
            "nobreak",
            "abbr",
            "abbrlink",
            "tooltip",
            "vanchor",
            "ipa",
            "ipa-en",
            "ipa-all",
            "lang-en",
            "sic",
            "em",
            "strong",
            "var",
            "code",
            "mono",
            "tt",
            "keypress",
            "smallcaps",
            "sc",
            "angbr",
            "bracket",
            "linktext",
            "wikt-lang",
            "medical citation needed span",
            "nowrap begin",
            "plain link",
            "not a typo",
            "proper name",
            "as written",
            "chem name",
            "font",
            "color",
            "colored text",
            "vert",
            "tq",
            "quote",
            "blockquote",
            "center",
        ],
        _first,
    ),
    **dict.fromkeys(["lang", "transl", "transliteration"], _lang),
    **dict.fromkeys(["resize", "font size", "small caps all", "audio"], _last),
    **dict.fromkeys(["ill", "interlanguage link"], _first),
    **dict.fromkeys(
        [
            "ubl",
            "unbulleted list",
            "ublist",
            "unbulleted",
            "plainlist",
            "plain list",
            "flatlist",
            "flat list",
            "hlist",
            "bulleted list",
            "blist",
            "bulleted",
            "endplainlist",
            "startplainlist",
            "ordered list",
            "olist",
            "cslist",
        ],
        _items,
    ),
    **dict.fromkeys(["chem", "chemf"], _concatenated),
    "chem2": _chem2,
    **dict.fromkeys(["convert", "cvt"], _convert),
    "val": _val,
    **dict.fromkeys(["frac", "sfrac", "fraction"], _fraction),
    "ipac-en": _ipac,
    "ipac-ar": _ipac,
    "respell": _respell,
    "drugs.com": _second,
    "nbsp": _literal(" "),
    "thinsp": _literal(" "),
    "!": _literal("|"),
    "=": _literal("="),
    "·": _literal(" · "),
    "dot": _literal(" · "),
    "middot": _literal("·"),
    "ndash": _literal("–"),
    "snd": _literal(" – "),
    "spaced ndash": _literal(" – "),
    "spaced en dash": _literal(" – "),
    "mdash": _literal("—"),
    "en dash": _literal("–"),
    "em dash": _literal("—"),
    "'": _literal("'"),
    "pm": _literal("±"),
    "plusminus": _literal("±"),
    "+-": _literal("±"),
    "times": _literal("×"),
    "x": _literal("×"),
    "degree": _literal("°"),
    "°": _literal("°"),
    "micro": _literal("µ"),
    "ell": _literal("ℓ"),
    "break": _literal(BREAK),
    "clear": _literal(""),
}

#: Templates that carry metadata, maintenance flags or references, not prose. Sources, by
#: group: inline cleanup tags (Wikipedia:Template index/Cleanup, its inline tags;
#: {{webarchive}}/{{cbignore}} are the archive-link helpers beside citations); footnote
#: and reference templates (Help:Footnotes, Help:Shortened footnotes: rp, r, sfn, efn,
#: refn, reflist...; their citations are collected by extract/references.py); page
#: metadata (Wikipedia:Short description, Template:Use dmy dates and its Use ... English
#: siblings). Names as those pages give them, folded (wikitext.template_name); consulted
#: 2026-11.
SILENT_TEMPLATES = frozenset(
    {
        "citation needed",
        "cn",
        "fact",
        "citation needed span",
        "medical citation needed",
        "better source needed",
        "better source",
        "verify source",
        "failed verification",
        "unreliable medical source",
        "unreliable source?",
        "primary source inline",
        "dead link",
        "cbignore",
        "webarchive",
        "when",
        "by whom",
        "who",
        "which",
        "clarify",
        "update inline",
        "update after",
        "according to whom",
        "vague",
        "dubious",
        "disputed inline",
        "full citation needed",
        "page needed",
        "pages needed",
        "year needed",
        "specify",
        "rp",
        "r",
        "sfn",
        "sfnp",
        "sfnm",
        "harvnb",
        "harv",
        "harvp",
        "efn",
        "efn-ua",
        "efn-lr",
        "refn",
        "notefoot",
        "note",
        "ref label",
        "reflist",
        "references",
        "notelist",
        "notelist-ua",
        "refbegin",
        "refend",
        "short description",
        "use dmy dates",
        "use mdy dates",
        "use american english",
        "use british english",
        "use australian english",
        "use canadian english",
        "use indian english",
        "engvarb",
        "good article",
        "featured article",
        "toc limit",
        "notoc",
        "toc",
        "toc right",
        "italic title",
        "lowercase title",
        "displaytitle",
        "pp",
        "pp-semi",
        "pp-protected",
        "pp-move-indef",
        "pp-semi-indef",
        "pp-vandalism",
        "anchor",
        "void",
        "nbsp;",
        "drug resources",
        "authority control",
        "portal",
        "portal bar",
        "commons category",
        "commons",
        "wiktionary",
        "clear left",
        "clear right",
        "-",
        "sortname",
    }
)
