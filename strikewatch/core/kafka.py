"""Kafka helpers shared by the services: clients from settings, topics, dead letters."""

from __future__ import annotations

import base64
import json
import logging
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import (
    CommitFailedError,
    KafkaError,
    RebalanceInProgressError,
    TopicAlreadyExistsError,
)
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge

from strikewatch.core.metrics import Metrics
from strikewatch.core.settings import CommonSettings
from strikewatch.core.timefmt import iso_z, utcnow

log = logging.getLogger(__name__)


#: How often a consumer refreshes its metadata without being asked (kafka-python and
#: aiokafka default to 5 minutes). A consumer that joined its group before its topics'
#: metadata reached it gets its partitions at the next refresh, so this bounds the idle
#: time left after strikewatch.core.kafka_start has waited for the topics. The cost is
#: one small metadata request per consumer every few seconds.
METADATA_MAX_AGE_MS = 5_000


def client_config(settings: CommonSettings) -> dict[str, Any]:
    """Connection settings (bootstrap, TLS/SASL) for any kafka-python client."""
    config: dict[str, Any] = {
        "bootstrap_servers": settings.kafka_bootstrap.split(","),
        "security_protocol": settings.kafka_security_protocol,
        "reconnect_backoff_max_ms": settings.kafka_reconnect_backoff_max_ms,
    }
    if settings.kafka_sasl_mechanism:
        config["sasl_mechanism"] = settings.kafka_sasl_mechanism
        config["sasl_plain_username"] = settings.kafka_sasl_username
        config["sasl_plain_password"] = settings.kafka_sasl_password.get_secret_value()
    if "SSL" in settings.kafka_security_protocol.upper():
        for key in ("cafile", "certfile", "keyfile"):
            value = getattr(settings, f"kafka_ssl_{key}")
            if value:
                config[f"ssl_{key}"] = value
    return config


def kafka_ssl_context(settings: CommonSettings):
    """The TLS context of SSL and SASL_SSL (CA file, client certificate), else None."""
    if "SSL" not in settings.kafka_security_protocol.upper():
        return None
    import ssl

    context = ssl.create_default_context(cafile=settings.kafka_ssl_cafile or None)
    if settings.kafka_ssl_certfile:
        context.load_cert_chain(settings.kafka_ssl_certfile, settings.kafka_ssl_keyfile or None)
    return context


def faust_credentials(settings: CommonSettings):
    """faust's ``broker_credentials`` for the security protocol: SASL (over TLS for
    SASL_SSL), TLS alone for SSL, None for PLAINTEXT."""
    import faust

    protocol = settings.kafka_security_protocol.upper()
    context = kafka_ssl_context(settings)
    if protocol.startswith("SASL"):
        # Without the context faust would fall back to SASL_PLAINTEXT: the password in clear.
        return faust.SASLCredentials(
            username=settings.kafka_sasl_username,
            password=settings.kafka_sasl_password.get_secret_value(),
            mechanism=settings.kafka_sasl_mechanism or "PLAIN",
            ssl_context=context,
        )
    if protocol == "SSL":
        return faust.SSLCredentials(context)
    return None


_SEND_METRICS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def send_metrics(registry: CollectorRegistry | None = None) -> tuple[Gauge, Counter]:
    """The producers' gauge of unacknowledged messages and counter of failed sends (once per registry)."""
    r = registry if registry is not None else REGISTRY
    found = _SEND_METRICS.get(r)
    if found is None:
        found = _SEND_METRICS[r] = (
            Gauge("strikewatch_kafka_unacked_messages",
                  "Messages handed to a Kafka producer and not yet acknowledged by the broker "
                  "(they pile up while the broker is unreachable).", registry=r),
            Counter("strikewatch_kafka_send_errors_total",
                    "Messages a Kafka producer refused or failed to deliver after its retries.",
                    registry=r),
        )
    return found


class CountingProducer(KafkaProducer):
    """A KafkaProducer that counts what the broker has not acknowledged yet and what failed.

    During a broker outage the producer buffers and retries; the unacked gauge shows the
    backlog and falls back to 0 once the broker is back.
    """

    def __init__(self, registry: CollectorRegistry | None = None, **config: Any):
        self._unacked, self._errors = send_metrics(registry)
        super().__init__(**config)

    def send(self, *args: Any, **kwargs: Any):
        try:
            future = super().send(*args, **kwargs)
        except Exception:
            self._errors.inc()
            raise
        self._unacked.inc()
        future.add_both(self._settled)
        return future

    def _settled(self, result: object) -> None:
        self._unacked.dec()
        if isinstance(result, BaseException):
            self._errors.inc()


