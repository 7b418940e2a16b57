"""Poll feeds and emit new items as :class:`~strikewatch.records.Link` records.

:func:`parse_feed` is pure (bytes in, links out). :class:`FeedPoller` is the
shell: a guarded conditional GET, the parse, and the seen-set filter. A bad
feed never raises out of :meth:`FeedPoller.poll`; it is logged, counted and
yields no links.
"""

from __future__ import annotations

import calendar
import io
import logging
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser
import httpx
import lxml.html
from lxml.etree import ParserError

from producers.feeds import Feed
from producers.http import FetchError, fetch_bytes, make_client
from producers.state import STATE_FILE, FeedState, SeenStore
from strikewatch.metrics import Metrics
from strikewatch.records import Link, url_hash, utcnow
from strikewatch.settings import ProducerSettings

__all__ = [
    "FeedParseError",
    "FeedPoller",
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

_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


class FeedParseError(ValueError):
    """The content is not an RSS/Atom feed."""

    reason = "parse_error"


def canonical_url(url: str) -> str:
    """The URL without fragment, tracking parameters and default port; lower-case host."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        host = f"{parts.netloc.rsplit('@', 1)[0]}@{host}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


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
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers)
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
                return datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, OSError):
                continue
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


class FeedPoller:
    """Polls feeds with conditional GET and returns only links not seen before."""

    def __init__(
        self,
        settings: ProducerSettings,
        metrics: Metrics,
        seen: SeenStore,
        client: httpx.Client | None = None,
        state: FeedState | None = None,
    ):
        self.settings = settings
        self.metrics = metrics
        self.seen = seen
        self._own_client = client is None
        self.client = client if client is not None else make_client(settings)
        self._own_state = state is None
        self.state = state if state is not None else FeedState(settings.data_dir / STATE_FILE)

    def close(self) -> None:
        """Close the HTTP client and state store if this poller created them."""
        if self._own_client:
            self.client.close()
        if self._own_state:
            self.state.close()

    def __enter__(self) -> FeedPoller:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def poll(self, feed: Feed) -> list[Link]:
        """New links of one feed; [] (logged and counted) when the feed fails."""
        with self.metrics.stage_seconds.labels(stage="poll").time():
            try:
                return self._poll(feed)
            except (FetchError, FeedParseError) as exc:
                reason, message = exc.reason, str(exc)
            except Exception:
                # A bug, not a bad feed: keep the traceback, but keep polling the others.
                log.exception("feed poll crashed feed=%s", feed.url)
                reason, message = "processing_error", "unexpected error"
        log.warning("feed poll failed feed=%s reason=%s: %s", feed.url, reason, message)
        self.metrics.feed_polls.labels(outcome="error").inc()
        self.metrics.fail("poll", reason)
        return []

    def poll_all(self, feeds: Sequence[Feed]) -> list[Link]:
        """New links of all feeds, polled concurrently, in feed order."""
        self.expire_seen()
        if not feeds:
            return []
        workers = min(len(feeds), self.settings.fetch_concurrency)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll") as pool:
            results = list(pool.map(self.poll, feeds))
        return [link for links in results for link in links]

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

    def _poll(self, feed: Feed) -> list[Link]:
        started = time.monotonic()
        headers = {"Accept": FEED_ACCEPT, **self.state.conditional_headers(feed.url)}
        result = fetch_bytes(self.client, feed.url, self.settings, headers)
        if result.status == 304:
            self.metrics.feed_polls.labels(outcome="not_modified").inc()
            log.debug("feed not modified feed=%s", feed.url)
            return []
        links = parse_feed(
            result.content,
            feed,
            utcnow(),
            base_url=result.url,
            content_type=result.headers.get("content-type"),
        )
        # Validators are stored only after a successful parse, so a broken body is fetched again.
        self.state.put(feed.url, result.headers.get("etag"), result.headers.get("last-modified"))
        new = self.filter_new(links)
        self.metrics.feed_polls.labels(outcome="ok").inc()
        log.info(
            "feed polled feed=%s items=%s new=%s seconds=%.2f",
            feed.url,
            len(links),
            len(new),
            time.monotonic() - started,
        )
        return new
