"""A real single-node Apache Kafka broker (KRaft) for the test suite, without Docker.

The jars come from Maven Central through ``tests/kafka/pom.xml`` and are cached in
``.cache/kafka-jars/`` under the repository root (git-ignored), so reruns are offline.
See shared KAFKA-LOCAL.md for the recipe and its traps.

    broker = KafkaBroker()
    broker.start()            # fetch jars (once), format storage, start, wait until ready
    broker.bootstrap          # "127.0.0.1:PORT"
    broker.stop_broker()      # outage: the process stops, log dir and ports are kept
    broker.start_again()      # same log dir, same ports, same topics and offsets
    broker.stop()             # stop and remove the temporary directory
"""

from __future__ import annotations

import base64
import ctypes
import hashlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
KAFKA_DIR = Path(__file__).resolve().parent / "kafka"
POM = KAFKA_DIR / "pom.xml"
LOG4J_CONFIG = KAFKA_DIR / "log4j2.properties"
JARS_DIR = REPO_ROOT / ".cache" / "kafka-jars"
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

READY_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 30.0
MAVEN_TIMEOUT_SECONDS = 600.0
FORMAT_TIMEOUT_SECONDS = 120.0

SERVER_PROPERTIES = """\
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:{ctrl}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{ctrl}
advertised.listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{ctrl}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs={log_dirs}
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
"""


class BrokerUnavailable(RuntimeError):
    """Java or Maven is missing: the broker cannot be started on this machine at all."""


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise BrokerUnavailable(
            f"'{tool}' not found on PATH: install Java 17 and Maven "
            "(apt-get install openjdk-17-jre-headless maven) or set "
            "STRIKEWATCH_KAFKA_BOOTSTRAP to a running broker"
        )
    return path


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def ensure_jars(jars_dir: Path = JARS_DIR) -> Path:
    """Copy the broker's jars from Maven Central into ``jars_dir`` unless already there.

    The copy goes to a sibling folder first and is renamed into place, so an interrupted
    fetch is never mistaken for a complete one; a changed pom.xml triggers a new fetch.
    """
    marker = jars_dir / ".pom-sha256"
    digest = _pom_digest()
    if marker.is_file() and marker.read_text().strip() == digest:
        log.debug("kafka jars present dir=%s", jars_dir)
        return jars_dir
    mvn = _need("mvn")
    started = time.monotonic()
    jars_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="kafka-jars-", dir=jars_dir.parent))
    try:
        cmd = [
            mvn, "-q", "-B", "-f", str(POM),
            f"{DEPENDENCY_PLUGIN}:copy-dependencies",
            "-DincludeScope=runtime", f"-DoutputDirectory={staging}",
        ]
        proc = subprocess.run(
            cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
            timeout=MAVEN_TIMEOUT_SECONDS,
        )
        if proc.returncode != 0:
            raise RuntimeError(
                f"fetching the Kafka jars failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                f"{_tail(proc.stdout + proc.stderr)}\n"
                "Maven Central must be reachable once; later runs use the cache."
            )
        if not list(staging.glob("kafka_2.13-*.jar")):
            raise RuntimeError(f"Maven ran but copied no kafka_2.13 jar into {staging}")
        (staging / ".pom-sha256").write_text(digest + "\n")
        if jars_dir.exists():
            shutil.rmtree(jars_dir)
        staging.rename(jars_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("kafka jars fetched seconds=%.1f dir=%s", time.monotonic() - started, jars_dir)
    return jars_dir


def create_topics(bootstrap: str, names: Iterable[str], partitions: int = 1) -> None:
    """Create topics (replication factor 1) and wait until every partition has a leader."""
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="strikewatch-tests")
    try:
        admin.create_topics(
            {name: {"num_partitions": partitions, "replication_factor": 1} for name in names},
            wait_for_metadata=True,
        )
    finally:
        admin.close()


def _tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _free_ports(count: int) -> list[int]:
    """Distinct free loopback ports (all sockets held open until every port is picked)."""
    socks = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _cluster_id() -> str:
    """A Kafka cluster id, as `StorageTool random-uuid` prints it, without starting a JVM."""
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()
        if not cid.startswith("-"):  # Kafka's Uuid avoids ids that look like CLI flags
            return cid


