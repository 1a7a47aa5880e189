"""``drugparse`` as a well-made Unix tool (issue 19), each behaviour run as a real process.

File modes follow the umask; ``validate`` reads every form ``convert``
writes; SIGINT/SIGTERM, a closed pipe, a full or read-only file system end
cleanly; conflicting options are usage errors; messages name their file.
Runs are interrupted at a point the test controls (``tests/blocking_parser.py``
blocks a chosen page until the test says so), never after a sleep.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml

from .blocking_parser import BLOCK, HANG
from .conftest import FIXTURES, ROOT

DRUG = (FIXTURES / "imiglucerase.wiki").read_text("utf-8")
BLOCKING = "tests.blocking_parser:parse"
TEMP_PREFIX = ".drugparse-tmp-"


def command(*args: object) -> list[str]:
    return [sys.executable, "-m", "drugparse", *map(str, args)]


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def run(*args: object, stdin: str | bytes | None = None, umask: int | None = None):
    return subprocess.run(
        command(*args),
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        cwd=ROOT,
        env=env(),
        timeout=300,
        preexec_fn=(lambda: os.umask(umask)) if umask is not None else None,
        check=False,
    )


def text(stream: bytes) -> str:
    return stream.decode("utf-8")


def drug_folder(folder: Path, count: int, *, block_at: int | None = None) -> Path:
    """``count`` distinct drug articles, ``Drug 000.wiki``...; titles ``Drug 000``..."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        page = DRUG.replace("'''Imiglucerase'''", f"'''Drug {n:03d}'''", 1)
        if n == block_at:
            page = BLOCK + "\n" + page
        (folder / f"Drug {n:03d}.wiki").write_text(page, "utf-8")
    return folder


def temporaries(*folders: Path) -> list[Path]:
    return [p for f in folders if f.is_dir() for p in f.iterdir() if p.name.startswith(TEMP_PREFIX)]


