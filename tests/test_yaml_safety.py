"""YAML output: every string stays a string for YAML 1.1 (PyYAML) and YAML 1.2 (ruamel.yaml) readers.

YAML 1.1 reads ``no`` as false, ``12:30`` as 750 and ``2001-01-01`` as a date;
YAML 1.2 reads ``1e3`` as 1000.0 and ``0o17`` as 15. A record must mean the
same thing to every reader: its YAML loads to exactly its JSON.
"""

from __future__ import annotations

import io
import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import drugparse
from drugparse import write

from .conftest import FIXTURES, corpus_files
from .hypothesis_profiles import PROFILE

try:  # the YAML 1.2 reader; the test extra installs it
    import ruamel.yaml as ruamel_yaml
except ImportError:  # pragma: no cover
    ruamel_yaml = None

# Each string read back as something else by at least one YAML reader if written plain.
TRICKY = [
    # YAML 1.1 booleans and nulls
    "no",
    "No",
    "NO",
    "yes",
    "Yes",
    "on",
    "On",
    "off",
    "OFF",
    "y",
    "n",
    "Y",
    "N",
    "true",
    "False",
    "~",
    "null",
    "Null",
    "NULL",
    "",
    # numbers in either version
    "1e3",
    "1E3",
    "1e+3",
    "-1e3",
    "1.5e3",
    ".5",
    "5.",
    "0x1F",
    "0x1f",
    "0o17",
    "0b101",
    "017",
    "0017",
    "007",
    "00",
    "0",
    "+1",
    "-0",
    "1_000",
    "1.0",
    "0.1",
    "1__0",
    ".inf",
    "-.inf",
    "+.inf",
    ".Inf",
    ".nan",
    ".NaN",
    ".NAN",
    # what ruamel.yaml's resolver takes for numbers and then cannot convert
    "._",
    "_",
    "__",
    "-_",
    "+._",
    "0o_",
    "._e+1",
    # sexagesimals, dates, timestamps
    "12:30",
    "1:2:3",
    "190:20:30",
    "2001-01-01",
    "2001-1-1",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    # spaces, indicators and separators
    "trailing ",
    " leading",
    " ",
    "  ",
    "\t",
    "a: b",
    "a:b",
    "a #b",
    "a#b",
    "#x",
    "key:",
    "- x",
    "-",
    "? x",
    "?",
    ": x",
    "!tag",
    "!!str",
    "&anchor",
    "*alias",
    "%YAML",
    "@x",
    "`x",
    "|",
    "|-",
    "> x",
    ">",
    "'quoted",
    '"double',
    "{a: 1}",
    "[1, 2]",
    "a, b",
    "<<",
    "=",
    "---",
    "...",
    "--- x",
    "... x",
    # line breaks and characters some emitters fold or escape
    "x\n",
    "\n",
    "a\nb",
    "a\r\nb",
    "a\rb",
    "a\tb",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b[0m",
    "\x7f",
    "\ufffd",
    "\U0001f48a",
    "é",
    "—",
    "μg/mL",
    # values real records hold
    "154248-97-2",
    "A16AB02",
    "C2532H3854N672O711S16",
    "10.1517/14656566.9.11.1987",
    "18627336",
    "0.5–2 mg/kg",
    "t½ = 3.6–10.4 min",
    "≥ 95%",
    "1,000",
    "978-0-12-345678-9",
]


def pyyaml_load(text: str):
    return yaml.safe_load(text)


def pyyaml_pure_load(text: str):
    return yaml.load(text, Loader=yaml.SafeLoader)


def ruamel_load(text: str):
    return ruamel_yaml.YAML(typ="safe", pure=True).load(io.StringIO(text))


READERS = [pyyaml_load, pyyaml_pure_load, write.loads] + ([ruamel_load] if ruamel_yaml else [])


def test_a_yaml_1_2_reader_is_there():
    if ruamel_yaml is None:
        pytest.skip("ruamel.yaml is not installed: YAML 1.2 readings untested")
    assert ruamel_load("a: 1e3\nb: 0o17\nc: no\n") == {"a": 1000.0, "b": 15, "c": "no"}


def assert_every_reader_gets(record: dict) -> None:
    text = write.dumps(record, "yaml")
    for reader in READERS:
        assert reader(text) == record, (reader.__name__, text)


@pytest.mark.parametrize("value", TRICKY, ids=repr)
def test_tricky_string_stays_a_string_as_value_key_and_item(value):
    record = {"title": value, "unmapped": {value: value}, "trade_names": [value, value]}
    assert_every_reader_gets(record)


def test_yaml_1_2_numbers_are_quoted_and_plain_words_are_not():
    text = write.dumps({"a": "1e3", "b": "0o17", "c": "1_000", "d": "Imiglucerase"}, "yaml")
    assert text == "a: '1e3'\nb: '0o17'\nc: '1_000'\nd: Imiglucerase\n"


def test_numbers_and_booleans_stay_what_they_are():
    record = {
        "int": 3,
        "zero": 0,
        "negative": -12,
        "float": 55597.4,
        "small": 1e-05,
        "big": 1.5e300,
        "whole": 2.0,
        "yes": True,
        "no": False,
    }
    text = write.dumps(record, "yaml")
    for reader in READERS:
        loaded = reader(text)
        assert loaded == record
        assert [type(v) for v in loaded.values()] == [type(v) for v in record.values()]


def test_output_is_deterministic_and_uses_libyaml_when_present():
    record = {"title": "no", "list": ["1e3", "x"], "nested": {"k": "12:30"}}
    assert write.dumps(record, "yaml") == write.dumps(dict(record), "yaml")
    if yaml.__with_libyaml__:
        assert issubclass(write._Dumper, yaml.CSafeDumper)


# Strings hypothesis builds from the characters that matter to YAML, plus any character.
_YAML_ALPHABET = st.sampled_from(list("0123456789.+-_eExXoObB:#~!&*%@`|>'\"{}[],? \t\nyYnN"))
_yaml_strings = st.one_of(
    st.text(_YAML_ALPHABET, max_size=12),
    st.text(max_size=20),
    st.sampled_from(TRICKY),
)
_records = st.recursive(
    st.dictionaries(_yaml_strings, _yaml_strings, max_size=4),
    lambda children: st.dictionaries(
        _yaml_strings, st.one_of(children, st.lists(_yaml_strings, max_size=3)), max_size=4
    ),
    max_leaves=12,
)


@PROFILE
@given(_records)
def test_any_record_of_strings_loads_back_exactly(record):
    assert_every_reader_gets(record)
    assert json.loads(write.dumps(record, "json")) == record


def _real_records():
    pages = sorted(FIXTURES.glob("*.wiki")) + corpus_files()
    records = []
    for path in pages:
        try:
            records.append(drugparse.parse(path.read_text("utf-8"), default_title=path.stem))
        except drugparse.NoInfoboxError:
            continue
    return records


def test_every_yaml_record_loads_to_exactly_its_json_record():
    records = _real_records()
    assert len(records) >= 6
    for record in records:
        from_json = json.loads(write.dumps(record, "json"))
        assert from_json == record
        text = write.dumps(record, "yaml")
        for reader in READERS:
            assert reader(text) == from_json, (record["title"], reader.__name__)
