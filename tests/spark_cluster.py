"""A Spark standalone cluster on this machine: a master and workers as separate processes.

What a user's cluster is, made from what the ``pyspark`` package ships
(``bin/spark-class``): each daemon is its own JVM, each worker starts its own
executor JVMs, and those start their own Python workers. The daemons run
with ``PATH=/usr/bin:/bin`` and nothing of this Python environment, as on a
machine where drugparse was never installed.

Readiness is read from the daemons' logs as they are written (a thread per
process, a condition variable), never guessed with a sleep.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

#: Generous: a daemon JVM starts in 2-5 s on an idle 2-core machine, far slower on a busy one.
START_TIMEOUT = 240.0
STOP_TIMEOUT = 60.0


def spark_home() -> Path | None:
    """The ``pyspark`` package folder (it holds ``bin/spark-class`` and ``jars/``), or None."""
    try:
        import pyspark
    except ImportError:
        return None
    home = Path(pyspark.__file__).resolve().parent
    return home if (home / "bin" / "spark-class").is_file() else None


def java_home() -> Path | None:
    """``JAVA_HOME``, or the JDK the ``java`` on ``PATH`` belongs to, or None."""
    if os.environ.get("JAVA_HOME"):
        return Path(os.environ["JAVA_HOME"])
    java = shutil.which("java")
    return Path(java).resolve().parent.parent if java else None


def bare_environment(**extra: str) -> dict[str, str]:
    """What a daemon or a command sees on a machine without this Python environment."""
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    env["SPARK_LOCAL_IP"] = "127.0.0.1"  # drivers too: the cluster listens on loopback only
    java = java_home()
    if java is not None:
        env["JAVA_HOME"] = str(java)
    env.update(extra)
    return env


class Daemon:
    """One ``spark-class`` process and its log, watched line by line."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path) -> None:
        self.name = name
        self.log = log
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._done = False
        self.process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,  # its executors and their Python workers join its group
        )
        self._pump = threading.Thread(target=self._read, name=f"log of {name}", daemon=True)
        self._pump.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.log.open("w", encoding="utf-8") as copy:
            for line in self.process.stdout:
                copy.write(line)
                copy.flush()
                with self._changed:
                    self.lines.append(line)
                    self._changed.notify_all()
        with self._changed:
            self._done = True
            self._changed.notify_all()

    def wait_for(self, pattern: str, timeout: float = START_TIMEOUT) -> re.Match[str]:
        """The first log line matching ``pattern``; an error if the daemon ends or times out."""
        regex = re.compile(pattern)
        seen = 0
        with self._changed:
            while True:
                for line in self.lines[seen:]:
                    found = regex.search(line)
                    if found:
                        return found
                seen = len(self.lines)
                if self._done:
                    raise RuntimeError(f"{self.name} ended before {pattern!r}; see {self.log}")
                if not self._changed.wait(timeout):
                    raise TimeoutError(
                        f"{self.name}: no {pattern!r} in {timeout:g} s; see {self.log}"
                    )

    def stop(self) -> None:
        """SIGTERM to the daemon's process group (it, its executors, their Python), then SIGKILL."""
        if self.process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(STOP_TIMEOUT)
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # executors the daemon left behind
        self.process.wait(STOP_TIMEOUT)
        self._pump.join(STOP_TIMEOUT)


@dataclass
class StandaloneCluster:
    """``spark://127.0.0.1:PORT``: one master, ``workers`` workers of one core each."""

    folder: Path
    workers: int = 2
    worker_memory: str = "2g"
    url: str = ""
    daemons: list[Daemon] = field(default_factory=list)

    def start(self) -> StandaloneCluster:
        home = spark_home()
        if home is None:
            raise RuntimeError("pyspark is not installed")
        spark_class = str(home / "bin" / "spark-class")
        env = bare_environment(
            SPARK_HOME=str(home),
            SPARK_DAEMON_MEMORY="256m",
            # No REST submission server: its fixed port 6066 would clash between clusters.
            SPARK_MASTER_OPTS="-Dspark.master.rest.enabled=false",
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        try:
            master = self._daemon(
                "master",
                [spark_class, "org.apache.spark.deploy.master.Master"]
                + ["--host", "127.0.0.1", "--port", "0", "--webui-port", "0"],
                env,
            )
            self.url = master.wait_for(r"Starting Spark master at (spark://\S+)").group(1)
            master.wait_for(r"elected leader")
            for number in range(1, self.workers + 1):
                work = self.folder / f"worker-{number}"
                self._daemon(
                    f"worker-{number}",
                    [spark_class, "org.apache.spark.deploy.worker.Worker", self.url]
                    + ["--host", "127.0.0.1", "--port", "0", "--webui-port", "0"]
                    + ["--cores", "1", "--memory", self.worker_memory, "--work-dir", str(work)],
                    env,
                )
            for worker in self.daemons[1:]:
                worker.wait_for(r"Successfully registered with master")
        except BaseException:
            self.stop()
            raise
        return self

    def _daemon(self, name: str, command: list[str], env: dict[str, str]) -> Daemon:
        daemon = Daemon(name, command, env, self.folder / f"{name}.log")
        self.daemons.append(daemon)
        return daemon

    def stop(self) -> None:
        for daemon in reversed(self.daemons):  # workers first, so the master sees them leave
            daemon.stop()

    def log_text(self) -> str:
        """Every daemon's log so far, for a failing test's message."""
        return "".join(f"== {d.name}\n" + "".join(d.lines[-40:]) for d in self.daemons)
