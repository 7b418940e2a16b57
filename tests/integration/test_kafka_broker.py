"""The suite's Kafka broker works end to end with kafka-python: keyed JSON in, same out."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from typing import Any, NamedTuple

import pytest
from kafka import KafkaConsumer, KafkaProducer

from tests.kafka_broker import create_topics

pytestmark = pytest.mark.kafka

MESSAGES = 100
KEYS = 20


class Received(NamedTuple):
    key: str
    value: dict[str, Any]
    partition: int
    offset: int


def test_keyed_json_round_trip(kafka_bootstrap, unique):
    topic, group = unique("topic"), unique("group")
    create_topics(kafka_bootstrap, [topic], partitions=3)

    producer = KafkaProducer(
        bootstrap_servers=kafka_bootstrap,
        acks="all",
    )
    sent_partition: dict[str, set[int]] = defaultdict(set)
    try:
        futures = []
        for i in range(MESSAGES):
            key = f"k{i % KEYS}"
            value = json.dumps({"seq": i, "key": key}).encode()
            futures.append((key, producer.send(topic, key=key.encode(), value=value)))
        producer.flush()
        for key, future in futures:
            sent_partition[key].add(future.get(timeout=10).partition)
    finally:
        producer.close()

    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=kafka_bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        session_timeout_ms=6000,  # the broker's minimum; the default 45 s stalls rejoins
        heartbeat_interval_ms=1000,
    )
    received = []
    try:
        deadline = time.monotonic() + 30
        while len(received) < MESSAGES and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                received.extend(
                    Received(r.key.decode(), json.loads(r.value), r.partition, r.offset)
                    for r in records
                )
    finally:
        consumer.close()

    assert len(received) == MESSAGES
    assert sorted(r.value["seq"] for r in received) == list(range(MESSAGES))
    assert all(r.key == r.value["key"] for r in received)

    # A key always lands in one partition, the one the producer reported.
    got_partition: dict[str, set[int]] = defaultdict(set)
    for r in received:
        got_partition[r.key].add(r.partition)
    assert all(len(parts) == 1 for parts in sent_partition.values())
    assert got_partition == sent_partition
    assert len({p for parts in got_partition.values() for p in parts}) > 1

    # Within a key (hence a partition), order is kept.
    by_key: dict[str, list[int]] = defaultdict(list)
    for r in sorted(received, key=lambda r: (r.partition, r.offset)):
        by_key[r.key].append(r.value["seq"])
    assert all(seqs == sorted(seqs) for seqs in by_key.values())
