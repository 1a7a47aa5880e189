"""``drugparse report``: a dump of the corpus, fixtures and peer pages in, the page read back.

The expected numbers are read off the wikitext: ``fixtures/broken-page.wiki``
writes ``CAS_number = 50-00-1`` (check digit 0, not 1) and cites
``<ref name=missing/>`` under ``==Uses==``; Imiglucerase's infobox marks CAS,
ChemSpider and ChEMBL ``changed`` and DrugBank, UNII and KEGG ``correct``.
"""

from __future__ import annotations

import bz2
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from drugparse.report import build_report
from drugparse.report.fields import COVERAGE, VERIFIED
from drugparse.validate import schema

from .conftest import CORPUS, FIXTURES, PEER, ROOT, corpus_files, needs_corpus, needs_peer, run_cli
from .dumps import dump_text

pytest.importorskip("jinja2")

WIKI = "https://en.wikipedia.org/wiki/"
PEER_DUMPS = {  # pages in each of ../shared/peer's dumps (none has a drug infobox)
    "enwiki-minidump-27pages.xml.bz2": 27,
    "enwiki-gensim-206pages.xml.bz2": 206,
    "wikiciteparser-bulk-sample.xml.bz2": 9,
}
# A page the guards refuse (600 unclosed templates): one failed page in the report.
UNCLOSED = ("Unclosedase", "{{Drugbox\n| CAS_number = 50-00-0\n" + "{{x" * 600)


def drug_pages() -> list[tuple[str, str]]:
    """Corpus articles under their file names, then the fixtures the corpus does not hold."""
    pages = [(path.stem, path.read_text("utf-8")) for path in corpus_files()]
    titles = {title for title, _ in pages}
    for path in sorted(FIXTURES.glob("*.wiki")):
        title = path.stem[:1].upper() + path.stem[1:]
        if title not in titles:
            pages.append((title, path.read_text("utf-8")))
    return pages


def peer_pages_xml() -> str:
    """The ``<page>`` elements of every peer dump, as written there."""
    xml = ""
    for name in PEER_DUMPS:
        text = bz2.decompress((PEER / name).read_bytes()).decode("utf-8")
        xml += text[text.index("<page>") : text.rindex("</page>") + len("</page>")] + "\n"
    return xml


def write_dump(path: Path) -> Path:
    """Drug pages, the failing page, then the peer pages, as one bz2 dump."""
    pages = [
        (title, text, 900_000 + n, 0, None)
        for n, (title, text) in enumerate([*drug_pages(), UNCLOSED])
    ]
    text = dump_text(pages)  # type: ignore[no-untyped-call]
    text = text.replace("</mediawiki>", peer_pages_xml() + "</mediawiki>")
    path.write_bytes(bz2.compress(text.encode("utf-8")))
    return path


class Page(HTMLParser):
    """The parts of the report page a test reads: elements by id, tables, links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text_by_id: dict[str, str] = {}
        self.tables: list[dict[str, Any]] = []  # {"section": kind, "rows": [[cell texts]], ...}
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.svgs = 0
        self._open_ids: list[tuple[str, int]] = []
        self._depth = 0
        self._texts: dict[str, list[str]] = {}
        self._section: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._row_links: list[str] = []
        self._link: tuple[str, list[str]] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag not in ("meta", "br", "input", "img", "rect", "line"):
            self._depth += 1
        if attributes.get("id"):
            self._open_ids.append((attributes["id"] or "", self._depth))
            self._texts[attributes["id"] or ""] = []
        if tag == "section" and attributes.get("data-kind"):
            self._section = attributes["data-kind"]
        if tag == "svg":
            self.svgs += 1
        if tag == "table":
            table: dict[str, Any] = {
                "id": attributes.get("id"),
                "section": self._section,
                "rows": [],
                "links": [],
            }
            self.tables.append(table)
        if tag == "tr":
            self._row, self._row_links = [], []
        if tag in ("td", "th"):
            self._cell = []
        if tag == "a":
            self._link = (attributes.get("href") or "", [])
            if self._row is not None:
                self._row_links.append(attributes.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link:
            self.links.append((self._link[0], "".join(self._link[1]).strip()))
            self._link = None
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None and self.tables:
            self.tables[-1]["rows"].append(self._row)
            self.tables[-1]["links"].append(self._row_links)
            self._row = None
        if tag == "section":
            self._section = None
        if tag not in ("meta", "br", "input", "img", "rect", "line"):
            while self._open_ids and self._open_ids[-1][1] == self._depth:
                name, _ = self._open_ids.pop()
                self.text_by_id[name] = " ".join("".join(self._texts[name]).split())
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        for name, _ in self._open_ids:
            self._texts[name].append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._link is not None:
            self._link[1].append(data)

    def worklist(self, kind: str) -> list[tuple[list[str], list[str]]]:
        """(cells, hrefs) of each body row of a kind's worklist table."""
        (table,) = [t for t in self.tables if t["section"] == kind]
        return list(zip(table["rows"][1:], table["links"][1:], strict=True))


