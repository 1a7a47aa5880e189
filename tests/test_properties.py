"""Properties: whatever the wikitext, ``parse`` gives a valid record or a clear error, fast.

Two sources of pages. Random wikitext from a small grammar of the markup drug
articles use (templates, parameters, refs, links, comments, tags, headings,
tables, entities) mixed with stray and broken markup. And mutations of every
real article (``fixtures/`` and ``../shared/corpus/``): cut at a random point,
markup characters deleted or doubled, infobox parameters shuffled.

For each page ``parse`` returns a record that validates (and whose YAML reads
back as its JSON) or raises ``NoInfoboxError``/``ParseError`` with a message,
in under the default ``--page-timeout``; nothing else, ever. Unmutated
articles lose no citation, parameter or category, and shuffling the infobox's
parameters changes nothing in the record. Sizes: see tests/hypothesis_profiles.py.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import drugparse
from drugparse import write
from drugparse.batch import DEFAULT_PAGE_TIMEOUT
from drugparse.extract.infobox import INFOBOX_KINDS, find_infobox
from drugparse.guards import repair
from drugparse.normalise.values import text as value_text
from drugparse.wikitext import parse_wikitext

from .conftest import FIXTURES, corpus_files
from .hypothesis_profiles import PROFILE

ARTICLES = {p.stem: p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.wiki"))}
ARTICLES.update({f"corpus/{p.stem}": p.read_text("utf-8") for p in corpus_files()})

#: Pages fuzzed in this run, by test (for the README's Reliability counts).
PAGES_FUZZED: dict[str, int] = {}


def check(wikitext: str, counter: str) -> str:
    """The property itself; returns ``record``, ``no_infobox`` or ``parse_error``."""
    PAGES_FUZZED[counter] = PAGES_FUZZED.get(counter, 0) + 1
    started = time.process_time()  # CPU time: a loaded CI machine does not make it flaky
    try:
        record = drugparse.parse(wikitext, "Fuzzed")
    except (drugparse.NoInfoboxError, drugparse.ParseError) as error:
        assert str(error).strip() and error.code in ("no_infobox", "parse_error")
        return error.code
    finally:
        assert time.process_time() - started < DEFAULT_PAGE_TIMEOUT
    drugparse.validate(record)
    as_json = write.dumps(record, "json")
    assert json.loads(as_json) == record
    assert write.loads(write.dumps(record, "yaml")) == record
    return "record"


# --- a grammar of wikitext -------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "aspirin",
        "mg",
        "Gaucher's",
        "50-00-0",
        "A16AB02",
        "C12H22O11",
        "1e3",
        "no",
        "on",
        "12:30",
        "μg/mL",
        "–",
        "½",
        "x",
        "",
        " ",
        "é",
        "\t",
        "0x1F",
        "null",
        "~",
        "#",
        ":",
    ]
)
_PLAIN = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), max_codepoint=0x2FFF), max_size=12
)
_STRAY = st.sampled_from(
    [
        "{{",
        "}}",
        "[[",
        "]]",
        "{",
        "}",
        "[",
        "]",
        "|",
        "=",
        "<",
        ">",
        "<ref>",
        "</ref>",
        "<ref name=a/>",
        "<!--",
        "-->",
        "{|",
        "|}",
        "|-",
        "''",
        "'''",
        "&",
        "&amp;",
        "&#x0;",
        "&#xD800;",
        "&#1114112;",
        "&nbsp;",
        "~~~~",
        "__NOTOC__",
        "{{{1}}}",
        "<nowiki>",
        "</nowiki>",
        "<br/>",
        "<pre>",
        "\n",
        "\r\n",
        "\r",
        "\x00",
        "\x1b",
        "\u2028",
        "\ufeff",
        "[http://",
        "https://e.org",
        "{{#if:",
        "<math>",
        "</math>",
        "==",
        "*",
        "#",
        ";",
    ]
)
_NAMES = st.sampled_from(
    [
        "drug_name",
        "CAS_number",
        "ATC_prefix",
        "ATC_suffix",
        "trade_name",
        "Drugs.com",
        "routes_of_administration",
        "elimination_half-life",
        "C",
        "H",
        "N",
        "O",
        "molecular_weight",
        "legal_US",
        "class",
        "pregnancy_AU",
        "PubChem",
        "DrugBank",
        "ChEMBL",
        "UNII",
        "KEGG",
        "smiles",
        "StdInChIKey",
        "image",
        "width",
        "1",
        "2",
        "unknown thing",
        "",
        " CAS_number ",
        "cas number",
    ]
)
_TEMPLATE_NAMES = st.sampled_from(
    [
        "cite journal",
        "cite web",
        "cite book",
        "ubl",
        "plainlist",
        "nowrap",
        "convert",
        "abbr",
        "Infobox drug",
        "Drugbox",
        "Chembox",
        "reflist",
        "rp",
        "sfn",
        "efn",
        "lang",
        "CAS",
        "ATC",
        "#invoke:x",
        "",
        "x|y",
    ]
)


def _fragment() -> st.SearchStrategy[str]:
    leaf = st.one_of(_WORDS, _PLAIN, _STRAY)

    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        joined = st.lists(inner, max_size=4).map("".join)
        param = st.one_of(
            st.tuples(_NAMES, joined).map(lambda p: f"|{p[0]}={p[1]}"),
            joined.map(lambda v: f"|{v}"),
        )
        return st.one_of(
            st.tuples(_TEMPLATE_NAMES, st.lists(param, max_size=4).map("".join)).map(
                lambda t: "{{" + t[0] + t[1] + "}}"
            ),
            joined.map(lambda v: f"<ref>{v}</ref>"),
            st.tuples(_WORDS, joined).map(lambda r: f'<ref name="{r[0]}">{r[1]}</ref>'),
            _WORDS.map(lambda n: f"<ref name={n} />"),
            st.tuples(_WORDS, joined).map(lambda link: f"[[{link[0]}|{link[1]}]]"),
            _WORDS.map(lambda w: f"[[Category:{w}]]"),
            joined.map(lambda v: f"[https://example.org/{len(v)} {v}]"),
            joined.map(lambda v: f"<!--{v}-->"),
            st.tuples(
                st.sampled_from(["b", "small", "sup", "span", "nowiki", "div", "li"]), joined
            ).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>"),
            joined.map(lambda v: f"\n== {v} ==\n"),
            joined.map(lambda v: "\n{|\n|-\n| " + v + "\n|}\n"),
            joined.map(lambda v: f"'''{v}'''"),
            joined,
        )

    return st.recursive(leaf, extend, max_leaves=25)


FRAGMENT = _fragment()


@st.composite
def wikitext_pages(draw) -> str:
    """A page: maybe an infobox of random parameters, then a body of random fragments."""
    parts = []
    if draw(st.booleans()):
        name = draw(st.sampled_from(["Infobox drug", "Drugbox", "drugbox", "Infobox_drug"]))
        params = draw(st.lists(st.tuples(_NAMES, FRAGMENT), max_size=8))
        closing = draw(st.sampled_from(["}}", "}}", "}}", "", "}", "}}}"]))
        body = "".join(f"\n| {n} = {v}" for n, v in params)
        parts.append("{{" + name + body + "\n" + closing + "\n")
    parts += draw(st.lists(FRAGMENT, max_size=8))
    return "".join(parts)


@PROFILE
@given(wikitext_pages())
def test_random_wikitext_gives_a_record_or_a_clear_error(page):
    check(page, "grammar")


@PROFILE
@given(st.lists(st.one_of(_STRAY, _WORDS), max_size=60).map("".join))
def test_stray_markup_soup_gives_a_record_or_a_clear_error(page):
    check("{{Infobox drug\n| drug_name = X\n| CAS_number = 50-00-0\n}}\n" + page, "soup")


# --- mutations of the real articles ---------------------------------------------------------

_MARKUP_CHARS = re.compile(r"[{}\[\]|=<]")
ARTICLE_NAMES = sorted(ARTICLES)


@PROFILE
@given(st.sampled_from(ARTICLE_NAMES), st.data())
def test_truncated_article(name, data):
    article = ARTICLES[name]
    cut = data.draw(st.integers(0, len(article)), label="cut")
    check(article[:cut], "truncated")


@PROFILE
@given(st.sampled_from(ARTICLE_NAMES), st.data())
def test_markup_characters_deleted_or_doubled(name, data):
    article = ARTICLES[name]
    positions = [m.start() for m in _MARKUP_CHARS.finditer(article)]
    chosen = data.draw(
        st.lists(st.sampled_from(positions), min_size=1, max_size=12, unique=True), label="at"
    )
    edits = data.draw(
        st.lists(st.sampled_from(["delete", "double"]), min_size=len(chosen), max_size=len(chosen)),
        label="edits",
    )
    text = article
    for position, edit in sorted(zip(chosen, edits, strict=True), reverse=True):
        char = text[position]
        text = text[:position] + ("" if edit == "delete" else char * 2) + text[position + 1 :]
    check(text, "mutated")


def _parameter_lines(article: str) -> tuple[int, int] | None:
    """The line span of the infobox's ``| name = value`` lines, each one parameter."""
    lines = article.split("\n")
    start = next(
        (
            n
            for n, line in enumerate(lines)
            if re.match(r"\s*\{\{\s*(infobox[ _]drug|drugbox|chembox)", line, re.I)
        ),
        None,
    )
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and re.match(r"\s*\|\s*[^=|]+=", lines[end]) and "{{" not in lines[end]:
        end += 1
    return (start + 1, end) if end - start > 2 else None


