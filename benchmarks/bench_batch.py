"""Batch conversion against the decompression floor, parse against bare mwparserfromhell, RSS.

Builds a synthetic dump that looks like enwiki pages-articles (45% redirects,
non-drug articles of log-normal size around 8 KB median, about 0.5% drug pages
made by varying ../shared/corpus/*.wiki and fixtures/imiglucerase.wiki), as
bz2 single stream and multistream with an index, then prints:

(a) ``drugparse convert`` end-to-end MB/s (decompressed XML) vs decompression
    alone with the same decompressor, for --jobs 1 and --jobs 2;
(b) ``drugparse.parse`` time per article vs bare ``mwparserfromhell.parse``;
(c) peak RSS of the convert process (and its children) for the dump and one 4x larger.

Run: ``python benchmarks/bench_batch.py [--mb 60] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import bz2
import random
import resource
import shutil
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

CORPUS = ROOT.parent / "shared" / "corpus"
WORDS = (  # noqa: SIM905
    "the of and in to a was is for as on by with from that at his an were which are this "
    "also be had first one their its new after who they has her two been other when there "
    "all during into school time may years more most only over city some world would where "
    "later up such used many can state about national out known university united then "
    "made between several before american under being team area well part career season"
).split()


def drug_articles() -> list[str]:
    files = sorted(CORPUS.glob("*.wiki")) + [ROOT / "fixtures" / "imiglucerase.wiki"]
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
            xml = page_xml(f"Redirect {page_id}", f"#REDIRECT [[Target {page_id}]]", page_id,
                           f"Target {page_id}")
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
    """Single-stream and multistream (100 pages a stream, plus the index) bz2 files."""
    single = folder / f"bench{seed}.xml.bz2"
    multi = folder / f"bench{seed}-multistream.xml.bz2"
    index_lines = []
    compressor = bz2.BZ2Compressor(9)
    xml_bytes = 0
    with open(single, "wb") as one, open(multi, "wb") as many:
        many.write(bz2.compress(HEADER.encode()))
        one.write(compressor.compress(HEADER.encode()))
        batch: list[str] = []

        def flush():
            offset = many.tell()
            data = "".join(batch).encode()
            many.write(bz2.compress(data))
            index_lines.append(f"{offset}:{len(index_lines)}:x")
            batch.clear()

        for xml in build_pages(target_bytes, seed):
            data = xml.encode()
            xml_bytes += len(data)
            one.write(compressor.compress(data))
            batch.append(xml)
            if len(batch) == 100:
                flush()
        batch.append("</mediawiki>\n")
        flush()
        one.write(compressor.compress(b"</mediawiki>\n") + compressor.flush())
    index = folder / f"bench{seed}-multistream-index.txt"
    index.write_text("\n".join(index_lines) + "\n")
    return single, multi, xml_bytes + len(HEADER)


def decompress_only(path: Path, jobs: int, multistream: bool) -> float:
    """Seconds to decompress ``path`` with the decompressor convert uses, output discarded."""
    started = time.perf_counter()
    if multistream:
        from concurrent.futures import ProcessPoolExecutor

        spans = list(block_spans(path, path.with_name(path.name.replace(".xml.bz2", "-index.txt"))))
        with ProcessPoolExecutor(jobs) as pool:
            for _ in pool.map(_length, [(str(path), o, n) for o, n in spans], chunksize=4):
                pass
    else:
        for _ in decompressed_chunks(path, jobs=jobs):
            pass
    return time.perf_counter() - started


def _length(args) -> int:
    return len(decompress_block(*args))


def convert(path: Path, jobs: int, out: Path) -> tuple[float, int, str]:
    """Seconds, peak RSS (KB, largest process of the run) and the summary line."""
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "drugparse", "convert", str(path), "-o", str(out),
               "--jobs", str(jobs), "--no-progress"]
    started = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, cwd=ROOT
    ) if Path("/usr/bin/time").exists() else subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT
    )
    elapsed = time.perf_counter() - started
    lines = result.stderr.strip().splitlines()
    rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    summary = next((line for line in lines if line.startswith("drugparse:")), result.stderr[-300:])
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(rss, 0) or child_rss, summary


def parse_ratio(repeat: int = 5) -> tuple[float, float]:
    import mwparserfromhell

    import drugparse

    texts = []
    for text in drug_articles():
        try:
            drugparse.parse(text, "X")
            texts.append(text)
        except drugparse.DrugparseError:
            pass
    timings = {"drugparse": [], "mwparserfromhell": []}
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            drugparse.parse(text, "X")
        timings["drugparse"].append((time.perf_counter() - started) / len(texts))
        started = time.perf_counter()
        for text in texts:
            mwparserfromhell.parse(text)
        timings["mwparserfromhell"].append((time.perf_counter() - started) / len(texts))
    return min(timings["drugparse"]) * 1000, min(timings["mwparserfromhell"]) * 1000


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--mb", type=float, default=60, help="decompressed size of the dump")
    options.add_argument("--keep", type=Path, help="build the dumps here and keep them")
    args = options.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="drugparse-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    single, multi, xml_bytes = write_dumps(folder, int(args.mb * 1e6), seed=1)
    pages, drugs = build_pages.counts
    mb = xml_bytes / 1e6
    print(f"dump: {mb:.1f} MB XML, {pages} pages, {drugs} drug pages "
          f"({100 * drugs / pages:.2f}%), single {single.stat().st_size / 1e6:.1f} MB bz2, "
          f"built in {time.perf_counter() - started:.0f} s")
    tool = external_bzip2(1)
    print(f"single-stream decompressor: {tool[0] if tool else 'python bz2'}; "
          "multistream: python bz2 in worker processes")
    print()
    print("(a) end-to-end vs decompression alone (MB/s of XML)")
    print(f"{'input':<13}{'jobs':>5}{'decompress':>12}{'convert':>10}{'ratio':>8}  summary")
    rates = {}
    for kind, path in (("single", single), ("multistream", multi)):
        for jobs in (1, 2):
            floor = decompress_only(path, jobs, kind == "multistream")
            elapsed, rss, summary = convert(path, jobs, folder / "out")
            rates[kind, jobs] = mb / elapsed
            print(f"{kind:<13}{jobs:>5}{mb / floor:>12.1f}{mb / elapsed:>10.1f}"
                  f"{floor / elapsed:>8.2f}  {summary}")
    for kind in ("single", "multistream"):
        print(f"{kind}: --jobs 2 / --jobs 1 = {rates[kind, 2] / rates[kind, 1]:.2f}")
    print()
    ours, bare = parse_ratio()
    print(f"(b) parse per article: drugparse.parse {ours:.2f} ms, bare mwparserfromhell.parse "
          f"{bare:.2f} ms, ratio {ours / bare:.2f}")
    print()
    print("(c) peak RSS of the largest convert process (KB), multistream --jobs 2")
    _, rss_small, _ = convert(multi, 2, folder / "out")
    single4, multi4, xml4 = write_dumps(folder, int(args.mb * 4e6), seed=2)
    _, rss_large, _ = convert(multi4, 2, folder / "out")
    _, rss_single_large, _ = convert(single4, 2, folder / "out")
    print(f"{mb:.0f} MB: {rss_small} KB; {xml4 / 1e6:.0f} MB: {rss_large} KB "
          f"(single-stream {xml4 / 1e6:.0f} MB: {rss_single_large} KB)")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
