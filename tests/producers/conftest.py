"""Fixtures for producer tests: settings, metrics, the test replay and a scripted HTTP server."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from strikewatch.core.settings import ProducerSettings
from strikewatch.replay import ReplayServer

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
REPLAY_DIR = RESOURCES / "replay"

Handler = Callable[[BaseHTTPRequestHandler], None]


def respond(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> None:
    """Send one complete response."""
    handler.send_response(status)
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class ScriptedServer:
    """A local HTTP server whose answer per path is a Python function; records requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class _Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.requests.append((self.path, dict(self.headers.items())))
                route = server.routes.get(urlsplit(self.path).path)
                if route is None:
                    respond(self, 404, b"not found")
                else:
                    route(self)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                logging.getLogger("tests.scripted").debug(format, *args)

        class _Server(ThreadingHTTPServer):
            daemon_threads = True
            block_on_close = False  # a handler sleeping past a timeout must not hold up the test

            def handle_error(self, request, client_address) -> None:
                # Clients that hang up early (size cap, timeout) break the pipe: expected here.
                logging.getLogger("tests.scripted").debug("client went away", exc_info=True)

        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, handler: Handler) -> str:
        """Answer GET ``path`` with ``handler``; return its absolute URL."""
        self.routes[path] = handler
        return self.url(path)

    def requests_to(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if urlsplit(p).path == path]

    def start(self) -> ScriptedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    server = ScriptedServer().start()
    yield server
    server.stop()


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    with ReplayServer(REPLAY_DIR) as server:
        yield server


@pytest.fixture
def settings(tmp_path: Path) -> ProducerSettings:
    return ProducerSettings(
        allow_private_addresses=True,
        data_dir=tmp_path / "data",
        http_timeout_seconds=1,
        max_body_bytes=1_000_000,
        fetch_concurrency=4,
        extract_workers=0,  # a thread: no process start-up in every test
        feed_parse_workers=0,  # the parser pool has its own tests (tests/security/test_hostile_feeds.py)
    )


@pytest.fixture
def refused_url() -> str:
    """A loopback URL on which nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"
