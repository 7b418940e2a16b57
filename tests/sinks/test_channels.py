import io
import time
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from pydantic import SecretStr

from strikewatch.core.errors import UsageError
from strikewatch.core.netguard import NetworkPolicy
from strikewatch.core.records import Actor, Alert, Source, decode
from strikewatch.sinks.alerts import render_alert
from strikewatch.sinks.channels import (
    AppriseChannel,
    ConsoleChannel,
    DeliveryError,
    EmailChannel,
    Payload,
    SmtpConfig,
    WebhookChannel,
    build_channels,
)
from strikewatch.sinks.signing import sign, verify
from strikewatch.sinks.subscriptions import Subscription
from tests.sinks.receivers import Receiver, SmtpSink, sample_event

NOW = datetime(2023, 11, 22, 8, 0, tzinfo=UTC)


def payload(**overrides) -> Payload:
    alert = render_alert(sample_event(**overrides), NOW)
    return Payload(f"{alert.alert_id}:sub:c1", [alert])


def test_alert_names_what_where_and_casualties():
    alert = render_alert(sample_event(), NOW)
    assert alert.alert_id == "ev-1:1"
    assert "Missile attack" in alert.title and "Ain al-Asad Air Base" in alert.title
    assert "8 injured" in alert.title
    assert "Perpetrator: Iran-backed militants" in alert.text
    assert "https://example.org/a1" in alert.text


def test_update_alert_says_update_and_carries_revision():
    alert = render_alert(sample_event(status="update", revision=2, injured=11), NOW)
    assert alert.title.startswith("UPDATE: ")
    assert alert.alert_id == "ev-1:2"


def test_console_writes_one_json_line_per_alert():
    out = io.StringIO()
    ConsoleChannel(out).send(payload())
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert decode(Alert, lines[0]).event.injured == 8


#: The receivers of these tests listen on loopback: allowed explicitly, as an operator would.
LOCAL = NetworkPolicy.parse("loopback")


def test_signed_webhook_is_verified_by_the_receiver():
    secret = b"s3cret"
    with Receiver(secret=secret) as receiver:
        WebhookChannel(receiver.url, secret, policy=LOCAL).send(payload())
        with pytest.raises(DeliveryError, match="HTTP 401") as err:
            WebhookChannel(receiver.url, b"wrong secret", policy=LOCAL).send(payload())
    assert not err.value.retryable
    assert receiver.invalid == 1
    assert receiver.json()[0]["alert_id"] == "ev-1:1"
    headers = receiver.headers[0]
    assert headers["Idempotency-Key"] == "ev-1:1:sub:c1"
    assert headers["X-Strikewatch-Signature"].startswith("sha256=")


def test_signature_rejects_tampering_and_stale_timestamps():
    body, ts = b'{"a":1}', str(int(time.time()))
    sig = sign(b"k", ts, body)
    assert verify(b"k", ts, body, sig)
    assert not verify(b"k", ts, b'{"a":2}', sig)
    assert not verify(b"k", str(int(ts) - 1), body, sig)
    assert not verify(b"k", ts, body, sig, now=int(ts) + 301)
    assert not verify(b"k", None, body, sig)


def test_webhook_server_error_is_retryable_and_client_error_is_not():
    with Receiver(failures=1, status=503) as receiver:
        with pytest.raises(DeliveryError) as err:
            WebhookChannel(receiver.url, policy=LOCAL).send(payload())
        assert err.value.retryable
    with Receiver(failures=1, status=400) as receiver:
        with pytest.raises(DeliveryError, match="HTTP 400") as err:
            WebhookChannel(receiver.url, policy=LOCAL).send(payload())
        assert not err.value.retryable


def test_unreachable_webhook_fails_with_its_url():
    with pytest.raises(DeliveryError, match="127.0.0.1:9") as err:
        WebhookChannel("http://127.0.0.1:9/hook", timeout=1, policy=LOCAL).send(payload())
    assert err.value.retryable


