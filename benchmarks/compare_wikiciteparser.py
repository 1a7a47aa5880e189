"""Compare drugparse's ``parse_cite`` with ``wikiciteparser`` (the real CS1 Lua module via lupa).

Run from the repository root, with the ``compare`` extra installed::

    pip install -e .[compare]
    python benchmarks/compare_wikiciteparser.py [--shared ../shared] [--details out.jsonl]

Reads every citation template in ``peer/enwiki-minidump-27pages.xml.bz2`` and
``corpus/*.wiki`` under the shared folder, parses each with both, and prints, side by
side: per-field agreement (title, date, author count and last names, periodical, volume,
issue, pages, doi, pmid, pmc, isbn) over the templates both parsed, and citations per
second of each. Values are compared after folding the conventions the two differ on by
design (see ``_fold``), so a disagreement is a difference in reading, not in spelling.
"""

from __future__ import annotations

import argparse
import bz2
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from drugparse.extract.cite import is_cite_template, parse_cite
from drugparse.wikitext import parse_wikitext

FIELDS = (
    "title",
    "date",
    "authors_count",
    "authors_last",
    "periodical",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "pmc",
    "isbn",
)
# CS1 renders |encyclopedia= as the periodical; wikiciteparser reports it so.
_PERIODICALS = ("journal", "magazine", "newspaper", "website", "work", "encyclopedia")
_DASHES = re.compile(r"\s*[–—−-]\s*")


def read_pages(shared: Path) -> list[tuple[str, str]]:
    """(source name, wikitext) for each page of the minidump and each corpus file."""
    pages = []
    dump = shared / "peer" / "enwiki-minidump-27pages.xml.bz2"
    title = None
    with bz2.open(dump) as stream:
        for _, element in ET.iterparse(stream):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "title":
                title = element.text
            elif tag == "text" and element.text:
                pages.append((f"minidump:{title}", element.text))
            if tag == "page":
                element.clear()
    for path in sorted((shared / "corpus").glob("*.wiki")):
        pages.append((f"corpus:{path.name}", path.read_text(encoding="utf-8")))
    return pages


def citation_templates(pages):
    for source, text in pages:
        for template in parse_wikitext(text).filter_templates():
            if is_cite_template(str(template.name)):
                yield source, template


def ours_view(result) -> dict:
    """The compared fields of a ``parse_cite`` result."""
    if result is None:
        return {}
    fields, _ = result
    ids = fields.get("identifiers", {})
    authors = fields.get("authors", [])
    periodical = next((fields[k] for k in _PERIODICALS if k in fields), None)
    return _fold(
        {
            "title": fields.get("title"),
            "date": fields.get("date"),
            "authors_count": len(authors) or None,
            "authors_last": [a.get("last", a["name"]) for a in authors] or None,
            "periodical": periodical,
            "volume": fields.get("volume"),
            "issue": fields.get("issue"),
            "pages": fields.get("pages") or fields.get("at"),
            "doi": ids.get("doi"),
            "pmid": ids.get("pmid"),
            "pmc": ids.get("pmc"),
            "isbn": ids.get("isbn"),
        }
    )


def theirs_view(result) -> dict:
    """The compared fields of a wikiciteparser result."""
    if not result:
        return {}
    ids = result.get("ID_list", {})
    authors = result.get("Authors", [])
    return _fold(
        {
            "title": result.get("Title"),
            "date": result.get("Date"),
            "authors_count": len(authors) or None,
            "authors_last": [a.get("last") or a.get("first", "") for a in authors] or None,
            "periodical": result.get("Periodical"),
            "volume": result.get("Volume"),
            "issue": result.get("Issue"),
            "pages": result.get("Pages") or result.get("At"),
            "doi": ids.get("DOI"),
            "pmid": ids.get("PMID"),
            "pmc": ids.get("PMC"),
            "isbn": ids.get("ISBN"),
        }
    )


def _fold(view: dict) -> dict:
    """Conventions that differ by design, folded away before comparing.

    - pages: wikiciteparser writes ranges with a hyphen, drugparse keeps the en dash.
    - doi: drugparse lower-cases (DOIs are case-insensitive).
    - pmc: drugparse adds the ``PMC`` prefix.
    - isbn: drugparse drops hyphens and spaces.
    - text: whitespace collapsed, surrounding space trimmed.
    """
    out = {}
    for key, value in view.items():
        if isinstance(value, str):
            value = " ".join(value.split())
            if key == "pages":
                value = _DASHES.sub("-", value)
            elif key == "doi":
                value = value.lower()
            elif key == "pmc":
                value = re.sub(r"^(?:PMC)+", "", value, flags=re.IGNORECASE)
            elif key == "isbn":
                value = re.sub(r"[\s-]", "", value).upper()
            value = value or None
        out[key] = value
    return out


def timed(parse, templates) -> tuple[list, float]:
    start = time.perf_counter()
    results = [parse(t) for t in templates]
    return results, time.perf_counter() - start


def compare(shared: Path, details: Path | None) -> int:
    from wikiciteparser.parser import parse_citation_template

    pages = read_pages(shared)
    found = list(citation_templates(pages))
    templates = [t for _, t in found]
    theirs, theirs_seconds = timed(parse_citation_template, templates)
    ours, ours_seconds = timed(parse_cite, templates)

    both = [i for i in range(len(templates)) if ours[i] is not None and theirs[i]]
    only_ours = [i for i in range(len(templates)) if ours[i] is not None and not theirs[i]]
    agree = Counter()
    present = Counter()
    rows = []
    for i in both:
        mine, other = ours_view(ours[i]), theirs_view(theirs[i])
        for key in FIELDS:
            if mine[key] is None and other[key] is None:
                continue
            present[key] += 1
            if mine[key] == other[key]:
                agree[key] += 1
            else:
                rows.append(
                    {
                        "source": found[i][0],
                        "field": key,
                        "ours": mine[key],
                        "theirs": other[key],
                        "wikitext": str(templates[i]),
                    }
                )

    print(f"pages: {len(pages)}  citation templates: {len(templates)}")
    print(
        f"parsed by drugparse: {sum(r is not None for r in ours)}  "
        f"by wikiciteparser: {sum(bool(r) for r in theirs)}  by both: {len(both)}"
    )
    print(
        f"drugparse only (wikiciteparser returned nothing): {len(only_ours)}  "
        f"names: {Counter(_name(templates[i]) for i in only_ours).most_common(5)}"
    )
    print()
    print(f"{'field':<15}{'agree':>8}{'either':>8}{'rate':>9}")
    rates = {}
    for key in FIELDS:
        rates[key] = agree[key] / present[key] if present[key] else 1.0
        print(f"{key:<15}{agree[key]:>8}{present[key]:>8}{rates[key]:>9.1%}")
    print()
    ours_rate = len(templates) / ours_seconds
    theirs_rate = len(templates) / theirs_seconds
    print(f"{'':<15}{'seconds':>10}{'cites/s':>12}")
    print(f"{'drugparse':<15}{ours_seconds:>10.3f}{ours_rate:>12.0f}")
    print(f"{'wikiciteparser':<15}{theirs_seconds:>10.3f}{theirs_rate:>12.0f}")
    print(f"speed-up: {ours_rate / theirs_rate:.1f}x")
    if details:
        with details.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{len(rows)} disagreements written to {details}")
    return 0


def _name(template) -> str:
    return " ".join(str(template.name).split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared"
    parser.add_argument("--shared", type=Path, default=default, help="the shared folder")
    parser.add_argument("--details", type=Path, help="write each disagreement as JSON lines")
    args = parser.parse_args(argv)
    if not (args.shared / "peer").is_dir():
        print(f"no peer data under {args.shared}", file=sys.stderr)
        return 2
    return compare(args.shared, args.details)


if __name__ == "__main__":
    sys.exit(main())
