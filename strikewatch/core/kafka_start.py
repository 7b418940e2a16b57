"""Start a service against Kafka in any order: wait for the broker, then for the topics.

Every service calls :func:`prepare_kafka` before it creates its first Kafka client, so it
may be started before the broker, before the topics or right after them (docs/operations.md,
"Start order"). Two things go wrong otherwise:

* a client created before the broker listens logs a burst of ``ECONNREFUSED`` errors per
  attempt, and the admin client behind topic creation gives up and crashes the service;
* a consumer that subscribes before its topic's metadata reaches it gets no partitions.
  aiokafka (faust) logs "Topic ... not found in cluster metadata" and does not ask again
  until ``metadata_max_age_ms`` (5 minutes); kafka-python joins the group before its first
  metadata answer ("No partition metadata for topic ..."), then rebalances when the
  metadata arrives.

So the broker's port is probed with plain TCP (no client, no error logs) with a bounded
backoff, and the topics are awaited through metadata until every partition has a leader:
only then are consumers created. Pattern subscription would not help: both clients
discover new matching topics only at the same metadata refresh. The short refresh
(:data:`strikewatch.core.kafka.METADATA_MAX_AGE_MS`) bounds what is left of the race, e.g.
a topic's metadata reaching another broker of a cluster a moment later.
"""

from __future__ import annotations

import logging
import random
import socket
import threading
import time

from kafka import KafkaAdminClient
from kafka.errors import KafkaError

from strikewatch.core.kafka import client_config, ensure_topics
from strikewatch.core.settings import CommonSettings

log = logging.getLogger(__name__)

#: First pause between two attempts; it doubles up to the reconnect backoff of the clients.
FIRST_BACKOFF_SECONDS = 0.1
#: Time limit of one TCP probe of a bootstrap server.
PROBE_TIMEOUT_SECONDS = 2.0


class Backoff:
    """Exponential pauses with jitter, at most ``cap`` seconds, cut short by ``stop``."""

    def __init__(self, cap: float, stop: threading.Event):
        self.cap = max(cap, FIRST_BACKOFF_SECONDS)
        self.stop = stop
        self.delay = FIRST_BACKOFF_SECONDS

    def wait(self) -> bool:
        """Sleep the next pause; False when ``stop`` was set meanwhile."""
        pause = self.delay * random.uniform(0.8, 1.0)
        self.delay = min(self.delay * 2, self.cap)
        return not self.stop.wait(pause)


def bootstrap_addresses(settings: CommonSettings) -> list[tuple[str, int]]:
    """(host, port) of each bootstrap server ("host:port", "[v6]:port" or "host")."""
    addresses = []
    for server in settings.kafka_bootstrap.split(","):
        host, _, port = server.strip().rpartition(":")
        if not host or not port.isdigit():
            host, port = server.strip(), "9092"
        addresses.append((host.strip("[]"), int(port)))
    return addresses


def probe(addresses: list[tuple[str, int]]) -> str | None:
    """None when one of ``addresses`` accepts a TCP connection, else the last error."""
    error = "no bootstrap server"
    for host, port in addresses:
        try:
            with socket.create_connection((host, port), timeout=PROBE_TIMEOUT_SECONDS):
                return None
        except OSError as exc:
            error = f"{host}:{port}: {exc.strerror or exc}"
    return error


def wait_for_broker(settings: CommonSettings, stop: threading.Event) -> bool:
    """Block until a bootstrap server accepts connections; False if ``stop`` is set first."""
    addresses = bootstrap_addresses(settings)
    backoff = Backoff(settings.kafka_reconnect_backoff_max_ms / 1000, stop)
    started = time.monotonic()
    error = probe(addresses)
    if error is None:
        return True
    log.warning("kafka broker not reachable yet, waiting bootstrap=%s error=%s",
                settings.kafka_bootstrap, error)
    while backoff.wait():
        if probe(addresses) is None:
            log.info("kafka broker reachable bootstrap=%s waited_seconds=%.1f",
                     settings.kafka_bootstrap, time.monotonic() - started)
            return True
    return False


def missing_topics(admin: KafkaAdminClient, names: list[str]) -> list[str]:
    """The topics of ``names`` that do not exist or have a partition without a leader."""
    described = {t["name"]: t for t in admin.describe_topics(names)}
    missing = []
    for name in names:
        topic = described.get(name)
        if (topic is None or topic["error_code"] != 0 or not topic["partitions"]
                or any(p["error_code"] != 0 or p["leader_id"] < 0 for p in topic["partitions"])):
            missing.append(name)
    return missing


def wait_for_topics(settings: CommonSettings, names: list[str], stop: threading.Event) -> bool:
    """Block until every topic of ``names`` has a leader for each partition; False on ``stop``."""
    backoff = Backoff(settings.kafka_reconnect_backoff_max_ms / 1000, stop)
    started = time.monotonic()
    logged: tuple[str, ...] | None = None
    admin = None
    try:
        while True:
            try:
                admin = admin or KafkaAdminClient(**client_config(settings))
                missing = missing_topics(admin, names)
            except KafkaError as exc:
                if not exc.retriable:  # e.g. not authorized to describe: no use waiting
                    raise
                # The port is open but the broker does not serve yet (it is starting).
                missing = [f"(broker not answering: {type(exc).__name__})"]
            if not missing:
                if logged is not None:
                    log.info("kafka topics ready waited_seconds=%.1f", time.monotonic() - started)
                return True
            if tuple(missing) != logged:  # one line per state, not per attempt
                log.warning("waiting for kafka topics missing=%s (created by `strikewatch topics "
                            "create`, by another service, or by an operator)", ",".join(missing))
                logged = tuple(missing)
            if not backoff.wait():
                return False
    finally:
        if admin is not None:
            admin.close()


def prepare_kafka(settings: CommonSettings, stop: threading.Event) -> bool:
    """Wait for the broker, create the missing topics (``STRIKEWATCH_CREATE_TOPICS``), wait for
    all of them to be usable. False when ``stop`` was set meanwhile (the service exits)."""
    if not wait_for_broker(settings, stop):
        return False
    if settings.create_topics:
        backoff = Backoff(settings.kafka_reconnect_backoff_max_ms / 1000, stop)
        while True:
            try:
                ensure_topics(settings)
                break
            except KafkaError as exc:
                if not exc.retriable:
                    raise
                log.warning("kafka topics not created yet, retrying: %s", exc)
                if not backoff.wait():
                    return False
    return wait_for_topics(settings, settings.topics.all(), stop)
