"""Spark local mode vs the single-machine converter on the same multistream dump: pages/s.

Builds bench_batch's synthetic enwiki-like multistream dump (45% redirects,
~0.5% drug pages, 100 pages a stream, with its index), then prints, side by side:

- ``drugparse convert DUMP -o out.jsonl --jobs 1`` and ``--jobs 2`` (a subprocess each);
- ``spark-convert`` work (dump reader + ``convert_dataframe`` + JSON Lines
  written) in ``local[1]`` and ``local[2]``, session start-up timed apart;
- ``convert_dataframe`` on a Parquet table of *every* page (what a Data Lake
  table gives), ``method="arrow"`` (mapInArrow) vs ``method="rdd"``
  (mapPartitions), where every page's text crosses from the JVM to Python.

With ``--cluster``, instead: ``drugparse convert --jobs 2`` against
``spark-convert`` on a Spark standalone cluster started here (a master and two
one-core workers, as the tests' ``spark_cluster`` fixture), the driver in this
process and the executors' Python this one.

Every Spark run's records are checked against the CLI's, byte for byte after
sorting by title. Run: ``python benchmarks/bench_spark.py [--mb 30] [--keep DIR] [--cluster]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in [str(ROOT), os.environ.get("PYTHONPATH")] if p
)

_BATCH = Path(__file__).with_name("bench_batch.py")
_spec = importlib.util.spec_from_file_location("bench_batch", _BATCH)
bench_batch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_batch)


def cli_convert(dump: Path, jobs: int, out: Path) -> float:
    out.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "drugparse",
        "convert",
        str(dump),
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "--no-progress",
    ]
    started = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def session(cores: int):
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(cores))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def sorted_lines(path: Path) -> list[str]:
    lines = path.read_text("utf-8").splitlines(keepends=True)
    return sorted(lines, key=lambda line: json.loads(line)["title"])


def spark_dump_run(spark, dump: Path, out: Path, method: str | None) -> float:
    from drugparse.cli.spark import run_spark_convert
    from drugparse.spark.job import SparkJob

    out.unlink(missing_ok=True)
    started = time.perf_counter()
    job = SparkJob(str(dump), str(out), method=method or "rdd")
    run_spark_convert(job, spark=spark, stderr=open(os.devnull, "w"))  # noqa: SIM115
    return time.perf_counter() - started


def spark_table_run(spark, table: Path, method: str) -> tuple[float, list[str]]:
    from drugparse.spark.dataframe import convert_dataframe

    pages = spark.read.parquet(str(table))
    results = convert_dataframe(pages, method=method).persist()
    started = time.perf_counter()
    results.write.format("noop").mode("overwrite").save()
    elapsed = time.perf_counter() - started
    rows = sorted(results.where("record IS NOT NULL").collect(), key=lambda r: r.title)
    results.unpersist()
    return elapsed, [row.record + "\n" for row in rows]


def cluster_runs(
    folder: Path, dump: Path, expected: list[str]
) -> tuple[dict[str, float], list[tuple[str, bool]]]:
    """``spark-convert`` on a 2-worker standalone cluster: warm-up run, then the timed run."""
    from pyspark.sql import SparkSession

    from drugparse.spark.job import use_this_python
    from tests.spark_cluster import StandaloneCluster

    timings: dict[str, float] = {}
    started = time.perf_counter()
    cluster = StandaloneCluster(folder / "cluster").start()
    timings["  (cluster start-up: master, 2 workers)"] = time.perf_counter() - started
    try:
        started = time.perf_counter()
        spark = (
            SparkSession.builder.master(cluster.url)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.executor.memory", "1g")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        use_this_python(spark.sparkContext)
        spark.range(0, 4, 1, 2).collect()
        timings["  (session start-up, executors)"] = time.perf_counter() - started
        out = folder / "cluster.jsonl"
        spark_dump_run(spark, dump, out, None)  # warm the Python workers
        name = "spark-convert dump, standalone, 2 workers x 1 core"
        timings[name] = spark_dump_run(spark, dump, out, None)
        spark.stop()
    finally:
        cluster.stop()
    return timings, [(name, sorted_lines(out) == expected)]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--mb", type=float, default=30, help="decompressed size of the dump")
    options.add_argument("--keep", type=Path, help="build the dump here and keep it")
    options.add_argument(
        "--cluster", action="store_true", help="convert --jobs 2 vs a 2-worker standalone cluster"
    )
    args = options.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="drugparse-bench-spark-"))
    folder.mkdir(parents=True, exist_ok=True)
    _, dump, xml_bytes = bench_batch.write_dumps(folder, int(args.mb * 1e6), seed=1)
    pages, drugs = bench_batch.build_pages.counts
    print(
        f"dump: {xml_bytes / 1e6:.1f} MB XML, {pages} pages, {drugs} drug pages, "
        f"{dump.stat().st_size / 1e6:.1f} MB multistream bz2; {os.cpu_count()} cores"
    )

    timings: dict[str, float] = {}
    reference = folder / "cli.jsonl"
    for jobs in (2,) if args.cluster else (1, 2):
        timings[f"drugparse convert --jobs {jobs}"] = cli_convert(dump, jobs, reference)
    expected = sorted_lines(reference)

    table = folder / "pages.parquet"
    checks = []
    if args.cluster:
        more, checks = cluster_runs(folder, dump, expected)
        timings.update(more)
    for cores in () if args.cluster else (1, 2):
        started = time.perf_counter()
        spark = session(cores)
        spark.range(1).collect()
        startup = time.perf_counter() - started
        assert spark.sparkContext.defaultParallelism == cores
        if cores == 2 and not table.exists():
            from drugparse.spark.dump import read_multistream

            read_multistream(spark, dump).drop("error_code", "error_message").write.parquet(
                str(table)
            )
        out = folder / f"spark{cores}.jsonl"
        spark_dump_run(spark, dump, out, None)  # warm the Python workers
        name = f"spark-convert dump, local[{cores}]"
        timings[name] = spark_dump_run(spark, dump, out, None)
        checks.append((name, sorted_lines(out) == expected))
        timings[f"  (session start-up, local[{cores}])"] = startup
        if cores == 2:
            for method in ("arrow", "rdd"):
                spark_table_run(spark, table, method)  # warm-up
                elapsed, lines = spark_table_run(spark, table, method)
                name = f"convert_dataframe, every page, {method}, local[2]"
                timings[name] = elapsed
                checks.append((name, lines == expected))
        spark.stop()

    print()
    print(f"{'run':<48}{'seconds':>9}{'pages/s':>10}{'drug pages/s':>14}")
    for name, seconds in timings.items():
        if name.startswith("  "):
            print(f"{name:<48}{seconds:>9.1f}")
            continue
        print(f"{name:<48}{seconds:>9.1f}{pages / seconds:>10.0f}{drugs / seconds:>14.1f}")
    print()
    for name, same in checks:
        print(f"{name}: {'same records as the CLI' if same else 'RECORDS DIFFER FROM THE CLI'}")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
