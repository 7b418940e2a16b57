"""Feed polling: parsing, the seen-set, conditional GET, and every way a feed can fail."""

from __future__ import annotations

import logging
import socket
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from strikewatch.producers.feedparse import FeedParseError, canonical_url, parse_feed
from strikewatch.producers.feeds import Feed
from strikewatch.producers.poller import FeedPoller, FeedState, SeenStore
from strikewatch.producers.state import STATE_FILE
from tests.producers.conftest import REPLAY_DIR, respond

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
BASE = "http://news.test"


def feed_bytes(name: str) -> bytes:
    return (REPLAY_DIR / "feeds" / name).read_bytes().replace(b"{{BASE}}", BASE.encode())


def value(registry, name: str, **labels: str) -> float:
    return registry.get_sample_value(name, labels) or 0.0


# --- parse_feed (pure) ---------------------------------------------------------------


def test_parse_rss_items():
    feed = Feed(url=f"{BASE}/feeds/wire-world.xml", name="Wire World")
    links = parse_feed(feed_bytes("wire-world.xml"), feed, NOW)
    assert len(links) == 2  # the entry without a link is skipped
    strike, festival = links
    assert strike.id == "wire-2024-0001"
    assert strike.url == f"{BASE}/pages/depot-strike.html"
    assert strike.title == "Drone strike hits fuel depot near Kharkiv"
    assert strike.summary == "A drone struck a fuel depot overnight, officials said."
    assert strike.published == datetime(2024, 3, 5, 5, 30, tzinfo=UTC)
    assert strike.published.tzinfo is not None
    assert (strike.feed_url, strike.feed_name, strike.discovered) == (feed.url, "Wire World", NOW)
    # no GUID: the id is the canonical URL (tracking parameters dropped)
    assert festival.id == f"{BASE}/pages/festival.html"
    assert festival.url == f"{BASE}/pages/festival.html?utm_source=rss"


def test_parse_atom_uses_feed_title_when_unnamed():
    feed = Feed(url=f"{BASE}/feeds/regional.atom")
    links = parse_feed(feed_bytes("regional.atom"), feed, NOW)
    assert [link.id for link in links] == ["urn:test:regional:77", "urn:test:regional:78"]
    assert links[0].feed_name == "Regional Desk"
    assert links[0].published == datetime(2024, 3, 5, 6, 0, tzinfo=UTC)


def test_parse_resolves_relative_links_and_cuts_long_summaries():
    content = (
        b"<rss version='2.0'><channel><title>T</title><item><title>A</title>"
        b"<link>/news/a.html</link><description>" + b"word " * 300 + b"</description>"
        b"</item></channel></rss>"
    )
    [link] = parse_feed(
        content, Feed(url="https://site.example/rss"), NOW, base_url="https://site.example/feed/"
    )
    assert link.url == "https://site.example/news/a.html"
    assert link.published is None
    assert len(link.summary) <= 500 and link.summary.endswith("…")


@pytest.mark.parametrize(
    "content", [b"This is plain text, not a feed.", b"", b"\x89PNG\r\n\x1a\n\x00\x00"]
)
def test_parse_not_a_feed(content):
    with pytest.raises(FeedParseError, match=r"^https://site.example/rss: not an RSS or Atom feed"):
        parse_feed(content, Feed(url="https://site.example/rss"), NOW)


def test_canonical_url():
    assert (
        canonical_url("HTTPS://News.Example:443/a?id=1&utm_source=x#top")
        == "https://news.example/a?id=1"
    )
    assert canonical_url("http://news.example:8080") == "http://news.example:8080/"


# --- SeenStore / FeedState ------------------------------------------------------------


def test_seen_store_add_new_persists_and_expires(tmp_path):
    with SeenStore(tmp_path / "seen.sqlite3") as seen:
        assert seen.add_new(["a", "b"], now=NOW) == {"a", "b"}
        assert seen.add_new(["b", "c"], now=NOW + timedelta(days=2)) == {"c"}
    with SeenStore(tmp_path / "seen.sqlite3") as seen:  # a restart
        assert "a" in seen and len(seen) == 3
        assert seen.expire(NOW + timedelta(days=1)) == 1  # "a"; "b" was seen again later
        assert seen.add_new(["a", "b"]) == {"a"}


