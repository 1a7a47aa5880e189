"""The library as a type checker sees it: typed calls, no ``Any`` from lazy names, record
types that match the schema."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from .conftest import ROOT

needs_mypy = pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None, reason="mypy is not installed (pip install '.[test]')"
)


def mypy(*paths: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--follow-imports=silent",
            "--no-error-summary",
            *paths,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )


def test_record_types_are_generated_from_the_schema_and_have_not_drifted():
    result = subprocess.run(
        [sys.executable, "tools/gen_record_types.py", "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_record_types_have_every_key_of_the_schema():
    import drugparse
    from drugparse.record import DrugRecord

    properties = drugparse.schema()["properties"]
    assert set(DrugRecord.__required_keys__) == {"schema_version", "title", "source"}
    assert set(DrugRecord.__annotations__) == set(properties)


@needs_mypy
def test_every_documented_api_call_passes_mypy_strict(tmp_path):
    misspelt = tmp_path / "misspelt.py"
    misspelt.write_text(
        "import drugparse\n"
        "drugparse.convert_page([], jobs=1)\n"  # no such name: an error, not Any
        "drugparse.Page(1, 'text')\n"  # a lazy name with its real signature
        "x: int = drugparse.parse('{{Drugbox}}')['title']\n",  # the record's key types
        "utf-8",
    )
    result = mypy("tests/typing/api_usage.py", str(misspelt))
    lines = result.stdout.splitlines()
    assert [line for line in lines if "api_usage.py" in line] == []
    assert any('has no attribute "convert_page"' in line for line in lines), result.stdout
    assert any("misspelt.py:3:" in line and '"Page"' in line for line in lines), result.stdout
    assert any("misspelt.py:4:" in line for line in lines), result.stdout
