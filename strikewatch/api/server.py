"""Serving the API with uvicorn: in the foreground (`strikewatch serve`) or in a thread
beside the pipeline (`strikewatch run --serve`), after the address check."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import threading
import time

import uvicorn

from strikewatch.core.errors import UsageError

log = logging.getLogger(__name__)


def parse_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` or ``:PORT`` (127.0.0.1) as (host, port); UsageError otherwise."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 1 <= int(port) <= 65535:
        raise UsageError(f"--serve {text!r}: expected HOST:PORT or :PORT, e.g. 127.0.0.1:8080")
    host = host.strip("[]") or "127.0.0.1"
    return host, int(port)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, tokens: frozenset[str]) -> None:
    """Off loopback the API must ask for a token: refuse to start without one."""
    if not is_loopback(host) and not tokens:
        raise UsageError(
            f"refusing to serve the API on {host}, which is not a loopback address, without tokens: "
            "set STRIKEWATCH_API_TOKENS (comma-separated secrets clients send as 'Authorization: "
            "Bearer <token>'), or listen on 127.0.0.1"
        )


def _config(app, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                          lifespan="on", timeout_graceful_shutdown=2, proxy_headers=False)


def serve(app, host: str, port: int) -> None:
    """Serve until interrupted (SIGINT/SIGTERM)."""
    server = uvicorn.Server(_config(app, host, port))
    log.info("api serving url=http://%s:%d/", host, port)
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot bind
        pass
    if not server.started:
        raise UsageError(f"could not serve on {host}:{port} (in use, or not an address of this machine)")


class BackgroundServer:
    """The API in a thread of its own, for the runner; ``stop()`` ends it."""

    def __init__(self, app, host: str, port: int):
        self.server = uvicorn.Server(_config(app, host, port))
        self.server.install_signal_handlers = lambda: None  # the runner owns the signals
        self.host, self.port = host, port
        self.thread = threading.Thread(target=self._run, name="strikewatch-api", daemon=True)
        self.error: BaseException | None = None

    def _run(self) -> None:
        try:
            asyncio.run(self.server.serve())
        except BaseException as exc:  # noqa: BLE001 - reported by start()
            self.error = exc

    def start(self, timeout: float = 15.0) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise UsageError(f"could not serve the API on {self.host}:{self.port} "
                                 "(in use, or not an address of this machine)")
            time.sleep(0.05)
        return self

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]
