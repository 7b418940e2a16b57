"""`strikewatch sink`: events topic -> alerts on the configured channels.

Offsets are committed only after the alerts of a batch were handed to every
channel (at-least-once); an event that fails validation goes to the dead-letter
topic.
"""

from __future__ import annotations

import logging
import signal
import threading

from sinks.alerts import render_alert
from sinks.channels import Dispatcher, channels_from_settings
from strikewatch.kafka import DeadLetters, ensure_topics, make_consumer, make_producer
from strikewatch.metrics import Metrics, serve_metrics
from strikewatch.records import Event, RecordError, decode, utcnow
from strikewatch.settings import SinkSettings

log = logging.getLogger(__name__)


def consume(settings: SinkSettings, metrics: Metrics, stop: threading.Event) -> None:
    dispatcher = Dispatcher(channels_from_settings(settings), metrics)
    producer = make_producer(settings)
    deadletters = DeadLetters(producer, settings.topics.deadletter, metrics)
    consumer = make_consumer(settings, settings.topics.events, settings.group_id)
    try:
        while not stop.is_set():
            batches = consumer.poll(timeout_ms=500)
            for records in batches.values():
                for record in records:
                    source = f"{record.topic}[{record.partition}]@{record.offset}"
                    try:
                        event = decode(Event, record.value, source)
                    except RecordError as exc:
                        deadletters.send("alert", "invalid_record", str(exc), record.value,
                                         record.topic, record.partition, record.offset)
                        continue
                    dispatcher.dispatch(render_alert(event, utcnow()))
            if batches:
                producer.flush()
                consumer.commit()
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
