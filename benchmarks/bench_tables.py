"""The cost of writing tables (Parquet, DuckDB) against writing JSON Lines, in one run.

Builds a dump of drug pages only (``--pages`` pages varied from ../shared/corpus and
fixtures/, as bench_batch.py varies them), so that writing weighs as much as it can
against parsing, then prints medians of ``--repeat`` interleaved runs:

(a) end to end, ``drugparse convert DUMP --jobs N`` to ``-o drugs.jsonl``,
    ``-o tables --format parquet`` and ``-o drugs.duckdb``: records/s and the time
    each table format adds to the JSON Lines run;
(b) writing alone, in this process, from the same records already parsed: JSON Lines
    lines to a file, :func:`drugparse.to_tables` (Arrow tables in memory), and the
    Parquet and DuckDB writers of ``convert`` (JSON Lines text in, as ``convert`` feeds
    them): records/s.

Run: ``python benchmarks/bench_tables.py [--pages 2000] [--repeat 3] [--jobs 2]``
(needs the ``tables`` extra).
"""

from __future__ import annotations

import argparse
import bz2
import io
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import HEADER, WORDS, drug_articles, filler, page_xml  # noqa: E402

import drugparse  # noqa: E402
from drugparse.tabular.sinks import DuckDBWriter, ParquetWriter, parquet_paths  # noqa: E402
from drugparse.write import dumps  # noqa: E402


def write_dump(path: Path, pages: int, seed: int = 1) -> list[tuple[str, str]]:
    """A bz2 dump of ``pages`` drug pages; returns their (title, text)."""
    rng = random.Random(seed)
    articles = drug_articles()
    made = []
    for number in range(pages):
        base = articles[number % len(articles)]
        text = base.replace("]]", f"]] {rng.choice(WORDS)}", 1) + filler(rng, 500)
        made.append((f"Drug {number + 1}", text))
    xml = HEADER + "".join(page_xml(t, x, n + 1) for n, (t, x) in enumerate(made))
    path.write_bytes(bz2.compress((xml + "</mediawiki>\n").encode()))
    return made


def convert(dump: Path, output: Path, jobs: int, fmt: str | None = None) -> float:
    """Wall seconds of ``drugparse convert`` as a subprocess."""
    command = [sys.executable, "-m", "drugparse", "convert", str(dump), "-o", str(output)]
    command += ["--jobs", str(jobs), "--no-progress"] + (["--format", fmt] if fmt else [])
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def clear(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def end_to_end(dump: Path, folder: Path, jobs: int, repeat: int) -> dict[str, list[float]]:
    outputs = {
        "jsonl": (folder / "drugs.jsonl", None),
        "parquet": (folder / "tables", "parquet"),
        "duckdb": (folder / "drugs.duckdb", None),
    }
    times: dict[str, list[float]] = {name: [] for name in outputs}
    for _ in range(repeat):
        for name, (output, fmt) in outputs.items():
            clear(output)
            times[name].append(convert(dump, output, jobs, fmt))
    return times


def writing_alone(lines: list[str], folder: Path, repeat: int) -> dict[str, list[float]]:
    records = [json.loads(line) for line in lines]
    drugparse.to_tables(records[:1])  # imports and the layout, once, as a long run pays them
    times: dict[str, list[float]] = {"jsonl": [], "to_tables": [], "parquet": [], "duckdb": []}
    for _ in range(repeat):
        started = time.perf_counter()
        with open(folder / "w.jsonl", "w", encoding="utf-8") as out:
            for record in records:
                out.write(dumps(record, "jsonl"))
        times["jsonl"].append(time.perf_counter() - started)

        started = time.perf_counter()
        drugparse.to_tables(records)
        times["to_tables"].append(time.perf_counter() - started)

        clear(folder / "w-tables")
        started = time.perf_counter()
        parquet = ParquetWriter(parquet_paths(folder / "w-tables", folder=True))
        for line in lines:
            parquet.write(None, line)
        parquet.close()
        times["parquet"].append(time.perf_counter() - started)

        clear(folder / "w.duckdb")
        started = time.perf_counter()
        database = DuckDBWriter(folder / "w.duckdb")
        for line in lines:
            database.write(None, line)
        database.close()
        times["duckdb"].append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        dump = folder / "drugs.xml.bz2"
        write_dump(dump, args.pages)
        convert(dump, folder / "reference.jsonl", args.jobs)
        lines = (folder / "reference.jsonl").read_text("utf-8").splitlines(keepends=True)
        count = len(lines)
        size = sum(len(line.encode()) for line in lines)
        print(f"{args.pages} drug pages, {count} records, {size / 1e6:.1f} MB of JSON Lines")

        print(f"\n(a) drugparse convert --jobs {args.jobs}, medians of {args.repeat} runs")
        print("| output | seconds | records/s | vs JSON Lines |")
        print("|---|---|---|---|")
        times = end_to_end(dump, folder, args.jobs, args.repeat)
        base = statistics.median(times["jsonl"])
        for name, runs in times.items():
            median = statistics.median(runs)
            extra = f"+{median - base:.2f} s ({median / base:.2f}x)" if name != "jsonl" else "-"
            print(f"| {name} | {median:.2f} | {count / median:,.0f} | {extra} |")

        print(f"\n(b) writing alone, from the {count} records, medians of {args.repeat} runs")
        print("| writer | seconds | records/s |")
        print("|---|---|---|")
        buffer = io.StringIO()
        for name, runs in writing_alone(lines, folder, args.repeat).items():
            median = statistics.median(runs)
            print(f"| {name} | {median:.3f} | {count / median:,.0f} |", file=buffer)
        print(buffer.getvalue(), end="")


if __name__ == "__main__":
    main()
