"""The producers' own metrics, on the registry of the shared :class:`~strikewatch.core.metrics.Metrics`.

Labels are small fixed sets only: feed health states, outcomes, stages; never a
feed URL (the feed set is unbounded).
"""

from __future__ import annotations

import weakref
from collections import Counter as Tally
from collections.abc import Iterable

from prometheus_client import Counter, Gauge, Histogram

from strikewatch.core.metrics import Metrics
from strikewatch.producers.state import HEALTH_STATES, FeedHealth

_BY_REGISTRY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class ProducerMetrics:
    """Feed health, poll latency, retirements, bytes and item delays."""

    def __init__(self, metrics: Metrics):
        r = metrics.registry
        self.feeds = Gauge(
            "strikewatch_feeds",
            "Feeds by health state (new, ok, failing, dead, retired).",
            ["health"],
            registry=r,
        )
        self.poll_seconds = Histogram(
            "strikewatch_feed_poll_duration_seconds",
            "Time of one feed poll (request, parse, seen-set), by outcome.",
            ["outcome"],
            registry=r,
            buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.retired = Counter(
            "strikewatch_feeds_retired_total", "Feeds retired (HTTP 410 Gone).", registry=r
        )
        self.moved = Counter(
            "strikewatch_feeds_moved_total",
            "Feeds whose URL was updated after a permanent redirect.",
            registry=r,
        )
        self.bytes = Counter(
            "strikewatch_http_received_bytes_total",
            "Decoded response bytes received, by stage (poll, fetch).",
            ["stage"],
            registry=r,
        )
        self.item_delay = Histogram(
            "strikewatch_feed_item_delay_seconds",
            "From an item's publication time in its feed to the poll that found it.",
            registry=r,
            buckets=(10, 30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 24 * 3600),
        )

        self.items_dropped = Counter(
            "strikewatch_feed_items_dropped_total",
            "Feed items past STRIKEWATCH_FEED_MAX_ITEMS in one poll, not read.",
            registry=r,
        )

    def set_health(self, records: Iterable[FeedHealth]) -> None:
        """Set the feeds-by-health gauge from the state database's records."""
        tally = Tally(record.health for record in records)
        for state in HEALTH_STATES:
            self.feeds.labels(health=state).set(tally.get(state, 0))


def producer_metrics(metrics: Metrics) -> ProducerMetrics:
    """The producer metrics of ``metrics``' registry (created once per registry)."""
    found = _BY_REGISTRY.get(metrics.registry)
    if found is None:
        found = _BY_REGISTRY[metrics.registry] = ProducerMetrics(metrics)
    return found
