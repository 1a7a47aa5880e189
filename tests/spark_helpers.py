"""What the Spark tests share (tests/test_spark.py, tests/test_spark_cluster.py): the pages
of their dump and the single-machine reference they are checked against.

Needs no Spark: the reference is ``drugparse convert`` run here.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from drugparse.cli.convert import ConvertOptions, run_convert

from .dumps import FIXTURE

# A drug page that fails: broken markup hides its infobox from the parser (a bad value
# cannot make a page fail any more: issue 13).
BROKEN_CAS = "{{Drugbox\n| drug_name = Brokenase\n| uses = foo<li>bar{{baz}}\n| CAS_number = 1\n}}"
#: The drug records of :func:`sample_pages`, by title.
DRUG_TITLES = ["Imiglucerase", "Imiglucerase & co", "Velaglucerase <alfa>", "Ümlaut-ase"]


def sample_pages() -> list[tuple[Any, ...]]:
    """Four drugs (fixture variations), one failing drug, one unreadable page, and non-drugs."""
    drug = FIXTURE.read_text("utf-8")
    velaglucerase = drug.replace("154248-97-2", "154248-97-3").replace("Imiglucerase", "Vela")
    return [
        ("Imiglucerase", drug, 1714296),
        ("Aspirin", "#REDIRECT [[Acetylsalicylic acid]] {{Drugbox}}", 2, 0, "Acetylsalicylic acid"),
        ("Talk:Imiglucerase", "Why is the {{Drugbox}} so long?", 3, 1),
        ("Ren & Stimpy", "A cartoon. {{Infobox television}}", 4),
        ("Imiglucerase & co", drug.replace("{{Drugbox", "{{Infobox_drug", 1), 5),
        ("Velaglucerase <alfa>", velaglucerase, 6),
        ("Template talk", "We do not use {{tl|Drugbox}} in prose.", 7),
        ("Brokenase", BROKEN_CAS, 8),
        (
            "Ümlaut-ase",
            "{{Infobox drug\n| drug_name = Ümlaut-ase\n| ATC_prefix = A16"
            "\n| ATC_suffix = AB02\n}}\n'''Ümlaut-ase''' is made up.",
            9,
        ),
        ("Bad bytes", b"{{Drugbox | name = \xff\xfe }}", 10),
        ("Plain", "Nothing to see. " * 200, 11),
    ]


def single_machine(path: Path, tmp_path: Path) -> tuple[list[str], list[dict[str, Any]], int]:
    """``drugparse convert DUMP -o out.jsonl --errors errors.jsonl``: lines, errors, status."""
    out, errors = tmp_path / "cli.jsonl", tmp_path / "cli-errors.jsonl"
    options = ConvertOptions(
        (str(path),), output=str(out), errors=str(errors), jobs=0, progress=False
    )
    status = run_convert(options, stderr=io.StringIO())
    lines = out.read_text("utf-8").splitlines(keepends=True)
    return lines, [json.loads(line) for line in errors.read_text("utf-8").splitlines()], status


def by_title(lines: list[str]) -> list[str]:
    """JSON Lines records sorted by title, as spark-convert writes them."""
    return sorted(lines, key=lambda line: json.loads(line)["title"])
