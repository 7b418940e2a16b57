"""The sink's consume loop on the real broker and a real PostgreSQL: a database that drops
its connections is waited out (nothing dead-lettered, nothing lost), and an exception
while processing one record makes that record's dead letter, never the loop's death."""

from __future__ import annotations

import json
import threading
import time

import psycopg
import pytest
import yaml
from kafka import KafkaConsumer, KafkaProducer
from prometheus_client import CollectorRegistry

from strikewatch.core.metrics import Metrics
from strikewatch.core.settings import SinkSettings
from strikewatch.sinks import service
from strikewatch.sinks.alerting import AlertSink
from tests.kafka_broker import create_topics
from tests.sinks.receivers import Receiver, sample_event

pytestmark = pytest.mark.kafka


def wait_for(condition, timeout: float = 30.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class RunningSink:
    def __init__(self, settings: SinkSettings):
        self.registry = CollectorRegistry()
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(settings,), daemon=True)
        self.thread.start()

    def _run(self, settings):
        try:
            service.consume(settings, Metrics(self.registry), self.stop)
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            self.errors.append(exc)

    def close(self):
        self.stop.set()
        self.thread.join(timeout=30)

    def failures(self, reason: str) -> float:
        return self.registry.get_sample_value(
            "strikewatch_failures_total", {"stage": "alert", "reason": reason}) or 0


def setup(kafka_bootstrap, unique, tmp_path, receiver: Receiver, database_url: str = ""):
    prefix = unique("sinkfault")
    create_topics(kafka_bootstrap, [f"{prefix}.events", f"{prefix}.deadletter"], partitions=1)
    subs = tmp_path / "subs.yaml"
    subs.write_text(yaml.safe_dump({"subscriptions": [
        {"id": "desk", "channels": [{"type": "webhook", "url": receiver.url}]}]}))
    settings = SinkSettings(
        kafka_bootstrap=kafka_bootstrap, topic_prefix=prefix, group_id=f"{prefix}-sink",
        data_dir=tmp_path / "data", subscriptions_file=subs, alert_settle_seconds=0,
        alert_backoff_seconds=0.05, allowed_networks="loopback", metrics_port=0,
        database_url=database_url,
    )
    return prefix, settings


def send(bootstrap: str, topic: str, *payloads: bytes) -> None:
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    for payload in payloads:
        producer.send(topic, payload)
    producer.flush()
    producer.close()


def dead_letters(bootstrap: str, topic: str) -> list[dict]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             consumer_timeout_ms=3000)
    try:
        return [json.loads(m.value) for m in consumer]
    finally:
        consumer.close()


def test_a_database_that_drops_its_connections_is_waited_out(
        kafka_bootstrap, unique, tmp_path, postgres_db_url):
    with Receiver() as receiver:
        prefix, settings = setup(kafka_bootstrap, unique, tmp_path, receiver, postgres_db_url)
        sink = RunningSink(settings)
        try:
            send(kafka_bootstrap, f"{prefix}.events", sample_event(event_id="ev-a").to_bytes())
            wait_for(lambda: len(receiver.json()) == 1, what="the first alert")
            # The database restarts under the sink: every connection to it is cut.
            with psycopg.connect(postgres_db_url, autocommit=True) as admin:
                cut = admin.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]
            assert cut >= 1
            send(kafka_bootstrap, f"{prefix}.events", sample_event(event_id="ev-b").to_bytes())
            wait_for(lambda: len(receiver.json()) == 2, what="the alert after the cut")
            assert sink.failures("database_unavailable") >= 1  # seen, counted, waited out
        finally:
            sink.close()
    assert sink.errors == []
    assert [b["event_id"] for b in receiver.json()] == ["ev-a", "ev-b"]
    with psycopg.connect(postgres_db_url) as conn:
        archived = {r[0] for r in conn.execute("SELECT event_id FROM events")}
    assert archived == {"ev-a", "ev-b"}
    assert dead_letters(kafka_bootstrap, f"{prefix}.deadletter") == []


def test_an_exception_on_one_record_dead_letters_it_and_the_stream_goes_on(
        kafka_bootstrap, unique, tmp_path, monkeypatch):
    real = AlertSink.archive

    def archive(self, event):  # a bug that only this one event triggers
        if event.event_id == "ev-bug":
            raise KeyError("planted bug")
        return real(self, event)

    monkeypatch.setattr(AlertSink, "archive", archive)
    with Receiver() as receiver:
        prefix, settings = setup(kafka_bootstrap, unique, tmp_path, receiver)
        sink = RunningSink(settings)
        try:
            send(kafka_bootstrap, f"{prefix}.events",
                 sample_event(event_id="ev-1").to_bytes(), b"{not json",
                 sample_event(event_id="ev-bug").to_bytes(), sample_event(event_id="ev-2").to_bytes())
            wait_for(lambda: len(receiver.json()) == 2, what="the two good alerts")
        finally:
            sink.close()
    assert sink.errors == []
    assert [b["event_id"] for b in receiver.json()] == ["ev-1", "ev-2"]
    letters = dead_letters(kafka_bootstrap, f"{prefix}.deadletter")
    assert sorted(letter["reason"] for letter in letters) == ["invalid_record", "processing_error"]
    [bug] = [letter for letter in letters if letter["reason"] == "processing_error"]
    assert "KeyError" in bug["error"] and "planted bug" in bug["error"]
