"""The demo replay through producer -> Kafka -> faust processor -> sink, as separate processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from kafka import KafkaConsumer

from strikewatch.core.records import Alert, Link, decode, url_hash
from strikewatch.replay import ReplayServer
from tests.demo_expect import DEMO_DIR, expected_events, mismatches

pytestmark = pytest.mark.kafka


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service:
    """One `strikewatch` service in its own process, output captured to files."""

    def __init__(self, name: str, args: list[str], env: dict, workdir: Path):
        self.name = name
        self.out_path = workdir / f"{name}.out"
        self.err_path = workdir / f"{name}.err"
        self.port = int(env["STRIKEWATCH_METRICS_PORT"])
        self.process = subprocess.Popen(
            [sys.executable, "-m", "strikewatch.cli", *args],
            stdout=self.out_path.open("w"), stderr=self.err_path.open("w"),
            stdin=subprocess.DEVNULL, cwd=workdir, env={**os.environ, **env},
        )

    def lines(self) -> list[str]:
        return [line for line in self.out_path.read_text().splitlines() if line.strip()]

    def log_tail(self, chars: int = 2500) -> str:
        return f"--- {self.name} stderr ---\n" + self.err_path.read_text()[-chars:]

    def metric(self, name: str, labels: dict[str, str]) -> float | None:
        body = urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics", timeout=5).read().decode()
        want = "{" + ",".join(f'{k}="{v}"' for k, v in labels.items()) + "}" if labels else " "
        for line in body.splitlines():
            if line.startswith(name + want):
                return float(line.rsplit(" ", 1)[1])
        return None

    def stop(self, timeout: float = 20) -> int | None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                return None
        return self.process.returncode


def wait_for(predicate, timeout: float, interval: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def test_demo_replay_end_to_end_on_kafka(kafka_bootstrap, unique, tmp_path):
    prefix = unique("sw")
    expected = len(expected_events())
    with ReplayServer(DEMO_DIR) as server:
        feeds_file = tmp_path / "feeds.yaml"
        feeds_file.write_text(yaml.safe_dump({"feeds": [f.model_dump() for f in server.feeds()]}))
        base_env = {
            "STRIKEWATCH_KAFKA_BOOTSTRAP": kafka_bootstrap,
            "STRIKEWATCH_TOPIC_PREFIX": prefix,
            "STRIKEWATCH_TOPIC_PARTITIONS": "2",
            "STRIKEWATCH_DATA_DIR": str(tmp_path / "data"),
            "STRIKEWATCH_ALLOW_PRIVATE_ADDRESSES": "1",
            "STRIKEWATCH_FEEDS_FILE": str(feeds_file),
            "STRIKEWATCH_APP_ID": f"{prefix}-processor",
            "STRIKEWATCH_GROUP_ID": f"{prefix}-sink",
            # The demo's reports of one event arrive in one burst; on a loaded CI machine
            # the burst can take longer than the default 3 s to pass through extraction.
            "STRIKEWATCH_ALERT_SETTLE_SECONDS": "10",
        }
        services: list[Service] = []

        def start(name: str, *args: str) -> Service:
            env = {**base_env, "STRIKEWATCH_METRICS_PORT": str(free_port())}
            service = Service(name, list(args), env, tmp_path)
            services.append(service)
            return service

        try:
            processor = start("processor", "processor")
            sink = start("sink", "sink")
            producer = start("producer", "producer", "--once")

            def done() -> bool:
                for s in services:
                    if s.process.poll() is not None:
                        raise AssertionError(f"{s.name} exited early\n{s.log_tail()}")
                return len(sink.lines()) >= expected

            arrived = wait_for(done, timeout=150)
            logs = "\n".join(s.log_tail() for s in services)
            assert arrived, f"{len(sink.lines())} of {expected} alerts arrived\n{logs}"
            time.sleep(5)  # anything extra (a duplicate) would arrive now
            alerts = [decode(Alert, line, f"sink:{n}") for n, line in enumerate(sink.lines(), 1)]
            assert mismatches(alerts) == [], logs

            assert sink.metric("strikewatch_alerts_total", {"channel": "console", "outcome": "sent"}) == expected
            assert producer.metric("strikewatch_articles_total", {"outcome": "ok"}) >= expected
            assert processor.metric("strikewatch_events_total", {"status": "new"}) == expected

            # the links topic carries valid Link records keyed by (a hash of) the item id
            consumer = KafkaConsumer(
                f"{prefix}.links", bootstrap_servers=kafka_bootstrap, auto_offset_reset="earliest",
                consumer_timeout_ms=3000, group_id=None,
            )
            messages = [(m.key, decode(Link, m.value)) for m in consumer]
            consumer.close()
            links = [link for _, link in messages]
            assert links and len({link.url for link in links}) == len(links)
            assert all(key == url_hash(link.id).encode() for key, link in messages)
            assert producer.metric("strikewatch_link_to_article_seconds_count", {}) >= expected
        finally:
            codes = {s.name: s.stop() for s in services}
    assert codes == {"processor": 0, "sink": 0, "producer": 0}, codes


def test_malformed_messages_go_to_the_dead_letter_topic(kafka_bootstrap, unique, tmp_path):
    """A broken article and a broken event are dead-lettered; the stream goes on."""
    from kafka import KafkaProducer

    prefix = unique("dl")
    env = {
        "STRIKEWATCH_KAFKA_BOOTSTRAP": kafka_bootstrap,
        "STRIKEWATCH_TOPIC_PREFIX": prefix,
        "STRIKEWATCH_TOPIC_PARTITIONS": "1",
        "STRIKEWATCH_APP_ID": f"{prefix}-processor",
        "STRIKEWATCH_GROUP_ID": f"{prefix}-sink",
    }
    services = [
        Service("processor", ["processor"], {**env, "STRIKEWATCH_METRICS_PORT": str(free_port())}, tmp_path),
        Service("sink", ["sink"], {**env, "STRIKEWATCH_METRICS_PORT": str(free_port())}, tmp_path),
    ]
    try:
        producer = KafkaProducer(bootstrap_servers=kafka_bootstrap)
        producer.send(f"{prefix}.articles", key=b"k1", value=b"{this is not json")
        producer.send(f"{prefix}.events", key=b"k2", value=json.dumps({"event_type": "protest"}).encode())
        good = {"id": "ok-1", "url": "https://example.org/1", "title": "Car bomb kills 9 in Mogadishu",
                "text": "A car bomb exploded at a checkpoint in Mogadishu, Somalia, on Sunday, killing "
                        "nine people and wounding 14, police said. Al-Shabaab claimed the attack.",
                "published": "2024-03-04T10:00:00Z"}
        producer.send(f"{prefix}.articles", key=b"k3", value=json.dumps(good).encode())
        producer.flush()
        producer.close()

        consumer = KafkaConsumer(
            f"{prefix}.deadletter", bootstrap_servers=kafka_bootstrap, auto_offset_reset="earliest",
            consumer_timeout_ms=1000, group_id=None,
        )
        letters: list[dict] = []
        deadline = time.monotonic() + 90
        while len(letters) < 2 and time.monotonic() < deadline:
            letters += [json.loads(m.value) for m in consumer]
        consumer.close()
        logs = "\n".join(s.log_tail() for s in services)
        assert sorted(d["stage"] for d in letters) == ["alert", "extract"], logs
        assert all(d["reason"] == "invalid_record" and d["error"] for d in letters)
        by_stage = {d["stage"]: d for d in letters}
        assert "not JSON" in by_stage["extract"]["error"]
        assert "event_type" in by_stage["alert"]["error"]
        # the good article behind the bad one still became an alert
        assert wait_for(lambda: len(services[1].lines()) >= 1, timeout=60), logs
        assert "Mogadishu" in services[1].lines()[0]
    finally:
        for s in services:
            s.stop()
