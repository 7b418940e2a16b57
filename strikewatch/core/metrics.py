"""Prometheus metrics of every stage.

One :class:`Metrics` object holds all counters, built on a registry passed in
(tests build their own). Labels come from small fixed sets only: never a URL or
an article id.
"""

from __future__ import annotations

import logging
import re

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Gauge, Histogram

log = logging.getLogger(__name__)

#: Failure reasons used as the ``reason`` label, so dashboards can rely on them.
FAILURE_REASONS = (
    "timeout",
    "connection",
    "http_status",
    "blocked_address",
    "too_large",
    "bad_content_type",
    "parse_error",
    "parse_timeout",
    "no_text",
    "bad_json",
    "invalid_record",
    "processing_error",
    "delivery_failed",
    "database_unavailable",
    "robots_disallowed",
    "paywall",
    "consent",
)

_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


class Metrics:
    def __init__(self, registry: CollectorRegistry | None = None):
        r = registry if registry is not None else REGISTRY
        self.registry = r
        self.feed_polls = Counter(
            "strikewatch_feed_polls_total", "Feed polls by outcome (ok, not_modified, error).",
            ["outcome"], registry=r,
        )
        self.feed_items = Counter(
            "strikewatch_feed_items_total", "Feed items seen, by outcome (new, seen).",
            ["outcome"], registry=r,
        )
        self.articles = Counter(
            "strikewatch_articles_total", "Articles fetched and extracted, by outcome (ok, failed).",
            ["outcome"], registry=r,
        )
        self.classified = Counter(
            "strikewatch_articles_classified_total", "Articles classified, by verdict (attack, other).",
            ["verdict"], registry=r,
        )
        self.events = Counter(
            "strikewatch_events_total", "Deduplicated events emitted, by status (new, update).",
            ["status"], registry=r,
        )
        self.candidates = Counter(
            "strikewatch_candidate_events_total",
            "Events extracted from single articles, by dedup outcome (new, update, merged, dropped).",
            ["outcome"], registry=r,
        )
        self.alerts = Counter(
            "strikewatch_alerts_total", "Alerts by channel (console, webhook) and outcome (sent, failed).",
            ["channel", "outcome"], registry=r,
        )
        self.failures = Counter(
            "strikewatch_failures_total", "Failures by stage and reason.",
            ["stage", "reason"], registry=r,
        )
        self.deadletters = Counter(
            "strikewatch_deadletter_total", "Messages sent to the dead-letter topic, by stage.",
            ["stage"], registry=r,
        )
        self.consumer_lag = Gauge(
            "strikewatch_consumer_lag_messages",
            "Messages in the stage's input topic not yet processed by its consumer group.",
            ["stage"], registry=r,
        )
        self.link_to_article = Histogram(
            "strikewatch_link_to_article_seconds",
            "From a feed item polled to its article acknowledged on the articles topic.",
            registry=r,
            buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
        )
        self.stage_seconds = Histogram(
            "strikewatch_stage_duration_seconds", "Time spent in one unit of work of a stage.",
            ["stage"], registry=r,
            buckets=(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30),
        )
        self.alert_latency = Histogram(
            "strikewatch_alert_delivery_latency_seconds",
            "From an event's first_seen to its alert delivered, by channel type.",
            ["channel"], registry=r,
            buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600),
        )
        self.alert_queue = Gauge(
            "strikewatch_alert_queue_depth",
            "Alerts waiting: held for the settle time (held) or queued for a digest (digest).",
            ["queue"], registry=r,
        )

        self.events_by_type = Counter(
            "strikewatch_events_by_type_total", "New events by event type (records.EVENT_TYPES).",
            ["event_type"], registry=r,
        )
        self.events_by_country = Counter(
            "strikewatch_events_by_country_total",
            "New events by ISO 3166-1 alpha-2 country code (ZZ: unknown).",
            ["country"], registry=r,
        )

    def count_new_event(self, event) -> None:
        """Count a new event by its type and country (labels bounded: fixed types, two-letter codes)."""
        country = event.location.country.upper() if event.location else ""
        self.events_by_type.labels(event_type=event.event_type).inc()
        self.events_by_country.labels(country=country if _COUNTRY_CODE.match(country) else "ZZ").inc()

    def fail(self, stage: str, reason: str) -> None:
        self.failures.labels(stage=stage, reason=reason).inc()


def serve_metrics(port: int, registry: CollectorRegistry | None = None, addr: str = "0.0.0.0",
                  health=None):
    """Expose ``/metrics``, ``/healthz`` and ``/readyz`` on ``port`` (0 disables it).

    Returns the service's :class:`strikewatch.core.health.Health`, to which its loops
    report heartbeats and readiness checks.
    """
    from strikewatch.core.health import Health, serve_health

    health = health or Health()
    serve_health(port, health, registry if registry is not None else REGISTRY, addr)
    return health
