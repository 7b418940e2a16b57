"""Real HTTP against local servers: 301/410/429, compression, lying charsets, robots.txt, walls, AMP."""

from __future__ import annotations

import gzip

import brotli
import pytest

from strikewatch.core.records import Link
from strikewatch.core.timefmt import utcnow
from strikewatch.producers.feeds import Feed
from strikewatch.producers.fetcher import ArticleFetcher
from strikewatch.producers.poller import FeedPoller
from strikewatch.producers.state import STATE_FILE, SeenStore
from tests.producers.conftest import REPLAY_DIR, respond

RSS = "application/rss+xml"


def feed_body(base: str) -> bytes:
    return (
        (REPLAY_DIR / "feeds" / "wire-world.xml").read_bytes().replace(b"{{BASE}}", base.encode())
    )


def value(registry, name: str, **labels: str) -> float:
    return registry.get_sample_value(name, labels) or 0.0


@pytest.fixture
def poller(settings, metrics):
    with (
        SeenStore(settings.data_dir / STATE_FILE) as seen,
        FeedPoller(settings, metrics, seen) as p,
    ):
        yield p


def test_301_updates_the_stored_url(scripted, poller, registry):
    scripted.route(
        "/new.xml", lambda h: respond(h, 200, feed_body(scripted.base_url), {"Content-Type": RSS})
    )
    old = scripted.route("/old.xml", lambda h: respond(h, 301, headers={"Location": "/new.xml"}))
    feed = Feed(url=old)
    assert len(poller.poll(feed)) == 2
    assert poller.state.health(old).moved_to == scripted.url("/new.xml")
    poller.poll(feed)
    assert len(scripted.requests_to("/old.xml")) == 1  # the next poll goes straight to the new URL
    assert len(scripted.requests_to("/new.xml")) == 2
    assert value(registry, "strikewatch_feeds_moved_total") == 1


def test_302_does_not_move_the_feed(scripted, poller):
    scripted.route(
        "/new.xml", lambda h: respond(h, 200, feed_body(scripted.base_url), {"Content-Type": RSS})
    )
    old = scripted.route("/old.xml", lambda h: respond(h, 302, headers={"Location": "/new.xml"}))
    poller.poll(Feed(url=old))
    assert poller.state.health(old).moved_to is None


def test_410_retires_the_feed(scripted, poller, registry):
    url = scripted.route("/gone.xml", lambda h: respond(h, 410, b"gone"))
    assert poller.poll(Feed(url=url)) == []
    assert poller.poll(Feed(url=url)) == []
    assert len(scripted.requests_to("/gone.xml")) == 1
    assert poller.state.health(url).health == "retired"
    assert value(registry, "strikewatch_feeds_retired_total") == 1
    poller.update_health()
    assert value(registry, "strikewatch_feeds", health="retired") == 1


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_reported_and_counted_as_failure(status, scripted, poller, settings):
    import asyncio

    from strikewatch.producers.http import make_async_client

    url = scripted.route("/busy.xml", lambda h: respond(h, status, b"", {"Retry-After": "120"}))

    async def once():
        async with make_async_client(settings) as client:
            return await poller.apoll(Feed(url=url), client)

    result = asyncio.run(once())
    assert (result.outcome, result.retry_after) == ("error", 120)
    health = poller.state.health(url)
    assert health.consecutive_failures == 1 and str(status) in health.last_error


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_compressed_feeds(encoding, scripted, poller):
    raw = feed_body(scripted.base_url)
    body = gzip.compress(raw) if encoding == "gzip" else brotli.compress(raw)
    url = scripted.route(
        "/z.xml",
        lambda h: respond(h, 200, body, {"Content-Type": RSS, "Content-Encoding": encoding}),
    )
    assert len(poller.poll(Feed(url=url))) == 2
    assert encoding in scripted.requests_to("/z.xml")[0]["Accept-Encoding"]


def test_feed_whose_declared_encoding_lies(scripted, poller):
    xml = (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T</title>"
        "<item><guid>1</guid><title>Explosion près de la gare à Odessa</title>"
        "<link>https://x.example/a</link></item></channel></rss>"
    ).encode("cp1252")
    url = scripted.route(
        "/lie.xml", lambda h: respond(h, 200, xml, {"Content-Type": "text/xml; charset=utf-8"})
    )
    [link] = poller.poll(Feed(url=url))
    assert "près de la gare" in link.title