@pytest.fixture(scope="module")
def dump_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Page, dict[str, Any]]:
    if not CORPUS.is_dir() or not PEER.is_dir():
        pytest.skip("../shared is not present")
    folder = tmp_path_factory.mktemp("report")
    dump = write_dump(folder / "drugs.xml.bz2")
    html_result = run_cli("report", str(dump), "-o", str(folder / "report.html"), "--jobs", "2")
    assert html_result.returncode == 0, html_result.stderr
    json_result = run_cli("report", str(dump), "--format", "json", "--jobs", "0")
    assert json_result.returncode == 0, json_result.stderr
    page = Page((folder / "report.html").read_text("utf-8"))
    return page, json.loads(json_result.stdout)


@needs_corpus
@needs_peer
def test_summary_counts_every_page_read_and_every_record(
    dump_report: tuple[Page, dict[str, Any]],
) -> None:
    page, report = dump_report
    drugs = len(drug_pages())  # 9 corpus articles + 5 fixtures (imiglucerase is in both)
    assert drugs == 14
    assert page.text_by_id["pages-read"] == str(drugs + 1 + sum(PEER_DUMPS.values())) == "257"
    assert page.text_by_id["records"] == "14"
    assert page.text_by_id["failed-pages"] == "1"
    assert report["summary"]["pages_read"] == 257 and report["summary"]["records"] == 14
    assert report["summary"]["failed_pages"] == 1


@needs_corpus
@needs_peer
def test_problem_table_gives_records_and_share_per_kind(
    dump_report: tuple[Page, dict[str, Any]],
) -> None:
    page, report = dump_report
    (table,) = [t for t in page.tables if t["id"] == "problems"]
    by_kind = {row[0]: row[2:] for row in table["rows"][1:]}
    # Broken page alone has a bad CAS check digit; Imiglucerase alone has `changed` marks
    # (CAS, ChemSpider, ChEMBL); both unknown refs: Broken page (missing), Abacavir (who).
    assert by_kind["invalid_checksum"] == ["1", "7%", "1"]
    assert by_kind["identifier_changed"] == ["1", "7%", "3"]
    assert by_kind["unknown_reference"] == ["2", "14%", "2"]
    assert by_kind["unknown_parameter"] == ["1", "7%", "1"]  # Amoxicillin's |colour=
    json_kinds = {p["kind"]: [p["records"], p["rows"]] for p in report["problems"]}
    assert {k: [int(v[0]), int(v[2])] for k, v in by_kind.items()} == json_kinds


