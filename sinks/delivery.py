"""Deliver alerts to subscribers at most once each: delivery log, retries, rate limits, digests.

For every alert and every subscription it matches, each of the subscription's
channels is tried under the idempotency key ``(event_id, revision, subscriber,
channel)``. The durable delivery log (``alert_deliveries``) records ``pending``
before an attempt and ``sent`` after success, and is checked first, so a restart
that replays uncommitted Kafka messages never sends an alert again once it was
recorded as sent. The one window left is a crash after a receiver accepted a
message and before ``sent`` was written: that message is sent again with the same
``Idempotency-Key`` header, which receivers use to drop it.

A channel gets only revisions newer than the newest it already got, so a replayed
older revision is dropped too; ``updates: false`` subscribers get the first alert
of an event and nothing after it.

Failed attempts are retried with exponential backoff and jitter when the error is
retryable; after the last attempt the alert is recorded ``failed``, counted, and
handed to ``on_failure`` (the sink sends it to the dead-letter topic).

Subscriptions with ``digest`` have their alerts queued (``alert_digest_queue``) and
sent as one message every ``every_seconds``; alerts beyond a ``rate_limit`` are
queued the same way and sent as a digest when the limit allows.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from strikewatch.core.metrics import Metrics
from strikewatch.core.records import Alert, decode
from strikewatch.core.timefmt import iso_z, utcnow
from strikewatch.sinks.channels import Channel, DeliveryError, Payload
from strikewatch.sinks.db import Database
from strikewatch.sinks.subscriptions import Subscription, match

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS alert_deliveries (
    event_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    subscriber TEXT NOT NULL,
    channel TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    PRIMARY KEY (event_id, revision, subscriber, channel)
);
CREATE INDEX IF NOT EXISTS alert_deliveries_by_event ON alert_deliveries (event_id, subscriber, channel);
CREATE TABLE IF NOT EXISTS alert_digest_queue (
    subscriber TEXT NOT NULL,
    event_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    alert TEXT NOT NULL,
    queued TEXT NOT NULL,
    PRIMARY KEY (subscriber, event_id)
)
"""

FailureHandler = Callable[[Payload, Subscription, Channel, str], None]


def _now_iso() -> str:
    return iso_z(utcnow())


class DeliveryLog:
    """Durable record of what each subscriber's channel was sent (SQLite or PostgreSQL)."""

    def __init__(self, db: Database):
        self.db = db
        db.script(SCHEMA)

    def newest(self, event_id: str, subscriber: str, channel: str) -> tuple[int | None, set[int]]:
        """The newest revision ``sent`` to this channel, and the revisions that ``failed``."""
        rows = self.db.query(
            "SELECT revision, state FROM alert_deliveries WHERE event_id = ? AND subscriber = ? "
            "AND channel = ?", (event_id, subscriber, channel))
        sent = [r["revision"] for r in rows if r["state"] == "sent"]
        return (max(sent) if sent else None), {r["revision"] for r in rows if r["state"] == "failed"}

    def mark(self, alert: Alert, subscriber: str, channel: str, state: str, error: str = "") -> None:
        self.db.execute(
            "INSERT INTO alert_deliveries (event_id, revision, subscriber, channel, state, attempts,"
            " error, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, revision,"
            " subscriber, channel) DO UPDATE SET state = excluded.state, error = excluded.error,"
            " updated = excluded.updated,"
            " attempts = alert_deliveries.attempts + excluded.attempts",
            (alert.event_id, alert.revision, subscriber, channel, state,
             1 if state == "pending" else 0, error[:500], _now_iso()))

    def enqueue(self, subscriber: str, alert: Alert) -> None:
        """Queue for a digest; a newer revision of a queued event replaces the older one."""
        self.db.execute(
            "INSERT INTO alert_digest_queue (subscriber, event_id, revision, alert, queued)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (subscriber, event_id) DO UPDATE SET"
            " revision = excluded.revision, alert = excluded.alert"
            " WHERE excluded.revision > alert_digest_queue.revision",
            (subscriber, alert.event_id, alert.revision, alert.to_json(), _now_iso()))

    def queued(self, subscriber: str | None = None) -> list[tuple[str, Alert]]:
        sql = "SELECT subscriber, alert FROM alert_digest_queue"
        params: tuple = ()
        if subscriber is not None:
            sql += " WHERE subscriber = ?"
            params = (subscriber,)
        rows = self.db.query(sql + " ORDER BY queued, event_id", params)
        return [(r["subscriber"], decode(Alert, r["alert"], "alert_digest_queue")) for r in rows]

    def queue_depth(self) -> int:
        return int(self.db.query("SELECT COUNT(*) AS n FROM alert_digest_queue")[0]["n"])

    def dequeue(self, subscriber: str, alerts: list[Alert]) -> None:
        with self.db.transaction():
            for alert in alerts:
                self.db.execute(
                    "DELETE FROM alert_digest_queue WHERE subscriber = ? AND event_id = ? AND revision <= ?",
                    (subscriber, alert.event_id, alert.revision))


