"""Shared fixtures of the test suite."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import uuid4

import pytest
from prometheus_client import CollectorRegistry

from strikewatch.core.metrics import Metrics
from tests.kafka_broker import BrokerUnavailable, KafkaBroker, create_topics

__all__ = ["create_topics"]  # re-exported: `from tests.kafka_broker import create_topics`


@pytest.fixture
def registry() -> CollectorRegistry:
    """A fresh Prometheus registry: metrics of one test do not leak into another."""
    return CollectorRegistry()


@pytest.fixture
def metrics(registry: CollectorRegistry) -> Metrics:
    return Metrics(registry)

# =====================================================================================
# Kafka: one real broker per test session (tests/kafka_broker.py, shared KAFKA-LOCAL.md)
#
#   kafka_bootstrap  session  "host:port"; STRIKEWATCH_KAFKA_BOOTSTRAP if set, else the
#                             suite's own broker, started on first use
#   kafka_broker     session  the suite's own KafkaBroker (stop_broker / start_again for
#                             outage tests); skips when STRIKEWATCH_KAFKA_BOOTSTRAP is set
#   unique           function unique("t") -> "t-<test name>-<hex>" for topics and groups
#   create_topics(bootstrap, names, partitions)   plain helper, see tests/kafka_broker.py
#
# Without Java/Maven and without STRIKEWATCH_KAFKA_BOOTSTRAP the Kafka tests skip with
# the reason, except when CI is set: there a missing broker fails the run.
# =====================================================================================

_kafka_summary: list[str] = []


def _broker_missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"Kafka tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"no Kafka broker: {reason}")


@pytest.fixture(scope="session")
def kafka_broker() -> Iterator[KafkaBroker]:
    """The broker started by the suite (fetches its jars on first use)."""
    if os.environ.get("STRIKEWATCH_KAFKA_BOOTSTRAP"):
        pytest.skip("needs the suite's own broker; STRIKEWATCH_KAFKA_BOOTSTRAP is set")
    broker = KafkaBroker()
    try:
        broker.start()
    except BrokerUnavailable as exc:
        _broker_missing(str(exc))
    t = broker.timings
    _kafka_summary.append(
        f"kafka broker {broker.bootstrap}: startup {broker.startup_seconds:.1f}s "
        f"(jars {t['jars']:.1f}s, format {t['format']:.1f}s, start {t['start']:.1f}s)"
    )
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture(scope="session")
def kafka_bootstrap(request: pytest.FixtureRequest) -> str:
    """Bootstrap servers of a running Kafka broker."""
    external = os.environ.get("STRIKEWATCH_KAFKA_BOOTSTRAP")
    if external:
        _kafka_summary.append(f"kafka broker: external, STRIKEWATCH_KAFKA_BOOTSTRAP={external}")
        return external
    return request.getfixturevalue("kafka_broker").bootstrap


@pytest.fixture
def unique(request: pytest.FixtureRequest) -> Callable[[str], str]:
    """A maker of topic and group names unique to this test and this run."""
    # Only letters, digits and '-': Kafka warns about topics that mix '.' and '_'.
    test = re.sub(r"[^A-Za-z0-9]+", "-", request.node.name).strip("-")[:40]

    def make(kind: str = "t") -> str:
        return f"{kind}-{test}-{uuid4().hex[:8]}"

    return make


# =====================================================================================
# PostgreSQL: one throwaway cluster per test session (initdb/pg_ctl; as the `postgres`
# user when we are root, since PostgreSQL refuses to run as root)
#
#   postgres_url     session  "postgresql://…/postgres" of the cluster, started on first
#                             use; STRIKEWATCH_TEST_DATABASE_URL if set
#   postgres_db_url  function a database of its own for one test, dropped afterwards
#
# Defined here, once, so every folder's tests share the one cluster (a fixture imported
# into another conftest is a second fixture, and would start a second cluster). Without
# the server binaries the PostgreSQL tests skip with the reason, except when CI is set:
# .ci/run installs them, so there a skip is a failure.
# =====================================================================================


def _pg_bin() -> Path:
    """STRIKEWATCH_PG_BIN, else PostgreSQL 15's Debian folder, else the newest installed."""
    if os.environ.get("STRIKEWATCH_PG_BIN"):
        return Path(os.environ["STRIKEWATCH_PG_BIN"])
    preferred = Path("/usr/lib/postgresql/15/bin")
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    return preferred if (preferred / "initdb").exists() or not found else found[-1].parent


PG_BIN = _pg_bin()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(args: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """``postgresql://`` URL of a fresh cluster (or STRIKEWATCH_TEST_DATABASE_URL if set)."""
    external = os.environ.get("STRIKEWATCH_TEST_DATABASE_URL")
    if external:
        yield external
        return
    initdb = PG_BIN / "initdb"
    if not initdb.exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        reason = f"PostgreSQL server binaries not found in {PG_BIN} (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    base = Path(tempfile.mkdtemp(prefix="strikewatch-pg-"))
    base.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    port = _free_port()
    data, logfile = base / "data", base / "log"
    started = time.monotonic()
    try:
        subprocess.run(_as_owner([str(initdb), "-D", str(data), "-A", "trust", "-U", "strikewatch",
                                  "--no-sync"]),
                       check=True, capture_output=True, cwd="/tmp", timeout=120)
        subprocess.run(_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(logfile), "-w",
                                  "-t", "60", "-o",
                                  f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off",
                                  "start"]),
                       check=True, capture_output=True, cwd="/tmp", timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        log = logfile.read_text()[-3000:] if logfile.exists() else ""
        out = getattr(exc, "stderr", b"") or b""
        pytest.fail(f"PostgreSQL did not start: {exc}\n{out.decode(errors='replace')}\n{log}")
    print(f"postgresql started port={port} in {time.monotonic() - started:.1f}s")
    try:
        yield f"postgresql://strikewatch@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_owner([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, cwd="/tmp", timeout=60)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_db_url(postgres_url: str) -> Iterator[str]:
    """A database of its own for one test, dropped afterwards."""
    import psycopg

    name = f"t_{uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = postgres_url.rsplit("/", 1)[0] + "/" + name
    yield url
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _kafka_summary:
        terminalreporter.write_sep("-", "kafka")
        for line in _kafka_summary:
            terminalreporter.write_line(line)
