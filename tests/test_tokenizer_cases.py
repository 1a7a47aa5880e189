"""mwparserfromhell's own tokenizer test cases, fed to drugparse.parse as crash input.

The 573 inputs of ``tests/data/mwparserfromhell/*.mwtest`` (vendored from
mwparserfromhell 0.7.2, MIT; see the README there) are the edge cases its
authors collected: every kind of markup, well-formed and broken. Each goes in
three places: alone, as an infobox parameter value, and in the body of a drug
article after its infobox. ``parse`` must give a valid record or a
``NoInfoboxError``/``ParseError`` with a message, nothing else; in the body,
the infobox read before the input must survive it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import drugparse

DATA = Path(__file__).resolve().parent / "data" / "mwparserfromhell"


def load_cases() -> list[tuple[str, str]]:
    """``(file:name, input)`` of every case, decoded as mwparserfromhell's test loader does."""
    cases = []
    for path in sorted(DATA.glob("*.mwtest")):
        for block in path.read_text("utf-8").split("\n---\n"):
            name = raw = None
            for line in block.strip().splitlines():
                if line.startswith("name:"):
                    name = line[len("name:") :].strip()
                elif line.startswith("input:"):
                    raw = line[len("input:") :].strip()
                    if raw[:1] == '"' and raw[-1:] == '"':
                        raw = raw[1:-1]
            if name and raw is not None:
                text = raw.encode("raw_unicode_escape").decode("unicode_escape")
                cases.append((f"{path.stem}:{name}", text))
    return cases


CASES = load_cases()

INFOBOX = "{{Infobox drug\n| drug_name = Testamine\n| CAS_number = 50-00-0\n| class = %s\n}}\n"
BODY = "'''Testamine''' is a drug.<ref>{{cite web |title=T |url=https://e.org}}</ref>\n\n%s\n"


def outcome(wikitext: str) -> tuple[str, object]:
    try:
        record = drugparse.parse(wikitext, "Testamine")
    except (drugparse.NoInfoboxError, drugparse.ParseError) as error:
        assert str(error).strip()
        return error.code, error
    drugparse.validate(record)
    return "record", record


def test_every_case_file_is_there():
    assert len(CASES) == 573
    assert len({path.stem for path in DATA.glob("*.mwtest")}) == 12
    assert (DATA / "LICENSE").is_file()


@pytest.mark.parametrize(("name", "text"), CASES, ids=[name for name, _ in CASES])
def test_tokenizer_case_never_crashes_the_parser(name, text):
    alone = outcome(text)[0]
    assert alone in ("record", "no_infobox", "parse_error")
    in_parameter = outcome(INFOBOX % text + BODY % "")[0]
    assert in_parameter in ("record", "no_infobox", "parse_error")
    code, record = outcome(INFOBOX % "Enzyme" + BODY % text)
    assert code == "record", record
    assert record["identifiers"]["cas"] == "50-00-0"
    assert record["clinical"]["class"] == "Enzyme"


# Values that make mwparserfromhell give up on the whole infobox: the page then raises
# NoInfoboxError with no warning, and a dump conversion counts it as skipped (not failed),
# so a drug article disappears silently. The fix belongs in drugparse/extract (repair the
# value, or tell "an infobox is named but could not be read" as a ParseError).
# Seven of these (foo<li>bar{{baz}}, {{URL|[http://example.com}}] ...) make mwparserfromhell
# give up on the whole infobox: the page is then a parse_error naming the infobox, never a
# silent skip (drugparse.extract.infobox.unreadable_infobox).


@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text in CASES])
def test_a_broken_parameter_value_never_hides_the_infobox(text):
    code, result = outcome(INFOBOX % text + BODY % "")
    assert code in ("record", "parse_error"), result
