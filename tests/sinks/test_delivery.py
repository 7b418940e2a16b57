"""Delivery log, retries, dead letters, updates, rate limits and digests, on SQLite and PostgreSQL."""

import random
from datetime import UTC, datetime

from strikewatch.core.netguard import NetworkPolicy
from strikewatch.core.records import Alert
from strikewatch.sinks.alerts import render_alert
from strikewatch.sinks.channels import DeliveryError, Payload, WebhookChannel
from strikewatch.sinks.delivery import Deliverer, DeliveryLog, RetryPolicy
from strikewatch.sinks.subscriptions import Subscription
from tests.sinks.receivers import Receiver, sample_event

NOW = datetime(2023, 11, 22, 8, 0, tzinfo=UTC)


def alert(event_id: str = "ev-1", revision: int = 1, **kw) -> Alert:
    status = "new" if revision == 1 else "update"
    return render_alert(sample_event(event_id=event_id, revision=revision, status=status, **kw), NOW)


def subscription(**kw) -> Subscription:
    return Subscription.model_validate({"id": "desk", "channels": [{"type": "console"}], **kw})


class Recorder:
    """A channel that fails its first ``failures`` sends, then records what it gets."""

    kind = "webhook"
    name = "recorder"

    def __init__(self, failures: int = 0, retryable: bool = True):
        self.failures = failures
        self.retryable = retryable
        self.attempts = 0
        self.payloads: list[Payload] = []

    def send(self, payload: Payload) -> None:
        self.attempts += 1
        if self.failures > 0:
            self.failures -= 1
            raise DeliveryError("HTTP 503", self.retryable)
        self.payloads.append(payload)

    def sent(self) -> list[str]:
        return [a.alert_id for p in self.payloads for a in p.alerts]


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def make(db, metrics, channel, sub=None, failures=None, clock=None, retries=3):
    sleeps: list[float] = []
    deliverer = Deliverer(
        [(sub or subscription(), [channel])], DeliveryLog(db), metrics,
        RetryPolicy(retries=retries, base_seconds=0.5, cap_seconds=4),
        on_failure=(lambda p, s, c, e: failures.append((p.key, e))) if failures is not None else None,
        sleep=sleeps.append, clock=clock or Clock(), seed=1,
    )
    return deliverer, sleeps


def sample(metrics, name, labels):
    return metrics.registry.get_sample_value(name, labels)


def test_a_channel_that_fails_twice_then_succeeds_gets_the_alert_once(db, metrics):
    channel = Recorder(failures=2)
    deliverer, sleeps = make(db, metrics, channel)
    assert deliverer.deliver(alert()) == 1
    assert channel.attempts == 3 and channel.sent() == ["ev-1:1"]
    # exponential backoff with jitter: attempt n waits within [base*2^n/2, base*2^n]
    assert len(sleeps) == 2 and 0.25 <= sleeps[0] <= 0.5 and 0.5 <= sleeps[1] <= 1.0
    assert sample(metrics, "strikewatch_alerts_total", {"channel": "webhook", "outcome": "sent"}) == 1
    assert sample(metrics, "strikewatch_alert_delivery_latency_seconds_count", {"channel": "webhook"}) == 1
    rows = db.query("SELECT state, attempts FROM alert_deliveries")
    assert rows == [{"state": "sent", "attempts": 3}]


def test_backoff_grows_and_is_capped():
    policy, rng = RetryPolicy(retries=10, base_seconds=1, cap_seconds=8), random.Random(0)
    delays = [policy.delay(n, rng) for n in range(6)]
    assert all(0.5 * min(8, 2**n) <= d <= min(8, 2**n) for n, d in enumerate(delays))


def test_after_the_last_retry_the_alert_is_dead_lettered_and_counted(db, metrics):
    failures: list = []
    channel = Recorder(failures=10)
    deliverer, sleeps = make(db, metrics, channel, failures=failures, retries=2)
    assert deliverer.deliver(alert()) == 0
    assert channel.attempts == 3 and len(sleeps) == 2
    assert failures == [("ev-1:1:desk:" + deliverer.subscribers[0].channels[0][0], "HTTP 503")]
    assert sample(metrics, "strikewatch_alerts_total", {"channel": "webhook", "outcome": "failed"}) == 1
    assert sample(metrics, "strikewatch_failures_total", {"stage": "alert", "reason": "delivery_failed"}) == 1
    # a replay of the same message does not send (or dead-letter) it again
    deliverer.deliver(alert())
    assert channel.attempts == 3 and len(failures) == 1


def test_a_non_retryable_error_is_not_retried(db, metrics):
    channel = Recorder(failures=1, retryable=False)
    deliverer, sleeps = make(db, metrics, channel, failures=[])
    deliverer.deliver(alert())
    assert channel.attempts == 1 and sleeps == []


