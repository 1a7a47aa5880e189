"""Shared test fixtures: the project's own fixture and, when present, ../shared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
PEER = SHARED / "peer"


@pytest.fixture(scope="session")
def imiglucerase_text() -> str:
    return (FIXTURES / "imiglucerase.wiki").read_text("utf-8")


def corpus_files() -> list[Path]:
    """Real articles of ../shared/corpus (empty when ../shared is absent)."""
    return sorted(CORPUS.glob("*.wiki")) if CORPUS.is_dir() else []


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
needs_peer = pytest.mark.skipif(not PEER.is_dir(), reason="../shared/peer is not present")


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m drugparse ARGS`` as a real subprocess, from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "drugparse", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


@pytest.fixture(scope="session")
def spark_cluster(tmp_path_factory):
    """A Spark standalone cluster on 127.0.0.1 (tests/spark_cluster.py), stopped after the tests."""
    from tests.spark_cluster import StandaloneCluster, java_home, spark_home

    if spark_home() is None:
        pytest.skip("PySpark is not installed")
    if java_home() is None:
        pytest.skip("Spark needs Java")
    cluster = StandaloneCluster(tmp_path_factory.mktemp("spark-cluster")).start()
    yield cluster
    cluster.stop()
