"""Poll feeds and emit new items as :class:`~strikewatch.core.records.Link` records.

:func:`parse_feed` is pure (bytes in, links out). :class:`FeedPoller` is the
shell: a guarded conditional GET, the parse, and the seen-set filter. A bad
feed never raises out of :meth:`FeedPoller.poll`; it is logged, counted and
yields no links.
"""

from __future__ import annotations

import asyncio
import calendar
import io
import logging
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan
import feedparser
import httpx
import lxml.html
from lxml.etree import ParserError

from strikewatch.core.metrics import Metrics
from strikewatch.core.records import MAX_YEAR, MIN_YEAR, Link, url_hash
from strikewatch.core.settings import ProducerSettings
from strikewatch.core.timefmt import utcnow
from strikewatch.producers.feeds import Feed
from strikewatch.producers.http import FetchError, afetch_bytes, make_async_client
from strikewatch.producers.metrics import producer_metrics
from strikewatch.producers.schedule import HostLimiter, publish_rate, retry_after_seconds
from strikewatch.producers.state import STATE_FILE, FeedHealth, FeedState, SeenStore

__all__ = [
    "FeedParseError",
    "FeedPoller",
    "PollResult",
    "FeedState",
    "SeenStore",
    "canonical_url",
    "parse_feed",
    "seen_keys",
]

log = logging.getLogger(__name__)

#: Longest feed summary kept on a link, in characters.
SUMMARY_CHARS = 500

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)

#: Where a document type declaration may stand: before the root element, near the start.
PROLOG_BYTES = 65_536
_SUBSET_END = re.compile(rb"\]\s*>")

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


class FeedParseError(ValueError):
    """The content is not an RSS/Atom feed."""

    reason = "parse_error"


def canonical_url(url: str) -> str:
    """The URL as an item identity: tracking parameters (courlan's list) and fragment removed,
    host lower-case, default port dropped, query parameters sorted."""
    url = url.strip()
    try:
        normalized = courlan.normalize_url(url)
    except (ValueError, AttributeError):
        normalized = url  # courlan refuses a few odd URLs; the fallback below still cleans them
    parts = urlsplit(normalized)
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k and not _TRACKING_PARAMS.match(k)
        ]
    )
    host = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), host, parts.path or "/", query, ""))


def seen_keys(link: Link) -> tuple[str, str]:
    """Seen-set keys of a link: its id and its canonical URL hash.

    A link is old if either key was seen, so one article reached from two
    feeds (different GUIDs, same URL) is emitted once.
    """
    return f"id:{link.id}", f"url:{url_hash(canonical_url(link.url))}"


def parse_feed(
    content: bytes,
    feed: Feed,
    now: datetime,
    *,
    base_url: str | None = None,
    content_type: str | None = None,
) -> list[Link]:
    """Parse RSS/Atom ``content`` into links (entries without a link are skipped).

    ``base_url`` (default: the feed URL) resolves relative links. Raises
    :class:`FeedParseError` naming the feed URL when the content is not a feed.
    """
    headers = {"content-location": base_url or feed.url}
    if content_type:
        headers["content-type"] = content_type
    content = without_entity_declarations(content)
    try:
        parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
    except (ValueError, OverflowError, LookupError, AttributeError, TypeError) as exc:
        # Bugs of feedparser on malformed feeds, found by tests/security/test_fuzz.py:
        # "&#2000000;" (ValueError from chr), "<link></ITEM</link>" (KeyError 'links' and
        # AttributeError in its loose parser).
        raise FeedParseError(
            f"{feed.url}: not a readable feed ({type(exc).__name__}: {exc})"
        ) from None
    if not parsed.entries and not parsed.get("version"):
        cause = parsed.get("bozo_exception")
        detail = f" ({cause})" if cause else ""
        raise FeedParseError(f"{feed.url}: not an RSS or Atom feed{detail}")
    feed_name = feed.name or _clean_text(parsed.feed.get("title", ""))
    links = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        if link is None:
            log.debug(
                "feed entry without link skipped feed=%s title=%r", feed.url, entry.get("title", "")
            )
            continue
        guid = (entry.get("id") or "").strip()
        links.append(
            Link(
                id=guid or canonical_url(link),
                url=link,
                title=_clean_text(entry.get("title", "")),
                summary=_clean_text(entry.get("summary", ""), SUMMARY_CHARS),
                published=_entry_time(entry),
                feed_url=feed.url,
                feed_name=feed_name,
                discovered=now,
            )
        )
    return links


def without_entity_declarations(content: bytes) -> bytes:
    """The feed without an internal DTD subset that declares entities.

    Feeds have no use for their own entities; expat would expand them (billion laughs)
    up to a hundred times the document's size before its own guard stops it. Without
    the declarations feedparser reads the entities as unknown, like ``&nbsp;``.
    """
    head = content[:PROLOG_BYTES]
    start = head.find(b"<!DOCTYPE")
    if start < 0 or b"<!ENTITY" not in content:
        return content
    subset = head.find(b"[", start)
    closing = head.find(b">", start)
    if subset < 0 or 0 <= closing < subset:
        return content  # no internal subset: nothing is declared in this document
    end = _SUBSET_END.search(content, subset)
    if end is None:
        return content[:start]  # never closed: nothing after it is a feed
    return content[:start] + content[end.end() :]


def _entry_link(entry: Mapping) -> str | None:
    candidates = [entry.get("link")]
    candidates += [
        alt.get("href")
        for alt in entry.get("links", [])
        if alt.get("rel", "alternate") == "alternate"
    ]
    for candidate in candidates:
        if isinstance(candidate, str) and urlsplit(candidate.strip()).scheme in ("http", "https"):
            return candidate.strip()
    return None


def _entry_time(entry: Mapping) -> datetime | None:
    # feedparser normalises *_parsed to UTC struct_time.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                moment = datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, OSError):
                continue
            if MIN_YEAR <= moment.year <= MAX_YEAR:  # else not a date a record may carry
                return moment
    return None


def _clean_text(value: str, limit: int | None = None) -> str:
    """Text of an HTML fragment, whitespace collapsed, cut at ``limit`` characters."""
    if not value:
        return ""
    if "<" in value or "&" in value:
        try:
            value = lxml.html.fragment_fromstring(value, create_parent="div").text_content()
        except (ParserError, ValueError):
            pass  # not parseable as HTML: keep the raw text
    value = _SPACE.sub(" ", value).strip()
    if limit is not None and len(value) > limit:
        value = value[: limit - 1].rsplit(" ", 1)[0] + "…"
    return value


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
        self.limiter = limiter or HostLimiter(
            settings.feed_host_delay_seconds, settings.host_concurrency
        )

    def close(self) -> None:
        """Close the state store if this poller opened it."""
        if self._own_state:
            self.state.close()

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
        links = await asyncio.to_thread(
            parse_feed,
            fetched.content,
            feed,
            now,
            base_url=fetched.url,
            content_type=fetched.headers.get("content-type"),
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
