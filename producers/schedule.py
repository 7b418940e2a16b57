"""When to poll each feed, and how hard to hit each host.

:class:`Scheduler` keeps one timer per feed: the interval adapts to how often
the feed publishes (bounded by a min and a max), every delay is jittered so
thousands of feeds do not fire in step, errors back off exponentially, and a
``Retry-After`` from the server wins over both. :class:`HostLimiter` is the
politeness gate: at most N requests in flight per host and a minimum pause
between the starts of two requests to one host, paused entirely after a
429/503. Both take an injectable clock so tests run on fake time.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import ipaddress
import math
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

#: Retry-After values above this are capped (a misconfigured server must not park a feed for a year).
MAX_RETRY_AFTER_SECONDS = 24 * 3600.0
DAY = 86400.0


def publish_interval(items_per_day: float | None, minimum: float, maximum: float) -> float:
    """Seconds between polls for a feed publishing ``items_per_day``: one poll per expected item.

    Unknown or zero rates poll at ``maximum``; the result is within [minimum, maximum].
    """
    if not items_per_day or items_per_day <= 0:
        return maximum
    return min(max(DAY / items_per_day, minimum), maximum)


def publish_rate(
    published: Iterable[datetime | None], now: datetime, window_days: float = 7
) -> float | None:
    """Items per day, from the publication times the feed lists (``None`` when it lists none).

    Counts items within ``window_days``; a feed whose items all fall within a
    shorter span (a feed showing only its last 20 items) is measured over that
    span, so a busy feed is not mistaken for a quiet one.
    """
    times = sorted(t for t in published if t is not None and t <= now)
    if not times:
        return None
    recent = [t for t in times if (now - t).total_seconds() <= window_days * DAY]
    if not recent:
        return 1 / window_days / 4  # only old items: a quiet feed
    span_days = max((now - recent[0]).total_seconds() / DAY, 1 / 24)
    # n items span n - 1 gaps
    return max(len(recent) - 1, 1) / span_days


def backoff_delay(failures: int, base: float, maximum: float) -> float:
    """Exponential backoff: ``base`` after the first failure, doubling, capped at ``maximum``."""
    if failures <= 0:
        return base
    return min(base * 2 ** min(failures - 1, 30), maximum)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Parse a Retry-After header (delta-seconds or HTTP-date) into seconds from ``now``."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_SECONDS)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)


@dataclass
class Timer:
    """One feed's schedule."""

    key: str
    interval: float
    due: float
    failures: int = 0