@needs_corpus
@needs_peer
def test_worklist_rows_link_the_article_and_its_edit_view(
    dump_report: tuple[Page, dict[str, Any]],
) -> None:
    page, _ = dump_report
    ((cells, links),) = page.worklist("invalid_checksum")
    assert cells[1:] == [
        "identifiers.cas",
        "50-00-1",
        "CAS check digit of 50-00-1 is 1, expected 0",
        "50-00-0",
    ]
    assert links == [WIKI + "Broken-page", WIKI + "Broken-page?action=edit&section=0"]
    missing = [row for row in page.worklist("unknown_reference") if "Broken-page" in row[0][0]]
    ((cells, links),) = missing
    assert cells[0] == "Broken-page edit Uses" and cells[1] == "citations.missing"
    assert links == [WIKI + "Broken-page#Uses", WIKI + "Broken-page?action=edit&section=1"]
    changed = {cells[1]: cells[2] for cells, _ in page.worklist("identifier_changed")}
    assert changed == {
        "identifiers.cas": "154248-97-2",
        "identifiers.chemspider": "",  # ChemSpiderID = none, still marked changed
        "identifiers.chembl": "CHEMBL1201632",
    }
    ((cells, _),) = page.worklist("unknown_parameter")
    assert cells[:3] == ["Amoxicillin-clavulanate edit infobox", "unmapped.colour", "white"]
    ((cells, links),) = page.worklist("page_failed")
    assert cells[:2] == ["Unclosedase edit", "parse_error"]
    assert links[0] == WIKI + "Unclosedase"
    every_article = [href for href, text in page.links if text not in ("edit", "")]
    assert all(href.startswith((WIKI, "#")) for href in every_article)


@needs_corpus
@needs_peer
def test_verification_and_charts_are_in_the_page(dump_report: tuple[Page, dict[str, Any]]) -> None:
    page, report = dump_report
    assert page.svgs == 5
    cas = next(v for v in report["verification"] if v["identifier"] == "cas")
    # correct: Eravacycline, Caffeine-chembox, Alfuzosin (its {{drug resources}} marks
    # CAS_number_Ref {{cascite|correct}}); changed: Imiglucerase
    assert (cas["correct"], cas["changed"]) == (3, 1)
    kegg = next(v for v in report["verification"] if v["identifier"] == "kegg")
    assert kegg["correct"] >= 1 and kegg["changed"] == 0
    numbers = [
        t
        for t in page.tables
        if t["rows"] and t["rows"][0][:3] == ["Identifier", "correct", "changed"]
    ]
    ((cas_row,),) = [[r for r in t["rows"] if r[0] == "CAS"] for t in numbers]
    assert cas_row[1:3] == ["3", "1"]


# --- the model on records written here ----------------------------------------------------


def test_a_warning_code_the_report_has_never_seen_is_a_kind_with_its_details() -> None:
    # Issue 13's real case: the element counts say C33H44F2N2O3, the InChI says C32H43NO4.
    record = {
        "title": "Inchimismatchine",
        "chemistry": {
            "elements": {"C": 33, "H": 44, "F": 2, "N": 2, "O": 3},
            "stdinchi": "1S/C32H43NO4/c1-2",
        },
        "warnings": [
            {
                "code": "inchi_formula_mismatch",
                "field": "chemistry.stdinchi",
                "message": "the InChI's formula is not the element counts' formula",
                "inchi_formula": "C32H43NO4",
            }
        ],
    }
    report = build_report([record])
    assert report["problems"] == [
        {
            "kind": "inchi_formula_mismatch",
            "description": "",
            "records": 1,
            "share": 1.0,
            "rows": 1,
        }
    ]
    (row,) = report["worklist"]
    assert row["value"] == "1S/C32H43NO4/c1-2"
    assert row["expected"] == "C33H44F2N2O3 (element counts)"
    assert row["details"] == {"inchi_formula": "C32H43NO4"}
    from drugparse.report import render_html

    page = Page(render_html(report))
    ((cells, _),) = page.worklist("inchi_formula_mismatch")
    assert "inchi_formula: C32H43NO4" in cells[3]