def test_seen_store_forgets_keys_of_an_item_kafka_did_not_take(tmp_path):
    with SeenStore(tmp_path / "seen.sqlite3") as seen:
        assert seen.add_new(["id:a", "url:1", "id:b"]) == {"id:a", "url:1", "id:b"}
        assert seen.forget(["id:a", "url:1"]) == 2
        assert seen.add_new(["id:a", "url:1", "id:b"]) == {"id:a", "url:1"}


def test_keys_kafka_never_acknowledged_are_polled_again_after_a_kill(tmp_path):
    path = tmp_path / "seen.sqlite3"
    seen = SeenStore(path, confirm_sends=True)
    assert seen.add_new(["id:a", "id:b", "id:c"]) == {"id:a", "id:b", "id:c"}
    seen.confirm(["id:a"])  # acknowledged; b and c still in the producer's buffer
    assert seen.pending() == 2
    # kill -9 here: no close, no flush. The next start drops what was never acknowledged.
    restarted = SeenStore(path, confirm_sends=True)
    assert restarted.forget_pending() == 2
    assert restarted.add_new(["id:a", "id:b", "id:c"]) == {"id:b", "id:c"}
    assert restarted.pending() == 2
    seen.close()
    restarted.close()


def test_without_confirmation_keys_are_final_when_added(tmp_path):
    # strikewatch run and the tools record items as they emit them: nothing pending.
    with SeenStore(tmp_path / "seen.sqlite3") as seen:
        seen.add_new(["id:a"])
        assert seen.pending() == 0 and seen.forget_pending() == 0 and "id:a" in seen


def test_a_seen_file_from_before_pending_keys_is_upgraded_in_place(tmp_path):
    import sqlite3

    path = tmp_path / "seen.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, first_seen REAL NOT NULL, last_seen REAL NOT NULL)")
        old.execute("INSERT INTO seen VALUES ('id:old', 1.0, 1.0)")
    with SeenStore(path, confirm_sends=True) as seen:
        assert seen.forget_pending() == 0  # old keys were acknowledged under the old code
        assert "id:old" in seen
        assert seen.add_new(["id:old", "id:new"]) == {"id:new"} and seen.pending() == 1


def test_a_guid_seen_before_with_a_new_link_is_not_emitted_again(tmp_path, settings, metrics):
    from datetime import UTC, datetime

    from strikewatch.core.records import Link

    now = datetime.now(UTC)
    first = Link(id="urn:desk:42", url="https://example.org/a/story", discovered=now)
    moved = Link(id="urn:desk:42", url="https://example.org/b/story-updated", discovered=now)
    with SeenStore(tmp_path / "seen.sqlite3") as seen, FeedPoller(settings, metrics, seen) as poller:
        assert poller.filter_new([first]) == [first]
        assert poller.filter_new([moved]) == []


def test_seen_store_is_safe_across_threads(tmp_path):
    seen = SeenStore(tmp_path / "seen.sqlite3")
    results: list[set[str]] = []
    lock = threading.Lock()

    def worker() -> None:
        new = seen.add_new(f"k{i}" for i in range(200))
        with lock:
            results.append(new)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(len(r) for r in results) == [0, 0, 0, 200]
    seen.close()


def test_feed_state_round_trip(tmp_path):
    with FeedState(tmp_path / "seen.sqlite3") as state:
        assert state.conditional_headers("https://a.example/rss") == {}
        state.put("https://a.example/rss", '"v1"', "Tue, 05 Mar 2024 10:00:00 GMT")
    with FeedState(tmp_path / "seen.sqlite3") as state:
        assert state.conditional_headers("https://a.example/rss") == {
            "If-None-Match": '"v1"',
            "If-Modified-Since": "Tue, 05 Mar 2024 10:00:00 GMT",
        }


# --- FeedPoller against the local replay ----------------------------------------------


