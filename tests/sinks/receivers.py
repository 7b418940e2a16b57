"""Real local services the channels talk to: an HTTP receiver and an SMTP sink."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from strikewatch.core.records import Actor, Event, Location, Source
from strikewatch.sinks.signing import verify


def sample_event(**overrides) -> Event:
    fields = dict(
        event_id="ev-1", id="a1", event_type="missile_attack", weapon="ballistic missile",
        date=date(2023, 11, 21), confidence=0.9,
        location=Location(name="Ain al-Asad Air Base", admin1="Al Anbar", country="IQ",
                          lat=33.7856, lon=42.4412, precision="site"),
        perpetrator=Actor(name="Iran-backed militants"), injured=8, killed=0,
        sources=[Source(url="https://example.org/a1", outlet="Example Times", article_id="a1")],
        first_seen=datetime.now(UTC),
    )
    fields.update(overrides)
    return Event(**fields)


class Receiver:
    """A local webhook receiver.

    Its first ``failures`` answers are ``status``; with ``secret`` it verifies the
    signature of each request (``invalid`` counts the ones that fail, answered 401);
    ``on_request(n)`` runs before the n-th request (1-based) is answered.
    """

    def __init__(self, failures: int = 0, status: int = 503, secret: bytes = b"",
                 delay: float = 0.0, on_request: Callable[[int], None] | None = None):
        self.bodies: list[bytes] = []
        self.headers: list[dict] = []
        self.received_at: list[float] = []
        self.requests = 0
        self.invalid = 0
        self.failures = failures
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.lock:
                    receiver.requests += 1
                    n = receiver.requests
                if on_request:
                    try:
                        on_request(n)
                    except ConnectionAbortedError:
                        self.close_connection = True  # hang up without an answer
                        return
                if delay:
                    time.sleep(delay)
                with receiver.lock:
                    if secret and not verify(secret, self.headers.get("X-Strikewatch-Timestamp"), body,
                                             self.headers.get("X-Strikewatch-Signature")):
                        receiver.invalid += 1
                        code = 401
                    elif receiver.failures > 0:
                        receiver.failures -= 1
                        code = status
                    else:
                        receiver.bodies.append(body)
                        receiver.headers.append(dict(self.headers))
                        receiver.received_at.append(time.time())
                        code = 204
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def json(self) -> list[dict]:
        return [json.loads(b) for b in self.bodies]

    def keys(self) -> list[str]:
        return [h["Idempotency-Key"] for h in self.headers]

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> Receiver:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SmtpSink:
    """aiosmtpd on a free loopback port, keeping every message it accepts."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append((envelope.rcpt_tos,
                                      message_from_bytes(envelope.content, policy=policy.default)))
                return "250 OK"

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        self.controller.start()
        self.host, self.port = "127.0.0.1", port

    def close(self) -> None:
        self.controller.stop()
