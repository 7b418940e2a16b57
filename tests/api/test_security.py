"""Tokens off loopback, the per-client rate limit, and the same queries on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from strikewatch.api.guard import RateLimiter
from strikewatch.api.server import check_exposure, parse_address
from strikewatch.core.errors import UsageError
from strikewatch.sinks.archive import Archive
from strikewatch.sinks.db import open_database
from tests.api.conftest import fill, make_client
from tests.api.test_events import FILTER_CASES


def test_a_non_loopback_address_needs_tokens():
    for host in ("0.0.0.0", "192.0.2.10", "::", "example.org"):
        with pytest.raises(UsageError, match="STRIKEWATCH_API_TOKENS"):
            check_exposure(host, frozenset())
        check_exposure(host, frozenset({"s3cret"}))
    for host in ("127.0.0.1", "::1", "localhost", "127.0.0.2"):
        check_exposure(host, frozenset())
    assert parse_address(":8080") == ("127.0.0.1", 8080)
    assert parse_address("0.0.0.0:9000") == ("0.0.0.0", 9000)
    assert parse_address("[::1]:9000") == ("::1", 9000)
    for bad in ("8080", "host:", "host:99999", "host:http"):
        with pytest.raises(UsageError, match="HOST:PORT"):
            parse_address(bad)


def test_serve_refuses_to_start_off_loopback_without_tokens(tmp_path):
    env = {**os.environ, "STRIKEWATCH_DATA_DIR": str(tmp_path), "STRIKEWATCH_API_TOKENS": ""}
    r = subprocess.run([sys.executable, "-m", "strikewatch.cli", "serve", "--host", "0.0.0.0"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 2
    assert "not a loopback address" in r.stderr and "STRIKEWATCH_API_TOKENS" in r.stderr


def test_with_tokens_every_route_but_healthz_and_the_page_files_needs_one(archive, page_dir):
    with make_client(archive.db, page_dir, api_tokens="alpha,beta") as c:
        r = c.get("/api/v1/events")
        assert r.status_code == 401 and "Bearer" in r.json()["error"]
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert c.get("/api/v1/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/v1/events", headers={"Authorization": "Bearer beta"}).status_code == 200
        assert c.get("/api/v1/events?token=alpha&country=IQ").status_code == 200
        assert c.get("/feed.atom?token=alpha").status_code == 200
        assert c.get("/metrics").status_code == 401
        assert c.get("/api/v1/config").status_code == 401
        # the page and its scripts hold no events, and a browser cannot add a token to them
        assert c.get("/").status_code == 200 and c.get("/static/a.js").status_code == 200
        assert c.get("/healthz").status_code == 200
        metrics = c.get("/metrics", headers={"Authorization": "Bearer alpha"}).text
        assert 'strikewatch_api_rejected_total{reason="unauthorized"} 4.0' in metrics


def test_the_token_parameter_is_only_accepted_alongside_tokens_not_as_a_filter(archive):
    with make_client(archive.db) as c:
        assert c.get("/api/v1/events?token=anything").status_code == 200  # ignored without tokens


def test_a_client_over_its_rate_gets_429_with_retry_after(archive):
    with make_client(archive.db, api_rate_per_minute=3, api_tokens="a,b") as c:
        statuses = [c.get("/api/v1/events", headers={"Authorization": "Bearer a"}).status_code
                    for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        r = c.get("/api/v1/events", headers={"Authorization": "Bearer a"})
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "try again" in r.json()["error"]
        # another client has a budget of its own
        assert c.get("/api/v1/events", headers={"Authorization": "Bearer b"}).status_code == 200


def test_the_bucket_refills_with_time():
    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])  # one a second
    assert all(limiter.take("c") == 0 for _ in range(60))
    assert limiter.take("c") == pytest.approx(1.0)
    now[0] = 2.5
    assert limiter.take("c") == 0 and limiter.take("c") == 0 and limiter.take("c") > 0


def test_the_same_queries_on_postgresql(postgres_db_url):
    db = open_database(postgres_db_url, None)
    try:
        fill(Archive(db))
        with make_client(db) as c:
            for query, expected in FILTER_CASES.items():
                got = [e["event_id"] for e in c.get(f"/api/v1/events?{query}").json()["events"]]
                assert got == expected, query
            first = c.get("/api/v1/events?limit=4").json()
            rest = c.get(f"/api/v1/events?limit=4&cursor={first['next_cursor']}").json()
            assert [e["event_id"] for e in first["events"] + rest["events"]] == FILTER_CASES[""]
            assert rest["next_cursor"] is None
            assert c.get("/api/v1/events/ev-asad").json()["event"]["event_id"] == "ev-asad"
        archive = Archive(db)
        seq = archive.last_seq()
        assert seq == 7 and [s for s, _ in archive.changes_after(5)] == [6, 7]
        fill(archive)  # a replay stores nothing new
        assert archive.last_seq() == 7
    finally:
        db.close()
