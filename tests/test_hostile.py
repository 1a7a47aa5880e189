"""Hostile and broken input: never a crash, never a hang, never a lost page.

Three levels. :func:`drugparse.parse` on pathological pages: a valid record
or a :class:`ParseError`/:class:`NoInfoboxError` with a message, fast (the
guards of :mod:`drugparse.guards` stop what mwparserfromhell would take
minutes on). Hostile XML dumps through ``drugparse convert``: a clear error
or the pages before the damage, no entity expanded, no file read. And one
dump made of every hostile page plus the real articles: exit status 1, every
good page written, every bad one in ``--errors`` with its code, in bounded
time and memory.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import drugparse
from drugparse import guards, write

from .conftest import FIXTURES, ROOT, corpus_files
from .dumps import FOOTER, HEADER, dump_text, page_xml

DRUG = (FIXTURES / "imiglucerase.wiki").read_text("utf-8")
INFOBOX_PARAM = "| CAS_number"


def with_parameter(value: str, name: str = "drug_name") -> str:
    """The imiglucerase page with one more infobox parameter."""
    return DRUG.replace(INFOBOX_PARAM, f"| {name} = {value}\n{INFOBOX_PARAM}", 1)


def outcome(wikitext: str, title: str | None = "Hostile") -> tuple[str, object, float]:
    """``("record", record, seconds)`` or ``(error code, message, seconds)``; nothing else."""
    started = time.process_time()
    try:
        record = drugparse.parse(wikitext, title)
    except (drugparse.NoInfoboxError, drugparse.ParseError) as error:
        assert str(error).strip()
        return error.code, str(error), time.process_time() - started
    drugparse.validate(record)
    return "record", record, time.process_time() - started


# --- pathological pages through drugparse.parse --------------------------------------------

# (id, page, expected code, words the message must hold). A ParseError must come in well
# under a second however big the page: the guards measure, mwparserfromhell never starts.
REJECTED = [
    ("100k unclosed {{a|", DRUG + "{{a|" * 100_000, "nested more than 500"),
    ("100k bare unclosed {{", DRUG + "{{" * 100_000, "nested more than 500"),
    ("100k unclosed {{ in the infobox", with_parameter("{{x|" * 100_000), "nested more than 500"),
    (
        "templates nested 10,000 deep",
        with_parameter("{{a|" * 10_000 + "b" + "}}" * 10_000),
        "nested more than 500",
    ),
    ("links nested 100,000 deep", DRUG + "[[a|" * 100_000 + "]]" * 100_000, "nested more than"),
    ("20 MB page", DRUG + ("{{cite web |title=x}} filler text. " * 600_000), "page too large"),
    ("5 MB parameter value", with_parameter("x" * 5_000_000, "uses"), "page too large"),
    ("50,000 refs", DRUG + "<ref>{{cite web |title=T}}</ref>" * 50_000, "too many <ref> tags"),
    ("100,000 unclosed <ref>", DRUG + "<ref>a " * 100_000, "too many <ref> tags"),
    ("2,000 unclosed <ref>", DRUG + "<ref name=x>a\n" * 2_000, "unclosed or stray brackets"),
    ("100,000 stray }}", DRUG + "}}" * 100_000, "unclosed or stray brackets"),
    ("20,000 stray ]] in 1 MB", DRUG * 200 + "]]" * 20_000, "unclosed or stray brackets"),
    ("1,000 [[ closed on the next line", DRUG + "[[a\n]]" * 1_000, "unclosed or stray brackets"),
    ("unclosed {{a|[[b|<ref> mix", DRUG + "{{a|[[b|<ref>" * 2_000, "nested more than 500"),
    # mwparserfromhell would turn the infobox into text and the record would silently lose it
    (
        "templates nested 40 deep in the infobox",
        with_parameter("{{a|" * 40 + "b" + "}}" * 40),
        "templates nested more than 30 deep",
    ),
    ("templates nested 400 deep", DRUG + "{{a|" * 400 + "b" + "}}" * 400, "nested more than 30"),
]


@pytest.mark.parametrize(
    ("page", "words"), [case[1:] for case in REJECTED], ids=[case[0] for case in REJECTED]
)
def test_pathological_page_fails_fast_with_a_clear_parse_error(page, words):
    code, message, seconds = outcome(page)
    assert code == "parse_error"
    assert words in message and message.startswith("Hostile: ")
    assert seconds < 1.5


# Pages just inside the limits: a record, in bounded time. The worst cases the guards let
# through (measured at 0.3-0.9 s on one core; the default --page-timeout is 5 s).
ACCEPTED = [
    ("450 unclosed {{a| with text", DRUG + ("{{a|" + "x" * 100 + "\n") * 450),
    ("150 each of unclosed {{a|, [[b|, <ref>", DRUG + "{{a|[[b|<ref>" * 150),
    (
        "templates nested 29 deep in the infobox",
        with_parameter("{{a|" * 29 + "b" + "}}" * 29, "class"),
    ),
    ("10,000 templates side by side", with_parameter("{{a|b}}" * 10_000, "class")),
    ("links nested 400 deep", with_parameter("[[a|" * 400 + "b" + "]]" * 400, "class")),
    ("400 stray }} in 1 MB", DRUG * 200 + "}}" * 400),
    ("9,000 refs", DRUG + "<ref>{{cite web |title=T}}</ref>" * 9_000),
    ("1 MB parameter value", with_parameter("x" * 1_000_000, "uses")),
    ("1 MB page", DRUG * 200),
]


@pytest.mark.parametrize("page", [case[1] for case in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_page_just_inside_the_limits_gives_a_record(page):
    code, record, seconds = outcome(page)
    assert code == "record", record
    assert record["identifiers"]["cas"] == "154248-97-2"
    assert seconds < 8


def test_markup_warnings_name_what_is_unbalanced_on_a_page_inside_the_limits():
    code, record, _ = outcome(DRUG + "x}}\n" * 400)
    stray = [w for w in record["warnings"] if w["code"] == "unbalanced_markup"]
    assert len(stray) == 400 and "stray '}}'" in stray[0]["message"]


def test_a_huge_parameter_value_is_kept_whole():
    code, record, _ = outcome(with_parameter("word " * 200_000 + "end", "uses"))
    assert code == "record"
    assert record["clinical"]["uses"].endswith("word end")
    assert len(record["clinical"]["uses"]) == len("word " * 200_000 + "end")


def test_nul_is_replaced_and_the_rest_of_the_page_kept():
    # mwparserfromhell's C tokenizer stops at NUL: without the guard the infobox is lost.
    code, record, _ = outcome(with_parameter("Imiglu\x00cerase"))
    assert code == "record"
    assert record["names"]["drug_name"] == "Imiglu\ufffdcerase"
    assert record["categories"] == outcome(DRUG)[1]["categories"]
    assert record["identifiers"]["cas"] == "154248-97-2"


def test_nul_in_every_sentence_keeps_every_citation_and_category():
    code, record, _ = outcome(DRUG.replace(". ", ".\x00 "))
    reference = outcome(DRUG)[1]
    assert code == "record"
    assert [c["id"] for c in record["citations"]] == [c["id"] for c in reference["citations"]]
    assert record["categories"] == reference["categories"]
    assert "\ufffd" in record["summary"] and "\x00" not in write.dumps(record, "json")


def test_control_characters_give_a_record_that_round_trips():
    controls = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n") + "\x7f\x85\u2028"
    code, record, _ = outcome(with_parameter(f"A{controls}B", "uses"))
    assert code == "record"
    uses = record["clinical"]["uses"]
    assert uses.startswith("A") and uses.endswith("B") and "\x01" in uses
    for fmt in ("yaml", "json"):
        assert write.loads(write.dumps(record, fmt), fmt) == record


def test_control_characters_between_every_character_are_not_markup():
    code, message, _ = outcome("".join(c + "\x01" for c in DRUG))
    assert code == "no_infobox"


def test_lone_surrogates_become_replacement_characters():
    code, record, _ = outcome(with_parameter("a\ud800b\udfffc"))
    assert code == "record"
    assert record["names"]["drug_name"] == "a\ufffdb\ufffdc"
    write.dumps(record, "yaml").encode("utf-8")


@pytest.mark.parametrize("reference", ["&#xD800;", "&#XdFfF;", "&#55296;", "&#0;", "&#x0000;"])
def test_surrogate_and_nul_character_references_become_replacement_characters(reference):
    # The text renderer would decode them to characters no UTF-8 writer accepts.
    page = with_parameter(f"a{reference}b") + f"\n== Heading {reference} ==\nText.\n"
    code, record, _ = outcome(page)
    assert code == "record" and record["names"]["drug_name"] == "a\ufffdb"
    write.dumps(record, "yaml").encode("utf-8")
    assert outcome(with_parameter("&#x1F48A;&#8211;&#65;"))[1]["names"]["drug_name"] == "💊–A"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
def test_any_newlines_keep_every_citation_and_category(newline):
    lines = DRUG.split("\n")
    if newline == "mixed":
        breaks = ["\n", "\r\n", "\r\n", "\n\r"] * len(lines)
        page = "".join(line + breaks[n] for n, line in enumerate(lines))
    else:
        page = newline.join(lines)
    code, record, _ = outcome(page)
    reference = outcome(DRUG)[1]
    assert code == "record"
    assert record["identifiers"] == reference["identifiers"]
    assert [c["id"] for c in record["citations"]] == [c["id"] for c in reference["citations"]]
    if newline != "\r":  # a lone CR is no line break to MediaWiki: categories are still read
        assert record["categories"] == reference["categories"]


def test_an_unclosed_comment_hides_the_rest_of_the_page():
    assert outcome("<!--" + DRUG)[0] == "no_infobox"


@pytest.mark.parametrize("value", [None, 42, b"{{Drugbox}}", ["{{Drugbox}}"]])
def test_wikitext_that_is_not_a_string_is_a_parse_error(value):
    with pytest.raises(drugparse.ParseError, match="wikitext must be str"):
        drugparse.parse(value, "X")


def test_markup_check_is_linear_in_the_problems_it_reports():
    # Quadratic before (a line count from offset 0 per problem, the page lowercased per
    # unclosed <ref>): 48 s here. The guards also keep such pages away from it.
    from drugparse.guards import check_markup, repair

    page = DRUG * 200 + "x]]\n" * 20_000 + "<ref>a\n" * 5_000
    started = time.process_time()
    assert len(check_markup(page)) == 25_000
    repair(page)
    assert time.process_time() - started < 3


def test_the_limits_leave_every_real_article_alone():
    for path in sorted(FIXTURES.glob("*.wiki")) + corpus_files():
        text = path.read_text("utf-8")
        assert guards.guard_page(text, path.stem) == text
    assert guards.MAX_PAGE_CHARS > 2 * 1024 * 1024


# --- drugparse convert, as a subprocess --------------------------------------------------

_RUSAGE = (
    "import resource, subprocess, sys\n"
    "status = subprocess.run(sys.argv[1:]).returncode\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(f'\\nPEAK_RSS_KB {peak}\\n')\n"
    "sys.exit(status)\n"
)


def convert(*args, timeout=240) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run ``drugparse convert``; its result, wall seconds and peak RSS (KiB) of any process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-c",
        _RUSAGE,
        sys.executable,
        "-m",
        "drugparse",
        "convert",
        "--no-progress",
        *map(str, args),
    ]
    started = time.monotonic()
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout
    )
    seconds = time.monotonic() - started
    peak = int(result.stderr.rsplit("PEAK_RSS_KB", 1)[1].split()[0])
    return result, seconds, peak


def errors_of(path: Path) -> dict[str, dict]:
    entries = map(json.loads, path.read_text("utf-8").splitlines())
    return {e["title"] or e["source"]: e for e in entries}


def test_page_timeout_turns_a_slow_real_page_into_an_error_and_the_batch_goes_on(tmp_path):
    slow = DRUG * 560  # 2.7 MB, inside every limit, about 3 s to parse
    pages = [("Before", DRUG, 1, 0, None), ("Slow", slow, 2, 0, None), ("After", DRUG, 3, 0, None)]
    dump = tmp_path / "slow.xml"
    dump.write_text(dump_text(pages), "utf-8")
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    result, seconds, _ = convert(
        dump, "-o", out, "--errors", errors, "--jobs", "1", "--page-timeout", "0.5"
    )
    assert result.returncode == 1, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["After.yaml", "Before.yaml"]
    (error,) = errors_of(errors).values()
    assert error["title"] == "Slow" and error["page_id"] == 2 and error["code"] == "timeout"
    assert "0.5 s" in error["message"]
    assert seconds < 60


def test_a_page_over_a_limit_is_reported_as_that_limit_whatever_the_page_timeout(tmp_path):
    # The limits are checked before a page's clock starts, so even a page timeout no
    # machine could meet reports the limit, never `timeout`: the outcome cannot depend
    # on the load of the machine.
    box = "{{Infobox drug\n| drug_name = X\n}}\n'''X''' is a drug.\n"
    pages = [
        ("Twenty megabytes", box + "filler text. " * 1_600_000, 1, 0, None),
        ("Unclosed braces", box + "{{a|" * 100_000, 2, 0, None),
    ]
    dump = tmp_path / "limits.xml"
    dump.write_text(dump_text(pages), "utf-8")
    errors = tmp_path / "errors.jsonl"
    result, _, _ = convert(
        dump,
        "-o",
        tmp_path / "out",
        "--errors",
        errors,
        "--jobs",
        "1",
        "--page-timeout",
        "0.000001",
    )
    assert result.returncode == 1, result.stderr
    failed = errors_of(errors)
    assert {title: e["code"] for title, e in failed.items()} == {
        "Twenty megabytes": "parse_error",
        "Unclosed braces": "parse_error",
    }
    assert "page too large" in failed["Twenty megabytes"]["message"]
    assert "nested more than 500 levels" in failed["Unclosed braces"]["message"]


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE mediawiki [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">\n' for n in range(2, 10)
    ).replace("&lol1;", "&lol;")
    + "]>\n"
)


def test_billion_laughs_are_not_expanded(tmp_path):
    page = ("Laughs &lol9;", DRUG.replace("used in", "used &lol9; in", 1), 1, 0, None)
    xml = LAUGHS + dump_text([page])
    dump = tmp_path / "laughs.xml"
    dump.write_text(xml.replace("&amp;lol9;", "&lol9;"), "utf-8")
    out = tmp_path / "out.jsonl"
    result, seconds, peak = convert(dump, "-o", out, "--jobs", "1")
    assert result.returncode == 0, result.stderr
    (record,) = map(json.loads, out.read_text("utf-8").splitlines())
    assert record["title"] == "Laughs &lol9;"
    assert "&lol9;" in record["summary"] and "lollol" not in out.read_text("utf-8")
    assert seconds < 60 and peak < 600_000


def test_external_entities_and_dtds_read_no_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN-48151623", "utf-8")
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY remote SYSTEM "file://{secret}">', "utf-8")
    doctype = (
        '<?xml version="1.0"?>\n<!DOCTYPE mediawiki SYSTEM "file://' + str(dtd) + '" [\n'
        f'<!ENTITY xxe SYSTEM "file://{secret}">\n<!ENTITY % p SYSTEM "file://{dtd}"> %p;\n]>\n'
    )
    text = DRUG.replace("used in", "used &xxe; &remote; in", 1)
    xml = doctype + dump_text([("XXE &xxe;", text, 1, 0, None)])
    dump = tmp_path / "xxe.xml"
    dump.write_text(xml.replace("&amp;xxe;", "&xxe;").replace("&amp;remote;", "&remote;"))
    out = tmp_path / "out"
    result, _, _ = convert(dump, "-o", out, "--format", "json", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    (written,) = out.iterdir()
    assert "SECRET-TOKEN" not in written.read_text("utf-8") + result.stderr
    record = json.loads(written.read_text("utf-8"))
    assert record["title"] == "XXE &xxe;" and "&xxe; &remote;" in record["summary"]


def test_gzip_bomb_of_one_endless_page_stops_with_bounded_memory(tmp_path):
    head = (
        HEADER + "<page><title>Bomb</title><ns>0</ns><id>1</id><revision><id>2</id>"
        '<text xml:space="preserve">{{Infobox drug\n| name = '
    ).encode()
    dump = tmp_path / "bomb.xml.gz"
    with gzip.open(dump, "wb", compresslevel=9) as stream:
        stream.write(head)
        for _ in range(80):
            stream.write(b"a" * (1024 * 1024))
    assert dump.stat().st_size < 1_000_000
    out = tmp_path / "out"
    result, seconds, peak = convert(dump, "-o", out, "--jobs", "1")
    assert result.returncode == 2
    assert "bomb.xml.gz" in result.stderr and "longer than" in result.stderr
    assert not out.exists() or not list(out.iterdir())
    assert seconds < 60 and peak < 1_000_000


def test_dump_cut_inside_a_multibyte_character_and_an_entity(tmp_path):
    pages = [(f"Drug {n}", DRUG + " é &amp;", n + 1, 0, None) for n in range(6)]
    data = dump_text(pages).encode("utf-8")
    cut = data.index("é".encode(), data.index(b"<title>Drug 4</title>")) + 1
    for name, piece in (
        ("in-char.xml", data[:cut]),
        ("in-entity.xml", data[: data.rindex(b"&amp;") + 3]),
    ):
        path = tmp_path / name
        path.write_bytes(piece)
        out = tmp_path / f"{name}.jsonl"
        result, _, _ = convert(path, "-o", out, "--jobs", "2")
        assert result.returncode == 2 and "truncated" in result.stderr
        titles = [json.loads(line)["title"] for line in out.read_text().splitlines()]
        assert titles == [f"Drug {n}" for n in range(4 if name == "in-char.xml" else 5)]


def test_invalid_utf8_in_titles_header_and_wikitext_files(tmp_path):
    pages = [
        ("Good", DRUG, 1, 0, None),
        ("BADTITLE", DRUG, 2, 0, None),
        ("Other", DRUG, 3, 0, None),
    ]
    data = dump_text(pages).encode().replace(b"BADTITLE", b"Bad\xc3\x28title")
    data = data.replace(b"<sitename>Wikipedia", b"<sitename>Wiki\xffpedia")
    dump = tmp_path / "bad.xml"
    dump.write_bytes(data)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "Latin1.wiki").write_bytes(DRUG.encode().replace(b"used in", b"used in Caf\xe9", 1))
    (folder / "Fine.wiki").write_text(DRUG, "utf-8")
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    result, _, _ = convert(dump, folder, "-o", out, "--errors", errors, "--jobs", "2")
    assert result.returncode == 1, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["Good.yaml", "Imiglucerase.yaml", "Other.yaml"]
    codes = {e["code"] for e in errors_of(errors).values()}
    assert codes == {"invalid_xml", "invalid_utf8"}
    assert len(errors.read_text().splitlines()) == 2


def test_pages_before_a_stray_page_close_tag_are_converted(tmp_path):
    pages = [(f"Drug {n}", DRUG + ("STRAY" if n == 3 else ""), n + 1, 0, None) for n in range(6)]
    dump = tmp_path / "stray.xml"
    dump.write_text(dump_text(pages).replace("STRAY", "</page>"), "utf-8")
    out = tmp_path / "out.jsonl"
    result, _, _ = convert(dump, "-o", out, "--jobs", "1")
    assert result.returncode == 2 and "malformed XML" in result.stderr
    lines = out.read_text("utf-8").splitlines() if out.exists() else []
    assert [json.loads(line)["title"] for line in lines] == ["Drug 0", "Drug 1", "Drug 2"]


def test_not_xml_at_all_is_a_clear_usage_error(tmp_path):
    path = tmp_path / "random.xml"
    path.write_bytes(bytes(range(256)) * 64)
    result, seconds, _ = convert(path, "-o", tmp_path / "out")
    assert result.returncode == 2 and "random.xml" in result.stderr
    assert seconds < 30


# --- one dump of every hostile page plus the real articles --------------------------------


# (title, wikitext or bytes, expected code or "record")
def hostile_pages() -> list[tuple[str, str | bytes, str]]:
    box = "{{Infobox drug\n| drug_name = X\n| CAS_number = 50-00-0\n}}\n'''X''' is a drug.\n"
    return [
        ("Unclosed braces", box + "{{a|" * 100_000, "parse_error"),
        ("Deep templates", with_parameter("{{a|" * 10_000 + "}}" * 10_000), "parse_error"),
        ("Twenty megabytes", box + "filler text. " * 1_600_000, "parse_error"),
        ("Fifty thousand refs", box + "<ref>{{cite web |title=T}}</ref>" * 50_000, "parse_error"),
        ("Five megabyte value", with_parameter("x" * 5_000_000, "uses"), "parse_error"),
        ("Stray closers", box + "}}" * 100_000, "parse_error"),
        ("Slow but legal", DRUG * 560, "timeout"),
        ("Control characters", with_parameter("A\x00\x01\x1b\x7fB", "uses"), "record"),
        ("Mixed newlines", DRUG.replace("\n", "\r\n", 40).replace("\n", "\r", 3), "record"),
        (
            "Surrogate bytes",
            DRUG.encode().replace(b"used in", b"used \xed\xa0\x80 in", 1),
            "invalid_xml",
        ),
        (
            "Invalid UTF-8",
            DRUG.encode().replace(b"used in", b"used \xff\xfe\xc3 in", 1),
            "invalid_xml",
        ),
        ("No infobox at all", "An infobox named in a comment: <!-- {{Drugbox}} -->", "skipped"),
    ]


def test_hostile_dump_converts_every_good_page_and_reports_every_bad_one(tmp_path):
    hostile = hostile_pages()
    real = [
        (p.stem, p.read_text("utf-8")) for p in sorted(FIXTURES.glob("*.wiki")) + corpus_files()
    ]
    parts, expected = [HEADER.encode()], {}
    for number, (title, text, code) in enumerate(hostile, 1):
        if isinstance(text, str):
            parts.append(page_xml(title, text, number).encode("utf-8"))
        else:  # raw bytes that are not UTF-8, XML-escaped as MediaWiki would
            escaped = text.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")
            parts.append(page_xml(title, "RAW", number).encode().replace(b"RAW", escaped))
        expected[title] = code
    for number, (title, text) in enumerate(real, len(hostile) + 1):
        title = f"Real {title}"
        parts.append(page_xml(title, text, number).encode("utf-8"))
        try:
            drugparse.parse(text, title)
            expected[title] = "record"
        except drugparse.NoInfoboxError:
            expected[title] = "skipped"
    parts.append(FOOTER.encode())
    dump = tmp_path / "hostile.xml"
    dump.write_bytes(b"".join(parts))
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"

    result, seconds, peak = convert(
        dump,
        "-o",
        out,
        "--errors",
        errors,
        "--format",
        "json",
        "--jobs",
        "2",
        "--page-timeout",
        "1",
    )

    assert result.returncode == 1, result.stderr[-2000:]
    records = {json.loads(p.read_text("utf-8"))["title"]: p for p in out.iterdir()}
    good = {t for t, code in expected.items() if code == "record"}
    assert set(records) == good
    assert len(good) >= len(real) + 2  # every real article, plus the hostile pages that are fine
    for path in records.values():
        drugparse.validate(json.loads(path.read_text("utf-8")))
    control = json.loads(records["Control characters"].read_text("utf-8"))
    assert control["clinical"]["uses"] == "A\ufffd\x01\x1b\x7fB"
    failed = errors_of(errors)
    assert {t: e["code"] for t, e in failed.items()} == {
        t: code for t, code in expected.items() if code not in ("record", "skipped")
    }
    for error in failed.values():
        assert error["message"] and error["page_id"]
    assert "page too large" in failed["Twenty megabytes"]["message"]
    assert "too many <ref>" in failed["Fifty thousand refs"]["message"]
    (summary,) = [line for line in result.stderr.splitlines() if "pages read" in line]
    assert f"{len(expected)} pages read, {len(good)} records written" in summary
    assert seconds < 150
    assert peak < 1_500_000  # KiB, the largest process: 20 MB pages, not gigabytes
