"""Feed parsing rate: strikewatch's parse_feed against feedparser alone on the same feeds."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from xml.sax.saxutils import escape

from strikewatch.bench.core import Row

ITEMS_PER_FEED = 40


def make_feed(number: int, items: int = ITEMS_PER_FEED) -> bytes:
    """An RSS 2.0 feed like a news desk's: titles, links, GUIDs, dates, HTML descriptions."""
    start = datetime(2024, 3, 1, tzinfo=UTC)
    entries = []
    for i in range(items):
        when = format_datetime(start + timedelta(minutes=17 * i + number))
        entries.append(
            f"<item><title>{escape(f'Desk {number} story {i}: officials report overnight strikes')}</title>"
            f"<link>https://news{number % 50}.example.org/world/{number}/{i}?utm_source=rss</link>"
            f"<guid isPermaLink=\"false\">urn:desk:{number}:{i}</guid><pubDate>{when}</pubDate>"
            f"<description>{escape('<p>Officials said the <b>attack</b> hit a depot; details to follow.</p>')}"
            f"</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Desk {number}</title><link>https://news{number}.example.org/</link>"
        f"<description>World news</description>{''.join(entries)}</channel></rss>"
    ).encode()


def bench(quick: bool) -> list[Row]:
    import feedparser

    from strikewatch.producers.feedparse import parse_feed
    from strikewatch.producers.feeds import Feed

    feeds = [make_feed(n) for n in range(40 if quick else 300)]
    now = datetime.now(UTC)

    start = time.perf_counter()
    for content in feeds:
        feedparser.parse(content)
    base_seconds = time.perf_counter() - start

    feed = Feed(url="https://news.example.org/rss", name="Desk")
    start = time.perf_counter()
    items = sum(len(parse_feed(content, feed, now)) for content in feeds)
    seconds = time.perf_counter() - start
    total = len(feeds) * ITEMS_PER_FEED
    return [
        Row("producers", "feed parse rate", items / seconds, "items/s/core", "feedparser.parse alone",
            total / base_seconds, note=f"{len(feeds)} RSS feeds x {ITEMS_PER_FEED} items"),
    ]
