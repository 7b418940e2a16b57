"""`strikewatch sink`: events topic -> alerts on the configured channels.

Each event's alert is held ``STRIKEWATCH_ALERT_SETTLE_SECONDS`` so that the burst of
revisions one attack causes makes one alert (see sinks/coalesce.py). Offsets are
committed only up to the first message whose alert is not yet delivered
(at-least-once); an event that fails validation goes to the dead-letter topic.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from kafka import TopicPartition
from kafka.structs import OffsetAndMetadata

from sinks.alerts import render_alert
from sinks.channels import Dispatcher, channels_from_settings
from sinks.coalesce import Coalescer
from strikewatch.kafka import DeadLetters, ensure_topics, make_consumer, make_producer
from strikewatch.metrics import Metrics, serve_metrics
from strikewatch.records import Event, RecordError, decode, utcnow
from strikewatch.settings import SinkSettings

log = logging.getLogger(__name__)


def _commit(consumer, coalescer: Coalescer, consumed: dict[TopicPartition, int]) -> None:
    """Commit what was consumed, but never past a message whose alert is still held."""
    held = coalescer.held_offsets()
    offsets = {}
    for tp, next_offset in consumed.items():
        safe = min(next_offset, held.get(tp.partition, next_offset))
        offsets[tp] = OffsetAndMetadata(safe, "", -1)
    if offsets:
        consumer.commit(offsets)


def consume(settings: SinkSettings, metrics: Metrics, stop: threading.Event) -> None:
    dispatcher = Dispatcher(channels_from_settings(settings), metrics)
    producer = make_producer(settings)
    deadletters = DeadLetters(producer, settings.topics.deadletter, metrics)
    consumer = make_consumer(settings, settings.topics.events, settings.group_id)
    coalescer = Coalescer(settings.alert_settle_seconds)
    consumed: dict[TopicPartition, int] = {}

    def release(now: float) -> None:
        for event in coalescer.due(now):
            dispatcher.dispatch(render_alert(event, utcnow()))

    try:
        while not stop.is_set():
            batches = consumer.poll(timeout_ms=200)
            for tp, records in batches.items():
                for record in records:
                    consumed[tp] = record.offset + 1
                    source = f"{record.topic}[{record.partition}]@{record.offset}"
                    try:
                        event = decode(Event, record.value, source)
                    except RecordError as exc:
                        deadletters.send("alert", "invalid_record", str(exc), record.value,
                                         record.topic, record.partition, record.offset)
                        continue
                    coalescer.add(event, time.monotonic(), record.partition, record.offset)
            release(time.monotonic())
            if consumed:
                producer.flush()
                _commit(consumer, coalescer, consumed)
                consumed.clear()
        # Draining on shutdown: send what is held, then commit everything consumed.
        release(float("inf"))
        producer.flush()
        _commit(consumer, coalescer, {tp: consumer.position(tp) for tp in consumer.assignment()})
    finally:
        consumer.close()
        producer.close(timeout=10)


def main(settings: SinkSettings) -> int:
    metrics = Metrics()
    serve_metrics(settings.metrics_port)
    ensure_topics(settings)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    log.info("sink started bootstrap=%s group=%s", settings.kafka_bootstrap, settings.group_id)
    consume(settings, metrics, stop)
    return 0
