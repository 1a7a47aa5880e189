"""Tables: derived from the JSON Schema, written as Parquet and DuckDB, answering the README.

Skipped without the ``tables`` extra (pyarrow, duckdb); the Polars checks need polars
(the ``test`` extra).
"""

from __future__ import annotations

import bz2
import importlib
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
duckdb = pytest.importorskip("duckdb")

import drugparse  # noqa: E402
from drugparse.cli.convert import ConvertOptions, run_convert  # noqa: E402
from drugparse.tabular import arrow_schemas, to_tables  # noqa: E402
from drugparse.tabular.layout import (  # noqa: E402
    KEPT_IN_JSON,
    KEYED,
    build_layout,
    layout,
    schema_leaves,
)
from drugparse.tabular.rows import Columns  # noqa: E402

from . import dumps  # noqa: E402
from .conftest import CORPUS, FIXTURES, PEER, ROOT, corpus_files, needs_corpus, run_cli  # noqa: E402

IMIGLUCERASE = (FIXTURES / "imiglucerase.wiki").read_text("utf-8")

# A made-up analgesic, so that each README question has an answer: ATC N02BE01, a
# half-life of 2-4 days, and a CAS number whose check digit is wrong (103-90-2 is right).
TESTAMOL = """{{Infobox drug
| drug_name = Testamol
| ATC_prefix = N02
| ATC_suffix = BE01
| elimination_half-life = 2–4 days
| CAS_number = 103-90-3
}}
'''Testamol''' is not a real drug.<ref>{{cite journal |last=Roe |first=J |title=On testamol
|journal=J Test |date=2020 |doi=10.1000/testamol}}</ref>

[[Category:Analgesics]]
"""


# --- the layout is the schema's ---------------------------------------------------------


def test_every_schema_leaf_is_a_column_or_kept_in_the_record_json():
    covered = {c.source for table in layout().values() for c in table.all_columns}
    for path in KEYED:  # legal.US.status is the column status of legal_status
        covered |= {
            f"{path}.{key}.{c.source.rsplit('.', 1)[-1]}"
            for key in layout()[KEYED[path][0]].row_keys
            for c in layout()[KEYED[path][0]].columns
        }
    missing = schema_leaves() - covered - KEPT_IN_JSON
    assert not missing, f"schema leaves with no column: {sorted(missing)}"


def test_a_new_schema_field_becomes_a_column():
    document = drugparse.schema()
    identifiers = document["properties"]["identifiers"]["properties"]
    identifiers["wikidata_item"] = {"type": "string", "description": "Q-number"}
    document["$defs"]["measurement"]["properties"]["median"] = {"type": "number"}
    tables = build_layout(document)
    drugs = {c.name: c.kind for c in tables["drugs"].columns}
    assert drugs["wikidata_item"] == "string"
    assert drugs["elimination_half_life_median"] == "float64"
    assert drugs["onset_median"] == "float64"
    assert "wikidata_item" in tables["identifiers"].row_keys
    assert "identifiers.wikidata_item" in schema_leaves(document)
    assert "identifiers.wikidata_item" not in schema_leaves()
    # Once the schema has min_hours (issue 13), the record's value is read, not computed.
    document["$defs"]["measurement"]["properties"]["min_hours"] = {"type": "number"}
    column = next(c for c in build_layout(document)["drugs"].columns if c.name == "onset_min_hours")
    assert column.path == ("pharmacokinetics", "onset", "min_hours") and not column.computed


def test_maps_of_lists_and_maps_of_maps_become_long_tables():
    # The shapes of issue 13's identifiers.additional and identifiers.notes.
    document = drugparse.schema()
    identifiers = document["properties"]["identifiers"]["properties"]
    identifiers["additional"] = {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    }
    identifiers["notes"] = {
        "type": "object",
        "additionalProperties": {
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/text"},
        },
    }
    tables = build_layout(document)
    assert [c.name for c in tables["identifier_notes"].all_columns] == [
        "drug_title",
        "identifier",
        "value",
        "note",
    ]
    columns = Columns(tables=tables)
    columns.add(
        {
            "title": "Aspirin",
            "identifiers": {
                "pubchem_cid": "2244",
                "additional": {"pubchem_cid": ["5462"]},
                "notes": {"cas": {"50-78-2": "free acid"}},
            },
        }
    )
    assert columns.tables["identifier_notes"] == {
        "drug_title": ["Aspirin"],
        "identifier": ["cas"],
        "value": ["50-78-2"],
        "note": ["free acid"],
    }
    assert columns.tables["identifiers_additional"] == {
        "drug_title": ["Aspirin"],
        "identifier": ["pubchem_cid"],
        "values": [["5462"]],
    }