def _shuffled(article: str, order: list[int]) -> str:
    lines = article.split("\n")
    start, end = _parameter_lines(article)
    block = lines[start:end]
    lines[start:end] = [block[i] for i in order]
    return "\n".join(lines)


def _comparable(record: dict) -> dict:
    """A record without the order that parameters give: citations by id, warnings sorted."""
    record = json.loads(json.dumps(record))
    record["citations"] = sorted(record.get("citations", []), key=lambda c: c["id"])
    record["warnings"] = sorted(record.get("warnings", []), key=json.dumps)
    return record


SHUFFLABLE = [name for name in ARTICLE_NAMES if _parameter_lines(ARTICLES[name])]


@PROFILE
@given(st.sampled_from(SHUFFLABLE), st.data())
def test_shuffled_parameters_change_nothing(name, data):
    article = ARTICLES[name]
    start, end = _parameter_lines(article)
    order = data.draw(st.permutations(range(end - start)), label="order")
    shuffled = _shuffled(article, order)
    outcome = check(shuffled, "shuffled")
    original = drugparse.parse(article, "Fuzzed")
    assert outcome == "record"
    names = [re.match(r"\s*\|\s*([^=]+?)\s*=", line)[1] for line in article.split("\n")[start:end]]
    if len(set(names)) == len(names):  # with duplicates, the last one written wins
        record = drugparse.parse(shuffled, "Fuzzed")
        assert _comparable(record) == _comparable(original)


