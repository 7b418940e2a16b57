"""Liveness, readiness and metrics over HTTP, one small server per service.

* ``/metrics`` — Prometheus exposition of the service's registry;
* ``/healthz`` — 200 while every work loop of the service has reported within its
  own deadline (a stuck or dead loop makes it 503, so an orchestrator restarts it);
* ``/readyz`` — 200 when every readiness check passes (e.g. connected to Kafka,
  partitions assigned, lag below a bound), else 503 with the failing checks.

Both health answers are JSON: ``{"status": "ok"|"fail", "checks": {name: detail}}``.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import REGISTRY, CollectorRegistry
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest

log = logging.getLogger(__name__)

Check = Callable[[], tuple[bool, str]]


class Health:
    """What a service reports about itself: loop heartbeats and readiness checks."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._beats: dict[str, tuple[float, float]] = {}  # loop -> (last beat, allowed silence)
        self._checks: dict[str, Check] = {}
        self._stopped: set[str] = set()

    def beat(self, loop: str, within_seconds: float = 60.0) -> None:
        """Loop ``loop`` is alive and promises to beat again within ``within_seconds``."""
        with self._lock:
            self._beats[loop] = (self._clock(), within_seconds)

    def stopped(self, loop: str) -> None:
        """Loop ``loop`` ended on purpose (e.g. ``--once``): no longer expected to beat."""
        with self._lock:
            self._beats.pop(loop, None)
            self._stopped.add(loop)

    def add_check(self, name: str, check: Check) -> None:
        """Register a readiness check returning ``(ok, detail)``."""
        self._checks[name] = check

    def live(self) -> tuple[bool, dict[str, str]]:
        now = self._clock()
        with self._lock:
            beats = dict(self._beats)
        result = {}
        ok = True
        for loop, (last, allowed) in beats.items():
            silent = now - last
            if silent > allowed:
                ok = False
                result[loop] = f"no heartbeat for {silent:.0f}s (allowed {allowed:.0f}s)"
            else:
                result[loop] = f"ok ({silent:.0f}s ago)"
        return ok, result

    def ready(self) -> tuple[bool, dict[str, str]]:
        ok, result = self.live()
        for name, check in self._checks.items():
            try:
                passed, detail = check()
            except Exception as exc:  # a failing check is an answer, not a crash
                passed, detail = False, f"{type(exc).__name__}: {exc}"
            ok = ok and passed
            result[name] = detail if passed else f"not ready: {detail}"
        return ok, result


def _handler(registry: CollectorRegistry, health: Health):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                self._send(200, generate_latest(registry), CONTENT_TYPE_LATEST)
            elif path in ("/healthz", "/readyz"):
                ok, checks = health.live() if path == "/healthz" else health.ready()
                body = json.dumps({"status": "ok" if ok else "fail", "checks": checks}).encode()
                self._send(200 if ok else 503, body, "application/json")
            else:
                self._send(404, b"not found: try /metrics, /healthz or /readyz\n", "text/plain")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            log.debug("health %s", format % args)

    return Handler


def serve_health(
    port: int,
    health: Health,
    registry: CollectorRegistry | None = None,
    addr: str = "0.0.0.0",
) -> ThreadingHTTPServer | None:
    """Serve /metrics, /healthz and /readyz on ``port`` in a daemon thread (0: not at all)."""
    if not port:
        return None
    server = ThreadingHTTPServer((addr, port), _handler(registry or REGISTRY, health))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="health-http", daemon=True).start()
    log.info("metrics and health listening port=%s", server.server_port)
    return server