def test_column_types_follow_the_schema():
    schemas = arrow_schemas()
    drugs, citations = schemas["drugs"], schemas["citations"]
    assert drugs.field("title").type == pa.string() and not drugs.field("title").nullable
    assert drugs.field("page_id").type == pa.int64()
    assert drugs.field("cas").type == pa.string()
    assert drugs.field("atc").type == pa.list_(pa.field("element", pa.string()))
    assert drugs.field("molar_mass_value").type == pa.float64()
    assert drugs.field("elimination_half_life_min").type == pa.float64()
    assert drugs.field("elimination_half_life_max_hours").type == pa.float64()
    assert drugs.field("trade_names_incomplete").type == pa.bool_()
    assert not drugs.field("trade_names_incomplete").nullable
    assert drugs.field("citation_count").type == pa.int64()
    assert drugs.field("cas").metadata[b"source"] == b"identifiers.cas"
    assert citations.names[:3] == ["drug_title", "position", "citation_id"]
    assert citations.field("uses").type == pa.int64()
    assert citations.field("year").type == pa.int64()
    assert citations.field("cited_in").type == pa.list_(pa.field("element", pa.string()))
    assert schemas["citation_authors"].names[:3] == ["drug_title", "citation_id", "position"]
    assert schemas["legal_status"].names == [
        "drug_title",
        "jurisdiction",
        "status",
        "status_meaning",
        "comment",
    ]
    assert schemas["elements"].names == ["drug_title", "element", "count"]
    assert schemas["elements"].field("count").type == pa.int64()
    # Every float column is a schema `number`, every int64 an `integer` (or a count/key).
    for name, table in layout().items():
        for column in table.all_columns:
            if column.kind == "float64" and not column.computed:
                assert column.source.rsplit(".", 1)[-1] in {
                    "min",
                    "max",
                    "value",
                    "uncertainty",
                    "computed_molar_mass",
                    "min_hours",
                    "max_hours",
                    "min_celsius",
                    "max_celsius",
                }, (name, column.name)


# --- to_tables on one article, values read from its wikitext ----------------------------


def test_to_tables_of_imiglucerase():
    record = drugparse.parse(IMIGLUCERASE, title="Imiglucerase", page_id=1714296)
    tables = to_tables([record])
    assert set(tables) == set(arrow_schemas())
    for name, table in tables.items():
        assert table.schema.equals(arrow_schemas()[name], check_metadata=True), name
    drug = tables["drugs"].to_pylist()[0]
    assert drug["title"] == "Imiglucerase" and drug["page_id"] == 1714296
    assert drug["cas"] == "154248-97-2" and drug["atc"] == ["A16AB02"]
    assert drug["elimination_half_life_text"] == "3.6-10.4 min"
    # The record's bounds in hours are rounded to 6 decimals (normalise/measurements.py).
    assert drug["elimination_half_life_min_hours"] == pytest.approx(3.6 / 60, abs=1e-6)
    assert drug["elimination_half_life_max_hours"] == pytest.approx(10.4 / 60, abs=1e-6)
    assert drug["formula"] == "C2532H3854N672O711S16"
    assert drug["citation_count"] == 7
    assert json.loads(drug["record"]) == record
    citations = tables["citations"].to_pylist()
    assert [c["citation_id"] for c in citations[:2]] == ["pmid18627336", "pmid17079176"]
    assert [c["year"] for c in citations] == [2008, 2007, 1978, None, 2009, None, 2009]
    assert citations[0]["doi"] == "10.1517/14656566.9.11.1987"
    assert citations[0]["pmid"] == "18627336" and citations[0]["cited_in"] == ["lead"]
    assert {c["role"] for c in citations} == {"reference"}
    authors = tables["citation_authors"].to_pylist()
    # Weinreb; 5 vauthors; Pentchev and 4 numbered; Engelberg, Kesselheim, Avorn; Ailworth, Weisman
    assert len(authors) == 16
    assert authors[1] == {
        "drug_title": "Imiglucerase",
        "citation_id": "pmid17079176",
        "position": 1,
        "name": "Starzyk K",
        "last": "Starzyk",
        "first": "K",
        "link": None,
    }
    assert tables["categories"].column("category").to_pylist() == [
        "Drugs acting on the gastrointestinal system and metabolism",
        "Orphan drugs",
        "Recombinant proteins",
    ]
    assert tables["atc_codes"].to_pylist() == [
        {"drug_title": "Imiglucerase", "position": 1, "code": "A16AB02"}
    ]
    cas = [r for r in tables["identifiers"].to_pylist() if r["identifier"] == "cas"]
    assert cas == [
        {
            "drug_title": "Imiglucerase",
            "identifier": "cas",
            "position": 1,
            "value": "154248-97-2",
            "wikidata_property": "P231",
            "check_digit_ok": True,
        }
    ]


