"""What every request passes through: tokens, a rate limit per client, security headers, metrics.

One ASGI middleware (:class:`Guard`) so the order is plain: count and time the
request, answer 401 without a valid token (when tokens are configured), 429 when the
client has spent its budget, then let the route answer and add the headers.
"""

from __future__ import annotations

import hmac
import json
import math
import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qs, urlsplit

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Paths answered without a token: the probe, and the map page's own files (code and
#: outlines, no events; a browser cannot add a token to the scripts a page loads).
OPEN_PATHS = frozenset({"/healthz", "/"})
OPEN_PREFIX = "/static/"
#: Clients whose buckets are remembered; the oldest are forgotten past this.
MAX_CLIENTS = 10_000


class ApiMetrics:
    """The API's Prometheus families; labels are route templates and statuses only."""

    def __init__(self, registry: CollectorRegistry):
        self.registry = registry
        self.requests = Counter(
            "strikewatch_api_requests_total", "API requests by route template and HTTP status.",
            ["route", "status"], registry=registry)
        self.latency = Histogram(
            "strikewatch_api_request_duration_seconds",
            "Time to answer an API request (to the first byte of a stream), by route template.",
            ["route"], registry=registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5))
        self.stream_clients = Gauge(
            "strikewatch_api_stream_clients", "Server-Sent Events clients connected now.",
            registry=registry)
        self.rejected = Counter(
            "strikewatch_api_rejected_total",
            "Requests refused, by reason (bad_parameter, not_found, unauthorized, rate_limited, "
            "too_many_streams).", ["reason"], registry=registry)
        self.stream_dropped = Counter(
            "strikewatch_api_stream_dropped_total",
            "Stream clients disconnected because they did not keep up.", registry=registry)


class RateLimiter:
    """A token bucket per client: ``per_minute`` requests, refilled evenly."""

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.clock = clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self.lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds until it may."""
        now = self.clock()
        with self.lock:
            tokens, then = self.buckets.pop(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / self.rate
            self.buckets[client] = (tokens, now)
            while len(self.buckets) > MAX_CLIENTS:
                self.buckets.popitem(last=False)
            return wait


def content_security_policy(tile_url: str) -> str:
    """Only the page's own files; images also from data: URLs and the tile host, if any."""
    img = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0")
                         .replace("{y}", "0"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
        img += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src {img}; connect-src 'self'; font-src 'self'; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _json(status: int, message: str, headers: list[tuple[bytes, bytes]] = ()) -> tuple[Message, Message]:
    body = json.dumps({"error": message}).encode()
    start = {"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode()), *headers]}
    return start, {"type": "http.response.body", "body": body}


class Guard:
    def __init__(self, app: ASGIApp, routes, metrics: ApiMetrics, tokens: frozenset[str],
                 limiter: RateLimiter, csp: str):
        self.app = app
        self.routes = routes
        self.metrics = metrics
        self.tokens = [t.encode() for t in tokens]
        self.limiter = limiter
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    def _route(self, scope: Scope) -> str:
        for route in self.routes:
            match, _ = route.matches(scope)
            if match == Match.FULL:
                return getattr(route, "path", "other") or "other"
        return "unmatched"

    def _token(self, scope: Scope) -> bytes | None:
        for name, value in scope.get("headers", ()):
            if name == b"authorization" and value[:7].lower() == b"bearer ":
                return value[7:].strip()
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
        return given[0].encode() if given else None

    def _authorised(self, token: bytes | None) -> bool:
        # compare_digest against every token, so timing does not tell which one is close
        return token is not None and any([hmac.compare_digest(token, t) for t in self.tokens])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = self._route(scope)
        started = time.perf_counter()
        status_seen = [0]
        timed = [False]

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_seen[0] = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), *self.headers]}
            await send(message)
            if message["type"] == "http.response.start" and not timed[0]:
                timed[0] = True
                self.metrics.latency.labels(route=route).observe(time.perf_counter() - started)

        try:
            refusal = self._refusal(scope)
            if refusal is not None:
                start, body = refusal
                await send_wrapped(start)
                await send(body)
            else:
                await self.app(scope, receive, send_wrapped)
        finally:
            status = status_seen[0] or 500
            self.metrics.requests.labels(route=route, status=str(status)).inc()
            if status == 404:
                self.metrics.rejected.labels(reason="not_found").inc()

    def _refusal(self, scope: Scope) -> tuple[Message, Message] | None:
        token = self._token(scope)
        if scope["path"] in OPEN_PATHS or scope["path"].startswith(OPEN_PREFIX):
            return self._limited(scope, None)
        if self.tokens and not self._authorised(token):
            self.metrics.rejected.labels(reason="unauthorized").inc()
            return _json(401, "a valid API token is needed: send 'Authorization: Bearer <token>' "
                         "(or ?token=<token> where headers cannot be set)",
                         [(b"www-authenticate", b'Bearer realm="strikewatch"')])
        return self._limited(scope, token)

    def _limited(self, scope: Scope, token: bytes | None) -> tuple[Message, Message] | None:
        """429 when this client (its token, else its address) has spent its budget."""
        if scope["path"] == "/healthz":
            return None  # probes are never throttled
        client = token.decode("latin-1") if token and self.tokens else (scope.get("client") or ("?",))[0]
        wait = self.limiter.take(f"{'t' if token and self.tokens else 'a'}:{client}")
        if wait > 0:
            self.metrics.rejected.labels(reason="rate_limited").inc()
            return _json(429, f"too many requests from this client; try again in {math.ceil(wait)} s",
                         [(b"retry-after", str(math.ceil(wait)).encode())])
        return None
