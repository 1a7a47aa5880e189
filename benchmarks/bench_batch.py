"""Batch conversion of real-page dumps: drugparse's own CPU, end-to-end against the decoder
alone, ``--pages`` against a full run, start-up, peak RSS.

The dumps are made by :mod:`realdump` from the real pages of
``../shared/peer/enwiki-gensim-206pages.xml.bz2`` (repeated with new ids and
titles) and the corpus and fixture drug articles, at enwiki's drug density
(0.06% of pages) and at 0.5%: plain XML, single-stream bz2, multistream bz2
with its index, gzip. One run prints, side by side:

(a) drugparse's own CPU per 150 MB: ``convert`` of the plain XML (start-up
    included), at ``--jobs 0`` and ``--jobs 1``, at both densities; and for
    gzip, convert's CPU less the decoder's alone;
(b) end-to-end MB/s of XML against the fastest decoder drugparse has, alone
    (the same :func:`~drugparse.sources.decompress.decompressed_chunks`, in a
    process of its own), at ``--jobs 1`` and ``--jobs 2`` (decoder threads = jobs),
    single stream, multistream and gzip; multistream at ``--jobs 2`` against its
    blocks decompressed in 2 processes (as convert's workers do), with
    ``indexed_bzip2`` and with Python's ``bz2`` alone (``DRUGPARSE_SKIP_DECODERS``);
(c) ``--pages`` (the drug pages' titles) against a full run on a larger multistream
    dump with its index, and the records compared byte for byte; the index of
    2.3 M lines read (offsets; the wanted streams by title and by id);
(d) start-up of a one-file convert (``fixtures/imiglucerase.wiki``);
(e) peak RSS of the largest process of a ``--jobs 2`` run, for both dump sizes;
(f) with ``--parse-ratio`` / ``--readers``: ``drugparse.parse`` against bare
    mwparserfromhell, and the byte splitter against ``iterparse``/mwxml.

Wall times are medians of ``--repeat`` side-by-side runs; CPU seconds are the
steadier figure on a shared machine (the load average is printed per row).

Run: ``python benchmarks/bench_batch.py [--mb 150] [--big-mb 500] [--repeat 3] [--keep DIR]``
(``--keep`` builds the dumps there once and reuses them; ``--code DIR`` runs
the convert of another checkout).
"""

from __future__ import annotations

import argparse
import bz2
import multiprocessing
import os
import random
import resource
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

import realdump  # noqa: E402

from drugparse.sources.decompress import decoder_for, decompressed_chunks  # noqa: E402
from drugparse.sources.multistream import (  # noqa: E402
    block_spans,
    decompress_block,
    read_index,
    wanted_offsets,
)
from drugparse.sources.selection import PageSelection  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PER = 150e6  # "per 150 MB"
BZ2_ONLY = {"DRUGPARSE_SKIP_DECODERS": "indexed_bzip2,lbzip2"}