@dataclass(frozen=True)
class RetryPolicy:
    retries: int = 3
    base_seconds: float = 0.5
    cap_seconds: float = 30.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        """Exponential backoff with jitter: half fixed, half random, capped."""
        ceiling = min(self.cap_seconds, self.base_seconds * (2 ** attempt))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)


def channel_id(subscription: Subscription, index: int) -> str:
    """A stable id of one channel of a subscription: survives reordering, hides secrets' values."""
    target = subscription.channels[index]
    return hashlib.sha256(target.model_dump_json().encode()).hexdigest()[:12]


class RateLimiter:
    """Sliding window: at most ``max`` sends per ``per_seconds`` (in memory)."""

    def __init__(self, max_count: int, per_seconds: float):
        self.max = max_count
        self.per = per_seconds
        self.sent: deque[float] = deque()

    def allows(self, now: float) -> bool:
        while self.sent and self.sent[0] <= now - self.per:
            self.sent.popleft()
        return len(self.sent) < self.max

    def record(self, now: float) -> None:
        self.sent.append(now)


@dataclass
class _Subscriber:
    subscription: Subscription
    channels: list[tuple[str, Channel]]
    limiter: RateLimiter | None
    last_digest: float


class Deliverer:
    """Route each alert to the subscriptions it matches and deliver it on their channels."""

    def __init__(self, subscribers: list[tuple[Subscription, list[Channel]]], log_: DeliveryLog,
                 metrics: Metrics, policy: RetryPolicy = RetryPolicy(),
                 on_failure: FailureHandler | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, seed: int | None = None):
        self.log = log_
        self.metrics = metrics
        self.policy = policy
        self.on_failure = on_failure
        self.sleep = sleep
        self.clock = clock
        self.rng = random.Random(seed)
        now = clock()
        self.subscribers = [
            _Subscriber(
                sub,
                [(channel_id(sub, i), ch) for i, ch in enumerate(channels)],
                RateLimiter(sub.rate_limit.max, sub.rate_limit.per_seconds) if sub.rate_limit else None,
                now,
            )
            for sub, channels in subscribers
        ]

    # ------------------------------------------------------------ alerts

    def deliver(self, alert: Alert) -> int:
        """Deliver (or queue) ``alert`` for every matching subscription; return messages sent."""
        sent = 0
        for s in self.subscribers:
            if not match(s.subscription, alert.event):
                continue
            if not self._wanted(s, alert):
                continue
            now = self.clock()
            if s.subscription.digest or (s.limiter and not s.limiter.allows(now)):
                self.log.enqueue(s.subscription.id, alert)
                log.info("alert queued for digest subscriber=%s alert=%s",
                         s.subscription.id, alert.alert_id)
                continue
            if s.limiter:
                s.limiter.record(now)
            sent += self._send(s, [alert], digest=False)
        self._gauge()
        return sent

    def _wanted(self, s: _Subscriber, alert: Alert) -> bool:
        """Does any channel of ``s`` still need this revision?"""
        return any(self._channel_wants(s, cid, alert) for cid, _ in s.channels)

    def _channel_wants(self, s: _Subscriber, cid: str, alert: Alert) -> bool:
        newest, failed = self.log.newest(alert.event_id, s.subscription.id, cid)
        if alert.revision in failed:
            return False  # already dead-lettered; a replay must not send it twice
        if newest is None:
            return True
        return s.subscription.updates and alert.revision > newest

    def _send(self, s: _Subscriber, alerts: list[Alert], digest: bool) -> int:
        sent = 0
        for cid, channel in s.channels:
            todo = [a for a in alerts if self._channel_wants(s, cid, a)]
            if not todo:
                continue
            key = self._key(s.subscription.id, cid, todo, digest)
            payload = Payload(key, todo, digest=digest)
            if self._attempt(s, cid, channel, payload):
                sent += 1
        return sent

    @staticmethod
    def _key(subscriber: str, cid: str, alerts: list[Alert], digest: bool) -> str:
        if not digest:
            a = alerts[0]
            return f"{a.event_id}:{a.revision}:{subscriber}:{cid}"
        ids = ",".join(f"{a.event_id}:{a.revision}" for a in alerts)
        return f"digest:{subscriber}:{cid}:{hashlib.sha256(ids.encode()).hexdigest()[:16]}"

    def _attempt(self, s: _Subscriber, cid: str, channel: Channel, payload: Payload) -> bool:
        sub = s.subscription.id
        error = ""
        for attempt in range(self.policy.retries + 1):
            for a in payload.alerts:
                self.log.mark(a, sub, cid, "pending")
            try:
                channel.send(payload)
            except DeliveryError as exc:
                error = str(exc)
                if not exc.retryable or attempt == self.policy.retries:
                    break
                delay = self.policy.delay(attempt, self.rng)
                log.warning("alert retry subscriber=%s channel=%s key=%s attempt=%d in=%.2fs error=%s",
                            sub, channel.name, payload.key, attempt + 1, delay, error)
                self.sleep(delay)
            else:
                with self.log.db.transaction():
                    for a in payload.alerts:
                        self.log.mark(a, sub, cid, "sent")
                self.metrics.alerts.labels(channel=channel.kind, outcome="sent").inc()
                now = utcnow()
                for a in payload.alerts:
                    seen = a.event.first_seen or a.created
                    self.metrics.alert_latency.labels(channel=channel.kind).observe(
                        max(0.0, (now - seen).total_seconds()))
                return True
        with self.log.db.transaction():
            for a in payload.alerts:
                self.log.mark(a, sub, cid, "failed", error)
        self.metrics.alerts.labels(channel=channel.kind, outcome="failed").inc()
        self.metrics.fail("alert", "delivery_failed")
        log.error("alert not delivered subscriber=%s channel=%s key=%s error=%s",
                  sub, channel.name, payload.key, error)
        if self.on_failure:
            self.on_failure(payload, s.subscription, channel, error)
        return False

    # ------------------------------------------------------------ digests

    def flush(self, force: bool = False) -> int:
        """Send the digests that are due (all of them with ``force``); return messages sent."""
        sent = 0
        now = self.clock()
        for s in self.subscribers:
            sub = s.subscription
            if sub.digest:
                due = force or now - s.last_digest >= sub.digest.every_seconds
            else:
                due = force or (s.limiter is not None and s.limiter.allows(now))
            if not due:
                continue
            alerts = [a for _, a in self.log.queued(sub.id)]
            if sub.digest:
                s.last_digest = now
            if not alerts:
                continue
            if s.limiter:
                s.limiter.record(now)
            sent += self._send(s, alerts, digest=True)
            # Sent or dead-lettered, each channel's outcome is in the log: the queue is done.
            self.log.dequeue(sub.id, alerts)
        self._gauge()
        return sent

    def _gauge(self) -> None:
        self.metrics.alert_queue.labels(queue="digest").set(self.log.queue_depth())