def test_to_tables_of_nothing_gives_every_table_empty():
    tables = to_tables([])
    assert set(tables) == set(arrow_schemas()) and all(t.num_rows == 0 for t in tables.values())


def test_whole_numbers_in_number_fields_are_floats_in_json_and_yaml(tmp_path):
    caffeine = FIXTURES / "caffeine-chembox.wiki"  # | elimination_half-life = 3 to 7 hours
    line = run_cli("convert", str(caffeine), "--format", "jsonl").stdout
    assert (
        '"elimination_half_life":{"text":"3 to 7 hours","min":3.0,"max":7.0,"unit":"h","min_hours":3.0,"max_hours":7.0}'
        in line
    )
    assert '"C":8,' in line  # integer fields (element counts) stay integers
    yaml_text = run_cli("convert", str(caffeine)).stdout
    assert "    min: 3.0\n    max: 7.0\n" in yaml_text


@needs_corpus
def test_polars_reads_the_corpus_json_lines(tmp_path):
    pl = pytest.importorskip("polars")
    out = tmp_path / "corpus.jsonl"
    options = ConvertOptions((str(CORPUS), str(FIXTURES)), output=str(out), jobs=0, progress=False)
    run_convert(options, stderr=io.StringIO())
    frame = pl.read_ndjson(out)  # before issue 15: "cannot parse '3.6' (f64) as i64"
    assert frame.height == len(out.read_text("utf-8").splitlines())
    half_life = frame.schema["pharmacokinetics"].to_schema()["elimination_half_life"]
    assert half_life.to_schema()["min"] == pl.Float64


# --- a dump of the corpus, the fixtures and the peer pages ------------------------------


def _peer_pages() -> list[tuple]:
    """Every page of ../shared/peer's dumps: (title, text, page_id, ns, redirect)."""
    pages = []
    for path in sorted(PEER.glob("*.xml.bz2")) if PEER.is_dir() else []:
        with bz2.open(path) as stream:
            for _, element in ET.iterparse(stream):
                if element.tag.rsplit("}", 1)[-1] != "page":
                    continue
                field = {child.tag.rsplit("}", 1)[-1]: child for child in element}
                text = next((t.text or "" for t in element.iter() if t.tag.endswith("}text")), "")
                redirect = field.get("redirect")
                pages.append(
                    (
                        field["title"].text,
                        text,
                        1000 + len(pages),
                        int(field["ns"].text),
                        redirect.get("title") if redirect is not None else None,
                    )
                )
                element.clear()
    return pages


def _dump_pages() -> list[tuple]:
    pages = [(p.stem, p.read_text("utf-8"), n, 0, None) for n, p in enumerate(corpus_files(), 1)]
    for n, path in enumerate(sorted(FIXTURES.glob("*.wiki")), 100):
        title = f"{path.stem.capitalize()} (fixture)"
        pages.append((title, path.read_text("utf-8"), n, 0, None))
    pages.append(("Testamol", TESTAMOL, 200, 0, None))
    return pages + _peer_pages()


