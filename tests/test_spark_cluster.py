"""Spark beyond local mode: separate executor processes, their own Python, task retries.

A standalone cluster on this machine (``spark_cluster`` in conftest.py: a
master and two one-core workers, each a JVM of its own, run with
``PATH=/usr/bin:/bin``). The commands run as a user runs them, with nothing of
this Python environment on ``PATH``: ``/usr/bin/python3`` there has no
mwparserfromhell, so a task that starts it instead of drugparse's Python fails.
The reference is always ``drugparse convert`` on the same dump.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")

from tests.spark_cluster import bare_environment, java_home, spark_home  # noqa: E402

if java_home() is None:
    pytest.skip("Spark needs Java", allow_module_level=True)

from tests.dumps import write_multistream  # noqa: E402
from tests.spark_helpers import DRUG_TITLES, by_title, sample_pages, single_machine  # noqa: E402

pytestmark = pytest.mark.spark_cluster

ROOT = Path(__file__).resolve().parent.parent
#: Only a cap for a hung command; a run takes 20-60 s on a busy 2-core machine.
COMMAND_TIMEOUT = 600


@pytest.fixture(scope="module")
def dump(tmp_path_factory):
    path = tmp_path_factory.mktemp("cluster-dump") / "drugwiki-multistream.xml.bz2"
    write_multistream(path, sample_pages(), per_stream=3)
    return path


@pytest.fixture(scope="module")
def expected(dump, tmp_path_factory):
    """``drugparse convert DUMP -o cli.jsonl``: the lines every Spark run must give."""
    lines, errors, status = single_machine(dump, tmp_path_factory.mktemp("cli"))
    assert status == 1 and [json.loads(line)["title"] for line in lines] == DRUG_TITLES
    assert sorted((e["title"], e["code"]) for e in errors) == [
        ("Bad bytes", "invalid_xml"),
        ("Brokenase", "parse_error"),
    ]
    return by_title(lines)


@pytest.fixture(scope="module")
def console_script(tmp_path_factory) -> Path:
    """``bin/drugparse`` as pip or pipx writes it (this checkout's drugparse first on the path)."""
    script = tmp_path_factory.mktemp("bin") / "drugparse"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from drugparse.cli import main\n"
        "sys.exit(main())\n"
    )
    script.chmod(0o755)
    return script


def run(command: list[str], **env: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        command,
        env=bare_environment(**env),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    return done


def explain(done: subprocess.CompletedProcess, cluster=None) -> str:
    logs = cluster.log_text() if cluster is not None else ""
    return f"exit {done.returncode}\n{done.stderr[-6000:]}\n{logs}"


def pages_table(path: Path) -> Path:
    """The sample pages as a Parquet table of pages (what a data lake holds), without Spark."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = []
    for title, text, page_id, *rest in sample_pages():
        if isinstance(text, bytes):
            continue  # not UTF-8: a dump's problem, a table cannot hold it
        namespace = rest[0] if rest else 0
        redirect = rest[1] if len(rest) > 1 else None
        timestamp = f"2024-01-0{page_id % 9 + 1}T00:00:00Z"  # as tests/dumps.py writes it
        rows.append((title, text, page_id, page_id * 10, timestamp, namespace, redirect))
    names = ["title", "text", "page_id", "revision_id", "timestamp", "namespace", "redirect"]
    columns = zip(*rows, strict=True)
    table = pa.table({name: list(column) for name, column in zip(names, columns, strict=True)})
    pq.write_table(table, path)
    return path


def test_the_console_script_without_its_environment_runs_its_tasks_in_local_mode(
    console_script, dump, expected, tmp_path
):
    out = tmp_path / "records.jsonl"
    done = run(
        [str(console_script), "spark-convert", str(dump), "-o", str(out), "--master", "local[2]"]
    )
    assert done.returncode == 1, explain(done)  # Brokenase and the bad bytes fail, as in convert
    assert "11 pages read, 4 records written, 2 failed" in done.stderr
    assert out.read_text("utf-8") == "".join(expected)


def test_the_console_script_on_the_cluster_reads_a_parquet_table(
    spark_cluster, console_script, expected, tmp_path
):
    table = pages_table(tmp_path / "pages.parquet")
    out = tmp_path / "records.jsonl"
    command = [str(console_script), "spark-convert", str(table), "-o", str(out)]
    done = run([*command, "--master", spark_cluster.url])
    assert done.returncode == 1, explain(done, spark_cluster)  # Brokenase
    assert "4 records written, 1 failed" in done.stderr
    assert out.read_text("utf-8") == "".join(expected)


def test_spark_submit_of_the_readme_recipe_reads_the_dump_by_path(
    spark_cluster, dump, expected, tmp_path
):
    out, errors = tmp_path / "drugs.jsonl", tmp_path / "errors.jsonl"
    script = ROOT / "drugparse" / "cli" / "spark.py"
    command = [str(spark_home() / "bin" / "spark-submit"), "--master", spark_cluster.url]
    command += ["--conf", f"spark.pyspark.driver.python={sys.executable}"]
    command += ["--conf", "spark.sql.session.timeZone=UTC", "--conf", "spark.ui.enabled=false"]
    command += [str(script), str(dump), "-o", str(out), "--errors", str(errors)]
    done = run(command, PYTHONPATH=str(ROOT))
    assert done.returncode == 1, explain(done, spark_cluster)
    # spark-submit merges the Python driver's standard error into its standard output.
    assert "11 pages read, 4 records written, 2 failed" in done.stdout
    assert out.read_text("utf-8") == "".join(expected)
    failed = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    assert [(e["title"], e["page_id"], e["code"]) for e in failed] == [
        ("Bad bytes", 10, "invalid_xml"),
        ("Brokenase", 8, "parse_error"),
    ]


@pytest.mark.skipif(
    not os.environ.get("DRUGPARSE_TEST_VENV_PACK"),
    reason="builds a virtual environment with pip (30-60 s, needs an index); "
    "set DRUGPARSE_TEST_VENV_PACK=1",
)
def test_spark_submit_with_a_packed_virtual_environment(spark_cluster, dump, expected, tmp_path):
    """README's multi-machine recipe: executors run ``./env/bin/python`` from ``--archives``."""
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=COMMAND_TIMEOUT)
    install = [str(env / "bin" / "pip"), "install", "-q", str(ROOT), "venv-pack"]
    if subprocess.run(install, capture_output=True, timeout=COMMAND_TIMEOUT).returncode:
        pytest.skip("pip could not install drugparse into a new virtual environment")
    packed = tmp_path / "env.tar.gz"
    pack = [str(env / "bin" / "venv-pack"), "-p", str(env), "-o", str(packed), "-q"]
    subprocess.run(pack, check=True, timeout=COMMAND_TIMEOUT)
    out = tmp_path / "drugs.jsonl"
    command = [str(spark_home() / "bin" / "spark-submit"), "--master", spark_cluster.url]
    command += ["--archives", f"{packed}#env", "--conf", "spark.sql.session.timeZone=UTC"]
    command += [str(ROOT / "drugparse" / "cli" / "spark.py"), str(dump), "-o", str(out)]
    driver = {"PYSPARK_DRIVER_PYTHON": sys.executable, "PYTHONPATH": str(ROOT)}
    done = run(command, PYSPARK_PYTHON="./env/bin/python", **driver)
    assert done.returncode == 1, explain(done, spark_cluster)
    assert "11 pages read, 4 records written, 2 failed" in done.stdout
    assert out.read_text("utf-8") == "".join(expected)


