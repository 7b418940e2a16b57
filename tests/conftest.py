"""Shared fixtures of the test suite."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
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


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _kafka_summary:
        terminalreporter.write_sep("-", "kafka")
        for line in _kafka_summary:
            terminalreporter.write_line(line)
