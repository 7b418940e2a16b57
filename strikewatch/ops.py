"""Operator commands: `strikewatch topics create|describe` and `strikewatch status`."""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from typing import IO

from prometheus_client.parser import text_string_to_metric_families

from strikewatch.core.settings import CommonSettings

log = logging.getLogger(__name__)

DAY_MS = 24 * 3600 * 1000


def topic_configs(settings: CommonSettings) -> dict[str, dict[str, str]]:
    """Retention per topic: raw links and articles a week, events and dead letters a month."""
    t = settings.topics
    week, month = str(7 * DAY_MS), str(30 * DAY_MS)
    return {
        t.links: {"retention.ms": week},
        t.articles: {"retention.ms": week},
        t.candidates: {"retention.ms": month},
        t.events: {"retention.ms": month},
        t.deadletter: {"retention.ms": month},
    }


def create_topics(settings: CommonSettings, partitions: int, out: IO[str]) -> int:
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import TopicAlreadyExistsError

    from strikewatch.core.kafka import client_config

    admin = KafkaAdminClient(**client_config(settings))
    try:
        existing = set(admin.list_topics())
        for name, config in topic_configs(settings).items():
            if name in existing:
                out.write(f"{name}: exists\n")
                continue
            try:
                admin.create_topics([NewTopic(name, partitions, 1, topic_configs=config)])
                out.write(f"{name}: created, {partitions} partitions, retention {int(config['retention.ms']) // DAY_MS} days\n")
            except TopicAlreadyExistsError:
                out.write(f"{name}: exists\n")
    finally:
        admin.close()
    return 0


def describe_topics(settings: CommonSettings, out: IO[str]) -> int:
    """Partitions, message counts and each consumer group's lag per pipeline topic."""
    from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

    from strikewatch.core.kafka import client_config

    config = client_config(settings)
    admin = KafkaAdminClient(**config)
    consumer = KafkaConsumer(**config)
    try:
        existing = set(admin.list_topics())
        groups = [g["group_id"] for g in admin.list_groups()]
        committed: dict[str, dict[TopicPartition, int]] = {}
        if groups:
            for group, offsets in admin.list_group_offsets(groups).items():
                committed[group] = {tp: meta.offset for tp, meta in offsets.items() if meta.offset >= 0}
        out.write(f"{'topic':32} {'partitions':>10} {'messages':>10}  consumer lag\n")
        for name in settings.topics.all():
            if name not in existing:
                out.write(f"{name:32} {'missing':>10}\n")
                continue
            parts = [TopicPartition(name, p) for p in sorted(consumer.partitions_for_topic(name) or [])]
            ends = consumer.end_offsets(parts)
            begins = consumer.beginning_offsets(parts)
            messages = sum(ends[tp] - begins[tp] for tp in parts)
            lags = []
            for group, offsets in sorted(committed.items()):
                mine = {tp: off for tp, off in offsets.items() if tp.topic == name}
                if mine:
                    lag = sum(ends[tp] - mine.get(tp, begins[tp]) for tp in parts)
                    lags.append(f"{group}={lag}")
            out.write(f"{name:32} {len(parts):>10} {messages:>10}  {', '.join(lags) or '-'}\n")
    finally:
        consumer.close()
        admin.close()
    return 0


#: What `strikewatch status` shows: (label, metric family, label filter).
STATUS_ROWS = [
    ("feed polls ok", "strikewatch_feed_polls", {"outcome": "ok"}),
    ("feed polls not modified", "strikewatch_feed_polls", {"outcome": "not_modified"}),
    ("feed polls failed", "strikewatch_feed_polls", {"outcome": "error"}),
    ("new feed items", "strikewatch_feed_items", {"outcome": "new"}),
    ("articles fetched", "strikewatch_articles", {"outcome": "ok"}),
    ("articles failed", "strikewatch_articles", {"outcome": "failed"}),
    ("articles about attacks", "strikewatch_articles_classified", {"verdict": "attack"}),
    ("events new", "strikewatch_events", {"status": "new"}),
    ("events updated", "strikewatch_events", {"status": "update"}),
    ("alerts sent", "strikewatch_alerts", {"outcome": "sent"}),
    ("alerts failed", "strikewatch_alerts", {"outcome": "failed"}),
    ("failures", "strikewatch_failures", {}),
    ("dead letters", "strikewatch_deadletter", {}),
]


def _sum(text: str, family: str, labels: dict[str, str]) -> float:
    total = 0.0
    for metric in text_string_to_metric_families(text):
        if metric.name != family:
            continue
        for sample in metric.samples:
            if sample.name == family + "_total" and all(sample.labels.get(k) == v for k, v in labels.items()):
                total += sample.value
    return total


def _get(url: str, timeout: float = 5.0) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


#: The metrics port every service listens on unless STRIKEWATCH_METRICS_PORT says otherwise.
DEFAULT_METRICS_PORT: int = CommonSettings.model_fields["metrics_port"].default


def unreachable_hint(base: str) -> str:
    """What to start when nothing answers at ``base`` (``http://host:port``)."""
    from urllib.parse import urlsplit

    where = urlsplit(base).netloc or base
    try:
        port = urlsplit(base).port
    except ValueError:
        port = None
    if port == DEFAULT_METRICS_PORT:
        return (f"nothing answers on {where}, the default metrics port of every strikewatch "
                "service (STRIKEWATCH_METRICS_PORT): start the pipeline with `strikewatch run` "
                "(one process; not --once, which serves no metrics), or start `strikewatch producer`, "
                "`strikewatch processor` and `strikewatch sink`, each with its own "
                "STRIKEWATCH_METRICS_PORT, and pass their addresses: strikewatch status HOST:PORT ...")
    return (f"nothing answers on {where}: no strikewatch service runs there; start one with "
            f"STRIKEWATCH_METRICS_PORT={port if port is not None else 'PORT'} (`strikewatch run`, "
            "`strikewatch producer`, `strikewatch processor` or `strikewatch sink`), or check the address")


def status(services: list[str], out: IO[str], as_json: bool = False) -> int:
    """Summarise each service's /metrics and /readyz; exit 1 if any is down or not ready."""
    report: dict[str, dict] = {}
    healthy = True
    for base in services:
        base = base.rstrip("/")
        if "://" not in base:
            base = "http://" + base
        entry: dict = {}
        try:
            code, body = _get(base + "/readyz")
            entry["ready"] = code == 200
            entry["checks"] = json.loads(body).get("checks", {}) if body.startswith("{") else {}
            _, metrics_text = _get(base + "/metrics")
            entry["counters"] = {label: _sum(metrics_text, family, labels)
                                 for label, family, labels in STATUS_ROWS}
        except (urllib.error.URLError, OSError) as exc:
            entry = {"ready": False, "error": f"unreachable: {getattr(exc, 'reason', exc)}",
                     "hint": unreachable_hint(base)}
        healthy = healthy and entry["ready"]
        report[base] = entry
    if as_json:
        out.write(json.dumps(report, indent=2) + "\n")
        return 0 if healthy else 1
    for base, entry in report.items():
        state = "ready" if entry["ready"] else "NOT READY"
        out.write(f"{base}: {state}\n")
        if "error" in entry:
            out.write(f"  {entry['error']}\n  {entry['hint']}\n")
            continue
        for name, detail in entry["checks"].items():
            out.write(f"  check {name}: {detail}\n")
        for label, value in entry["counters"].items():
            if value:
                out.write(f"  {label:28} {value:>12,.0f}\n")
    return 0 if healthy else 1