# --- a task killed on purpose -------------------------------------------------------------

KILLED_ON = "Velaglucerase <alfa>"


def parse_killing_its_executor_once(text, title=None, **source):
    """``drugparse.parse``, but the first time it meets ``KILLED_ON`` it kills its executor.

    The marker file (``DRUGPARSE_KILL_MARKER``, created exclusively) makes it
    once per run, on whichever executor gets there first, with no timing: the
    executor JVM gets SIGKILL while its task is mid-way, and this Python worker
    ends with it. The retried task finds the marker and parses.
    """
    import drugparse

    if title == KILLED_ON:
        try:
            os.close(os.open(os.environ["DRUGPARSE_KILL_MARKER"], os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            pass
        else:
            os.kill(_executor_pid(), signal.SIGKILL)
            os._exit(137)
    return drugparse.parse(text, title, **source)


def _executor_pid() -> int:
    """The executor JVM this Python worker descends from (pyspark.daemon sits between)."""
    pid = os.getppid()
    while pid > 1:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"CoarseGrainedExecutorBackend" in command:
            return pid
        pid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    raise RuntimeError("no executor JVM above this Python worker")


@pytest.fixture
def cluster_session(spark_cluster):
    """A driver in this process, on the cluster; workers run this Python (use_this_python)."""
    from pyspark.sql import SparkSession

    from drugparse.spark.job import use_this_python

    spark = (
        SparkSession.builder.master(spark_cluster.url)
        .appName("drugparse kill test")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.executor.memory", "1g")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.task.maxFailures", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    assert use_this_python(spark.sparkContext) == sys.executable
    yield spark
    spark.stop()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the executor in /proc")
def test_a_task_whose_executor_is_killed_is_retried_and_nothing_is_lost_or_doubled(
    cluster_session, dump, expected, tmp_path
):
    from drugparse.spark.dataframe import convert_dataframe
    from drugparse.spark.dump import read_multistream

    marker = tmp_path / "killed"
    cluster_session.sparkContext.environment["DRUGPARSE_KILL_MARKER"] = str(marker)
    pages = read_multistream(cluster_session, dump, drug_pages_only=True, partitions=4)
    parser = f"{__name__}:parse_killing_its_executor_once"
    rows = convert_dataframe(pages, parser=parser).collect()
    assert marker.exists()  # an executor was killed while it held KILLED_ON's task
    records = sorted(row.record + "\n" for row in rows if row.record is not None)
    assert len(records) == len(set(records)) == 4
    assert by_title(records) == expected
    assert sorted((row.title, row.error_code) for row in rows if row.error_code) == [
        ("Bad bytes", "invalid_xml"),
        ("Brokenase", "parse_error"),
    ]