def _cpu() -> float:
    """CPU seconds of this process's waited-for children so far."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def timed(command: list[str], code: Path, env: dict[str, str] | None = None) -> dict:
    """Run ``command``: wall and CPU seconds (its whole process tree), peak RSS (KB), stderr."""
    command = ["/usr/bin/time", "-f", "%M", *command] if Path("/usr/bin/time").exists() else command
    environment = {**os.environ, "PYTHONPATH": str(code), **(env or {})}
    cpu = _cpu()
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=code, env=environment)
    wall = time.perf_counter() - started
    lines = result.stderr.strip().splitlines()
    rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command} failed: {result.stderr[-2000:]}")
    return {"wall": wall, "cpu": _cpu() - cpu, "rss": rss, "stderr": result.stderr}


def convert(path: Path, jobs: int, out: Path, code: Path, *extra: str, env=None) -> dict:
    if out.exists():
        out.unlink()
    command = [sys.executable, "-m", "drugparse", "convert", str(path), "-o", str(out)]
    return timed([*command, "--jobs", str(jobs), "--no-progress", *extra], code, env)


_DRAIN = (
    "import sys; from pathlib import Path\n"
    "from drugparse.sources.decompress import decompressed_chunks\n"
    "n = 0\n"
    "for chunk in decompressed_chunks(Path(sys.argv[1]), jobs=int(sys.argv[2])): n += len(chunk)\n"
)


def decode_alone(path: Path, jobs: int, code: Path) -> dict:
    """The decoder drugparse uses, alone, output discarded, in a process of its own."""
    return timed([sys.executable, "-c", _DRAIN, str(path), str(jobs)], code)


def _block_length(args: tuple[str, int, int]) -> int:
    return len(decompress_block(*args))


def blocks_alone(path: Path, index: Path, jobs: int, env: dict[str, str] | None = None) -> dict:
    """The blocks decompressed in ``jobs`` forked processes, as convert's workers do
    (indexed_bzip2 on one thread each; Python's bz2 with ``env`` = ``BZ2_ONLY``)."""
    saved = {name: os.environ.get(name) for name in env or {}}
    os.environ.update(env or {})
    try:
        return _blocks_alone(path, index, jobs)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _blocks_alone(path: Path, index: Path, jobs: int) -> dict:
    spans = [(str(path), o, n) for o, n in block_spans(path, index)]
    own = resource.getrusage(resource.RUSAGE_SELF)
    cpu = _cpu() + own.ru_utime + own.ru_stime
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for _ in pool.imap(_block_length, spans, chunksize=1):
            pass
        pool.close()
        pool.join()
    wall = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {"wall": wall, "cpu": _cpu() + own.ru_utime + own.ru_stime - cpu}


def med(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def load() -> float:
    return os.getloadavg()[0]


def own_cpu(built: list[realdump.Built], folder: Path, code: Path, repeat: int) -> None:
    print("(a) drugparse's own CPU per 150 MB of real XML (convert of the plain XML; start-up in)")
    for dump in built:
        share = PER / dump.xml_bytes
        row = []
        for jobs in (0, 1):
            runs = [convert(dump.xml, jobs, folder / "o.jsonl", code) for _ in range(repeat)]
            row.append(f"--jobs {jobs}: {min(r['cpu'] for r in runs) * share:.2f} s")
        gz = ""
        if dump.gz.is_file():
            dec = [decode_alone(dump.gz, 1, code) for _ in range(repeat)]
            conv = [convert(dump.gz, 0, folder / "o.jsonl", code) for _ in range(repeat)]
            extra = (min(r["cpu"] for r in conv) - min(r["cpu"] for r in dec)) * share
            gz = f"; gz at --jobs 0, less the decoder ({decoder_for('gzip')}): {extra:.2f} s"
        print(
            f"    {dump.xml.name} ({dump.xml_bytes / 1e6:.0f} MB, {dump.pages} pages, "
            f"{len(dump.drug_ids)} drug pages): {', '.join(row)}{gz}  [load {load():.1f}]"
        )


def end_to_end(dump: realdump.Built, folder: Path, code: Path, repeat: int) -> None:
    mb = dump.xml_bytes / 1e6
    print(
        f"(b) end-to-end vs the decoder alone, MB/s of XML ({mb:.0f} MB, medians of {repeat}; "
        f"bz2 decoder: {decoder_for('bz2')}, gzip: {decoder_for('gzip')})"
    )
    print(
        f"    {'input':<22}{'jobs':>5}{'decoder':>9}{'convert':>9}{'ratio':>7}"
        f"{'cpu dec':>9}{'cpu conv':>10}{'load':>6}"
    )
    rows = [
        ("single-stream bz2", dump.single, 1, None),
        ("single-stream bz2", dump.single, 2, None),
        ("multistream + index", dump.multi, 1, None),
        ("multistream + index", dump.multi, 2, None),
        ("gzip", dump.gz, 1, None),
        ("gzip", dump.gz, 2, None),
        ("multistream, bz2 only", dump.multi, 2, BZ2_ONLY),
    ]
    for name, path, jobs, env in rows:
        row_load = load()
        floors, runs = [], []
        for _ in range(repeat):
            if path == dump.multi and jobs >= 2:
                floors.append(blocks_alone(path, dump.index, jobs, env))
            else:
                floors.append(decode_alone(path, jobs, code))
            runs.append(convert(path, jobs, folder / "o.jsonl", code, env=env))
        floor, wall = med(floors, "wall"), med(runs, "wall")
        print(
            f"    {name:<22}{jobs:>5}{mb / floor:>9.1f}{mb / wall:>9.1f}{floor / wall:>7.2f}"
            f"{med(floors, 'cpu'):>9.1f}{med(runs, 'cpu'):>10.1f}{row_load:>6.1f}"
        )


def pages_run(big: realdump.Built, folder: Path, code: Path, repeat: int) -> None:
    mb = big.xml_bytes / 1e6
    listed = folder / "drug-pages.txt"
    listed.write_text("".join(title + "\n" for title in big.drug_titles))
    full_out, pages_out = folder / "full.jsonl", folder / "pages.jsonl"
    full = [convert(big.multi, 2, full_out, code) for _ in range(repeat)]
    chosen = [convert(big.multi, 2, pages_out, code, "--pages", str(listed)) for _ in range(repeat)]
    same = full_out.read_bytes() == pages_out.read_bytes()
    records = len(pages_out.read_text().splitlines())
    print(
        f"(c) --pages on {big.multi.name} ({mb:.0f} MB XML, {big.pages} pages, "
        f"{len(big.drug_titles)} drug pages listed by title), --jobs 2, medians of {repeat}:"
    )
    print(
        f"    full run {med(full, 'wall'):.1f} s ({mb / med(full, 'wall'):.1f} MB/s, "
        f"cpu {med(full, 'cpu'):.1f} s); --pages {med(chosen, 'wall'):.2f} s "
        f"(cpu {med(chosen, 'cpu'):.2f} s): {med(full, 'wall') / med(chosen, 'wall'):.1f}x "
        f"faster; {records} records, byte for byte the full run's: {same}  [load {load():.1f}]"
    )
    for name, runs in (("full", full), ("--pages", chosen)):
        lines = runs[-1]["stderr"].splitlines()
        print(f"    {name}: " + next((x for x in lines if x.startswith("drugparse:")), "?"))


def index_read(folder: Path) -> None:
    """The index of 2.3 M lines (enwiki's has some 23 M): read offsets, and wanted streams."""
    plain = folder / "index-2300k.txt"
    packed = folder / "index-2300k.txt.bz2"
    rng = random.Random(3)
    if not packed.is_file():
        words = ["Aspirin", "History of", "Battle of", "List of", "River", "(band)", "A:B"]
        offset, lines = 597, []
        for n in range(2_300_000):
            if n % 100 == 0:
                offset += rng.randint(200_000, 800_000)
            lines.append(f"{offset}:{n * 3 + 10}:{rng.choice(words)} {rng.choice(words)} {n}\n")
        data = "".join(lines).encode()
        plain.write_bytes(data)
        packed.write_bytes(bz2.compress(data, 9))
    sample = rng.sample(plain.read_bytes().splitlines(), 2400)
    titles = PageSelection.of(line.split(b":", 2)[2].decode() for line in sample[:1200])
    ids = PageSelection.of(int(line.split(b":")[1]) for line in sample[1200:])
    print("(c') index of 2,300,000 lines: CPU seconds (plain text / bz2, decompression included)")
    for name, work in (
        ("offsets (read_index)", read_index),
        ("1,200 titles' streams", lambda path: wanted_offsets(path, titles)),
        ("1,200 ids' streams", lambda path: wanted_offsets(path, ids)),
    ):
        cells = []
        for path in (plain, packed):
            started = time.process_time()
            work(path)
            cells.append(time.process_time() - started)
        print(f"    {name:<24}{cells[0]:>6.2f} s  {cells[1]:>6.2f} s  [load {load():.1f}]")


def startup(code: Path, repeat: int) -> None:
    fixture = ROOT / "fixtures" / "imiglucerase.wiki"
    command = [sys.executable, "-m", "drugparse", "convert", str(fixture)]
    runs = [timed(command, code) for _ in range(max(7, repeat))]
    bare = [timed([sys.executable, "-c", "pass"], code) for _ in range(max(7, repeat))]
    print(
        f"(d) one-file convert: wall median {med(runs, 'wall') * 1000:.0f} ms "
        f"(min {min(r['wall'] for r in runs) * 1000:.0f}), CPU {med(runs, 'cpu') * 1000:.0f} ms; "
        f"bare python {med(bare, 'wall') * 1000:.0f} ms  [load {load():.1f}]"
    )


def peak_rss(dumps: list[realdump.Built], folder: Path, code: Path) -> None:
    cells = []
    for dump in dumps:
        run = convert(dump.multi, 2, folder / "o.jsonl", code)
        cells.append(f"{dump.xml_bytes / 1e6:.0f} MB: {run['rss'] / 1024:.0f} MB")
    single = convert(dumps[0].single, 2, folder / "o.jsonl", code)
    print(
        f"(e) peak RSS of the largest process, --jobs 2, multistream {'; '.join(cells)}; "
        f"single stream {dumps[0].xml_bytes / 1e6:.0f} MB: {single['rss'] / 1024:.0f} MB"
    )


def drug_articles() -> list[str]:
    files = sorted(CORPUS.glob("*.wiki")) + sorted((ROOT / "fixtures").glob("*.wiki"))
    return [f.read_text("utf-8") for f in files if f.is_file()]


def parse_ratio(repeat: int = 7) -> list[tuple[int, float, float]]:
    """``(size, drugparse ms, mwparserfromhell ms)`` per article, medians of interleaved runs."""
    import mwparserfromhell

    import drugparse

    texts = []
    for text in drug_articles():
        try:
            drugparse.parse(text, "X")
            texts.append(text)
        except drugparse.DrugparseError:
            pass
    timings: list[tuple[list[float], list[float]]] = [([], []) for _ in texts]
    for round_ in range(repeat):
        for text, (ours, bare) in zip(texts, timings, strict=True):
            # Side by side, alternating which goes first, so both see the same noise.
            for which in (0, 1) if round_ % 2 else (1, 0):
                started = time.perf_counter()
                if which == 0:
                    drugparse.parse(text, "X")
                    ours.append(time.perf_counter() - started)
                else:
                    mwparserfromhell.parse(text)
                    bare.append(time.perf_counter() - started)
    return [
        (len(text), statistics.median(ours) * 1000, statistics.median(bare) * 1000)
        for text, (ours, bare) in zip(texts, timings, strict=True)
    ]


_BUCKETS = ((0, 2000, "< 2 KB"), (2000, 5000, "2-5 KB"), (5000, 10**9, ">= 5 KB"))


def print_parse_ratio(rows: list[tuple[int, float, float]]) -> None:
    ours = sum(r[1] for r in rows)
    bare = sum(r[2] for r in rows)
    print(
        f"(b) parse per article ({len(rows)} articles, medians of interleaved runs): "
        f"drugparse.parse {ours / len(rows):.2f} ms, bare mwparserfromhell.parse "
        f"{bare / len(rows):.2f} ms, ratio {ours / bare:.2f}"
    )
    for low, high, name in _BUCKETS:
        bucket = [r for r in rows if low <= r[0] < high]
        if bucket:
            ratio = sum(r[1] for r in bucket) / sum(r[2] for r in bucket)
            print(f"    {name:>8}: {len(bucket)} articles, ratio {ratio:.2f}")


def _splitter(data: bytes) -> tuple[int, int]:
    from drugparse.sources.dump import scan_chunks

    size = 4 * 1024 * 1024  # as convert reads a pipe
    scans = list(scan_chunks((data[i : i + size] for i in range(0, len(data), size)), "bench"))
    return sum(s.pages_read for s in scans), sum(len(s.candidates) for s in scans)


def _iterparse(data: bytes) -> tuple[int, int]:
    import io
    import xml.etree.ElementTree as ET

    from drugparse.sources.prefilter import mentions_drug_infobox

    pages = candidates = 0
    for _, element in ET.iterparse(io.BytesIO(data)):
        namespace, _, tag = element.tag.rpartition("}")
        if tag != "page":
            continue
        pages += 1
        ns = f"{namespace}}}" if namespace else ""
        text = element.findtext(f"{ns}revision/{ns}text") or ""
        article = element.findtext(f"{ns}ns") == "0" and element.find(f"{ns}redirect") is None
        candidates += article and mentions_drug_infobox(text)
        element.clear()
    return pages, candidates


def _mwxml(data: bytes) -> tuple[int, int]:
    import io

    import mwxml

    from drugparse.sources.prefilter import mentions_drug_infobox

    pages = candidates = 0
    for page in mwxml.Dump.from_file(io.BytesIO(data)):
        pages += 1
        text = ""
        for revision in page:  # the last revision is the article now
            text = revision.text or ""
        article = page.namespace == 0 and page.redirect is None
        candidates += article and mentions_drug_infobox(text)
    return pages, candidates


def compare_readers(path: Path) -> None:
    """(d): the same job for three readers, CPU seconds on the XML in memory."""
    data = b"".join(decompressed_chunks(path))
    mb = len(data) / 1e6
    readers = [("byte splitter (drugparse)", _splitter), ("ElementTree.iterparse", _iterparse)]
    try:
        import mwxml  # noqa: F401

        readers.append(("mwxml", _mwxml))
    except ImportError:
        print("    (mwxml not installed: pip install '.[compare]')")
    print(f"(d) reading {mb:.0f} MB of XML in memory: pages, pre-filtered candidates, CPU")
    results = {}
    for name, read in readers:
        started = time.process_time()
        results[name] = read(data)
        seconds = time.process_time() - started
        pages, candidates = results[name]
        print(
            f"    {name:<27}{pages:>7} pages{candidates:>5} candidates"
            f"{seconds:>7.2f} s{mb / seconds:>7.0f} MB/s"
        )
    if len(set(results.values())) != 1:
        print(f"    the readers disagree: {results}")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--mb", type=float, default=150, help="XML size of the main dumps")
    options.add_argument("--big-mb", type=float, default=500, help="XML size of the --pages dump")
    options.add_argument("--repeat", type=int, default=3, help="runs of each pair, medians shown")
    options.add_argument("--keep", type=Path, help="build the dumps here and keep them")
    options.add_argument("--code", type=Path, default=ROOT, help="checkout whose convert to run")
    options.add_argument("--parse-ratio", action="store_true", help="also (f): parse ratio")
    options.add_argument("--readers", action="store_true", help="also (f): the readers")
    args = options.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="drugparse-bench-"))
    code = args.code.resolve()
    started = time.perf_counter()
    enwiki = realdump.build(folder, args.mb, 0.0006)
    dense = realdump.build(folder, args.mb, 0.005)
    big = realdump.build(folder, args.big_mb, 0.0006, all_formats=False)
    print(
        f"dumps ready in {time.perf_counter() - started:.0f} s; {os.cpu_count()} cores, "
        f"load {load():.1f}; code {code}; lbzip2 {shutil.which('lbzip2') or 'absent'}"
    )
    print()
    own_cpu([enwiki, dense], folder, code, args.repeat)
    print()
    end_to_end(enwiki, folder, code, args.repeat)
    print()
    pages_run(big, folder, code, args.repeat)
    index_read(folder)
    print()
    startup(code, args.repeat)
    peak_rss([enwiki, big], folder, code)
    if args.parse_ratio:
        print()
        print_parse_ratio(parse_ratio())
    if args.readers:
        print()
        compare_readers(enwiki.single)
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
