"""Poll feeds and emit new items as :class:`~strikewatch.core.records.Link` records.

:class:`FeedPoller` is the shell around the pure parse of
:mod:`strikewatch.producers.feedparse`: a guarded conditional GET, the parse (bounded in
items and time, :mod:`strikewatch.producers.parsing`), and the seen-set filter. A bad
feed never raises out of :meth:`FeedPoller.poll`; it is logged, counted and
yields no links.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx

from strikewatch.core.metrics import Metrics
from strikewatch.core.records import Link, url_hash
from strikewatch.core.settings import ProducerSettings
from strikewatch.core.timefmt import utcnow
from strikewatch.producers.feedparse import (
    FeedParseError,
    canonical_url,
    keep_first_items,
    parse_feed,
)
from strikewatch.producers.feeds import Feed
from strikewatch.producers.http import FetchError, afetch_bytes, make_async_client
from strikewatch.producers.metrics import producer_metrics
from strikewatch.producers.parsing import ParsePool, ParseTimeout
from strikewatch.producers.schedule import HostLimiter, publish_rate, retry_after_seconds
from strikewatch.producers.state import STATE_FILE, FeedHealth, FeedState, SeenStore

__all__ = [
    "FeedPoller",
    "PollResult",
    "FeedState",
    "SeenStore",
    "seen_keys",
]

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)

def seen_keys(link: Link) -> tuple[str, str]:
    """Seen-set keys of a link: its id and its canonical URL hash.

    A link is old if either key was seen, so one article reached from two
    feeds (different GUIDs, same URL) is emitted once.
    """
    return f"id:{link.id}", f"url:{url_hash(canonical_url(link.url))}"


@dataclass
class PollResult:
    """How one poll of one feed went."""

    feed: Feed
    outcome: str
    """ok, not_modified, error or retired"""
    links: list[Link] = field(default_factory=list)
    """The new links (not seen before)."""
    items: int = 0
    items_per_day: float | None = None
    retry_after: float | None = None
    reason: str = ""
    seconds: float = 0.0


class FeedPoller:
    """Polls feeds with conditional GET on asyncio and returns only links not seen before.

    :meth:`apoll` is one feed on the running loop; :meth:`poll` and
    :meth:`poll_all` are blocking wrappers (``--once``, the one-process runner).
    Retired feeds (HTTP 410) are skipped; a feed that moved (301/308) is fetched
    at its new URL. Health goes to the state database and the metrics.
    """

    def __init__(
        self,
        settings: ProducerSettings,
        metrics: Metrics,
        seen: SeenStore,
        client: httpx.AsyncClient | None = None,
        state: FeedState | None = None,
        limiter: HostLimiter | None = None,
    ):
        self.settings = settings
        self.metrics = metrics
        self.pmetrics = producer_metrics(metrics)
        self.seen = seen
        self.client = client
        self._own_state = state is None
        self.state = state if state is not None else FeedState(settings.data_dir / STATE_FILE)
        workers = settings.feed_parse_workers
        self.parser = ParsePool(workers, settings.feed_parse_seconds) if workers else None
        self.limiter = limiter or HostLimiter(
            settings.feed_host_delay_seconds, settings.host_concurrency
        )

    def close(self) -> None:
        """Close the state store if this poller opened it, and stop the parser processes."""
        if self._own_state:
            self.state.close()
        if self.parser is not None:
            self.parser.close()

    def __enter__(self) -> FeedPoller:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def poll(self, feed: Feed) -> list[Link]:
        """New links of one feed; [] (logged and counted) when the feed fails."""
        return self.poll_all([feed], expire=False)

    def poll_all(self, feeds: Sequence[Feed], *, expire: bool = True) -> list[Link]:
        """New links of all feeds, polled concurrently once each, in feed order."""
        results = self.poll_all_results(feeds, expire=expire)
        return [link for result in results for link in result.links]

    def poll_all_results(self, feeds: Sequence[Feed], *, expire: bool = True) -> list[PollResult]:
        """:meth:`poll_all` with each feed's outcome (blocking)."""
        if expire:
            self.expire_seen()
        if not feeds:
            return []
        results = asyncio.run(self.poll_results(feeds))
        self.update_health()
        return results

    async def poll_results(self, feeds: Sequence[Feed]) -> list[PollResult]:
        """One result per feed (links, outcome, timing), polled concurrently once each."""
        async with make_async_client(self.settings, self._connections(len(feeds))) as client:
            gate = asyncio.Semaphore(self.settings.poll_concurrency)

            async def one(feed: Feed) -> PollResult:
                async with gate:
                    return await self.apoll(feed, client)

            return await asyncio.gather(*(one(feed) for feed in feeds))

    def _connections(self, feeds: int) -> int:
        return max(1, min(feeds, self.settings.poll_concurrency))

    async def apoll(self, feed: Feed, client: httpx.AsyncClient | None = None) -> PollResult:
        """Poll one feed on the running loop; never raises for a bad feed."""
        client = client or self.client
        if client is None:
            raise RuntimeError("FeedPoller.apoll needs an httpx.AsyncClient")
        started = time.monotonic()
        try:
            result = await self._apoll(feed, client)
        except (FetchError, FeedParseError) as exc:
            result = self._failed(feed, exc.reason, str(exc), exc)
        except ParseTimeout as exc:
            result = self._failed(feed, "parse_timeout", str(exc), exc)
        except Exception:
            # A bug, not a bad feed: keep the traceback, but keep polling the others.
            log.exception("feed poll crashed feed=%s", feed.url)
            result = self._failed(feed, "processing_error", "unexpected error", None)
        result.seconds = time.monotonic() - started
        self.metrics.stage_seconds.labels(stage="poll").observe(result.seconds)
        self.pmetrics.poll_seconds.labels(outcome=result.outcome).observe(result.seconds)
        return result

    async def _apoll(self, feed: Feed, client: httpx.AsyncClient) -> PollResult:
        health = self.state.health(feed.url)
        if health.retired_at is not None:
            log.debug("feed retired, skipped feed=%s", feed.url)
            return PollResult(feed, "retired")
        url = health.moved_to or feed.url
        headers = {"Accept": FEED_ACCEPT}
        if health.etag:
            headers["If-None-Match"] = health.etag
        if health.last_modified:
            headers["If-Modified-Since"] = health.last_modified
        host = urlsplit(url).hostname or ""
        async with self.limiter.slot(host):
            fetched = await afetch_bytes(client, url, self.settings, headers)
        self.pmetrics.bytes.labels(stage="poll").inc(len(fetched.content))
        moved_to = fetched.moved_to
        if moved_to:
            self.pmetrics.moved.inc()
            log.warning("feed moved permanently feed=%s new_url=%s", feed.url, moved_to)
        now = utcnow()
        if fetched.status == 304:
            self.state.record_success(
                feed.url,
                etag=fetched.headers.get("etag") or health.etag,
                last_modified=fetched.headers.get("last-modified") or health.last_modified,
                new_items=0,
                items_per_day=None,
                moved_to=moved_to,
                now=now,
            )
            self.metrics.feed_polls.labels(outcome="not_modified").inc()
            log.debug("feed not modified feed=%s", feed.url)
            return PollResult(feed, "not_modified", items_per_day=health.items_per_day)
        content, dropped = keep_first_items(fetched.content, self.settings.feed_max_items)
        if dropped:
            self.pmetrics.items_dropped.inc(dropped)
            log.warning("feed items dropped feed=%s kept=%d dropped=%d",
                        feed.url, self.settings.feed_max_items, dropped)
        parse = self.parser.parse if self.parser is not None else parse_feed
        links = await asyncio.to_thread(
            parse,
            content,
            feed,
            now,
            base_url=fetched.url,
            content_type=fetched.headers.get("content-type"),
            max_items=None,
        )
        new = self.filter_new(links)
        rate = publish_rate((link.published for link in links), now)
        if rate is None:
            rate = _observed_rate(health, len(new), now)
        for link in new:
            if link.published is not None and link.published <= now:
                self.pmetrics.item_delay.observe((now - link.published).total_seconds())
        # Validators are stored only after a successful parse, so a broken body is fetched again.
        self.state.record_success(
            feed.url,
            etag=fetched.headers.get("etag"),
            last_modified=fetched.headers.get("last-modified"),
            new_items=len(new),
            items_per_day=rate,
            moved_to=moved_to,
            now=now,
        )
        self.metrics.feed_polls.labels(outcome="ok").inc()
        log.info("feed polled feed=%s items=%s new=%s", feed.url, len(links), len(new))
        return PollResult(feed, "ok", new, items=len(links), items_per_day=rate)

    def _failed(self, feed: Feed, reason: str, message: str, exc: Exception | None) -> PollResult:
        status = getattr(exc, "status", None)
        retry_after = retry_after_seconds(getattr(exc, "retry_after", None))
        self.metrics.feed_polls.labels(outcome="error").inc()
        self.metrics.fail("poll", reason)
        if status == 410:
            self.state.retire(feed.url, message)
            self.pmetrics.retired.inc()
            log.warning("feed retired feed=%s reason=gone: %s", feed.url, message)
            return PollResult(feed, "retired", reason=reason)
        failures = self.state.record_failure(feed.url, message)
        if status in (429, 503) and retry_after is not None:
            # The whole host asked for a pause, not just this feed.
            self.limiter.pause(urlsplit(feed.url).hostname or "", retry_after)
        log.warning(
            "feed poll failed feed=%s reason=%s failures=%s: %s",
            feed.url,
            reason,
            failures,
            message,
        )
        return PollResult(feed, "error", reason=reason, retry_after=retry_after)

    def update_health(self) -> None:
        """Refresh the feeds-by-health gauge from the state database."""
        self.pmetrics.set_health(self.state.all_health())

    def expire_seen(self) -> int:
        """Forget seen items older than ``settings.seen_ttl_days``."""
        dropped = self.seen.expire(utcnow() - timedelta(days=self.settings.seen_ttl_days))
        if dropped:
            log.info("seen-set expired items=%s", dropped)
        return dropped

    def filter_new(self, links: Iterable[Link]) -> list[Link]:
        """Record ``links`` in the seen-set; return those not seen before."""
        links = list(links)
        keys = [seen_keys(link) for link in links]
        added = self.seen.add_items(keys)
        # New only if none of its keys was known: neither its id nor its URL.
        new = [link for link, k, a in zip(links, keys, added, strict=True) if len(a) == len(set(k))]
        self.metrics.feed_items.labels(outcome="new").inc(len(new))
        self.metrics.feed_items.labels(outcome="seen").inc(len(links) - len(new))
        return new


def _observed_rate(health: FeedHealth, new_items: int, now: datetime) -> float | None:
    """Items per day from new items between polls (feeds without dates), smoothed."""
    if health.last_success is None:
        return None
    days = max((now - health.last_success).total_seconds() / 86400, 1e-6)
    observed = new_items / days
    if health.items_per_day is None:
        return observed
    return 0.7 * health.items_per_day + 0.3 * observed
