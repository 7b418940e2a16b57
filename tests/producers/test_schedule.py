"""Scheduler and host limiter on a fake clock: adaptive intervals, backoff, Retry-After, politeness."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta

from strikewatch.producers.schedule import (
    HostLimiter,
    Scheduler,
    backoff_delay,
    publish_interval,
    publish_rate,
    retry_after_seconds,
)

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def test_interval_follows_the_publishing_rate_within_bounds():
    assert publish_interval(24, 60, 3600) == 3600  # one an hour
    assert publish_interval(24 * 60, 60, 3600) == 60  # one a minute
    assert publish_interval(100_000, 60, 3600) == 60  # capped at the minimum
    assert publish_interval(0.1, 60, 3600) == 3600
    assert publish_interval(None, 60, 3600) == 3600


def test_publish_rate_from_item_dates():
    hourly = [NOW - timedelta(hours=h) for h in range(20)]
    assert 20 <= publish_rate(hourly, NOW) <= 25
    assert publish_rate([None, None], NOW) is None
    assert publish_rate([NOW - timedelta(days=60)], NOW) < 0.1


def test_backoff_and_retry_after():
    assert [backoff_delay(n, 60, 600) for n in (1, 2, 3, 4, 5)] == [60, 120, 240, 480, 600]
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Tue, 05 Mar 2024 12:02:00 GMT", NOW) == 120
    assert retry_after_seconds("soon") is None


def test_scheduler_adapts_backs_off_and_honours_retry_after():
    clock = Clock()
    s = Scheduler(60, 3600, clock=clock, rand=random.Random(1), jitter=0.1)
    s.add("busy")
    s.add("quiet")
    assert s.pop_due() == []  # start-up is spread over the first minute
    clock.now += 60
    assert sorted(s.pop_due()) == ["busy", "quiet"]
    assert 54 <= s.succeeded("busy", items_per_day=24 * 60) <= 66
    assert 3240 <= s.succeeded("quiet", items_per_day=1) <= 3960
    clock.now += 70
    assert s.pop_due() == ["busy"]
    delays = [s.failed("busy") for _ in range(3)]
    assert 54 <= delays[0] <= 66 and 108 <= delays[1] <= 132 and 216 <= delays[2] <= 264
    assert s.failed("busy", retry_after=7200) == 7200  # the server's wish wins
    assert s.timer("busy").failures == 4
    s.succeeded("busy", items_per_day=24 * 60)
    assert s.timer("busy").failures == 0
    s.remove("quiet")
    clock.now += 10_000
    assert s.pop_due() == ["busy"]


def test_jitter_spreads_thousands_of_feeds():
    clock = Clock()
    s = Scheduler(60, 3600, clock=clock, rand=random.Random(2))
    for i in range(2000):
        s.add(f"f{i}")
    clock.now += 6
    assert 100 < len(s.pop_due()) < 300  # about a tenth of them in the first tenth of a minute


def test_host_limiter_pauses_between_requests_to_one_host():
    clock = Clock()
    limiter = HostLimiter(5.0, concurrency=2, clock=clock, sleep=clock.sleep)
    starts: list[tuple[str, float]] = []

    async def request(host: str) -> None:
        async with limiter.slot(host):
            starts.append((host, clock.now))

    async def main() -> None:
        await asyncio.gather(*(request(h) for h in ["a.example"] * 3 + ["b.example"]))
        limiter.pause("b.example", 120)  # a 429 with Retry-After: 120
        await request("b.example")
        await request("127.0.0.1")
        await request("127.0.0.1")

    asyncio.run(main())
    a = [t for h, t in starts if h == "a.example"]
    assert [t - a[0] for t in a] == [0, 5, 10]
    b = [t for h, t in starts if h == "b.example"]
    assert b[1] - b[0] >= 120
    loop = [t for h, t in starts if h == "127.0.0.1"]
    assert loop[1] == loop[0]  # loopback (replays) is exempt from the pause