class Blocked:
    """A convert (or report) run whose page ``block_at`` blocks until :meth:`release` (or a
    signal)."""

    def __init__(self, tmp_path: Path, *args: object, subcommand: str = "convert") -> None:
        self.gate = tmp_path / f"gate-{uuid.uuid4().hex}"
        self.process = subprocess.Popen(
            command(
                subcommand, *args, "--parser", BLOCKING, "--page-timeout", "0", "--no-progress"
            ),
            cwd=ROOT,
            env=env(DRUGPARSE_TEST_GATE=str(self.gate)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )

    def wait_until(self, condition, what: str) -> None:
        """Wait for the blocked page and for ``condition``; generous: no speed is assumed."""
        deadline = time.monotonic() + 240
        reached = Path(str(self.gate) + ".reached")
        while not (reached.exists() and condition()):
            assert self.process.poll() is None, text(self.process.stderr.read())
            assert time.monotonic() < deadline, f"never reached: {what}"
            time.sleep(0.02)

    def finish(self) -> tuple[int, str, str]:
        out, err = self.process.communicate(timeout=120)
        return self.process.returncode, text(out), text(err)

    def interrupt(self, signum: int, condition, what: str) -> tuple[int, str, str]:
        """Once the page blocks and ``condition`` holds, send ``signum``; how the run ended."""
        try:
            self.wait_until(condition, what)
            self.process.send_signal(signum)
            return self.finish()
        finally:
            self.kill()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def lines_of(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


# --- files created with the user's umask ----------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_every_file_written_gets_the_mode_of_the_umask(tmp_path, umask, mode):
    folder = drug_folder(tmp_path / "in", 2)
    (folder / "Broken.wiki").write_bytes(b"\xff not UTF-8")
    out, lines, errors = tmp_path / "out", tmp_path / "all.jsonl", tmp_path / "errors.jsonl"
    assert run("convert", folder, "-o", out, "--errors", errors, umask=umask).returncode == 1
    assert run("convert", folder, "-o", lines, umask=umask).returncode == 1
    written = [*out.iterdir(), lines, errors]
    assert len(written) == 4
    assert {oct(p.stat().st_mode & 0o777) for p in written} == {oct(mode)}


# --- validate reads what convert writes -----------------------------------------------------


def test_validate_reads_every_form_convert_writes(tmp_path):
    folder = drug_folder(tmp_path / "in", 3)
    forms = ["all.jsonl", "all.json", "all.yaml", "all.yml", "dir"]
    for name in forms:
        assert run("convert", folder, "-o", tmp_path / name).returncode == 0
    array = json.loads((tmp_path / "all.json").read_text("utf-8"))
    assert [r["title"] for r in array] == ["Drug 000", "Drug 001", "Drug 002"]
    documents = list(yaml.safe_load_all((tmp_path / "all.yaml").read_text("utf-8")))
    assert [r["title"] for r in documents] == ["Drug 000", "Drug 001", "Drug 002"]
    result = run("validate", *(tmp_path / name for name in forms))
    assert result.returncode == 0, text(result.stderr)
    # 4 files of 3 records, and the folder's 3 files of one
    assert "15 records in 7 files: all valid" in text(result.stderr)


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl"])
def test_convert_piped_into_validate_of_standard_input(tmp_path, fmt):
    folder = drug_folder(tmp_path / "in", 2)
    for inputs in ([folder / "Drug 000.wiki"], [folder]):
        shell = (
            " ".join(f"'{c}'" for c in command("convert", *inputs, "--format", fmt))
            + " | "
            + " ".join(f"'{c}'" for c in command("validate", "-"))
        )
        result = subprocess.run(
            ["sh", "-c", shell], capture_output=True, cwd=ROOT, env=env(), timeout=300
        )
        assert result.returncode == 0, text(result.stderr)
        count = 1 if inputs[0].is_file() else 2
        assert f"{count} record{'s' if count > 1 else ''} in 1 file: all valid" in text(
            result.stderr
        )


def test_validate_names_the_record_of_a_multi_record_file(tmp_path):
    folder = drug_folder(tmp_path / "in", 2)
    assert run("convert", folder, "-o", tmp_path / "all.json").returncode == 0
    records = json.loads((tmp_path / "all.json").read_text("utf-8"))
    records[1]["identifiers"]["cas"] = "154248 97 2"
    (tmp_path / "all.json").write_text(json.dumps(records), "utf-8")
    result = run("validate", tmp_path / "all.json")
    assert result.returncode == 1
    assert "all.json[2]: identifiers.cas:" in text(result.stderr)
    assert "all.json[1]" not in text(result.stderr)
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = run("validate", empty)
    assert result.returncode == 2 and "no record files" in text(result.stderr)


# --- clean ends: signals, closed pipes, full and read-only file systems ---------------------


def test_sigint_keeps_the_whole_records_of_a_jsonl_output(tmp_path):
    # Folders are read 16 files a task: files 0-15 are written, file 20 blocks.
    folder = drug_folder(tmp_path / "in", 40, block_at=20)
    out = tmp_path / "out.jsonl"
    run_ = Blocked(tmp_path, folder, "-o", out, "--jobs", "2")
    status, stdout, stderr = run_.interrupt(
        signal.SIGINT,
        lambda: sum(lines_of(p) for p in temporaries(tmp_path)) == 16,
        "16 records written",
    )
    assert status == 130, stderr
    assert "Traceback" not in stderr
    assert "interrupted by SIGINT" in stderr
    assert "16 pages read, 16 records written" in stderr
    assert f"{out} holds the 16 records converted before the interrupt" in stderr
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [r["title"] for r in records] == [f"Drug {n:03d}" for n in range(16)]
    assert temporaries(tmp_path) == []
    assert run("validate", out).returncode == 0


def test_sigterm_keeps_a_folder_and_resume_completes_it(tmp_path):
    folder = drug_folder(tmp_path / "in", 40, block_at=20)
    out, reference = tmp_path / "out", tmp_path / "reference"
    run_ = Blocked(tmp_path, folder, "-o", out, "--jobs", "2")
    status, _, stderr = run_.interrupt(
        signal.SIGTERM, lambda: len(list(out.glob("*.yaml"))) == 16, "16 files written"
    )
    assert status == 143, stderr
    assert "interrupted by SIGTERM" in stderr and "Traceback" not in stderr
    assert f"16 records in {out} (each file whole); run the same command with --resume" in stderr
    assert len(list(out.iterdir())) == 16 and temporaries(out) == []
    result = run("convert", folder, "-o", out, "--resume")
    assert result.returncode == 0
    assert "40 pages read, 24 records written, 16 kept, 0 skipped, 0 failed" in text(result.stderr)
    assert run("convert", folder, "-o", reference).returncode == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        p.name: p.read_bytes() for p in reference.iterdir()
    }


def test_a_closed_pipe_ends_quietly_with_status_141(tmp_path):
    folder = drug_folder(tmp_path / "in", 60)  # about 300 KB of JSON Lines: more than a pipe holds
    process = subprocess.Popen(
        command("convert", folder, "--format", "jsonl", "--jobs", "1"),
        cwd=ROOT,
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    stderr = text(process.stderr.read())
    assert process.wait(timeout=120) == 141
    assert json.loads(first)["title"] == "Drug 000"
    assert stderr == ""


@pytest.fixture
def small_filesystem(tmp_path):
    """A real 64 KiB file system (tmpfs), where the machine lets the tests mount one."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mount = shutil.which("mount")
    if os.geteuid() != 0 or mount is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {text(done.stderr).strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


@pytest.mark.parametrize("name", ["out.jsonl", "records"])
def test_a_full_disk_names_the_path_exits_2_and_leaves_no_temporary(
    tmp_path, small_filesystem, name
):
    folder = drug_folder(tmp_path / "in", 40)  # about 200 KB of records for 64 KiB
    out = small_filesystem / name
    result = run("convert", folder, "-o", out, "--jobs", "1")
    stderr = text(result.stderr)
    assert result.returncode == 2, stderr
    assert "No space left on device" in stderr and str(out) in stderr
    assert "Traceback" not in stderr
    assert temporaries(small_filesystem, out) == []
    if name == "records":  # the whole files written before stay, for --resume
        assert 0 < len(list(out.iterdir())) < 40
        assert "--resume" in stderr
    else:
        assert not out.exists()


def test_a_disk_already_full_is_told_before_any_work(tmp_path, small_filesystem):
    filler = small_filesystem / "filler"
    with contextlib.suppress(OSError), open(filler, "wb") as stream:
        stream.write(b"x" * 1024 * 1024)
    folder = drug_folder(tmp_path / "in", 3)
    result = run("convert", folder, "-o", small_filesystem / "records")
    stderr = text(result.stderr)
    assert result.returncode == 2
    assert "No space left on device" in stderr and "pages read" not in stderr


def test_a_read_only_output_folder_is_told_before_any_work(tmp_path):
    out = tmp_path / "read-only"
    out.mkdir()
    if os.geteuid() == 0:  # root writes through permission bits: mount a read-only tmpfs
        mount = shutil.which("mount")
        done = subprocess.run(
            [mount or "mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(out)],
            capture_output=True,
        )
        if done.returncode != 0:
            pytest.skip("root, and no read-only tmpfs can be mounted here")
    else:
        out.chmod(0o555)
    try:
        folder = drug_folder(tmp_path / "in", 3)
        for target in (out, out / "all.jsonl"):
            result = run("convert", folder, "-o", target)
            stderr = text(result.stderr)
            assert result.returncode == 2, stderr
            assert f"cannot write {out}" in stderr
            assert "pages read" not in stderr  # nothing was converted
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(out)], check=False)
        else:
            out.chmod(0o755)


# --- options: conflicts are usage errors that say what to use -------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["-o", "x.jsonl", "--format", "yaml"],
            "leave out --format yaml, or name the output x.yaml",
        ),
        (["-o", "x.jsonl", "--format", "json"], "-o x.jsonl holds JSON Lines, not json"),
        (["-o", "x.json", "--format", "jsonl"], "-o x.json holds one JSON array, not jsonl"),
        (["-o", "d.csv"], "for a folder of that name write -o d.csv/"),
        (["--resume"], "--resume goes on with an interrupted -o DIR run"),
        (["-o", "x.jsonl", "--resume"], "--resume goes on with an interrupted -o DIR run"),
        (["--page-timeout", "-3"], "--page-timeout -3: give the seconds"),
        (["--page-timeout", "nan"], "--page-timeout nan"),
        (["--jobs", "-1"], "--jobs -1"),
        (["-o", "e.jsonl", "--errors", "e.jsonl"], "--errors and -o name the same file"),
    ],
)
def test_conflicting_or_meaningless_options_are_usage_errors(tmp_path, args, says):
    result = run("convert", FIXTURES / "imiglucerase.wiki", *args)
    assert result.returncode == 2
    assert says in text(result.stderr)
    assert result.stdout == b""
    assert not (ROOT / "x.jsonl").exists() and not (ROOT / "d.csv").exists()


def test_title_with_several_inputs_or_a_folder_is_a_usage_error(tmp_path):
    folder = drug_folder(tmp_path / "in", 2)
    for inputs in ([folder / "Drug 000.wiki", folder / "Drug 001.wiki"], [folder]):
        result = run("convert", *inputs, "--title", "Aspirin")
        assert result.returncode == 2
        assert "--title names the page of one wikitext file" in text(result.stderr)
    result = run("convert", folder / "Drug 000.wiki", "--title", "Aspirin", "--format", "json")
    assert json.loads(result.stdout)["title"] == "Aspirin"


def test_a_folder_name_with_a_dot_is_a_folder_with_a_trailing_slash(tmp_path):
    out = tmp_path / "d.csv"
    result = run("convert", FIXTURES / "imiglucerase.wiki", "-o", f"{out}/")
    assert result.returncode == 0
    assert [p.name for p in out.iterdir()] == ["Imiglucerase.yaml"]


# --- messages name the file; --fail-fast; the summary --------------------------------------


def test_a_timeout_in_a_folder_names_the_file(tmp_path):
    folder = drug_folder(tmp_path / "in", 2)
    (folder / "Slow one.wiki").write_text(HANG + DRUG, "utf-8")
    errors = tmp_path / "errors.jsonl"
    result = run(
        "convert", folder, "-o", tmp_path / "out", "--errors", errors,
        "--parser", BLOCKING, "--page-timeout", "0.5", "--jobs", "1",
    )  # fmt: skip
    assert result.returncode == 1
    (entry,) = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    assert entry["code"] == "timeout" and entry["title"] is None
    assert entry["source"] == str(folder / "Slow one.wiki")
    assert f"drugparse: {folder / 'Slow one.wiki'}: timeout: parsing took longer" in text(
        result.stderr
    )


def test_error_rows_of_files_name_the_path_in_source_not_in_title(tmp_path):
    page = tmp_path / "Aspirin history.wiki"
    page.write_text("'''Aspirin''' is old.\n", "utf-8")
    errors = tmp_path / "errors.jsonl"
    result = run("convert", page, "--errors", errors)
    assert result.returncode == 1
    (entry,) = [json.loads(line) for line in errors.read_text("utf-8").splitlines()]
    assert entry["source"] == str(page) and entry["title"] is None
    assert entry["code"] == "no_infobox"


def test_fail_fast_stops_at_the_first_failure_inside_a_folder(tmp_path):
    folder = drug_folder(tmp_path / "in", 6)
    (folder / "Drug 002.wiki").write_bytes(b"caf\xe9")  # Latin-1: fails
    out = tmp_path / "out"
    result = run("convert", folder, "-o", out, "--fail-fast", "--jobs", "1")
    stderr = text(result.stderr)
    assert result.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["Drug_000.yaml", "Drug_001.yaml"]
    assert stderr.count("invalid_utf8") == 1
    assert "3 pages read, 2 records written, 0 skipped, 1 failed" in stderr


def test_summary_is_singular_for_one_and_printed_for_a_dump_on_standard_input(tmp_path):
    from .dumps import dump_text

    result = run("convert", FIXTURES / "imiglucerase.wiki", "-o", tmp_path / "one.jsonl")
    assert "drugparse: 1 page read, 1 record written, 0 skipped, 0 failed" in text(result.stderr)
    dump = dump_text([("Imiglucerase", DRUG, 1, 0, None), ("Other", "no infobox", 2, 0, None)])
    result = run("convert", "-", "--format", "jsonl", stdin=dump)
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "Imiglucerase"
    assert "2 pages read, 1 record written, 1 skipped, 0 failed" in text(result.stderr)
    # one article on standard input: the record alone, no summary
    result = run("convert", "-", stdin=DRUG)
    assert result.returncode == 0 and text(result.stderr) == ""


# --- report and validate end as convert does -------------------------------------------------


def small_pipe() -> tuple[int, int]:
    """A pipe that holds one page (4 KiB), so a writer of more than that meets the closed end
    whatever the system's default pipe size."""
    import fcntl

    read_end, write_end = os.pipe()
    if hasattr(fcntl, "F_SETPIPE_SZ"):
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    return read_end, write_end


def closed_after(count: int, *args: object) -> tuple[int, bytes, str]:
    """Run drugparse ARGS into a pipe, read ``count`` bytes and close it (``| head -c``):
    the exit status, the bytes read, standard error."""
    read_end, write_end = small_pipe()
    process = subprocess.Popen(
        command(*args), cwd=ROOT, env=env(), stdout=write_end, stderr=subprocess.PIPE
    )
    os.close(write_end)
    first = os.read(read_end, count)
    os.close(read_end)
    stderr = text(process.stderr.read())
    return process.wait(timeout=300), first, stderr


def test_schema_into_a_closed_pipe_ends_quietly_with_status_141():
    status, first, stderr = closed_after(10, "schema")
    assert (status, first, stderr) == (141, b'{\n  "$sche', "")


def test_report_json_into_a_closed_pipe_ends_quietly_with_status_141(tmp_path):
    folder = drug_folder(tmp_path / "in", 30)  # some 40 KB of report: more than the pipe holds
    status, first, stderr = closed_after(2, "report", folder, "--format", "json", "--jobs", "1")
    assert (status, first) == (141, b"{\n")
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert "30 pages read, 30 records written" in stderr  # the conversion had ended


def test_sigint_stops_a_report_with_its_summary_and_writes_no_page(tmp_path):
    folder = drug_folder(tmp_path / "in", 40, block_at=20)
    out = tmp_path / "report.html"
    run_ = Blocked(tmp_path, folder, "-o", out, "--jobs", "2", subcommand="report")
    status, stdout, stderr = run_.interrupt(signal.SIGINT, lambda: True, "the blocked page")
    assert status == 130, stderr
    assert "Traceback" not in stderr
    assert "drugparse: interrupted by SIGINT" in stderr
    assert " pages read, " in stderr and " failed in " in stderr  # convert's summary line
    assert f"no report written to {out}" in stderr
    assert not out.exists() and temporaries(tmp_path) == []


def test_report_converting_ends_with_converts_summary_and_respects_the_umask(tmp_path):
    folder = drug_folder(tmp_path / "in", 3)
    (folder / "Plain.wiki").write_text("No infobox here.", "utf-8")
    out = tmp_path / "report.html"
    result = run("report", folder, "-o", out, "--no-progress", "--jobs", "1", umask=0o027)
    stderr = text(result.stderr)
    assert result.returncode == 0, stderr
    lines = stderr.splitlines()
    assert lines[0].startswith("drugparse: 4 pages read, 3 records written, 1 skipped, 0 failed")
    assert lines[1].startswith("drugparse: report of 3 records from 4 pages read")
    assert oct(out.stat().st_mode & 0o777) == oct(0o640)


def syscall_of(pid: int) -> str:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/syscall").read_text()
    return ""


def test_sigint_while_validate_reads_standard_input_ends_with_status_130():
    import platform

    read_call = {"x86_64": "0", "aarch64": "63"}.get(platform.machine())
    if read_call is None or not syscall_of(os.getpid()):
        pytest.skip("tells that validate waits on its input from /proc/PID/syscall (Linux)")
    process = subprocess.Popen(
        command("validate", "-"),
        cwd=ROOT,
        env=env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 240
        # Reading its standard input (file descriptor 0): the point the test interrupts at.
        while syscall_of(process.pid).split()[:2] != [read_call, "0x0"]:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    assert process.returncode == 130
    assert text(stderr).splitlines() == [
        "drugparse: interrupted by SIGINT",
        "drugparse: 0 records in 0 files checked before it",
    ]


# --- spark-convert: options checked before Spark starts ------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["-o", "x.jsonl", "--format", "parquet"], "leave out --format parquet, or give a folder"),
        (["-o", "out.csv"], "for a folder of that name write -o {tmp}/out.csv/"),
        (["-o", "tables.parquet", "--format", "parquet"], "write -o {tmp}/tables.parquet/"),
        (["-o", "-"], "give -o records.jsonl or -o DIR"),
        (["-o", "out", "--page-timeout", "-3"], "--page-timeout -3: give the seconds"),
        (["-o", "out", "--partitions", "0"], "--partitions 0: give 1 or more"),
        (["-o", "out", "--where", "wiki_db = 'enwiki'"], "a dump is read whole: leave out --where"),
        (["-o", "x.jsonl", "--errors", "x.jsonl"], "give --errors another name"),
        (["-o", "notes.txt/x.jsonl"], "cannot write {tmp}/notes.txt/x.jsonl: Not a directory"),
    ],
)
def test_spark_convert_option_conflicts_are_usage_errors_before_spark_starts(tmp_path, args, says):
    dump = tmp_path / "dump.xml.bz2"
    dump.write_bytes(b"")
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    # the files named (after -o and --errors) are in tmp_path
    named = zip(["", *args[:-1]], args, strict=True)
    args = [str(tmp_path / a) if b in ("-o", "--errors") and a != "-" else a for b, a in named]
    result = run("spark-convert", dump, *args)
    stderr = text(result.stderr)
    assert result.returncode == 2, stderr
    assert says.format(tmp=tmp_path) in stderr
    assert "Traceback" not in stderr and "log4j" not in stderr  # Spark never started
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump.xml.bz2", "notes.txt"]


def test_spark_convert_refuses_an_existing_folder_and_an_index_without_a_dump(tmp_path):
    (tmp_path / "pages.parquet").write_bytes(b"")
    (tmp_path / "out").mkdir()
    result = run("spark-convert", tmp_path / "pages.parquet", "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "out exists; not overwriting a Spark output folder: remove it first" in text(
        result.stderr
    )
    result = run("spark-convert", tmp_path / "pages.parquet", "-o", "o", "--index", "i.txt")
    assert result.returncode == 2
    assert "is read as parquet: leave out --index" in text(result.stderr)


def test_spark_convert_help_version_and_a_bare_spark_submit_call():
    from drugparse import __version__

    help_text = " ".join(text(run("spark-convert", "--help").stdout).split())
    assert "(default: 5; 0: no limit)" in help_text and "(default: rdd" in help_text
    assert "examples:" in help_text and "exit status:" in help_text
    script = [sys.executable, str(ROOT / "drugparse" / "cli" / "spark.py")]
    done = subprocess.run([*script, "--version"], capture_output=True, env=env(), timeout=120)
    assert done.returncode == 0 and text(done.stdout).strip() == f"drugparse {__version__}"
    done = subprocess.run(script, capture_output=True, env=env(), timeout=120)
    assert done.returncode == 2 and "examples:" in text(done.stderr)
    assert "Traceback" not in text(done.stderr)


# --- help, version, encodings, empty files, folders of *.wikitext --------------------------


def test_version_and_help_on_a_bare_call():
    from drugparse import __version__

    result = run("--version")
    assert result.returncode == 0 and text(result.stdout).strip() == f"drugparse {__version__}"
    result = run()
    assert result.returncode == 2
    assert "convert" in text(result.stderr) and "validate" in text(result.stderr)
    assert "Traceback" not in text(result.stderr)


def test_convert_help_shows_defaults_and_examples():
    help_text = " ".join(text(run("convert", "--help").stdout).split())
    assert "(default: 5; 0: no limit" in help_text  # --page-timeout
    assert "default: yaml" in help_text and "default: the number of cores" in help_text
    assert "examples:" in help_text and "drugparse convert articles/ -o records/" in help_text
    assert "*.wiki, *.wikitext, *.mediawiki, *.txt" in help_text


def test_utf8_with_and_without_bom_and_utf16_with_bom_read_alike(tmp_path):
    expected = run("convert", FIXTURES / "imiglucerase.wiki", "--format", "json").stdout
    for name, data in [
        ("bom8.wiki", b"\xef\xbb\xbf" + DRUG.encode("utf-8")),
        ("le16.wiki", DRUG.encode("utf-16")),  # with its BOM
        ("be16.wiki", b"\xfe\xff" + DRUG.encode("utf-16-be")),
    ]:
        (tmp_path / name).write_bytes(data)
        result = run("convert", tmp_path / name, "--format", "json")
        assert result.returncode == 0, text(result.stderr)
        assert result.stdout == expected


def test_other_encodings_and_empty_files_are_clear_errors_naming_the_file_once(tmp_path):
    latin = tmp_path / "Latin1.wiki"
    latin.write_bytes(DRUG.encode("utf-8").replace(b"used in", b"used in caf\xe9", 1))
    result = run("convert", latin)
    stderr = text(result.stderr)
    assert result.returncode == 1
    assert stderr.count("Latin1.wiki") == 1
    assert "not UTF-8 text (byte 0xe9 at offset" in stderr and "save it as UTF-8" in stderr
    empty = tmp_path / "Empty.wiki"
    empty.write_bytes(b"")
    result = run("convert", empty)
    assert result.returncode == 1
    assert f"drugparse: {empty}: empty_input: the file is empty" in text(result.stderr)
    result = run("convert", "-", stdin="")
    assert result.returncode == 1 and "standard input is empty" in text(result.stderr)


def test_a_folder_of_wikitext_files_is_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "Imiglucerase.wikitext").write_text(DRUG, "utf-8")
    (folder / "notes.md").write_text("# not an article", "utf-8")
    result = run("convert", folder, "-o", tmp_path / "out")
    assert result.returncode == 0
    assert "1 page read, 1 record written" in text(result.stderr)


# --- YAML for people ---------------------------------------------------------------------


def test_yaml_is_written_for_people_and_reads_back_the_same(tmp_path):
    result = run("convert", FIXTURES / "imiglucerase.wiki")
    written = text(result.stdout)
    record = json.loads(run("convert", FIXTURES / "imiglucerase.wiki", "--format", "json").stdout)
    assert yaml.safe_load(written) == record
    lines = written.splitlines()
    # the summary is a literal block: its paragraphs as they are, one blank line between
    start = lines.index("summary: |-")
    assert lines[start + 1] == (
        "  Imiglucerase is a medication used in the treatment of Gaucher's disease."
    )
    assert lines[start + 2] == ""
    # no line past 200 characters, except inside that block or an unbreakable URL
    long = [line for line in lines if len(line) > 200]
    assert all(" " not in line.strip() or line.startswith("  ") for line in long), long
    broken = run("convert", FIXTURES / "broken-page.wiki")
    # a message holding ' is double-quoted, without '' escapes
    assert "message: \"line 7: '' is never closed: \\\"'''Brokenine" in text(broken.stdout)