# Loaded before any fork: the child must do as little as possible (client threads may run).
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Ask Linux to SIGTERM the broker if pytest dies without running its finalizers."""
    if _LIBC is not None:
        _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


class KafkaBroker:
    """One Kafka broker process (broker + controller roles) on two free loopback ports."""

    def __init__(self, jars_dir: Path = JARS_DIR, ready_timeout: float = READY_TIMEOUT_SECONDS,
                 reserve_ports: bool = False):
        self.jars_dir = jars_dir
        self.ready_timeout = ready_timeout
        self.workdir: Path | None = None
        #: Picked now with ``reserve_ports`` (clients can be pointed at a broker not started
        #: yet), else by start().
        self.port: int | None = None
        self.controller_port: int | None = None
        if reserve_ports:
            self.port, self.controller_port = _free_ports(2)
        self.process: subprocess.Popen | None = None
        #: seconds per phase of the last start: "jars", "format", "start"
        self.timings: dict[str, float] = {}

    # -- public API -------------------------------------------------------------------

    @property
    def bootstrap(self) -> str:
        if self.port is None:
            raise RuntimeError("the broker has not been started")
        return f"127.0.0.1:{self.port}"

    @property
    def startup_seconds(self) -> float:
        """Jar fetch (0 when cached) + storage format + start until the admin client answers."""
        return sum(self.timings.values())

    @property
    def log_file(self) -> Path:
        assert self.workdir is not None
        return self.workdir / "broker.log"

    def start(self) -> KafkaBroker:
        """Fetch jars if needed, format fresh storage and start; returns when ready."""
        java = _need("java")
        t0 = time.monotonic()
        ensure_jars(self.jars_dir)
        self.timings["jars"] = time.monotonic() - t0

        self.workdir = Path(tempfile.mkdtemp(prefix="strikewatch-kafka-"))
        if self.port is None or self.controller_port is None:
            self.port, self.controller_port = _free_ports(2)
        config = self.workdir / "server.properties"
        config.write_text(SERVER_PROPERTIES.format(
            port=self.port, ctrl=self.controller_port, log_dirs=self.workdir / "kraft",
        ))

        t0 = time.monotonic()
        fmt = subprocess.run(
            [java, *self._jvm_args(), "kafka.tools.StorageTool", "format", "--standalone",
             "-t", _cluster_id(), "-c", str(config)],
            stdin=subprocess.DEVNULL, capture_output=True, text=True,
            timeout=FORMAT_TIMEOUT_SECONDS,
        )
        if fmt.returncode != 0:
            raise RuntimeError(
                f"formatting Kafka storage failed (exit {fmt.returncode}):\n"
                f"{_tail(fmt.stdout + fmt.stderr)}"
            )
        self.timings["format"] = time.monotonic() - t0

        self._launch_and_wait()
        log.info(
            "kafka broker ready bootstrap=%s jars_seconds=%.1f format_seconds=%.1f "
            "start_seconds=%.1f", self.bootstrap, self.timings["jars"],
            self.timings["format"], self.timings["start"],
        )
        return self

    def stop_broker(self) -> None:
        """Stop the process only; log dir and ports stay for :meth:`start_again`."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            log.warning("kafka broker ignored SIGTERM for %ss, killing it", STOP_TIMEOUT_SECONDS)
            proc.kill()
            proc.wait(timeout=STOP_TIMEOUT_SECONDS)

    def start_again(self) -> None:
        """Restart a stopped broker on the same ports and data; returns when ready."""
        if self.workdir is None:
            raise RuntimeError("start_again() needs a broker started with start()")
        if self.process is not None and self.process.poll() is None:
            return
        self._launch_and_wait()
        log.info("kafka broker restarted bootstrap=%s seconds=%.1f",
                 self.bootstrap, self.timings["start"])

    def stop(self) -> None:
        """Stop the broker and delete its data."""
        self.stop_broker()
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None

    def __enter__(self) -> KafkaBroker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals --------------------------------------------------------------------

    def _jvm_args(self) -> list[str]:
        return [
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={LOG4J_CONFIG}",
            "-cp", f"{self.jars_dir}{os.sep}*",  # the JVM expands the wildcard itself
        ]

    def _launch_and_wait(self) -> None:
        assert self.workdir is not None
        t0 = time.monotonic()
        with open(self.log_file, "ab") as out:
            self.process = subprocess.Popen(
                [shutil.which("java") or "java", "-Xms256m", "-Xmx512m", "-XX:+UseG1GC",
                 *self._jvm_args(), "kafka.Kafka", str(self.workdir / "server.properties")],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                cwd=self.workdir, start_new_session=True, preexec_fn=_die_with_parent,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop_broker()
            raise
        self.timings["start"] = time.monotonic() - t0

    def _wait_ready(self) -> None:
        from kafka import KafkaAdminClient
        from kafka.errors import KafkaError

        deadline = time.monotonic() + self.ready_timeout
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"kafka broker exited with code {self.process.returncode} before it was "
                    f"ready; log {self.log_file}:\n{self._log_tail()}"
                )
            try:  # a client made before the port listens logs ECONNREFUSED bursts
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            except OSError as exc:
                last_error = exc
                time.sleep(0.2)
                continue
            try:
                admin = KafkaAdminClient(
                    bootstrap_servers=self.bootstrap, client_id="strikewatch-tests-ready",
                    request_timeout_ms=5000, bootstrap_timeout_ms=2000,
                )
            except (KafkaError, OSError) as exc:
                last_error = exc
                time.sleep(0.2)
                continue
            try:
                admin.list_topics()
                return
            except (KafkaError, OSError) as exc:
                last_error = exc
                time.sleep(0.2)
            finally:
                admin.close()
        raise RuntimeError(
            f"kafka broker at {self.bootstrap} not ready after {self.ready_timeout:.0f}s "
            f"(last error: {last_error!r}); log {self.log_file}:\n{self._log_tail()}"
        )

    def _log_tail(self) -> str:
        try:
            return _tail(self.log_file.read_text(errors="replace"))
        except OSError as exc:
            return f"(no broker log: {exc})"


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    with KafkaBroker() as b:
        print(f"bootstrap={b.bootstrap} startup_seconds={b.startup_seconds:.1f}")