def test_expected_values_computed_from_the_record() -> None:
    records = [
        {  # caffeine, C8H10N4O2: 194.19 g/mol, stated 200
            "title": "Caffeine",
            "chemistry": {
                "elements": {"C": 8, "H": 10, "N": 4, "O": 2},
                "molar_mass": {"value": 200, "unit": "g/mol"},
                "computed_molar_mass": 194.19,
            },
            "warnings": [
                {"code": "molar_mass_mismatch", "field": "chemistry.molar_mass", "message": "m"}
            ],
        },
        {
            "title": "Clopidogrel",
            "identifiers": {"atc": ["b01ac04"], "cas_supplemental": ["50-78-2", "58-08-1"]},
            "warnings": [
                {"code": "invalid_format", "field": "identifiers.atc", "message": "shape"},
                {
                    "code": "invalid_checksum",
                    "field": "identifiers.cas_supplemental",
                    "message": "m",
                },
                {
                    "code": "invalid_format",
                    "field": "x.y",
                    "message": "m",
                    "expected": "Z",
                    "value": "W",
                },
            ],
        },
    ]
    rows = build_report(records)["worklist"]
    expected = {(r["title"], r["field"]): (r["value"], r["expected"]) for r in rows}
    assert expected == {
        ("Caffeine", "chemistry.molar_mass"): ("200 g/mol", "194.19 g/mol (computed)"),
        ("Clopidogrel", "identifiers.atc"): ("b01ac04", "B01AC04"),
        # 50-78-2 (aspirin) is right; 58-08-1's check digit is 2 (caffeine is 58-08-2)
        ("Clopidogrel", "identifiers.cas_supplemental"): ("50-78-2, 58-08-1", "58-08-2"),
        ("Clopidogrel", "x.y"): ("W", "Z"),
    }


def test_citations_per_article_and_share_with_doi_or_pmid() -> None:
    def cite(**ids: str) -> dict[str, Any]:
        return {"id": "c", "identifiers": ids} if ids else {"id": "c"}

    records: list[dict[str, Any]] = [
        {"title": "A", "citations": [cite(doi="10.1/x", pmid="1"), cite(pmid="2"), cite()]},
        {"title": "B", "citations": [cite(doi="10.1/y"), {"id": "s", "target": "c"}]},
        {"title": "C"},
    ]
    citations = build_report(records)["citations"]
    assert citations["total"] == 4  # the short footnote points at a full citation
    assert (citations["with_doi"], citations["with_pmid"], citations["with_doi_or_pmid"]) == (
        2,
        2,
        3,
    )
    assert citations["share_with_doi_or_pmid"] == 0.75
    assert citations["per_article"] == {"median": 1, "mean": 1.33, "max": 3}
    assert [b["records"] for b in citations["histogram"]][:2] == [1, 2]


def test_unparsed_citation_date_shows_the_date_as_written() -> None:
    record = {
        "title": "A",
        "sections": [{"heading": "History", "level": 2}, {"heading": "Society", "level": 2}],
        "citations": [{"id": "x.1", "date_text": "Spring-ish 2001", "cited_in": ["Society"]}],
        "warnings": [{"code": "unparsed_date", "field": "citations.x.1.date", "message": "m"}],
    }
    (row,) = build_report([record])["worklist"]
    assert (row["value"], row["section"]) == ("Spring-ish 2001", "Society")
    assert row["edit_url"] == WIKI + "A?action=edit&section=2"


def test_links_are_wikipedia_links_whatever_the_record_says() -> None:
    record = {
        "title": 'Evil "drug" <script>',
        "source": {"url": "javascript:alert(1)"},
        "warnings": [{"code": "unbalanced_markup", "field": "page", "message": "<b>x</b>"}],
    }
    (row,) = build_report([record])["worklist"]
    assert row["url"] == WIKI + "Evil_%22drug%22_%3Cscript%3E"
    from drugparse.report import render_html

    html = render_html(build_report([record]))
    assert "javascript:" not in html and "<script>" not in html.replace("<script>\n", "")
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_backtick_spans_of_descriptions_become_code() -> None:
    from drugparse.report.html import code_spans

    assert str(code_spans("kept in `unmapped` <here>")) == (
        "kept in <code>unmapped</code> &lt;here&gt;"
    )
    assert str(code_spans("one ` tick")) == "one ` tick"


def test_every_field_the_report_measures_is_in_the_schema() -> None:
    properties = schema()["properties"]
    for _, path in [*COVERAGE, *(field for _, field in VERIFIED)]:
        node = properties
        for part in path.split("."):
            assert part in node, path
            node = node[part].get("properties", {})


# --- inputs and the command ---------------------------------------------------------------


