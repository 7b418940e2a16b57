"""One hostile feed cannot burn a core each poll: the parse reads at most
``feed_max_items`` items and stops after ``feed_parse_seconds`` (issue #17)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from strikewatch.producers.feedparse import FeedParseError, keep_first_items, parse_feed
from strikewatch.producers.feeds import Feed
from strikewatch.producers.parsing import ParsePool, ParseTimeout
from strikewatch.producers.poller import FeedPoller
from strikewatch.producers.state import STATE_FILE, SeenStore
from tests.producers.conftest import respond
from tests.security.test_ssrf import poll_failures

NOW = datetime(2024, 3, 1, tzinfo=UTC)
FEED = Feed(url="https://news.example/feed.xml")


def rss(items: str, head: str = "") -> bytes:
    return (f'<?xml version="1.0"?>\n<!-- a <comment> -->\n<rss version="2.0"><channel>'
            f'<title>T</title>{head}{items}</channel></rss>').encode()


def tiny_items(n: int, close: bool = True) -> str:
    end = "</item>" if close else ""
    return "".join(f"<item><link>https://news.example/{i}</link>{end}" for i in range(n))


@pytest.mark.parametrize("close", [True, False], ids=["closed", "unclosed"])
def test_sixty_thousand_tiny_items_are_cut_to_the_first_thousand(close):
    content = rss(tiny_items(60_000, close))
    kept, dropped = keep_first_items(content, 1000)
    assert dropped == 59_000 and len(kept) < len(content) / 50
    links = parse_feed(content, FEED, NOW)  # the default cap
    assert [link.url for link in links] == [f"https://news.example/{i}" for i in range(1000)]


ATOM = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        '<link href="https://news.example/" rel="alternate"/><subtitle><![CDATA[<b>bold</b>]]></subtitle>'
        + "".join(f'<entry><id>e{i}</id><link href="https://news.example/e{i}"/></entry>'
                  for i in range(5)) + "</feed>").encode()
RDF = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
       'xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel>'
       + "".join(f'<item rdf:about="https://news.example/r{i}"><link>https://news.example/r{i}</link></item>'
                 for i in range(4)) + "</rdf:RDF>").encode()


@pytest.mark.parametrize(("document", "keep", "dropped", "tail", "urls"), [
    (ATOM, 2, 3, b"</entry></feed>", ["https://news.example/e0", "https://news.example/e1"]),
    (RDF, 3, 1, b"</item></rdf:RDF>", [f"https://news.example/r{i}" for i in range(3)]),
], ids=["atom", "rss1.0-items-outside-channel"])
def test_the_cut_closes_what_was_open_so_the_strict_parser_still_reads_it(document, keep, dropped, tail, urls):
    kept, count = keep_first_items(document, keep)
    assert count == dropped and kept.endswith(tail)
    assert [link.url for link in parse_feed(kept, FEED, NOW, max_items=None)] == urls


def test_a_feed_under_the_cap_is_untouched():
    content = rss(tiny_items(10))
    assert keep_first_items(content, 1000) == (content, 0)


def costly_feed() -> bytes:
    """One item of 5 MB of escaped HTML: seconds of feedparser's sanitizer on any machine."""
    return rss("<item><title>t</title><link>https://news.example/1</link><description>"
               + "&lt;b&gt;x&lt;/b&gt; " * 250_000 + "</description></item>")


def test_a_parse_past_the_time_limit_is_stopped_and_the_worker_replaced():
    pool = ParsePool(workers=1, time_limit=0.5)
    try:
        with pytest.raises(ParseTimeout, match="news.example/feed.xml: parsing took over 0.5s"):
            pool.parse(costly_feed(), FEED, NOW)
        # the next feed gets a fresh worker and a normal answer
        assert len(pool.parse(rss(tiny_items(3)), FEED, NOW)) == 3
        with pytest.raises(FeedParseError, match="not an RSS or Atom feed"):
            pool.parse(b"<html><body>no feed</body></html>", FEED, NOW)
    finally:
        pool.close()


def test_the_poller_counts_the_cut_and_the_timeout_and_goes_on(scripted, local, metrics, registry):
    settings = local.model_copy(update={"feed_parse_seconds": 0.5, "max_body_bytes": 6_000_000,
                                        "feed_max_items": 500})
    many = scripted.route("/many.xml", lambda h: respond(h, 200, rss(tiny_items(60_000))))
    costly = scripted.route("/costly.xml", lambda h: respond(h, 200, costly_feed()))
    fine = scripted.route("/fine.xml", lambda h: respond(h, 200, rss(tiny_items(2))))
    with SeenStore(settings.data_dir / STATE_FILE) as seen, FeedPoller(settings, metrics, seen) as poller:
        results = poller.poll_all_results([Feed(url=many), Feed(url=costly), Feed(url=fine)])
        health = poller.state.health(costly)
    assert [r.outcome for r in results] == ["ok", "error", "ok"]
    assert results[0].items == 500 and results[1].reason == "parse_timeout"
    assert registry.get_sample_value("strikewatch_feed_items_dropped_total") == 59_500
    assert poll_failures(registry, "poll", "parse_timeout") == 1
    assert health.consecutive_failures == 1  # backed off like any failing feed
