"""Kafka helpers shared by the services: clients from settings, topics, dead letters."""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from strikewatch.metrics import Metrics
from strikewatch.records import utcnow
from strikewatch.settings import CommonSettings

log = logging.getLogger(__name__)


def client_config(settings: CommonSettings) -> dict[str, Any]:
    """Connection settings (bootstrap, TLS/SASL) for any kafka-python client."""
    config: dict[str, Any] = {
        "bootstrap_servers": settings.kafka_bootstrap.split(","),
        "security_protocol": settings.kafka_security_protocol,
    }
    if settings.kafka_sasl_mechanism:
        config["sasl_mechanism"] = settings.kafka_sasl_mechanism
        config["sasl_plain_username"] = settings.kafka_sasl_username
        config["sasl_plain_password"] = settings.kafka_sasl_password.get_secret_value()
    return config


def make_producer(settings: CommonSettings) -> KafkaProducer:
    """An idempotent producer that waits for all in-sync replicas."""
    return KafkaProducer(
        **client_config(settings),
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        retries=2**31 - 1,
        delivery_timeout_ms=120_000,
    )


def make_consumer(settings: CommonSettings, topic: str, group_id: str) -> KafkaConsumer:
    """A consumer that commits only when told to (after the work is done)."""
    return KafkaConsumer(
        topic,
        **client_config(settings),
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=10_000,
        heartbeat_interval_ms=3_000,
        max_poll_records=100,
    )


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


class DeadLetters:
    """Send a message that could not be processed to the dead-letter topic, with why."""

    def __init__(self, producer: KafkaProducer, topic: str, metrics: Metrics):
        self.producer = producer
        self.topic = topic
        self.metrics = metrics

    def send(self, stage: str, reason: str, error: str, original: bytes | None,
             source_topic: str = "", partition: int = -1, offset: int = -1) -> None:
        record = {
            "schema": "strikewatch.deadletter/1",
            "stage": stage,
            "reason": reason,
            "error": error,
            "topic": source_topic,
            "partition": partition,
            "offset": offset,
            "original_b64": base64.b64encode(original or b"").decode("ascii"),
            "at": utcnow().isoformat().replace("+00:00", "Z"),
        }
        self.producer.send(self.topic, value=json.dumps(record).encode("utf-8"))
        self.metrics.deadletters.labels(stage=stage).inc()
        self.metrics.fail(stage, reason)
        log.warning("dead-lettered stage=%s reason=%s topic=%s partition=%s offset=%s error=%s",
                    stage, reason, source_topic, partition, offset, error)
