"""The command line, run as a real subprocess: exit codes, messages, validate, schema."""

from __future__ import annotations

import json

import pytest

from .conftest import run_cli as run


def test_convert_reads_standard_input(imiglucerase_text):
    result = run("convert", "-", "--format", "jsonl", stdin=imiglucerase_text)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert json.loads(result.stdout)["identifiers"]["cas"] == "154248-97-2"


def test_file_without_infobox_exits_1_naming_the_file(tmp_path):
    page = tmp_path / "Aspirin history.wiki"
    page.write_text("'''Aspirin''' is old.\n[[Category:Drugs]]\n", "utf-8")
    result = run("convert", str(page))
    assert result.returncode == 1
    assert "Aspirin history.wiki" in result.stderr and "no drug infobox" in result.stderr
    assert result.stdout == ""


def test_missing_file_is_exit_2(tmp_path):
    result = run("convert", str(tmp_path / "absent.wiki"))
    assert result.returncode == 2
    assert "absent.wiki" in result.stderr


def test_title_falls_back_to_the_file_name(tmp_path):
    page = tmp_path / "Mystery drug.wiki"
    page.write_text("{{Infobox drug | CAS_number = 50-00-0 }}\n", "utf-8")
    result = run("convert", str(page), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Mystery drug"


def test_validate_accepts_a_converted_record(tmp_path):
    record = run("convert", "fixtures/imiglucerase.wiki", "--format", "json").stdout
    (tmp_path / "a.json").write_text(record, "utf-8")
    yaml_record = run("convert", "fixtures/imiglucerase.wiki").stdout
    (tmp_path / "a.yaml").write_text(yaml_record, "utf-8")
    result = run("validate", str(tmp_path / "a.json"), str(tmp_path / "a.yaml"))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda r: r["identifiers"].update(cas="154248 97 2"), "identifiers.cas"),
        (lambda r: r["identifiers"].update(colour="red"), "identifiers"),
        (lambda r: r.update(extra=1), "(record)"),
        (lambda r: r["citations"][0].pop("id"), "citations.0"),
    ],
)
def test_validate_rejects_a_broken_record_naming_the_path(tmp_path, change, path):
    record = json.loads(run("convert", "fixtures/imiglucerase.wiki", "--format", "json").stdout)
    change(record)
    (tmp_path / "bad.json").write_text(json.dumps(record), "utf-8")
    result = run("validate", str(tmp_path / "bad.json"))
    assert result.returncode == 1
    assert f"bad.json: {path}:" in result.stderr


def test_validate_reads_json_lines_and_names_the_line(tmp_path):
    good = run("convert", "fixtures/imiglucerase.wiki", "--format", "jsonl").stdout
    bad = json.loads(good)
    bad["title"] = ""
    (tmp_path / "all.jsonl").write_text(good + json.dumps(bad) + "\n", "utf-8")
    result = run("validate", str(tmp_path / "all.jsonl"))
    assert result.returncode == 1
    assert "all.jsonl:2: title:" in result.stderr
    assert "all.jsonl:1" not in result.stderr


def test_schema_command_prints_the_schema():
    result = run("schema")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["properties"]["schema_version"]["const"] == "1.1.0"


def test_bad_usage_is_exit_2():
    assert run("convert").returncode == 2
    assert run("frobnicate").returncode == 2
