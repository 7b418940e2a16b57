"""The one network policy (strikewatch.core.netguard.NetworkPolicy): public addresses, plus
an explicit allow-list; metadata and link-local never, whatever the list says."""

from __future__ import annotations

import http.server
import textwrap
import threading

import pytest

from strikewatch.core.netguard import PUBLIC_ONLY, BlockedAddressError, NetworkPolicy, PolicyError
from strikewatch.sinks.subscriptions import SubscriptionsError, parse_subscriptions
from tests.cli.test_run_demo import run_cli

EVERYTHING = NetworkPolicy.parse("loopback,private,0.0.0.0/0,::/0")


@pytest.mark.parametrize("address", ["169.254.169.254", "100.100.100.200", "fd00:ec2::254",
                                     "::ffff:169.254.169.254", "0.0.0.0", "fe80::1", "224.0.0.1"])
def test_no_allow_list_opens_metadata_link_local_or_unspecified(address):
    assert not EVERYTHING.permits(address, 80)


def test_named_ranges_cidrs_and_address_port_entries():
    policy = NetworkPolicy.parse("loopback, 10.20.0.0/16, [::1]:8080, 192.168.1.5:9000")
    assert policy.permits("127.0.0.1", 1) and policy.permits("::1", 1)
    assert policy.permits("::ffff:127.0.0.1", 5)  # IPv4-mapped loopback is loopback
    assert policy.permits("10.20.3.4", 443) and not policy.permits("10.21.0.1", 443)
    assert policy.permits("192.168.1.5", 9000) and not policy.permits("192.168.1.5", 9001)
    assert policy.permits("8.8.8.8", 53)  # public addresses need no entry
    assert not PUBLIC_ONLY.permits("127.0.0.1", 80) and not PUBLIC_ONLY.permits("10.0.0.1", 80)


@pytest.mark.parametrize("spec", ["bogus", "10.0.0.0/33", "127.0.0.1:0", "127.0.0.1:99999",
                                  "localhost:80", "example.org"])
def test_an_unusable_entry_is_refused_with_its_text(spec):
    with pytest.raises(PolicyError, match="'"):
        NetworkPolicy.parse(spec)


def test_an_invalid_allowed_networks_setting_is_a_one_line_usage_error(tmp_path):
    result = run_cli("run", "--once", "--feeds", str(tmp_path / "x.yaml"),
                     env={"STRIKEWATCH_ALLOWED_NETWORKS": "loopback,10.0.0.0/40"})
    assert result.returncode == 2
    assert "STRIKEWATCH_ALLOWED_NETWORKS" in result.stderr and "10.0.0.0/40" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://[::1]/x", "http://localhost/x",
                                 "http://2130706433/x", "http://169.254.169.254/latest/",
                                 "http://[::ffff:169.254.169.254]/", "http://0/"])
def test_subscriptions_refuse_webhooks_to_local_or_metadata_addresses(url):
    doc = textwrap.dedent(f"""\
        subscriptions:
          - id: ops
            channels:
              - type: webhook
                url: "{url}"
        """)
    with pytest.raises(SubscriptionsError, match=r"subs\.yaml:5: .*url") as err:
        parse_subscriptions(doc, "subs.yaml")
    assert "network policy" in str(err.value) or "never connected to" in str(err.value)


def test_subscriptions_accept_an_allowed_local_webhook_but_never_the_metadata_address():
    doc = 'subscriptions:\n  - id: a\n    channels: [{{type: {t}, url: "{u}"}}]\n'
    local = NetworkPolicy.parse("loopback")
    parse_subscriptions(doc.format(t="webhook", u="http://127.0.0.1:9/hook"), "s.yaml", local)
    parse_subscriptions(doc.format(t="apprise", u="json://127.0.0.1:9/hook"), "s.yaml", local)
    parse_subscriptions(doc.format(t="apprise", u="slack://T1/B2/C3"), "s.yaml")  # vendor API
    with pytest.raises(SubscriptionsError, match="never connected to"):
        parse_subscriptions(doc.format(t="apprise", u="json://169.254.169.254/x"), "s.yaml", EVERYTHING)
    with pytest.raises(SubscriptionsError, match="network policy"):
        parse_subscriptions(doc.format(t="apprise", u="jsons://10.0.0.1/x"), "s.yaml")


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body><p>internal</p></body></html>")

    def log_message(self, *args):
        pass


def test_a_replay_allows_its_own_server_and_nothing_else(tmp_path):
    """A replayed feed that links to another local service: the link is refused, the
    replay's own pages are fetched (the process no longer opens every private address)."""
    internal = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=internal.serve_forever, daemon=True).start()
    port = internal.server_address[1]
    replay = tmp_path / "replay"
    (replay / "feeds").mkdir(parents=True)
    (replay / "pages").mkdir()
    (replay / "feeds.yaml").write_text("feeds:\n  - url: feeds/f.xml\n    name: F\n")
    (replay / "feeds" / "f.xml").write_text(textwrap.dedent(f"""\
        <?xml version="1.0"?><rss version="2.0"><channel><title>F</title>
        <item><title>own</title><link>{{{{BASE}}}}/pages/own.html</link></item>
        <item><title>internal</title><link>http://127.0.0.1:{port}/admin</link></item>
        <item><title>metadata</title><link>http://169.254.169.254/latest/meta-data/</link></item>
        </channel></rss>"""))
    body = "".join(f"<p>The harbour council met on day {n} to discuss the new ferry timetable, "
                   "the repairs to the eastern pier and the price of moorings.</p>" for n in range(8))
    (replay / "pages" / "own.html").write_text(
        f"<html><head><title>Ferry timetable</title></head><body><article><h1>Ferry timetable"
        f"</h1>{body}</article></body></html>")
    try:
        result = run_cli("run", "--replay", str(replay), "--once",
                         env={"STRIKEWATCH_DATA_DIR": str(tmp_path / "data")})
    finally:
        internal.shutdown()
        internal.server_close()
    assert result.returncode == 0, result.stderr[-2000:]
    assert _Recorder.hits == []
    assert f"127.0.0.1:{port}/admin" in result.stderr and "blocked_address" in result.stderr
    assert "169.254.169.254" in result.stderr
    assert "articles=1" in result.stderr  # the replay's own page was fetched


def test_a_literal_in_any_spelling_is_checked_and_a_name_is_left_to_connect_time(monkeypatch):
    from strikewatch.core import netguard

    with pytest.raises(BlockedAddressError):
        PUBLIC_ONLY.check_literal("2852039166", 80)  # 169.254.169.254
    with pytest.raises(BlockedAddressError):
        PUBLIC_ONLY.check_literal("localhost", 80)

    def no_dns(host, port):
        raise AssertionError(f"resolved {host}")

    monkeypatch.setattr(netguard, "resolve", no_dns)
    PUBLIC_ONLY.check_literal("hooks.example.org", 443)  # configuration is checked offline


def test_the_plain_webhook_setting_follows_the_policy_too(tmp_path):
    """STRIKEWATCH_WEBHOOK_URL (no subscriptions file) to the metadata address: one line, exit 2."""
    env = {"STRIKEWATCH_DATA_DIR": str(tmp_path), "STRIKEWATCH_ALLOWED_NETWORKS": "loopback,private",
           "STRIKEWATCH_WEBHOOK_URL": "http://169.254.169.254/latest/meta-data/"}
    result = run_cli("run", "--demo", "--once", env=env)
    assert result.returncode == 2, result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert "STRIKEWATCH_WEBHOOK_URL" in last and "never connected to" in last
    assert result.stdout == ""