def test_a_restart_never_sends_an_alert_twice(open_db, metrics):
    first = Recorder()
    deliverer, _ = make(open_db(), metrics, first)
    deliverer.deliver(alert("ev-1"))
    deliverer.deliver(alert("ev-2"))
    # a new process on the same delivery log, replaying the uncommitted messages and one more
    second = Recorder()
    again, _ = make(open_db(), metrics, second)
    for a in (alert("ev-1"), alert("ev-2"), alert("ev-3")):
        again.deliver(a)
    assert first.sent() == ["ev-1:1", "ev-2:1"] and second.sent() == ["ev-3:1"]


def test_updates_go_to_who_wants_them_and_late_revisions_are_dropped(db, metrics):
    wants, once = Recorder(), Recorder()
    deliverer = Deliverer([(subscription(), [wants]),
                           (subscription(id="once", updates=False), [once])],
                          DeliveryLog(db), metrics, RetryPolicy(), sleep=lambda s: None)
    for a in (alert(revision=1), alert(revision=3, injured=11), alert(revision=2, injured=9)):
        deliverer.deliver(a)
    assert wants.sent() == ["ev-1:1", "ev-1:3"]
    assert once.sent() == ["ev-1:1"]


def test_an_update_that_first_matches_is_the_subscribers_first_alert(db, metrics):
    channel = Recorder()
    deliverer, _ = make(db, metrics, channel,
                        sub=subscription(updates=False, filters={"min_injured": 10}))
    deliverer.deliver(alert(revision=1, injured=8))
    deliverer.deliver(alert(revision=2, injured=12))
    assert channel.sent() == ["ev-1:2"]


def test_rate_limit_queues_the_overflow_and_sends_it_as_one_digest(db, metrics):
    channel, clock = Recorder(), Clock()
    deliverer, _ = make(db, metrics, channel, clock=clock,
                        sub=subscription(rate_limit={"max": 2, "per_seconds": 60}))
    for n in range(5):
        deliverer.deliver(alert(f"ev-{n}"))
    assert channel.sent() == ["ev-0:1", "ev-1:1"]
    assert sample(metrics, "strikewatch_alert_queue_depth", {"queue": "digest"}) == 3
    assert deliverer.flush() == 0  # still limited
    clock.t += 61
    assert deliverer.flush() == 1
    digest = channel.payloads[-1]
    assert digest.digest and [a.event_id for a in digest.alerts] == ["ev-2", "ev-3", "ev-4"]
    assert digest.message.title == "strikewatch digest: 3 alerts"
    assert sample(metrics, "strikewatch_alert_queue_depth", {"queue": "digest"}) == 0
    # the digested alerts count as delivered: a replay sends nothing
    for n in range(5):
        deliverer.deliver(alert(f"ev-{n}"))
    assert len(channel.payloads) == 3


def test_digest_mode_collects_the_newest_revision_and_survives_a_restart(open_db, metrics):
    channel, clock = Recorder(), Clock()
    sub = subscription(digest={"every_seconds": 3600})
    deliverer, _ = make(open_db(), metrics, channel, sub=sub, clock=clock)
    deliverer.deliver(alert("ev-1", 1))
    deliverer.deliver(alert("ev-1", 2, injured=20))
    deliverer.deliver(alert("ev-2", 1))
    assert channel.payloads == [] and deliverer.flush() == 0
    # restart: the queue is durable
    clock2 = Clock()
    again, _ = make(open_db(), metrics, channel, sub=sub, clock=clock2)
    clock2.t += 3600
    assert again.flush() == 1
    [digest] = channel.payloads
    assert [(a.event_id, a.revision) for a in digest.alerts] == [("ev-1", 2), ("ev-2", 1)]


def test_a_receiver_gets_each_alert_once_with_a_stable_idempotency_key(db, metrics):
    with Receiver(failures=2, status=502, secret=b"k") as receiver:
        deliverer, _ = make(db, metrics, WebhookChannel(receiver.url, b"k", policy=NetworkPolicy.parse("loopback")))
        deliverer.deliver(alert())
        deliverer.deliver(alert())
    assert receiver.invalid == 0 and len(receiver.bodies) == 1
    assert receiver.keys()[0].startswith("ev-1:1:desk:")


def test_one_failing_channel_spares_the_others(db, metrics):
    bad, good = Recorder(failures=99), Recorder()
    sub = subscription(channels=[{"type": "webhook", "url": "https://a.example.org"}, {"type": "console"}])
    deliverer = Deliverer([(sub, [bad, good])], DeliveryLog(db), metrics,
                          RetryPolicy(retries=1), sleep=lambda s: None)
    deliverer.deliver(alert())
    assert good.sent() == ["ev-1:1"] and bad.sent() == []
    # a replay retries neither: one is sent, the other was dead-lettered
    deliverer.deliver(alert())
    assert bad.attempts == 2 and len(good.payloads) == 1


def test_subscriptions_that_do_not_match_get_nothing(db, metrics):
    channel = Recorder()
    deliverer, _ = make(db, metrics, channel, sub=subscription(filters={"countries": ["UA"]}))
    assert deliverer.deliver(alert()) == 0 and channel.payloads == []