def _convert(dump: Path, output: Path, fmt: str | None = None) -> int:
    options = ConvertOptions((str(dump),), output=str(output), fmt=fmt, jobs=0, progress=False)
    return run_convert(options, stderr=io.StringIO())


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """The dump converted to JSON Lines, a DuckDB file (as a subprocess, --jobs 2),
    a Parquet folder twice, and OUT.parquet."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    folder = tmp_path_factory.mktemp("tables")
    dump = folder / "drugs-multistream.xml.bz2"
    dumps.write_multistream(dump, _dump_pages(), per_stream=7)
    assert _convert(dump, folder / "drugs.jsonl") == 0
    done = run_cli("convert", str(dump), "-o", str(folder / "drugs.duckdb"), "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert _convert(dump, folder / "tables", "parquet") == 0
    assert _convert(dump, folder / "again", "parquet") == 0
    assert _convert(dump, folder / "one" / "drugs.parquet") == 0
    assert run_cli("convert", str(dump), "-o", str(folder / "again.duckdb")).returncode == 0
    records = [
        json.loads(line) for line in (folder / "drugs.jsonl").read_text("utf-8").splitlines()
    ]
    return folder, records


def _rows(connection, name: str) -> list[tuple]:
    return connection.sql(f'SELECT * FROM "{name}"').fetchall()


def test_parquet_files_hold_the_declared_schema(outputs):
    folder, _ = outputs
    for name, schema in arrow_schemas().items():
        read = pq.read_schema(folder / "tables" / f"{name}.parquet")
        assert read.equals(schema, check_metadata=True), name


def test_polars_reads_the_parquet_files_under_a_strict_schema(outputs):
    pl = pytest.importorskip("polars")
    folder, _ = outputs
    for name, schema in arrow_schemas().items():
        declared = pl.from_arrow(schema.empty_table()).schema
        frame = pl.read_parquet(folder / "tables" / f"{name}.parquet", schema=declared)
        assert frame.schema == declared, name
    citations = pl.read_parquet(folder / "tables" / "citations.parquet")
    assert citations.schema["year"] == pl.Int64
    assert citations.schema["cited_in"] == pl.List(pl.String)
    assert citations.schema["uses"] == pl.Int64


def test_row_counts_match_the_json_lines_records(outputs):
    folder, records = outputs
    # 9 corpus articles, 6 fixtures (broken-page.wiki too), Testamol; no peer page is a drug
    assert len(records) == 16
    expected = {
        "drugs": len(records),
        "citations": sum(len(r.get("citations", [])) for r in records),
        "citation_authors": sum(
            len(c.get("authors", [])) for r in records for c in r.get("citations", [])
        ),
        "categories": sum(len(r.get("categories", [])) for r in records),
        "warnings": sum(len(r.get("warnings", [])) for r in records),
        "atc_codes": sum(len(r.get("identifiers", {}).get("atc", [])) for r in records),
        "legal_status": sum(
            1 for r in records for k, v in r.get("legal", {}).items() if isinstance(v, dict)
        ),
        "elements": sum(len(r.get("chemistry", {}).get("elements", {})) for r in records),
    }
    tables = {name: pq.read_table(folder / "tables" / f"{name}.parquet") for name in expected}
    assert {name: t.num_rows for name, t in tables.items()} == expected
    assert expected["citations"] > 40 and expected["citation_authors"] > 40
    assert expected["warnings"] > 10 and expected["categories"] > 20
    # Every warning is there with its record's drug title, in order.
    assert tables["warnings"].select(["drug_title", "code", "field", "message"]).to_pylist() == [
        {"drug_title": r["title"], **w} for r in records for w in r.get("warnings", [])
    ]
    assert tables["drugs"].column("title").to_pylist() == [r["title"] for r in records]


def test_duckdb_and_parquet_hold_the_same_rows(outputs):
    folder, _ = outputs
    with duckdb.connect(str(folder / "drugs.duckdb"), read_only=True) as connection:
        names = {row[0] for row in connection.sql("SHOW TABLES").fetchall()}
        assert names == set(arrow_schemas())
        for name in arrow_schemas():
            parquet = pq.read_table(folder / "tables" / f"{name}.parquet").to_pylist()
            assert _rows(connection, name) == [tuple(row.values()) for row in parquet], name
        columns = connection.sql("DESCRIBE citations").fetchall()
        assert ("year", "BIGINT") in [(c[0], c[1]) for c in columns]
        comment = connection.sql(
            "SELECT comment FROM duckdb_columns() WHERE table_name = 'drugs'"
            " AND column_name = 'cas'"
        ).fetchall()[0]
        assert comment[0].startswith("CAS Registry Number")


def test_two_runs_give_the_same_parquet_bytes_and_duckdb_rows(outputs):
    folder, _ = outputs
    for name in arrow_schemas():
        first = (folder / "tables" / f"{name}.parquet").read_bytes()
        assert first == (folder / "again" / f"{name}.parquet").read_bytes(), name
    # DuckDB's file headers differ from run to run: the rows do not.
    with (
        duckdb.connect(str(folder / "drugs.duckdb"), read_only=True) as one,
        duckdb.connect(str(folder / "again.duckdb"), read_only=True) as two,
    ):
        for name in arrow_schemas():
            assert _rows(one, name) == _rows(two, name), name


def test_out_parquet_is_the_drugs_table_with_its_siblings(outputs):
    folder, _ = outputs
    one = folder / "one"
    assert sorted(p.name for p in one.iterdir()) == sorted(
        ["drugs.parquet"] + [f"drugs.{name}.parquet" for name in arrow_schemas() if name != "drugs"]
    )
    assert (one / "drugs.parquet").read_bytes() == (
        folder / "tables" / "drugs.parquet"
    ).read_bytes()
    citations = (one / "drugs.citations.parquet").read_bytes()
    assert citations == (folder / "tables" / "citations.parquet").read_bytes()


def _readme_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## Use the data\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.DOTALL)


def _as_rows(value) -> list:
    """DuckDB tuples, pandas frames, Polars frames and series, lists -> plain rows."""
    if hasattr(value, "itertuples"):  # pandas
        return [tuple(row) for row in value.itertuples(index=False)]
    if hasattr(value, "rows"):  # Polars DataFrame
        return value.rows()
    if hasattr(value, "to_list"):  # Polars Series
        return value.to_list()
    return [row[0] if isinstance(row, tuple) and len(row) == 1 else row for row in value]


def test_the_readme_queries_answer_in_duckdb_pandas_and_polars(outputs, monkeypatch):
    folder, records = outputs
    monkeypatch.chdir(folder)
    blocks = _readme_blocks()
    assert [re.match(r"import (\w+)", b).group(1) for b in blocks] == ["duckdb", "pandas", "polars"]
    dois = sorted(
        {
            c["identifiers"]["doi"]
            for r in records
            for c in r.get("citations", [])
            if "doi" in c.get("identifiers", {})
        }
    )
    assert "10.1517/14656566.9.11.1987" in dois and "10.1000/testamol" in dois
    expected = {
        "n02": ["Testamol"],
        "dois": dois,
        # Adalimumab: | elimination_half-life = 10–20 days; Testamol: 2–4 days.
        "long_half_life": [("Adalimumab (fixture)", "10–20 days"), ("Testamol", "2–4 days")],
        # broken-page.wiki: | CAS_number = 50-00-1 (50-00-0 is formaldehyde's).
        "bad_cas": [("Broken-page (fixture)", "50-00-1"), ("Testamol", "103-90-3")],
    }
    for block in blocks:
        library = block.split()[1]
        if library != "duckdb" and importlib.util.find_spec(library) is None:
            continue
        namespace: dict = {}
        exec(compile(block, f"README.md ({library})", "exec"), namespace)
        answers = {name: _as_rows(namespace[name]) for name in expected}
        assert answers == expected, library
        namespace.get("db") and namespace["db"].close()


def test_table_formats_need_a_file_and_the_extra(tmp_path):
    drug = str(FIXTURES / "imiglucerase.wiki")
    done = run_cli("convert", drug, "--format", "parquet")
    assert done.returncode == 2 and "give -o" in done.stderr
    code = (
        "import sys; sys.modules['pyarrow'] = None; sys.modules['duckdb'] = None\n"
        "from drugparse.cli import main\n"
        f"sys.exit(main(['convert', {drug!r}, '-o', {str(tmp_path / 'x.duckdb')!r}]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 2
    assert "pip install 'drugparse[tables]'" in done.stderr
    assert list(tmp_path.iterdir()) == []
