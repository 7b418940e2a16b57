"""Operator commands: topics create/describe on the real broker, status from /metrics."""

import io
import json

import pytest
from kafka import KafkaAdminClient, KafkaProducer
from kafka.admin import ConfigResource, ConfigResourceType
from prometheus_client import CollectorRegistry

from strikewatch import ops
from strikewatch.core.health import Health, serve_health
from strikewatch.core.metrics import Metrics
from strikewatch.core.settings import CommonSettings
from tests.core.test_health import _free_port


@pytest.mark.kafka
def test_topics_create_is_idempotent_and_describe_counts_messages(kafka_bootstrap, unique):
    settings = CommonSettings(kafka_bootstrap=kafka_bootstrap, topic_prefix=unique("ops"))
    out = io.StringIO()
    ops.create_topics(settings, 3, out)
    assert out.getvalue().count("created, 3 partitions") == 5
    again = io.StringIO()
    ops.create_topics(settings, 3, again)
    assert again.getvalue().count(": exists") == 5

    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    try:
        described = admin.describe_configs([
            ConfigResource(ConfigResourceType.TOPIC, settings.topics.links),
            ConfigResource(ConfigResourceType.TOPIC, settings.topics.events),
        ])["topic"]
    finally:
        admin.close()
    assert described[settings.topics.links]["retention.ms"]["value"] == str(7 * ops.DAY_MS)
    assert described[settings.topics.events]["retention.ms"]["value"] == str(30 * ops.DAY_MS)

    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap)
    for i in range(4):
        producer.send(settings.topics.events, key=str(i).encode(), value=b"{}")
    producer.flush()
    producer.close()
    described = io.StringIO()
    ops.describe_topics(settings, described)
    row = next(line for line in described.getvalue().splitlines() if line.startswith(settings.topics.events))
    assert row.split()[1:3] == ["3", "4"]


def test_status_summarises_counters_and_readiness():
    registry = CollectorRegistry()
    metrics = Metrics(registry)
    metrics.events.labels(status="new").inc(7)
    metrics.alerts.labels(channel="console", outcome="sent").inc(5)
    metrics.alerts.labels(channel="webhook", outcome="sent").inc(2)
    health = Health()
    health.add_check("kafka", lambda: (True, "3 partitions assigned"))
    server = serve_health(_free_port(), health, registry, addr="127.0.0.1")
    try:
        out = io.StringIO()
        code = ops.status([f"127.0.0.1:{server.server_port}", "127.0.0.1:1"], out, as_json=True)
    finally:
        server.shutdown()
        server.server_close()
    report = json.loads(out.getvalue())
    up = report[f"http://127.0.0.1:{server.server_port}"]
    assert up["ready"] is True
    assert up["counters"]["events new"] == 7 and up["counters"]["alerts sent"] == 7
    assert up["checks"]["kafka"] == "3 partitions assigned"
    assert report["http://127.0.0.1:1"]["ready"] is False
    assert code == 1


def test_status_with_nothing_running_says_what_to_start_and_exits_1():
    port = _free_port()  # nobody listens there
    out = io.StringIO()
    assert ops.status([f"127.0.0.1:{port}"], out) == 1
    text = out.getvalue()
    assert f"http://127.0.0.1:{port}: NOT READY" in text
    assert "Connection refused" in text
    assert f"nothing answers on 127.0.0.1:{port}" in text
    assert f"STRIKEWATCH_METRICS_PORT={port}" in text and "`strikewatch run`" in text
    # the default address names the default port of every service and how to start them
    hint = ops.unreachable_hint(f"http://localhost:{ops.DEFAULT_METRICS_PORT}")
    assert "nothing answers on localhost:9108, the default metrics port" in hint
    for command in ("strikewatch run", "strikewatch producer", "strikewatch processor", "strikewatch sink"):
        assert command in hint
