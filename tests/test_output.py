"""Output: safe, distinct file names whatever the title; atomic writes; --resume."""

from __future__ import annotations

import unicodedata

import pytest

from drugparse.batch.writers import DirectoryWriter, FileWriter, atomic_write, safe_name

HOSTILE = [
    "../../etc/x",
    "/etc/passwd",
    "..",
    ".",
    ".hidden",
    "CON",
    "con.txt",
    "Nul",
    "LPT1",
    "a:b",
    "a\\b",
    "tab\there",
    "nul\x00byte",
    "ends with dot.",
    "ends with space ",
    "x" * 300,
    "é" * 200,
    "Imiglucerase",
    "IMIGLUCERASE",
    "imiglucerase",
    "Café",
    unicodedata.normalize("NFD", "Café"),
    "Straße",
    "Strasse",
    "A/B",
    "A_B",
    "A B",
    '?*<>|"',
    "\udcff lone surrogate",
]


def test_plain_titles_keep_their_name():
    assert safe_name("Imiglucerase") == "Imiglucerase"
    assert safe_name("Lithium (medication)") == "Lithium_(medication)"


@pytest.mark.parametrize("title", HOSTILE)
def test_every_name_is_one_safe_component(title):
    name = safe_name(title)
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert name not in (".", "..") and not name.startswith(".")
    assert len((name + "~99.jsonl").encode("utf-8")) <= 255
    assert name.split(".")[0].lower() not in ("con", "nul", "prn", "aux", "lpt1", "com1")
    assert all(ord(c) >= 32 for c in name)


def test_no_two_titles_collide_even_folded_and_normalised():
    names = [safe_name(t) for t in HOSTILE]
    folded = {unicodedata.normalize("NFKC", n).casefold() for n in names}
    assert len(folded) == len(HOSTILE)


def test_directory_writer_stays_inside_and_never_overwrites(tmp_path):
    out = tmp_path / "out"
    writer = DirectoryWriter(out, ".json")
    for number, title in enumerate(HOSTILE + ["Imiglucerase"]):
        writer.write(title, f"{number}\n")
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert all(p.parent == out for p in files)
    assert len(files) == len(HOSTILE) + 1
    assert (out / "Imiglucerase.json").read_text() == "17\n"
    assert (out / "Imiglucerase~2.json").read_text() == f"{len(HOSTILE)}\n"


def test_resume_keeps_existing_files_and_stale_temporaries_go(tmp_path):
    (tmp_path / ".drugparse-tmp-abc").write_text("half a rec")
    (tmp_path / "Aspirin.yaml").write_text("old\n")
    writer = DirectoryWriter(tmp_path, ".yaml", resume=True)
    writer.write("Aspirin", "new\n")
    writer.write("Ibuprofen", "new\n")
    assert (tmp_path / "Aspirin.yaml").read_text() == "old\n"
    assert (tmp_path / "Ibuprofen.yaml").read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Aspirin.yaml", "Ibuprofen.yaml"]


def test_atomic_write_replaces_whole(tmp_path):
    target = tmp_path / "a.json"
    atomic_write(target, "one\n")
    atomic_write(target, "two\n")
    assert target.read_text() == "two\n" and len(list(tmp_path.iterdir())) == 1


def test_file_writer_appears_only_when_closed(tmp_path):
    target = tmp_path / "all.jsonl"
    writer = FileWriter(target)
    writer.write("A", "{}\n")
    assert not target.exists()
    writer.close()
    assert target.read_text() == "{}\n"
    aborted = FileWriter(tmp_path / "never.jsonl")
    aborted.write("B", "{}\n")
    aborted.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.jsonl"]
