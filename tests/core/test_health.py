import json
import urllib.error
import urllib.request

import pytest
from prometheus_client import CollectorRegistry

from strikewatch.core.health import Health, serve_health
from strikewatch.core.metrics import Metrics


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.fixture
def served():
    clock = Clock()
    health = Health(clock)
    registry = CollectorRegistry()
    Metrics(registry).events.labels(status="new").inc()
    server = serve_health(_free_port(), health, registry, addr="127.0.0.1")
    yield health, clock, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_metrics_are_served_from_the_given_registry(served):
    _, _, base = served
    status, body = get(base + "/metrics")
    assert status == 200
    assert b'strikewatch_events_total{status="new"} 1.0' in body


def test_a_loop_that_stops_beating_makes_healthz_fail(served):
    health, clock, base = served
    health.beat("fetcher", within_seconds=30)
    assert get(base + "/healthz")[0] == 200
    clock.now += 31
    status, body = get(base + "/healthz")
    assert status == 503
    assert "no heartbeat for 31s" in json.loads(body)["checks"]["fetcher"]
    health.stopped("fetcher")
    assert get(base + "/healthz")[0] == 200


def test_readyz_reports_the_failing_check(served):
    health, _, base = served
    state = {"ok": False}
    health.add_check("kafka", lambda: (state["ok"], "partitions assigned" if state["ok"] else "no partitions"))
    status, body = get(base + "/readyz")
    assert status == 503
    assert json.loads(body)["checks"]["kafka"] == "not ready: no partitions"
    state["ok"] = True
    assert get(base + "/readyz")[0] == 200


def test_a_crashing_check_is_not_ready_not_a_crash(served):
    health, _, base = served

    def broken():
        raise ConnectionError("broker down")

    health.add_check("kafka", broken)
    status, body = get(base + "/readyz")
    assert status == 503 and "broker down" in json.loads(body)["checks"]["kafka"]


def test_unknown_path_is_404(served):
    assert get(served[2] + "/nope")[0] == 404
