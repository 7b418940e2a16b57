"""SSRF: feeds and articles never reach loopback, private, link-local, CGNAT, ULA or cloud
metadata addresses — written in any form, reached by a redirect, or by DNS rebinding."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading

import pytest

from strikewatch.core import netguard
from strikewatch.core.records import Link
from strikewatch.core.timefmt import utcnow
from strikewatch.producers.feeds import Feed
from strikewatch.producers.fetcher import ArticleFetcher
from strikewatch.producers.http import (
    FetchError,
    afetch_bytes,
    make_async_client,
)
from strikewatch.producers.poller import FeedPoller
from strikewatch.producers.state import STATE_FILE, SeenStore
from tests.producers.conftest import respond

REFUSED = [
    "http://127.0.0.1/",
    "http://localhost/",
    "http://[::1]/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://100.64.0.1/",  # CGNAT
    "http://[fd00::1]/",  # IPv6 unique local
    "http://[fe80::1]/",  # IPv6 link-local
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped IPv6
    "http://[::ffff:169.254.169.254]/",
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
    "http://[2002:a9fe:a9fe::1]/",  # 6to4 of 169.254.169.254
    "http://0.0.0.0/",
    "http://0/",
    "http://2130706433/",  # decimal 127.0.0.1
    "http://0177.0.0.1/",  # octal
    "http://0x7f.0.0.1/",  # hex
    "http://127.1/",  # short form
    "http://224.0.0.1/",  # multicast
    "file:///etc/passwd",
    "ftp://example.org/feed.xml",
    "http://example.org:99999/feed.xml",  # invalid port: refused, not a crash
]


def poll_failures(registry, stage: str, reason: str) -> float:
    return (
        registry.get_sample_value("strikewatch_failures_total", {"stage": stage, "reason": reason})
        or 0
    )


def poll(settings, metrics, url: str):
    with (
        SeenStore(settings.data_dir / STATE_FILE) as seen,
        FeedPoller(settings, metrics, seen) as poller,
    ):
        return poller.poll(Feed(url=url))


def fetch(settings, metrics, url: str):
    link = Link(id="x", url=url, feed_url="https://news.example/feed.xml", discovered=utcnow())
    with ArticleFetcher(settings, metrics) as fetcher:
        return fetcher.fetch(link)


@pytest.mark.parametrize("url", REFUSED)
def test_refused_as_feed_and_as_article(url, guarded, metrics, registry):
    if url.startswith("http"):
        assert poll(guarded, metrics, url) == []
        assert poll_failures(registry, "poll", "blocked_address") == 1
    else:  # the feeds file already refuses other schemes
        with pytest.raises(ValueError, match="not an absolute http"):
            Feed(url=url)
    assert fetch(guarded, metrics, url) is None
    assert poll_failures(registry, "fetch", "blocked_address") == 1


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("::ffff:93.184.216.34", True),
        ("169.254.169.254", False),
        ("fd12::1", False),
        ("::ffff:10.0.0.1", False),
        ("64:ff9b::7f00:1", False),
        ("2002:c0a8:0101::1", False),
        ("fe80::1%eth0", False),
    ],
)
def test_address_policy(address, public):
    assert netguard.is_public(address) is public


class Listener:
    """A TCP listener on a loopback address that only counts connections: the internal service."""

    def __init__(self, host: str):
        self.sock = socket.create_server((host, 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.sock.settimeout(0.1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def internal():
    listener = Listener("127.0.0.2")
    yield listener
    listener.close()


@pytest.fixture
def outlet_is_public(monkeypatch):
    """127.0.0.1, where the scripted server runs, stands in for a public outlet; nothing else."""
    real = netguard.is_public
    monkeypatch.setattr(
        netguard,
        "is_public",
        lambda a: ipaddress.ip_address(str(a)) == ipaddress.ip_address("127.0.0.1") or real(a),
    )


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.2:{port}/admin",
        "http://2130706434:{port}/admin",  # 127.0.0.2, decimal
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[::1]:{port}/admin",
        "http://10.1.2.3/",
    ],
)
def test_redirect_to_an_internal_address_is_refused(
    target, scripted, internal, outlet_is_public, guarded, metrics, registry
):
    location = target.format(port=internal.port)
    feed = scripted.route("/feed.xml", lambda h: respond(h, 302, headers={"Location": location}))
    page = scripted.route("/a.html", lambda h: respond(h, 301, headers={"Location": location}))
    assert poll(guarded, metrics, feed) == []
    assert fetch(guarded, metrics, page) is None
    assert poll_failures(registry, "poll", "blocked_address") == 1
    assert poll_failures(registry, "fetch", "blocked_address") == 1
    assert internal.connections == 0
    assert len(scripted.requests) == 2  # the outlet itself was reached: the refusal is the hop


def rebinding(monkeypatch, answers: list[list[str]]) -> list[str]:
    """netguard.resolve answering ``answers`` in turn (the last one from then on); returns the log."""
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return answers[min(len(asked), len(answers)) - 1]

    monkeypatch.setattr(netguard, "resolve", resolve)
    return asked


def test_dns_rebinding_after_the_check_is_refused_at_connect(scripted, guarded, monkeypatch):
    """The check sees a public address, the connection would get loopback: refused, no request."""
    scripted.route("/feed.xml", lambda h: respond(h, 200, b"<rss/>"))
    port = scripted.base_url.rsplit(":", 1)[1]
    asked = rebinding(monkeypatch, [["93.184.216.34"], ["127.0.0.1"]])

    async def get():
        async with make_async_client(guarded) as client:
            return await afetch_bytes(client, f"http://localhost:{port}/feed.xml", guarded)

    with pytest.raises(FetchError) as caught:
        asyncio.run(get())
    assert caught.value.reason == "blocked_address"
    assert "127.0.0.1" in str(caught.value)
    assert len(asked) == 2  # once by check_url, once at connect
    assert scripted.requests == []


def test_an_answer_mixing_public_and_loopback_is_refused(scripted, guarded, monkeypatch):
    rebinding(monkeypatch, [["93.184.216.34", "127.0.0.1"]])
    port = scripted.base_url.rsplit(":", 1)[1]

    async def get():
        async with make_async_client(guarded) as client:
            return await afetch_bytes(client, f"http://news.example:{port}/", guarded)

    with pytest.raises(FetchError) as caught:
        asyncio.run(get())
    assert caught.value.reason == "blocked_address"
    assert scripted.requests == []


def test_the_connection_goes_to_the_checked_address(scripted, local, monkeypatch):
    """A name only our resolver knows is reached at the address it gave, with its own Host."""
    scripted.route("/feed.xml", lambda h: respond(h, 200, b"ok"))
    port = scripted.base_url.rsplit(":", 1)[1]
    rebinding(monkeypatch, [["127.0.0.1"]])

    async def get():
        async with make_async_client(local) as client:
            return await afetch_bytes(client, f"http://pinned.invalid:{port}/feed.xml", local)

    assert asyncio.run(get()).content == b"ok"
    assert scripted.requests[0][1]["Host"] == f"pinned.invalid:{port}"


NEVER_EVEN_WITH_THE_FLAG = [
    "http://169.254.169.254/latest/meta-data/iam/",
    "http://2852039166/latest/meta-data/",  # 169.254.169.254, decimal
    "http://[::ffff:169.254.169.254]/",
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 of 169.254.169.254
    "http://100.100.100.200/latest/meta-data/",  # Alibaba Cloud metadata
    "http://[fd00:ec2::254]/latest/meta-data/",  # AWS metadata over IPv6
    "http://[fe80::1]/",
    "http://0/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
]


@pytest.mark.parametrize("url", NEVER_EVEN_WITH_THE_FLAG)
def test_metadata_and_link_local_are_refused_even_with_the_flag(url):
    with pytest.raises(netguard.BlockedAddressError, match="never connected to|resolve"):
        netguard.NetworkPolicy.parse("loopback,private").check_url(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://localhost/", "http://10.0.0.1/",
                                 "http://192.168.1.1/", "http://[::1]/"])
def test_the_flag_still_opens_loopback_and_private_addresses(url):
    netguard.NetworkPolicy.parse("loopback,private").check_url(url)


@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/iam/",
                                    "http://2852039166/latest/meta-data/",
                                    "http://[::ffff:169.254.169.254]/"])
def test_an_allowed_local_server_cannot_redirect_to_the_metadata_address(
    target, scripted, local, metrics, registry, monkeypatch
):
    connected: list[str] = []
    real = netguard.NetworkPolicy.addresses

    def spy(self, host, port):
        addresses = real(self, host, port)
        connected.extend(addresses)
        return addresses

    monkeypatch.setattr(netguard.NetworkPolicy, "addresses", spy)
    feed = scripted.route("/feed.xml", lambda h: respond(h, 302, headers={"Location": target}))
    page = scripted.route("/a.html", lambda h: respond(h, 301, headers={"Location": target}))
    assert poll(local, metrics, feed) == []
    assert fetch(local, metrics, page) is None
    assert poll_failures(registry, "poll", "blocked_address") == 1
    assert poll_failures(registry, "fetch", "blocked_address") == 1
    assert all(not netguard.never_allowed(a) for a in connected), connected
    assert len(scripted.requests) == 2  # the local server was reached; the hop was refused
