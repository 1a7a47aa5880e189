"""Wikitext to plain text, the way a reader of the rendered page sees it.

``plain_text("un[[glycosylate]]d <!--x--> ''H''&nbsp;form")`` -> ``"unglycosylated H form"``.

Rendering walks mwparserfromhell's tree: comments and ``<ref>`` vanish (refs
are collected elsewhere), links show their label, bold/italic quotes go,
entities are decoded, templates render as the registry
:mod:`drugparse.tables.templates` says (each row names one of :data:`RENDERERS`),
and a template outside it renders to nothing but its name is reported so the
caller can warn: no silent gap.

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
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from drugparse.tables.namespaces import is_non_prose_link
from drugparse.tables.templates import (
    ABOVE_LEAD,
    LANGUAGE_NAMES,
    ROWS_BY_NAME,
    Row,
    is_magic_word,
    is_verification_template,
    shape_of,
)
from drugparse.wikitext import parse_wikitext, tag_name, template_name

__all__ = ["Rendered", "render", "plain_text", "text_items", "join_items", "RENDERERS"]

#: Marks a list-item boundary inside rendered text; never present in output.
BREAK = "\x1e"

_QUOTES = re.compile(r"'{2,}")
_INTERLANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,8})*:")


class Rendered(NamedTuple):
    """Rendered items plus the names of templates that could not be rendered."""

    items: list[str]
    unrendered: list[str]

    @property
    def text(self) -> str:
        return join_items(self.items)


def render(code: Wikicode | Node | str) -> Rendered:
    """Render wikitext (string, tree or node) to list items and unrendered template names."""
    if isinstance(code, str):
        code = parse_wikitext(code)
    out: list[str] = []
    unrendered: list[str] = []
    _render(code, out, unrendered)
    return Rendered(_split_items("".join(out)), unrendered)


def plain_text(code: Wikicode | Node | str) -> str:
    """One line of plain text: ``"[[Analog (chemistry)|analogue]]&nbsp;x"`` -> ``"analogue x"``."""
    return render(code).text


def text_items(code: Wikicode | Node | str) -> list[str]:
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


def _render(code: Wikicode | Node, out: list[str], unrendered: list[str]) -> None:
    nodes = code.nodes if isinstance(code, Wikicode) else [code]
    for node in nodes:
        # isinstance() narrows for mypy and, as no node class derives from another,
        # matches exactly the nodes ``type(node) is ...`` did.
        if isinstance(node, Text):
            value = node.value
            out.append(value.replace(BREAK, "") if BREAK in value else value)
        elif isinstance(node, Wikilink):
            _render_wikilink(node, out, unrendered)
        elif isinstance(node, Template):
            _render_template(node, out, unrendered)
        elif isinstance(node, Tag):
            _render_tag(node, out, unrendered)
        elif isinstance(node, HTMLEntity):
            out.append(node.normalize())
        elif isinstance(node, ExternalLink):
            if node.title is not None and str(node.title).strip():
                _render(node.title, out, unrendered)
            else:
                out.append(str(node.url))
        elif isinstance(node, Comment):
            continue
        elif isinstance(node, Heading):
            out.append(BREAK)
            _render(node.title, out, unrendered)
            out.append(BREAK)
        elif isinstance(node, Argument):
            if node.default is not None:
                _render(node.default, out, unrendered)
        else:  # pragma: no cover - mwparserfromhell has no other node kinds
            out.append(str(node))


def _render_wikilink(link: Wikilink, out: list[str], unrendered: list[str]) -> None:
    target = str(link.title).strip()
    if is_non_prose_link(target) or _INTERLANGUAGE.match(target.lower()):
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
    row = ROWS_BY_NAME.get(name)
    if row is not None:
        renderer, argument = row.renderer, row.argument
    elif is_magic_word(name) or is_verification_template(name) or name in ABOVE_LEAD:
        return  # {{DEFAULTSORT:x}}; CheMoBot's {{cascite|correct|CAS}}; {{main|X}} is no prose
    elif (shape := shape_of(name)) is not None:
        renderer, argument = shape
    else:
        unrendered.append(name)
        return
    RENDERERS[renderer](_Args(template, out, unrendered, argument))


class _Args:
    """A template's arguments, rendered on demand into the caller's output."""

    __slots__ = ("template", "out", "unrendered", "argument")

    def __init__(self, template: Template, out: list[str], unrendered: list[str], argument: str):
        self.template = template
        self.out = out
        self.unrendered = unrendered
        self.argument = argument  # the registry row's argument, or the code a shape captured

    def positional(self) -> list[Wikicode | None]:
        """Positional parameters numbered as MediaWiki numbers them: ``{{x|a|2=b}}`` ->
        ``[a, b]``; an explicit ``1=`` takes the first place; a gap is None."""
        numbered: dict[int, Wikicode] = {}
        count = 0
        for param in self.template.params:
            if not param.showkey:
                count += 1
                numbered[count] = param.value
            else:
                key = str(param.name).strip()
                if key.isdigit() and int(key) > 0:
                    numbered[int(key)] = param.value
        if not numbered:
            return []
        return [numbered.get(i) for i in range(1, max(numbered) + 1)]

    def texts(self) -> list[str]:
        return [self.text(value) for value in self.positional()]

    def named(self, name: str) -> Wikicode | None:
        for param in self.template.params:
            if param.showkey and str(param.name).strip() == name:
                return param.value
        return None

    def flag(self, name: str) -> bool:
        """``|lc=y`` (any non-blank value but ``no``/``n``/``false``) -> True."""
        value = self.named(name)
        text = str(value).strip().lower() if value is not None else ""
        return text not in ("", "no", "n", "false", "0", "off")

    def emit(self, value: Wikicode | None) -> None:
        if value is not None:
            _render(value, self.out, self.unrendered)

    def text(self, value: Wikicode | None) -> str:
        sink: list[str] = []
        if value is not None:
            _render(value, sink, self.unrendered)
        return " ".join("".join(sink).replace(BREAK, " ").split())


def _nth(index: int) -> Callable[[_Args], None]:
    def emit(args: _Args) -> None:
        values = args.positional()
        if len(values) > index:
            args.emit(values[index])

    return emit


def _last(args: _Args) -> None:
    values = [v for v in args.positional() if v is not None]
    if values:
        args.emit(values[-1])


def _named_or_first(name: str) -> Callable[[_Args], None]:
    """``named:text``: ``{{Citation needed span|text=X}}`` or ``{{...|X}}`` -> ``X``."""

    def emit(args: _Args) -> None:
        value = args.named(name)
        if value is None or not str(value).strip():
            values = args.positional()
            value = values[0] if values else None
        args.emit(value)

    return emit


def _items(args: _Args) -> None:
    """``{{ubl|A|B}}``, and ``{{plainlist|* A\n* B}}`` whose ``*`` lines break by themselves."""
    for value in args.positional():
        args.out.append(BREAK)
        args.emit(value)
    args.out.append(BREAK)


def _concatenated(args: _Args) -> None:
    for value in args.positional():
        args.emit(value)


def _literal(args: _Args) -> None:
    args.out.append(args.argument)


def _break(args: _Args) -> None:
    args.out.append(BREAK)


def _nothing(args: _Args) -> None:
    return None


def _small_caps(args: _Args) -> None:
    """``{{sm|d}}`` -> ``D``: small capitals are capital letters drawn small; plain text
    has no small size, and the capital carries the meaning (D-glucose, not the
    dextrorotatory d-glucose; AD, LORD)."""
    args.out.append("".join(args.texts()).upper())


_RANGE_WORDS = {"-": "–", "–": "–", "to": " to ", "and": " and ", "or": " or ", "x": " × "}


def _convert(args: _Args) -> None:
    """``{{convert|10|mg}}`` -> ``10 mg``; ``{{convert|1|-|2|h}}`` -> ``1–2 h``."""
    values = args.texts()
    if len(values) >= 4 and values[1] in _RANGE_WORDS:
        args.out.append(f"{values[0]}{_RANGE_WORDS[values[1]]}{values[2]} {values[3]}")
    elif len(values) >= 2:
        args.out.append(f"{values[0]} {values[1]}")
    elif values:
        args.out.append(values[0])


def _val(args: _Args) -> None:
    """``{{val|1.5|u=mg}}`` -> ``1.5 mg``."""
    values = args.texts()
    unit = args.text(args.named("u") or args.named("ul"))
    text = values[0] if values else ""
    if len(values) > 1 and values[1]:
        text += f"±{values[1]}"
    args.out.append(f"{text} {unit}".strip())


def _fraction(args: _Args) -> None:
    """``{{frac|1|2}}`` -> ``1/2``; ``{{frac|1|1|2}}`` -> ``1 1/2``."""
    values = args.texts()
    if len(values) == 3:
        args.out.append(f"{values[0]} {values[1]}/{values[2]}")
    elif len(values) == 2:
        args.out.append(f"{values[0]}/{values[1]}")
    elif values:
        args.out.append(f"1/{values[0]}")


def _chemical_formula(args: _Args) -> None:
    """``{{chem2|CH3COOH}}``, ``{{chem|H|2|O}}`` -> ``CH3COOH``, ``H2O``."""
    text = "".join(args.texts())
    args.out.append(text.replace("_{", "").replace("^{", "").replace("}", ""))


_IPAC_KEYWORDS = frozenset({"lang", "pron", "local", "us", "uk", "also", "ipa", "audio"})


def _ipac(args: _Args) -> None:
    """``{{IPAc-en|ˈ|æ|l|f}}`` -> ``/ˈælf/`` (leading qualifiers such as ``US`` dropped);
    ``_`` is the space between words: ``{{IPAc-en|ˈ|aɪ|n|_|ˈ|r|æ|n|d}}`` -> ``/ˈaɪn ˈrænd/``."""
    values = [value.replace("_", " ") for value in args.texts()]
    while values and values[0].lower() in _IPAC_KEYWORDS:
        values.pop(0)
    if values:
        args.out.append("/" + "".join(values) + "/")


def _ipa_language(args: _Args) -> None:
    """``{{IPA-de|ˈʃtʁaːsə}}`` -> ``German pronunciation: [ˈʃtʁaːsə]``; 2=``lang`` gives
    ``German: [...]``, a blank 2= the brackets alone."""
    values = args.positional()
    if not values:
        return
    ipa = args.text(values[0])
    label = args.text(values[1]).lower() if len(values) > 1 else "pron"
    language = LANGUAGE_NAMES.get(args.argument)
    if language and label == "pron":
        args.out.append(f"{language} pronunciation: ")
    elif language and label == "lang":
        args.out.append(f"{language}: ")
    args.out.append(f"[{ipa}]")


def _respell(args: _Args) -> None:
    """``{{respell|al|FEW|zoh|sin}}`` -> ``al-FEW-zoh-sin``."""
    args.out.append("-".join(v for v in args.texts() if v))


def _lang(args: _Args) -> None:
    """``{{lang|fr|texte}}`` -> ``texte`` (also ``{{lang|code=fr|text=texte}}``)."""
    values = args.positional()
    args.emit(args.named("text") or (values[1] if len(values) > 1 else None))


def _langx(args: _Args) -> None:
    """``{{langx|la|herba}}`` / ``{{lang-la|herba}}`` -> ``Latin: herba``; ``label=none``
    -> ``herba``; ``lit=grass`` adds ``, lit. 'grass'``. A code without a known name
    shows the text alone."""
    values = args.positional()
    if args.argument:  # {{lang-la|text}}: the code is in the name
        code, text = args.argument, values[0] if values else None
    else:
        code = args.text(args.named("code") or (values[0] if values else None)).lower()
        text = args.named("text") or (values[1] if len(values) > 1 else None)
    label = args.text(args.named("label"))
    if label.lower() != "none":
        label = label or LANGUAGE_NAMES.get(code, "")
        if label:
            args.out.append(f"{label}: ")
    args.emit(text)
    literal = args.text(args.named("lit"))
    if literal:
        args.out.append(f", lit. '{literal}'")


def _in_language(args: _Args) -> None:
    """``{{fr icon}}`` -> ``(in French)``."""
    language = LANGUAGE_NAMES.get(args.argument)
    if language:
        args.out.append(f"(in {language})")
    else:
        args.unrendered.append(template_name(args.template))


def _nihongo(args: _Args) -> None:
    """``{{nihongo|Tokyo Tower|東京タワー|Tōkyō tawā}}`` ->
    ``Tokyo Tower (東京タワー, Tōkyō tawā)``."""
    values = args.texts()
    english = values[0] if values else ""
    rest = ", ".join(v for v in values[1:3] if v)
    args.out.append(f"{english} ({rest})" if english and rest else english or rest)


def _gloss(args: _Args) -> None:
    """``{{gloss|grass}}`` -> ``'grass'``."""
    values = args.texts()
    if values:
        args.out.append(f"'{values[0]}'")


def _literally(args: _Args) -> None:
    """``{{literally|grass}}`` -> ``lit. 'grass'``; ``{{lit|a|b}}`` -> ``lit. 'a' or 'b'``."""
    values = [v for v in args.texts() if v]
    if values:
        args.out.append("lit. " + " or ".join(f"'{v}'" for v in values))


def _sic(args: _Args) -> None:
    """``{{sic|teh}}`` -> ``teh [sic]``; ``{{sic}}`` -> ``[sic]``; ``hide=y``: ``teh``."""
    text = "".join(args.texts())
    if args.flag("hide"):
        args.out.append(text)
    else:
        args.out.append(f"{text} [sic]" if text else "[sic]")


def _sortname(args: _Args) -> None:
    """``{{sortname|John|Smith}}`` -> ``John Smith``."""
    values = args.texts()
    args.out.append(" ".join(v for v in values[:2] if v))


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def _month(text: str) -> str:
    if text.isdigit() and 1 <= int(text) <= 12:
        return _MONTHS[int(text) - 1]
    for month in _MONTHS:
        if len(text) >= 3 and month.lower().startswith(text.lower()):
            return month
    return text


def _as_of(args: _Args) -> None:
    """``{{As of|2021|7|5}}`` -> ``As of 5 July 2021``; ``df=US``: ``July 5, 2021``;
    ``lc=y``: ``as of``; ``since=y``: ``Since``; ``alt=`` replaces the whole text;
    ``bare=y``: the date alone."""
    alt = args.text(args.named("alt"))
    if alt:
        args.out.append(alt)
        return
    values = [v for v in args.texts() if v]
    year = values[0] if values else ""
    month = _month(values[1]) if len(values) > 1 else ""
    day = str(int(values[2])) if len(values) > 2 and values[2].isdigit() else ""
    if day and args.text(args.named("df")).lower() in ("us", "mdy"):
        date = f"{month} {day}, {year}"
    else:
        date = " ".join(v for v in (day, month, year) if v)
    if args.flag("bare"):
        args.out.append(date)
        return
    words = "Since" if args.flag("since") else "As of"
    if args.flag("lc"):
        words = words.lower()
    args.out.append(f"{words} {date}".strip())


def _date_parts(values: list[str]) -> tuple[int, int, int] | None:
    if len(values) < 3 or not all(v.isdigit() for v in values[:3]):
        return None
    year, month, day = (int(v) for v in values[:3])
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _date_text(parts: tuple[int, int, int], day_first: bool) -> str:
    year, month, day = parts
    return (
        f"{day} {_MONTHS[month - 1]} {year}" if day_first else f"{_MONTHS[month - 1]} {day}, {year}"
    )


def _date(args: _Args) -> None:
    """``{{birth date|1990|1|2}}`` -> ``January 2, 1990``; ``df=y``: ``2 January 1990``."""
    values = [v for v in args.texts() if v]
    parts = _date_parts(values)
    if parts is None:  # {{start date|2010}}, {{start date|2010|5}}
        if values and values[0].isdigit():
            month = _month(values[1]) + " " if len(values) > 1 else ""
            args.out.append(month + values[0])
        else:
            args.unrendered.append(template_name(args.template))
        return
    args.out.append(_date_text(parts, args.flag("df")))


def _death_date_and_age(args: _Args) -> None:
    """``{{death date and age|2000|1|2|1930|5|6}}`` -> ``January 2, 2000 (aged 69)``."""
    values = [v for v in args.texts() if v]
    death, birth = _date_parts(values[:3]), _date_parts(values[3:6])
    if death is None or birth is None:
        args.unrendered.append(template_name(args.template))
        return
    age = death[0] - birth[0] - ((death[1], death[2]) < (birth[1], birth[2]))
    args.out.append(f"{_date_text(death, args.flag('df'))} (aged {age})")


def _old_style_date(args: _Args) -> None:
    """``{{OldStyleDate|February 2|1905|January 20}}`` -> ``February 2 [O.S. January 20] 1905``."""
    values = args.texts() + ["", "", ""]
    date, year, old = values[:3]
    old_style = f" [O.S. {old}]" if old else ""
    args.out.append(f"{date}{old_style} {year}".strip())


def _in_languages(args: _Args) -> None:
    """``{{in lang|fr}}`` -> ``(in French)``; ``{{in lang|fr|de}}`` ->
    ``(in French and German)``."""
    names = [LANGUAGE_NAMES.get(code.lower()) for code in args.texts() if code]
    if not names or None in names:
        args.unrendered.append(template_name(args.template))
        return
    known = [name for name in names if name]
    text = known[0] if len(known) == 1 else ", ".join(known[:-1]) + " and " + known[-1]
    args.out.append(f"(in {text})")


def _icd10(args: _Args) -> None:
    """``{{ICD10|A|00|0}}`` -> ``A00.0``; ``{{ICD10|I|10}}`` -> ``I10``."""
    values = args.texts()
    code = "".join(values[:2])
    if len(values) > 2 and values[2]:
        code += "." + values[2]
    args.out.append(code)


def _atc(args: _Args) -> None:
    """``{{ATC|J07|BD01}}`` -> ``J07BD01``; ``{{ATCvet|J01|CA04}}`` -> ``QJ01CA04``."""
    code = "".join(v for v in args.texts()[:2] if v).replace(" ", "")
    if code:
        args.out.append(code if code.startswith(args.argument) else args.argument + code)


def _circa(args: _Args) -> None:
    """``{{circa|1900}}`` -> ``c. 1900``; ``{{circa|1900|1910}}`` -> ``c. 1900 – c. 1910``."""
    values = [v for v in args.texts() if v]
    args.out.append(" – ".join(f"c. {v}" for v in values) if values else "c.")


def _url(args: _Args) -> None:
    """``{{URL|https://www.example.org/}}`` -> ``www.example.org``; 2= is the label."""
    values = args.texts()
    if len(values) > 1 and values[1]:
        args.out.append(values[1])
    elif values:
        args.out.append(re.sub(r"^(?:https?:)?//", "", values[0]).rstrip("/"))


def _identifier(args: _Args) -> None:
    """``{{ISBN|978-3-946057-10-9}}`` -> ``ISBN 978-3-946057-10-9``; ``{{doi|10.1/x}}`` ->
    ``doi:10.1/x``. Several values (``{{ISBN|a|b}}``) are joined with ``, ``."""
    values = [v for v in args.texts() if v]
    if values:
        args.out.append(", ".join(args.argument + v for v in values))


def _currency(args: _Args) -> None:
    """``{{US$|5}}`` -> ``US$5``; ``{{US$|5|2010}}`` (a year for inflation) -> ``US$5``."""
    values = args.texts()
    args.out.append(args.argument + (values[0] if values else ""))


_INR_SCALES = {"l": "lakh", "c": "crore", "m": "million", "b": "billion"}


def _inr_convert(args: _Args) -> None:
    """``{{INRConvert|5|c}}`` -> ``₹5 crore`` (the US$ conversion is not computed)."""
    values = args.texts()
    if not values:
        return
    scale = _INR_SCALES.get(values[1].lower(), "") if len(values) > 1 else ""
    args.out.append(f"₹{values[0]} {scale}".strip())


#: Link text of Template:Drugs.com for its first parameter.
_DRUGS_COM_LABELS = {
    "monograph": "Monograph",
    "cons": "Consumer Drug Information",
    "cdi": "Multum Consumer Information",
    "mtm": "Micromedex Detailed Consumer Information",
    "ppa": "FDA Professional Drug Information",
    "international": "International Drug Names",
    "pro": "Professional Drug Facts",
}


def _drugs_com(args: _Args) -> None:
    """``{{drugs.com|monograph|imiglucerase}}`` -> ``Monograph``."""
    values = args.texts()
    label = _DRUGS_COM_LABELS.get(values[0].lower()) if values else None
    if label is None:
        args.unrendered.append(template_name(args.template))
    else:
        args.out.append(label)


#: Renderer name (the ``renderer`` column of the registry) -> function.
RENDERERS: dict[str, Callable[[_Args], None]] = {
    "first": _nth(0),
    "second": _nth(1),
    "last": _last,
    "named:text": _named_or_first("text"),
    "named:lt": _named_or_first("lt"),
    "all": _concatenated,
    "items": _items,
    "literal": _literal,
    "break": _break,
    "nothing": _nothing,
    "reference": _nothing,
    "small caps": _small_caps,
    "lang": _lang,
    "langx": _langx,
    "in language": _in_language,
    "nihongo": _nihongo,
    "gloss": _gloss,
    "literally": _literally,
    "sic": _sic,
    "sortname": _sortname,
    "as of": _as_of,
    "circa": _circa,
    "atc": _atc,
    "icd10": _icd10,
    "date": _date,
    "death date and age": _death_date_and_age,
    "in languages": _in_languages,
    "old style date": _old_style_date,
    "url": _url,
    "identifier": _identifier,
    "currency": _currency,
    "inr convert": _inr_convert,
    "convert": _convert,
    "val": _val,
    "fraction": _fraction,
    "chemical formula": _chemical_formula,
    "ipac": _ipac,
    "ipa lang": _ipa_language,
    "respell": _respell,
    "drugs.com": _drugs_com,
}


def _check_registry(rows: dict[str, Row]) -> None:
    missing = {row.renderer for row in rows.values()} - RENDERERS.keys()
    if missing:  # pragma: no cover - a typo in the registry
        raise ValueError(f"registry names unknown renderers: {sorted(missing)}")


_check_registry(ROWS_BY_NAME)