# --- unmutated articles: nothing lost ----------------------------------------------------


def test_there_are_articles_to_mutate():
    assert len(ARTICLES) >= 6 and len(SHUFFLABLE) >= 4


_HIDDEN = re.compile(r"<!--.*?(?:-->|\Z)|<nowiki>.*?</nowiki>", re.S | re.I)


@pytest.mark.parametrize("name", ARTICLE_NAMES)
def test_unmutated_article_loses_no_citation_parameter_or_category(name):
    article = ARTICLES[name]
    record = drugparse.parse(article, "Fuzzed")
    visible = _HIDDEN.sub("", article)
    categories = re.findall(r"\[\[\s*Category\s*:\s*([^|\]]+)", visible)
    assert record.get("categories", []) == [c.strip() for c in dict.fromkeys(categories)]
    # one citation per named ref and per unnamed ref; every use of a ref counted
    citations = record.get("citations", [])
    names = {n.strip() for n in re.findall(r"<ref\s+name\s*=\s*\"?([^\"/>]+?)\"?\s*/?>", visible)}
    unnamed = len(re.findall(r"<ref(?:\s+group\s*=[^>]*)?\s*>", visible, re.I))
    assert names <= {c["id"] for c in citations}
    assert len(citations) == len(names) + unnamed
    assert (
        0 < sum(c["uses"] for c in citations) <= len(re.findall(r"<ref[\s>]", visible, re.I))
        or not citations
    )
    box = find_infobox(parse_wikitext(repair(article)))  # as parse reads a broken page
    warned = {w["field"] for w in record.get("warnings", [])}
    kind = INFOBOX_KINDS[box.kind]
    for parameter in box.parameters:
        value, _ = value_text(parameter.value, "x")
        if value is None:
            continue
        mapping = kind.lookup(parameter.name)
        if mapping is None:
            assert parameter.name in record["unmapped"], parameter.name
        else:
            assert _found(record, mapping.path) or mapping.path in warned, parameter.name


def _found(record: dict, path: str) -> bool:
    if path.startswith("_"):  # parts of a composed value (ATC prefix + suffix)
        return bool(record.get("identifiers", {}).keys() & {"atc", "atcvet"})
    node = record
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return path.split(".")[0] in record and path.startswith(("images.", "components."))
        node = node[part]
    return True


def test_report_pages_fuzzed(capsys):
    """Prints the counts of this run (``pytest -s``); they go in the README."""
    with capsys.disabled():
        print(f"\npages fuzzed: {sum(PAGES_FUZZED.values())} {PAGES_FUZZED}")