def link_to(url: str) -> Link:
    return Link(id=url, url=url, discovered=utcnow(), feed_name="Wire World")


ARTICLE = (REPLAY_DIR / "pages" / "depot-strike.html").read_bytes()


def test_page_whose_declared_charset_lies(scripted, settings, metrics):
    text = "Les secours sont arrivés après l'explosion près de la gare, a déclaré la préfecture."
    body = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>".encode()
    url = scripted.route(
        "/p", lambda h: respond(h, 200, body, {"Content-Type": "text/html; charset=ISO-8859-1"})
    )
    with ArticleFetcher(settings, metrics) as fetcher:
        article = fetcher.fetch(link_to(url))
    assert article is not None and "arrivés après" in article.text


def test_robots_txt_is_honoured_and_cached(scripted, settings, metrics, registry):
    scripted.route(
        "/robots.txt", lambda h: respond(h, 200, b"User-agent: strikewatch\nDisallow: /private/\n")
    )
    scripted.route(
        "/private/a.html", lambda h: respond(h, 200, ARTICLE, {"Content-Type": "text/html"})
    )
    scripted.route(
        "/news/a.html", lambda h: respond(h, 200, ARTICLE, {"Content-Type": "text/html"})
    )
    with ArticleFetcher(settings, metrics) as fetcher:
        articles = fetcher.fetch_many(
            [link_to(scripted.url("/private/a.html")), link_to(scripted.url("/news/a.html"))]
        )
    assert [a.url for a in articles] == [scripted.url("/news/a.html")]
    assert scripted.requests_to("/private/a.html") == []
    assert len(scripted.requests_to("/robots.txt")) == 1
    assert (
        value(registry, "strikewatch_failures_total", stage="fetch", reason="robots_disallowed")
        == 1
    )
    assert "strikewatch/" in scripted.requests_to("/news/a.html")[0]["User-Agent"]


PAYWALL = b"""<html><head><script type="application/ld+json">
{"@type": "NewsArticle", "headline": "Strike", "isAccessibleForFree": false}</script></head>
<body><article><p>Two missiles hit the port overnight, officials said, in the first attack.</p>
<p>Subscribe to read the rest of this story.</p></article></body></html>"""
CONSENT = b"""<html><body><div class="cmp"><h1>We value your privacy</h1>
<p>We and our partners use cookies to store and access information on your device. Click accept
to agree, or manage your choices at any time.</p><button>Accept all</button></div></body></html>"""


@pytest.mark.parametrize(("page", "reason"), [(PAYWALL, "paywall"), (CONSENT, "consent")])
def test_walls_are_marked_not_extracted(page, reason, scripted, settings, metrics, registry):
    url = scripted.route(
        "/wall.html", lambda h: respond(h, 200, page, {"Content-Type": "text/html"})
    )
    with ArticleFetcher(settings, metrics) as fetcher:
        assert fetcher.fetch(link_to(url)) is None
    assert value(registry, "strikewatch_failures_total", stage="fetch", reason=reason) == 1


def test_amp_page_follows_its_canonical_once(scripted, settings, metrics):
    canonical = scripted.url("/story.html")
    amp = f'<html amp><head><link rel="canonical" href="{canonical}"></head><body><p>short</p></body></html>'
    scripted.route("/story.html", lambda h: respond(h, 200, ARTICLE, {"Content-Type": "text/html"}))
    url = scripted.route(
        "/amp/story.html", lambda h: respond(h, 200, amp.encode(), {"Content-Type": "text/html"})
    )
    with ArticleFetcher(settings, metrics) as fetcher:
        article = fetcher.fetch(link_to(url))
    assert article is not None and "Firefighters worked" in article.text
    assert article.canonical_url == canonical and article.url == url


def test_extraction_in_a_process_pool(replay, settings, metrics):
    settings = settings.model_copy(update={"extract_workers": 1})
    with ArticleFetcher(settings, metrics) as fetcher:
        articles = fetcher.fetch_many(
            [
                link_to(replay.url("pages/depot-strike.html")),
                link_to(replay.url("pages/empty.html")),
            ]
        )
        assert fetcher._pool is not None
    assert [a.title for a in articles] == ["Drone strike hits fuel depot near Kharkiv"]
