"""`strikewatch sink`: events topic -> alerts on the configured channels.

Every event revision is archived as it arrives (sinks/archive.py). Each event's alert
is held ``STRIKEWATCH_ALERT_SETTLE_SECONDS`` so that the burst of revisions one attack
causes makes one alert (see sinks/coalesce.py), then delivered to the subscriptions it
matches (sinks/delivery.py). Offsets are committed only up to the first message whose
alert is not yet delivered (at-least-once consumption); the delivery log makes a
replayed message a no-op for every channel that already got it. An event that fails
validation, and an alert that failed its last delivery attempt, go to the dead-letter
topic with the reason.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from kafka import TopicPartition
from kafka.structs import OffsetAndMetadata

from strikewatch.core.health import Health
from strikewatch.core.kafka import (
    DeadLetter,
    DeadLetters,
    commit_retrying,
    make_consumer,
    make_producer,
)
from strikewatch.core.kafka_start import prepare_kafka
from strikewatch.core.metrics import Metrics, serve_metrics
from strikewatch.core.readiness import ConsumerLag, add_consumer_checks
from strikewatch.core.records import Event, RecordError, decode
from strikewatch.core.settings import SinkSettings
from strikewatch.sinks.alerting import AlertSink
from strikewatch.sinks.coalesce import Coalescer

log = logging.getLogger(__name__)

#: Heartbeat deadline of the consume loop while it waits for events (polls last 0.2 s).
IDLE_DEADLINE_SECONDS = 60.0


def delivery_deadline(settings: SinkSettings, alerts: int) -> float:
    """Longest delivering ``alerts`` may take: every attempt timing out, every backoff at its longest."""
    attempts = settings.alert_retries + 1
    per_alert = attempts * settings.webhook_timeout_seconds + settings.alert_retries * settings.alert_backoff_max_seconds
    return IDLE_DEADLINE_SECONDS + alerts * per_alert


#: Longest wait between two attempts to write to an unavailable archive database.
ARCHIVE_BACKOFF_MAX_SECONDS = 30.0


def database_retrying(db, action, stop: threading.Event, metrics: Metrics, health: Health,
                      what: str) -> bool:
    """Run ``action()``, waiting out a database fault (down, restarted, locked) with
    backoff and a fresh connection; False when ``stop`` comes first.

    A database fault is not the record's: dead-lettering would lose a good event, so the
    sink waits instead, holding what it has not finished and committing nothing past it.
    Any other error is raised.
    """
    delay = 0.5
    while True:
        try:
            action()
            return True
        except Exception as exc:
            if not db.is_fault(exc):
                raise
            metrics.fail("alert", "database_unavailable")
            log.warning("database unavailable, retrying in %.1fs while=%s store=%s: %s: %s",
                        delay, what, db.description, type(exc).__name__, " ".join(str(exc).split()))
        health.beat("sink", IDLE_DEADLINE_SECONDS + delay)  # waiting on the database, not stuck
        if stop.wait(delay):
            return False
        delay = min(delay * 2, ARCHIVE_BACKOFF_MAX_SECONDS)
        try:
            db.reconnect()
        except Exception as exc:  # still down: the next attempt says so
            log.debug("database reconnect failed: %s", exc)


def _commit(consumer, coalescer: Coalescer, consumed: dict[TopicPartition, int],
            stop: threading.Event) -> None:
    """Commit what was consumed, but never past a message whose alert is still held.

    A commit the group refuses (a rebalance) is skipped: the messages come again and the
    delivery log makes each alert a no-op for the channels that already got it.
    """
    held = coalescer.held_offsets()
    offsets = {}
    for tp, next_offset in consumed.items():
        safe = min(next_offset, held.get(tp.partition, next_offset))
        offsets[tp] = OffsetAndMetadata(safe, "", -1)
    if offsets:
        commit_retrying(consumer, offsets, stop=stop)


def consume(settings: SinkSettings, metrics: Metrics, stop: threading.Event,
            health: Health | None = None) -> None:
    """Events -> archive and alerts until ``stop``; then deliver what is held and commit."""
    health = health or Health()
    def undeliverable(payload, subscription, channel, error: str) -> None:
        deadletters.send(DeadLetter(
            "alert", "delivery_failed",
            f"subscriber {subscription.id} channel {channel.name}: {error}",
            payload.body(), settings.topics.events))

    # First, so a bad subscriptions file is a usage error before any connection is made.
    sink = AlertSink(settings, metrics, on_failure=undeliverable)
    producer = make_producer(settings)
    deadletters = DeadLetters(producer, settings.topics.deadletter, metrics)
    consumer = make_consumer(settings, settings.topics.events, settings.group_id)
    coalescer = Coalescer(settings.alert_settle_seconds)
    consumed: dict[TopicPartition, int] = {}
    lag = ConsumerLag(consumer, metrics.consumer_lag.labels(stage="alert"))
    add_consumer_checks(health, "sink", lag, settings.ready_max_lag)

    def retrying(action, what: str) -> bool:
        return database_retrying(sink.db, action, stop, metrics, health, what)

    def release(now: float) -> None:
        """Deliver the alerts that are due; each stays held until it is delivered."""
        health.beat("sink", delivery_deadline(settings, len(coalescer)))
        for event in coalescer.ready(now):
            if not retrying(lambda event=event: sink.alert(event), f"alerting {event.event_id}"):
                return
            coalescer.done(event.event_id)
        retrying(sink.flush, "sending digests")
        metrics.alert_queue.labels(queue="held").set(len(coalescer))

    def take(record) -> bool:
        """One record: archived and held for its alert, or dead-lettered with the reason.
        False when ``stop`` came while the archive was unavailable (not taken)."""
        source = f"{record.topic}[{record.partition}]@{record.offset}"
        try:
            event = decode(Event, record.value, source)
        except RecordError as exc:
            reason, error = "invalid_record", str(exc)
        else:
            try:
                if not retrying(lambda: sink.archive(event), f"archiving {event.event_id}"):
                    return False
                coalescer.add(event, time.monotonic(), record.partition, record.offset)
                return True
            except Exception as exc:  # this record's fault, never the loop's death
                log.exception("event not processed source=%s", source)
                reason, error = "processing_error", f"{source}: {type(exc).__name__}: {exc}"
        deadletters.send(DeadLetter("alert", reason, error, record.value,
                                    record.topic, record.partition, record.offset))
        return True

    taken: dict[TopicPartition, int] = {}  # next offset after the last record taken, all run
    try:
        while not stop.is_set():
            health.beat("sink", IDLE_DEADLINE_SECONDS)
            batches = consumer.poll(timeout_ms=200)
            lag.refresh()
            for tp, records in batches.items():
                for record in records:
                    if not take(record):
                        break
                    consumed[tp] = taken[tp] = record.offset + 1
            release(time.monotonic())
            if consumed:
                producer.flush()
                _commit(consumer, coalescer, consumed, stop)
                consumed.clear()
        # Draining on shutdown: send what is held, then commit everything taken.
        release(float("inf"))
        # Digests and rate-limited alerts wait in the durable queue for the next start.
        producer.flush()
        assigned = consumer.assignment()
        _commit(consumer, coalescer, {tp: n for tp, n in taken.items() if tp in assigned}, stop)
        health.stopped("sink")
        log.info("sink drained and committed")
    finally:
        consumer.close()
        producer.close(timeout=10)
        sink.close()


def main(settings: SinkSettings) -> int:
    metrics = Metrics()
    health = serve_metrics(settings.metrics_port)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if not prepare_kafka(settings, stop):  # waits for the broker and the topics
        return 0
    log.info("sink started bootstrap=%s group=%s", settings.kafka_bootstrap, settings.group_id)
    consume(settings, metrics, stop, health)
    return 0
