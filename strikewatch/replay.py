"""Serve a recorded replay directory over local HTTP.

A replay directory holds ``feeds.yaml`` (the feeds-file format, with ``url:``
values relative to the directory, e.g. ``feeds/wire-world.xml``) and the
recorded files (``feeds/*.xml``, ``pages/*.html``). In text files every
``{{BASE}}`` is replaced by the server's base URL, so recorded feeds can link
to recorded pages. Responses carry an ETag and Last-Modified and conditional
requests get 304, so the poller's conditional GET works against a replay.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import threading
from datetime import UTC
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from strikewatch.producers.feeds import BASE_PLACEHOLDER, Feed, load_feeds

log = logging.getLogger(__name__)

#: The bundled demo replay (package data).
DEMO_DIR = Path(__file__).with_name("demo")

#: Extensions whose content gets ``{{BASE}}`` replaced.
TEXT_SUFFIXES = frozenset(
    {".xml", ".rss", ".atom", ".html", ".htm", ".yaml", ".yml", ".json", ".txt"}
)

_CONTENT_TYPES = {
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".html": "text/html",
    ".htm": "text/html",
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
    ".json": "application/json",
    ".txt": "text/plain",
}


class ReplayServer:
    """A threaded HTTP server on 127.0.0.1 (free port) serving one replay directory.

    Use as a context manager, or call :meth:`start` and :meth:`stop`.
    """

    def __init__(self, directory: Path):
        self.directory = Path(directory).resolve()
        if not self.directory.is_dir():
            raise FileNotFoundError(f"{directory}: replay directory not found")
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @classmethod
    def demo(cls) -> ReplayServer:
        """A server for the bundled demo replay."""
        return cls(DEMO_DIR)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash); the server must be started."""
        if self._server is None:
            raise RuntimeError("ReplayServer is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        """Absolute URL of a path inside the replay directory."""
        return f"{self.base_url}/{path.lstrip('/')}"

    def feeds(self) -> list[Feed]:
        """The replay's feeds, with URLs pointing at this server."""
        return load_feeds(self.directory / "feeds.yaml", base_url=self.base_url)

    def start(self) -> ReplayServer:
        """Start serving in a background thread."""
        if self._server is not None:
            return self
        handler = type("Handler", (_ReplayHandler,), {"replay": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        # A short poll interval makes stop() quick (tests start and stop many servers).
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="replay-server",
            daemon=True,
        )
        self._thread.start()
        log.info("replay serving dir=%s url=%s", self.directory, self.base_url)
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        self._server = None
        self._thread = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def resolve(self, url_path: str) -> Path | None:
        """The file a request path names, or None (missing, a directory, or outside the replay)."""
        relative = unquote(urlsplit(url_path).path).lstrip("/")
        if not relative:
            return None
        candidate = (self.directory / relative).resolve()
        if not candidate.is_relative_to(self.directory) or not candidate.is_file():
            return None
        return candidate


class _ReplayHandler(BaseHTTPRequestHandler):
    replay: ReplayServer
    server_version = "strikewatch-replay"

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        self._serve(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        path = self.replay.resolve(self.path)
        if path is None:
            self.send_error(HTTPStatus.NOT_FOUND, "not in this replay")
            return
        body = path.read_bytes()
        if path.suffix.lower() in TEXT_SUFFIXES:
            body = body.replace(BASE_PLACEHOLDER.encode(), self.replay.base_url.encode())
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        mtime = int(path.stat().st_mtime)
        if self._not_modified(etag, mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", _content_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", formatdate(mtime, usegmt=True))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            # RFC 9110: If-None-Match takes precedence; weak comparison for GET.
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or etag in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return mtime <= since.timestamp()
        return False

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server API)
        log.debug("replay %s " + format, self.address_string(), *args)


def _content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return (
        _CONTENT_TYPES.get(suffix)
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )
