"""``--pages``: a run limited to listed titles or page ids gives exactly the full run's records.

The reference is the full run of ``drugparse convert`` on the same file; the
pages asked for are chosen here by hand, by title and by id, and the titles
that come out are written out below.
"""

from __future__ import annotations

import bz2
import io
import json
from pathlib import Path

import pytest

from drugparse.batch import convert_pages, run_work
from drugparse.cli.convert import ConvertOptions, run_convert
from drugparse.sources import Page
from drugparse.sources.decompress import SKIP_ENV
from drugparse.sources.inputs import StreamBlock, StreamEnd, resolve_inputs, work_items
from drugparse.sources.multistream import read_index, wanted_offsets
from drugparse.sources.selection import PageSelection
from tests import test_sources as dumps

DRUG = dumps.FIXTURE.read_text("utf-8")


def pages() -> list[tuple]:
    """24 pages: a drug at every third (ids 100, 103, ...), fillers and a redirect between."""
    found = []
    for n in range(24):
        page_id = 100 + n
        if n % 3 == 0:
            found.append((f"Drug {n}", DRUG.replace("Imiglucerase", f"Drug {n}"), page_id, 0, None))
        elif n % 3 == 1:
            found.append((f"Place {n}", "A town. {{Infobox settlement}}", page_id, 0, None))
        else:
            found.append((f"Old name {n}", "#REDIRECT [[Drug 0]]", page_id, 0, "Drug 0"))
    return found


def write(tmp_path: Path, kind: str) -> Path:
    text = dumps.dump_text(pages())
    if kind == "plain":
        path = tmp_path / "wiki.xml"
        path.write_text(text)
    elif kind == "bz2":
        path = tmp_path / "wiki.xml.bz2"
        path.write_bytes(bz2.compress(text.encode()))
    else:
        path = tmp_path / "wiki-multistream.xml.bz2"
        index = dumps.write_multistream(path, pages(), per_stream=4)
        if kind == "multistream-no-index":
            index.unlink()
    return path


def convert(path: Path, out: Path, listed: list[str] | None = None, jobs: int = 0) -> list[str]:
    page_list = None
    if listed is not None:
        page_list = out.with_suffix(".txt")
        page_list.write_text("".join(line + "\n" for line in listed))
    options = ConvertOptions(
        (str(path),), output=str(out), jobs=jobs, progress=False,
        pages=str(page_list) if page_list else None,
    )  # fmt: skip
    assert run_convert(options, stderr=io.StringIO()) == 0
    return out.read_text("utf-8").splitlines(keepends=True)


def titles(lines: list[str]) -> list[str]:
    return [json.loads(line)["title"] for line in lines]


KINDS = ["plain", "bz2", "multistream", "multistream-no-index"]


@pytest.mark.parametrize("kind", KINDS)
def test_pages_by_title_and_by_id_give_the_full_runs_records(tmp_path, kind):
    path = write(tmp_path, kind)
    full = convert(path, tmp_path / "full.jsonl")
    assert titles(full) == [f"Drug {n}" for n in range(0, 24, 3)]
    # Titles as PetScan and the SQL dumps write them: underscores, any first letter case.
    by_title = convert(path, tmp_path / "t.jsonl", ["drug_3", "Drug 21", "# a comment", ""])
    assert titles(by_title) == ["Drug 3", "Drug 21"]
    assert by_title == [full[1], full[7]]
    by_id = convert(path, tmp_path / "i.jsonl", ["112", "100"])
    assert titles(by_id) == ["Drug 0", "Drug 12"]
    assert by_id == [full[0], full[4]]
    # A listed page that is not a drug article, and a title not in the dump: no record.
    assert convert(path, tmp_path / "n.jsonl", ["Place 4", "Missing", "104"]) == []


def test_multistream_with_index_reads_only_the_streams_that_hold_the_pages(tmp_path):
    path = write(tmp_path, "multistream")
    selection = PageSelection.of(["Drug 9", "113"])  # streams 3 (pages 108-111), 4 (112-115)
    items = list(work_items(resolve_inputs([str(path)]), jobs=1, selection=selection))
    blocks = [i for i in items if isinstance(i, StreamBlock)]
    # The header stream, streams 3 and 4, and the last (pages 120-123 and </mediawiki>),
    # each with its own pages of the list.
    assert len(blocks) == 4 and isinstance(items[-1], StreamEnd)
    assert [(sorted(b.selection.titles), sorted(b.selection.ids)) for b in blocks] == [
        ([], []),
        (["Drug 9"], []),
        ([], [113]),
        ([], []),
    ]
    outcomes = list(run_work(items, jobs=0))
    assert not any(o.failure for o in outcomes)
    assert sum(o.pages_read for o in outcomes) == 12  # of 24
    assert [r.title for o in outcomes for r in o.results] == ["Drug 9"]


@pytest.mark.parametrize("skip", ["", "indexed_bzip2,lbzip2"])
def test_pages_at_two_jobs_whichever_decoder(tmp_path, monkeypatch, skip):
    monkeypatch.setenv(SKIP_ENV, skip)
    for kind in ("multistream", "multistream-no-index"):
        path = write(tmp_path, kind)
        lines = convert(path, tmp_path / f"{kind}.jsonl", ["Drug 6", "118"], jobs=2)
        assert titles(lines) == ["Drug 6", "Drug 18"]


def test_index_offsets_by_title_and_id(tmp_path):
    index = tmp_path / "x-multistream-index.txt.bz2"
    lines = "597:10:AccessibleComputing\n597:12:Anarchism\n6000:13:A:B\n6000:14:B\n90000:15:1984\n"
    index.write_bytes(bz2.compress(lines.encode()))
    assert read_index(index) == [597, 6000, 90000]
    assert wanted_offsets(index, PageSelection.of(["B"])) == [6000]  # not "A:B"'s line
    assert wanted_offsets(index, PageSelection.of(["anarchism", 15])) == [597, 90000]
    # A line of digits is an id and a title: "1984" (id 15) is found by its title too.
    assert wanted_offsets(index, PageSelection.of(["1984"])) == [90000]
    assert wanted_offsets(index, PageSelection.of(["Nothing", 99])) == []


def test_convert_pages_only():
    listed = [Page("Drug A", "{{Drugbox | CAS_number = 50-78-2 }}", page_id=7),
              Page("Drug B", "{{Drugbox | CAS_number = 58-08-2 }}", page_id=8),
              Page("Drug C", "{{Drugbox | CAS_number = 15687-27-1 }}", page_id=9)]  # fmt: skip
    results = list(convert_pages(listed, jobs=0, only=["drug_C", 7]))
    assert [(r.title, r.page_id) for r in results] == [("Drug A", 7), ("Drug C", 9)]


def test_many_wanted_pages_in_one_piece_of_the_index(tmp_path):
    # Over 8 found in a piece: the offsets are picked from the offset column, not searched.
    index = tmp_path / "many-multistream-index.txt"
    lines = [f"{1000 + 10 * (n // 3)}:{n}:Page {n}\n" for n in range(60)]
    lines.insert(5, "1010:not a page id\n")  # a damaged line shifts no column
    index.write_text("".join(lines))
    by_title = PageSelection.of([f"Page {n}" for n in range(0, 60, 6)])  # streams 0, 2, 4, ...
    assert wanted_offsets(index, by_title) == list(range(1000, 1200, 20))
    by_id = PageSelection.of(list(range(30, 45)))  # streams 10 to 14
    assert wanted_offsets(index, by_id) == [1100, 1110, 1120, 1130, 1140]
