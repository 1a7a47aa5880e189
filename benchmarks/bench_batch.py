"""Batch conversion against the decompression floor, parse against bare mwparserfromhell, RSS.

Builds a synthetic dump that looks like enwiki pages-articles (45% redirects,
non-drug articles of log-normal size around 8 KB median, about 0.5% drug pages
made by varying ../shared/corpus/*.wiki and fixtures/*.wiki), as bz2 single
stream and multistream with an index, then prints:

(a) ``drugparse convert`` end-to-end MB/s (decompressed XML) vs decompression
    alone with the same decompressor and the same parallelism, for --jobs 1
    and --jobs 2: single stream, and multistream at --jobs 1, ``lbzip2 -dc -n N``
    read through a pipe (as convert reads it); multistream at --jobs 2, Python
    ``bz2`` in N forked processes fed block by block (as convert's workers
    are). Each pair is run side by side,
    ``--repeat`` times, and the medians are printed; also the start-up of
    ``drugparse convert`` (a dump of no pages) and the ratio without it, the
    CPU seconds of both and their ratio (what the wall-clock ratio tends to
    once every core is busy, and much less disturbed by other work on a shared
    machine; the load average of each row says how busy it was), and the best
    ratio the CPU work allows on saturated cores, decompression / (decompression
    + scan + parse and serialise);
(b) ``drugparse.parse`` time per article vs bare ``mwparserfromhell.parse``
    on the same articles, the two interleaved article by article, medians,
    overall and per size bucket;
(c) peak RSS of the largest process of a convert run (parent, worker or
    lbzip2) for the dump and one 4x larger;
(d) the reader: CPU seconds for drugparse's byte-level page splitter against
    ``xml.etree.ElementTree.iterparse`` and ``mwxml`` (when installed, the
    ``compare`` extra) doing the same job on the decompressed single-stream
    XML in memory: count the pages and keep the namespace-0, non-redirect ones
    that pass the pre-filter (all three must agree on both numbers).

Run: ``python benchmarks/bench_batch.py [--mb 150] [--repeat 3] [--keep DIR]``
(``--keep`` builds the dumps there once and reuses them; ``--code DIR`` runs
the convert of another checkout, to compare before and after a change).
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
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drugparse.sources.decompress import decompressed_chunks, external_bzip2  # noqa: E402
from drugparse.sources.multistream import block_spans, decompress_block  # noqa: E402

# Blocks handed to a floor worker at a time, as convert hands them (one at a time).
_FLOOR_CHUNKSIZE = 1

CORPUS = ROOT.parent / "shared" / "corpus"
WORDS = (  # noqa: SIM905
    "the of and in to a was is for as on by with from that at his an were which are this "
    "also be had first one their its new after who they has her two been other when there "
    "all during into school time may years more most only over city some world would where "
    "later up such used many can state about national out known university united then "
    "made between several before american under being team area well part career season"
).split()


def drug_articles() -> list[str]:
    files = sorted(CORPUS.glob("*.wiki")) + sorted((ROOT / "fixtures").glob("*.wiki"))
    return [f.read_text("utf-8") for f in files if f.is_file()]


def filler(rng: random.Random, size: int) -> str:
    """Wikitext that looks like an article: prose, links, refs, a non-drug infobox."""
    parts = ["{{Infobox settlement\n| name = Place\n| population = 1234\n}}\n"]
    length = len(parts[0])
    while length < size:
        words = rng.choices(WORDS, k=40)
        words[3] = f"[[{words[3].title()}]]"
        sentence = " ".join(words) + ". "
        if rng.random() < 0.3:
            url = f"https://example.org/{rng.randrange(10**6)}"
            sentence += f"<ref>{{{{cite web |title={words[5]} |url={url} }}}}</ref>"
        if rng.random() < 0.05:
            sentence += "\n\n== Section ==\n"
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts)


def page_xml(title: str, text: str, page_id: int, redirect: str | None = None) -> str:
    redirect_tag = f'    <redirect title="{escape(redirect)}" />\n' if redirect else ""
    return (
        f"  <page>\n    <title>{escape(title, quote=False)}</title>\n    <ns>0</ns>\n"
        f"    <id>{page_id}</id>\n{redirect_tag}    <revision>\n      <id>{page_id + 10**8}</id>\n"
        f"      <timestamp>2024-06-01T00:00:00Z</timestamp>\n"
        f"      <contributor><username>Bot</username><id>1</id></contributor>\n"
        f"      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
        f'      <text bytes="{len(text)}" xml:space="preserve">{escape(text, quote=False)}</text>\n'
        f"      <sha1>x</sha1>\n    </revision>\n  </page>\n"
    )


HEADER = (
    '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">\n'
    "  <siteinfo>\n    <sitename>Wikipedia</sitename>\n    <namespaces>\n"
    '      <namespace key="0" case="first-letter" />\n    </namespaces>\n  </siteinfo>\n'
)


def build_pages(target_bytes: int, seed: int = 1):
    """Pages (xml strings) until ``target_bytes``; drug pages ~0.5%, redirects 45%."""
    rng = random.Random(seed)
    drugs = drug_articles()
    total, page_id, drug_count = 0, 1, 0
    while total < target_bytes:
        roll = rng.random()
        if roll < 0.45:
            xml = page_xml(
                f"Redirect {page_id}",
                f"#REDIRECT [[Target {page_id}]]",
                page_id,
                f"Target {page_id}",
            )
        elif roll < 0.455 and drugs:
            base = drugs[drug_count % len(drugs)]
            # vary it: a different name and a shuffled-in paragraph
            text = base.replace("]]", f"]] {rng.choice(WORDS)}", 1) + filler(rng, 500)
            xml = page_xml(f"Drug {page_id}", text, page_id)
            drug_count += 1
        else:
            size = int(min(200_000, rng.lognormvariate(9.0, 1.0)))  # median ~8 KB
            xml = page_xml(f"Article {page_id}", filler(rng, size), page_id)
        total += len(xml)
        page_id += 1
        yield xml
    build_pages.counts = (page_id - 1, drug_count)


def write_dumps(folder: Path, target_bytes: int, seed: int = 1) -> tuple[Path, Path, int]:
    """Single-stream and multistream (100 pages a stream, plus the index) bz2 files.

    Kept in ``folder`` with a stamp; a second run with the same size and seed reuses them.
    """
    single = folder / f"bench{seed}.xml.bz2"
    multi = folder / f"bench{seed}-multistream.xml.bz2"
    index = folder / f"bench{seed}-multistream-index.txt"
    stamp = folder / f"bench{seed}.stamp"
    want = f"{target_bytes} {seed}"
    if stamp.is_file() and single.is_file() and multi.is_file():
        written, xml_bytes, pages, drugs = stamp.read_text().split("|")
        if written == want:
            build_pages.counts = (int(pages), int(drugs))
            return single, multi, int(xml_bytes)
    plain = folder / f"bench{seed}.xml"
    index_lines = []
    xml_bytes = 0
    batches: list[bytes] = [HEADER.encode()]
    with open(plain, "wb") as out:
        out.write(HEADER.encode())
        batch: list[str] = []
        for xml in build_pages(target_bytes, seed):
            data = xml.encode()
            xml_bytes += len(data)
            out.write(data)
            batch.append(xml)
            if len(batch) == 100:
                batches.append("".join(batch).encode())
                batch = []
        batch.append("</mediawiki>\n")
        batches.append("".join(batch).encode())
        out.write(b"</mediawiki>\n")
    with multiprocessing.get_context("fork").Pool() as pool, open(multi, "wb") as many:
        for number, compressed in enumerate(pool.imap(bz2.compress, batches, chunksize=8)):
            if number:
                index_lines.append(f"{many.tell()}:{number}:x")
            many.write(compressed)
    index.write_text("\n".join(index_lines) + "\n")
    with open(plain, "rb") as source, open(single, "wb") as one:
        if shutil.which("lbzip2"):  # one bz2 stream, written on every core
            subprocess.run(["lbzip2", "-z", "-9", "-c"], stdin=source, stdout=one, check=True)
        else:
            compressor = bz2.BZ2Compressor(9)
            while data := source.read(1 << 22):
                one.write(compressor.compress(data))
            one.write(compressor.flush())
    plain.unlink()
    xml_bytes += len(HEADER) + len("</mediawiki>\n")
    pages, drugs = build_pages.counts
    stamp.write_text(f"{want}|{xml_bytes}|{pages}|{drugs}")
    return single, multi, xml_bytes


def empty_dump(folder: Path) -> Path:
    """A dump of no pages: what convert costs before the first byte of work."""
    path = folder / "empty.xml.bz2"
    path.write_bytes(bz2.compress((HEADER + "</mediawiki>\n").encode()))
    return path


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children so far."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def decompress_only(path: Path, jobs: int, multistream: bool) -> tuple[float, float]:
    """Seconds and CPU seconds to decompress ``path`` as convert does, output discarded.

    Single stream, and multistream with one job: the external decompressor with
    ``jobs`` threads, read through a pipe by this process. Multistream with
    several jobs: ``jobs`` forked processes, each given one block at a time and
    returning only its length.
    """
    cpu = _cpu()
    started = time.perf_counter()
    if multistream and jobs >= 2:
        spans = list(block_spans(path, path.with_name(path.name.replace(".xml.bz2", "-index.txt"))))
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            work = [(str(path), o, n) for o, n in spans]
            for _ in pool.imap(_length, work, chunksize=_FLOOR_CHUNKSIZE):
                pass
            pool.close()
            pool.join()
    else:
        for _ in decompressed_chunks(path, jobs=jobs):
            pass
    return time.perf_counter() - started, _cpu() - cpu


def _length(args) -> int:
    return len(decompress_block(*args))


def convert(path: Path, jobs: int, out: Path, code: Path = ROOT) -> tuple[float, float, int, str]:
    """Seconds, CPU seconds, peak RSS (KB, largest process of the run) and the summary line."""
    if out.exists():
        shutil.rmtree(out)
    command = [
        sys.executable,
        "-m",
        "drugparse",
        "convert",
        str(path),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "--no-progress",
    ]
    timed = Path("/usr/bin/time").exists()
    if timed:
        command = ["/usr/bin/time", "-f", "%M", *command]
    environment = {**os.environ, "PYTHONPATH": str(code)}
    cpu = _cpu()
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=code, env=environment)
    elapsed = time.perf_counter() - started
    cpu = _cpu() - cpu
    lines = result.stderr.strip().splitlines()
    rss = int(lines[-1]) if timed and lines and lines[-1].isdigit() else 0
    summary = next((line for line in lines if line.startswith("drugparse:")), result.stderr[-300:])
    return elapsed, cpu, rss, summary


def work_cpu(path: Path) -> tuple[float, float, int]:
    """CPU seconds to scan the decompressed dump and to parse and serialise its candidates.

    Measured in this process on bytes already in memory, so they add up with
    the decompression CPU to the least work convert can do.
    """
    from drugparse.pipeline import PageOptions, convert_one
    from drugparse.sources.dump import scan_chunks

    chunks = list(decompressed_chunks(path, jobs=1))
    started = time.process_time()
    candidates = [page for scan in scan_chunks(iter(chunks), "bench") for page in scan.candidates]
    scanned = time.process_time()
    for page in candidates:
        convert_one(page, PageOptions(fmt="yaml", keep_record=False))
    parsed = time.process_time()
    return scanned - started, parsed - scanned, len(candidates)


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
    options.add_argument("--mb", type=float, default=150, help="decompressed size of the dump")
    options.add_argument("--repeat", type=int, default=3, help="runs of each pair, medians shown")
    options.add_argument("--keep", type=Path, help="build the dumps here and keep them")
    options.add_argument("--code", type=Path, default=ROOT, help="checkout whose convert to run")
    options.add_argument("--skip-rss", action="store_true", help="leave out (c) and its 4x dump")
    args = options.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="drugparse-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    code = args.code.resolve()
    started = time.perf_counter()
    single, multi, xml_bytes = write_dumps(folder, int(args.mb * 1e6), seed=1)
    pages, drugs = build_pages.counts
    mb = xml_bytes / 1e6
    print(
        f"dump: {mb:.1f} MB XML, {pages} pages, {drugs} drug pages "
        f"({100 * drugs / pages:.2f}%), single {single.stat().st_size / 1e6:.1f} MB bz2, "
        f"ready in {time.perf_counter() - started:.0f} s; {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}; code {code}"
    )
    tool = external_bzip2(1)
    print(
        f"stream decompressor (single stream; multistream at --jobs 1): "
        f"{tool[0] if tool else 'python bz2'}; multistream at --jobs 2: python bz2 in "
        "worker processes"
    )
    print()
    empty = empty_dump(folder)
    startup = {
        jobs: statistics.median(convert(empty, jobs, folder / "out", code)[0] for _ in range(3))
        for jobs in (1, 2)
    }
    print(
        "(a) end-to-end vs decompression alone (MB/s of XML; medians of "
        f"{args.repeat} side-by-side runs)"
    )
    print(
        f"    convert start-up (no pages): --jobs 1 {startup[1]:.2f} s, --jobs 2 {startup[2]:.2f} s"
    )
    print(
        f"{'input':<13}{'jobs':>5}{'decompress':>12}{'convert':>10}{'ratio':>8}"
        f"{'w/o start':>11}{'cpu dec':>9}{'cpu conv':>10}{'cpu ratio':>10}{'load':>6}  summary"
    )
    rates = {}
    floors_rate = {}
    cpu_floor = {}
    for kind, path in (("single", single), ("multistream", multi)):
        for jobs in (1, 2):
            load = os.getloadavg()[0]  # other work on the machine: read the row with it
            floors, runs = [], []
            for _ in range(args.repeat):
                floors.append(decompress_only(path, jobs, kind == "multistream"))
                runs.append(convert(path, jobs, folder / "out", code))
            floor = statistics.median(f[0] for f in floors)
            elapsed = statistics.median(r[0] for r in runs)
            cpu_floor[kind, jobs] = statistics.median(f[1] for f in floors)
            cpu_convert = statistics.median(r[1] for r in runs)
            rates[kind, jobs] = mb / elapsed
            floors_rate[kind, jobs] = mb / floor
            net = floor / max(1e-9, elapsed - startup[jobs])
            print(
                f"{kind:<13}{jobs:>5}{mb / floor:>12.1f}{mb / elapsed:>10.1f}"
                f"{floor / elapsed:>8.2f}{net:>11.2f}{cpu_floor[kind, jobs]:>9.1f}"
                f"{cpu_convert:>10.1f}{cpu_floor[kind, jobs] / cpu_convert:>10.2f}"
                f"{load:>6.1f}  {runs[-1][3]}"
            )
    for kind in ("single", "multistream"):
        print(f"{kind}: --jobs 2 / --jobs 1 = {rates[kind, 2] / rates[kind, 1]:.2f}")
    # lbzip2 -n 2 against -n 1 (the same decompressor) tells whether the run had both cores.
    if floors_rate["single", 2] < 1.6 * floors_rate["single", 1]:
        print(
            f"    (lbzip2 alone did not scale to 2 cores, "
            f"{floors_rate['single', 2] / floors_rate['single', 1]:.2f}x: other work took a "
            "core, the --jobs 2 figures say little; run again)"
        )
    scan, parse, candidates = work_cpu(single)
    print(
        f"CPU work besides decompression: scan {scan:.2f} s, parse and serialise "
        f"{candidates} candidates {parse:.2f} s"
    )
    for kind in ("single", "multistream"):
        decompress = cpu_floor[kind, 2]  # the decompressor of --jobs 2
        print(
            f"    best ratio on saturated cores, {kind}: decompression {decompress:.1f} / "
            f"({decompress:.1f} + {scan:.2f} + {parse:.2f}) = "
            f"{decompress / (decompress + scan + parse):.2f}"
        )
    print()
    print_parse_ratio(parse_ratio())
    if not args.skip_rss:
        print()
        peak_rss(args, folder, code, single, multi, mb)
    print()
    compare_readers(single)
    if not args.keep:
        shutil.rmtree(folder)


def peak_rss(args, folder: Path, code: Path, single: Path, multi: Path, mb: float) -> None:
    print("(c) peak RSS of the largest process of a convert run (KB), --jobs 2")
    rss_small = convert(multi, 2, folder / "out", code)[2]
    single4, multi4, xml4 = write_dumps(folder, int(args.mb * 4e6), seed=2)
    rss_large = convert(multi4, 2, folder / "out", code)[2]
    rss_single_small = convert(single, 2, folder / "out", code)[2]
    rss_single_large = convert(single4, 2, folder / "out", code)[2]
    print(f"multistream {mb:.0f} MB: {rss_small} KB; {xml4 / 1e6:.0f} MB: {rss_large} KB")
    print(
        f"single      {mb:.0f} MB: {rss_single_small} KB; {xml4 / 1e6:.0f} MB: "
        f"{rss_single_large} KB"
    )


if __name__ == "__main__":
    main()
