"""The progress bar: on standard error when it is a terminal, never in pipes or logs."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest

from .conftest import ROOT
from .dumps import drug_pages, write_dump

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="pseudo-terminals as on Linux")


def drug_dump(tmp_path, pages: int):
    return write_dump(tmp_path / "dump.xml", drug_pages(pages))


def convert_on_terminal(tmp_path, *options: str, size=(24, 100)) -> tuple[int, str]:
    """Run the CLI on a dump of 60 drug pages with standard error on a pseudo-terminal."""
    path = drug_dump(tmp_path, 60)
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "drugparse",
        "convert",
        str(path),
        "-o",
        str(tmp_path / "out"),
        "--jobs",
        "1",
        *options,
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=terminal
    )
    os.close(terminal)
    received = b""
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the other side closed
            break
        if not data:
            break
        received += data
    os.close(main)
    return process.wait(timeout=120), received.decode("utf-8", "replace")


def test_bar_on_a_terminal_shows_pages_records_failures_and_speed(tmp_path):
    status, stderr = convert_on_terminal(tmp_path)
    assert status == 0
    final = [part for part in stderr.split("\r") if "pages=" in part][-1]
    assert "pages=60 records=60 failed=0" in final
    assert "B/s" in final and final.startswith("drugparse:")
    assert "drugparse: 60 pages read, 60 records written, 0 skipped, 0 failed" in stderr


@pytest.mark.parametrize(
    "size", [(0, 0), (24, 0), (0, 100)], ids=["no size", "no width", "no height"]
)
def test_terminal_that_reports_no_size_still_gets_a_bar(tmp_path, size):
    status, stderr = convert_on_terminal(tmp_path, size=size)
    assert status == 0
    assert "pages=60 records=60 failed=0" in stderr


def test_no_progress_on_a_terminal_leaves_only_the_summary(tmp_path):
    status, stderr = convert_on_terminal(tmp_path, "--no-progress")
    assert status == 0
    assert "pages=" not in stderr and "B/s" not in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert stderr.strip().startswith("drugparse: 60 pages read, 60 records written, 0 skipped")


def test_no_bar_when_standard_error_is_a_pipe(tmp_path):
    path = drug_dump(tmp_path, 5)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "drugparse", "convert", str(path), "-o", str(tmp_path / "o")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith("drugparse: 5 pages read, 5 records written")
