import io
import json
import threading
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from prometheus_client import CollectorRegistry

from sinks.alerts import render_alert
from sinks.channels import ConsoleChannel, DeliveryError, Dispatcher, WebhookChannel
from strikewatch.metrics import Metrics
from strikewatch.records import Actor, Alert, Event, Location, Source, decode

NOW = datetime(2023, 11, 22, 8, 0, tzinfo=UTC)


def sample_event(**overrides) -> Event:
    fields = dict(
        event_id="ev-1", id="a1", event_type="missile_attack", weapon="ballistic missile",
        date=date(2023, 11, 21),
        location=Location(name="Ain al-Asad Air Base", admin1="Al Anbar", country="IQ",
                          lat=33.7856, lon=42.4412, precision="site"),
        perpetrator=Actor(name="Iran-backed militants"), injured=8, killed=0,
        sources=[Source(url="https://example.org/a1", article_id="a1")],
    )
    fields.update(overrides)
    return Event(**fields)


class Receiver:
    """A local webhook receiver whose first ``failures`` answers are ``status``."""

    def __init__(self, failures: int = 0, status: int = 503):
        self.bodies: list[bytes] = []
        self.headers: list[dict] = []
        self.failures = failures
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.failures > 0:
                    receiver.failures -= 1
                    self.send_response(status)
                else:
                    receiver.bodies.append(body)
                    receiver.headers.append(dict(self.headers))
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def metrics():
    return Metrics(CollectorRegistry())


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
    ConsoleChannel(out).send(render_alert(sample_event(), NOW))
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert decode(Alert, lines[0]).event.injured == 8


def test_webhook_retries_until_the_receiver_accepts(metrics):
    receiver = Receiver(failures=2)
    try:
        channel = WebhookChannel(receiver.url, retries=3, backoff_seconds=0.01)
        Dispatcher([channel], metrics).dispatch(render_alert(sample_event(), NOW))
    finally:
        receiver.close()
    assert len(receiver.bodies) == 1
    assert json.loads(receiver.bodies[0])["alert_id"] == "ev-1:1"
    assert receiver.headers[0]["Idempotency-Key"] == "ev-1:1"
    assert metrics.registry.get_sample_value(
        "strikewatch_alerts_total", {"channel": "webhook", "outcome": "sent"}) == 1


def test_webhook_gives_up_after_last_retry_and_other_channels_still_get_it(metrics):
    receiver = Receiver(failures=10)
    out = io.StringIO()
    try:
        channels = [WebhookChannel(receiver.url, retries=1, backoff_seconds=0.01), ConsoleChannel(out)]
        ok = Dispatcher(channels, metrics).dispatch(render_alert(sample_event(), NOW))
    finally:
        receiver.close()
    assert not ok
    assert len(out.getvalue().splitlines()) == 1
    assert metrics.registry.get_sample_value(
        "strikewatch_alerts_total", {"channel": "webhook", "outcome": "failed"}) == 1
    assert metrics.registry.get_sample_value(
        "strikewatch_failures_total", {"stage": "alert", "reason": "delivery_failed"}) == 1


def test_webhook_client_error_is_not_retried():
    receiver = Receiver(failures=1, status=400)
    try:
        with pytest.raises(DeliveryError, match="HTTP 400"):
            WebhookChannel(receiver.url, retries=3, backoff_seconds=0.01).send(
                render_alert(sample_event(), NOW))
        assert receiver.failures == 0 and receiver.bodies == []
    finally:
        receiver.close()


def test_unreachable_webhook_fails_with_its_url():
    with pytest.raises(DeliveryError, match="127.0.0.1:9"):
        WebhookChannel("http://127.0.0.1:9/hook", retries=0, timeout=1).send(
            render_alert(sample_event(), NOW))
