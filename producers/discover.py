"""Find the feeds a site offers: the URL itself, the feeds its page announces, or common paths."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urljoin

from strikewatch.core.settings import ProducerSettings
from strikewatch.producers.feedparse import FeedParseError, parse_feed
from strikewatch.producers.feeds import Feed
from strikewatch.producers.http import FetchError, afetch_bytes, make_async_client
from strikewatch.producers.pages import decode_page
from strikewatch.producers.poller import FEED_ACCEPT

#: Paths tried when a page names no feed.
COMMON_FEED_PATHS = (
    "/feed",
    "/rss",
    "/feed.xml",
    "/rss.xml",
    "/atom.xml",
    "/index.xml",
    "/feeds/all.atom.xml",
)

_ALTERNATE = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
)


class DiscoveryError(Exception):
    """The site's own page could not be fetched (the message names the URL and why)."""


def alternate_feeds(html: str, base_url: str) -> list[str]:
    """Feed URLs a page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    found: list[str] = []
    for tag in _ALTERNATE.findall(html[:300_000]):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag)
        }
        if (
            "alternate" in attrs.get("rel", "").lower().split()
            and attrs.get("type", "").lower() in _FEED_TYPES
        ):
            url = urljoin(base_url, attrs.get("href", "").strip())
            if url not in found and attrs.get("href"):
                found.append(url)
    return found


async def discover(url: str, settings: ProducerSettings) -> list[tuple[str, str]]:
    """(feed URL, title) of the feeds a site offers: the URL itself, its announced feeds, or common paths."""
    async with make_async_client(settings, 8) as client:
        try:
            page = await afetch_bytes(client, url, settings, {"Accept": f"text/html, {FEED_ACCEPT}"})
        except FetchError as exc:
            raise DiscoveryError(str(exc)) from None
        title = feed_title(page.content, page.url)
        if title is not None:
            return [(page.url, title)]
        candidates = alternate_feeds(decode_page(page.content, page.charset), page.url)
        if not candidates:
            candidates = [urljoin(page.url, path) for path in COMMON_FEED_PATHS]
        found = []
        for candidate in candidates:
            try:
                got = await afetch_bytes(client, candidate, settings, {"Accept": FEED_ACCEPT})
            except FetchError:
                continue
            title = feed_title(got.content, got.url)
            if title is not None:
                found.append((got.url, title))
        return found


def feed_title(content: bytes, url: str) -> str | None:
    """The feed's title if ``content`` is a feed, else None."""
    try:
        links = parse_feed(content, Feed(url=url), datetime.now(UTC))
    except FeedParseError:
        return None
    import feedparser

    parsed = feedparser.parse(content)
    return (parsed.feed.get("title") or "").strip() or f"{len(links)} items"
