"""Watch feeds for as long as the service runs: every feed on its own schedule, one asyncio loop.

:func:`watch` is the long-running shell around :class:`~strikewatch.producers.poller.FeedPoller`
and :class:`~strikewatch.producers.schedule.Scheduler`: it starts the polls that are due
(at most ``settings.poll_concurrency`` in flight, at most
``settings.host_concurrency`` per host), hands new links to ``emit``, and
reschedules each feed by its outcome. The schedule is saved in the state
database so a restart keeps each feed's rhythm instead of polling everything at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

from strikewatch.core.records import Link
from strikewatch.core.timefmt import utcnow
from strikewatch.producers.feeds import Feed
from strikewatch.producers.http import make_async_client
from strikewatch.producers.poller import FeedPoller, PollResult
from strikewatch.producers.schedule import Scheduler, publish_interval

log = logging.getLogger(__name__)

#: Seconds between refreshes of the health gauges and seen-set expiry.
HOUSEKEEPING_SECONDS = 60.0


def make_scheduler(poller: FeedPoller, clock: Callable[[], float] = time.monotonic) -> Scheduler:
    """A scheduler with the poller's settings."""
    s = poller.settings
    return Scheduler(s.poll_min_interval_seconds, s.poll_max_interval_seconds, clock=clock)


def schedule_feeds(poller: FeedPoller, scheduler: Scheduler, feeds: Sequence[Feed]) -> int:
    """Add every live feed, resuming the interval and next poll the state database remembers."""
    now_wall, now = utcnow(), scheduler.clock()
    added = 0
    for feed in feeds:
        health = poller.state.health(feed.url)
        if health.retired_at is not None:
            log.info("feed retired, not scheduled feed=%s since=%s", feed.url, health.retired_at)
            continue
        interval = health.interval or publish_interval(
            health.items_per_day, scheduler.min_interval, scheduler.max_interval
        )
        due = None
        if health.next_poll is not None and health.next_poll > now_wall:
            due = now + (health.next_poll - now_wall).total_seconds()
        scheduler.add(feed.url, interval, due)
        added += 1
    return added


async def watch(
    poller: FeedPoller,
    feeds: Sequence[Feed],
    emit: Callable[[list[Link]], object],
    stop: Callable[[], bool],
    *,
    scheduler: Scheduler | None = None,
    tick: float = 0.5,
    on_tick: Callable[[], object] | None = None,
) -> None:
    """Poll ``feeds`` on their schedules until ``stop()`` is true; ``emit`` gets each poll's new links.

    ``on_tick`` is called every turn of the loop (at least every ``tick`` seconds): a heartbeat.
    """
    scheduler = scheduler or make_scheduler(poller)
    by_url = {feed.url: feed for feed in feeds}
    log.info("watching feeds=%d scheduled=%d", len(feeds), schedule_feeds(poller, scheduler, feeds))
    gate = asyncio.Semaphore(poller.settings.poll_concurrency)
    running: set[asyncio.Task] = set()
    housekeeping = 0.0
    async with make_async_client(poller.settings, poller.settings.poll_concurrency) as client:

        async def one(feed: Feed) -> None:
            try:
                result = await poller.apoll(feed, client)
                _reschedule(poller, scheduler, result)
                if result.links:
                    emit(result.links)
            finally:
                gate.release()

        try:
            while not stop():
                if on_tick is not None:
                    on_tick()
                for url in scheduler.pop_due():
                    await gate.acquire()
                    task = asyncio.create_task(one(by_url[url]), name=f"poll {url}")
                    running.add(task)
                    task.add_done_callback(_finished(running))
                if time.monotonic() >= housekeeping:
                    housekeeping = time.monotonic() + HOUSEKEEPING_SECONDS
                    poller.update_health()
                    poller.expire_seen()
                due = scheduler.next_due()
                wait = tick if due is None else min(max(due - scheduler.clock(), 0.0), tick)
                await asyncio.sleep(wait)
        finally:
            # Polls waiting on a host's pause or a slow server are abandoned, not awaited:
            # shutdown must be prompt, and an unfinished poll is simply done again next time.
            for task in running:
                task.cancel()
            if running:
                await asyncio.gather(*running, return_exceptions=True)
            poller.update_health()


def _finished(running: set[asyncio.Task]) -> Callable[[asyncio.Task], None]:
    def done(task: asyncio.Task) -> None:
        running.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("poll task crashed task=%s", task.get_name(), exc_info=task.exception())

    return done


def _reschedule(poller: FeedPoller, scheduler: Scheduler, result: PollResult) -> None:
    url = result.feed.url
    if result.outcome == "retired":
        scheduler.remove(url)
        return
    if result.outcome == "error":
        delay = scheduler.failed(url, result.retry_after)
    else:
        delay = scheduler.succeeded(url, result.items_per_day)
    if url in scheduler:
        timer = scheduler.timer(url)
        poller.state.set_schedule(url, timer.interval, utcnow() + timedelta(seconds=delay))
        log.debug("feed rescheduled feed=%s outcome=%s in=%.0fs", url, result.outcome, delay)