def test_email_goes_through_a_real_smtp_server_as_text_and_escaped_html():
    smtp = SmtpSink()
    try:
        hostile = sample_event(perpetrator=Actor(name="<script>alert(1)</script> Brigade"),
                               sources=[Source(url="javascript:alert(1)", outlet="Evil <b>")])
        alert = render_alert(hostile, NOW)
        config = SmtpConfig(smtp.host, smtp.port, sender="alerts@example.org", security="none")
        EmailChannel("desk@example.org", config).send(Payload("k1", [alert]))
    finally:
        smtp.close()
    [(rcpt, msg)] = smtp.messages
    assert rcpt == ["desk@example.org"]
    assert "Missile attack" in msg["Subject"] and msg["X-Strikewatch-Key"] == "k1"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Perpetrator: <script>alert(1)</script> Brigade" in text
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "openstreetmap.org" in html


def test_email_to_an_unreachable_server_is_retryable():
    with pytest.raises(DeliveryError) as err:
        EmailChannel("a@example.org", SmtpConfig("127.0.0.1", 9, security="none", timeout=2)).send(payload())
    assert err.value.retryable


def test_apprise_json_url_reaches_a_local_receiver_with_escaped_markdown():
    with Receiver() as receiver:
        url = receiver.url.replace("http://", "json://")
        AppriseChannel(url, LOCAL).send(payload(perpetrator=Actor(name="*bold* [x](http://evil)")))
    [body] = receiver.json()
    assert "Missile attack" in body["title"]
    assert r"\*bold\* \[x\]\(http\:" in body["message"]


def test_apprise_failure_is_a_retryable_delivery_error():
    channel = AppriseChannel("json://127.0.0.1:9/hook", LOCAL)
    with pytest.raises(DeliveryError) as err:
        channel.send(payload())
    assert err.value.retryable and "apprise json" in str(err.value)


def test_build_channels_needs_the_webhook_secret_in_the_environment():
    sub = Subscription.model_validate({"id": "s", "channels": [
        {"type": "webhook+hmac", "url": "https://h.example.org/x", "secret_env": "HOOK_SECRET"}]})
    settings = SimpleNamespace(webhook_timeout_seconds=5, smtp_host="", smtp_password=SecretStr(""),
                               network_policy=LOCAL)
    with pytest.raises(UsageError, match="HOOK_SECRET"):
        build_channels(sub, settings, environ={})
    [channel] = build_channels(sub, settings, environ={"HOOK_SECRET": "x"})
    assert channel.secret == b"x" and channel.name == "webhook https://h.example.org/x"


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://2852039166/",
                                 "http://[::ffff:169.254.169.254]/", "http://100.100.100.200/"])
def test_a_webhook_to_the_metadata_address_is_refused_and_not_retried(url):
    with pytest.raises(DeliveryError, match="network policy") as err:
        WebhookChannel(url, policy=NetworkPolicy.parse("loopback,private")).send(payload())
    assert not err.value.retryable


def test_a_webhook_to_loopback_is_refused_by_the_default_policy_before_connecting():
    with Receiver() as receiver:
        with pytest.raises(DeliveryError, match="network policy") as err:
            WebhookChannel(receiver.url).send(payload())
    assert not err.value.retryable
    assert receiver.json() == []  # nothing reached the receiver


def test_a_webhook_allowed_by_address_and_port_reaches_only_that_port():
    with Receiver() as receiver, Receiver() as other:
        port = receiver.url.split(":")[2].split("/")[0]
        policy = NetworkPolicy.parse(f"127.0.0.1:{port}")
        WebhookChannel(receiver.url, policy=policy).send(payload())
        with pytest.raises(DeliveryError, match="network policy"):
            WebhookChannel(other.url, policy=policy).send(payload())
    assert len(receiver.json()) == 1 and other.json() == []


def test_a_self_hosted_apprise_url_follows_the_network_policy():
    with Receiver() as receiver:
        url = receiver.url.replace("http://", "json://")
        with pytest.raises(DeliveryError, match="network policy") as err:
            AppriseChannel(url).send(payload())
        assert not err.value.retryable
        with pytest.raises(DeliveryError, match="never connected to"):
            AppriseChannel("json://169.254.169.254/x", LOCAL).send(payload())
    assert receiver.json() == []