class Scheduler:
    """Per-feed timers on one clock; pop the due ones, report how each poll went."""

    def __init__(
        self,
        min_interval: float,
        max_interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        rand: random.Random | None = None,
        jitter: float = 0.1,
        backoff_base: float | None = None,
        backoff_max: float | None = None,
    ):
        if min_interval > max_interval:
            raise ValueError(f"min interval {min_interval}s is above max interval {max_interval}s")
        self.min_interval = min_interval
        self.max_interval = max_interval
        self.clock = clock
        self.rand = rand or random.Random()
        self.jitter = jitter
        self.backoff_base = backoff_base if backoff_base is not None else min_interval
        # Failing feeds are retried at least daily, even when the max interval is shorter.
        self.backoff_max = backoff_max if backoff_max is not None else max(max_interval * 4, DAY)
        self._timers: dict[str, Timer] = {}
        self._heap: list[tuple[float, str]] = []

    def __len__(self) -> int:
        return len(self._timers)

    def __contains__(self, key: object) -> bool:
        return key in self._timers

    def timer(self, key: str) -> Timer:
        return self._timers[key]

    def add(self, key: str, interval: float | None = None, due: float | None = None) -> Timer:
        """Schedule a feed; without ``due`` its first poll is spread over its first interval."""
        interval = min(max(interval or self.min_interval, self.min_interval), self.max_interval)
        if due is None:
            # Spread start-up over the shortest interval: no thundering herd at boot.
            due = self.clock() + self.rand.uniform(0, min(interval, self.min_interval))
        timer = Timer(key, interval, due)
        self._timers[key] = timer
        heapq.heappush(self._heap, (due, key))
        return timer

    def remove(self, key: str) -> None:
        """Stop polling a feed (removed or retired)."""
        self._timers.pop(key, None)  # its heap entry is skipped lazily

    def next_due(self) -> float | None:
        """Clock time of the earliest due feed, or None when nothing is scheduled."""
        self._drop_stale()
        return self._heap[0][0] if self._heap else None

    def pop_due(self, limit: int | None = None) -> list[str]:
        """Keys of feeds due now, earliest first; they are off the schedule until reported."""
        now = self.clock()
        due: list[str] = []
        while self._heap and (limit is None or len(due) < limit):
            self._drop_stale()
            if not self._heap or self._heap[0][0] > now:
                break
            _, key = heapq.heappop(self._heap)
            due.append(key)
        return due

    def succeeded(self, key: str, items_per_day: float | None = None) -> float:
        """A poll worked (200 or 304); reschedule by the publishing rate. Returns the delay."""
        timer = self._timers.get(key)
        if timer is None:
            return math.inf
        timer.failures = 0
        if items_per_day is not None:
            timer.interval = publish_interval(items_per_day, self.min_interval, self.max_interval)
        return self._reschedule(timer, self._jittered(timer.interval))

    def failed(self, key: str, retry_after: float | None = None) -> float:
        """A poll failed; back off exponentially, or as long as the server asked. Returns the delay."""
        timer = self._timers.get(key)
        if timer is None:
            return math.inf
        timer.failures += 1
        delay = self._jittered(backoff_delay(timer.failures, self.backoff_base, self.backoff_max))
        if retry_after is not None:
            delay = max(delay, retry_after)  # never earlier than the server asked
        return self._reschedule(timer, delay)

    def _reschedule(self, timer: Timer, delay: float) -> float:
        timer.due = self.clock() + delay
        heapq.heappush(self._heap, (timer.due, timer.key))
        return delay

    def _jittered(self, seconds: float) -> float:
        return seconds * (1 + self.rand.uniform(-self.jitter, self.jitter))

    def _drop_stale(self) -> None:
        # Entries of removed or rescheduled timers stay in the heap until they surface.
        while self._heap:
            due, key = self._heap[0]
            timer = self._timers.get(key)
            if timer is not None and timer.due == due:
                return
            heapq.heappop(self._heap)


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (our own replay servers)."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HostLimiter:
    """Politeness per host: bounded concurrency and a minimum pause between request starts.

    Loopback hosts are exempt from the pause (replays serve every page from one
    local server; politeness protects other people's servers). ``sleep`` and
    ``clock`` are injectable for tests.
    """

    def __init__(
        self,
        delay: float,
        concurrency: int = 2,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        exempt: Callable[[str], bool] = is_loopback,
    ):
        self.delay = delay
        self.concurrency = concurrency
        self.clock = clock
        self.sleep = sleep
        self.exempt = exempt
        self._next_start: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._semaphores: dict[str, asyncio.Semaphore] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    def set_delay(self, host: str, delay: float) -> None:
        """A host-specific pause (e.g. robots.txt Crawl-delay), never below the default."""
        self._delays[host] = max(delay, self.delay)

    def pause(self, host: str, seconds: float) -> None:
        """No request to ``host`` for ``seconds`` (after a 429 or 503 with Retry-After)."""
        if self.exempt(host):
            return
        self._next_start[host] = max(self._next_start.get(host, 0.0), self.clock() + seconds)

    @contextlib.asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of the host's slots, starting no sooner than its pause allows."""
        async with self._semaphore(host):
            while True:
                wait = self._next_start.get(host, 0.0) - self.clock()
                if wait <= 0:
                    break
                await self.sleep(wait)
            if not self.exempt(host):
                self._next_start[host] = self.clock() + self._delays.get(host, self.delay)
            yield

    def _semaphore(self, host: str) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # asyncio primitives belong to one loop
            self._loop, self._semaphores = loop, {}
        semaphore = self._semaphores.get(host)
        if semaphore is None:
            semaphore = self._semaphores[host] = asyncio.Semaphore(self.concurrency)
        return semaphore
