"""Readiness of a Kafka consumer: partitions assigned, lag below a bound.

kafka-python consumers are not thread-safe, so the loop that owns a consumer measures
it (:meth:`ConsumerLag.refresh`, every few seconds) and the health checks, which run in
the HTTP server's thread, read only the figures it cached.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from kafka.errors import KafkaError

from strikewatch.core.health import Health

log = logging.getLogger(__name__)

#: Seconds between two lag measurements (one ListOffsets request each).
LAG_EVERY_SECONDS = 5.0


class ConsumerLag:
    """Partitions assigned to a consumer and its lag, measured in the consumer's own loop."""

    def __init__(self, consumer, gauge, every_seconds: float = LAG_EVERY_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.consumer = consumer
        self.gauge = gauge  # e.g. metrics.consumer_lag.labels(stage="fetch")
        self.every_seconds = every_seconds
        self._clock = clock
        self._next = 0.0
        self.partitions = 0
        self.lag: int | None = None  # None: not measured since the last assignment

    def refresh(self, force: bool = False) -> None:
        """Measure again if ``every_seconds`` have passed, the assignment changed, or ``force``."""
        assigned = list(self.consumer.assignment())  # local state: cheap on every call
        if len(assigned) != self.partitions:
            force = True  # joined or rebalanced: measure now, not up to every_seconds later
            self.partitions = len(assigned)
        now = self._clock()
        if not force and now < self._next:
            return
        self._next = now + self.every_seconds
        if not assigned:
            self.lag = None
            return
        try:
            ends = self.consumer.end_offsets(assigned, timeout_ms=2000)
            lag = sum(max(0, ends[tp] - self.consumer.position(tp, timeout_ms=2000)) for tp in assigned)
        except (KafkaError, KeyError, TypeError) as exc:  # a rebalance or a slow broker: measure next time
            log.debug("lag not measured: %s", exc)
            return
        self.lag = lag
        self.gauge.set(lag)


def add_consumer_checks(health: Health, name: str, lag: ConsumerLag, max_lag: int) -> None:
    """Readiness of ``name``: partitions assigned, lag measured and at most ``max_lag``."""

    def assigned() -> tuple[bool, str]:
        if lag.partitions:
            return True, f"{lag.partitions} partitions assigned"
        return False, "no partitions assigned (joining the group, or more members than partitions)"

    def caught_up() -> tuple[bool, str]:
        if lag.lag is None:
            return False, "lag not measured yet"
        return lag.lag <= max_lag, f"lag {lag.lag} messages (at most {max_lag})"

    health.add_check(f"{name}-partitions", assigned)
    health.add_check(f"{name}-lag", caught_up)