def make_producer(settings: CommonSettings, registry: CollectorRegistry | None = None) -> KafkaProducer:
    """An idempotent producer that waits for all in-sync replicas (counted on ``registry``)."""
    return CountingProducer(
        registry,
        **client_config(settings),
        acks="all",
        enable_idempotence=True,
        compression_type=settings.kafka_compression or None,
        linger_ms=20,
        retries=2**31 - 1,
        delivery_timeout_ms=120_000,
    )


def make_consumer(settings: CommonSettings, topic: str, group_id: str) -> KafkaConsumer:
    """A consumer of ``topic`` that commits only when told to (after the work is done).

    Its metadata is fetched before the first join: kafka-python joins the group without
    waiting for it, and the leader then assigns nothing ("No partition metadata for
    topic") or compares the assignment with metadata it had before it subscribed; either
    way a second rebalance follows, and a commit that meets it fails.
    """
    consumer = KafkaConsumer(
        **client_config(settings),
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=10_000,
        heartbeat_interval_ms=3_000,
        max_poll_records=100,
        metadata_max_age_ms=METADATA_MAX_AGE_MS,
        # A broker that allows auto-creation would otherwise make a missing topic with its
        # default partition count; topics come from ensure_topics or an operator only.
        allow_auto_create_topics=False,
    )
    consumer.subscribe([topic])
    consumer.topics()  # blocks for one metadata answer (all topics) that knows the subscription
    return consumer


def commit_retrying(consumer: KafkaConsumer, offsets: dict | None = None,
                    stop: threading.Event | None = None, max_backoff: float = 5.0) -> bool:
    """Commit offsets, waiting out an unreachable broker (retriable errors) instead of failing the loop.

    Returns False when the group no longer knows this member (after an outage or a
    rebalance) or is rebalancing: the uncommitted records are delivered again after the next poll rejoins,
    which at-least-once processing allows. Other errors are raised, and so is any error
    once ``stop`` is set: a shutdown does not wait for the broker.
    """
    delay = 0.2
    while True:
        try:
            consumer.commit(offsets) if offsets is not None else consumer.commit()
            return True
        except (CommitFailedError, RebalanceInProgressError) as exc:
            log.warning("kafka commit refused, the records will be redelivered: %s", exc)
            return False
        except KafkaError as exc:
            if not exc.retriable or (stop is not None and stop.is_set()):
                raise
            log.warning("kafka commit failed, retrying in %.1fs: %s", delay, exc)
            time.sleep(delay)
            delay = min(delay * 2, max_backoff)


def ensure_topics(settings: CommonSettings, partitions: int | None = None) -> None:
    """Create the pipeline's topics where missing (idempotent)."""
    admin = KafkaAdminClient(**client_config(settings))
    try:
        existing = set(admin.list_topics())
        wanted = [
            NewTopic(name, num_partitions=partitions or settings.topic_partitions, replication_factor=1)
            for name in settings.topics.all()
            if name not in existing
        ]
        if wanted:
            try:
                admin.create_topics(wanted)
            except TopicAlreadyExistsError:
                pass
            log.info("topics created names=%s", ",".join(t.name for t in wanted))
    finally:
        admin.close()


@dataclass(frozen=True)
class DeadLetter:
    """A message that could not be processed: why, where it came from, its original bytes."""

    stage: str
    reason: str
    error: str
    original: bytes | None
    topic: str = ""
    partition: int = -1
    offset: int = -1

    def to_bytes(self) -> bytes:
        """The dead-letter message (schema ``strikewatch.deadletter/1``, original in base64)."""
        return json.dumps({
            "schema": "strikewatch.deadletter/1",
            "stage": self.stage,
            "reason": self.reason,
            "error": self.error,
            "topic": self.topic,
            "partition": self.partition,
            "offset": self.offset,
            "original_b64": base64.b64encode(self.original or b"").decode("ascii"),
            "at": iso_z(utcnow()),
        }).encode("utf-8")


def count_deadletter(metrics: Metrics, letter: DeadLetter) -> None:
    """Count and log a dead letter (the message itself is sent by the caller)."""
    metrics.deadletters.labels(stage=letter.stage).inc()
    metrics.fail(letter.stage, letter.reason)
    log.warning("dead-lettered stage=%s reason=%s topic=%s partition=%s offset=%s error=%s",
                letter.stage, letter.reason, letter.topic, letter.partition, letter.offset,
                letter.error)


class DeadLetters:
    """Send a message that could not be processed to the dead-letter topic, with why."""

    def __init__(self, producer: KafkaProducer, topic: str, metrics: Metrics):
        self.producer = producer
        self.topic = topic
        self.metrics = metrics

    def send(self, letter: DeadLetter) -> None:
        self.producer.send(self.topic, value=letter.to_bytes())
        count_deadletter(self.metrics, letter)