def test_poll_all_emits_each_item_once_across_feeds_polls_and_restarts(
    replay, settings, metrics, registry, tmp_path
):
    feeds = replay.feeds()
    with (
        SeenStore(settings.data_dir / STATE_FILE) as seen,
        FeedPoller(settings, metrics, seen) as poller,
    ):
        first = poller.poll_all(feeds)
        # depot-strike is in both feeds (different GUIDs, same URL): emitted once
        assert sorted(canonical_url(link.url).split("/")[-1] for link in first) == [
            "depot-strike.html",
            "empty.html",
            "festival.html",
        ]
        assert value(registry, "strikewatch_feed_items_total", outcome="new") == 3
        assert value(registry, "strikewatch_feed_items_total", outcome="seen") == 1
        # the replay answers the conditional GET with 304
        assert poller.poll_all(feeds) == []
        assert value(registry, "strikewatch_feed_polls_total", outcome="ok") == 2
        assert value(registry, "strikewatch_feed_polls_total", outcome="not_modified") == 2

    # Restart with the same seen-set but no stored validators: feeds are downloaded again,
    # yet nothing is re-emitted.
    with (
        SeenStore(settings.data_dir / STATE_FILE) as seen,
        FeedState(tmp_path / "fresh.sqlite3") as state,
        FeedPoller(settings, metrics, seen, state=state) as poller,
    ):
        assert poller.poll_all(feeds) == []
    assert value(registry, "strikewatch_feed_polls_total", outcome="ok") == 4
    assert value(registry, "strikewatch_feed_items_total", outcome="seen") == 1 + 4