def test_jsonl_and_a_folder_of_records_give_the_same_numbers(tmp_path: Path) -> None:
    fixtures = [str(p) for p in sorted(FIXTURES.glob("*.wiki"))]
    assert run_cli("convert", *fixtures, "-o", str(tmp_path / "r.jsonl")).returncode == 0
    folder = tmp_path / "records"
    assert run_cli("convert", str(FIXTURES), "-o", str(folder), "--format", "json").returncode == 0
    reports = []
    for source in (tmp_path / "r.jsonl", folder):
        result = run_cli("report", str(source), "--format", "json")
        assert result.returncode == 0, result.stderr
        reports.append(json.loads(result.stdout))
    assert reports[0]["summary"] == reports[1]["summary"]
    assert reports[0]["summary"]["records"] == 6
    assert reports[0]["problems"] == reports[1]["problems"]


def test_the_tables_of_convert_give_the_numbers_of_its_json_lines(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    pytest.importorskip("duckdb")
    fixtures = [str(p) for p in sorted(FIXTURES.glob("*.wiki"))]
    outputs = {
        "jsonl": ["-o", str(tmp_path / "r.jsonl")],
        "duckdb": ["-o", str(tmp_path / "r.duckdb")],
        "parquet file": ["-o", str(tmp_path / "r.parquet")],
        "parquet folder": ["-o", str(tmp_path / "tables"), "--format", "parquet"],
    }
    reports = {}
    for kind, args in outputs.items():
        assert run_cli("convert", *fixtures, *args).returncode == 0
        result = run_cli("report", args[1], "--format", "json")
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert report.pop("inputs") == [args[1]]
        reports[kind] = report
    assert reports["jsonl"]["summary"] == {
        "pages_read": 6,
        "records": 6,
        "failed_pages": 0,
        "records_with_problems": 4,
        "share_with_problems": 0.6667,
    }
    assert len(reports["jsonl"]["worklist"]) == 13
    for kind in ("duckdb", "parquet file", "parquet folder"):
        assert reports[kind] == reports["jsonl"], kind
    # The other tables are no records: the message says which table is
    result = run_cli("report", str(tmp_path / "r.citations.parquet"), "--format", "json")
    assert result.returncode == 2 and "no record column: not the drugs table" in result.stderr


def test_tables_without_the_tables_extra_say_how_to_install_it(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    assert run_cli("convert", str(FIXTURES), "-o", str(tmp_path / "r.duckdb")).returncode == 0
    code = (
        "import sys; sys.modules['duckdb'] = sys.modules['pyarrow'] = None; "
        "from drugparse.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    command = [sys.executable, "-c", code, "report", str(tmp_path / "r.duckdb"), "--format", "json"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"drugparse: {tmp_path / 'r.duckdb'}: tables need duckdb: pip install 'drugparse[tables]'"
    )


def test_bad_inputs_are_usage_errors(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.json").write_text("{}")
    (mixed / "b.wiki").write_text("{{Drugbox}}")
    result = run_cli("report", str(mixed), "--format", "json")
    assert result.returncode == 2 and "both record files and wikitext files" in result.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "A"}\nnot json\n')
    result = run_cli("report", str(bad), "--format", "json")
    assert result.returncode == 2 and f"{bad}:2: not JSON" in result.stderr
    assert run_cli("report", str(tmp_path / "absent.jsonl")).returncode == 2


def test_without_jinja2_html_says_how_to_install_it_and_json_still_works(tmp_path: Path) -> None:
    records = tmp_path / "r.jsonl"
    records.write_text('{"title": "A"}\n')
    code = (
        "import sys; sys.modules['jinja2'] = None; from drugparse.cli import main; "
        "sys.exit(main(sys.argv[1:]))"
    )

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", code, "report", str(records), *args]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)

    html = run("-o", str(tmp_path / "r.html"))
    assert html.returncode == 2
    assert "pip install 'drugparse[report]'" in html.stderr
    assert not (tmp_path / "r.html").exists()
    assert json.loads(run("--format", "json").stdout)["summary"]["records"] == 1
