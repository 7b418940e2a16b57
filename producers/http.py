"""Guarded HTTP GET shared by the feed poller and the article fetcher.

Feed and article URLs are untrusted, so every request (and every redirect hop)
passes :func:`strikewatch.netguard.check_url`, bodies are capped at
``settings.max_body_bytes`` while streaming, and the whole request has a time
limit. Every failure becomes a :class:`FetchError` whose ``reason`` is one of
:data:`strikewatch.metrics.FAILURE_REASONS`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import httpx

from strikewatch.netguard import BlockedAddressError, check_url
from strikewatch.settings import ProducerSettings

log = logging.getLogger(__name__)

#: Redirect hops followed before giving up.
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL could not be fetched; ``reason`` is a metrics failure reason.

    ``status`` is the HTTP status of an error response (410 retires a feed,
    429/503 slow it down) and ``retry_after`` its Retry-After header, if any.
    """

    def __init__(
        self,
        reason: str,
        url: str,
        message: str,
        status: int | None = None,
        retry_after: str | None = None,
    ):
        self.reason = reason
        self.url = url
        self.status = status
        self.retry_after = retry_after
        super().__init__(message)


@dataclass(frozen=True)
class FetchResult:
    """A response whose body was read completely (within the size cap)."""

    url: str
    """The final URL, after redirects."""
    status: int
    headers: httpx.Headers
    content: bytes
    moved_to: str | None = None
    """Where the requested URL permanently moved (its leading 301/308 hops), if it did."""

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ('' when absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset parameter of Content-Type, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None


def make_client(settings: ProducerSettings) -> httpx.Client:
    """An HTTP client with the producers' time limit and User-Agent."""
    return httpx.Client(
        timeout=settings.http_timeout_seconds,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
    )


def make_async_client(settings: ProducerSettings, connections: int = 100) -> httpx.AsyncClient:
    """An asyncio HTTP client: keep-alive pool, HTTP/2 where the server offers it (ALPN).

    gzip and deflate are always decoded; brotli when the ``brotli`` package is
    installed (a dependency), since httpx then advertises ``br`` itself.
    """
    return httpx.AsyncClient(
        timeout=settings.http_timeout_seconds,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
        http2=_has_h2(),
        limits=httpx.Limits(
            max_connections=connections,
            max_keepalive_connections=connections,
            keepalive_expiry=30,
        ),
    )


def _has_h2() -> bool:
    try:
        import h2  # noqa: F401
    except ImportError:  # pragma: no cover - h2 is a dependency; degrade to HTTP/1.1
        return False
    return True


def fetch_bytes(
    client: httpx.Client,
    url: str,
    settings: ProducerSettings,
    headers: Mapping[str, str] | None = None,
    content_types: Collection[str] | None = None,
) -> FetchResult:
    """GET ``url`` with the guards applied; return 2xx and 304 responses.

    ``content_types``, when given, lists the acceptable media types (a missing
    Content-Type header is accepted; the parser decides). Raises
    :class:`FetchError` for a blocked address, a timeout, a connection
    failure, an HTTP error status, a redirect loop, a refused content type or
    a body larger than ``settings.max_body_bytes``.
    """
    hops = _Hops(url, settings, headers)
    while True:
        current = hops.next_url()
        with _errors(url, current, settings):
            remaining = max(hops.deadline - time.monotonic(), 0.001)
            request = client.build_request("GET", current, headers=hops.headers, timeout=remaining)
            response = client.send(request, stream=True, follow_redirects=False)
            try:
                result = _inspect(response, current, settings, content_types)
                if result is None:
                    hops.redirect(response)
                    continue
                chunks = _Capped(current, settings, hops.deadline)
                for chunk in response.iter_bytes():
                    chunks.add(chunk)
                return hops.done(result, chunks.content())
            finally:
                response.close()


async def afetch_bytes(
    client: httpx.AsyncClient,
    url: str,
    settings: ProducerSettings,
    headers: Mapping[str, str] | None = None,
    content_types: Collection[str] | None = None,
) -> FetchResult:
    """:func:`fetch_bytes` for asyncio: same guards, same errors."""
    hops = _Hops(url, settings, headers)
    while True:
        current = hops.next_url()
        if not settings.allow_private_addresses:
            # check_url resolves the host: keep the blocking lookup off the event loop.
            await asyncio.to_thread(hops.check, current)
        with _errors(url, current, settings):
            remaining = max(hops.deadline - time.monotonic(), 0.001)
            request = client.build_request("GET", current, headers=hops.headers, timeout=remaining)
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                result = _inspect(response, current, settings, content_types)
                if result is None:
                    hops.redirect(response)
                    continue
                chunks = _Capped(current, settings, hops.deadline)
                async for chunk in response.aiter_bytes():
                    chunks.add(chunk)
                return hops.done(result, chunks.content())
            finally:
                await response.aclose()


class _Hops:
    """The redirect chain of one fetch: guard each hop, note permanent moves."""

    def __init__(
        self, url: str, settings: ProducerSettings, headers: Mapping[str, str] | None
    ) -> None:
        self.url = url
        self.settings = settings
        self.headers = {"User-Agent": settings.user_agent, **(headers or {})}
        self.deadline = time.monotonic() + settings.http_timeout_seconds
        self.current = url
        self.count = 0
        self.moved_to: str | None = None
        self._permanent = True  # while every hop so far was 301/308
        self._checked: str | None = None

    def check(self, current: str) -> None:
        try:
            check_url(current, self.settings.allow_private_addresses)
        except BlockedAddressError as exc:
            raise FetchError("blocked_address", self.url, str(exc)) from None
        self._checked = current

    def next_url(self) -> str:
        if self.count > MAX_REDIRECTS:
            raise FetchError(
                "http_status",
                self.url,
                f"more than {MAX_REDIRECTS} redirects (last: {self.current})",
            )
        if self._checked != self.current:
            self.check(self.current)
        return self.current

    def redirect(self, response: httpx.Response) -> None:
        location = str(response.next_request.url)  # type: ignore[union-attr]
        log.debug(
            "redirect url=%s status=%s location=%s", self.current, response.status_code, location
        )
        self._permanent = self._permanent and response.status_code in (301, 308)
        if self._permanent:
            self.moved_to = location
        self.current = location
        self.count += 1

    def done(self, result: FetchResult, content: bytes) -> FetchResult:
        moved = self.moved_to if self.moved_to not in (None, self.url) else None
        return FetchResult(result.url, result.status, result.headers, content, moved)


class _errors:  # noqa: N801 - used as a lower-case context manager
    """Turn httpx exceptions into :class:`FetchError` naming the URL."""

    def __init__(self, url: str, current: str, settings: ProducerSettings):
        self.url, self.current, self.settings = url, current, settings

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None or isinstance(exc, FetchError):
            return False
        url, current = self.url, self.current
        if isinstance(exc, httpx.TimeoutException):
            raise FetchError(
                "timeout",
                url,
                f"no complete response within {self.settings.http_timeout_seconds:g}s from {current}",
            ) from None
        if isinstance(exc, httpx.DecodingError):
            raise FetchError(
                "parse_error", url, f"cannot decode the body of {current}: {exc}"
            ) from None
        if isinstance(exc, httpx.InvalidURL):
            raise FetchError("connection", url, f"invalid URL {current!r}: {exc}") from None
        if isinstance(exc, httpx.RequestError | httpx.RemoteProtocolError):
            raise FetchError(
                "connection", url, f"cannot connect to {current}: {exc or type(exc).__name__}"
            ) from None
        return False


def _inspect(
    response: httpx.Response,
    url: str,
    settings: ProducerSettings,
    content_types: Collection[str] | None,
) -> FetchResult | None:
    """Check status, type and declared size; ``None`` for a redirect to follow."""
    if response.is_redirect and response.next_request is not None:
        return None
    result = FetchResult(str(response.url), response.status_code, response.headers, b"")
    if response.status_code == 304:
        return result
    if not response.is_success:
        raise FetchError(
            "http_status",
            url,
            f"HTTP {response.status_code} {response.reason_phrase} from {url}",
            status=response.status_code,
            retry_after=response.headers.get("retry-after"),
        )
    if (
        content_types is not None
        and result.content_type
        and result.content_type not in content_types
    ):
        raise FetchError(
            "bad_content_type",
            url,
            f"content type {result.content_type!r} from {url} is not accepted",
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_body_bytes:
        raise FetchError(
            "too_large",
            url,
            f"{url} declares {declared} bytes, more than the {settings.max_body_bytes} allowed",
        )
    return result


class _Capped:
    """Collects a (decoded) body, stopping past the size cap or the deadline."""

    def __init__(self, url: str, settings: ProducerSettings, deadline: float):
        self.url, self.limit, self.deadline = url, settings.max_body_bytes, deadline
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        # Chunks are decompressed data, so the cap also stops compression bombs.
        self.size += len(chunk)
        if self.size > self.limit:
            raise FetchError(
                "too_large", self.url, f"{self.url} sent more than the {self.limit} bytes allowed"
            )
        # The client timeout limits each read; this limits a server that trickles bytes.
        if time.monotonic() > self.deadline:
            raise httpx.ReadTimeout("body not complete before the deadline")
        self.chunks.append(chunk)

    def content(self) -> bytes:
        return b"".join(self.chunks)
