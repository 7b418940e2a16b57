"""`strikewatch sink` on the real Kafka broker: killed mid-batch and restarted, failed deliveries."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest
import yaml
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import KafkaError

from tests.integration.test_pipeline_kafka import Service, free_port, wait_for
from tests.kafka_broker import create_topics
from tests.sinks.receivers import Receiver, sample_event

pytestmark = pytest.mark.kafka

SECRET = "kill-test-secret"


def produce_events(bootstrap: str, topic: str, n: int, **overrides) -> list[str]:
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all")
    ids = []
    for i in range(n):
        event = sample_event(event_id=f"ev-{i:03d}", **overrides)
        producer.send(topic, key=event.event_id.encode(), value=event.to_bytes())
        ids.append(event.event_id)
    producer.flush()
    producer.close()
    return ids


def committed(bootstrap: str, group: str, topic: str, partitions: int, attempts: int = 5) -> int:
    """Offsets the group has committed on ``topic``, summed over partitions (no group join).

    Asked right after a member was killed, the coordinator lookup can fail once: retried.
    """
    for attempt in range(attempts):
        consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
        try:
            return sum(consumer.committed(TopicPartition(topic, p)) or 0 for p in range(partitions))
        except KafkaError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)
        finally:
            consumer.close()
    raise AssertionError("unreachable")


def sink_env(bootstrap: str, prefix: str, tmp_path, subs: dict) -> dict:
    subs_file = tmp_path / "subscriptions.yaml"
    subs_file.write_text(yaml.safe_dump(subs))
    return {
        "STRIKEWATCH_KAFKA_BOOTSTRAP": bootstrap,
        "STRIKEWATCH_TOPIC_PREFIX": prefix,
        "STRIKEWATCH_TOPIC_PARTITIONS": "2",
        "STRIKEWATCH_GROUP_ID": f"{prefix}-sink",
        "STRIKEWATCH_DATA_DIR": str(tmp_path / "data"),
        "STRIKEWATCH_SUBSCRIPTIONS_FILE": str(subs_file),
        "STRIKEWATCH_ALERT_SETTLE_SECONDS": "0",
        "STRIKEWATCH_ALERT_BACKOFF_SECONDS": "0.05",
        "KILL_TEST_SECRET": SECRET,
        "STRIKEWATCH_ALLOWED_NETWORKS": "loopback",  # the receivers listen there
    }


def test_sink_killed_mid_batch_and_restarted_sends_every_alert_exactly_once(
        kafka_bootstrap, unique, tmp_path):
    prefix = unique("kill")
    n, kill_at = 40, 15
    create_topics(kafka_bootstrap, [f"{prefix}.events", f"{prefix}.deadletter"], partitions=2)
    ids = produce_events(kafka_bootstrap, f"{prefix}.events", n)
    env = sink_env(kafka_bootstrap, prefix, tmp_path, {"subscriptions": [{
        "id": "desk", "channels": [{"type": "webhook+hmac", "url": "http://placeholder/",
                                    "secret_env": "KILL_TEST_SECRET"}]}]})
    sinks: list[Service] = []
    state = {"committed_at_kill": None}

    def on_request(number: int) -> None:
        if number == kill_at:
            # SIGKILL while this delivery is in flight: no response, no clean shutdown.
            sinks[0].process.send_signal(signal.SIGKILL)
            sinks[0].process.wait(10)
            try:
                state["committed_at_kill"] = committed(kafka_bootstrap, env["STRIKEWATCH_GROUP_ID"],
                                                       f"{prefix}.events", 2)
            except Exception as exc:  # the receiver's thread would swallow it: report it
                state["error"] = repr(exc)
            raise ConnectionAbortedError("sink killed")  # the request is never answered

    with Receiver(secret=SECRET.encode(), delay=0.02, on_request=on_request) as receiver:
        subs = yaml.safe_load((tmp_path / "subscriptions.yaml").read_text())
        subs["subscriptions"][0]["channels"][0]["url"] = receiver.url
        (tmp_path / "subscriptions.yaml").write_text(yaml.safe_dump(subs))
        try:
            sinks.append(Service("sink1", ["sink"], {**env, "STRIKEWATCH_METRICS_PORT": "0"}, tmp_path))
            assert wait_for(lambda: sinks[0].process.poll() is not None, 60), sinks[0].log_tail()
            assert sinks[0].process.returncode == -signal.SIGKILL
            delivered_before_kill = len(receiver.bodies)
            assert delivered_before_kill == kill_at - 1
            # mid-batch: Kafka had not been told about (all of) what was delivered. The
            # receiver's thread reads the offsets after the kill, so the process can be seen
            # dead before that read has finished: wait for it rather than race it.
            assert wait_for(lambda: state["committed_at_kill"] is not None or "error" in state, 30)
            assert state["committed_at_kill"] is not None, state
            assert state["committed_at_kill"] < delivered_before_kill

            port = free_port()
            sinks.append(Service("sink2", ["sink"], {**env, "STRIKEWATCH_METRICS_PORT": str(port)},
                                 tmp_path))
            assert wait_for(lambda: len(receiver.bodies) >= n, 90), sinks[1].log_tail()
            time.sleep(2)  # a duplicate would arrive now
            sent = sinks[1].metric("strikewatch_alerts_total", {"channel": "webhook", "outcome": "sent"})
        finally:
            codes = [s.stop() for s in sinks]
    event_ids = [body["event_id"] for body in receiver.json()]
    assert receiver.invalid == 0
    assert sorted(event_ids) == ids  # no loss, no duplicate
    assert len(set(receiver.keys())) == n
    assert sent == n - delivered_before_kill
    assert codes[1] == 0, sinks[1].log_tail()


def test_undeliverable_alert_goes_to_the_dead_letter_topic(kafka_bootstrap, unique, tmp_path):
    prefix = unique("dlq")
    create_topics(kafka_bootstrap, [f"{prefix}.events", f"{prefix}.deadletter"], partitions=1)
    with Receiver(failures=100, status=500) as receiver:
        env = sink_env(kafka_bootstrap, prefix, tmp_path, {"subscriptions": [{
            "id": "broken", "channels": [{"type": "webhook", "url": receiver.url}]}]})
        env.update({"STRIKEWATCH_ALERT_RETRIES": "2", "STRIKEWATCH_METRICS_PORT": str(free_port())})
        sink = Service("sink", ["sink"], env, tmp_path)
        try:
            produce_events(kafka_bootstrap, f"{prefix}.events", 1)
            consumer = KafkaConsumer(f"{prefix}.deadletter", bootstrap_servers=kafka_bootstrap,
                                     auto_offset_reset="earliest", consumer_timeout_ms=1000, group_id=None)
            letters: list[dict] = []
            deadline = time.monotonic() + 60
            while not letters and time.monotonic() < deadline:
                letters += [json.loads(m.value) for m in consumer]
            consumer.close()
            assert letters, sink.log_tail()
            failed = sink.metric("strikewatch_alerts_total", {"channel": "webhook", "outcome": "failed"})
        finally:
            sink.stop()
    [letter] = letters
    assert (letter["stage"], letter["reason"]) == ("alert", "delivery_failed")
    assert "subscriber broken" in letter["error"] and "HTTP 500" in letter["error"]
    import base64

    assert json.loads(base64.b64decode(letter["original_b64"]))["event_id"] == "ev-000"
    assert receiver.requests == 3 and failed == 1
    assert os.path.exists(tmp_path / "data" / "sink.sqlite3")