def test_conditional_get_sends_stored_validators_after_restart(
    scripted, settings, metrics, registry
):
    body = feed_bytes("wire-world.xml")

    def etag_feed(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            respond(handler, 304, headers={"ETag": '"v1"'})
        else:
            respond(
                handler,
                200,
                body,
                {
                    "Content-Type": "application/rss+xml",
                    "ETag": '"v1"',
                    "Last-Modified": "Tue, 05 Mar 2024 10:00:00 GMT",
                },
            )

    feed = Feed(url=scripted.route("/feed.xml", etag_feed), name="ETag feed")
    with SeenStore(settings.data_dir / STATE_FILE) as seen:
        with FeedPoller(settings, metrics, seen) as poller:
            assert len(poller.poll(feed)) == 2
        with FeedPoller(settings, metrics, seen) as poller:  # a restart: validators come from disk
            assert poller.poll(feed) == []
    first, second = scripted.requests_to("/feed.xml")
    assert "If-None-Match" not in first
    assert second["If-None-Match"] == '"v1"'
    assert second["If-Modified-Since"] == "Tue, 05 Mar 2024 10:00:00 GMT"
    assert "strikewatch/" in second["User-Agent"]
    assert value(registry, "strikewatch_feed_polls_total", outcome="not_modified") == 1
    assert value(registry, "strikewatch_feed_polls_total", outcome="ok") == 1


# --- failures: [] plus a metric and a warning naming the feed -------------------------


def slow(handler):
    time.sleep(1.5)
    respond(handler, 200, b"<rss/>")


def huge(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.end_headers()  # no Content-Length: the cap must stop the stream itself
    chunk = b"<!-- padding -->" * 4096
    for _ in range(10_000_000 // len(chunk)):
        handler.wfile.write(chunk)


def redirect_to(location: str):
    def handler(h):
        respond(h, 302, headers={"Location": location})

    return handler


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("not_xml", "parse_error"),
        ("html_page", "parse_error"),
        ("status_404", "http_status"),
        ("status_500", "http_status"),
        ("timeout", "timeout"),
        ("refused", "connection"),
        ("blocked", "blocked_address"),
        ("redirect_to_file", "blocked_address"),
        ("oversize", "too_large"),
        ("redirect_loop", "http_status"),
    ],
)
def test_bad_feed_yields_nothing_and_is_counted(
    case,
    reason,
    replay,
    scripted,
    refused_url,
    settings,
    metrics,
    registry,
    caplog,
):
    url = {
        "not_xml": lambda: replay.url("feeds/not-a-feed.txt"),
        "html_page": lambda: replay.url("pages/festival.html"),
        "status_404": lambda: replay.url("feeds/missing.xml"),
        "status_500": lambda: scripted.route("/500", lambda h: respond(h, 500, b"oops")),
        "timeout": lambda: scripted.route("/slow", slow),
        "refused": lambda: refused_url,
        "blocked": lambda: replay.url("feeds/wire-world.xml"),
        "redirect_to_file": lambda: scripted.route("/r", redirect_to("file:///etc/passwd")),
        "oversize": lambda: scripted.route("/huge", huge),
        "redirect_loop": lambda: scripted.route("/loop", redirect_to("/loop")),
    }[case]()
    if case == "blocked":
        settings = settings.model_copy(update={"allow_private_addresses": False})
    if case == "timeout":
        settings = settings.model_copy(update={"http_timeout_seconds": 0.3})
    feed = Feed(url=url, name=case)
    with (
        caplog.at_level(logging.WARNING),
        SeenStore(settings.data_dir / STATE_FILE) as seen,
        FeedPoller(settings, metrics, seen) as poller,
    ):
        assert poller.poll(feed) == []
    assert value(registry, "strikewatch_feed_polls_total", outcome="error") == 1
    assert value(registry, "strikewatch_failures_total", stage="poll", reason=reason) == 1
    warnings = [
        r for r in caplog.records if r.levelno == logging.WARNING and r.name == "strikewatch.producers.poller"
    ]
    assert len(warnings) == 1
    assert url in warnings[0].getMessage() and f"reason={reason}" in warnings[0].getMessage()


def test_redirect_hop_outside_the_allow_list_is_blocked(scripted, settings, metrics, registry, caplog):
    """The policy allows exactly the feed's server (as --demo allows its own); a redirect
    to another port of the same machine is checked at the hop and refused."""
    port = int(scripted.base_url.rsplit(":", 1)[1])
    with socket.socket() as other:  # a port where nothing listens
        other.bind(("127.0.0.1", 0))
        other_port = other.getsockname()[1]
    scripted.route("/internal", lambda h: respond(h, 200, feed_bytes("wire-world.xml")))
    url = scripted.route("/r", redirect_to(f"http://localhost:{other_port}/internal"))
    settings = settings.model_copy(
        update={"allow_private_addresses": False, "allowed_networks": f"127.0.0.1:{port}"}
    )
    with (
        caplog.at_level(logging.WARNING),
        SeenStore(settings.data_dir / STATE_FILE) as seen,
        FeedPoller(settings, metrics, seen) as poller,
    ):
        assert poller.poll(Feed(url=url)) == []
    assert len(scripted.requests) == 1  # the allowed server was asked; the hop was not taken
    assert (
        value(registry, "strikewatch_failures_total", stage="poll", reason="blocked_address") == 1
    )
    assert any(url in r.getMessage() and "localhost" in r.getMessage() for r in caplog.records)


def test_one_bad_feed_does_not_stop_the_others(replay, settings, metrics, registry):
    feeds = [Feed(url=replay.url("feeds/missing.xml")), *replay.feeds()]
    with (
        SeenStore(settings.data_dir / STATE_FILE) as seen,
        FeedPoller(settings, metrics, seen) as poller,
    ):
        assert len(poller.poll_all(feeds)) == 3
    assert value(registry, "strikewatch_feed_polls_total", outcome="error") == 1
    assert value(registry, "strikewatch_feed_polls_total", outcome="ok") == 2


def test_an_item_dated_outside_1900_2100_keeps_the_item_without_a_date():
    from datetime import UTC, datetime

    from strikewatch.producers.feedparse import parse_feed
    from strikewatch.producers.feeds import Feed

    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
           b"<item><title>old</title><link>https://example.org/old</link>"
           b"<pubDate>Fri, 01 Jan 2255 00:00:00 GMT</pubDate></item>"
           b"<item><title>new</title><link>https://example.org/new</link>"
           b"<pubDate>Thu, 02 May 2024 08:00:00 GMT</pubDate></item></channel></rss>")
    links = parse_feed(rss, Feed(url="https://example.org/rss"), datetime(2024, 5, 2, 9, tzinfo=UTC))
    assert [(link.title, link.published and link.published.year) for link in links] == [
        ("old", None), ("new", 2024)]
