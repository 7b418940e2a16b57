"""Through a real uvicorn socket: the SSE stream (live, filtered, resumed), the Atom feed, the page."""

from __future__ import annotations

import json
import threading
import time
from datetime import date

import httpx
from lxml import etree

from strikewatch.api.atom import entry_id
from tests.api.conftest import event

ATOM = "{http://www.w3.org/2005/Atom}"


def read_messages(response: httpx.Response, count: int) -> list[dict]:
    """The next ``count`` SSE messages (id, event, data) of an open stream."""
    messages, current = [], {}
    for line in response.iter_lines():
        if line == "":
            if "data" in current:
                messages.append(current)
                if len(messages) == count:
                    return messages
            current = {}
        elif not line.startswith(":"):
            name, _, value = line.partition(":")
            current[name] = value.removeprefix(" ")
    return messages


def wait_for_subscribers(server, n: int) -> None:
    """Until the stream handler has registered ``n`` clients (bounded, not a timing assertion)."""
    deadline = time.monotonic() + 10
    while len(server.app.state.feed.subscribers) < n:
        assert time.monotonic() < deadline, "the stream never registered its client"
        time.sleep(0.01)


def test_stream_delivers_new_revisions_that_pass_the_filter(live, archive):
    with httpx.Client(base_url=live.url, timeout=10) as c, \
            c.stream("GET", "/api/v1/stream", params={"country": "IQ"}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        assert r.headers["content-security-policy"].startswith("default-src 'self'")
        wait_for_subscribers(live, 1)
        archive.store(event("ev-kyiv", "drone_attack", date(2024, 7, 1), "Kyiv", "UA", 50.45, 30.52))
        archive.store(event("ev-mosul", "bombing", date(2024, 7, 1), "Mosul", "IQ", 36.34, 43.13))
        archive.store(event("ev-mosul", "bombing", date(2024, 7, 1), "Mosul", "IQ", 36.34, 43.13,
                            killed=4, revision=2, status="update"))
        first, second = read_messages(r, 2)
    assert first["event"] == "event" and second["event"] == "event"
    assert int(first["id"]) < int(second["id"])
    a, b = json.loads(first["data"]), json.loads(second["data"])
    assert (a["event_id"], a["status"], a["revision"]) == ("ev-mosul", "new", 1)
    assert (b["event_id"], b["status"], b["revision"], b["killed"]) == ("ev-mosul", "update", 2, 4)


def test_stream_resumes_after_last_event_id_with_only_later_revisions(live, archive):
    start = archive.last_seq()
    for n in range(3):
        archive.store(event(f"ev-r{n}", "bombing", date(2024, 8, n + 1), "Basra", "IQ", 30.5, 47.8))
    with httpx.Client(base_url=live.url, timeout=10) as c:
        with c.stream("GET", "/api/v1/stream", headers={"Last-Event-ID": str(start)}) as r:
            got = read_messages(r, 3)
        assert [json.loads(m["data"])["event_id"] for m in got] == ["ev-r0", "ev-r1", "ev-r2"]
        with c.stream("GET", "/api/v1/stream", headers={"Last-Event-ID": got[0]["id"]}) as r:
            wait_for_subscribers(live, 1)
            archive.store(event("ev-r3", "bombing", date(2024, 8, 9), "Basra", "IQ", 30.5, 47.8))
            later = read_messages(r, 3)
        assert [json.loads(m["data"])["event_id"] for m in later] == ["ev-r1", "ev-r2", "ev-r3"]
        # the query parameter does the same for clients that cannot set the header
        with c.stream("GET", "/api/v1/stream", params={"last_event_id": got[1]["id"]}) as r:
            assert [json.loads(m["data"])["event_id"] for m in read_messages(r, 2)] == ["ev-r2", "ev-r3"]
        bad = c.get("/api/v1/stream", headers={"Last-Event-ID": "abc"})
        assert bad.status_code == 400 and "Last-Event-ID" in bad.json()["error"]


def test_stream_clients_beyond_the_limit_get_503(archive, page_dir):
    from prometheus_client import CollectorRegistry

    from strikewatch.api.app import create_app
    from strikewatch.api.server import BackgroundServer, free_port
    from strikewatch.core.settings import ApiSettings

    app = create_app(archive.db, ApiSettings(api_max_stream_clients=1, api_poll_seconds=0.05),
                     CollectorRegistry(), static_dir=page_dir)
    server = BackgroundServer(app, "127.0.0.1", free_port()).start()
    server.app = app
    try:
        with httpx.Client(base_url=server.url, timeout=10) as c, c.stream("GET", "/api/v1/stream") as r:
            assert r.status_code == 200
            wait_for_subscribers(server, 1)
            second = c.get("/api/v1/stream")
            assert second.status_code == 503 and "STRIKEWATCH_API_MAX_STREAM_CLIENTS" in second.json()["error"]
            assert "strikewatch_api_stream_clients 1.0" in c.get("/metrics").text
    finally:
        server.stop()


def test_a_client_that_does_not_read_is_dropped_not_waited_for(archive):
    """The poller never blocks on a full queue: the slow client's stream ends instead."""
    import asyncio

    from strikewatch.api import stream as stream_module
    from strikewatch.api.stream import ChangeFeed
    from strikewatch.sinks.eventquery import EventFilter

    async def scenario():
        feed = ChangeFeed(archive, 0.05)
        await feed.start()
        slow = feed.revisions(EventFilter(), None)
        fast = feed.revisions(EventFilter(), None)
        # Both register on their first step; each then waits for the next revision.
        slow_first = asyncio.ensure_future(slow.__anext__())
        fast_first = asyncio.ensure_future(fast.__anext__())
        await asyncio.sleep(0)
        for n in range(stream_module.QUEUE_SIZE + 5):
            archive.store(event(f"ev-q{n}", "bombing", None, None))
        await feed.poll()
        assert (await fast_first)[1].event_id == "ev-q0"
        assert (await slow_first)[1].event_id == "ev-q0"  # the first one was queued before the overflow
        rest = [item async for item in slow]  # ended by the drop, not by new revisions
        assert feed.dropped_total == 2  # neither read while the poller filled their queues
        assert len(rest) == 0
        await feed.stop()

    asyncio.run(scenario())


def test_atom_feed_is_valid_with_stable_ids_and_updated_on_revision(live, archive):
    with httpx.Client(base_url=live.url, timeout=10) as c:
        r = c.get("/feed.atom", params={"country": "IQ"})
        assert r.headers["content-type"].startswith("application/atom+xml")
        root = etree.fromstring(r.content)
        assert root.tag == f"{ATOM}feed"
        entries = {e.findtext(f"{ATOM}id"): e for e in root.findall(f"{ATOM}entry")}
        assert set(entries) == {entry_id("ev-asad"), entry_id("ev-baghdad")}
        before = entries[entry_id("ev-asad")].findtext(f"{ATOM}updated")
        time.sleep(0.002)  # archive times are ISO with microseconds: let the clock move on
        archive.store(event("ev-asad", "missile_attack", date(2023, 11, 21), "Ain al-Asad Air Base", "IQ",
                            33.7856, 42.4412, injured=11, revision=2, status="update",
                            summary="Control\x01 characters\x0b are dropped from the feed."))
        root = etree.fromstring(c.get("/feed.atom", params={"country": "IQ"}).content)
        entries = {e.findtext(f"{ATOM}id"): e for e in root.findall(f"{ATOM}entry")}
        after = entries[entry_id("ev-asad")]
        assert after.findtext(f"{ATOM}updated") > before
        assert "Control characters are dropped" in after.findtext(f"{ATOM}summary")
        assert c.get("/feed.atom", params={"type": "nonsense"}).status_code == 400


def test_the_page_is_served_with_a_strict_content_security_policy(live):
    with httpx.Client(base_url=live.url, timeout=10) as c:
        for path in ("/", "/static/a.js", "/api/v1/events"):
            r = c.get(path)
            assert r.status_code == 200, path
            csp = r.headers["content-security-policy"]
            assert "default-src 'self'" in csp and "script-src 'self';" in csp
            assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["referrer-policy"] == "no-referrer"
            assert r.headers["x-frame-options"] == "DENY"
        assert c.get("/").headers["content-type"].startswith("text/html")
        assert c.get("/static/../conftest.py").status_code == 404


def test_many_clients_at_once_each_get_the_revision(live, archive):
    results: list[list[dict]] = [[] for _ in range(5)]

    def listen(i: int) -> None:
        with httpx.Client(base_url=live.url, timeout=10) as c, c.stream("GET", "/api/v1/stream") as r:
            results[i] = read_messages(r, 1)

    threads = [threading.Thread(target=listen, args=(i,)) for i in range(5)]
    for t in threads:
        t.start()
    wait_for_subscribers(live, 5)
    archive.store(event("ev-all", "bombing", date(2024, 9, 1), "Erbil", "IQ", 36.19, 44.01))
    for t in threads:
        t.join(15)
    assert [[json.loads(m["data"])["event_id"] for m in r] for r in results] == [["ev-all"]] * 5
