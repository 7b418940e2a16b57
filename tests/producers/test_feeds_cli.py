"""`strikewatch feeds`: OPML round trip, add/list/remove/import/export, check and discover."""

from __future__ import annotations

import asyncio
import io
import time

import pytest

from strikewatch.cli import build_parser
from strikewatch.cli.feeds import feeds_command
from strikewatch.core.errors import UsageError
from strikewatch.producers.discover import alternate_feeds
from strikewatch.producers.feeds import Feed, load_feeds
from strikewatch.producers.opml import OpmlError, from_opml, to_opml
from strikewatch.producers.poller import FeedPoller
from strikewatch.producers.state import STATE_FILE, SeenStore
from strikewatch.producers.watch import watch
from tests.producers.conftest import respond


def run(settings, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = feeds_command(build_parser().parse_args(["feeds", *argv]), settings, out)
    return code, out.getvalue()


def test_opml_round_trip():
    feeds = [
        Feed(url="https://a.example/rss", name="A & B", region="global"),
        Feed(url="https://b.example/atom"),
    ]
    back = from_opml(to_opml(feeds))
    assert [(f.url, f.name) for f in back] == [
        ("https://a.example/rss", "A & B"),
        ("https://b.example/atom", ""),
    ]


def test_opml_nested_folders_and_errors():
    doc = """<opml version="1.0"><body><outline text="World"><outline text="W" xmlUrl="https://w.example/rss"/>
    <outline text="bad" xmlUrl="ftp://x"/></outline><outline text="dup" xmlUrl="https://w.example/rss"/></body></opml>"""
    assert [f.url for f in from_opml(doc)] == ["https://w.example/rss"]
    with pytest.raises(OpmlError, match="not OPML"):
        from_opml("<rss/>")
    with pytest.raises(OpmlError, match="not valid XML"):
        from_opml("<opml>")


def test_add_list_export_import_remove(settings, tmp_path):
    path = tmp_path / "feeds.yaml"
    assert (
        run(settings, "add", "https://a.example/rss", "--name", "A", "--feeds", str(path))[0] == 0
    )
    code, out = run(settings, "add", "https://a.example/rss", "--feeds", str(path))
    assert "0 added, 1 already listed" in out
    code, out = run(settings, "list", "--feeds", str(path))
    assert "new" in out and "https://a.example/rss (A)" in out
    code, opml = run(settings, "export", "--feeds", str(path))
    (tmp_path / "x.opml").write_text(opml)
    other = tmp_path / "other.yaml"
    run(settings, "import", str(tmp_path / "x.opml"), "--feeds", str(other))
    assert [(f.url, f.name) for f in load_feeds(other)] == [("https://a.example/rss", "A")]
    run(settings, "add", "https://b.example/rss", "--feeds", str(path))
    assert run(settings, "remove", "https://a.example/rss", "--feeds", str(path))[0] == 0
    assert [f.url for f in load_feeds(path)] == ["https://b.example/rss"]
    with pytest.raises(UsageError, match="no feed with URL"):
        run(settings, "remove", "https://zzz.example/", "--feeds", str(path))
    with pytest.raises(UsageError, match="not an absolute"):
        run(settings, "add", "a.example/rss", "--feeds", str(path))


def test_check_reports_without_marking_items_seen(replay, settings, tmp_path):
    feeds = replay.feeds()
    path = tmp_path / "feeds.yaml"
    for feed in feeds:
        run(settings, "add", feed.url, "--feeds", str(path))
    run(settings, "add", replay.url("feeds/missing.xml"), "--feeds", str(path))
    code, out = run(settings, "check", "--feeds", str(path))
    assert code == 1 and "2 of 3 feeds ok" in out and "http_status" in out
    with SeenStore(settings.data_dir / STATE_FILE) as seen:
        assert len(seen) == 0


def test_discover_finds_announced_feeds(scripted, settings):
    scripted.route(
        "/rss.xml",
        lambda h: respond(
            h,
            200,
            b"<rss version='2.0'><channel><title>Site news</title></channel></rss>",
            {"Content-Type": "application/rss+xml"},
        ),
    )
    page = b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head></html>'
    url = scripted.route("/", lambda h: respond(h, 200, page, {"Content-Type": "text/html"}))
    code, out = run(settings, "discover", url)
    assert code == 0 and out.strip() == f"{scripted.url('/rss.xml')}\tSite news"
    assert alternate_feeds(page.decode(), "https://s.example/x/") == ["https://s.example/rss.xml"]


def test_watch_polls_each_feed_on_its_own_schedule(scripted, settings, metrics):
    body = b"<rss version='2.0'><channel><title>T</title></channel></rss>"
    ok = scripted.route(
        "/ok.xml", lambda h: respond(h, 200, body, {"Content-Type": "application/rss+xml"})
    )
    gone = scripted.route("/gone.xml", lambda h: respond(h, 410))
    busy = scripted.route("/busy.xml", lambda h: respond(h, 429, headers={"Retry-After": "3600"}))
    settings = settings.model_copy(
        update={"poll_min_interval_seconds": 0.1, "poll_max_interval_seconds": 0.2}
    )
    deadline = time.monotonic() + 1.5
    with (
        SeenStore(settings.data_dir / STATE_FILE) as seen,
        FeedPoller(settings, metrics, seen) as poller,
    ):
        asyncio.run(
            watch(
                poller,
                [Feed(url=u) for u in (ok, gone, busy)],
                lambda links: None,
                lambda: time.monotonic() > deadline,
                tick=0.05,
            )
        )
        assert poller.state.health(busy).next_poll is not None
    assert len(scripted.requests_to("/ok.xml")) >= 4
    assert len(scripted.requests_to("/gone.xml")) == 1  # retired
    assert len(scripted.requests_to("/busy.xml")) == 1  # Retry-After: an hour
